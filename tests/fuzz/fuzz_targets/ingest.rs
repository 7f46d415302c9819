//! Arbitrary bytes through `ingest::load_bytes` (the first byte picks `.txt`, `.md`, `.html`
//! or no extension), then the loaded text through `segment::split`. See `../checks.rs`.
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::ingest(data));
