//! Why a file could not be read as a feed at all: the one error that
//! refuses a whole document (every smaller mistake is a [`Problem`](super::Problem)).

use super::format::FEED_VERSION;
use super::limits::MAX_DEPTH;
use super::limits::{MAX_FEED_BYTES, MAX_HEAD_BYTES, MAX_RECORDS};
use crate::geo::UnknownCrs;

/// Why a file could not be read as a feed at all.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FeedError {
    /// Zero bytes, or only white space.
    #[error("the feed is empty")]
    Empty,
    /// More bytes than [`MAX_FEED_BYTES`].
    #[error("the feed is {bytes} bytes; the limit is {MAX_FEED_BYTES} bytes (256 MiB)")]
    TooLarge {
        /// Its size.
        bytes: usize,
    },
    /// More records than [`MAX_RECORDS`].
    #[error("the feed has {count} records; the limit is {MAX_RECORDS}")]
    TooManyRecords {
        /// How many there are.
        count: usize,
    },
    /// A head (everything but the record list) over [`MAX_HEAD_BYTES`].
    #[error("the feed's fields outside its record list take {bytes} bytes; the limit is {MAX_HEAD_BYTES}")]
    HeadTooLarge {
        /// Their size.
        bytes: usize,
    },
    /// Bytes that are not UTF-8 text.
    #[error("the feed is not UTF-8 text (invalid byte at offset {0})")]
    NotUtf8(usize),
    /// Nested deeper than any feed needs.
    #[error("the feed nests lists or objects more than {MAX_DEPTH} levels deep")]
    TooDeep,
    /// The JSON stops in the middle.
    #[error("the feed ends too early at line {line}, column {column}: is the file truncated?")]
    Truncated {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
    /// Not JSON.
    #[error("the feed is not valid JSON: {reason} at line {line}, column {column}")]
    Syntax {
        /// What the parser expected or found.
        reason: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
    /// JSON, but neither a Fujin feed nor a GeoJSON FeatureCollection.
    #[error("not a Fujin feed or GeoJSON FeatureCollection: {0}")]
    NotAFeed(String),
    /// A `version` this code does not read.
    #[error("feed version {0} is not supported; this reader understands version {FEED_VERSION}")]
    UnsupportedVersion(String),
    /// A `crs` that is not one of the three.
    #[error("/crs: {0}")]
    Crs(#[from] UnknownCrs),
}

/// Turns a `serde_json` error into a [`FeedError`] with its position.
pub(super) fn json_error(e: serde_json::Error) -> FeedError {
    let (line, column) = (e.line(), e.column());
    if e.classify() == serde_json::error::Category::Eof {
        return FeedError::Truncated { line, column };
    }
    let full = e.to_string();
    let reason = full.split(" at line ").next().unwrap_or(&full).to_owned();
    FeedError::Syntax { reason, line, column }
}
