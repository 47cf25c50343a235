#![no_main]
//! Fuzz target `datums`: see `fuzz_checks::datums` for what it checks.

#[path = "../../crates/fujin-core/tests/fuzz_checks/mod.rs"]
mod fuzz_checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| fuzz_checks::datums(data));
