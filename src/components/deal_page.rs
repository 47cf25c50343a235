//! The deal page: everything about one deal and its merchant.

use fujin_core::geo::{LonLat, distance_m};
use fujin_core::geo::{MapApp, directions_url};
use fujin_core::index::Catalog;
use fujin_core::model::Availability;
use fujin_core::view::{distance_text, time_left};
use time::OffsetDateTime;
use yew::prelude::*;

use super::{hide_failed_image, open_badge};
use crate::i18n::Lang;
use crate::shared::Shared;
use crate::state::minute_of_day;

/// Properties of [`DealPage`].
#[derive(Clone, PartialEq, Properties)]
pub struct DealPageProps {
    /// Language.
    pub lang: Lang,
    /// The feed.
    pub catalog: Shared<Catalog>,
    /// Which deal, by id.
    pub deal_id: AttrValue,
    /// Where distances are measured from.
    pub search_point: LonLat,
    /// Now, for the countdown.
    pub now: OffsetDateTime,
    /// Close the page.
    pub on_close: Callback<()>,
    /// The buy box, under the prices.
    #[prop_or_default]
    pub children: Html,
}

/// The deal page, shown over the list.
#[component]
pub fn DealPage(props: &DealPageProps) -> Html {
    let t = props.lang.texts();
    let close_ref = use_node_ref();
    {
        // Move focus into the page when it opens, for keyboard and screen-reader users.
        let close_ref = close_ref.clone();
        use_effect_with(props.deal_id.clone(), move |_| {
            if let Some(button) = close_ref.cast::<web_sys::HtmlElement>() {
                button.focus().ok();
            }
        });
    }
    let on_close = props.on_close.reform(|_: MouseEvent| ());
    let on_key = {
        let on_close = props.on_close.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                on_close.emit(());
            }
        })
    };
    let close = html! {
        <button class="back" ref={close_ref} onclick={on_close}>{ "← " }{ t.back }</button>
    };
    let Some(found) = props.catalog.find_deal(&props.deal_id) else {
        return html! {
            <article class="deal-page" onkeydown={on_key}>{ close }<p class="empty">{ t.deal_not_found }</p></article>
        };
    };
    let (merchant, deal) = (found.merchant, found.deal);
    let distance = distance_m(props.search_point, merchant.position);
    let availability = deal.availability(props.now);
    let status = match availability {
        Availability::Available => {
            deal.ends_at.and_then(|end| time_left(props.now, end)).map(|(days, h, min, s)| {
                let days = if days > 0 { format!("{days}{} ", t.days) } else { String::new() };
                format!("{} {days}{h:02}:{min:02}:{s:02}", t.ends_in)
            })
        }
        Availability::SoldOut => Some(t.sold_out.to_owned()),
        Availability::NotStarted => Some(t.not_started.to_owned()),
        Availability::Ended => Some(t.expired.to_owned()),
    };
    let discount = props.lang.discount(deal.price, deal.original_price);
    html! {
        <article class="deal-page" aria-labelledby="deal-title" onkeydown={on_key}>
            { close }
            if !deal.images.is_empty() {
                // Focusable: a keyboard scrolls it (it may be wider than the page).
                <div class="gallery" role="region" aria-label={t.photos} tabindex="0">
                    { for deal.images.iter().enumerate().filter_map(|(i, image)| {
                        let src = props.catalog.image_src(image)?;
                        let alt = format!("{} ({}/{})", deal.title, i + 1, deal.images.len());
                        Some(html! {
                            <img key={i} {src} {alt} width="240" height="192" loading="lazy" decoding="async" onerror={hide_failed_image()} />
                        })
                    }) }
                </div>
            }
            <h2 id="deal-title">{ &deal.title }</h2>
            <p class="merchant-name">{ &merchant.name }</p>
            <p class="prices">
                <span class="price">{ deal.price.to_yuan_string() }</span>
                <s class="original">{ deal.original_price.to_yuan_string() }</s>
                if let Some(d) = discount { <span class="discount">{ d }</span> }
            </p>
            <p class="meta">
                <span>{ format!("{} {}", t.sold, deal.sold) }</span>
                if let Some(stock) = deal.stock { <span>{ format!("{} {}", t.stock_left, stock) }</span> }
                <span>{ distance_text(distance) }</span>
            </p>
            { props.children.clone() }
            if let Some(status) = status {
                <p class={classes!("countdown", (availability != Availability::Available).then_some("unavailable"))} role="timer">{ status }</p>
            }
            if let Some(size) = deal.group_size {
                <p class="group">{ format!("{size} {}", t.group_progress) }</p>
                if let Some(joined) = deal.group_joined {
                    <p class="group-joined">
                        <progress max={size.to_string()} value={joined.min(size).to_string()} aria-hidden="true" />
                        { format!(" {} {}/{size}", props.lang.orders().group_joined, joined) }
                    </p>
                }
                <p class="group-rule">{ props.lang.orders().group_rule }</p>
            }
            if !deal.rules.is_empty() {
                <section class="rules">
                    <h3>{ t.rules }</h3>
                    <ul>{ for deal.rules.iter().map(|r| html! { <li>{ r }</li> }) }</ul>
                </section>
            }
            <section class="merchant">
                if let Some(address) = &merchant.address { <p><b>{ t.address }{ props.lang.colon() }</b>{ address }</p> }
                if let Some(hours) = &merchant.opening_hours {
                    <p>
                        <b>{ t.opening_hours }{ props.lang.colon() }</b>{ hours }
                        { open_badge(props.lang, props.catalog.is_open_at(found.merchant_index, minute_of_day(props.now))) }
                    </p>
                }
                if let Some(phone) = &merchant.phone {
                    // Feed validation allows only digits, spaces and + - ( ) in phones.
                    <p><a href={format!("tel:{}", phone.replace(' ', ""))}>{ t.call }{ " " }{ phone }</a></p>
                }
                <p class="directions">
                    <b>{ t.directions }{ props.lang.colon() }</b>
                    { for MapApp::ALL.iter().map(|&app| html! {
                        <a href={directions_url(app, merchant.position, &merchant.name)} target="_blank" rel="noopener noreferrer">{ app.name() }</a>
                    }) }
                </p>
            </section>
        </article>
    }
}
