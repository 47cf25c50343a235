//! The orders' side effects: reading them from storage once, writing them
//! back when they change, and asking merchants' `verify_url`s about orders
//! awaiting confirmation, with growing pauses.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use fujin_core::commerce::{Order, OrderEvent, OrderId, OrderStatus};
use yew::prelude::*;

use crate::orders::OrderStore;
use crate::orders::Verifier;
use crate::orders::{OrderAction, StorageHealth};
use crate::state::{Action, AppState};

/// The first pause before asking a merchant, then doubled each round up to [`MAX_PAUSE`].
pub const FIRST_PAUSE: Duration = Duration::from_secs(2);
/// The longest pause between two questions.
pub const MAX_PAUSE: Duration = Duration::from_secs(60);
/// How many rounds of questions before giving up until the next change.
pub const ROUNDS: u32 = 12;

/// Runs the orders' effects; true while a merchant's `verify_url` cannot be reached.
#[hook]
pub fn use_order_effects(
    state: &UseReducerHandle<AppState>,
    store: &OrderStore,
    verifier: &Verifier,
) -> bool {
    let trouble = use_state(|| false);
    // What storage holds, as far as this page knows: only orders that differ
    // from it are written, so reading storage never writes it all back.
    let kept = use_mut_ref(Vec::<Order>::new);
    // Read once.
    {
        let (dispatch, store, kept) = (state.dispatcher(), store.clone(), kept.clone());
        use_effect_with((), move |_| {
            let (loaded, storage_ok) = store.load();
            kept.borrow_mut().clone_from(&loaded.orders);
            dispatch.dispatch(Action::Orders(OrderAction::Loaded { loaded, storage_ok }));
        });
    }
    // Write what changed.
    {
        let (dispatch, store) = (state.dispatcher(), store.clone());
        let storage = state.orders.storage;
        use_effect_with(state.orders.orders.clone(), move |orders| {
            if storage == StorageHealth::Unavailable {
                return;
            }
            let mut kept = kept.borrow_mut();
            let changed = orders.iter().filter(|o| !kept.contains(o));
            let failed = changed.filter(|o| store.save(o).is_err()).count() > 0;
            kept.clone_from(orders);
            if failed {
                dispatch.dispatch(Action::Orders(OrderAction::SaveFailed));
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
                        let url = catalog.order_deal(o)?.merchant.verify_url.clone()?;
                        Some((o.id, url))
                    })
                    .collect()
            })
            .unwrap_or_default();
        let (dispatch, trouble, verifier) = (state.dispatcher(), trouble.clone(), verifier.clone());
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
                            match verifier.ask(url.clone(), *id).await {
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
