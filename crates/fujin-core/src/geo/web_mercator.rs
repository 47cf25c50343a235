//! Web Mercator (EPSG:3857) as slippy maps use it: positions to tile
//! numbers and pixels and back.
//!
//! As in Leaflet, projection is kept apart from screen pixels: [`project`]
//! maps a position into the unit square (x east, y **south**, both 0 to 1),
//! and the zoom level only scales that square to `TILE_SIZE_PX × 2^zoom`.

use super::lon_lat::LonLat;

/// Width and height of one map tile in pixels.
pub const TILE_SIZE_PX: f64 = 256.0;

/// The latitude where Web Mercator's square world ends, in degrees
/// (atan(sinh π)). Positions beyond it are clamped to it.
pub const MAX_LAT_DEG: f64 = 85.051_128_779_806_59;

/// A position projected into the unit square: `x` 0 at 180°W to 1 at 180°E,
/// `y` 0 at [`MAX_LAT_DEG`] north to 1 at the same latitude south.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct UnitPoint {
    /// 0 (west) to 1 (east).
    pub x: f64,
    /// 0 (north) to 1 (south).
    pub y: f64,
}

/// Projects a WGS-84 position into the unit square (latitudes clamped to ±[`MAX_LAT_DEG`]).
pub fn project(p: LonLat) -> UnitPoint {
    let lat = p.lat.clamp(-MAX_LAT_DEG, MAX_LAT_DEG).to_radians();
    let x = (p.lon + 180.0) / 360.0;
    let y = (1.0 - (lat.tan() + 1.0 / lat.cos()).ln() / std::f64::consts::PI) / 2.0;
    UnitPoint { x, y }
}

/// The inverse of [`project`].
pub fn unproject(u: UnitPoint) -> LonLat {
    let lon = u.x * 360.0 - 180.0;
    let lat = (std::f64::consts::PI * (1.0 - 2.0 * u.y)).sinh().atan().to_degrees();
    LonLat::new(lon, lat)
}

/// Size of the whole world in pixels at a (possibly fractional) zoom.
pub fn world_size_px(zoom: f64) -> f64 {
    TILE_SIZE_PX * zoom.exp2()
}

/// A position in world pixels at `zoom` (origin at the north-west corner).
///
/// ```
/// use fujin_core::geo::LonLat;
/// use fujin_core::geo::web_mercator::lon_lat_to_px;
/// assert_eq!(lon_lat_to_px(LonLat::new(0.0, 0.0), 1.0), (256.0, 256.0));
/// ```
pub fn lon_lat_to_px(p: LonLat, zoom: f64) -> (f64, f64) {
    let u = project(p);
    let size = world_size_px(zoom);
    (u.x * size, u.y * size)
}

/// The position at world pixel (`x_px`, `y_px`) at `zoom`.
pub fn px_to_lon_lat(x_px: f64, y_px: f64, zoom: f64) -> LonLat {
    let size = world_size_px(zoom);
    unproject(UnitPoint { x: x_px / size, y: y_px / size })
}

/// One slippy-map tile: `z/x/y` as in `https://tile.openstreetmap.org/{z}/{x}/{y}.png`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TileId {
    /// Zoom level, 0 (one tile for the world) upwards.
    pub z: u8,
    /// Column, 0 at 180°W.
    pub x: u32,
    /// Row, 0 at the top (north).
    pub y: u32,
}

impl TileId {
    /// The tile that contains a position at zoom `z` (at most 30).
    ///
    /// ```
    /// use fujin_core::geo::LonLat;
    /// use fujin_core::geo::web_mercator::TileId;
    /// // Tokyo Skytree at zoom 15.
    /// let t = TileId::containing(LonLat::new(139.810713, 35.709529), 15);
    /// assert_eq!((t.x, t.y), (29109, 12900));
    /// ```
    pub fn containing(p: LonLat, z: u8) -> TileId {
        let z = z.min(30);
        let n = 1u32 << z;
        let u = project(p);
        let to_index = |f: f64| ((f * f64::from(n)).floor().max(0.0) as u32).min(n - 1);
        TileId { z, x: to_index(u.x), y: to_index(u.y) }
    }

    /// The position of the tile's north-west corner.
    pub fn north_west(self) -> LonLat {
        let n = f64::from(1u32 << self.z.min(30));
        unproject(UnitPoint { x: f64::from(self.x) / n, y: f64::from(self.y) / n })
    }

    /// Fills a URL template's `{z}`, `{x}` and `{y}` (and `{s}` with `s`, a subdomain).
    pub fn url(self, template: &str, s: &str) -> String {
        template
            .replace("{z}", &self.z.to_string())
            .replace("{x}", &self.x.to_string())
            .replace("{y}", &self.y.to_string())
            .replace("{s}", s)
    }
}

// Property tests need proptest, which is not built for wasm32.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    // Reference values from the OpenStreetMap wiki's "Slippy map tilenames"
    // formulas, as published in other projects' test suites.
    #[test]
    fn tile_numbers_match_openstreetmap() {
        let cases = [
            (LonLat::new(139.810713, 35.709529), 15, 29109, 12900), // Tokyo Skytree
            (LonLat::new(132.317662, 34.278602), 15, 28427, 13059), // Miyajima
            (LonLat::new(0.0, 0.0), 1, 1, 1),
            (LonLat::new(-180.0, 85.0511), 0, 0, 0),
            (LonLat::new(180.0, -85.0511), 3, 7, 7), // east and south edges stay on the map
        ];
        for (p, z, x, y) in cases {
            assert_eq!(TileId::containing(p, z), TileId { z, x, y }, "{p}");
        }
    }

    #[test]
    fn tile_corners_match_openstreetmap() {
        let nw = TileId { z: 5, x: 4, y: 4 }.north_west();
        assert!((nw.lon - -135.0).abs() < 1e-12 && (nw.lat - 79.171_334_640_819_45).abs() < 1e-9);
        let nw = TileId { z: 5, x: 0, y: 0 }.north_west();
        assert!((nw.lon - -180.0).abs() < 1e-12 && (nw.lat - MAX_LAT_DEG).abs() < 1e-9);
        let nw = TileId { z: 9, x: 269, y: 179 }.north_west();
        assert!((nw.lon - 9.1406).abs() < 1e-4 && (nw.lat - 47.5172).abs() < 1e-4);
        let nw = TileId { z: 14, x: 0, y: 4096 }.north_west();
        assert!((nw.lat - 66.513_260).abs() < 1e-6);
    }

    #[test]
    fn poles_are_clamped_not_infinite() {
        let (_, y) = lon_lat_to_px(LonLat::new(0.0, 90.0), 2.0);
        assert!(y.abs() < 1e-9);
        let (_, y) = lon_lat_to_px(LonLat::new(0.0, -90.0), 2.0);
        assert!((y - 1024.0).abs() < 1e-9);
    }

    #[test]
    fn url_templates() {
        let t = TileId { z: 12, x: 3337, y: 1780 };
        assert_eq!(
            t.url("https://{s}.tile.example/{z}/{x}/{y}.png", "a"),
            "https://a.tile.example/12/3337/1780.png"
        );
    }

    proptest! {
        #[test]
        fn pixels_round_trip(lon in -180.0f64..180.0, lat in -85.0f64..85.0, zoom in 0.0f64..20.0) {
            let (x, y) = lon_lat_to_px(LonLat::new(lon, lat), zoom);
            let back = px_to_lon_lat(x, y, zoom);
            prop_assert!((back.lon - lon).abs() < 1e-9 && (back.lat - lat).abs() < 1e-9);
        }
    }
}
