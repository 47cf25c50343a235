//! Deal photos that fail to load (offline, moved, refused) leave a neutral
//! placeholder of the same size: the image is hidden and its frame's grey
//! shows, so that nothing jumps and no broken-image icon appears.

use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The `onerror` of a deal photo: hides the image (attribute
/// `data-failed`), keeping its place. Set on the element itself, not
/// through the virtual DOM, which never sets it and so never takes it back.
pub fn hide_failed_image() -> Callback<Event> {
    Callback::from(|e: Event| {
        if let Some(image) = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
            let _ = image.set_attribute("data-failed", "");
        }
    })
}
