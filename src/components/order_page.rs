//! One order: its status and, once it has one, its voucher for the store.

use fujin_core::commerce::{Order, OrderId, OrderStatus};
use fujin_core::geo::{MapApp, directions_url};
use fujin_core::index::Catalog;
use yew::prelude::*;

use super::focus::focus_in_widget;
use super::qr_image::QrImage;
use crate::i18n::Lang;
use crate::shared::Shared;

/// Properties of [`OrderPage`].
#[derive(Clone, PartialEq, Properties)]
pub struct OrderPageProps {
    /// Language.
    pub lang: Lang,
    /// The order.
    pub order: Order,
    /// The feed, for the merchant's address and the deal's rules (if loaded).
    pub catalog: Option<Shared<Catalog>>,
    /// The merchant's verify endpoint could not be reached lately.
    pub verify_trouble: bool,
    /// "I have paid", for an order still pending.
    pub on_paid: Callback<OrderId>,
    /// "Mark as used".
    pub on_mark_used: Callback<OrderId>,
    /// Back to the deals.
    pub on_close: Callback<()>,
}

/// An order and its voucher.
#[component]
pub fn OrderPage(props: &OrderPageProps) -> Html {
    let (t, o) = (props.lang.orders(), &props.order);
    let back_ref = use_node_ref();
    {
        // Move focus into the page when it opens, for keyboard and screen-reader users.
        let back_ref = back_ref.clone();
        use_effect_with(o.id, move |_| {
            if let Some(button) = back_ref.cast::<web_sys::HtmlElement>() {
                button.focus().ok();
            }
        });
    }
    let found = props.catalog.as_ref().and_then(|c| {
        let found = c.order_deal(o)?;
        Some((found.merchant.clone(), found.deal.clone()))
    });
    // Dates are shown in China Standard Time (UTC+8), where the stores are.
    let date = |t: time::OffsetDateTime| {
        let day = t.to_offset(time::macros::offset!(+8)).date();
        format!("{}-{:02}-{:02}", day.year(), u8::from(day.month()), day.day())
    };
    let validity = format!("{} – {}", date(o.created_at), date(o.valid_until));
    let id = o.id;
    let status_class = o.status.key().replace('_', "-");
    html! {
        <article class="order-page" aria-labelledby="order-title">
            <button class="back" ref={back_ref} onclick={props.on_close.reform(|e: MouseEvent| focus_in_widget(&e, &[".my-orders"]))}>{ "← " }{ t.back_to_deals }</button>
            <h2 id="order-title">{ &o.deal_title }</h2>
            <p class="merchant-name">{ &o.merchant_name }</p>
            <p class={classes!("order-status", status_class)} role="status">{ props.lang.order_status(o.status) }</p>
            <p class="meta">
                <span>{ format!("× {}", o.quantity) }</span>
                <span>{ t.total }{ " " }{ o.total.to_yuan_string() }</span>
                <span>{ props.lang.provider(o.provider) }</span>
            </p>
            if o.status == OrderStatus::Pending {
                <p>{ t.not_paid_yet }</p>
                <button class="paid" onclick={props.on_paid.reform(move |_: MouseEvent| id)}>{ t.paid_done }</button>
            }
            if o.status == OrderStatus::AwaitingConfirmation {
                if o.confirmable {
                    <p class="note">{ if props.verify_trouble { t.verify_failed } else { t.checking } }</p>
                } else {
                    <p class="note unconfirmed">{ t.unconfirmed }</p>
                }
            }
            if let Some(size) = found.as_ref().and_then(|(_, d)| d.group_size) {
                <p class="group-rule">{ format!("{size} {} · {}", props.lang.texts().group_progress, t.group_rule) }</p>
            }
            if o.has_voucher() {
                <section class={classes!("voucher", (o.status == OrderStatus::Redeemed).then_some("used"))} aria-label={t.voucher}>
                    <h3>{ t.voucher }</h3>
                    <p class="code" aria-label={t.code}>{ o.voucher.to_string() }</p>
                    if o.status != OrderStatus::Redeemed {
                        <QrImage text={AttrValue::from(o.voucher_payload())} label={t.voucher} />
                        <p class="scan-hint">{ t.show_staff }</p>
                    }
                    <p class="validity">{ t.valid_until }{ " " }{ validity }</p>
                    if matches!(o.status, OrderStatus::Paid | OrderStatus::AwaitingConfirmation) {
                        <button class="mark-used" onclick={props.on_mark_used.reform(move |_: MouseEvent| id)}>{ t.mark_used }</button>
                    }
                </section>
            }
            if let Some((merchant, deal)) = &found {
                <section class="merchant">
                    if let Some(address) = &merchant.address { <p>{ address }</p> }
                    <p class="directions">
                        { for MapApp::ALL.iter().map(|&app| html! {
                            <a href={directions_url(app, merchant.position, &merchant.name)} target="_blank" rel="noopener noreferrer">{ app.name() }</a>
                        }) }
                    </p>
                    if !deal.rules.is_empty() {
                        <ul class="rules">{ for deal.rules.iter().map(|r| html! { <li>{ r }</li> }) }</ul>
                    }
                </section>
            }
            <p class="order-no">{ t.order_no }{ " " }<code>{ o.id.to_string() }</code></p>
            if let Some(code) = &o.referral { <p class="order-no">{ t.referral }{ " " }{ code.as_str() }</p> }
        </article>
    }
}
