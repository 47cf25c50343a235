//! `?probe=NAME`: one piece of work, repeated, for a CPU profile of the
//! WebAssembly (`scripts/profile-web.sh NAME`, which reads Chromium's
//! sampling profiler). Prints only how long each round took.

use fujin_core::demo::{DemoOptions, demo_positions, write_demo_feed};
use fujin_core::index::{DealQuery, SpatialIndex};
use fujin_core::pack::pack_feed;
use fujin_web::browser::{load_in_steps, now_ms};

use crate::report::{FUTIAN, FlatOut, on_sale};

/// Runs the probe `name`; what it timed, or why not.
pub async fn run(name: &str) -> String {
    let mut rounds = Vec::new();
    match name {
        "rebuild" | "knn" => {
            let points = demo_positions(42, 1_000_000);
            let index = SpatialIndex::new(&points);
            let shape = index.shape();
            let queries = demo_positions(7, 1_000);
            for _ in 0..10 {
                let start = now_ms();
                if name == "rebuild" {
                    drop(SpatialIndex::from_shape(&points, shape.clone()));
                } else {
                    for _ in 0..20 {
                        for &q in &queries {
                            std::hint::black_box(index.nearest(q, 20));
                        }
                    }
                }
                rounds.push(now_ms() - start);
            }
        }
        "json" | "packed" => {
            let options = DemoOptions { seed: 42, merchants: 100_000, ..DemoOptions::default() };
            let mut json = Vec::new();
            if let Err(e) = write_demo_feed(&options, false, &mut json) {
                return e.to_string();
            }
            let bytes = if name == "json" {
                json
            } else {
                match load_in_steps(json, &mut FlatOut).await {
                    Ok(Some(loaded)) => pack_feed(loaded.catalog.feed()),
                    _ => return "the feed did not load".into(),
                }
            };
            for _ in 0..3 {
                let start = now_ms();
                match load_in_steps(bytes.clone(), &mut FlatOut).await {
                    Ok(Some(loaded)) => {
                        std::hint::black_box(
                            loaded.catalog.query(&DealQuery::near(FUTIAN, 3_000.0), on_sale()),
                        );
                    }
                    _ => return "the feed did not load".into(),
                }
                rounds.push(now_ms() - start);
            }
        }
        _ => return format!("no probe {name:?}"),
    }
    format!("probe {name}: rounds {rounds:.1?} ms\n")
}
