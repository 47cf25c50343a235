//! Formatting numbers for shoppers: distances and time left.

use time::{Duration, OffsetDateTime};

use crate::geo::Fixed;

/// A distance for a card: metres below 1 km (rounded to 10 m), km above
/// (one decimal below 10 km).
///
/// ```
/// use fujin_core::view::distance_text;
/// assert_eq!(distance_text(84.0), "80 m");
/// assert_eq!(distance_text(999.0), "1.0 km");
/// assert_eq!(distance_text(1_234.0), "1.2 km");
/// assert_eq!(distance_text(12_345.0), "12 km");
/// ```
pub fn distance_text(metres: f64) -> String {
    let rounded_m = (metres / 10.0).round() * 10.0;
    if rounded_m < 1_000.0 {
        format!("{} m", Fixed(rounded_m, 0))
    } else if metres < 9_950.0 {
        format!("{} km", Fixed(metres / 1_000.0, 1))
    } else {
        format!("{} km", Fixed(metres / 1_000.0, 0))
    }
}

/// Time left until `end`, split for a countdown: (days, hours, minutes,
/// seconds). `None` once `end` has passed.
pub fn time_left(now: OffsetDateTime, end: OffsetDateTime) -> Option<(i64, i64, i64, i64)> {
    let left: Duration = end - now;
    if left <= Duration::ZERO {
        return None;
    }
    let s = left.whole_seconds();
    Some((s / 86_400, s % 86_400 / 3_600, s % 3_600 / 60, s % 60))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn countdown() {
        let now = datetime!(2026-12-01 00:00 +08:00);
        assert_eq!(time_left(now, datetime!(2026-12-02 01:02:03 +08:00)), Some((1, 1, 2, 3)));
        assert_eq!(time_left(now, datetime!(2026-11-30 16:00 UTC)), None, "same instant in another offset");
        assert_eq!(time_left(now, now - Duration::SECOND), None);
    }

    #[test]
    fn distances() {
        assert_eq!(distance_text(0.0), "0 m");
        assert_eq!(distance_text(994.0), "990 m");
        assert_eq!(distance_text(9_990.0), "10 km");
    }
}
