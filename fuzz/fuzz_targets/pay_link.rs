#![no_main]
//! Fuzz target `pay_link`: see `fuzz_checks::pay_link` for what it checks.

#[path = "../../crates/fujin-core/tests/fuzz_checks/mod.rs"]
mod fuzz_checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| fuzz_checks::pay_link(data));
