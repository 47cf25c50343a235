//! Checking that text is JSON without building anything from it.
//!
//! The reader must accept exactly what a whole parse into
//! `serde_json::Value` accepts, errors included, but a hostile document
//! (20 MB of `[[],[],…]`, a truncated 100 MB feed) would cost gigabytes as a
//! `Value`. So the parts the reader skips, and the documents it refuses, are
//! judged by [`check_json`]: the same parser driven through a visitor that
//! mirrors `Value`'s own (serde_json 1.x, `value/de.rs`) call for call but
//! keeps nothing, so it fails on the same byte with the same message.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

/// The key serde_json (with `arbitrary_precision`) uses to carry a number
/// through the data model as a one-entry map; a `Value` parse treats an
/// object whose first key is this as a number, so the check does too.
const NUMBER_TOKEN: &str = "$serde_json::private::Number";

/// Checks that `text` is one JSON value, as `serde_json::from_str::<Value>`
/// would, allocating nothing but the parser's scratch space for escapes.
pub fn check_json(text: &str) -> Result<(), serde_json::Error> {
    serde_json::from_str::<Checked>(text).map(|_| ())
}

/// Any JSON value, checked and dropped.
pub struct Checked;

impl<'de> Deserialize<'de> for Checked {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(CheckVisitor)
    }
}

struct CheckVisitor;

impl<'de> Visitor<'de> for CheckVisitor {
    type Value = Checked;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any valid JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_i128<E>(self, _: i128) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_u128<E>(self, _: u128) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_str<E>(self, _: &str) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_none<E>(self) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Checked, D::Error> {
        Checked::deserialize(deserializer)
    }

    fn visit_unit<E>(self) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Checked, A::Error> {
        while seq.next_element::<Checked>()?.is_some() {}
        Ok(Checked)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Checked, A::Error> {
        match map.next_key::<FirstKey>()? {
            // `Value` reads a number here and stops reading the map.
            Some(FirstKey::Number) => map.next_value::<NumberText>().map(|_| Checked),
            Some(FirstKey::Other) => {
                map.next_value::<Checked>()?;
                while map.next_entry::<Key, Checked>()?.is_some() {}
                Ok(Checked)
            }
            None => Ok(Checked),
        }
    }
}

/// A map's first key, read as `Value` reads it (`deserialize_str`).
enum FirstKey {
    Number,
    Other,
}

impl<'de> Deserialize<'de> for FirstKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = FirstKey;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string key")
            }
            fn visit_str<E>(self, s: &str) -> Result<FirstKey, E> {
                Ok(if s == NUMBER_TOKEN { FirstKey::Number } else { FirstKey::Other })
            }
        }
        deserializer.deserialize_str(V)
    }
}

/// Any later key, read as `Value` reads it (as a `String`).
struct Key;

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E>(self, _: &str) -> Result<Key, E> {
                Ok(Key)
            }
        }
        deserializer.deserialize_string(V)
    }
}

/// The text of a number carried as a map (serde_json's `NumberFromString`).
struct NumberText;

impl<'de> Deserialize<'de> for NumberText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = NumberText;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("string containing a number")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<NumberText, E> {
                s.parse::<serde_json::Number>().map(|_| NumberText).map_err(de::Error::custom)
            }
        }
        deserializer.deserialize_str(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same_as_value(text: &str) {
        let value = serde_json::from_str::<serde_json::Value>(text).map(|_| ()).map_err(|e| e.to_string());
        let checked = check_json(text).map_err(|e| e.to_string());
        assert_eq!(checked, value, "{text:?}");
    }

    #[test]
    fn accepts_and_refuses_what_value_does() {
        for text in [
            "{}",
            "[]",
            "1",
            "-0.5e-7",
            "1e999",
            "123456789012345678901234567890",
            r#""\ud83d\ude00""#,
            r#""\ud800""#,
            r#""\udc00x""#,
            "\"tab\there\"",
            r#"{"a": [1, {"b": null}], "c": "d"}"#,
            r#"{"a": 1,}"#,
            "[1,]",
            "[1 2]",
            r#"{"a" 1}"#,
            r#"{1: 2}"#,
            "[",
            "{\"a\":",
            "nul",
            "[1] x",
            "\"\\x\"",
            r#"{"$serde_json::private::Number": "12"}"#,
            r#"{"$serde_json::private::Number": "abc"}"#,
            r#"{"$serde_json::private::Number": 12}"#,
            r#"{"$serde_json::private::Number": "1", "b": 2}"#,
            r#"{"a": 1, "$serde_json::private::Number": "x"}"#,
        ] {
            same_as_value(text);
        }
    }
}
