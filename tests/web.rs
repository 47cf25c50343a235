//! Browser tests, run in headless Chromium by `wasm-bindgen-test-runner`
//! (see `scripts/test.sh`). They never touch an outside network: feeds come
//! from `data:` URLs or from the test server's own 404, tiles are off, and
//! the location comes from a fake.

#![cfg(target_arch = "wasm32")]

mod support;
use support::*;

use fujin_core::demo::{DemoOptions, demo_feed};
use fujin_core::feed::load_feed;
use fujin_core::geo::{Crs, LonLat};
use fujin_core::index::SpatialIndex;
use fujin_web::browser::Locator;
use fujin_web::map::Screen;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The feed of most tests: the search starts at its centre (114.0, 22.5).
/// `near` is 1 km north, `mid` 2 km, `far` 2.5 km; `spa` sells the best.
const FEED: &str = r#"{"name": "测试数据", "center": {"lat": 22.5, "lon": 114.0}, "merchants": [
  {"id": "near", "name": "近处面馆", "category": "food", "lat": 22.508993, "lon": 114.0, "rating": 4.1,
   "address": "深圳市福田区测试路1号", "phone": "0755-1234 5678", "opening_hours": "10:00-22:00",
   "deals": [{"id": "noodles", "title": "招牌牛肉面", "price": 2500, "original_price": 5000, "sold": 10,
              "ends_at": "2099-12-31T23:59:59+08:00", "group_size": 3, "rules": ["免预约", "周末通用"]}]},
  {"id": "mid", "name": "中间水疗", "category": "leisure", "lat": 22.517986, "lon": 114.0, "rating": 4.9,
   "deals": [{"id": "spa", "title": "足疗60分钟", "price": 9900, "original_price": 19800, "sold": 900}]},
  {"id": "far", "name": "远处KTV", "category": "entertainment", "lat": 22.522483, "lon": 114.0,
   "deals": [{"id": "ktv", "title": "欢唱3小时", "price": 1500, "original_price": 1600, "sold": 50},
             {"id": "old", "title": "过期套餐", "price": 1000, "original_price": 2000, "ends_at": "2020-01-01T00:00:00+08:00"}]}
]}"#;

#[wasm_bindgen_test]
fn the_core_runs_in_the_browser() {
    let doc = demo_feed(&DemoOptions { merchants: 1_000, max_deals: 1, ..DemoOptions::default() });
    let loaded = load_feed(serde_json::to_string(&doc).unwrap().as_bytes()).unwrap();
    assert_eq!(loaded.feed.merchants.len(), 1_000);
    let index = SpatialIndex::new(&loaded.feed.positions());
    let hits = index.nearest(LonLat::new(114.0553, 22.5380), 5);
    assert_eq!(hits.len(), 5);
    assert!(hits.windows(2).all(|w| w[0].distance_m <= w[1].distance_m));
}

#[wasm_bindgen_test]
async fn denied_location_falls_back_to_the_feed_centre_and_says_so() {
    let root = mount(props(&data_url(FEED), "lang=zh", denied()));
    let text = wait_for_text(&root, "你拒绝了定位权限").await;
    assert!(text.contains("默认地点"), "{text}");
    until("three deals", &root, |r| listed(r).len() == 3).await;
    assert_eq!(listed(&root), ["noodles", "spa", "ktv"], "nearest first from the feed centre");
    // Read again: the banner can show before the list does.
    let text = root.text_content().unwrap_or_default();
    assert!(text.contains("1.0 km"), "distances from the search point: {text}");
}

#[wasm_bindgen_test]
async fn a_found_location_measures_from_the_shopper() {
    // 100 m south of `far`.
    let locator = Locator::fixed(Ok(LonLat::new(114.0, 22.521584)));
    let root = mount(props(&data_url(FEED), "lang=zh", locator));
    wait_for_text(&root, "正在显示你附近的团购").await;
    until("far first", &root, |r| listed(r).first().map(String::as_str) == Some("ktv")).await;
    assert_eq!(listed(&root), ["ktv", "spa", "noodles"]);
}

#[wasm_bindgen_test]
async fn each_sort_orders_the_list() {
    let root = mount(props(&data_url(FEED), "lang=zh", denied()));
    until("the list", &root, |r| listed(r).len() == 3).await;
    for (sort, expected) in [
        ("discount", ["noodles", "spa", "ktv"]),
        ("price", ["ktv", "noodles", "spa"]),
        ("sales", ["spa", "ktv", "noodles"]),
        ("rating", ["spa", "noodles", "ktv"]),
        ("distance", ["noodles", "spa", "ktv"]),
    ] {
        choose(&root, ".controls label:nth-child(2) select", sort);
        until(sort, &root, |r| listed(r) == expected).await;
    }
}

#[wasm_bindgen_test]
async fn filters_narrow_the_list() {
    let root = mount(props(&data_url(FEED), "lang=zh", denied()));
    until("the list", &root, |r| listed(r).len() == 3).await;
    // Category chip: 休闲 (leisure) only, then all again.
    let chips = root.query_selector_all(".chip").unwrap();
    let leisure: web_sys::HtmlElement = (0..chips.length())
        .filter_map(|i| chips.item(i)?.dyn_into::<web_sys::HtmlElement>().ok())
        .find(|c| c.text_content().as_deref() == Some("休闲"))
        .unwrap();
    leisure.click();
    until("leisure only", &root, |r| listed(r) == ["spa"]).await;
    assert_eq!(leisure.get_attribute("aria-pressed").as_deref(), Some("true"));
    element(&root, ".chip").click();
    until("all again", &root, |r| listed(r).len() == 3).await;
    // Radius 1 km leaves the nearest.
    choose(&root, ".controls label:nth-child(1) select", "1");
    until("1 km", &root, |r| listed(r) == ["noodles"]).await;
    choose(&root, ".controls label:nth-child(1) select", "3");
    // Expired deals appear greyed, last, when asked.
    element(&root, ".unavailable input").click();
    until("expired shown", &root, |r| listed(r).len() == 4).await;
    assert_eq!(listed(&root).last().map(String::as_str), Some("old"));
    assert!(element(&root, "[data-deal=old]").class_name().contains("unavailable"));
}

#[wasm_bindgen_test]
async fn a_card_and_a_marker_select_each_other() {
    let root = mount(props(&data_url(FEED), "lang=zh", denied()));
    until("the list", &root, |r| listed(r).len() == 3).await;
    // Click the `near` merchant's marker on the map (the others are off screen at zoom 14).
    tap_near_on_the_map(&element(&root, ".map"));
    until("the noodles card selected", &root, |r| selected_card(r).as_deref() == Some("noodles")).await;
    // And a card opens its deal page, which selects its merchant.
    element(&root, "[data-deal=spa] .deal-open").click();
    until("the spa page", &root, |r| deal_title(r).as_deref() == Some("足疗60分钟")).await;
    element(&root, ".deal-page .back").click();
    until("spa selected", &root, |r| selected_card(r).as_deref() == Some("spa")).await;
    element(&root, "[data-deal=noodles] .deal-open").click();
    until("the noodles page", &root, |r| deal_title(r).as_deref() == Some("招牌牛肉面")).await;
}

/// A tap in the moment after the map changed size, before its resize
/// observer has said so (the bottom sheet growing as the list fills), lands
/// on the marker where the shopper now sees it. This was why
/// `a_card_and_a_marker_select_each_other` once failed on a busy machine.
#[wasm_bindgen_test]
async fn a_tap_right_after_a_resize_lands_where_the_marker_now_is() {
    let root = mount(props(&data_url(FEED), "lang=zh", denied()));
    until("the list", &root, |r| listed(r).len() == 3).await;
    let map = element(&root, ".map");
    let before = map.get_bounding_client_rect().width();
    // Narrower, and tapped at once: no await, so no observer has run.
    root.set_attribute("style", "position:relative;width:600px;height:600px").unwrap();
    let after = map.get_bounding_client_rect().width();
    assert!(after < before - 100.0, "the map got narrower: {before} → {after}");
    tap_near_on_the_map(&map);
    until("the noodles card selected", &root, |r| selected_card(r).as_deref() == Some("noodles")).await;
}

#[wasm_bindgen_test]
async fn the_deal_page_shows_everything() {
    let root = mount(props(&data_url(FEED), "lang=zh&deal=noodles", denied()));
    until("the deal page", &root, |r| deal_title(r).is_some()).await;
    let text = root.text_content().unwrap();
    for expected in [
        "¥25",
        "¥50",
        "5折",
        "已售 10",
        "距结束",
        "3 人成团",
        "免预约",
        "周末通用",
        "深圳市福田区测试路1号",
        "10:00-22:00",
        "1.0 km",
    ] {
        assert!(text.contains(expected), "{expected:?} missing from {text}");
    }
    let tel: web_sys::HtmlAnchorElement = element(&root, "a[href^='tel:']").dyn_into().unwrap();
    assert_eq!(tel.get_attribute("href").as_deref(), Some("tel:0755-12345678"));
    let links = root.query_selector_all(".directions a").unwrap();
    assert_eq!(links.length(), 4);
    for i in 0..links.length() {
        let a: web_sys::Element = links.item(i).unwrap().dyn_into().unwrap();
        assert!(a.get_attribute("href").unwrap().starts_with("https://"));
    }
    // Back closes it and returns to the list.
    element(&root, ".deal-page .back").click();
    until("the list again", &root, |r| listed(r).len() == 3).await;
}

#[wasm_bindgen_test]
async fn a_link_reopens_the_same_view() {
    let root = mount(props(&data_url(FEED), "lang=en&r=1&sort=price&cat=food,leisure&q=%E7%89%9B", denied()));
    until("the filtered list", &root, |r| listed(r) == ["noodles"]).await;
    let text = root.text_content().unwrap();
    assert!(text.contains("Deals nearby"), "English from ?lang=en: {text}");
    let radius: web_sys::HtmlSelectElement =
        element(&root, ".controls label:nth-child(1) select").dyn_into().unwrap();
    assert_eq!(radius.value(), "1");
    let sort: web_sys::HtmlSelectElement =
        element(&root, ".controls label:nth-child(2) select").dyn_into().unwrap();
    assert_eq!(sort.value(), "price");
    let search: web_sys::HtmlInputElement = element(&root, "input.search").dyn_into().unwrap();
    assert_eq!(search.value(), "牛");
}

/// Text a Chinese shopper reads: no English word in it (numbers are fine).
fn assert_no_english(what: &str, text: &str) {
    assert!(!text.chars().any(|c| c.is_ascii_alphabetic()), "English in the Chinese {what}: {text:?}");
}

/// The failure's message and the banner, once the failure shows.
async fn feed_error(root: &web_sys::Element) -> (String, String) {
    until("the feed's error", root, |r| r.query_selector(".feed-error p").unwrap().is_some()).await;
    let said = element(root, ".feed-error p").text_content().unwrap_or_default();
    let banner = element(root, ".status-banner").text_content().unwrap_or_default();
    (said, banner)
}

#[wasm_bindgen_test]
async fn a_missing_feed_shows_an_error_with_a_retry() {
    let root = mount(props("/no-such-feed.json", "lang=zh", denied()));
    let (said, banner) = feed_error(&root).await;
    assert_eq!(said, "无法加载团购数据：找不到团购数据（服务器返回 404），请稍后重试");
    assert_no_english("banner", &banner);
    assert!(!banner.contains("团购"), "no deals are shown, and the banner does not say they are: {banner}");
    let button = element(&root, ".feed-error button");
    assert!(button.text_content().unwrap().contains("重试"));
    // The map still works without a feed.
    assert!(root.query_selector(".map canvas").unwrap().is_some());

    let root = mount(props("/no-such-feed.json", "lang=en", denied()));
    let (said, banner) = feed_error(&root).await;
    assert_eq!(
        said,
        "Could not load the deals: The deals could not be found (the server answered 404); try again later"
    );
    assert!(!banner.contains("Showing deals"), "{banner}");
}

#[wasm_bindgen_test]
async fn a_truncated_feed_says_so_in_the_shoppers_language() {
    let truncated = &FEED[..FEED.len() / 2];
    let root = mount(props(&data_url(truncated), "lang=zh", denied()));
    let (said, _) = feed_error(&root).await;
    assert_no_english("error", &said);
    assert!(said.contains("下载不完整"), "{said}");
    let root = mount(props(&data_url(truncated), "lang=en", denied()));
    let (said, _) = feed_error(&root).await;
    assert!(said.ends_with("The deals data arrived incomplete; please retry"), "{said}");
}

/// A packed feed (`fujin pack`) at the same URL parameter loads like its
/// JSON; a damaged one says so, and the map stays.
#[wasm_bindgen_test]
async fn a_packed_feed_loads_like_its_json() {
    let feed = load_feed(FEED.as_bytes()).unwrap().feed;
    let packed = fujin_core::pack::pack_feed(&feed);
    let root = mount(props(&data_url_of_bytes(&packed), "lang=zh", denied()));
    until("three deals", &root, |r| listed(r).len() == 3).await;
    assert_eq!(listed(&root), ["noodles", "spa", "ktv"], "nearest first from the feed centre");

    let damaged = &packed[..packed.len() - 7];
    let root = mount(props(&data_url_of_bytes(damaged), "lang=zh", denied()));
    let (said, _) = feed_error(&root).await;
    assert_no_english("error", &said);
    assert!(said.contains("已损坏"), "{said}");
    assert!(root.query_selector(".map canvas").unwrap().is_some());
}

#[wasm_bindgen_test]
async fn a_bad_record_is_reported_and_the_rest_load() {
    let json = r#"{"merchants": [
        {"id": "a", "name": "A", "category": "food", "lat": 22.54, "lon": 114.05,
         "deals": [{"id": "d", "title": "T", "price": 100, "original_price": 200}]},
        {"id": "b", "name": "B", "category": "food", "lat": 99, "lon": 114.05}
    ]}"#;
    let root = mount(props(&data_url(json), "lang=zh", denied()));
    wait_for_text(&root, "条记录有误").await;
    let banner = element(&root, ".status-banner").text_content().unwrap_or_default();
    assert!(banner.contains("1 条记录有误，已跳过"), "{banner}");
    assert_no_english("banner", &banner);
    until("the good deal", &root, |r| listed(r) == ["d"]).await;
    let root = mount(props(&data_url(json), "lang=en", denied()));
    let text = wait_for_text(&root, "1 record had errors and was skipped").await;
    assert!(!text.contains("records had"), "{text}");
}

#[wasm_bindgen_test]
async fn hostile_text_is_escaped() {
    let json = r#"{"merchants": [{"id": "x", "name": "<img src=x onerror=alert(1)>", "category": "food",
        "lat": 22.54, "lon": 114.05, "deals": [{"id": "d", "title": "<b>bold</b>", "price": 1, "original_price": 2}]}]}"#;
    let root = mount(props(&data_url(json), "lang=zh", denied()));
    let text = wait_for_text(&root, "<img src=x").await;
    assert!(text.contains("<b>bold</b>"));
    assert!(root.query_selector(".deal-list img, .deal-list b").unwrap().is_none(), "text, not markup");
}

#[wasm_bindgen_test]
async fn the_url_follows_the_view_and_back_closes_a_deal() {
    let window = gloo::utils::window();
    let history = window.history().unwrap();
    history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("?lang=zh")).unwrap();
    let mut p = props(&data_url(FEED), "lang=zh", denied());
    p.url_state = fujin_core::view::UrlState::Query;
    let root = mount(p);
    until("the list", &root, |r| listed(r).len() == 3).await;
    choose(&root, ".controls label:nth-child(2) select", "price");
    until("sort in the URL", &root, |_| window.location().search().unwrap().contains("sort=price")).await;
    element(&root, "[data-deal=spa] .deal-open").click();
    until("deal in the URL", &root, |_| window.location().search().unwrap().contains("deal=spa")).await;
    assert!(root.query_selector(".deal-page").unwrap().is_some());
    history.back().unwrap();
    until("back closes the deal page", &root, |r| r.query_selector(".deal-page").ok().flatten().is_none())
        .await;
    assert!(!window.location().search().unwrap().contains("deal="));
    assert!(window.location().search().unwrap().contains("sort=price"), "the rest of the view stays");
}

/// Fires a pointer event of `kind` at client position (x, y) on `target`.
/// The deal id of the selected card, if any.
fn selected_card(root: &web_sys::Element) -> Option<String> {
    root.query_selector(".deal-card.selected").ok().flatten()?.get_attribute("data-deal")
}

/// The title of the open deal page, if any.
fn deal_title(root: &web_sys::Element) -> Option<String> {
    root.query_selector(".deal-page h2").ok().flatten()?.text_content()
}

/// Taps the `near` merchant's marker, on the map as it is laid out now
/// (centred on the feed's centre at zoom 14, as every test starts).
fn tap_near_on_the_map(map: &web_sys::HtmlElement) {
    let rect = map.get_bounding_client_rect();
    let screen = Screen {
        width: rect.width(),
        height: rect.height(),
        center: LonLat::new(114.0, 22.5),
        zoom: 14.0,
        tile_crs: Crs::Wgs84,
    };
    let (x, y) = screen.to_screen(LonLat::new(114.0, 22.508993));
    for kind in ["pointerdown", "pointerup"] {
        pointer(map, kind, rect.left() + x, rect.top() + y);
    }
}

fn pointer(target: &web_sys::HtmlElement, kind: &str, x: f64, y: f64) {
    let init = web_sys::PointerEventInit::new();
    init.set_bubbles(true);
    init.set_pointer_id(3);
    init.set_client_x(x as i32);
    init.set_client_y(y as i32);
    target.dispatch_event(&web_sys::PointerEvent::new_with_event_init_dict(kind, &init).unwrap()).unwrap();
}

#[wasm_bindgen_test]
async fn dragging_the_map_then_searching_here() {
    let root = mount(props(&data_url(FEED), "lang=zh", denied()));
    until("the list", &root, |r| listed(r).len() == 3).await;
    assert!(root.query_selector(".search-here").unwrap().is_none());
    let map = element(&root, ".map");
    let rect = map.get_bounding_client_rect();
    let (x, y) = (rect.left() + 100.0, rect.top() + 100.0);
    pointer(&map, "pointerdown", x, y);
    for step in 1..=10 {
        pointer(&map, "pointermove", x, y + 15.0 * f64::from(step));
    }
    pointer(&map, "pointerup", x, y + 150.0);
    // 150 px down at zoom 14 moves the map about 1.3 km north.
    until("a search-here button", &root, |r| r.query_selector(".search-here").ok().flatten().is_some()).await;
    element(&root, ".search-here").click();
    wait_for_text(&root, "正在显示地图上选定地点附近的团购").await;
    // Distances are now measured from 1.32 km north of the feed centre.
    let text = wait_for_text(&root, "680 m").await;
    assert!(text.contains("320 m"), "{text}");
}

#[wasm_bindgen_test]
async fn the_wheel_and_buttons_zoom() {
    let root = mount(props(&data_url(FEED), "lang=zh", denied()));
    until("the list", &root, |r| listed(r).len() == 3).await;
    let scale =
        |r: &web_sys::Element| r.query_selector(".scale span").unwrap().unwrap().text_content().unwrap();
    assert_eq!(scale(&root), "500 m");
    let map = element(&root, ".map");
    let init = web_sys::WheelEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_delta_y(-300.0);
    map.dispatch_event(&web_sys::WheelEvent::new_with_event_init_dict("wheel", &init).unwrap()).unwrap();
    until("zoomed in", &root, |r| scale(r) == "200 m").await;
    element(&root, ".map-controls button:last-child").click();
    element(&root, ".map-controls button:last-child").click();
    until("zoomed out twice", &root, |r| scale(r) == "1 km").await;
}

/// Each card is a list item holding one button whose text, read aloud, is
/// the whole card in the shopper's language: title, merchant, price
/// against the original, discount and distance.
#[wasm_bindgen_test]
async fn a_card_is_one_button_that_says_everything() {
    let root = mount(props(&data_url(FEED), "lang=zh", denied()));
    until("the list", &root, |r| listed(r).len() == 3).await;
    let items = root.query_selector_all(".deal-list ul > *").unwrap();
    for i in 0..items.length() {
        let item: web_sys::Element = items.item(i).unwrap().dyn_into().unwrap();
        assert_eq!(item.tag_name(), "LI", "only list items in the list");
        assert!(item.get_attribute("role").is_none());
        assert_eq!(item.query_selector_all("button").unwrap().length(), 1);
    }
    let button = element(&root, "[data-deal=noodles] .deal-open");
    assert_eq!(button.tag_name(), "BUTTON");
    assert!(button.get_attribute("aria-label").is_none(), "the name is the visible text");
    let name = button.text_content().unwrap_or_default();
    for part in ["招牌牛肉面", "近处面馆", "现价¥25", "原价¥50", "5折", "距离1.0 km"] {
        assert!(name.contains(part), "{part:?} missing from the card's name {name:?}");
    }
    // The map says what it shows, and that the list is the keyboard's way.
    let description = element(&root, "#fujin-map-description").text_content().unwrap_or_default();
    assert!(description.starts_with("地图显示附近 3 家商户、3 个团购。"), "{description}");
    assert_eq!(
        element(&root, ".map").get_attribute("aria-describedby").as_deref(),
        Some("fujin-map-description")
    );
}

/// The skip link takes the focus to the first deal; closing a deal page
/// gives it back to the card that opened it.
#[wasm_bindgen_test]
async fn the_focus_goes_where_a_keyboard_user_expects() {
    let root = mount(props(&data_url(FEED), "lang=en", denied()));
    until("the list", &root, |r| listed(r).len() == 3).await;
    let skip = element(&root, ".skip-links button");
    assert_eq!(skip.text_content().as_deref(), Some("Skip to the deals"));
    skip.click();
    let on = |r: &web_sys::Element| {
        focused(r).and_then(|f| f.closest(".deal-card").ok()?)?.get_attribute("data-deal")
    };
    until("the first card focused", &root, |r| on(r).as_deref() == Some("noodles")).await;
    element(&root, "[data-deal=spa] .deal-open").click();
    until("the deal page's back button focused", &root, |r| {
        focused(r).is_some_and(|f| f.class_name().contains("back"))
    })
    .await;
    element(&root, ".deal-page .back").click();
    until("the spa card focused again", &root, |r| on(r).as_deref() == Some("spa")).await;
}

/// Titles and names without a space (common in Chinese, and in hostile
/// feeds) wrap inside the card; the price stays in view.
#[wasm_bindgen_test]
async fn long_unbroken_titles_keep_the_price_in_view() {
    let long = "超长标题没有空格".repeat(12);
    let json = format!(
        r#"{{"merchants": [{{"id": "m", "name": "{}", "category": "food", "lat": 22.54, "lon": 114.05,
            "deals": [{{"id": "d", "title": "{long}", "price": 12345, "original_price": 20000}}]}}]}}"#,
        "W".repeat(100)
    );
    for (width, height) in [(390, 844), (1280, 800)] {
        let root = mount_in(&host_element(width, height), props(&data_url(&json), "lang=zh", denied()));
        until("the card", &root, |r| listed(r) == ["d"]).await;
        let card = element(&root, "[data-deal=d] .deal-open");
        let price = element(&root, "[data-deal=d] .price");
        let (card_box, price_box) = (card.get_bounding_client_rect(), price.get_bounding_client_rect());
        assert!(price_box.width() > 0.0 && price_box.height() > 0.0, "the price is drawn at {width}px");
        assert!(
            price_box.left() >= card_box.left() && price_box.right() <= card_box.right() + 0.5,
            "the price ({:.0}–{:.0}) inside the card ({:.0}–{:.0}) at {width}px",
            price_box.left(),
            price_box.right(),
            card_box.left(),
            card_box.right()
        );
        assert!(card.scroll_width() <= card.client_width() + 1, "nothing overflows the card at {width}px");
        let sheet = element(&root, ".sheet");
        assert!(
            sheet.scroll_width() <= sheet.client_width() + 1,
            "the list does not scroll sideways at {width}px"
        );
    }
}

/// 营业中 / 已打烊 on cards and the deal page, from the merchant's hours in
/// the device's local time, and the filter that keeps only the open ones
/// (hours past midnight included: the ranges here may wrap).
#[wasm_bindgen_test]
async fn open_now_shows_on_cards_and_filters_the_list() {
    let date = js_sys::Date::new_0();
    let now = (date.get_hours() * 60 + date.get_minutes()) as i32;
    let hhmm = |m: i32| {
        let m = m.rem_euclid(24 * 60);
        format!("{:02}:{:02}", m / 60, m % 60)
    };
    let json = format!(
        r#"{{"center": {{"lat": 22.5, "lon": 114.0}}, "merchants": [
          {{"id": "o", "name": "开着", "category": "food", "lat": 22.501, "lon": 114.0, "opening_hours": "{}-{}",
            "deals": [{{"id": "open", "title": "开", "price": 100, "original_price": 200}}]}},
          {{"id": "c", "name": "关着", "category": "food", "lat": 22.502, "lon": 114.0, "opening_hours": "{}-{}",
            "deals": [{{"id": "closed", "title": "关", "price": 100, "original_price": 200}}]}},
          {{"id": "u", "name": "不知道", "category": "food", "lat": 22.503, "lon": 114.0, "opening_hours": "看心情",
            "deals": [{{"id": "unknown", "title": "不", "price": 100, "original_price": 200}}]}}
        ]}}"#,
        hhmm(now - 60),
        hhmm(now + 60),
        hhmm(now + 120),
        hhmm(now + 180)
    );
    let root = mount(props(&data_url(&json), "lang=zh", denied()));
    until("three deals", &root, |r| listed(r).len() == 3).await;
    let badge = |deal: &str| {
        root.query_selector(&format!("[data-deal={deal}] .hours")).unwrap().and_then(|b| b.text_content())
    };
    assert_eq!(badge("open").as_deref(), Some("营业中"));
    assert_eq!(badge("closed").as_deref(), Some("已打烊"));
    assert_eq!(badge("unknown"), None, "hours Fujin cannot read get no badge");
    element(&root, ".open-now input").click();
    until("only the open one", &root, |r| listed(r) == ["open"]).await;
    element(&root, "[data-deal=open] .deal-open").click();
    until("the deal page", &root, |r| deal_title(r).as_deref() == Some("开")).await;
    assert_eq!(element(&root, ".deal-page .hours").text_content().as_deref(), Some("营业中"));
}

/// Beside the map, the category chips wrap and none is cut; on a phone they
/// scroll sideways, and the row says so (a fade at its edge).
#[wasm_bindgen_test]
async fn every_category_chip_can_be_seen() {
    // English names are the longer ones.
    let root = mount_in(&host_element(1280, 800), props(&data_url(FEED), "lang=en", denied()));
    until("the list", &root, |r| listed(r).len() == 3).await;
    let row = element(&root, ".chips").get_bounding_client_rect();
    let chips = root.query_selector_all(".chips .chip").unwrap();
    assert!(chips.length() >= 7, "all and every category");
    for i in 0..chips.length() {
        let chip: web_sys::Element = chips.item(i).unwrap().dyn_into().unwrap();
        let r = chip.get_bounding_client_rect();
        assert!(
            r.right() <= row.right() + 0.5,
            "chip {i} cut at the panel's edge: {} > {}",
            r.right(),
            row.right()
        );
    }
    let root = mount_in(&host_element(390, 844), props(&data_url(FEED), "lang=zh", denied()));
    until("the list", &root, |r| listed(r).len() == 3).await;
    let row = element(&root, ".chips");
    assert!(row.scroll_width() > row.client_width(), "on a phone the row scrolls");
    let mask = computed(&row, "mask-image");
    assert!(mask.contains("gradient"), "and fades at its edge: {mask}");
}

/// On a phone, buying scrolls the bottom sheet; the way back stays in view.
#[wasm_bindgen_test]
async fn the_checkout_keeps_its_way_back_in_view_on_a_phone() {
    // The test feed's noodles, with a way to pay and a long page.
    let feed = FEED.replace(
        r#""rules": ["免预约", "周末通用"]"#,
        r#""rules": ["免预约", "周末通用", "每桌限用一张", "不可与其他优惠同享", "需提前一天预约", "节假日通用"],
           "pay": {"stripe": "https://buy.stripe.com/test_1", "alipay": "https://qr.alipay.com/bax1"}"#,
    );
    let root = mount_in(&host_element(390, 844), props(&data_url(&feed), "lang=zh", denied()));
    until("the list", &root, |r| listed(r).len() == 3).await;
    element(&root, "[data-deal=noodles] .deal-open").click();
    until("the deal page", &root, |r| deal_title(r).as_deref() == Some("招牌牛肉面")).await;
    element(&root, ".checkout .buy").click();
    until("the checkout", &root, |r| r.query_selector(".checkout .providers").unwrap().is_some()).await;
    let sheet = element(&root, ".sheet");
    // However far the sheet has scrolled, down to its end.
    sheet.set_scroll_top(sheet.scroll_height());
    let (sheet_box, back) =
        (sheet.get_bounding_client_rect(), element(&root, ".deal-page > .back").get_bounding_client_rect());
    assert!(
        back.top() >= sheet_box.top() - 0.5 && back.bottom() <= sheet_box.bottom(),
        "← 返回 in view: {} in {}–{}",
        back.top(),
        sheet_box.top(),
        sheet_box.bottom()
    );
}

/// Deal photos: a thumbnail on the card, of a fixed size before it loads;
/// a gallery on the deal page with alt text; a neutral frame where a photo
/// fails (here, a `data:` picture that does not decode: no network).
#[wasm_bindgen_test]
async fn photos_show_on_cards_and_the_deal_page_and_fail_quietly() {
    let good = "data:image/svg+xml,%3Csvg%20xmlns='http://www.w3.org/2000/svg'%20width='8'%20height='8'%3E%3Crect%20width='8'%20height='8'%20fill='red'/%3E%3C/svg%3E";
    let broken = "data:image/png;base64,AAAA";
    let json = format!(
        r#"{{"center": {{"lat": 22.5, "lon": 114.0}}, "merchants": [
          {{"id": "p", "name": "有图", "category": "food", "lat": 22.501, "lon": 114.0,
            "deals": [{{"id": "pic", "title": "有图套餐", "price": 100, "original_price": 200, "images": ["{good}", "{broken}"]}},
                      {{"id": "bad", "title": "坏图", "price": 100, "original_price": 200, "images": ["{broken}"]}},
                      {{"id": "none", "title": "无图", "price": 100, "original_price": 200}}]}}
        ]}}"#
    );
    let root = mount(props(&data_url(&json), "lang=zh", denied()));
    until("three deals", &root, |r| listed(r).len() == 3).await;
    let thumb = |deal: &str| element(&root, &format!("[data-deal={deal}] .thumb"));
    for deal in ["pic", "bad", "none"] {
        let r = thumb(deal).get_bounding_client_rect();
        assert_eq!((r.width(), r.height()), (72.0, 72.0), "{deal}: the same frame, loaded or not");
    }
    let image = |r: &web_sys::Element, selector: &str| -> web_sys::HtmlImageElement {
        r.query_selector(selector).unwrap().unwrap().dyn_into().unwrap()
    };
    until("the good photo drawn", &root, |r| image(r, "[data-deal=pic] .thumb img").natural_width() > 0)
        .await;
    assert_eq!(
        image(&root, "[data-deal=pic] .thumb img").alt(),
        "",
        "decorative: the button's text names the deal"
    );
    until("the broken photo hidden", &root, |r| {
        image(r, "[data-deal=bad] .thumb img").has_attribute("data-failed")
    })
    .await;
    assert!(root.query_selector("[data-deal=none] .thumb img").unwrap().is_none());
    element(&root, "[data-deal=pic] .deal-open").click();
    until("the gallery", &root, |r| r.query_selector_all(".gallery img").unwrap().length() == 2).await;
    assert_eq!(image(&root, ".gallery img").alt(), "有图套餐 (1/2)");
    until("the gallery's broken photo hidden", &root, |r| {
        image(r, ".gallery img:nth-child(2)").has_attribute("data-failed")
    })
    .await;
}

/// Closing My orders gives the focus back to the button that opened it.
#[wasm_bindgen_test]
async fn closing_my_orders_gives_the_focus_back_to_its_button() {
    let root = mount(props(&data_url(FEED), "lang=zh", denied()));
    until("the list", &root, |r| listed(r).len() == 3).await;
    element(&root, ".my-orders").click();
    until("My orders, focused", &root, |r| {
        r.query_selector(".order-list").unwrap().is_some()
            && focused(r).is_some_and(|f| f.class_name().contains("back"))
    })
    .await;
    element(&root, ".order-list .back").click();
    until("the button focused", &root, |r| focused(r).is_some_and(|f| f.class_name().contains("my-orders")))
        .await;
}
