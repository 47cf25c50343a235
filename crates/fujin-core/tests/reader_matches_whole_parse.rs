//! Reading a feed a record at a time (`FeedReader`, what `load_feed` and the
//! widget use) must give exactly what parsing the whole document and loading
//! it gives, errors included, on any text: valid feeds, GeoJSON, and the
//! same documents cut short, with bytes removed or with awkward text
//! (brackets, quotes, escapes, repeated or escaped record keys) put in.

// Native only: its dev-dependencies are not built for wasm32 (see Cargo.toml).
#![cfg(not(target_arch = "wasm32"))]

use fujin_core::feed::FeedError;
use fujin_core::feed::LoadedFeed;
use fujin_core::feed::{FeedReader, load_value, parse_document};
use proptest::prelude::*;

const EVERY_PROBLEM: &str = include_str!("../../../docs/examples/every-problem.json");
const EVERY_PROBLEM_GEOJSON: &str = include_str!("../../../docs/examples/every-problem.geojson");
const EXAMPLE: &str = include_str!("../../../docs/examples/feed.json");
/// The record list first, the head after it.
const LIST_FIRST: &str = r#"{"merchants": [
  {"id": "a", "name": "A", "category": "food", "lat": 22.5, "lon": 114.0, "deals": [
    {"id": "a1", "title": "套餐", "price": 100, "original_price": 200, "pay": {"checkout": "https://pay.example.com/a1"}}]},
  1, "two", [3], null,
  {"id": "b", "name": "B \"quoted\" \\ [x] {y}", "category": "food", "lat": 22.6, "lon": 114.1}
 ], "crs": "gcj02", "checkout_hosts": ["pay.example.com"], "center": {"lat": 22.5, "lon": 114.0}, "version": 1}"#;

fn whole(bytes: &[u8]) -> Result<LoadedFeed, FeedError> {
    load_value(&parse_document(bytes)?)
}

fn in_steps(bytes: &[u8], step: usize) -> Result<LoadedFeed, FeedError> {
    let mut reader = FeedReader::new(bytes)?;
    while !reader.step(step)? {}
    reader.finish()
}

/// Text put into a document by a mutation.
fn insert() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        ",",
        "]",
        "[",
        "{",
        "}",
        "\"",
        "\\",
        ":",
        " ",
        "\n",
        "1",
        "\"merchants\": [],",
        "\"features\": [1],",
        "\"merch\\u0061nts\": [],",
        ", \"x\": [[[]]]",
        "\u{FEFF}",
        "é",
        "\"merchants\": [this is not json at all ],",
        "\"features\": [{\"a\": 1}}, ",
        "\"\\ud800\"",
        "{\"$serde_json::private::Number\": \"x\"}",
        "\"merchants\": 5,",
    ])
}

#[derive(Debug, Clone)]
enum Mutation {
    Keep,
    Truncate(usize),
    Delete(usize),
    Insert(usize, &'static str),
    /// Swap the bracket at or after a position for its other kind: `]` for `}`, `[` for `{`.
    SwapBracket(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        1 => Just(Mutation::Keep),
        2 => any::<usize>().prop_map(Mutation::Truncate),
        3 => any::<usize>().prop_map(Mutation::Delete),
        4 => (any::<usize>(), insert()).prop_map(|(at, text)| Mutation::Insert(at, text)),
        2 => any::<usize>().prop_map(Mutation::SwapBracket),
    ]
}

/// The nearest char boundary at or before `at % (len + 1)`.
fn boundary(text: &str, at: usize) -> usize {
    let mut i = at % (text.len() + 1);
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn apply(text: &str, mutations: &[Mutation]) -> String {
    let mut text = text.to_owned();
    for m in mutations {
        match *m {
            Mutation::Keep => {}
            Mutation::Truncate(at) => text.truncate(boundary(&text, at)),
            Mutation::Delete(at) => {
                let i = boundary(&text, at);
                if i < text.len() {
                    text.remove(i);
                }
            }
            Mutation::Insert(at, s) => {
                let i = boundary(&text, at);
                text.insert_str(i, s);
            }
            Mutation::SwapBracket(at) => {
                let i = boundary(&text, at);
                if let Some(j) = text[i..].find(['[', ']', '{', '}']) {
                    let swapped = match &text[i + j..=i + j] {
                        "[" => "{",
                        "{" => "[",
                        "]" => "}",
                        _ => "]",
                    };
                    text.replace_range(i + j..=i + j, swapped);
                }
            }
        }
    }
    text
}

/// A GeoJSON document that also has a `merchants` list, and a feed whose
/// `merchants` key comes twice (the last one wins).
const BOTH_LISTS: &str = r#"{"type": "FeatureCollection", "merchants": [{"x": [1, 2]}, 3], "features": [
  {"type": "Feature", "id": "g1", "geometry": {"type": "Point", "coordinates": [114.0, 22.5]}, "properties": {"name": "G"}}
 ], "name": "两个列表"}"#;
const REPEATED: &str = r#"{"merchants": [{"id": "x", "name": "X", "category": "food", "lat": 1, "lon": 2}],
 "merch\u0061nts": [{"id": "y", "name": "Y", "category": "food", "lat": 3, "lon": 4}, {}]}"#;

const DOCUMENTS: [&str; 6] =
    [EVERY_PROBLEM, EVERY_PROBLEM_GEOJSON, EXAMPLE, LIST_FIRST, BOTH_LISTS, REPEATED];

#[test]
fn the_unmutated_documents_agree() {
    for text in DOCUMENTS {
        let expected = whole(text.as_bytes());
        assert!(expected.is_ok());
        for step in [1, 7, 1 << 20] {
            assert_eq!(in_steps(text.as_bytes(), step), expected);
        }
    }
}

/// Documents a hostile author sent, which the reader once took for feeds.
#[test]
fn documents_that_are_not_json_are_refused() {
    for text in [
        r#"{"merchants":[{"id":"a","name":"A","category":"food","lat":1,"lon":2}}}"#,
        r#"{"type":"FeatureCollection","features":[],"merchants":[this is not json at all ]}"#,
        r#"{"merchants":[],"merchants":[1 2]}"#,
        r#"{"merchants":[{"name":"\ud800"}]}"#,
    ] {
        let expected = whole(text.as_bytes());
        assert!(matches!(expected, Err(FeedError::Syntax { .. })), "{text}: {expected:?}");
        assert_eq!(in_steps(text.as_bytes(), 5), expected, "{text}");
    }
    let repeated = whole(REPEATED.as_bytes()).unwrap();
    assert_eq!(repeated.feed.merchants.len(), 1);
    assert_eq!(repeated.feed.merchants[0].id, "y");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn mutated_documents_agree(
        which in 0..DOCUMENTS.len(),
        mutations in prop::collection::vec(mutation(), 1..4),
        step in prop_oneof![Just(1usize), 1..400usize, Just(usize::MAX)],
    ) {
        let text = apply(DOCUMENTS[which], &mutations);
        prop_assert_eq!(in_steps(text.as_bytes(), step), whole(text.as_bytes()));
    }
}

/// The UTF-8 check runs in steps of 64 bytes a byte of budget, so steps of
/// 1 to 8 cut the Chinese text (3 bytes a character) at every offset: a
/// cut character is checked whole in the next step, and a broken one is
/// refused at the offset a whole check gives.
#[test]
fn utf8_checked_in_steps_is_utf8_checked_whole() {
    let text = format!("{{\"name\": \"{}\", \"merchants\": []}}", "附近的团购".repeat(60));
    for step in 1..=8 {
        assert_eq!(in_steps(text.as_bytes(), step), whole(text.as_bytes()), "step {step}");
    }
    let mut broken = 0;
    for at in [0, 1, 11, 12, 13, 63, 64, 65, 200, text.len() - 1] {
        for bad in [0xff_u8, 0x80, 0xe9] {
            let mut bytes = text.clone().into_bytes();
            bytes[at] = bad;
            let want = whole(&bytes);
            broken += usize::from(matches!(want, Err(FeedError::NotUtf8(_))));
            for step in 1..=8 {
                assert_eq!(in_steps(&bytes, step), want, "byte {bad:#x} at {at}, step {step}");
            }
        }
        // Cut short inside a character.
        let cut = &text.as_bytes()[..at.max(11) + 1];
        for step in 1..=8 {
            assert_eq!(in_steps(cut, step), whole(cut), "cut at {at}, step {step}");
        }
    }
    assert!(broken >= 20, "only {broken} of the changes broke the UTF-8");
}
