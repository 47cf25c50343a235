//! The sine and cosine of an angle in degrees, for unit vectors.
//!
//! Written here rather than taking `f64::sin_cos`: in WebAssembly that is a
//! software routine that reduces any angle in radians by π/2 in extended
//! precision, and a million merchants' unit vectors (two of them each) were
//! about a third of building their index in the browser bench. An angle in
//! degrees reduces exactly by 90°, leaving at most 45°, where the
//! polynomials of FreeBSD's `k_sin.c` and `k_cos.c` (the ones `libm` uses)
//! are good to under one unit in the last place. Exact quarter turns come out
//! exact too: `sin(180°)` is 0, not 1.2e-16.

use std::f64::consts::PI;

/// `(sin, cos)` of `degrees`: within 2 units in the last place of the true
/// values for any angle up to a few thousand degrees (positions have at
/// most 180°); NaN for NaN or an infinite angle.
pub(crate) fn sin_cos_deg(degrees: f64) -> (f64, f64) {
    let quarters = (degrees / 90.0).round();
    // Exact: both are multiples of the angle's last place, and the
    // difference is smaller than the angle.
    let rest = degrees - 90.0 * quarters;
    let x = rest * (PI / 180.0);
    let (s, c) = (sin_kernel(x), cos_kernel(x));
    // The quarter turns, 0 to 3 (`as` saturates; NaN becomes 0, and then
    // `rest` is NaN anyway).
    match (quarters as i64).rem_euclid(4) {
        0 => (s, c),
        1 => (c, -s),
        2 => (-s, -c),
        _ => (-c, s),
    }
}

/// sin(x) for |x| ≤ π/4 (FreeBSD `__kernel_sin` with no tail).
fn sin_kernel(x: f64) -> f64 {
    const S1: f64 = -0.166_666_666_666_666_32;
    const S2: f64 = 0.008_333_333_333_322_49;
    const S3: f64 = -0.000_198_412_698_298_579_5;
    const S4: f64 = 2.755_731_370_707_006_8e-6;
    const S5: f64 = -2.505_076_025_340_686_3e-8;
    const S6: f64 = 1.589_690_995_211_55e-10;
    let z = x * x;
    let w = z * z;
    let r = S2 + z * (S3 + z * S4) + z * w * (S5 + z * S6);
    x + z * x * (S1 + z * r)
}

/// cos(x) for |x| ≤ π/4 (FreeBSD `__kernel_cos` with no tail).
fn cos_kernel(x: f64) -> f64 {
    const C1: f64 = 0.041_666_666_666_666_6;
    const C2: f64 = -0.001_388_888_888_887_411;
    const C3: f64 = 2.480_158_728_947_673e-5;
    const C4: f64 = -2.755_731_435_139_066_3e-7;
    const C5: f64 = 2.087_572_321_298_175e-9;
    const C6: f64 = -1.135_964_755_778_819_5e-11;
    let z = x * x;
    let w = z * z;
    let r = z * (C1 + z * (C2 + z * C3)) + w * w * (C4 + z * (C5 + z * C6));
    let hz = 0.5 * z;
    let w = 1.0 - hz;
    w + (((1.0 - w) - hz) + z * r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarter_turns_are_exact() {
        for (deg, sin, cos) in
            [(0.0, 0.0, 1.0), (90.0, 1.0, 0.0), (-90.0, -1.0, 0.0), (180.0, 0.0, -1.0), (-180.0, 0.0, -1.0)]
        {
            assert_eq!(sin_cos_deg(deg), (sin, cos), "{deg}");
        }
    }

    #[test]
    fn nan_and_infinities_give_nan() {
        for deg in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            let (s, c) = sin_cos_deg(deg);
            assert!(s.is_nan() && c.is_nan(), "{deg}");
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// As close to the platform's own as that is to the truth: the
        /// platform's error is mostly its π/180 times the angle (up to
        /// 3.5e-16 at 180°), this one's half a unit in the last place.
        #[test]
        fn agrees_with_the_platform(deg in -180.0f64..=180.0) {
            let (s, c) = sin_cos_deg(deg);
            let (ps, pc) = deg.to_radians().sin_cos();
            proptest::prop_assert!((s - ps).abs() <= 6e-16, "{deg}: {s} {ps}");
            proptest::prop_assert!((c - pc).abs() <= 6e-16, "{deg}: {c} {pc}");
            proptest::prop_assert!((s * s + c * c - 1.0).abs() <= 4.0 * f64::EPSILON);
        }
    }
}
