#![no_main]
//! Fuzz target `reader`: see `fuzz_checks::reader` for what it checks.

#[path = "../../crates/fujin-core/tests/fuzz_checks/mod.rs"]
mod fuzz_checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| fuzz_checks::reader(data));
