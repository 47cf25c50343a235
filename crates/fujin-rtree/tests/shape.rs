//! A tree rebuilt from its shape is the tree that was bulk loaded, and a
//! forged shape is refused or, when accepted, still answers exactly.

// Native only: proptest does not build for wasm32 (see Cargo.toml).
#![cfg(not(target_arch = "wasm32"))]

use fujin_rtree::{Ball, CheckedShape, MAX_DEPTH, PART_LEN, ShapeError, TreeBuild, UnitTree, chord_2};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

/// A unit vector from two angles in radians.
fn unit(lon: f64, lat: f64) -> [f64; 3] {
    [lat.cos() * lon.cos(), lat.cos() * lon.sin(), lat.sin()]
}

/// `n` seeded points, clumped as a city's merchants are, some repeated.
fn points(n: usize, seed: u64) -> Vec<[f64; 3]> {
    let mut state = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    let mut next = move || {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    let mut out: Vec<[f64; 3]> = Vec::with_capacity(n);
    for i in 0..n {
        if i % 17 == 16 {
            out.push(out[i / 2]);
            continue;
        }
        let (lon, lat) = if i % 3 == 0 {
            (next() * 6.3 - 3.15, next() * 3.1 - 1.55)
        } else {
            (1.99 + next() * 0.01, 0.39 + next() * 0.01)
        };
        out.push(unit(lon, lat));
    }
    out
}

/// `from_shape` over points given by id.
fn rebuild(nodes: &[u8], ids: Vec<u32>, points: &[[f64; 3]]) -> Result<UnitTree, ShapeError> {
    UnitTree::from_shape(nodes, ids, points.to_vec())
}

fn bulk(points: &[[f64; 3]]) -> UnitTree {
    UnitTree::new(points.iter().zip(0..).map(|(&p, id)| (p, id)).collect())
}

/// Every query's answer: nearest (id, chord²), within sorted, ids within
/// (sorted), ids in the box (sorted).
type Answers = (Vec<(u32, f64)>, Vec<(u32, f64)>, Vec<u32>, Vec<u32>);

/// Every query's answer for one probe point, sorted, to compare trees.
fn answers(tree: &UnitTree, probe: [f64; 3], k: usize, chord: f64) -> Answers {
    let mut nearest = Vec::new();
    tree.nearest(probe, k, &mut nearest);
    let ball = Ball { centre: probe, outer_2: chord * chord, inner_2: chord * chord * 0.999 };
    let mut within = Vec::new();
    tree.within_sorted(&ball, None, &mut within);
    let (mut inside, mut edge) = (Vec::new(), Vec::new());
    tree.ids_within(&ball, &mut inside, &mut edge);
    inside.extend(edge.iter().map(|&(id, _)| id));
    inside.sort_unstable();
    let lower = [probe[0] - chord, probe[1] - chord, probe[2] - chord];
    let upper = [probe[0] + chord, probe[1] + chord, probe[2] + chord];
    let mut boxed = Vec::new();
    tree.in_box(lower, upper, &mut boxed);
    boxed.sort_unstable();
    (nearest, within, inside, boxed)
}

/// What a scan of every point answers, in the same form as [`answers`].
fn brute(points: &[[f64; 3]], probe: [f64; 3], chord: f64) -> (Vec<(u32, f64)>, Vec<u32>, Vec<u32>) {
    let mut all: Vec<(u32, f64)> = points.iter().zip(0..).map(|(&p, id)| (id, chord_2(probe, p))).collect();
    all.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
    let within: Vec<(u32, f64)> = all.iter().copied().filter(|&(_, c2)| c2 <= chord * chord).collect();
    let mut ids: Vec<u32> = within.iter().map(|&(id, _)| id).collect();
    ids.sort_unstable();
    let mut boxed: Vec<u32> = points
        .iter()
        .zip(0..)
        .filter(|(p, _)| (0..3).all(|a| (p[a] - probe[a]).abs() <= chord))
        .map(|(_, id)| id)
        .collect();
    boxed.sort_unstable();
    (within, ids, boxed)
}

#[test]
fn a_rebuilt_tree_has_the_bulk_loaded_shape_and_answers() {
    for n in (0..700).step_by(7).chain([1, 2, 16, 17, 256, 257, 4096, 4097, 100_000]) {
        let pts = points(n, n as u64);
        let tree = bulk(&pts);
        let (nodes, ids) = tree.shape();
        let again = rebuild(&nodes, ids.to_vec(), &pts).unwrap_or_else(|e| panic!("{n}: {e}"));
        assert_eq!(again.len(), n);
        let (nodes_again, ids_again) = again.shape();
        assert_eq!((&nodes_again, ids_again), (&nodes, ids), "{n} points");
        for (i, probe) in points(5, 99).into_iter().enumerate() {
            let chord = [0.001, 0.01, 0.3, 2.0, 0.0][i];
            assert_eq!(answers(&again, probe, 10, chord), answers(&tree, probe, 10, chord), "{n} points");
        }
    }
}

#[test]
fn forged_shapes_are_refused_with_their_reason() {
    let pts = points(40, 1);
    let tree = bulk(&pts);
    let (nodes, ids) = tree.shape();
    let ids = ids.to_vec();
    let err = |nodes: &[u8], ids: Vec<u32>| rebuild(nodes, ids, &pts).unwrap_err();
    assert_eq!(err(&nodes[..nodes.len() - 1], ids.clone()), ShapeError::Truncated);
    assert_eq!(err(&[nodes.clone(), vec![0x81]].concat(), ids.clone()), ShapeError::TrailingNodes);
    let mut twice = ids.clone();
    twice[1] = twice[0];
    assert_eq!(err(&nodes, twice), ShapeError::NotAPermutation);
    assert_eq!(err(&nodes, ids[..39].to_vec()), ShapeError::NotAPermutation);
    let mut zero = nodes.clone();
    zero[0] = 0;
    assert_eq!(err(&zero, ids.clone()), ShapeError::BadNode { node: 0, children: 0 });
    assert_eq!(err(&[0x80 | 65], ids.clone()), ShapeError::BadNode { node: 0, children: 65 });
    // A chain of single children deeper than the bound.
    let chain: Vec<u8> = std::iter::repeat_n(1, MAX_DEPTH + 1).chain([0x81]).collect();
    assert_eq!(rebuild(&chain, vec![0], &pts[..1]).unwrap_err(), ShapeError::TooDeep);
    // An empty tree is one empty root.
    assert!(rebuild(&[0], Vec::new(), &[]).unwrap().is_empty());
    assert_eq!(rebuild(&[], Vec::new(), &[]).unwrap_err(), ShapeError::Truncated);
}

#[test]
fn a_lopsided_accepted_shape_still_answers_exactly() {
    // All 40 points under one node of 40, and a chain: slow shapes, same answers.
    let pts = points(40, 2);
    let order: Vec<u32> = (0..40).rev().collect();
    let flat = rebuild(&[0x80 | 40], order.clone(), &pts).unwrap();
    let chain = rebuild(&[1, 1, 1, 0x80 | 40], order, &pts).unwrap();
    for tree in [flat, chain] {
        for probe in points(4, 5) {
            let (_, within, ids, boxed) = answers(&tree, probe, 5, 0.2);
            let (want_within, want_ids, want_boxed) = brute(&pts, probe, 0.2);
            assert_eq!((within, ids, boxed), (want_within, want_ids, want_boxed));
        }
    }
}

/// A random tree over `n` leaves (every node 1 to 64 children, leaves at
/// any depth), as node bytes; `pick` draws numbers from the seed.
fn random_shape(n: usize, depth: usize, pick: &mut impl FnMut(usize) -> usize, out: &mut Vec<u8>) {
    if n <= 64 && (depth >= 4 || pick(3) == 0) {
        out.push(0x80 | n as u8);
        return;
    }
    let parts = (2 + pick(7)).min(n).max(1);
    // Cut n into `parts` runs of at least one leaf each (a cut at 0 of a
    // single part is a chain of one child).
    let mut cuts: Vec<usize> = (1..parts).map(|_| 1 + pick(n - 1)).collect();
    cuts.sort_unstable();
    cuts.dedup();
    out.push(cuts.len() as u8 + 1);
    let mut start = 0;
    for end in cuts.into_iter().chain([n]) {
        random_shape(end - start, depth + 1, pick, out);
        start = end;
    }
}

/// A forged shape: a random tree or random bytes, then maybe a byte
/// changed, over a shuffled order of seeded points.
fn forged() -> impl Strategy<Value = (Vec<u8>, Vec<u32>, Vec<[f64; 3]>)> {
    (
        1usize..200,
        any::<u64>(),
        any::<bool>(),
        prop::collection::vec(any::<u8>(), 0..8),
        prop::option::of((any::<prop::sample::Index>(), any::<u8>())),
    )
        .prop_flat_map(|(n, seed, tree, bytes, flip)| {
            let mut state = seed;
            let mut pick = move |below: usize| {
                state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                ((state >> 33) as usize) % below.max(1)
            };
            let mut nodes = bytes;
            if tree {
                nodes.clear();
                random_shape(n, 0, &mut pick, &mut nodes);
            }
            if let (Some((at, byte)), false) = (flip, nodes.is_empty()) {
                let i = at.index(nodes.len());
                nodes[i] = byte;
            }
            (Just(nodes), Just((0..n as u32).collect::<Vec<_>>()).prop_shuffle(), Just(points(n, seed)))
        })
}

/// Every query of `tree` at `probe` answers as a scan of `pts` does: the
/// same hits within `chord`, and the `k` nearest at the scan's chords (ids
/// too, when `same_ids`; among forged trees, ties may fall either way).
fn answers_as_brute_force(
    tree: &UnitTree,
    pts: &[[f64; 3]],
    probe: [f64; 3],
    k: usize,
    chord: f64,
    same_ids: bool,
) -> Result<(), TestCaseError> {
    let (nearest, within, ids, boxed) = answers(tree, probe, k, chord);
    let (want_within, want_ids, want_boxed) = brute(pts, probe, chord);
    prop_assert_eq!(within, want_within);
    prop_assert_eq!(ids, want_ids);
    prop_assert_eq!(boxed, want_boxed);
    let mut all: Vec<(u32, f64)> = pts.iter().zip(0..).map(|(&p, id)| (id, chord_2(probe, p))).collect();
    all.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
    let k = k.min(pts.len());
    prop_assert!(nearest.len() >= k);
    for (got, want) in nearest.iter().zip(&all) {
        prop_assert_eq!(got.1, want.1);
    }
    if same_ids {
        prop_assert_eq!(&nearest[..k], &all[..k]);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    /// Whatever shape is accepted answers as a scan of every point does.
    #[test]
    fn any_accepted_shape_answers_as_brute_force((nodes, order, pts) in forged(), lon in -3.2f64..3.2, lat in -1.6f64..1.6, chord in 0.0f64..2.1, k in 0usize..12) {
        let Ok(tree) = rebuild(&nodes, order, &pts) else { return Ok(()) };
        prop_assert_eq!(tree.shape().0, nodes);
        answers_as_brute_force(&tree, &pts, unit(lon, lat), k, chord, false)?;
    }
}

/// The random trees above are all accepted (else the property would test
/// little beyond refusals).
#[test]
fn random_trees_are_accepted() {
    let (mut accepted, mut total) = (0, 0);
    for seed in 0..300u64 {
        let n = 1 + (seed as usize * 37) % 199;
        let mut state = seed;
        let mut pick = move |below: usize| {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ((state >> 33) as usize) % below.max(1)
        };
        let mut nodes = Vec::new();
        random_shape(n, 0, &mut pick, &mut nodes);
        let order: Vec<u32> = (0..n as u32).rev().collect();
        total += 1;
        accepted += usize::from(rebuild(&nodes, order, &points(n, seed)).is_ok());
    }
    assert_eq!(accepted, total);
}

/// A tree of more than `PART_LEN` points is a forest, built a part a step,
/// rebuilt a part a step, and answers as a scan of every point does.
#[test]
fn a_forest_is_built_and_rebuilt_in_steps_and_answers_exactly() {
    let n = 3 * PART_LEN + 5;
    let pts = points(n, 7);
    let mut load = TreeBuild::new(pts.iter().zip(0..).map(|(&p, id)| (p, id)).collect(), None);
    let (mut steps, mut last) = (1, 0.0);
    while !load.step() {
        steps += 1;
        assert!(load.progress() >= last);
        last = load.progress();
    }
    // Put in cell order, then 4 parts, each loaded in its own step.
    assert_eq!(steps, 1 + 4);
    let tree = load.finish();
    let (nodes, ids) = tree.shape();
    assert_eq!(nodes[0], 4, "a root of 4 parts");
    let mut rebuild = TreeBuild::new(
        pts.iter().copied().zip(0..).collect(),
        Some(CheckedShape::new(&nodes, ids.to_vec()).unwrap()),
    );
    let mut steps = 1;
    while !rebuild.step() {
        steps += 1;
    }
    assert_eq!((steps, rebuild.progress()), (4, 1.0));
    let again = rebuild.finish();
    assert_eq!(again.shape(), (nodes.clone(), ids));
    for (i, probe) in points(6, 3).into_iter().enumerate() {
        let chord = [0.0001, 0.001, 0.01, 0.3, 2.0, 0.0][i];
        let (nearest, within, inside, boxed) = answers(&again, probe, 10, chord);
        assert_eq!(
            answers(&tree, probe, 10, chord),
            (nearest.clone(), within.clone(), inside.clone(), boxed.clone())
        );
        let (want_within, want_ids, want_boxed) = brute(&pts, probe, chord);
        assert_eq!((within, inside, boxed), (want_within, want_ids, want_boxed), "probe {i}");
        let mut all: Vec<(u32, f64)> = pts.iter().zip(0..).map(|(&p, id)| (id, chord_2(probe, p))).collect();
        all.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
        // Ties come in slot order (the caller breaks them by id): compare chords.
        let chords = |pairs: &[(u32, f64)]| pairs[..10].iter().map(|p| p.1).collect::<Vec<_>>();
        assert_eq!(chords(&nearest), chords(&all));
    }
    // Points that do not match the shape's leaves are bulk loaded instead.
    let shape = CheckedShape::new(&nodes, tree.shape().1.to_vec()).unwrap();
    let fewer = TreeBuild::new(pts[1..].iter().copied().zip(0..).collect(), Some(shape)).finish();
    assert_eq!(fewer.len(), n - 1);
    let probe = pts[0];
    let (_, within, _, _) = answers(&fewer, probe, 10, 0.01);
    let (want, _, _) = brute(&pts[1..], probe, 0.01);
    assert_eq!(within, want);
}

/// Points packed closer than an `f32` step (about 6e-8 near 1, a third of
/// a metre on the Earth) on a clump of a few metres, where the boxes, kept
/// in `f32` rounded outwards, overlap and touch.
fn crowded(seed: u64, n: usize) -> Vec<[f64; 3]> {
    let mut state = seed;
    let mut next = move || {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    let (lon, lat) = (1.99, 0.39);
    (0..n).map(|_| unit(lon + next() * 4e-7, lat + next() * 4e-7)).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Boxes in `f32` only prune: among points closer than an `f32` step,
    /// every query still answers as a scan of every point does, with the
    /// points' own `f64` chords.
    #[test]
    fn crowded_points_answer_as_brute_force(seed in any::<u64>(), n in 1usize..3_000, dlon in 0.0f64..4e-7, dlat in 0.0f64..4e-7, chord in 0.0f64..4e-7, k in 1usize..40) {
        let pts = crowded(seed, n);
        answers_as_brute_force(&bulk(&pts), &pts, unit(1.99 + dlon, 0.39 + dlat), k, chord, true)?;
    }
}
