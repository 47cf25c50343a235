//! What the app shows: the state the reducer changes, its parts, and how
//! it maps to and from the view kept in the page URL.

use std::collections::BTreeSet;

use fujin_core::commerce::ReferralCode;
use fujin_core::geo::LonLat;
use fujin_core::index::{Catalog, DealQuery, DealRow, SortBy};
use fujin_core::model::Category;
use fujin_core::view::{DEFAULT_RADIUS_KM, ViewState};
use time::OffsetDateTime;

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
    /// Could not be loaded.
    Failed(FeedFailure),
}

/// Why the feed is not shown.
#[derive(Debug, Clone, PartialEq)]
pub enum FeedFailure {
    /// The host gave no feed URL.
    NoFeed,
    /// Fetching or reading it failed: what the shopper is told, and the
    /// technical detail (English, for the console and the host's
    /// `fujin-error` event, never shown in the widget).
    Failed {
        /// What went wrong, as the shopper can understand it.
        trouble: FeedTrouble,
        /// The technical detail.
        detail: String,
    },
}

/// What went wrong with a feed, in the terms the shopper is told
/// (`Lang::feed_trouble`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedTrouble {
    /// This browser lacks what loading needs.
    Unsupported,
    /// No answer from the server (offline, blocked).
    Network,
    /// The server has no feed at that address (404, 410).
    NotFound(u16),
    /// The server answered with another error status.
    Server(u16),
    /// The answer is empty.
    Empty,
    /// The answer stops in the middle (a broken download).
    Truncated,
    /// The answer is larger than a feed may be.
    TooLarge,
    /// The answer is not a feed, or a damaged one.
    Damaged,
}

impl FeedFailure {
    /// The technical detail, in English: for the console and the host.
    pub fn message(&self) -> &str {
        match self {
            FeedFailure::NoFeed => "no feed was given (the feed attribute or option)",
            FeedFailure::Failed { detail, .. } => detail,
        }
    }
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
    /// Only merchants open now (local time).
    pub open_now: bool,
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
            open_now: false,
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
    /// The deal whose page was closed last: its card takes the focus back
    /// when the list shows again (keyboard and screen-reader users).
    pub closed_deal: Option<String>,
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
    /// Where the host said the map opens when the shopper's location is not
    /// known; it comes before the feed's centre.
    pub host_center: Option<LonLat>,
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
            closed_deal: None,
            spot_list: None,
            now,
            rows: Shared::new(Vec::new()),
            orders: OrderBook::default(),
            referral: view.referral.clone(),
            map_placed: false,
            host_center: None,
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
            // Only a picked point: the device's location is asked again
            // after a reload (so the banner still says "near you"), and is
            // never written into a link the shopper might share.
            search_point: (self.search_origin == SearchOrigin::Picked).then_some(self.search_point),
            map_center: Some(self.viewport.center),
            zoom: Some(self.viewport.zoom),
            radius_km: (f.radius_km != DEFAULT_RADIUS_KM).then_some(f.radius_km),
            categories: f.categories.clone(),
            sort: (f.sort != SortBy::Distance).then_some(f.sort),
            text: f.text.clone(),
            min_yuan: f.min_yuan,
            max_yuan: f.max_yuan,
            include_unavailable: f.include_unavailable,
            open_now: f.open_now,
            deal: self.open_deal.clone(),
            order: self.orders.open_order,
            returned: None,
        }
    }

    /// The feed's centre, or Fujin's fallback.
    pub fn default_center(&self) -> LonLat {
        self.host_center.or_else(|| self.catalog().and_then(|c| c.feed().center)).unwrap_or(FALLBACK_CENTER)
    }

    /// The state with the host's centre (see [`host_center`](AppState::host_center)):
    /// the search starts there unless the link named a point.
    pub fn with_host_center(mut self, center: Option<LonLat>) -> Self {
        self.host_center = center;
        if let Some(center) = center
            && self.search_origin == SearchOrigin::Default
        {
            self.search_point = center;
            if !self.map_placed {
                self.viewport.center = center;
            }
        }
        self
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
            open_at: f.open_now.then(|| minute_of_day(self.now)),
        }
    }

    /// Takes the view a URL describes (on start, and on back/forward).
    pub(super) fn apply_view(&mut self, view: &ViewState) {
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
            open_now: view.open_now,
        };
        self.open_deal = view.deal.clone();
        self.orders.open_order = view.order.filter(|id| self.orders.get(*id).is_some());
    }
}

/// Minutes after midnight of `now`, in its own offset (the browser's clock
/// gives the device's local time: see `browser::now`), for opening hours.
pub fn minute_of_day(now: OffsetDateTime) -> u16 {
    u16::from(now.hour()) * 60 + u16::from(now.minute())
}
