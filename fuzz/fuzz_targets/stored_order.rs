#![no_main]
//! Fuzz target `stored_order`: see `fuzz_checks::stored_order` for what it checks.

#[path = "../../crates/fujin-core/tests/fuzz_checks/mod.rs"]
mod fuzz_checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| fuzz_checks::stored_order(data));
