//! Hostile feeds cost memory in proportion to their bytes, never to what
//! they claim. The peak of the heap while loading is measured with a
//! counting allocator (the input itself is allocated before measuring), so
//! these are exact byte counts, not timings.

// Native only: its dev-dependencies are not built for wasm32 (see Cargo.toml).
#![cfg(not(target_arch = "wasm32"))]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use fujin_core::feed::limits::{MAX_KEPT_PROBLEMS, MAX_RECORD_BYTES};
use fujin_core::feed::{FeedError, LoadedFeed, load_feed};

struct Counting;

static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
/// One measurement at a time: the counters are global.
static LOCK: Mutex<()> = Mutex::new(());

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = NOW.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(now, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        NOW.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Taken by each test for its whole run, so that no other test's
/// allocations are counted in its measurements.
fn alone() -> std::sync::MutexGuard<'static, ()> {
    LOCK.lock().unwrap_or_else(|e| e.into_inner())
}

/// Loads `bytes` and returns the result with the heap's peak growth while loading.
fn load_measured(bytes: &[u8]) -> (Result<LoadedFeed, FeedError>, usize) {
    let before = NOW.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let result = load_feed(bytes);
    let peak = PEAK.load(Ordering::Relaxed) - before;
    // Shown with `--nocapture`: the figures in docs/feed.md come from here.
    eprintln!("{} bytes in, heap peak {peak} bytes", bytes.len());
    (result, peak)
}

const MB: usize = 1 << 20;

fn feed_of_records(record: &str, n: usize) -> Vec<u8> {
    let mut text = String::with_capacity(n * (record.len() + 1) + 20);
    text.push_str("{\"merchants\":[");
    for i in 0..n {
        if i > 0 {
            text.push(',');
        }
        text.push_str(record);
    }
    text.push_str("]}");
    text.into_bytes()
}

#[test]
fn twenty_megabytes_of_commas() {
    let _alone = alone();
    let mut text = b"{\"merchants\":[".to_vec();
    text.resize(text.len() + 20 * MB, b',');
    text.extend_from_slice(b"]}");
    let (result, peak) = load_measured(&text);
    assert!(matches!(result, Err(FeedError::Syntax { .. })), "{result:?}");
    assert!(peak < MB, "peak {peak} bytes");
}

#[test]
fn a_million_empty_records() {
    let _alone = alone();
    let text = feed_of_records("{}", 1_000_000);
    let (result, peak) = load_measured(&text);
    let loaded = result.unwrap();
    assert_eq!(loaded.rejected, 1_000_000);
    assert_eq!(loaded.problems.len(), MAX_KEPT_PROBLEMS);
    assert_eq!(loaded.problem_count, 5_000_000, "id, name, category, lat and lon are missing");
    assert_eq!(loaded.problems[0].to_string(), "/merchants/0/id: id is missing");
    assert!(peak < 2 * text.len(), "peak {peak} bytes for {} bytes", text.len());
}

#[test]
fn a_million_bare_numbers() {
    let _alone = alone();
    let text = feed_of_records("1", 1_000_000);
    let (result, peak) = load_measured(&text);
    assert_eq!(result.unwrap().problem_count, 1_000_000);
    assert!(peak < 2 * text.len(), "peak {peak} bytes for {} bytes", text.len());

    let top = format!("[{}1]", "1,".repeat(1_000_000));
    let (result, peak) = load_measured(top.as_bytes());
    assert_eq!(
        result.unwrap_err().to_string(),
        "not a Fujin feed or GeoJSON FeatureCollection: the top level is a list, not an object"
    );
    assert!(peak < MB, "peak {peak} bytes");
}

#[test]
fn documents_that_are_not_read_are_not_built() {
    let _alone = alone();
    // A truncated feed, a list of lists at the top, a broken list of a million objects.
    let truncated = feed_of_records("[[[]]]", 1_000_000);
    let truncated = &truncated[..truncated.len() - 3];
    let lists = format!("[{}[]]", "[],".repeat(1_000_000));
    let mut broken = feed_of_records("{\"a\":[]}", 1_000_000);
    broken.extend_from_slice(b"}");
    for text in [truncated, lists.as_bytes(), &broken] {
        let (result, peak) = load_measured(text);
        assert!(result.is_err());
        assert!(peak < MB, "peak {peak} bytes");
    }
}

#[test]
fn a_huge_head_or_record_is_not_built() {
    let _alone = alone();
    let head = format!("{{\"x\":[{}1],\"merchants\":[]}}", "1,".repeat(1_000_000));
    let (result, peak) = load_measured(head.as_bytes());
    assert!(matches!(result, Err(FeedError::HeadTooLarge { .. })), "{result:?}");
    assert!(peak < MB, "peak {peak} bytes");

    let big = format!(r#"{{"id":"big","junk":[{}1]}}"#, "[],".repeat(MAX_RECORD_BYTES));
    let good = r#"{"id":"a","name":"A","category":"food","lat":1,"lon":2}"#;
    let text = format!("{{\"merchants\":[{good},{big},{good}]}}").replace("\"a\"", "\"a\"");
    let (result, peak) = load_measured(text.as_bytes());
    let loaded = result.unwrap();
    assert_eq!(loaded.problems.len(), 2, "{:?}", loaded.problems);
    assert_eq!(
        loaded.problems[0].to_string(),
        format!("/merchants/1: record is {} bytes long; the limit is {MAX_RECORD_BYTES} bytes", big.len())
    );
    assert!(peak < MB, "peak {peak} bytes");
}
