//! The hot loops of Fujin's spatial index: an [`rstar`] R-tree of unit
//! vectors (points on the unit sphere, in 3-D), bulk loaded once, with the
//! queries the index needs written out in full here.
//!
//! Why a crate of its own: the browser bundle is compiled for size
//! (`opt-level = "z"`), which makes these loops about twice as slow, and an
//! optimisation level can only be chosen per crate. Generic code is compiled
//! where it is instantiated, so every call into `rstar` is made here, with
//! concrete types and no closures in the signatures, and the root
//! `Cargo.toml` compiles this crate (and `rstar`) at `opt-level = 3`.
//!
//! Everything here is in chords: the straight-line distance between unit
//! vectors, squared. `fujin_core::index::SpatialIndex` turns them into
//! metres and positions; use that.
//!
//! ```
//! use fujin_rtree::{UnitTree, chord_2};
//! let east = [0.0, 1.0, 0.0];
//! let tree = UnitTree::new(vec![([1.0, 0.0, 0.0], 0), (east, 1), ([0.0, 0.0, 1.0], 2)]);
//! let mut found = Vec::new();
//! tree.nearest(east, 1, &mut found);
//! assert_eq!(found, [(1, 0.0)]);
//! assert_eq!(chord_2([1.0, 0.0, 0.0], east), 2.0);
//! ```

mod build;
mod chord_sort;
mod rebuild;
mod shape;

use std::collections::BinaryHeap;

use rstar::{AABB, ParentNode, RStarInsertionStrategy, RTree, RTreeNode, RTreeObject, RTreeParams};
use serde::Deserialize;

use chord_sort::sort_by_chord;

pub use build::{CheckedShape, PART_LEN, TreeBuild};
pub use shape::{MAX_CHILDREN, MAX_DEPTH, ShapeError};

/// A leaf: a unit vector and the slot of its id (see [`UnitTree`]).
///
/// The point is kept exactly (`f64`), but its box, and so every node's
/// box, is in `f32`, rounded outwards so that it still holds the point.
/// A child of a node is then 40 bytes in the browser (64 with `f64`
/// boxes), and a query, which is bound by memory at a million points,
/// reads less. Boxes only prune: every distance that is answered is the
/// exact `f64` chord of the point itself, and every box distance is
/// computed in `f64` from the box's corners ([`box_distance_2`]).
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
struct Entry {
    point: [f64; 3],
    slot: u32,
}

impl Entry {
    #[cfg(test)]
    fn new(point: [f64; 3], slot: u32) -> Self {
        Self { point, slot }
    }
}

impl RTreeObject for Entry {
    type Envelope = AABB<[f32; 3]>;

    fn envelope(&self) -> Self::Envelope {
        let (lower, upper) = outward(self.point);
        AABB::from_corners(lower, upper)
    }
}

/// The smallest `f32` box that holds `point`: each coordinate rounded
/// down for the lower corner and up for the upper one.
fn outward(point: [f64; 3]) -> ([f32; 3], [f32; 3]) {
    (point.map(round_down), point.map(round_up))
}

/// The greatest `f32` at most `x`.
fn round_down(x: f64) -> f32 {
    let f = x as f32;
    if f64::from(f) > x { f.next_down() } else { f }
}

/// The least `f32` at least `x`.
fn round_up(x: f64) -> f32 {
    let f = x as f32;
    if f64::from(f) < x { f.next_up() } else { f }
}

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

/// The squared straight-line length between two points (no square root:
/// it orders distances just as well). `fujin_core::geo::distance_m` uses
/// this very function, so distances agree bit for bit.
#[inline]
pub fn chord_2(a: [f64; 3], b: [f64; 3]) -> f64 {
    let (dx, dy, dz) = (a[0] - b[0], a[1] - b[1], a[2] - b[2]);
    dx * dx + dy * dy + dz * dz
}

/// Relative slack on squared chords, far above floating-point rounding of
/// unit vectors (about 1e-16) and far below anything a map shows.
pub const CHORD_SLACK: f64 = 1e-9;

/// `chord_2` widened by the slack: no point whose squared chord rounding
/// could make `chord_2` lies past it.
#[inline]
pub fn widened(chord_2: f64) -> f64 {
    chord_2 * (1.0 + CHORD_SLACK) + 1e-18
}

/// `chord_2` narrowed by the slack (the other side of [`widened`]).
#[inline]
pub fn narrowed(chord_2: f64) -> f64 {
    chord_2 * (1.0 - CHORD_SLACK) - 1e-18
}

/// A static R-tree of unit vectors, each with a `u32` id.
///
/// Up to [`PART_LEN`] points it is one rstar tree; a bigger one is a forest
/// of rstar trees (its *parts*), each of at most that many points, so that
/// it can be built a part at a time ([`TreeBuild`]). The
/// parts are the children of the forest's root: queries open them as they
/// would a root's children, so a forest answers as fast as one tree.
///
/// The leaves hold *slots*, not ids: after the bulk load the leaves are
/// numbered in depth-first order, so that the leaves under any node are a
/// run of consecutive slots, and `ids[slot]` is the id. Taking a whole node
/// is then one copy of a slice of `ids` (found by walking down its first and
/// last branches) instead of a visit to each of its leaves, which in rstar's
/// layout are 40 bytes apart in wasm32 (48 natively).
#[derive(Clone)]
pub struct UnitTree {
    /// The parts, in slot order; none when empty.
    parts: Vec<RTree<Entry, NodeParams>>,
    ids: Vec<u32>,
}

/// A ball around a point, as two squared chords: past `outer_2` surely
/// outside, within `inner_2` surely inside; between them the caller decides.
#[derive(Debug, Clone, Copy)]
pub struct Ball {
    /// The centre.
    pub centre: [f64; 3],
    /// Points farther than this (squared chord) are outside.
    pub outer_2: f64,
    /// Points and whole nodes at most this far (squared chord) are inside.
    pub inner_2: f64,
}

impl UnitTree {
    /// Bulk loads the tree from (unit vector, id) pairs in O(n log n):
    /// [`TreeBuild`] in one go. Ids should be small (indices): a table of the
    /// largest id's size is made while numbering.
    pub fn new(entries: Vec<([f64; 3], u32)>) -> Self {
        TreeBuild::new(entries, None).finish()
    }

    /// The tree's shape, for [`from_shape`](Self::from_shape): a byte per
    /// node in depth-first preorder (its number of children, and in bit 7
    /// whether they are leaves), and the leaves' ids in the same order.
    /// A forest's root is a node whose children are its parts (at most
    /// [`MAX_CHILDREN`]); one part is written as itself (so a tree of up to [`PART_LEN`] points has the
    /// shape it had before parts), and an empty tree as an empty root.
    pub fn shape(&self) -> (Vec<u8>, &[u32]) {
        let mut nodes = Vec::with_capacity(self.len() / 8 + 1);
        if self.parts.len() != 1 {
            nodes.push(self.parts.len() as u8);
        }
        for part in &self.parts {
            shape::write_shape(part.root(), &mut nodes);
        }
        (nodes, &self.ids)
    }

    /// Rebuilds the tree of a [`shape`](Self::shape) without sorting
    /// anything: O(nodes + points), [`TreeBuild`] in one go. `ids` are
    /// the leaves' ids in order, each of `0..ids.len()` exactly once, and
    /// `points[id]` is the point of `id`. Node boxes are computed from the
    /// points, never read, so whatever shape is accepted, queries stay exact.
    ///
    /// ```
    /// use fujin_rtree::UnitTree;
    /// let points = [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]];
    /// let tree = UnitTree::new(points.iter().zip(0..).map(|(&p, id)| (p, id)).collect());
    /// let (nodes, ids) = tree.shape();
    /// let again = UnitTree::from_shape(&nodes, ids.to_vec(), points.to_vec()).unwrap();
    /// let mut found = Vec::new();
    /// again.nearest([0.0, 0.9, 0.1], 1, &mut found);
    /// assert_eq!(found[0].0, 1);
    /// assert!(UnitTree::from_shape(&nodes, vec![0, 0, 1], points.to_vec()).is_err());
    /// ```
    pub fn from_shape(nodes: &[u8], ids: Vec<u32>, points: Vec<[f64; 3]>) -> Result<Self, ShapeError> {
        let shape = CheckedShape::new(nodes, ids)?;
        if points.len() != shape.len() {
            return Err(ShapeError::NotAPermutation);
        }
        let at = shape.leaf_ids().iter().map(|&id| points[id as usize]).collect();
        Ok(TreeBuild::from_leaves(shape, at).finish())
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// True when the tree holds nothing.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Appends to `out` the `k` entries nearest to `query` as (id, squared
    /// chord), nearest first (ties by slot), and after them every further
    /// entry up to the k-th's squared chord [`widened`] (so that a caller
    /// breaking ties in its own distance by id sees all of them).
    ///
    /// Best first over the tree's nodes only: leaves are tested as their
    /// node is opened and kept when within the current bound, so the queue
    /// holds a sixteenth of what rstar's own iterator puts in its queue (it
    /// queues every leaf too); for 20 of 1,000,000, measured 8.1 → 6.5 µs
    /// natively and 11–12 → 9 µs in the browser bench (A/B in one page).
    pub fn nearest(&self, query: [f64; 3], k: usize, out: &mut Vec<(u32, f64)>) {
        if k == 0 || self.is_empty() {
            return;
        }
        // Nodes to open, nearest box first; the k best squared chords so far
        // (as bits: never negative, so they order as the numbers do); every
        // leaf within the bound when it was seen; the bound, once k are found.
        let mut queue = BinaryHeap::with_capacity(64 + self.parts.len());
        for part in &self.parts {
            queue.push(Queued(box_distance_2(&part.root().envelope(), query).to_bits(), part.root()));
        }
        let mut best: BinaryHeap<u64> = BinaryHeap::with_capacity(k + 1);
        let mut seen: Vec<(u32, f64)> = Vec::with_capacity(4 * k + 16);
        let mut bound = f64::INFINITY;
        while let Some(Queued(d, node)) = queue.pop() {
            if f64::from_bits(d) > bound {
                break;
            }
            for child in node.children() {
                match child {
                    RTreeNode::Leaf(entry) => {
                        let c2 = chord_2(query, entry.point);
                        if c2 > bound {
                            continue;
                        }
                        seen.push((entry.slot, c2));
                        if best.len() < k {
                            best.push(c2.to_bits());
                        } else if best.peek().is_some_and(|&top| c2.to_bits() < top) {
                            best.pop();
                            best.push(c2.to_bits());
                        }
                        if best.len() == k {
                            bound = best.peek().map_or(f64::INFINITY, |&top| widened(f64::from_bits(top)));
                        }
                    }
                    RTreeNode::Parent(parent) => {
                        let d = box_distance_2(&parent.envelope(), query);
                        if d <= bound {
                            queue.push(Queued(d.to_bits(), parent));
                        }
                    }
                }
            }
        }
        seen.retain(|&(_, c2)| c2 <= bound);
        sort_by_chord(&mut seen);
        out.extend(seen.into_iter().map(|(slot, c2)| (self.ids[slot as usize], c2)));
    }

    /// Appends to `out` every entry within `ball.outer_2` as (id, squared
    /// chord), in no particular order, keeping only ids marked true in
    /// `among` when it is given; nodes wholly outside are skipped without
    /// looking at their entries.
    fn within(&self, ball: &Ball, among: Option<&[bool]>, out: &mut Vec<(u32, f64)>) {
        let mut stack = self.roots_near(ball);
        while let Some(node) = stack.pop() {
            for child in node.children() {
                match child {
                    RTreeNode::Leaf(entry) => {
                        let c2 = chord_2(ball.centre, entry.point);
                        if c2 <= ball.outer_2 {
                            let id = self.ids[entry.slot as usize];
                            if among.is_none_or(|among| among.get(id as usize) == Some(&true)) {
                                out.push((id, c2));
                            }
                        }
                    }
                    RTreeNode::Parent(parent) => {
                        if box_distance_2(&parent.envelope(), ball.centre) <= ball.outer_2 {
                            stack.push(parent);
                        }
                    }
                }
            }
        }
    }

    /// Appends to `out` every entry within `ball.outer_2` as (id, squared
    /// chord), sorted by squared chord, then id (here, compiled for speed,
    /// rather than by the caller); nodes wholly outside are skipped without
    /// looking at their entries. With `among`, only the ids marked true in
    /// it are kept (an id past its end is not): when few entries are wanted
    /// (merchants with deals, say), the others cost a chord and a look-up
    /// each instead of a place in the sort.
    pub fn within_sorted(&self, ball: &Ball, among: Option<&[bool]>, out: &mut Vec<(u32, f64)>) {
        let start = out.len();
        self.within(ball, among, out);
        sort_by_chord(&mut out[start..]);
    }

    /// Appends to `inside` the ids of the entries surely inside the ball
    /// (within `inner_2`; whole nodes that lie within it are taken without
    /// a test of their own, as flatbush and geoflatbush do) and to `edge`
    /// the (id, squared chord) of those between `inner_2` and `outer_2`,
    /// for the caller to decide; both in no particular order.
    pub fn ids_within(&self, ball: &Ball, inside: &mut Vec<u32>, edge: &mut Vec<(u32, f64)>) {
        let mut stack = self.roots_near(ball);
        while let Some(node) = stack.pop() {
            for child in node.children() {
                match child {
                    RTreeNode::Leaf(entry) => {
                        let c2 = chord_2(ball.centre, entry.point);
                        if c2 <= ball.inner_2 {
                            inside.push(self.ids[entry.slot as usize]);
                        } else if c2 <= ball.outer_2 {
                            edge.push((self.ids[entry.slot as usize], c2));
                        }
                    }
                    RTreeNode::Parent(parent) => {
                        let envelope = parent.envelope();
                        if box_distance_2(&envelope, ball.centre) > ball.outer_2 {
                            continue;
                        }
                        if farthest_2(&envelope, ball.centre) <= ball.inner_2 {
                            inside.extend_from_slice(self.ids_under(parent));
                        } else {
                            stack.push(parent);
                        }
                    }
                }
            }
        }
    }

    /// Appends to `out` the ids of the entries inside the box from `lower`
    /// to `upper` (edges included), in no particular order.
    pub fn in_box(&self, lower: [f64; 3], upper: [f64; 3], out: &mut Vec<u32>) {
        // The boxes are in f32: ask for the f32 box around the f64 one, then
        // keep the points inside the f64 one.
        let envelope = AABB::from_corners(lower.map(round_down), upper.map(round_up));
        let inside =
            |entry: &&Entry| (0..3).all(|axis| (lower[axis]..=upper[axis]).contains(&entry.point[axis]));
        for part in &self.parts {
            let found = part.locate_in_envelope(&envelope).filter(inside);
            out.extend(found.map(|entry| self.ids[entry.slot as usize]));
        }
    }

    /// The parts' roots whose boxes reach into the ball.
    fn roots_near(&self, ball: &Ball) -> Vec<&ParentNode<Entry>> {
        let roots = self.parts.iter().map(RTree::root);
        roots.filter(|root| box_distance_2(&root.envelope(), ball.centre) <= ball.outer_2).collect()
    }
}

impl std::fmt::Debug for UnitTree {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UnitTree").field("len", &self.len()).finish_non_exhaustive()
    }
}

/// A node waiting to be opened, by the squared distance to its box (as
/// bits), nearest first in a `BinaryHeap` (which pops the greatest).
struct Queued<'a>(u64, &'a ParentNode<Entry>);

impl PartialEq for Queued<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}

impl Eq for Queued<'_> {}

impl PartialOrd for Queued<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Queued<'_> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        other.0.cmp(&self.0)
    }
}

/// The greater of two numbers that are not NaN. `f64::max` is not used in
/// the hot loops: for its NaN rules it is a call to `fmax` on x86-64 and,
/// in wasm32, a few instructions more than a compare (6 % of a nearest
/// query natively, measured with `perf`).
#[inline]
pub(crate) fn greater<T: PartialOrd>(a: T, b: T) -> T {
    if a > b { a } else { b }
}

/// The lesser of two numbers that are not NaN (see [`greater`]).
#[inline]
pub(crate) fn lesser<T: PartialOrd>(a: T, b: T) -> T {
    if a < b { a } else { b }
}

/// The squared distance from `point` to the nearest point of `envelope`
/// (0 inside it), in `f64`: rstar's own `distance_2` would compute it in
/// the boxes' `f32` and could round it past a point inside.
#[inline]
fn box_distance_2(envelope: &AABB<[f32; 3]>, point: [f64; 3]) -> f64 {
    let (lower, upper) = (envelope.lower(), envelope.upper());
    let mut sum = 0.0;
    for axis in 0..3 {
        let (below, above) = (f64::from(lower[axis]) - point[axis], point[axis] - f64::from(upper[axis]));
        let d = if below > 0.0 {
            below
        } else if above > 0.0 {
            above
        } else {
            0.0
        };
        sum += d * d;
    }
    sum
}

/// The squared distance from `point` to the farthest corner of `envelope`,
/// in `f64`.
fn farthest_2(envelope: &AABB<[f32; 3]>, point: [f64; 3]) -> f64 {
    let (lower, upper) = (envelope.lower(), envelope.upper());
    let mut sum = 0.0;
    for axis in 0..3 {
        let d = greater(
            (point[axis] - f64::from(lower[axis])).abs(),
            (f64::from(upper[axis]) - point[axis]).abs(),
        );
        sum += d * d;
    }
    sum
}

impl UnitTree {
    /// The ids of every leaf under `node`: a run of slots, from the leaf at
    /// the end of its first branches to the one at the end of its last.
    fn ids_under(&self, node: &ParentNode<Entry>) -> &[u32] {
        match (edge_slot(node, <[_]>::first), edge_slot(node, <[_]>::last)) {
            (Some(first), Some(last)) => self.ids.get(first as usize..=last as usize).unwrap_or(&[]),
            _ => &[],
        }
    }
}

/// The slot of the leaf reached from `node` by always taking the child
/// that `pick` picks (the first or the last).
fn edge_slot(
    mut node: &ParentNode<Entry>,
    pick: fn(&[RTreeNode<Entry>]) -> Option<&RTreeNode<Entry>>,
) -> Option<u32> {
    loop {
        match pick(node.children())? {
            RTreeNode::Leaf(entry) => return Some(entry.slot),
            RTreeNode::Parent(child) => node = child,
        }
    }
}

/// Appends the ids of the leaves under `node` in depth-first order.
#[cfg(test)]
pub(crate) fn leaves_in_order(node: &ParentNode<Entry>, out: &mut Vec<u32>) {
    for child in node.children() {
        match child {
            RTreeNode::Leaf(entry) => out.push(entry.slot),
            RTreeNode::Parent(node) => leaves_in_order(node, out),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the `f32` boxes are for: a node's child is 48 bytes natively
    /// (40 in wasm32), where `f64` boxes made it 80 (64).
    #[test]
    fn a_child_is_small() {
        assert!(std::mem::size_of::<RTreeNode<Entry>>() <= 48);
    }

    /// Rounding outwards holds the value, by at most one `f32` step.
    #[test]
    fn rounding_outwards_holds_the_value() {
        for x in [0.0, -0.0, 1.0, -1.0, 0.1, -0.1, 1e-40, -1e-40, 0.999_999_999, 1.0 / 3.0, -2.0 / 3.0] {
            let (down, up) = (round_down(x), round_up(x));
            assert!(f64::from(down) <= x && x <= f64::from(up), "{x}");
            assert!(down == up || down.next_up() == up, "{x}");
        }
    }
}
