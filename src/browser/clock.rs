//! The browser's clock.

use time::OffsetDateTime;

/// The current time from the browser's clock.
pub fn now() -> OffsetDateTime {
    let ms = js_sys::Date::now();
    OffsetDateTime::from_unix_timestamp_nanos((ms * 1e6) as i128).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}
