//! The app's data path at 1,000,000 merchants (`?million`): a generated
//! Shenzhen feed with one merchant in 20 offering a deal (254 MB of JSON,
//! within the 256 MiB a feed may be; 188 MB packed), loaded through the
//! app's own loop in both formats, then the nearby list and the map. The
//! longest step is the longest task the page would run while loading; the
//! heap's peak comes from the page's counting allocator.

use std::sync::atomic::Ordering;

use fujin_core::demo::{DemoOptions, write_demo_feed};
use fujin_core::geo::{Crs, LonLat};
use fujin_core::index::{Catalog, DealQuery};
use fujin_core::pack::pack_feed;
use fujin_web::browser::{LoadStep, Pace, load_in_steps, now_ms};
use fujin_web::map::{MarkerLevels, Screen, drawn_merchants};

use crate::counting::{LIVE, PEAK};
use crate::report::{FUTIAN, median_ms, on_sale, table};

const MERCHANTS: usize = 1_000_000;

/// Loads a million merchants as JSON and packed: a table of milliseconds
/// and megabytes.
pub async fn run() -> String {
    let options = DemoOptions {
        seed: 42,
        merchants: MERCHANTS,
        max_deals: 1,
        deals_every: 20,
        ..DemoOptions::default()
    };
    let mut json = Vec::new();
    if let Err(e) = write_demo_feed(&options, false, &mut json) {
        return format!("the million-merchant feed was not generated: {e}");
    }
    let mut rows: Vec<(String, f64)> = Vec::new();
    let json_mb = json.len() as f64 / 1e6;
    let Some(catalog) = load(json, &format!("JSON, {json_mb:.0} MB"), &mut rows).await else {
        return "the million-merchant JSON feed did not load".into();
    };
    use_it(&catalog, &mut rows);
    let packed = pack_feed(catalog.feed());
    drop(catalog);
    let packed_mb = packed.len() as f64 / 1e6;
    if load(packed, &format!("packed, {packed_mb:.0} MB"), &mut rows).await.is_none() {
        return "the million-merchant packed feed did not load".into();
    }
    table("Fujin at 1,000,000 merchants in WebAssembly (ms, or MB where it says so):", &rows)
}

/// Loads `bytes` through the app's loop, each step timed; the rows say
/// `what` was loaded.
async fn load(bytes: Vec<u8>, what: &str, rows: &mut Vec<(String, f64)>) -> Option<Catalog> {
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let mut timer = Steps::default();
    let start = now_ms();
    timer.last_ms = start;
    let loaded = load_in_steps(bytes, &mut timer).await.ok().flatten()?;
    let total = now_ms() - start;
    let mb = |bytes: usize| bytes as f64 / 1e6;
    rows.push((format!("{what}: loaded and indexed, in {} steps", timer.steps), total));
    rows.push((
        format!(
            "{what}: longest step (the longest task while loading), the one before {}",
            timer.longest_before
        ),
        timer.longest_ms,
    ));
    rows.push((format!("{what}: longest step reading"), timer.longest_read_ms));
    rows.push((format!("{what}: longest step indexing"), timer.longest_index_ms));
    rows.push((
        format!("{what}: heap peak while loading, bytes included (MB)"),
        mb(PEAK.load(Ordering::Relaxed)),
    ));
    rows.push((format!("{what}: heap after loading, the catalog (MB)"), mb(LIVE.load(Ordering::Relaxed))));
    Some(loaded.catalog)
}

/// The nearby list and the map on a loaded million, as the app shows
/// them: the map draws the merchants of the list's rows.
fn use_it(catalog: &Catalog, rows: &mut Vec<(String, f64)>) {
    let now = on_sale();
    let query = DealQuery::near(FUTIAN, 3_000.0);
    let mut listed = Vec::new();
    let t = median_ms(5, || listed = catalog.query(&query, now));
    rows.push((format!("deals within 3 km, nearest first ({} rows)", listed.len()), t));
    let drawn = drawn_merchants(catalog.feed(), &listed, None);
    let screen = Screen { width: 390.0, height: 500.0, center: FUTIAN, zoom: 14.0, tile_crs: Crs::Wgs84 };
    let mut levels = MarkerLevels::new(Crs::Wgs84, drawn.iter().copied());
    let t = median_ms(3, || {
        levels = MarkerLevels::new(Crs::Wgs84, drawn_merchants(catalog.feed(), &listed, None));
        levels.on_screen(&screen, 40.0);
    });
    rows.push((
        format!("map, first frame at zoom 14 (the {} listed merchants grouped for the level)", drawn.len()),
        t,
    ));
    let (mut dx, mut markers) = (0.0, 0);
    let t = median_ms(11, || {
        dx += 0.001;
        let panned = Screen { center: LonLat::new(FUTIAN.lon + dx, FUTIAN.lat), ..screen };
        markers = levels.on_screen(&panned, 40.0).len();
    });
    rows.push((format!("map, each frame of a pan at zoom 14 ({markers} markers)"), t));
}

/// The bench's pace: never yields, times every step of the app's loop.
#[derive(Default)]
struct Steps {
    last_ms: f64,
    steps: usize,
    longest_ms: f64,
    /// The step after which the longest was timed, as the loop told it.
    longest_before: String,
    longest_read_ms: f64,
    longest_index_ms: f64,
}

impl Pace for Steps {
    async fn after(&mut self, step: LoadStep) -> bool {
        let now = now_ms();
        let took = now - self.last_ms;
        self.last_ms = now;
        self.steps += 1;
        if took > self.longest_ms {
            self.longest_ms = took;
            self.longest_before = format!("{step:?} (step {})", self.steps);
        }
        match step {
            LoadStep::Opened | LoadStep::Reading(_) | LoadStep::Read => {
                self.longest_read_ms = self.longest_read_ms.max(took)
            }
            LoadStep::Indexing(_) => self.longest_index_ms = self.longest_index_ms.max(took),
        }
        true
    }
}
