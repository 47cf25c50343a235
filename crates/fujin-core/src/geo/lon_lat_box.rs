//! A longitude/latitude rectangle, which may cross the antimeridian.

use super::lon_lat::LonLat;

/// A box of positions: latitudes from `south` to `north` and longitudes
/// from `west` eastwards to `east`, all in degrees, edges included.
///
/// When `west > east` the box crosses the antimeridian: `west = 170`,
/// `east = -170` is the 20° wide strip around ±180°. Longitude 180 and −180
/// are the same meridian and are treated alike.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LonLatBox {
    /// Western edge, −180 to 180.
    pub west: f64,
    /// Southern edge, −90 to 90.
    pub south: f64,
    /// Eastern edge, −180 to 180.
    pub east: f64,
    /// Northern edge, −90 to 90, at least `south`.
    pub north: f64,
}

impl LonLatBox {
    /// A box from its west, south, east and north edges (GeoJSON `bbox` order).
    pub const fn new(west: f64, south: f64, east: f64, north: f64) -> Self {
        Self { west, south, east, north }
    }

    /// True when the edges are finite, in range and `south <= north`.
    pub fn is_valid(&self) -> bool {
        LonLat::new(self.west, self.south).is_valid()
            && LonLat::new(self.east, self.north).is_valid()
            && self.south <= self.north
    }

    /// True when the box spans the antimeridian (`west > east`).
    pub fn crosses_antimeridian(&self) -> bool {
        self.west > self.east
    }

    /// Whether `p` lies in the box, edges included.
    ///
    /// ```
    /// use fujin_core::geo::{LonLat, LonLatBox};
    /// let pacific = LonLatBox::new(170.0, -10.0, -170.0, 10.0);
    /// assert!(pacific.contains(LonLat::new(179.5, 0.0)));
    /// assert!(pacific.contains(LonLat::new(-180.0, 0.0)));
    /// assert!(!pacific.contains(LonLat::new(0.0, 0.0)));
    /// ```
    pub fn contains(&self, p: LonLat) -> bool {
        if !(self.south..=self.north).contains(&p.lat) {
            return false;
        }
        let in_lon = |lon: f64| {
            if self.crosses_antimeridian() {
                lon >= self.west || lon <= self.east
            } else {
                (self.west..=self.east).contains(&lon)
            }
        };
        in_lon(p.lon) || (p.lon == 180.0 && in_lon(-180.0)) || (p.lon == -180.0 && in_lon(180.0))
    }

    /// The smallest axis-aligned box in 3-D unit-vector space (see
    /// [`LonLat::to_unit_vector`]) that holds every position of this box.
    ///
    /// x = cos φ·cos λ and y = cos φ·sin λ are products of two independent
    /// factors, so their extremes lie at the extremes of each factor: cos φ
    /// over the latitude range, cos λ and sin λ over the longitude range.
    pub(crate) fn unit_vector_bounds(&self) -> ([f64; 3], [f64; 3]) {
        let (s, n) = (self.south.to_radians(), self.north.to_radians());
        let cos_lat_max = if self.south <= 0.0 && self.north >= 0.0 { 1.0 } else { s.cos().max(n.cos()) };
        let cos_lat_min = s.cos().min(n.cos());
        let east = if self.crosses_antimeridian() { self.east + 360.0 } else { self.east };
        let (cos_lon_min, cos_lon_max) = trig_range(self.west, east, f64::cos, 0.0);
        let (sin_lon_min, sin_lon_max) = trig_range(self.west, east, f64::sin, 90.0);
        let corners = |lo: f64, hi: f64| {
            let products = [cos_lat_min * lo, cos_lat_min * hi, cos_lat_max * lo, cos_lat_max * hi];
            let min = products.iter().copied().fold(f64::INFINITY, f64::min);
            let max = products.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            (min, max)
        };
        let (x_min, x_max) = corners(cos_lon_min, cos_lon_max);
        let (y_min, y_max) = corners(sin_lon_min, sin_lon_max);
        // A hair of slack so that rounding never drops a point on an edge;
        // the exact test is `contains`, applied afterwards.
        const SLACK: f64 = 1e-9;
        ([x_min - SLACK, y_min - SLACK, s.sin() - SLACK], [x_max + SLACK, y_max + SLACK, n.sin() + SLACK])
    }
}

/// Range of `f` (cos or sin) over longitudes `from..=to` degrees (`to` may
/// exceed 180 for a box across the antimeridian). `peak_deg` is where `f`
/// reaches +1 (0° for cos, 90° for sin); it reaches −1 180° later.
fn trig_range(from: f64, to: f64, f: fn(f64) -> f64, peak_deg: f64) -> (f64, f64) {
    let (a, b) = (f(from.to_radians()), f(to.to_radians()));
    let (mut min, mut max) = (a.min(b), a.max(b));
    let holds = |angle: f64| {
        // Is some angle + k·360 inside [from, to]?
        let k = ((from - angle) / 360.0).ceil();
        angle + k * 360.0 <= to
    };
    if holds(peak_deg) {
        max = 1.0;
    }
    if holds(peak_deg + 180.0) {
        min = -1.0;
    }
    (min, max)
}
