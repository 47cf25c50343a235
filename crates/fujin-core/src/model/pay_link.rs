//! Payment links: the only URLs from a feed that Fujin ever puts in an `href`.
//!
//! Every link is parsed with a WHATWG URL parser (the `url` crate, the same
//! algorithm browsers use) and must match its provider's allowlist of scheme
//! and host. Because that parser silently strips leading control characters
//! and removes tabs and newlines (`java\tscript:` parses as `javascript:`),
//! the raw text is first required to be plain printable ASCII.

use std::fmt;
use std::str::FromStr;

use url::{Host, Url};

use super::plain_link::plainly_allowed;

/// Longest payment link accepted, in bytes.
pub const MAX_LINK_LEN: usize = 2048;

/// Who takes the money.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PayProvider {
    /// WeChat Pay: `weixin://wxpay/bizpayurl?…` Native codes or `https://wx.tenpay.com/…` H5 links.
    Wechat,
    /// Alipay: `https://qr.alipay.com/…` codes or `alipays://` / `alipay://` app links.
    Alipay,
    /// Stripe Payment Links and Checkout: `https://buy.stripe.com/…`, `https://checkout.stripe.com/…`.
    Stripe,
    /// The merchant's own `https://` checkout, on a host the feed declares in `checkout_hosts`.
    Checkout,
}

impl PayProvider {
    /// Every provider, in display order.
    pub const ALL: [PayProvider; 4] =
        [PayProvider::Wechat, PayProvider::Alipay, PayProvider::Stripe, PayProvider::Checkout];

    /// The key used in a deal's `pay` object.
    pub fn key(self) -> &'static str {
        match self {
            PayProvider::Wechat => "wechat",
            PayProvider::Alipay => "alipay",
            PayProvider::Stripe => "stripe",
            PayProvider::Checkout => "checkout",
        }
    }
}

impl fmt::Display for PayProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

impl FromStr for PayProvider {
    type Err = PayLinkError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        PayProvider::ALL
            .into_iter()
            .find(|p| p.key() == s)
            .ok_or_else(|| PayLinkError::UnknownProvider(s.to_owned()))
    }
}

/// Why a payment link was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PayLinkError {
    /// A key in `pay` that names no provider.
    #[error("unknown payment provider {0:?}; use wechat, alipay, stripe or checkout")]
    UnknownProvider(String),
    /// Nothing there.
    #[error("payment link is empty")]
    Empty,
    /// Over [`MAX_LINK_LEN`], as written or as the URL parser writes it
    /// (escaping can make it longer).
    #[error("payment link is {0} bytes long; the limit is {MAX_LINK_LEN}")]
    TooLong(usize),
    /// A link that fits, but not with what Fujin adds at hand-off.
    #[error(
        "payment link is {len} bytes long; with the up to {room} bytes Fujin adds when handing an order off \
         (order id, return URL, referral) it could pass the limit of {MAX_LINK_LEN}"
    )]
    NoRoomForHandoff {
        /// Its length as stored, in bytes.
        len: usize,
        /// The most bytes hand-off may add.
        room: usize,
    },
    /// Whitespace, control characters or non-ASCII: the disguises of `javascript:` links.
    #[error("payment link contains a space, control or non-ASCII character at byte {0}; percent-encode it")]
    BadCharacter(usize),
    /// The URL parser refused it.
    #[error("payment link is not a valid URL: {0}")]
    Unparsable(url::ParseError),
    /// A scheme this provider never uses (`javascript:`, `data:`, `http:`, …).
    #[error("scheme {scheme:?} is not allowed for {provider} payment links")]
    SchemeNotAllowed {
        /// The provider the link was given for.
        provider: PayProvider,
        /// The scheme found.
        scheme: String,
    },
    /// A host this provider does not pay through.
    #[error("host {host:?} is not allowed for {provider} payment links")]
    HostNotAllowed {
        /// The provider the link was given for.
        provider: PayProvider,
        /// The host found (empty when there is none).
        host: String,
    },
    /// `user:password@` in a link: a classic way to disguise the real host.
    #[error("payment link must not contain a user name or password")]
    HasCredentials,
    /// An explicit port: real payment pages never need one.
    #[error("payment link must not name a port")]
    HasPort,
    /// A return parameter ([`RETURN_PARAMS`]) that would send the shopper,
    /// once paid, to a page that is not on one of the feed's checkout hosts.
    #[error(
        "the {param:?} parameter must send the shopper back to a page on one of the feed's checkout hosts: {reason}"
    )]
    ReturnNotAllowed {
        /// The parameter's name, as written.
        param: String,
        /// Why its value is refused.
        reason: Box<PayLinkError>,
    },
    /// A link inside a link ([`NESTED_PARAMS`]: what an app link opens)
    /// that would be refused on its own.
    #[error("the {param:?} parameter holds a link that is not allowed: {reason}")]
    NestedNotAllowed {
        /// The parameter's name, as written.
        param: String,
        /// Why its value is refused.
        reason: Box<PayLinkError>,
    },
    /// A nested link or return page that itself carries one: never needed,
    /// and every level more is another reading a provider may disagree on.
    #[error("a link inside a payment link must not carry another link")]
    NestedTooDeep,
}

/// Query parameters that name the page a provider sends the shopper to
/// after paying (compared without regard to case). A feed's value must be
/// an `https` page on one of its checkout hosts; at hand-off Fujin replaces
/// the one it fills in (WeChat Pay's `redirect_url`) rather than adding a
/// second, which many parsers would ignore.
pub const RETURN_PARAMS: [&str; 5] =
    ["redirect_url", "redirect_uri", "return_url", "success_url", "cancel_url"];

/// Query parameters whose value is a link that an app link opens
/// (`alipays://platformapi/startapp?…&url=…` or `&qrcode=…`; compared
/// without regard to case): it must pass the same provider's rules, or be
/// a page on one of the feed's checkout hosts, and carry no link itself.
pub const NESTED_PARAMS: [&str; 2] = ["url", "qrcode"];

/// A payment link that passed [`check_pay_link`]. It can only be made by
/// checking, so holding one means the URL is safe to put in an `href`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PayLink {
    provider: PayProvider,
    url: String,
}

impl PayLink {
    /// Who takes the money.
    pub fn provider(&self) -> PayProvider {
        self.provider
    }

    /// The normalised URL (as the parser serialises it).
    pub fn as_str(&self) -> &str {
        &self.url
    }

    /// True for `weixin://` and `alipay(s)://` links, which open an app
    /// rather than a web page.
    pub fn is_app_link(&self) -> bool {
        !self.url.starts_with("https://")
    }
}

/// Checks a payment link for `provider` against the allowlist.
/// `checkout_hosts` are the hosts the feed declares for generic checkouts.
///
/// ```
/// use fujin_core::model::{PayProvider, check_pay_link};
/// assert!(check_pay_link(PayProvider::Stripe, "https://buy.stripe.com/test_123", &[]).is_ok());
/// assert!(check_pay_link(PayProvider::Stripe, "javascript:alert(1)", &[]).is_err());
/// assert!(check_pay_link(PayProvider::Stripe, "https://buy.stripe.com.evil.example/x", &[]).is_err());
/// let hosts = ["shop.example.com".to_owned()];
/// assert!(check_pay_link(PayProvider::Checkout, "https://shop.example.com/pay?d=1", &hosts).is_ok());
/// ```
pub fn check_pay_link(
    provider: PayProvider,
    raw: &str,
    checkout_hosts: &[String],
) -> Result<PayLink, PayLinkError> {
    check_link(provider, raw, checkout_hosts, Level::Feed)
}

/// [`check_pay_link`] for a link Fujin has handed off: a parameter that
/// holds exactly one of the values Fujin `filled` in (the widget's own
/// page, the order id, the referral code: see `commerce::handoff_link`)
/// is Fujin's, whatever the feed named it, and not checked as a link.
///
/// ```
/// use fujin_core::model::{PayProvider, check_handed_off_link, check_pay_link};
/// let raw = "https://wx.tenpay.com/pay?prepay_id=1&redirect_url=http%3A%2F%2Flocalhost%3A8080%2F";
/// assert!(check_pay_link(PayProvider::Wechat, raw, &[]).is_err());
/// assert!(check_handed_off_link(PayProvider::Wechat, raw, &[], &["http://localhost:8080/"]).is_ok());
/// ```
pub fn check_handed_off_link(
    provider: PayProvider,
    raw: &str,
    checkout_hosts: &[String],
    filled: &[&str],
) -> Result<PayLink, PayLinkError> {
    check_link(provider, raw, checkout_hosts, Level::HandedOff { filled })
}

/// Where a link being checked comes from.
#[derive(Clone, Copy)]
enum Level<'a> {
    /// Straight from a feed.
    Feed,
    /// From Fujin's hand-off, which filled in these values.
    HandedOff { filled: &'a [&'a str] },
    /// Inside another link's parameter: it may carry no link itself.
    Nested,
}

fn check_link(
    provider: PayProvider,
    raw: &str,
    checkout_hosts: &[String],
    level: Level,
) -> Result<PayLink, PayLinkError> {
    check_text(raw)?;
    // Most links are known good without the parser (a plain link carries
    // no link inside, so where it comes from does not matter).
    if plainly_allowed(provider, raw, checkout_hosts) {
        return Ok(PayLink { provider, url: raw.to_owned() });
    }
    parse_link(provider, raw, checkout_hosts, level)
}

/// [`check_pay_link`] without the plain links' short cut: the parser's own
/// answer, which `plain_link`'s tests hold the short cut to.
#[cfg(test)]
pub(super) fn parse_and_check(
    provider: PayProvider,
    raw: &str,
    checkout_hosts: &[String],
) -> Result<PayLink, PayLinkError> {
    check_text(raw)?;
    parse_link(provider, raw, checkout_hosts, Level::Feed)
}

/// The checks on a link's text before it is parsed.
fn check_text(raw: &str) -> Result<(), PayLinkError> {
    if raw.is_empty() {
        return Err(PayLinkError::Empty);
    }
    if raw.len() > MAX_LINK_LEN {
        return Err(PayLinkError::TooLong(raw.len()));
    }
    if let Some(at) = raw.bytes().position(|b| !b.is_ascii_graphic()) {
        return Err(PayLinkError::BadCharacter(at));
    }
    Ok(())
}

/// The check itself, with the URL parser.
fn parse_link(
    provider: PayProvider,
    raw: &str,
    checkout_hosts: &[String],
    level: Level,
) -> Result<PayLink, PayLinkError> {
    // No allowed host has a percent sign, and the ASCII-only `idna` back
    // end must never see one in a host (see [`is_plain_url`]).
    let authority = authority(raw);
    if authority.contains('%') {
        return Err(PayLinkError::HostNotAllowed { provider, host: authority.to_owned() });
    }
    let url = Url::parse(raw).map_err(PayLinkError::Unparsable)?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err(PayLinkError::HasCredentials);
    }
    if url.port().is_some() {
        return Err(PayLinkError::HasPort);
    }
    let scheme = url.scheme();
    let host = match url.host() {
        Some(Host::Domain(d)) => d.to_owned(),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    if !scheme_allowed(provider, scheme) {
        return Err(PayLinkError::SchemeNotAllowed { provider, scheme: scheme.to_owned() });
    }
    let host_ok = host_allowed(provider, scheme, &host, url.path(), checkout_hosts)
        && (provider != PayProvider::Checkout || matches!(url.host(), Some(Host::Domain(_))));
    if !host_ok {
        return Err(PayLinkError::HostNotAllowed { provider, host });
    }
    check_inner_links(&url, provider, checkout_hosts, level)?;
    // What is stored and put in an `href` is the parser's form, which
    // percent-encodes what the text left bare: the limit applies to it too.
    let url = String::from(url);
    if url.len() > MAX_LINK_LEN {
        return Err(PayLinkError::TooLong(url.len()));
    }
    Ok(PayLink { provider, url })
}

/// The allowlist's schemes: whether `provider` takes links of `scheme`.
pub(super) fn scheme_allowed(provider: PayProvider, scheme: &str) -> bool {
    match provider {
        PayProvider::Wechat => matches!(scheme, "https" | "weixin"),
        PayProvider::Alipay => matches!(scheme, "https" | "alipays" | "alipay"),
        PayProvider::Stripe | PayProvider::Checkout => scheme == "https",
    }
}

/// The allowlist's hosts: whether `provider` pays through `host` with a
/// link of `scheme` (which passed [`scheme_allowed`]) and `path`. A
/// checkout host must also be a domain name, which the caller checks.
pub(super) fn host_allowed(
    provider: PayProvider,
    scheme: &str,
    host: &str,
    path: &str,
    checkout_hosts: &[String],
) -> bool {
    match (provider, scheme) {
        (PayProvider::Wechat, "weixin") => host == "wxpay" && path.starts_with("/bizpayurl"),
        (PayProvider::Wechat, _) => host == "wx.tenpay.com",
        (PayProvider::Alipay, "https") => host == "qr.alipay.com",
        (PayProvider::Alipay, _) => host == "platformapi",
        (PayProvider::Stripe, _) => matches!(host, "buy.stripe.com" | "checkout.stripe.com"),
        (PayProvider::Checkout, _) => checkout_hosts.iter().any(|h| h == host),
    }
}

/// Checks the links a link carries in its query: return pages
/// ([`RETURN_PARAMS`]) and nested links ([`NESTED_PARAMS`]), every one of
/// them (a parameter given twice is checked twice).
fn check_inner_links(
    url: &Url,
    provider: PayProvider,
    checkout_hosts: &[String],
    level: Level,
) -> Result<(), PayLinkError> {
    for (name, value) in url.query_pairs() {
        let named = |names: &[&str]| names.iter().any(|n| n.eq_ignore_ascii_case(&name));
        let (nested, returns) = (named(&NESTED_PARAMS), named(&RETURN_PARAMS));
        if !nested && !returns {
            continue;
        }
        match level {
            Level::Nested => return Err(PayLinkError::NestedTooDeep),
            Level::HandedOff { filled } if filled.contains(&&*value) => continue,
            _ => {}
        }
        if returns {
            check_link(PayProvider::Checkout, &value, checkout_hosts, Level::Nested).map_err(|reason| {
                PayLinkError::ReturnNotAllowed { param: name.clone().into_owned(), reason: Box::new(reason) }
            })?;
        } else {
            // The provider's own kind of link, or the merchant's page.
            check_link(provider, &value, checkout_hosts, Level::Nested)
                .or_else(|refused| {
                    check_link(PayProvider::Checkout, &value, checkout_hosts, Level::Nested)
                        .map_err(|_| refused)
                })
                .map_err(|reason| PayLinkError::NestedNotAllowed {
                    param: name.clone().into_owned(),
                    reason: Box::new(reason),
                })?;
        }
    }
    Ok(())
}

/// The authority of a URL's text (user info, host, port): after the
/// scheme's colon and any slashes, up to the path, query or fragment.
fn authority(raw: &str) -> &str {
    let after_scheme = raw.split_once(':').map_or("", |(_, rest)| rest).trim_start_matches(['/', '\\']);
    // By bytes: a pattern of chars decodes every character (a packed feed's
    // links are all checked again, and this was a tenth of reading one).
    let end = after_scheme.bytes().position(|b| matches!(b, b'/' | b'\\' | b'?' | b'#'));
    &after_scheme[..end.unwrap_or(after_scheme.len())]
}

/// True for URL text that is safe to hand to the URL parser with the
/// ASCII-only `idna` back end (see the core's Cargo.toml): printable ASCII,
/// and no percent sign in the authority. Anything else is refused before
/// parsing: that back end asserts (in debug builds) on a host where
/// capitals meet non-ASCII or percent-encoded bytes, which fuzzing found.
pub(crate) fn is_plain_url(raw: &str) -> bool {
    raw.bytes().all(|b| b.is_ascii_graphic()) && !authority(raw).contains('%')
}

/// Checks a host name that a feed declares for its own checkout: a plain
/// lower-case domain name with at least one dot, not an IP address.
pub fn is_valid_checkout_host(host: &str) -> bool {
    if host.is_empty() || host.len() > 253 || !host.contains('.') {
        return false;
    }
    if !host.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-') {
        return false;
    }
    matches!(Host::parse(host), Ok(Host::Domain(d)) if d == host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directions_links_pass_the_checkout_allowlist() {
        use crate::geo::{LonLat, MapApp, directions_url};
        for app in MapApp::ALL {
            let u = directions_url(app, LonLat::new(114.0, 22.5), "名字 with spaces");
            let host = u.split('/').nth(2).unwrap().to_owned();
            assert!(check_pay_link(PayProvider::Checkout, &u, &[host]).is_ok());
        }
    }

    #[test]
    fn hosts_are_ascii_punycode_for_international_domains() {
        let hosts = ["xn--fiqs8s.example".to_owned()];
        let punycode = check_pay_link(PayProvider::Checkout, "https://xn--fiqs8s.example/pay", &hosts);
        assert_eq!(punycode.map(|l| l.as_str().to_owned()), Ok("https://xn--fiqs8s.example/pay".to_owned()));
        // Percent-encoded Unicode in the host is refused, not turned into punycode.
        let encoded = check_pay_link(PayProvider::Checkout, "https://%E4%B8%AD%E5%9B%BD.example/pay", &hosts);
        assert!(matches!(encoded, Err(PayLinkError::HostNotAllowed { .. })), "{encoded:?}");
        // Capitals beside a percent-encoded byte (found by fuzzing the
        // packed reader: the ASCII-only back end asserted on it), with or
        // without the slashes a special scheme may omit, and in user info.
        let shop = ["shop.example.com".to_owned()];
        for raw in [
            "https://shop.example.comG%E2/x",
            "https:shop.example.comG%E2/x",
            "https:\\\\A%41@shop.example.com/",
        ] {
            let refused = check_pay_link(PayProvider::Checkout, raw, &shop);
            assert!(matches!(refused, Err(PayLinkError::HostNotAllowed { .. })), "{raw}: {refused:?}");
        }
        // A percent sign after the host is fine.
        assert!(check_pay_link(PayProvider::Checkout, "https://shop.example.com/a%20b?q=%41", &shop).is_ok());
        // Punycode that does not decode is refused, as before.
        assert!(!is_valid_checkout_host("xn--zz.example"));
    }

    fn ok(provider: PayProvider, raw: &str) -> bool {
        check_pay_link(provider, raw, &["shop.example.com".to_owned()]).is_ok()
    }

    #[test]
    fn accepts_every_real_kind_of_link() {
        assert!(ok(PayProvider::Wechat, "weixin://wxpay/bizpayurl?pr=AbC123"));
        assert!(ok(PayProvider::Wechat, "https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=1"));
        assert!(ok(PayProvider::Alipay, "https://qr.alipay.com/bax01234"));
        assert!(ok(PayProvider::Alipay, "alipays://platformapi/startapp?appId=20000067"));
        assert!(ok(PayProvider::Alipay, "alipay://platformapi/startapp?appId=20000067"));
        assert!(ok(PayProvider::Stripe, "https://buy.stripe.com/test_eVa5kt"));
        assert!(ok(PayProvider::Stripe, "https://checkout.stripe.com/c/pay/cs_test_a1"));
        assert!(ok(PayProvider::Checkout, "https://shop.example.com/checkout?deal=d1"));
        assert!(ok(PayProvider::Stripe, "HTTPS://BUY.STRIPE.COM/x"), "scheme and host are case-insensitive");
    }

    /// A hostile corpus: everything here must be refused for every provider.
    #[test]
    fn refuses_hostile_links() {
        let hostile = [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(document.cookie)",
            " javascript:alert(1)",
            "\u{0}javascript:alert(1)",
            "\u{1}https://buy.stripe.com/x",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "javascript&colon;alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)",
            "file:///etc/passwd",
            "http://buy.stripe.com/x",
            "https://buy.stripe.com.evil.example/x",
            "https://evil.example/buy.stripe.com",
            "https://buy.stripe.com@evil.example/x",
            "https://user:pw@buy.stripe.com/x",
            "https://buy.stripe.com:8443/x",
            "https://xn--by-stripe-8ib.com/x",
            "https://buy.strіpe.com/x", // Cyrillic і
            "https://buy.stripe.com\u{202e}/x",
            "//buy.stripe.com/x",
            "/relative/path",
            "https:\\\\evil.example\\x",
            "weixin://evil/bizpayurl",
            "weixin://wxpay/other",
            "alipays://evil/startapp",
            "https://shop.example.com.evil.example/",
            "https://127.0.0.1/pay",
            "",
        ];
        for raw in hostile {
            for provider in PayProvider::ALL {
                assert!(!ok(provider, raw), "{provider} accepted {raw:?}");
            }
        }
        let long = format!("https://buy.stripe.com/{}", "a".repeat(MAX_LINK_LEN));
        assert_eq!(check_pay_link(PayProvider::Stripe, &long, &[]), Err(PayLinkError::TooLong(long.len())));
        // 2,000 bytes as written, 2,900 once the parser has escaped the quotes.
        let escaped = format!("https://buy.stripe.com/{}", "\"".repeat(450) + &"a".repeat(1527));
        assert_eq!(escaped.len(), 2000);
        assert_eq!(check_pay_link(PayProvider::Stripe, &escaped, &[]), Err(PayLinkError::TooLong(2900)));
    }

    #[test]
    fn app_links_open_only_what_would_pass_on_its_own() {
        let alipay = |raw: &str| check_pay_link(PayProvider::Alipay, raw, &["shop.example.com".to_owned()]);
        let start = "alipays://platformapi/startapp?appId=20000067";
        for fine in [
            format!("{start}&url=https%3A%2F%2Fqr.alipay.com%2Fbax01234"),
            format!("{start}&qrcode=https://qr.alipay.com/bax01234"),
            format!("{start}&url=https%3A%2F%2Fshop.example.com%2Fpay%3Fd%3D1"),
        ] {
            assert!(alipay(&fine).is_ok(), "{fine}");
        }
        for (raw, param) in [
            (format!("{start}&url=javascript:alert(1)"), "url"),
            (format!("{start}&URL=javascript%3Aalert(1)"), "URL"),
            (format!("{start}&qrcode=https%3A%2F%2Fevil.example%2F"), "qrcode"),
            (format!("{start}&url=https://qr.alipay.com/x&url=data:text/html,x"), "url"),
            (format!("{start}&u%72l=javascript:alert(1)"), "url"),
            ("https://qr.alipay.com/bax?url=javascript:alert(1)".to_owned(), "url"),
        ] {
            match alipay(&raw) {
                Err(PayLinkError::NestedNotAllowed { param: p, .. }) => assert_eq!(p, param, "{raw}"),
                other => panic!("{raw}: {other:?}"),
            }
        }
        // A nested link that carries another link is refused, however good.
        let twice = format!(
            "{start}&url=alipays%3A%2F%2Fplatformapi%2Fstartapp%3Furl%3Dhttps%253A%252F%252Fqr.alipay.com%252Fx"
        );
        let err = alipay(&twice).unwrap_err();
        assert!(
            matches!(&err, PayLinkError::NestedNotAllowed { reason, .. } if **reason == PayLinkError::NestedTooDeep),
            "{err:?}"
        );
        assert_eq!(
            err.to_string(),
            "the \"url\" parameter holds a link that is not allowed: a link inside a payment link must not carry another link"
        );
    }

    #[test]
    fn return_pages_stay_on_the_feeds_hosts() {
        let tenpay = "https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=1";
        assert!(ok(
            PayProvider::Wechat,
            &format!("{tenpay}&redirect_url=https%3A%2F%2Fshop.example.com%2Fdone")
        ));
        for back in
            ["https%3A%2F%2Fevil.example%2F", "javascript:alert(1)", "http%3A%2F%2Fshop.example.com%2F", ""]
        {
            let raw = format!("{tenpay}&redirect_url={back}");
            let err =
                check_pay_link(PayProvider::Wechat, &raw, &["shop.example.com".to_owned()]).unwrap_err();
            assert!(matches!(err, PayLinkError::ReturnNotAllowed { .. }), "{raw}: {err:?}");
        }
        // Any provider, any of the names, any case.
        assert!(!ok(PayProvider::Checkout, "https://shop.example.com/pay?Success_URL=https://evil.example/"));
        assert!(!ok(PayProvider::Stripe, "https://buy.stripe.com/x?cancel_url=https://evil.example/"));
        assert!(ok(
            PayProvider::Checkout,
            "https://shop.example.com/pay?return_url=https://shop.example.com/ok"
        ));
        // Only Fujin's own return page is allowed besides, and only at hand-off.
        let handed = format!("{tenpay}&redirect_url=http%3A%2F%2Flocalhost%3A8080%2F%3Forder%3D1");
        assert!(!ok(PayProvider::Wechat, &handed));
        let back = "http://localhost:8080/?order=1";
        assert!(check_handed_off_link(PayProvider::Wechat, &handed, &[], &[back]).is_ok());
        assert!(
            check_handed_off_link(PayProvider::Wechat, &handed, &[], &["http://localhost:8080/"]).is_err()
        );
    }

    #[test]
    fn providers_do_not_share_hosts() {
        assert!(!ok(PayProvider::Stripe, "https://qr.alipay.com/x"));
        assert!(!ok(PayProvider::Alipay, "weixin://wxpay/bizpayurl?pr=1"));
        assert!(!ok(PayProvider::Wechat, "https://shop.example.com/x"));
        assert!(check_pay_link(PayProvider::Checkout, "https://shop.example.com/x", &[]).is_err());
    }

    #[test]
    fn errors_say_what_is_wrong() {
        let err = check_pay_link(PayProvider::Stripe, "javascript:alert(1)", &[]).unwrap_err();
        assert_eq!(err.to_string(), "scheme \"javascript\" is not allowed for stripe payment links");
        let err = check_pay_link(PayProvider::Stripe, " https://buy.stripe.com", &[]).unwrap_err();
        assert_eq!(err, PayLinkError::BadCharacter(0));
    }

    #[test]
    fn checkout_hosts() {
        assert!(is_valid_checkout_host("shop.example.com"));
        assert!(!is_valid_checkout_host("localhost"));
        assert!(!is_valid_checkout_host("127.0.0.1"));
        assert!(!is_valid_checkout_host("Shop.Example.com"));
        assert!(!is_valid_checkout_host("shop.example.com/x"));
        assert!(!is_valid_checkout_host(""));
    }
}
