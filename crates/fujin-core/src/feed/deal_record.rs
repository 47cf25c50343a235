//! Reading and validating one deal.

use crate::json::Json;

use super::context::Context;
use super::fields::{At, Fields, type_name};
use super::problem::{Problem, ProblemKind};
use crate::commerce::check_handoff_room;
use crate::model::limits::*;
use crate::model::{
    Deal, Fen, ImageSrc, MAX_IMAGE_SRC_LEN, MAX_IMAGES, PayProvider, check_image_src, check_pay_link,
};

/// Reads the deal at `pointer`; `None` when it is rejected (its problems are
/// then in the returned list).
pub(super) fn read_deal(v: &Json, pointer: String, ctx: &mut Context) -> (Option<Deal>, Vec<Problem>) {
    let Json::Object(map) = v else {
        let kind = ProblemKind::NotAnObject(type_name(v));
        return (None, vec![Problem { pointer, kind }]);
    };
    let mut f = Fields::new(map, pointer).counting_only(!ctx.keeps_problems());
    let id = f.id_at(f.get("id"), At::Field("id"));
    let title = f.required_text("title", MAX_TITLE_CHARS);
    let price = f.whole_number("price", true, (1, MAX_PRICE_FEN), " of fen");
    let original_price = f.whole_number("original_price", true, (1, MAX_PRICE_FEN), " of fen");
    if let (Some(price), Some(original_price)) = (price, original_price)
        && price > original_price
    {
        f.report_at("price", ProblemKind::PriceAboveOriginal { price, original_price });
    }
    let count = |f: &mut Fields, key, min| f.whole_number(key, false, (min, MAX_COUNT), "").map(|n| n as u32);
    let sold = count(&mut f, "sold", 0).unwrap_or(0);
    let stock = count(&mut f, "stock", 0);
    let max_per_order = count(&mut f, "max_per_order", 1);
    let group_size = count(&mut f, "group_size", 2);
    let group_joined = count(&mut f, "group_joined", 0);
    let starts_at = f.optional_time("starts_at", &mut ctx.times);
    let ends_at = f.optional_time("ends_at", &mut ctx.times);
    if let (Some((start, start_text)), Some((end, end_text))) = (&starts_at, &ends_at)
        && end < start
    {
        let kind = ProblemKind::EndsBeforeStarts {
            starts_at: start_text.to_string(),
            ends_at: end_text.to_string(),
        };
        f.report_at("ends_at", kind);
    }
    let rules = f.text_list("rules", MAX_RULES, MAX_RULE_CHARS);
    let pay = read_pay(&mut f, ctx);
    let images = read_images(&mut f, ctx);
    let valid_days = f.whole_number("valid_days", false, (1, MAX_VALID_DAYS), " of days").map(|n| n as u32);

    let problems = std::mem::take(&mut f.problems);
    if !problems.is_empty() {
        return (None, problems);
    }
    // Every field was read without a problem, so every required one is there.
    let (Some(id), Some(title), Some(price), Some(original_price)) = (id, title, price, original_price)
    else {
        return (None, problems);
    };
    let deal = Deal {
        id,
        title,
        price: Fen(price),
        original_price: Fen(original_price),
        sold,
        stock,
        max_per_order,
        starts_at: starts_at.map(|(t, _)| t),
        ends_at: ends_at.map(|(t, _)| t),
        group_size,
        group_joined,
        rules,
        pay,
        images,
        valid_days,
    };
    (Some(deal), problems)
}

/// The `pay` object: provider key → link. Every link must pass the allowlist.
fn read_pay(f: &mut Fields, ctx: &Context) -> Vec<crate::model::PayLink> {
    let Some(v) = f.get("pay") else {
        return Vec::new();
    };
    let Json::Object(links) = v else {
        f.report(
            At::Field("pay"),
            ProblemKind::WrongType {
                field: "pay",
                expected: "an object of payment links",
                found: type_name(v),
            },
        );
        return Vec::new();
    };
    let mut pay = Vec::new();
    for (key, link) in links.iter() {
        let provider = match key.parse::<PayProvider>() {
            Ok(p) => p,
            Err(e) => {
                f.report(At::Nested("pay", key), e.into());
                continue;
            }
        };
        let Json::String(raw) = link else {
            let found = type_name(link);
            f.report(
                At::Nested("pay", key),
                ProblemKind::WrongType { field: "payment link", expected: "text", found },
            );
            continue;
        };
        let checked = check_pay_link(provider, raw, &ctx.checkout_hosts)
            .and_then(|link| check_handoff_room(&link, &ctx.order_params).map(|()| link));
        match checked {
            Ok(checked) => pay.push(checked),
            Err(e) => f.report(At::Nested("pay", key), e.into()),
        }
    }
    // In the allowlist's order of providers; a JSON object has each key
    // once, so each provider is there at most once (built in order rather
    // than sorted: a sort is a copy of its own in the bundle).
    let mut in_order = Vec::with_capacity(pay.len());
    for provider in PayProvider::ALL {
        in_order.extend(pay.extract_if(.., |l| l.provider() == provider));
    }
    in_order
}

/// The `images` list: every address must pass [`check_image_src`].
fn read_images(f: &mut Fields, ctx: &Context) -> Vec<ImageSrc> {
    let before = f.problems.len();
    let texts = f.text_list("images", MAX_IMAGES, MAX_IMAGE_SRC_LEN);
    if f.problems.len() != before {
        // A bad item was left out of `texts`: their places no longer
        // match the list's, and the deal is refused anyway.
        return Vec::new();
    }
    let mut images = Vec::with_capacity(texts.len());
    for (i, raw) in texts.iter().enumerate() {
        match check_image_src(raw, &ctx.checkout_hosts) {
            Ok(image) => images.push(image),
            Err(e) => f.report(At::Item("images", i), ProblemKind::BadImage(e)),
        }
    }
    images
}
