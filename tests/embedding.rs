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

#[wasm_bindgen_test]
async fn hostile_host_css_does_not_reach_in_and_ours_does_not_leak_out() {
    let document = gloo::utils::document();
    let hostile = document.create_element("style").unwrap();
    hostile.set_text_content(Some(
        "* { box-sizing: content-box; font-size: 30px; color: rgb(1, 2, 3) } div { display: inline } \
         button { all: unset } canvas { display: none } .top-bar { background: rgb(4, 5, 6) }",
    ));
    document.head().unwrap().append_child(&hostile).unwrap();
    // A host element that happens to share a class name with the widget's.
    let host_bar = document.create_element("div").unwrap();
    host_bar.set_class_name("top-bar");
    document.body().unwrap().append_child(&host_bar).unwrap();

    let root = mount(props(&data_url(FEED), "", denied()));
    until("the list", &root, |r| listed(r).len() == 2).await;
    let inside = |selector: &str| root.query_selector(selector).unwrap().unwrap();
    assert_eq!(
        computed(&inside(".status-banner"), "display"),
        "block",
        "div {{ display: inline }} stays out"
    );
    assert_eq!(computed(&inside(".deal-title"), "font-size"), "16px", "the host's font size stays out");
    assert_ne!(computed(&inside(".deal-title"), "color"), "rgb(1, 2, 3)", "and its colour");
    assert_eq!(computed(&inside(".chip"), "border-top-style"), "solid", "button {{ all: unset }} stays out");
    assert_eq!(computed(&inside(".chip"), "box-sizing"), "border-box");
    assert_eq!(computed(&inside(".chip"), "padding-left"), "12px", "the host's root font size stays out");
    assert_ne!(computed(&inside("canvas"), "display"), "none");
    assert_eq!(computed(&host_bar, "background-color"), "rgb(4, 5, 6)", "our .top-bar rule stays in");
    hostile.remove();
    host_bar.remove();
}

#[wasm_bindgen_test]
async fn the_layout_follows_the_widgets_width_not_the_windows() {
    let sized = |width: u32| mount_in(&host_element(width, 600), props(&data_url(FEED), "", denied()));
    let (wide, narrow) = (sized(1000), sized(400));
    until("the wide list", &wide, |r| listed(r).len() == 2).await;
    until("the narrow list", &narrow, |r| listed(r).len() == 2).await;
    let body = |root: &web_sys::Element| root.query_selector(".body").unwrap().unwrap();
    // Wide: the list left of the map, and first in the page, so that the
    // keyboard's order is what the eye sees (the widget measures itself).
    until("the wide order", &wide, |r| body(r).class_name().split_whitespace().any(|c| c == "wide")).await;
    assert_eq!(computed(&body(&wide), "flex-direction"), "row", "the list beside the map");
    let first = |root: &web_sys::Element| body(root).first_element_child().unwrap().tag_name();
    assert_eq!(first(&wide), "ASIDE", "the list first");
    let left =
        |root: &web_sys::Element, selector: &str| element(root, selector).get_bounding_client_rect().left();
    assert!(left(&wide, ".sheet") < left(&wide, ".map-pane"));
    assert_eq!(computed(&body(&narrow), "flex-direction"), "column", "the list as a bottom sheet");
    assert_eq!(first(&narrow), "DIV", "under the map, after it in the page");
}

/// A JS object of string options.
fn options(pairs: &[(&str, &str)]) -> wasm_bindgen::JsValue {
    let object = js_sys::Object::new();
    for (key, value) in pairs {
        js_sys::Reflect::set(&object, &(*key).into(), &(*value).into()).unwrap();
    }
    object.into()
}

const OTHER_FEED: &str = r#"{"merchants": [
  {"id": "c", "name": "书店", "category": "shopping", "lat": 22.5, "lon": 114.0,
   "deals": [{"id": "books", "title": "满100减20", "price": 8000, "original_price": 10000}]}
]}"#;

#[wasm_bindgen_test]
async fn the_js_api_mounts_steers_and_destroys_a_widget() {
    set_address("?");
    let host = host_element(800, 600);
    let feed = data_url(FEED);
    let opts = options(&[
        ("feed", &feed),
        ("lang", "en"),
        ("tiles", "none"),
        ("locate", "off"),
        ("center", "22.5,114.0"),
        ("radius", "5000"),
        ("sort", "sales"),
        ("colour", "red"),
    ]);
    let mut widget = fujin_web::embed::mount_js(host.clone(), opts).unwrap();
    let shadow = host.shadow_root().unwrap();
    let root = shadow.query_selector(".fujin-root").unwrap().unwrap();
    until("the list, best-selling first", &root, |r| listed(r) == ["spa", "noodles"]).await;
    assert!(root.query_selector(".top-bar .locate").unwrap().is_none(), "locate=off: no button");
    let radius: web_sys::HtmlSelectElement =
        wasm_bindgen::JsCast::unchecked_into(root.query_selector(".controls select").unwrap().unwrap());
    assert_eq!(radius.value(), "5", "radius=5000 metres");

    widget.open_deal("spa".into());
    until("the deal page", &root, |r| r.query_selector(".deal-page").ok().flatten().is_some()).await;
    widget.search(22.52, 114.0);
    until("a search at the point", &root, |r| {
        r.text_content().unwrap_or_default().contains("point you picked")
    })
    .await;
    widget.set_feed(data_url(OTHER_FEED));
    until("the open deal gone with the old feed", &root, |r| {
        r.text_content().unwrap_or_default().contains("could not be found")
    })
    .await;
    element(&root, ".deal-page .back").click();
    until("the other feed's deals", &root, |r| listed(r) == ["books"]).await;

    widget.destroy();
    assert_eq!(shadow.child_element_count(), 0, "nothing left in the shadow root");
    widget.open_deal("spa".into()); // a no-op on a destroyed widget, not an error
    widget.destroy();
    host.remove();
}

#[wasm_bindgen_test]
async fn a_host_themes_the_widget_with_custom_properties_and_parts() {
    let document = gloo::utils::document();
    let theme = document.create_element("style").unwrap();
    theme.set_text_content(Some(
        ".themed { --fujin-accent: rgb(0, 128, 96); --fujin-radius: 3px } \
         .themed::part(list) { background-color: rgb(250, 240, 230) }",
    ));
    document.head().unwrap().append_child(&theme).unwrap();
    let host = host_element(800, 600);
    host.set_class_name("themed");
    let root = mount_in(&host, props(&data_url(FEED), "", denied()));
    until("the list", &root, |r| listed(r).len() == 2).await;
    let inside = |selector: &str| root.query_selector(selector).unwrap().unwrap();
    assert_eq!(computed(&inside(".top-bar"), "background-color"), "rgb(0, 128, 96)");
    assert_eq!(computed(&inside(".deal-card"), "border-top-left-radius"), "3px");
    assert_eq!(computed(&inside(".sheet"), "background-color"), "rgb(250, 240, 230)");
    theme.remove();
    host.remove();
}

const BUY_FEED: &str = r#"{"center": {"lat": 22.5, "lon": 114.0}, "merchants": [
  {"id": "a", "name": "面馆", "category": "food", "lat": 22.509, "lon": 114.0,
   "deals": [{"id": "noodles", "title": "牛肉面", "price": 2500, "original_price": 5000,
              "pay": {"stripe": "https://buy.stripe.com/test_1"}}]},
  {"id": "b", "name": "破记录"}
]}"#;

#[wasm_bindgen_test]
async fn the_host_hears_every_event_of_a_journey_and_can_take_over_the_handoff() {
    use std::cell::RefCell;
    use std::rc::Rc;
    set_address("?");
    let host = host_element(800, 600);
    // The host listens on its element; events bubble out of the shadow root.
    let heard: Rc<RefCell<Vec<(String, String)>>> = Rc::default();
    let names = [
        "fujin-ready",
        "fujin-error",
        "fujin-select",
        "fujin-deal-open",
        "fujin-order-created",
        "fujin-handoff",
        "fujin-order-status",
    ];
    let _listeners: Vec<_> = names
        .iter()
        .map(|&name| {
            let heard = heard.clone();
            gloo::events::EventListener::new(&host, name, move |event| {
                let event: &web_sys::CustomEvent = wasm_bindgen::JsCast::unchecked_ref(event);
                let detail = js_sys::JSON::stringify(&event.detail()).unwrap().as_string().unwrap();
                if event.type_() == "fujin-handoff" {
                    event.prevent_default(); // the host pays its own way: no navigation
                }
                heard.borrow_mut().push((event.type_(), detail));
            })
        })
        .collect();
    let said = |name: &str| {
        heard.borrow().iter().filter(|(n, _)| n == name).map(|(_, d)| d.clone()).collect::<Vec<_>>()
    };

    let root = mount_in(&host, props(&data_url(BUY_FEED), "lang=en", denied()));
    until("the list", &root, |r| listed(r) == ["noodles"]).await;
    assert_eq!(said("fujin-ready"), [r#"{"version":1,"merchants":1,"deals":1,"rejected":1}"#]);

    element(&root, "[data-deal=noodles] .deal-open").click();
    until("the deal page", &root, |r| r.query_selector(".checkout .buy").ok().flatten().is_some()).await;
    assert_eq!(said("fujin-select"), [r#"{"version":1,"merchantId":"a"}"#]);
    assert_eq!(said("fujin-deal-open"), [r#"{"version":1,"dealId":"noodles","merchantId":"a"}"#]);

    element(&root, ".checkout .buy").click();
    until("the payment choices", &root, |r| r.query_selector(".provider.stripe").ok().flatten().is_some())
        .await;
    element(&root, ".provider.stripe").click();
    until("the hand-off", &root, |r| r.query_selector(".pay-open").ok().flatten().is_some()).await;
    let created = said("fujin-order-created");
    assert_eq!(created.len(), 1);
    let created: serde_json::Value = serde_json::from_str(&created[0]).unwrap();
    let order_id = created["orderId"].as_str().unwrap().to_owned();
    assert_eq!(created["dealId"], "noodles");
    assert_eq!((created["quantity"].as_u64(), created["totalFen"].as_u64()), (Some(1), Some(2500)));
    assert_eq!(created["provider"], "stripe");
    assert!(
        created.get("voucher").is_none() && !said("fujin-order-created")[0].contains("code"),
        "nothing private"
    );

    let before = gloo::utils::window().location().href().unwrap();
    element(&root, ".pay-open").click();
    assert_eq!(
        said("fujin-handoff"),
        [format!(r#"{{"version":1,"orderId":"{order_id}","provider":"stripe","mode":"open"}}"#)]
    );
    assert_eq!(gloo::utils::window().location().href().unwrap(), before, "the host took over: no navigation");

    element(&root, ".paid").click();
    until("the status event", &root, |_| !said("fujin-order-status").is_empty()).await;
    assert_eq!(
        said("fujin-order-status"),
        [format!(r#"{{"version":1,"orderId":"{order_id}","from":"pending","to":"awaiting_confirmation"}}"#)]
    );
    assert!(said("fujin-error").is_empty());
    host.remove();
}

/// A 1×1 transparent GIF: tiles that load without a network.
const BLANK_TILE: &str =
    "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7#{z}/{x}/{y}";

#[wasm_bindgen_test]
async fn tiles_and_the_scale_bar_are_placed_without_style_attributes() {
    let mut p = props(&data_url(FEED), "", denied());
    p.tiles = fujin_web::map::TileSource {
        template: BLANK_TILE.into(),
        crs: fujin_core::geo::Crs::Wgs84,
        attribution: "test".into(),
    };
    let root = mount(p);
    until("tiles", &root, |r| r.query_selector(".tiles img").ok().flatten().is_some()).await;
    let html: web_sys::HtmlElement =
        wasm_bindgen::JsCast::unchecked_into(root.query_selector(".tiles img").unwrap().unwrap());
    until("a placed tile", &root, |_| !html.style().get_property_value("left").unwrap().is_empty()).await;
    let images = root.query_selector_all(".tiles img").unwrap();
    for i in 0..images.length() {
        let img: web_sys::Element = wasm_bindgen::JsCast::unchecked_into(images.item(i).unwrap());
        assert_eq!(computed(&img, "width"), "256px", "a tile's side at zoom 14");
    }
    let bar = root.query_selector(".scale span").unwrap().unwrap();
    until("the scale bar's length", &root, |_| computed(&bar, "width") != "auto").await;
}

#[wasm_bindgen_test]
async fn two_widgets_share_the_orders_without_doubling_or_clobbering_them() {
    let store = fujin_web::orders::OrderStore::memory();
    let widget = |store: &fujin_web::orders::OrderStore| {
        let mut p = props(&data_url(BUY_FEED), "lang=en", denied());
        p.store = store.clone();
        mount(p)
    };
    let (a, b) = (widget(&store), widget(&store));
    until("a's list", &a, |r| listed(r) == ["noodles"]).await;
    until("b's list", &b, |r| listed(r) == ["noodles"]).await;
    let badge = |r: &web_sys::Element| {
        r.query_selector(".my-orders .badge").ok().flatten().and_then(|e| e.text_content())
    };
    assert_eq!(badge(&b), None);

    // A buys: B hears of the order.
    element(&a, "[data-deal=noodles] .deal-open").click();
    until("a's buy button", &a, |r| r.query_selector(".checkout .buy").ok().flatten().is_some()).await;
    element(&a, ".checkout .buy").click();
    until("a's payment choices", &a, |r| r.query_selector(".provider.stripe").ok().flatten().is_some()).await;
    element(&a, ".provider.stripe").click();
    until("b's badge", &b, |r| badge(r).as_deref() == Some("1")).await;

    // B marks it used; A follows, and nothing is doubled.
    element(&b, ".my-orders").click();
    until("b's order list", &b, |r| r.query_selector(".order-row").ok().flatten().is_some()).await;
    element(&b, ".order-row").click();
    until("b's order page", &b, |r| r.query_selector(".mark-used").ok().flatten().is_some()).await;
    element(&b, ".mark-used").click();
    let stored = |store: &fujin_web::orders::OrderStore| store.load().0.orders;
    until("used, in storage", &b, |_| {
        stored(&store).first().map(|o| o.status) == Some(fujin_core::commerce::OrderStatus::Redeemed)
    })
    .await;
    element(&a, ".my-orders").click();
    until("a's order list with the new status", &a, |r| {
        r.query_selector(".order-row .order-status.redeemed").ok().flatten().is_some()
    })
    .await;
    assert_eq!(a.query_selector_all(".order-row").unwrap().length(), 1, "one order, not two");
    assert_eq!(stored(&store).len(), 1);
}

/// Counts the page's live intervals and `window` listeners by wrapping
/// `setInterval`/`clearInterval` and `addEventListener`/`removeEventListener`
/// (once); returns (intervals, listeners) now.
fn live_timers_and_listeners() -> (u32, i32) {
    let install = js_sys::Function::new_no_args(
        "const w = window;
         if (!w.__fujinTrack) {
           const t = (w.__fujinTrack = { intervals: new Set(), listeners: 0 });
           const si = w.setInterval.bind(w), ci = w.clearInterval.bind(w);
           w.setInterval = (...a) => { const id = si(...a); t.intervals.add(id); return id; };
           w.clearInterval = (id) => { t.intervals.delete(id); ci(id); };
           const ae = w.addEventListener.bind(w), re = w.removeEventListener.bind(w);
           w.addEventListener = (...a) => { t.listeners += 1; ae(...a); };
           w.removeEventListener = (...a) => { t.listeners -= 1; re(...a); };
         }
         return [w.__fujinTrack.intervals.size, w.__fujinTrack.listeners];",
    );
    let counts: js_sys::Array =
        wasm_bindgen::JsCast::unchecked_into(install.call0(&wasm_bindgen::JsValue::NULL).unwrap());
    (counts.get(0).as_f64().unwrap() as u32, counts.get(1).as_f64().unwrap() as i32)
}

#[wasm_bindgen_test]
async fn destroy_leaves_no_timer_or_listener_running() {
    set_address("?");
    let before = live_timers_and_listeners();
    let host = host_element(800, 600);
    let feed = data_url(FEED);
    let opts = options(&[("feed", &feed), ("url-state", "query"), ("locate", "off"), ("tiles", "none")]);
    let mut widget = fujin_web::embed::mount_js(host.clone(), opts).unwrap();
    let root = host.shadow_root().unwrap().query_selector(".fujin-root").unwrap().unwrap();
    until("the list", &root, |r| listed(r).len() == 2).await;
    let running = live_timers_and_listeners();
    assert!(running.0 > before.0, "the clock runs while mounted: {running:?} vs {before:?}");
    assert!(running.1 > before.1, "the widget listens to the window (address, storage): {running:?}");
    widget.destroy();
    // Yew runs the clean-ups from its scheduler: wait for them, not for time.
    for _ in 0..100 {
        if live_timers_and_listeners() == before {
            break;
        }
        yew::platform::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(live_timers_and_listeners(), before, "nothing of the widget is left running");
    host.remove();
}
