//! `load::split_front_matter` on any UTF-8 text.
#![no_main]

use coachsite::load::split_front_matter;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(fm) = split_front_matter(text) {
        // The two halves are slices of the text, in order, and the body starts after
        // the opening line at least.
        assert!(fm.yaml.len() + fm.body.len() <= text.len());
        assert!(text.starts_with(fm.yaml));
        assert!(text.ends_with(fm.body));
        assert!(fm.body_line >= 3);
    }
});
