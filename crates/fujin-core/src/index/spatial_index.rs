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
use rstar::{AABB, ParentNode, RStarInsertionStrategy, RTree, RTreeNode, RTreeParams};

use crate::geo::{LonLat, LonLatBox, chord_2, chord_2_to_m, m_to_chord_2};

type Entry = GeomWithData<[f64; 3], u32>;

/// The tree's shape: up to 16 children a node. Measured in the browser
/// bench (`bench.html`), rstar's default of 6 makes a tree twice as deep,
/// and every query pays for the extra levels; 16 is what flatbush uses too.
#[derive(Clone, Copy)]
struct NodeParams;

impl RTreeParams for NodeParams {
    const MIN_SIZE: usize = 6;
    const MAX_SIZE: usize = 16;
    const REINSERTION_COUNT: usize = 4;
    type DefaultInsertionStrategy = RStarInsertionStrategy;
}

/// Relative slack on chord lengths so that floating-point rounding never
/// drops a point that the exact distance test would keep, nor takes one
/// that it would drop.
const CHORD_SLACK: f64 = 1e-9;

/// One answer of a distance query.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    /// Index of the position in the slice the index was built from.
    pub index: u32,
    /// Great-circle distance from the query point in metres ([`distance_m`](crate::geo::distance_m)).
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
/// let mut ids = Vec::new();
/// index.ids_within_radius(here, 10_000.0, &mut ids);
/// ids.sort_unstable();
/// assert_eq!(ids, [0, 2]);
/// ```
#[derive(Clone)]
pub struct SpatialIndex {
    tree: RTree<Entry, NodeParams>,
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
        Self { tree: RTree::bulk_load_with_params(entries), positions: positions.to_vec() }
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
        let mut hits = Vec::with_capacity(k + 4);
        let mut cutoff_2 = f64::INFINITY;
        for entry in self.tree.nearest_neighbor_iter(&query) {
            let c2 = chord_2(query, *entry.geom());
            // Past the k-th point, keep going only through points that tie
            // with it, so that the tie-break below sees all of them.
            if hits.len() >= k && c2 > cutoff_2 {
                break;
            }
            hits.push(Hit { index: entry.data, distance_m: chord_2_to_m(c2) });
            if hits.len() == k {
                cutoff_2 = outer(c2);
            }
        }
        sort_hits(&mut hits);
        hits.truncate(k);
        hits
    }

    /// Every position within `radius_m` metres of `from` (great-circle,
    /// edge included), nearest first; ties go to the lower index.
    pub fn within_radius(&self, from: LonLat, radius_m: f64) -> Vec<Hit> {
        let mut hits = Vec::new();
        self.within_radius_unsorted(from, radius_m, &mut hits);
        sort_hits(&mut hits);
        hits
    }

    /// [`within_radius`](Self::within_radius) in no particular order,
    /// appended to `out`: for callers that sort by something else, or not at all.
    pub fn within_radius_unsorted(&self, from: LonLat, radius_m: f64, out: &mut Vec<Hit>) {
        let Some(circle) = Circle::new(from, radius_m) else { return };
        circle.walk(self.tree.root(), &mut |entry, _| {
            let c2 = chord_2(circle.centre, *entry.geom());
            if c2 <= circle.outer_2 {
                let distance_m = chord_2_to_m(c2);
                if distance_m <= radius_m {
                    out.push(Hit { index: entry.data, distance_m });
                }
            }
        });
    }

    /// Appends to `out` the index of every position within `radius_m` metres
    /// of `from` (the same set as [`within_radius`](Self::within_radius)),
    /// in no particular order and without distances: what a map needs.
    /// Whole tree nodes that lie inside the circle are taken without
    /// looking at their points one by one.
    pub fn ids_within_radius(&self, from: LonLat, radius_m: f64, out: &mut Vec<u32>) {
        let Some(circle) = Circle::new(from, radius_m) else { return };
        circle.walk(self.tree.root(), &mut |entry, surely_inside| {
            if surely_inside {
                out.push(entry.data);
                return;
            }
            let c2 = chord_2(circle.centre, *entry.geom());
            if c2 <= circle.inner_2 || (c2 <= circle.outer_2 && chord_2_to_m(c2) <= radius_m) {
                out.push(entry.data);
            }
        });
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
}

impl std::fmt::Debug for SpatialIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SpatialIndex").field("len", &self.len()).finish_non_exhaustive()
    }
}

/// A radius query on the unit sphere, as squared chords around `centre`.
struct Circle {
    centre: [f64; 3],
    /// Past this, surely outside.
    outer_2: f64,
    /// Within this, surely inside.
    inner_2: f64,
}

impl Circle {
    fn new(from: LonLat, radius_m: f64) -> Option<Self> {
        if !from.is_valid() || radius_m.is_nan() || radius_m < 0.0 {
            return None;
        }
        let c2 = m_to_chord_2(radius_m);
        Some(Self {
            centre: from.to_unit_vector(),
            outer_2: outer(c2),
            inner_2: c2 * (1.0 - CHORD_SLACK) - 1e-18,
        })
    }

    /// Calls `visit(entry, surely_inside)` for every entry that may lie in
    /// the circle: those of nodes wholly inside with `true`, without a
    /// test of their own (flatbush's and geoflatbush's trick), the others
    /// with `false`, for the caller to test. Nodes wholly outside are skipped.
    fn walk(&self, root: &ParentNode<Entry>, visit: &mut impl FnMut(&Entry, bool)) {
        for child in root.children() {
            match child {
                RTreeNode::Leaf(entry) => visit(entry, false),
                RTreeNode::Parent(node) => {
                    let envelope = node.envelope();
                    if envelope.distance_2(&self.centre) > self.outer_2 {
                        continue;
                    }
                    if farthest_2(&envelope, self.centre) <= self.inner_2 {
                        every_entry(node, &mut |entry| visit(entry, true));
                    } else {
                        self.walk(node, visit);
                    }
                }
            }
        }
    }
}

/// The squared distance from `point` to the farthest corner of `envelope`.
fn farthest_2(envelope: &AABB<[f64; 3]>, point: [f64; 3]) -> f64 {
    let (lower, upper) = (envelope.lower(), envelope.upper());
    (0..3)
        .map(|axis| {
            let d = (point[axis] - lower[axis]).abs().max((upper[axis] - point[axis]).abs());
            d * d
        })
        .sum()
}

fn every_entry(node: &ParentNode<Entry>, visit: &mut impl FnMut(&Entry)) {
    for child in node.children() {
        match child {
            RTreeNode::Leaf(entry) => visit(entry),
            RTreeNode::Parent(node) => every_entry(node, visit),
        }
    }
}

/// A squared chord widened by the rounding slack.
fn outer(chord_2: f64) -> f64 {
    chord_2 * (1.0 + CHORD_SLACK) + 1e-18
}

/// Sorts by distance, then index: the order brute force and index share.
pub(crate) fn sort_hits(hits: &mut [Hit]) {
    hits.sort_unstable_by(|a, b| a.distance_m.total_cmp(&b.distance_m).then(a.index.cmp(&b.index)));
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
