//! Adapters to what the browser provides: the clock, the device, location,
//! the network (the feed), the page URL and the panic screen. Each puts a
//! small Rust face on a browser API, with a fake for tests where one is
//! needed.

mod clock;
mod device;
mod feed_fetch;
mod geolocation;
mod panic_screen;
pub mod url_sync;

pub use clock::now;
pub use device::{Device, Handoff, handoff, random_bytes};
pub use feed_fetch::{
    BYTES_PER_STEP, FetchError, FetchedFeed, MERCHANTS_PER_STEP, Progress, SLICE_MS, fetch_feed, now_ms,
};
pub use geolocation::{LocationAnswer, LocationError, Locator};
pub use panic_screen::{PANIC_MESSAGE, install as install_panic_screen, show as show_panic_screen};
