//! The spatial index: nearest, within-radius and in-box queries on the sphere.
//!
//! Positions are stored as unit vectors in 3-D in an `rstar` R*-tree, built
//! once by bulk loading. On the unit sphere the straight-line (chord) length
//! between two points is 2·sin(θ/2) of the angle θ between them, which grows
//! with θ: the chord order *is* the great-circle order. So the tree's plain
//! Euclidean nearest-neighbour search gives great-circle answers, with no
//! special cases at the poles or the antimeridian, where lon/lat trees fail.
//!
//! Queries return indices into the slice the index was built from, never
//! copies of the records.

use rstar::primitives::GeomWithData;
use rstar::{AABB, RTree};

use crate::geo::{EARTH_RADIUS_M, LonLat, LonLatBox, distance_m};

type Entry = GeomWithData<[f64; 3], u32>;

/// Relative slack on chord lengths so that floating-point rounding never
/// drops a point that the exact haversine test would keep.
const CHORD_SLACK: f64 = 1e-9;

/// One answer of a distance query.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    /// Index of the position in the slice the index was built from.
    pub index: u32,
    /// Great-circle distance from the query point in metres ([`distance_m`]).
    pub distance_m: f64,
}

/// A static spatial index over WGS-84 positions.
///
/// ```
/// use fujin_core::geo::LonLat;
/// use fujin_core::index::SpatialIndex;
/// let shops = [LonLat::new(114.0553, 22.5333), LonLat::new(113.9534, 22.5431), LonLat::new(114.1170, 22.5470)];
/// let index = SpatialIndex::new(&shops);
/// let here = LonLat::new(114.06, 22.54);
/// let nearest = index.nearest(here, 2);
/// assert_eq!(nearest.iter().map(|h| h.index).collect::<Vec<_>>(), [0, 2]);
/// assert_eq!(index.within_radius(here, 2_000.0).len(), 1);
/// ```
#[derive(Debug, Clone)]
pub struct SpatialIndex {
    tree: RTree<Entry>,
    positions: Vec<LonLat>,
}

impl SpatialIndex {
    /// Builds the index over `positions` (WGS-84) in O(n log n) by bulk loading.
    ///
    /// Every position should be [valid](LonLat::is_valid); feed loading
    /// guarantees that. Invalid ones are left out of the index.
    ///
    /// # Panics
    /// Not for any input; more than `u32::MAX` positions are cut off there.
    pub fn new(positions: &[LonLat]) -> Self {
        let entries = positions
            .iter()
            .take(u32::MAX as usize)
            .enumerate()
            .filter(|(_, p)| p.is_valid())
            .map(|(i, p)| GeomWithData::new(p.to_unit_vector(), i as u32))
            .collect();
        Self { tree: RTree::bulk_load(entries), positions: positions.to_vec() }
    }

    /// Number of indexed positions.
    pub fn len(&self) -> usize {
        self.tree.size()
    }

    /// True when nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The position stored at `index`, if any.
    pub fn position(&self, index: u32) -> Option<LonLat> {
        self.positions.get(index as usize).copied()
    }

    /// The `k` positions nearest to `from`, nearest first; ties in distance
    /// go to the lower index. O(log n + k) for a well-spread set; `k` past
    /// the number of positions costs nothing more.
    pub fn nearest(&self, from: LonLat, k: usize) -> Vec<Hit> {
        let k = k.min(self.len());
        if k == 0 || !from.is_valid() {
            return Vec::new();
        }
        let query = from.to_unit_vector();
        let mut candidates = Vec::with_capacity(k + 4);
        let mut cutoff_2 = f64::INFINITY;
        for (entry, chord_2) in self.tree.nearest_neighbor_iter_with_distance_2(&query) {
            // Past the k-th point, keep going only through points that tie
            // with it, so that the tie-break below sees all of them.
            if candidates.len() >= k && chord_2 > cutoff_2 {
                break;
            }
            candidates.push((self.hit(from, entry.data), chord_2));
            if candidates.len() == k {
                cutoff_2 = chord_2_with_slack(chord_2);
            }
        }
        let mut hits: Vec<Hit> = candidates.into_iter().map(|(hit, _)| hit).collect();
        sort_hits(&mut hits);
        hits.truncate(k);
        hits
    }

    /// Every position within `radius_m` metres of `from` (great-circle,
    /// edge included), nearest first; ties go to the lower index.
    pub fn within_radius(&self, from: LonLat, radius_m: f64) -> Vec<Hit> {
        if !from.is_valid() || radius_m.is_nan() || radius_m < 0.0 {
            return Vec::new();
        }
        let angle = radius_m / EARTH_RADIUS_M;
        let chord = if angle >= std::f64::consts::PI { 2.0 } else { 2.0 * (angle / 2.0).sin() };
        let query = from.to_unit_vector();
        let mut hits: Vec<Hit> = self
            .tree
            .locate_within_distance(query, chord_2_with_slack(chord * chord))
            .map(|entry| self.hit(from, entry.data))
            .filter(|hit| hit.distance_m <= radius_m)
            .collect();
        sort_hits(&mut hits);
        hits
    }

    /// Indices of every position inside `bbox` (edges included), in
    /// ascending order. A box across the antimeridian works as expected;
    /// an invalid box holds nothing.
    pub fn in_box(&self, bbox: &LonLatBox) -> Vec<u32> {
        if !bbox.is_valid() {
            return Vec::new();
        }
        let (lower, upper) = bbox.unit_vector_bounds();
        let mut found: Vec<u32> = self
            .tree
            .locate_in_envelope(&AABB::from_corners(lower, upper))
            .map(|entry| entry.data)
            .filter(|&i| bbox.contains(self.positions[i as usize]))
            .collect();
        found.sort_unstable();
        found
    }

    fn hit(&self, from: LonLat, index: u32) -> Hit {
        Hit { index, distance_m: distance_m(from, self.positions[index as usize]) }
    }
}

fn chord_2_with_slack(chord_2: f64) -> f64 {
    chord_2 * (1.0 + CHORD_SLACK) + 1e-18
}

/// Sorts by distance, then index: the order brute force and index share.
pub(crate) fn sort_hits(hits: &mut [Hit]) {
    hits.sort_by(|a, b| a.distance_m.total_cmp(&b.distance_m).then(a.index.cmp(&b.index)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_index_answers_nothing() {
        let index = SpatialIndex::new(&[]);
        assert!(index.is_empty());
        assert!(index.nearest(LonLat::new(0.0, 0.0), 5).is_empty());
        assert!(index.within_radius(LonLat::new(0.0, 0.0), 1e9).is_empty());
        assert!(index.in_box(&LonLatBox::new(-180.0, -90.0, 180.0, 90.0)).is_empty());
    }

    #[test]
    fn identical_positions_are_all_found_in_index_order() {
        let p = LonLat::new(114.0, 22.5);
        let index = SpatialIndex::new(&[p, p, p, LonLat::new(114.1, 22.5)]);
        let hits = index.nearest(p, 2);
        assert_eq!(hits.iter().map(|h| h.index).collect::<Vec<_>>(), [0, 1]);
        assert_eq!(index.within_radius(p, 0.0).len(), 3);
    }

    #[test]
    fn nearest_across_the_antimeridian_and_at_the_poles() {
        let points = [
            LonLat::new(179.99, 0.0),
            LonLat::new(-179.99, 0.0),
            LonLat::new(0.0, 0.0),
            LonLat::new(45.0, 90.0),
            LonLat::new(-135.0, 89.99),
        ];
        let index = SpatialIndex::new(&points);
        let near_dateline = index.nearest(LonLat::new(-179.999, 0.0), 2);
        assert_eq!(near_dateline.iter().map(|h| h.index).collect::<Vec<_>>(), [1, 0]);
        let near_pole = index.nearest(LonLat::new(0.0, 90.0), 2);
        assert_eq!(near_pole.iter().map(|h| h.index).collect::<Vec<_>>(), [3, 4]);
        assert!(near_pole[0].distance_m < 1e-6);
    }

    #[test]
    fn radius_covering_the_whole_earth() {
        let points = [LonLat::new(0.0, 0.0), LonLat::new(180.0, 0.0), LonLat::new(0.0, -90.0)];
        let index = SpatialIndex::new(&points);
        assert_eq!(index.within_radius(LonLat::new(0.0, 0.0), 1e8).len(), 3);
        assert!(index.within_radius(LonLat::new(0.0, 0.0), -1.0).is_empty());
        assert!(index.within_radius(LonLat::new(0.0, 0.0), f64::NAN).is_empty());
    }

    #[test]
    fn boxes_across_the_antimeridian() {
        let points = [
            LonLat::new(175.0, 1.0),
            LonLat::new(-175.0, 1.0),
            LonLat::new(180.0, 0.0),
            LonLat::new(0.0, 0.0),
            LonLat::new(-180.0, -5.0),
        ];
        let index = SpatialIndex::new(&points);
        assert_eq!(index.in_box(&LonLatBox::new(170.0, -10.0, -170.0, 10.0)), [0, 1, 2, 4]);
        assert_eq!(index.in_box(&LonLatBox::new(-180.0, -1.0, -179.0, 1.0)), [2]);
        assert_eq!(index.in_box(&LonLatBox::new(-10.0, -10.0, 10.0, 10.0)), [3]);
        // An invalid box (south above north) holds nothing.
        assert!(index.in_box(&LonLatBox::new(-10.0, 10.0, 10.0, -10.0)).is_empty());
    }

    #[test]
    fn invalid_positions_are_not_indexed() {
        let index = SpatialIndex::new(&[LonLat::new(f64::NAN, 0.0), LonLat::new(1.0, 1.0)]);
        assert_eq!(index.len(), 1);
        assert_eq!(index.nearest(LonLat::new(0.0, 0.0), 5)[0].index, 1);
    }
}
