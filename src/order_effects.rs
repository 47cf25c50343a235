//! The orders' side effects: reading them from storage once, writing them
//! back when they change, and asking merchants' `verify_url`s about orders
//! awaiting confirmation, with growing pauses.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use fujin_core::{OrderEvent, OrderId, OrderStatus, Verdict};
use yew::prelude::*;

use crate::order_book::{OrderAction, StorageHealth};
use crate::order_store::OrderStore;
use crate::state::{Action, AppState};

/// The first pause before asking a merchant, then doubled each round up to [`MAX_PAUSE`].
pub const FIRST_PAUSE: Duration = Duration::from_secs(2);
/// The longest pause between two questions.
pub const MAX_PAUSE: Duration = Duration::from_secs(60);
/// How many rounds of questions before giving up until the next change.
pub const ROUNDS: u32 = 12;

/// Runs the orders' effects; true while a merchant's `verify_url` cannot be reached.
#[hook]
pub fn use_order_effects(state: &UseReducerHandle<AppState>, store: &OrderStore) -> bool {
    let trouble = use_state(|| false);
    // Read once.
    {
        let (dispatch, store) = (state.dispatcher(), store.clone());
        use_effect_with((), move |_| {
            let (loaded, storage_ok) = store.load();
            dispatch.dispatch(Action::Orders(OrderAction::Loaded { loaded, storage_ok }));
        });
    }
    // Write what changed.
    {
        let (dispatch, store) = (state.dispatcher(), store.clone());
        let storage = state.orders.storage;
        use_effect_with(state.orders.orders.clone(), move |orders| {
            if storage != StorageHealth::Unavailable {
                let failed = orders.iter().any(|o| store.save(o).is_err());
                if failed {
                    dispatch.dispatch(Action::Orders(OrderAction::SaveFailed));
                }
            }
        });
    }
    // Ask merchants about orders awaiting confirmation.
    {
        let awaiting: Vec<(OrderId, String)> = state
            .catalog()
            .map(|catalog| {
                state
                    .orders
                    .orders
                    .iter()
                    .filter(|o| o.status == OrderStatus::AwaitingConfirmation && o.confirmable)
                    .filter_map(|o| {
                        let (m, _) = catalog.find_deal(&o.deal_id)?;
                        let url = catalog.feed().merchants[m as usize].verify_url.clone()?;
                        Some((o.id, url))
                    })
                    .collect()
            })
            .unwrap_or_default();
        let (dispatch, trouble) = (state.dispatcher(), trouble.clone());
        use_effect_with(awaiting, move |awaiting| {
            let stopped = Rc::new(Cell::new(false));
            if !awaiting.is_empty() {
                let (awaiting, stopped) = (awaiting.clone(), stopped.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    let mut pause = FIRST_PAUSE;
                    for _ in 0..ROUNDS {
                        yew::platform::time::sleep(pause).await;
                        if stopped.get() {
                            return;
                        }
                        let mut reached = true;
                        for (id, url) in &awaiting {
                            match ask(url, *id).await {
                                Some(verdict) => {
                                    dispatch.dispatch(Action::Orders(OrderAction::Event(
                                        *id,
                                        OrderEvent::Verified(verdict),
                                    )));
                                }
                                None => reached = false,
                            }
                        }
                        if !stopped.get() {
                            trouble.set(!reached);
                        }
                        pause = (pause * 2).min(MAX_PAUSE);
                    }
                });
            }
            move || stopped.set(true)
        });
    }
    *trouble
}

/// Asks `verify_url` about order `id`: `GET <verify_url>?order=<id>`,
/// answered `{"status": "pending" | "paid" | "failed" | "refunded"}`.
/// `None` when there is no usable answer.
async fn ask(verify_url: &str, id: OrderId) -> Option<Verdict> {
    let mut url = url::Url::parse(verify_url).ok()?;
    url.query_pairs_mut().append_pair("order", &id.to_string());
    let response = gloo::net::http::Request::get(url.as_str()).send().await.ok()?;
    if !response.ok() {
        return None;
    }
    let answer: serde_json::Value = serde_json::from_str(&response.text().await.ok()?).ok()?;
    Verdict::from_key(answer.get("status")?.as_str()?)
}
