//! One deal in the list.

use fujin_core::geo::Fixed;
use fujin_core::index::{Catalog, DealRow};
use fujin_core::model::Availability;
use fujin_core::view::distance_text;
use yew::prelude::*;

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
    /// Open the deal page.
    pub on_open: Callback<String>,
    /// Hover or focus: highlight the merchant's marker (None on leave).
    pub on_hover: Callback<Option<u32>>,
}

/// A deal card: title, merchant, price against original, discount, sales, distance.
#[component]
pub fn DealCard(props: &DealCardProps) -> Html {
    let t = props.lang.texts();
    let merchant = props.catalog.merchant(&props.row);
    let deal = props.catalog.deal(&props.row);
    let m = props.row.merchant;
    let id = deal.id.clone();
    let onclick = props.on_open.reform(move |_: MouseEvent| id.clone());
    let id = deal.id.clone();
    let on_open = props.on_open.clone();
    let onkeydown = Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Enter" || e.key() == " " {
            e.prevent_default();
            on_open.emit(id.clone());
        }
    });
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
            tabindex="0"
            role="button"
            aria-label={format!("{} · {}", deal.title, merchant.name)}
            {onclick} {onkeydown} {onmouseenter} {onmouseleave} {onfocus} {onblur}
        >
            <div class="deal-main">
                <p class="deal-title">{ &deal.title }</p>
                <p class="merchant-name">{ &merchant.name }</p>
                <p class="meta">
                    <span class="category">{ props.lang.category(merchant.category) }</span>
                    if let Some(r) = merchant.rating { <span class="rating">{ format!("★{}", Fixed(f64::from(r), 1)) }</span> }
                    <span class="sold">{ format!("{} {}", t.sold, deal.sold) }</span>
                    if !props.row.is_available() {
                        <span class="badge">{ unavailable_reason(props.row.availability, t) }</span>
                    }
                </p>
            </div>
            <div class="deal-side">
                <p class="price">{ deal.price.to_yuan_string() }</p>
                <p class="original"><s>{ deal.original_price.to_yuan_string() }</s></p>
                if let Some(d) = discount { <p class="discount">{ d }</p> }
                <p class="distance">{ distance_text(props.row.distance_m) }</p>
            </div>
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
