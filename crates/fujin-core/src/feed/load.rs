//! Loading a feed: one clear error for a file that is not a feed at all,
//! and for a feed, every good record kept and every bad one reported.

use serde_json::Value;

use crate::json::Json;

use super::assembly::{Assembly, LoadedFeed};
use super::error::FeedError;
use super::head::{record_list, top_object};
use super::limits::MAX_RECORDS;
use super::reader::FeedReader;

/// Loads a feed (Fujin format or GeoJSON) from raw bytes, one record at a
/// time (see [`FeedReader`]).
///
/// ```
/// use fujin_core::feed::load_feed;
/// let json = r#"{"version": 1, "merchants": [
///   {"id": "m1", "name": "老王烧烤", "category": "food", "lat": 22.54, "lon": 114.05,
///    "deals": [{"id": "d1", "title": "双人餐", "price": 0, "original_price": 9900}]},
///   {"id": "m2", "name": "星光KTV", "category": "entertainment", "lat": 95, "lon": 114.05}
/// ]}"#;
/// let loaded = load_feed(json.as_bytes()).unwrap();
/// assert_eq!(loaded.feed.merchants.len(), 1);
/// assert_eq!(loaded.rejected, 2);
/// assert_eq!(loaded.problems[0].to_string(), "/merchants/0/deals/0/price: price 0 must be positive");
/// assert_eq!(loaded.problems[1].to_string(), "/merchants/1/lat: lat 95 is out of range -90 to 90");
/// ```
pub fn load_feed(bytes: &[u8]) -> Result<LoadedFeed, FeedError> {
    FeedReader::new(bytes)?.finish()
}

/// Loads an already parsed document.
pub fn load_value(doc: &Value) -> Result<LoadedFeed, FeedError> {
    let doc = Json::from(doc);
    let top = top_object(&doc)?;
    let mut assembly = Assembly::new(top)?;
    let records = record_list(top, assembly.record_key())?;
    if records.len() > MAX_RECORDS {
        return Err(FeedError::TooManyRecords { count: records.len() });
    }
    for (i, record) in records.iter().enumerate() {
        assembly.read(i, record);
    }
    Ok(assembly.finish())
}
