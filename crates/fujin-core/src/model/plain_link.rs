//! Accepting a plain payment link without running the URL parser.
//!
//! A city's feed carries hundreds of thousands of payment links. Parsing
//! each with the WHATWG parser (the `url` crate) was about a fifth of
//! reading a JSON feed, and two fifths of reading a packed one, where every
//! link is checked again. Almost every real link is plain:
//! - a lower-case scheme, then `://`;
//! - the host exactly as the allowlist names it: no user, no port, no
//!   capitals;
//! - a path of characters the parser keeps as they are, with no `.` or
//!   `..` segment;
//! - an optional query of such characters, with no parameter that carries
//!   a link;
//! - no fragment.
//!
//! For such a text the parser's answer is known without running it: the
//! link is accepted, and its parsed form is the text itself.
//! [`plainly_allowed`] recognises exactly those texts, and answers `false` for
//! anything else, good or bad, which then goes through the parser: every
//! refusal keeps its exact reason. A property test below holds every
//! `true` to the parser's own answer, and the `pay_link` fuzz target checks
//! that every link kept parses to itself.

use super::pay_link::{
    MAX_LINK_LEN, NESTED_PARAMS, PayProvider, RETURN_PARAMS, host_allowed, scheme_allowed,
};

/// True when the full check would accept `raw` for `provider`, and keep it
/// as it is, and that is plain without the URL parser (see the module);
/// false otherwise, whether the link is good or bad.
pub(super) fn plainly_allowed(provider: PayProvider, raw: &str, checkout_hosts: &[String]) -> bool {
    // Byte loops rather than string patterns and iterator chains: every
    // link of a packed feed comes through here, in a bundle built for size.
    let Some(colon) = raw.bytes().position(|b| b == b':') else { return false };
    let (scheme, rest) = (&raw[..colon], &raw[colon + 1..]);
    let Some(rest) = rest.strip_prefix("//") else { return false };
    let host_end = rest.bytes().position(|b| matches!(b, b'/' | b'?' | b'#')).unwrap_or(rest.len());
    let (host, tail) = rest.split_at(host_end);
    // The allowlist's own rules; a checkout host is the parser's domain
    // only when it is plain (the other hosts are).
    let allowed = scheme_allowed(provider, scheme)
        && host_allowed(provider, scheme, host, tail, checkout_hosts)
        && (provider != PayProvider::Checkout || is_plain_domain(host));
    // A path must be there: the parser writes an empty one as `/`.
    allowed && tail.starts_with('/') && raw.len() <= MAX_LINK_LEN && is_plain_tail(tail.as_bytes())
}

/// True for a path (from its `/`) and optional query that the parser keeps
/// as they are: no byte it would encode, no `.` or `..` segment (which it
/// removes), no fragment, and no parameter that carries a link.
fn is_plain_tail(tail: &[u8]) -> bool {
    let (path, query) = match tail.iter().position(|&b| b == b'?') {
        Some(q) => (&tail[..q], Some(&tail[q + 1..])),
        None => (tail, None),
    };
    path.split(|&b| b == b'/')
        .all(|segment| !matches!(segment, b"." | b"..") && segment.iter().all(|&b| keeps(PATH_KEEPS, b)))
        && query.is_none_or(|query| {
            query
                .split(|&b| b == b'&')
                .all(|pair| pair.iter().all(|&b| keeps(QUERY_KEEPS, b)) && !carries_a_link(pair))
        })
}

/// The bytes the parser keeps as they are in a path: letters, digits and
/// these (fewer than it keeps; `%` is left out, since `%2e` is a dot).
const PATH_KEEPS: u128 = ALPHANUMERIC | ascii_set(b"-._~!$&'()*+,;=:@/");

/// The bytes the parser keeps as they are in a query (fewer than it keeps).
const QUERY_KEEPS: u128 = ALPHANUMERIC | ascii_set(b"-._~!$&()*+,;=:@/?%");

/// ASCII letters and digits, a bit each.
const ALPHANUMERIC: u128 = {
    let mut set = 0;
    let mut b = 0;
    while b < 128 {
        if (b as u8).is_ascii_alphanumeric() {
            set |= 1 << b;
        }
        b += 1;
    }
    set
};

/// A set of ASCII bytes, a bit each: a test per byte of every link is a
/// shift, with no table to load.
const fn ascii_set(bytes: &[u8]) -> u128 {
    let mut set = 0;
    let mut i = 0;
    while i < bytes.len() {
        set |= 1 << bytes[i];
        i += 1;
    }
    set
}

/// True when `b` is in `set` (see [`ascii_set`]). By 64-bit halves: a
/// 128-bit shift can be a library call in WebAssembly.
fn keeps(set: u128, b: u8) -> bool {
    let half = if b < 64 { set as u64 } else { (set >> 64) as u64 };
    b < 128 && (half >> (b % 64)) & 1 == 1
}

/// True when the parameter `pair` (`name=value`) may name a return page or
/// a nested link: its name is one of them, or is escaped (`%75rl`, `a+b`)
/// and so could decode to one.
fn carries_a_link(pair: &[u8]) -> bool {
    let name = pair.split(|&b| b == b'=').next().unwrap_or(pair);
    name.iter().any(|&b| b == b'%' || b == b'+')
        || NESTED_PARAMS.iter().chain(&RETURN_PARAMS).any(|param| param.as_bytes().eq_ignore_ascii_case(name))
}

/// True for a host the parser reads as this very domain name: non-empty
/// labels of lower-case letters, digits and hyphens, none of them punycode
/// (`xn--`, which the parser decodes and may refuse), the last one starting
/// with a letter (a number there makes the parser read an IPv4 address).
fn is_plain_domain(host: &str) -> bool {
    let mut labels = host.split('.');
    let last_ok =
        labels.next_back().and_then(|last| last.bytes().next()).is_some_and(|b| b.is_ascii_lowercase());
    last_ok
        && host.split('.').all(|label| {
            !label.is_empty()
                && !label.starts_with("xn--")
                && label.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        })
}

// Property tests need proptest, which is not built for wasm32.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::model::PayLink;
    use crate::model::pay_link::parse_and_check;
    use proptest::prelude::*;

    const HOSTS: [&str; 3] = ["shop.example.com", "a-1.example", "x9.b"];

    fn hosts() -> Vec<String> {
        HOSTS.iter().map(|h| h.to_string()).collect()
    }

    /// Every kind of link the demo feed and the docs use goes the fast way.
    #[test]
    fn the_usual_links_are_plain() {
        for (provider, raw) in [
            (PayProvider::Wechat, "weixin://wxpay/bizpayurl?pr=AbC123"),
            (
                PayProvider::Wechat,
                "https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=1&package=2",
            ),
            (PayProvider::Alipay, "https://qr.alipay.com/bax01234"),
            (PayProvider::Alipay, "alipays://platformapi/startapp?appId=20000067"),
            (PayProvider::Stripe, "https://buy.stripe.com/test_eVa5kt"),
            (PayProvider::Checkout, "https://shop.example.com/checkout?deal=d1&q=%E4%B8%AD"),
        ] {
            assert!(plainly_allowed(provider, raw, &hosts()), "{raw}");
            assert_eq!(parse_and_check(provider, raw, &hosts()).as_ref().map(PayLink::as_str), Ok(raw));
        }
    }

    #[test]
    fn the_byte_sets_hold_what_they_say() {
        let path: Vec<u8> = (0..=255).filter(|&b| keeps(PATH_KEEPS, b)).collect();
        let query: Vec<u8> = (0..=255).filter(|&b| keeps(QUERY_KEEPS, b)).collect();
        let expect = |punctuation: &[u8]| {
            let mut all: Vec<u8> = (0..=255u8)
                .filter(|b| b.is_ascii_alphanumeric())
                .chain(punctuation.iter().copied())
                .collect();
            all.sort_unstable();
            all
        };
        assert_eq!(path, expect(b"-._~!$&'()*+,;=:@/"));
        assert_eq!(query, expect(b"-._~!$&()*+,;=:@/?%"));
    }

    /// What needs the parser gets it: case, ports, users, dot segments,
    /// fragments, escapes, links in parameters, hosts that are numbers or
    /// punycode, and a missing path.
    #[test]
    fn anything_else_is_left_to_the_parser() {
        let hosts =
            vec!["shop.example.com".to_owned(), "1.2.3.4".to_owned(), "xn--fiqs8s.example".to_owned()];
        for raw in [
            "HTTPS://shop.example.com/x",
            "https://Shop.example.com/x",
            "https://shop.example.com:443/x",
            "https://u@shop.example.com/x",
            "https://shop.example.com/a/../x",
            "https://shop.example.com/a/./x",
            "https://shop.example.com/x#top",
            "https://shop.example.com/a%2e/x",
            "https://shop.example.com/x?redirect_url=https://shop.example.com/",
            "https://shop.example.com/x?URL=1",
            "https://shop.example.com/x?%75rl=1",
            "https://shop.example.com/x?q='",
            "https://shop.example.com",
            "https://shop.example.com?x=1",
            "https://1.2.3.4/x",
            "https://xn--fiqs8s.example/x",
            "https:/shop.example.com/x",
        ] {
            assert!(!plainly_allowed(PayProvider::Checkout, raw, &hosts), "{raw}");
        }
    }

    /// Texts built to be nearly plain: a scheme and host that mostly
    /// belong together, then path segments and query parameters mostly of
    /// plain characters, sometimes of what the parser treats specially.
    fn nearly_plain() -> impl Strategy<Value = (PayProvider, String)> {
        let origin = prop_oneof![
            8 => prop::sample::select(vec![
                (PayProvider::Wechat, "weixin://wxpay"),
                (PayProvider::Wechat, "https://wx.tenpay.com"),
                (PayProvider::Alipay, "https://qr.alipay.com"),
                (PayProvider::Alipay, "alipays://platformapi"),
                (PayProvider::Alipay, "alipay://platformapi"),
                (PayProvider::Stripe, "https://buy.stripe.com"),
                (PayProvider::Stripe, "https://checkout.stripe.com"),
                (PayProvider::Checkout, "https://shop.example.com"),
                (PayProvider::Checkout, "https://a-1.example"),
                (PayProvider::Checkout, "https://x9.b"),
            ]),
            2 => (
                prop::sample::select(PayProvider::ALL.to_vec()),
                prop::sample::select(vec![
                    "HTTPS://shop.example.com",
                    "https://Shop.example.com",
                    "https://shop.example.com.",
                    "http://shop.example.com",
                    "https:/shop.example.com",
                    "https://u@shop.example.com",
                    "https://shop.example.com:8080",
                    "https://1.2",
                    "ftp://x9.b",
                    "weixin://WXPAY",
                    "https://wxpay",
                ]),
            ),
        ];
        let segment = prop_oneof![
            8 => "[a-zA-Z0-9_~-]{0,5}",
            1 => prop::sample::select(vec![".", "..", "bizpayurl", "a.b", "'", "%2e"]).prop_map(str::to_owned),
            2 => "[.!$&'()*+,;=:@%\\\\|^`{}\\[\\]\"<> ]{1,2}",
        ];
        let path = prop_oneof![
            1 => Just(String::new()),
            8 => prop::collection::vec(segment, 1..4).prop_map(|s| format!("/{}", s.join("/"))),
        ];
        let name = prop_oneof![
            6 => "[a-z_]{1,6}",
            1 => prop::sample::select(vec!["url", "QRCODE", "Redirect_Url", "return_url", "cancel_url"]).prop_map(str::to_owned),
            1 => "[a-z]{0,2}[%+][0-9a-f]{0,2}",
        ];
        let value =
            prop_oneof![6 => "[a-zA-Z0-9._~-]{0,8}", 2 => "[-._~!$&()*+,;=:@/?%'\"<>`{}|\\\\^#]{1,3}"];
        let query = prop_oneof![
            1 => Just(String::new()),
            4 => prop::collection::vec((name, "=?", value), 0..4).prop_map(|pairs| {
                let pairs: Vec<String> = pairs.into_iter().map(|(n, eq, v)| format!("{n}{eq}{v}")).collect();
                format!("?{}", pairs.join("&"))
            }),
        ];
        let fragment = prop_oneof![6 => Just(String::new()), 1 => "#[a-z]{0,3}"];
        (origin, path, query, fragment).prop_map(|((provider, origin), path, query, fragment)| {
            (provider, format!("{origin}{path}{query}{fragment}"))
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]
        /// Whatever is plainly allowed, the parser accepts and keeps as it is.
        #[test]
        fn plain_means_what_the_parser_says((provider, raw) in nearly_plain()) {
            if plainly_allowed(provider, &raw, &hosts()) {
                let parsed = parse_and_check(provider, &raw, &hosts());
                prop_assert_eq!(parsed.as_ref().map(PayLink::as_str), Ok(raw.as_str()));
            }
        }

        /// A plain domain is the parser's domain, unchanged.
        #[test]
        fn plain_domains_parse_as_themselves(host in "(xn--)?[a-z0-9.-]{1,12}") {
            if is_plain_domain(&host) {
                let parsed = url::Host::parse(&host);
                prop_assert_eq!(parsed, Ok(url::Host::Domain(host.clone())));
            }
        }
    }
}
