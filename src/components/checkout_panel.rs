//! Buying a deal: quantity and total, a choice of the deal's payment links,
//! then the hand-off (a QR code to scan or a button that opens the link).

use fujin_core::commerce::OrderId;
use fujin_core::commerce::max_quantity;
use fujin_core::model::{Deal, Fen, PayProvider};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::qr_image::QrImage;
use crate::browser::{Device, Handoff, handoff};
use crate::hooks::HostEvent;
use crate::i18n::Lang;
use crate::orders::Checkout;

/// Properties of [`CheckoutPanel`].
#[derive(Clone, PartialEq, Properties)]
pub struct CheckoutPanelProps {
    /// Language.
    pub lang: Lang,
    /// The deal.
    pub deal: Deal,
    /// Whether it can be bought now.
    pub available: bool,
    /// The checkout in progress for this deal, if any.
    pub checkout: Option<Checkout>,
    /// Why the last attempt failed, if it did.
    pub error: Option<AttrValue>,
    /// The shopper's device.
    pub device: Device,
    /// "Buy".
    pub on_start: Callback<()>,
    /// A quantity was chosen.
    pub on_quantity: Callback<u32>,
    /// A provider was chosen: make the order and hand it off.
    pub on_pay: Callback<PayProvider>,
    /// "I have paid" (after a QR code, or back from an app).
    pub on_paid: Callback<OrderId>,
    /// Close the checkout.
    pub on_cancel: Callback<()>,
    /// Tells the host about the hand-off; false when the host takes it over.
    #[prop_or_else(|| Callback::from(|_| true))]
    pub on_event: Callback<HostEvent, bool>,
}

/// The buy box of a deal page.
#[component]
pub fn CheckoutPanel(props: &CheckoutPanelProps) -> Html {
    let t = props.lang.orders();
    let deal = &props.deal;
    // A code shown is a hand-off too: the host hears of it once.
    let qr_shown = props.checkout.as_ref().and_then(|c| c.handoff.as_ref());
    let qr_shown = qr_shown.filter(|(_, link)| handoff(link, props.device) == Handoff::Qr);
    let qr_shown = qr_shown.map(|(id, link)| (*id, link.provider()));
    {
        let on_event = props.on_event.clone();
        use_effect_with(qr_shown, move |shown| {
            if let Some((order_id, provider)) = *shown {
                on_event.emit(HostEvent::Handoff { order_id, provider, mode: "qr" });
            }
        });
    }
    // Each step of buying takes the focus to its first control (a provider,
    // then the payment link or "I have paid"), for keyboard and
    // screen-reader users: the button pressed is gone from the page.
    let step_ref = use_node_ref();
    {
        let step_ref = step_ref.clone();
        let step = props.checkout.as_ref().map(|c| c.handoff.is_some());
        use_effect_with(step, move |step| {
            let first = step_ref
                .cast::<web_sys::Element>()
                .filter(|_| step.is_some())
                .and_then(|section| {
                    section.query_selector(".provider:not([disabled]), .pay-open, .paid").ok()?
                })
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(first) = first {
                // Without scrolling: the step took the buy box's place, so
                // the total and the code to scan stay where the shopper looks.
                let options = web_sys::FocusOptions::new();
                options.set_prevent_scroll(true);
                first.focus_with_options(&options).ok();
            }
        });
    }
    if deal.pay.is_empty() {
        return html! { <p class="checkout no-payment">{ t.no_payment }</p> };
    }
    let Some(checkout) = &props.checkout else {
        let on_start = props.on_start.reform(|_: MouseEvent| ());
        return html! {
            <div class="checkout">
                <button class="buy" disabled={!props.available} onclick={on_start}>{ t.buy }</button>
            </div>
        };
    };
    let cancel = html! {
        <button class="link-button" onclick={props.on_cancel.reform(|_: MouseEvent| ())}>{ t.cancel }</button>
    };
    let total = deal.price.times(checkout.quantity).unwrap_or(Fen(u64::MAX));
    let error = props.error.as_ref().map(|e| html! { <p class="error" role="alert">{ e.clone() }</p> });
    let Some((order_id, link)) = &checkout.handoff else {
        let max = max_quantity(deal);
        let q = checkout.quantity.min(max);
        let step = |to: u32| props.on_quantity.reform(move |_: MouseEvent| to);
        return html! {
            <section class="checkout" aria-label={t.buy} ref={step_ref}>
                <div class="quantity">
                    <span id="qty-label">{ t.quantity }</span>
                    <button aria-label={t.less} disabled={q <= 1} onclick={step(q.saturating_sub(1).max(1))}>{ "−" }</button>
                    <output aria-labelledby="qty-label" class="qty">{ q }</output>
                    <button aria-label={t.more} disabled={q >= max} onclick={step((q + 1).min(max))}>{ "+" }</button>
                </div>
                <p class="total">{ t.total }{ " " }<b>{ total.to_yuan_string() }</b></p>
                <p class="pay-with">{ t.pay_with }</p>
                <div class="providers">
                    { for deal.pay.iter().map(|link| {
                        let provider = link.provider();
                        let on_pay = props.on_pay.reform(move |_: MouseEvent| provider);
                        html! {
                            <button class={classes!("provider", provider.key())} disabled={!props.available} onclick={on_pay}>
                                { props.lang.provider(provider) }
                            </button>
                        }
                    }) }
                </div>
                { for error }
                { cancel }
            </section>
        };
    };
    let order_id = *order_id;
    let on_paid = props.on_paid.reform(move |_: MouseEvent| order_id);
    let how = match handoff(link, props.device) {
        Handoff::Qr => {
            let hint = match link.provider() {
                PayProvider::Wechat => t.scan_wechat,
                PayProvider::Alipay => t.scan_alipay,
                _ => t.scan_phone,
            };
            html! {
                <>
                    <QrImage text={AttrValue::from(link.as_str().to_owned())} label={hint} />
                    <p class="scan-hint">{ hint }</p>
                </>
            }
        }
        // `link` passed the allowlist again when the order was handed off
        // (`handoff_link`), so it is safe in an `href`. On a desktop it opens
        // beside the widget, which keeps "I have paid" at hand.
        Handoff::Open => {
            let (on_event, provider) = (props.on_event.clone(), link.provider());
            let onclick = Callback::from(move |e: MouseEvent| {
                // The host may take the payment over (a mini-program's web-view).
                if !on_event.emit(HostEvent::Handoff { order_id, provider, mode: "open" }) {
                    e.prevent_default();
                }
            });
            html! {
            <a class="pay-open" href={link.as_str().to_owned()} rel="noopener noreferrer" {onclick}
                target={props.device.link_target()}>
                { t.open_payment }{ " · " }{ props.lang.provider(link.provider()) }
            </a>
            }
        }
    };
    html! {
        <section class="checkout handoff" aria-label={t.buy} ref={step_ref}>
            <p class="total">{ format!("{} × {} · ", deal.title, checkout.quantity) }{ t.total }{ " " }<b>{ total.to_yuan_string() }</b></p>
            { how }
            <button class="paid" onclick={on_paid}>{ t.paid_done }</button>
            { cancel }
        </section>
    }
}
