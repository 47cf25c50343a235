//! What kind of document a feed is: a Fujin feed (its records in
//! `merchants`) or a GeoJSON FeatureCollection (in `features`). One
//! detection for loading and for `fujin convert`.

use serde_json::{Map, Value};

/// The feed format version this code reads.
pub const FEED_VERSION: u64 = 1;

/// The two kinds of feed document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A Fujin feed (`docs/feed.md`).
    Fujin,
    /// A GeoJSON FeatureCollection of Points.
    GeoJson,
}

impl Format {
    /// Both formats, in the order of their [`record_key`](Format::record_key)s.
    pub const ALL: [Format; 2] = [Format::Fujin, Format::GeoJson];

    /// The format of the top-level object `top`, or why it is neither
    /// (a hint for [`FeedError::NotAFeed`](super::FeedError::NotAFeed)).
    pub fn of(top: &Map<String, Value>) -> Result<Self, String> {
        if top.get("type").and_then(Value::as_str) == Some("FeatureCollection") {
            return Ok(Format::GeoJson);
        }
        if top.contains_key("merchants") {
            return Ok(Format::Fujin);
        }
        Err(match top.get("type").and_then(Value::as_str) {
            Some("Feature") => "a single GeoJSON Feature; put it in a FeatureCollection".to_owned(),
            Some(other) => format!("GeoJSON type {other:?}; use a FeatureCollection of Points"),
            None => "it has neither \"merchants\" nor \"type\": \"FeatureCollection\"".to_owned(),
        })
    }

    /// The key of the document's record list.
    pub const fn record_key(self) -> &'static str {
        match self {
            Format::Fujin => "merchants",
            Format::GeoJson => "features",
        }
    }
}
