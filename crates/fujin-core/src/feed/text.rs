//! The text layer: raw bytes to feed text (size, UTF-8, byte-order mark),
//! and what a parser reading the whole text makes of it.

use serde_json::Value;

use super::error::{FeedError, json_error};
use super::limits::MAX_DEPTH;
use super::limits::MAX_FEED_BYTES;
use super::nesting::max_depth;
use super::syntax::check_json;

/// The text of raw bytes, with the clear errors of [`FeedError`] for bytes
/// that are empty or not UTF-8. A byte-order mark is skipped.
pub(super) fn feed_text(bytes: &[u8]) -> Result<&str, FeedError> {
    check_size(bytes)?;
    feed_body(std::str::from_utf8(bytes).map_err(|e| FeedError::NotUtf8(e.valid_up_to()))?)
}

/// Refuses bytes over [`MAX_FEED_BYTES`].
pub(super) fn check_size(bytes: &[u8]) -> Result<(), FeedError> {
    match bytes.len() {
        n if n > MAX_FEED_BYTES => Err(FeedError::TooLarge { bytes: n }),
        _ => Ok(()),
    }
}

/// The feed in UTF-8 text: without a byte-order mark, and not empty.
pub(super) fn feed_body(text: &str) -> Result<&str, FeedError> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if text.trim_start().is_empty() {
        return Err(FeedError::Empty);
    }
    Ok(text)
}

/// Parses raw bytes as a JSON document, with the clear errors of [`FeedError`]
/// for text that is empty, not UTF-8, too deep or not JSON. A byte-order mark is skipped.
pub fn parse_document(bytes: &[u8]) -> Result<Value, FeedError> {
    parse_text(feed_text(bytes)?)
}

/// Parses text already checked by [`feed_text`].
pub(super) fn parse_text(text: &str) -> Result<Value, FeedError> {
    if max_depth(text, MAX_DEPTH) > MAX_DEPTH {
        return Err(FeedError::TooDeep);
    }
    serde_json::from_str(text).map_err(json_error)
}

/// What [`parse_text`] would say is wrong with `text` (too deep, or not
/// JSON), found without building anything from it.
pub(super) fn syntax_error(text: &str) -> Option<FeedError> {
    if max_depth(text, MAX_DEPTH) > MAX_DEPTH {
        return Some(FeedError::TooDeep);
    }
    check_json(text).err().map(json_error)
}
