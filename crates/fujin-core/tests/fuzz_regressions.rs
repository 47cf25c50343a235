//! Replays the fuzz targets' seeds and every past finding (`fuzz/seeds/`,
//! `fuzz/regressions/`) on stable, so that `cargo test` catches a
//! regression without nightly or libFuzzer. `scripts/fuzz.sh` runs the
//! fuzzers themselves.

// Native only: its dev-dependencies are not built for wasm32 (see Cargo.toml).
#![cfg(not(target_arch = "wasm32"))]

mod fuzz_checks;

use std::path::Path;

fn replay(folder: &str) -> usize {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz").join(folder);
    let mut count = 0;
    for (name, check) in fuzz_checks::TARGETS {
        let Ok(entries) = std::fs::read_dir(root.join(name)) else { continue };
        let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for path in paths {
            let data = std::fs::read(&path).unwrap();
            let outcome = std::panic::catch_unwind(|| check(&data));
            assert!(outcome.is_ok(), "{name}: {} fails again", path.display());
            count += 1;
        }
    }
    count
}

#[test]
fn past_findings_stay_fixed() {
    replay("regressions");
}

#[test]
fn seeds_pass() {
    assert!(replay("seeds") >= fuzz_checks::TARGETS.len(), "every target has seeds");
}
