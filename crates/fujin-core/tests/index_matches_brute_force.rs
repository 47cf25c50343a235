//! The spatial index must answer exactly as a brute-force scan does, on
//! random points that include the poles, the ±180° meridian and duplicates.

// Native only: its dev-dependencies are not built for wasm32 (see Cargo.toml).
#![cfg(not(target_arch = "wasm32"))]

use fujin_core::geo::{LonLat, LonLatBox, distance_m};
use fujin_core::index::SpatialIndex;
use proptest::prelude::*;

/// Brute force: every point's distance, sorted by (distance, index).
fn brute_sorted(points: &[LonLat], from: LonLat) -> Vec<(u32, f64)> {
    let mut all: Vec<(u32, f64)> =
        points.iter().enumerate().map(|(i, p)| (i as u32, distance_m(from, *p))).collect();
    all.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
    all
}

fn ids(hits: &[fujin_core::index::Hit]) -> Vec<u32> {
    hits.iter().map(|h| h.index).collect()
}

/// Every radius query of the index, checked against the brute-force answer
/// `want` (sorted by distance, then index): the sorted hits and the bare
/// ids (same set).
fn check_radius(
    index: &SpatialIndex,
    pts: &[LonLat],
    from: LonLat,
    radius_m: f64,
    want: &[u32],
) -> Result<(), TestCaseError> {
    let sorted = index.within_radius(from, radius_m);
    prop_assert_eq!(ids(&sorted), want);
    for hit in &sorted {
        prop_assert_eq!(hit.distance_m, distance_m(from, pts[hit.index as usize]));
    }
    // Among a subset (every third point, from a mark shorter than the
    // points so that those past its end count as not among them): the
    // same hits, in the same order, with the same distances.
    let among: Vec<bool> = (0..pts.len().saturating_sub(2)).map(|i| i % 3 != 1).collect();
    let kept: Vec<_> =
        sorted.iter().filter(|h| among.get(h.index as usize) == Some(&true)).copied().collect();
    prop_assert_eq!(index.within_radius_among(from, radius_m, &among), kept);
    let mut bare = Vec::new();
    index.ids_within_radius(from, radius_m, &mut bare);
    bare.sort_unstable();
    let mut want_set = want.to_vec();
    want_set.sort_unstable();
    prop_assert_eq!(bare, want_set);
    Ok(())
}

/// Longitudes and latitudes with extra weight on the awkward values.
fn coordinate(limit: f64) -> impl Strategy<Value = f64> {
    prop_oneof![
        6 => -limit..=limit,
        1 => Just(limit),
        1 => Just(-limit),
        1 => Just(0.0),
        1 => (limit - 0.01)..=limit,
        1 => -limit..=(-limit + 0.01),
    ]
}

fn position() -> impl Strategy<Value = LonLat> {
    (coordinate(180.0), coordinate(90.0)).prop_map(|(lon, lat)| LonLat::new(lon, lat))
}

/// Points, some of them repeated exactly.
fn points() -> impl Strategy<Value = Vec<LonLat>> {
    (prop::collection::vec(position(), 0..300), prop::collection::vec(any::<prop::sample::Index>(), 0..20))
        .prop_map(|(mut pts, dups)| {
            if !pts.is_empty() {
                for d in dups {
                    let p = pts[d.index(pts.len())];
                    pts.push(p);
                }
            }
            pts
        })
}

/// Points on a 5 × 5 grid of 0.0001° cells straddling the antimeridian
/// at the north pole, where ties and near-ties abound.
fn clustered_points() -> impl Strategy<Value = Vec<LonLat>> {
    const LONS: [f64; 5] = [179.9998, 179.9999, 180.0, -179.9999, -179.9998];
    const LATS: [f64; 5] = [89.9996, 89.9997, 89.9998, 89.9999, 90.0];
    prop::collection::vec((0..5usize, 0..5usize), 0..200)
        .prop_map(|cells| cells.into_iter().map(|(x, y)| LonLat::new(LONS[x], LATS[y])).collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn nearest_k_is_brute_force(pts in points(), from in position(), k in 0usize..40) {
        let index = SpatialIndex::new(&pts);
        let got = index.nearest(from, k);
        let want: Vec<u32> = brute_sorted(&pts, from).into_iter().take(k).map(|(i, _)| i).collect();
        prop_assert_eq!(ids(&got), want);
        for hit in &got {
            prop_assert_eq!(hit.distance_m, distance_m(from, pts[hit.index as usize]));
        }
    }

    #[test]
    fn within_radius_is_brute_force(pts in points(), from in position(), radius_m in prop_oneof![0.0..5_000.0, 0.0..25_000_000.0]) {
        let index = SpatialIndex::new(&pts);
        let want: Vec<u32> = brute_sorted(&pts, from).into_iter().filter(|(_, d)| *d <= radius_m).map(|(i, _)| i).collect();
        check_radius(&index, &pts, from, radius_m, &want)?;
    }

    /// A radius equal to a point's distance keeps it; a hair less drops it.
    #[test]
    fn radius_exactly_at_a_point(pts in points(), from in position(), pick in any::<prop::sample::Index>()) {
        prop_assume!(!pts.is_empty());
        let index = SpatialIndex::new(&pts);
        let brute = brute_sorted(&pts, from);
        let edge = distance_m(from, pts[pick.index(pts.len())]);
        for radius_m in [edge, edge.next_down(), edge.next_up()] {
            let want: Vec<u32> = brute.iter().filter(|(_, d)| *d <= radius_m).map(|(i, _)| *i).collect();
            check_radius(&index, &pts, from, radius_m, &want)?;
        }
    }

    #[test]
    fn in_box_is_brute_force(pts in points(), west in coordinate(180.0), east in coordinate(180.0), a in coordinate(90.0), b in coordinate(90.0)) {
        let bbox = LonLatBox::new(west, a.min(b), east, a.max(b));
        let index = SpatialIndex::new(&pts);
        let want: Vec<u32> = (0..pts.len() as u32).filter(|&i| bbox.contains(pts[i as usize])).collect();
        prop_assert_eq!(index.in_box(&bbox), want);
    }

    #[test]
    fn ties_near_the_pole_and_dateline(pts in clustered_points(), k in 1usize..30, radius_m in 0.0f64..60.0) {
        let from = LonLat::new(180.0, 90.0);
        let index = SpatialIndex::new(&pts);
        let brute = brute_sorted(&pts, from);
        let want_k: Vec<u32> = brute.iter().take(k).map(|(i, _)| *i).collect();
        prop_assert_eq!(ids(&index.nearest(from, k)), want_k);
        let want_r: Vec<u32> = brute.iter().filter(|(_, d)| *d <= radius_m).map(|(i, _)| *i).collect();
        check_radius(&index, &pts, from, radius_m, &want_r)?;
    }
}

/// A city's worth of generated merchants: every kind of query agrees with brute force.
#[test]
fn city_scale_agrees_with_brute_force() {
    use fujin_core::demo::{DemoOptions, demo_feed};
    let doc = demo_feed(&DemoOptions { seed: 42, merchants: 20_000, max_deals: 0, ..DemoOptions::default() });
    let feed = fujin_core::feed::load_value(&doc).unwrap().feed;
    let pts = feed.positions();
    let index = SpatialIndex::new(&pts);
    for from in [LonLat::new(114.0553, 22.5380), LonLat::new(113.93, 22.52), LonLat::new(114.3, 22.7)] {
        let brute = brute_sorted(&pts, from);
        let want: Vec<u32> = brute.iter().take(50).map(|(i, _)| *i).collect();
        assert_eq!(ids(&index.nearest(from, 50)), want);
        for radius_m in [0.0, 500.0, 3_000.0, 20_000.0] {
            let want: Vec<u32> = brute.iter().filter(|(_, d)| *d <= radius_m).map(|(i, _)| *i).collect();
            check_radius(&index, &pts, from, radius_m, &want).unwrap();
        }
    }
    let bbox = LonLatBox::new(114.0, 22.5, 114.1, 22.56);
    let want: Vec<u32> = (0..pts.len() as u32).filter(|&i| bbox.contains(pts[i as usize])).collect();
    assert_eq!(index.in_box(&bbox), want);
}
