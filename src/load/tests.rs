use super::*;

#[test]
fn splits_front_matter_and_counts_lines() {
    let text = "---\ntitle: x\n---\nBody\n";
    let fm = split_front_matter(text).unwrap();
    assert_eq!(fm.yaml, "---\ntitle: x\n");
    assert_eq!(fm.body, "Body\n");
    assert_eq!(fm.body_line, 4);
}

#[test]
fn a_later_rule_is_markdown_not_front_matter() {
    let text = "---\ntitle: x\n---\nA\n\n---\n\nB\n";
    assert_eq!(split_front_matter(text).unwrap().body, "A\n\n---\n\nB\n");
}

#[test]
fn front_matter_must_open_on_the_first_line_and_close() {
    assert_eq!(
        split_front_matter("title: x\n"),
        Err(FrontMatterError::Missing)
    );
    assert_eq!(
        split_front_matter("---\ntitle: x\n"),
        Err(FrontMatterError::NotClosed)
    );
    assert_eq!(
        split_front_matter("---\r\ntitle: x\r\n---\r\nB")
            .unwrap()
            .body,
        "B"
    );
    assert_eq!(split_front_matter("---\ntitle: x\n---").unwrap().body, "");
}

#[test]
fn ids_are_lower_case_digits_and_dashes() {
    assert!(is_valid_id("sprint-goals-2"));
    assert!(!is_valid_id("Sprint Goals"));
    assert!(!is_valid_id("sprint_goals"));
    assert!(!is_valid_id(""));
    assert_eq!(suggest_id("Sprint Goals"), "sprint-goals");
    assert_eq!(suggest_id("sprint_goals!"), "sprint-goals");
    assert_eq!(suggest_id("Délégation"), "delegation");
    assert_eq!(
        suggest_id("Prise de parole en réunion"),
        "prise-de-parole-en-reunion"
    );
    assert_eq!(suggest_id("Übergabe an das Team"), "ubergabe-an-das-team");
}

#[test]
fn yaml_errors_point_into_the_markdown_file() {
    let text = "---\ntitle: Meet the goal\ntitel: typo\n---\nBody\n";
    let fm = split_front_matter(text).unwrap();
    let err = parse_yaml::<LessonFront>(text, fm.yaml, "lessons/a.md", "lesson front matter")
        .unwrap_err();
    assert_eq!((err.line, err.column), (3, 1));
    assert_eq!(err.message, "unknown key `titel` in lesson front matter");
    assert_eq!(err.help.as_deref(), Some("did you mean `title`?"));
    assert_eq!(err.source_line.as_deref(), Some("titel: typo"));
}

#[test]
fn wrong_types_and_impossible_dates_are_located() {
    let text = "---\ndate: 2026-02-30\ntitle: x\n---\n";
    let fm = split_front_matter(text).unwrap();
    let err = parse_yaml::<SessionFront>(text, fm.yaml, "s.md", "session").unwrap_err();
    assert_eq!(err.line, 2);
    assert_eq!(
        err.message,
        "`2026-02-30` is not a date: February 2026 has 28 days"
    );

    let text = "---\ndate: 2026-02-03\ntitle: x\nduration: ninety\n---\n";
    let fm = split_front_matter(text).unwrap();
    let err = parse_yaml::<SessionFront>(text, fm.yaml, "s.md", "session").unwrap_err();
    assert_eq!((err.line, err.column), (4, 11));
    assert!(err.message.contains("expected a number"), "{}", err.message);

    // A quoted number is text, not a number.
    let text = "---\ndate: 2026-02-03\ntitle: x\nduration: \"5\"\n---\n";
    let fm = split_front_matter(text).unwrap();
    let err = parse_yaml::<SessionFront>(text, fm.yaml, "s.md", "session").unwrap_err();
    assert_eq!((err.line, err.column), (4, 11));
    assert!(err.message.contains("without quotes"), "{}", err.message);
}

#[test]
fn text_that_reads_as_structure_says_to_quote_it() {
    let text = "---\ndate: 2026-01-20\ntitle: x\nlessons:\n  - Lesson: small steps\n---\n";
    let fm = split_front_matter(text).unwrap();
    let err =
        parse_yaml::<SessionFront>(text, fm.yaml, "s.md", "session front matter").unwrap_err();
    assert_eq!((err.line, err.column), (5, 5));
    assert_eq!(err.message, "expected text here in session front matter");
    assert!(err.help.unwrap().contains("put it in quotes"));
}

#[test]
fn missing_keys_and_bad_enum_values_are_explained() {
    let text = "---\ntitle: x\n---\n";
    let fm = split_front_matter(text).unwrap();
    let err =
        parse_yaml::<SessionFront>(text, fm.yaml, "s.md", "session front matter").unwrap_err();
    assert_eq!(err.message, "missing key `date` in session front matter");

    let text = "---\ntitle: x\nstatus: actve\n---\n";
    let fm = split_front_matter(text).unwrap();
    let err = parse_yaml::<ObjectiveFront>(text, fm.yaml, "o.md", "objective").unwrap_err();
    assert_eq!(err.line, 3);
    assert_eq!(err.message, "`actve` is not allowed here");
    assert!(err.help.unwrap().starts_with("did you mean `active`?"));
}

#[test]
fn a_note_whose_body_alone_changed_is_taken_in_alone() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("sessions")).unwrap();
    std::fs::write(root.join("engagement.yaml"), "").unwrap();
    let note = root.join("sessions/2026-01-20-kick-off.md");
    let front = "---\ndate: 2026-01-20\ntitle: Kick-off\n---\n";
    let write = |body: &str| std::fs::write(&note, format!("{front}{body}")).unwrap();
    let edit = |cache: &Cache| cache.body_edit(root, &note).map(|e| e.body.0);
    write("We met [[someone]]. #flow\n");
    let cache = Cache::default();
    let held = |cache: &Cache| {
        let _ = load_cached(root, Some(cache));
        assert_eq!(cache.len(), 1);
    };
    held(&cache);
    write("We met [[someone]] today. #flow\n");
    assert_eq!(
        edit(&cache).as_deref(),
        Some("We met [[someone]] today. #flow\n")
    );
    assert_eq!(
        edit(&cache).as_deref(),
        Some("We met [[someone]] today. #flow\n"),
        "nothing changed"
    );
    for (what, text) in [
        (
            "a link more",
            format!("{front}[[someone]] and [[else]]. #flow\n"),
        ),
        ("a tag less", format!("{front}We met [[someone]].\n")),
        (
            "the front matter",
            "---\ndate: 2026-01-21\ntitle: Kick-off\n---\nWe met [[someone]]. #flow\n".to_string(),
        ),
        (
            "a problem",
            "---\ndate: 2026-01-20\ntitle: Kick-off\nmood: fine\n---\nWe met [[someone]]. #flow\n"
                .to_string(),
        ),
    ] {
        let cache = Cache::default();
        write("We met [[someone]]. #flow\n");
        held(&cache);
        std::fs::write(&note, text).unwrap();
        assert_eq!(edit(&cache), None, "{what}");
    }
    assert_eq!(
        Cache::default().body_edit(root, &note).map(|e| e.id),
        None,
        "a note not held"
    );
}

#[test]
fn a_load_that_takes_the_watchers_word_is_checked_after() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("sessions")).unwrap();
    let info = include_str!("../../tests/fixtures/minimal/engagement.yaml");
    std::fs::write(root.join("engagement.yaml"), info).unwrap();
    let note = |day: u32| root.join(format!("sessions/2026-01-{day}-check-in.md"));
    let write = |day: u32, title: &str| {
        let text = format!("---\ndate: 2026-01-{day}\ntitle: {title}\n---\nBody\n");
        std::fs::write(note(day), text).unwrap();
    };
    let titles = |cache: &Cache| {
        let loaded = load_cached(root, Some(cache)).unwrap();
        let titles = loaded.engagement.sessions.iter();
        titles.map(|s| s.front.title.clone()).collect::<Vec<_>>()
    };
    write(20, "One");
    write(21, "Two");
    let cache = Cache::default();
    assert!(
        !cache.trust(&[note(20)]),
        "no walk yet to take its word over"
    );
    assert_eq!(titles(&cache), ["One", "Two"]);
    assert!(!cache.missed(root));

    // A save the watcher reported, and one it did not.
    write(20, "One, again");
    write(21, "Two, unreported");
    cache.forget(&[note(20)]);
    assert!(cache.trust(&[note(20)]));
    assert_eq!(
        titles(&cache),
        ["One, again", "Two"],
        "the other file is not looked at"
    );
    assert!(cache.missed(root), "the check after finds it");
    assert_eq!(titles(&cache), ["One, again", "Two, unreported"]);
    assert!(!cache.missed(root));

    // A file that is new, gone or not a note is walked for.
    std::fs::write(note(22), "---\ndate: 2026-01-22\ntitle: Three\n---\n").unwrap();
    assert!(!cache.trust(&[note(22)]), "a new file");
    assert!(!cache.trust(&[root.join("engagement.yaml")]), "not a note");
    std::fs::remove_file(note(21)).unwrap();
    assert!(!cache.trust(&[note(21)]), "a file gone");
    assert!(
        !cache.trust(&[]),
        "nothing reported: anything may have changed"
    );
    assert_eq!(titles(&cache), ["One, again", "Three"]);
    // A file made after a load is a change the walk finds.
    std::fs::write(note(23), "---\ndate: 2026-01-23\ntitle: Four\n---\n").unwrap();
    assert!(cache.missed(root));
}
