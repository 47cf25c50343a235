//! The app's state and the only way it changes: an [`Action`] through the
//! reducer ([`AppState::reduce_to`]). Pure: no DOM here, so it is tested
//! natively.

mod action;
mod app_state;
mod purchase;
mod reducer;

pub use action::Action;
pub use app_state::{
    AppState, DEFAULT_ZOOM, FALLBACK_CENTER, FeedFailure, FeedStatus, FeedTrouble, Filters, LocationStatus,
    SearchOrigin, Viewport, minute_of_day,
};
pub use purchase::place_order;
