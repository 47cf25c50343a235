//! Placing the map's tiles and scale bar through the CSSOM rather than
//! `style=` attributes, which a strict Content-Security-Policy
//! (`style-src 'self'`) refuses.

use fujin_core::geo::Fixed;
use wasm_bindgen::JsCast;

use super::screen::PlacedTile;

/// Sets CSS properties of `el` (lengths in CSS pixels).
fn set_px(el: &web_sys::Element, properties: &[(&str, f64)]) {
    let Some(el) = el.dyn_ref::<web_sys::HtmlElement>() else { return };
    let style = el.style();
    for (name, px) in properties {
        // Only fails on a read-only declaration, which these are not.
        let _ = style.set_property(name, &format!("{}px", Fixed(*px, 1)));
    }
}

/// Puts the images inside `container` where `tiles` says, in order (the
/// images are rendered in the same order as the tiles).
pub fn place_tiles(container: &web_sys::Element, tiles: &[PlacedTile]) {
    let images = container.children();
    for (i, tile) in tiles.iter().enumerate() {
        if let Some(img) = images.item(i as u32) {
            let side = tile.side_px;
            set_px(&img, &[("left", tile.left_px), ("top", tile.top_px), ("width", side), ("height", side)]);
        }
    }
}

/// Sets the scale bar's length.
pub fn place_scale_bar(bar: &web_sys::Element, width_px: f64) {
    set_px(bar, &[("width", width_px)]);
}
