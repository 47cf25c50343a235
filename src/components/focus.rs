//! Moving the focus inside the widget, for keyboard and screen-reader
//! users, when what they were on goes away (a closed page) or when they
//! ask (a skip link).

use wasm_bindgen::JsCast;

/// Focuses the first element found of `selectors` (in order of
/// preference) in the widget that `event` happened in; nothing when there
/// is none.
pub fn focus_in_widget(event: &web_sys::Event, selectors: &[&str]) {
    let from = event.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
    let Some(app) = from.and_then(|e| e.closest(".fujin-app").ok()?) else { return };
    let target = selectors.iter().find_map(|selector| app.query_selector(selector).ok()?);
    if let Some(target) = target.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
        target.focus().ok();
    }
}
