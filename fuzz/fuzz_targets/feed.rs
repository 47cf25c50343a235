#![no_main]
//! Fuzz target `feed`: see `fuzz_checks::feed` for what it checks.

#[path = "../../crates/fujin-core/tests/fuzz_checks/mod.rs"]
mod fuzz_checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| fuzz_checks::feed(data));
