//! Why a packed feed was refused. A packed feed is all or nothing: it is
//! written by `fujin pack` from a checked feed, so any fault means the file
//! was damaged or forged, and one clear error says where.

use thiserror::Error;

/// A packed feed that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PackError {
    /// The file does not start with the packed feed's magic bytes.
    #[error("not a packed Fujin feed")]
    NotAPack,
    /// Written by a newer (or unknown) layout.
    #[error("packed feed version {0} is not supported (this build reads version {supported})", supported = super::PACK_VERSION)]
    Version(u32),
    /// Over the size limit.
    #[error("the packed feed is {0} bytes, over the limit")]
    TooLarge(usize),
    /// A structural fault: a section, column or string out of bounds, a
    /// section missing, counts that disagree.
    #[error("the packed feed is corrupted: {0}")]
    Corrupted(String),
    /// A value that no checked feed could hold, in merchant `merchant`
    /// (counting from 0) or a deal of it.
    #[error("the packed feed is corrupted: merchant {merchant}: {what}")]
    BadRecord {
        /// The merchant's place in the file.
        merchant: usize,
        /// What is wrong.
        what: String,
    },
}
