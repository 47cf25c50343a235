//! Upper limits on a feed document as a whole (its bytes, records, nesting
//! and head), so that a hostile or broken feed cannot blow up the page. The
//! limits on single fields are [`model::limits`](crate::model::limits).
//! Documented in `docs/feed.md`.

/// The deepest nesting of lists and objects a feed may have. A real feed
/// needs six levels (document, merchants, merchant, deals, deal, pay), seven
/// in GeoJSON (document, features, feature, properties, deals, deal, pay).
pub const MAX_DEPTH: usize = 32;

/// Largest feed, in bytes (256 MiB). Larger files are refused whole with
/// [`FeedError::TooLarge`](super::FeedError::TooLarge).
pub const MAX_FEED_BYTES: usize = 256 << 20;
/// Most records (merchants, or GeoJSON features) in one feed, valid or not.
/// More are refused whole with [`FeedError::TooManyRecords`](super::FeedError::TooManyRecords).
pub const MAX_RECORDS: usize = 1_000_000;
/// Largest single record (a merchant with all its deals), in bytes
/// (512 KiB): a bigger one is rejected as a problem, unparsed.
pub const MAX_RECORD_BYTES: usize = 512 << 10;
/// Largest feed head (everything but the record list), in bytes (64 KiB).
/// A bigger head is refused with [`FeedError::HeadTooLarge`](super::FeedError::HeadTooLarge).
pub const MAX_HEAD_BYTES: usize = 64 << 10;
/// Problems kept in full; the rest are only counted
/// ([`LoadedFeed::problem_count`](super::LoadedFeed::problem_count)).
pub const MAX_KEPT_PROBLEMS: usize = 1_000;
/// Tables are reserved ahead for at most one merchant per this many bytes
/// of record list, whatever the list's commas claim. A real merchant with
/// its deals takes about 1 KB (the demo's 1,155 bytes), so a real feed gets
/// its tables sized once, while a list of empty records reserves little
/// (tables then grow as records are accepted).
pub const RESERVE_BYTES_PER_RECORD: usize = 400;
