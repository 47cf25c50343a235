//! Loading a feed: one clear error for a file that is not a feed at all,
//! and for a feed, every good record kept and every bad one reported.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::fields::{At, Fields, type_name};
use super::geojson::{geojson_crs, read_feature};
use super::limits::*;
use super::merchant_record::{MerchantInput, read_merchant};
use super::nesting::{MAX_DEPTH, max_depth};
use super::pointer::child;
use super::{Feed, Problem, ProblemKind};
use crate::{Crs, LonLat, Merchant, UnknownCrs, is_valid_checkout_host};

/// The feed format version this code reads.
pub const FEED_VERSION: u64 = 1;

/// Why a file could not be read as a feed at all.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FeedError {
    /// Zero bytes, or only white space.
    #[error("the feed is empty")]
    Empty,
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

/// A loaded feed with what was wrong with it.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedFeed {
    /// Every valid merchant and deal.
    pub feed: Feed,
    /// Every problem found, in document order.
    pub problems: Vec<Problem>,
    /// How many records (merchants or deals) were rejected.
    pub rejected: usize,
}

/// State shared by the records of one feed.
pub(super) struct Context {
    /// The datum the feed's coordinates are in.
    pub crs: Crs,
    /// Hosts allowed for generic `checkout` payment links.
    pub checkout_hosts: Vec<String>,
    /// Merchant id → pointer of its first use.
    pub merchant_ids: HashMap<String, String>,
    /// Deal id → pointer of its first use.
    pub deal_ids: HashMap<String, String>,
    problems: Vec<Problem>,
    rejected: usize,
}

impl Context {
    /// Records a rejected record and its problems.
    pub fn reject(&mut self, problems: Vec<Problem>) {
        self.rejected += 1;
        self.problems.extend(problems);
    }
}

/// Loads a feed (Fujin format or GeoJSON) from raw bytes.
///
/// ```
/// use fujin_core::load_feed;
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
    load_value(&parse_document(bytes)?)
}

/// Parses raw bytes as a JSON document, with the clear errors of [`FeedError`]
/// for text that is empty, not UTF-8, too deep or not JSON. A byte-order mark is skipped.
pub fn parse_document(bytes: &[u8]) -> Result<Value, FeedError> {
    let text = std::str::from_utf8(bytes).map_err(|e| FeedError::NotUtf8(e.valid_up_to()))?;
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(FeedError::Empty);
    }
    if max_depth(text, MAX_DEPTH) > MAX_DEPTH {
        return Err(FeedError::TooDeep);
    }
    serde_json::from_str(text).map_err(json_error)
}

/// Turns a `serde_json` error into a [`FeedError`] with its position.
fn json_error(e: serde_json::Error) -> FeedError {
    let (line, column) = (e.line(), e.column());
    if e.classify() == serde_json::error::Category::Eof {
        return FeedError::Truncated { line, column };
    }
    let full = e.to_string();
    let reason = full.split(" at line ").next().unwrap_or(&full).to_owned();
    FeedError::Syntax { reason, line, column }
}

/// Loads an already parsed document.
pub fn load_value(doc: &Value) -> Result<LoadedFeed, FeedError> {
    Ok(FeedLoader::new(doc)?.finish())
}

/// Loads a parsed document a slice of records at a time, so that a page can
/// show progress and stay responsive while a city's worth of merchants is
/// checked.
///
/// ```
/// use fujin_core::feed::{FeedLoader, parse_document};
/// let doc = parse_document(br#"{"merchants": [
///   {"id": "a", "name": "A", "category": "food", "lat": 22.5, "lon": 114.0},
///   {"id": "b", "name": "B", "category": "food", "lat": 22.6, "lon": 114.1}
/// ]}"#).unwrap();
/// let mut loader = FeedLoader::new(&doc).unwrap();
/// assert_eq!(loader.progress(), (0, 2));
/// assert!(!loader.step(1));
/// assert_eq!(loader.progress(), (1, 2));
/// assert_eq!(loader.finish().feed.merchants.len(), 2);
/// ```
pub struct FeedLoader<'a> {
    records: &'a [Value],
    is_geojson: bool,
    ctx: Context,
    name: Option<String>,
    center: Option<LonLat>,
    merchants: Vec<Merchant>,
    next: usize,
}

impl<'a> FeedLoader<'a> {
    /// Checks the document's head (format, version, crs, name, centre,
    /// checkout hosts); the records are read by [`FeedLoader::step`].
    pub fn new(doc: &'a Value) -> Result<Self, FeedError> {
        let Value::Object(top) = doc else {
            return Err(FeedError::NotAFeed(format!("the top level is {}, not an object", type_name(doc))));
        };
        let is_geojson = top.get("type").and_then(Value::as_str) == Some("FeatureCollection");
        if !is_geojson && !top.contains_key("merchants") {
            let hint = match top.get("type").and_then(Value::as_str) {
                Some("Feature") => "a single GeoJSON Feature; put it in a FeatureCollection".to_owned(),
                Some(other) => format!("GeoJSON type {other:?}; use a FeatureCollection of Points"),
                None => "it has neither \"merchants\" nor \"type\": \"FeatureCollection\"".to_owned(),
            };
            return Err(FeedError::NotAFeed(hint));
        }
        check_version(top)?;
        let crs = if is_geojson { geojson_crs(top)? } else { feed_crs(top)? };
        let records = record_list(top, if is_geojson { "features" } else { "merchants" })?;

        let mut head = Fields::new(top, String::new());
        let name = head.optional_text("name", MAX_NAME_CHARS);
        let checkout_hosts = read_checkout_hosts(&mut head);
        let center = read_center(&mut head).map(|p| crs.to_wgs84(p));
        let ctx = Context {
            crs,
            checkout_hosts,
            merchant_ids: HashMap::new(),
            deal_ids: HashMap::new(),
            problems: std::mem::take(&mut head.problems),
            rejected: 0,
        };
        Ok(Self {
            records,
            is_geojson,
            ctx,
            name,
            center,
            merchants: Vec::with_capacity(records.len()),
            next: 0,
        })
    }

    /// Records read so far, and in all.
    pub fn progress(&self) -> (usize, usize) {
        (self.next, self.records.len())
    }

    /// Reads up to `max_records` more records; true when all are read.
    pub fn step(&mut self, max_records: usize) -> bool {
        let end = self.next.saturating_add(max_records).min(self.records.len());
        for i in self.next..end {
            let v = &self.records[i];
            let merchant = if self.is_geojson {
                read_feature(i, v, &mut self.ctx)
            } else {
                read_merchant_record(i, v, &mut self.ctx)
            };
            self.merchants.extend(merchant);
        }
        self.next = end;
        self.next == self.records.len()
    }

    /// Reads whatever is left and returns the feed.
    pub fn finish(mut self) -> LoadedFeed {
        self.step(usize::MAX);
        let feed = Feed {
            name: self.name,
            crs: self.ctx.crs,
            center: self.center,
            checkout_hosts: self.ctx.checkout_hosts,
            merchants: self.merchants,
        };
        LoadedFeed { feed, problems: self.ctx.problems, rejected: self.ctx.rejected }
    }
}

/// The document's list of records (`merchants` or `features`); none when absent.
fn record_list<'a>(top: &'a Map<String, Value>, key: &str) -> Result<&'a [Value], FeedError> {
    match top.get(key) {
        Some(Value::Array(list)) => Ok(list),
        Some(other) => Err(FeedError::NotAFeed(format!("\"{key}\" is {}, not a list", type_name(other)))),
        None => Ok(&[]),
    }
}

fn check_version(top: &Map<String, Value>) -> Result<(), FeedError> {
    match top.get("version") {
        None | Some(Value::Null) => Ok(()),
        Some(Value::Number(n)) if n.as_u64() == Some(FEED_VERSION) => Ok(()),
        Some(other) => Err(FeedError::UnsupportedVersion(other.to_string())),
    }
}

fn feed_crs(top: &Map<String, Value>) -> Result<Crs, FeedError> {
    match top.get("crs") {
        None | Some(Value::Null) => Ok(Crs::Wgs84),
        Some(Value::String(s)) => Ok(s.parse()?),
        Some(other) => Err(UnknownCrs(other.to_string()).into()),
    }
}

fn read_checkout_hosts(head: &mut Fields) -> Vec<String> {
    let hosts = head.text_list("checkout_hosts", MAX_CHECKOUT_HOSTS, 253);
    let pointer = head.pointer("checkout_hosts");
    let mut good = Vec::with_capacity(hosts.len());
    for (i, host) in hosts.into_iter().enumerate() {
        if is_valid_checkout_host(&host) {
            good.push(host);
        } else {
            head.report(child(&pointer, i.to_string()), ProblemKind::BadCheckoutHost(host));
        }
    }
    good
}

/// The optional `center: {"lat", "lon"}`, in the feed's datum.
fn read_center(head: &mut Fields) -> Option<LonLat> {
    let v = head.get("center")?;
    let pointer = head.pointer("center");
    let Value::Object(c) = v else {
        let kind = ProblemKind::WrongType {
            field: "center",
            expected: "an object with lat and lon",
            found: type_name(v),
        };
        head.report(pointer, kind);
        return None;
    };
    let lat = head.number_at(c.get("lat"), "lat", At::Nested("center", "lat"), (-90.0, 90.0));
    let lon = head.number_at(c.get("lon"), "lon", At::Nested("center", "lon"), (-180.0, 180.0));
    Some(LonLat::new(lon?, lat?))
}

/// Reads record `i` of a feed's `merchants`.
fn read_merchant_record(i: usize, v: &Value, ctx: &mut Context) -> Option<Merchant> {
    let pointer = format!("/merchants/{i}");
    let Value::Object(map) = v else {
        let problem = Problem { pointer, kind: ProblemKind::NotAnObject(type_name(v)) };
        ctx.reject(vec![problem]);
        return None;
    };
    let mut fields = Fields::new(map, pointer);
    let id_pointer = fields.pointer("id");
    let id = fields.id_at(fields.get("id"), id_pointer.clone());
    let lat = fields.number_at(fields.get("lat"), "lat", At::Field("lat"), (-90.0, 90.0));
    let lon = fields.number_at(fields.get("lon"), "lon", At::Field("lon"), (-180.0, 180.0));
    let position = lon.zip(lat).map(|(lon, lat)| LonLat::new(lon, lat));
    let input = MerchantInput { fields, id, id_pointer, position, category_required: true };
    read_merchant(input, ctx)
}
