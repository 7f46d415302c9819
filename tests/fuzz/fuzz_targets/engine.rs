//! Two or three articles (separated by 0xFF bytes) through `artdiff::analyse`, re-classified
//! under other thresholds and compared in reverse order. See `../checks.rs`.
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::engine(data));
