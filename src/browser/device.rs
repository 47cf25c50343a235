//! What the shopper's device is, as far as paying goes: a phone or not,
//! inside WeChat or not; how a payment link is best handed over on it; and
//! the browser's crypto source for order ids and codes.

use fujin_core::model::{PayLink, PayProvider};

/// The shopper's device.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Device {
    /// A phone or tablet (touch first): app links can open the payment app.
    pub phone: bool,
    /// Inside WeChat's own browser, where `weixin://` links work.
    pub in_wechat: bool,
    /// The widget runs in a frame (the iframe mode, a mini-program's
    /// `web-view`): payment pages must open at the top level, as most
    /// refuse to be framed and app links do not work from a frame.
    pub framed: bool,
}

impl Device {
    /// Looks at the browser: a coarse pointer or a mobile user agent is a phone;
    /// `MicroMessenger` in the user agent is WeChat.
    pub fn detect() -> Self {
        let Some(window) = web_sys::window() else { return Self::default() };
        let agent = window.navigator().user_agent().unwrap_or_default();
        let coarse = window.match_media("(pointer: coarse)").ok().flatten().is_some_and(|m| m.matches());
        let top = window.top().ok().flatten();
        let framed = top.is_some_and(|top| !js_sys::Object::is(&top, &window));
        Self { phone: coarse || agent.contains("Mobi"), in_wechat: agent.contains("MicroMessenger"), framed }
    }

    /// Where a payment link opens: a new tab on a desktop (the widget, with
    /// "I have paid", stays at hand), the whole window from a frame on a
    /// phone, else in place.
    pub fn link_target(self) -> Option<&'static str> {
        match (self.phone, self.framed) {
            (false, _) => Some("_blank"),
            (true, true) => Some("_top"),
            (true, false) => None,
        }
    }
}

/// How to hand a payment link to the shopper.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Handoff {
    /// A QR code to scan with the payment app (微信扫一扫 / 支付宝扫一扫), or
    /// with a phone for a web checkout.
    Qr,
    /// A button that opens the link.
    Open,
}

/// The best hand-off of `link` on `device`:
/// - WeChat Pay: a button inside WeChat; `weixin://` codes anywhere else can
///   only be scanned; H5 (`https`) links open on a phone; a desktop scans.
/// - Alipay: a button on a phone (the app or its page opens); a desktop scans.
/// - Stripe and web checkouts: a button everywhere (they work in any browser).
pub fn handoff(link: &PayLink, device: Device) -> Handoff {
    match link.provider() {
        PayProvider::Wechat if device.in_wechat => Handoff::Open,
        PayProvider::Wechat if device.phone && !link.is_app_link() => Handoff::Open,
        PayProvider::Wechat => Handoff::Qr,
        PayProvider::Alipay if device.phone => Handoff::Open,
        PayProvider::Alipay => Handoff::Qr,
        PayProvider::Stripe | PayProvider::Checkout => Handoff::Open,
    }
}

/// `N` random bytes from the browser's crypto source, if there is one.
pub fn random_bytes<const N: usize>() -> Option<[u8; N]> {
    let crypto = web_sys::window()?.crypto().ok()?;
    let mut bytes = [0u8; N];
    crypto.get_random_values_with_u8_array(&mut bytes).ok()?;
    Some(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use fujin_core::model::check_pay_link;

    fn link(provider: PayProvider, raw: &str) -> PayLink {
        check_pay_link(provider, raw, &["shop.example.com".to_owned()]).unwrap()
    }

    #[test]
    fn payment_pages_leave_a_frame_for_the_top_level() {
        let phone = Device { phone: true, ..Device::default() };
        assert_eq!(Device::default().link_target(), Some("_blank"));
        assert_eq!(phone.link_target(), None);
        assert_eq!(Device { framed: true, ..phone }.link_target(), Some("_top"));
        assert_eq!(Device { framed: true, ..Device::default() }.link_target(), Some("_blank"));
    }

    #[test]
    fn each_link_is_handed_over_the_way_it_can_work() {
        let desktop = Device::default();
        let phone = Device { phone: true, in_wechat: false, framed: false };
        let wechat = Device { phone: true, in_wechat: true, framed: false };
        let native = link(PayProvider::Wechat, "weixin://wxpay/bizpayurl?pr=1");
        let h5 = link(PayProvider::Wechat, "https://wx.tenpay.com/x");
        let alipay = link(PayProvider::Alipay, "https://qr.alipay.com/x");
        let stripe = link(PayProvider::Stripe, "https://buy.stripe.com/x");
        let checkout = link(PayProvider::Checkout, "https://shop.example.com/x");
        let cases = [
            (&native, desktop, Handoff::Qr),
            (&native, phone, Handoff::Qr),
            (&native, wechat, Handoff::Open),
            (&h5, desktop, Handoff::Qr),
            (&h5, phone, Handoff::Open),
            (&alipay, desktop, Handoff::Qr),
            (&alipay, phone, Handoff::Open),
            (&stripe, desktop, Handoff::Open),
            (&checkout, phone, Handoff::Open),
        ];
        for (link, device, expected) in cases {
            assert_eq!(handoff(link, device), expected, "{} on {device:?}", link.as_str());
        }
    }
}
