//! What each fuzz target checks, shared by the cargo-fuzz targets in
//! `fuzz/` (nightly, libFuzzer) and by `fuzz_regressions.rs`, which replays
//! the seeds and every past finding with a plain `cargo test` on stable.
//!
//! Each check panics when the property does not hold; any other panic in
//! the code under test is a finding too.

#![allow(dead_code)] // each fuzz target uses one of these

use fujin_core::commerce::{Order, OrderId, OrderStatus, ReferralCode, VoucherCode};
use fujin_core::commerce::{OrderParams, check_handoff_room, handoff_link, return_page};
use fujin_core::commerce::{decode_order, encode_order};
use fujin_core::feed::limits::MAX_KEPT_PROBLEMS;
use fujin_core::feed::load_feed;
use fujin_core::feed::{FeedReader, load_value, parse_document};
use fujin_core::geo::{Crs, LonLat};
use fujin_core::model::{MAX_LINK_LEN, OpeningHours, PayProvider, check_handed_off_link, check_pay_link};

/// What a target checks on one input: panics when the property fails.
pub type Check = fn(&[u8]);

/// The fuzz targets, by name: `fuzz/fuzz_targets/<name>.rs`, `fuzz/seeds/<name>/`,
/// `fuzz/regressions/<name>/`.
pub const TARGETS: [(&str, Check); 6] = [
    ("feed", feed),
    ("reader", reader),
    ("pay_link", pay_link),
    ("stored_order", stored_order),
    ("datums", datums),
    ("pack", pack),
];

/// Any bytes as a feed: no panic, and whatever loads is safe to show.
pub fn feed(data: &[u8]) {
    let Ok(loaded) = load_feed(data) else { return };
    assert!(loaded.problems.len() <= MAX_KEPT_PROBLEMS);
    assert!(loaded.problem_count >= loaded.problems.len());
    assert!(loaded.rejected <= loaded.problem_count);
    assert_sound(&loaded.feed);
}

/// What any feed Fujin reads must keep, JSON or packed: valid positions,
/// ids and names, prices in order, and links that pass the allowlist again
/// as stored, with room to be handed off.
pub fn assert_sound(feed: &fujin_core::feed::Feed) {
    for merchant in &feed.merchants {
        assert!(merchant.position.is_valid(), "{:?}", merchant.position);
        assert!(!merchant.id.is_empty() && !merchant.name.is_empty());
        // Opening hours read from any text answer for every minute, no panic.
        if let Some(hours) = merchant.opening_hours.as_deref().and_then(OpeningHours::parse) {
            let _ = (0..24 * 60).step_by(7).filter(|&m| hours.is_open_at(m)).count();
        }
        for deal in &merchant.deals {
            assert!(deal.price.get() >= 1 && deal.price <= deal.original_price);
            for link in &deal.pay {
                let again = check_pay_link(link.provider(), link.as_str(), &feed.checkout_hosts);
                assert_eq!(again.as_ref(), Ok(link));
                assert_eq!(check_handoff_room(link, &feed.order_params), Ok(()));
            }
        }
    }
}

/// Any bytes as a packed feed (after a first byte that sets the step size):
/// no panic; reading in steps gives what reading whole gives; whatever is
/// read keeps the model's rules (links through the allowlist, with room for
/// hand-off) and packs again to a file that reads back the same.
pub fn pack(data: &[u8]) {
    use fujin_core::pack::{PackReader, PackedFeed, pack_feed, read_pack};
    let Some((&step, bytes)) = data.split_first() else { return };
    let whole = read_pack(bytes);
    // In steps, as the app reads it: the merchants, then the index's build.
    let stepped = PackReader::new(bytes).and_then(|mut reader| {
        while !reader.step(usize::from(step) + 1)? {}
        let (feed, index) = reader.finish()?;
        let index = index.map(|mut build| {
            while !build.step() {}
            build.finish()
        });
        Ok(PackedFeed { feed, index })
    });
    assert_eq!(stepped, whole);
    let Ok(read) = whole else { return };
    assert_sound(&read.feed);
    assert_index_exact(&read);
    assert_eq!(read_pack(&pack_feed(&read.feed)).map(|again| again.feed).as_ref(), Ok(&read.feed));
}

/// A packed feed's index, whatever shape the file gave it, answers as a
/// scan of the feed's positions does (probed at each of the first merchants
/// and a point off them).
pub fn assert_index_exact(read: &fujin_core::pack::PackedFeed) {
    use fujin_core::geo::{LonLat, distance_m};
    let Some(index) = &read.index else { return };
    let positions = read.feed.positions();
    assert_eq!(index.len(), positions.len());
    let probes = positions.iter().take(4).copied().chain([LonLat::new(114.05, 22.54)]);
    for from in probes {
        for radius_m in [0.0, 800.0, 30_000.0] {
            // In ascending order, as built.
            let want: Vec<u32> = (0..positions.len() as u32)
                .filter(|&i| distance_m(from, positions[i as usize]) <= radius_m)
                .collect();
            let mut got: Vec<u32> = index.within_radius(from, radius_m).iter().map(|h| h.index).collect();
            got.sort_unstable();
            assert_eq!(got, want);
            got.clear();
            index.ids_within_radius(from, radius_m, &mut got);
            got.sort_unstable();
            assert_eq!(got, want);
        }
        let nearest = index.nearest(from, 3);
        let mut all: Vec<f64> = positions.iter().map(|&p| distance_m(from, p)).collect();
        all.sort_by(f64::total_cmp);
        assert_eq!(nearest.iter().map(|h| h.distance_m).collect::<Vec<_>>(), all[..nearest.len()]);
        assert_eq!(nearest.len(), positions.len().min(3));
    }
}

/// Reading in steps (the step size from the first byte) gives exactly what
/// a whole parse gives, errors included.
pub fn reader(data: &[u8]) {
    let Some((&step, text)) = data.split_first() else { return };
    let step = usize::from(step) * 3 + 1;
    let whole = parse_document(text).and_then(|doc| load_value(&doc));
    let stepped = FeedReader::new(text).and_then(|mut reader| {
        while !reader.step(step)? {}
        reader.finish()
    });
    assert_eq!(stepped, whole);
}

/// A link as a feed gives it, handed off with any order parameters and
/// return URL: what passes at load always passes at hand-off, and what is
/// handed off passes the allowlist.
///
/// Input: a provider byte, then lines: link, return URL, three parameter
/// names (an empty line for none), referral code.
pub fn pay_link(data: &[u8]) {
    let Some((&which, rest)) = data.split_first() else { return };
    let provider = PayProvider::ALL[usize::from(which) % PayProvider::ALL.len()];
    let text = String::from_utf8_lossy(rest);
    let mut lines = text.split('\n');
    let mut next = || lines.next().unwrap_or("");
    let (raw, back) = (next(), next());
    let mut name = || Some(next().to_owned()).filter(|n| !n.is_empty());
    let params = OrderParams { order_id: name(), return_url: name(), referral: name() };
    let hosts = ["shop.example.com".to_owned(), "pay.example.com".to_owned()];
    let Ok(link) = check_pay_link(provider, raw, &hosts) else { return };
    assert!(link.as_str().len() <= MAX_LINK_LEN);
    // What is kept is the parser's own form, whether or not the parser ran
    // (plain links skip it): parsed again, it is unchanged.
    let parsed = url::Url::parse(link.as_str()).expect("a checked link parses");
    assert_eq!(parsed.as_str(), link.as_str());
    if check_handoff_room(&link, &params).is_err() {
        return;
    }
    let order = Order { provider, referral: ReferralCode::parse(next()), ..an_order() };
    let handed =
        handoff_link(&link, &order, &params, back, &hosts).expect("a link checked at load hands off");
    assert!(handed.as_str().len() <= MAX_LINK_LEN);
    // What Fujin filled in (its return page in the parser's form, the
    // order id, the referral) is Fujin's, whatever the feed named it.
    let (ours, id) = (return_page(back).unwrap_or_default(), order.id.to_string());
    let filled = [ours.as_str(), id.as_str(), order.referral.as_ref().map_or("", |r| r.as_str())];
    assert_eq!(check_handed_off_link(provider, handed.as_str(), &hosts, &filled).as_ref(), Ok(&handed));
}

/// Any stored entry: no panic, and an order read back stores as itself.
///
/// Input: the storage key, a newline, the stored text.
pub fn stored_order(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let (key, entry) = text.split_once('\n').unwrap_or(("", &text));
    let Ok(order) = decode_order(key, entry) else { return };
    assert_eq!(decode_order(key, &encode_order(&order)), Ok(order));
}

/// Any two numbers as a position in any datum: conversions give valid
/// positions and never panic.
///
/// Input: 16 bytes, longitude and latitude as little-endian `f64`.
pub fn datums(data: &[u8]) {
    let Some(bytes) = data.get(..16) else { return };
    let number = |b: &[u8]| f64::from_le_bytes(b.try_into().unwrap_or([0; 8]));
    let p = LonLat::new(number(&bytes[..8]), number(&bytes[8..]));
    if !p.is_valid() {
        return;
    }
    let all = [Crs::Wgs84, Crs::Gcj02, Crs::Bd09];
    for from in all {
        for to in all {
            let q = from.convert(p, to);
            assert!(q.lon.is_finite() && q.lat.is_finite(), "{from:?} → {to:?}: {p:?} gave {q:?}");
        }
    }
}

fn an_order() -> Order {
    let now = time::OffsetDateTime::UNIX_EPOCH;
    Order {
        id: OrderId::from_random_bytes([7; 16]),
        deal_id: "d1".into(),
        merchant_id: "m1".into(),
        deal_title: "T".into(),
        merchant_name: "M".into(),
        quantity: 1,
        unit_price: fujin_core::model::Fen(100),
        total: fujin_core::model::Fen(100),
        provider: PayProvider::Checkout,
        created_at: now,
        valid_until: now,
        status: OrderStatus::Pending,
        confirmable: false,
        referral: None,
        voucher: VoucherCode::from_random_bytes([0; 8]),
    }
}
