//! A resumable scan that finds where a feed's record lists lie in its text,
//! so that the records can be parsed one at a time instead of as one tree.
//!
//! Hand-written because it is the widget's data path: a city's feed is
//! ~100 MB of JSON, and building it as one `serde_json::Value` holds a
//! browser page for over a second. The scan is cheap (strings are skipped
//! with `memchr`), runs in slices, and does not judge syntax beyond the
//! shape of brackets: `serde_json` stays the only judge of what is JSON.
//!
//! Its memory is bounded by the text, not by what the text claims: it keeps
//! one entry per record list (each at least `"merchants":[]` long) and one
//! per oversized record (each over [`MAX_RECORD_BYTES`]), nothing per comma.

use std::ops::Range;

use memchr::memchr2;

use super::format::Format;
use super::limits::MAX_DEPTH;
use super::limits::MAX_RECORD_BYTES;

/// The keys that hold a feed's records: a Fujin feed's `merchants` and a
/// GeoJSON FeatureCollection's `features`.
pub const RECORD_KEYS: [&str; 2] = [Format::ALL[0].record_key(), Format::ALL[1].record_key()];

/// A list that is the value of a record key of the top-level object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordList {
    /// Which of [`RECORD_KEYS`].
    pub key: usize,
    /// Its byte range, brackets included.
    pub range: Range<usize>,
    /// How many elements it has, if it is valid JSON (counted by commas).
    pub count: usize,
}

/// What a finished scan found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outline {
    /// Nesting deeper than [`MAX_DEPTH`].
    TooDeep,
    /// The text does not start with `{`.
    NotAnObject,
    /// Brackets that do not match, text after the top-level object, or a
    /// text that ends inside it: not JSON, the parser will say why.
    Broken,
    /// The top-level object: every record list in document order (a key may
    /// come more than once; JSON's last one wins), and the byte ranges of
    /// elements of record lists that are longer than [`MAX_RECORD_BYTES`],
    /// in document order.
    Object {
        /// The record lists.
        lists: Vec<RecordList>,
        /// The oversized records.
        oversized: Vec<Range<usize>>,
    },
}

/// The scan's state between slices.
#[derive(Debug, Default)]
pub struct OutlineScan {
    pos: usize,
    depth: usize,
    /// Bit `d` is set when the bracket open at depth `d` is `[`.
    square: u64,
    in_string: bool,
    started: bool,
    /// Byte offset where the current string at depth 1 started, and whether it has escapes.
    string_start: usize,
    string_escaped: bool,
    /// Inside the top-level object, the next string is a key.
    expect_key: bool,
    /// The last key read at depth 1, as an index into [`RECORD_KEYS`]
    /// (`Some(None)` for any other key).
    key: Option<Option<usize>>,
    /// An open record list: which key, where its `[` is, commas and whether
    /// anything is in it.
    open: Option<(usize, usize, usize, bool)>,
    /// Where the element of the open record list being scanned starts.
    element_start: usize,
    lists: Vec<RecordList>,
    oversized: Vec<Range<usize>>,
    outcome: Option<Outline>,
}

impl OutlineScan {
    /// Bytes scanned so far.
    pub fn position(&self) -> usize {
        self.pos
    }

    /// Scans up to about `max_bytes` more of `text`; the outline once the
    /// text is scanned (or the scan can tell early what it is).
    pub fn step(&mut self, text: &[u8], max_bytes: usize) -> Option<Outline> {
        let end = self.pos.saturating_add(max_bytes.max(1)).min(text.len());
        while self.pos < end && self.outcome.is_none() {
            if self.in_string {
                self.skip_string(text, end);
            } else {
                self.structural(text[self.pos]);
                self.pos += 1;
            }
        }
        if let Some(outcome) = self.outcome.take() {
            return Some(outcome);
        }
        if self.pos < text.len() {
            return None;
        }
        if !self.started {
            // Only white space: the parser says the text ends early.
            return Some(Outline::Broken);
        }
        if self.depth != 0 || self.in_string {
            return Some(Outline::Broken);
        }
        let lists = std::mem::take(&mut self.lists);
        Some(Outline::Object { lists, oversized: std::mem::take(&mut self.oversized) })
    }

    /// Moves through a string's bytes up to `end`, stopping after its closing quote.
    fn skip_string(&mut self, text: &[u8], end: usize) {
        match memchr2(b'"', b'\\', &text[self.pos..end]) {
            None => self.pos = end,
            Some(i) if text[self.pos + i] == b'\\' => {
                self.string_escaped = true;
                // The escaped byte is ASCII in valid JSON; skip it with the backslash.
                self.pos += i + 2;
            }
            Some(i) => {
                self.pos += i + 1;
                self.in_string = false;
                self.string_closed(text);
            }
        }
    }

    /// At depth 1 a string where a key is expected is a key: note whether it
    /// names a record list.
    fn string_closed(&mut self, text: &[u8]) {
        if self.depth != 1 || !self.expect_key {
            return;
        }
        self.expect_key = false;
        let raw = &text[self.string_start..self.pos - 1];
        let k = if self.string_escaped {
            // `"merch\u0061nts"` is `merchants` too: decode the key.
            let quoted = &text[self.string_start - 1..self.pos];
            match std::str::from_utf8(quoted).ok().and_then(|q| serde_json::from_str::<String>(q).ok()) {
                Some(key) => RECORD_KEYS.iter().position(|k| *k == key),
                None => {
                    self.outcome = Some(Outline::Broken);
                    return;
                }
            }
        } else {
            RECORD_KEYS.iter().position(|key| key.as_bytes() == raw)
        };
        self.key = Some(k);
    }

    fn structural(&mut self, b: u8) {
        let space = matches!(b, b' ' | b'\n' | b'\r' | b'\t');
        if !self.started {
            match b {
                _ if space => return,
                b'{' => self.started = true,
                _ => {
                    self.outcome = Some(Outline::NotAnObject);
                    return;
                }
            }
        } else if self.depth == 0 && !space {
            // Something after the top-level object.
            self.outcome = Some(Outline::Broken);
            return;
        }
        if self.depth == 2
            && let Some(open) = &mut self.open
            && !space
            && b != b']'
        {
            open.3 = true;
            if b == b',' {
                open.2 += 1;
            }
        }
        match b {
            b'"' => {
                self.in_string = true;
                self.string_start = self.pos + 1;
                self.string_escaped = false;
            }
            b'{' | b'[' => self.open_bracket(b),
            b'}' | b']' => self.close_bracket(b),
            b',' if self.depth == 1 => {
                self.expect_key = true;
                self.key = None;
            }
            _ => {}
        }
    }

    fn open_bracket(&mut self, b: u8) {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            self.outcome = Some(Outline::TooDeep);
            return;
        }
        let bit = 1u64 << self.depth;
        if b == b'[' {
            self.square |= bit;
        } else {
            self.square &= !bit;
        }
        match self.depth {
            1 => self.expect_key = true,
            2 if b == b'[' => {
                if let Some(Some(k)) = self.key.take() {
                    self.open = Some((k, self.pos, 0, false));
                }
            }
            3 if self.open.is_some() => self.element_start = self.pos,
            _ => {}
        }
    }

    fn close_bracket(&mut self, b: u8) {
        let square = self.square & (1u64 << self.depth) != 0;
        if self.depth == 0 || square != (b == b']') {
            self.outcome = Some(Outline::Broken);
            return;
        }
        match self.depth {
            2 => {
                if let Some((key, start, commas, any)) = self.open.take() {
                    let count = if any { commas + 1 } else { 0 };
                    self.lists.push(RecordList { key, range: start..self.pos + 1, count });
                }
            }
            3 if self.open.is_some() => {
                let element = self.element_start..self.pos + 1;
                if element.len() > MAX_RECORD_BYTES {
                    self.oversized.push(element);
                }
            }
            _ => {}
        }
        self.depth -= 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(text: &str) -> Outline {
        let mut scan = OutlineScan::default();
        loop {
            if let Some(outline) = scan.step(text.as_bytes(), 3) {
                return outline;
            }
        }
    }

    fn lists(text: &str) -> Vec<(usize, &str, usize)> {
        match scan(text) {
            Outline::Object { lists, .. } => {
                lists.into_iter().map(|l| (l.key, &text[l.range], l.count)).collect()
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn finds_every_record_list_in_order() {
        let text =
            r#"{"name": "[x]", "merchants": [1, {"a": [2]}, "]"], "features": [], "merch\u0061nts": [[]]}"#;
        assert_eq!(lists(text), vec![(0, r#"[1, {"a": [2]}, "]"]"#, 3), (1, "[]", 0), (0, "[[]]", 1)]);
        assert_eq!(lists(r#"{"x": {"merchants": [1]}, "merchants": 5}"#), vec![]);
    }

    #[test]
    fn says_what_is_not_a_clean_object() {
        assert_eq!(scan("[1, 2]"), Outline::NotAnObject);
        assert_eq!(scan("  "), Outline::Broken);
        assert_eq!(scan(r#"{"merchants": [{"id": "a"}}}"#), Outline::Broken);
        assert_eq!(scan(r#"{"merchants": [1]"#), Outline::Broken);
        assert_eq!(scan(r#"{} {}"#), Outline::Broken);
        assert_eq!(scan(r#"{"a": "}"#), Outline::Broken);
        assert_eq!(scan(r#"{"merch\u00"#), Outline::Broken);
        assert_eq!(scan(&format!("{}{}", "[".repeat(40), "]".repeat(40))), Outline::NotAnObject);
        assert_eq!(scan(&format!("{{\"a\":{}{}}}", "[".repeat(40), "]".repeat(40))), Outline::TooDeep);
    }

    #[test]
    fn notes_only_oversized_records() {
        let big = format!("{{\"x\": \"{}\"}}", "a".repeat(MAX_RECORD_BYTES));
        let text = format!(r#"{{"merchants": [{{}}, {big}, [1]], "junk": [{big}]}}"#);
        let Outline::Object { oversized, .. } = scan(&text) else { panic!() };
        assert_eq!(oversized.len(), 1);
        assert_eq!(&text[oversized[0].clone()], big);
    }
}
