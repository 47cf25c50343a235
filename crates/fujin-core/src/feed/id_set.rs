//! The ids a feed has used so far, each with the pointer of its first use.

use std::hash::BuildHasher;

use foldhash::fast::RandomState;
use hashbrown::HashTable;

/// Ids seen so far and where each was first used, for duplicate reports.
///
/// Every id and pointer is kept in one string, and the table holds only
/// offsets into it. A map of owned strings (two allocations an entry) cost
/// a million merchants about 100 MB, and freeing it at the end of reading
/// was a single task of 400 ms in the browser; this is two allocations in
/// all, whatever the count.
#[derive(Default)]
pub(super) struct IdSet {
    /// Each entry's id then its pointer, one after the other.
    text: String,
    entries: HashTable<Entry>,
    hasher: RandomState,
}

/// Where an entry lies in [`IdSet::text`]: the id at `start..start + id_len`,
/// then the pointer up to `end`. A feed is at most 256 MiB, so `u32` holds
/// every offset; a set that would pass 4 GiB refuses more ids.
#[derive(Clone, Copy)]
struct Entry {
    start: u32,
    id_len: u32,
    end: u32,
}

impl IdSet {
    /// Makes room for `n` more ids without rehashing.
    pub fn reserve(&mut self, n: usize) {
        let Self { text, entries, hasher } = self;
        entries.reserve(n, |e| hasher.hash_one(id_of(text, e)));
    }

    /// The pointer where `id` was first used, if it was.
    pub fn first_use(&self, id: &str) -> Option<&str> {
        let hash = self.hasher.hash_one(id);
        let entry = self.entries.find(hash, |e| id_of(&self.text, e) == id)?;
        Some(&self.text[(entry.start + entry.id_len) as usize..entry.end as usize])
    }

    /// Records that `id` was first used at `pointer` (the caller has
    /// checked that it was not used before).
    pub fn insert(&mut self, id: &str, pointer: &str) {
        let start = self.text.len();
        let (Ok(start32), Ok(id_len), Ok(end)) =
            (u32::try_from(start), u32::try_from(id.len()), u32::try_from(start + id.len() + pointer.len()))
        else {
            return;
        };
        self.text.push_str(id);
        self.text.push_str(pointer);
        let Self { text, entries, hasher } = self;
        let hash = hasher.hash_one(id);
        entries
            .insert_unique(hash, Entry { start: start32, id_len, end }, |e| hasher.hash_one(id_of(text, e)));
    }
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
    fn survives_growth_and_reservation() {
        let mut ids = IdSet::default();
        ids.reserve(10);
        for i in 0..10_000 {
            ids.insert(&format!("m{i}"), &format!("/merchants/{i}/id"));
        }
        ids.reserve(5);
        for i in (0..10_000).step_by(97) {
            assert_eq!(ids.first_use(&format!("m{i}")), Some(format!("/merchants/{i}/id").as_str()));
        }
        assert_eq!(ids.first_use("m10000"), None);
    }
}
