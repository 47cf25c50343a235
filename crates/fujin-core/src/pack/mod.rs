//! Packed feeds (`.fjpk`): a loaded feed written in a compact binary layout
//! (`fujin pack`), so that the widget loads a big city by bounds-checked
//! reads instead of parsing JSON, with its spatial index rebuilt rather than
//! bulk loaded. Depends on [`index`](crate::index), [`feed`](crate::feed),
//! [`model`](crate::model), [`commerce`](crate::commerce) and
//! [`geo`](crate::geo). The layout is in `docs/packed-feed.md`.

mod error;
mod layout;
mod read;
mod write;

pub use error::PackError;
pub use layout::{MAGIC, PACK_VERSION};
pub use read::{PackReader, PackedFeed, is_pack, read_pack};
pub use write::pack_feed;
