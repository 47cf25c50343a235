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

use fujin_rtree::{Ball, ShapeError, UnitTree, narrowed, widened};

use super::index_build::IndexBuild;
use crate::geo::{LonLat, LonLatBox, chord_2_to_m, m_to_chord_2};

/// One answer of a distance query.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    /// Index of the position in the slice the index was built from.
    pub index: u32,
    /// Great-circle distance from the query point in metres ([`distance_m`](crate::geo::distance_m)).
    pub distance_m: f64,
}

/// The shape of a [`SpatialIndex`]'s tree: what a packed feed stores so
/// that a reader rebuilds the tree instead of bulk loading it again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexShape {
    /// A byte per tree node in depth-first preorder: its number of children
    /// (bits 0–6) and whether they are leaves (bit 7).
    pub nodes: Vec<u8>,
    /// The position indices of the leaves, in the same order.
    pub order: Vec<u32>,
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
#[derive(Debug, Clone)]
pub struct SpatialIndex {
    /// The unit vectors, bulk loaded (the hot loops, compiled for speed).
    tree: UnitTree,
    positions: Vec<LonLat>,
}

impl SpatialIndex {
    /// Builds the index over `positions` (WGS-84) in O(n log n) by bulk
    /// loading: an [`IndexBuild`] in one go.
    ///
    /// Every position should be [valid](LonLat::is_valid); feed loading
    /// guarantees that. Invalid ones are left out of the index.
    ///
    /// # Panics
    /// Not for any input; more than `u32::MAX` positions are cut off there.
    pub fn new(positions: &[LonLat]) -> Self {
        IndexBuild::new(positions.to_vec()).finish()
    }

    /// The index's shape, to keep beside its positions (a packed feed's
    /// `INDX` section), so that [`from_shape`](Self::from_shape) can rebuild
    /// the same tree without sorting.
    pub fn shape(&self) -> IndexShape {
        let (nodes, order) = self.tree.shape();
        IndexShape { nodes, order: order.to_vec() }
    }

    /// Rebuilds the index of a [`shape`](Self::shape) over the same
    /// `positions`, in O(n) instead of a bulk load's O(n log n): an
    /// [`IndexBuild`] in one go. Every
    /// position must be valid and be a leaf of the shape exactly once. The
    /// shape may come from an untrusted file: node boxes are computed from
    /// the positions, never read, so an accepted shape answers exactly.
    ///
    /// ```
    /// use fujin_core::geo::LonLat;
    /// use fujin_core::index::SpatialIndex;
    /// let shops = [LonLat::new(114.0553, 22.5333), LonLat::new(113.9534, 22.5431)];
    /// let shape = SpatialIndex::new(&shops).shape();
    /// let index = SpatialIndex::from_shape(&shops, shape).unwrap();
    /// assert_eq!(index.nearest(LonLat::new(113.95, 22.54), 1)[0].index, 1);
    /// ```
    pub fn from_shape(positions: &[LonLat], shape: IndexShape) -> Result<Self, ShapeError> {
        Ok(IndexBuild::from_shape(positions.to_vec(), shape)?.finish())
    }

    /// The index of a tree built over `positions` (by [`IndexBuild`]).
    pub(super) fn from_tree(tree: UnitTree, positions: Vec<LonLat>) -> Self {
        Self { tree, positions }
    }

    /// Number of indexed positions.
    pub fn len(&self) -> usize {
        self.tree.len()
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
        let mut found = Vec::with_capacity(k + 4);
        self.tree.nearest(from.to_unit_vector(), k, &mut found);
        let mut hits: Vec<Hit> = found.into_iter().map(hit).collect();
        sort_hits(&mut hits);
        hits.truncate(k);
        hits
    }

    /// Every position within `radius_m` metres of `from` (great-circle,
    /// edge included), nearest first; ties go to the lower index.
    pub fn within_radius(&self, from: LonLat, radius_m: f64) -> Vec<Hit> {
        self.hits_within(from, radius_m, None)
    }

    /// [`within_radius`](Self::within_radius) for the positions marked
    /// true in `among` only (by index; one past its end is not among them),
    /// in the same order with the same distances. The others are skipped
    /// inside the tree, before their distance in metres or a place in the
    /// sort: the list's query at a million merchants, one in twenty with a
    /// deal, finds 300,000 merchants within 3 km and keeps 15,000.
    ///
    /// ```
    /// use fujin_core::geo::LonLat;
    /// use fujin_core::index::SpatialIndex;
    /// let shops = [LonLat::new(114.0553, 22.5333), LonLat::new(114.0554, 22.5333), LonLat::new(114.0555, 22.5333)];
    /// let index = SpatialIndex::new(&shops);
    /// let hits = index.within_radius_among(LonLat::new(114.0553, 22.5333), 100.0, &[true, false, true]);
    /// assert_eq!(hits.iter().map(|h| h.index).collect::<Vec<_>>(), [0, 2]);
    /// ```
    pub fn within_radius_among(&self, from: LonLat, radius_m: f64, among: &[bool]) -> Vec<Hit> {
        self.hits_within(from, radius_m, Some(among))
    }

    fn hits_within(&self, from: LonLat, radius_m: f64, among: Option<&[bool]>) -> Vec<Hit> {
        let Some(ball) = ball(from, radius_m) else { return Vec::new() };
        let mut found = Vec::new();
        self.tree.within_sorted(&ball, among, &mut found);
        let mut hits: Vec<Hit> = found.into_iter().map(hit).filter(|h| h.distance_m <= radius_m).collect();
        // Sorted by chord already; metres follow chords, so this only
        // settles chords that round to the same metres (a linear pass when
        // nothing moves).
        sort_hits(&mut hits);
        hits
    }

    /// Appends to `out` the index of every position within `radius_m` metres
    /// of `from` (the same set as [`within_radius`](Self::within_radius)),
    /// in no particular order and without distances: what a map needs.
    /// Whole tree nodes that lie inside the circle are taken without
    /// looking at their points one by one.
    pub fn ids_within_radius(&self, from: LonLat, radius_m: f64, out: &mut Vec<u32>) {
        let Some(ball) = ball(from, radius_m) else { return };
        let mut edge = Vec::new();
        self.tree.ids_within(&ball, out, &mut edge);
        out.extend(edge.into_iter().filter(|&(_, c2)| chord_2_to_m(c2) <= radius_m).map(|(id, _)| id));
    }

    /// Indices of every position inside `bbox` (edges included), in
    /// ascending order. A box across the antimeridian works as expected;
    /// an invalid box holds nothing.
    pub fn in_box(&self, bbox: &LonLatBox) -> Vec<u32> {
        if !bbox.is_valid() {
            return Vec::new();
        }
        let (lower, upper) = bbox.unit_vector_bounds();
        let mut found = Vec::new();
        self.tree.in_box(lower, upper, &mut found);
        found.retain(|&i| bbox.contains(self.positions[i as usize]));
        found.sort_unstable();
        found
    }
}

/// Two indexes are equal when they hold the same positions in trees of the
/// same shape (so they answer every query alike). O(n).
impl PartialEq for SpatialIndex {
    fn eq(&self, other: &Self) -> bool {
        self.positions == other.positions && self.tree.shape() == other.tree.shape()
    }
}

/// The ball of the sphere within `radius_m` metres of `from`, if the
/// question makes sense.
fn ball(from: LonLat, radius_m: f64) -> Option<Ball> {
    if !from.is_valid() || radius_m.is_nan() || radius_m < 0.0 {
        return None;
    }
    let c2 = m_to_chord_2(radius_m);
    Some(Ball { centre: from.to_unit_vector(), outer_2: widened(c2), inner_2: narrowed(c2) })
}

fn hit((index, chord_2): (u32, f64)) -> Hit {
    Hit { index, distance_m: chord_2_to_m(chord_2) }
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
