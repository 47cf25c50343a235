//! Sane upper limits on what a feed may hold, so that a hostile or broken
//! feed cannot blow up the page. Documented in `docs/feed.md`.

/// Longest merchant or feed name, in characters.
pub const MAX_NAME_CHARS: usize = 100;
/// Longest deal title, in characters.
pub const MAX_TITLE_CHARS: usize = 100;
/// Longest address, in characters.
pub const MAX_ADDRESS_CHARS: usize = 200;
/// Longest opening-hours text, in characters.
pub const MAX_HOURS_CHARS: usize = 100;
/// Longest phone number, in characters.
pub const MAX_PHONE_CHARS: usize = 32;
/// Longest single rule, in characters.
pub const MAX_RULE_CHARS: usize = 60;
/// Most rules on one deal.
pub const MAX_RULES: usize = 20;
/// Most deals on one merchant.
pub const MAX_DEALS_PER_MERCHANT: usize = 200;
/// Most declared checkout hosts.
pub const MAX_CHECKOUT_HOSTS: usize = 20;
/// Highest price, in fen (¥1,000,000).
pub const MAX_PRICE_FEN: u64 = 100_000_000;
/// Highest count (sold, stock, group size, per-order limit).
pub const MAX_COUNT: u64 = 1_000_000_000;
/// Longest voucher validity, in days (ten years).
pub const MAX_VALID_DAYS: u64 = 3650;

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
