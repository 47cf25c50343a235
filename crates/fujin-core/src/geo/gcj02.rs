//! GCJ-02, the obfuscated datum that Chinese law requires of maps in China
//! (used by Amap/Gaode, Tencent and Google's China tiles).
//!
//! The published forward formula shifts WGS-84 positions by a few hundred
//! metres inside China and leaves positions outside it alone. There is no
//! closed-form inverse, so [`gcj02_to_wgs84`] iterates the forward formula.

use super::lon_lat::LonLat;

/// Semi-major axis of the Krasovsky 1940 ellipsoid, which the formula uses, in metres.
const KRASOVSKY_A_M: f64 = 6_378_245.0;
/// First eccentricity squared of the Krasovsky 1940 ellipsoid.
const KRASOVSKY_EE: f64 = 0.006_693_421_622_965_943;
/// Stop iterating once the forward image is this close (degrees; ≈ 0.1 mm).
const INVERSE_TOLERANCE_DEG: f64 = 1e-9;
/// The inverse converges in 3–5 steps; this only bounds pathological input.
const INVERSE_MAX_STEPS: usize = 30;

/// The customary "is this in China?" test: a rectangle around mainland
/// China, Hong Kong, Macau and Taiwan. Outside it GCJ-02 and BD-09 are taken
/// to equal WGS-84, as every map provider does.
///
/// ```
/// use fujin_core::geo::{LonLat, in_china};
/// assert!(in_china(LonLat::new(114.0553, 22.5333))); // Shenzhen
/// assert!(!in_china(LonLat::new(-0.1278, 51.5074))); // London
/// ```
pub fn in_china(p: LonLat) -> bool {
    (72.004..=137.8347).contains(&p.lon) && (0.8293..=55.8271).contains(&p.lat)
}

/// WGS-84 → GCJ-02.
///
/// ```
/// use fujin_core::geo::{LonLat, distance_m, wgs84_to_gcj02};
/// let wgs = LonLat::new(114.0553, 22.5333);
/// let gcj = wgs84_to_gcj02(wgs);
/// let shift = distance_m(wgs, gcj);
/// assert!((300.0..700.0).contains(&shift), "{shift}");
/// ```
pub fn wgs84_to_gcj02(p: LonLat) -> LonLat {
    if !in_china(p) {
        return p;
    }
    let (d_lon, d_lat) = offset_deg(p);
    LonLat::new(p.lon + d_lon, p.lat + d_lat)
}

/// GCJ-02 → WGS-84, by fixed-point iteration of the forward formula.
///
/// Accurate to well under a millimetre (the one-step inverse that many
/// libraries use is off by up to a few metres).
///
/// ```
/// use fujin_core::geo::{LonLat, distance_m, gcj02_to_wgs84, wgs84_to_gcj02};
/// let wgs = LonLat::new(113.9534, 22.5431);
/// let back = gcj02_to_wgs84(wgs84_to_gcj02(wgs));
/// assert!(distance_m(wgs, back) < 0.001);
/// ```
pub fn gcj02_to_wgs84(gcj: LonLat) -> LonLat {
    if !in_china(gcj) {
        return gcj;
    }
    let mut wgs = gcj;
    for _ in 0..INVERSE_MAX_STEPS {
        let image = wgs84_to_gcj02(wgs);
        let (e_lon, e_lat) = (image.lon - gcj.lon, image.lat - gcj.lat);
        wgs = LonLat::new(wgs.lon - e_lon, wgs.lat - e_lat);
        if e_lon.abs() < INVERSE_TOLERANCE_DEG && e_lat.abs() < INVERSE_TOLERANCE_DEG {
            break;
        }
    }
    wgs
}

/// The GCJ-02 offset (Δlon, Δlat) in degrees at a WGS-84 position.
fn offset_deg(p: LonLat) -> (f64, f64) {
    let x = p.lon - 105.0;
    let y = p.lat - 35.0;
    let d_lat_m = offset_lat(x, y);
    let d_lon_m = offset_lon(x, y);
    let rad_lat = p.lat.to_radians();
    let magic = 1.0 - KRASOVSKY_EE * rad_lat.sin().powi(2);
    let sqrt_magic = magic.sqrt();
    let d_lat = (d_lat_m * 180.0)
        / ((KRASOVSKY_A_M * (1.0 - KRASOVSKY_EE)) / (magic * sqrt_magic) * std::f64::consts::PI);
    let d_lon = (d_lon_m * 180.0) / (KRASOVSKY_A_M / sqrt_magic * rad_lat.cos() * std::f64::consts::PI);
    (d_lon, d_lat)
}

fn offset_lat(x: f64, y: f64) -> f64 {
    use std::f64::consts::PI;
    let mut r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * x.abs().sqrt();
    r += (20.0 * (6.0 * x * PI).sin() + 20.0 * (2.0 * x * PI).sin()) * 2.0 / 3.0;
    r += (20.0 * (y * PI).sin() + 40.0 * (y / 3.0 * PI).sin()) * 2.0 / 3.0;
    r += (160.0 * (y / 12.0 * PI).sin() + 320.0 * (y * PI / 30.0).sin()) * 2.0 / 3.0;
    r
}

fn offset_lon(x: f64, y: f64) -> f64 {
    use std::f64::consts::PI;
    let mut r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * x.abs().sqrt();
    r += (20.0 * (6.0 * x * PI).sin() + 20.0 * (2.0 * x * PI).sin()) * 2.0 / 3.0;
    r += (20.0 * (x * PI).sin() + 40.0 * (x / 3.0 * PI).sin()) * 2.0 / 3.0;
    r += (150.0 * (x / 12.0 * PI).sin() + 300.0 * (x / 30.0 * PI).sin()) * 2.0 / 3.0;
    r
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
        let gcj = wgs84_to_gcj02(LonLat::new(116.404, 39.915));
        assert!((gcj.lon - 116.410_244_499_169_38).abs() < 1e-9, "{gcj:?}");
        assert!((gcj.lat - 39.916_404_281_025_146).abs() < 1e-9, "{gcj:?}");
    }

    #[test]
    fn outside_china_is_unchanged() {
        for p in [LonLat::new(-0.1278, 51.5074), LonLat::new(139.69, 35.69), LonLat::new(180.0, 90.0)] {
            assert_eq!(wgs84_to_gcj02(p), p);
            assert_eq!(gcj02_to_wgs84(p), p);
        }
    }

    proptest! {
        #[test]
        fn inverse_is_accurate_to_half_a_metre(lon in 73.0f64..135.0, lat in 3.0f64..53.0) {
            let wgs = LonLat::new(lon, lat);
            let back = gcj02_to_wgs84(wgs84_to_gcj02(wgs));
            prop_assert!(distance_m(wgs, back) < 0.5);
        }
    }
}
