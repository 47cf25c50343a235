//! Feeds: the documents merchants publish (see `docs/feed.md`), loaded into
//! the [`Feed`] model with every problem reported by JSON pointer.

mod convert;
mod deal_record;
mod fields;
mod geojson;
pub mod limits;
mod load;
mod merchant_record;
pub mod nesting;
mod outline;
pub mod pointer;
mod problem;
mod reader;
mod syntax;

pub use convert::convert_document;
pub use load::{FEED_VERSION, FeedError, LoadedFeed, load_feed, load_value, parse_document};
pub use problem::{Problem, ProblemKind};
pub use reader::FeedReader;

use crate::handoff::OrderParams;
use crate::{Crs, LonLat, Merchant};

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

    /// Every merchant's position, in merchant order: the input of [`SpatialIndex::new`](crate::SpatialIndex::new).
    pub fn positions(&self) -> Vec<LonLat> {
        self.merchants.iter().map(|m| m.position).collect()
    }
}
