//! The browser bench page (`bench.html`, run by `scripts/bench-web.sh`).
//! Timings are reported, never asserted. Pages, by query:
//!
//! - `?versus`: Fujin beside the JS peers on the same seeded data ([`versus`]);
//! - `?data-path`: the app's loading, query and map on generated feeds ([`data_path`]);
//! - `?hostile=NAME`: memory and time of one hostile feed ([`hostile`]);
//! - `?million`: the app's loading, list and map at 1,000,000 merchants ([`million`]);
//! - `?probe=NAME`: one piece of work repeated, for a CPU profile ([`probe`]);
//! - no query: the first two.

mod counting;
mod data_path;
mod hostile;
mod million;
mod peers;
mod probe;
mod report;
mod versus;

#[global_allocator]
static ALLOCATOR: counting::Counting = counting::Counting;

fn main() {
    std::panic::set_hook(Box::new(|info| report::show(&format!("the bench page panicked: {info}"))));
    wasm_bindgen_futures::spawn_local(run());
}

async fn run() {
    let search = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
    let text = match search.as_str() {
        "?versus" => versus::run().await,
        "?data-path" => data_path::run().await,
        "?million" => million::run().await,
        _ => match (search.strip_prefix("?hostile="), search.strip_prefix("?probe=")) {
            (Some(case), _) => hostile::run(case),
            (_, Some(name)) => probe::run(name).await,
            _ => versus::run().await + "\n" + &data_path::run().await,
        },
    };
    report::show(&text);
}
