//! The clock, for countdowns and availability: a tick every second.

use yew::prelude::*;

use crate::browser::now;
use crate::state::{Action, AppState};

/// Sends the time to the state every second while the widget is mounted.
#[hook]
pub fn use_clock(state: &UseReducerHandle<AppState>) {
    let dispatch = state.dispatcher();
    use_effect_with((), move |_| {
        let interval =
            gloo::timers::callback::Interval::new(1_000, move || dispatch.dispatch(Action::Tick(now())));
        move || drop(interval)
    });
}
