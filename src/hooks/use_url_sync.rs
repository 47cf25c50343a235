//! Keeping the page address in step with the view: the view is written into
//! it as it changes, and back/forward bring the view back.

use fujin_core::view::{UrlState, ViewState};
use yew::prelude::*;

use crate::browser::url_sync;
use crate::state::{Action, AppState};

/// Writes the view (over `base`, the view the widget started from) into
/// the page address under `prefix`, in the query or the fragment as `mode`
/// says, and follows the address on back/forward; does nothing when `mode`
/// is off.
#[hook]
pub fn use_url_sync(
    state: &UseReducerHandle<AppState>,
    base: &ViewState,
    mode: UrlState,
    prefix: &AttrValue,
) {
    {
        let prefix = prefix.clone();
        use_effect_with(state.to_view(base), move |view| url_sync::write(view, mode, &prefix));
    }
    let dispatch = state.dispatcher();
    let prefix = prefix.clone();
    use_effect_with((), move |_| {
        // Back/forward change the address with `popstate`; in hash mode, a
        // link to another fragment (or an edit of it) with `hashchange`
        // only. Applying the same view twice changes nothing.
        let events: &[&str] = match mode {
            UrlState::Off => &[],
            UrlState::Query => &["popstate"],
            UrlState::Hash => &["popstate", "hashchange"],
        };
        let window = gloo::utils::window();
        let listeners: Vec<_> = events
            .iter()
            .map(|&event| {
                let (dispatch, prefix) = (dispatch.clone(), prefix.clone());
                gloo::events::EventListener::new(&window, event, move |_| {
                    dispatch.dispatch(Action::ApplyView(Box::new(url_sync::read(mode, &prefix))))
                })
            })
            .collect();
        move || drop(listeners)
    });
}
