//! Building a [`SpatialIndex`] in steps, each far below the 50 ms a page
//! may block, so that a million merchants are indexed while the page keeps
//! answering: the unit vectors a slice at a time, then the R-tree a part at
//! a time (bulk loaded, or rebuilt from a packed feed's shape).

use fujin_rtree::{CheckedShape, ShapeError, TreeBuild};

use super::spatial_index::{IndexShape, SpatialIndex};
use crate::geo::LonLat;

/// Unit vectors computed in one step (a sine and a cosine each of lon and
/// lat: a few milliseconds in the browser bench).
const VECTORS_PER_STEP: usize = 65_536;

/// A [`SpatialIndex`] being built, one step at a time.
///
/// ```
/// use fujin_core::geo::LonLat;
/// use fujin_core::index::{IndexBuild, SpatialIndex};
/// let shops: Vec<LonLat> = (0..100_000).map(|i| LonLat::new(114.0 + f64::from(i) * 1e-6, 22.5)).collect();
/// let mut build = IndexBuild::new(shops.clone());
/// let mut steps = 1;
/// while !build.step() {
///     steps += 1;
/// }
/// assert!(steps > 4);
/// let index = build.finish();
/// assert_eq!(index, SpatialIndex::new(&shops));
/// let again = IndexBuild::from_shape(shops.clone(), index.shape()).unwrap().finish();
/// assert_eq!(again, index);
/// ```
pub struct IndexBuild {
    positions: Vec<LonLat>,
    /// (unit vector, index) of the valid positions among the first `next`,
    /// for a bulk load.
    entries: Vec<([f64; 3], u32)>,
    /// The unit vectors of the shape's first `next` leaves, in leaf order,
    /// for a rebuild.
    leaves: Vec<[f64; 3]>,
    next: usize,
    /// The shape to rebuild, if not a bulk load.
    shape: Option<CheckedShape>,
    /// The tree, once every vector is there.
    tree: Option<TreeBuild>,
}

impl std::fmt::Debug for IndexBuild {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IndexBuild").field("positions", &self.positions.len()).finish_non_exhaustive()
    }
}

impl IndexBuild {
    /// Starts bulk loading an index over `positions` (WGS-84); invalid ones
    /// are left out, as in [`SpatialIndex::new`].
    pub fn new(mut positions: Vec<LonLat>) -> Self {
        positions.truncate(u32::MAX as usize);
        let entries = Vec::with_capacity(positions.len());
        Self { entries, leaves: Vec::new(), next: 0, positions, shape: None, tree: None }
    }

    /// Starts rebuilding the index of `shape` (see [`SpatialIndex::shape`])
    /// over `positions`. The shape may come from an untrusted file: its
    /// structure is checked here (O(n), no floats), and every node's box is
    /// computed from the positions later, never read, so an accepted shape
    /// answers exactly. Every position must be valid and a leaf once.
    pub fn from_shape(positions: Vec<LonLat>, shape: IndexShape) -> Result<Self, ShapeError> {
        // An invalid position is never a leaf, so it breaks the permutation.
        if shape.order.len() != positions.len() || !positions.iter().all(|p| p.is_valid()) {
            return Err(ShapeError::NotAPermutation);
        }
        let shape = Some(CheckedShape::new(&shape.nodes, shape.order)?);
        let leaves = Vec::with_capacity(positions.len());
        Ok(Self { entries: Vec::new(), leaves, next: 0, positions, shape, tree: None })
    }

    /// How many positions the index is over.
    pub fn len(&self) -> usize {
        self.positions.len()
    }

    /// True when the index is over no position.
    pub fn is_empty(&self) -> bool {
        self.positions.is_empty()
    }

    /// Does one step of work; true when the index is built.
    pub fn step(&mut self) -> bool {
        if let Some(tree) = &mut self.tree {
            return tree.step();
        }
        if self.next < self.positions.len() {
            self.vectors_up_to(self.next + VECTORS_PER_STEP);
        } else {
            self.tree = Some(self.start_tree());
        }
        false
    }

    /// Computes the vectors of the positions up to `end`.
    fn vectors_up_to(&mut self, end: usize) {
        let end = end.min(self.positions.len());
        match &self.shape {
            // In leaf order, as the rebuild reads them (`from_shape` found
            // every position valid, and the shape's ids in range).
            Some(shape) => {
                // Gathered first, then turned into vectors: a loop of loads
                // alone keeps many cache misses in flight, where a sine
                // waiting on each load would take them one by one (twice
                // as slow natively at a million).
                let ids = &shape.leaf_ids()[self.next..end];
                let at: Vec<LonLat> = ids.iter().map(|&id| self.positions[id as usize]).collect();
                self.leaves.extend(at.iter().map(|p| p.to_unit_vector()));
            }
            None => {
                let new = self.positions[self.next..end].iter().zip(self.next as u32..);
                self.entries.extend(new.filter(|(p, _)| p.is_valid()).map(|(p, i)| (p.to_unit_vector(), i)));
            }
        }
        self.next = end;
    }

    /// The tree's build, with every vector computed (the rest of them now,
    /// if the steps did not).
    fn start_tree(&mut self) -> TreeBuild {
        self.vectors_up_to(usize::MAX);
        match self.shape.take() {
            Some(shape) => TreeBuild::from_leaves(shape, std::mem::take(&mut self.leaves)),
            None => TreeBuild::new(std::mem::take(&mut self.entries), None),
        }
    }

    /// The share of the work done, 0 to 1 (vectors a fifth, the tree the rest).
    pub fn progress(&self) -> f64 {
        match &self.tree {
            Some(tree) => 0.2 + 0.8 * tree.progress(),
            None => 0.2 * self.next as f64 / self.positions.len().max(1) as f64,
        }
    }

    /// Does what is left; the index.
    pub fn finish(mut self) -> SpatialIndex {
        let tree = match self.tree.take() {
            Some(tree) => tree,
            None => self.start_tree(),
        };
        SpatialIndex::from_tree(tree.finish(), self.positions)
    }
}
