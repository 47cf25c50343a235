//! Finding the shopper: asked once when the widget opens (unless its link
//! names a search point), and again from the locate button.

use yew::prelude::*;

use crate::browser::Locator;
use crate::state::{Action, AppState};

/// Asks `locator` where the shopper is when the widget opens, unless
/// `ask_now` is false; returns the callback that asks again.
#[hook]
pub fn use_locate(state: &UseReducerHandle<AppState>, locator: &Locator, ask_now: bool) -> Callback<()> {
    let locate = {
        let dispatch = state.dispatcher();
        let locator = locator.clone();
        Callback::from(move |()| {
            dispatch.dispatch(Action::Locating);
            let dispatch = dispatch.clone();
            locator.locate(Callback::from(move |answer| {
                dispatch.dispatch(match answer {
                    Ok(p) => Action::Located(p),
                    Err(e) => Action::LocationFailed(e),
                })
            }));
        })
    };
    {
        let locate = locate.clone();
        use_effect_with((), move |_| {
            if ask_now {
                locate.emit(());
            }
        });
    }
    locate
}
