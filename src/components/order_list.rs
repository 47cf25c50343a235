//! "My orders": current orders first, finished ones in a history section.

use fujin_core::commerce::{Order, OrderId};
use yew::prelude::*;

use super::focus::focus_in_widget;
use crate::i18n::Lang;

/// Properties of [`OrderList`].
#[derive(Clone, PartialEq, Properties)]
pub struct OrderListProps {
    /// Language.
    pub lang: Lang,
    /// Every order, newest first.
    pub orders: Vec<Order>,
    /// Open one.
    pub on_open: Callback<OrderId>,
    /// Back to the deals.
    pub on_close: Callback<()>,
}

/// Every order on this device.
#[component]
pub fn OrderList(props: &OrderListProps) -> Html {
    let (lang, t) = (props.lang, props.lang.orders());
    let back_ref = use_node_ref();
    {
        // Move focus into the list when it opens, for keyboard and screen-reader users.
        let back_ref = back_ref.clone();
        use_effect_with((), move |_| {
            if let Some(button) = back_ref.cast::<web_sys::HtmlElement>() {
                button.focus().ok();
            }
        });
    }
    let row = |o: &Order| {
        let id = o.id;
        let on_open = props.on_open.reform(move |_: MouseEvent| id);
        html! {
            <li key={o.id.to_string()}>
                <button class="order-row" onclick={on_open}>
                    <span class="title">{ &o.deal_title }</span>
                    <span class="merchant-name">{ &o.merchant_name }</span>
                    <span class={classes!("order-status", o.status.key().replace('_', "-"))}>{ lang.order_status(o.status) }</span>
                    <span class="total">{ format!("× {} · {}", o.quantity, o.total.to_yuan_string()) }</span>
                </button>
            </li>
        }
    };
    let (history, current): (Vec<&Order>, Vec<&Order>) =
        props.orders.iter().partition(|o| o.status.is_final());
    html! {
        <section class="order-list" aria-labelledby="orders-title">
            <button class="back" ref={back_ref} onclick={props.on_close.reform(|e: MouseEvent| focus_in_widget(&e, &[".my-orders"]))}>{ "← " }{ t.back_to_deals }</button>
            <h2 id="orders-title">{ t.my_orders }</h2>
            if props.orders.is_empty() { <p class="empty">{ t.no_orders }</p> }
            if !current.is_empty() {
                <h3>{ t.current }</h3>
                <ul class="orders current">{ for current.into_iter().map(row) }</ul>
            }
            if !history.is_empty() {
                <h3>{ t.history }</h3>
                <ul class="orders history">{ for history.into_iter().map(row) }</ul>
            }
        </section>
    }
}
