//! BD-09, Baidu's datum: a further rotation and shift of [GCJ-02](super::wgs84_to_gcj02).

use super::gcj02::{gcj02_to_wgs84, in_china, wgs84_to_gcj02};
use super::lon_lat::LonLat;

/// Baidu's constant: π × 3000 / 180.
const X_PI: f64 = std::f64::consts::PI * 3000.0 / 180.0;
/// Iteration bounds for the inverse, as for GCJ-02.
const INVERSE_TOLERANCE_DEG: f64 = 1e-10;
const INVERSE_MAX_STEPS: usize = 30;

/// GCJ-02 → BD-09 (Baidu's published formula). Outside China, unchanged.
///
/// ```
/// use fujin_core::geo::{LonLat, gcj02_to_bd09};
/// let bd = gcj02_to_bd09(LonLat::new(116.404, 39.915));
/// assert!((bd.lon - 116.410_369_5).abs() < 1e-6 && (bd.lat - 39.921_337).abs() < 1e-6);
/// ```
pub fn gcj02_to_bd09(p: LonLat) -> LonLat {
    if !in_china(p) {
        return p;
    }
    let (x, y) = (p.lon, p.lat);
    let z = (x * x + y * y).sqrt() + 0.00002 * (y * X_PI).sin();
    let theta = y.atan2(x) + 0.000003 * (x * X_PI).cos();
    LonLat::new(z * theta.cos() + 0.0065, z * theta.sin() + 0.006)
}

/// BD-09 → GCJ-02: Baidu's approximate inverse, refined by iteration so that
/// a round trip comes back to within a millimetre.
pub fn bd09_to_gcj02(bd: LonLat) -> LonLat {
    if !in_china(bd) {
        return bd;
    }
    let (x, y) = (bd.lon - 0.0065, bd.lat - 0.006);
    let z = (x * x + y * y).sqrt() - 0.00002 * (y * X_PI).sin();
    let theta = y.atan2(x) - 0.000003 * (x * X_PI).cos();
    let mut gcj = LonLat::new(z * theta.cos(), z * theta.sin());
    for _ in 0..INVERSE_MAX_STEPS {
        let image = gcj02_to_bd09(gcj);
        let (e_lon, e_lat) = (image.lon - bd.lon, image.lat - bd.lat);
        gcj = LonLat::new(gcj.lon - e_lon, gcj.lat - e_lat);
        if e_lon.abs() < INVERSE_TOLERANCE_DEG && e_lat.abs() < INVERSE_TOLERANCE_DEG {
            break;
        }
    }
    gcj
}

/// WGS-84 → BD-09 (through GCJ-02).
pub fn wgs84_to_bd09(p: LonLat) -> LonLat {
    gcj02_to_bd09(wgs84_to_gcj02(p))
}

/// BD-09 → WGS-84 (through GCJ-02).
pub fn bd09_to_wgs84(p: LonLat) -> LonLat {
    gcj02_to_wgs84(bd09_to_gcj02(p))
}

// Property tests need proptest, which is not built for wasm32.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::geo::distance_m;
    use proptest::prelude::*;

    #[test]
    fn matches_the_reference_implementation() {
        // Values published with the widely used `coordtransform` library.
        let bd = gcj02_to_bd09(LonLat::new(116.404, 39.915));
        assert!((bd.lon - 116.410_369_493_710_29).abs() < 1e-9, "{bd:?}");
        assert!((bd.lat - 39.921_336_993_510_21).abs() < 1e-9, "{bd:?}");
        // Baidu's own one-step inverse lands within centimetres of ours.
        let gcj = bd09_to_gcj02(LonLat::new(116.404, 39.915));
        assert!(distance_m(gcj, LonLat::new(116.397_627_291_193_15, 39.908_656_739_576_31)) < 0.05);
    }

    proptest! {
        #[test]
        fn round_trips(lon in 73.0f64..135.0, lat in 3.0f64..53.0) {
            let wgs = LonLat::new(lon, lat);
            prop_assert!(distance_m(wgs, bd09_to_wgs84(wgs84_to_bd09(wgs))) < 0.5);
            let gcj = wgs84_to_gcj02(wgs);
            prop_assert!(distance_m(gcj, bd09_to_gcj02(gcj02_to_bd09(gcj))) < 0.001);
        }
    }
}
