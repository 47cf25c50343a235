//! Bare positions spread like the demo's merchants, for index benchmarks
//! that need millions of points without generating whole feeds.

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use super::records::{pick_district, scatter};
use crate::geo::LonLat;

/// `count` WGS-84 positions clustered around Shenzhen's business districts
/// by the same rule as [`demo_feed`](super::demo_feed)'s merchants (not the
/// same positions: no other fields are drawn between them). Same seed, same
/// positions.
///
/// ```
/// use fujin_core::demo::demo_positions;
/// let a = demo_positions(7, 1_000);
/// assert_eq!(a, demo_positions(7, 1_000));
/// assert!(a.iter().all(|p| p.is_valid() && (113.5..115.0).contains(&p.lon)));
/// ```
pub fn demo_positions(seed: u64, count: usize) -> Vec<LonLat> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    (0..count)
        .map(|_| {
            let district = pick_district(&mut rng);
            scatter(&mut rng, district.centre, district.spread_m)
        })
        .collect()
}
