//! Where a widget keeps its view in the page address, sharing it with the
//! host page and with other widgets: its own pairs carry a prefix, and every
//! other pair (the host's parameters, another widget's) is kept as it was.

use std::str::FromStr;

use url::form_urlencoded;

/// The keys a [`ViewState`](super::ViewState) reads and writes, unprefixed.
pub const VIEW_KEYS: [&str; 16] = [
    "lang", "feed", "at", "c", "z", "r", "cat", "sort", "q", "min", "max", "all", "deal", "ref", "order",
    "status",
];

/// Where the widget keeps its view: nowhere, in the query or in the hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum UrlState {
    /// The view is not kept in the address (the default when embedded).
    #[default]
    Off,
    /// In the query string (`?…`).
    Query,
    /// In the fragment (`#…`), written as pairs like a query.
    Hash,
}

/// A `url-state` value other than `off`, `query` or `hash`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("url-state {0:?} is not off, query or hash")]
pub struct BadUrlState(pub String);

impl FromStr for UrlState {
    type Err = BadUrlState;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim() {
            "off" => Ok(UrlState::Off),
            "query" => Ok(UrlState::Query),
            "hash" => Ok(UrlState::Hash),
            other => Err(BadUrlState(other.chars().take(32).collect())),
        }
    }
}

/// Whether `key` is one of the widget's own, under `prefix`.
fn own_key<'k>(key: &'k str, prefix: &str) -> Option<&'k str> {
    key.strip_prefix(prefix).filter(|rest| VIEW_KEYS.contains(rest))
}

/// The widget's pairs in `pairs` (a query or fragment, with or without its
/// leading `?` or `#`), with `prefix` taken off: what
/// [`ViewState::from_query`](super::ViewState::from_query) reads.
///
/// ```
/// use fujin_core::view::own_pairs;
/// assert_eq!(own_pairs("?utm=x&fj-q=noodles&fj-z=15&q=host", "fj-"), "q=noodles&z=15");
/// ```
pub fn own_pairs(pairs: &str, prefix: &str) -> String {
    let pairs = pairs.strip_prefix(['?', '#']).unwrap_or(pairs);
    let mut out = form_urlencoded::Serializer::new(String::new());
    for (key, value) in form_urlencoded::parse(pairs.as_bytes()) {
        if let Some(own) = own_key(&key, prefix) {
            out.append_pair(own, &value);
        }
    }
    out.finish()
}

/// `pairs` (a query or fragment, with or without its leading `?` or `#`)
/// with the widget's pairs replaced by `ours` (an unprefixed query, as
/// [`ViewState::to_query`](super::ViewState::to_query) writes it), each
/// given `prefix`. Every other pair is kept as written, in its place; the
/// widget's come after them. Returned without a leading `?` or `#`.
///
/// ```
/// use fujin_core::view::merge_pairs;
/// assert_eq!(merge_pairs("utm=x&fj-q=old&id=7", "fj-", "q=new&z=15"), "utm=x&id=7&fj-q=new&fj-z=15");
/// // An empty prefix (a page of Fujin's own) still keeps foreign pairs.
/// assert_eq!(merge_pairs("?q=old&utm=x", "", "z=15"), "utm=x&z=15");
/// ```
pub fn merge_pairs(pairs: &str, prefix: &str, ours: &str) -> String {
    let pairs = pairs.strip_prefix(['?', '#']).unwrap_or(pairs);
    let kept = pairs.split('&').filter(|pair| {
        if pair.is_empty() {
            return false;
        }
        let raw_key = pair.split_once('=').map_or(*pair, |(k, _)| k);
        let key: String = form_urlencoded::parse(raw_key.as_bytes()).map(|(k, _)| k).collect();
        own_key(&key, prefix).is_none()
    });
    let mut out: Vec<String> = kept.map(str::to_owned).collect();
    let mut prefixed = form_urlencoded::Serializer::new(String::new());
    for (key, value) in form_urlencoded::parse(ours.as_bytes()) {
        prefixed.append_pair(&format!("{prefix}{key}"), &value);
    }
    let prefixed = prefixed.finish();
    if !prefixed.is_empty() {
        out.push(prefixed);
    }
    out.join("&")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view::ViewState;

    #[test]
    fn every_key_the_view_writes_is_known() {
        let view = ViewState::from_query(
            "lang=en&feed=f.json&at=22.5,114&c=22.5,114&z=12&r=5&cat=food&sort=price&q=x&min=1&max=9&all=1\
             &deal=d1&ref=ABCD2345&order=07070707-0707-4707-8707-070707070707&status=cancelled",
        );
        let written = view.to_query();
        for (key, _) in form_urlencoded::parse(written.as_bytes()) {
            assert!(VIEW_KEYS.contains(&key.as_ref()), "{key} is not in VIEW_KEYS");
        }
        assert_eq!(ViewState::from_query(&own_pairs(&merge_pairs("", "w1.", &written), "w1.")), view);
    }

    #[test]
    fn two_widgets_and_the_host_share_one_address() {
        let host = "?page=2&q=host+words#top";
        let (query, hash) = host.split_once('#').unwrap();
        let a = merge_pairs(query, "a-", "q=noodles&z=15");
        let both = merge_pairs(&a, "b-", "q=hotpot");
        assert_eq!(both, "page=2&q=host+words&a-q=noodles&a-z=15&b-q=hotpot");
        assert_eq!(own_pairs(&both, "a-"), "q=noodles&z=15");
        assert_eq!(own_pairs(&both, "b-"), "q=hotpot");
        // Writing again replaces only the widget's own pairs.
        let again = merge_pairs(&both, "a-", "z=16");
        assert_eq!(again, "page=2&q=host+words&b-q=hotpot&a-z=16");
        assert_eq!(hash, "top", "the fragment is the caller's to keep");
        // Unknown keys under the prefix are not the widget's: kept.
        assert_eq!(merge_pairs("a-utm=1&a-q=x", "a-", ""), "a-utm=1");
    }

    #[test]
    fn url_state_values() {
        assert_eq!("hash".parse(), Ok(UrlState::Hash));
        assert_eq!(" query ".parse(), Ok(UrlState::Query));
        assert_eq!("off".parse(), Ok(UrlState::Off));
        assert_eq!("yes".parse::<UrlState>(), Err(BadUrlState("yes".into())));
    }
}
