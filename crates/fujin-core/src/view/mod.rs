//! What the widget shows, without the DOM: the view state kept in the page
//! address (centre, zoom, radius, filters, selection), how it shares that
//! address with its host, which feed it may load, and display texts
//! (distances, time left). Depends on [`index`](crate::index),
//! [`commerce`](crate::commerce), [`model`](crate::model) and [`geo`](crate::geo).

mod display;
mod feed_choice;
mod url_state;
mod view_state;
mod widget_options;

pub use display::{distance_text, time_left};
pub use feed_choice::{FeedChoice, SAME_ORIGIN, choose_feed};
pub use url_state::{BadUrlState, UrlState, VIEW_KEYS, merge_pairs, own_pairs};
pub use view_state::{DEFAULT_RADIUS_KM, RADII_KM, ViewState, ZOOM_RANGE};
pub use widget_options::{ATTRIBUTES, DEFAULT_URL_KEY, Locate, OptionWarning, Tiles, WidgetOptions};
