//! Building a [`UnitTree`] a part at a time, so that a page can keep
//! answering while a million points are indexed: a bulk load of a million
//! is one task of 0.5–0.8 s in the browser, far past the 50 ms a page may
//! block. So a big tree is a forest of parts of at most [`PART_LEN`] points
//! (the root of the forest is the list of parts; queries open the parts as
//! they would a root's children), and each step does one piece of work of
//! at most a part's cost, or one O(n) split.
//!
//! Bulk loading first puts the points in the order of the
//! cells of a grid over their box (a counting sort by the cells' Hilbert
//! order, O(n): a selection or a sort would add 3–6 KB of code to the
//! bundle for no better parts), cuts that order into runs of a part's
//! length, and packs each run 16 to a node in that order, rebuilt through
//! rstar's serde code as a packed index is (rstar's own bulk load is not
//! used at all). Rebuilding a packed index takes the parts its shape
//! already has: the subtrees of the root's children.

use rstar::RTree;

use crate::shape::{self, Node, Part, ShapeError};
use crate::{Entry, MAX_CHILDREN, NodeParams, UnitTree};

/// Most points in one part of a bulk-loaded tree (more when there are so
/// many points that the parts would be more than [`MAX_CHILDREN`]): packing
/// a part of 32,768 points takes a few milliseconds in the browser bench,
/// far below a step's 50 ms. Up to this many points the tree is one rstar
/// tree, with the shape it had before parts.
pub const PART_LEN: usize = 32_768;

/// A [`UnitTree`] built in steps, each at most a part's work: bulk loaded,
/// or rebuilt from a checked shape.
///
/// ```
/// use fujin_rtree::{CheckedShape, TreeBuild};
/// let points: Vec<[f64; 3]> = (0..100_000u32).map(|i| {
///     let a = f64::from(i) * 1e-5;
///     [a.cos(), a.sin(), 0.0]
/// }).collect();
/// let entries: Vec<([f64; 3], u32)> = points.into_iter().zip(0..).collect();
/// let mut load = TreeBuild::new(entries.clone(), None);
/// let mut steps = 1;
/// while !load.step() {
///     steps += 1;
/// }
/// // The points put in cell order (a step for up to 131,072 points), then
/// // four parts of at most 32,768.
/// assert_eq!(steps, 1 + 4);
/// let tree = load.finish();
/// let (nodes, ids) = tree.shape();
/// let shape = CheckedShape::new(&nodes, ids.to_vec()).unwrap();
/// let again = TreeBuild::new(entries, Some(shape)).finish();
/// assert_eq!(again.shape(), tree.shape());
/// ```
pub struct TreeBuild {
    work: Work,
    /// The parts built so far, in slot order.
    parts: Vec<RTree<Entry, NodeParams>>,
    /// The id of each slot (filled as parts are built).
    ids: Vec<u32>,
    /// Points in the parts built.
    done: usize,
}

/// What is left to do.
enum Work {
    /// Bulk load `entries`: put them in cell order (`ordering` until
    /// `order` is done), then pack runs of `part_len` from `next` on.
    Load { entries: Vec<([f64; 3], u32)>, ordering: CellOrder, order: Vec<u32>, next: usize, part_len: usize },
    /// Rebuild a checked shape's parts (`todo`, the next last) over the
    /// points of its leaves, in leaf order.
    Rebuild { nodes: Vec<Node>, todo: Vec<Part>, at: Vec<[f64; 3]> },
}

impl TreeBuild {
    /// Starts building the tree of (unit vector, id) pairs: a bulk load, or
    /// the rebuild of `shape` when there is one and the entries are its
    /// leaves by id (entry `i` has id `i`, as many as the shape's leaves;
    /// other entries are bulk loaded instead, so that answers are never
    /// wrong). Ids should be small (indices): a table of the largest id's
    /// size is made.
    pub fn new(entries: Vec<([f64; 3], u32)>, shape: Option<CheckedShape>) -> Self {
        let n = entries.len();
        let by_id = |shape: &CheckedShape| {
            shape.ids.len() == n && entries.iter().zip(0..).all(|(&(_, id), i)| id == i)
        };
        let (work, ids) = match shape {
            Some(shape) if by_id(&shape) => {
                let at = shape.ids.iter().map(|&id| entries[id as usize].0).collect();
                return Self::from_leaves(shape, at);
            }
            _ => {
                let part_len = PART_LEN.max(n.div_ceil(usize::from(MAX_CHILDREN)));
                let ordering = CellOrder::default();
                (Work::Load { entries, ordering, order: Vec::new(), next: 0, part_len }, vec![0; n])
            }
        };
        Self { work, parts: Vec::new(), ids, done: 0 }
    }

    /// Starts rebuilding the tree of `shape` over the points of its leaves
    /// in leaf order: `at[i]` is the point of the shape's `i`-th leaf (of id
    /// `shape.leaf_ids()[i]`). What [`new`](Self::new) does with a shape,
    /// for a caller that computes the points in that order itself, saving
    /// a pass that gathers them by id.
    ///
    /// # Panics
    /// When `at` and the shape's leaves differ in number.
    pub fn from_leaves(shape: CheckedShape, at: Vec<[f64; 3]>) -> Self {
        assert_eq!(at.len(), shape.len(), "a point for every leaf of the shape");
        let mut todo = shape::parts(&shape.nodes);
        todo.reverse();
        Self {
            work: Work::Rebuild { nodes: shape.nodes, todo, at },
            parts: Vec::new(),
            ids: shape.ids,
            done: 0,
        }
    }

    /// Does one piece of work; true when the tree is built.
    pub fn step(&mut self) -> bool {
        match &mut self.work {
            Work::Load { entries, ordering, order, next, part_len } => {
                let n = entries.len();
                if n > 0 && order.is_empty() {
                    if let Some(done) = ordering.step(entries) {
                        *order = done;
                    }
                    return false;
                }
                if let Some(order) =
                    order.get(*next..(*next + *part_len).min(n)).filter(|run| !run.is_empty())
                {
                    let (at, ids) = order.iter().map(|&i| entries[i as usize]).unzip();
                    let first_slot = *next;
                    *next += order.len();
                    self.pack(first_slot, at, ids);
                }
                matches!(self.work, Work::Load { next, ref entries, .. } if next == entries.len())
            }
            Work::Rebuild { nodes, todo, at } => {
                let Some(part) = todo.pop() else { return true };
                let first_slot = part.leaves.start;
                let tree = crate::rebuild::rebuild(&nodes[part.nodes], &at[part.leaves.clone()], first_slot);
                self.done += part.leaves.len();
                self.parts.push(taken(tree));
                matches!(&self.work, Work::Rebuild { todo, .. } if todo.is_empty())
            }
        }
    }

    /// Builds one part over points in cell order (`at`, with their `ids`),
    /// whose leaves take the slots from `first_slot` on: packed 16 to a
    /// node in that order, level by level, and rebuilt as a packed feed's
    /// shape is. Two to three times faster than rstar's bulk load of the
    /// same points, which sorts them again (selections along each axis),
    /// for a tree that answers as fast (see the README's figures); and
    /// rstar's bulk load is not in the bundle at all (with `f32` boxes it
    /// was 8 KB gzipped).
    fn pack(&mut self, first_slot: usize, at: Vec<[f64; 3]>, ids: Vec<u32>) {
        self.ids[first_slot..first_slot + ids.len()].copy_from_slice(&ids);
        let tree = crate::rebuild::rebuild(&shape::packed(at.len()), &at, first_slot);
        self.done += at.len();
        self.parts.push(taken(tree));
    }

    /// The share of the points in parts, 0 to 1.
    pub fn progress(&self) -> f64 {
        self.done as f64 / self.ids.len().max(1) as f64
    }

    /// Does what is left; the tree.
    pub fn finish(mut self) -> UnitTree {
        while !self.step() {}
        UnitTree { parts: self.parts, ids: self.ids }
    }
}

/// The tree rstar took. rstar takes every checked shape: it is pinned
/// exactly (`=0.12.2` in `Cargo.toml`) and its serde layout, which the
/// rebuild follows, is held by the tests (`rebuild`'s own, and
/// `tests/shape.rs`, which rebuilds forged shapes of every kind). So this
/// cannot fail for any input, only for a changed rstar, which the tests
/// catch before it ships.
fn taken(tree: Option<RTree<Entry, NodeParams>>) -> RTree<Entry, NodeParams> {
    tree.expect("rstar 0.12.2 takes every checked shape (see the tests)")
}

/// Cells per axis of the grid that orders the points: 2 to this power.
const CELL_BITS: u32 = 10;

/// Entries whose cells are found in one step of putting them in cell
/// order: a million at once took a step of 70 ms in the browser.
const ORDER_CHUNK: usize = 131_072;

/// The indices of the entries in the Hilbert order of their cells in a
/// grid of 1024² cells over the two widest axes of their box (a counting
/// sort: O(n + 1024²)); within a cell, in their own order. Runs of a
/// Hilbert order are compact blobs, so the runs make good parts (a Morton
/// order jumps across the grid, and its runs' boxes overlap more: 20
/// nearest of a million measured 0.72× of geokdbush's time with Morton
/// cells, 0.63× with these, one bench run each). The third axis is the
/// narrowest: a city on the sphere is nearly flat; points all over the
/// world fold two hemispheres onto one cell, which makes parts wider, never
/// answers wrong.
///
/// Worked out in steps: the box and the cells of the first
/// [`ORDER_CHUNK`] entries, the cells of the next chunks, and with the
/// last chunk, the counting sort.
#[derive(Default)]
struct CellOrder {
    grid: Option<Grid>,
    cells: Vec<u32>,
}

impl CellOrder {
    /// Does a step of the work; the order once done.
    fn step(&mut self, entries: &[([f64; 3], u32)]) -> Option<Vec<u32>> {
        let n = entries.len();
        let grid = self.grid.get_or_insert_with(|| Grid::new(entries));
        let start = self.cells.len();
        self.cells.extend(entries[start..(start + ORDER_CHUNK).min(n)].iter().map(|(p, _)| grid.cell(p)));
        if self.cells.len() < n {
            return None;
        }
        // Where each cell's run starts, then (as entries are placed) where
        // its next entry goes.
        let mut next = vec![0u32; (1 << (2 * CELL_BITS)) + 1];
        for &c in &self.cells {
            next[c as usize + 1] += 1;
        }
        for i in 1..next.len() {
            next[i] += next[i - 1];
        }
        let mut order = vec![0u32; n];
        for (i, &c) in self.cells.iter().enumerate() {
            let slot = &mut next[c as usize];
            order[*slot as usize] = i as u32;
            *slot += 1;
        }
        Some(order)
    }
}

/// The grid of [`CellOrder`]: the two widest axes of the entries' box, cut
/// in 1024.
struct Grid {
    axes: [usize; 2],
    lower: [f64; 3],
    scale: [f64; 2],
}

impl Grid {
    fn new(entries: &[([f64; 3], u32)]) -> Self {
        let (mut lower, mut upper) = ([f64::MAX; 3], [f64::MIN; 3]);
        for (p, _) in entries {
            for axis in 0..3 {
                lower[axis] = crate::lesser(lower[axis], p[axis]);
                upper[axis] = crate::greater(upper[axis], p[axis]);
            }
        }
        let extent = |axis: usize| upper[axis] - lower[axis];
        let narrowest = (0..3).fold(0, |n, axis| if extent(axis) < extent(n) { axis } else { n });
        let axes = [(narrowest + 1) % 3, (narrowest + 2) % 3];
        let side = f64::from(1u32 << CELL_BITS);
        let scale = axes.map(|a| if extent(a) > 0.0 { side / extent(a) } else { 0.0 });
        Self { axes, lower, scale }
    }

    /// The place of `p`'s cell along the Hilbert curve.
    fn cell(&self, p: &[f64; 3]) -> u32 {
        let side = 1u32 << CELL_BITS;
        // `as` saturates: the upper edge lands in the last cell.
        let at =
            |i: usize| (((p[self.axes[i]] - self.lower[self.axes[i]]) * self.scale[i]) as u32).min(side - 1);
        hilbert(at(0), at(1))
    }
}

/// The place of cell (x, y) along the Hilbert curve over a grid of
/// 2^[`CELL_BITS`] cells a side (the classic bit-by-bit walk).
fn hilbert(mut x: u32, mut y: u32) -> u32 {
    let n = 1u32 << CELL_BITS;
    let mut d = 0;
    let mut s = n / 2;
    while s > 0 {
        let rx = u32::from(x & s > 0);
        let ry = u32::from(y & s > 0);
        d += s * s * ((3 * rx) ^ ry);
        // Rotate the quadrant so that the curve inside it runs the same way.
        if ry == 0 {
            if rx == 1 {
                x = n - 1 - x;
                y = n - 1 - y;
            }
            std::mem::swap(&mut x, &mut y);
        }
        s /= 2;
    }
    d
}

/// A tree's shape, checked: its nodes form a tree (no node empty or over
/// [`MAX_CHILDREN`], at most [`MAX_DEPTH`](crate::MAX_DEPTH) deep, nothing
/// left over) whose leaves are each id of `0..ids.len()` once. No point is
/// needed yet: [`TreeBuild`] computes the boxes from them, part
/// by part.
#[derive(Debug, Clone)]
pub struct CheckedShape {
    nodes: Vec<Node>,
    ids: Vec<u32>,
}

impl CheckedShape {
    /// Checks `nodes` (a byte per node, see [`UnitTree::shape`]) as the
    /// shape of a tree whose leaves, in order, are `ids`. O(nodes + ids).
    pub fn new(nodes: &[u8], ids: Vec<u32>) -> Result<Self, ShapeError> {
        Ok(Self { nodes: shape::check_shape(nodes, &ids)?, ids })
    }

    /// Number of leaves.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// True when the shape is of an empty tree.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The ids of the leaves, in leaf order (see [`TreeBuild::from_leaves`]).
    pub fn leaf_ids(&self) -> &[u32] {
        &self.ids
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Stepped over several chunks, the order is that of the cells along
    /// the curve, ties in the entries' own order (checked against a sort).
    #[test]
    fn the_cell_order_in_chunks_is_the_curves_order() {
        let n = 2 * ORDER_CHUNK + 12_345;
        let mut seed = 11_u64;
        let mut next = move || {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (seed >> 11) as f64 / (1u64 << 53) as f64
        };
        // A city's worth of points, some repeated (ties within a cell).
        let mut entries: Vec<([f64; 3], u32)> = (0..n as u32)
            .map(|i| {
                let (lon, lat) = (2.0 + 0.01 * next(), 0.4 + 0.01 * next());
                ([lat.cos() * lon.cos(), lat.cos() * lon.sin(), lat.sin()], i)
            })
            .collect();
        entries[7].0 = entries[3].0;
        let mut ordering = CellOrder::default();
        let mut steps = 1;
        let order = loop {
            match ordering.step(&entries) {
                Some(order) => break order,
                None => steps += 1,
            }
        };
        assert_eq!(steps, 3, "three chunks of cells, the last with the counting sort");
        let grid = Grid::new(&entries);
        let mut want: Vec<u32> = (0..n as u32).collect();
        want.sort_by_key(|&i| (grid.cell(&entries[i as usize].0), i));
        assert_eq!(order, want);
    }

    /// A packed tree of any size is a shape the checks accept, and rstar
    /// takes it as it is (the bulk load never falls back to sorting again).
    #[test]
    fn packed_trees_are_taken_as_they_are() {
        for n in [1, 2, 15, 16, 17, 255, 256, 257, 4_097, 40_000] {
            let nodes = shape::packed(n);
            let bytes: Vec<u8> =
                nodes.iter().map(|n| n.children | if n.leaf_level { 0x80 } else { 0 }).collect();
            assert!(CheckedShape::new(&bytes, (0..n as u32).collect()).is_ok(), "{n}");
            assert!(nodes.iter().all(|node| usize::from(node.children) <= 16), "{n}");
            let at: Vec<[f64; 3]> = (0..n).map(|i| [1.0, i as f64 * 1e-6, 0.0]).collect();
            let tree = crate::rebuild::rebuild(&nodes, &at, 0).expect("rstar takes a packed tree");
            assert_eq!(tree.size(), n);
        }
    }

    /// The curve visits every cell once, each step to a neighbouring cell.
    #[test]
    fn the_hilbert_curve_walks_the_grid_cell_by_cell() {
        let side = 1u32 << CELL_BITS;
        let mut at = vec![(u32::MAX, u32::MAX); (side * side) as usize];
        for x in 0..side {
            for y in 0..side {
                at[hilbert(x, y) as usize] = (x, y);
            }
        }
        for pair in at.windows(2) {
            let ((x0, y0), (x1, y1)) = (pair[0], pair[1]);
            assert_eq!(x0.abs_diff(x1) + y0.abs_diff(y1), 1, "{pair:?}");
        }
    }
}
