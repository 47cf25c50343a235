//! What the browser tests share: mounting the app with fakes, waiting for
//! the page, finding and working its controls, feeds as `data:` URLs.

#![allow(dead_code)]

use std::time::Duration;

use fujin_web::app::AppProps;
use fujin_web::browser::Device;
use fujin_web::browser::{LocationError, Locator};
use fujin_web::map::TileSource;
use fujin_web::orders::OrderStore;
use fujin_web::orders::Verifier;
use wasm_bindgen::JsCast;

/// Props for a test: no tiles, no URL sync, orders kept in memory, a
/// desktop, and merchants that never answer (no network, ever).
pub fn props(feed_url: &str, query: &str, locator: Locator) -> AppProps {
    yew::props!(AppProps {
        feed_url: feed_url.to_owned(),
        query: query.to_owned(),
        locator,
        tiles: TileSource::none(),
        url_state: fujin_core::view::UrlState::Off,
        store: OrderStore::memory(),
        device: Device::default(),
        verifier: Verifier::new(|_, _| Box::pin(async { None })),
    })
}

pub fn denied() -> Locator {
    Locator::fixed(Err(LocationError::Denied))
}

/// A fresh host element of `width` × `height` CSS pixels at the end of the page.
pub fn host_element(width: u32, height: u32) -> web_sys::Element {
    let document = gloo::utils::document();
    let host = document.create_element("div").unwrap();
    host.set_attribute("style", &format!("width:{width}px;height:{height}px")).unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    host
}

/// Mounts the app as a host page would (in the shadow root of `host`, with
/// the widget's own stylesheet); returns the element it renders into,
/// inside that shadow root.
pub fn mount_in(host: &web_sys::Element, props: AppProps) -> web_sys::Element {
    fujin_web::embed::mount_in_shadow(host, props).unwrap().container().clone()
}

/// Mounts the app in a fresh 800×600 host element (see [`mount_in`]).
pub fn mount(props: AppProps) -> web_sys::Element {
    mount_in(&host_element(800, 600), props)
}

/// The focused element inside the widget that `root` belongs to.
pub fn focused(root: &web_sys::Element) -> Option<web_sys::Element> {
    root.get_root_node().dyn_into::<web_sys::ShadowRoot>().ok()?.active_element()
}

/// Waits (up to about five seconds) until `check` holds.
pub async fn until(what: &str, root: &web_sys::Element, check: impl Fn(&web_sys::Element) -> bool) {
    for _ in 0..100 {
        if check(root) {
            return;
        }
        yew::platform::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("never saw {what}; the page says {:?}", root.text_content());
}

pub async fn wait_for_text(root: &web_sys::Element, needle: &str) -> String {
    until(needle, root, |r| r.text_content().unwrap_or_default().contains(needle)).await;
    root.text_content().unwrap_or_default()
}

/// The deal ids of the list, in order.
pub fn listed(root: &web_sys::Element) -> Vec<String> {
    let cards = root.query_selector_all(".deal-card").unwrap();
    (0..cards.length())
        .filter_map(|i| cards.item(i)?.dyn_into::<web_sys::Element>().ok()?.get_attribute("data-deal"))
        .collect()
}

pub fn element(root: &web_sys::Element, selector: &str) -> web_sys::HtmlElement {
    root.query_selector(selector).unwrap().unwrap_or_else(|| panic!("no {selector}")).dyn_into().unwrap()
}

/// Sets a `<select>` and fires `change`, as a shopper's pick would.
pub fn choose(root: &web_sys::Element, selector: &str, value: &str) {
    let select: web_sys::HtmlSelectElement = element(root, selector).dyn_into().unwrap();
    select.set_value(value);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    select.dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &init).unwrap()).unwrap();
}

/// Any bytes (a packed feed) as a `data:` URL.
pub fn data_url_of_bytes(bytes: &[u8]) -> String {
    let encoded: String = bytes.iter().map(|b| format!("%{b:02X}")).collect();
    format!("data:application/octet-stream,{encoded}")
}

pub fn data_url(json: &str) -> String {
    let encoded: String = json
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect();
    format!("data:application/json;charset=utf-8,{encoded}")
}

/// A computed style property of `el`.
pub fn computed(el: &web_sys::Element, property: &str) -> String {
    let style = gloo::utils::window().get_computed_style(el).unwrap().unwrap();
    style.get_property_value(property).unwrap()
}
