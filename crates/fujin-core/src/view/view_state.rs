//! What a link remembers of the shopper's view: the URL query string of the
//! widget, parsed leniently (a bad value is ignored, never an error) and
//! written back in a fixed order.

use std::collections::BTreeSet;

use url::form_urlencoded;

use crate::commerce::{OrderId, ReferralCode};
use crate::geo::{Fixed, LonLat};
use crate::index::SortBy;
use crate::model::Category;

/// The radii the shopper can choose, in kilometres.
pub const RADII_KM: [u32; 4] = [1, 3, 5, 10];
/// The radius when the link names none, in kilometres.
pub const DEFAULT_RADIUS_KM: u32 = 3;
/// Zoom levels the map allows.
pub const ZOOM_RANGE: (f64, f64) = (3.0, 19.0);

/// The view a URL describes. Every field is optional in the URL.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ViewState {
    /// `lang`: `zh` or `en`.
    pub lang: Option<String>,
    /// `feed`: where to load the feed from.
    pub feed: Option<String>,
    /// `at=lat,lon`: the search point (WGS-84).
    pub search_point: Option<LonLat>,
    /// `c=lat,lon`: the map centre (WGS-84).
    pub map_center: Option<LonLat>,
    /// `z`: the map zoom.
    pub zoom: Option<f64>,
    /// `r`: the radius in km, one of [`RADII_KM`].
    pub radius_km: Option<u32>,
    /// `cat=food,beauty`: category filter.
    pub categories: BTreeSet<Category>,
    /// `sort`: the list order.
    pub sort: Option<SortBy>,
    /// `q`: search words.
    pub text: String,
    /// `min`: lowest price, whole yuan.
    pub min_yuan: Option<u64>,
    /// `max`: highest price, whole yuan.
    pub max_yuan: Option<u64>,
    /// `all=1`: list expired and sold-out deals too.
    pub include_unavailable: bool,
    /// `open=1`: only merchants open now.
    pub open_now: bool,
    /// `deal`: the deal page that is open.
    pub deal: Option<String>,
    /// `ref`: a referral code; a malformed one is ignored.
    pub referral: Option<ReferralCode>,
    /// `order`: the order shown (a return from paying lands here).
    pub order: Option<OrderId>,
    /// `status`: the shopper is back from a payment page. `Some(true)` for
    /// `cancelled` (or `canceled`, `failed`): they gave up; `Some(false)`
    /// for any other value, which proves nothing: only the merchant's
    /// `verify_url` can say an order is paid. With no `order` (a Stripe
    /// Payment Link redirects to one fixed URL), it is about the latest
    /// pending order.
    pub returned: Option<bool>,
}

impl ViewState {
    /// Parses a query string (with or without the leading `?`).
    ///
    /// ```
    /// use fujin_core::index::SortBy;
    /// use fujin_core::model::Category;
    /// use fujin_core::view::ViewState;
    /// let v = ViewState::from_query("?r=5&cat=food,nonsense&sort=price&z=99&at=22.5,114.1");
    /// assert_eq!(v.radius_km, Some(5));
    /// assert_eq!(v.categories.iter().copied().collect::<Vec<_>>(), [Category::Food]);
    /// assert_eq!(v.sort, Some(SortBy::Price));
    /// assert_eq!(v.zoom, None, "out of range: ignored");
    /// assert_eq!(ViewState::from_query(&v.to_query()), v);
    /// ```
    pub fn from_query(query: &str) -> Self {
        let query = query.strip_prefix('?').unwrap_or(query);
        let mut v = ViewState::default();
        for (key, value) in form_urlencoded::parse(query.as_bytes()) {
            let value = value.trim();
            match key.as_ref() {
                "lang" if matches!(value, "zh" | "en") => v.lang = Some(value.to_owned()),
                "feed" if !value.is_empty() && value.len() <= 2048 => v.feed = Some(value.to_owned()),
                "at" => v.search_point = parse_lat_lon(value),
                "c" => v.map_center = parse_lat_lon(value),
                "z" => {
                    v.zoom = value
                        .parse::<f64>()
                        .ok()
                        .filter(|z| z.is_finite() && (ZOOM_RANGE.0..=ZOOM_RANGE.1).contains(z))
                }
                "r" => v.radius_km = value.parse().ok().filter(|r| RADII_KM.contains(r)),
                "cat" => {
                    // Inserted one by one: collecting into a set sorts, and
                    // each sort is a copy of its own in the bundle.
                    v.categories.clear();
                    v.categories.extend(value.split(',').filter_map(|c| c.parse::<Category>().ok()));
                }
                "sort" => v.sort = SortBy::from_key(value),
                "q" => v.text = value.chars().take(100).collect(),
                "min" => v.min_yuan = value.parse().ok(),
                "max" => v.max_yuan = value.parse().ok(),
                "all" => v.include_unavailable = value == "1",
                "open" => v.open_now = value == "1",
                "deal" if is_plain_id(value) => v.deal = Some(value.to_owned()),
                "ref" => v.referral = ReferralCode::parse(value),
                "order" => v.order = value.parse().ok(),
                "status" if (1..=32).contains(&value.len()) => {
                    v.returned = Some(matches!(value, "cancelled" | "canceled" | "failed"));
                }
                _ => {}
            }
        }
        v
    }

    /// Writes the query string (without `?`), leaving out defaults.
    pub fn to_query(&self) -> String {
        let mut q = form_urlencoded::Serializer::new(String::new());
        if let Some(lang) = &self.lang {
            q.append_pair("lang", lang);
        }
        if let Some(feed) = &self.feed {
            q.append_pair("feed", feed);
        }
        if let Some(p) = self.search_point {
            q.append_pair("at", &format_lat_lon(p));
        }
        if let Some(p) = self.map_center {
            q.append_pair("c", &format_lat_lon(p));
        }
        if let Some(z) = self.zoom {
            let text = Fixed(z, 2).to_string();
            q.append_pair("z", text.trim_end_matches('0').trim_end_matches('.'));
        }
        if let Some(r) = self.radius_km {
            q.append_pair("r", &r.to_string());
        }
        if !self.categories.is_empty() {
            let keys: Vec<&str> = self.categories.iter().map(|c| c.key()).collect();
            q.append_pair("cat", &keys.join(","));
        }
        if let Some(sort) = self.sort {
            q.append_pair("sort", sort.key());
        }
        if !self.text.is_empty() {
            q.append_pair("q", &self.text);
        }
        if let Some(min) = self.min_yuan {
            q.append_pair("min", &min.to_string());
        }
        if let Some(max) = self.max_yuan {
            q.append_pair("max", &max.to_string());
        }
        if self.include_unavailable {
            q.append_pair("all", "1");
        }
        if self.open_now {
            q.append_pair("open", "1");
        }
        if let Some(deal) = &self.deal {
            q.append_pair("deal", deal);
        }
        if let Some(referral) = &self.referral {
            q.append_pair("ref", referral.as_str());
        }
        if let Some(order) = self.order {
            q.append_pair("order", &order.to_string());
        }
        if let Some(cancelled) = self.returned {
            q.append_pair("status", if cancelled { "cancelled" } else { "returned" });
        }
        q.finish()
    }
}

fn parse_lat_lon(value: &str) -> Option<LonLat> {
    let (lat, lon) = value.split_once(',')?;
    let p = LonLat::new(lon.trim().parse().ok()?, lat.trim().parse().ok()?);
    p.is_valid().then_some(p)
}

fn format_lat_lon(p: LonLat) -> String {
    format!("{},{}", Fixed(p.lat, 6), Fixed(p.lon, 6))
}

fn is_plain_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'))
}

// Property tests need proptest, which is not built for wasm32.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_full_view_round_trips() {
        let v = ViewState {
            lang: Some("en".into()),
            feed: Some("https://example.com/feed.json?x=1&y=2".into()),
            search_point: Some(LonLat::new(114.055_3, 22.538)),
            map_center: Some(LonLat::new(-179.5, -89.0)),
            zoom: Some(14.5),
            radius_km: Some(10),
            categories: [Category::Food, Category::Beauty].into(),
            sort: Some(SortBy::Sales),
            text: "火锅 & more".into(),
            min_yuan: Some(10),
            max_yuan: Some(200),
            include_unavailable: true,
            open_now: true,
            deal: Some("d000001-1".into()),
            referral: ReferralCode::parse("ABC123"),
            order: Some(OrderId::from_random_bytes([9; 16])),
            returned: Some(true),
        };
        assert_eq!(ViewState::from_query(&v.to_query()), v);
        assert_eq!(ViewState::default().to_query(), "");
    }

    #[test]
    fn hostile_or_broken_values_are_ignored() {
        let v = ViewState::from_query(
            "at=91,0&c=abc&r=7&sort=evil&deal=<script>&lang=fr&z=NaN&min=-5&all=yes&ref=a%26b&order=1&status=",
        );
        assert_eq!(v, ViewState::default());
    }

    proptest! {
        #[test]
        fn never_panics(s in ".{0,200}") {
            let v = ViewState::from_query(&s);
            let _ = ViewState::from_query(&v.to_query());
        }
    }
}
