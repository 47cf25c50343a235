//! What the widget tells its host: a few events with small JSON payloads
//! (`docs/embedding.md#events`), raised from state changes. Nothing private
//! goes out: no voucher codes, no shopper location.

use std::collections::HashMap;

use fujin_core::commerce::{Order, OrderId, OrderStatus};
use fujin_core::model::PayProvider;
use serde_json::{Value, json};
use yew::prelude::*;

use crate::state::{AppState, FeedFailure, FeedStatus};

/// The version of the events' names and payloads.
pub const EVENTS_VERSION: u32 = 1;

/// An event for the host.
#[derive(Debug, Clone, PartialEq)]
pub enum HostEvent {
    /// The feed is loaded.
    Ready {
        /// Merchants loaded.
        merchants: usize,
        /// Deals loaded.
        deals: usize,
        /// Records rejected.
        rejected: usize,
    },
    /// The feed could not be shown.
    Error(FeedFailure),
    /// The shopper picked a merchant (list or map).
    Select {
        /// The merchant's id in the feed.
        merchant_id: String,
    },
    /// A deal's page opened.
    DealOpen {
        /// The deal's id.
        deal_id: String,
        /// Its merchant's id.
        merchant_id: String,
    },
    /// An order was made (before the shopper pays).
    OrderCreated(Box<Order>),
    /// The shopper is about to leave for a payment page or app: cancel the
    /// event to take over (a mini-program's `web-view`, say).
    Handoff {
        /// The order.
        order_id: OrderId,
        /// Who takes the payment.
        provider: PayProvider,
        /// How: `open` (a link is followed) or `qr` (a code is shown).
        mode: &'static str,
    },
    /// An order's status changed.
    OrderStatus {
        /// The order.
        order_id: OrderId,
        /// Before.
        from: OrderStatus,
        /// After.
        to: OrderStatus,
    },
}

impl HostEvent {
    /// The DOM event's name.
    pub fn name(&self) -> &'static str {
        match self {
            HostEvent::Ready { .. } => "fujin-ready",
            HostEvent::Error(_) => "fujin-error",
            HostEvent::Select { .. } => "fujin-select",
            HostEvent::DealOpen { .. } => "fujin-deal-open",
            HostEvent::OrderCreated(_) => "fujin-order-created",
            HostEvent::Handoff { .. } => "fujin-handoff",
            HostEvent::OrderStatus { .. } => "fujin-order-status",
        }
    }

    /// Whether the host may cancel it (`preventDefault`).
    pub fn cancelable(&self) -> bool {
        matches!(self, HostEvent::Handoff { mode: "open", .. })
    }

    /// The event's `detail`: JSON, with `version` first.
    pub fn detail(&self) -> Value {
        let v = EVENTS_VERSION;
        match self {
            HostEvent::Ready { merchants, deals, rejected } => {
                json!({ "version": v, "merchants": merchants, "deals": deals, "rejected": rejected })
            }
            HostEvent::Error(failure) => {
                let code = match failure {
                    FeedFailure::NoFeed => "no-feed",
                    FeedFailure::Failed { .. } => "feed-failed",
                };
                json!({ "version": v, "code": code, "message": failure.message() })
            }
            HostEvent::Select { merchant_id } => json!({ "version": v, "merchantId": merchant_id }),
            HostEvent::DealOpen { deal_id, merchant_id } => {
                json!({ "version": v, "dealId": deal_id, "merchantId": merchant_id })
            }
            HostEvent::OrderCreated(order) => json!({
                "version": v,
                "orderId": order.id.to_string(),
                "dealId": order.deal_id,
                "merchantId": order.merchant_id,
                "quantity": order.quantity,
                "totalFen": order.total.0,
                "provider": order.provider.key(),
                "referral": order.referral.as_ref().map(|r| r.as_str()),
            }),
            HostEvent::Handoff { order_id, provider, mode } => json!({
                "version": v, "orderId": order_id.to_string(), "provider": provider.key(), "mode": mode,
            }),
            HostEvent::OrderStatus { order_id, from, to } => json!({
                "version": v, "orderId": order_id.to_string(), "from": from.key(), "to": to.key(),
            }),
        }
    }
}

/// The events a change of state raises, given what the host was last told.
fn changes(told: &mut Told, state: &AppState) -> Vec<HostEvent> {
    let mut events = Vec::new();
    let feed = match &state.feed {
        FeedStatus::Ready { catalog, rejected } => {
            let feed = catalog.feed();
            Some(HostEvent::Ready {
                merchants: feed.merchants.len(),
                deals: feed.deal_count(),
                rejected: *rejected,
            })
        }
        FeedStatus::Failed(failure) => Some(HostEvent::Error(failure.clone())),
        FeedStatus::Loading(_) => None,
    };
    // Each load or failure is told once (a retry that loads is told again).
    if feed != told.feed {
        told.feed.clone_from(&feed);
        events.extend(feed);
    }
    let catalog = state.catalog();
    if state.selected_merchant != told.selected {
        told.selected = state.selected_merchant;
        let merchant = catalog.and_then(|c| c.merchant_at(state.selected_merchant?));
        events.extend(merchant.map(|m| HostEvent::Select { merchant_id: m.id.clone() }));
    }
    if state.open_deal != told.open_deal {
        told.open_deal = state.open_deal.clone();
        let found = catalog.and_then(|c| c.find_deal(state.open_deal.as_deref()?));
        events.extend(
            found.map(|f| HostEvent::DealOpen {
                deal_id: f.deal.id.clone(),
                merchant_id: f.merchant.id.clone(),
            }),
        );
    }
    // Status changes of orders the host has heard of; orders read from
    // storage are not news, and new orders are told as they are made.
    // An order met for the first time on the way back from paying has
    // changed too (pending → awaiting confirmation, or failed).
    for order in &state.orders.orders {
        let before = match told.statuses.insert(order.id, order.status) {
            Some(before) => Some(before),
            None => state.orders.returned_from.filter(|(id, _)| *id == order.id).map(|(_, from)| from),
        };
        if let Some(from) = before.filter(|from| *from != order.status) {
            events.push(HostEvent::OrderStatus { order_id: order.id, from, to: order.status });
        }
    }
    events
}

/// What the host was last told.
#[derive(Debug, Default)]
struct Told {
    feed: Option<HostEvent>,
    selected: Option<u32>,
    open_deal: Option<String>,
    statuses: HashMap<OrderId, OrderStatus>,
}

/// Tells the host, through `on_event`, what changed in `state`.
#[hook]
pub fn use_host_events(state: &UseReducerHandle<AppState>, on_event: &Callback<HostEvent, bool>) {
    let told = use_mut_ref(Told::default);
    let on_event = on_event.clone();
    // Keyed by the state's identity: every new state is looked at once.
    use_effect_with(state.clone(), move |state| {
        let events = changes(&mut told.borrow_mut(), state);
        for event in events {
            on_event.emit(event);
        }
    });
}

#[cfg(test)]
mod tests {
    use fujin_core::feed::load_feed;
    use fujin_core::index::Catalog;
    use fujin_core::view::ViewState;
    use time::OffsetDateTime;

    use super::*;
    use crate::i18n::Lang;
    use crate::shared::Shared;
    use crate::state::Action;

    fn loaded() -> AppState {
        let json =
            br#"{"merchants": [{"id": "m1", "name": "A", "category": "food", "lat": 22.5, "lon": 114.0,
          "deals": [{"id": "d1", "title": "T", "price": 100, "original_price": 200}]}, {"id": "bad"}]}"#;
        let catalog = Shared::new(Catalog::new(load_feed(json).unwrap().feed));
        AppState::from_view(&ViewState::default(), Lang::En, OffsetDateTime::UNIX_EPOCH)
            .reduce_to(Action::FeedLoaded { catalog, rejected: 1 })
    }

    fn names(events: &[HostEvent]) -> Vec<&'static str> {
        events.iter().map(HostEvent::name).collect()
    }

    #[test]
    fn each_change_is_told_once() {
        let mut told = Told::default();
        let s = loaded();
        let events = changes(&mut told, &s);
        assert_eq!(names(&events), ["fujin-ready"]);
        assert_eq!(events[0].detail(), json!({"version": 1, "merchants": 1, "deals": 1, "rejected": 1}));
        assert!(changes(&mut told, &s).is_empty(), "nothing new, nothing told");
        let s = s.reduce_to(Action::OpenDeal(Some("d1".into())));
        let events = changes(&mut told, &s);
        assert_eq!(names(&events), ["fujin-select", "fujin-deal-open"]);
        assert_eq!(events[1].detail(), json!({"version": 1, "dealId": "d1", "merchantId": "m1"}));
        let failed = s.reduce_to(Action::FeedFailed(FeedFailure::NoFeed));
        let events = changes(&mut told, &failed);
        assert_eq!(events[0].detail()["code"], "no-feed");
    }

    #[test]
    fn coming_back_from_paying_is_a_status_change() {
        use fujin_core::commerce::{OrderRandomness, load_orders};
        let s = loaded();
        let catalog = s.catalog().unwrap().clone();
        let found = catalog.find_deal("d1").unwrap();
        let random = OrderRandomness { id: [7; 16], code: [1; 8] };
        let order = Order::new(
            found.merchant,
            found.deal,
            1,
            PayProvider::Stripe,
            None,
            OffsetDateTime::UNIX_EPOCH,
            random,
        )
        .unwrap();
        let stored =
            [(fujin_core::commerce::order_key(order.id), fujin_core::commerce::encode_order(&order))];
        // A new page: the return link, then storage answers.
        let back = AppState::from_view(
            &ViewState::from_query(&format!("order={}", order.id)),
            Lang::En,
            OffsetDateTime::UNIX_EPOCH,
        )
        .reduce_to(Action::FeedLoaded { catalog, rejected: 0 })
        .reduce_to(Action::Orders(crate::orders::OrderAction::Loaded {
            loaded: load_orders(stored),
            storage_ok: true,
        }));
        let events = changes(&mut Told::default(), &back);
        let status: Vec<_> =
            events.iter().filter(|e| e.name() == "fujin-order-status").map(HostEvent::detail).collect();
        assert_eq!(status.len(), 1, "{events:?}");
        assert_eq!(
            (status[0]["from"].as_str(), status[0]["to"].as_str()),
            (Some("pending"), Some("awaiting_confirmation"))
        );
    }

    #[test]
    fn only_an_open_handoff_can_be_taken_over() {
        let id = OrderId::from_random_bytes([7; 16]);
        let open = HostEvent::Handoff { order_id: id, provider: PayProvider::Stripe, mode: "open" };
        assert!(open.cancelable());
        assert_eq!(open.detail()["provider"], "stripe");
        assert!(!HostEvent::Handoff { order_id: id, provider: PayProvider::Wechat, mode: "qr" }.cancelable());
    }
}
