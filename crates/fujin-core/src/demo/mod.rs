//! A generator of realistic demo and benchmark feeds: merchants clustered
//! around Shenzhen's real business districts, with deals in every category.
//!
//! Same seed, same bytes: the generator uses ChaCha8 (whose output is fixed
//! by its specification), fixed dates, and writes keys in a fixed order.

mod options;
mod positions;
mod records;
mod shenzhen;
mod streaming;

pub use options::{DEMO_CHECKOUT_HOST, DemoError, DemoOptions};
pub use positions::demo_positions;

use records::{Merchants, head};
use streaming::{Limited, StreamedDoc};

use serde_json::Value;

use crate::feed::limits::MAX_FEED_BYTES;

/// Generates a demo feed document (Fujin feed format version 1) as one
/// `Value`, for tests and benches of modest size; [`write_demo_feed`]
/// writes the same document a merchant at a time.
///
/// ```
/// use fujin_core::demo::{DemoOptions, demo_feed};
/// let options = DemoOptions { merchants: 50, ..DemoOptions::default() };
/// let doc = demo_feed(&options);
/// assert_eq!(doc, demo_feed(&options), "deterministic");
/// let loaded = fujin_core::feed::load_value(&doc).unwrap();
/// assert_eq!((loaded.feed.merchants.len(), loaded.rejected), (50, 0));
/// ```
pub fn demo_feed(options: &DemoOptions) -> Value {
    let mut doc = head(options);
    doc.insert("merchants".into(), Value::Array(Merchants::new(options).collect()));
    Value::Object(doc)
}

/// Writes the demo feed's JSON (indented when `pretty`) to `out`, a
/// merchant at a time, and fails without writing anything once it would
/// pass [`MAX_FEED_BYTES`]: whatever options pass [`DemoOptions::check`],
/// what is written loads without a problem.
///
/// ```
/// use fujin_core::demo::{DemoOptions, write_demo_feed};
/// let mut out = Vec::new();
/// write_demo_feed(&DemoOptions { merchants: 5, ..DemoOptions::default() }, false, &mut out).unwrap();
/// let loaded = fujin_core::feed::load_feed(&out).unwrap();
/// assert_eq!((loaded.feed.merchants.len(), loaded.problem_count), (5, 0));
/// ```
pub fn write_demo_feed(
    options: &DemoOptions,
    pretty: bool,
    out: &mut impl std::io::Write,
) -> Result<(), DemoError> {
    write_demo_feed_within(options, pretty, MAX_FEED_BYTES, out)
}

/// [`write_demo_feed`] with a size limit of `max_bytes`.
fn write_demo_feed_within(
    options: &DemoOptions,
    pretty: bool,
    max_bytes: usize,
    out: &mut impl std::io::Write,
) -> Result<(), DemoError> {
    options.check()?;
    let doc = StreamedDoc { options, written: std::cell::Cell::new(0) };
    let mut buffer = Limited { bytes: Vec::new(), max_bytes };
    let result = if pretty {
        serde_json::to_writer_pretty(&mut buffer, &doc)
    } else {
        serde_json::to_writer(&mut buffer, &doc)
    };
    if result.is_err() || buffer.bytes.len() + 1 > max_bytes {
        return Err(DemoError::TooLarge { written: doc.written.get().saturating_sub(1) });
    }
    buffer.bytes.push(b'\n');
    out.write_all(&buffer.bytes).map_err(|e| DemoError::Write(e.to_string()))
}

// Property tests need proptest, which is not built for wasm32.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use proptest::prelude::*;

    use super::shenzhen::DISTRICTS;
    use super::*;
    use crate::feed::limits::MAX_RECORDS;
    use crate::geo::Crs;
    use crate::model::Category;
    use crate::model::limits::MAX_DEALS_PER_MERCHANT;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(40))]

        /// Whatever options pass the check, the feed written loads without a problem.
        #[test]
        fn every_option_gives_a_feed_that_loads_cleanly(
            seed in any::<u64>(),
            merchants in 0..12usize,
            max_deals in prop_oneof![0..=5usize, Just(MAX_DEALS_PER_MERCHANT)],
            crs in prop::sample::select(vec![Crs::Wgs84, Crs::Gcj02, Crs::Bd09]),
            pretty in any::<bool>(),
        ) {
            let options = DemoOptions { seed, merchants, max_deals, deals_every: merchants % 3 + 1, crs };
            let mut out = Vec::new();
            write_demo_feed(&options, pretty, &mut out).unwrap();
            let loaded = crate::feed::load_feed(&out).unwrap();
            prop_assert_eq!(loaded.problems.first(), None);
            prop_assert_eq!(loaded.feed.merchants.len(), merchants);
        }
    }

    #[test]
    fn options_past_the_limits_are_refused_and_nothing_is_written() {
        let mut out = Vec::new();
        let too_many = DemoOptions { merchants: MAX_RECORDS + 1, ..DemoOptions::default() };
        assert_eq!(
            write_demo_feed(&too_many, false, &mut out),
            Err(DemoError::TooManyMerchants(MAX_RECORDS + 1))
        );
        let too_many_deals = DemoOptions { max_deals: MAX_DEALS_PER_MERCHANT + 1, ..DemoOptions::default() };
        assert!(matches!(write_demo_feed(&too_many_deals, false, &mut out), Err(DemoError::TooManyDeals(_))));
        let options = DemoOptions { merchants: 100, ..DemoOptions::default() };
        let mut whole = Vec::new();
        write_demo_feed(&options, false, &mut whole).unwrap();
        assert_eq!(write_demo_feed_within(&options, false, whole.len(), &mut out), Ok(()));
        out.clear();
        let cut = write_demo_feed_within(&options, false, whole.len() - 1, &mut out);
        assert!(matches!(cut, Err(DemoError::TooLarge { written: 98 | 99 })), "{cut:?}");
        assert!(out.is_empty());
    }

    #[test]
    fn written_and_built_feeds_are_the_same_document() {
        let options = DemoOptions { merchants: 30, crs: Crs::Gcj02, ..DemoOptions::default() };
        let mut out = Vec::new();
        write_demo_feed(&options, true, &mut out).unwrap();
        let mut expected = serde_json::to_vec_pretty(&demo_feed(&options)).unwrap();
        expected.push(b'\n');
        assert_eq!(out, expected);
    }
    use crate::feed::load_value;
    use crate::geo::distance_m;

    #[test]
    fn every_record_is_valid_and_every_category_appears() {
        let doc = demo_feed(&DemoOptions { seed: 7, merchants: 500, ..DemoOptions::default() });
        let loaded = load_value(&doc).unwrap();
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems.first());
        let feed = loaded.feed;
        assert_eq!(feed.merchants.len(), 500);
        for category in Category::ALL {
            assert!(feed.merchants.iter().any(|m| m.category == category), "{category}");
        }
        assert!(feed.merchants.iter().flat_map(|m| &m.deals).any(|d| d.group_size.is_some()));
        assert!(feed.merchants.iter().flat_map(|m| &m.deals).any(|d| d.is_sold_out()));
    }

    #[test]
    fn merchants_cluster_in_the_districts() {
        let doc = demo_feed(&DemoOptions { seed: 3, merchants: 300, ..DemoOptions::default() });
        let feed = load_value(&doc).unwrap().feed;
        for m in &feed.merchants {
            let nearest_district =
                DISTRICTS.iter().map(|d| distance_m(m.position, d.centre)).fold(f64::MAX, f64::min);
            assert!(nearest_district < 12_000.0, "{} is {nearest_district} m from any district", m.id);
        }
    }

    #[test]
    fn seeds_differ_and_repeat() {
        let a = |seed| {
            serde_json::to_string(&demo_feed(&DemoOptions { seed, merchants: 20, ..DemoOptions::default() }))
                .unwrap()
        };
        assert_eq!(a(1), a(1));
        assert_ne!(a(1), a(2));
    }

    #[test]
    fn other_datums_load_back_to_the_same_places() {
        let wgs =
            load_value(&demo_feed(&DemoOptions { merchants: 30, ..DemoOptions::default() })).unwrap().feed;
        let gcj_doc = demo_feed(&DemoOptions { merchants: 30, crs: Crs::Gcj02, ..DemoOptions::default() });
        let gcj = load_value(&gcj_doc).unwrap().feed;
        for (a, b) in wgs.merchants.iter().zip(&gcj.merchants) {
            assert!(distance_m(a.position, b.position) < 0.5);
        }
    }
}
