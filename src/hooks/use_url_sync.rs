//! Keeping the page URL in step with the view: the view is written into it
//! as it changes, and back/forward bring the view back.

use fujin_core::view::ViewState;
use yew::prelude::*;

use crate::browser::url_sync;
use crate::state::{Action, AppState};

/// Writes the view (over `base`, the view the widget started from) into
/// the page URL and follows the URL on back/forward; does nothing unless
/// `enabled`.
#[hook]
pub fn use_url_sync(state: &UseReducerHandle<AppState>, base: &ViewState, enabled: bool) {
    use_effect_with(state.to_view(base), move |view| {
        if enabled {
            url_sync::write(view);
        }
    });
    let dispatch = state.dispatcher();
    use_effect_with((), move |_| {
        let listener = enabled.then(|| {
            gloo::events::EventListener::new(&gloo::utils::window(), "popstate", move |_| {
                dispatch.dispatch(Action::ApplyView(Box::new(url_sync::read())))
            })
        });
        move || drop(listener)
    });
}
