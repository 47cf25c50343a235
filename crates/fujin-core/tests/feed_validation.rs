//! Feed loading: every kind of bad input is reported where it is, and no
//! good record is lost because of a bad neighbour.

// Native only: its dev-dependencies are not built for wasm32 (see Cargo.toml).
#![cfg(not(target_arch = "wasm32"))]

use fujin_core::feed::{FeedError, load_feed};
use fujin_core::geo::{Crs, LonLat, distance_m};
use fujin_core::model::{Category, PayProvider};

const EVERY_PROBLEM: &str = include_str!("../../../docs/examples/every-problem.json");
const EVERY_PROBLEM_GEOJSON: &str = include_str!("../../../docs/examples/every-problem.geojson");

#[test]
fn every_problem_is_reported_at_its_pointer() {
    let loaded = load_feed(EVERY_PROBLEM.as_bytes()).unwrap();
    let expected = [
        ("/checkout_hosts/1", "is not a checkout host"),
        ("/order_params/return_url", "parameter name \"back url\" must be 1 to 32 characters"),
        ("/merchants/0/deals/1/price", "price 0 must be positive"),
        ("/merchants/0/deals/2/price", "price 9000 is above original_price 8000"),
        ("/merchants/0/deals/3/price", "price -100 must be positive"),
        ("/merchants/0/deals/4/price", "price 99.5 must be a whole number of fen"),
        ("/merchants/0/deals/5/ends_at", "is before starts_at"),
        ("/merchants/0/deals/6/ends_at", "is not an RFC 3339 time"),
        ("/merchants/0/deals/7/pay/stripe", "scheme \"javascript\" is not allowed"),
        ("/merchants/0/deals/8/pay/checkout", "scheme \"data\" is not allowed"),
        ("/merchants/0/deals/9/pay/alipay", "scheme \"vbscript\" is not allowed"),
        ("/merchants/0/deals/10/pay/checkout", "scheme \"file\" is not allowed"),
        ("/merchants/0/deals/11/pay/stripe", "control or non-ASCII character at byte 0"),
        ("/merchants/0/deals/12/pay/stripe", "control or non-ASCII character at byte 0"),
        ("/merchants/0/deals/13/pay/stripe", "control or non-ASCII character at byte 4"),
        ("/merchants/0/deals/14/pay/stripe", "host \"buy.stripe.com.evil.example\" is not allowed"),
        ("/merchants/0/deals/15/pay/paypal", "unknown payment provider \"paypal\""),
        ("/merchants/0/deals/16/id", "id is missing"),
        ("/merchants/0/deals/17/id", "duplicate id \"good-1-a\"; first used at /merchants/0/deals/0/id"),
        ("/merchants/0/deals/18", "record must be a JSON object, found a string"),
        ("/merchants/0/deals/19/valid_days", "valid_days 0"),
        ("/merchants/0/deals/20/images/1", "an image must be https:// on one of the feed's checkout_hosts"),
        ("/merchants/0/deals/21/images/0", "host \"elsewhere.example\" is not allowed"),
        ("/merchants/1/id", "id is missing"),
        ("/merchants/2/id", "duplicate id \"good-1\"; first used at /merchants/0/id"),
        ("/merchants/3/lat", "lat must be a number, found a string"),
        ("/merchants/4/lon", "is not a finite number"),
        ("/merchants/5/lat", "lat 95 is out of range -90 to 90"),
        ("/merchants/6/category", "unknown category \"cafe\""),
        ("/merchants/7/phone", "may only contain digits"),
        ("/merchants/8/name", "name is 150 characters long; the limit is 100"),
        ("/merchants/9/name", "text-direction character (U+202E)"),
        ("/merchants/10/id", "must be 1 to 64 characters"),
        ("/merchants/11", "record must be a JSON object, found a number"),
        ("/merchants/12/verify_url", "verify_url must be an https link on one of the feed's checkout_hosts"),
    ];
    let got: Vec<(String, String)> =
        loaded.problems.iter().map(|p| (p.pointer.clone(), p.kind.to_string())).collect();
    assert_eq!(got.len(), expected.len(), "{got:#?}");
    for ((pointer, message), (want_pointer, want_fragment)) in got.iter().zip(expected) {
        assert_eq!(pointer, want_pointer);
        assert!(message.contains(want_fragment), "{pointer}: {message:?} lacks {want_fragment:?}");
    }
    // 21 bad deals + 12 bad merchants; the bad checkout host and order parameter reject no record.
    assert_eq!(loaded.rejected, 33);
}

#[test]
fn every_good_record_is_kept_whole() {
    let feed = load_feed(EVERY_PROBLEM.as_bytes()).unwrap().feed;
    let ids: Vec<&str> = feed.merchants.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, ["good-1", "good-2", "good-3"]);
    assert_eq!(feed.checkout_hosts, ["shop.example.com"]);
    assert_eq!(feed.center, Some(LonLat::new(114.0553, 22.5380)));

    let good = &feed.merchants[0];
    assert_eq!(good.category, Category::Food);
    assert_eq!(good.phone.as_deref(), Some("0755-8888 1234"));
    assert_eq!(good.rating, Some(4.6));
    assert_eq!(good.deals.len(), 1, "only the good deal survives");
    let deal = &good.deals[0];
    assert_eq!(
        (deal.price.get(), deal.original_price.get(), deal.sold, deal.stock),
        (16_800, 26_800, 1_203, Some(50))
    );
    assert_eq!(deal.group_size, Some(2));
    assert_eq!(deal.rules, ["免预约", "周末通用"]);
    assert_eq!(deal.valid_days, Some(30));
    assert_eq!(good.verify_url.as_deref(), Some("https://shop.example.com/verify"));
    let params = &feed.order_params;
    assert_eq!(
        (params.order_id.as_deref(), params.return_url.as_deref(), params.referral.as_deref()),
        (Some("order"), None, Some("ref")),
        "the bad name is dropped, the good ones kept"
    );
    let providers: Vec<PayProvider> = deal.pay.iter().map(|l| l.provider()).collect();
    assert_eq!(providers, PayProvider::ALL);
    // Hostile text is kept as text: escaping is the renderer's job, and it is tested there.
    assert_eq!(feed.merchants[2].name, "<script>alert('xss')</script>");
    assert_eq!(feed.merchants[2].position, LonLat::new(180.0, -90.0));
}

#[test]
fn geojson_features_become_merchants() {
    let loaded = load_feed(EVERY_PROBLEM_GEOJSON.as_bytes()).unwrap();
    let pointers: Vec<&str> = loaded.problems.iter().map(|p| p.pointer.as_str()).collect();
    assert_eq!(
        pointers,
        [
            "/features/2/geometry/type",
            "/features/3/geometry/coordinates/0",
            "/features/4/geometry",
            "/features/5/properties/id",
            "/features/6/geometry/coordinates",
        ]
    );
    assert!(loaded.problems[0].to_string().contains("\"LineString\" is not supported"));
    let feed = loaded.feed;
    assert_eq!(feed.crs, Crs::Gcj02);
    let ids: Vec<&str> = feed.merchants.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, ["g1", "g2"], "id from feature.id, then from properties.id");
    assert_eq!(feed.merchants[1].category, Category::Other, "category defaults to other");
    assert_eq!(feed.merchants[0].deals[0].id, "g1-a");
    // GCJ-02 positions are normalised to WGS-84 on load: g1 is the GCJ-02 image of Futian CBD.
    assert!(distance_m(feed.merchants[0].position, LonLat::new(114.0553, 22.5380)) < 1.0);
}

#[test]
fn documents_that_are_not_feeds_get_one_clear_error() {
    let cases: [(&[u8], &str); 12] = [
        (b"", "the feed is empty"),
        (b"  \n\t ", "the feed is empty"),
        (b"\xff\xfe{}", "not UTF-8"),
        (b"<html>404</html>", "not valid JSON"),
        (br#"{"merchants": [{"id": "a""#, "ends too early"),
        (b"[1, 2, 3]", "the top level is a list"),
        (br#"{"hello": "world"}"#, "neither \"merchants\""),
        (br#"{"type": "Feature", "geometry": null}"#, "single GeoJSON Feature"),
        (br#"{"version": 2, "merchants": []}"#, "version 2 is not supported"),
        (br#"{"crs": "mars", "merchants": []}"#, "unknown coordinate system \"mars\""),
        (br#"{"merchants": {"id": "a"}}"#, "\"merchants\" is an object, not a list"),
        (br#"{"merchants": [] } trailing"#, "not valid JSON"),
    ];
    for (bytes, fragment) in cases {
        let err = load_feed(bytes).unwrap_err().to_string();
        assert!(err.contains(fragment), "{:?}: {err:?} lacks {fragment:?}", String::from_utf8_lossy(bytes));
    }
    let deep = format!("{{\"merchants\": {}{}}}", "[".repeat(100_000), "]".repeat(100_000));
    assert_eq!(load_feed(deep.as_bytes()), Err(FeedError::TooDeep));
}

#[test]
fn empty_and_minimal_feeds_load() {
    let loaded = load_feed(br#"{"merchants": []}"#).unwrap();
    assert!(loaded.feed.merchants.is_empty() && loaded.problems.is_empty());
    let loaded = load_feed(br#"{"type": "FeatureCollection", "features": []}"#).unwrap();
    assert!(loaded.feed.merchants.is_empty() && loaded.problems.is_empty());
    // A byte-order mark is not an error.
    let loaded = load_feed("\u{FEFF}{\"merchants\": []}".as_bytes()).unwrap();
    assert!(loaded.problems.is_empty());
}

#[test]
fn datums_are_normalised_to_wgs84() {
    let futian = LonLat::new(114.0553, 22.5380);
    for crs in Crs::ALL {
        let p = crs.from_wgs84(futian);
        let json = format!(
            r#"{{"crs": "{crs}", "merchants": [{{"id": "m", "name": "M", "category": "food", "lat": {}, "lon": {}}}]}}"#,
            p.lat, p.lon
        );
        let feed = load_feed(json.as_bytes()).unwrap().feed;
        assert!(distance_m(feed.merchants[0].position, futian) < 0.01, "{crs}");
    }
}

#[test]
fn identical_coordinates_and_extremes_are_fine() {
    let json = br#"{"merchants": [
        {"id": "a", "name": "A", "category": "food", "lat": 90, "lon": -180},
        {"id": "b", "name": "B", "category": "food", "lat": 90, "lon": -180},
        {"id": "c", "name": "C", "category": "food", "lat": -90, "lon": 180}
    ]}"#;
    let loaded = load_feed(json).unwrap();
    assert!(loaded.problems.is_empty());
    assert_eq!(loaded.feed.merchants.len(), 3);
}

#[test]
fn loading_in_steps_gives_the_same_feed() {
    use fujin_core::feed::{FeedReader, load_value, parse_document};
    for text in [EVERY_PROBLEM, EVERY_PROBLEM_GEOJSON] {
        let whole = load_value(&parse_document(text.as_bytes()).unwrap()).unwrap();
        for step in [1, 2, 5, 100, 1_000_000] {
            let mut reader = FeedReader::new(text.as_bytes()).unwrap();
            let mut progress = 0.0;
            let mut steps = 0;
            while !reader.step(step).unwrap() {
                assert!((progress..=1.0).contains(&reader.progress()), "progress only grows");
                progress = reader.progress();
                steps += 1;
            }
            assert!(steps < text.len());
            assert_eq!(reader.finish().unwrap(), whole, "in steps of {step} bytes");
        }
    }
}
