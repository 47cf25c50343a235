//! The slippy map: raster tiles as images, merchants on a canvas, and the
//! gestures (drag, pinch, wheel, double-click, keyboard, buttons).
//!
//! Drawn by hand rather than through a JS map library: the map and its data
//! path are Fujin's core, the arithmetic lives in [`crate::map_layout`], and
//! one canvas draws a city's merchants where DOM markers would not keep up.

use std::collections::HashMap;

use fujin_core::geo::{Crs, LonLat};
use fujin_core::index::{Catalog, DealRow};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use yew::prelude::*;

use crate::i18n::Lang;
use crate::map_layout::{Marker, MarkerLevels, Screen, drawn_merchants, hit, marker_radius, scale_bar};
use crate::shared::Shared;
use crate::state::Viewport;

/// A raster tile source.
#[derive(Debug, Clone, PartialEq)]
pub struct TileSource {
    /// URL template with `{z}`, `{x}`, `{y}` (and optionally `{s}`); empty for no tiles.
    pub template: AttrValue,
    /// The datum the tiles are drawn in (GCJ-02 for Amap and Tencent).
    pub crs: Crs,
    /// Attribution to show.
    pub attribution: AttrValue,
}

impl TileSource {
    /// OpenStreetMap's standard tiles.
    pub fn openstreetmap() -> Self {
        Self {
            template: "https://tile.openstreetmap.org/{z}/{x}/{y}.png".into(),
            crs: Crs::Wgs84,
            attribution: "© OpenStreetMap contributors".into(),
        }
    }

    /// No tiles: the neutral grid only (tests, offline demos).
    pub fn none() -> Self {
        Self { template: AttrValue::default(), crs: Crs::Wgs84, attribution: AttrValue::default() }
    }
}

/// Properties of [`MapView`].
#[derive(Clone, PartialEq, Properties)]
pub struct MapViewProps {
    /// Language.
    pub lang: Lang,
    /// The feed, once loaded.
    pub catalog: Option<Shared<Catalog>>,
    /// The rows of the list: their merchants are drawn.
    pub rows: Shared<Vec<DealRow>>,
    /// The map view.
    pub viewport: Viewport,
    /// The search point and radius (metres).
    pub search_point: LonLat,
    /// Radius in metres.
    pub radius_m: f64,
    /// Selected merchant.
    pub selected: Option<u32>,
    /// Hovered merchant (from the list).
    pub hovered: Option<u32>,
    /// Tiles.
    pub tiles: TileSource,
    /// Drag by (dx, dy) pixels.
    pub on_pan: Callback<(f64, f64)>,
    /// Zoom by a number of levels around an anchor (pixels from the centre).
    pub on_zoom: Callback<(f64, (f64, f64))>,
    /// A single merchant was clicked.
    pub on_select: Callback<Option<u32>>,
    /// A cluster of merchants at one spot was clicked.
    pub on_spot: Callback<Vec<u32>>,
    /// Empty map was clicked: search there.
    pub on_search_at: Callback<LonLat>,
    /// Centre on a point (cluster clicks).
    pub on_center: Callback<LonLat>,
}

/// How far off screen (pixels) markers are still placed, so that a marker
/// at the edge is drawn whole.
const MARKER_MARGIN_PX: f64 = 40.0;

/// Pointers currently down, by pointer id: their last position.
type Pointers = HashMap<i32, (f64, f64)>;

/// The map.
#[component]
pub fn MapView(props: &MapViewProps) -> Html {
    let t = props.lang.texts();
    let container = use_node_ref();
    let canvas = use_node_ref();
    let size = use_state(|| (0.0f64, 0.0f64));
    let tiles_failed = use_state(|| false);
    let markers = use_mut_ref(Vec::<Marker>::new);
    let pointers = use_mut_ref(Pointers::new);
    let moved = use_mut_ref(|| 0.0f64);

    // Measure the container now and whenever it changes size (the window
    // turns, or the bottom sheet grows as the list fills).
    {
        let container = container.clone();
        let size = size.clone();
        use_effect_with((), move |_| {
            let observed = container.cast::<web_sys::Element>();
            let measure = Closure::<dyn Fn()>::new(move || {
                if let Some(el) = container.cast::<web_sys::Element>() {
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

    let (width, height) = *size;
    let screen = Screen {
        width,
        height,
        center: props.viewport.center,
        zoom: props.viewport.zoom,
        tile_crs: props.tiles.crs,
    };

    // Which merchants are drawn: those of the list's rows, and the selected
    // one, grouped per zoom level. Worked out when those change, not on every
    // frame of a drag.
    let markers_by_level = {
        let (rows, catalog) = (props.rows.clone(), props.catalog.clone());
        let count = catalog.as_ref().map_or(0, |c| c.feed().merchants.len());
        use_memo((rows.key(), props.selected, count, props.tiles.crs), move |&(_, selected, _, crs)| {
            let Some(catalog) = catalog else { return MarkerLevels::new(crs, []) };
            MarkerLevels::new(crs, drawn_merchants(catalog.feed(), &rows, selected))
        })
    };

    // Draw the canvas after every render.
    {
        let canvas = canvas.clone();
        let markers = markers.clone();
        let markers_by_level = markers_by_level.clone();
        let props = props.clone();
        let grid = props.tiles.template.is_empty() || *tiles_failed;
        use_effect_with((props.clone(), screen, grid), move |(props, screen, grid)| {
            if let Some(canvas) = canvas.cast::<web_sys::HtmlCanvasElement>() {
                *markers.borrow_mut() = draw(&canvas, props, &markers_by_level, screen, *grid);
            }
        });
    }

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

    let on_pointer_down = {
        let pointers = pointers.clone();
        let moved = moved.clone();
        Callback::from(move |e: PointerEvent| {
            if let Some(target) = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
                target.set_pointer_capture(e.pointer_id()).ok();
            }
            pointers.borrow_mut().insert(e.pointer_id(), (f64::from(e.client_x()), f64::from(e.client_y())));
            *moved.borrow_mut() = 0.0;
        })
    };
    // Drags arrive faster than frames: add them up and pan once per frame.
    // The frame handle is kept until the next drag replaces it (dropping it
    // inside its own callback would destroy a running closure).
    let pending_pan = use_mut_ref(|| (0.0f64, 0.0f64));
    let scheduled = use_mut_ref(|| false);
    let frame = use_mut_ref(|| None::<gloo::render::AnimationFrame>);
    let pan_on_next_frame = {
        let on_pan = props.on_pan.clone();
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
    };
    let on_pointer_move = {
        let pointers = pointers.clone();
        let moved = moved.clone();
        let on_zoom = props.on_zoom.clone();
        let locate = locate.clone();
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
                let ((mx, my), map) = locate((now.0 + other.0) / 2.0, (now.1 + other.1) / 2.0);
                on_zoom.emit((delta, (mx - map.width / 2.0, my - map.height / 2.0)));
            } else {
                let (dx, dy) = (now.0 - before.0, now.1 - before.1);
                *moved.borrow_mut() += dx.abs() + dy.abs();
                pan_on_next_frame(dx, dy);
            }
            ps.insert(id, now);
        })
    };
    let on_pointer_up = {
        let pointers = pointers.clone();
        let moved = moved.clone();
        let markers = markers.clone();
        let markers_by_level = markers_by_level.clone();
        let props = props.clone();
        let locate = locate.clone();
        Callback::from(move |e: PointerEvent| {
            let was_single = pointers.borrow().len() == 1;
            pointers.borrow_mut().remove(&e.pointer_id());
            if !was_single || *moved.borrow() > 6.0 || e.type_() == "pointercancel" {
                return;
            }
            let ((x, y), now) = locate(f64::from(e.client_x()), f64::from(e.client_y()));
            if (now.width, now.height) == (screen.width, screen.height) {
                click(&props, &now, &markers.borrow(), x, y);
            } else {
                // Resized since the last drawing: place the markers as they are now.
                click(&props, &now, &markers_by_level.on_screen(&now, MARKER_MARGIN_PX), x, y);
            }
        })
    };
    let on_wheel = {
        let on_zoom = props.on_zoom.clone();
        let locate = locate.clone();
        Callback::from(move |e: WheelEvent| {
            e.prevent_default();
            let ((x, y), map) = locate(f64::from(e.client_x()), f64::from(e.client_y()));
            let delta = (-e.delta_y() / 300.0).clamp(-1.0, 1.0);
            on_zoom.emit((delta, (x - map.width / 2.0, y - map.height / 2.0)));
        })
    };
    let on_dblclick = {
        let on_zoom = props.on_zoom.clone();
        let locate = locate.clone();
        Callback::from(move |e: MouseEvent| {
            let ((x, y), map) = locate(f64::from(e.client_x()), f64::from(e.client_y()));
            on_zoom.emit((1.0, (x - map.width / 2.0, y - map.height / 2.0)));
        })
    };
    let on_key = {
        let on_pan = props.on_pan.clone();
        let on_zoom = props.on_zoom.clone();
        Callback::from(move |e: KeyboardEvent| {
            let step = 80.0;
            match e.key().as_str() {
                "ArrowLeft" => on_pan.emit((step, 0.0)),
                "ArrowRight" => on_pan.emit((-step, 0.0)),
                "ArrowUp" => on_pan.emit((0.0, step)),
                "ArrowDown" => on_pan.emit((0.0, -step)),
                "+" | "=" => on_zoom.emit((1.0, (0.0, 0.0))),
                "-" | "_" => on_zoom.emit((-1.0, (0.0, 0.0))),
                _ => return,
            }
            e.prevent_default();
        })
    };
    let zoom_in = props.on_zoom.reform(|_: MouseEvent| (1.0, (0.0, 0.0)));
    let zoom_out = props.on_zoom.reform(|_: MouseEvent| (-1.0, (0.0, 0.0)));
    let on_tile_error = {
        let tiles_failed = tiles_failed.clone();
        Callback::from(move |_: Event| tiles_failed.set(true))
    };

    let (bar_m, bar_px) = scale_bar(screen.metres_per_px().max(1e-9), 100.0);
    let bar_label = if bar_m >= 1_000.0 { format!("{} km", bar_m / 1_000.0) } else { format!("{bar_m} m") };
    let show_tiles = !props.tiles.template.is_empty() && !*tiles_failed && width > 0.0;
    html! {
        <div
            class="map"
            ref={container}
            tabindex="0"
            role="application"
            aria-label={t.map_label}
            onpointerdown={on_pointer_down}
            onpointermove={on_pointer_move}
            onpointerup={on_pointer_up.clone()}
            onpointercancel={on_pointer_up}
            onwheel={on_wheel}
            ondblclick={on_dblclick}
            onkeydown={on_key}
        >
            if show_tiles {
                <div class="tiles" aria-hidden="true">
                    { for screen.tiles().into_iter().map(|(tile, x, y, side)| html! {
                        <img
                            key={format!("{}/{}/{}", tile.z, tile.x, tile.y)}
                            src={tile.url(&props.tiles.template, ["a", "b", "c"][(tile.x + tile.y) as usize % 3])}
                            alt=""
                            draggable="false"
                            style={format!("left:{x:.1}px;top:{y:.1}px;width:{side:.1}px;height:{side:.1}px")}
                            onerror={on_tile_error.clone()}
                        />
                    }) }
                </div>
            }
            <canvas ref={canvas} class="markers" aria-hidden="true" />
            <div class="map-controls">
                <button onclick={zoom_in} aria-label={t.zoom_in} title={t.zoom_in}>{ "+" }</button>
                <button onclick={zoom_out} aria-label={t.zoom_out} title={t.zoom_out}>{ "−" }</button>
            </div>
            <div class="scale" aria-hidden="true">
                <span style={format!("width:{bar_px:.0}px")}>{ bar_label }</span>
            </div>
            if !show_tiles && !props.tiles.template.is_empty() {
                <p class="tiles-notice" role="status">{ t.tiles_offline }</p>
            }
            if show_tiles {
                <p class="attribution">{ props.tiles.attribution.clone() }</p>
            }
        </div>
    }
}

/// What a click (tap) on the map does.
fn click(props: &MapViewProps, screen: &Screen, markers: &[Marker], x: f64, y: f64) {
    match hit(markers, x, y) {
        Some(m) if m.merchants.len() == 1 => props.on_select.emit(Some(m.merchants[0])),
        Some(m) if m.same_spot => props.on_spot.emit(m.merchants.clone()),
        Some(m) => {
            // A cluster: zoom in two levels on it.
            props.on_center.emit(screen.to_lon_lat(m.x, m.y));
            props.on_zoom.emit((2.0, (0.0, 0.0)));
        }
        None => props.on_search_at.emit(screen.to_lon_lat(x, y)),
    }
}

/// Draws grid, search radius and the merchants' markers; returns the
/// markers for hit tests.
fn draw(
    canvas: &web_sys::HtmlCanvasElement,
    props: &MapViewProps,
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
    let (sx, sy) = screen.to_screen(props.search_point);
    let r = props.radius_m / screen.metres_per_px().max(1e-9);
    ctx.begin_path();
    ctx.arc(sx, sy, r, 0.0, std::f64::consts::TAU).ok();
    ctx.set_fill_style_str("rgba(37, 99, 235, 0.08)");
    ctx.fill();
    ctx.set_stroke_style_str("rgba(37, 99, 235, 0.6)");
    ctx.set_line_width(1.5);
    ctx.stroke();

    let markers = markers_by_level.on_screen(screen, MARKER_MARGIN_PX);
    for m in &markers {
        let highlighted = m.merchants.iter().any(|&i| Some(i) == props.selected || Some(i) == props.hovered);
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
    for (_, x, y, side) in screen.tiles() {
        ctx.rect(x, y, side, side);
    }
    ctx.stroke();
}
