//! The shape of the code, checked like the rest (in the manner of rust-analyzer's tidy
//! tests): data flows one way through the modules, the pure layers touch no files and
//! no HTML, and no source file grows past what a newcomer can hold in mind. Function
//! length is checked by clippy (`too_many_lines`, threshold in clippy.toml).
//! ARCHITECTURE.md explains the rules these tests hold.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Lines a source file may have, tests included.
const MAX_FILE_LINES: usize = 800;

/// Files that may be longer: tables of strings.
const LONG_FILES_ALLOWED: &[&str] = &["src/i18n.rs"];

/// The modules of the crate and the modules each may use (`crate::…`). Anything not
/// listed here may not be used; `cli` (the commands) may use everything.
const LAYERS: &[(&str, &[&str])] = &[
    ("limits", &[]),
    ("diagnostic", &[]),
    ("markdown", &["model"]),
    ("model", &["limits"]),
    ("load", &["model", "diagnostic", "limits", "markdown"]),
    ("audience", &["model", "diagnostic", "markdown"]),
    ("insight", &["model"]),
    ("i18n", &["model"]),
    ("explain", &["model", "insight", "i18n"]),
    ("charts", &["model", "i18n"]),
    (
        "check",
        &["model", "insight", "explain", "i18n", "diagnostic"],
    ),
    (
        "render",
        &[
            "model",
            "diagnostic",
            "load",
            "audience",
            "insight",
            "explain",
            "charts",
            "i18n",
            "markdown",
            "limits",
        ],
    ),
    ("site", &["render", "diagnostic", "load", "limits"]),
    ("encrypt", &["render"]),
    ("diff", &["render"]),
    ("export", &["model", "check", "site", "insight"]),
    ("schema", &["model", "site"]),
    ("scaffold", &["model", "load", "schema", "site", "markdown"]),
    (
        "practice",
        &["diagnostic", "load", "model", "render", "insight"],
    ),
    (
        "serve",
        &["diagnostic", "load", "render", "practice", "site", "limits"],
    ),
    ("watch", &["load", "practice"]),
];

/// Pure layers: figures and words over the model, and SVG. They never read or write
/// files and never produce HTML.
const PURE: &[&str] = &["model", "insight", "explain", "charts", "audience"];
const NOT_IN_PURE: &[&str] = &[
    "std::fs",
    "File::",
    "tera::",
    "pulldown_cmark",
    "walkdir",
    "crate::site",
];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `src/`, with its path relative to the crate.
fn sources() -> Vec<(String, String)> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(src()).sort_by_file_name() {
        let entry = entry.expect("readable src/");
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "rs") {
            let rel = path
                .strip_prefix(env!("CARGO_MANIFEST_DIR"))
                .expect("inside the crate")
                .to_string_lossy()
                .replace('\\', "/");
            files.push((rel, fs::read_to_string(path).expect("readable source")));
        }
    }
    files
}

/// The top-level module a source file belongs to: `src/render/objective.rs` → `render`.
fn module_of(rel: &str) -> String {
    let inside = rel.trim_start_matches("src/");
    let first = inside.split('/').next().unwrap_or(inside);
    first.trim_end_matches(".rs").to_string()
}

/// The code of a file without its comments and without its test module (by the
/// crate's convention, `#[cfg(test)]` comes last in a file, or is a file of its own).
fn code(rel: &str, text: &str) -> Vec<String> {
    if rel.ends_with("/tests.rs") {
        return Vec::new();
    }
    text.lines()
        .take_while(|l| !l.starts_with("#[cfg(test)]"))
        .map(|l| l.split("//").next().unwrap_or_default().to_string())
        .collect()
}

/// The crate's modules named in a line: `crate::insight::…`, `use crate::{a, b}` too.
fn modules_named(line: &str, modules: &BTreeSet<&str>) -> Vec<String> {
    let mut named = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        let group = if let Some(inner) = rest.strip_prefix('{') {
            inner.split('}').next().unwrap_or_default()
        } else {
            rest
        };
        for part in group.split(',') {
            let name: String = part
                .trim()
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_')
                .collect();
            if modules.contains(name.as_str()) {
                named.push(name);
            }
        }
    }
    named
}

#[test]
fn data_flows_one_way_through_the_modules() {
    let layers: BTreeMap<&str, &[&str]> = LAYERS.iter().copied().collect();
    let mut modules: BTreeSet<&str> = layers.keys().copied().collect();
    modules.insert("cli");
    let mut problems = Vec::new();
    for (rel, text) in sources() {
        let module = module_of(&rel);
        if module == "lib" || module == "main" || module == "cli" {
            continue;
        }
        let Some(allowed) = layers.get(module.as_str()) else {
            problems.push(format!(
                "{rel}: the module `{module}` is not in tests/tidy.rs's LAYERS: add it, with what it may use, and to ARCHITECTURE.md"
            ));
            continue;
        };
        for (n, line) in code(&rel, &text).iter().enumerate() {
            for used in modules_named(line, &modules) {
                if used != module && !allowed.contains(&used.as_str()) {
                    problems.push(format!(
                        "{rel}:{}: `{module}` uses `crate::{used}`, against the flow of data (ARCHITECTURE.md)",
                        n + 1
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn pure_layers_touch_no_files_and_no_html() {
    let mut problems = Vec::new();
    for (rel, text) in sources() {
        if !PURE.contains(&module_of(&rel).as_str()) {
            continue;
        }
        for (n, line) in code(&rel, &text).iter().enumerate() {
            for word in NOT_IN_PURE {
                if line.contains(word) {
                    problems.push(format!("{rel}:{}: `{word}` in a pure layer", n + 1));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn no_source_file_grows_past_what_a_newcomer_can_hold_in_mind() {
    let too_long: Vec<String> = sources()
        .into_iter()
        .filter(|(rel, _)| !LONG_FILES_ALLOWED.contains(&rel.as_str()))
        .filter_map(|(rel, text)| {
            let lines = text.lines().count();
            (lines > MAX_FILE_LINES).then(|| {
                format!("{rel}: {lines} lines (at most {MAX_FILE_LINES}): split it at its seams")
            })
        })
        .collect();
    assert!(too_long.is_empty(), "{}", too_long.join("\n"));
}

#[test]
fn the_tidy_checks_see_what_they_check() {
    let modules: BTreeSet<&str> = ["insight", "render", "model"].into_iter().collect();
    assert_eq!(
        modules_named("use crate::{insight::Flag, model::*};", &modules),
        ["insight", "model"]
    );
    assert_eq!(
        modules_named("let x = crate::render::to_value(&v);", &modules),
        ["render"]
    );
    assert!(modules_named("use crate::insightful;", &modules).is_empty());
    assert_eq!(module_of("src/render/objective.rs"), "render");
    assert_eq!(module_of("src/limits.rs"), "limits");
    assert!(code("src/a.rs", "x // crate::render\n#[cfg(test)]\ncrate::site")[0].trim() == "x");
    assert_eq!(
        sources().iter().filter(|(r, _)| r == "src/lib.rs").count(),
        1
    );
}
