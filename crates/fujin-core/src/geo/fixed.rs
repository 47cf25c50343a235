//! Numbers with a fixed number of decimals (coordinates, distances, zoom
//! levels), written without `core`'s `{:.N}` float formatter: that exact
//! formatter is about 7 KB of the browser bundle, and these numbers are
//! small enough to round as integers.

use std::fmt;

/// `value` with `decimals` digits after the point (0 to 9), rounded half
/// away from zero, as `{:.N}` writes it but for ties of the binary value
/// (where `{:.N}` rounds half to even) and a negative zero (written `0`).
/// Values whose scaled magnitude passes 2⁵³ are written exactly as integers
/// (or, past 2¹²⁸, as `1.5e300`), with fewer decimals when there is no room.
///
/// ```
/// use fujin_core::geo::Fixed;
/// assert_eq!(Fixed(114.0553, 6).to_string(), "114.055300");
/// assert_eq!(Fixed(-22.5, 0).to_string(), "-23");
/// assert_eq!(Fixed(0.04, 1).to_string(), "0.0");
/// assert_eq!(Fixed(-0.04, 1).to_string(), "0.0");
/// assert_eq!(Fixed(1.96, 1).to_string(), "2.0");
/// assert_eq!(Fixed(f64::NAN, 2).to_string(), "NaN");
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fixed(pub f64, pub u8);

/// Past this, an f64 no longer holds every integer.
const EXACT_INTEGERS: f64 = 9_007_199_254_740_992.0;

impl fmt::Display for Fixed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Fixed(value, decimals) = *self;
        let decimals = u32::from(decimals.min(9));
        let scale = 10u64.pow(decimals);
        let scaled = (value.abs() * scale as f64).round();
        if scaled.is_nan() || scaled >= EXACT_INTEGERS {
            return huge(f, value, decimals);
        }
        let n = scaled as u64;
        if value < 0.0 && n != 0 {
            f.write_str("-")?;
        }
        write!(f, "{}", n / scale)?;
        if decimals > 0 {
            write!(f, ".{:0width$}", n % scale, width = decimals as usize)?;
        }
        Ok(())
    }
}

/// NaN, the infinities and values too large to scale: not through `{}`
/// (core's shortest float formatter is another 6 KB of the bundle).
/// Past 2⁵³ every f64 is an integer, written exactly with `decimals`
/// zeros up to 2¹²⁸; beyond, as a mantissa and a power of ten (`1.5e300`).
fn huge(f: &mut fmt::Formatter<'_>, value: f64, decimals: u32) -> fmt::Result {
    if value.is_nan() {
        return f.write_str("NaN");
    }
    let magnitude = value.abs();
    if magnitude < EXACT_INTEGERS {
        // Small, but too many decimals asked for: fewer.
        let mut fewer = decimals;
        while fewer > 0 && (magnitude * 10f64.powi(fewer as i32)).round() >= EXACT_INTEGERS {
            fewer -= 1;
        }
        return write!(f, "{}", Fixed(value, fewer as u8));
    }
    f.write_str(if value < 0.0 { "-" } else { "" })?;
    if magnitude.is_infinite() {
        return f.write_str("inf");
    }
    if magnitude < 2f64.powi(128) {
        write!(f, "{}", magnitude as u128)?;
        if decimals > 0 {
            write!(f, ".{:0width$}", 0, width = decimals as usize)?;
        }
        return Ok(());
    }
    let mut exponent = 0;
    let mut mantissa = magnitude;
    while mantissa >= 10.0 {
        mantissa /= 10.0;
        exponent += 1;
    }
    write!(f, "{}e{exponent}", Fixed(mantissa, 6))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn huge_and_odd_values_without_the_float_formatter() {
        assert_eq!(Fixed(f64::NAN, 2).to_string(), "NaN");
        assert_eq!(Fixed(f64::INFINITY, 0).to_string(), "inf");
        assert_eq!(Fixed(f64::NEG_INFINITY, 3).to_string(), "-inf");
        assert_eq!(Fixed(1e20, 2).to_string(), "100000000000000000000.00");
        assert_eq!(Fixed(-9_007_199_254_740_992.0, 0).to_string(), "-9007199254740992");
        assert_eq!(Fixed(1.5e300, 0).to_string(), "1.500000e300");
        // Small, with more decimals than an f64 holds: fewer decimals.
        assert_eq!(Fixed(123_456_789.5, 9).to_string(), "123456789.5000000");
    }

    /// Agrees with `{:.N}` wherever the value is not a tie in binary, and
    /// ties can only differ by one unit in the last place.
    #[test]
    fn matches_the_standard_formatter_off_ties() {
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..200_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let value = (x % 4_000_000_000) as f64 / 1e7 - 200.0;
            for decimals in [0u8, 1, 2, 6, 7] {
                let ours = Fixed(value, decimals).to_string();
                let std = format!("{value:.*}", usize::from(decimals));
                let std = if std.starts_with("-") && std.trim_start_matches(['-', '0', '.']).is_empty() {
                    std[1..].to_owned()
                } else {
                    std
                };
                if ours != std {
                    let a: f64 = ours.parse().unwrap();
                    let b: f64 = std.parse().unwrap();
                    let unit = 10f64.powi(-i32::from(decimals));
                    assert!((a - b).abs() <= unit * 1.000_001, "{value} .{decimals}: {ours} vs {std}");
                    let scaled = value.abs() * 10f64.powi(i32::from(decimals));
                    assert!(
                        (scaled.fract() - 0.5).abs() < 1e-6,
                        "{value} .{decimals}: {ours} vs {std} off a tie"
                    );
                }
            }
        }
    }
}
