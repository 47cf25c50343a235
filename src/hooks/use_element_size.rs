//! The size of an element, now and whenever it changes (a `ResizeObserver`).

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use yew::prelude::*;

/// The element's size in CSS pixels (width, height), measured when it is
/// mounted and again whenever it changes size (the window turns, or a
/// neighbour grows). (0, 0) until the first measurement.
#[hook]
pub fn use_element_size(node: &NodeRef) -> (f64, f64) {
    let size = use_state(|| (0.0f64, 0.0f64));
    {
        let node = node.clone();
        let size = size.clone();
        use_effect_with((), move |_| {
            let observed = node.cast::<web_sys::Element>();
            let measure = Closure::<dyn Fn()>::new(move || {
                if let Some(el) = node.cast::<web_sys::Element>() {
                    let r = el.get_bounding_client_rect();
                    size.set((r.width(), r.height()));
                }
            });
            let observer = web_sys::ResizeObserver::new(measure.as_ref().unchecked_ref()).ok();
            if let (Some(observer), Some(el)) = (&observer, &observed) {
                observer.observe(el);
            }
            move || {
                if let Some(observer) = observer {
                    observer.disconnect();
                }
                drop(measure);
            }
        });
    }
    *size
}
