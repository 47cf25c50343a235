//! Making an order from the checkout in progress and handing it to the
//! chosen provider's link. Pure but for its inputs (randomness, the page's
//! address), so it is tested natively.

use fujin_core::commerce::handoff_link;
use fujin_core::commerce::{Order, OrderRandomness};
use fujin_core::model::PayProvider;
use fujin_core::view::{ViewState, merge_pairs};

use super::app_state::AppState;
use crate::orders::OrderAction;

/// The order for the checkout in `state`, paid with `provider`, and the
/// link to hand it to; or why not. `page` is where the provider sends the
/// shopper back (`https://host/path`, maybe with the host's own query,
/// which is kept); the widget's keys are added there under `prefix`, and
/// `keep` holds the parts of the view to keep (language, feed).
pub fn place_order(
    state: &AppState,
    provider: PayProvider,
    random: Option<OrderRandomness>,
    page: &str,
    prefix: &str,
    keep: &ViewState,
) -> OrderAction {
    let t = state.lang.orders();
    let Some(random) = random else {
        return OrderAction::PlaceFailed(t.no_random.to_owned());
    };
    let (Some(catalog), Some(checkout)) = (state.catalog(), &state.orders.checkout) else {
        return OrderAction::PlaceFailed(state.lang.texts().deal_not_found.to_owned());
    };
    let Some(found) = catalog.find_deal(&checkout.deal_id) else {
        return OrderAction::PlaceFailed(state.lang.texts().deal_not_found.to_owned());
    };
    let (merchant, deal) = (found.merchant, found.deal);
    let Some(link) = deal.pay.iter().find(|l| l.provider() == provider) else {
        return OrderAction::PlaceFailed(t.no_payment.to_owned());
    };
    let order = match Order::new(
        merchant,
        deal,
        checkout.quantity,
        provider,
        state.referral.clone(),
        state.now,
        random,
    ) {
        Ok(order) => order,
        Err(e) => return OrderAction::PlaceFailed(state.lang.order_error(&e)),
    };
    let back = ViewState {
        lang: keep.lang.clone(),
        feed: keep.feed.clone(),
        referral: state.referral.clone(),
        order: Some(order.id),
        ..ViewState::default()
    };
    // The page's own query (a host's parameters) is kept; the widget's keys
    // go back under its prefix.
    let (base, query) = page.split_once('?').unwrap_or((page, ""));
    let return_url = format!("{base}?{}", merge_pairs(query, prefix, &back.to_query()));
    let feed = catalog.feed();
    match handoff_link(link, &order, &feed.order_params, &return_url, &feed.checkout_hosts) {
        Ok(link) => OrderAction::Placed(Box::new(order), link),
        // The same allowlist as loading, applied again: a link that fails is never shown.
        Err(_) => OrderAction::PlaceFailed(t.no_payment.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::shared::Shared;
    use crate::state::Action;
    use fujin_core::commerce::{OrderStatus, ReferralCode};
    use fujin_core::feed::load_feed;
    use fujin_core::index::Catalog;
    use time::OffsetDateTime;

    fn state(query: &str) -> AppState {
        let json = br#"{"checkout_hosts": ["shop.example.com"],
          "order_params": {"order_id": "oid", "return_url": "back", "referral": "ref"},
          "merchants": [{"id": "m", "name": "M", "category": "food", "lat": 22.5, "lon": 114.0,
            "deals": [{"id": "d", "title": "T", "price": 1000, "original_price": 2000, "max_per_order": 2,
              "pay": {"stripe": "https://buy.stripe.com/test_1", "checkout": "https://shop.example.com/pay",
                      "wechat": "weixin://wxpay/bizpayurl?pr=1"}}]}]}"#;
        let catalog = Shared::new(Catalog::new(load_feed(json).unwrap().feed));
        let now = OffsetDateTime::from_unix_timestamp(1_790_000_000).unwrap();
        AppState::from_view(&ViewState::from_query(query), Lang::Zh, now)
            .reduce_to(Action::FeedLoaded { catalog, rejected: 0 })
            .reduce_to(Action::Orders(OrderAction::StartCheckout("d".into())))
            .reduce_to(Action::Orders(OrderAction::SetQuantity(2)))
    }

    const RANDOM: OrderRandomness = OrderRandomness { id: [7; 16], code: [1; 8] };
    const ID: &str = "07070707-0707-4707-8707-070707070707";

    #[test]
    fn a_checkout_becomes_an_order_and_a_checked_link() {
        let s = state("ref=reseller_1&lang=en");
        let keep = ViewState::from_query("lang=en");
        let action = place_order(&s, PayProvider::Checkout, Some(RANDOM), "https://w.example/app", "", &keep);
        let OrderAction::Placed(order, link) = action else { panic!("{action:?}") };
        assert_eq!((order.quantity, order.total.0, order.status), (2, 2000, OrderStatus::Pending));
        assert_eq!(order.referral, ReferralCode::parse("reseller_1"));
        let back = format!("https://w.example/app?lang=en&ref=reseller_1&order={ID}");
        let expected =
            format!("https://shop.example.com/pay?oid={ID}&back={}&ref=reseller_1", url_escape(&back));
        assert_eq!(link.as_str(), expected);
        let stripe = place_order(&s, PayProvider::Stripe, Some(RANDOM), "https://w.example/app", "", &keep);
        let OrderAction::Placed(_, link) = stripe else { panic!() };
        assert_eq!(link.as_str(), format!("https://buy.stripe.com/test_1?client_reference_id={ID}"));
    }

    #[test]
    fn an_embedded_widget_comes_back_to_the_hosts_page_under_its_prefix() {
        let s = state("ref=reseller_1&lang=en");
        let keep = ViewState::from_query("lang=en");
        let page = "https://w.example/app?page=2&fj-q=old";
        let action = place_order(&s, PayProvider::Checkout, Some(RANDOM), page, "fj-", &keep);
        let OrderAction::Placed(_, link) = action else { panic!("{action:?}") };
        let back = format!("https://w.example/app?page=2&fj-lang=en&fj-ref=reseller_1&fj-order={ID}");
        assert!(link.as_str().contains(&format!("back={}&", url_escape(&back))), "{}", link.as_str());
    }

    /// application/x-www-form-urlencoded, as the url crate writes query values.
    fn url_escape(s: &str) -> String {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => {
                    (b as char).to_string()
                }
                b' ' => "+".to_owned(),
                _ => format!("%{b:02X}"),
            })
            .collect()
    }

    #[test]
    fn no_randomness_no_provider_or_a_bad_referral_say_why_or_drop_it() {
        let s = state("ref=<script>");
        assert!(s.referral.is_none(), "a malformed code is ignored");
        let keep = ViewState::default();
        let no_random = place_order(&s, PayProvider::Stripe, None, "https://w.example/", "", &keep);
        assert!(matches!(no_random, OrderAction::PlaceFailed(_)));
        let no_link = place_order(&s, PayProvider::Alipay, Some(RANDOM), "https://w.example/", "", &keep);
        assert!(matches!(no_link, OrderAction::PlaceFailed(_)));
        let wechat = place_order(&s, PayProvider::Wechat, Some(RANDOM), "https://w.example/", "", &keep);
        let OrderAction::Placed(order, link) = wechat else { panic!() };
        assert_eq!(link.as_str(), "weixin://wxpay/bizpayurl?pr=1", "signed codes go as they are");
        assert_eq!(order.referral, None);
    }
}
