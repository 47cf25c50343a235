//! # fujin-web
//!
//! The browser layer of Fujin (附近): a Yew app on top of [`fujin_core`].
//! State changes only through [`state::Action`]s and the reducer; components
//! only render state and send actions; everything that can be computed
//! without a DOM lives in the core or in [`map_layout`].

pub mod app;
pub mod components;
pub mod device;
pub mod feed_fetch;
pub mod geolocation;
pub mod i18n;
pub mod map_layout;
pub mod order_book;
pub mod order_effects;
pub mod order_store;
pub mod panic_screen;
pub mod purchase;
pub mod shared;
pub mod state;
pub mod url_sync;
pub mod verifier;

use wasm_bindgen::JsCast;

/// The id of the element the app mounts into (see `index.html`).
pub const ROOT_ID: &str = "fujin";

/// The feed the app shows when the page names none: the generated Shenzhen
/// demo feed that Trunk copies next to the page.
pub const DEMO_FEED_URL: &str = "demo-feed.json";

/// Installs the panic screen and mounts [`app::App`] into `#fujin`
/// (or `<body>` when the page has no such element).
pub fn start() {
    panic_screen::install();
    let window = gloo::utils::window();
    let document = gloo::utils::document();
    let root = document.get_element_by_id(ROOT_ID).or_else(|| document.body().map(|b| b.unchecked_into()));
    let query = window.location().search().unwrap_or_default();
    let props = yew::props!(app::AppProps { feed_url: DEMO_FEED_URL, query });
    match root {
        Some(root) => {
            yew::Renderer::<app::App>::with_root_and_props(root, props).render();
        }
        None => gloo::console::error!("fujin: the page has no <body> to mount into"),
    }
}
