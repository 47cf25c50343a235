//! The ids a feed has used so far, each with the pointer of its first use.

use std::hash::BuildHasher;

use foldhash::fast::RandomState;
use hashbrown::HashTable;

/// Ids seen so far and where each was first used, for duplicate reports.
///
/// Every id and pointer is kept in a string, and a table holds only offsets
/// into it. A map of owned strings (two allocations an entry) cost a million
/// merchants about 100 MB, and freeing it at the end of reading was a
/// single task of 400 ms in the browser.
///
/// The ids are spread over [`SHARDS`] such strings and tables by their
/// hash, so that growing one (a rehash, a copy of its text) moves a
/// sixty-fourth of the ids: a single table of a million ids grew in one
/// step of 140 ms in the browser, and how far ahead to reserve cannot be
/// known from a list's bytes (so nothing is reserved: each shard grows as
/// its ids come).
pub(super) struct IdSet {
    shards: Vec<Shard>,
    hasher: RandomState,
}

/// How many parts an [`IdSet`] is spread over.
const SHARDS: usize = 64;

#[derive(Default)]
struct Shard {
    /// Each entry's id then its pointer, one after the other.
    text: String,
    entries: HashTable<Entry>,
}

/// Where an entry lies in its shard's text: the id at `start..start +
/// id_len`, then the pointer up to `end`. A feed is at most 256 MiB, so
/// `u32` holds every offset; a shard that would pass 4 GiB refuses more ids.
#[derive(Clone, Copy)]
struct Entry {
    start: u32,
    id_len: u32,
    end: u32,
}

impl Default for IdSet {
    fn default() -> Self {
        Self { shards: (0..SHARDS).map(|_| Shard::default()).collect(), hasher: RandomState::default() }
    }
}

impl IdSet {
    /// The pointer where `id` was first used, if it was.
    pub fn first_use(&self, id: &str) -> Option<&str> {
        let hash = self.hasher.hash_one(id);
        let Shard { text, entries } = &self.shards[shard_of(hash)];
        let entry = entries.find(hash, |e| id_of(text, e) == id)?;
        Some(&text[(entry.start + entry.id_len) as usize..entry.end as usize])
    }

    /// Records that `id` was first used at `pointer` (the caller has
    /// checked that it was not used before).
    pub fn insert(&mut self, id: &str, pointer: &str) {
        let hash = self.hasher.hash_one(id);
        let hasher = &self.hasher;
        let Shard { text, entries } = &mut self.shards[shard_of(hash)];
        let start = text.len();
        let (Ok(start32), Ok(id_len), Ok(end)) =
            (u32::try_from(start), u32::try_from(id.len()), u32::try_from(start + id.len() + pointer.len()))
        else {
            return;
        };
        text.push_str(id);
        text.push_str(pointer);
        entries
            .insert_unique(hash, Entry { start: start32, id_len, end }, |e| hasher.hash_one(id_of(text, e)));
    }
}

/// The shard of a hash: bits that the tables themselves do not use (they
/// take buckets from the low bits and tags from the top seven).
fn shard_of(hash: u64) -> usize {
    (hash >> 32) as usize % SHARDS
}

fn id_of<'t>(text: &'t str, e: &Entry) -> &'t str {
    &text[e.start as usize..(e.start + e.id_len) as usize]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembers_each_id_with_its_first_pointer() {
        let mut ids = IdSet::default();
        assert_eq!(ids.first_use("a"), None);
        ids.insert("a", "/merchants/0/id");
        ids.insert("ab", "/merchants/1/id");
        ids.insert("", "/merchants/2/id");
        ids.insert("店", "/features/3/properties/id");
        assert_eq!(ids.first_use("a"), Some("/merchants/0/id"));
        assert_eq!(ids.first_use("ab"), Some("/merchants/1/id"));
        assert_eq!(ids.first_use(""), Some("/merchants/2/id"));
        assert_eq!(ids.first_use("店"), Some("/features/3/properties/id"));
        assert_eq!(ids.first_use("b"), None);
        // An id that is a prefix of another entry's id and pointer is not it.
        assert_eq!(ids.first_use("a/merchants/0/id"), None);
    }

    #[test]
    fn survives_growth() {
        let mut ids = IdSet::default();
        for i in 0..10_000 {
            ids.insert(&format!("m{i}"), &format!("/merchants/{i}/id"));
        }
        for i in (0..10_000).step_by(97) {
            assert_eq!(ids.first_use(&format!("m{i}")), Some(format!("/merchants/{i}/id").as_str()));
        }
        assert_eq!(ids.first_use("m10000"), None);
    }
}
