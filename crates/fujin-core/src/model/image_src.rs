//! Deal photos: where an `<img>` may load them from. Like payment links,
//! every image address from a feed is checked before it reaches a `src`:
//! an `https://` page on one of the feed's allowed hosts (`checkout_hosts`,
//! by the same rules as a checkout link), a path beside the feed (resolved
//! against the feed's own address, and kept only on its origin), or a
//! small `data:image/…` picture. An image loaded by `<img>` runs no script,
//! but an unchecked address would still let a feed make the shopper's
//! browser call any server.

use url::Url;

use super::pay_link::{MAX_LINK_LEN, PayLinkError, PayProvider, check_pay_link, is_plain_url};

/// Most photos of one deal.
pub const MAX_IMAGES: usize = 6;

/// Longest image address, in bytes: a `data:` picture may be this long; an
/// `https://` address or a path at most [`MAX_LINK_LEN`].
pub const MAX_IMAGE_SRC_LEN: usize = 8 * 1024;

/// The `data:` pictures accepted: their media type, then `,` or `;base64,`.
const DATA_TYPES: [&str; 5] = ["image/png", "image/jpeg", "image/gif", "image/webp", "image/svg+xml"];

/// Why an image address was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImageError {
    /// Over [`MAX_IMAGE_SRC_LEN`] (a `data:` picture) or [`MAX_LINK_LEN`].
    #[error("image address is {len} bytes long; the limit is {max}")]
    TooLong {
        /// Its length in bytes.
        len: usize,
        /// The limit for its kind.
        max: usize,
    },
    /// Nothing there, or a space, control or non-ASCII character.
    #[error("image address is empty or has a space, control or non-ASCII character; percent-encode it")]
    NotPlain,
    /// A `data:` address that is not one of the picture types.
    #[error("a data: image must be image/png, image/jpeg, image/gif, image/webp or image/svg+xml")]
    NotAPicture,
    /// An `https://` address that a checkout link could not be.
    #[error("image address: {0}")]
    NotAllowed(PayLinkError),
    /// Neither `https:`, `data:` nor a path (another scheme, or `//host`).
    #[error(
        "an image must be https:// on one of the feed's checkout_hosts, a path beside the feed, or data:image/…"
    )]
    NotAnImageAddress,
}

/// A checked image address ([`check_image_src`]): safe to put in a `src`
/// as it is, except a path, which [`ImageSrc::resolve`] makes absolute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageSrc(String);

impl ImageSrc {
    /// The address as checked (for a path, still relative).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// What an `<img>` may load: the address itself, or for a path, the
    /// path resolved against `feed_url` (the feed's own absolute address)
    /// when it stays on that origin; `None` when it cannot be resolved.
    ///
    /// ```
    /// use fujin_core::model::check_image_src;
    /// let path = check_image_src("photos/1.jpg", &[]).unwrap();
    /// let feed = url::Url::parse("https://cdn.example/city/feed.json").unwrap();
    /// assert_eq!(path.resolve(Some(&feed)).as_deref(), Some("https://cdn.example/city/photos/1.jpg"));
    /// assert_eq!(path.resolve(None), None);
    /// ```
    pub fn resolve(&self, feed_url: Option<&Url>) -> Option<String> {
        if self.0.starts_with("https:") || self.0.starts_with("data:") {
            return Some(self.0.clone());
        }
        let base = feed_url.filter(|b| matches!(b.scheme(), "http" | "https"))?;
        let resolved = base.join(&self.0).ok()?;
        (resolved.origin() == base.origin()).then(|| resolved.into())
    }
}

/// Checks an image address from a feed (see the [module](self)).
///
/// ```
/// use fujin_core::model::check_image_src;
/// let hosts = ["img.shop.example".to_owned()];
/// assert!(check_image_src("https://img.shop.example/a.jpg", &hosts).is_ok());
/// assert!(check_image_src("https://elsewhere.example/a.jpg", &hosts).is_err());
/// assert!(check_image_src("images/a.jpg", &hosts).is_ok());
/// assert!(check_image_src("data:image/svg+xml,%3Csvg%3E%3C/svg%3E", &hosts).is_ok());
/// assert!(check_image_src("javascript:alert(1)", &hosts).is_err());
/// assert!(check_image_src("//evil.example/a.jpg", &hosts).is_err());
/// ```
pub fn check_image_src(raw: &str, checkout_hosts: &[String]) -> Result<ImageSrc, ImageError> {
    if raw.is_empty() || !raw.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(ImageError::NotPlain);
    }
    if let Some(data) = raw.strip_prefix("data:") {
        if raw.len() > MAX_IMAGE_SRC_LEN {
            return Err(ImageError::TooLong { len: raw.len(), max: MAX_IMAGE_SRC_LEN });
        }
        let media = data.split_once(',').map_or("", |(media, _)| media);
        let media = media.strip_suffix(";base64").unwrap_or(media);
        return if DATA_TYPES.contains(&media) {
            Ok(ImageSrc(raw.to_owned()))
        } else {
            Err(ImageError::NotAPicture)
        };
    }
    if raw.len() > MAX_LINK_LEN {
        return Err(ImageError::TooLong { len: raw.len(), max: MAX_LINK_LEN });
    }
    // A scheme is letters (and + - .) up to the first colon, before any
    // slash, question mark or hash: `https:`, or anything else refused.
    let scheme_end = raw
        .bytes()
        .position(|b| matches!(b, b':' | b'/' | b'?' | b'#'))
        .filter(|&i| raw.as_bytes()[i] == b':');
    match scheme_end.map(|i| &raw[..i]) {
        Some(scheme) if scheme.eq_ignore_ascii_case("https") => {
            let link =
                check_pay_link(PayProvider::Checkout, raw, checkout_hosts).map_err(ImageError::NotAllowed)?;
            Ok(ImageSrc(link.as_str().to_owned()))
        }
        Some(_) => Err(ImageError::NotAnImageAddress),
        // A path: not `//host` (another origin) nor a backslash, which
        // browsers read as a slash.
        None if raw.starts_with("//") || raw.contains('\\') || !is_plain_url(raw) => {
            Err(ImageError::NotAnImageAddress)
        }
        None => Ok(ImageSrc(raw.to_owned())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTS: &[&str] = &["img.shop.example"];

    fn check(raw: &str) -> Result<ImageSrc, ImageError> {
        check_image_src(raw, &HOSTS.iter().map(|h| h.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn accepts_the_three_kinds() {
        for ok in [
            "https://img.shop.example/deals/1.jpg",
            "HTTPS://IMG.SHOP.EXAMPLE/x.png",
            "images/food-1.svg",
            "/images/food-1.svg",
            "../shared/a.webp?v=2",
            "data:image/png;base64,iVBORw0KGgo=",
            "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'/%3E".replace(' ', "%20").as_str(),
        ] {
            assert!(check(ok).is_ok(), "{ok}: {:?}", check(ok));
        }
        assert_eq!(
            check("HTTPS://IMG.SHOP.EXAMPLE/x.png").unwrap().as_str(),
            "https://img.shop.example/x.png"
        );
    }

    #[test]
    fn refuses_everything_else() {
        for bad in [
            "",
            " images/a.jpg",
            "java\tscript:alert(1)",
            "javascript:alert(1)",
            "JAVASCRIPT:alert(1)",
            "http://img.shop.example/a.jpg",
            "https://evil.example/a.jpg",
            "https://img.shop.example.evil.example/a.jpg",
            "https://user@img.shop.example/a.jpg",
            "//evil.example/a.jpg",
            "\\\\evil.example\\a.jpg",
            "/\\evil.example/a.jpg",
            "data:text/html,<script>alert(1)</script>",
            "data:image/svg+xml;charset=utf-8,x",
            "data:,x",
            "blob:https://img.shop.example/1",
            "图片.jpg",
        ] {
            assert!(check(bad).is_err(), "{bad:?} was accepted");
        }
        let long = format!("data:image/png;base64,{}", "A".repeat(MAX_IMAGE_SRC_LEN));
        assert!(matches!(check(&long), Err(ImageError::TooLong { .. })));
        let long = format!("images/{}", "a".repeat(MAX_LINK_LEN));
        assert!(matches!(check(&long), Err(ImageError::TooLong { .. })));
    }

    #[test]
    fn paths_stay_on_the_feeds_origin() {
        let feed = Url::parse("https://cdn.example/city/feed.json").unwrap();
        let at = |raw: &str| check(raw).unwrap().resolve(Some(&feed));
        assert_eq!(at("a.jpg").as_deref(), Some("https://cdn.example/city/a.jpg"));
        assert_eq!(at("/a.jpg").as_deref(), Some("https://cdn.example/a.jpg"));
        assert_eq!(at("../../../a.jpg").as_deref(), Some("https://cdn.example/a.jpg"));
        // A feed from a data: URL (or file:) has no origin to stay on.
        let data = Url::parse("data:application/json,{}").unwrap();
        assert_eq!(check("a.jpg").unwrap().resolve(Some(&data)), None);
        // Addresses that are absolute already are kept as they are.
        let https = check("https://img.shop.example/a.jpg").unwrap();
        assert_eq!(https.resolve(None).as_deref(), Some("https://img.shop.example/a.jpg"));
    }
}
