//! Where things are: positions, rectangles and great-circle distance, the
//! datums Chinese maps use (GCJ-02, BD-09), Web Mercator tile maths and
//! directions links to the shoppers' map apps. Depends on nothing else in
//! the crate.

mod bd09;
mod crs;
mod directions;
mod distance;
mod fixed;
mod gcj02;
mod lon_lat;
mod lon_lat_box;
pub mod web_mercator;

pub use bd09::{bd09_to_gcj02, bd09_to_wgs84, gcj02_to_bd09, wgs84_to_bd09};
pub use crs::{Crs, UnknownCrs};
pub use directions::{MapApp, directions_url};
pub use distance::{EARTH_RADIUS_M, chord_2, chord_2_to_m, distance_m, m_to_chord_2};
pub use fixed::Fixed;
pub use gcj02::{gcj02_to_wgs84, in_china, wgs84_to_gcj02};
pub use lon_lat::LonLat;
pub use lon_lat_box::LonLatBox;
