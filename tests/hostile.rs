//! Hostile and careless input that needs more than a fixture file: inputs too large to
//! keep in the repository, command-line arguments, and what the tool writes. Each case
//! gives a clear error (exit 1, the file and line, what to do) or a correct site, never
//! a panic or a hang, and a failed run leaves the previous output as it was. The cases
//! that are a file each live in tests/fixtures/broken/ (tests/errors.rs).

mod common;

use std::process::Output;

use common::{AS_OF, Project, snapshot, stderr};

fn coachsite() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("coachsite").expect("binary")
}

/// A build that must fail with `lines` in its messages, leaving the last site as it was.
fn fails_cleanly(project: &Project, output: &Output, before: &[(String, Vec<u8>)], lines: &[&str]) {
    let err = stderr(output);
    assert_eq!(output.status.code(), Some(1), "exit code\n{err}");
    assert!(!err.contains("panicked"), "panic\n{err}");
    for line in lines {
        assert!(err.contains(line), "stderr lacks {line:?}\n{err}");
    }
    assert!(err.contains("help:"), "says what to do\n{err}");
    assert_eq!(snapshot(&project.out), before, "the previous site changed");
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_it_is_read() {
    let p = Project::minimal();
    p.build_ok(&[]);
    let before = snapshot(&p.out);
    // 9 MiB of notes: over the 8 MiB limit.
    let mut note = String::from("---\ndate: 2026-02-10\ntitle: Long\n---\n");
    note.push_str(&"All work and no play. ".repeat(9 * 1024 * 1024 / 22));
    p.write("sessions/2026-02-10-long.md", &note);
    let output = p.build(&[]);
    fails_cleanly(
        &p,
        &output,
        &before,
        &[
            "sessions/2026-02-10-long.md",
            "this file is 9.0 MiB: coachsite reads files of up to 8 MiB",
        ],
    );
}

#[test]
fn a_list_over_the_yaml_budget_is_explained() {
    let p = Project::minimal();
    p.build_ok(&[]);
    let before = snapshot(&p.out);
    // 300,000 attendees: more values than one file may hold (250,000), under 8 MiB.
    let attendees = vec!["a"; 300_000].join(", ");
    p.write(
        "sessions/2026-02-10-crowd.md",
        &format!("---\ndate: 2026-02-10\ntitle: Crowd\nattendees: [{attendees}]\n---\n"),
    );
    let output = p.build(&[]);
    fails_cleanly(
        &p,
        &output,
        &before,
        &[
            "sessions/2026-02-10-crowd.md:4:",
            "this file holds more than 250000 values",
            "split it",
        ],
    );
}

/// A YAML alias bomb (one long text, repeated by `*name` a hundred times): told in
/// words, not by the parser's name for its budget.
#[test]
fn an_alias_bomb_is_told_in_words() {
    let p = Project::minimal();
    p.build_ok(&[]);
    let before = snapshot(&p.out);
    let mut items = vec![format!("&a0 \"{}\"", "x".repeat(1_000_000))];
    items.extend(std::iter::repeat_n("*a0".to_string(), 100));
    p.write(
        "sessions/2026-01-21-bomb.md",
        &format!(
            "---\ndate: 2026-01-21\ntitle: Bomb\nattendees: [{}]\n---\nx\n",
            items.join(", ")
        ),
    );
    let output = p.build(&[]);
    fails_cleanly(
        &p,
        &output,
        &before,
        &[
            "sessions/2026-01-21-bomb.md:4:",
            "with each YAML alias (`*name`) written out in full, are far longer than any engagement file",
        ],
    );
    assert!(
        !stderr(&output).contains("budget breached"),
        "{}",
        stderr(&output)
    );
    assert!(
        !stderr(&output).contains("ScalarBytes"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_note_of_ten_thousand_broken_links_gives_a_short_report() {
    let p = Project::minimal();
    p.build_ok(&[]);
    let before = snapshot(&p.out);
    let mut note = String::from("---\ndate: 2026-02-10\ntitle: Links\n---\n");
    // As many links as a note may hold (10,000).
    note.push_str(&"See [[nowhere]] and ![[gone.png]].\n".repeat(5_000));
    p.write("sessions/2026-02-10-links.md", &note);
    let output = p.build(&[]);
    fails_cleanly(
        &p,
        &output,
        &before,
        &[
            // A link to no note is its words (a note of `check`); a missing image is
            // an error, of which twenty are located.
            "sessions/2026-02-10-links.md:5:21",
            "no attachment `gone.png`",
            "sessions/2026-02-10-links.md:24:21",
            "4980 more links in this file name several items or a missing file",
        ],
    );
    assert!(
        stderr(&output).len() < 20_000,
        "twenty located errors, then a count"
    );
    // The same links to an item that exists, and ten thousand #tags: a site.
    let mut note = String::from("---\ndate: 2026-02-10\ntitle: Links\n---\n");
    note.push_str(&"See [[sprint-goals]] about #flow.\n".repeat(10_000));
    p.write("sessions/2026-02-10-links.md", &note);
    p.build_ok(&["--audience", "coach"]);
    assert!(
        p.page("objectives/sprint-goals.html")
            .contains("sessions/2026-02-10-links.html")
    );
    assert!(
        p.page("lessons/tags/flow.html")
            .contains("sessions/2026-02-10-links.html")
    );
    // Five thousand different #tags: a hundred make tag pages, and a warning says so.
    let mut note = String::from("---\ndate: 2026-02-10\ntitle: Tags\n---\n");
    for i in 0..5_000 {
        note.push_str(&format!("#tag{i} "));
    }
    p.write("sessions/2026-02-10-links.md", &note);
    let output = p.build(&["--audience", "coach"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output)
            .contains("this note has 5000 different #tags: only the first 100 are its tags"),
        "{}",
        stderr(&output)
    );
    let tag_pages = std::fs::read_dir(p.out.join("lessons/tags"))
        .unwrap()
        .count();
    assert!(tag_pages <= 110, "{tag_pages} tag pages");
}

/// A note of nothing but Markdown marks, or of more links than a note may hold: the
/// parser's work and memory grow with the marks (a node each), so such a file is refused
/// before anything parses it, at the line where it passes the limit.
#[test]
fn a_note_of_millions_of_marks_or_links_is_refused_before_it_is_parsed() {
    let p = Project::minimal();
    p.build_ok(&[]);
    let before = snapshot(&p.out);
    let head = "---\ndate: 2026-02-10\ntitle: Marks\n---\n";
    // 4 MiB of `[`, on one line.
    p.write(
        "sessions/2026-02-10-marks.md",
        &format!("{head}{}", "[".repeat(4 << 20)),
    );
    let output = p.build(&[]);
    fails_cleanly(
        &p,
        &output,
        &before,
        &[
            "sessions/2026-02-10-marks.md:5:",
            "more than 500000 lines, quotes, lists and Markdown marks ([, ], *, _, `, <, !, &, \\, |, ~, #, =, %) in one file",
            "split the note",
        ],
    );
    assert!(stderr(&output).len() < 2_000, "the line is not quoted");
    // 10,001 links to an item that exists: the error is at the one past the limit.
    let links = "[[sprint-goals]]\n".repeat(10_001);
    p.write("sessions/2026-02-10-marks.md", &format!("{head}{links}"));
    let output = p.build(&[]);
    fails_cleanly(
        &p,
        &output,
        &before,
        &[
            "sessions/2026-02-10-marks.md:10005:1",
            "more than 10000 links and embeds in one file",
        ],
    );
    // A line nested 65 quotes deep: each is a container the parser keeps.
    p.write(
        "sessions/2026-02-10-marks.md",
        &format!("{head}Fine.\n\n{}deep\n", "> ".repeat(65)),
    );
    let output = p.build(&[]);
    fails_cleanly(
        &p,
        &output,
        &before,
        &[
            "sessions/2026-02-10-marks.md:7:1",
            "this line is nested 65 quotes and lists deep: coachsite reads no more than 64",
        ],
    );
    p.write("sessions/2026-02-10-marks.md", &format!("{head}{links}"));
    // `check` says the same, and neither reads it as a note.
    let output = coachsite()
        .arg("check")
        .arg(&p.root)
        .args(["--as-of", AS_OF, "--color", "never"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("more than 10000 links"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn ten_thousand_identical_headings_build() {
    // Numbering repeated heading ids used to be cubic: 10,000 did not finish in five
    // minutes. Now linear; the test suite's own time limit would catch a regression.
    let p = Project::minimal();
    let mut note = String::from("---\ndate: 2026-02-10\ntitle: Headings\n---\n");
    note.push_str(&"# Check-in\n\nSaid hello.\n\n".repeat(10_000));
    p.write("sessions/2026-02-10-headings.md", &note);
    p.build_ok(&["--audience", "coach"]);
    let page = p.page("sessions/2026-02-10-headings.html");
    assert!(page.contains("id=\"check-in\""));
    assert!(page.contains("id=\"check-in-10000\""));
}

#[test]
fn a_note_of_three_hundred_thousand_distinct_words_makes_a_bounded_search_index() {
    // Every word new: without the limit on the words indexed per page, the index (a trie
    // of every word) would grow with the note, tens of MiB for this one.
    let p = Project::minimal();
    let mut note = String::from("---\ndate: 2026-02-10\ntitle: Words\n---\n");
    for i in 0..300_000u32 {
        let word: String = (0..5)
            .map(|k| char::from(b'a' + ((i / 26u32.pow(k)) % 26) as u8))
            .collect();
        note.push_str(&word);
        note.push(if i % 12 == 11 { '\n' } else { ' ' });
    }
    p.write("sessions/2026-02-10-words.md", &note);
    p.build_ok(&["--audience", "coach"]);
    let search: usize = (p.snapshot().into_iter())
        .filter(|(path, _)| path == "search.html" || path.starts_with("search/"))
        .map(|(_, bytes)| bytes.len())
        .sum();
    assert!(
        search < 4 * 1024 * 1024,
        "search's files are {search} bytes"
    );
    // The page itself has every word.
    assert!(p.page("sessions/2026-02-10-words.html").len() > note.len());
}

#[test]
fn a_word_of_sixty_thousand_letters_builds() {
    // The index is a tree with one level per letter: this word overflowed the stack
    // (an abort, not even a panic) until words longer than 64 letters were left out.
    let p = Project::minimal();
    let note = format!(
        "---\ndate: 2026-02-10\ntitle: Long\n---\n{}\n",
        "a".repeat(60_000)
    );
    p.write("sessions/2026-02-10-long.md", &note);
    p.build_ok(&["--audience", "coach"]);
    assert!(
        p.page("sessions/2026-02-10-long.html")
            .contains(&"a".repeat(60_000))
    );
}

#[test]
fn as_of_outside_the_calendar_range_is_refused() {
    let p = Project::minimal();
    for date in ["0000-01-01", "9999-12-31"] {
        let output = coachsite()
            .arg("check")
            .arg(&p.root)
            .args(["--as-of", date])
            .output()
            .unwrap();
        let err = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{err}");
        assert!(
            err.contains(&format!(
                "`{date}` is out of range: dates are between 1900 and 2200"
            )),
            "{err}"
        );
    }
}

#[test]
fn an_output_folder_inside_what_coachsite_reads_is_refused() {
    let p = Project::minimal();
    for out in ["static/site", "sessions/site", "templates/out"] {
        let target = p.root.join(out);
        for command in common::WRITING_COMMANDS {
            let output = coachsite()
                .arg(command)
                .arg(&p.root)
                .arg("-o")
                .arg(&target)
                .args(["--as-of", AS_OF, "--color", "never"])
                .timeout(std::time::Duration::from_secs(60))
                .output()
                .unwrap();
            let err = stderr(&output);
            assert_eq!(output.status.code(), Some(1), "{command} -o {out}: {err}");
            let folder = out.split('/').next().unwrap();
            assert!(
                err.contains(&format!(
                    "this path is inside `{folder}/`, which coachsite reads as part of the engagement"
                )),
                "{command} -o {out}: {err}"
            );
            assert!(err.contains("help:"), "{err}");
            assert!(!target.exists(), "{command} wrote into {out}");
        }
    }
}

#[cfg(feature = "encrypt")]
#[test]
fn no_environment_variable_lowers_the_key_derivation_rounds() {
    let p = Project::minimal();
    let output = coachsite()
        .arg("build")
        .arg(&p.root)
        .arg("-o")
        .arg(&p.out)
        .args(["--as-of", AS_OF, "--encrypt", "--kdf-iterations", "0"])
        .env("COACHSITE_PASSWORD", "a long enough password")
        .env("COACHSITE_TEST_ALLOW_WEAK_KDF", "1")
        .output()
        .unwrap();
    let err = stderr(&output);
    assert_ne!(output.status.code(), Some(0), "{err}");
    assert!(
        err.contains("--kdf-iterations must be at least 600000"),
        "{err}"
    );
    assert!(!p.out.exists(), "nothing written");
}

/// Runs `export` with the size of files it may write limited to one block (as a full
/// disk would stop it) and SIGXFSZ ignored, so writes fail with an error.
fn export_on_a_full_disk(p: &Project, args: &[&str]) -> Output {
    let bin = assert_cmd::cargo::cargo_bin("coachsite");
    std::process::Command::new("bash")
        .arg("-c")
        .arg(r#"trap '' XFSZ; ulimit -f 1; exec "$@""#)
        .arg("bash")
        .arg(bin)
        .arg("export")
        .arg(&p.root)
        .args(["--as-of", AS_OF])
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn export_on_a_full_disk_leaves_the_previous_files_whole() {
    let p = Project::example();
    let json = p.root.join("export.json");
    let csv = p.root.join("tables");
    let ok = coachsite()
        .arg("export")
        .arg(&p.root)
        .args(["--as-of", AS_OF, "--format", "json", "-o"])
        .arg(&json)
        .output()
        .unwrap();
    assert!(ok.status.success(), "{}", stderr(&ok));
    let ok = coachsite()
        .arg("export")
        .arg(&p.root)
        .args(["--as-of", AS_OF, "--format", "csv", "-o"])
        .arg(&csv)
        .output()
        .unwrap();
    assert!(ok.status.success(), "{}", stderr(&ok));
    let before_json = std::fs::read(&json).unwrap();
    let before_csv = snapshot(&csv);
    assert!(before_json.len() > 4096, "large enough to hit the limit");
    assert!(
        before_csv.iter().any(|(_, bytes)| bytes.len() > 1024),
        "one table is large enough to hit the limit"
    );

    let output = export_on_a_full_disk(&p, &["--format", "json", "-o", json.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("cannot write"),
        "{}",
        stderr(&output)
    );
    assert_eq!(std::fs::read(&json).unwrap(), before_json, "JSON untouched");

    let output = export_on_a_full_disk(&p, &["--format", "csv", "-o", csv.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(snapshot(&csv), before_csv, "CSV untouched");
    // No temporary file is left behind either way.
    for dir in [p.root.as_path(), csv.as_path()] {
        for entry in std::fs::read_dir(dir).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().to_string();
            assert!(!name.ends_with(".tmp"), "left behind: {name}");
        }
    }
}

/// Extreme values and YAML/Markdown tokens, as in the fuzzer's dictionary.
const TOKENS: &[&str] = &[
    "---\n",
    "%%",
    "1.7e308",
    "-1e308",
    "1e-13",
    ".inf",
    ".nan",
    "9223372036854775807",
    "-9223372036854775808",
    "0000-01-01",
    "9999-12-31",
    "2026-02-30",
    "\"5\"",
    "&a ",
    "*a",
    "<<: *a",
    "!!str ",
    "[",
    "]",
    "{",
    "}",
    ": ",
    "\n- ",
    "\n  ",
    "# ",
    "\n# Same\n",
    "|",
    ">-",
    "\t",
    "\u{feff}",
    "\u{0}",
    "é",
    "[[x]]",
    "> [!note]",
    "max: ",
    "min: ",
    "value: ",
    "due: ",
    "start: ",
    "zpd:\n  max_levels_per_month: ",
    "duration: ",
    "weight: ",
];

/// `text` with `edits` applied: (where, as a fraction of the length; which token).
fn mutate(text: &str, edits: &[(f64, usize)]) -> String {
    let mut text = text.to_string();
    for (at, token) in edits {
        let mut i = ((text.len() as f64) * at) as usize;
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        text.insert_str(i, TOKENS[token % TOKENS.len()]);
    }
    text
}

/// Every YAML and Markdown file below `root`: its path relative to `root`, its text.
fn text_files(root: &std::path::Path) -> Vec<(String, String)> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let rel = e
                .path()
                .strip_prefix(root)
                .ok()?
                .to_string_lossy()
                .to_string();
            let text = std::fs::read_to_string(e.path()).ok()?;
            (rel.ends_with(".yaml") || rel.ends_with(".md")).then_some((rel, text))
        })
        .collect()
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

    /// A stable-toolchain taste of the fuzzer (fuzz/run): every file kind's parser, the
    /// front-matter splitter and the Markdown renderer on mutated example files.
    #[test]
    fn mutated_files_never_panic(
        file in 0usize..1000,
        edits in proptest::collection::vec((0.0f64..1.0, 0usize..100), 1..6),
    ) {
        let files = text_files(&common::example());
        let (rel, text) = &files[file % files.len()];
        let text = mutate(text, &edits);
        let diags = coachsite::load::parse_file_text(rel, &text);
        let _ = diags.render(false);
        let _ = coachsite::load::split_front_matter(&text);
        let _ = coachsite::markdown::to_html(&text);
        let _ = coachsite::audience::strip_coach_only(&text);
        let _ = coachsite::audience::mark_coach_only(&text);
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(40))]

    /// Whole builds of the minimal fixture with one mutated file: an error or a site,
    /// never a panic or a hang.
    #[test]
    fn builds_with_a_mutated_file_never_panic(
        file in 0usize..1000,
        edits in proptest::collection::vec((0.0f64..1.0, 0usize..100), 1..4),
        audience in 0usize..3,
    ) {
        let p = Project::minimal();
        let files = text_files(&p.root);
        let (rel, text) = &files[file % files.len()];
        p.write(rel, &mutate(text, &edits));
        let options = coachsite::BuildOptions {
            root: p.root.clone(),
            audience: [coachsite::Audience::Coach, coachsite::Audience::Client, coachsite::Audience::Sponsor][audience],
            as_of: coachsite::Date::parse(AS_OF).unwrap(),
            as_of_given: true,
            base_url: None,
            history_at: None,
        };
        let _ = coachsite::build(&options);
    }
}
