//! What to generate, and the checks that keep it a feed that loads.

use crate::feed::limits::{MAX_FEED_BYTES, MAX_RECORDS};
use crate::geo::Crs;
use crate::model::limits::MAX_DEALS_PER_MERCHANT;

/// The host of the demo feed's own checkout page.
pub const DEMO_CHECKOUT_HOST: &str = "pay.fujin-demo.example";

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DemoOptions {
    /// The random seed: the same seed gives the same bytes.
    pub seed: u64,
    /// How many merchants.
    pub merchants: usize,
    /// Most deals per merchant (each gets 1 to this many; 0 for none).
    pub max_deals: usize,
    /// Only every this many merchants has deals (1: all; 0 counts as 1):
    /// a city's directory, where most shops run no group buy. At a
    /// million merchants, 20 keeps the feed under 256 MiB.
    pub deals_every: usize,
    /// The datum to write positions in.
    pub crs: Crs,
}

impl Default for DemoOptions {
    fn default() -> Self {
        Self { seed: 1, merchants: 2_000, max_deals: 4, deals_every: 1, crs: Crs::Wgs84 }
    }
}

/// Why a demo feed was not generated: it would be one that
/// [`load_feed`](crate::feed::load_feed) refuses.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DemoError {
    /// More merchants than a feed may hold.
    #[error("{0} merchants is more than a feed may hold ({MAX_RECORDS})")]
    TooManyMerchants(usize),
    /// More deals per merchant than a feed allows.
    #[error("{0} deals per merchant is more than a feed allows ({MAX_DEALS_PER_MERCHANT})")]
    TooManyDeals(usize),
    /// The feed would pass [`MAX_FEED_BYTES`]; `written` merchants fitted.
    #[error(
        "the feed would be larger than a feed may be ({MAX_FEED_BYTES} bytes, 256 MiB) after {written} merchants; \
         ask for fewer merchants or fewer deals per merchant"
    )]
    TooLarge {
        /// Merchants written before the limit was reached.
        written: usize,
    },
    /// The writer failed.
    #[error("cannot write the feed: {0}")]
    Write(String),
}

impl DemoOptions {
    /// Checks the options against the feed limits before any work is done.
    pub fn check(&self) -> Result<(), DemoError> {
        if self.merchants > MAX_RECORDS {
            return Err(DemoError::TooManyMerchants(self.merchants));
        }
        if self.max_deals > MAX_DEALS_PER_MERCHANT {
            return Err(DemoError::TooManyDeals(self.max_deals));
        }
        Ok(())
    }
}
