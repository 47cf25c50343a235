//! The map's gestures: drag, pinch, wheel, double-click and keys turned into
//! pans, zooms and taps, as one hook whose handlers the map element takes.

use std::collections::HashMap;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::screen::Screen;

/// Pointers currently down, by pointer id: their last position.
type Pointers = HashMap<i32, (f64, f64)>;

/// A pointer that moved more than this many CSS pixels (summed) since it
/// went down makes a drag, not a tap.
const TAP_SLOP_PX: f64 = 6.0;

/// How far an arrow key pans, in CSS pixels.
const KEY_PAN_PX: f64 = 80.0;

/// What the gestures ask of the map.
#[derive(Clone, PartialEq)]
pub struct GestureActions {
    /// Pan by (dx, dy) CSS pixels (the map follows the finger).
    pub on_pan: Callback<(f64, f64)>,
    /// Zoom by a number of levels around an anchor (CSS pixels from the centre).
    pub on_zoom: Callback<(f64, (f64, f64))>,
    /// A tap at (x, y) CSS pixels from the map's corner, with the map as
    /// laid out at that moment.
    pub on_tap: Callback<((f64, f64), Screen)>,
}

/// The handlers to put on the map element.
pub struct GestureHandlers {
    /// `pointerdown`.
    pub on_pointer_down: Callback<PointerEvent>,
    /// `pointermove`.
    pub on_pointer_move: Callback<PointerEvent>,
    /// `pointerup` and `pointercancel`.
    pub on_pointer_up: Callback<PointerEvent>,
    /// `wheel`.
    pub on_wheel: Callback<WheelEvent>,
    /// `dblclick`.
    pub on_dblclick: Callback<MouseEvent>,
    /// `keydown`.
    pub on_key: Callback<KeyboardEvent>,
}

/// The gestures of the map in `container`, whose screen is `screen` as last
/// rendered.
#[hook]
pub fn use_gestures(container: &NodeRef, screen: Screen, actions: GestureActions) -> GestureHandlers {
    let pointers = use_mut_ref(Pointers::new);
    let moved = use_mut_ref(|| 0.0f64);
    let pan_on_next_frame = use_pan_per_frame(actions.on_pan.clone());

    // Where a pointer is, in pixels from the map's corner, and the map as it
    // is laid out at that moment. The layout can change a frame before the
    // resize observer reports it (the bottom sheet grows as the list fills):
    // a tap in that frame must still land where the shopper sees it.
    let locate = {
        let container = container.clone();
        move |x: f64, y: f64| match container.cast::<web_sys::Element>() {
            Some(el) => {
                let r = el.get_bounding_client_rect();
                ((x - r.left(), y - r.top()), Screen { width: r.width(), height: r.height(), ..screen })
            }
            None => ((x, y), screen),
        }
    };
    // A zoom about a point given in client pixels.
    let zoom_at = {
        let (on_zoom, locate) = (actions.on_zoom.clone(), locate.clone());
        move |delta: f64, x: f64, y: f64| {
            let ((x, y), map) = locate(x, y);
            on_zoom.emit((delta, (x - map.width / 2.0, y - map.height / 2.0)));
        }
    };

    let on_pointer_down = {
        let (pointers, moved) = (pointers.clone(), moved.clone());
        Callback::from(move |e: PointerEvent| {
            if let Some(target) = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
                target.set_pointer_capture(e.pointer_id()).ok();
            }
            pointers.borrow_mut().insert(e.pointer_id(), (f64::from(e.client_x()), f64::from(e.client_y())));
            *moved.borrow_mut() = 0.0;
        })
    };
    let on_pointer_move = {
        let (pointers, moved, zoom_at) = (pointers.clone(), moved.clone(), zoom_at.clone());
        Callback::from(move |e: PointerEvent| {
            let id = e.pointer_id();
            let now = (f64::from(e.client_x()), f64::from(e.client_y()));
            let mut ps = pointers.borrow_mut();
            let Some(&before) = ps.get(&id) else { return };
            if ps.len() == 2 {
                // Pinch: zoom by the change in finger distance, around their midpoint.
                let other = ps.iter().find(|(k, _)| **k != id).map(|(_, p)| *p).unwrap_or(before);
                let dist = |a: (f64, f64), b: (f64, f64)| {
                    ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt().max(1.0)
                };
                let delta = (dist(now, other) / dist(before, other)).log2();
                zoom_at(delta, (now.0 + other.0) / 2.0, (now.1 + other.1) / 2.0);
            } else {
                let (dx, dy) = (now.0 - before.0, now.1 - before.1);
                *moved.borrow_mut() += dx.abs() + dy.abs();
                pan_on_next_frame(dx, dy);
            }
            ps.insert(id, now);
        })
    };
    let on_pointer_up = {
        let on_tap = actions.on_tap.clone();
        let locate = locate.clone();
        Callback::from(move |e: PointerEvent| {
            let was_single = pointers.borrow().len() == 1;
            pointers.borrow_mut().remove(&e.pointer_id());
            if !was_single || *moved.borrow() > TAP_SLOP_PX || e.type_() == "pointercancel" {
                return;
            }
            on_tap.emit(locate(f64::from(e.client_x()), f64::from(e.client_y())));
        })
    };
    let on_wheel = {
        let zoom_at = zoom_at.clone();
        Callback::from(move |e: WheelEvent| {
            e.prevent_default();
            let delta = (-e.delta_y() / 300.0).clamp(-1.0, 1.0);
            zoom_at(delta, f64::from(e.client_x()), f64::from(e.client_y()));
        })
    };
    let on_dblclick =
        Callback::from(move |e: MouseEvent| zoom_at(1.0, f64::from(e.client_x()), f64::from(e.client_y())));
    let on_key = {
        let GestureActions { on_pan, on_zoom, .. } = actions;
        Callback::from(move |e: KeyboardEvent| {
            match e.key().as_str() {
                "ArrowLeft" => on_pan.emit((KEY_PAN_PX, 0.0)),
                "ArrowRight" => on_pan.emit((-KEY_PAN_PX, 0.0)),
                "ArrowUp" => on_pan.emit((0.0, KEY_PAN_PX)),
                "ArrowDown" => on_pan.emit((0.0, -KEY_PAN_PX)),
                "+" | "=" => on_zoom.emit((1.0, (0.0, 0.0))),
                "-" | "_" => on_zoom.emit((-1.0, (0.0, 0.0))),
                _ => return,
            }
            e.prevent_default();
        })
    };
    GestureHandlers { on_pointer_down, on_pointer_move, on_pointer_up, on_wheel, on_dblclick, on_key }
}

/// A pan that adds up drags and emits them once per animation frame: drags
/// arrive faster than frames. The frame handle is kept until the next drag
/// replaces it (dropping it inside its own callback would destroy a running
/// closure).
#[hook]
fn use_pan_per_frame(on_pan: Callback<(f64, f64)>) -> impl Fn(f64, f64) + Clone {
    let pending_pan = use_mut_ref(|| (0.0f64, 0.0f64));
    let scheduled = use_mut_ref(|| false);
    let frame = use_mut_ref(|| None::<gloo::render::AnimationFrame>);
    move |dx: f64, dy: f64| {
        {
            let mut pending = pending_pan.borrow_mut();
            pending.0 += dx;
            pending.1 += dy;
        }
        if std::mem::replace(&mut *scheduled.borrow_mut(), true) {
            return;
        }
        let (pending_pan, scheduled, on_pan) = (pending_pan.clone(), scheduled.clone(), on_pan.clone());
        *frame.borrow_mut() = Some(gloo::render::request_animation_frame(move |_| {
            *scheduled.borrow_mut() = false;
            let (dx, dy) = std::mem::take(&mut *pending_pan.borrow_mut());
            on_pan.emit((dx, dy));
        }));
    }
}
