//! Handing an order to its payment provider: the order id, the way back to
//! the widget and the referral code go into the payment link where the
//! provider can carry them, and the result is checked again before use.

use url::{Url, form_urlencoded};

use super::order::Order;
use super::referral::MAX_REFERRAL_LEN;
use crate::model::MAX_LINK_LEN;
use crate::model::{PayLink, PayLinkError, PayProvider, check_handed_off_link, is_plain_url};

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

/// Longest return URL Fujin hands to a provider, in bytes once encoded as a
/// query value. A longer one is left out (the shopper then comes back with
/// "I have paid" or My orders), so that the room a link needs at hand-off
/// is known when the feed is loaded.
pub const MAX_RETURN_URL_QUERY_LEN: usize = 1024;

/// Something [`handoff_link`] adds to a link, as a query parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    OrderId,
    ReturnUrl,
    Referral,
}

impl Part {
    /// The longest value the part can have in a query, in bytes.
    fn max_len(self) -> usize {
        match self {
            // A hyphenated UUID; a referral code needs no escaping.
            Part::OrderId => 36,
            Part::ReturnUrl => MAX_RETURN_URL_QUERY_LEN,
            Part::Referral => MAX_REFERRAL_LEN,
        }
    }
}

/// The parameters [`handoff_link`] may add to `link`, by name. One list
/// for adding them and for the room they need, so the two never disagree.
/// No allocation: it runs for every payment link of a feed as it loads.
fn parts<'a>(link: &PayLink, params: &'a OrderParams) -> [Option<(&'a str, Part)>; 3] {
    // `PayLink` holds the parser's normalised form: lower-case scheme and host, a path.
    let url = link.as_str();
    let named =
        |name: &'a Option<String>, part| Some((name.as_deref().filter(|n| is_valid_param_name(n))?, part));
    match link.provider() {
        PayProvider::Stripe if url.starts_with("https://buy.stripe.com/") => {
            [Some(("client_reference_id", Part::OrderId)), None, None]
        }
        PayProvider::Wechat if url.starts_with("https://") => {
            [Some(("redirect_url", Part::ReturnUrl)), None, None]
        }
        PayProvider::Checkout => [
            named(&params.order_id, Part::OrderId),
            named(&params.return_url, Part::ReturnUrl),
            named(&params.referral, Part::Referral),
        ],
        _ => [None, None, None],
    }
}

/// The most bytes [`handoff_link`] can add to `link` under `params`:
/// for each parameter a separator, its name, `=` and its longest value.
pub fn handoff_room(link: &PayLink, params: &OrderParams) -> usize {
    parts(link, params).into_iter().flatten().map(|(name, part)| name.len() + part.max_len() + 2).sum()
}

/// Checks, when a feed is loaded, that `link` can still be handed off with
/// everything [`handoff_link`] may add and stay within [`MAX_LINK_LEN`], so
/// that a link `fujin check` accepts is never one the widget must refuse.
pub fn check_handoff_room(link: &PayLink, params: &OrderParams) -> Result<(), PayLinkError> {
    let (len, room) = (link.as_str().len(), handoff_room(link, params));
    if len + room > MAX_LINK_LEN {
        return Err(PayLinkError::NoRoomForHandoff { len, room });
    }
    Ok(())
}

/// The link to send the shopper to for `order`:
/// - Stripe Payment Links (`buy.stripe.com`) get `client_reference_id`, the order id;
/// - WeChat Pay H5 links (`wx.tenpay.com`) get `redirect_url`, the way back;
/// - the feed's own checkout gets whichever of order id, return URL and
///   referral code the feed names in `order_params`;
/// - QR codes and app links (`weixin://`, `qr.alipay.com`, `alipays://`) are
///   signed by the provider and go as they are.
///
/// `return_url` must be an `http(s)` URL (the widget's own page) of at most
/// [`MAX_RETURN_URL_QUERY_LEN`] bytes once encoded, or it is left out. The
/// parameters Fujin fills in replace any of the same name the link had.
/// The result passes the check again ([`check_handed_off_link`], which
/// knows what Fujin filled in); for a link that passed
/// [`check_handoff_room`] it always fits.
///
/// ```
/// use fujin_core::commerce::{OrderParams, handoff_link};
/// use fujin_core::commerce::Order;
/// use fujin_core::model::{PayProvider, check_pay_link};
/// # let json = br#"{"merchants": [{"id": "m1", "name": "A", "category": "food", "lat": 22.5, "lon": 114.0,
/// #   "deals": [{"id": "d1", "title": "T", "price": 100, "original_price": 200}]}]}"#;
/// # let feed = fujin_core::feed::load_feed(json).unwrap().feed;
/// # let random = fujin_core::commerce::OrderRandomness { id: [7; 16], code: [0; 8] };
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
    let return_url = return_page(return_url);
    let order_id = order.id.to_string();
    let parts = parts(link, params);
    let added: Vec<(&str, &str)> = parts
        .iter()
        .flatten()
        .filter_map(|&(name, part)| {
            let value = match part {
                Part::OrderId => order_id.as_str(),
                Part::ReturnUrl => return_url.as_ref()?.as_str(),
                Part::Referral => order.referral.as_ref()?.as_str(),
            };
            Some((name, value))
        })
        .collect();
    // What Fujin fills in replaces what the link had under the same names
    // (the first of two values wins in most parsers); a part left out (no
    // return URL) still takes the feed's value away. The other pairs are
    // kept byte for byte, so the link only gets shorter than the room
    // checked at load allows for.
    if let Some(query) = url.query() {
        let is_managed = |pair: &&str| {
            let name = form_urlencoded::parse(pair.as_bytes()).next().map(|(name, _)| name);
            name.is_some_and(|name| parts.iter().flatten().any(|(m, _)| m.eq_ignore_ascii_case(&name)))
        };
        if query.split('&').any(|pair| is_managed(&pair)) {
            let kept = query.split('&').filter(|pair| !is_managed(pair)).collect::<Vec<_>>().join("&");
            url.set_query(Some(&kept).filter(|k| !k.is_empty()).map(String::as_str));
        }
    }
    if !added.is_empty() {
        url.query_pairs_mut().extend_pairs(&added);
    }
    let filled: Vec<&str> = added.iter().map(|&(_, value)| value).collect();
    check_handed_off_link(link.provider(), url.as_str(), checkout_hosts, &filled)
}

/// The page [`handoff_link`] sends the shopper back to for `return_url`
/// (the widget's own address), in the URL parser's form, or none when it
/// is left out: not plain ASCII (browsers give plain ASCII, and anything
/// else is left out rather than parsed: see `is_plain_url`), not `http(s)`
/// or longer than [`MAX_RETURN_URL_QUERY_LEN`] once encoded.
///
/// ```
/// use fujin_core::commerce::return_page;
/// assert_eq!(return_page("HTTP://Widget.example").as_deref(), Some("http://widget.example/"));
/// assert_eq!(return_page("javascript:alert(1)"), None);
/// ```
pub fn return_page(return_url: &str) -> Option<String> {
    Some(return_url).filter(|r| is_plain_url(r)).and_then(|r| Url::parse(r).ok()).map(String::from).filter(
        |u| {
            let encoded: usize = form_urlencoded::byte_serialize(u.as_bytes()).map(str::len).sum();
            (u.starts_with("http:") || u.starts_with("https:")) && encoded <= MAX_RETURN_URL_QUERY_LEN
        },
    )
}

// Property tests need proptest, which is not built for wasm32.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::commerce::ReferralCode;
    use crate::commerce::VoucherCode;
    use crate::commerce::{OrderId, OrderStatus};
    use crate::model::{Fen, check_pay_link};

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
        // The last two were found by fuzzing: capitals beside non-ASCII or
        // percent-encoded bytes in a host (see `is_plain_url`).
        for bad_return in [
            "javascript:alert(1)",
            "not a url",
            "data:text/html,x",
            "https:/dgE\u{FFFD}80",
            "https://A%E2.example/",
        ] {
            let l = handoff_link(&checkout, &order(), &hostile, bad_return, &hosts()).unwrap();
            assert_eq!(l.as_str(), "https://shop.example.com/pay", "{bad_return}");
        }
        assert!(is_valid_param_name("order_id") && is_valid_param_name("x.y-z"));
        assert!(
            !is_valid_param_name("") && !is_valid_param_name("a b") && !is_valid_param_name(&"a".repeat(33))
        );
    }

    #[test]
    fn a_link_checked_at_load_always_fits_at_handoff() {
        // The longest Stripe link the check passes, and one byte more.
        let room = 1 + "client_reference_id=".len() + 36;
        let stripe = |len: usize| {
            let raw = format!("https://buy.stripe.com/{}", "a".repeat(len - 23));
            check_pay_link(PayProvider::Stripe, &raw, &[]).unwrap()
        };
        assert_eq!(check_handoff_room(&stripe(MAX_LINK_LEN - room), &OrderParams::default()), Ok(()));
        assert_eq!(
            check_handoff_room(&stripe(MAX_LINK_LEN - room + 1), &OrderParams::default()),
            Err(PayLinkError::NoRoomForHandoff { len: MAX_LINK_LEN - room + 1, room })
        );
        let fits = handoff_link(&stripe(MAX_LINK_LEN - room), &order(), &OrderParams::default(), BACK, &[]);
        assert_eq!(fits.unwrap().as_str().len(), MAX_LINK_LEN);

        // A short checkout link and a 3 KB return URL: the return URL is left out.
        let params = OrderParams { return_url: Some("back".into()), ..OrderParams::default() };
        let checkout = link(PayProvider::Checkout, "https://shop.example.com/pay");
        let long_back = format!("https://widget.example/?feed={}", "x".repeat(3000));
        let handed = handoff_link(&checkout, &order(), &params, &long_back, &hosts()).unwrap();
        assert_eq!(handed.as_str(), "https://shop.example.com/pay");
    }

    proptest::proptest! {
        #[test]
        fn whatever_passes_at_load_can_be_handed_off(
            which in 0..4usize,
            path in "[!-~]{0,2100}",
            names in proptest::collection::vec(proptest::option::of("[a-z_]{1,32}"), 3),
            referral in proptest::option::of("[A-Za-z0-9_-]{1,32}"),
            back in "https://[a-z]{1,20}\\.example/[!-~]{0,1500}",
        ) {
            let (provider, prefix) = [
                (PayProvider::Stripe, "https://buy.stripe.com/"),
                (PayProvider::Wechat, "https://wx.tenpay.com/"),
                (PayProvider::Checkout, "https://shop.example.com/"),
                (PayProvider::Alipay, "https://qr.alipay.com/"),
            ][which];
            let params = OrderParams {
                order_id: names[0].clone(),
                return_url: names[1].clone(),
                referral: names[2].clone(),
            };
            let Ok(checked) = check_pay_link(provider, &format!("{prefix}{path}"), &hosts()) else {
                return Ok(());
            };
            if check_handoff_room(&checked, &params).is_ok() {
                let order = Order { referral: referral.as_deref().and_then(ReferralCode::parse), ..order() };
                let handed = handoff_link(&checked, &order, &params, &back, &hosts());
                proptest::prop_assert!(handed.is_ok(), "{handed:?}");
            }
        }
    }

    #[test]
    fn what_fujin_fills_in_replaces_the_links_own() {
        let tenpay = link(
            PayProvider::Wechat,
            "https://wx.tenpay.com/checkmweb?prepay_id=1&redirect_url=https%3A%2F%2Fshop.example.com%2Fdone&package=2",
        );
        let handed = handoff_link(&tenpay, &order(), &OrderParams::default(), BACK, &hosts()).unwrap();
        let url = Url::parse(handed.as_str()).unwrap();
        let pairs: Vec<(String, String)> = url.query_pairs().map(|(k, v)| (k.into(), v.into())).collect();
        let expected = [("prepay_id", "1"), ("package", "2"), ("redirect_url", BACK)];
        assert_eq!(pairs, expected.map(|(k, v)| (k.to_owned(), v.to_owned())));
        // No return page to give: the feed's is taken away all the same.
        let without =
            handoff_link(&tenpay, &order(), &OrderParams::default(), "javascript:x", &hosts()).unwrap();
        assert_eq!(without.as_str(), "https://wx.tenpay.com/checkmweb?prepay_id=1&package=2");
        let only =
            link(PayProvider::Wechat, "https://wx.tenpay.com/x?REDIRECT_URL=https://shop.example.com/");
        let without = handoff_link(&only, &order(), &OrderParams::default(), "", &hosts()).unwrap();
        assert_eq!(without.as_str(), "https://wx.tenpay.com/x");

        // The feed's own checkout: the names it gives in `order_params`,
        // in any case, however often; other pairs kept byte for byte.
        let params =
            OrderParams { order_id: Some("order".into()), return_url: Some("back".into()), referral: None };
        let checkout =
            link(PayProvider::Checkout, "https://shop.example.com/pay?order=x&a=%7E~&BACK=1&back=2");
        let handed = handoff_link(&checkout, &order(), &params, BACK, &hosts()).unwrap();
        assert_eq!(
            handed.as_str(),
            format!("https://shop.example.com/pay?a=%7E~&order={ID}&back={}", urlencode(BACK))
        );
    }

    #[test]
    fn what_fujin_fills_in_may_bear_any_name() {
        // A checkout that names its parameters like links inside a link
        // (found by fuzzing): Fujin's own values are not checked as links.
        let params = OrderParams {
            order_id: Some("url".into()),
            return_url: Some("qrcode".into()),
            referral: Some("redirect_url".into()),
        };
        let checkout = link(PayProvider::Checkout, "https://shop.example.com/pay");
        let handed = handoff_link(&checkout, &order(), &params, BACK, &hosts()).unwrap();
        assert_eq!(
            handed.as_str(),
            format!("https://shop.example.com/pay?url={ID}&qrcode={}&redirect_url=rs_1", urlencode(BACK))
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
