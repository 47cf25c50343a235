//! Browser tests of Fujin as a guest on someone else's page: the page
//! address shared with the host and with other widgets, and a feed named
//! in a link that the host does not allow.

#![cfg(target_arch = "wasm32")]

mod support;
use support::*;

use fujin_core::view::UrlState;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const FEED: &str = r#"{"center": {"lat": 22.5, "lon": 114.0}, "merchants": [
  {"id": "a", "name": "面馆", "category": "food", "lat": 22.509, "lon": 114.0,
   "deals": [{"id": "noodles", "title": "牛肉面", "price": 2500, "original_price": 5000, "sold": 10}]},
  {"id": "b", "name": "水疗", "category": "leisure", "lat": 22.518, "lon": 114.0,
   "deals": [{"id": "spa", "title": "足疗", "price": 9900, "original_price": 19800, "sold": 900}]}
]}"#;

const SORT: &str = ".controls label:nth-child(2) select";

fn set_address(url: &str) {
    let history = gloo::utils::window().history().unwrap();
    history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(url)).unwrap();
}

fn search() -> String {
    gloo::utils::window().location().search().unwrap()
}

fn hash() -> String {
    gloo::utils::window().location().hash().unwrap()
}

fn widget(url_state: UrlState, prefix: &str) -> web_sys::Element {
    let mut p = props(&data_url(FEED), "", denied());
    p.url_state = url_state;
    p.url_prefix = prefix.to_owned().into();
    mount(p)
}

#[wasm_bindgen_test]
async fn two_widgets_and_the_host_share_the_query() {
    set_address("?page=2&q=host#top");
    let (a, b) = (widget(UrlState::Query, "a-"), widget(UrlState::Query, "b-"));
    until("a's list", &a, |r| listed(r).len() == 2).await;
    until("b's list", &b, |r| listed(r).len() == 2).await;
    choose(&a, SORT, "price");
    until("a's sort in the query", &a, |_| search().contains("a-sort=price")).await;
    choose(&b, SORT, "sales");
    until("b's sort in the query", &b, |_| search().contains("b-sort=sales")).await;
    let query = search();
    assert!(query.starts_with("?page=2&q=host&"), "the host's own pairs kept first: {query}");
    assert!(query.contains("a-sort=price"), "a's pair survives b's write: {query}");
    assert_eq!(hash(), "#top", "the fragment is the host's");
    assert_eq!(listed(&a), ["noodles", "spa"], "cheapest first in a");
    assert_eq!(listed(&b), ["spa", "noodles"], "best-selling first in b");
}

#[wasm_bindgen_test]
async fn hash_mode_leaves_the_query_alone() {
    set_address("?page=3");
    let w = widget(UrlState::Hash, "fj-");
    until("the list", &w, |r| listed(r).len() == 2).await;
    choose(&w, SORT, "price");
    until("the sort in the fragment", &w, |_| hash().contains("fj-sort=price")).await;
    assert_eq!(search(), "?page=3");
}

#[wasm_bindgen_test]
async fn off_writes_nothing() {
    set_address("?page=4");
    let w = widget(UrlState::Off, "");
    until("the list", &w, |r| listed(r).len() == 2).await;
    choose(&w, SORT, "sales");
    until("the list re-sorted", &w, |r| listed(r) == ["spa", "noodles"]).await;
    assert_eq!(search(), "?page=4");
    assert_eq!(hash(), "");
}

#[wasm_bindgen_test]
async fn a_linked_feed_the_host_does_not_allow_is_ignored_and_said() {
    set_address("?");
    let linked = "lang=en&feed=https%3A%2F%2Fevil.example%2Fdeals.json";
    let root = mount(props(&data_url(FEED), linked, denied()));
    let text = wait_for_text(&root, "does not allow").await;
    assert!(text.contains("https://evil.example"), "names the refused origin: {text}");
    until("the host's own deals", &root, |r| listed(r).len() == 2).await;
}
