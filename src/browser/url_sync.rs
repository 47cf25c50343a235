//! Keeping the page URL in step with the view, so that a link reopens the
//! same view and back/forward work.

use fujin_core::view::ViewState;

/// The view in the page's current URL.
pub fn read() -> ViewState {
    let search = gloo::utils::window().location().search().unwrap_or_default();
    ViewState::from_query(&search)
}

/// Writes `view` into the URL: a new history entry when the open deal
/// changes (so that "back" closes it), else a replacement (panning the map
/// must not flood the history).
pub fn write(view: &ViewState) {
    let window = gloo::utils::window();
    let Ok(history) = window.history() else {
        return;
    };
    let current = read();
    if &current == view {
        return;
    }
    let query = view.to_query();
    let path = window.location().pathname().unwrap_or_default();
    let url = if query.is_empty() { path } else { format!("{path}?{query}") };
    let push = current.deal != view.deal || current.search_point != view.search_point;
    let result = if push {
        history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
    } else {
        history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
    };
    if result.is_err() {
        gloo::console::warn!("fujin: could not update the URL");
    }
}
