//! Order ids: random version 4 UUIDs, written and read in one canonical form.

use std::fmt;
use std::str::FromStr;

use uuid::Uuid;

/// An order id: a random (version 4) UUID made from the browser's crypto source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OrderId(Uuid);

impl OrderId {
    /// An id from 16 random bytes.
    ///
    /// ```
    /// use fujin_core::commerce::OrderId;
    /// let id = OrderId::from_random_bytes([7; 16]);
    /// assert_eq!(id.to_string(), "07070707-0707-4707-8707-070707070707");
    /// assert_eq!(id.to_string().parse(), Ok(id));
    /// ```
    pub fn from_random_bytes(bytes: [u8; 16]) -> Self {
        Self(uuid::Builder::from_random_bytes(bytes).into_uuid())
    }
}

impl fmt::Display for OrderId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0.hyphenated(), f)
    }
}

/// Why text is not an order id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not an order id (a version 4 UUID in lower-case hyphenated form)")]
pub struct BadOrderId;

impl FromStr for OrderId {
    type Err = BadOrderId;

    /// Only the form Fujin writes: lower-case, hyphenated, version 4.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let uuid = Uuid::try_parse(s).map_err(|_| BadOrderId)?;
        let canonical = uuid.hyphenated().to_string() == s;
        (canonical && uuid.get_version_num() == 4).then_some(Self(uuid)).ok_or(BadOrderId)
    }
}
