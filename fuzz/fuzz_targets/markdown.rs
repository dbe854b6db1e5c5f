//! Markdown → HTML (`markdown::to_html`) and the `%% … %%` handling of
//! `audience::strip_coach_only` / `mark_coach_only`, on the same text, then each
//! result rendered as the site does.
#![no_main]

use coachsite::audience::{mark_coach_only, strip_coach_only};
use coachsite::markdown::to_html;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = to_html(text);

    let (stripped, unclosed) = strip_coach_only(text);
    assert!(stripped.len() <= text.len());
    if let Some(at) = unclosed {
        assert!(text.is_char_boundary(at) && text[at..].starts_with("%%"));
    }
    let _ = to_html(&stripped);

    let marked = mark_coach_only(text);
    let _ = to_html(&marked);
});
