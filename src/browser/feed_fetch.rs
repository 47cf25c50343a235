//! Fetching a feed over HTTP, with download progress, and loading it in
//! time slices so that the page keeps answering.

use std::time::Duration;

use fujin_core::feed::FeedError;
use fujin_core::feed::limits::MAX_FEED_BYTES;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use fujin_core::pack::PackError;

use super::feed_loading::{LoadStep, LoadedCatalog, Pace, ReadError, load_in_steps};

/// Why a feed could not be fetched or read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FetchError {
    /// The request failed before any answer (offline, blocked, bad URL).
    #[error("network error: {0}")]
    Network(String),
    /// The server answered with an error status.
    #[error("the server answered {status} {status_text}")]
    Status {
        /// HTTP status code.
        status: u16,
        /// Its text.
        status_text: String,
    },
    /// The answer is not a feed.
    #[error(transparent)]
    Feed(#[from] FeedError),
    /// The answer is a damaged packed feed.
    #[error(transparent)]
    Packed(#[from] PackError),
    /// Loading was called off (the widget was removed, or another feed asked for).
    #[error("cancelled")]
    Cancelled,
}

impl From<ReadError> for FetchError {
    fn from(e: ReadError) -> Self {
        match e {
            ReadError::Json(e) => FetchError::Feed(e),
            ReadError::Packed(e) => FetchError::Packed(e),
        }
    }
}

/// Milliseconds of loading work between two yields to the browser: less
/// than a frame, so the page keeps drawing and answering input.
pub const SLICE_MS: f64 = 12.0;

/// How far loading has come: bytes received (and the total when the server
/// says it), then how much of the feed is read.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Progress {
    /// Bytes received.
    pub received: u64,
    /// `Content-Length`, if given.
    pub total: Option<u64>,
    /// The share of the feed read (0 to 1), once the download is complete.
    pub read: Option<f64>,
}

impl Progress {
    /// Percent done: of the download, then of the checking; `None` while
    /// the download's size is unknown.
    pub fn percent(&self) -> Option<u32> {
        if let Some(read) = self.read {
            return Some((read.clamp(0.0, 1.0) * 100.0) as u32);
        }
        self.total.filter(|t| *t > 0).map(|t| (self.received.min(t) * 100 / t) as u32)
    }
}

/// Fetches `url`, reporting progress as the body arrives, loads it as a feed
/// and indexes it, yielding to the page between steps.
///
/// `signal` ends it early (the widget was destroyed, or another feed was
/// asked for): the request is aborted, reading and indexing stop, and the
/// result is [`FetchError::Cancelled`].
pub async fn fetch_feed(
    url: &str,
    signal: &web_sys::AbortSignal,
    on_progress: impl Fn(Progress),
) -> Result<LoadedCatalog, FetchError> {
    let result = fetch_and_load(url, signal, on_progress).await;
    // Once called off, whatever the abort made fail (the request, a body
    // chunk, a step) is the same answer.
    if signal.aborted() { Err(FetchError::Cancelled) } else { result }
}

async fn fetch_and_load(
    url: &str,
    signal: &web_sys::AbortSignal,
    on_progress: impl Fn(Progress),
) -> Result<LoadedCatalog, FetchError> {
    let request = gloo::net::http::Request::get(url).abort_signal(Some(signal));
    let response = request.send().await.map_err(|e| FetchError::Network(e.to_string()))?;
    if !response.ok() {
        return Err(FetchError::Status { status: response.status(), status_text: response.status_text() });
    }
    let total = response.headers().get("content-length").and_then(|v| v.parse().ok());
    let bytes = match response.body() {
        Some(stream) => read_stream(stream, total, &on_progress).await?,
        None => response.binary().await.map_err(|e| FetchError::Network(e.to_string()))?,
    };
    let received = bytes.len() as u64;
    let mut pace =
        TimeSlices { slice: TimeSlice::start(), received, total, on_progress, signal: signal.clone() };
    load_in_steps(bytes, &mut pace).await?.ok_or(FetchError::Cancelled)
}

/// The app's pace: the page gets a turn whenever a time slice is over, and
/// hears how far loading has come.
struct TimeSlices<F> {
    slice: TimeSlice,
    received: u64,
    total: Option<u64>,
    on_progress: F,
    signal: web_sys::AbortSignal,
}

impl<F: Fn(Progress)> Pace for TimeSlices<F> {
    async fn after(&mut self, step: LoadStep) -> bool {
        if self.signal.aborted() {
            return false;
        }
        if !self.slice.is_over() {
            return true;
        }
        let read = match step {
            LoadStep::Opened => 0.0,
            LoadStep::Reading(share) => share,
            LoadStep::Read | LoadStep::Indexing(_) => 1.0,
        };
        (self.on_progress)(Progress { received: self.received, total: self.total, read: Some(read) });
        self.slice = TimeSlice::start_after_a_turn().await;
        !self.signal.aborted()
    }
}

/// Milliseconds on the page's monotonic clock (`performance.now()`).
pub fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// A stretch of work that ends after [`SLICE_MS`].
struct TimeSlice {
    ends_at_ms: f64,
}

impl TimeSlice {
    fn start() -> Self {
        Self { ends_at_ms: now_ms() + SLICE_MS }
    }

    fn is_over(&self) -> bool {
        now_ms() >= self.ends_at_ms
    }

    /// Gives the browser a turn (input, rendering), then starts the next slice.
    async fn start_after_a_turn() -> Self {
        yew::platform::time::sleep(Duration::ZERO).await;
        Self::start()
    }
}

/// Reads a response body chunk by chunk, reporting each step.
async fn read_stream(
    stream: web_sys::ReadableStream,
    total: Option<u64>,
    on_progress: &impl Fn(Progress),
) -> Result<Vec<u8>, FetchError> {
    let network = |e: wasm_bindgen::JsValue| FetchError::Network(format!("{e:?}"));
    let reader: web_sys::ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    // Grown with the bytes received, not reserved from what Content-Length claims.
    let mut bytes = Vec::new();
    loop {
        let chunk = JsFuture::from(reader.read()).await.map_err(network)?;
        let done = js_sys::Reflect::get(&chunk, &"done".into()).map_err(network)?;
        if done.as_bool().unwrap_or(true) {
            break;
        }
        let value = js_sys::Reflect::get(&chunk, &"value".into()).map_err(network)?;
        let array: js_sys::Uint8Array = value.unchecked_into();
        let start = bytes.len();
        let end = start + array.length() as usize;
        if end > MAX_FEED_BYTES {
            // Stop downloading: the feed would be refused anyway.
            let _ = reader.cancel();
            return Err(FeedError::TooLarge { bytes: end }.into());
        }
        bytes.resize(end, 0);
        array.copy_to(&mut bytes[start..]);
        on_progress(Progress { received: bytes.len() as u64, total, read: None });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent() {
        let p = |received, total| Progress { received, total, read: None };
        assert_eq!(p(50, Some(200)).percent(), Some(25));
        assert_eq!(p(500, Some(200)).percent(), Some(100));
        assert_eq!(p(5, None).percent(), None);
        assert_eq!(p(5, Some(0)).percent(), None);
        let reading = Progress { read: Some(0.25), ..p(5, None) };
        assert_eq!(reading.percent(), Some(25));
        assert_eq!(Progress { read: Some(1.5), ..p(5, None) }.percent(), Some(100));
    }
}
