//! The data path in WebAssembly on generated Shenzhen feeds: loading in the
//! app's own steps, the deal query and the map's markers.

use fujin_core::demo::{DemoOptions, demo_feed};
use fujin_core::geo::{Crs, LonLat};
use fujin_core::index::DealQuery;
use fujin_core::pack::pack_feed;
use fujin_web::browser::{
    BYTES_PER_STEP, LoadStep, MERCHANTS_PER_STEP, PACKED_MERCHANTS_PER_STEP, Pace, load_in_steps, now_ms,
};
use fujin_web::map::{MarkerLevels, Screen};

use crate::report::{FUTIAN, median_ms, on_sale, table};

/// Times the data path at 10,000 and 100,000 merchants: a table of median
/// milliseconds.
pub async fn run() -> String {
    let mut rows: Vec<(String, f64)> = Vec::new();
    for merchants in [10_000, 100_000] {
        let doc = demo_feed(&DemoOptions { seed: 42, merchants, max_deals: 2, ..DemoOptions::default() });
        let bytes = serde_json::to_vec(&doc).unwrap_or_default();
        drop(doc);
        let mb = bytes.len() as f64 / 1e6;
        // Loading as the app does it (the app's own loop), each step timed:
        // the longest step is what the shopper feels.
        let mut timer = StepTimer::start();
        let Ok(Some(loaded)) = load_in_steps(bytes, &mut timer).await else {
            return format!("the {merchants}-merchant feed did not load");
        };
        let catalog = loaded.catalog;
        let t = timer.finish();
        rows.push((format!("{merchants} merchants: FeedReader::new (the size checked)"), t.opened_ms));
        rows.push((
            format!("{merchants} merchants: read {mb:.0} MB of JSON in {} steps", t.read_steps),
            t.read_ms,
        ));
        rows.push((
            format!("{merchants} merchants: longest read step ({} KB budget)", BYTES_PER_STEP / 1024),
            t.longest_read_step_ms,
        ));
        rows.push((format!("{merchants} merchants: index (CatalogBuilder)"), t.index_ms));
        rows.push((
            format!("{merchants} merchants: longest index step ({MERCHANTS_PER_STEP} merchants, or a part of the R-tree)"),
            t.longest_index_step_ms,
        ));
        // The same feed packed (`fujin pack`), through the same loop.
        let packed = pack_feed(catalog.feed());
        let mb = packed.len() as f64 / 1e6;
        let mut timer = StepTimer::start();
        if !matches!(load_in_steps(packed, &mut timer).await, Ok(Some(_))) {
            return format!("the packed {merchants}-merchant feed did not load");
        }
        let t = timer.finish();
        rows.push((
            format!("{merchants} merchants, packed: PackReader::new (sections and columns found)"),
            t.opened_ms,
        ));
        rows.push((
            format!("{merchants} merchants, packed: read {mb:.0} MB in {} steps", t.read_steps),
            t.read_ms,
        ));
        rows.push((
            format!(
                "{merchants} merchants, packed: longest read step ({PACKED_MERCHANTS_PER_STEP} merchants)"
            ),
            t.longest_read_step_ms,
        ));
        rows.push((
            format!("{merchants} merchants, packed: the step that ends reading (checks the index's shape)"),
            t.finish_ms,
        ));
        rows.push((
            format!("{merchants} merchants, packed: index (search text, deal ids, the R-tree rebuilt a part a step)"),
            t.index_ms,
        ));
        rows.push((format!("{merchants} merchants, packed: longest index step"), t.longest_index_step_ms));
        let now = on_sale();
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
    table("Fujin data path in WebAssembly (median ms):", &rows)
}

/// The bench's pace: never yields, times every step of the app's loop.
struct StepTimer {
    start_ms: f64,
    last_ms: f64,
    times: StepTimes,
}

/// What [`StepTimer`] measured, in milliseconds.
#[derive(Default)]
struct StepTimes {
    opened_ms: f64,
    read_steps: usize,
    read_ms: f64,
    longest_read_step_ms: f64,
    index_ms: f64,
    longest_index_step_ms: f64,
    /// The step that ends reading (a packed feed's index shape is checked there).
    finish_ms: f64,
}

impl StepTimer {
    fn start() -> Self {
        let now = now_ms();
        Self { start_ms: now, last_ms: now, times: StepTimes::default() }
    }

    /// The times, once loading has returned.
    fn finish(mut self) -> StepTimes {
        self.times.index_ms = now_ms() - self.start_ms - self.times.read_ms;
        self.times
    }
}

impl Pace for StepTimer {
    async fn after(&mut self, step: LoadStep) -> bool {
        let now = now_ms();
        let took = now - self.last_ms;
        self.last_ms = now;
        let times = &mut self.times;
        match step {
            LoadStep::Opened => times.opened_ms = now - self.start_ms,
            LoadStep::Reading(_) => {
                times.read_steps += 1;
                times.longest_read_step_ms = times.longest_read_step_ms.max(took);
            }
            LoadStep::Read => {
                times.read_ms = now - self.start_ms;
                times.finish_ms = took;
            }
            LoadStep::Indexing(_) => times.longest_index_step_ms = times.longest_index_step_ms.max(took),
        }
        true
    }
}
