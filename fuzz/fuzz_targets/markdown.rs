//! Markdown → HTML (`markdown::to_html`, and `to_html_with` a resolver that resolves
//! every link, attachment and tag), the references and tags the loader reads, and the
//! `%% … %%` handling of `audience::strip_coach_only` / `mark_coach_only`, on the same
//! text, then each result rendered as the site does; and what `markdown::private` finds
//! coach-only (asides with code kept literal, sections titled private): in order, on
//! character boundaries, and gone from what the client reads.
#![no_main]

use coachsite::audience::{mark_coach_only, strip_coach_only};
use coachsite::markdown::private::{
    asides, coach_only_spans, has_marker, private_sections, stays_code,
};
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
        assert!(r.offset <= r.end && r.end <= text.len() && text.is_char_boundary(r.end));
        assert!(text.get(r.words.clone()).is_some());
    }
    let found = asides(text);
    let sections = private_sections(text);
    let spans = coach_only_spans(text);
    for list in [&found.spans, &found.markers, &spans] {
        for pair in list.windows(2) {
            assert!(pair[0].end <= pair[1].start, "in order, apart: {list:?}");
        }
        for span in list.iter() {
            assert!(span.start <= span.end && span.end <= text.len());
            assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        }
    }
    for m in &found.markers {
        assert_eq!(&text[m.clone()], "%%");
    }
    for s in &sections {
        assert!(text.get(s.range.clone()).is_some());
    }
    let _ = tags(text);

    let (stripped, unclosed) = strip_coach_only(text);
    assert!(stripped.len() <= text.len());
    // What the client reads holds a `%%` only in code, and no section titled private.
    assert!(!has_marker(&stripped) || stays_code(&stripped));
    assert!(private_sections(&stripped).is_empty());
    if let Some(at) = unclosed {
        assert!(text.is_char_boundary(at) && text[at..].starts_with("%%"));
    }
    let _ = to_html(&stripped);

    let marked = mark_coach_only(text);
    let _ = to_html(&marked);
});
