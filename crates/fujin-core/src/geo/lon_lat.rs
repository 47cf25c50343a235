//! A position on the Earth as longitude and latitude in degrees.

use std::fmt;

use super::fixed::Fixed;

/// A position in degrees, **longitude first** (x, then y), as in GeoJSON.
///
/// Which datum the numbers are in (WGS-84, GCJ-02 or BD-09) is a matter of
/// context: everything inside Fujin's model and index is WGS-84, and
/// [`Crs`](super::crs::Crs) converts at the edges.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct LonLat {
    /// Longitude in degrees east, −180 to 180.
    pub lon: f64,
    /// Latitude in degrees north, −90 to 90.
    pub lat: f64,
}

impl LonLat {
    /// A position from longitude and latitude in degrees (that order).
    pub const fn new(lon: f64, lat: f64) -> Self {
        Self { lon, lat }
    }

    /// True when both numbers are finite and inside ±180° / ±90°.
    ///
    /// ```
    /// use fujin_core::geo::LonLat;
    /// assert!(LonLat::new(180.0, -90.0).is_valid());
    /// assert!(!LonLat::new(181.0, 0.0).is_valid());
    /// assert!(!LonLat::new(f64::NAN, 0.0).is_valid());
    /// ```
    pub fn is_valid(self) -> bool {
        // Plain comparisons (NaN fails each) rather than `RangeInclusive::contains`,
        // which the size-optimised bundle calls instead of inlining: this
        // runs for every position of a feed.
        self.lon >= -180.0 && self.lon <= 180.0 && self.lat >= -90.0 && self.lat <= 90.0
    }

    /// The unit vector from the Earth's centre through this position
    /// (x towards 0°E on the equator, y towards 90°E, z towards the north pole).
    ///
    /// Straight-line distance between unit vectors (the chord) grows
    /// monotonically with great-circle distance, which is what lets the
    /// spatial index answer great-circle queries exactly.
    pub fn to_unit_vector(self) -> [f64; 3] {
        let (sin_lat, cos_lat) = self.lat.to_radians().sin_cos();
        let (sin_lon, cos_lon) = self.lon.to_radians().sin_cos();
        [cos_lat * cos_lon, cos_lat * sin_lon, sin_lat]
    }
}

impl fmt::Display for LonLat {
    /// `lon,lat` with seven decimals (about a centimetre).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{},{}", Fixed(self.lon, 7), Fixed(self.lat, 7))
    }
}

impl From<LonLat> for geo::Point<f64> {
    fn from(p: LonLat) -> Self {
        geo::Point::new(p.lon, p.lat)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_vectors_of_landmarks() {
        let close = |a: [f64; 3], b: [f64; 3]| a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1e-12);
        assert!(close(LonLat::new(0.0, 0.0).to_unit_vector(), [1.0, 0.0, 0.0]));
        assert!(close(LonLat::new(90.0, 0.0).to_unit_vector(), [0.0, 1.0, 0.0]));
        assert!(close(LonLat::new(123.0, 90.0).to_unit_vector(), [0.0, 0.0, 1.0]));
        // The antimeridian is one meridian whichever sign it is written with.
        assert!(close(LonLat::new(180.0, 10.0).to_unit_vector(), LonLat::new(-180.0, 10.0).to_unit_vector()));
    }

    #[test]
    fn validity_edges() {
        assert!(LonLat::new(-180.0, 90.0).is_valid());
        assert!(!LonLat::new(0.0, 90.000_001).is_valid());
        assert!(!LonLat::new(f64::INFINITY, 0.0).is_valid());
    }
}
