//! Reading typed fields out of one JSON object, collecting every problem
//! with its pointer instead of stopping at the first.

use serde_json::Number;
use time::OffsetDateTime;

use super::pointer::child;
use super::problem::{Problem, ProblemKind};
use super::recent_times::RecentTimes;
use crate::geo::Fixed;
use crate::json::{Json, Object};

/// Longest id, in characters.
pub const MAX_ID_LEN: usize = 64;

/// The JSON type of a value, as a merchant would say it.
pub fn type_name(v: &Json) -> &'static str {
    match v {
        Json::Null => "null",
        Json::Bool(_) => "true or false",
        Json::Number(_) => "a number",
        Json::String(_) => "a string",
        Json::Array(_) => "a list",
        Json::Object(_) => "an object",
    }
}

/// Where a value sits in the record. Turned into a JSON pointer only when a
/// problem is reported: building pointer strings for every field read
/// was most of the cost of loading a valid feed.
#[derive(Debug, Clone)]
pub enum At<'k> {
    /// The record's field `key`.
    Field(&'k str),
    /// Item `index` of the record's list field `key`.
    Item(&'k str, usize),
    /// Field `inner` of the record's object field `outer`.
    Nested(&'k str, &'k str),
    /// A ready-made JSON pointer.
    Pointer(String),
}

impl From<String> for At<'_> {
    fn from(pointer: String) -> Self {
        At::Pointer(pointer)
    }
}

/// The fields of one record and the problems found reading them.
pub struct Fields<'a> {
    map: &'a Object<'a>,
    base: String,
    /// Everything found wrong so far.
    pub problems: Vec<Problem>,
    /// Whether problems get their pointers (see [`Fields::counting_only`]).
    pointers: bool,
}

impl<'a> Fields<'a> {
    /// Reads fields of `map`, which sits at JSON pointer `base`.
    pub fn new(map: &'a Object<'a>, base: String) -> Self {
        Self { map, base, problems: Vec::new(), pointers: true }
    }

    /// When `yes`, problems are found and counted as usual but get no
    /// pointer: past [`MAX_KEPT_PROBLEMS`](super::limits::MAX_KEPT_PROBLEMS)
    /// they are only counted, and building pointers for a million bad
    /// records was most of the time they took.
    pub fn counting_only(mut self, yes: bool) -> Self {
        self.pointers = !yes;
        self
    }

    /// The pointer to field `key`.
    pub fn pointer(&self, key: &str) -> String {
        child(&self.base, key)
    }

    /// The raw value of `key`; `null` counts as absent.
    pub fn get(&self, key: &str) -> Option<&'a Json<'a>> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    /// The JSON pointer of a location.
    pub fn resolve(&self, at: At) -> String {
        match at {
            At::Field(key) => child(&self.base, key),
            At::Item(key, index) => child(&child(&self.base, key), index.to_string()),
            At::Nested(outer, inner) => child(&child(&self.base, outer), inner),
            At::Pointer(pointer) => pointer,
        }
    }

    /// Records a problem at a location.
    pub fn report<'k>(&mut self, at: impl Into<At<'k>>, kind: ProblemKind) {
        let pointer = if self.pointers { self.resolve(at.into()) } else { String::new() };
        self.problems.push(Problem { pointer, kind });
    }

    /// Records a problem at field `key`.
    pub fn report_at(&mut self, key: &str, kind: ProblemKind) {
        self.report(At::Field(key), kind);
    }

    /// A required string, trimmed, at most `max_chars` characters, no control characters.
    pub fn required_text(&mut self, key: &'static str, max_chars: usize) -> Option<String> {
        if self.get(key).is_none() {
            self.report_at(key, ProblemKind::Missing { field: key });
            return None;
        }
        self.optional_text(key, max_chars)
    }

    /// An optional string, as [`Fields::required_text`].
    pub fn optional_text(&mut self, key: &'static str, max_chars: usize) -> Option<String> {
        let v = self.get(key)?;
        let pointer = At::Field(key);
        let text = self.text_at(v, key, pointer, max_chars)?;
        Some(text)
    }

    /// Checks a string value found at `pointer` (named `field` in messages).
    pub fn text_at<'k>(
        &mut self,
        v: &Json,
        field: &'static str,
        pointer: impl Into<At<'k>>,
        max_chars: usize,
    ) -> Option<String> {
        let pointer = pointer.into();
        let Json::String(s) = v else {
            self.report(pointer, ProblemKind::WrongType { field, expected: "text", found: type_name(v) });
            return None;
        };
        let s = s.trim();
        let (len, disguised) = measure(s);
        if len == 0 {
            self.report(pointer, ProblemKind::EmptyText { field });
            return None;
        }
        if len > max_chars {
            self.report(pointer, ProblemKind::TooLong { field, len, max: max_chars });
            return None;
        }
        if let Some(c) = disguised {
            self.report(pointer, ProblemKind::ControlCharacter { field, code: u32::from(c) });
            return None;
        }
        Some(s.to_owned())
    }

    /// A record id: a string (or a whole number, turned into one) of
    /// 1–[`MAX_ID_LEN`] URL-safe characters.
    pub fn id_at<'k>(&mut self, v: Option<&Json>, pointer: impl Into<At<'k>>) -> Option<String> {
        let pointer = pointer.into();
        let id = match v {
            None => {
                self.report(pointer, ProblemKind::Missing { field: "id" });
                return None;
            }
            Some(Json::String(s)) => s.to_string(),
            Some(Json::Number(n)) if n.as_u64().is_some() => n.to_string(),
            Some(other) => {
                let found = type_name(other);
                self.report(pointer, ProblemKind::WrongType { field: "id", expected: "text", found });
                return None;
            }
        };
        if !is_valid_id(&id) {
            self.report(pointer, ProblemKind::BadId { id });
            return None;
        }
        Some(id)
    }

    /// A number in `min..=max` at `pointer`; `None` (reported) otherwise.
    pub fn number_at<'k>(
        &mut self,
        v: Option<&Json>,
        field: &'static str,
        pointer: impl Into<At<'k>>,
        (min, max): (f64, f64),
    ) -> Option<f64> {
        let pointer = pointer.into();
        let n = match v {
            None => {
                self.report(pointer, ProblemKind::Missing { field });
                return None;
            }
            Some(Json::Number(n)) => n,
            Some(other) => {
                let found = type_name(other);
                self.report(pointer, ProblemKind::WrongType { field, expected: "a number", found });
                return None;
            }
        };
        let Some(x) = finite(n) else {
            self.report(pointer, ProblemKind::NotFinite { field, value: n.to_string() });
            return None;
        };
        if !(min..=max).contains(&x) {
            self.report(
                pointer,
                ProblemKind::OutOfRange { field, value: n.to_string(), min: bound(min), max: bound(max) },
            );
            return None;
        }
        Some(x)
    }

    /// An optional number field, as [`Fields::number_at`].
    pub fn optional_number(&mut self, key: &'static str, range: (f64, f64)) -> Option<f64> {
        let v = self.get(key)?;
        let pointer = At::Field(key);
        self.number_at(Some(v), key, pointer, range)
    }

    /// A whole number from `min` to `max`; `unit` is ` of fen` for money.
    pub fn whole_number(
        &mut self,
        key: &'static str,
        required: bool,
        (min, max): (u64, u64),
        unit: &'static str,
    ) -> Option<u64> {
        let pointer = At::Field(key);
        let n = match self.get(key) {
            None if required => {
                self.report(pointer, ProblemKind::Missing { field: key });
                return None;
            }
            None => return None,
            Some(Json::Number(n)) => n,
            Some(other) => {
                let found = type_name(other);
                self.report(
                    pointer,
                    ProblemKind::WrongType { field: key, expected: "a whole number", found },
                );
                return None;
            }
        };
        // The number's text, for a report only: most numbers are fine,
        // and a feed has millions.
        let value = || n.to_string();
        let whole = match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => u,
            (None, Some(_)) => {
                let kind = if min > 0 {
                    ProblemKind::NotPositive { field: key, value: value() }
                } else {
                    ProblemKind::TooSmall { field: key, value: value(), min }
                };
                self.report(pointer, kind);
                return None;
            }
            (None, None) => {
                let kind = match finite(n) {
                    None => ProblemKind::NotFinite { field: key, value: value() },
                    Some(x) if x <= 0.0 && min > 0 => ProblemKind::NotPositive { field: key, value: value() },
                    Some(x) if x.fract() == 0.0 => ProblemKind::OutOfRange {
                        field: key,
                        value: value(),
                        min: min.to_string(),
                        max: max.to_string(),
                    },
                    Some(_) => ProblemKind::NotWhole { field: key, value: value(), unit },
                };
                self.report(pointer, kind);
                return None;
            }
        };
        if whole < min {
            let kind = if min == 1 {
                ProblemKind::NotPositive { field: key, value: value() }
            } else {
                ProblemKind::TooSmall { field: key, value: value(), min }
            };
            self.report(pointer, kind);
            return None;
        }
        if whole > max {
            let kind = ProblemKind::OutOfRange {
                field: key,
                value: value(),
                min: min.to_string(),
                max: max.to_string(),
            };
            self.report(pointer, kind);
            return None;
        }
        Some(whole)
    }

    /// An optional RFC 3339 time with an offset (read through `times`);
    /// returns it with its text.
    pub fn optional_time(
        &mut self,
        key: &'static str,
        times: &mut RecentTimes,
    ) -> Option<(OffsetDateTime, &'a str)> {
        let v = self.get(key)?;
        let pointer = At::Field(key);
        let Json::String(s) = v else {
            self.report(
                pointer,
                ProblemKind::WrongType { field: key, expected: "an RFC 3339 time", found: type_name(v) },
            );
            return None;
        };
        match times.parse(s) {
            Some(t) => Some((t, s)),
            None => {
                self.report(pointer, ProblemKind::BadTime { field: key, value: s.to_string() });
                None
            }
        }
    }

    /// An optional list of texts, each at most `max_chars`, at most `max_items` of them.
    /// Bad items are reported; the good ones are kept only when all are good.
    pub fn text_list(&mut self, key: &'static str, max_items: usize, max_chars: usize) -> Vec<String> {
        let Some(v) = self.get(key) else {
            return Vec::new();
        };
        let pointer = At::Field(key);
        let Json::Array(items) = v else {
            self.report(
                pointer,
                ProblemKind::WrongType { field: key, expected: "a list of texts", found: type_name(v) },
            );
            return Vec::new();
        };
        if items.len() > max_items {
            self.report(pointer, ProblemKind::TooMany { field: key, len: items.len(), max: max_items });
            return Vec::new();
        }
        items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| self.text_at(item, key, At::Item(key, i), max_chars))
            .collect()
    }
}

/// A range's bound as `{}` writes it for the bounds feeds have (whole
/// numbers, or two decimals), without core's float formatter (10 KB of wasm).
fn bound(x: f64) -> String {
    Fixed(x, if x.fract() == 0.0 { 0 } else { 2 }).to_string()
}

/// The number as a finite `f64`, if it is one.
pub fn finite(n: &Number) -> Option<f64> {
    n.as_f64().filter(|x| x.is_finite())
}

/// True for a record id: 1–[`MAX_ID_LEN`] of `A–Z a–z 0–9 - _ . :`. The
/// rule [`Fields::id_at`] applies, shared with the packed feed's reader.
pub(crate) fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID_LEN
        && id.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'))
}

/// True for a text as [`Fields::text_at`] keeps it: trimmed, 1 to
/// `max_chars` characters, nothing disguising. Shared with the packed
/// feed's reader.
pub(crate) fn is_valid_text(s: &str, max_chars: usize) -> bool {
    let (len, disguised) = measure(s);
    (1..=max_chars).contains(&len) && disguised.is_none() && s.trim().len() == s.len()
}

/// The length of `s` in characters and its first disguising one, in one
/// pass: over bytes when the text is ASCII (as most feed text is, and all
/// of a packed feed's ids, links and photo paths).
fn measure(s: &str) -> (usize, Option<char>) {
    if s.is_ascii() {
        (s.len(), s.bytes().find(|b| b.is_ascii_control()).map(char::from))
    } else {
        s.chars()
            .fold((0, None), |(len, first), c| (len + 1, first.or_else(|| is_disguising(c).then_some(c))))
    }
}

/// Characters that can hide or reorder text: C0/C1 controls, bidirectional
/// overrides and isolates, zero-width spaces and BOMs (joiners stay: emoji need them).
fn is_disguising(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;

    /// What `text_at` makes of `text` with a limit of `max` characters.
    fn check(text: &str, max: usize) -> Result<String, ProblemKind> {
        let object = Object::default();
        let mut fields = Fields::new(&object, String::new());
        let value = Json::String(Cow::Borrowed(text));
        fields.text_at(&value, "name", At::Field("name"), max).ok_or_else(|| fields.problems.remove(0).kind)
    }

    #[test]
    fn text_is_measured_in_characters_and_checked_for_disguises_in_one_pass() {
        assert_eq!(check("  老王烧烤 ", 4), Ok("老王烧烤".to_owned()));
        assert!(matches!(check("老王烧烤店", 4), Err(ProblemKind::TooLong { len: 5, max: 4, .. })));
        assert_eq!(check("Lao Wang", 8), Ok("Lao Wang".to_owned()));
        assert!(matches!(check("Lao Wang!", 8), Err(ProblemKind::TooLong { len: 9, .. })));
        assert!(matches!(check("   ", 8), Err(ProblemKind::EmptyText { .. })));
        // The first disguising character is named, ASCII or not.
        assert!(matches!(check("a\u{7}b\u{1}", 8), Err(ProblemKind::ControlCharacter { code: 7, .. })));
        assert!(matches!(check("a\u{7f}", 8), Err(ProblemKind::ControlCharacter { code: 0x7f, .. })));
        let hidden = "老王\u{202E}烧\u{200B}烤";
        assert!(matches!(check(hidden, 8), Err(ProblemKind::ControlCharacter { code: 0x202E, .. })));
        assert!(matches!(check("老\u{85}王", 8), Err(ProblemKind::ControlCharacter { code: 0x85, .. })));
        // Too long is said before a disguise, as before.
        assert!(matches!(check("老王\u{202E}烧烤", 3), Err(ProblemKind::TooLong { len: 5, .. })));
        // Joiners stay (emoji need them).
        assert!(check("👨\u{200D}🍳", 8).is_ok());
    }
}

// Property tests need proptest, which is not built for wasm32.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;

    proptest::proptest! {
        /// The one-pass check (ASCII by bytes) means what the plain
        /// definition says, for any text.
        #[test]
        fn is_valid_text_is_its_definition(s in "[ \\t\\n\\x0B\\x0C\\r\\x00-\\x1F\\x7Fa-z\\u{85}\\u{A0}\\u{200B}\\u{202E}\\u{3000}老王]{0,6}", max in 0usize..6) {
            let plain = s.trim().len() == s.len()
                && !s.is_empty()
                && s.chars().count() <= max
                && !s.chars().any(is_disguising);
            proptest::prop_assert_eq!(is_valid_text(&s, max), plain);
        }
    }
}
