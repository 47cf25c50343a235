//! The panic screen on a page with two widgets. In a file of its own: the
//! screen replaces every widget mounted in the page, which other tests'
//! widgets must not share.

#![cfg(target_arch = "wasm32")]

mod support;
use support::*;

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const FEED: &str = r#"{"center": {"lat": 22.5, "lon": 114.0}, "merchants": [
  {"id": "a", "name": "面馆", "category": "food", "lat": 22.509, "lon": 114.0,
   "deals": [{"id": "noodles", "title": "牛肉面", "price": 2500, "original_price": 5000}]}
]}"#;

#[wasm_bindgen_test]
async fn the_panic_screen_fills_each_widgets_box_and_nothing_else() {
    let document = gloo::utils::document();
    let bystander = document.create_element("p").unwrap();
    bystander.set_text_content(Some("the host's own paragraph"));
    document.body().unwrap().append_child(&bystander).unwrap();
    let (a, b) = (
        mount(props(&data_url(FEED), "lang=zh", denied())),
        mount(props(&data_url(FEED), "lang=en", denied())),
    );
    until("a's list", &a, |r| listed(r).len() == 1).await;
    until("b's list", &b, |r| listed(r).len() == 1).await;
    fujin_web::embed::show_panic_screen();
    for root in [&a, &b] {
        assert!(
            root.query_selector(".fujin-panic[role=alert]").unwrap().is_some(),
            "the error screen, in the box"
        );
        assert!(root.query_selector(".deal-list").unwrap().is_none(), "instead of the widget");
    }
    // In each widget's own language, with a way forward.
    let said = |root: &web_sys::Element| root.text_content().unwrap_or_default();
    assert_eq!(said(&a), "出错了，请刷新页面重试。刷新");
    assert_eq!(said(&b), "Something went wrong. Please reload the page.Reload");
    assert_eq!(bystander.text_content().as_deref(), Some("the host's own paragraph"));
    assert!(bystander.is_connected(), "the rest of the page untouched");
    bystander.remove();
}
