//! The coach's writing workflow: `new`, `note`, `completions`, and the commands a binary
//! built without some of its cargo features offers.

mod common;

use assert_cmd::Command;
use common::{Project, stderr};

fn coachsite(args: &[&str], dir: &std::path::Path) -> std::process::Output {
    Command::cargo_bin("coachsite")
        .unwrap()
        .args(args)
        .arg(dir)
        .args(["--color", "never"])
        .output()
        .unwrap()
}

#[test]
fn a_new_engagement_checks_and_builds_in_every_language_and_kind() {
    for kind in ["--team", "--individual"] {
        for language in ["en", "fr", "de"] {
            let tmp = tempfile::tempdir().unwrap();
            let dir = tmp.path().join("engagement");
            let made = Command::cargo_bin("coachsite")
                .unwrap()
                .args(["new", kind, "--language", language])
                .arg(&dir)
                .output()
                .unwrap();
            assert!(made.status.success(), "{}", stderr(&made));
            for file in [
                "engagement.yaml",
                "objectives/first-objective.md",
                "plan.yaml",
                ".gitignore",
                "README.md",
            ] {
                assert!(dir.join(file).is_file(), "{kind} {language}: no {file}");
            }
            assert!(
                std::fs::read_to_string(dir.join(".gitignore"))
                    .unwrap()
                    .contains("public/")
            );
            // It checks; the placeholders left in are warnings, in the engagement's
            // language, so that `check --strict` (before publishing) fails until they go.
            let checked = coachsite(&["check"], &dir);
            assert!(
                checked.status.success(),
                "{kind} {language}: {}{}",
                String::from_utf8_lossy(&checked.stdout),
                stderr(&checked)
            );
            let coach = match language {
                "fr" => "Votre nom",
                "de" => "Ihr Name",
                _ => "Your name",
            };
            assert!(
                stderr(&checked).contains(&format!(
                    "`{coach}` is a placeholder written by `coachsite new`"
                )),
                "{kind} {language}: {}",
                stderr(&checked)
            );
            assert!(!coachsite(&["check", "--strict"], &dir).status.success());
            let yaml = std::fs::read_to_string(dir.join("engagement.yaml")).unwrap();
            let labels = match language {
                "fr" => "Débutant avancé",
                "de" => "Fortgeschrittener Anfänger",
                _ => "Advanced beginner",
            };
            assert!(
                yaml.contains(labels),
                "{kind} {language}: scale labels in its language"
            );
            let built = coachsite(&["build"], &dir);
            assert!(
                built.status.success(),
                "{kind} {language}: {}",
                stderr(&built)
            );
            assert!(dir.join("public/objectives/first-objective.html").is_file());
        }
    }
}

#[test]
fn new_never_overwrites() {
    let p = Project::minimal();
    let output = Command::cargo_bin("coachsite")
        .unwrap()
        .arg("new")
        .arg(&p.root)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("this folder is an engagement"),
        "{}",
        stderr(&output)
    );
    assert!(p.root.join("objectives/sprint-goals.md").is_file());
    // Any folder with something in it.
    let output = Command::cargo_bin("coachsite")
        .unwrap()
        .arg("new")
        .arg(p.root.join("objectives"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let other = tempfile::tempdir().unwrap();
    std::fs::write(other.path().join("thesis.md"), "mine").unwrap();
    let output = Command::cargo_bin("coachsite")
        .unwrap()
        .arg("new")
        .arg(other.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("is not empty"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        std::fs::read_to_string(other.path().join("thesis.md")).unwrap(),
        "mine"
    );
}

#[test]
fn note_prefills_from_the_engagement_and_never_overwrites() {
    let p = Project::minimal();
    let note = |title: &str| {
        Command::cargo_bin("coachsite")
            .unwrap()
            .args(["note", "--date", "2026-06-15", "--title", title])
            .arg(&p.root)
            .output()
            .unwrap()
    };
    let first = note("Mid-term review");
    assert!(first.status.success(), "{}", stderr(&first));
    let path = String::from_utf8(first.stdout).unwrap().trim().to_string();
    assert!(
        path.ends_with("sessions/2026-06-15-mid-term-review.md"),
        "{path}"
    );
    let text = std::fs::read_to_string(&path).unwrap();
    // The three objectives are active; the open action and the one due since the last session
    // (2026-02-03) are to review; that last session had no attendees.
    for line in [
        "date: 2026-06-15",
        "title: \"Mid-term review\"",
        "objectives: [customer-trust, flow, sprint-goals]",
        "actions: [invite-customers, sprint-goal-template]",
        "attendees: []",
        "- Write the sprint goal on the board at planning",
        "# Actions agreed",
    ] {
        assert!(text.contains(line), "missing {line:?}\n{text}");
    }
    let second = note("Mid-term review");
    let path2 = String::from_utf8(second.stdout).unwrap().trim().to_string();
    assert!(
        path2.ends_with("sessions/2026-06-15-mid-term-review-2.md"),
        "{path2}"
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        text,
        "the first note is untouched"
    );
    // The prefilled notes are valid: the engagement still builds.
    p.build_ok(&[]);
    // A title's coach-only aside is no part of the file name (which every reader of
    // the note's page reads, and `--encrypt` leaves readable); the title keeps it, cut
    // for them by the filter.
    let aside = note("Review %%burnout risk for Ana%%");
    assert!(aside.status.success(), "{}", stderr(&aside));
    let path = String::from_utf8(aside.stdout).unwrap().trim().to_string();
    assert!(path.ends_with("sessions/2026-06-15-review.md"), "{path}");
    p.build_ok(&[]);
    assert!(
        !p.page("sessions/2026-06-15-review.html")
            .contains("burnout")
    );
    // Nor in search's page or shards.
    for (path, bytes) in p.snapshot() {
        if path == "search.html" || path.starts_with("search/") {
            assert!(
                !String::from_utf8_lossy(&bytes).contains("burnout"),
                "{path}"
            );
        }
    }
    // A very long title makes a file name of at most 80 characters of words.
    let long = note(&"word ".repeat(1000));
    assert!(long.status.success(), "{}", stderr(&long));
    let path = String::from_utf8(long.stdout).unwrap().trim().to_string();
    let name = std::path::Path::new(&path)
        .file_name()
        .unwrap()
        .to_string_lossy()
        .to_string();
    assert!(name.len() <= 100 && name.ends_with("-word.md"), "{name}");
}

#[test]
fn shell_completions() {
    let output = Command::cargo_bin("coachsite")
        .unwrap()
        .args(["completions", "bash"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let script = String::from_utf8(output.stdout).unwrap();
    assert!(
        script.contains("coachsite") && script.contains("build") && script.contains("--audience")
    );
    assert!(script.contains("agenda") && script.contains("--days"));
    // The commands a feature brings are offered only by a binary built with it.
    assert_eq!(script.contains("serve"), cfg!(feature = "serve"));
    assert_eq!(script.contains("--encrypt"), cfg!(feature = "encrypt"));
}

/// Built without the `encrypt` feature, `--encrypt` is an unknown argument: refused
/// before anything is built, never a site written in the clear.
#[cfg(not(feature = "encrypt"))]
#[test]
fn without_the_encrypt_feature_encrypt_is_refused_and_nothing_written() {
    let p = Project::minimal();
    let output = Command::cargo_bin("coachsite")
        .unwrap()
        .arg("build")
        .arg(&p.root)
        .arg("-o")
        .arg(&p.out)
        .args(["--encrypt", "--color", "never"])
        .env("COACHSITE_PASSWORD", "a long enough password")
        .output()
        .unwrap();
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{err}");
    assert!(err.contains("unexpected argument '--encrypt'"), "{err}");
    assert!(!p.out.exists(), "nothing written");
}

/// Built without the `serve` and `watch` features, neither command exists.
#[cfg(not(feature = "watch"))]
#[test]
fn without_the_serve_and_watch_features_the_commands_are_unknown() {
    let p = Project::minimal();
    for command in ["serve", "watch"] {
        let output = coachsite(&[command], &p.root);
        let err = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{command}: {err}");
        assert!(
            err.contains(&format!("unrecognized subcommand '{command}'")),
            "{err}"
        );
    }
}

#[test]
fn export_json_parses_back_with_the_figures_and_nothing_coach_only() {
    let p = Project::minimal();
    let export = |audience: &str| {
        let output = Command::cargo_bin("coachsite")
            .unwrap()
            .args([
                "export",
                "--format",
                "json",
                "--as-of",
                "2026-06-15",
                "--audience",
                audience,
            ])
            .arg(&p.root)
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", stderr(&output));
        String::from_utf8(output.stdout).unwrap()
    };
    let client = export("client");
    let value: serde_json::Value = serde_json::from_str(&client).expect("valid JSON");
    assert_eq!(value["version"], 1);
    assert_eq!(value["as_of"], "2026-06-15");
    assert_eq!(value["audience"], "client");
    assert_eq!(
        value["engagement"]["info"]["title"],
        "Team coaching — Claims team"
    );
    let objectives = value["engagement"]["objectives"].as_array().unwrap();
    assert_eq!(objectives.len(), 3);
    let figures = value["figures"]["objectives"].as_array().unwrap();
    let sprint = figures.iter().find(|o| o["id"] == "sprint-goals").unwrap();
    assert!((sprint["progress"].as_f64().unwrap() - 1.0 / 3.0).abs() < 1e-9);
    assert!(
        value["figures"]["findings"].as_array().unwrap().is_empty(),
        "findings are the coach's"
    );
    for sentinel in [
        "PRIVATE-FIELD-SENTINEL",
        "INLINE-ASIDE-SENTINEL",
        "COACH-SESSION-SENTINEL",
        "MEASUREMENT-NOTE-SENTINEL",
        "SENSITIVE-SENTINEL",
        "COACH-NAME-SENTINEL",
        "SCALE-LABEL-SENTINEL",
        "RATING-NAME-SENTINEL",
        "WHOLE-RATING-SENTINEL",
        "CONTACT-SENTINEL",
    ] {
        assert!(!client.contains(sentinel), "client export leaks {sentinel}");
    }
    let coach = export("coach");
    assert!(
        coach.contains("PRIVATE-FIELD-SENTINEL"),
        "the coach's export has everything"
    );
    let sponsor = export("sponsor");
    assert!(coach.contains("CONTACT-SENTINEL"), "the coach's own record");
    assert!(
        !sponsor.contains("CONTACT-SENTINEL")
            && !sponsor.contains("MEMBER-RATING-SENTINEL")
            && !sponsor.contains("CLIENT-OBJECTIVE-SENTINEL")
            && !sponsor.contains("COACH-NAME-SENTINEL")
            && !sponsor.contains("SCALE-LABEL-SENTINEL")
    );
}

#[test]
fn export_csv_writes_three_tables() {
    let p = Project::minimal();
    let out = p.root.join("export");
    let output = Command::cargo_bin("coachsite")
        .unwrap()
        .args(["export", "--format", "csv"])
        .arg(&p.root)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let rows = |name: &str| {
        let mut reader = csv::Reader::from_path(out.join(name)).unwrap();
        reader
            .records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect::<Vec<_>>())
            .collect::<Vec<_>>()
    };
    let measurements = rows("measurements.csv");
    // sprint-goals 2, customer-trust 2, and flow's key results: items-done 3, cycle-time
    // 2 and one from a session note (`measured: {"flow#cycle-time": 11}`).
    assert_eq!(measurements.len(), 10);
    assert!(measurements.contains(&vec![
        "flow".into(),
        "cycle-time".into(),
        "Shorter flow of work".into(),
        // The metric's `%% … %%` aside is the coach's.
        "Median days from refined to done ".into(),
        "2026-02-03".into(),
        "11".into(),
        "days".into(),
        String::new(),
    ]));
    assert!(measurements.contains(&vec![
        "sprint-goals".into(),
        String::new(),
        "Meet the sprint goal".into(),
        "Sprint goals met over the last four sprints".into(),
        "2026-02-20".into(),
        "25".into(),
        "%".into(),
        "First sprint goal met ".into()
    ]));
    let ratings = rows("ratings.csv");
    assert_eq!(
        ratings.len(),
        8,
        "team and member ratings of two assessments"
    );
    let actions = rows("actions.csv");
    // plan.yaml's two, and the kick-off's ticked task (`- [x] Objectives agreed`).
    assert_eq!(actions.len(), 3);
    assert!(actions[2][1].contains("Objectives agreed"), "{actions:?}");
    assert_eq!(actions[0][6], "done");
}

/// The measurements of an objective's key results are rows of measurements.csv, with the
/// key result's id, metric and unit, those recorded in session notes included.
#[test]
fn export_csv_has_the_measurements_of_key_results() {
    let tmp = tempfile::tempdir().unwrap();
    let output = Command::cargo_bin("coachsite")
        .unwrap()
        .args(["export", "--format", "csv", "--audience", "coach", "-o"])
        .arg(tmp.path())
        .arg(common::example())
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let mut reader = csv::Reader::from_path(tmp.path().join("measurements.csv")).unwrap();
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "objective",
            "key_result",
            "title",
            "metric",
            "date",
            "value",
            "unit",
            "note"
        ]
    );
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    let of = |kr: &str| {
        rows.iter()
            .filter(|r| r[0] == "idea-to-customer" && r[1] == kr)
            .collect::<Vec<_>>()
    };
    assert!(of("").is_empty(), "no measurement of the objective itself");
    assert_eq!(of("items-done").len(), 5);
    let cycle = of("cycle-time");
    assert_eq!(cycle.len(), 5);
    assert_eq!(
        cycle[0][2..],
        [
            "Shorten the way from idea to customer",
            "Median working days from refined to done",
            "2026-03-13",
            "14",
            "days",
            "First count, from the board's history",
        ]
    );
    // Recorded in session notes as `"idea-to-customer#refined-ahead": 1.5`.
    let refined = of("refined-ahead");
    assert_eq!(refined.len(), 3, "{refined:?}");
    assert!(
        refined
            .iter()
            .any(|r| r[4] == "2026-05-26" && r[5] == "1.5" && r[6] == "sprints")
    );
}

/// Every YAML file and front matter of the example validates against the schema made
/// from the loader's own types, and a typo does not.
#[test]
fn the_example_validates_against_the_generated_schemas() {
    let schemas: std::collections::BTreeMap<&str, serde_json::Value> = coachsite::schema::schemas()
        .into_iter()
        .map(|(name, text)| (name, serde_json::from_str(&text).unwrap()))
        .collect();
    let validator = |name: &str| jsonschema::validator_for(&schemas[name]).unwrap();
    let as_json = |yaml: &str| -> serde_json::Value { serde_saphyr::from_str(yaml).unwrap() };
    let root = common::example();
    let mut checked = 0;
    let mut check = |schema: &str, file: &std::path::Path, yaml: &str| {
        let value = as_json(yaml);
        let v = validator(schema);
        let errors: Vec<String> = v
            .iter_errors(&value)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(
            errors.is_empty(),
            "{} does not validate against {schema}: {errors:?}",
            file.display()
        );
        checked += 1;
    };
    let read = |p: &std::path::Path| std::fs::read_to_string(p).unwrap();
    check(
        "engagement.schema.json",
        &root.join("engagement.yaml"),
        &read(&root.join("engagement.yaml")),
    );
    check(
        "plan.schema.json",
        &root.join("plan.yaml"),
        &read(&root.join("plan.yaml")),
    );
    for (folder, schema) in [
        ("assessments", "assessment.schema.json"),
        ("surveys", "survey.schema.json"),
        ("objectives", "objective.schema.json"),
        ("sessions", "session.schema.json"),
        ("lessons", "lesson.schema.json"),
    ] {
        for entry in std::fs::read_dir(root.join(folder)).unwrap() {
            let path = entry.unwrap().path();
            let text = read(&path);
            let yaml = if folder == "assessments" || folder == "surveys" {
                text
            } else {
                coachsite::load::split_front_matter(&text)
                    .unwrap()
                    .yaml
                    .to_string()
            };
            check(schema, &path, &yaml);
        }
    }
    assert!(checked >= 25, "only {checked} files");
    // A typo is caught, as the loader catches it.
    let v = validator("lesson.schema.json");
    assert!(!v.is_valid(&as_json("title: x\ntgas: [a]\n")));
    assert!(!v.is_valid(&as_json("title: x\ndate: 5.2.2026\n")));
}

#[test]
fn new_wires_the_schemas_up_for_editors() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("e");
    let made = Command::cargo_bin("coachsite")
        .unwrap()
        .arg("new")
        .arg(&dir)
        .output()
        .unwrap();
    assert!(made.status.success());
    assert!(dir.join(".coachsite/schemas/session.schema.json").is_file());
    assert!(
        std::fs::read_to_string(dir.join("engagement.yaml"))
            .unwrap()
            .starts_with(
                "# yaml-language-server: $schema=.coachsite/schemas/engagement.schema.json"
            )
    );
    let settings: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join(".vscode/settings.json")).unwrap())
            .unwrap();
    assert_eq!(
        settings["yaml.schemas"][".coachsite/schemas/assessment.schema.json"],
        "assessments/**/*.yaml"
    );
    assert_eq!(
        settings["yaml.schemas"][".coachsite/schemas/survey.schema.json"],
        "surveys/**/*.yaml"
    );
    let out = Command::cargo_bin("coachsite")
        .unwrap()
        .args(["schema", "--out"])
        .arg(tmp.path().join("s"))
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(std::fs::read_dir(tmp.path().join("s")).unwrap().count(), 7);
}

#[test]
fn note_proposes_the_next_session_from_the_contract_s_cadence() {
    // The note `coachsite note` writes for 15 June, in a copy of `p`.
    let note_of = |p: &Project| {
        let out = Command::cargo_bin("coachsite")
            .unwrap()
            .args(["note", "--date", "2026-06-15", "--title", "Check-in"])
            .arg(&p.root)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        let path = String::from_utf8(out.stdout).unwrap().trim().to_string();
        std::fs::read_to_string(&path).unwrap()
    };
    // The example agrees a session every 14 days: a note of 15 June proposes 29 June.
    let text = note_of(&Project::example());
    assert!(text.contains("\nnext: 2026-06-29 "), "{text}");
    // Without a cadence there is nothing to propose.
    assert!(!note_of(&Project::minimal()).contains("next:"));
}
