//! Reading one GeoJSON feature as a merchant: each Point feature is one.

use crate::json::{Json, Object};

use super::context::Context;
use super::fields::{Fields, type_name};
use super::merchant_record::{MerchantInput, read_merchant};
use super::pointer::child;
use super::problem::{Problem, ProblemKind};
use crate::geo::LonLat;
use crate::model::Merchant;

/// Reads feature `i` of a FeatureCollection as a merchant.
pub(super) fn read_feature(i: usize, v: &Json, ctx: &mut Context) -> Option<Merchant> {
    let empty = Object::default();
    let pointer = format!("/features/{i}");
    let Json::Object(feature) = v else {
        ctx.reject(vec![Problem { pointer, kind: ProblemKind::NotAnObject(type_name(v)) }]);
        return None;
    };
    let counting_only = !ctx.keeps_problems();
    let mut outer = Fields::new(feature, pointer.clone()).counting_only(counting_only);
    match feature.get("type").and_then(Json::as_str) {
        Some("Feature") => {}
        other => {
            let found = other.map_or_else(|| "nothing".to_owned(), str::to_owned);
            outer.report_at("type", ProblemKind::NotAFeature(found));
        }
    }
    let position = read_point(&mut outer);
    let props_pointer = child(&pointer, "properties");
    let props = match feature.get("properties") {
        Some(Json::Object(p)) => p,
        None | Some(Json::Null) => &empty,
        Some(other) => {
            let kind = ProblemKind::WrongType {
                field: "properties",
                expected: "an object",
                found: type_name(other),
            };
            outer.report(props_pointer.clone(), kind);
            &empty
        }
    };
    let mut fields = Fields::new(props, props_pointer).counting_only(counting_only);
    fields.problems = std::mem::take(&mut outer.problems);
    // The id is the feature's own `id` or, failing that, `properties.id`.
    let (id_value, id_pointer) = match feature.get("id").filter(|v| !v.is_null()) {
        Some(v) => (Some(v), child(&pointer, "id")),
        None => (fields.get("id"), fields.pointer("id")),
    };
    let id = fields.id_at(id_value, id_pointer.clone());
    let input = MerchantInput { fields, id, id_pointer, position, category_required: false };
    read_merchant(input, ctx)
}

/// The Point geometry's `[lon, lat]`, reporting anything else.
fn read_point(outer: &mut Fields) -> Option<LonLat> {
    let geometry_pointer = outer.pointer("geometry");
    let Some(Json::Object(geometry)) = outer.get("geometry") else {
        let found = outer.get("geometry").map_or("nothing", type_name);
        let kind = ProblemKind::WrongType { field: "geometry", expected: "a Point geometry", found };
        outer.report(geometry_pointer, kind);
        return None;
    };
    let kind = geometry.get("type").and_then(Json::as_str).unwrap_or("");
    if kind != "Point" {
        outer.report(child(&geometry_pointer, "type"), ProblemKind::NotPoint(kind.to_owned()));
        return None;
    }
    let coords_pointer = child(&geometry_pointer, "coordinates");
    let Some(Json::Array(coords)) = geometry.get("coordinates") else {
        outer.report(coords_pointer, ProblemKind::BadCoordinates);
        return None;
    };
    if !(2..=3).contains(&coords.len()) {
        outer.report(coords_pointer, ProblemKind::BadCoordinates);
        return None;
    }
    let lon = outer.number_at(coords.first(), "lon", child(&coords_pointer, "0"), (-180.0, 180.0));
    let lat = outer.number_at(coords.get(1), "lat", child(&coords_pointer, "1"), (-90.0, 90.0));
    Some(LonLat::new(lon?, lat?))
}
