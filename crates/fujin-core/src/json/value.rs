//! A JSON value that borrows its text: what a feed's records and head, a
//! stored order and a verifier's answer are read into before they are
//! checked.
//!
//! Written here rather than using `serde_json::Value`: a `Value` allocates
//! every string and every key, and (with the `preserve_order` feature that
//! `fujin convert` needs) hashes every key with SipHash into a map of its
//! own. Reading a city's feed was mostly that: allocation and hashing were
//! about a third of the time natively. Here a string without escapes is a
//! slice of the feed's text, and an object is a short list of entries.
//!
//! It means what `Value` means, entry for entry: a repeated key keeps its
//! first place and its last value, numbers are `serde_json`'s own
//! [`Number`] (kept as text: `1e999` is a number, out of range), and the
//! same texts are accepted and refused. The whole-document path converts a
//! `Value` into it ([`Json::from`]), and a property test
//! (`reader_matches_whole_parse`) holds the two paths to the same results.

use std::borrow::Cow;
use std::collections::BinaryHeap;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

/// How `serde_json` (with `arbitrary_precision`) hands a number to a
/// visitor: as a map with this one key and the number's text.
const NUMBER_TOKEN: &str = "$serde_json::private::Number";

/// A JSON value whose strings and keys borrow from the text when they can.
///
/// ```
/// use fujin_core::json::Json;
/// let text = r#"{"status": "paid", "status": "used", "price": 12.50}"#;
/// let answer: Json = serde_json::from_str(text).unwrap();
/// assert_eq!(answer.get("status").and_then(Json::as_str), Some("used"), "the last value wins");
/// assert_eq!(answer.get("price").map(|n| n.to_string()).as_deref(), Some("12.50"), "numbers keep their text");
/// assert!(answer.get("missing").is_none());
/// ```
#[derive(Debug, PartialEq)]
pub enum Json<'a> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as `serde_json` keeps it (its text).
    Number(Number),
    /// A string, unescaped.
    String(Cow<'a, str>),
    /// A list.
    Array(Vec<Json<'a>>),
    /// An object.
    Object(Object<'a>),
}

/// A JSON object: its entries in the order of their keys' first appearance,
/// each key once (holding its last value), as `serde_json::Map` keeps them.
#[derive(Debug, PartialEq, Default)]
pub struct Object<'a> {
    entries: Vec<(Cow<'a, str>, Json<'a>)>,
}

impl<'a> Json<'a> {
    /// The value of `key`, if this is an object that has it.
    pub fn get(&self, key: &str) -> Option<&Json<'a>> {
        match self {
            Json::Object(object) => object.get(key),
            _ => None,
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    /// True for `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Json::Null)
    }
}

impl<'a> Object<'a> {
    /// The value of `key`, if the object has it.
    pub fn get(&self, key: &str) -> Option<&Json<'a>> {
        self.entries.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// The entries, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Json<'a>)> {
        self.entries.iter().map(|(k, v)| (k.as_ref(), v))
    }

    /// The object of these entries; a repeated key keeps its first place and
    /// takes its last value. Linear for the few keys a record has, and
    /// O(n log n) for any number of keys (hostile records have thousands).
    fn from_entries(entries: Vec<(Cow<'a, str>, Json<'a>)>) -> Self {
        let few_and_unique = entries.len() <= 16
            && (1..entries.len()).all(|i| entries[..i].iter().all(|(k, _)| *k != entries[i].0));
        if few_and_unique {
            return Self { entries };
        }
        Self { entries: keep_first_place_last_value(entries) }
    }
}

/// `serde_json::Map`'s rule for repeated keys, applied to a list of entries
/// (unchanged when no key repeats).
fn keep_first_place_last_value<'a>(
    mut entries: Vec<(Cow<'a, str>, Json<'a>)>,
) -> Vec<(Cow<'a, str>, Json<'a>)> {
    // The keys with their positions in order of (key, position), so that a
    // run of equal keys is one key's uses, first to last: the first place
    // takes the last entry, and the other places go. Sorted by a heap,
    // since a slice sort is a sizeable copy of its own in the bundle.
    let mut moves = Vec::new();
    let mut gone = vec![false; entries.len()];
    let keys = entries.iter().enumerate().map(|(i, (k, _))| (k.as_ref(), i));
    for run in BinaryHeap::from_iter(keys).into_sorted_vec().chunk_by(|a, b| a.0 == b.0) {
        if let [(_, first), .., (_, last)] = *run {
            moves.push((first, last));
            run[1..].iter().for_each(|&(_, later)| gone[later] = true);
        }
    }
    for (first, last) in moves {
        entries.swap(first, last);
    }
    let mut place = 0;
    entries.retain(|_| {
        place += 1;
        !gone[place - 1]
    });
    entries
}

impl<'a> From<&'a Value> for Json<'a> {
    /// The same value, borrowing the strings of `value`.
    fn from(value: &'a Value) -> Self {
        match value {
            Value::Null => Json::Null,
            Value::Bool(b) => Json::Bool(*b),
            Value::Number(n) => Json::Number(n.clone()),
            Value::String(s) => Json::String(Cow::Borrowed(s)),
            Value::Array(items) => Json::Array(items.iter().map(Json::from).collect()),
            Value::Object(map) => Json::Object(Object::from(map)),
        }
    }
}

impl<'a> From<&'a Map<String, Value>> for Object<'a> {
    /// The same object (a map's keys are unique already).
    fn from(map: &'a Map<String, Value>) -> Self {
        Self { entries: map.iter().map(|(k, v)| (Cow::Borrowed(k.as_str()), Json::from(v))).collect() }
    }
}

impl<'de> Deserialize<'de> for Json<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(JsonVisitor)
    }
}

/// Builds a [`Json`] call for call as `serde_json`'s own visitor builds a
/// `Value`, so that both accept and refuse the same texts. (`serde_json`
/// hands `null` over as a unit, never as an option.)
struct JsonVisitor;

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = Json<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any valid JSON value")
    }

    fn visit_bool<E>(self, b: bool) -> Result<Json<'de>, E> {
        Ok(Json::Bool(b))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Json<'de>, E> {
        Ok(Json::Number(n.into()))
    }

    fn visit_u64<E>(self, n: u64) -> Result<Json<'de>, E> {
        Ok(Json::Number(n.into()))
    }

    fn visit_f64<E>(self, n: f64) -> Result<Json<'de>, E> {
        Ok(Number::from_f64(n).map_or(Json::Null, Json::Number))
    }

    fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Json<'de>, E> {
        Ok(Json::String(Cow::Borrowed(s)))
    }

    fn visit_str<E>(self, s: &str) -> Result<Json<'de>, E> {
        Ok(Json::String(Cow::Owned(s.to_owned())))
    }

    fn visit_string<E>(self, s: String) -> Result<Json<'de>, E> {
        Ok(Json::String(Cow::Owned(s)))
    }

    fn visit_unit<E>(self) -> Result<Json<'de>, E> {
        Ok(Json::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json<'de>, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Json::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json<'de>, A::Error> {
        let Some(Text(first)) = map.next_key()? else {
            return Ok(Json::Object(Object::default()));
        };
        if first == NUMBER_TOKEN {
            let NumberText(number) = map.next_value()?;
            return number.parse().map(Json::Number).map_err(de::Error::custom);
        }
        let mut entries = vec![(first, map.next_value()?)];
        while let Some((Text(key), value)) = map.next_entry()? {
            entries.push((key, value));
        }
        Ok(Json::Object(Object::from_entries(entries)))
    }
}

/// A string or key, borrowed from the text when it has no escapes.
struct Text<'a>(Cow<'a, str>);

/// The text of a number (as `serde_json` hands it over, and names it when
/// it is not a string).
struct NumberText<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Text<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(TextVisitor("a string")).map(Text)
    }
}

impl<'de> Deserialize<'de> for NumberText<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(TextVisitor("string containing a number")).map(NumberText)
    }
}

/// Takes a string, borrowed when it can be; `.0` says what was expected.
struct TextVisitor(&'static str);

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Cow<'de, str>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.0)
    }
    fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Borrowed(s))
    }
    fn visit_str<E>(self, s: &str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(s.to_owned()))
    }
    fn visit_string<E>(self, s: String) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(s))
    }
}

/// Written back as `serde_json` writes the same `Value`, compactly (for
/// the few messages that quote a value).
impl fmt::Display for Json<'_> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        // Strings through `Value`, whose escaping the app has already.
        let quoted = |s: &str| Value::String(s.to_owned());
        match self {
            Json::Null => f.write_str("null"),
            Json::Bool(b) => write!(f, "{b}"),
            Json::Number(n) => write!(f, "{n}"),
            Json::String(s) => write!(f, "{}", quoted(s)),
            Json::Array(items) => {
                f.write_str("[")?;
                for (i, item) in items.iter().enumerate() {
                    write!(f, "{}{item}", if i == 0 { "" } else { "," })?;
                }
                f.write_str("]")
            }
            Json::Object(object) => {
                f.write_str("{")?;
                for (i, (k, v)) in object.iter().enumerate() {
                    write!(f, "{}{}:{v}", if i == 0 { "" } else { "," }, quoted(k))?;
                }
                f.write_str("}")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn both(text: &str) -> (Result<Json<'_>, String>, Result<Value, String>) {
        let json = serde_json::from_str::<Json>(text).map_err(|e| e.to_string());
        let value = serde_json::from_str::<Value>(text).map_err(|e| e.to_string());
        (json, value)
    }

    /// Whatever `serde_json` makes a `Value` of, this makes the same value
    /// of (and refuses what it refuses, with the same message).
    #[test]
    fn means_what_a_value_means() {
        let texts = [
            r#"{"a": 1, "b": [true, null, "x\n", 1e999, -0, 12345678901234567890123], "c": {}}"#,
            r#"{"k": 1, "k": 2}"#,
            r#"{"k": 1, "j": 0, "k": {"z": [1]}, "j": 3, "k": "last"}"#,
            r#"{"$serde_json::private::Number": "5"}"#,
            r#"{"$serde_json::private::Number": "x"}"#,
            r#"{"$serde_json::private::Number": 5}"#,
            r#"{"a": 1, "$serde_json::private::Number": "5"}"#,
            r#"{"\u0041": 1, "A": 2}"#,
            r#"[1, 2,]"#,
            r#"{"a" 1}"#,
            r#""\ud800""#,
            "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
        ];
        for text in texts {
            let (json, value) = both(text);
            match (&json, &value) {
                (Ok(json), Ok(value)) => assert_eq!(json, &Json::from(value), "{text}"),
                (Err(a), Err(b)) => assert_eq!(a, b, "{text}"),
                _ => panic!("{text}: {json:?} but {value:?}"),
            }
        }
    }

    #[test]
    fn strings_without_escapes_borrow_the_text() {
        let json: Json = serde_json::from_str(r#"{"name": "老王", "note": "a\"b"}"#).unwrap();
        let Json::Object(o) = &json else { panic!("an object") };
        assert!(matches!(o.get("name"), Some(Json::String(Cow::Borrowed("老王")))));
        assert!(matches!(o.get("note"), Some(Json::String(Cow::Owned(s))) if s == "a\"b"));
        assert!(matches!(o.entries[0].0, Cow::Borrowed("name")));
    }

    #[test]
    fn many_repeated_keys_keep_first_place_and_last_value() {
        // Over the linear check's 16 entries: the sorting path.
        let mut text = String::from("{");
        for i in 0..40 {
            text.push_str(&format!("\"k{}\": {i},", i % 7));
        }
        text.push_str("\"end\": true}");
        let (json, value) = both(&text);
        let (json, value) = (json.unwrap(), value.unwrap());
        assert_eq!(json, Json::from(&value));
        let Json::Object(o) = &json else { panic!("an object") };
        let keys: Vec<&str> = o.iter().map(|(k, _)| k).collect();
        assert_eq!(keys, ["k0", "k1", "k2", "k3", "k4", "k5", "k6", "end"]);
        assert_eq!(o.get("k0").map(ToString::to_string).as_deref(), Some("35"));
    }

    #[test]
    fn writes_back_as_a_value_does() {
        let text = r#"{"b": [1.50, "x\u0001", null], "a": {"z": false}}"#;
        let (json, value) = both(text);
        assert_eq!(json.unwrap().to_string(), value.unwrap().to_string());
    }
}
