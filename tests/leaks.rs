//! `%% … %%` asides in *every* text a coach can write, found without naming a field.
//!
//! Each YAML file and front matter of the minimal fixture is read as a generic YAML tree;
//! every text in it, values and keys alike, gets a coach-only aside ` %%LEAK-n%%` in
//! turn, and the aside is kept wherever the engagement still loads (an id, a date or a
//! reference with an aside no longer loads, and is put back). Then no byte of the
//! client's or the sponsor's site, nor of their JSON export, may hold any `LEAK-`
//! marker, while the coach's export holds every one. A text field added to the format
//! is covered the day it appears in the fixture, with no list to update.
//!
//! The same holds for whole items made coach-only in turn, for `private:` notes, and for
//! sections a coach titles as private: no marker of theirs reaches any byte or file name
//! of the client's or the sponsor's site (its search page included), their export, or
//! what `diff` would show them.

mod common;

use std::fs;
use std::path::Path;

use coachsite::{Audience, BuildOptions, Date};
use common::Project;
use serde_json::Value;

/// The YAML files of the fixture, and for Markdown files the body kept as it is.
fn yaml_files(root: &Path) -> Vec<String> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .to_string()
        })
        .filter(|p| p.ends_with(".yaml") || p.ends_with(".md"))
        .collect()
}

/// A file as its YAML tree and, for Markdown, the body after the front matter.
fn read(root: &Path, rel: &str) -> (Value, Option<String>) {
    let text = fs::read_to_string(root.join(rel)).unwrap();
    if rel.ends_with(".md") {
        let fm = coachsite::load::split_front_matter(&text).unwrap();
        let yaml: Value = serde_saphyr::from_str(fm.yaml).unwrap();
        (yaml, Some(fm.body.to_string()))
    } else {
        (serde_saphyr::from_str(&text).unwrap(), None)
    }
}

fn write(root: &Path, rel: &str, yaml: &Value, body: &Option<String>) {
    let text = serde_saphyr::to_string(yaml).unwrap();
    let text = match body {
        Some(body) => format!("---\n{text}---\n{body}"),
        None => text,
    };
    fs::write(root.join(rel), text).unwrap();
}

/// Paths to every text of a tree: `(path of maps and lists, Some(key) for a key)`.
fn texts(value: &Value, path: &mut Vec<Step>, out: &mut Vec<(Vec<Step>, bool)>) {
    match value {
        Value::String(_) => out.push((path.clone(), false)),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(Step::Index(i));
                texts(item, path, out);
                path.pop();
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                path.push(Step::Key(key.clone()));
                out.push((path.clone(), true));
                texts(item, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

#[derive(Clone, Debug)]
enum Step {
    Index(usize),
    Key(String),
}

/// Adds `aside` to the text at `path` (the key itself when `is_key`).
fn add_aside(root: &mut Value, path: &[Step], is_key: bool, aside: &str) -> bool {
    let (last, parents) = path.split_last().unwrap();
    let mut node = root;
    for step in parents {
        node = match (step, node) {
            (Step::Index(i), Value::Array(items)) => &mut items[*i],
            (Step::Key(k), Value::Object(map)) => match map.get_mut(k) {
                Some(v) => v,
                None => return false,
            },
            _ => return false,
        };
    }
    match (last, node) {
        (Step::Key(k), Value::Object(map)) if is_key => {
            let Some(value) = map.remove(k) else {
                return false;
            };
            map.insert(format!("{k}{aside}"), value);
            true
        }
        (Step::Key(k), Value::Object(map)) => match map.get_mut(k) {
            Some(Value::String(s)) => {
                s.push_str(aside);
                true
            }
            _ => false,
        },
        (Step::Index(i), Value::Array(items)) => match items.get_mut(*i) {
            Some(Value::String(s)) => {
                s.push_str(aside);
                true
            }
            _ => false,
        },
        _ => false,
    }
}

/// Puts an aside in every text of the fixture that still loads with one; returns the
/// markers kept.
fn aside_everywhere(root: &Path) -> Vec<String> {
    let mut kept = Vec::new();
    let mut n = 0;
    for rel in yaml_files(root) {
        let (yaml, body) = read(root, &rel);
        let mut paths = Vec::new();
        texts(&yaml, &mut Vec::new(), &mut paths);
        let mut current = yaml;
        // Keys last, from the deepest, so that earlier paths stay valid.
        paths.sort_by_key(|(path, is_key)| (*is_key, std::cmp::Reverse(path.len())));
        for (path, is_key) in paths {
            n += 1;
            let marker = format!("LEAK-{n}");
            let mut candidate = current.clone();
            if !add_aside(&mut candidate, &path, is_key, &format!(" %%{marker}%%")) {
                continue;
            }
            write(root, &rel, &candidate, &body);
            if coachsite::load::load(root).is_ok() {
                current = candidate;
                kept.push(marker);
            }
        }
        write(root, &rel, &current, &body);
    }
    kept
}

fn export(root: &Path, audience: Audience) -> String {
    let as_of = Date::parse(common::AS_OF).unwrap();
    let loaded = coachsite::load::load(root).unwrap();
    let e = coachsite::audience::filter(loaded.engagement, audience);
    let insight = coachsite::insight::analyze(&e, as_of);
    let figures = coachsite::check::report(&e, &insight, Vec::new());
    coachsite::export::to_json(&e, figures, audience).unwrap()
}

fn site(root: &Path, audience: Audience) -> String {
    site_files(root, audience).iter().map(text_of).collect()
}

/// A file of a site as text to look for markers in: the calendar feed unfolded (a line
/// of it folded at 75 octets could cut a marker in two).
fn text_of(file: &coachsite::OutputFile) -> String {
    let text = String::from_utf8_lossy(&file.bytes).to_string();
    if file.path.ends_with(".ics") {
        text.replace("\r\n ", "").replace("\r\n\t", "")
    } else {
        text
    }
}

/// The `LEAK-n` markers in `text` (whole markers: `LEAK-1` is not found in `LEAK-12`).
fn markers_in(text: &str) -> Vec<String> {
    let mut found: Vec<String> = text
        .match_indices("LEAK-")
        .map(|(i, _)| {
            let digits: String = text[i + 5..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            format!("LEAK-{digits}")
        })
        .collect();
    found.sort();
    found.dedup();
    found
}

#[test]
fn an_aside_in_any_text_reaches_only_the_coach() {
    let p = Project::minimal();
    let kept = aside_everywhere(&p.root);
    // The fixture's texts: titles, names, labels, notes, rating names… far more than a
    // handful, or the test would prove nothing.
    eprintln!("{} texts took an aside", kept.len());
    assert!(kept.len() > 50, "only {} texts took an aside", kept.len());

    let coach = export(&p.root, Audience::Coach);
    let missing: Vec<&String> = kept
        .iter()
        .filter(|m| !markers_in(&coach).contains(m))
        .collect();
    assert!(
        missing.is_empty(),
        "the coach's export lacks {missing:?}: an aside was lost, not cut"
    );
    for audience in [Audience::Client, Audience::Sponsor] {
        let leaked = markers_in(&(site(&p.root, audience) + &export(&p.root, audience)));
        assert!(
            leaked.is_empty(),
            "{} sees coach-only text {leaked:?}; the texts with those asides:\n{}",
            audience.name(),
            leaked
                .iter()
                .filter_map(|m| coach
                    .lines()
                    .find(|l| markers_in(l).contains(m))
                    .map(str::trim))
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
}

/// Every file of a reader's site, its path and its bytes as text.
fn site_files(root: &Path, audience: Audience) -> Vec<coachsite::OutputFile> {
    let options = BuildOptions {
        root: root.to_path_buf(),
        audience,
        as_of: Date::parse(common::AS_OF).unwrap(),
        as_of_given: true,
        base_url: None,
        history_at: None,
    };
    coachsite::build(&options).unwrap().files
}

/// All a reader is given: each file's path and bytes, their export, and what `diff`
/// shows them against `before` (their site before the change).
fn all_they_get(root: &Path, audience: Audience, before: &[coachsite::OutputFile]) -> String {
    let files = site_files(root, audience);
    let mut all = String::new();
    for f in &files {
        all.push_str(&f.path);
        all.push('\n');
        all.push_str(&text_of(f));
    }
    all.push_str(&export(root, audience));
    all.push_str(&format!(
        "{:?}",
        coachsite::diff::diff_sites(before, &files)
    ));
    all
}

/// Appends ` {marker}` to every text of a YAML tree that is a value, not a key (keys
/// name things: a rating, a level).
fn mark_values(value: &mut Value, marker: &str) {
    match value {
        Value::String(s) => {
            s.push(' ');
            s.push_str(marker);
        }
        Value::Array(items) => items.iter_mut().for_each(|v| mark_values(v, marker)),
        Value::Object(map) => map.values_mut().for_each(|v| mark_values(v, marker)),
        _ => {}
    }
}

/// The fixture with item `n` (in a fixed order of every file and every action and
/// revision of the plan) made coach-only and every text of it marked `ITEM-n`, where it
/// still loads; `None` past the last item.
fn item_made_coach_only(root: &Path, n: usize) -> Option<bool> {
    let mut items: Vec<(String, Option<(&str, usize)>)> = yaml_files(root)
        .into_iter()
        .filter(|rel| rel != "engagement.yaml" && rel != "plan.yaml")
        .map(|rel| (rel, None))
        .collect();
    items.sort();
    let (plan, _) = read(root, "plan.yaml");
    for list in ["actions", "revisions"] {
        let count = plan.get(list).and_then(Value::as_array).map_or(0, Vec::len);
        items.extend((0..count).map(|i| ("plan.yaml".to_string(), Some((list, i)))));
    }
    let (rel, in_plan) = items.get(n)?.clone();
    let marker = format!("ITEM-{n}");
    let (mut yaml, body) = read(root, &rel);
    let target = match in_plan {
        Some((list, i)) => &mut yaml[list][i],
        None => &mut yaml,
    };
    for key in [
        "title",
        "summary",
        "specific",
        "observations",
        "question",
        "note",
    ] {
        if let Some(Value::String(s)) = target.get_mut(key) {
            s.push_str(&format!(" {marker}"));
        }
    }
    let mut marked = target.clone();
    mark_values(&mut marked, &marker);
    let original = target.clone();
    *target = marked;
    target["visibility"] = Value::String("coach".into());
    let body = body.map(|b| format!("{b}\n\n{marker} in the body.\n"));
    write(root, &rel, &yaml, &body);
    if coachsite::load::load(root).is_ok() {
        return Some(true);
    }
    // Marked everywhere it no longer loads (an id, a date): the titles and the body only.
    let target = match in_plan {
        Some((list, i)) => &mut yaml[list][i],
        None => &mut yaml,
    };
    *target = original;
    target["visibility"] = Value::String("coach".into());
    write(root, &rel, &yaml, &body);
    Some(coachsite::load::load(root).is_ok())
}

#[test]
fn an_item_made_coach_only_reaches_no_other_reader() {
    let fixture = Project::minimal();
    let before: Vec<_> = [Audience::Client, Audience::Sponsor]
        .into_iter()
        .map(|a| site_files(&fixture.root, a))
        .collect();
    let mut tried = 0;
    let mut in_coach_feed = 0;
    for n in 0.. {
        let p = Project::minimal();
        match item_made_coach_only(&p.root, n) {
            None => break,
            Some(false) => panic!("item {n} no longer loads once coach-only"),
            Some(true) => tried += 1,
        }
        let marker = format!("ITEM-{n}");
        assert!(
            export(&p.root, Audience::Coach).contains(&marker),
            "the coach keeps item {n}"
        );
        // The calendar feed is in the matrix: the coach's holds the items with dates.
        if site_files(&p.root, Audience::Coach)
            .iter()
            .any(|f| f.path == "calendar.ics" && text_of(f).contains(&marker))
        {
            in_coach_feed += 1;
        }
        for (audience, before) in [Audience::Client, Audience::Sponsor]
            .into_iter()
            .zip(&before)
        {
            let got = all_they_get(&p.root, audience, before);
            assert!(
                !got.contains(&marker),
                "the {} gets coach-only item {n}",
                audience.name()
            );
        }
    }
    // Objectives, assessments, sessions, lessons, surveys, actions, revisions.
    assert!(tried >= 12, "only {tried} items were made coach-only");
    assert!(
        in_coach_feed >= 2,
        "only {in_coach_feed} items in the coach's feed"
    );
}

/// What a coach marks private in their own way, in every note: sections titled private
/// in three languages (headings and callouts), an aside holding code, `private:` notes.
fn private_everywhere(root: &Path) -> Vec<String> {
    let mut markers = Vec::new();
    for (n, rel) in yaml_files(root).into_iter().enumerate() {
        let (mut yaml, body) = read(root, &rel);
        let Some(body) = body else { continue };
        let m = |k: &str| format!("PRIVATE-{n}-{k}");
        let added = format!(
            "\n\nText %% hidden `code %%` {} %% shown, and `%%` in code.\n\n\
## 🔒 Private Notes\n\n{}\n\n### More\n\n{}\n\n## Shared again\n\nVisible.\n\n\
> [!abstract]- My thoughts (not shared)\n> {}\n> and more\n\n\
Notes privées\n---\n\n{}\n\n# Nur für mich\n\n{}\n",
            m("code-aside"),
            m("heading"),
            m("sub"),
            m("callout"),
            m("setext"),
            m("de"),
        );
        markers.extend(["heading", "sub", "callout", "setext", "de", "code-aside"].map(m));
        if rel.starts_with("sessions/") {
            yaml["private"] = Value::String(m("field"));
            markers.push(m("field"));
        }
        write(root, &rel, &yaml, &Some(format!("{body}{added}")));
    }
    markers
}

#[test]
fn sections_a_coach_titles_private_reach_only_the_coach() {
    let p = Project::minimal();
    let before: Vec<_> = [Audience::Client, Audience::Sponsor]
        .into_iter()
        .map(|a| site_files(&p.root, a))
        .collect();
    // A visible note's labelled link to a coach-only note: its words, not its id.
    p.edit(
        "sessions/2026-01-20-kick-off.md",
        "# Check-in",
        "# Check-in\n\nAs in [[2026-02-03-coach-reflection|our debrief]].",
    );
    let markers = private_everywhere(&p.root);
    assert!(markers.len() > 20, "{markers:?}");
    let coach = export(&p.root, Audience::Coach);
    for m in &markers {
        assert!(coach.contains(m.as_str()), "the coach keeps {m}");
    }
    for (audience, before) in [Audience::Client, Audience::Sponsor]
        .into_iter()
        .zip(&before)
    {
        let got = all_they_get(&p.root, audience, before);
        let leaked: Vec<&String> = markers
            .iter()
            .filter(|m| got.contains(m.as_str()))
            .collect();
        assert!(leaked.is_empty(), "the {} gets {leaked:?}", audience.name());
        assert!(
            !got.contains("coach-reflection"),
            "the {} gets a coach-only id",
            audience.name()
        );
    }
    let client = site_files(&p.root, Audience::Client);
    let kick_off = client
        .iter()
        .find(|f| f.path == "sessions/2026-01-20-kick-off.html")
        .map(|f| String::from_utf8_lossy(&f.bytes).to_string())
        .unwrap();
    for shown in [
        "Shared again",
        "Visible.",
        "shown, and <code>%%</code> in code.",
        "As in our debrief.",
    ] {
        assert!(
            kick_off.contains(shown),
            "the client reads {shown:?}:\n{kick_off}"
        );
    }
}

/// One rule for sessions: a session whose note is coach-only still took place, and the
/// client's site lists it ("Session · notes not shared", its day, minutes and how many
/// attended) and counts it; nothing of its note reaches any byte the client or the
/// sponsor get: not its title, text, file name, techniques, ratings, lessons, tags,
/// properties, the name of a guest, nor the objectives and actions it discussed.
#[test]
fn a_coach_only_session_is_held_for_everyone_but_its_note_is_not() {
    let p = Project::minimal();
    let before: Vec<_> = [Audience::Client, Audience::Sponsor]
        .into_iter()
        .map(|a| site_files(&p.root, a))
        .collect();
    p.write(
        "sessions/2026-02-17-ZQHELD-SLUG-SENTINEL.md",
        "---\ndate: 2026-02-17\ntitle: ZQHELD-TITLE-SENTINEL\nduration: 45\n\
         attendees: [ana, ZQHELD-GUEST-SENTINEL]\nobjectives: [sprint-goals]\n\
         techniques: [ZQHELD-TECHNIQUE-SENTINEL]\nratings: {ZQHELD-RATING-SENTINEL: 4}\n\
         lessons: [ZQHELD-LESSON-SENTINEL]\ntags: [ZQHELD-TAG-SENTINEL]\n\
         mood: ZQHELD-PROPERTY-SENTINEL\nprivate: ZQHELD-PRIVATE-SENTINEL\nvisibility: coach\n---\n\
         ZQHELD-BODY-SENTINEL [[sprint-goals]]\n",
    );
    assert!(export(&p.root, Audience::Coach).contains("ZQHELD-BODY-SENTINEL"));
    for (audience, before) in [Audience::Client, Audience::Sponsor]
        .into_iter()
        .zip(&before)
    {
        let got = all_they_get(&p.root, audience, before).to_lowercase();
        let at = got.find("zqheld-");
        assert!(
            at.is_none(),
            "the {} gets the coach-only note: {}",
            audience.name(),
            at.and_then(|at| got.get(at.saturating_sub(200)..(at + 60).min(got.len())))
                .unwrap_or("")
        );
    }
    // The client is told it took place, where the coach's list has it.
    let files = site_files(&p.root, Audience::Client);
    let page = |path: &str| {
        files
            .iter()
            .find(|f| f.path == path)
            .map(|f| String::from_utf8_lossy(&f.bytes).to_string())
            .unwrap_or_default()
    };
    let list = page("sessions/index.html");
    assert!(
        list.contains("Session <span class=\"muted\">· notes not shared</span>"),
        "{list}"
    );
    assert!(list.contains("17 February 2026") && list.contains("45 min"));
    assert!(page("index.html").contains("notes not shared"));
}
