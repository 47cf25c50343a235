//! The orders' side effects: reading them from storage once (and again when
//! another widget on the page or another tab wrote some), writing them
//! back when they change, and asking merchants' `verify_url`s about orders
//! awaiting confirmation, with growing pauses.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use fujin_core::commerce::{ORDER_KEY_PREFIX, Order, OrderEvent, OrderId, OrderStatus};
use wasm_bindgen::JsCast;
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

/// The event (on `window`, within this page only) by which a widget says it
/// wrote orders; its detail is the writer's id, so it does not hear itself.
const ORDERS_WRITTEN: &str = "fujin-orders-written";

/// Tells the other widgets on this page that `me` wrote orders.
fn tell_the_page(me: &str) {
    let init = web_sys::CustomEventInit::new();
    init.set_detail(&me.into());
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(ORDERS_WRITTEN, &init) {
        let _ = gloo::utils::window().dispatch_event(&event);
    }
}

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
    // This widget, among others on the page, for the news of its writes.
    // (As an integer: Rust's float formatter is 10 KB of wasm.)
    let me = use_memo((), |_| ((js_sys::Math::random() * 9_007_199_254_740_992.0) as u64).to_string());
    // Write what changed, and tell the other widgets on this page (other
    // tabs hear of it from the browser's `storage` event).
    {
        let (dispatch, store, kept, me) = (state.dispatcher(), store.clone(), kept.clone(), me.clone());
        let storage = state.orders.storage;
        use_effect_with(state.orders.orders.clone(), move |orders| {
            if storage == StorageHealth::Unavailable {
                return;
            }
            let mut kept = kept.borrow_mut();
            let changed: Vec<&Order> = orders.iter().filter(|o| !kept.contains(o)).collect();
            let failed = changed.iter().filter(|o| store.save(o).is_err()).count() > 0;
            kept.clone_from(orders);
            if failed {
                dispatch.dispatch(Action::Orders(OrderAction::SaveFailed));
            } else if !changed.is_empty() {
                tell_the_page(&me);
            }
        });
    }
    // Hear of orders written elsewhere: read storage again. What was read
    // counts as kept, so it is not written back (no echo between widgets).
    {
        let (dispatch, store, me) = (state.dispatcher(), store.clone(), me.clone());
        use_effect_with((), move |_| {
            let window = gloo::utils::window();
            let sync = move || {
                let (loaded, storage_ok) = store.load();
                if storage_ok {
                    kept.borrow_mut().extend(loaded.orders.iter().cloned());
                    dispatch.dispatch(Action::Orders(OrderAction::Synced(loaded.orders)));
                }
            };
            let from_tabs = {
                let sync = sync.clone();
                gloo::events::EventListener::new(&window, "storage", move |event| {
                    let key = event.dyn_ref::<web_sys::StorageEvent>().and_then(|e| e.key());
                    // A key of ours, or the whole storage cleared (no key).
                    if key.is_none_or(|k| k.starts_with(ORDER_KEY_PREFIX)) {
                        sync();
                    }
                })
            };
            let from_page = gloo::events::EventListener::new(&window, ORDERS_WRITTEN, move |event| {
                let from = event.dyn_ref::<web_sys::CustomEvent>().and_then(|e| e.detail().as_string());
                if from.as_deref() != Some(me.as_str()) {
                    sync();
                }
            });
            move || drop((from_tabs, from_page))
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
