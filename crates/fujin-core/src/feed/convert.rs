//! Rewriting a document's coordinates from one datum to another, keeping
//! everything else (other fields, their order, invalid records) as it was.

use serde_json::{Map, Number, Value};

use super::error::FeedError;
use super::fields::finite;
use super::format::Format;
use super::pointer::child;
use super::problem::{Problem, ProblemKind};
use super::text::parse_document;
use crate::geo::{Crs, LonLat};

/// Decimal places kept in converted coordinates (1e-7° ≈ 1 cm).
const DECIMALS: i32 = 7;

/// Converts the coordinates of a feed or GeoJSON document from `from` to
/// `to`, returning the rewritten document and the positions it had to leave
/// alone (invalid ones). The document's `crs` is set to `to` (removed for
/// GeoJSON in WGS-84, as RFC 7946 wants).
///
/// A document that declares a `crs` other than `from` is refused: converting
/// it would shift every merchant twice.
///
/// ```
/// use fujin_core::feed::convert_document;
/// use fujin_core::geo::Crs;
/// let doc = br#"{"merchants": [{"id": "m1", "lat": 22.5333, "lon": 114.0553}]}"#;
/// let (out, problems) = convert_document(doc, Crs::Wgs84, Crs::Gcj02).unwrap();
/// assert!(problems.is_empty());
/// assert_eq!(out["crs"], "gcj02");
/// assert!((out["merchants"][0]["lon"].as_f64().unwrap() - 114.0603).abs() < 0.001);
/// ```
pub fn convert_document(bytes: &[u8], from: Crs, to: Crs) -> Result<(Value, Vec<Problem>), FeedError> {
    let mut doc = parse_document(bytes)?;
    let Value::Object(top) = &mut doc else {
        return Err(FeedError::NotAFeed("the top level is not an object".to_owned()));
    };
    let kind = top.get("type").and_then(Value::as_str);
    let format = Format::from_keys(kind, top.contains_key("merchants")).map_err(FeedError::NotAFeed)?;
    let is_geojson = format == Format::GeoJson;
    if let Some(Value::String(declared)) = top.get("crs") {
        let declared: Crs = declared.parse()?;
        if declared != from {
            return Err(FeedError::NotAFeed(format!(
                "the document says its crs is {declared}, but the conversion is from {from}"
            )));
        }
    }
    let mut problems = Vec::new();
    let mut convert = |p: LonLat| from.convert(p, to);
    if let Some(Value::Object(center)) = top.get_mut("center") {
        convert_lat_lon_fields(center, "/center", &mut convert, &mut problems);
    }
    if is_geojson {
        if let Some(Value::Array(features)) = top.get_mut("features") {
            for (i, feature) in features.iter_mut().enumerate() {
                let pointer = format!("/features/{i}/geometry/coordinates");
                if let Some(coords) = feature.pointer_mut("/geometry/coordinates") {
                    convert_positions(coords, &pointer, &mut convert, &mut problems);
                }
            }
        }
        if to == Crs::Wgs84 {
            top.shift_remove("crs");
        } else {
            top.insert("crs".to_owned(), Value::String(to.key().to_owned()));
        }
    } else {
        if let Some(Value::Array(merchants)) = top.get_mut("merchants") {
            for (i, merchant) in merchants.iter_mut().enumerate() {
                if let Value::Object(m) = merchant {
                    convert_lat_lon_fields(m, &format!("/merchants/{i}"), &mut convert, &mut problems);
                }
            }
        }
        top.insert("crs".to_owned(), Value::String(to.key().to_owned()));
    }
    Ok((doc, problems))
}

/// Converts an object's `lat`/`lon` pair in place.
fn convert_lat_lon_fields(
    obj: &mut Map<String, Value>,
    pointer: &str,
    convert: &mut impl FnMut(LonLat) -> LonLat,
    problems: &mut Vec<Problem>,
) {
    match converted(obj.get("lon"), obj.get("lat"), convert) {
        Some((lon, lat)) => {
            obj.insert("lon".to_owned(), lon);
            obj.insert("lat".to_owned(), lat);
        }
        None => problems.push(Problem { pointer: pointer.to_owned(), kind: ProblemKind::BadCoordinates }),
    }
}

/// Converts GeoJSON coordinates of any geometry (a position or nested lists of them).
fn convert_positions(
    coords: &mut Value,
    pointer: &str,
    convert: &mut impl FnMut(LonLat) -> LonLat,
    problems: &mut Vec<Problem>,
) {
    let Value::Array(items) = coords else {
        problems.push(Problem { pointer: pointer.to_owned(), kind: ProblemKind::BadCoordinates });
        return;
    };
    if items.first().is_some_and(Value::is_array) {
        for (i, item) in items.iter_mut().enumerate() {
            convert_positions(item, &child(pointer, i.to_string()), convert, problems);
        }
        return;
    }
    match converted(items.first(), items.get(1), convert) {
        Some((lon, lat)) => {
            items[0] = lon;
            items[1] = lat;
        }
        None => problems.push(Problem { pointer: pointer.to_owned(), kind: ProblemKind::BadCoordinates }),
    }
}

/// The converted, rounded longitude and latitude, if both are valid numbers.
fn converted(
    lon: Option<&Value>,
    lat: Option<&Value>,
    convert: &mut impl FnMut(LonLat) -> LonLat,
) -> Option<(Value, Value)> {
    let number = |v: Option<&Value>| v.and_then(Value::as_number).and_then(finite);
    let p = LonLat::new(number(lon)?, number(lat)?);
    let q = convert(p.is_valid().then_some(p)?);
    Some((rounded(q.lon), rounded(q.lat)))
}

fn rounded(x: f64) -> Value {
    let scale = 10f64.powi(DECIMALS);
    Number::from_f64((x * scale).round() / scale).map_or(Value::Null, Value::Number)
}
