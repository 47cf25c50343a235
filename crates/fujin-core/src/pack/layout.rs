//! The packed feed's layout, version 1 (`docs/packed-feed.md` describes it
//! for other implementations). Little-endian throughout.
//!
//! ```text
//! header    magic (8 bytes) · version u32 · section count u32
//! table     per section: tag [u8; 4] · offset u32 · length u32 (from the file's start)
//! sections  TEXT  every string, UTF-8, one after another
//!           HEAD  the feed's head
//!           MRCH  merchants, a column per field
//!           DEAL  deals, a column per field, merchant by merchant
//!           LIST  deal rules and payment links, deal by deal
//!           INDX  the spatial index's shape (optional): node bytes, leaf order
//!           IMGS  deal photos (optional): a count per deal, then the addresses
//! ```
//!
//! A string is a [`Str`]: (start, length) in bytes into TEXT; start
//! [`NONE`] is an absent optional string. Absent numbers are [`NONE`] (u32).
//! Times are RFC 3339 strings.

/// The first 8 bytes: not text (0x89), the name, and a CR LF, an EOF (^Z) so
/// that a file mangled as text is caught at once (PNG's trick).
pub const MAGIC: [u8; 8] = *b"\x89FJPK\r\n\x1a";

/// The layout version this build writes and reads.
pub const PACK_VERSION: u32 = 1;

/// Section tags.
pub const TEXT: [u8; 4] = *b"TEXT";
pub const HEAD: [u8; 4] = *b"HEAD";
pub const MRCH: [u8; 4] = *b"MRCH";
pub const DEAL: [u8; 4] = *b"DEAL";
pub const LIST: [u8; 4] = *b"LIST";
/// Optional: without it, a reader bulk loads the index.
pub const INDX: [u8; 4] = *b"INDX";
/// Optional: without it, no deal has photos (files written before photos).
pub const IMGS: [u8; 4] = *b"IMGS";

/// An absent u32 (and the start of an absent string).
pub const NONE: u32 = u32::MAX;

/// Bytes of the header and of one section table entry.
pub const HEADER_LEN: usize = 16;
pub const TABLE_ENTRY_LEN: usize = 12;
/// At most this many sections (later versions may add some; readers skip
/// tags they do not know).
pub const MAX_SECTIONS: usize = 32;

/// Bytes of a string reference.
pub const STR_LEN: usize = 8;

/// A string: start and length in bytes in the TEXT section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Str {
    /// First byte, or [`NONE`] for an absent string.
    pub start: u32,
    /// Length in bytes.
    pub len: u32,
}

impl Str {
    /// An absent optional string.
    pub const ABSENT: Str = Str { start: NONE, len: 0 };
}
