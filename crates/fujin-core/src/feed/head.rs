//! Reading a feed's head: everything but its records (version, datum,
//! name, centre, checkout hosts, order parameters).

use crate::json::{Json, Object};

use super::error::FeedError;
use super::fields::{At, Fields, type_name};
use super::format::{FEED_VERSION, Format};
use super::pointer::child;
use super::problem::{Problem, ProblemKind};
use crate::commerce::{MAX_PARAM_NAME_LEN, OrderParams, is_valid_param_name};
use crate::geo::{Crs, LonLat, UnknownCrs};
use crate::model::is_valid_checkout_host;
use crate::model::limits::*;

/// A feed's head, read and checked.
pub(super) struct Head {
    /// Its format.
    pub format: Format,
    /// The datum of its positions.
    pub crs: Crs,
    /// Its display name.
    pub name: Option<String>,
    /// Where the map opens, in WGS-84.
    pub center: Option<LonLat>,
    /// Hosts allowed for `checkout` links.
    pub checkout_hosts: Vec<String>,
    /// What hand-off adds to `checkout` links.
    pub order_params: OrderParams,
    /// What was wrong with optional head fields (they are ignored).
    pub problems: Vec<Problem>,
}

impl Head {
    /// Reads the head of the top-level object `top`, which may hold the
    /// records or not. Errors refuse the document.
    pub fn read(top: &Object) -> Result<Self, FeedError> {
        let format = Format::of(top).map_err(FeedError::NotAFeed)?;
        check_version(top)?;
        let crs = match format {
            Format::GeoJson => geojson_crs(top)?,
            Format::Fujin => feed_crs(top)?,
        };
        // A list that is not a list is refused before any record is read.
        record_list(top, format.record_key())?;

        let mut head = Fields::new(top, String::new());
        let name = head.optional_text("name", MAX_NAME_CHARS);
        let checkout_hosts = read_checkout_hosts(&mut head);
        let order_params = read_order_params(&mut head);
        let center = read_center(&mut head).map(|p| crs.to_wgs84(p));
        let problems = std::mem::take(&mut head.problems);
        Ok(Self { format, crs, name, center, checkout_hosts, order_params, problems })
    }
}

/// The top-level object of a document.
pub(super) fn top_object<'d, 't>(doc: &'d Json<'t>) -> Result<&'d Object<'t>, FeedError> {
    match doc {
        Json::Object(top) => Ok(top),
        other => Err(FeedError::NotAFeed(format!("the top level is {}, not an object", type_name(other)))),
    }
}

/// The document's list of records (`merchants` or `features`); none when absent.
pub(super) fn record_list<'a, 't>(top: &'a Object<'t>, key: &str) -> Result<&'a [Json<'t>], FeedError> {
    match top.get(key) {
        Some(Json::Array(list)) => Ok(list),
        Some(other) => Err(FeedError::NotAFeed(format!("\"{key}\" is {}, not a list", type_name(other)))),
        None => Ok(&[]),
    }
}

fn check_version(top: &Object) -> Result<(), FeedError> {
    match top.get("version") {
        None | Some(Json::Null) => Ok(()),
        Some(Json::Number(n)) if n.as_u64() == Some(FEED_VERSION) => Ok(()),
        Some(other) => Err(FeedError::UnsupportedVersion(other.to_string())),
    }
}

fn feed_crs(top: &Object) -> Result<Crs, FeedError> {
    match top.get("crs") {
        None | Some(Json::Null) => Ok(Crs::Wgs84),
        Some(Json::String(s)) => Ok(s.parse()?),
        Some(other) => Err(UnknownCrs(other.to_string()).into()),
    }
}

/// The datum of a FeatureCollection: RFC 7946 says WGS-84; Fujin also reads
/// a `"crs": "gcj02"` foreign member, and the old-style named CRS84 object.
fn geojson_crs(top: &Object) -> Result<Crs, FeedError> {
    match top.get("crs") {
        None | Some(Json::Null) => Ok(Crs::Wgs84),
        Some(Json::String(s)) => Ok(s.parse()?),
        Some(crs @ Json::Object(o)) => {
            let name = o.get("properties").and_then(|p| p.get("name")).and_then(Json::as_str);
            match name {
                Some(n) if n.ends_with("CRS84") || n.ends_with("4326") => Ok(Crs::Wgs84),
                _ => Err(UnknownCrs(crs.to_string()).into()),
            }
        }
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
) -> Option<&'a Object<'a>> {
    match head.get(key)? {
        Json::Object(map) => Some(map),
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
