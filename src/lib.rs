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
//! | [`embed`] | mounting into any element's shadow root, the panic screen |
//! | [`browser`] | adapters to browser APIs (clock, device, location, network, URL) |
//! | [`i18n`] | the widget's words in Chinese and English |

pub mod app;
pub mod browser;
pub mod components;
pub mod embed;
pub mod hooks;
pub mod i18n;
pub mod map;
pub mod orders;
pub mod shared;
pub mod state;

use fujin_core::view::{SAME_ORIGIN, UrlState};

/// The id of the element the standalone page mounts the widget into (see
/// `index.html`).
pub const ROOT_ID: &str = "fujin";

/// The feed the app shows when the page names none: the generated Shenzhen
/// demo feed that Trunk copies next to the page.
pub const DEMO_FEED_URL: &str = "demo-feed.json";

/// The entry point of the bundle's own start: installs the panic screen
/// and, on the standalone page (an element with `data-fujin-app`, see
/// `index.html`), mounts the widget into it as any host would. On any other
/// page it does nothing more: hosts mount widgets themselves (the
/// `<fujin-deals>` element, `Fujin.mount`), and nothing else on the page is
/// touched.
pub fn start() {
    embed::install_panic_screen();
    let document = gloo::utils::document();
    let Some(root) = document.query_selector(&format!("#{ROOT_ID}[data-fujin-app]")).ok().flatten() else {
        return;
    };
    // The standalone page owns its address: its keys are unprefixed (links
    // made before stay valid) and a linked feed from its own origin loads.
    let query = browser::url_sync::read_pairs(UrlState::Query, "");
    let props = yew::props!(app::AppProps {
        feed_url: DEMO_FEED_URL,
        feed_origins: vec![SAME_ORIGIN.to_owned()],
        query,
        url_state: UrlState::Query,
    });
    if let Err(e) = embed::mount_in_shadow(&root, props) {
        gloo::console::error!(e.to_string());
    }
}
