//! Drawing the map's canvas: the neutral grid (when tiles are off or
//! failed), the search radius, the merchants' markers and the search point.

use fujin_core::geo::LonLat;
use wasm_bindgen::JsCast;

use super::clusters::{Marker, MarkerLevels, marker_radius};
use super::screen::Screen;

/// How far off screen (pixels) markers are still placed, so that a marker
/// at the edge is drawn whole.
pub const MARKER_MARGIN_PX: f64 = 40.0;

/// What the canvas shows besides the markers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scene {
    /// The search point, WGS-84.
    pub search_point: LonLat,
    /// The search radius, in metres.
    pub radius_m: f64,
    /// The selected merchant (feed index), drawn highlighted.
    pub selected: Option<u32>,
    /// The merchant hovered in the list (feed index), drawn highlighted.
    pub hovered: Option<u32>,
}

/// Draws grid, search radius and the merchants' markers; returns the
/// markers for hit tests.
pub fn draw(
    canvas: &web_sys::HtmlCanvasElement,
    scene: &Scene,
    markers_by_level: &MarkerLevels,
    screen: &Screen,
    grid: bool,
) -> Vec<Marker> {
    let ratio = gloo::utils::window().device_pixel_ratio().max(1.0);
    canvas.set_width((screen.width * ratio) as u32);
    canvas.set_height((screen.height * ratio) as u32);
    let Some(ctx) = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
    else {
        return Vec::new();
    };
    ctx.set_transform(ratio, 0.0, 0.0, ratio, 0.0, 0.0).ok();
    ctx.clear_rect(0.0, 0.0, screen.width, screen.height);
    if grid {
        draw_grid(&ctx, screen);
    }
    // The search radius and point.
    let (sx, sy) = screen.to_screen(scene.search_point);
    let r = scene.radius_m / screen.metres_per_px().max(1e-9);
    ctx.begin_path();
    ctx.arc(sx, sy, r, 0.0, std::f64::consts::TAU).ok();
    ctx.set_fill_style_str("rgba(37, 99, 235, 0.08)");
    ctx.fill();
    ctx.set_stroke_style_str("rgba(37, 99, 235, 0.6)");
    ctx.set_line_width(1.5);
    ctx.stroke();

    let markers = markers_by_level.on_screen(screen, MARKER_MARGIN_PX);
    for m in &markers {
        let highlighted = m.merchants.iter().any(|&i| Some(i) == scene.selected || Some(i) == scene.hovered);
        let radius = marker_radius(m);
        ctx.begin_path();
        ctx.arc(m.x, m.y, radius, 0.0, std::f64::consts::TAU).ok();
        ctx.set_fill_style_str(if highlighted { "#e11d48" } else { "#ff6a00" });
        ctx.fill();
        ctx.set_stroke_style_str("#ffffff");
        ctx.set_line_width(if highlighted { 3.0 } else { 2.0 });
        ctx.stroke();
        if m.merchants.len() > 1 {
            ctx.set_fill_style_str("#ffffff");
            ctx.set_font("bold 12px system-ui, sans-serif");
            ctx.set_text_align("center");
            ctx.set_text_baseline("middle");
            ctx.fill_text(&m.merchants.len().to_string(), m.x, m.y).ok();
        }
    }
    // The search point on top.
    ctx.begin_path();
    ctx.arc(sx, sy, 7.0, 0.0, std::f64::consts::TAU).ok();
    ctx.set_fill_style_str("#2563eb");
    ctx.fill();
    ctx.set_stroke_style_str("#ffffff");
    ctx.set_line_width(3.0);
    ctx.stroke();
    markers
}

/// The neutral background when tiles are off or failed: tile-aligned lines.
fn draw_grid(ctx: &web_sys::CanvasRenderingContext2d, screen: &Screen) {
    ctx.set_fill_style_str("#eef1f5");
    ctx.fill_rect(0.0, 0.0, screen.width, screen.height);
    ctx.set_stroke_style_str("#d5dbe3");
    ctx.set_line_width(1.0);
    ctx.begin_path();
    for t in screen.tiles() {
        ctx.rect(t.left_px, t.top_px, t.side_px, t.side_px);
    }
    ctx.stroke();
}
