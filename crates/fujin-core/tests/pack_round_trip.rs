//! Packed feeds: what `pack_feed` writes, `read_pack` reads back equal to
//! the loaded feed; and a damaged or forged file is refused with an error,
//! never a panic, and never yields a feed that breaks the model's rules.

// Native only: its dev-dependencies are not built for wasm32 (see Cargo.toml).
#![cfg(not(target_arch = "wasm32"))]

mod fuzz_checks;

use fujin_core::demo::{DemoOptions, demo_feed};
use fujin_core::feed::{Feed, load_feed, load_value};
use fujin_core::geo::Crs;
use fujin_core::index::SpatialIndex;
use fujin_core::pack::{PackError, PackedFeed, is_pack, pack_feed, read_pack};
use proptest::prelude::*;

/// What reading a pack of `feed` must give: the feed, and an index of the
/// very shape a bulk load of its positions has.
fn packed(feed: &Feed) -> PackedFeed {
    PackedFeed { feed: feed.clone(), index: Some(SpatialIndex::new(&feed.positions())) }
}

/// Where the section table entry with `tag` starts in a pack (the table
/// follows the 16-byte header, 12 bytes an entry).
fn table_entry(pack: &[u8], tag: &[u8; 4]) -> usize {
    let count = u32::from_le_bytes(pack[12..16].try_into().unwrap()) as usize;
    (0..count).map(|i| 16 + 12 * i).find(|&e| &pack[e..e + 4] == tag).expect("section")
}

/// The byte range of the section with `tag` in a pack.
fn section(pack: &[u8], tag: &[u8; 4]) -> std::ops::Range<usize> {
    let entry = table_entry(pack, tag);
    let offset = u32::from_le_bytes(pack[entry + 4..entry + 8].try_into().unwrap()) as usize;
    let len = u32::from_le_bytes(pack[entry + 8..entry + 12].try_into().unwrap()) as usize;
    offset..offset + len
}

fn demo(seed: u64, merchants: usize, crs: Crs) -> Feed {
    let doc = demo_feed(&DemoOptions { seed, merchants, max_deals: 4, deals_every: 1, crs });
    load_value(&doc).expect("demo feeds load").feed
}

#[test]
fn the_example_feeds_round_trip() {
    for path in ["../../docs/examples/feed.json", "../../docs/examples/every-problem.json"] {
        let bytes = std::fs::read(path).expect("example feed");
        let feed = load_feed(&bytes).expect("example loads").feed;
        let packed = pack_feed(&feed);
        assert!(is_pack(&packed));
        assert_eq!(read_pack(&packed), Ok(self::packed(&feed)), "{path}");
    }
}

/// Merchant ids and deal ids are unique each among their own, as in JSON.
#[test]
fn a_deal_may_share_its_merchants_id() {
    let json = br#"{"version": 1, "merchants": [{"id": "x", "name": "A", "category": "food", "lat": 22.5, "lon": 114.0,
        "deals": [{"id": "x", "title": "T", "price": 100, "original_price": 200}]}]}"#;
    let feed = load_feed(json).unwrap().feed;
    assert_eq!(feed.deal_count(), 1);
    assert_eq!(read_pack(&pack_feed(&feed)), Ok(packed(&feed)));
}

/// Times keep their instant, their sub-second digits and their offset.
#[test]
fn times_round_trip_with_offsets_and_fractions() {
    let json = br#"{"version": 1, "merchants": [{"id": "m", "name": "A", "category": "food", "lat": 22.5, "lon": 114.0,
        "deals": [{"id": "d", "title": "T", "price": 100, "original_price": 200,
                   "starts_at": "2026-12-01T10:00:00.123456789+08:00", "ends_at": "2027-01-01T00:00:00Z"}]}]}"#;
    let feed = load_feed(json).unwrap().feed;
    let deal = &feed.merchants[0].deals[0];
    assert!(deal.starts_at.is_some() && deal.ends_at.is_some());
    let back = read_pack(&pack_feed(&feed)).unwrap().feed;
    let again = &back.merchants[0].deals[0];
    assert_eq!(again.starts_at.map(|t| (t, t.offset())), deal.starts_at.map(|t| (t, t.offset())));
    assert_eq!(again.ends_at.map(|t| (t, t.offset())), deal.ends_at.map(|t| (t, t.offset())));
}

#[test]
fn an_empty_feed_round_trips() {
    let feed = Feed::default();
    assert_eq!(read_pack(&pack_feed(&feed)), Ok(packed(&feed)));
}

#[test]
fn json_is_not_a_pack() {
    assert!(!is_pack(b"{\"version\": 1}"));
    assert_eq!(read_pack(b"{\"version\": 1}"), Err(PackError::NotAPack));
    assert_eq!(read_pack(b""), Err(PackError::NotAPack));
}

#[test]
fn a_newer_version_is_refused_by_name() {
    let mut packed = pack_feed(&demo(1, 3, Crs::Wgs84));
    packed[8] = 2;
    assert_eq!(read_pack(&packed), Err(PackError::Version(2)));
}

/// Every prefix of a pack is refused (none is a complete feed), without panic.
#[test]
fn every_truncation_is_refused() {
    let packed = pack_feed(&demo(3, 4, Crs::Gcj02));
    for len in 0..packed.len() {
        assert!(read_pack(&packed[..len]).is_err(), "a pack cut at {len} bytes was read");
    }
}

/// A count that claims more items than the bytes hold is refused before
/// anything is allocated for them.
#[test]
fn a_huge_count_allocates_nothing() {
    let feed = demo(4, 2, Crs::Wgs84);
    let packed = pack_feed(&feed);
    // The merchant count is the first u32 of the MRCH section.
    let offset = section(&packed, b"MRCH").start;
    let mut forged = packed.clone();
    forged[offset..offset + 4].copy_from_slice(&u32::MAX.to_le_bytes());
    assert!(matches!(read_pack(&forged), Err(PackError::Corrupted(_))));
}

/// A pack without its INDX section (a writer that leaves it out, as version
/// 1 allows) reads the same feed with no index; the catalog bulk loads one.
#[test]
fn a_pack_without_an_index_still_reads() {
    let feed = demo(5, 30, Crs::Wgs84);
    let mut pack = pack_feed(&feed);
    let entry = table_entry(&pack, b"INDX");
    // Rename it: readers skip tags they do not know.
    pack[entry..entry + 4].copy_from_slice(b"XXXX");
    let read = read_pack(&pack).unwrap();
    assert_eq!((&read.feed, read.index.is_none()), (&feed, true));
    let catalog = fujin_core::index::CatalogBuilder::new(read.feed).finish();
    assert_eq!(catalog.index(), &SpatialIndex::new(&feed.positions()));
}

/// Photos travel in the optional IMGS section: a pack without it (written
/// before photos) reads the same feed with none; counts that do not fit the
/// deals, or an address the JSON path would refuse, fail the file.
#[test]
fn photos_round_trip_and_their_section_is_checked() {
    let feed = demo(6, 20, Crs::Wgs84);
    assert!(feed.merchants.iter().flat_map(|m| &m.deals).all(|d| d.images.len() == 2), "the demo has photos");
    let pack = pack_feed(&feed);
    assert_eq!(read_pack(&pack).unwrap().feed, feed);

    let mut without = pack.clone();
    let entry = table_entry(&without, b"IMGS");
    without[entry..entry + 4].copy_from_slice(b"XXXX");
    let read = read_pack(&without).unwrap().feed;
    assert!(read.merchants.iter().flat_map(|m| &m.deals).all(|d| d.images.is_empty()));

    // One deal fewer than DEAL has.
    let mut short = pack.clone();
    let at = section(&short, b"IMGS").start;
    let deals = u32::from_le_bytes(short[at..at + 4].try_into().unwrap());
    short[at..at + 4].copy_from_slice(&(deals - 1).to_le_bytes());
    assert!(read_pack(&short).unwrap_err().to_string().contains("photo counts"));
    // A deal claiming a seventh photo.
    let mut many = pack.clone();
    many[at + 4] = 7;
    assert!(read_pack(&many).unwrap_err().to_string().contains("its photos"));
    // An address rewritten in the text to one the allowlist refuses.
    let mut forged = pack.clone();
    let text = section(&forged, b"TEXT");
    let found = forged[text.clone()].windows(11).position(|w| w == b"demo-images").unwrap() + text.start;
    forged[found..found + 11].copy_from_slice(b"javascript:");
    let err = read_pack(&forged).unwrap_err().to_string();
    assert!(err.contains("a photo"), "{err}");
}

/// A forged index is refused as one corrupted file, saying it is the index;
/// a forged leaf order that is still each merchant once is accepted, and the
/// index it gives answers exactly all the same (boxes come from positions).
#[test]
fn a_forged_index_is_refused_or_answers_exactly() {
    let feed = demo(6, 60, Crs::Wgs84);
    let pack = pack_feed(&feed);
    let indx = section(&pack, b"INDX");
    let nodes = u32::from_le_bytes(pack[indx.start..indx.start + 4].try_into().unwrap()) as usize;
    let order = indx.start + 4 + nodes + 4;

    let mut twice = pack.clone();
    let first: [u8; 4] = twice[order..order + 4].try_into().unwrap();
    twice[order + 4..order + 8].copy_from_slice(&first);
    let Err(PackError::Corrupted(why)) = read_pack(&twice) else {
        panic!("a merchant twice in the index was read")
    };
    assert!(why.starts_with("the index: "), "{why}");

    let mut no_children = pack.clone();
    no_children[indx.start + 4] = 0x80;
    assert!(matches!(read_pack(&no_children), Err(PackError::Corrupted(_))));

    let mut swapped = pack.clone();
    swapped.copy_within(order..order + 4, order + 8);
    swapped[order + 8..order + 12].copy_from_slice(&pack[order..order + 4]);
    swapped[order..order + 4].copy_from_slice(&pack[order + 8..order + 12]);
    let read = read_pack(&swapped).expect("a reordered index is still an index");
    assert_ne!(read.index, packed(&feed).index);
    fuzz_checks::assert_index_exact(&read);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// `fujin pack` then load equals loading the JSON.
    #[test]
    fn demo_feeds_round_trip(seed in any::<u64>(), merchants in 0usize..40, crs in prop_oneof![Just(Crs::Wgs84), Just(Crs::Gcj02), Just(Crs::Bd09)]) {
        let feed = demo(seed, merchants, crs);
        prop_assert_eq!(read_pack(&pack_feed(&feed)), Ok(packed(&feed)));
    }

    /// Bytes changed anywhere: an error, or a feed that still keeps the
    /// model's rules; never a panic.
    #[test]
    fn damaged_packs_are_refused_or_still_sound(seed in 0u64..1_000, flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8)) {
        let mut packed = pack_feed(&demo(seed, 6, Crs::Wgs84));
        for (at, byte) in flips {
            let i = at.index(packed.len());
            packed[i] = byte;
        }
        if let Ok(read) = read_pack(&packed) {
            fuzz_checks::assert_sound(&read.feed);
            fuzz_checks::assert_index_exact(&read);
        }
    }
}

/// A city bigger than one part of the tree (a forest): read in steps as
/// the app reads it (the merchants, then the index a part a step through
/// `CatalogBuilder`), it gives the index a whole read gives, which is the
/// bulk-loaded one.
#[test]
fn a_forest_index_is_rebuilt_in_steps() {
    let doc =
        demo_feed(&DemoOptions { seed: 8, merchants: 40_000, max_deals: 0, deals_every: 1, crs: Crs::Wgs84 });
    let feed = load_value(&doc).expect("demo feeds load").feed;
    let pack = pack_feed(&feed);
    let mut reader = fujin_core::pack::PackReader::new(&pack).unwrap();
    while !reader.step(2_000).unwrap() {}
    let (read, index) = reader.finish().unwrap();
    let mut builder = fujin_core::index::CatalogBuilder::with_index(read, index);
    let (mut steps, mut last) = (1, 0.0);
    while !builder.step(1_000) {
        steps += 1;
        assert!(builder.progress() >= last);
        last = builder.progress();
    }
    // 40 steps of merchants, the vectors, and the parts.
    assert!(steps > 40 + 2, "{steps} steps");
    let catalog = builder.finish();
    let bulk = SpatialIndex::new(&feed.positions());
    assert_eq!(bulk.shape().nodes[0], 2, "a forest of two parts");
    assert_eq!(catalog.index(), &bulk);
    assert_eq!(read_pack(&pack).unwrap().index.as_ref(), Some(&bulk));
}
