//! The side panel (the bottom sheet on phones): the filters and whichever
//! of these the state calls for: the feed's loading or failure, the deal
//! list, the merchants at one spot, a deal's page with its checkout, an
//! order, or "My orders".

use fujin_core::commerce::OrderEvent;
use fujin_core::geo::Fixed;
use fujin_core::model::PayProvider;
use yew::prelude::*;

use super::checkout_panel::CheckoutPanel;
use super::deal_list::DealList;
use super::deal_page::DealPage;
use super::filter_bar::FilterBar;
use super::order_list::OrderList;
use super::order_page::OrderPage;
use super::spot_list::spot_list;
use crate::browser::Device;
use crate::hooks::{HostEvent, use_send, use_send_orders};
use crate::orders::OrderAction;
use crate::state::{Action, AppState, FeedStatus, minute_of_day};

/// Properties of [`SidePanel`].
#[derive(Clone, PartialEq, Properties)]
pub struct SidePanelProps {
    /// The app's state, read to render and dispatched to.
    pub state: UseReducerHandle<AppState>,
    /// The shopper's device (how the checkout hands off).
    pub device: Device,
    /// Whether asking merchants about payments has been failing.
    pub verify_trouble: bool,
    /// Load the feed again.
    pub on_retry: Callback<MouseEvent>,
    /// Pay for the checkout in progress with a provider.
    pub on_pay: Callback<PayProvider>,
    /// Tells the host (the hand-off, which it may take over).
    #[prop_or_else(|| Callback::from(|_| true))]
    pub on_event: Callback<HostEvent, bool>,
}

/// The side panel.
#[component]
pub fn SidePanel(props: &SidePanelProps) -> Html {
    let state = &props.state;
    let dispatcher = state.dispatcher();
    let on_buy = use_send_orders(&dispatcher, OrderAction::StartCheckout);
    let on_quantity = use_send_orders(&dispatcher, OrderAction::SetQuantity);
    let on_paid = use_send_orders(&dispatcher, |id| OrderAction::Returned(id, false));
    let on_cancel_checkout = use_send_orders(&dispatcher, |()| OrderAction::CloseCheckout);
    let on_mark_used = use_send_orders(&dispatcher, |id| OrderAction::Event(id, OrderEvent::MarkedUsed));
    let on_open_order = use_send_orders(&dispatcher, |id| OrderAction::Open(Some(id)));
    let on_close_orders = use_send_orders(&dispatcher, |()| OrderAction::CloseOrders);
    let on_category = use_send(&dispatcher, Action::ToggleCategory);
    let on_radius = use_send(&dispatcher, Action::SetRadius);
    let on_sort = use_send(&dispatcher, Action::SetSort);
    let on_unavailable = use_send(&dispatcher, Action::SetIncludeUnavailable);
    let on_open_now = use_send(&dispatcher, Action::SetOpenNow);
    let on_price = use_send(&dispatcher, |(min, max)| Action::SetPriceRange(min, max));
    let on_hover = use_send(&dispatcher, Action::HoverMerchant);
    let on_select = use_send(&dispatcher, Action::SelectMerchant);
    let on_open = use_send(&dispatcher, |id| Action::OpenDeal(Some(id)));
    let on_close = use_send(&dispatcher, |()| Action::OpenDeal(None));
    let on_close_spot = use_send(&dispatcher, |()| Action::ShowSpot(None));
    let lang = state.lang;
    let t = lang.texts();

    // An order or "My orders" takes the deals' place, feed or no feed.
    let open_order = state.orders.open_order.and_then(|id| state.orders.get(id));
    let content = match (open_order, state.orders.show_orders, &state.feed, state.catalog()) {
        (Some(order), _, _, _) => html! {
            <OrderPage lang={lang} order={order.clone()} catalog={state.catalog().cloned()}
                verify_trouble={props.verify_trouble} on_paid={on_paid} on_mark_used={on_mark_used}
                on_close={on_close_orders.clone()} />
        },
        (None, true, _, _) => html! {
            <OrderList lang={lang} orders={state.orders.orders.clone()} on_open={on_open_order} on_close={on_close_orders} />
        },
        (None, false, FeedStatus::Failed(failure), _) => html! {
            <div class="feed-error" role="alert">
                <p>{ t.feed_failed }{ lang.colon() }{ lang.feed_trouble(failure) }</p>
                <button onclick={props.on_retry.clone()}>{ t.retry }</button>
            </div>
        },
        (None, false, FeedStatus::Loading(progress), None) => {
            let amount = match progress.percent() {
                Some(percent) => format!(" {percent}%"),
                None if progress.received > 0 => {
                    format!(" {} MB", Fixed(progress.received as f64 / 1e6, 1))
                }
                None => String::new(),
            };
            html! {
                <div class="loading" role="status">
                    <p>{ t.loading_feed }{ amount }</p>
                    <progress max="100" value={progress.percent().map(|p| p.to_string())} aria-label={t.loading_feed} />
                </div>
            }
        }
        (None, false, _, None) => html! { <p class="loading" role="status">{ t.loading_feed }</p> },
        (None, false, _, Some(catalog)) => match (&state.open_deal, &state.spot_list) {
            (Some(id), _) => {
                let found = catalog.find_deal(id).map(|f| f.deal);
                let checkout = state.orders.checkout.clone().filter(|c| c.deal_id == **id);
                let buy = found.map(|deal| {
                    let deal_id = deal.id.clone();
                    html! {
                        <CheckoutPanel lang={lang} deal={deal.clone()} available={deal.is_available(state.now)}
                            checkout={checkout} error={state.orders.error.clone().map(AttrValue::from)}
                            device={props.device} on_start={on_buy.reform(move |()| deal_id.clone())}
                            on_quantity={on_quantity} on_pay={props.on_pay.clone()} on_paid={on_paid}
                            on_cancel={on_cancel_checkout} on_event={props.on_event.clone()} />
                    }
                });
                html! {
                    <DealPage lang={lang} catalog={catalog.clone()} deal_id={id.clone()}
                        search_point={state.search_point} now={state.now} on_close={on_close}>
                        { for buy }
                    </DealPage>
                }
            }
            (None, Some(list)) => spot_list(lang, catalog, list, &on_select, &on_close_spot),
            (None, None) => html! {
                <DealList lang={lang} catalog={catalog.clone()} rows={state.rows.clone()}
                    selected={state.selected_merchant} on_open={on_open} on_hover={on_hover}
                    focus_deal={state.closed_deal.clone().map(AttrValue::from)} minute={minute_of_day(state.now)} />
            },
        },
    };
    let showing_orders = open_order.is_some() || state.orders.show_orders;
    html! {
        <aside class="sheet" part="list" tabindex="-1">
            if state.open_deal.is_none() && !showing_orders {
                <FilterBar lang={lang} filters={state.filters.clone()} {on_category} {on_radius} {on_sort} {on_price} {on_unavailable} {on_open_now} />
            }
            { content }
        </aside>
    }
}
