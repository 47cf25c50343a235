//! `?versus`: Fujin side by side with the JavaScript a developer would use
//! instead (flatbush + geoflatbush, kdbush + geokdbush, supercluster,
//! `JSON.parse`), in one page, on the same seeded data, each timed with
//! `performance.now()` around the same loop. The ratio is Fujin's time over
//! the fastest peer's: below 1 Fujin is faster.

use fujin_core::demo::{DemoOptions, demo_positions, write_demo_feed};
use fujin_core::geo::{Crs, EARTH_RADIUS_M, LonLat, LonLatBox};
use fujin_core::index::{DealQuery, SpatialIndex};
use fujin_core::pack::pack_feed;
use fujin_web::browser::{load_in_steps, now_ms};
use fujin_web::map::{CLUSTER_RADIUS_PX, MarkerLevels, Screen};
use js_sys::{Float64Array, Uint8Array};
use wasm_bindgen::JsValue;

use crate::peers::Peers;
use crate::report::{FUTIAN, FlatOut, on_sale};

/// Points in the index figures, and query points per round.
const POINTS: usize = 1_000_000;
const QUERIES: usize = 1_000;
/// Rounds per figure; the median round counts.
const ROUNDS: usize = 5;
/// Merchants on the map, and in the cold start's feed.
const MAP_MERCHANTS: usize = 100_000;
const FEED_MERCHANTS: usize = 100_000;

/// One line of the table.
struct Figure {
    what: String,
    peer: &'static str,
    peer_ms: f64,
    fujin_ms: f64,
    goal: f64,
    /// What each side answered, so that a reader sees they did the same work.
    check: String,
}

/// Runs every figure and returns the table.
pub async fn run() -> String {
    let peers = match Peers::load().await {
        Ok(peers) => peers,
        Err(why) => {
            return format!(
                "Fujin versus the JS peers: not run ({why}). scripts/bench-web.sh installs them.\n"
            );
        }
    };
    let mut figures = Vec::new();
    let done = match index_figures(&peers, &mut figures) {
        Ok(()) => marker_figures(&peers, &mut figures),
        failed => failed,
    };
    let done = match done {
        Ok(()) => cold_start(&peers, &mut figures).await,
        failed => failed,
    };
    match done {
        Ok(()) => render(&figures),
        Err(why) => format!("Fujin versus the JS peers: failed ({why})\n{}", render(&figures)),
    }
}

/// The positions as lon, lat pairs, as the peers take them.
fn lon_lat_pairs(points: &[LonLat]) -> JsValue {
    let flat: Vec<f64> = points.iter().flat_map(|p| [p.lon, p.lat]).collect();
    Float64Array::from(&flat[..]).into()
}

/// Median over `rounds` of the time `run` takes, divided by `per`, in ms
/// (the same rule as `peers.js`).
fn timed(rounds: usize, per: usize, mut run: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..rounds)
        .map(|_| {
            let start = now_ms();
            run();
            (now_ms() - start) / per as f64
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

/// Median over `rounds` of the time `build` takes to make a value, in ms,
/// and the last value. Each round's value is dropped before the next round
/// starts its clock: freeing a million-point index is not part of making
/// one (in the JS, the old one is left to the collector).
fn timed_build<T>(rounds: usize, mut build: impl FnMut() -> T) -> (f64, T) {
    let start = now_ms();
    let mut last = build();
    let mut times = vec![now_ms() - start];
    for _ in 1..rounds {
        drop(last);
        let start = now_ms();
        last = build();
        times.push(now_ms() - start);
    }
    times.sort_by(f64::total_cmp);
    (times[times.len() / 2], last)
}

/// The peers' kilometres for `metres` on Fujin's sphere: they use a radius of
/// 6,371 km, so the same angle is asked of both.
fn peer_km(metres: f64) -> f64 {
    metres / EARTH_RADIUS_M * 6_371.0
}

fn index_figures(peers: &Peers, figures: &mut Vec<Figure>) -> Result<(), String> {
    let points = demo_positions(42, POINTS);
    let queries = demo_positions(7, QUERIES);
    let js_queries = lon_lat_pairs(&queries);

    let built = peers.call("build", &[lon_lat_pairs(&points), JsValue::from(3)])?;
    let (fujin_ms, index) = timed_build(3, || SpatialIndex::new(&points));
    let (peer, peer_ms) = fastest(&[("flatbush", built[0]), ("kdbush", built[1])]);
    figures.push(Figure {
        what: format!("index ready for {POINTS} points (from positions)"),
        peer,
        peer_ms,
        fujin_ms,
        goal: 1.0,
        check: format!("flatbush {:.0} ms, kdbush {:.0} ms", built[0], built[1]),
    });

    // A packed feed's index: the same tree rebuilt from its stored shape
    // (the INDX section) over the positions, boxes computed, nothing sorted.
    let shape = index.shape();
    let (fujin_ms, rebuilt) = timed_build(3, || SpatialIndex::from_shape(&points, shape.clone()).ok());
    let same = rebuilt.as_ref() == Some(&index);
    drop(rebuilt);
    figures.push(Figure {
        what: format!("index ready for {POINTS} points (from a packed feed's index)"),
        peer,
        peer_ms,
        fujin_ms,
        goal: 0.2,
        check: format!("the same tree as bulk loading: {same}"),
    });

    let k = 20;
    let js = peers.call("nearest", &[js_queries.clone(), JsValue::from(k), JsValue::from(ROUNDS)])?;
    let mut hits = 0;
    let fujin_ms = timed(ROUNDS, QUERIES, || {
        hits = queries.iter().map(|&q| index.nearest(q, k).len()).sum::<usize>();
    });
    let (peer, peer_ms) = fastest(&[("geoflatbush around", js[0]), ("geokdbush around", js[1])]);
    figures.push(Figure {
        what: format!("{k} nearest of {POINTS}, per query (Fujin: ids + metres, nearest first)"),
        peer,
        peer_ms,
        fujin_ms,
        goal: 0.33,
        check: format!("hits: Fujin {hits}, geoflatbush {}, geokdbush {}", js[2], js[3]),
    });

    let radius_m = 500.0;
    let js = peers.call("within", &[js_queries, JsValue::from(peer_km(radius_m)), JsValue::from(ROUNDS)])?;
    let mut ids = Vec::new();
    let mut hits = 0;
    let fujin_ms = timed(ROUNDS, QUERIES, || {
        hits = 0;
        for &q in &queries {
            ids.clear();
            index.ids_within_radius(q, radius_m, &mut ids);
            hits += ids.len();
        }
    });
    figures.push(Figure {
        what: format!("all within {radius_m} m of {POINTS}, per query, ids in any order (the map)"),
        peer: "geoflatbush within",
        peer_ms: js[0],
        fujin_ms,
        goal: 0.5,
        check: format!("hits: Fujin {hits}, geoflatbush {}", js[3]),
    });
    let fujin_ms = timed(ROUNDS, QUERIES, || {
        hits = queries.iter().map(|&q| index.within_radius(q, radius_m).len()).sum::<usize>();
    });
    let (peer, peer_ms) =
        fastest(&[("geoflatbush around (ids only)", js[1]), ("geokdbush around (ids only)", js[2])]);
    figures.push(Figure {
        what: format!(
            "all within {radius_m} m of {POINTS}, per query, nearest first (the list; Fujin adds metres)"
        ),
        peer,
        peer_ms,
        fujin_ms,
        goal: 0.5,
        check: format!("hits: Fujin {hits}, geoflatbush {}, geokdbush {}", js[4], js[5]),
    });
    Ok(())
}

fn marker_figures(peers: &Peers, figures: &mut Vec<Figure>) -> Result<(), String> {
    let points = demo_positions(42, MAP_MERCHANTS);
    let zoom = 16.0;
    // A 1 km square on Futian CBD.
    let probe = Screen { width: 1.0, height: 1.0, center: FUTIAN, zoom, tile_crs: Crs::Wgs84 };
    let side_px = 1_000.0 / probe.metres_per_px();
    let screen = Screen { width: side_px, height: side_px, ..probe };
    let frames: Vec<Screen> = (1..=60)
        .map(|f| Screen { center: LonLat::new(FUTIAN.lon + f as f64 * 0.0002, FUTIAN.lat), ..screen })
        .collect();
    let edges = |b: LonLatBox| [b.west, b.south, b.east, b.north];
    let first_box = Float64Array::from(&edges(screen.bounds(0.0))[..]);
    let pan_boxes: Vec<f64> = frames.iter().flat_map(|s| edges(s.bounds(0.0))).collect();

    let js = peers.call(
        "clusterFirst",
        &[
            lon_lat_pairs(&points),
            first_box.into(),
            JsValue::from(zoom),
            JsValue::from(CLUSTER_RADIUS_PX),
            JsValue::from(3),
        ],
    )?;
    let all = || points.iter().enumerate().map(|(i, &p)| (i as u32, p));
    let (fujin_ms, (levels, mut markers)) = timed_build(3, || {
        let levels = MarkerLevels::new(Crs::Wgs84, all());
        let markers = levels.on_screen(&screen, 0.0).len();
        (levels, markers)
    });
    figures.push(Figure {
        what: format!("markers for {MAP_MERCHANTS} merchants, 1 km box at zoom 16, first frame"),
        peer: "supercluster load + getClusters",
        peer_ms: js[0],
        fujin_ms,
        goal: 0.5,
        check: format!("markers: Fujin {markers}, supercluster {}", js[1]),
    });

    let js = peers.call(
        "clusterPan",
        &[Float64Array::from(&pan_boxes[..]).into(), JsValue::from(zoom), JsValue::from(ROUNDS)],
    )?;
    let fujin_ms = timed(ROUNDS, frames.len(), || {
        for frame in &frames {
            markers = levels.on_screen(frame, 0.0).len();
        }
    });
    figures.push(Figure {
        what: "markers, each later frame of a pan at zoom 16".into(),
        peer: "supercluster getClusters",
        peer_ms: js[0],
        fujin_ms,
        goal: 1.0,
        check: format!("markers in the last frame: Fujin {markers}, supercluster {}", js[1]),
    });
    Ok(())
}

async fn cold_start(peers: &Peers, figures: &mut Vec<Figure>) -> Result<(), String> {
    let options = DemoOptions { seed: 42, merchants: FEED_MERCHANTS, ..DemoOptions::default() };
    let mut bytes = Vec::new();
    write_demo_feed(&options, false, &mut bytes).map_err(|e| e.to_string())?;
    let mb = bytes.len() as f64 / 1e6;
    // Both sides start from the bytes in JavaScript's hands, as a fetch leaves them.
    let js_bytes = Uint8Array::from(&bytes[..]);
    drop(bytes);
    let radius_m = 3_000.0;

    let start = now_ms();
    let bytes = js_bytes.to_vec();
    let loaded = load_in_steps(bytes, &mut FlatOut).await.map_err(|e| e.to_string())?.ok_or("stopped")?;
    let rows = loaded.catalog.query(&DealQuery::near(FUTIAN, radius_m), on_sale()).len();
    let fujin_ms = now_ms() - start;
    let packed = Uint8Array::from(&pack_feed(loaded.catalog.feed())[..]);
    drop(loaded);

    // The same feed packed (`fujin pack`), from the bytes to the same list.
    let start = now_ms();
    let bytes = packed.to_vec();
    let loaded = load_in_steps(bytes, &mut FlatOut).await.map_err(|e| e.to_string())?.ok_or("stopped")?;
    let packed_rows = loaded.catalog.query(&DealQuery::near(FUTIAN, radius_m), on_sale()).len();
    let packed_ms = now_ms() - start;
    drop(loaded);

    let js = peers.call(
        "coldStart",
        &[
            js_bytes.into(),
            JsValue::from(FUTIAN.lon),
            JsValue::from(FUTIAN.lat),
            JsValue::from(peer_km(radius_m)),
        ],
    )?;
    figures.push(Figure {
        what: format!(
            "cold start, {FEED_MERCHANTS} merchants ({mb:.0} MB JSON): bytes → deals within 3 km, nearest first"
        ),
        peer: "JSON.parse + flatbush + geoflatbush",
        peer_ms: js[0],
        fujin_ms,
        goal: 1.0,
        check: format!("rows: Fujin {rows} on sale (checked feed), JS {} (unchecked)", js[1]),
    });
    figures.push(Figure {
        what: format!(
            "cold start, the same feed packed ({:.0} MB .fjpk): bytes → the same deals",
            packed.length() as f64 / 1e6
        ),
        peer: "JSON.parse + flatbush + geoflatbush",
        peer_ms: js[0],
        fujin_ms: packed_ms,
        goal: 0.5,
        check: format!("rows: Fujin {packed_rows} (checked again), JS {}", js[1]),
    });
    Ok(())
}

fn fastest(peers: &[(&'static str, f64)]) -> (&'static str, f64) {
    peers.iter().copied().min_by(|a, b| a.1.total_cmp(&b.1)).unwrap_or(("none", f64::NAN))
}

/// Milliseconds in a readable unit.
fn duration(ms: f64) -> String {
    if ms < 1.0 { format!("{:.1} µs", ms * 1e3) } else { format!("{ms:.1} ms") }
}

fn render(figures: &[Figure]) -> String {
    let mut text = String::from(
        "Fujin versus the JS peers (same page, same seeded data; ratio = Fujin / fastest peer, lower is better)\n",
    );
    for f in figures {
        let ratio = f.fujin_ms / f.peer_ms;
        let verdict = if ratio <= f.goal { "met" } else { "NOT met" };
        text.push_str(&format!(
            "| {} | {} {} | Fujin {} | {ratio:.2}× | goal ≤ {:.2}×: {verdict} | {} |\n",
            f.what,
            f.peer,
            duration(f.peer_ms),
            duration(f.fujin_ms),
            f.goal,
            f.check,
        ));
    }
    text
}
