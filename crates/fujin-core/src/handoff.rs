//! Handing an order to its payment provider: the order id, the way back to
//! the widget and the referral code go into the payment link where the
//! provider can carry them, and the result is checked again before use.

use url::Url;

use crate::{Order, PayLink, PayLinkError, PayProvider, check_pay_link};

/// Longest query parameter name a feed may give, in characters.
pub const MAX_PARAM_NAME_LEN: usize = 32;

/// The query parameter names a feed's own `checkout` takes, from the
/// feed's `order_params`: each is optional, and what is not named is not sent.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OrderParams {
    /// Receives the order id.
    pub order_id: Option<String>,
    /// Receives the URL to send the shopper back to.
    pub return_url: Option<String>,
    /// Receives the referral code, if the order has one.
    pub referral: Option<String>,
}

/// True for a parameter name that needs no escaping: 1 to 32 of `A–Z a–z 0–9 - _ .`.
pub fn is_valid_param_name(name: &str) -> bool {
    (1..=MAX_PARAM_NAME_LEN).contains(&name.len())
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// The link to send the shopper to for `order`:
/// - Stripe Payment Links (`buy.stripe.com`) get `client_reference_id`, the order id;
/// - WeChat Pay H5 links (`wx.tenpay.com`) get `redirect_url`, the way back;
/// - the feed's own checkout gets whichever of order id, return URL and
///   referral code the feed names in `order_params`;
/// - QR codes and app links (`weixin://`, `qr.alipay.com`, `alipays://`) are
///   signed by the provider and go as they are.
///
/// `return_url` must be an `http(s)` URL (the widget's own page), or it is
/// left out. The result passes [`check_pay_link`] again.
///
/// ```
/// use fujin_core::handoff::{handoff_link, OrderParams};
/// use fujin_core::{check_pay_link, Order, PayProvider};
/// # let json = br#"{"merchants": [{"id": "m1", "name": "A", "category": "food", "lat": 22.5, "lon": 114.0,
/// #   "deals": [{"id": "d1", "title": "T", "price": 100, "original_price": 200}]}]}"#;
/// # let feed = fujin_core::load_feed(json).unwrap().feed;
/// # let random = fujin_core::OrderRandomness { id: [7; 16], code: [0; 8] };
/// # let order = Order::new(&feed.merchants[0], &feed.merchants[0].deals[0], 1, PayProvider::Stripe,
/// #     None, time::OffsetDateTime::UNIX_EPOCH, random).unwrap();
/// let stripe = check_pay_link(PayProvider::Stripe, "https://buy.stripe.com/test_1", &[]).unwrap();
/// let link = handoff_link(&stripe, &order, &OrderParams::default(), "https://fujin.example/", &[]).unwrap();
/// assert_eq!(
///     link.as_str(),
///     "https://buy.stripe.com/test_1?client_reference_id=07070707-0707-4707-8707-070707070707"
/// );
/// ```
pub fn handoff_link(
    link: &PayLink,
    order: &Order,
    params: &OrderParams,
    return_url: &str,
    checkout_hosts: &[String],
) -> Result<PayLink, PayLinkError> {
    let mut url = Url::parse(link.as_str()).map_err(PayLinkError::Unparsable)?;
    let return_url = Url::parse(return_url).ok().filter(|u| matches!(u.scheme(), "http" | "https"));
    let order_id = order.id.to_string();
    let mut added: Vec<(&str, &str)> = Vec::new();
    match link.provider() {
        PayProvider::Stripe if url.host_str() == Some("buy.stripe.com") => {
            added.push(("client_reference_id", &order_id));
        }
        PayProvider::Wechat if url.scheme() == "https" => {
            if let Some(back) = &return_url {
                added.push(("redirect_url", back.as_str()));
            }
        }
        PayProvider::Checkout => {
            fn named(name: &Option<String>) -> Option<&str> {
                name.as_deref().filter(|n| is_valid_param_name(n))
            }
            if let Some(name) = named(&params.order_id) {
                added.push((name, &order_id));
            }
            if let (Some(name), Some(back)) = (named(&params.return_url), &return_url) {
                added.push((name, back.as_str()));
            }
            if let (Some(name), Some(code)) = (named(&params.referral), &order.referral) {
                added.push((name, code.as_str()));
            }
        }
        _ => {}
    }
    if !added.is_empty() {
        url.query_pairs_mut().extend_pairs(added);
    }
    check_pay_link(link.provider(), url.as_str(), checkout_hosts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Fen, OrderId, OrderStatus, ReferralCode, VoucherCode};

    const HOSTS: &[&str] = &["shop.example.com"];

    fn hosts() -> Vec<String> {
        HOSTS.iter().map(|h| h.to_string()).collect()
    }

    fn order() -> Order {
        let now = time::OffsetDateTime::UNIX_EPOCH;
        Order {
            id: OrderId::from_random_bytes([7; 16]),
            deal_id: "d1".into(),
            merchant_id: "m1".into(),
            deal_title: "T".into(),
            merchant_name: "M".into(),
            quantity: 2,
            unit_price: Fen(100),
            total: Fen(200),
            provider: PayProvider::Checkout,
            created_at: now,
            valid_until: now,
            status: OrderStatus::Pending,
            confirmable: false,
            referral: ReferralCode::parse("rs_1"),
            voucher: VoucherCode::from_random_bytes([0; 8]),
        }
    }

    fn link(provider: PayProvider, raw: &str) -> PayLink {
        check_pay_link(provider, raw, &hosts()).unwrap()
    }

    const ID: &str = "07070707-0707-4707-8707-070707070707";
    const BACK: &str = "https://widget.example/?order=07070707-0707-4707-8707-070707070707";

    #[test]
    fn each_provider_gets_what_it_can_carry() {
        let params = OrderParams {
            order_id: Some("order".into()),
            return_url: Some("back".into()),
            referral: Some("ref".into()),
        };
        let go =
            |provider, raw| handoff_link(&link(provider, raw), &order(), &params, BACK, &hosts()).unwrap();
        let checkout = go(PayProvider::Checkout, "https://shop.example.com/pay?deal=d1");
        let url = Url::parse(checkout.as_str()).unwrap();
        let pairs: Vec<(String, String)> = url.query_pairs().map(|(k, v)| (k.into(), v.into())).collect();
        let expected = [("deal", "d1"), ("order", ID), ("back", BACK), ("ref", "rs_1")];
        assert_eq!(pairs, expected.map(|(k, v)| (k.to_owned(), v.to_owned())));

        let tenpay =
            go(PayProvider::Wechat, "https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=1");
        assert!(tenpay.as_str().ends_with(&format!("prepay_id=1&redirect_url={}", urlencode(BACK))));
        let stripe = go(PayProvider::Stripe, "https://buy.stripe.com/test_1");
        assert_eq!(stripe.as_str(), format!("https://buy.stripe.com/test_1?client_reference_id={ID}"));
        for (provider, raw) in [
            (PayProvider::Wechat, "weixin://wxpay/bizpayurl?pr=AbC123"),
            (PayProvider::Alipay, "https://qr.alipay.com/bax01234"),
            (PayProvider::Alipay, "alipays://platformapi/startapp?appId=20000067"),
            (PayProvider::Stripe, "https://checkout.stripe.com/c/pay/cs_test_a1"),
        ] {
            assert_eq!(go(provider, raw).as_str(), raw, "signed links go as they are");
        }
    }

    fn urlencode(s: &str) -> String {
        url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
    }

    #[test]
    fn unnamed_bad_or_missing_parts_are_left_out() {
        let checkout = link(PayProvider::Checkout, "https://shop.example.com/pay");
        let none = handoff_link(&checkout, &order(), &OrderParams::default(), BACK, &hosts()).unwrap();
        assert_eq!(none.as_str(), "https://shop.example.com/pay");
        let hostile = OrderParams {
            order_id: Some("a&b=c".into()),
            return_url: Some("back".into()),
            referral: Some("".into()),
        };
        for bad_return in ["javascript:alert(1)", "not a url", "data:text/html,x"] {
            let l = handoff_link(&checkout, &order(), &hostile, bad_return, &hosts()).unwrap();
            assert_eq!(l.as_str(), "https://shop.example.com/pay", "{bad_return}");
        }
        assert!(is_valid_param_name("order_id") && is_valid_param_name("x.y-z"));
        assert!(
            !is_valid_param_name("") && !is_valid_param_name("a b") && !is_valid_param_name(&"a".repeat(33))
        );
    }

    #[test]
    fn a_link_from_another_feed_fails_the_check_again() {
        // Checked with this feed's hosts, then handed off under a feed that no longer declares the host.
        let checkout = link(PayProvider::Checkout, "https://shop.example.com/pay");
        let result = handoff_link(&checkout, &order(), &OrderParams::default(), BACK, &[]);
        assert!(matches!(result, Err(PayLinkError::HostNotAllowed { .. })));
    }
}
