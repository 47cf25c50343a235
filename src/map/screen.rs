//! The map's screen: its size and view, and where positions and tiles go on
//! it in CSS pixels. Pure arithmetic on the core's Web Mercator (the
//! projection is the core's; pixels are the map's), tested natively.

use fujin_core::geo::web_mercator::{TILE_SIZE_PX, TileId, lon_lat_to_px, px_to_lon_lat, world_size_px};
use fujin_core::geo::{Crs, EARTH_RADIUS_M, LonLat, LonLatBox};

/// The map's screen: size in CSS pixels, view and the datum its tiles are drawn in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Screen {
    /// Width in CSS pixels.
    pub width: f64,
    /// Height in CSS pixels.
    pub height: f64,
    /// Centre, WGS-84.
    pub center: LonLat,
    /// Zoom.
    pub zoom: f64,
    /// Datum of the tiles (markers are shifted into it).
    pub tile_crs: Crs,
}

/// Projects many positions onto one screen, with the centre worked out once.
#[derive(Debug, Clone, Copy)]
pub struct Projector {
    center_px: (f64, f64),
    world_px: f64,
    half: (f64, f64),
    zoom: f64,
    tile_crs: Crs,
}

impl Projector {
    /// Screen pixel of a WGS-84 position.
    pub fn to_screen(self, p: LonLat) -> (f64, f64) {
        let (x, y) = lon_lat_to_px(self.tile_crs.from_wgs84(p), self.zoom);
        self.world_to_screen(x, y)
    }

    /// Screen pixel of a world pixel at the screen's zoom (tile datum).
    pub fn world_to_screen(&self, x: f64, y: f64) -> (f64, f64) {
        // Take the copy of the world nearest the centre, so the antimeridian is seamless.
        let mut dx = x - self.center_px.0;
        if dx > self.world_px / 2.0 {
            dx -= self.world_px;
        } else if dx < -self.world_px / 2.0 {
            dx += self.world_px;
        }
        (dx + self.half.0, y - self.center_px.1 + self.half.1)
    }
}

impl Screen {
    /// A projector for this screen (compute once, project many).
    pub fn projector(&self) -> Projector {
        Projector {
            center_px: lon_lat_to_px(self.tile_crs.from_wgs84(self.center), self.zoom),
            world_px: world_size_px(self.zoom),
            half: (self.width / 2.0, self.height / 2.0),
            zoom: self.zoom,
            tile_crs: self.tile_crs,
        }
    }

    /// Screen pixel of a WGS-84 position.
    pub fn to_screen(&self, p: LonLat) -> (f64, f64) {
        self.projector().to_screen(p)
    }

    /// The WGS-84 position under a screen pixel.
    pub fn to_lon_lat(&self, x: f64, y: f64) -> LonLat {
        let (cx, cy) = lon_lat_to_px(self.tile_crs.from_wgs84(self.center), self.zoom);
        let p = px_to_lon_lat(cx + x - self.width / 2.0, cy + y - self.height / 2.0, self.zoom);
        let lon = (p.lon + 180.0).rem_euclid(360.0) - 180.0;
        self.tile_crs.to_wgs84(LonLat::new(lon, p.lat))
    }

    /// The lon/lat box the screen shows (with a margin of `margin_px`).
    pub fn bounds(&self, margin_px: f64) -> LonLatBox {
        let nw = self.to_lon_lat(-margin_px, -margin_px);
        let se = self.to_lon_lat(self.width + margin_px, self.height + margin_px);
        let world = world_size_px(self.zoom);
        if self.width + 2.0 * margin_px >= world {
            return LonLatBox::new(-180.0, se.lat.max(-90.0), 180.0, nw.lat.min(90.0));
        }
        LonLatBox::new(nw.lon, se.lat.max(-90.0), se.lon, nw.lat.min(90.0))
    }

    /// Metres per CSS pixel at the centre.
    pub fn metres_per_px(&self) -> f64 {
        let circumference = 2.0 * std::f64::consts::PI * EARTH_RADIUS_M;
        circumference * self.center.lat.to_radians().cos() / world_size_px(self.zoom)
    }

    /// The tiles that cover the screen at the nearest integer zoom, each
    /// placed in screen pixels.
    pub fn tiles(&self) -> Vec<PlacedTile> {
        let z = self.zoom.round().clamp(0.0, 22.0);
        let scale = (self.zoom - z).exp2();
        let side = TILE_SIZE_PX * scale;
        let (cx, cy) = lon_lat_to_px(self.tile_crs.from_wgs84(self.center), z);
        let left = cx - self.width / 2.0 / scale;
        let top = cy - self.height / 2.0 / scale;
        let n = 2f64.powf(z);
        let (x0, y0) = ((left / TILE_SIZE_PX).floor(), (top / TILE_SIZE_PX).floor().max(0.0));
        let x1 = ((left + self.width / scale) / TILE_SIZE_PX).floor();
        let y1 = ((top + self.height / scale) / TILE_SIZE_PX).floor().min(n - 1.0);
        let mut tiles = Vec::new();
        let mut y = y0;
        while y <= y1 {
            let mut x = x0;
            while x <= x1 {
                let wrapped = x.rem_euclid(n);
                let sx = (x * TILE_SIZE_PX - left) * scale;
                let sy = (y * TILE_SIZE_PX - top) * scale;
                let tile = TileId { z: z as u8, x: wrapped as u32, y: y as u32 };
                tiles.push(PlacedTile { tile, left_px: sx, top_px: sy, side_px: side });
                x += 1.0;
            }
            y += 1.0;
        }
        tiles
    }
}

/// A map tile placed on the screen.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlacedTile {
    /// Which tile.
    pub tile: TileId,
    /// Its left edge, in CSS pixels from the screen's left.
    pub left_px: f64,
    /// Its top edge, in CSS pixels from the screen's top.
    pub top_px: f64,
    /// Its side, in CSS pixels (256 scaled by the fractional zoom).
    pub side_px: f64,
}

/// A scale bar: a round distance in metres and its length in pixels, at most `max_px` long.
pub fn scale_bar(metres_per_px: f64, max_px: f64) -> (f64, f64) {
    let max_m = metres_per_px * max_px;
    let magnitude = 10f64.powf(max_m.log10().floor());
    let step = [5.0, 2.0, 1.0].into_iter().map(|f| f * magnitude).find(|m| *m <= max_m).unwrap_or(magnitude);
    (step, step / metres_per_px)
}

/// A 400 × 300 screen on Shenzhen's Futian district at `zoom`, for tests.
#[cfg(test)]
pub(crate) fn example_screen(zoom: f64) -> Screen {
    Screen { width: 400.0, height: 300.0, center: LonLat::new(114.0553, 22.538), zoom, tile_crs: Crs::Wgs84 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn screen_round_trip_and_centre() {
        let s = example_screen(14.0);
        let (x, y) = s.to_screen(s.center);
        assert!((x - 200.0).abs() < 1e-6 && (y - 150.0).abs() < 1e-6);
        let p = s.to_lon_lat(10.0, 290.0);
        let (bx, by) = s.to_screen(p);
        assert!((bx - 10.0).abs() < 1e-6 && (by - 290.0).abs() < 1e-6);
        let gcj = Screen { tile_crs: Crs::Gcj02, ..s };
        let p = gcj.to_lon_lat(123.0, 45.0);
        let (bx, by) = gcj.to_screen(p);
        assert!((bx - 123.0).abs() < 1e-3 && (by - 45.0).abs() < 1e-3);
    }

    #[test]
    fn gcj_tiles_shift_markers_by_hundreds_of_metres() {
        let wgs = example_screen(16.0);
        let gcj = Screen { tile_crs: Crs::Gcj02, ..wgs };
        let shop = LonLat::new(114.06, 22.54);
        // Relative to the centre, both datums shift alike; what matters is that
        // the tile grid under a marker differs: the marker's GCJ-02 pixel is
        // hundreds of metres away from its WGS-84 pixel in world space.
        let (wx, _) = lon_lat_to_px(shop, 16.0);
        let (gx, _) = lon_lat_to_px(Crs::Gcj02.from_wgs84(shop), 16.0);
        assert!((gx - wx).abs() * wgs.metres_per_px() > 300.0);
        assert!((gcj.to_screen(shop).0 - wgs.to_screen(shop).0).abs() < 1.0);
    }

    #[test]
    fn tiles_cover_the_example_screen() {
        let s = example_screen(14.3);
        let tiles = s.tiles();
        assert!(tiles.iter().all(|t| t.tile.z == 14));
        let covers = |x: f64, y: f64| {
            tiles.iter().any(|t| {
                let (sx, sy, side) = (t.left_px, t.top_px, t.side_px);
                x >= sx && x < sx + side && y >= sy && y < sy + side
            })
        };
        for (x, y) in [(0.0, 0.0), (399.0, 299.0), (200.0, 150.0), (0.0, 299.0)] {
            assert!(covers(x, y), "{x},{y}");
        }
    }

    #[test]
    fn scale_bars_are_round() {
        assert_eq!(scale_bar(1.0, 100.0), (100.0, 100.0));
        let (m, px) = scale_bar(3.0, 100.0);
        assert_eq!(m, 200.0);
        assert!((px - 66.666).abs() < 0.01);
    }

    #[test]
    fn bounds_across_the_antimeridian() {
        let s = Screen { center: LonLat::new(179.99, 0.0), ..example_screen(10.0) };
        let b = s.bounds(0.0);
        assert!(b.crosses_antimeridian());
        assert!(b.contains(LonLat::new(-179.99, 0.0)));
    }
}
