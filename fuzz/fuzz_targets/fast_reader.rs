//! The fast block reader against the reader on saphyr-parser's events (tests/fast_reader.rs
//! with coverage guidance): wherever the fast reader reads a text, both give the same tree,
//! every value, style and span, and the same errors; the fast reader never reads a text that
//! saphyr-parser refuses.

#![no_main]

use libfuzzer_sys::fuzz_target;
use tenderlint::read::yaml::{load_fast, load_on_events};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Some(fast) = load_fast(text) else {
        return;
    };
    let parsed = load_on_events(text)
        .unwrap_or_else(|error| panic!("read a text saphyr-parser refuses: {}", error.message));
    assert!(fast.root() == parsed.root(), "trees differ for {text:?}");
    assert_eq!(fast.errors, parsed.errors, "errors differ for {text:?}");
});
