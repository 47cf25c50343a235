//! The browser bench page (`bench.html`, run by `scripts/bench-web.sh`):
//! times the data path in WebAssembly on generated Shenzhen feeds (seeded,
//! so every run measures the same data) and shows a table. Timings are
//! reported, never asserted.

use fujin_core::demo::{DemoOptions, demo_feed};
use fujin_core::feed::FeedReader;
use fujin_core::{CatalogBuilder, Crs, DealQuery, LonLat};
use fujin_web::feed_fetch::{BYTES_PER_STEP, MERCHANTS_PER_STEP, now_ms};
use fujin_web::map_layout::{MarkerLevels, Screen};

/// Futian CBD, where the demo is densest.
const FUTIAN: LonLat = LonLat::new(114.0553, 22.5380);

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
        // Loading as the app does it: in steps of a byte budget, yielding
        // to the page between steps; the longest step is what the shopper feels.
        let start = now_ms();
        let Ok(mut reader) = FeedReader::new(&bytes) else { return };
        rows.push((format!("{merchants} merchants: FeedReader::new (UTF-8 check)"), now_ms() - start));
        let (mut longest, mut steps) = (0.0f64, 0);
        loop {
            let step_start = now_ms();
            let done = reader.step(BYTES_PER_STEP);
            longest = longest.max(now_ms() - step_start);

            steps += 1;
            match done {
                Ok(true) => break,
                Ok(false) => {}
                Err(_) => return,
            }
        }
        let Ok(loaded) = reader.finish() else { return };
        rows.push((
            format!("{merchants} merchants: read {mb:.0} MB of JSON in {steps} steps"),
            now_ms() - start,
        ));
        rows.push((
            format!("{merchants} merchants: longest step ({} KB budget)", BYTES_PER_STEP / 1024),
            longest,
        ));
        let start = now_ms();
        let mut builder = CatalogBuilder::new(loaded.feed);
        let mut longest = 0.0f64;
        loop {
            let step_start = now_ms();
            let done = builder.step(MERCHANTS_PER_STEP);
            longest = longest.max(now_ms() - step_start);
            if done {
                break;
            }
        }
        let step_start = now_ms();
        let catalog = builder.finish();
        let bulk_load = now_ms() - step_start;
        rows.push((format!("{merchants} merchants: index (CatalogBuilder)"), now_ms() - start));
        rows.push((
            format!("{merchants} merchants: longest step of {MERCHANTS_PER_STEP} merchants"),
            longest,
        ));
        rows.push((format!("{merchants} merchants: its R-tree bulk load (one step)"), bulk_load));
        // 2026-12-01, while the generated deals are on sale.
        let now = time::OffsetDateTime::from_unix_timestamp(1_796_140_800)
            .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
        let query = DealQuery::near(FUTIAN, 3_000.0);
        let mut found = 0;
        let t = median_ms(11, || found = catalog.query(&query, now).len());
        rows.push((format!("{merchants} merchants: deals within 3 km, nearest first ({found} rows)"), t));
        // The map: all merchants shown, each zoom level grouped once (its
        // first frame), then every frame of a pan only moves and culls.
        let feed = catalog.feed();
        let all = || feed.merchants.iter().enumerate().map(|(i, m)| (i as u32, m.position));
        let mut levels = MarkerLevels::new(Crs::Wgs84, all());
        for zoom in [14.0, 11.0] {
            let screen = Screen { width: 390.0, height: 500.0, center: FUTIAN, zoom, tile_crs: Crs::Wgs84 };
            let t = median_ms(5, || {
                levels = MarkerLevels::new(Crs::Wgs84, all());
                levels.on_screen(&screen, 40.0);
            });
            rows.push((
                format!("{merchants} merchants: map, first frame at zoom {zoom} (groups the level)"),
                t,
            ));
            let mut markers = 0;
            let mut dx = 0.0;
            let t = median_ms(11, || {
                dx += 0.001;
                let panned = Screen { center: LonLat::new(FUTIAN.lon + dx, FUTIAN.lat), ..screen };
                markers = levels.on_screen(&panned, 40.0).len();
            });
            rows.push((
                format!("{merchants} merchants: map, each frame of a pan at zoom {zoom} ({markers} markers)"),
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
