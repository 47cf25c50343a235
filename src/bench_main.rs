//! The browser bench page (`bench.html`, run by `scripts/bench-web.sh`):
//! times the data path in WebAssembly on generated Shenzhen feeds (seeded,
//! so every run measures the same data) and shows a table. Timings are
//! reported, never asserted.

use fujin_core::demo::{DemoOptions, demo_feed};
use fujin_core::feed::FeedReader;
use fujin_core::geo::{Crs, LonLat};
use fujin_core::index::DealQuery;
use fujin_web::browser::{BYTES_PER_STEP, LoadStep, MERCHANTS_PER_STEP, Pace, load_in_steps, now_ms};
use fujin_web::map::{MarkerLevels, Screen};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use wasm_bindgen::JsCast;

/// The allocator, counting: the hostile cases report the heap's peak while
/// reading, which WebAssembly's memory size (it only grows, and keeps what
/// making the input freed) cannot show.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(live, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

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
    wasm_bindgen_futures::spawn_local(run());
}

async fn run() {
    // `?hostile=NAME`: one hostile feed in a fresh page (wasm memory only
    // grows, so each case needs its own instance to be measured).
    let search = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
    if let Some(case) = search.strip_prefix("?hostile=") {
        hostile(case);
        return;
    }
    let mut rows: Vec<(String, f64)> = Vec::new();
    for merchants in [10_000, 100_000] {
        let doc = demo_feed(&DemoOptions { seed: 42, merchants, max_deals: 2, ..DemoOptions::default() });
        let bytes = serde_json::to_vec(&doc).unwrap_or_default();
        drop(doc);
        let mb = bytes.len() as f64 / 1e6;
        // Loading as the app does it (the app's own loop), each step timed:
        // the longest step is what the shopper feels.
        let mut timer = StepTimer::start();
        let Ok(Some(loaded)) = load_in_steps(bytes, &mut timer).await else { return };
        let catalog = loaded.catalog;
        let t = timer.finish();
        rows.push((format!("{merchants} merchants: FeedReader::new (UTF-8 check, head)"), t.opened_ms));
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
            format!("{merchants} merchants: longest index step of {MERCHANTS_PER_STEP} merchants"),
            t.longest_index_step_ms,
        ));
        rows.push((format!("{merchants} merchants: its R-tree bulk load (one step)"), t.bulk_load_ms));
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
    bulk_load_ms: f64,
}

impl StepTimer {
    fn start() -> Self {
        let now = now_ms();
        Self { start_ms: now, last_ms: now, times: StepTimes::default() }
    }

    /// The times, once loading has returned (the bulk load is what came
    /// after the last step).
    fn finish(mut self) -> StepTimes {
        let now = now_ms();
        self.times.bulk_load_ms = now - self.last_ms;
        self.times.index_ms = now - self.start_ms - self.times.read_ms;
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
            LoadStep::Read => times.read_ms = now - self.start_ms,
            LoadStep::Indexing(_) => times.longest_index_step_ms = times.longest_index_step_ms.max(took),
        }
        true
    }
}

/// Reads one hostile feed as the app does (64 KB steps) and shows what it
/// cost: the WebAssembly memory before and after, and the time. The cases
/// are those `scripts/bench-web.sh --hostile` asks for.
fn hostile(case: &str) {
    let wrap = |body: &str| format!("{{\"merchants\":[{body}]}}").into_bytes();
    let records = |record: &str, n: usize| vec![record; n].join(",");
    let bytes = match case {
        "commas" => wrap(&",".repeat(20 << 20)),
        "empty-records" => wrap(&records("{}", 1_000_000)),
        "bare-numbers" => wrap(&records("1", 1_000_000)),
        "top-level-numbers" => format!("[{}]", records("1", 1_000_000)).into_bytes(),
        "truncated" => {
            let doc = demo_feed(&DemoOptions {
                seed: 42,
                merchants: 20_000,
                max_deals: 2,
                ..DemoOptions::default()
            });
            let mut bytes = serde_json::to_vec(&doc).unwrap_or_default();
            bytes.truncate(bytes.len() - 100);
            bytes
        }
        _ => return render_text(&format!("unknown case {case}")),
    };
    let memory = || {
        wasm_bindgen::memory().dyn_into::<js_sys::WebAssembly::Memory>().map_or(0.0, |m| {
            m.buffer().dyn_into::<js_sys::ArrayBuffer>().map_or(0.0, |b| b.byte_length() as f64)
        })
    };
    let live_before = LIVE.load(Ordering::Relaxed);
    PEAK.store(live_before, Ordering::Relaxed);
    let start = now_ms();
    let result = FeedReader::new(&bytes).and_then(|mut reader| {
        while !reader.step(BYTES_PER_STEP)? {}
        reader.finish()
    });
    let ms = now_ms() - start;
    let peak = PEAK.load(Ordering::Relaxed) - live_before;
    let outcome = match &result {
        Ok(loaded) => format!("{} problems, {} rejected", loaded.problem_count, loaded.rejected),
        Err(e) => format!("refused: {e}"),
    };
    let mb = |b: f64| b / f64::from(1u32 << 20);
    render_text(&format!(
        "{case}: {:.1} MB of input; heap peak while reading +{:.2} MB (wasm memory {:.0} MB in all); {ms:.0} ms; {outcome}\n",
        mb(bytes.len() as f64),
        mb(peak as f64),
        mb(memory()),
    ));
}

fn render(rows: &[(String, f64)]) {
    let mut text = String::from("Fujin data path in WebAssembly (median ms):\n");
    for (what, ms) in rows {
        text.push_str(&format!("{ms:>10.2}  {what}\n"));
    }
    render_text(&text);
}

/// Shows the bench's result where `scripts/bench-web.sh` reads it.
fn render_text(text: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = document.body() else { return };
    if let Ok(pre) = document.create_element("pre") {
        pre.set_id("bench-result");
        pre.set_text_content(Some(text));
        body.append_child(&pre).ok();
    }
}
