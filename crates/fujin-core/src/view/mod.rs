//! What the widget shows, without the DOM: the view state kept in the page
//! address (centre, zoom, radius, filters, selection) and display texts
//! (distances, time left). Depends on [`index`](crate::index),
//! [`commerce`](crate::commerce), [`model`](crate::model) and [`geo`](crate::geo).

mod display;
mod view_state;

pub use display::{distance_text, time_left};
pub use view_state::{DEFAULT_RADIUS_KM, RADII_KM, ViewState, ZOOM_RANGE};
