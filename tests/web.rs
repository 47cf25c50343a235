//! Browser tests, run in headless Chromium by `wasm-bindgen-test-runner`
//! (see `scripts/test.sh`). They never touch an outside network: feeds come
//! from `data:` URLs or from the test server's own 404.

#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use fujin_core::demo::{DemoOptions, demo_feed};
use fujin_core::{LonLat, SpatialIndex, load_feed};
use fujin_web::app::{App, AppProps};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh element to mount into.
fn mount_point() -> web_sys::Element {
    let document = gloo::utils::document();
    let div = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&div).unwrap();
    div
}

/// Waits (up to about five seconds) until `root`'s text contains `needle`.
async fn wait_for_text(root: &web_sys::Element, needle: &str) -> String {
    for _ in 0..100 {
        let text = root.text_content().unwrap_or_default();
        if text.contains(needle) {
            return text;
        }
        yew::platform::time::sleep(Duration::from_millis(50)).await;
    }
    panic!(
        "never saw {needle:?}; the page says {:?}",
        root.text_content()
    );
}

fn data_url(json: &str) -> String {
    format!(
        "data:application/json;charset=utf-8,{}",
        percent_encode(json)
    )
}

fn percent_encode(s: &str) -> String {
    // encodeURIComponent without pulling js-sys in: percent-encode every
    // byte that is not unreserved.
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[wasm_bindgen_test]
fn the_core_runs_in_the_browser() {
    let doc = demo_feed(&DemoOptions {
        merchants: 1_000,
        max_deals: 1,
        ..DemoOptions::default()
    });
    let loaded = load_feed(serde_json::to_string(&doc).unwrap().as_bytes()).unwrap();
    assert_eq!(loaded.feed.merchants.len(), 1_000);
    let index = SpatialIndex::new(&loaded.feed.positions());
    let hits = index.nearest(LonLat::new(114.0553, 22.5380), 5);
    assert_eq!(hits.len(), 5);
    assert!(hits.windows(2).all(|w| w[0].distance_m <= w[1].distance_m));
}

#[wasm_bindgen_test]
async fn the_app_loads_a_feed_and_counts_it() {
    let root = mount_point();
    let json = r#"{"name": "测试数据", "merchants": [
        {"id": "a", "name": "A", "category": "food", "lat": 22.54, "lon": 114.05,
         "deals": [{"id": "d", "title": "T", "price": 100, "original_price": 200}]},
        {"id": "b", "name": "B", "category": "food", "lat": 99, "lon": 114.05}
    ]}"#;
    let props = AppProps {
        feed_url: data_url(json).into(),
    };
    yew::Renderer::<App>::with_root_and_props(root.clone(), props).render();
    let text = wait_for_text(&root, "家商户").await;
    assert!(text.contains("测试数据"), "{text}");
    assert!(text.contains("1 家商户 · 1 个团购"), "{text}");
    assert!(
        text.contains("1 条记录有误"),
        "the bad record is reported: {text}"
    );
}

#[wasm_bindgen_test]
async fn a_missing_feed_shows_an_error_with_a_retry() {
    let root = mount_point();
    let props = AppProps {
        feed_url: "/no-such-feed.json".into(),
    };
    yew::Renderer::<App>::with_root_and_props(root.clone(), props).render();
    let text = wait_for_text(&root, "无法加载").await;
    assert!(text.contains("404"), "{text}");
    let button = root
        .query_selector("button")
        .unwrap()
        .expect("a retry button");
    assert!(button.text_content().unwrap().contains("重试"));
}

#[wasm_bindgen_test]
async fn hostile_text_is_escaped() {
    let root = mount_point();
    let json = r#"{"name": "<img src=x onerror=alert(1)>", "merchants": []}"#;
    let props = AppProps {
        feed_url: data_url(json).into(),
    };
    yew::Renderer::<App>::with_root_and_props(root.clone(), props).render();
    wait_for_text(&root, "<img src=x").await;
    assert!(
        root.query_selector("img").unwrap().is_none(),
        "the name is text, not markup"
    );
}
