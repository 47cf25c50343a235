//! What the bench pages share: the place, the clock and how results are shown.

use fujin_core::geo::LonLat;
use fujin_web::browser::{LoadStep, Pace, now_ms};

/// Futian CBD, where the demo is densest.
pub const FUTIAN: LonLat = LonLat::new(114.0553, 22.5380);

/// 2026-12-01, while the generated deals are on sale.
pub fn on_sale() -> time::OffsetDateTime {
    time::OffsetDateTime::from_unix_timestamp(1_796_140_800).unwrap_or(time::OffsetDateTime::UNIX_EPOCH)
}

/// Median of `runs` timings of `f`, in milliseconds.
pub fn median_ms(runs: usize, mut f: impl FnMut()) -> f64 {
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

/// Rows of (what, milliseconds) under a title, one line each.
pub fn table(title: &str, rows: &[(String, f64)]) -> String {
    let mut text = format!("{title}\n");
    for (what, ms) in rows {
        text.push_str(&format!("{ms:>10.2}  {what}\n"));
    }
    text
}

/// Shows the bench's result where `scripts/bench-web.sh` reads it.
pub fn show(text: &str) {
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

/// A pace that never waits: loading runs flat out, as `JSON.parse` does.
pub struct FlatOut;

impl Pace for FlatOut {
    async fn after(&mut self, _step: LoadStep) -> bool {
        true
    }
}
