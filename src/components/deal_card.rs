//! One deal in the list.

use fujin_core::geo::Fixed;
use fujin_core::index::{Catalog, DealRow};
use fujin_core::model::Availability;
use fujin_core::view::distance_text;
use yew::prelude::*;

use super::{hide_failed_image, open_badge};
use crate::i18n::Lang;
use crate::shared::Shared;

/// Properties of [`DealCard`].
#[derive(Clone, PartialEq, Properties)]
pub struct DealCardProps {
    /// Language.
    pub lang: Lang,
    /// The feed.
    pub catalog: Shared<Catalog>,
    /// Which deal.
    pub row: DealRow,
    /// True when its merchant is selected.
    pub selected: bool,
    /// Whether its merchant is open now; `None` when unknown.
    #[prop_or_default]
    pub open: Option<bool>,
    /// Open the deal page.
    pub on_open: Callback<String>,
    /// Hover or focus: highlight the merchant's marker (None on leave).
    pub on_hover: Callback<Option<u32>>,
}

/// A deal card: a list item holding one button, whose content (and so its
/// accessible name, in the shopper's language) is the title, merchant,
/// category, rating, sales, price against the original, discount and
/// distance. Enter and Space open the deal as a click does.
#[component]
pub fn DealCard(props: &DealCardProps) -> Html {
    let t = props.lang.texts();
    let merchant = props.catalog.merchant(&props.row);
    let deal = props.catalog.deal(&props.row);
    let m = props.row.merchant;
    let id = deal.id.clone();
    let onclick = props.on_open.reform(move |_: MouseEvent| id.clone());
    let onmouseenter = props.on_hover.reform(move |_: MouseEvent| Some(m));
    let onfocus = props.on_hover.reform(move |_: FocusEvent| Some(m));
    let onmouseleave = props.on_hover.reform(|_: MouseEvent| None);
    let onblur = props.on_hover.reform(|_: FocusEvent| None);
    let discount = props.lang.discount(deal.price, deal.original_price);
    html! {
        <li
            class={classes!("deal-card", props.selected.then_some("selected"), (!props.row.is_available()).then_some("unavailable"))}
            data-merchant={m.to_string()}
            data-deal={deal.id.clone()}
            {onmouseenter} {onmouseleave}
        >
            <button type="button" class="deal-open" aria-current={props.selected.then_some("true")} {onclick} {onfocus} {onblur}>
                <span class="thumb">
                    if let Some(src) = deal.images.first().and_then(|image| props.catalog.image_src(image)) {
                        <img {src} alt="" width="72" height="72" loading="lazy" decoding="async" onerror={hide_failed_image()} />
                    }
                </span>
                <span class="deal-main">
                    <span class="deal-title">{ &deal.title }</span>
                    <span class="merchant-name">{ &merchant.name }</span>
                    <span class="meta">
                        <span class="category">{ props.lang.category(merchant.category) }</span>
                        if let Some(r) = merchant.rating {
                            <span class="rating"><span class="sr-only">{ t.rating_label }</span>{ format!("★{}", Fixed(f64::from(r), 1)) }</span>
                        }
                        <span class="sold">{ format!("{} {}", t.sold, deal.sold) }</span>
                        { open_badge(props.lang, props.open) }
                        if !props.row.is_available() {
                            <span class="badge">{ unavailable_reason(props.row.availability, t) }</span>
                        }
                    </span>
                </span>
                <span class="deal-side">
                    <span class="price"><span class="sr-only">{ t.price_now }</span>{ deal.price.to_yuan_string() }</span>
                    <span class="original"><span class="sr-only">{ t.price_was }</span><s>{ deal.original_price.to_yuan_string() }</s></span>
                    if let Some(d) = discount { <span class="discount">{ d }</span> }
                    <span class="distance"><span class="sr-only">{ t.distance }</span>{ distance_text(props.row.distance_m) }</span>
                </span>
            </button>
        </li>
    }
}

fn unavailable_reason(availability: Availability, t: &crate::i18n::Texts) -> &'static str {
    match availability {
        Availability::SoldOut => t.sold_out,
        Availability::NotStarted => t.not_started,
        Availability::Ended | Availability::Available => t.expired,
    }
}
