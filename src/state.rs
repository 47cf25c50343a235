//! The app's state and the only way it changes: an [`Action`] through
//! [`AppState::reduce`]. Pure: no DOM here, so it is tested natively.

use std::collections::BTreeSet;
use std::rc::Rc;

use fujin_core::commerce::ReferralCode;
use fujin_core::geo::LonLat;
use fujin_core::geo::web_mercator::{lon_lat_to_px, px_to_lon_lat};
use fujin_core::index::{Catalog, DealQuery, DealRow, SortBy};
use fujin_core::model::Category;
use fujin_core::view::{DEFAULT_RADIUS_KM, RADII_KM, ViewState, ZOOM_RANGE};
use time::OffsetDateTime;
use yew::Reducible;

use crate::browser::LocationError;
use crate::browser::Progress;
use crate::i18n::Lang;
use crate::orders::{OrderAction, OrderBook};
use crate::shared::Shared;

/// Where the map opens when neither the link, the feed nor the device says:
/// Futian CBD, Shenzhen.
pub const FALLBACK_CENTER: LonLat = LonLat::new(114.0553, 22.5380);
/// The zoom the map opens at.
pub const DEFAULT_ZOOM: f64 = 14.0;

/// Loading the feed.
#[derive(Debug, Clone, PartialEq)]
pub enum FeedStatus {
    /// Waiting for it; how much has arrived.
    Loading(Progress),
    /// Loaded; `rejected` records were skipped.
    Ready {
        /// The indexed feed.
        catalog: Shared<Catalog>,
        /// How many records were bad.
        rejected: usize,
    },
    /// Could not be loaded; the message says why.
    Failed(String),
}

/// Finding the shopper.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum LocationStatus {
    /// Not asked (yet).
    Idle,
    /// Asked; waiting.
    Locating,
    /// Found.
    Found(LonLat),
    /// Could not: why.
    Failed(LocationError),
}

/// Where the search point came from, which the banner explains.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchOrigin {
    /// The feed's (or Fujin's) default centre.
    Default,
    /// The device's location.
    Device,
    /// A point the shopper picked on the map (or a link named).
    Picked,
}

/// The filters and order of the list.
#[derive(Debug, Clone, PartialEq)]
pub struct Filters {
    /// Radius in km, one of [`RADII_KM`].
    pub radius_km: u32,
    /// Categories shown; empty is all.
    pub categories: BTreeSet<Category>,
    /// List order.
    pub sort: SortBy,
    /// Search words.
    pub text: String,
    /// Price range in whole yuan.
    pub min_yuan: Option<u64>,
    /// Price range in whole yuan.
    pub max_yuan: Option<u64>,
    /// Show expired and sold-out deals greyed.
    pub include_unavailable: bool,
}

impl Default for Filters {
    fn default() -> Self {
        Self {
            radius_km: DEFAULT_RADIUS_KM,
            categories: BTreeSet::new(),
            sort: SortBy::Distance,
            text: String::new(),
            min_yuan: None,
            max_yuan: None,
            include_unavailable: false,
        }
    }
}

/// The map's view.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Viewport {
    /// Centre, WGS-84.
    pub center: LonLat,
    /// Zoom level within [`ZOOM_RANGE`].
    pub zoom: f64,
}

/// Everything the app shows.
#[derive(Debug, Clone, PartialEq)]
pub struct AppState {
    /// Language.
    pub lang: Lang,
    /// The feed.
    pub feed: FeedStatus,
    /// The device location.
    pub location: LocationStatus,
    /// Where distances are measured from.
    pub search_point: LonLat,
    /// Where it came from.
    pub search_origin: SearchOrigin,
    /// Filters and order.
    pub filters: Filters,
    /// The map view.
    pub viewport: Viewport,
    /// The merchant selected on the map or in the list.
    pub selected_merchant: Option<u32>,
    /// The merchant whose card is hovered or focused.
    pub hovered_merchant: Option<u32>,
    /// The deal page that is open, by deal id.
    pub open_deal: Option<String>,
    /// Merchants at one identical spot, listed after a click on their cluster.
    pub spot_list: Option<Vec<u32>>,
    /// Now, for countdowns and availability.
    pub now: OffsetDateTime,
    /// The rows of the list, recomputed whenever what they depend on changes.
    pub rows: Shared<Vec<DealRow>>,
    /// The shopper's orders and the checkout in progress.
    pub orders: OrderBook,
    /// The reseller whose link opened the widget (`?ref=`), kept for the session.
    pub referral: Option<ReferralCode>,
    /// The map was placed by the link, the device's location or the shopper,
    /// so the feed's centre does not move it when the feed arrives.
    pub map_placed: bool,
}

/// Every change the app can make.
#[derive(Debug, Clone)]
pub enum Action {
    /// A feed was loaded.
    FeedLoaded {
        /// The indexed feed.
        catalog: Shared<Catalog>,
        /// Bad records skipped.
        rejected: usize,
    },
    /// Started (again) to load the feed, or more of it arrived.
    FeedLoading(Progress),
    /// The feed failed.
    FeedFailed(String),
    /// Asking the device where it is.
    Locating,
    /// The device answered.
    Located(LonLat),
    /// The device could not say.
    LocationFailed(LocationError),
    /// Search around this point (a map click, or "search here").
    SearchAt(LonLat),
    /// Radius in km.
    SetRadius(u32),
    /// Show or hide a category; `None` clears the category filter.
    ToggleCategory(Option<Category>),
    /// List order.
    SetSort(SortBy),
    /// Search words.
    SetText(String),
    /// Price range in yuan.
    SetPriceRange(Option<u64>, Option<u64>),
    /// Show expired and sold out.
    SetIncludeUnavailable(bool),
    /// Move the map by a pixel offset (drag), at the current zoom.
    PanBy(f64, f64),
    /// Centre the map here.
    CenterOn(LonLat),
    /// Zoom by `delta` levels keeping the point `anchor` (pixels from the map's centre) still.
    ZoomBy {
        /// Levels (+ in, − out).
        delta: f64,
        /// x, y in pixels from the map centre.
        anchor: (f64, f64),
    },
    /// Select a merchant (map marker or card), or none.
    SelectMerchant(Option<u32>),
    /// Hover or focus a card's merchant, or none.
    HoverMerchant(Option<u32>),
    /// Open a deal page, or close it.
    OpenDeal(Option<String>),
    /// Show the list of merchants at one spot, or close it.
    ShowSpot(Option<Vec<u32>>),
    /// The clock moved.
    Tick(OffsetDateTime),
    /// The URL changed (back/forward): apply it.
    ApplyView(Box<ViewState>),
    /// Switch language.
    SetLang(Lang),
    /// Something about orders.
    Orders(OrderAction),
}

impl AppState {
    /// The state a URL describes, before the feed has loaded.
    pub fn from_view(view: &ViewState, lang: Lang, now: OffsetDateTime) -> Self {
        let mut state = AppState {
            lang,
            feed: FeedStatus::Loading(Progress::default()),
            location: LocationStatus::Idle,
            search_point: FALLBACK_CENTER,
            search_origin: SearchOrigin::Default,
            filters: Filters::default(),
            viewport: Viewport { center: FALLBACK_CENTER, zoom: DEFAULT_ZOOM },
            selected_merchant: None,
            hovered_merchant: None,
            open_deal: None,
            spot_list: None,
            now,
            rows: Shared::new(Vec::new()),
            orders: OrderBook::default(),
            referral: view.referral.clone(),
            map_placed: false,
        };
        state.apply_view(view);
        match (view.order, view.returned) {
            // A return from paying, or a link to an order: applied once storage is read.
            (Some(id), cancelled) => {
                state.orders.reduce(OrderAction::Returned(id, cancelled.unwrap_or(false)))
            }
            (None, Some(cancelled)) => state.orders.reduce(OrderAction::ReturnedLatest(cancelled)),
            (None, None) => {}
        }
        state
    }

    /// The view to write into the URL.
    pub fn to_view(&self, base: &ViewState) -> ViewState {
        let f = &self.filters;
        ViewState {
            lang: base.lang.clone(),
            feed: base.feed.clone(),
            referral: base.referral.clone(),
            search_point: (self.search_origin != SearchOrigin::Default).then_some(self.search_point),
            map_center: Some(self.viewport.center),
            zoom: Some(self.viewport.zoom),
            radius_km: (f.radius_km != DEFAULT_RADIUS_KM).then_some(f.radius_km),
            categories: f.categories.clone(),
            sort: (f.sort != SortBy::Distance).then_some(f.sort),
            text: f.text.clone(),
            min_yuan: f.min_yuan,
            max_yuan: f.max_yuan,
            include_unavailable: f.include_unavailable,
            deal: self.open_deal.clone(),
            order: self.orders.open_order,
            returned: None,
        }
    }

    /// The feed's centre, or Fujin's fallback.
    pub fn default_center(&self) -> LonLat {
        self.catalog().and_then(|c| c.feed().center).unwrap_or(FALLBACK_CENTER)
    }

    /// The catalog, once loaded.
    pub fn catalog(&self) -> Option<&Shared<Catalog>> {
        match &self.feed {
            FeedStatus::Ready { catalog, .. } => Some(catalog),
            _ => None,
        }
    }

    /// How many records the loaded feed rejected (0 until it is loaded).
    pub fn rejected(&self) -> usize {
        match &self.feed {
            FeedStatus::Ready { rejected, .. } => *rejected,
            _ => 0,
        }
    }

    /// The query the list shows.
    pub fn query(&self) -> DealQuery {
        let f = &self.filters;
        DealQuery {
            from: self.search_point,
            radius_m: f64::from(f.radius_km) * 1_000.0,
            categories: f.categories.clone(),
            min_price_fen: f.min_yuan.map(|y| y.saturating_mul(100)),
            max_price_fen: f.max_yuan.map(|y| y.saturating_mul(100)),
            text: f.text.clone(),
            sort: f.sort,
            include_unavailable: f.include_unavailable,
        }
    }

    /// Applies one action; returns the new state.
    pub fn reduce_to(mut self, action: Action) -> Self {
        let mut requery = true;
        let center_before = self.viewport.center;
        let loading_feed = matches!(action, Action::FeedLoaded { .. });
        match action {
            Action::FeedLoading(progress) => {
                self.feed = FeedStatus::Loading(progress);
                requery = false;
            }
            Action::FeedLoaded { catalog, rejected } => {
                let has_view_center = self.map_placed;
                if let Some(center) = catalog.feed().center
                    && self.search_origin == SearchOrigin::Default
                {
                    self.search_point = center;
                    if !has_view_center {
                        self.viewport.center = center;
                    }
                }
                // A link that opens a deal selects its merchant once the feed is there.
                if let Some(id) = &self.open_deal
                    && let Some(found) = catalog.find_deal(id)
                {
                    self.selected_merchant = Some(found.merchant_index);
                    if !has_view_center {
                        self.viewport.center = found.merchant.position;
                    }
                }
                self.feed = FeedStatus::Ready { catalog, rejected };
                self.show_order_merchant();
            }
            Action::FeedFailed(message) => self.feed = FeedStatus::Failed(message),
            Action::Locating => self.location = LocationStatus::Locating,
            Action::Located(p) => {
                self.location = LocationStatus::Found(p);
                self.search_point = p;
                self.search_origin = SearchOrigin::Device;
                self.viewport.center = p;
            }
            Action::LocationFailed(e) => {
                self.location = LocationStatus::Failed(e);
                requery = false;
            }
            Action::SearchAt(p) if p.is_valid() => {
                self.search_point = p;
                self.search_origin = SearchOrigin::Picked;
                self.selected_merchant = None;
            }
            Action::SearchAt(_) => requery = false,
            Action::SetRadius(km) if RADII_KM.contains(&km) => self.filters.radius_km = km,
            Action::SetRadius(_) => requery = false,
            Action::ToggleCategory(None) => self.filters.categories.clear(),
            Action::ToggleCategory(Some(c)) => {
                if !self.filters.categories.remove(&c) {
                    self.filters.categories.insert(c);
                }
            }
            Action::SetSort(sort) => self.filters.sort = sort,
            Action::SetText(text) => self.filters.text = text.chars().take(100).collect(),
            Action::SetPriceRange(min, max) => {
                self.filters.min_yuan = min;
                self.filters.max_yuan = max;
            }
            Action::SetIncludeUnavailable(on) => self.filters.include_unavailable = on,
            Action::PanBy(dx, dy) => {
                let (x, y) = lon_lat_to_px(self.viewport.center, self.viewport.zoom);
                self.viewport.center = wrap(px_to_lon_lat(x - dx, y - dy, self.viewport.zoom));
                requery = false;
            }
            Action::CenterOn(p) => {
                self.viewport.center = p;
                requery = false;
            }
            Action::ZoomBy { delta, anchor: (ax, ay) } => {
                let old = self.viewport.zoom;
                let new = (old + delta).clamp(ZOOM_RANGE.0, ZOOM_RANGE.1);
                // Keep the world point under the anchor where it is on screen.
                let (cx, cy) = lon_lat_to_px(self.viewport.center, old);
                let anchor_world = px_to_lon_lat(cx + ax, cy + ay, old);
                let (wx, wy) = lon_lat_to_px(anchor_world, new);
                self.viewport = Viewport { center: wrap(px_to_lon_lat(wx - ax, wy - ay, new)), zoom: new };
                requery = false;
            }
            Action::SelectMerchant(m) => {
                self.selected_merchant = m;
                self.spot_list = None;
                requery = false;
            }
            Action::HoverMerchant(m) => {
                self.hovered_merchant = m;
                requery = false;
            }
            Action::OpenDeal(deal) => {
                // A deal page replaces any checkout or order on show.
                self.orders.checkout = None;
                if deal.is_some() {
                    self.orders.open_order = None;
                    self.orders.show_orders = false;
                }
                // Opening a deal selects its merchant and brings it into view.
                let found = match (&deal, self.catalog()) {
                    (Some(id), Some(catalog)) => {
                        catalog.find_deal(id).map(|f| (f.merchant_index, f.merchant.position))
                    }
                    _ => None,
                };
                if let Some((m, position)) = found {
                    self.selected_merchant = Some(m);
                    self.viewport.center = position;
                }
                self.open_deal = deal;
                requery = false;
            }
            Action::ShowSpot(list) => {
                self.spot_list = list;
                requery = false;
            }
            Action::Tick(now) => {
                // Availability changes only when a minute turns; the countdown re-renders anyway.
                requery = now.minute() != self.now.minute();
                self.now = now;
                self.orders.reduce(OrderAction::Tick(now));
            }
            Action::ApplyView(view) => self.apply_view(&view),
            Action::SetLang(lang) => {
                self.lang = lang;
                requery = false;
            }
            Action::Orders(action) => {
                let before = self.orders.open_order;
                self.orders.reduce(action);
                if self.orders.open_order != before {
                    self.show_order_merchant();
                }
                requery = false;
            }
        }
        // Anything but the feed's arrival that moves the map places it: the
        // feed's centre must not override a link, a location or a drag.
        if !loading_feed && self.viewport.center != center_before {
            self.map_placed = true;
        }
        if requery {
            self.rows = Shared::new(match self.catalog() {
                Some(catalog) => catalog.query(&self.query(), self.now),
                None => Vec::new(),
            });
        }
        self
    }

    /// Selects the open order's merchant and brings it into view, so the
    /// voucher's store is on the map.
    fn show_order_merchant(&mut self) {
        let Some(order) = self.orders.open_order.and_then(|id| self.orders.get(id)) else { return };
        let found =
            self.catalog().and_then(|c| c.order_deal(order)).map(|f| (f.merchant_index, f.merchant.position));
        if let Some((m, position)) = found {
            self.selected_merchant = Some(m);
            self.viewport.center = position;
        }
    }

    fn apply_view(&mut self, view: &ViewState) {
        match view.search_point {
            Some(p) => {
                self.search_point = p;
                self.search_origin = SearchOrigin::Picked;
            }
            None if self.search_origin == SearchOrigin::Picked => {
                // Back to a link without a picked point: the device, else the default.
                (self.search_point, self.search_origin) = match self.location {
                    LocationStatus::Found(p) => (p, SearchOrigin::Device),
                    _ => (self.default_center(), SearchOrigin::Default),
                };
            }
            None => {}
        }
        self.map_placed |= view.map_center.is_some() || view.search_point.is_some();
        self.viewport = Viewport {
            center: view.map_center.or(view.search_point).unwrap_or(self.viewport.center),
            zoom: view.zoom.unwrap_or(self.viewport.zoom),
        };
        self.filters = Filters {
            radius_km: view.radius_km.unwrap_or(DEFAULT_RADIUS_KM),
            categories: view.categories.clone(),
            sort: view.sort.unwrap_or_default(),
            text: view.text.clone(),
            min_yuan: view.min_yuan,
            max_yuan: view.max_yuan,
            include_unavailable: view.include_unavailable,
        };
        self.open_deal = view.deal.clone();
        self.orders.open_order = view.order.filter(|id| self.orders.get(*id).is_some());
    }
}

/// Wraps a longitude past ±180° back into range.
fn wrap(p: LonLat) -> LonLat {
    let lon = (p.lon + 180.0).rem_euclid(360.0) - 180.0;
    LonLat::new(lon, p.lat)
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new((*self).clone().reduce_to(action))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fujin_core::feed::load_feed;

    fn catalog() -> Shared<Catalog> {
        let json = br#"{"center": {"lat": 22.5, "lon": 114.0}, "merchants": [
          {"id": "a", "name": "A", "category": "food", "lat": 22.501, "lon": 114.0,
           "deals": [{"id": "a1", "title": "Cheap", "price": 100, "original_price": 900}]},
          {"id": "b", "name": "B", "category": "beauty", "lat": 22.51, "lon": 114.0,
           "deals": [{"id": "b1", "title": "Dear", "price": 5000, "original_price": 6000}]}
        ]}"#;
        Shared::new(Catalog::new(load_feed(json).unwrap().feed))
    }

    fn loaded() -> AppState {
        AppState::from_view(&ViewState::default(), Lang::Zh, OffsetDateTime::UNIX_EPOCH)
            .reduce_to(Action::FeedLoaded { catalog: catalog(), rejected: 0 })
    }

    fn ids(state: &AppState) -> Vec<String> {
        let catalog = state.catalog().unwrap();
        state.rows.iter().map(|r| catalog.deal(r).id.clone()).collect()
    }

    #[test]
    fn the_feed_centre_is_the_default_search_point() {
        let s = loaded();
        assert_eq!(s.search_point, LonLat::new(114.0, 22.5));
        assert_eq!(s.viewport.center, LonLat::new(114.0, 22.5));
        assert_eq!(ids(&s), ["a1", "b1"]);
    }

    #[test]
    fn a_denied_location_keeps_the_default_and_says_so() {
        let s = loaded().reduce_to(Action::Locating).reduce_to(Action::LocationFailed(LocationError::Denied));
        assert_eq!(s.location, LocationStatus::Failed(LocationError::Denied));
        assert_eq!(s.search_origin, SearchOrigin::Default);
        assert_eq!(s.search_point, LonLat::new(114.0, 22.5));
    }

    #[test]
    fn a_found_location_moves_the_search_and_the_map() {
        let here = LonLat::new(114.0, 22.51);
        let s = loaded().reduce_to(Action::Located(here));
        assert_eq!((s.search_point, s.viewport.center, s.search_origin), (here, here, SearchOrigin::Device));
        assert_eq!(ids(&s), ["b1", "a1"], "nearest first from the new point");
    }

    #[test]
    fn filters_and_sorts_requery_without_rebuilding() {
        let s = loaded();
        let catalog = s.catalog().unwrap().clone();
        let s = s.reduce_to(Action::ToggleCategory(Some(Category::Beauty)));
        assert_eq!(ids(&s), ["b1"]);
        let s = s.reduce_to(Action::ToggleCategory(None)).reduce_to(Action::SetSort(SortBy::Price));
        assert_eq!(ids(&s), ["a1", "b1"]);
        let s = s.reduce_to(Action::SetPriceRange(Some(10), None));
        assert_eq!(ids(&s), ["b1"]);
        let s = s.reduce_to(Action::SetPriceRange(None, None)).reduce_to(Action::SetText("dear".into()));
        assert_eq!(ids(&s), ["b1"]);
        assert!(s.catalog().unwrap() == &catalog, "the index is never rebuilt");
        let s = s.reduce_to(Action::SetRadius(7));
        assert_eq!(s.filters.radius_km, DEFAULT_RADIUS_KM, "only offered radii");
    }

    #[test]
    fn zoom_keeps_the_anchor_still_and_stays_in_range() {
        let s = loaded();
        let before = s.viewport;
        let s = s.reduce_to(Action::ZoomBy { delta: 1.0, anchor: (0.0, 0.0) });
        assert_eq!(s.viewport.zoom, before.zoom + 1.0);
        assert!(fujin_core::geo::distance_m(s.viewport.center, before.center) < 0.01);
        let s = s.reduce_to(Action::ZoomBy { delta: 100.0, anchor: (50.0, 50.0) });
        assert_eq!(s.viewport.zoom, ZOOM_RANGE.1);
        let s = s.reduce_to(Action::PanBy(1e9, 0.0));
        assert!(s.viewport.center.is_valid(), "panning past the antimeridian wraps");
    }

    #[test]
    fn the_url_view_round_trips() {
        let s = loaded()
            .reduce_to(Action::SearchAt(LonLat::new(114.01, 22.52)))
            .reduce_to(Action::SetRadius(5))
            .reduce_to(Action::ToggleCategory(Some(Category::Food)))
            .reduce_to(Action::SetSort(SortBy::Sales))
            .reduce_to(Action::OpenDeal(Some("a1".into())));
        let view = s.to_view(&ViewState::default());
        let query = view.to_query();
        let back = AppState::from_view(&ViewState::from_query(&query), Lang::Zh, OffsetDateTime::UNIX_EPOCH)
            .reduce_to(Action::FeedLoaded { catalog: catalog(), rejected: 0 });
        assert_eq!(back.filters, s.filters);
        assert_eq!(back.search_point, s.search_point);
        assert_eq!(back.open_deal.as_deref(), Some("a1"));
        assert_eq!(back.viewport, s.viewport);
    }

    #[test]
    fn back_to_a_link_without_a_picked_point_returns_to_the_default() {
        let s = loaded().reduce_to(Action::SearchAt(LonLat::new(114.01, 22.52)));
        let s = s.reduce_to(Action::ApplyView(Box::default()));
        assert_eq!((s.search_point, s.search_origin), (LonLat::new(114.0, 22.5), SearchOrigin::Default));
    }

    #[test]
    fn the_feed_centre_moves_only_a_map_nobody_placed() {
        // Not placed: the feed's centre (114.0, 22.5) is where the map opens.
        assert_eq!(loaded().viewport.center, LonLat::new(114.0, 22.5));
        // A link naming Fujin's own fallback spot is still a link.
        let at_fallback = format!("c={},{}", FALLBACK_CENTER.lat, FALLBACK_CENTER.lon);
        let linked =
            AppState::from_view(&ViewState::from_query(&at_fallback), Lang::Zh, OffsetDateTime::UNIX_EPOCH)
                .reduce_to(Action::FeedLoaded { catalog: catalog(), rejected: 0 });
        assert_eq!(linked.viewport.center, FALLBACK_CENTER);
        // So is a drag before the feed arrives.
        let dragged = AppState::from_view(&ViewState::default(), Lang::Zh, OffsetDateTime::UNIX_EPOCH)
            .reduce_to(Action::PanBy(10.0, 0.0));
        let center = dragged.viewport.center;
        let dragged = dragged.reduce_to(Action::FeedLoaded { catalog: catalog(), rejected: 0 });
        assert_eq!(dragged.viewport.center, center);
    }

    #[test]
    fn opening_an_order_shows_its_store_on_the_map() {
        let s = loaded();
        let catalog = s.catalog().cloned().unwrap();
        let (m, d) = (&catalog.feed().merchants[1], &catalog.feed().merchants[1].deals[0]);
        let random = fujin_core::commerce::OrderRandomness { id: [1; 16], code: [1; 8] };
        let order = fujin_core::commerce::Order::new(
            m,
            d,
            1,
            fujin_core::model::PayProvider::Stripe,
            None,
            s.now,
            random,
        )
        .unwrap();
        let link = fujin_core::model::check_pay_link(
            fujin_core::model::PayProvider::Stripe,
            "https://buy.stripe.com/x",
            &[],
        )
        .unwrap();
        let id = order.id;
        let s = s
            .reduce_to(Action::Orders(OrderAction::Placed(Box::new(order), link)))
            .reduce_to(Action::Orders(OrderAction::Open(Some(id))));
        assert_eq!(s.selected_merchant, Some(1));
        assert_eq!(s.viewport.center, LonLat::new(114.0, 22.51));
        assert_eq!(s.to_view(&ViewState::default()).order, Some(id), "the link reopens the order");
    }

    #[test]
    fn opening_a_deal_selects_its_merchant_and_shows_it() {
        let s = loaded().reduce_to(Action::OpenDeal(Some("b1".into())));
        assert_eq!(s.selected_merchant, Some(1));
        assert_eq!(s.viewport.center, LonLat::new(114.0, 22.51));
        let linked =
            AppState::from_view(&ViewState::from_query("deal=b1"), Lang::Zh, OffsetDateTime::UNIX_EPOCH)
                .reduce_to(Action::FeedLoaded { catalog: catalog(), rejected: 0 });
        assert_eq!(linked.selected_merchant, Some(1), "a link to a deal selects it once the feed loads");
        let s = s.reduce_to(Action::OpenDeal(None));
        assert_eq!(s.open_deal, None);
    }
}
