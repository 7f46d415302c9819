//! Arbitrary text (bytes decoded lossily) through `segment::split`. See `../checks.rs`.
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::segment(&String::from_utf8_lossy(data)));
