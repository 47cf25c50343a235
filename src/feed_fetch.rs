//! Fetching a feed over HTTP and loading it with the core.

use fujin_core::{FeedError, LoadedFeed, load_feed};

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

/// Fetches `url` and loads it as a feed.
pub async fn fetch_feed(url: &str) -> Result<LoadedFeed, FetchError> {
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
    let bytes = response
        .binary()
        .await
        .map_err(|e| FetchError::Network(e.to_string()))?;
    Ok(load_feed(&bytes)?)
}
