//! The browser's clock.

use time::{OffsetDateTime, UtcOffset};

/// The current time from the browser's clock, in the device's time zone
/// (what "open now" is measured in; comparisons of times are the same in
/// any offset).
pub fn now() -> OffsetDateTime {
    let date = js_sys::Date::new_0();
    let utc = OffsetDateTime::from_unix_timestamp_nanos((date.get_time() * 1e6) as i128)
        .unwrap_or(OffsetDateTime::UNIX_EPOCH);
    // Minutes *behind* UTC, so the offset is its negation.
    let offset = UtcOffset::from_whole_seconds(-(date.get_timezone_offset() * 60.0) as i32);
    offset.map_or(utc, |offset| utc.to_offset(offset))
}
