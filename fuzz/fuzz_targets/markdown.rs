//! Markdown → HTML (`markdown::to_html`, and `to_html_with` a resolver that resolves
//! every link, attachment and tag), the references and tags the loader reads, and the
//! `%% … %%` handling of `audience::strip_coach_only` / `mark_coach_only`, on the same
//! text, then each result rendered as the site does.
#![no_main]

use coachsite::audience::{mark_coach_only, strip_coach_only};
use coachsite::markdown::{Resolve, references, tags, to_html, to_html_with};
use libfuzzer_sys::fuzz_target;

/// Resolves everything, so every branch of links, embeds and tags is taken.
struct Everything;

impl Resolve for Everything {
    fn root(&self) -> &str {
        "../"
    }
    fn item(&self, path: &str) -> Option<(String, String)> {
        Some((format!("objectives/{path}.html"), format!("Title of {path}")))
    }
    fn attachment(&self, target: &str) -> Option<String> {
        Some(format!("attachments/{target}"))
    }
    fn tag(&self, tag: &str) -> Option<String> {
        Some(format!("lessons/tags/{tag}.html"))
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = to_html(text);
    let _ = to_html_with(text, &Everything);
    for r in references(text).iter() {
        assert!(text.is_char_boundary(r.offset) && r.offset < text.len());
    }
    let _ = tags(text);

    let (stripped, unclosed) = strip_coach_only(text);
    assert!(stripped.len() <= text.len());
    if let Some(at) = unclosed {
        assert!(text.is_char_boundary(at) && text[at..].starts_with("%%"));
    }
    let _ = to_html(&stripped);

    let marked = mark_coach_only(text);
    let _ = to_html(&marked);
});
