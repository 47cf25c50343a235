//! Feeds: the documents merchants publish (see `docs/feed.md`), loaded into
//! the [`Feed`] model with every problem reported by JSON pointer.

// Layers, each importing only those above it: limits, nesting, syntax,
// pointer, problem, format; error; text (bytes to text, whole parses);
// fields and context; the record readers (deal, merchant, feature);
// head; assembly; outline and reader (the stepped path); load (entry
// points) and convert.
mod assembly;
mod context;
mod convert;
mod deal_record;
mod error;
mod feature_record;
mod fields;
mod format;
mod head;
mod id_set;
pub mod limits;
mod load;
mod merchant_record;
mod nesting;
mod outline;
mod pointer;
mod problem;
mod reader;
mod recent_times;
mod syntax;
mod text;
pub(crate) mod utf8_steps;

pub use assembly::LoadedFeed;
pub use convert::convert_document;
pub use error::FeedError;
pub(crate) use fields::{is_valid_id, is_valid_text};
pub use format::FEED_VERSION;
pub use load::{load_feed, load_value};
pub use problem::{Problem, ProblemKind};
pub use reader::FeedReader;
pub(crate) use recent_times::RecentTimes;
pub use text::parse_document;

use crate::commerce::OrderParams;
use crate::geo::{Crs, LonLat};
use crate::model::Merchant;

/// A validated feed. All positions are WGS-84.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Feed {
    /// The feed's display name, if given.
    pub name: Option<String>,
    /// The datum the feed was written in (its positions here are converted to WGS-84).
    pub crs: Crs,
    /// Where the map opens when the shopper's location is unknown, if given.
    pub center: Option<LonLat>,
    /// Hosts the feed allows for generic `checkout` payment links.
    pub checkout_hosts: Vec<String>,
    /// Query parameter names its `checkout` links take for the order id, return URL and referral.
    pub order_params: OrderParams,
    /// The valid merchants, in feed order.
    pub merchants: Vec<Merchant>,
}

impl Feed {
    /// Number of deals over all merchants.
    pub fn deal_count(&self) -> usize {
        self.merchants.iter().map(|m| m.deals.len()).sum()
    }

    /// Every merchant's position, in merchant order: what the spatial index is built from.
    pub fn positions(&self) -> Vec<LonLat> {
        self.merchants.iter().map(|m| m.position).collect()
    }
}
