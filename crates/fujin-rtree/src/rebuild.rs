//! Rebuilding an `rstar` tree of a checked shape, without a bulk load.
//!
//! rstar builds trees only by bulk loading or inserting, and lets serde
//! deserialize them (its `serde` feature). So the rebuild is a small serde
//! `Deserializer` that walks a [checked shape](crate::shape) in preorder and
//! answers each question rstar's own `Deserialize` code asks, in the order it
//! asks them: a tree (root, size, params), a node (children, envelope), a
//! child `Leaf(entry)` or `Parent(node)`, an entry (unit vector, slot), an
//! envelope (lower, upper). It answers by the kind of value asked for
//! (`deserialize_struct`, `_seq`, `_enum`, `_tuple`, …), so each of rstar's
//! visitors meets only the one call it expects: little code, no dead arms.
//! The field order is rstar 0.12's, pinned in `Cargo.toml`; the round-trip
//! tests fail if it ever changes.

use std::fmt;

use rstar::RTree;
use serde::de::value::F64Deserializer;
use serde::de::{self, DeserializeSeed, EnumAccess, IntoDeserializer, SeqAccess, VariantAccess, Visitor};
use serde::{Deserialize, Deserializer};

use crate::shape::Node;
use crate::{Entry, NodeParams, greater, lesser, round_down, round_up};

/// Builds the tree of `nodes` (checked, in preorder) whose leaves, in
/// order, are at `points`; leaf `i` gets slot `first_slot + i` as its data.
/// Every node's box is computed on the way from the points under it (as
/// rstar asks for a node's box after its children), so the points are read
/// once, in order.
#[inline(never)] // called for a bulk load and a packed feed: one copy in the bundle
pub(crate) fn rebuild(
    nodes: &[Node],
    points: &[[f64; 3]],
    first_slot: usize,
) -> Option<RTree<Entry, NodeParams>> {
    let mut walk = Walk {
        nodes,
        points,
        first_slot,
        next_node: 0,
        next_leaf: 0,
        open: Vec::with_capacity(8),
        vectors: Vec::with_capacity(4),
    };
    let tree = RTree::deserialize(&mut walk).ok()?;
    let in_step =
        walk.next_node == nodes.len() && walk.next_leaf == points.len() && tree.size() == points.len();
    in_step.then_some(tree)
}

/// Where the rebuild is in the preorder.
struct Walk<'s> {
    nodes: &'s [Node],
    /// The leaves' points, in leaf order.
    points: &'s [[f64; 3]],
    /// The slot of the first leaf.
    first_slot: usize,
    next_node: usize,
    next_leaf: usize,
    /// The nodes being built, from the root down.
    open: Vec<Open>,
    /// The vectors the next `[f64; 3]`s are, last first: an entry's point,
    /// or a node's envelope corners.
    vectors: Vec<[f64; 3]>,
}

/// A node being built: its byte, and the box (in `f64`) of the points
/// under it seen so far.
struct Open {
    node: Node,
    lower: [f64; 3],
    upper: [f64; 3],
}

impl Open {
    fn new(node: Node) -> Self {
        // An empty box: lower at the largest value, upper at the lowest.
        Self { node, lower: [f64::MAX; 3], upper: [f64::MIN; 3] }
    }

    /// Widens the box to hold the box from `lower` to `upper`.
    fn take(&mut self, lower: &[f64; 3], upper: &[f64; 3]) {
        for axis in 0..3 {
            self.lower[axis] = lesser(self.lower[axis], lower[axis]);
            self.upper[axis] = greater(self.upper[axis], upper[axis]);
        }
    }
}

/// A rebuild that did not go as rstar expected: rstar asked for something
/// a tree of a checked shape does not have (a changed rstar layout, which
/// the tests below catch; rstar is pinned so that it cannot). It keeps no
/// message: none would reach anyone, and formatting serde's messages costs
/// the bundle.
#[derive(Debug)]
struct Error;

fn out_of_step() -> Error {
    Error
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("rstar asked for a part out of step with the shape")
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(_msg: T) -> Self {
        Error
    }
}

impl<'de> Deserializer<'de> for &mut Walk<'_> {
    type Error = Error;

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match name {
            // (root, size, params) and (point, slot): their fields follow.
            "RTree" | "Entry" => {}
            "ParentNode" => {
                let node = *self.nodes.get(self.next_node).ok_or_else(out_of_step)?;
                self.next_node += 1;
                self.open.push(Open::new(node));
            }
            // A node's envelope comes after its children: the node is done.
            // Its box is the f64 box of its points rounded outwards to f32
            // (as `Entry::envelope` rounds; rounding is monotone, so this is
            // the box of its children's boxes), and it widens its parent's.
            "AABB" => {
                let done = self.open.pop().ok_or_else(out_of_step)?;
                let (lower, upper) = (done.lower.map(round_down), done.upper.map(round_up));
                self.vectors.extend([upper.map(f64::from), lower.map(f64::from)]);
                if let Some(parent) = self.open.last_mut() {
                    parent.take(&done.lower, &done.upper);
                }
            }
            _ => return Err(out_of_step()),
        }
        visitor.visit_seq(Fields { walk: self, left: fields.len() })
    }

    /// A node's children.
    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let children = self.open.last().ok_or_else(out_of_step)?.node.children;
        visitor.visit_seq(Fields { walk: self, left: usize::from(children) })
    }

    /// A child: a leaf or a node, as its parent's byte says.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let open = self.open.last_mut().ok_or_else(out_of_step)?;
        let leaf = open.node.leaf_level;
        if leaf {
            let point = *self.points.get(self.next_leaf).ok_or_else(out_of_step)?;
            open.take(&point, &point);
            self.vectors.push(point);
        }
        visitor.visit_enum(Child { walk: self, leaf })
    }

    /// A unit vector: an entry's point or an envelope's corner.
    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        let v = self.vectors.pop().ok_or_else(out_of_step)?;
        visitor.visit_seq(Floats { v, next: 0 })
    }

    /// An entry's data: its slot.
    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let slot = (self.first_slot + self.next_leaf) as u32;
        self.next_leaf += 1;
        visitor.visit_u32(slot)
    }

    /// The tree's size.
    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_u64(self.points.len() as u64)
    }

    /// The tree's params (a `PhantomData`).
    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Error> {
        Err(out_of_step())
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 u8 u16 f32 f64 char str string bytes byte_buf option unit
        newtype_struct tuple_struct map identifier ignored_any
    }
}

/// The fields of a struct, or a node's children: each taken from the walk.
struct Fields<'w, 's> {
    walk: &'w mut Walk<'s>,
    left: usize,
}

impl<'de> SeqAccess<'de> for Fields<'_, '_> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Error> {
        if self.left == 0 {
            return Ok(None);
        }
        self.left -= 1;
        seed.deserialize(&mut *self.walk).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.left)
    }
}

/// One child: the enum `RTreeNode`, variant 0 `Leaf` or 1 `Parent`.
struct Child<'w, 's> {
    walk: &'w mut Walk<'s>,
    leaf: bool,
}

impl<'de, 'w, 's> EnumAccess<'de> for Child<'w, 's> {
    type Error = Error;
    type Variant = &'w mut Walk<'s>;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self::Variant), Error> {
        let variant: u32 = if self.leaf { 0 } else { 1 };
        Ok((seed.deserialize(variant.into_deserializer())?, self.walk))
    }
}

impl<'de> VariantAccess<'de> for &mut Walk<'_> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        Err(out_of_step())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, _visitor: V) -> Result<V::Value, Error> {
        Err(out_of_step())
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Error> {
        Err(out_of_step())
    }
}

/// A vector's three coordinates.
struct Floats {
    v: [f64; 3],
    next: usize,
}

impl<'de> SeqAccess<'de> for Floats {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Error> {
        let Some(&x) = self.v.get(self.next) else { return Ok(None) };
        self.next += 1;
        seed.deserialize(F64Deserializer::<Error>::new(x)).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shape::{check_shape, write_shape};

    /// rstar takes the rebuilt tree as described (this fails if rstar's
    /// serde layout changes, which would otherwise stop every index build
    /// at run time), and every box is the one rstar would compute.
    #[test]
    fn rstar_takes_a_rebuilt_tree() {
        let points: Vec<[f64; 3]> =
            (0..5_000).map(|i| [f64::from(i).cos(), f64::from(i).sin(), 0.5]).collect();
        let entries = points.iter().zip(0..).map(|(&p, id)| Entry::new(p, id));
        let tree: RTree<Entry, NodeParams> = RTree::bulk_load_with_params(entries.collect());
        let mut bytes = Vec::new();
        write_shape(tree.root(), &mut bytes);
        let mut ids = Vec::new();
        crate::leaves_in_order(tree.root(), &mut ids);
        let nodes = check_shape(&bytes, &ids).unwrap();
        let in_order: Vec<[f64; 3]> = ids.iter().map(|&id| points[id as usize]).collect();
        let again = rebuild(&nodes, &in_order, 0).expect("rstar took the tree");
        let mut again_bytes = Vec::new();
        write_shape(again.root(), &mut again_bytes);
        assert_eq!(again_bytes, bytes);
        assert_eq!(again.size(), points.len());
        // Every box as rstar would compute it from the children.
        let mut stack = vec![again.root()];
        while let Some(node) = stack.pop() {
            let children = node.children().iter().map(|child| match child {
                rstar::RTreeNode::Leaf(entry) => rstar::RTreeObject::envelope(entry),
                rstar::RTreeNode::Parent(parent) => parent.envelope(),
            });
            let want = children.fold(<rstar::AABB<[f32; 3]> as rstar::Envelope>::new_empty(), |all, one| {
                rstar::Envelope::merged(&all, &one)
            });
            assert_eq!(node.envelope(), want);
            stack.extend(node.children().iter().filter_map(|child| match child {
                rstar::RTreeNode::Parent(parent) => Some(parent),
                rstar::RTreeNode::Leaf(_) => None,
            }));
        }
    }
}
