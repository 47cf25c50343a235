//! Upper limits on what a merchant or a deal may hold, field by field: the
//! feed reader rejects a record past them, and stored orders are checked
//! against them too. Documented in `docs/feed.md`.

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
