//! Reading a feed from its text a slice at a time, so that a page can show
//! progress and stay responsive while a city's worth of merchants loads.

use std::borrow::Cow;
use std::ops::Range;

use super::assembly::{Assembly, LoadedFeed};
use super::error::FeedError;
use super::head::top_object;
use super::limits::{MAX_HEAD_BYTES, MAX_RECORDS, RESERVE_BYTES_PER_RECORD};
use super::outline::{Outline, OutlineScan, RECORD_KEYS, RecordList};
use super::syntax::check_json;
use super::text::{check_size, feed_body, syntax_error};
use super::utf8_steps::Utf8Steps;
use crate::json::Json;

/// How many bytes the outline scan covers for each byte of records parsed:
/// skipping text is about this much cheaper than building values from it.
const SCAN_BYTES_PER_PARSED_BYTE: usize = 16;

/// How many bytes the UTF-8 check covers for each byte of records parsed.
const CHECK_BYTES_PER_PARSED_BYTE: usize = 64;

/// Share of [`FeedReader::progress`] given to the UTF-8 check.
const CHECK_SHARE: f64 = 0.03;

/// Share of [`FeedReader::progress`] given to the UTF-8 check and the
/// outline scan.
const SCAN_SHARE: f64 = 0.1;

/// Reads a feed (Fujin format or GeoJSON) from its text in steps.
///
/// The bytes are first checked as UTF-8 (in steps too: at 256 MB the check
/// alone is a task of 100 ms or more), then the text is scanned for where
/// the record list lies; the head (name,
/// version, crs, …) is then parsed and checked, and the records are parsed and
/// checked one at a time, so no step holds more than about the byte budget
/// given to [`FeedReader::step`], and no tree of the whole document is ever
/// built. The result is the same as parsing the whole document with
/// [`parse_document`](super::parse_document) and loading it with [`load_value`](super::load_value),
/// errors included, for every document within the limits of
/// [`limits`](super::limits) (the reader also refuses a head over
/// [`MAX_HEAD_BYTES`] and rejects, unread, a record over
/// [`MAX_RECORD_BYTES`](super::limits::MAX_RECORD_BYTES)).
///
/// Memory grows with the bytes read, never with what they claim: nothing
/// is reserved per comma, parts that are not read are checked without
/// building anything, and at most
/// [`MAX_KEPT_PROBLEMS`](super::limits::MAX_KEPT_PROBLEMS) problems are kept.
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
    utf8: Utf8Steps<'a>,
    /// The text, once the bytes are checked (empty until then).
    text: &'a str,
    stage: Stage,
}

enum Stage {
    /// The bytes are being checked as UTF-8.
    Checking,
    Scanning(OutlineScan),
    Records {
        assembly: Box<Assembly>,
        records: Records,
        next: usize,
        total: usize,
    },
}

/// The record list being read: its byte range, where the next element
/// starts, and the elements to reject unread, in order.
struct Records {
    list: Range<usize>,
    pos: usize,
    oversized: std::vec::IntoIter<Range<usize>>,
}

/// What comes next in a record list.
enum Element<'t> {
    Record(Json<'t>),
    Oversized(Range<usize>),
    End,
}

impl<'a> FeedReader<'a> {
    /// Starts reading `bytes`; refuses at once bytes over
    /// [`MAX_FEED_BYTES`](super::limits::MAX_FEED_BYTES) (the first steps
    /// refuse bytes that are not UTF-8 or empty).
    pub fn new(bytes: &'a [u8]) -> Result<Self, FeedError> {
        check_size(bytes)?;
        Ok(Self { utf8: Utf8Steps::new(bytes), text: "", stage: Stage::Checking })
    }

    /// How far reading has come, from 0 to 1.
    pub fn progress(&self) -> f64 {
        match &self.stage {
            Stage::Checking => CHECK_SHARE * self.utf8.checked() as f64 / self.utf8.len().max(1) as f64,
            Stage::Scanning(scan) => {
                CHECK_SHARE
                    + (SCAN_SHARE - CHECK_SHARE) * scan.position() as f64 / self.text.len().max(1) as f64
            }
            Stage::Records { next, total, .. } => {
                let done = if *total == 0 { 1.0 } else { (*next).min(*total) as f64 / *total as f64 };
                SCAN_SHARE + (1.0 - SCAN_SHARE) * done
            }
        }
    }

    /// Reads about `max_bytes` more of the records (at least one record), or
    /// scans sixteen times that, or checks sixty-four times that as UTF-8;
    /// true when everything is read. An error ends the reading: the bytes
    /// are not a feed.
    pub fn step(&mut self, max_bytes: usize) -> Result<bool, FeedError> {
        let text = self.text;
        match &mut self.stage {
            Stage::Checking => {
                let budget = max_bytes.max(1).saturating_mul(CHECK_BYTES_PER_PARSED_BYTE);
                if let Some(text) = self.utf8.step(budget).map_err(FeedError::NotUtf8)? {
                    self.text = feed_body(text)?;
                    self.stage = Stage::Scanning(OutlineScan::default());
                }
                Ok(false)
            }
            Stage::Scanning(scan) => {
                let budget = max_bytes.saturating_mul(SCAN_BYTES_PER_PARSED_BYTE);
                if let Some(outline) = scan.step(text.as_bytes(), budget) {
                    self.stage = records_stage(text, outline)?;
                }
                Ok(false)
            }
            Stage::Records { assembly, records, next, total } => {
                let start = records.pos;
                while records.pos - start < max_bytes.max(1) {
                    match records.next_element(text, *next).map_err(|at| the_syntax_error(text, at))? {
                        Element::End => {
                            *total = *next;
                            return Ok(true);
                        }
                        Element::Record(record) => assembly.read(*next, &record),
                        Element::Oversized(range) => {
                            if check_json(&text[range.clone()]).is_err() {
                                return Err(the_syntax_error(text, range.start));
                            }
                            assembly.reject_oversized(*next, range.len());
                        }
                    }
                    *next += 1;
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
            Stage::Checking | Stage::Scanning(_) => unreachable!("a finished reader has read its records"),
        }
    }
}

/// Parses the head and sets up reading the records, once the outline is known.
fn records_stage(text: &str, outline: Outline) -> Result<Stage, FeedError> {
    let (lists, oversized) = match outline {
        Outline::TooDeep => return Err(FeedError::TooDeep),
        Outline::NotAnObject => return Err(not_an_object(text)),
        Outline::Broken => return Err(the_syntax_error(text, 0)),
        Outline::Object { lists, oversized } => (lists, oversized),
    };
    // The head is the document with its record lists emptied.
    let head_len = text.len() - lists.iter().map(|l| l.range.len() - 2).sum::<usize>();
    if head_len > MAX_HEAD_BYTES {
        return Err(syntax_error(text).unwrap_or(FeedError::HeadTooLarge { bytes: head_len }));
    }
    let mut head_text = String::with_capacity(head_len);
    let mut from = 0;
    for list in &lists {
        head_text.push_str(&text[from..list.range.start]);
        head_text.push_str("[]");
        from = list.range.end;
    }
    head_text.push_str(&text[from..]);
    let head: Json = serde_json::from_str(&head_text).map_err(|_| the_syntax_error(text, 0))?;
    // A document that is not a feed may still not be JSON; say that first, as the parser would.
    let not_a_feed = |e: FeedError| if lists.is_empty() { e } else { syntax_error(text).unwrap_or(e) };
    let top = top_object(&head).map_err(not_a_feed)?;
    let mut assembly = Assembly::new(top).map_err(not_a_feed)?;
    let key = assembly.record_key();
    // JSON's last value of a key wins; the lists not read must still be JSON.
    let chosen = lists.iter().rposition(|l| RECORD_KEYS[l.key] == key);
    for (i, list) in lists.iter().enumerate() {
        if Some(i) != chosen && check_json(&text[list.range.clone()]).is_err() {
            return Err(the_syntax_error(text, list.range.start));
        }
    }
    let Some(RecordList { range, count, .. }) = chosen.map(|i| lists[i].clone()) else {
        // No list (Assembly::new has checked that the key holds nothing else).
        let records = Records { list: 0..1, pos: 0, oversized: Vec::new().into_iter() };
        return Ok(Stage::Records { assembly: Box::new(assembly), records, next: 0, total: 0 });
    };
    if count > MAX_RECORDS {
        return Err(syntax_error(text).unwrap_or(FeedError::TooManyRecords { count }));
    }
    assembly.reserve(count.min(range.len() / RESERVE_BYTES_PER_RECORD));
    let oversized: Vec<_> = oversized.into_iter().filter(|r| range.contains(&r.start)).collect();
    let records = Records { pos: range.start + 1, list: range, oversized: oversized.into_iter() };
    Ok(Stage::Records { assembly: Box::new(assembly), records, next: 0, total: count })
}

impl Records {
    /// The next element, read from `pos` (`index` elements have been
    /// read). `Err` with the byte offset where the list stops making sense.
    fn next_element<'t>(&mut self, text: &'t str, index: usize) -> Result<Element<'t>, usize> {
        // The list's content, without its brackets.
        let end = self.list.end - 1;
        skip_space(text, &mut self.pos, end);
        if self.pos >= end {
            return Ok(Element::End);
        }
        if index > 0 {
            if text.as_bytes()[self.pos] != b',' {
                return Err(self.pos);
            }
            self.pos += 1;
            skip_space(text, &mut self.pos, end);
        }
        if self.oversized.as_slice().first().is_some_and(|r| r.start == self.pos) {
            let range = self.oversized.next().unwrap_or_default();
            self.pos = range.end;
            return Ok(Element::Oversized(range));
        }
        let mut values = serde_json::Deserializer::from_str(&text[self.pos..end]).into_iter::<Json>();
        match values.next() {
            Some(Ok(value)) => {
                self.pos += values.byte_offset();
                Ok(Element::Record(value))
            }
            _ => Err(self.pos),
        }
    }
}

fn skip_space(text: &str, pos: &mut usize, end: usize) {
    while *pos < end && matches!(text.as_bytes()[*pos], b' ' | b'\n' | b'\r' | b'\t') {
        *pos += 1;
    }
}

/// The error for a text whose top level is not an object: the parser's,
/// if it is not JSON at all, else [`top_object`]'s for a value of the same
/// kind (known from the first byte, so the text is never built).
fn not_an_object(text: &str) -> FeedError {
    syntax_error(text).unwrap_or_else(|| {
        let same_kind = match text.trim_start().as_bytes().first() {
            Some(b'[') => Json::Array(Vec::new()),
            Some(b'"') => Json::String(Cow::Borrowed("")),
            Some(b't' | b'f') => Json::Bool(true),
            Some(b'n') => Json::Null,
            _ => Json::Number(0.into()),
        };
        match top_object(&same_kind) {
            Err(e) => e,
            Ok(_) => FeedError::NotAFeed("the top level is not an object".to_owned()),
        }
    })
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
