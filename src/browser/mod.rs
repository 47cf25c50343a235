//! Adapters to what the browser provides: the clock, the device, location,
//! the network (the feed) and the page URL. Each puts a
//! small Rust face on a browser API, with a fake for tests where one is
//! needed.

mod clock;
mod device;
mod feed_fetch;
mod feed_loading;
mod geolocation;
pub mod url_sync;

pub use clock::now;
pub use device::{Device, Handoff, handoff, random_bytes};
pub use feed_fetch::{FetchError, Progress, SLICE_MS, fetch_feed, now_ms};
pub use feed_loading::{
    BYTES_PER_STEP, LoadStep, LoadedCatalog, MERCHANTS_PER_STEP, PACKED_MERCHANTS_PER_STEP, Pace, ReadError,
    load_in_steps,
};
pub use geolocation::{LocationAnswer, LocationError, Locator};
