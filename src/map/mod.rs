//! The map: a hand-drawn slippy map of raster tiles with the merchants on a
//! canvas. `screen` is where things go in pixels, `clusters` which
//! merchants are drawn and how they group into markers, `marker_grid` how a
//! frame finds a level's markers near the screen (all pure, tested
//! natively); `draw`, `gestures` and the [`MapView`] component are the
//! browser side.

mod clusters;
mod draw;
mod gestures;
mod map_view;
mod marker_grid;
mod placement;
mod screen;
mod tile_source;

pub use clusters::{CLUSTER_RADIUS_PX, Marker, MarkerLevels, cluster, drawn_merchants, hit};
pub use map_view::{MapView, MapViewProps};
pub use screen::{PlacedTile, Screen, scale_bar};
pub use tile_source::TileSource;
