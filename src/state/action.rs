//! Every change the app can make, as a value.

use fujin_core::geo::LonLat;
use fujin_core::index::{Catalog, SortBy};
use fujin_core::model::Category;
use fujin_core::view::ViewState;
use time::OffsetDateTime;

use super::app_state::FeedFailure;
use crate::browser::LocationError;
use crate::browser::Progress;
use crate::i18n::Lang;
use crate::orders::OrderAction;
use crate::shared::Shared;

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
    FeedFailed(FeedFailure),
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
    /// Only merchants open now.
    SetOpenNow(bool),
    /// Move the map by a pixel offset (drag), at the current zoom.
    PanBy(f64, f64),
    /// Centre the map here.
    CenterOn(LonLat),
    /// Set the zoom (kept in range), around the map's centre.
    ZoomTo(f64),
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
