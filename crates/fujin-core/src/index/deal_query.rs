//! Finding deals near a point: radius, category, price and text filters,
//! and the list's sort orders. Filters never rebuild the index: the radius
//! query narrows the candidates, and the rest is a pass over them.

use std::cmp::Ordering;
use std::collections::BTreeSet;

use time::OffsetDateTime;

use super::catalog::Catalog;
use super::deal_row::DealRow;
use crate::geo::LonLat;
use crate::model::{Availability, Category};

/// How the list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SortBy {
    /// Nearest first (the default).
    #[default]
    Distance,
    /// Biggest discount (lowest price / original price) first.
    Discount,
    /// Cheapest first.
    Price,
    /// Best-selling first.
    Sales,
    /// Best-rated merchant first (unrated last).
    Rating,
}

impl SortBy {
    /// Every order, as the list offers them.
    pub const ALL: [SortBy; 5] =
        [SortBy::Distance, SortBy::Discount, SortBy::Price, SortBy::Sales, SortBy::Rating];

    /// The key used in URLs.
    pub fn key(self) -> &'static str {
        match self {
            SortBy::Distance => "distance",
            SortBy::Discount => "discount",
            SortBy::Price => "price",
            SortBy::Sales => "sales",
            SortBy::Rating => "rating",
        }
    }

    /// Parses a URL key.
    pub fn from_key(key: &str) -> Option<SortBy> {
        SortBy::ALL.into_iter().find(|s| s.key() == key)
    }
}

/// What the shopper asked for.
#[derive(Debug, Clone, PartialEq)]
pub struct DealQuery {
    /// The search point (WGS-84).
    pub from: LonLat,
    /// Only merchants within this many metres.
    pub radius_m: f64,
    /// Only these categories; empty means all.
    pub categories: BTreeSet<Category>,
    /// Lowest price in fen, inclusive.
    pub min_price_fen: Option<u64>,
    /// Highest price in fen, inclusive.
    pub max_price_fen: Option<u64>,
    /// Words that must appear in the merchant name or deal title (case-insensitive).
    pub text: String,
    /// The order of the list.
    pub sort: SortBy,
    /// Also list expired, not yet started and sold-out deals (marked unavailable).
    pub include_unavailable: bool,
    /// Only merchants open at this minute after midnight (0 to 1439, local
    /// time); merchants whose hours Fujin cannot read are left out too.
    pub open_at: Option<u16>,
}

impl DealQuery {
    /// A query for everything within `radius_m` of `from`, nearest first.
    pub fn near(from: LonLat, radius_m: f64) -> Self {
        Self {
            from,
            radius_m,
            categories: BTreeSet::new(),
            min_price_fen: None,
            max_price_fen: None,
            text: String::new(),
            sort: SortBy::Distance,
            include_unavailable: false,
            open_at: None,
        }
    }
}

impl Catalog {
    /// The deals matching `query` at time `now`, in the query's order.
    /// Ties keep the nearer merchant first, then feed order.
    ///
    /// ```
    /// use fujin_core::feed::load_feed;
    /// use fujin_core::geo::LonLat;
    /// use fujin_core::index::{Catalog, DealQuery};
    /// let json = br#"{"merchants": [
    ///   {"id": "a", "name": "A", "category": "food", "lat": 22.54, "lon": 114.05,
    ///    "deals": [{"id": "a1", "title": "Lunch", "price": 3000, "original_price": 5000}]},
    ///   {"id": "b", "name": "B", "category": "food", "lat": 22.60, "lon": 114.05,
    ///    "deals": [{"id": "b1", "title": "Dinner", "price": 9000, "original_price": 9900}]}
    /// ]}"#;
    /// let catalog = Catalog::new(load_feed(json).unwrap().feed);
    /// let rows = catalog.query(&DealQuery::near(LonLat::new(114.05, 22.54), 3_000.0), time::OffsetDateTime::UNIX_EPOCH);
    /// assert_eq!(rows.iter().map(|r| catalog.deal(r).id.as_str()).collect::<Vec<_>>(), ["a1"]);
    /// ```
    pub fn query(&self, query: &DealQuery, now: OffsetDateTime) -> Vec<DealRow> {
        let needles: Vec<String> = query.text.split_whitespace().map(str::to_lowercase).collect();
        let mut rows = Vec::new();
        for hit in self.index().within_radius_among(query.from, query.radius_m, self.has_deals()) {
            let m = hit.index as usize;
            let merchant = &self.feed().merchants[m];
            if !query.categories.is_empty() && !query.categories.contains(&merchant.category) {
                continue;
            }
            if query.open_at.is_some_and(|minute| self.is_open_at(hit.index, minute) != Some(true)) {
                continue;
            }
            let name = self.search_name(m);
            for (d, deal) in merchant.deals.iter().enumerate() {
                if query.min_price_fen.is_some_and(|min| deal.price.get() < min)
                    || query.max_price_fen.is_some_and(|max| deal.price.get() > max)
                {
                    continue;
                }
                // Every word must appear in the merchant's name or the deal's title.
                let title = self.search_title(m, d);
                if !needles.iter().all(|n| name.contains(n.as_str()) || title.contains(n.as_str())) {
                    continue;
                }
                let availability = deal.availability(now);
                if availability != Availability::Available && !query.include_unavailable {
                    continue;
                }
                rows.push(DealRow {
                    merchant: hit.index,
                    deal: d as u32,
                    distance_m: hit.distance_m,
                    availability,
                });
            }
        }
        self.sort(&mut rows, query.sort);
        rows
    }

    fn sort(&self, rows: &mut [DealRow], by: SortBy) {
        // `rows` arrive nearest first (by distance, merchant, deal), and ties
        // keep that order: the comparator ends with it, so the faster and
        // smaller unstable sort gives what a stable one would. One sort with
        // one comparator, whatever the order: each call site of a sort is a
        // copy of its own in the bundle.
        if by == SortBy::Distance && rows.iter().all(DealRow::is_available) {
            return;
        }
        rows.sort_unstable_by(|a, b| {
            // Unavailable deals go last whatever the order.
            let last = (!a.is_available()).cmp(&!b.is_available());
            last.then_with(|| match by {
                SortBy::Distance => Ordering::Equal,
                SortBy::Discount => self.discount(a).total_cmp(&self.discount(b)),
                SortBy::Price => self.deal(a).price.cmp(&self.deal(b).price),
                SortBy::Sales => self.deal(b).sold.cmp(&self.deal(a).sold),
                SortBy::Rating => self.rating(b).total_cmp(&self.rating(a)),
            })
            .then_with(|| a.distance_m.total_cmp(&b.distance_m))
            .then_with(|| (a.merchant, a.deal).cmp(&(b.merchant, b.deal)))
        });
    }

    /// Price over original price: lower is a bigger discount.
    fn discount(&self, row: &DealRow) -> f64 {
        let d = self.deal(row);
        d.price.get() as f64 / d.original_price.get() as f64
    }

    /// The merchant's rating, unrated below every rating.
    fn rating(&self, row: &DealRow) -> f32 {
        self.merchant(row).rating.unwrap_or(-1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commerce::{Order, OrderRandomness};
    use crate::feed::{Feed, load_feed};
    use crate::index::FoundDeal;
    use crate::model::PayProvider;
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2026-12-01 12:00 +08:00);

    /// Three merchants north of the origin at 1, 2 and 3 km, and one 50 km away.
    fn catalog() -> Catalog {
        let json = br#"{"merchants": [
          {"id": "near", "name": "Near Noodles", "category": "food", "lat": 0.008993, "lon": 0, "rating": 4.0,
           "deals": [
             {"id": "n1", "title": "Lunch set", "price": 3000, "original_price": 6000, "sold": 10},
             {"id": "n2", "title": "Dinner for two", "price": 12000, "original_price": 15000, "sold": 500},
             {"id": "n-sold-out", "title": "Lunch special", "price": 1000, "original_price": 2000, "stock": 0},
             {"id": "n-expired", "title": "Old offer", "price": 1000, "original_price": 2000, "ends_at": "2026-11-01T00:00:00+08:00"},
             {"id": "n-future", "title": "New year", "price": 1000, "original_price": 2000, "starts_at": "2027-01-01T00:00:00+08:00"}
           ]},
          {"id": "mid", "name": "Mid Spa", "category": "leisure", "lat": 0.017986, "lon": 0, "rating": 4.9,
           "deals": [{"id": "m1", "title": "Massage 60 min", "price": 9000, "original_price": 30000, "sold": 50}]},
          {"id": "far", "name": "Far KTV", "category": "entertainment", "lat": 0.026979, "lon": 0,
           "deals": [{"id": "f1", "title": "Lunch and songs", "price": 5000, "original_price": 5500, "sold": 9000}]},
          {"id": "away", "name": "Away Cafe", "category": "food", "lat": 0.45, "lon": 0,
           "deals": [{"id": "a1", "title": "Coffee", "price": 100, "original_price": 2000}]}
        ]}"#;
        Catalog::new(load_feed(json).unwrap().feed)
    }

    #[test]
    fn open_now_keeps_merchants_open_at_that_minute() {
        let json = r#"{"merchants": [
          {"id": "day", "name": "Day", "category": "food", "lat": 0.001, "lon": 0, "opening_hours": "09:00-21:00",
           "deals": [{"id": "d", "title": "T", "price": 100, "original_price": 200}]},
          {"id": "late", "name": "Late", "category": "food", "lat": 0.002, "lon": 0, "opening_hours": "11:00-02:00",
           "deals": [{"id": "l", "title": "T", "price": 100, "original_price": 200}]},
          {"id": "always", "name": "Always", "category": "food", "lat": 0.003, "lon": 0, "opening_hours": "全天营业",
           "deals": [{"id": "a", "title": "T", "price": 100, "original_price": 200}]},
          {"id": "vague", "name": "Vague", "category": "food", "lat": 0.004, "lon": 0, "opening_hours": "看心情",
           "deals": [{"id": "v", "title": "T", "price": 100, "original_price": 200}]},
          {"id": "none", "name": "None", "category": "food", "lat": 0.005, "lon": 0,
           "deals": [{"id": "n", "title": "T", "price": 100, "original_price": 200}]}
        ]}"#;
        let catalog = Catalog::new(load_feed(json.as_bytes()).unwrap().feed);
        let at = |minute: Option<u16>| {
            let query = DealQuery { open_at: minute, ..DealQuery::near(LonLat::new(0.0, 0.0), 3_000.0) };
            catalog.query(&query, NOW).iter().map(|r| catalog.deal(r).id.clone()).collect::<Vec<_>>()
        };
        assert_eq!(at(None), ["d", "l", "a", "v", "n"]);
        assert_eq!(at(Some(10 * 60)), ["d", "a"], "10:00");
        assert_eq!(at(Some(22 * 60)), ["l", "a"], "22:00");
        assert_eq!(at(Some(60)), ["l", "a"], "01:00, past midnight");
        assert_eq!(at(Some(3 * 60)), ["a"], "03:00");
        assert_eq!(catalog.is_open_at(3, 600), None, "unreadable hours are unknown, not closed");
        assert_eq!(catalog.is_open_at(0, 600), Some(true));
    }

    fn ids(catalog: &Catalog, query: &DealQuery) -> Vec<String> {
        catalog.query(query, NOW).iter().map(|r| catalog.deal(r).id.clone()).collect()
    }

    fn query() -> DealQuery {
        DealQuery::near(LonLat::new(0.0, 0.0), 5_000.0)
    }

    #[test]
    fn each_sort_order() {
        let c = catalog();
        let mut q = query();
        assert_eq!(ids(&c, &q), ["n1", "n2", "m1", "f1"], "distance, then feed order");
        q.sort = SortBy::Discount;
        assert_eq!(ids(&c, &q), ["m1", "n1", "n2", "f1"]);
        q.sort = SortBy::Price;
        assert_eq!(ids(&c, &q), ["n1", "f1", "m1", "n2"]);
        q.sort = SortBy::Sales;
        assert_eq!(ids(&c, &q), ["f1", "n2", "m1", "n1"]);
        q.sort = SortBy::Rating;
        assert_eq!(ids(&c, &q), ["m1", "n1", "n2", "f1"], "unrated last");
    }

    #[test]
    fn distances_are_measured_from_the_search_point() {
        let c = catalog();
        let rows = c.query(&query(), NOW);
        assert!((rows[0].distance_m - 1_000.0).abs() < 1.0);
        assert!((rows[3].distance_m - 3_000.0).abs() < 1.0);
    }

    #[test]
    fn radius_category_price_and_text_filters() {
        let c = catalog();
        let mut q = query();
        q.radius_m = 1_500.0;
        assert_eq!(ids(&c, &q), ["n1", "n2"]);
        q.radius_m = 100_000.0;
        q.categories = [Category::Food].into();
        assert_eq!(ids(&c, &q), ["n1", "n2", "a1"]);
        q.categories = [Category::Leisure, Category::Entertainment].into();
        assert_eq!(ids(&c, &q), ["m1", "f1"]);
        q.categories.clear();
        q.min_price_fen = Some(5_000);
        q.max_price_fen = Some(9_000);
        assert_eq!(ids(&c, &q), ["m1", "f1"]);
        q.min_price_fen = None;
        q.max_price_fen = None;
        q.text = "LUNCH".into();
        assert_eq!(ids(&c, &q), ["n1", "f1"], "case-insensitive, title or name");
        q.text = "noodles dinner".into();
        assert_eq!(ids(&c, &q), ["n2"], "every word must match");
        q.text = "no such thing".into();
        assert!(ids(&c, &q).is_empty());
    }

    #[test]
    fn unavailable_deals_are_hidden_or_listed_last() {
        let c = catalog();
        let mut q = query();
        q.radius_m = 1_500.0;
        q.include_unavailable = true;
        let rows = c.query(&q, NOW);
        let listed: Vec<(&str, Availability)> =
            rows.iter().map(|r| (c.deal(r).id.as_str(), r.availability)).collect();
        use Availability::*;
        assert_eq!(
            listed,
            [
                ("n1", Available),
                ("n2", Available),
                ("n-sold-out", SoldOut),
                ("n-expired", Ended),
                ("n-future", NotStarted)
            ]
        );
    }

    /// A found deal as (merchant index, deal id).
    fn at(found: Option<FoundDeal<'_>>) -> Option<(u32, &str)> {
        found.map(|f| (f.merchant_index, f.deal.id.as_str()))
    }

    #[test]
    fn finds_deals_by_id() {
        let c = catalog();
        assert_eq!(at(c.find_deal("m1")), Some((1, "m1")));
        assert_eq!(at(c.find_deal("nope")), None);
    }

    #[test]
    fn an_empty_feed_lists_nothing() {
        let c = Catalog::new(Feed::default());
        assert!(c.query(&query(), NOW).is_empty());
    }

    #[test]
    fn an_order_finds_its_deal_only_in_its_own_feed() {
        let c = catalog();
        let found = c.find_deal("m1").unwrap();
        let random = OrderRandomness { id: [1; 16], code: [1; 8] };
        let now = datetime!(2026-11-28 12:00 +08:00);
        let order =
            Order::new(found.merchant, found.deal, 1, PayProvider::Stripe, None, now, random).unwrap();
        assert_eq!(at(c.order_deal(&order)), Some((found.merchant_index, "m1")));
        // Another feed reusing the ids for another shop.
        let other = Order { merchant_name: "Another Spa".into(), ..order.clone() };
        assert_eq!(at(c.order_deal(&other)), None);
        let moved = Order { merchant_id: "elsewhere".into(), ..order.clone() };
        assert_eq!(at(c.order_deal(&moved)), None);
        assert_eq!(at(c.order_deal(&Order { deal_id: "gone".into(), ..order })), None);
    }
}
