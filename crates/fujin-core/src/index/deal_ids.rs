//! Finding a deal of a feed by its id, without a copy of every id.

use std::fmt;
use std::hash::BuildHasher;

use foldhash::fast::RandomState;
use hashbrown::HashTable;

use crate::feed::Feed;

/// Where each deal of a feed is, by id: (merchant index, deal index) pairs
/// in a table hashed by the deal's id, which stays in the feed. A map of
/// owned ids was a copy and an allocation a deal (250,000 of them at
/// 100,000 merchants) for text the feed already holds.
#[derive(Clone, Default)]
pub(crate) struct DealIds {
    table: HashTable<(u32, u32)>,
    hasher: RandomState,
}

impl DealIds {
    /// Room for `deals` deals (a loaded feed's real count, not a claim).
    pub(crate) fn with_capacity(deals: usize) -> Self {
        Self { table: HashTable::with_capacity(deals), hasher: RandomState::default() }
    }

    /// Files deal `d` of merchant `m` of `feed`; a repeated id (never in a
    /// loaded feed) points to the later deal, as a map's insert would.
    pub(crate) fn insert(&mut self, feed: &Feed, m: u32, d: u32) {
        let Some(id) = deal_id(feed, (m, d)) else { return };
        let Self { table, hasher } = self;
        let hash = hasher.hash_one(id);
        let rehash = |&at: &(u32, u32)| hasher.hash_one(deal_id(feed, at).unwrap_or(""));
        match table.entry(hash, |&at| deal_id(feed, at) == Some(id), rehash) {
            hashbrown::hash_table::Entry::Occupied(mut found) => *found.get_mut() = (m, d),
            hashbrown::hash_table::Entry::Vacant(room) => {
                room.insert((m, d));
            }
        }
    }

    /// Where the deal `id` of `feed` is, if it has one.
    pub(crate) fn find(&self, feed: &Feed, id: &str) -> Option<(u32, u32)> {
        self.table.find(self.hasher.hash_one(id), |&at| deal_id(feed, at) == Some(id)).copied()
    }
}

impl fmt::Debug for DealIds {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DealIds").field("len", &self.table.len()).finish()
    }
}

/// The id of deal `d` of merchant `m`.
fn deal_id(feed: &Feed, (m, d): (u32, u32)) -> Option<&str> {
    Some(feed.merchants.get(m as usize)?.deals.get(d as usize)?.id.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::{DemoOptions, demo_feed};
    use crate::feed::load_value;

    /// Every deal is found where it is, past many rehashes of a table
    /// given no room, and an id no deal has is not.
    #[test]
    fn finds_every_deal_and_nothing_else() {
        let doc = demo_feed(&DemoOptions { seed: 3, merchants: 400, ..DemoOptions::default() });
        let feed = load_value(&doc).unwrap().feed;
        let mut ids = DealIds::default();
        for (m, merchant) in feed.merchants.iter().enumerate() {
            for d in 0..merchant.deals.len() {
                ids.insert(&feed, m as u32, d as u32);
            }
        }
        assert!(feed.deal_count() > 400);
        for (m, merchant) in feed.merchants.iter().enumerate() {
            for (d, deal) in merchant.deals.iter().enumerate() {
                assert_eq!(ids.find(&feed, &deal.id), Some((m as u32, d as u32)));
            }
        }
        assert_eq!(ids.find(&feed, "no such deal"), None);
        assert_eq!(ids.find(&feed, ""), None);
    }
}
