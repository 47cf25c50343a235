//! Browser tests of the O2O loop: buy, hand off, come back, voucher, reload,
//! mark used; and the faults around it (no storage, corrupted storage,
//! hostile feeds). Orders are kept in an in-memory store shared between
//! mounts, the way localStorage is shared between page loads.

#![cfg(target_arch = "wasm32")]

mod support;
use support::*;

use fujin_core::commerce::{ORDER_KEY_PREFIX, decode_order, encode_order};
use fujin_core::commerce::{Order, OrderRandomness, OrderStatus, Verdict};
use fujin_core::feed::load_feed;
use fujin_core::model::{PayProvider, check_pay_link};
use fujin_web::browser::Device;
use fujin_web::orders::OrderStore;
use fujin_web::orders::Verifier;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// One deal with three ways to pay; two left in stock, so at most two per order.
const SHOP: &str = r#"{"center": {"lat": 22.5, "lon": 114.0}, "checkout_hosts": ["pay.example.com"],
  "order_params": {"order_id": "order", "return_url": "return", "referral": "ref"},
  "merchants": [
  {"id": "near", "name": "近处面馆", "category": "food", "lat": 22.501, "lon": 114.0,
   "address": "深圳市福田区测试路1号",
   "deals": [{"id": "noodles", "title": "招牌牛肉面", "price": 2500, "original_price": 5000, "stock": 2,
              "group_size": 3, "rules": ["免预约"], "valid_days": 30,
              "pay": {"stripe": "https://buy.stripe.com/test_1", "wechat": "weixin://wxpay/bizpayurl?pr=AbC",
                      "checkout": "https://pay.example.com/c?deal=noodles"}}]}
]}"#;

fn shop_props(query: &str, store: &OrderStore, device: Device) -> fujin_web::app::AppProps {
    let mut p = props(&data_url(SHOP), query, denied());
    p.store = store.clone();
    p.device = device;
    p
}

fn stored(store: &OrderStore) -> Vec<Order> {
    let OrderStore::Memory(map) = store else { panic!("a memory store") };
    map.borrow().iter().filter_map(|(k, v)| decode_order(k, v).ok()).collect()
}

/// The stored orders once `check` holds of them: storage is written by an
/// effect after the render that shows the change.
async fn stored_when(
    root: &web_sys::Element,
    store: &OrderStore,
    what: &str,
    check: impl Fn(&[Order]) -> bool,
) -> Vec<Order> {
    until(what, root, |_| check(&stored(store))).await;
    stored(store)
}

fn attr(root: &web_sys::Element, selector: &str, name: &str) -> String {
    element(root, selector).get_attribute(name).unwrap_or_default()
}

/// Presses "Buy", then the button of `provider` (its CSS class), and waits
/// for the hand-off (`.pay-open` or `.qr` inside the checkout).
async fn buy_with(root: &web_sys::Element, provider: &str) {
    until("the buy button", root, |r| has(r, ".checkout .buy")).await;
    element(root, ".checkout .buy").click();
    let button = format!(".provider.{provider}");
    until("the payment choices", root, |r| has(r, &button)).await;
    element(root, &button).click();
    until("the hand-off", root, |r| has(r, ".pay-open") || has(r, ".checkout .qr")).await;
}

/// Presses "More" `times` times, letting the page redraw between presses as a finger would.
async fn more(root: &web_sys::Element, times: usize) {
    for _ in 0..times {
        element(root, ".quantity button[aria-label=More]").click();
        yew::platform::time::sleep(std::time::Duration::ZERO).await;
    }
}

fn has(root: &web_sys::Element, selector: &str) -> bool {
    root.query_selector(selector).ok().flatten().is_some()
}

#[wasm_bindgen_test]
async fn buy_with_stripe_come_back_see_the_voucher_reload_and_mark_it_used() {
    let store = OrderStore::memory();
    let root = mount(shop_props("deal=noodles&lang=en&ref=reseller_7", &store, Device::default()));
    until("the buy button", &root, |r| has(r, ".checkout .buy")).await;
    assert!(root.text_content().unwrap().contains("refunded"), "the group-buy rule is said");
    element(&root, ".checkout .buy").click();
    until("the quantity", &root, |r| has(r, ".quantity")).await;
    more(&root, 3).await;
    until("two, the stock", &root, |r| element(r, ".qty").text_content().as_deref() == Some("2")).await;
    assert!(element(&root, ".checkout .total").text_content().unwrap().contains("¥50"));
    element(&root, ".provider.stripe").click();
    until("the hand-off", &root, |r| has(r, ".pay-open")).await;

    // The order is kept before the shopper leaves, and the link carries its id.
    let orders = stored_when(&root, &store, "the order kept", |o| !o.is_empty()).await;
    assert_eq!(orders.len(), 1);
    let order = orders[0].clone();
    assert_eq!((order.quantity, order.total.0, order.status), (2, 5_000, OrderStatus::Pending));
    assert_eq!(order.referral.as_ref().map(|r| r.as_str()), Some("reseller_7"));
    let href = attr(&root, ".pay-open", "href");
    assert_eq!(href, format!("https://buy.stripe.com/test_1?client_reference_id={}", order.id));
    assert!(check_pay_link(PayProvider::Stripe, &href, &[]).is_ok());

    // Back from Stripe: the page was left, and a new one loads on the return URL.
    root.remove();
    let back = mount(shop_props(&format!("lang=en&order={}", order.id), &store, Device::default()));
    until("the voucher", &back, |r| has(r, ".voucher")).await;
    let focus_in_order = |r: &web_sys::Element| {
        focused(r).is_some_and(|f| f.matches(".order-page .back").unwrap_or(false) && r.contains(Some(&f)))
    };
    until("focus in the order", &back, focus_in_order).await;
    let text = back.text_content().unwrap();
    assert!(text.contains("Awaiting confirmation") && text.contains("Payment unconfirmed"), "{text}");
    let code = element(&back, ".voucher .code").text_content().unwrap();
    assert_eq!(code, order.voucher.to_string());
    assert_eq!(attr(&back, ".voucher .qr", "data-qr"), order.voucher_payload());
    assert!(has(&back, ".voucher .qr svg path"), "a drawn QR code");
    // The store's address comes with the feed, which may load after the order is shown.
    wait_for_text(&back, "深圳市福田区测试路1号").await;
    let kept = stored_when(&back, &store, "the return kept", |o| o[0].status != OrderStatus::Pending).await;
    assert_eq!(kept[0].status, OrderStatus::AwaitingConfirmation);

    // Reload: still there.
    let again = mount(shop_props(&format!("lang=en&order={}", order.id), &store, Device::default()));
    until("the voucher again", &again, |r| has(r, ".voucher")).await;
    assert_eq!(element(&again, ".voucher .code").text_content().unwrap(), code);
    element(&again, ".mark-used").click();
    until("used", &again, |r| has(r, ".order-status.redeemed")).await;
    let kept =
        stored_when(&again, &store, "used, kept", |o| o[0].status != OrderStatus::AwaitingConfirmation).await;
    assert_eq!(kept[0].status, OrderStatus::Redeemed);

    // My orders: it is history now.
    element(&again, ".my-orders").click();
    until("the history", &again, |r| has(r, ".orders.history")).await;
    assert!(element(&again, ".orders.history").text_content().unwrap().contains("招牌牛肉面"));
    assert!(!has(&again, ".orders.current"));
}

#[wasm_bindgen_test]
async fn a_wechat_code_is_scanned_on_a_desktop_and_opened_inside_wechat() {
    let store = OrderStore::memory();
    let root = mount(shop_props("deal=noodles&lang=zh", &store, Device::default()));
    buy_with(&root, "wechat").await;
    assert!(has(&root, ".checkout .qr svg path"), "a drawn QR code");
    assert_eq!(attr(&root, ".checkout .qr", "data-qr"), "weixin://wxpay/bizpayurl?pr=AbC");
    assert!(root.text_content().unwrap().contains("请用微信扫一扫"));
    assert!(!has(&root, ".pay-open"), "weixin:// cannot open outside WeChat");
    // Paid on the phone: the shopper says so, and gets the (unconfirmed) voucher.
    element(&root, ".checkout .paid").click();
    until("the voucher", &root, |r| has(r, ".voucher")).await;
    assert!(root.text_content().unwrap().contains("支付未确认"));

    let in_wechat = Device { phone: true, in_wechat: true, framed: false };
    let phone = mount(shop_props("deal=noodles", &OrderStore::memory(), in_wechat));
    buy_with(&phone, "wechat").await;
    assert_eq!(attr(&phone, ".pay-open", "href"), "weixin://wxpay/bizpayurl?pr=AbC");
}

#[wasm_bindgen_test]
async fn the_merchant_checkout_gets_the_order_the_way_back_and_the_referral() {
    let store = OrderStore::memory();
    let root = mount(shop_props("deal=noodles&ref=rs_1", &store, Device::default()));
    buy_with(&root, "checkout").await;
    let id = stored_when(&root, &store, "the order kept", |o| !o.is_empty()).await[0].id;
    let href = attr(&root, ".pay-open", "href");
    let url = url::Url::parse(&href).unwrap();
    let pairs: std::collections::HashMap<String, String> = url.query_pairs().into_owned().collect();
    assert_eq!(pairs["order"], id.to_string());
    assert_eq!(pairs["ref"], "rs_1");
    let back = url::Url::parse(&pairs["return"]).unwrap();
    assert_eq!(
        back.query_pairs().find(|(k, _)| k == "order").map(|(_, v)| v.into_owned()),
        Some(id.to_string())
    );

    // A cancelled payment comes back as failed, with no voucher.
    let cancelled =
        mount(shop_props(&format!("order={id}&status=cancelled&lang=en"), &store, Device::default()));
    until("the failed order", &cancelled, |r| has(r, ".order-status.failed")).await;
    assert!(!has(&cancelled, ".voucher"));
}

#[wasm_bindgen_test]
async fn without_storage_buying_still_works_with_a_warning() {
    let root = mount(shop_props("deal=noodles&lang=en", &OrderStore::Unavailable, Device::default()));
    wait_for_text(&root, "cannot be saved on this device").await;
    buy_with(&root, "stripe").await;
    element(&root, ".checkout .paid").click();
    until("the voucher", &root, |r| has(r, ".voucher")).await;
}

#[wasm_bindgen_test]
async fn corrupted_stored_orders_are_skipped_once_and_the_good_ones_load() {
    let feed = load_feed(SHOP.as_bytes()).unwrap().feed;
    let (m, d) = (&feed.merchants[0], &feed.merchants[0].deals[0]);
    let random = OrderRandomness { id: [5; 16], code: [6; 8] };
    let now = fujin_web::browser::now();
    let mut good = Order::new(m, d, 1, PayProvider::Alipay, None, now, random).unwrap();
    good.status = OrderStatus::Paid;
    let store = OrderStore::memory();
    if let OrderStore::Memory(map) = &store {
        let mut map = map.borrow_mut();
        map.insert(format!("{ORDER_KEY_PREFIX}{}", good.id), encode_order(&good));
        map.insert(format!("{ORDER_KEY_PREFIX}junk"), "{\"v\": 1, \"id\": 42".into());
        map.insert(format!("{ORDER_KEY_PREFIX}old"), "{\"v\": 99}".into());
        map.insert("someone-else".into(), "<not ours>".into());
    }
    let root = mount(shop_props("lang=en", &store, Device::default()));
    wait_for_text(&root, "unreadable order records were skipped (2)").await;
    element(&root, ".my-orders").click();
    until("the good order", &root, |r| has(r, ".orders.current .order-row")).await;
    element(&root, ".orders.current .order-row").click();
    until("its voucher", &root, |r| has(r, ".voucher")).await;
    assert_eq!(element(&root, ".voucher .code").text_content().unwrap(), good.voucher.to_string());
    assert!(has(&root, ".mark-used"), "paid: it can be used");
}

#[wasm_bindgen_test]
async fn a_merchant_with_a_verify_url_confirms_the_payment() {
    let feed =
        SHOP.replace(r#""address": "#, r#""verify_url": "https://pay.example.com/verify", "address": "#);
    let asked = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let verifier = {
        let asked = asked.clone();
        Verifier::new(move |url, id| {
            asked.borrow_mut().push((url, id));
            Box::pin(async { Some(Verdict::Paid) })
        })
    };
    let store = OrderStore::memory();
    let mut p = props(&data_url(&feed), "deal=noodles&lang=en", denied());
    (p.store, p.verifier) = (store.clone(), verifier.clone());
    let root = mount(p);
    buy_with(&root, "stripe").await;
    assert!(asked.borrow().is_empty(), "nobody is asked before the shopper is back");
    let id = stored_when(&root, &store, "the order kept", |o| !o.is_empty()).await[0].id;
    let mut p = props(&data_url(&feed), &format!("order={id}&lang=en"), denied());
    (p.store, p.verifier) = (store.clone(), verifier);
    let back = mount(p);
    wait_for_text(&back, "Asking the merchant").await;
    until("paid", &back, |r| has(r, ".order-status.paid")).await;
    let kept =
        stored_when(&back, &store, "paid, kept", |o| o[0].status != OrderStatus::AwaitingConfirmation).await;
    assert_eq!(kept[0].status, OrderStatus::Paid);
    assert_eq!(asked.borrow()[0], ("https://pay.example.com/verify".to_owned(), id));
    assert!(!back.text_content().unwrap().contains("unconfirmed"));
}

#[wasm_bindgen_test]
async fn a_link_to_an_order_from_another_device_says_so() {
    let elsewhere = fujin_core::commerce::OrderId::from_random_bytes([3; 16]);
    let root =
        mount(shop_props(&format!("order={elsewhere}&lang=en"), &OrderStore::memory(), Device::default()));
    wait_for_text(&root, "not on this device").await;
    until("the deals", &root, |r| has(r, ".deal-card")).await;
}

/// Hostile text and links: scripts in names, `javascript:` and look-alike
/// links, absurd prices and limits.
const HOSTILE: &str = r#"{"center": {"lat": 22.5, "lon": 114.0}, "checkout_hosts": ["pay.example.com"],
  "order_params": {"order_id": "x\"><script>", "return_url": "javascript:alert(1)"},
  "merchants": [
  {"id": "evil-verify", "name": "bad verify", "category": "food", "lat": 22.502, "lon": 114.0,
   "verify_url": "javascript:alert(1)"},
  {"id": "evil", "name": "<img src=x onerror=alert(1)>", "category": "food", "lat": 22.501, "lon": 114.0,
   "deals": [
     {"id": "js", "title": "js", "price": 100, "original_price": 200, "pay": {"stripe": "javascript:alert(1)"}},
     {"id": "lookalike", "title": "lookalike", "price": 100, "original_price": 200,
      "pay": {"stripe": "https://buy.stripe.com.evil.example/x"}},
     {"id": "good", "title": "<script>alert(1)</script>", "price": 100000000, "original_price": 100000000,
      "max_per_order": 1000000000, "pay": {"checkout": "https://pay.example.com/c", "stripe": "https://buy.stripe.com/ok"}}]}
]}"#;

#[wasm_bindgen_test]
async fn a_hostile_feed_shows_escaped_text_and_no_unsafe_link() {
    let store = OrderStore::memory();
    let mut p = props(&data_url(HOSTILE), "deal=good&lang=en", denied());
    p.store = store.clone();
    let root = mount(p);
    until("the buy button", &root, |r| has(r, ".checkout .buy")).await;
    assert!(root.text_content().unwrap().contains("<script>alert(1)</script>"), "shown as text");
    assert!(!has(&root, "script") && !has(&root, "img"), "never as markup");
    element(&root, ".checkout .buy").click();
    until("providers", &root, |r| has(r, ".provider.checkout")).await;
    more(&root, 120).await;
    until("capped at 99", &root, |r| element(r, ".qty").text_content().as_deref() == Some("99")).await;
    element(&root, ".provider.checkout").click();
    until("the hand-off", &root, |r| has(r, ".pay-open")).await;
    assert_eq!(attr(&root, ".pay-open", "href"), "https://pay.example.com/c", "bad parameter names dropped");
    // Every link on the page is one Fujin made or checked.
    let links = root.query_selector_all("a[href]").unwrap();
    for i in 0..links.length() {
        let a: web_sys::Element = links.item(i).unwrap().dyn_into().unwrap();
        let href = a.get_attribute("href").unwrap();
        let safe = ["https://", "tel:", "weixin://wxpay/", "alipays://platformapi/"]
            .iter()
            .any(|p| href.starts_with(p));
        assert!(safe, "unsafe link {href}");
        assert!(!href.contains("evil.example") && !href.to_lowercase().contains("javascript"), "{href}");
    }
    let kept = stored_when(&root, &store, "the order kept", |o| !o.is_empty()).await;
    assert_eq!(kept[0].total.0, 9_900_000_000);
}
