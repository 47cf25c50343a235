//! The browser bench page (`bench.html`, run by `scripts/bench-web.sh`):
//! times the data path in WebAssembly on generated Shenzhen feeds (seeded,
//! so every run measures the same data) and shows a table. Timings are
//! reported, never asserted.

use fujin_core::demo::{DemoOptions, demo_feed};
use fujin_core::feed::{FeedLoader, parse_document};
use fujin_core::{Catalog, Crs, DealQuery, LonLat};
use fujin_web::feed_fetch::RECORDS_PER_STEP;
use fujin_web::map_layout::{Screen, cluster};

/// Futian CBD, where the demo is densest.
const FUTIAN: LonLat = LonLat::new(114.0553, 22.5380);

fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// Median of `runs` timings of `f`, in milliseconds.
fn median_ms(runs: usize, mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let start = now_ms();
            f();
            now_ms() - start
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn main() {
    let mut rows: Vec<(String, f64)> = Vec::new();
    for merchants in [10_000, 100_000] {
        let doc = demo_feed(&DemoOptions { seed: 42, merchants, max_deals: 2, ..DemoOptions::default() });
        let bytes = serde_json::to_vec(&doc).unwrap_or_default();
        drop(doc);
        let mb = bytes.len() as f64 / 1e6;
        // Loading as the app does it: parse, then check records in steps,
        // yielding to the page between steps.
        let start = now_ms();
        let Ok(doc) = parse_document(&bytes) else { return };
        rows.push((format!("{merchants} merchants: parse {mb:.0} MB of JSON"), now_ms() - start));
        let Ok(mut loader) = FeedLoader::new(&doc) else { return };
        let (start, mut longest) = (now_ms(), 0.0f64);
        loop {
            let step_start = now_ms();
            let done = loader.step(RECORDS_PER_STEP);
            longest = longest.max(now_ms() - step_start);
            if done {
                break;
            }
        }
        let loaded = loader.finish();
        rows.push((format!("{merchants} merchants: check all records"), now_ms() - start));
        rows.push((format!("{merchants} merchants: longest step of {RECORDS_PER_STEP} records"), longest));
        let start = now_ms();
        let catalog = Catalog::new(loaded.feed);
        rows.push((format!("{merchants} merchants: build the index (Catalog::new)"), now_ms() - start));
        // 2026-12-01, while the generated deals are on sale.
        let now = time::OffsetDateTime::from_unix_timestamp(1_796_140_800)
            .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
        let query = DealQuery::near(FUTIAN, 3_000.0);
        let mut found = 0;
        let t = median_ms(11, || found = catalog.query(&query, now).len());
        rows.push((format!("{merchants} merchants: deals within 3 km, nearest first ({found} rows)"), t));
        for zoom in [14.0, 11.0] {
            let screen = Screen { width: 390.0, height: 500.0, center: FUTIAN, zoom, tile_crs: Crs::Wgs84 };
            let mut markers = 0;
            let t = median_ms(11, || {
                let ids = catalog.index().in_box(&screen.bounds(40.0));
                let feed = catalog.feed();
                markers =
                    cluster(&screen, ids.into_iter().map(|i| (i, feed.merchants[i as usize].position))).len();
            });
            rows.push((
                format!(
                    "{merchants} merchants: viewport query + clustering at zoom {zoom} ({markers} markers)"
                ),
                t,
            ));
        }
    }
    render(&rows);
}

fn render(rows: &[(String, f64)]) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = document.body() else { return };
    let mut text = String::from("Fujin data path in WebAssembly (median ms):\n");
    for (what, ms) in rows {
        text.push_str(&format!("{ms:>10.2}  {what}\n"));
    }
    if let Ok(pre) = document.create_element("pre") {
        pre.set_id("bench-result");
        pre.set_text_content(Some(&text));
        body.append_child(&pre).ok();
    }
}
