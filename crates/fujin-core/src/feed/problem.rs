//! What is wrong with one record of a feed, and where.

use std::fmt;

use crate::model::{PayLinkError, UnknownCategory};

/// One problem in a feed: where (a JSON pointer) and what.
///
/// Displays as `/merchants/12/deals/0/price: price 0 must be positive`.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// RFC 6901 JSON pointer to the offending value (or to where it is missing).
    pub pointer: String,
    /// What is wrong.
    pub kind: ProblemKind,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = if self.pointer.is_empty() { "/" } else { &self.pointer };
        write!(f, "{at}: {}", self.kind)
    }
}

/// What is wrong with a value, in words a merchant understands.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ProblemKind {
    /// A required field is absent (or `null`).
    #[error("{field} is missing")]
    Missing {
        /// The field's name.
        field: &'static str,
    },
    /// A value of the wrong JSON type.
    #[error("{field} must be {expected}, found {found}")]
    WrongType {
        /// The field's name.
        field: &'static str,
        /// What it should be, e.g. `a number`.
        expected: &'static str,
        /// What it is, e.g. `a string`.
        found: &'static str,
    },
    /// A number outside its allowed range.
    #[error("{field} {value} is out of range {min} to {max}")]
    OutOfRange {
        /// The field's name.
        field: &'static str,
        /// The number as written.
        value: String,
        /// Smallest allowed.
        min: String,
        /// Largest allowed.
        max: String,
    },
    /// A number too large to be a finite float (`1e999`).
    #[error("{field} {value} is not a finite number")]
    NotFinite {
        /// The field's name.
        field: &'static str,
        /// The number as written.
        value: String,
    },
    /// A fraction where a whole number is needed (money is in whole fen).
    #[error("{field} {value} must be a whole number{unit}")]
    NotWhole {
        /// The field's name.
        field: &'static str,
        /// The number as written.
        value: String,
        /// ` of fen` for money, else empty.
        unit: &'static str,
    },
    /// Zero or negative where only positive values make sense.
    #[error("{field} {value} must be positive")]
    NotPositive {
        /// The field's name.
        field: &'static str,
        /// The number as written.
        value: String,
    },
    /// A number below its minimum.
    #[error("{field} {value} must be at least {min}")]
    TooSmall {
        /// The field's name.
        field: &'static str,
        /// The number as written.
        value: String,
        /// The minimum.
        min: u64,
    },
    /// The deal costs more than its original price.
    #[error("price {price} is above original_price {original_price} (both in fen)")]
    PriceAboveOriginal {
        /// The deal price in fen.
        price: u64,
        /// The original price in fen.
        original_price: u64,
    },
    /// The sale ends before it starts.
    #[error("ends_at {ends_at} is before starts_at {starts_at}")]
    EndsBeforeStarts {
        /// As written.
        starts_at: String,
        /// As written.
        ends_at: String,
    },
    /// Not an RFC 3339 time with an offset.
    #[error("{field} {value:?} is not an RFC 3339 time with an offset, like 2026-12-31T23:59:59+08:00")]
    BadTime {
        /// The field's name.
        field: &'static str,
        /// As written.
        value: String,
    },
    /// An id used before.
    #[error("duplicate id {id:?}; first used at {first}")]
    DuplicateId {
        /// The id.
        id: String,
        /// JSON pointer to its first use.
        first: String,
    },
    /// An id with characters that would break URLs.
    #[error("id {id:?} must be 1 to 64 characters of A-Z a-z 0-9 - _ . :")]
    BadId {
        /// The id as written.
        id: String,
    },
    /// Text over its length limit.
    #[error("{field} is {len} characters long; the limit is {max}")]
    TooLong {
        /// The field's name.
        field: &'static str,
        /// Its length in characters.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// Text that is empty or only spaces.
    #[error("{field} is empty")]
    EmptyText {
        /// The field's name.
        field: &'static str,
    },
    /// Control or bidirectional-override characters, which can disguise text.
    #[error("{field} contains a control or text-direction character (U+{code:04X})")]
    ControlCharacter {
        /// The field's name.
        field: &'static str,
        /// The offending character's code point.
        code: u32,
    },
    /// A list over its length limit.
    #[error("{field} has {len} items; the limit is {max}")]
    TooMany {
        /// The field's name.
        field: &'static str,
        /// How many there are.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// A category that is not one of the keys.
    #[error(transparent)]
    Category(#[from] UnknownCategory),
    /// A refused payment link.
    #[error(transparent)]
    PayLink(#[from] PayLinkError),
    /// A refused deal photo.
    #[error("{0}")]
    BadImage(crate::model::ImageError),
    /// A refused `verify_url`.
    #[error("verify_url must be an https link on one of the feed's checkout_hosts: {0}")]
    BadVerifyUrl(PayLinkError),
    /// A parameter name in `order_params` that would not survive in a URL.
    #[error("parameter name {0:?} must be 1 to 32 characters of A-Z a-z 0-9 - _ .")]
    BadParamName(String),
    /// A phone number with characters other than digits and `+ - ( )` and spaces.
    #[error("phone {0:?} may only contain digits, spaces and + - ( ), with at least 3 digits")]
    BadPhone(String),
    /// A `checkout_hosts` entry that is not a plain domain name.
    #[error("{0:?} is not a checkout host; use a lower-case domain name such as shop.example.com")]
    BadCheckoutHost(String),
    /// A GeoJSON geometry other than a Point.
    #[error("geometry type {0:?} is not supported; each merchant must be a Point")]
    NotPoint(String),
    /// A GeoJSON object whose `type` is not `Feature`.
    #[error("type must be \"Feature\", found {0:?}")]
    NotAFeature(String),
    /// GeoJSON coordinates that are not `[lon, lat]`.
    #[error("coordinates must be [longitude, latitude]")]
    BadCoordinates,
    /// A record over [`MAX_RECORD_BYTES`](super::limits::MAX_RECORD_BYTES), left unread.
    #[error("record is {bytes} bytes long; the limit is {max} bytes", max = super::limits::MAX_RECORD_BYTES)]
    RecordTooLarge {
        /// Its length in bytes.
        bytes: usize,
    },
    /// A record that is not a JSON object at all.
    #[error("record must be a JSON object, found {0}")]
    NotAnObject(&'static str),
}
