//! A resumable scan that finds where a feed's record list lies in its text,
//! so that the records can be parsed one at a time instead of as one tree.
//!
//! Hand-written because it is the widget's data path: a city's feed is
//! ~100 MB of JSON, and building it as one `serde_json::Value` holds a
//! browser page for over a second. The scan is cheap (strings are skipped
//! with `memchr`), runs in slices, and never judges syntax: anything it does
//! not understand makes it give up, and the caller then parses the document
//! the ordinary way, so `serde_json` stays the only judge of what is JSON.

use std::ops::Range;

use memchr::memchr2;

use super::nesting::MAX_DEPTH;

/// The keys that hold a feed's records: a Fujin feed's `merchants` and a
/// GeoJSON FeatureCollection's `features`.
pub const RECORD_KEYS: [&str; 2] = ["merchants", "features"];

/// What a finished scan found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outline {
    /// Nesting deeper than [`MAX_DEPTH`].
    TooDeep,
    /// Anything unusual (the top level is not an object, a record key appears
    /// twice or is written with escapes, the text ends early): parse the
    /// document whole.
    Whole,
    /// The top-level object, with the byte range (brackets included) and the
    /// number of elements of each record list found, by [`RECORD_KEYS`] order.
    Lists([Option<(Range<usize>, usize)>; 2]),
}

/// The scan's state between slices.
#[derive(Debug, Default)]
pub struct OutlineScan {
    pos: usize,
    depth: usize,
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
    lists: [Option<(Range<usize>, usize)>; 2],
    /// Record keys met so far, whatever their value.
    seen: [bool; 2],
    unusual: bool,
    too_deep: bool,
}

impl OutlineScan {
    /// Bytes scanned so far.
    pub fn position(&self) -> usize {
        self.pos
    }

    /// Scans up to about `max_bytes` more of `text`; the outline once the
    /// text is scanned (or the scan can tell early that it must give up).
    pub fn step(&mut self, text: &[u8], max_bytes: usize) -> Option<Outline> {
        let end = self.pos.saturating_add(max_bytes.max(1)).min(text.len());
        while self.pos < end && !self.unusual && !self.too_deep {
            if self.in_string {
                self.skip_string(text, end);
            } else {
                self.structural(text[self.pos]);
                self.pos += 1;
            }
        }
        if self.too_deep {
            return Some(Outline::TooDeep);
        }
        if self.unusual {
            return Some(Outline::Whole);
        }
        if self.pos < text.len() {
            return None;
        }
        let clean = self.started && self.depth == 0 && !self.in_string;
        Some(if clean { Outline::Lists(std::mem::take(&mut self.lists)) } else { Outline::Whole })
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
        if self.string_escaped {
            // `"merch\u0061nts"` is `merchants` too; not worth decoding here.
            self.unusual = true;
            return;
        }
        let name = &text[self.string_start..self.pos - 1];
        let k = RECORD_KEYS.iter().position(|key| key.as_bytes() == name);
        if let Some(k) = k {
            // A repeated key: leave it to the parser's rule (the last one wins).
            self.unusual |= self.seen[k];
            self.seen[k] = true;
        }
        self.key = Some(k);
    }

    fn structural(&mut self, b: u8) {
        if !self.started {
            match b {
                b' ' | b'\n' | b'\r' | b'\t' => return,
                b'{' => self.started = true,
                _ => {
                    self.unusual = true;
                    return;
                }
            }
        } else if self.depth == 0 && !matches!(b, b' ' | b'\n' | b'\r' | b'\t') {
            // Something after the top-level object: let the parser report it.
            self.unusual = true;
            return;
        }
        if self.depth == 2
            && let Some(open) = &mut self.open
            && !matches!(b, b' ' | b'\n' | b'\r' | b'\t' | b']')
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
            b'{' | b'[' => {
                self.depth += 1;
                if self.depth > MAX_DEPTH {
                    self.too_deep = true;
                } else if self.depth == 1 {
                    self.expect_key = true;
                } else if self.depth == 2
                    && b == b'['
                    && let Some(Some(k)) = self.key
                {
                    self.open = Some((k, self.pos, 0, false));
                }
            }
            b'}' | b']' => {
                if self.depth == 2
                    && let Some((k, start, commas, any)) = self.open.take()
                {
                    let count = if any { commas + 1 } else { 0 };
                    self.lists[k] = Some((start..self.pos + 1, count));
                }
                self.depth = self.depth.saturating_sub(1);
            }
            b',' if self.depth == 1 => {
                self.expect_key = true;
                self.key = None;
            }
            _ => {}
        }
    }
}
