//! Great-circle distance.

use geo::{Distance, Haversine};

use super::lon_lat::LonLat;

/// The Earth radius that every Fujin distance uses: the IUGG mean radius
/// R₁ = 6 371 008.8 m, which is also what `geo`'s [`Haversine`] uses.
pub const EARTH_RADIUS_M: f64 = 6_371_008.8;

/// Great-circle distance in metres between two WGS-84 positions, by the
/// haversine formula on a sphere of radius [`EARTH_RADIUS_M`].
///
/// On the real ellipsoid the error is at most about 0.5 %, far below what a
/// shopper reading "1.2 km" notices; the spatial index uses the same function,
/// so its answers agree with a brute-force scan exactly.
///
/// ```
/// use fujin_core::geo::{LonLat, distance_m};
/// // Futian CBD to Luohu Dongmen, Shenzhen: about 6.5 km.
/// let d = distance_m(LonLat::new(114.0553, 22.5333), LonLat::new(114.1170, 22.5470));
/// assert!((d - 6_500.0).abs() < 300.0);
/// ```
pub fn distance_m(a: LonLat, b: LonLat) -> f64 {
    Haversine.distance(geo::Point::from(a), geo::Point::from(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_distances() {
        // New York to London, the figure geo documents.
        let d = distance_m(LonLat::new(-74.006, 40.7128), LonLat::new(-0.1278, 51.5074));
        assert_eq!(d.round(), 5_570_230.0);
        // A quarter of the equator.
        let q = distance_m(LonLat::new(0.0, 0.0), LonLat::new(90.0, 0.0));
        assert!((q - std::f64::consts::FRAC_PI_2 * EARTH_RADIUS_M).abs() < 1e-6);
    }

    #[test]
    fn edge_cases() {
        let p = LonLat::new(114.0, 22.5);
        assert_eq!(distance_m(p, p), 0.0);
        // Across the antimeridian, the short way round.
        let d = distance_m(LonLat::new(179.999, 0.0), LonLat::new(-179.999, 0.0));
        assert!((d - 222.4).abs() < 0.1, "{d}");
        // All points at a pole are one point.
        assert!(distance_m(LonLat::new(0.0, 90.0), LonLat::new(137.0, 90.0)) < 1e-6);
        // Pole to pole is half a great circle.
        let half = distance_m(LonLat::new(0.0, 90.0), LonLat::new(0.0, -90.0));
        assert!((half - std::f64::consts::PI * EARTH_RADIUS_M).abs() < 1e-6);
    }
}
