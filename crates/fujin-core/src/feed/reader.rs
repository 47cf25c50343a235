//! Reading a feed from its text a slice at a time, so that a page can show
//! progress and stay responsive while a city's worth of merchants loads.

use std::ops::Range;

use serde_json::Value;

use super::load::{Assembly, FeedError, LoadedFeed, feed_text, parse_text, record_list, top_object};
use super::outline::{Outline, OutlineScan, RECORD_KEYS};

/// How many bytes the outline scan covers for each byte of records parsed:
/// skipping text is about this much cheaper than building values from it.
const SCAN_BYTES_PER_PARSED_BYTE: usize = 16;

/// Share of [`FeedReader::progress`] given to the outline scan.
const SCAN_SHARE: f64 = 0.1;

/// Reads a feed (Fujin format or GeoJSON) from its text in steps.
///
/// The text is first scanned for where the record list lies; the head (name,
/// version, crs, …) is then parsed and checked, and the records are parsed and
/// checked one at a time, so no step holds more than about the byte budget
/// given to [`FeedReader::step`], and no tree of the whole document is ever
/// built. The result is the same as parsing the whole document with
/// [`parse_document`](super::parse_document) and loading it with [`load_value`](super::load_value),
/// errors included.
///
/// ```
/// use fujin_core::feed::FeedReader;
/// let text = br#"{"merchants": [
///   {"id": "a", "name": "A", "category": "food", "lat": 22.5, "lon": 114.0},
///   {"id": "b", "name": "B", "category": "food", "lat": 22.6, "lon": 114.1}
/// ]}"#;
/// let mut reader = FeedReader::new(text).unwrap();
/// let mut steps = 0;
/// while !reader.step(16).unwrap() {
///     assert!(reader.progress() <= 1.0);
///     steps += 1;
/// }
/// assert!(steps > 2);
/// assert_eq!(reader.finish().unwrap().feed.merchants.len(), 2);
/// ```
pub struct FeedReader<'a> {
    text: &'a str,
    stage: Stage,
}

enum Stage {
    Scanning(OutlineScan),
    Records { assembly: Box<Assembly>, records: Records, next: usize, total: usize },
}

/// Where the records come from.
enum Records {
    /// Elements of the list at this byte range of the text, the next one at `pos`.
    Text { list: Range<usize>, pos: usize },
    /// An already parsed list (a document the scan left to the parser).
    Parsed(Vec<Value>),
}

impl<'a> FeedReader<'a> {
    /// Starts reading `bytes`; refuses at once bytes that are empty or not UTF-8.
    pub fn new(bytes: &'a [u8]) -> Result<Self, FeedError> {
        Ok(Self { text: feed_text(bytes)?, stage: Stage::Scanning(OutlineScan::default()) })
    }

    /// How far reading has come, from 0 to 1.
    pub fn progress(&self) -> f64 {
        match &self.stage {
            Stage::Scanning(scan) => SCAN_SHARE * scan.position() as f64 / self.text.len().max(1) as f64,
            Stage::Records { next, total, .. } => {
                let done = if *total == 0 { 1.0 } else { (*next).min(*total) as f64 / *total as f64 };
                SCAN_SHARE + (1.0 - SCAN_SHARE) * done
            }
        }
    }

    /// Reads about `max_bytes` more of the records (at least one record), or
    /// scans eight times that; true when everything is read. An error ends
    /// the reading: the text is not a feed.
    pub fn step(&mut self, max_bytes: usize) -> Result<bool, FeedError> {
        match &mut self.stage {
            Stage::Scanning(scan) => {
                let budget = max_bytes.saturating_mul(SCAN_BYTES_PER_PARSED_BYTE);
                if let Some(outline) = scan.step(self.text.as_bytes(), budget) {
                    self.stage = self.records_stage(outline)?;
                }
                Ok(false)
            }
            Stage::Records { assembly, records, next, total } => {
                match records {
                    Records::Text { list, pos } => {
                        let start = *pos;
                        while *pos - start < max_bytes.max(1) {
                            let Some(record) = next_element(self.text, list, pos, *next)
                                .map_err(|at| the_syntax_error(self.text, at))?
                            else {
                                *total = *next;
                                return Ok(true);
                            };
                            assembly.read(*next, &record);
                            *next += 1;
                        }
                    }
                    Records::Parsed(list) => {
                        // Only unusual documents come here, already parsed whole: no point in slicing.
                        for (i, record) in list.iter().enumerate().skip(*next) {
                            assembly.read(i, record);
                        }
                        *next = list.len();
                        return Ok(true);
                    }
                }
                Ok(false)
            }
        }
    }

    /// Reads whatever is left and returns the feed.
    pub fn finish(mut self) -> Result<LoadedFeed, FeedError> {
        while !self.step(usize::MAX)? {}
        match self.stage {
            Stage::Records { assembly, .. } => Ok(assembly.finish()),
            Stage::Scanning(_) => unreachable!("a finished reader has read its records"),
        }
    }

    /// Parses the head and sets up reading the records, once the outline is known.
    fn records_stage(&self, outline: Outline) -> Result<Stage, FeedError> {
        let text = self.text;
        let lists = match outline {
            Outline::TooDeep => return Err(FeedError::TooDeep),
            Outline::Whole => [None, None],
            Outline::Lists(lists) => lists,
        };
        // The head is the document with its record lists emptied.
        let mut ranges: Vec<Range<usize>> = lists.iter().flatten().map(|(range, _)| range.clone()).collect();
        ranges.sort_by_key(|r| r.start);
        let head = if ranges.is_empty() {
            parse_text(text)?
        } else {
            let mut head_text =
                String::with_capacity(text.len() - ranges.iter().map(|r| r.len()).sum::<usize>());
            let mut from = 0;
            for range in &ranges {
                head_text.push_str(&text[from..range.start]);
                head_text.push_str("[]");
                from = range.end;
            }
            head_text.push_str(&text[from..]);
            serde_json::from_str(&head_text).map_err(|_| the_syntax_error(text, 0))?
        };
        // A document that is not a feed may still not be JSON; say that first, as the parser would.
        let not_a_feed = |e: FeedError| if ranges.is_empty() { e } else { syntax_error(text).unwrap_or(e) };
        let top = top_object(&head).map_err(not_a_feed)?;
        let mut assembly = Assembly::new(top).map_err(not_a_feed)?;
        let key = assembly.record_key();
        let scanned = RECORD_KEYS.iter().position(|k| *k == key).and_then(|k| lists[k].clone());
        let (records, total) = match scanned {
            Some((list, count)) => (Records::Text { pos: list.start + 1, list }, count),
            None => {
                let list = record_list(top, key)?.to_vec();
                let total = list.len();
                (Records::Parsed(list), total)
            }
        };
        assembly.reserve(total);
        Ok(Stage::Records { assembly: Box::new(assembly), records, next: 0, total })
    }
}

/// The next element of the list at `list` in `text`, read from `*pos`
/// (`index` elements have been read); `None` at the list's end. `Err` with
/// the byte offset where the list stops making sense.
fn next_element(
    text: &str,
    list: &Range<usize>,
    pos: &mut usize,
    index: usize,
) -> Result<Option<Value>, usize> {
    // The list's content, without its brackets.
    let end = list.end - 1;
    skip_space(text, pos, end);
    if *pos == end {
        return Ok(None);
    }
    if index > 0 {
        if text.as_bytes()[*pos] != b',' {
            return Err(*pos);
        }
        *pos += 1;
    }
    let mut values = serde_json::Deserializer::from_str(&text[*pos..end]).into_iter::<Value>();
    match values.next() {
        Some(Ok(value)) => {
            *pos += values.byte_offset();
            Ok(Some(value))
        }
        _ => Err(*pos),
    }
}

fn skip_space(text: &str, pos: &mut usize, end: usize) {
    while *pos < end && matches!(text.as_bytes()[*pos], b' ' | b'\n' | b'\r' | b'\t') {
        *pos += 1;
    }
}

/// What the parser says is wrong with `text`, if anything.
fn syntax_error(text: &str) -> Option<FeedError> {
    parse_text(text).err()
}

/// The parser's error for a text the reader found broken at byte `at`. The
/// parser has the last word, so the error is the same as when the document
/// is parsed whole; should it find nothing, the reader's own finding stands.
fn the_syntax_error(text: &str, at: usize) -> FeedError {
    syntax_error(text).unwrap_or_else(|| {
        let before = &text[..at.min(text.len())];
        let line = before.matches('\n').count() + 1;
        let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
        FeedError::Syntax { reason: "unexpected text in the record list".to_owned(), line, column }
    })
}
