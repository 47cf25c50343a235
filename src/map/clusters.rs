//! Which merchants the map draws, and how they are grouped into markers:
//! supercluster's greedy radius rule on a grid, per zoom level, each level
//! built from the merchants directly when first shown and kept.
//!
//! Written by hand rather than bound to supercluster: the map and its data
//! path are Fujin's core, and the groups come straight from the feed's
//! vectors with no copy into JS.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use fujin_core::feed::Feed;
use fujin_core::geo::web_mercator::{project, world_size_px};
use fujin_core::geo::{Crs, LonLat};
use fujin_core::index::DealRow;

use super::marker_grid::MarkerGrid;
use super::screen::Screen;

/// The merchants the map draws, with their positions: those of the list's
/// rows and the selected one, each once, in feed order.
pub fn drawn_merchants(feed: &Feed, rows: &[DealRow], selected: Option<u32>) -> Vec<(u32, LonLat)> {
    let mut shown = vec![false; feed.merchants.len()];
    for m in rows.iter().map(|r| r.merchant).chain(selected) {
        if let Some(slot) = shown.get_mut(m as usize) {
            *slot = true;
        }
    }
    let merchants = feed.merchants.iter().enumerate().zip(shown);
    merchants.filter(|(_, shown)| *shown).map(|((i, m), _)| (i as u32, m.position)).collect()
}

/// Merchants within this many CSS pixels of a group's first merchant join it.
pub const CLUSTER_RADIUS_PX: f64 = 48.0;
/// From this zoom on, markers are never merged (except at one identical spot).
pub const NO_CLUSTER_ZOOM: f64 = 17.0;

/// A dot on the map: one merchant, or several close together.
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    /// Screen position in CSS pixels.
    pub x: f64,
    /// Screen position in CSS pixels.
    pub y: f64,
    /// The merchants it stands for (indices into the feed), first one first;
    /// shared, so that a frame copies markers without copying their lists.
    pub merchants: Rc<[u32]>,
    /// True when all of them are at exactly the same position.
    pub same_spot: bool,
}

/// The zoom level whose markers are shown at a (fractional) zoom.
pub fn marker_level(zoom: f64) -> u8 {
    zoom.floor().clamp(0.0, MAX_MARKER_LEVEL as f64) as u8
}

/// The deepest zoom level markers are grouped for.
pub const MAX_MARKER_LEVEL: u8 = 22;

/// Merchants grouped into markers for every zoom level, each level built
/// the first time it is shown and kept: panning then only moves and culls
/// a level's markers, and zooming back is free.
///
/// Like supercluster, groups are made per integer zoom level on cells fixed
/// to the world (not to the screen), so a group does not change while the
/// shopper drags the map. Below [`NO_CLUSTER_ZOOM`] merchants within
/// [`CLUSTER_RADIUS_PX`] of a group's first merchant join it; from there on
/// only merchants at an identical position do.
#[derive(Debug)]
pub struct MarkerLevels {
    tile_crs: Crs,
    /// (feed index, position, Web Mercator unit square position in the tile datum).
    merchants: Vec<(u32, LonLat, (f64, f64))>,
    levels: RefCell<HashMap<u8, Rc<MarkerGrid>>>,
}

impl MarkerLevels {
    /// Prepares the markers of `merchants` (feed index, WGS-84 position) on
    /// tiles in `tile_crs`.
    pub fn new(tile_crs: Crs, merchants: impl IntoIterator<Item = (u32, LonLat)>) -> Self {
        let merchants = merchants
            .into_iter()
            .map(|(i, p)| {
                let u = project(tile_crs.from_wgs84(p));
                (i, p, (u.x, u.y))
            })
            .collect();
        Self { tile_crs, merchants, levels: RefCell::default() }
    }

    /// How many merchants are drawn.
    pub fn len(&self) -> usize {
        self.merchants.len()
    }

    /// True when no merchant is drawn.
    pub fn is_empty(&self) -> bool {
        self.merchants.is_empty()
    }

    /// The markers within `margin_px` of the screen, in screen pixels, in
    /// the level's own order. Only the grid cells the screen covers are
    /// looked at.
    pub fn on_screen(&self, screen: &Screen, margin_px: f64) -> Vec<Marker> {
        let z = marker_level(screen.zoom);
        let level = self.level(z);
        let projector = Screen { tile_crs: self.tile_crs, ..*screen }.projector();
        let scale = (screen.zoom - f64::from(z)).exp2();
        // The screen in world pixels at the level, a pixel wider for rounding.
        let centre = project(self.tile_crs.from_wgs84(screen.center));
        let world = world_size_px(f64::from(z));
        let (cx, cy) = (centre.x * world, centre.y * world);
        let half_w = (screen.width / 2.0 + margin_px) / scale + 1.0;
        let half_h = (screen.height / 2.0 + margin_px) / scale + 1.0;
        let (x_range, y_range) =
            (-margin_px..=screen.width + margin_px, -margin_px..=screen.height + margin_px);
        level
            .near((cx - half_w, cy - half_h), (cx + half_w, cy + half_h))
            .into_iter()
            .filter_map(|m| {
                let (x, y) = projector.world_to_screen(m.x * scale, m.y * scale);
                (x_range.contains(&x) && y_range.contains(&y)).then(|| Marker { x, y, ..m.clone() })
            })
            .collect()
    }

    /// The markers of zoom level `z`, in world pixels at `z`, filed by cell.
    fn level(&self, z: u8) -> Rc<MarkerGrid> {
        let mut levels = self.levels.borrow_mut();
        let world = world_size_px(f64::from(z));
        levels.entry(z).or_insert_with(|| Rc::new(MarkerGrid::new(group(z, &self.merchants), world))).clone()
    }
}

/// Groups merchants into the markers of zoom level `z`, in world pixels.
fn group(z: u8, merchants: &[(u32, LonLat, (f64, f64))]) -> Vec<Marker> {
    let world = world_size_px(f64::from(z));
    let px: Vec<(f64, f64)> = merchants.iter().map(|&(_, _, (ux, uy))| (ux * world, uy * world)).collect();
    let groups = if f64::from(z) < NO_CLUSTER_ZOOM {
        group_within_radius(&px, CLUSTER_RADIUS_PX)
    } else {
        group_identical(merchants)
    };
    groups
        .into_iter()
        .map(|members| {
            let n = members.len() as f64;
            let x = members.iter().map(|&k| px[k as usize].0).sum::<f64>() / n;
            let y = members.iter().map(|&k| px[k as usize].1).sum::<f64>() / n;
            let first = merchants[members[0] as usize].1;
            Marker {
                x,
                y,
                same_spot: members.iter().all(|&k| merchants[k as usize].1 == first),
                merchants: members.iter().map(|&k| merchants[k as usize].0).collect::<Vec<_>>().into(),
            }
        })
        .collect()
}

/// Greedy grouping (supercluster's rule): the first point not yet taken
/// takes every other untaken point within `radius` pixels. Points are found
/// through a grid of `radius` cells, each point leaving its cell when taken,
/// so the pass is O(n) for any density. Groups list input positions in order.
fn group_within_radius(px: &[(f64, f64)], radius: f64) -> Vec<Vec<u32>> {
    let cell_of = |(x, y): (f64, f64)| ((x / radius).floor() as i64, (y / radius).floor() as i64);
    // Positions as u32 (a level holds at most a feed's merchants), so that
    // sorting them shares its code with the marker grid's.
    let mut cells: HashMap<(i64, i64), Vec<u32>> = HashMap::new();
    for (&p, k) in px.iter().zip(0..) {
        cells.entry(cell_of(p)).or_default().push(k);
    }
    let mut taken = vec![false; px.len()];
    let mut groups = Vec::new();
    for seed in 0..px.len() {
        if taken[seed] {
            continue;
        }
        let (sx, sy) = px[seed];
        let (cx, cy) = cell_of(px[seed]);
        let mut members = Vec::new();
        for gx in cx - 1..=cx + 1 {
            for gy in cy - 1..=cy + 1 {
                let Some(cell) = cells.get_mut(&(gx, gy)) else { continue };
                cell.retain(|&k| {
                    let (x, y) = px[k as usize];
                    let near = (x - sx).powi(2) + (y - sy).powi(2) <= radius * radius;
                    if near {
                        taken[k as usize] = true;
                        members.push(k);
                    }
                    !near
                });
            }
        }
        members.sort_unstable();
        groups.push(members);
    }
    groups
}

/// Groups of merchants at exactly the same position, in input order.
fn group_identical(merchants: &[(u32, LonLat, (f64, f64))]) -> Vec<Vec<u32>> {
    let mut spots: HashMap<(u64, u64), usize> = HashMap::new();
    let mut groups: Vec<Vec<u32>> = Vec::new();
    for ((_, p, _), k) in merchants.iter().zip(0..) {
        let slot = *spots.entry((p.lon.to_bits(), p.lat.to_bits())).or_insert(groups.len());
        if slot == groups.len() {
            groups.push(Vec::new());
        }
        groups[slot].push(k);
    }
    groups
}

/// Groups merchants on screen, as [`MarkerLevels`] does, without keeping
/// anything: every marker, on screen or off. Input is (index, position).
pub fn cluster(screen: &Screen, merchants: impl IntoIterator<Item = (u32, LonLat)>) -> Vec<Marker> {
    MarkerLevels::new(screen.tile_crs, merchants).on_screen(screen, f64::INFINITY)
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

#[cfg(test)]
mod tests {
    use fujin_core::feed::load_feed;
    use fujin_core::model::Availability;

    use super::*;
    use crate::map::screen::example_screen;

    #[test]
    fn the_map_draws_the_listed_merchants_and_the_selected_one_once_each() {
        let json = br#"{"merchants": [
          {"id": "a", "name": "A", "category": "food", "lat": 22.50, "lon": 114.0},
          {"id": "b", "name": "B", "category": "food", "lat": 22.51, "lon": 114.0},
          {"id": "c", "name": "C", "category": "food", "lat": 22.52, "lon": 114.0},
          {"id": "d", "name": "D", "category": "food", "lat": 22.53, "lon": 114.0}]}"#;
        let feed = load_feed(json).unwrap().feed;
        let row =
            |merchant| DealRow { merchant, deal: 0, distance_m: 0.0, availability: Availability::Available };
        let ids = |drawn: Vec<(u32, LonLat)>| drawn.into_iter().map(|(i, _)| i).collect::<Vec<_>>();
        // Two deals of C, one of A: each merchant once, in feed order.
        assert_eq!(ids(drawn_merchants(&feed, &[row(2), row(0), row(2)], None)), [0, 2]);
        // The selected merchant is drawn though the filters hide its deals.
        assert_eq!(ids(drawn_merchants(&feed, &[row(2)], Some(3))), [2, 3]);
        assert_eq!(ids(drawn_merchants(&feed, &[], Some(1))), [1]);
        // Nothing listed, nothing selected; an index from another feed is ignored.
        assert!(drawn_merchants(&feed, &[], None).is_empty());
        assert!(drawn_merchants(&feed, &[row(9)], Some(7)).is_empty());
        assert_eq!(drawn_merchants(&feed, &[row(1)], None), [(1, LonLat::new(114.0, 22.51))]);
    }

    #[test]
    fn clusters_merge_nearby_and_split_when_zoomed() {
        let near = [
            (0, LonLat::new(114.0553, 22.538)),
            (1, LonLat::new(114.0554, 22.538)),
            (2, LonLat::new(114.10, 22.56)),
        ];
        let far_out = cluster(&example_screen(12.0), near);
        assert_eq!(far_out.len(), 2);
        assert_eq!(*far_out[0].merchants, [0, 1]);
        assert!(!far_out[0].same_spot);
        let close_up = cluster(&example_screen(18.0), near);
        assert_eq!(close_up.len(), 3);
    }

    #[test]
    fn points_off_screen_cluster_too() {
        // Two points together far east of the screen, one on it.
        let p = |lon| LonLat::new(lon, 22.538);
        let markers = cluster(&example_screen(12.0), [(0, p(114.5)), (1, p(114.5001)), (2, p(114.0553))]);
        assert_eq!(markers.len(), 2);
        assert_eq!(*markers[0].merchants, [0, 1]);
    }

    #[test]
    fn identical_positions_stay_one_marker_at_any_zoom() {
        let p = LonLat::new(114.0553, 22.538);
        let markers = cluster(&example_screen(19.0), [(4, p), (9, p), (11, p)]);
        assert_eq!(markers.len(), 1);
        assert!(markers[0].same_spot);
        assert_eq!(*markers[0].merchants, [4, 9, 11]);
        assert_eq!(hit(&markers, 201.0, 151.0).map(|m| m.merchants.len()), Some(3));
        assert!(hit(&markers, 300.0, 151.0).is_none());
    }

    #[test]
    fn groups_are_fixed_to_the_world_so_a_pan_only_moves_them() {
        // A hundred merchants in a 0.1° square around the centre.
        let merchants: Vec<(u32, LonLat)> = (0..100)
            .map(|i| (i, LonLat::new(114.0 + f64::from(i % 10) * 0.01, 22.5 + f64::from(i / 10) * 0.01)))
            .collect();
        let levels = MarkerLevels::new(Crs::Wgs84, merchants.iter().copied());
        let here = Screen { center: LonLat::new(114.05, 22.55), ..example_screen(11.0) };
        let there = Screen { center: here.to_lon_lat(200.0 + 37.0, 150.0 + 11.0), ..here };
        let (a, b) = (levels.on_screen(&here, f64::INFINITY), levels.on_screen(&there, f64::INFINITY));
        assert!(a.len() < 50, "merchants 1 km apart group at zoom 11");
        assert_eq!(a.len(), b.len());
        for (a, b) in a.iter().zip(&b) {
            assert_eq!(a.merchants, b.merchants, "same groups after the pan");
            assert!((a.x - 37.0 - b.x).abs() < 1e-6 && (a.y - 11.0 - b.y).abs() < 1e-6);
        }
        // Every merchant is in exactly one marker, and the levels are kept.
        let mut all: Vec<u32> = a.iter().flat_map(|m| m.merchants.iter().copied()).collect();
        all.sort_unstable();
        assert_eq!(all, (0..100).collect::<Vec<_>>());
        assert!(Rc::ptr_eq(&levels.level(11), &levels.level(11)));
        // A fractional zoom shows the level below, spread out about the centre.
        let between = levels.on_screen(&Screen { zoom: 11.5, ..here }, f64::INFINITY);
        assert_eq!(between.len(), a.len());
        for (a, b) in a.iter().zip(&between) {
            assert_eq!(a.merchants, b.merchants);
            assert!((b.x - 200.0 - (a.x - 200.0) * 0.5f64.exp2()).abs() < 1e-6);
            assert!((b.y - 150.0 - (a.y - 150.0) * 0.5f64.exp2()).abs() < 1e-6);
        }
    }

    #[test]
    fn groups_hold_their_radius_and_leave_no_one_out() {
        // A seeded cloud, dense in the middle like a city centre, and a duplicate.
        let mut seed = 7u64;
        let mut next = || {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 11) as f64 / (1u64 << 53) as f64
        };
        let mut px: Vec<(f64, f64)> =
            (0..3000).map(|_| (next() * next() * 2000.0, next() * 2000.0)).collect();
        px.push(px[0]);
        let groups: Vec<Vec<usize>> = group_within_radius(&px, CLUSTER_RADIUS_PX)
            .into_iter()
            .map(|g| g.into_iter().map(|k| k as usize).collect())
            .collect();
        let mut all: Vec<usize> = groups.iter().flatten().copied().collect();
        all.sort_unstable();
        assert_eq!(all, (0..px.len()).collect::<Vec<_>>(), "every point in exactly one group");
        let d2 = |a: (f64, f64), b: (f64, f64)| (a.0 - b.0).powi(2) + (a.1 - b.1).powi(2);
        let r2 = CLUSTER_RADIUS_PX * CLUSTER_RADIUS_PX;
        for g in &groups {
            assert!(g.iter().all(|&k| d2(px[k], px[g[0]]) <= r2), "members near their group's first");
        }
        // Each group's first point was untaken when the group was made: no earlier group reached it.
        for (i, g) in groups.iter().enumerate() {
            assert!(groups[..i].iter().all(|h| d2(px[g[0]], px[h[0]]) > r2));
        }
        assert!(groups.iter().any(|g| g.contains(&0) && g.contains(&3000)));
    }

    #[test]
    fn off_screen_markers_are_culled_and_the_antimeridian_is_seamless() {
        let merchants =
            [(0, LonLat::new(179.999, 0.0)), (1, LonLat::new(-179.999, 0.0)), (2, LonLat::new(0.0, 0.0))];
        let levels = MarkerLevels::new(Crs::Wgs84, merchants);
        let at_180 = Screen { center: LonLat::new(180.0, 0.0), ..example_screen(16.0) };
        let markers = levels.on_screen(&at_180, 40.0);
        let ids: Vec<u32> = markers.iter().flat_map(|m| m.merchants.iter().copied()).collect();
        assert_eq!(ids, [0, 1], "both sides of ±180° drawn, the far one culled");
        // 0.001° is 47 px at zoom 16: one just west of the centre, one just east.
        assert!(markers[0].x < 200.0 && markers[1].x > 200.0);
        assert!(markers.iter().all(|m| (m.x - 200.0).abs() < 50.0 && (m.y - 150.0).abs() < 1.0));
        assert!(MarkerLevels::new(Crs::Wgs84, []).on_screen(&at_180, 40.0).is_empty());
    }

    /// Whatever the screen (zoom, size, margin, the antimeridian, fractional
    /// zooms), the grid finds exactly the markers a scan of the whole level
    /// finds, in the same order.
    #[test]
    fn a_frame_finds_what_a_scan_of_the_level_finds() {
        let mut seed = 7_u64;
        let mut next = move || {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (seed >> 11) as f64 / (1u64 << 53) as f64
        };
        let merchants: Vec<(u32, LonLat)> = (0..3_000)
            .map(|i| {
                let (lon, lat) = if i % 3 == 0 {
                    (179.9 + 0.2 * next(), 0.1 * next())
                } else {
                    (114.0 + 0.2 * next(), 22.5 + 0.1 * next())
                };
                (i, LonLat::new(if lon > 180.0 { lon - 360.0 } else { lon }, lat))
            })
            .collect();
        let levels = MarkerLevels::new(Crs::Wgs84, merchants.iter().copied());
        for _ in 0..300 {
            let center = if next() < 0.5 {
                LonLat::new(180.0 - 0.2 * next(), 0.05)
            } else {
                LonLat::new(114.0 + 0.2 * next(), 22.5 + 0.1 * next())
            };
            let screen = Screen {
                width: 100.0 + 900.0 * next(),
                height: 100.0 + 900.0 * next(),
                center,
                zoom: 8.0 + 10.0 * next(),
                tile_crs: Crs::Wgs84,
            };
            let margin = 60.0 * next();
            let everything = levels.on_screen(&screen, f64::INFINITY);
            let (xs, ys) = (-margin..=screen.width + margin, -margin..=screen.height + margin);
            let scanned: Vec<Marker> =
                everything.into_iter().filter(|m| xs.contains(&m.x) && ys.contains(&m.y)).collect();
            assert_eq!(levels.on_screen(&screen, margin), scanned, "{screen:?} margin {margin}");
        }
    }
}
