//! A bulk-loaded tree's shape, so that a packed feed can carry its index and
//! a reader can rebuild the very same `rstar` tree without sorting again.
//!
//! A shape is one byte per node, in depth-first preorder (a node, then each
//! of its children's subtrees in turn), and the ids of the leaves in the
//! same order. A node's byte is its number of children (bits 0–6) and
//! whether those children are leaves (bit 7). No envelope is stored: the
//! reader computes each node's box from the points under it, so a forged
//! shape can make a tree slow (never slower than its bytes allow: every
//! node costs a byte) but never wrong.

use std::fmt;
use std::ops::Range;

use rstar::{ParentNode, RTreeNode};

use crate::{Entry, PART_LEN};

/// Bit 7 of a node byte: the node's children are leaves.
const LEAF_LEVEL: u8 = 0x80;
/// At most this many children a node. rstar's bulk load fills a node with up
/// to ⌈∛16⌉³ = 27 slabs of 3-D space; 64 leaves room and bounds a node's work.
pub const MAX_CHILDREN: u8 = 64;
/// At most this many levels: a million points need 6; the bound keeps the
/// rebuild's stack small whatever a forged shape says.
pub const MAX_DEPTH: usize = 32;

/// Why a shape does not describe a tree over the given points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShapeError {
    /// The node bytes end before the tree does.
    Truncated,
    /// Node bytes are left over after the tree is complete.
    TrailingNodes,
    /// A node with no children (only the root of an empty tree has none), or
    /// with more than [`MAX_CHILDREN`].
    BadNode {
        /// The node's number in preorder.
        node: usize,
        /// Its number of children.
        children: u8,
    },
    /// Deeper than [`MAX_DEPTH`].
    TooDeep,
    /// The leaves are not each point exactly once.
    NotAPermutation,
}

impl fmt::Display for ShapeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Truncated => write!(f, "the index's nodes end too early"),
            Self::TrailingNodes => write!(f, "the index has nodes after its last"),
            Self::BadNode { node, children } => write!(f, "index node {node} has {children} children"),
            Self::TooDeep => write!(f, "the index is more than {MAX_DEPTH} levels deep"),
            Self::NotAPermutation => write!(f, "the index's leaves are not each merchant once"),
        }
    }
}

impl std::error::Error for ShapeError {}

/// A node as the checked shape has it: its byte.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Node {
    pub(crate) children: u8,
    pub(crate) leaf_level: bool,
}

impl Node {
    fn new(byte: u8) -> Self {
        Self { children: byte & !LEAF_LEVEL, leaf_level: byte & LEAF_LEVEL != 0 }
    }
}

/// Appends the node bytes of the tree under `root` to `nodes`, in preorder.
pub(crate) fn write_shape(root: &ParentNode<Entry>, nodes: &mut Vec<u8>) {
    let children = root.children();
    let leaf_level = children.iter().all(|c| matches!(c, RTreeNode::Leaf(_)));
    debug_assert!(leaf_level || children.iter().all(|c| matches!(c, RTreeNode::Parent(_))));
    // Bulk-loaded nodes have at most 27 children (see MAX_CHILDREN).
    nodes.push(children.len() as u8 | if leaf_level && !children.is_empty() { LEAF_LEVEL } else { 0 });
    for child in children {
        if let RTreeNode::Parent(node) = child {
            write_shape(node, nodes);
        }
    }
}

/// The nodes, in preorder, of a tree over `n` leaves
/// packed in their order, [`PACK`] to a node, level by level up to one
/// root (as flatbush packs a Hilbert-sorted list): the shape of a bulk
/// load of points already in cell order, rebuilt like a packed feed's.
pub(crate) fn packed(n: usize) -> Vec<Node> {
    // The number of nodes at each level, the leaves' parents first.
    let mut counts = vec![n.div_ceil(PACK).max(1)];
    while let Some(&top) = counts.last().filter(|&&top| top > 1) {
        counts.push(top.div_ceil(PACK));
    }
    let mut nodes = Vec::with_capacity(counts.iter().sum());
    // Node `j` of `level` has the children `j * PACK ..` of the level below
    // (or of the leaves), as many as there are.
    fn emit(nodes: &mut Vec<Node>, counts: &[usize], n: usize, level: usize, j: usize) {
        let below = if level == 0 { n } else { counts[level - 1] };
        let first = j * PACK;
        let children = (below - first).min(PACK);
        nodes.push(Node::new(children as u8 | if level == 0 { LEAF_LEVEL } else { 0 }));
        if level > 0 {
            for k in first..first + children {
                emit(nodes, counts, n, level - 1, k);
            }
        }
    }
    emit(&mut nodes, &counts, n, counts.len() - 1, 0);
    nodes
}

/// Children a node of a [`packed`] tree: rstar's most for these trees.
const PACK: usize = <crate::NodeParams as rstar::RTreeParams>::MAX_SIZE;

/// Checks `bytes` as the shape of a tree whose leaves, in order, are `ids`
/// (each of `0..ids.len()` once): the nodes (the rebuild computes their
/// boxes part by part, from the points). O(nodes + leaves), no floats.
pub(crate) fn check_shape(bytes: &[u8], ids: &[u32]) -> Result<Vec<Node>, ShapeError> {
    let mut seen = vec![false; ids.len()];
    for &id in ids {
        match seen.get_mut(id as usize) {
            Some(slot) if !*slot => *slot = true,
            _ => return Err(ShapeError::NotAPermutation),
        }
    }
    let mut nodes = Vec::with_capacity(bytes.len());
    // Children still to come of each open node, from the root down.
    let mut open: Vec<u8> = Vec::new();
    let mut leaves = 0;
    for (i, &byte) in bytes.iter().enumerate() {
        let node = Node::new(byte);
        let empty_root = i == 0 && ids.is_empty() && byte == 0;
        if !empty_root && (node.children == 0 || node.children > MAX_CHILDREN) {
            return Err(ShapeError::BadNode { node: i, children: node.children });
        }
        nodes.push(node);
        if !node.leaf_level && !empty_root {
            if open.len() == MAX_DEPTH {
                return Err(ShapeError::TooDeep);
            }
            open.push(node.children);
            continue;
        }
        leaves += usize::from(node.children);
        if leaves > ids.len() {
            return Err(ShapeError::NotAPermutation);
        }
        // Close this node and every ancestor it completes.
        loop {
            let Some(left) = open.last_mut() else {
                // The root is complete: nothing may follow.
                return if i + 1 != bytes.len() {
                    Err(ShapeError::TrailingNodes)
                } else if leaves != ids.len() {
                    Err(ShapeError::NotAPermutation)
                } else {
                    Ok(nodes)
                };
            };
            *left -= 1;
            if *left > 0 {
                break;
            }
            open.pop();
        }
    }
    Err(ShapeError::Truncated)
}

/// The nodes and leaves of one part of a checked shape (see [`parts`]).
#[derive(Debug, Clone)]
pub(crate) struct Part {
    pub(crate) nodes: Range<usize>,
    pub(crate) leaves: Range<usize>,
}

/// The parts a checked shape is rebuilt in, in order: the subtrees of the
/// root's children, or the whole tree when the root holds leaves or a
/// single child, or the tree has at most [`PART_LEN`] leaves (as a bulk
/// load makes it; none for an empty tree). A forest's shape has a root of
/// its parts (see [`UnitTree::shape`](crate::UnitTree::shape)); a single
/// tree's is rebuilt as the forest of its root's children, which has the
/// same shape.
pub(crate) fn parts(nodes: &[Node]) -> Vec<Part> {
    let leaves: usize = nodes.iter().filter(|n| n.leaf_level).map(|n| usize::from(n.children)).sum();
    match nodes.first() {
        None => Vec::new(),
        Some(root) if root.children == 0 => Vec::new(),
        Some(root) if root.leaf_level || root.children == 1 || leaves <= PART_LEN => {
            vec![Part { nodes: 0..nodes.len(), leaves: 0..leaves }]
        }
        Some(_) => {
            let mut parts = Vec::new();
            let (mut i, mut leaf) = (1, 0);
            while i < nodes.len() {
                let start = (i, leaf);
                // Nodes of this subtree still to visit.
                let mut pending = 1usize;
                while pending > 0 && i < nodes.len() {
                    let node = nodes[i];
                    i += 1;
                    pending -= 1;
                    if node.leaf_level {
                        leaf += usize::from(node.children);
                    } else {
                        pending += usize::from(node.children);
                    }
                }
                parts.push(Part { nodes: start.0..i, leaves: start.1..leaf });
            }
            parts
        }
    }
}
