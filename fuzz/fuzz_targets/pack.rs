#![no_main]
//! Fuzz target `pack`: see `fuzz_checks::pack` for what it checks.

#[path = "../../crates/fujin-core/tests/fuzz_checks/mod.rs"]
mod fuzz_checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| fuzz_checks::pack(data));
