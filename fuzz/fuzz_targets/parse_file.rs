//! One file of each kind through its loader (`load::parse_file_text`), and the
//! diagnostics it yields rendered as the CLI shows them, plain and coloured.
//!
//! Input: the first byte picks the file kind (`PATHS[byte % 6]`), the rest is the text.
#![no_main]

use coachsite::load::parse_file_text;
use libfuzzer_sys::fuzz_target;

const PATHS: [&str; 6] = [
    "engagement.yaml",
    "plan.yaml",
    "objectives/x.md",
    "sessions/2026-01-05-x.md",
    "lessons/x.md",
    "assessments/2026-01-05-x.yaml",
];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let path = PATHS[selector as usize % PATHS.len()];
    let diags = parse_file_text(path, text);
    let _ = diags.render(false);
    let _ = diags.render(true);
    for d in &diags.items {
        let _ = d.location();
        let _ = d.to_string();
    }
});
