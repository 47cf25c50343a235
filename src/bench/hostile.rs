//! `?hostile=NAME`: one hostile feed read as the app reads it, in a fresh
//! page (wasm memory only grows, so each case needs its own instance).

use std::sync::atomic::Ordering;

use fujin_core::demo::{DemoOptions, demo_feed};
use fujin_core::feed::FeedReader;
use fujin_web::browser::{BYTES_PER_STEP, now_ms};
use wasm_bindgen::JsCast;

use crate::counting::{LIVE, PEAK};

/// Reads one hostile feed as the app does (64 KB steps) and shows what it
/// cost: the WebAssembly memory before and after, and the time. The cases
/// are those `scripts/bench-web.sh --hostile` asks for.
pub fn run(case: &str) -> String {
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
        _ => return format!("unknown case {case}"),
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
    format!(
        "{case}: {:.1} MB of input; heap peak while reading +{:.2} MB (wasm memory {:.0} MB in all); {ms:.0} ms; {outcome}\n",
        mb(bytes.len() as f64),
        mb(peak as f64),
        mb(memory()),
    )
}
