//! Where things go on the map's screen: tiles, markers and clusters in
//! pixels. Pure arithmetic on the core's Web Mercator, kept apart from the
//! canvas so that it can be tested natively.
//!
//! Clustering is a single pass over a pixel grid, written by hand: the map
//! and its data path are Fujin's core, and a grid pass over the viewport's
//! merchants is all a phone screen needs.

use std::collections::HashMap;

use fujin_core::web_mercator::{TILE_SIZE_PX, TileId, lon_lat_to_px, px_to_lon_lat};
use fujin_core::{Crs, LonLat, LonLatBox};

/// Side of a clustering cell in CSS pixels.
pub const CLUSTER_CELL_PX: f64 = 56.0;
/// From this zoom on, markers are never merged (except at one identical spot).
pub const NO_CLUSTER_ZOOM: f64 = 17.0;

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
    pub fn to_screen(&self, p: LonLat) -> (f64, f64) {
        let (x, y) = lon_lat_to_px(self.tile_crs.from_wgs84(p), self.zoom);
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
            world_px: fujin_core::web_mercator::world_size_px(self.zoom),
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
        let world = fujin_core::web_mercator::world_size_px(self.zoom);
        if self.width + 2.0 * margin_px >= world {
            return LonLatBox::new(-180.0, se.lat.max(-90.0), 180.0, nw.lat.min(90.0));
        }
        LonLatBox::new(nw.lon, se.lat.max(-90.0), se.lon, nw.lat.min(90.0))
    }

    /// Metres per CSS pixel at the centre.
    pub fn metres_per_px(&self) -> f64 {
        let circumference = 2.0 * std::f64::consts::PI * fujin_core::EARTH_RADIUS_M;
        circumference * self.center.lat.to_radians().cos()
            / fujin_core::web_mercator::world_size_px(self.zoom)
    }

    /// The tiles that cover the screen at the nearest integer zoom, with
    /// their top-left corner and side in screen pixels.
    pub fn tiles(&self) -> Vec<(TileId, f64, f64, f64)> {
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
                tiles.push((TileId { z: z as u8, x: wrapped as u32, y: y as u32 }, sx, sy, side));
                x += 1.0;
            }
            y += 1.0;
        }
        tiles
    }
}

/// A dot on the map: one merchant, or several close together.
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    /// Screen position in CSS pixels.
    pub x: f64,
    /// Screen position in CSS pixels.
    pub y: f64,
    /// The merchants it stands for (indices into the feed), first one first.
    pub merchants: Vec<u32>,
    /// True when all of them are at exactly the same position.
    pub same_spot: bool,
}

/// Groups merchants on screen: by cell below [`NO_CLUSTER_ZOOM`], and only
/// at identical positions from there on. Input is (index, position).
pub fn cluster(screen: &Screen, merchants: impl IntoIterator<Item = (u32, LonLat)>) -> Vec<Marker> {
    let merge_cells = screen.zoom < NO_CLUSTER_ZOOM;
    let projector = screen.projector();
    // Cells of the visible grid (plus a margin) are looked up in a flat
    // array; anything else (exact spots, far-off points) in a hash map.
    const MARGIN_CELLS: i64 = 2;
    let columns = (screen.width / CLUSTER_CELL_PX).ceil() as i64 + 2 * MARGIN_CELLS + 1;
    let rows = (screen.height / CLUSTER_CELL_PX).ceil() as i64 + 2 * MARGIN_CELLS + 1;
    let grid_len = if merge_cells { (columns * rows).max(0) as usize } else { 0 };
    let mut grid: Vec<Option<usize>> = vec![None; grid_len];
    let mut slots: HashMap<Slot, usize> = HashMap::new();
    // Each marker with its first position and the sums of its members' pixels.
    let mut markers: Vec<(Marker, LonLat, f64, f64)> = Vec::new();
    for (index, position) in merchants {
        let (x, y) = projector.to_screen(position);
        let slot = if merge_cells {
            Slot::Cell((x / CLUSTER_CELL_PX).floor() as i64, (y / CLUSTER_CELL_PX).floor() as i64)
        } else {
            Slot::Spot(position.lon.to_bits(), position.lat.to_bits())
        };
        let in_grid = match slot {
            Slot::Cell(cx, cy) => {
                let (gx, gy) = (cx + MARGIN_CELLS, cy + MARGIN_CELLS);
                ((0..columns).contains(&gx) && (0..rows).contains(&gy)).then(|| (gy * columns + gx) as usize)
            }
            Slot::Spot(..) => None,
        };
        let existing = match in_grid {
            Some(g) => grid[g],
            None => slots.get(&slot).copied(),
        };
        if let Some(i) = existing {
            let (marker, first, sum_x, sum_y) = &mut markers[i];
            marker.merchants.push(index);
            marker.same_spot &= *first == position;
            *sum_x += x;
            *sum_y += y;
        } else {
            match in_grid {
                Some(g) => grid[g] = Some(markers.len()),
                None => {
                    slots.insert(slot, markers.len());
                }
            }
            markers.push((Marker { x, y, merchants: vec![index], same_spot: true }, position, x, y));
        }
    }
    markers
        .into_iter()
        .map(|(mut marker, _, sum_x, sum_y)| {
            let n = marker.merchants.len() as f64;
            (marker.x, marker.y) = (sum_x / n, sum_y / n);
            marker
        })
        .collect()
}

/// What merges markers: a grid cell of the screen, or an exact position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Slot {
    Cell(i64, i64),
    Spot(u64, u64),
}

/// The marker under a screen point, if any (clusters are bigger targets).
pub fn hit(markers: &[Marker], x: f64, y: f64) -> Option<&Marker> {
    markers
        .iter()
        .filter(|m| {
            let r = marker_radius(m) + 6.0;
            (m.x - x).powi(2) + (m.y - y).powi(2) <= r * r
        })
        .min_by(|a, b| {
            let d = |m: &Marker| (m.x - x).powi(2) + (m.y - y).powi(2);
            d(a).total_cmp(&d(b))
        })
}

/// Radius of a marker's dot in CSS pixels.
pub fn marker_radius(m: &Marker) -> f64 {
    match m.merchants.len() {
        1 => 7.0,
        n => 12.0 + (n as f64).log10() * 5.0,
    }
}

/// A scale bar: a round distance in metres and its length in pixels, at most `max_px` long.
pub fn scale_bar(metres_per_px: f64, max_px: f64) -> (f64, f64) {
    let max_m = metres_per_px * max_px;
    let magnitude = 10f64.powf(max_m.log10().floor());
    let step = [5.0, 2.0, 1.0].into_iter().map(|f| f * magnitude).find(|m| *m <= max_m).unwrap_or(magnitude);
    (step, step / metres_per_px)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn screen(zoom: f64) -> Screen {
        Screen {
            width: 400.0,
            height: 300.0,
            center: LonLat::new(114.0553, 22.538),
            zoom,
            tile_crs: Crs::Wgs84,
        }
    }

    #[test]
    fn screen_round_trip_and_centre() {
        let s = screen(14.0);
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
        let wgs = screen(16.0);
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
    fn tiles_cover_the_screen() {
        let s = screen(14.3);
        let tiles = s.tiles();
        assert!(tiles.iter().all(|t| t.0.z == 14));
        let covers = |x: f64, y: f64| {
            tiles.iter().any(|(_, sx, sy, side)| x >= *sx && x < sx + side && y >= *sy && y < sy + side)
        };
        for (x, y) in [(0.0, 0.0), (399.0, 299.0), (200.0, 150.0), (0.0, 299.0)] {
            assert!(covers(x, y), "{x},{y}");
        }
    }

    #[test]
    fn clusters_merge_nearby_and_split_when_zoomed() {
        let near = [
            (0, LonLat::new(114.0553, 22.538)),
            (1, LonLat::new(114.0554, 22.538)),
            (2, LonLat::new(114.10, 22.56)),
        ];
        let far_out = cluster(&screen(12.0), near);
        assert_eq!(far_out.len(), 2);
        assert_eq!(far_out[0].merchants, [0, 1]);
        assert!(!far_out[0].same_spot);
        let close_up = cluster(&screen(18.0), near);
        assert_eq!(close_up.len(), 3);
    }

    #[test]
    fn points_off_screen_cluster_too() {
        // Two points together far east of the screen, one on it.
        let p = |lon| LonLat::new(lon, 22.538);
        let markers = cluster(&screen(12.0), [(0, p(114.5)), (1, p(114.5001)), (2, p(114.0553))]);
        assert_eq!(markers.len(), 2);
        assert_eq!(markers[0].merchants, [0, 1]);
    }

    #[test]
    fn identical_positions_stay_one_marker_at_any_zoom() {
        let p = LonLat::new(114.0553, 22.538);
        let markers = cluster(&screen(19.0), [(4, p), (9, p), (11, p)]);
        assert_eq!(markers.len(), 1);
        assert!(markers[0].same_spot);
        assert_eq!(markers[0].merchants, [4, 9, 11]);
        assert_eq!(hit(&markers, 201.0, 151.0).map(|m| m.merchants.len()), Some(3));
        assert!(hit(&markers, 300.0, 151.0).is_none());
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
        let s = Screen { center: LonLat::new(179.99, 0.0), ..screen(10.0) };
        let b = s.bounds(0.0);
        assert!(b.crosses_antimeridian());
        assert!(b.contains(LonLat::new(-179.99, 0.0)));
    }
}
