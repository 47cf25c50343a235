//! The slippy map component: raster tiles as images, merchants on a canvas,
//! zoom buttons, a scale bar and the attribution.
//!
//! Drawn by hand rather than through a JS map library: the map and its data
//! path are Fujin's core, the arithmetic lives in [`screen`](super::screen)
//! and [`clusters`](super::clusters), and one canvas draws a city's
//! merchants where DOM markers would not keep up.

use fujin_core::geo::{Fixed, LonLat};
use fujin_core::index::{Catalog, DealRow};
use yew::prelude::*;

use super::clusters::{Marker, MarkerLevels, drawn_merchants, hit};
use super::draw::{MARKER_MARGIN_PX, Scene, draw};
use super::gestures::{GestureActions, use_gestures};
use super::placement::{place_scale_bar, place_tiles};
use super::screen::{PlacedTile, Screen, scale_bar};
use super::tile_source::TileSource;
use crate::hooks::use_element_size;
use crate::i18n::Lang;
use crate::shared::Shared;
use crate::state::Viewport;

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

/// The map.
#[component]
pub fn MapView(props: &MapViewProps) -> Html {
    let t = props.lang.texts();
    let container = use_node_ref();
    let canvas = use_node_ref();
    let (width, height) = use_element_size(&container);
    let tiles_failed = use_state(|| false);
    let markers = use_mut_ref(Vec::<Marker>::new);
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

    // The map's text alternative: how many shops it draws and deals it
    // shows (the list's), which is selected, and that the list is the
    // keyboard's way.
    let selected_name =
        props.selected.and_then(|m| Some(props.catalog.as_ref()?.merchant_at(m)?.name.clone()));
    let description =
        props.lang.map_description(markers_by_level.len(), props.rows.len(), selected_name.as_deref());

    // Draw the canvas after every render.
    {
        let (canvas, markers, markers_by_level) = (canvas.clone(), markers.clone(), markers_by_level.clone());
        let grid = props.tiles.template.is_empty() || *tiles_failed;
        use_effect_with((props.clone(), screen, grid), move |(props, screen, grid)| {
            if let Some(canvas) = canvas.cast::<web_sys::HtmlCanvasElement>() {
                let scene = Scene {
                    search_point: props.search_point,
                    radius_m: props.radius_m,
                    selected: props.selected,
                    hovered: props.hovered,
                };
                *markers.borrow_mut() = draw(&canvas, &scene, &markers_by_level, screen, *grid);
            }
        });
    }

    let on_tap = {
        let props = props.clone();
        Callback::from(move |((x, y), now): ((f64, f64), Screen)| {
            if (now.width, now.height) == (screen.width, screen.height) {
                click(&props, &now, &markers.borrow(), x, y);
            } else {
                // Resized since the last drawing: place the markers as they are now.
                click(&props, &now, &markers_by_level.on_screen(&now, MARKER_MARGIN_PX), x, y);
            }
        })
    };
    let gestures = use_gestures(
        &container,
        screen,
        GestureActions { on_pan: props.on_pan.clone(), on_zoom: props.on_zoom.clone(), on_tap },
    );
    let zoom_in = props.on_zoom.reform(|_: MouseEvent| (1.0, (0.0, 0.0)));
    let zoom_out = props.on_zoom.reform(|_: MouseEvent| (-1.0, (0.0, 0.0)));
    let on_tile_error = {
        let tiles_failed = tiles_failed.clone();
        Callback::from(move |_: Event| tiles_failed.set(true))
    };

    let (bar_m, bar_px) = scale_bar(screen.metres_per_px().max(1e-9), 100.0);
    // Round lengths (1, 2 or 5 times a power of ten): whole kilometres or
    // metres, tenths below a metre.
    let bar_label = match bar_m {
        m if m >= 1_000.0 => format!("{} km", Fixed(m / 1_000.0, 0)),
        m => format!("{} m", Fixed(m, u8::from(m < 1.0))),
    };
    let show_tiles = !props.tiles.template.is_empty() && !*tiles_failed && width > 0.0;
    let placed = if show_tiles { screen.tiles() } else { Vec::new() };
    // Positions go through the CSSOM after the render (no `style=`: a strict
    // Content-Security-Policy refuses it).
    let (tiles_ref, bar_ref) = (use_node_ref(), use_node_ref());
    {
        let (tiles_ref, bar_ref) = (tiles_ref.clone(), bar_ref.clone());
        use_effect_with((placed.clone(), bar_px), move |(placed, bar_px)| {
            if let Some(container) = tiles_ref.cast::<web_sys::Element>() {
                place_tiles(&container, placed);
            }
            if let Some(bar) = bar_ref.cast::<web_sys::Element>() {
                place_scale_bar(&bar, *bar_px);
            }
        });
    }
    html! {
        <div
            class="map"
            ref={container}
            tabindex="0"
            role="application"
            aria-label={t.map_label}
            aria-describedby="fujin-map-description"
            onpointerdown={gestures.on_pointer_down}
            onpointermove={gestures.on_pointer_move}
            onpointerup={gestures.on_pointer_up.clone()}
            onpointercancel={gestures.on_pointer_up}
            onwheel={gestures.on_wheel}
            ondblclick={gestures.on_dblclick}
            onkeydown={gestures.on_key}
        >
            if show_tiles {
                <div class="tiles" aria-hidden="true" ref={tiles_ref}>
                    { for placed.iter().map(|PlacedTile { tile, .. }| html! {
                        <img
                            key={format!("{}/{}/{}", tile.z, tile.x, tile.y)}
                            src={tile.url(&props.tiles.template, ["a", "b", "c"][(tile.x + tile.y) as usize % 3])}
                            alt=""
                            draggable="false"
                            onerror={on_tile_error.clone()}
                        />
                    }) }
                </div>
            }
            <canvas ref={canvas} class="markers" aria-hidden="true" />
            <p id="fujin-map-description" class="sr-only">{ description }</p>
            <div class="map-controls">
                <button onclick={zoom_in} aria-label={t.zoom_in} title={t.zoom_in}>{ "+" }</button>
                <button onclick={zoom_out} aria-label={t.zoom_out} title={t.zoom_out}>{ "−" }</button>
            </div>
            <div class="scale" aria-hidden="true">
                <span ref={bar_ref}>{ bar_label }</span>
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
        Some(m) if m.same_spot => props.on_spot.emit(m.merchants.to_vec()),
        Some(m) => {
            // A cluster: zoom in two levels on it.
            props.on_center.emit(screen.to_lon_lat(m.x, m.y));
            props.on_zoom.emit((2.0, (0.0, 0.0)));
        }
        None => props.on_search_at.emit(screen.to_lon_lat(x, y)),
    }
}
