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
use super::reader::FeedReader;
use super::syntax::check_json;
use super::{Feed, Problem, ProblemKind};
use crate::handoff::{MAX_PARAM_NAME_LEN, OrderParams, is_valid_param_name};
use crate::{Crs, LonLat, Merchant, UnknownCrs, is_valid_checkout_host};

/// The feed format version this code reads.
pub const FEED_VERSION: u64 = 1;

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

/// A loaded feed with what was wrong with it.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedFeed {
    /// Every valid merchant and deal.
    pub feed: Feed,
    /// The first [`MAX_KEPT_PROBLEMS`] problems found, in document order.
    pub problems: Vec<Problem>,
    /// How many problems were found in all (`problems` holds the first of them).
    pub problem_count: usize,
    /// How many records (merchants or deals) were rejected.
    pub rejected: usize,
}

/// State shared by the records of one feed.
pub(super) struct Context {
    /// The datum the feed's coordinates are in.
    pub crs: Crs,
    /// Hosts allowed for generic `checkout` payment links.
    pub checkout_hosts: Vec<String>,
    /// What hand-off adds to `checkout` links: links need room for it.
    pub order_params: OrderParams,
    /// Merchant id → pointer of its first use.
    pub merchant_ids: HashMap<String, String>,
    /// Deal id → pointer of its first use.
    pub deal_ids: HashMap<String, String>,
    problems: Vec<Problem>,
    problem_count: usize,
    rejected: usize,
}

impl Context {
    /// Records a rejected record and its problems; past
    /// [`MAX_KEPT_PROBLEMS`] they are only counted, so that a feed of a
    /// million bad records costs no more memory than one of a thousand.
    pub fn reject(&mut self, problems: Vec<Problem>) {
        self.rejected += 1;
        self.note(problems);
    }

    /// Whether new problems will be kept (else only counted).
    pub fn keeps_problems(&self) -> bool {
        self.problems.len() < MAX_KEPT_PROBLEMS
    }

    /// Records problems that reject nothing (in the feed's head).
    fn note(&mut self, problems: Vec<Problem>) {
        self.problem_count += problems.len();
        let room = MAX_KEPT_PROBLEMS.saturating_sub(self.problems.len());
        self.problems.extend(problems.into_iter().take(room));
    }
}

/// Loads a feed (Fujin format or GeoJSON) from raw bytes, one record at a
/// time (see [`FeedReader`]).
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
    FeedReader::new(bytes)?.finish()
}

/// The text of raw bytes, with the clear errors of [`FeedError`] for bytes
/// that are empty or not UTF-8. A byte-order mark is skipped.
pub(super) fn feed_text(bytes: &[u8]) -> Result<&str, FeedError> {
    if bytes.len() > MAX_FEED_BYTES {
        return Err(FeedError::TooLarge { bytes: bytes.len() });
    }
    let text = std::str::from_utf8(bytes).map_err(|e| FeedError::NotUtf8(e.valid_up_to()))?;
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

/// Loads an already parsed document.
pub fn load_value(doc: &Value) -> Result<LoadedFeed, FeedError> {
    let top = top_object(doc)?;
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

/// The top-level object of a document.
pub(super) fn top_object(doc: &Value) -> Result<&Map<String, Value>, FeedError> {
    match doc {
        Value::Object(top) => Ok(top),
        other => Err(FeedError::NotAFeed(format!("the top level is {}, not an object", type_name(other)))),
    }
}

/// A feed being put together: its head (format, version, crs, name, centre,
/// checkout hosts), read first, and then its records one by one.
pub(super) struct Assembly {
    is_geojson: bool,
    ctx: Context,
    name: Option<String>,
    center: Option<LonLat>,
    merchants: Vec<Merchant>,
}

impl Assembly {
    /// Checks the document's head; `top` may hold the records or not.
    pub fn new(top: &Map<String, Value>) -> Result<Self, FeedError> {
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
        // A list that is not a list is refused before any record is read.
        record_list(top, if is_geojson { "features" } else { "merchants" })?;

        let mut head = Fields::new(top, String::new());
        let name = head.optional_text("name", MAX_NAME_CHARS);
        let checkout_hosts = read_checkout_hosts(&mut head);
        let order_params = read_order_params(&mut head);
        let center = read_center(&mut head).map(|p| crs.to_wgs84(p));
        let mut ctx = Context {
            crs,
            checkout_hosts,
            order_params,
            merchant_ids: HashMap::new(),
            deal_ids: HashMap::new(),
            problems: Vec::new(),
            problem_count: 0,
            rejected: 0,
        };
        ctx.note(std::mem::take(&mut head.problems));
        Ok(Self { is_geojson, ctx, name, center, merchants: Vec::new() })
    }

    /// The key of the document's record list: `features` or `merchants`.
    pub fn record_key(&self) -> &'static str {
        if self.is_geojson { "features" } else { "merchants" }
    }

    /// Makes room for `n` more merchants (and as many deals), so that no
    /// single record pays for regrowing a city-sized table. The caller
    /// bounds `n` by the bytes of the list ([`RESERVE_BYTES_PER_RECORD`]).
    pub fn reserve(&mut self, n: usize) {
        self.merchants.reserve(n);
        self.ctx.merchant_ids.reserve(n);
        self.ctx.deal_ids.reserve(n);
    }

    /// Reads record `i` of the list.
    pub fn read(&mut self, i: usize, record: &Value) {
        let merchant = if self.is_geojson {
            read_feature(i, record, &mut self.ctx)
        } else {
            read_merchant_record(i, record, &mut self.ctx)
        };
        self.merchants.extend(merchant);
    }

    /// Rejects record `i`, which is `bytes` long, unread: over [`MAX_RECORD_BYTES`].
    pub fn reject_oversized(&mut self, i: usize, bytes: usize) {
        let pointer = format!("/{}/{i}", self.record_key());
        self.ctx.reject(vec![Problem { pointer, kind: ProblemKind::RecordTooLarge { bytes } }]);
    }

    /// The feed and everything found wrong with it.
    pub fn finish(self) -> LoadedFeed {
        let feed = Feed {
            name: self.name,
            crs: self.ctx.crs,
            center: self.center,
            checkout_hosts: self.ctx.checkout_hosts,
            order_params: self.ctx.order_params,
            merchants: self.merchants,
        };
        let Context { problems, problem_count, rejected, .. } = self.ctx;
        LoadedFeed { feed, problems, problem_count, rejected }
    }
}

/// The document's list of records (`merchants` or `features`); none when absent.
pub(super) fn record_list<'a>(top: &'a Map<String, Value>, key: &str) -> Result<&'a [Value], FeedError> {
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

/// The head's object field `key`, if present; anything else there is reported.
fn head_object<'a>(
    head: &mut Fields<'a>,
    key: &'static str,
    expected: &'static str,
) -> Option<&'a Map<String, Value>> {
    match head.get(key)? {
        Value::Object(map) => Some(map),
        other => {
            head.report_at(key, ProblemKind::WrongType { field: key, expected, found: type_name(other) });
            None
        }
    }
}

/// The optional `order_params: {"order_id", "return_url", "referral"}`:
/// query parameter names for the feed's `checkout` links.
fn read_order_params(head: &mut Fields) -> OrderParams {
    let Some(map) = head_object(head, "order_params", "an object of parameter names") else {
        return OrderParams::default();
    };
    let mut name = |key: &'static str| {
        let text = head.text_at(map.get(key)?, key, At::Nested("order_params", key), MAX_PARAM_NAME_LEN)?;
        if is_valid_param_name(&text) {
            return Some(text);
        }
        head.report(At::Nested("order_params", key), ProblemKind::BadParamName(text));
        None
    };
    OrderParams { order_id: name("order_id"), return_url: name("return_url"), referral: name("referral") }
}

/// The optional `center: {"lat", "lon"}`, in the feed's datum.
fn read_center(head: &mut Fields) -> Option<LonLat> {
    let c = head_object(head, "center", "an object with lat and lon")?;
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
    let mut fields = Fields::new(map, pointer).counting_only(!ctx.keeps_problems());
    let id_pointer = fields.pointer("id");
    let id = fields.id_at(fields.get("id"), id_pointer.clone());
    let lat = fields.number_at(fields.get("lat"), "lat", At::Field("lat"), (-90.0, 90.0));
    let lon = fields.number_at(fields.get("lon"), "lon", At::Field("lon"), (-180.0, 180.0));
    let position = lon.zip(lat).map(|(lon, lat)| LonLat::new(lon, lat));
    let input = MerchantInput { fields, id, id_pointer, position, category_required: true };
    read_merchant(input, ctx)
}
