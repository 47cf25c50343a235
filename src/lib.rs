//! # fujin-web
//!
//! The browser layer of Fujin (附近): a Yew app on top of [`fujin_core`].
//! State changes only through [`state::Action`]s and the reducer; components
//! only render state and send actions; hooks connect the state to the
//! browser; everything that can be computed without a DOM lives in the core,
//! in the reducer or in the map's `screen` and `clusters`.
//!
//! | part | what it holds |
//! |---|---|
//! | [`app`] | the root component: state, hooks, layout |
//! | [`state`] | the app's state, its `Action`s and the reducer |
//! | [`components`] | the panels, lists and pages |
//! | [`map`] | the slippy map: pixels, clusters, drawing, gestures |
//! | [`orders`] | the order book, placing orders, their storage, verification |
//! | [`hooks`] | feed loading, locating, clock, URL sync, order effects |
//! | [`browser`] | adapters to browser APIs (clock, device, location, network, URL, panic screen) |
//! | [`i18n`] | the widget's words in Chinese and English |

pub mod app;
pub mod browser;
pub mod components;
pub mod hooks;
pub mod i18n;
pub mod map;
pub mod orders;
pub mod shared;
pub mod state;

use fujin_core::view::{SAME_ORIGIN, UrlState};
use wasm_bindgen::JsCast;

/// The id of the element the app mounts into (see `index.html`).
pub const ROOT_ID: &str = "fujin";

/// The feed the app shows when the page names none: the generated Shenzhen
/// demo feed that Trunk copies next to the page.
pub const DEMO_FEED_URL: &str = "demo-feed.json";

/// Installs the panic screen and mounts [`app::App`] into `#fujin`
/// (or `<body>` when the page has no such element).
pub fn start() {
    browser::install_panic_screen();
    let document = gloo::utils::document();
    let root = document.get_element_by_id(ROOT_ID).or_else(|| document.body().map(|b| b.unchecked_into()));
    // The standalone page owns its address: its keys are unprefixed (links
    // made before stay valid) and a linked feed from its own origin loads.
    let query = browser::url_sync::read_pairs(UrlState::Query, "");
    let props = yew::props!(app::AppProps {
        feed_url: DEMO_FEED_URL,
        feed_origins: vec![SAME_ORIGIN.to_owned()],
        query,
        url_state: UrlState::Query,
    });
    match root {
        Some(root) => {
            yew::Renderer::<app::App>::with_root_and_props(root, props).render();
        }
        None => gloo::console::error!("fujin: the page has no <body> to mount into"),
    }
}
