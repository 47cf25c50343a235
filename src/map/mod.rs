//! The map: a hand-drawn slippy map of raster tiles with the merchants on a
//! canvas. `screen` is where things go in pixels and `clusters` which
//! merchants are drawn and how they group into markers (both pure, tested
//! natively); `draw`, `gestures` and the [`MapView`] component are the
//! browser side.

mod clusters;
mod draw;
mod gestures;
mod map_view;
mod placement;
mod screen;
mod tile_source;

pub use clusters::{Marker, MarkerLevels, cluster, drawn_merchants, hit};
pub use map_view::{MapView, MapViewProps};
pub use screen::{PlacedTile, Screen, scale_bar};
pub use tile_source::TileSource;
