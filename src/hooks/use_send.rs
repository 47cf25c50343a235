//! Callbacks that send actions: made once, so that children whose other
//! properties did not change are not redrawn.

use yew::prelude::*;

use crate::orders::OrderAction;
use crate::state::{Action, AppState};

/// A callback, made once, that turns its argument into an action and
/// dispatches it: the same callback every render.
#[hook]
pub fn use_send<T: 'static>(
    dispatcher: &UseReducerDispatcher<AppState>,
    make: fn(T) -> Action,
) -> Callback<T> {
    let dispatcher = dispatcher.clone();
    use_callback((), move |v, _| dispatcher.dispatch(make(v)))
}

/// [`use_send`] for an order action.
#[hook]
pub fn use_send_orders<T: 'static>(
    dispatcher: &UseReducerDispatcher<AppState>,
    make: fn(T) -> OrderAction,
) -> Callback<T> {
    let dispatcher = dispatcher.clone();
    use_callback((), move |v, _| dispatcher.dispatch(Action::Orders(make(v))))
}
