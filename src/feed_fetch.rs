//! Fetching a feed over HTTP, with download progress, and loading it with
//! the core.

use std::time::Duration;

use fujin_core::feed::{FeedLoader, parse_document};
use fujin_core::{FeedError, LoadedFeed};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

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
}

/// Records checked between two yields to the browser while loading.
pub const RECORDS_PER_STEP: usize = 1_000;

/// How far loading has come: bytes received (and the total when the server
/// says it), then records checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    /// Bytes received.
    pub received: u64,
    /// `Content-Length`, if given.
    pub total: Option<u64>,
    /// Records checked and records in all, once the download is complete.
    pub checked: Option<(usize, usize)>,
}

impl Progress {
    /// Percent done: of the download, then of the checking; `None` while
    /// the download's size is unknown.
    pub fn percent(&self) -> Option<u32> {
        if let Some((done, all)) = self.checked {
            return Some((done.min(all) * 100).checked_div(all).map_or(100, |p| p as u32));
        }
        self.total.filter(|t| *t > 0).map(|t| (self.received.min(t) * 100 / t) as u32)
    }
}

/// Fetches `url`, reporting progress as the body arrives, and loads it as a feed.
pub async fn fetch_feed(url: &str, on_progress: impl Fn(Progress)) -> Result<LoadedFeed, FetchError> {
    let response =
        gloo::net::http::Request::get(url).send().await.map_err(|e| FetchError::Network(e.to_string()))?;
    if !response.ok() {
        return Err(FetchError::Status { status: response.status(), status_text: response.status_text() });
    }
    let total = response.headers().get("content-length").and_then(|v| v.parse().ok());
    let bytes = match response.body() {
        Some(stream) => read_stream(stream, total, &on_progress).await?,
        None => response.binary().await.map_err(|e| FetchError::Network(e.to_string()))?,
    };
    let received = bytes.len() as u64;
    let doc = parse_document(&bytes)?;
    drop(bytes);
    // Check the records a slice at a time, giving the page a turn in between.
    let mut loader = FeedLoader::new(&doc)?;
    while !loader.step(RECORDS_PER_STEP) {
        on_progress(Progress { received, total, checked: Some(loader.progress()) });
        yew::platform::time::sleep(Duration::ZERO).await;
    }
    Ok(loader.finish())
}

/// Reads a response body chunk by chunk, reporting each step.
async fn read_stream(
    stream: web_sys::ReadableStream,
    total: Option<u64>,
    on_progress: &impl Fn(Progress),
) -> Result<Vec<u8>, FetchError> {
    let network = |e: wasm_bindgen::JsValue| FetchError::Network(format!("{e:?}"));
    let reader: web_sys::ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    let mut bytes = Vec::with_capacity(total.unwrap_or(0).min(1 << 30) as usize);
    loop {
        let chunk = JsFuture::from(reader.read()).await.map_err(network)?;
        let done = js_sys::Reflect::get(&chunk, &"done".into()).map_err(network)?;
        if done.as_bool().unwrap_or(true) {
            break;
        }
        let value = js_sys::Reflect::get(&chunk, &"value".into()).map_err(network)?;
        let array: js_sys::Uint8Array = value.unchecked_into();
        let start = bytes.len();
        bytes.resize(start + array.length() as usize, 0);
        array.copy_to(&mut bytes[start..]);
        on_progress(Progress { received: bytes.len() as u64, total, checked: None });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent() {
        let p = |received, total| Progress { received, total, checked: None };
        assert_eq!(p(50, Some(200)).percent(), Some(25));
        assert_eq!(p(500, Some(200)).percent(), Some(100));
        assert_eq!(p(5, None).percent(), None);
        assert_eq!(p(5, Some(0)).percent(), None);
        let checking = Progress { checked: Some((500, 2_000)), ..p(5, None) };
        assert_eq!(checking.percent(), Some(25));
        assert_eq!(Progress { checked: Some((0, 0)), ..p(5, None) }.percent(), Some(100));
    }
}
