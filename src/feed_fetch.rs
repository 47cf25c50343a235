//! Fetching a feed over HTTP, with download progress, and loading it with
//! the core.

use fujin_core::{FeedError, LoadedFeed, load_feed};
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

/// Bytes received so far, and the total when the server says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    /// Bytes received.
    pub received: u64,
    /// `Content-Length`, if given.
    pub total: Option<u64>,
}

impl Progress {
    /// Percent done, when the total is known.
    pub fn percent(&self) -> Option<u32> {
        self.total
            .filter(|t| *t > 0)
            .map(|t| (self.received.min(t) * 100 / t) as u32)
    }
}

/// Fetches `url`, reporting progress as the body arrives, and loads it as a feed.
pub async fn fetch_feed(
    url: &str,
    on_progress: impl Fn(Progress),
) -> Result<LoadedFeed, FetchError> {
    let response = gloo::net::http::Request::get(url)
        .send()
        .await
        .map_err(|e| FetchError::Network(e.to_string()))?;
    if !response.ok() {
        return Err(FetchError::Status {
            status: response.status(),
            status_text: response.status_text(),
        });
    }
    let total = response
        .headers()
        .get("content-length")
        .and_then(|v| v.parse().ok());
    let bytes = match response.body() {
        Some(stream) => read_stream(stream, total, &on_progress).await?,
        None => response
            .binary()
            .await
            .map_err(|e| FetchError::Network(e.to_string()))?,
    };
    Ok(load_feed(&bytes)?)
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
        on_progress(Progress {
            received: bytes.len() as u64,
            total,
        });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent() {
        assert_eq!(
            Progress {
                received: 50,
                total: Some(200)
            }
            .percent(),
            Some(25)
        );
        assert_eq!(
            Progress {
                received: 500,
                total: Some(200)
            }
            .percent(),
            Some(100)
        );
        assert_eq!(
            Progress {
                received: 5,
                total: None
            }
            .percent(),
            None
        );
        assert_eq!(
            Progress {
                received: 5,
                total: Some(0)
            }
            .percent(),
            None
        );
    }
}
