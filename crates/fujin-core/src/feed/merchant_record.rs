//! Validating one merchant and its deals, whichever format it came in.

use crate::json::Json;

use super::context::Context;
use super::deal_record::read_deal;
use super::fields::{At, Fields, type_name};
use super::pointer::child;
use super::problem::{Problem, ProblemKind};
use crate::geo::LonLat;
use crate::model::MAX_LINK_LEN;
use crate::model::limits::*;
use crate::model::{Category, Merchant, PayProvider, check_pay_link, is_valid_phone};

/// A merchant whose id and position the format-specific reader has already
/// looked for (reporting into `fields`), and whose other fields sit in `fields`.
pub(super) struct MerchantInput<'a> {
    /// The fields of the merchant (the object itself, or GeoJSON `properties`).
    pub fields: Fields<'a>,
    /// The id, if one was found and is well-formed.
    pub id: Option<String>,
    /// Pointer to where the id was read, for duplicate reports.
    pub id_pointer: String,
    /// The position in the feed's own datum, if valid.
    pub position: Option<LonLat>,
    /// Whether a missing `category` is a problem (feeds) or means `other` (GeoJSON).
    pub category_required: bool,
}

/// Validates a merchant and its deals, recording problems and ids in `ctx`.
pub(super) fn read_merchant(input: MerchantInput, ctx: &mut Context) -> Option<Merchant> {
    let MerchantInput { fields: mut f, id, id_pointer, position, category_required } = input;
    let name = f.required_text("name", MAX_NAME_CHARS);
    let category = read_category(&mut f, category_required);
    let address = f.optional_text("address", MAX_ADDRESS_CHARS);
    let phone = read_phone(&mut f);
    let opening_hours = f.optional_text("opening_hours", MAX_HOURS_CHARS);
    let rating = f.optional_number("rating", (0.0, 5.0)).map(|r| r as f32);
    let raw_deals = read_deal_list(&mut f);
    let verify_url = read_verify_url(&mut f, ctx);
    if let Some(id) = &id
        && let Some(first) = ctx.merchant_ids.first_use(id)
    {
        f.report(id_pointer.clone(), ProblemKind::DuplicateId { id: id.clone(), first: first.to_owned() });
    }

    let merchant_ok = f.problems.is_empty();
    if !merchant_ok {
        ctx.reject(std::mem::take(&mut f.problems));
    }
    let deals_pointer = f.pointer("deals");
    let mut deals = Vec::with_capacity(raw_deals.len());
    for (i, raw) in raw_deals.iter().enumerate() {
        let pointer = child(&deals_pointer, i.to_string());
        let (deal, mut problems) = read_deal(raw, pointer.clone(), ctx);
        let Some(deal) = deal else {
            ctx.reject(problems);
            continue;
        };
        if let Some(first) = ctx.deal_ids.first_use(&deal.id) {
            let kind = ProblemKind::DuplicateId { id: deal.id.clone(), first: first.to_owned() };
            problems.push(Problem { pointer: child(&pointer, "id"), kind });
            ctx.reject(problems);
            continue;
        }
        if merchant_ok {
            ctx.deal_ids.insert(&deal.id, &child(&pointer, "id"));
            deals.push(deal);
        }
    }
    if !merchant_ok {
        return None;
    }
    let (Some(id), Some(name), Some(category), Some(position)) = (id, name, category, position) else {
        return None;
    };
    ctx.merchant_ids.insert(&id, &id_pointer);
    Some(Merchant {
        id,
        name,
        category,
        position: ctx.crs.to_wgs84(position),
        address,
        phone,
        opening_hours,
        rating,
        deals,
        verify_url,
    })
}

/// The optional `verify_url`: checked like a `checkout` link (https, on a
/// declared checkout host), since Fujin will fetch it.
fn read_verify_url(f: &mut Fields, ctx: &Context) -> Option<String> {
    let raw = f.optional_text("verify_url", MAX_LINK_LEN)?;
    match check_pay_link(PayProvider::Checkout, &raw, &ctx.checkout_hosts) {
        Ok(link) => Some(link.as_str().to_owned()),
        Err(e) => {
            f.report_at("verify_url", ProblemKind::BadVerifyUrl(e));
            None
        }
    }
}

fn read_category(f: &mut Fields, required: bool) -> Option<Category> {
    if f.get("category").is_none() && !required {
        return Some(Category::Other);
    }
    let text = f.required_text("category", 32)?;
    match text.parse::<Category>() {
        Ok(c) => Some(c),
        Err(e) => {
            f.report_at("category", e.into());
            None
        }
    }
}

fn read_phone(f: &mut Fields) -> Option<String> {
    let phone = f.optional_text("phone", MAX_PHONE_CHARS)?;
    if is_valid_phone(&phone) {
        Some(phone)
    } else {
        f.report_at("phone", ProblemKind::BadPhone(phone));
        None
    }
}

fn read_deal_list<'a>(f: &mut Fields<'a>) -> &'a [Json<'a>] {
    let Some(v) = f.get("deals") else { return &[] };
    match v {
        Json::Array(items) if items.len() <= MAX_DEALS_PER_MERCHANT => items,
        Json::Array(items) => {
            let kind = ProblemKind::TooMany { field: "deals", len: items.len(), max: MAX_DEALS_PER_MERCHANT };
            f.report_at("deals", kind);
            &[]
        }
        other => {
            let kind = ProblemKind::WrongType {
                field: "deals",
                expected: "a list of deals",
                found: type_name(other),
            };
            f.report_at("deals", kind);
            &[]
        }
    }
}

/// Reads record `i` of a feed's `merchants`.
pub(super) fn read_merchant_record(i: usize, v: &Json, ctx: &mut Context) -> Option<Merchant> {
    let pointer = format!("/merchants/{i}");
    let Json::Object(map) = v else {
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
