//! Which feed a widget loads: the one its host configured, or one named in
//! the page address (`?feed=`) when the host allows that feed's origin. A
//! link alone must not swap a merchant's deals (and their payment links)
//! for someone else's under the merchant's address.

use url::Url;

/// The feed to load, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeedChoice {
    /// The host's feed; the address named none.
    Host(String),
    /// The feed the address names, resolved against the page: its origin
    /// is one the host allows.
    Linked(String),
    /// The address named a feed the host does not allow; the host's feed
    /// is loaded instead, and the shopper is told.
    Refused {
        /// The host's feed, loaded instead.
        host: String,
        /// The origin of the refused feed (`null` for `data:` and the like).
        origin: String,
    },
}

impl FeedChoice {
    /// The URL to load.
    pub fn url(&self) -> &str {
        match self {
            FeedChoice::Host(url) | FeedChoice::Linked(url) | FeedChoice::Refused { host: url, .. } => url,
        }
    }
}

/// The origin the host writes to allow feeds from its own origin.
pub const SAME_ORIGIN: &str = "self";

/// Chooses between the host's feed and the one the address names
/// (`linked`), for a page at `page_url`. `allowed_origins` lists origins
/// such as `https://cdn.example.com`, or [`SAME_ORIGIN`]; empty, no linked
/// feed is ever loaded.
///
/// ```
/// use fujin_core::view::{FeedChoice, choose_feed};
/// let page = "https://shop.example/deals?feed=/other.json";
/// let allowed = ["self".to_owned()];
/// let chosen = choose_feed("/deals.json", Some("/other.json"), page, &allowed);
/// assert_eq!(chosen, FeedChoice::Linked("https://shop.example/other.json".into()));
/// let evil = choose_feed("/deals.json", Some("https://evil.example/f.json"), page, &allowed);
/// assert_eq!(evil, FeedChoice::Refused { host: "/deals.json".into(), origin: "https://evil.example".into() });
/// ```
pub fn choose_feed(
    host: &str,
    linked: Option<&str>,
    page_url: &str,
    allowed_origins: &[String],
) -> FeedChoice {
    let Some(linked) = linked else { return FeedChoice::Host(host.to_owned()) };
    let page = Url::parse(page_url).ok();
    let resolved = match &page {
        Some(page) => page.join(linked),
        None => Url::parse(linked),
    };
    let Ok(resolved) = resolved else {
        return FeedChoice::Refused { host: host.to_owned(), origin: "null".to_owned() };
    };
    let origin = resolved.origin().ascii_serialization();
    let page_origin = page.map(|p| p.origin().ascii_serialization());
    let web = matches!(resolved.scheme(), "https" | "http");
    let allowed = web
        && allowed_origins.iter().any(|allowed| {
            allowed.trim_end_matches('/') == origin
                || (allowed == SAME_ORIGIN && page_origin.as_deref() == Some(origin.as_str()))
        });
    if allowed {
        FeedChoice::Linked(resolved.to_string())
    } else {
        FeedChoice::Refused { host: host.to_owned(), origin }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "https://shop.example/a/deals.html?x=1";

    fn allowed(origins: &[&str]) -> Vec<String> {
        origins.iter().map(|o| (*o).to_owned()).collect()
    }

    #[test]
    fn without_a_linked_feed_the_host_decides() {
        assert_eq!(choose_feed("f.json", None, PAGE, &allowed(&["self"])), FeedChoice::Host("f.json".into()));
    }

    #[test]
    fn nothing_is_allowed_unless_the_host_says_so() {
        let refused = choose_feed("f.json", Some("other.json"), PAGE, &[]);
        assert_eq!(
            refused,
            FeedChoice::Refused { host: "f.json".into(), origin: "https://shop.example".into() }
        );
        assert_eq!(refused.url(), "f.json");
    }

    #[test]
    fn same_origin_and_listed_origins() {
        let same = choose_feed("f.json", Some("../other.json"), PAGE, &allowed(&["self"]));
        assert_eq!(same, FeedChoice::Linked("https://shop.example/other.json".into()));
        let listed = allowed(&["https://cdn.example/"]);
        let cdn = choose_feed("f.json", Some("https://cdn.example/x.json"), PAGE, &listed);
        assert_eq!(cdn.url(), "https://cdn.example/x.json");
        // Look-alikes are other origins.
        for other in [
            "https://cdn.example.evil.example/x.json",
            "https://cdn.example:444/x.json",
            "http://cdn.example/x.json",
            "//evil.example/x.json",
        ] {
            assert!(
                matches!(choose_feed("f.json", Some(other), PAGE, &listed), FeedChoice::Refused { .. }),
                "{other}"
            );
        }
    }

    #[test]
    fn opaque_and_broken_links_are_refused() {
        let all = allowed(&["self", "null"]);
        for bad in
            ["data:application/json,{}", "javascript:alert(1)", "https://[::1", "blob:https://shop.example/x"]
        {
            assert!(
                matches!(choose_feed("f.json", Some(bad), PAGE, &all), FeedChoice::Refused { .. }),
                "{bad}"
            );
        }
    }
}
