use super::*;

/// The text left once `asides` are cut.
fn reader(text: &str) -> String {
    cut(text, &asides(text).spans)
}

#[test]
fn asides_are_cut_and_an_unclosed_one_runs_to_the_end() {
    assert_eq!(reader("a %%secret%% b"), "a  b");
    assert_eq!(reader("a\n%%\nline1\nline2\n%%\nb"), "a\n\nb");
    assert_eq!(reader("%%x%%%%y%%z"), "z");
    let open = asides("ok %%closed%% then %%open to the end");
    assert_eq!(open.unclosed, Some(19));
    assert_eq!(reader("ok %%closed%% then %%open to the end"), "ok  then ");
}

#[test]
fn a_marker_in_code_is_literal_text() {
    // In a code span, and in a fenced block: Obsidian's own reading.
    assert_eq!(
        reader("Use `%%` for asides. X. And `%%` again."),
        "Use `%%` for asides. X. And `%%` again."
    );
    assert_eq!(reader("`printf(\"%%d %%s\")`"), "`printf(\"%%d %%s\")`");
    let fenced = "```\nx = \"%%\"\ny = 1\n```\nafter";
    assert_eq!(reader(fenced), fenced);
    // An aside that holds code stays whole, a `%%` in that code included.
    assert_eq!(
        reader("Text %% hidden `code %%` SECRET %% shown"),
        "Text  shown"
    );
    assert_eq!(reader("a %%\n```\nb %% c\n```\n%% d"), "a  d");
    // Code inside a callout.
    assert_eq!(
        reader("> [!tip] T\n> `%%` x\n\ny"),
        "> [!tip] T\n> `%%` x\n\ny"
    );
}

#[test]
fn when_code_and_asides_disagree_every_marker_counts() {
    // A fence opened inside an aside: taken at its word it would make the rest code
    // and show the second aside. The cut text is checked, and the safe reading wins.
    let text = "%%\n```\n%%\npublic\n%% secret %%";
    assert!(!reader(text).contains("secret"), "{}", reader(text));
    // An escaped backtick opens no code span.
    assert!(!reader("\\`%% secret %%\\`").contains("secret"));
    // A backtick inside an HTML attribute opens none either.
    let html = "<a title=\"`\">%% secret %%<b title=\"`\">";
    assert!(!reader(html).contains("secret"), "{}", reader(html));
    // A backtick run that never closes opens nothing.
    assert!(!reader("it`s %% secret %% and that is all").contains("secret"));
}

#[test]
fn titles_that_say_private() {
    for title in [
        "My thoughts (not shared)",
        "🔒 Private Notes",
        "Private notes",
        "Coach only",
        "coach-only",
        "Confidential",
        "For me only",
        "Notes privées",
        "Non partagé",
        "Réservé au coach",
        "Privat",
        "Vertraulich",
        "Nur für mich",
        "Nicht geteilt",
        "private",
        "🔐",
    ] {
        assert!(is_private_title(title), "{title}");
    }
    for title in [
        "Shared goals",
        "What we share",
        "Coaching approach",
        "Partage d'expérience",
        "Next steps",
        "Only the team",
        "Prioritäten",
        "Deprivation",
    ] {
        assert!(!is_private_title(title), "{title}");
    }
}

#[test]
fn a_callout_titled_private_is_a_section_to_its_last_quoted_line() {
    let text = "Before.\n\n> [!abstract]- My thoughts (not shared)\n> Ana seems tired.\n> > nested\n\nAfter.\n";
    let sections = private_sections(text);
    assert_eq!(sections.len(), 1, "{sections:?}");
    assert_eq!(
        cut(text, &[sections[0].range.clone()]),
        "Before.\n\n\nAfter.\n"
    );
    // By its kind too, and not an ordinary callout.
    assert_eq!(private_sections("> [!private]\n> x\n").len(), 1);
    assert!(private_sections("> [!note] Shared\n> x\n").is_empty());
}

#[test]
fn a_heading_titled_private_holds_everything_to_the_next_of_its_level() {
    let text = "# Session\n\nShared.\n\n## 🔒 Private Notes\n\nBurnout risk.\n\n### Detail\n\nMore.\n\n## Next steps\n\nShared again.\n";
    let sections = private_sections(text);
    assert_eq!(sections.len(), 1, "{sections:?}");
    assert_eq!(sections[0].title, "🔒 Private Notes");
    let left = cut(text, &[sections[0].range.clone()]);
    assert_eq!(
        left,
        "# Session\n\nShared.\n\n## Next steps\n\nShared again.\n"
    );
    // To the end when nothing follows; a setext heading counts; code does not.
    assert_eq!(
        cut(
            "Hi\n\n# Private\n\nx\n",
            &[private_sections("Hi\n\n# Private\n\nx\n")[0].range.clone()]
        ),
        "Hi\n\n"
    );
    let setext = "Notes privées\n---\n\nsecret\n\nPublic\n---\n\nshown\n";
    let s = private_sections(setext);
    assert_eq!(cut(setext, &[s[0].range.clone()]), "Public\n---\n\nshown\n");
    assert!(private_sections("```\n# Private\n```\n").is_empty());
    // Inside a quote: to the end of the quote.
    let quoted = "> ## Private\n> secret\n\nshown\n";
    let s = private_sections(quoted);
    let left = cut(quoted, &[s[0].range.clone()]);
    assert!(
        !left.contains("secret") && left.contains("shown"),
        "{left:?}"
    );
}

/// What the client reads of `text`: every private section of its reader's text cut.
fn client(text: &str) -> String {
    crate::audience::strip_coach_only(text).0
}

#[test]
fn private_sections_wherever_markdown_puts_them() {
    for (text, kept) in [
        // A heading on a list item's line, and a callout in a list item.
        ("- ## 🔒 Private Notes\n  SECRET\n\nShown.\n", "Shown."),
        ("1. ## Coach only\n   SECRET\n\nShown.\n", "Shown."),
        ("- > [!note] Private\n  > SECRET\n\nShown.\n", "Shown."),
        // A callout in a callout, and a line Markdown keeps in a quote without its `>`.
        (
            "> [!note] Recap\n> Shown.\n> > [!abstract]- My thoughts (not shared)\n> > SECRET\n",
            "Shown.",
        ),
        (
            "> [!abstract]- My thoughts (not shared)\n> first\nSECRET lazy line\n\nShown.\n",
            "Shown.",
        ),
        // Titles typed in other ways: decomposed accents, a zero-width space, emphasis
        // inside a word, underscores, a setext title over two lines.
        ("## Notes prive\u{301}es\n\nSECRET\n\n# Shown\n", "Shown"),
        ("## Nur fu\u{308}r mich\n\nSECRET\n\n# Shown\n", "Shown"),
        ("## Pri\u{200b}vate notes\n\nSECRET\n\n# Shown\n", "Shown"),
        ("## **Pri**vate notes\n\nSECRET\n\n# Shown\n", "Shown"),
        ("## coach_only\n\nSECRET\n\n# Shown\n", "Shown"),
        (
            "Private notes\nfor me\n---\n\nSECRET\n\nShown\n===\n",
            "Shown",
        ),
        // The private word at the start of a title's second line, after a hard break too.
        (
            "Intro.\n\nTitle\nprivate\n---\n\nSECRET\n\nShown\n===\n",
            "Shown",
        ),
        ("Title  \nprivate\n===\n\nSECRET\n\nShown\n===\n", "Shown"),
        // Full-width letters, a word without its apostrophe.
        ("## Ｐｒｉｖａｔｅ\n\nSECRET\n\n# Shown\n", "Shown"),
        ("## Dont share\n\nSECRET\n\n# Shown\n", "Shown"),
        // HTML comments: invisible on the page, but in its source.
        ("Shown <!-- SECRET --> text.\n", "Shown"),
        ("<!--\nSECRET\n-->\n\nShown\n", "Shown"),
        ("<div>\n<!-- SECRET -->\nShown\n</div>\n", "Shown"),
    ] {
        let read = client(text);
        assert!(!read.contains("SECRET"), "{text:?} reads {read:?}");
        assert!(read.contains(kept), "{text:?} reads {read:?}");
    }
}

#[test]
fn a_title_private_only_through_an_aside_is_private_for_no_one() {
    // Cut for the client, the title is "Next steps": the section is theirs. The coach's
    // marks and the notes of `check` say the same (the aside alone is marked).
    let text = "## Next steps %% not shared: ask about X %%\n\nPlan.\n";
    assert!(client(text).contains("Plan."));
    let found = asides(text);
    assert!(private_sections_read(text, &found).is_empty());
    let marked = crate::audience::mark_coach_only(text);
    assert!(
        marked.contains("<mark class=\"coach-only\"> not shared: ask about X </mark>"),
        "{marked}"
    );
    // And one made private by cutting an aside out of its title is private for everyone.
    let text = "Before.\n\n## Pri%%x%%vate\n\nSECRET\n";
    assert!(!client(text).contains("SECRET"));
    let found = asides(text);
    let sections = private_sections_read(text, &found);
    assert_eq!(sections.len(), 1);
    assert_eq!(
        &text[sections[0].range.clone()],
        "## Pri%%x%%vate\n\nSECRET\n"
    );
}

#[test]
fn plain_text_hides_what_any_reading_of_it_hides() {
    // A `%%` in backticks in a title: as Markdown it is literal, and the next pair is an
    // aside; as plain text every `%%` pairs. Neither shows the aside.
    let title = "A `%%` b %%SECRET%% c";
    let read = cut(title, &plain_asides(title).spans);
    assert!(!read.contains("SECRET"), "{read:?}");
    assert_eq!(cut("a %%b%% c", &plain_asides("a %%b%% c").spans), "a  c");
}

#[test]
fn a_run_of_setext_titles_is_read_in_linear_time() {
    // Each underline ends the paragraph above: the title read is its own lines only.
    let text = "Notes from the week\n-------------------\n".repeat(20_000);
    assert!(!may_have_private_title(&text));
    let text = format!("{text}Private\n---\n\nSECRET\n");
    assert!(!client(&text).contains("SECRET"));
}

#[test]
fn when_readings_differ_whatever_either_hides_is_hidden() {
    let a = paired(20, vec![0, 4]);
    let b = paired(20, vec![2, 10]);
    let both = union(a, b);
    assert_eq!(both.spans, vec![0..12]);
    assert_eq!(both.markers.len(), 4);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

    /// Whatever the text, what the client reads shows a `%%` only inside code, and the
    /// spans found are in order and on character boundaries.
    #[test]
    fn a_reader_sees_a_marker_only_in_code(
        text in proptest::string::string_regex("([`~%#>\\[\\]!*=a-c \\n-]|🔒|private|```|~~~|%%){0,60}").unwrap()
    ) {
        let found = asides(&text);
        for pair in found.spans.windows(2) {
            proptest::prop_assert!(pair[0].end <= pair[1].start);
        }
        for m in &found.markers {
            proptest::prop_assert_eq!(&text[m.clone()], "%%");
        }
        let read = crate::audience::strip_coach_only(&text).0;
        proptest::prop_assert!(private_sections(&read).is_empty(), "{text:?} reads {read:?}");
        // Each `%%` left in what the client reads is in code, in the page as rendered
        // (no backslash or `&` in these texts: `%\%` and `&#37;` make a `%%` of their own).
        let html = crate::markdown::to_html(&read);
        let mut outside = html.clone();
        for (open, close) in [("<pre", "</pre>"), ("<code", "</code>")] {
            while let Some(at) = outside.find(open) {
                let end = outside[at..].find(close).map_or(outside.len(), |e| at + e + close.len());
                outside.replace_range(at..end, " ");
            }
        }
        proptest::prop_assert!(!outside.contains("%%"), "{text:?} reads {read:?}: {html}");
    }
}
