//! Bad input: every case gives a clear, located error, exit code 1, no panic, and leaves
//! the previous site untouched. Each case is a folder under tests/fixtures/broken/ laid
//! over the minimal fixture, with the lines the error must show in `expected.txt`.

mod common;

use common::{Project, fixtures, snapshot, stderr};

fn check_case(case: &str) {
    let project = Project::minimal();
    project.build_ok(&[]);
    let before = snapshot(&project.out);
    assert!(!before.is_empty());

    project.apply_case(case);
    let output = project.build(&[]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{case}: exit code\n{err}");
    assert!(!err.contains("panicked"), "{case}: panic\n{err}");
    let expected =
        std::fs::read_to_string(fixtures().join("broken").join(case).join("expected.txt"))
            .expect("expected.txt");
    for line in expected.lines().filter(|l| !l.is_empty()) {
        assert!(err.contains(line), "{case}: stderr lacks {line:?}\n{err}");
    }
    assert!(
        err.contains("help:"),
        "{case}: every error says what to do\n{err}"
    );
    assert!(err.contains("is unchanged"), "{case}\n{err}");
    assert_eq!(
        snapshot(&project.out),
        before,
        "{case}: the previous site was changed"
    );
}

macro_rules! cases {
    ($($name:ident => $case:literal,)*) => {
        $(#[test] fn $name() { check_case($case); })*

        #[test]
        fn every_case_folder_has_a_test() {
            let mut listed = vec![$($case),*];
            listed.sort();
            let mut on_disk: Vec<String> = std::fs::read_dir(fixtures().join("broken"))
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
                .collect();
            on_disk.sort();
            assert_eq!(listed, on_disk);
        }
    };
}

cases! {
    yaml_syntax_error => "yaml-syntax",
    wrong_type => "wrong-type",
    impossible_date => "impossible-date",
    unknown_key_with_suggestion => "unknown-key",
    two_names_one_slug => "two-names-one-slug",
    id_with_capitals => "id-with-capitals",
    two_files_with_one_id => "duplicate-id",
    missing_objective => "missing-objective",
    missing_action => "missing-action",
    missing_competency => "missing-competency",
    missing_member => "missing-member",
    empty_file => "empty-file",
    front_matter_not_closed => "front-matter-not-closed",
    not_utf8 => "not-utf8",
    missing_engagement_yaml => "missing-engagement",
    several_errors_reported_together => "several-errors",
    every_error_of_one_file => "several-errors-in-one-file",
    // Hostile and careless input (issue 11): bounds checked at load, with a place.
    zpd_rate_so_small_its_dates_overflow => "zpd-rate-tiny",
    scale_max_of_i64 => "scale-max-huge",
    // Found by fuzz/run (build_edits): i64::MIN has no absolute value.
    scale_min_of_i64_min => "scale-min-i64-min",
    scale_of_two_thousand_levels => "scale-too-long",
    measurement_of_1_7e308 => "measurement-huge",
    quoted_number => "quoted-number",
    // Obsidian (issue 15): a link names one item, an image or a PDF embedded exists (a
    // link to no item, or an embed of audio, is its words: tests/obsidian_links.rs).
    wikilink_to_two_items => "wikilink-ambiguous",
    embedded_attachment_missing => "attachment-missing",
    // The YAML mistakes coaches make most often, told by their cause (issue 15).
    yaml_tab => "yaml-tab",
    yaml_key_without_colon => "yaml-missing-colon",
    yaml_line_indented_under_a_value => "yaml-indented-under-value",
    // Branding (issue 14).
    accent_not_a_colour => "accent-not-a-colour",
    logo_not_in_static => "logo-not-in-static",
    objective_due_before_its_start => "objective-due-before-start",
    objective_due_before_the_engagement => "objective-due-before-engagement",
    action_done_before_agreed => "action-done-before-agreed",
    session_longer_than_a_day => "session-too-long",
    date_in_year_zero => "date-out-of-range",
    // Reliable change (issue 18): a reliability of 1 would call every change reliable.
    scale_reliability_of_one => "scale-reliability-one",
    // Stakeholder pulse (issue 18): ratings −3…+3, group ids, known objectives.
    survey_rating_off_scale => "survey-rating-off-scale",
    // Issue 30: the same date twice in one objective, NaN, `key:value`.
    measurement_on_the_same_date_twice => "measurement-date-twice",
    value_that_is_not_a_number => "value-not-a-number",
    key_without_a_space_after_its_colon => "key-without-space",
    // Issue 36: key results.
    key_result_ids_twice => "key-result-duplicate-id",
    measured_key_result_unknown => "key-result-unknown-in-measured",
    key_results_with_a_measure => "key-results-with-measure",
    objective_with_key_results_measured_whole => "key-result-objective-measured-whole",
}

#[test]
fn folder_that_does_not_exist() {
    let project = Project::minimal();
    let output = assert_cmd::Command::cargo_bin("coachsite")
        .unwrap()
        .args(["build", "--color", "never"])
        .arg(project.root.join("nowhere"))
        .output()
        .unwrap();
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(err.contains("nowhere"), "{err}");
    assert!(err.contains("this folder does not exist"), "{err}");
}

#[cfg(unix)]
#[test]
fn symlink_loop() {
    let project = Project::minimal();
    project.build_ok(&[]);
    let before = snapshot(&project.out);
    std::os::unix::fs::symlink("..", project.root.join("sessions/loop")).unwrap();
    let output = project.build(&[]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(err.contains("sessions/loop"), "{err}");
    assert!(err.contains("symbolic link loop"), "{err}");
    assert_eq!(snapshot(&project.out), before);
}

#[test]
fn refuses_to_replace_a_folder_it_did_not_write() {
    let project = Project::minimal();
    std::fs::create_dir_all(&project.out).unwrap();
    std::fs::write(project.out.join("thesis.docx"), "precious").unwrap();
    let output = project.build(&[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("not written by coachsite"));
    assert_eq!(
        std::fs::read_to_string(project.out.join("thesis.docx")).unwrap(),
        "precious"
    );
}

#[test]
fn a_broken_template_is_reported_with_its_name() {
    let project = Project::minimal();
    project.build_ok(&[]);
    let before = snapshot(&project.out);
    project.write("templates/dashboard.html", "{% extends \"base.html\" %}{% block content %}{{ page.objectives | nosuchfilter }}{% endblock content %}");
    let output = project.build(&[]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(err.contains("dashboard.html"), "{err}");
    assert_eq!(snapshot(&project.out), before);
}

#[test]
fn a_template_that_fails_while_rendering_names_the_page_and_keeps_the_last_site() {
    // Each page is rendered straight into its file: one that fails half-way leaves
    // nothing of the new site behind.
    let project = Project::minimal();
    project.build_ok(&[]);
    let before = snapshot(&project.out);
    project.write(
        ".coachsite/templates/session.html",
        "<html><body>{{ page.title }}{{ no_such_value }}</body></html>",
    );
    let output = project.build(&[]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(err.contains("while rendering sessions/"), "{err}");
    assert_eq!(snapshot(&project.out), before);
    let leftovers: Vec<_> = std::fs::read_dir(project.out.parent().unwrap())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|name| name.ends_with(".coachsite-new"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
