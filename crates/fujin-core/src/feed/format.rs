//! What kind of document a feed is: a Fujin feed (its records in
//! `merchants`) or a GeoJSON FeatureCollection (in `features`). One
//! detection for loading and for `fujin convert`.

use crate::json::{Json, Object};

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
    pub fn of(top: &Object) -> Result<Self, String> {
        Self::from_keys(top.get("type").and_then(Json::as_str), top.get("merchants").is_some())
    }

    /// The format of a top-level object whose `type` is `kind` (if it is a
    /// string) and which has a `merchants` key or not.
    pub fn from_keys(kind: Option<&str>, has_merchants: bool) -> Result<Self, String> {
        if kind == Some("FeatureCollection") {
            return Ok(Format::GeoJson);
        }
        if has_merchants {
            return Ok(Format::Fujin);
        }
        Err(match kind {
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
