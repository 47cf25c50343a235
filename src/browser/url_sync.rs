//! Keeping the page address in step with the view, so that a link reopens
//! the same view and back/forward work. The widget's pairs carry its
//! prefix; the host's own parameters, its fragment (or query, in hash mode)
//! and other widgets' pairs are kept as they are.

use fujin_core::view::{UrlState, ViewState, merge_pairs, own_pairs};

/// The query or fragment the widget keeps its view in, as the page has it now.
fn current_pairs(mode: UrlState) -> String {
    let location = gloo::utils::window().location();
    match mode {
        UrlState::Off => String::new(),
        UrlState::Query => location.search().unwrap_or_default(),
        UrlState::Hash => location.hash().unwrap_or_default(),
    }
}

/// The widget's own pairs in the page address now, prefix taken off
/// (what [`ViewState::from_query`] reads); empty when `mode` is off.
pub fn read_pairs(mode: UrlState, prefix: &str) -> String {
    own_pairs(&current_pairs(mode), prefix)
}

/// The view in the page's current address.
pub fn read(mode: UrlState, prefix: &str) -> ViewState {
    ViewState::from_query(&read_pairs(mode, prefix))
}

/// Writes `view` into the address: a new history entry when the open deal
/// or the search point changes (so that "back" undoes it), else a
/// replacement (panning the map must not flood the history).
pub fn write(view: &ViewState, mode: UrlState, prefix: &str) {
    if mode == UrlState::Off {
        return;
    }
    let window = gloo::utils::window();
    let Ok(history) = window.history() else {
        return;
    };
    let location = window.location();
    let path = location.pathname().unwrap_or_default();
    let (search, hash) = (location.search().unwrap_or_default(), location.hash().unwrap_or_default());
    let in_query = mode == UrlState::Query;
    let pairs = if in_query { &search } else { &hash };
    let current = ViewState::from_query(&own_pairs(pairs, prefix));
    if &current == view {
        return;
    }
    let merged = merge_pairs(pairs, prefix, &view.to_query());
    let mark = if in_query { '?' } else { '#' };
    let ours = if merged.is_empty() { String::new() } else { format!("{mark}{merged}") };
    let url = if in_query { format!("{path}{ours}{hash}") } else { format!("{path}{search}{ours}") };
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
