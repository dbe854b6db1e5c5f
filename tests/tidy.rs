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
const LONG_FILES_ALLOWED: &[&str] = &[];

/// The modules of the crate and the modules each may use (`crate::…`). Anything not
/// listed here may not be used; `cli` (the commands) may use everything.
const LAYERS: &[(&str, &[&str])] = &[
    ("limits", &[]),
    ("diagnostic", &[]),
    ("html", &[]),
    ("markdown", &["model", "html"]),
    ("model", &["limits", "html"]),
    ("load", &["model", "diagnostic", "limits", "markdown"]),
    ("audience", &["model", "diagnostic", "markdown"]),
    ("insight", &["model"]),
    ("i18n", &["model"]),
    ("explain", &["model", "insight", "i18n"]),
    ("charts", &["model", "i18n", "html"]),
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
            "html",
        ],
    ),
    ("site", &["render", "diagnostic", "load", "limits"]),
    ("encrypt", &["render", "html"]),
    ("diff", &["render", "html"]),
    ("export", &["model", "check", "site", "insight"]),
    ("schema", &["model", "site"]),
    ("scaffold", &["model", "load", "schema", "site", "markdown"]),
    (
        "practice",
        &["diagnostic", "load", "model", "render", "insight"],
    ),
    (
        "serve",
        &[
            "diagnostic",
            "load",
            "render",
            "practice",
            "site",
            "limits",
            "html",
        ],
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

/// The first name of each path a `use` or an expression takes from `prefix`:
/// `super::{a::X, b}` → `a`, `b`; `super::c::d()` → `c`.
fn names_after(line: &str, prefix: &str) -> Vec<String> {
    let ident = |s: &str| -> String {
        s.trim()
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    let mut names = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find(prefix) {
        let before = rest[..at].chars().last();
        rest = &rest[at + prefix.len()..];
        if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        let Some(inner) = rest.strip_prefix('{') else {
            names.push(ident(rest));
            continue;
        };
        // The top-level items of the group, each up to its first `::` or `,`.
        let mut depth = 0;
        let mut item = String::new();
        for c in inner.chars() {
            match c {
                '{' => depth += 1,
                '}' if depth == 0 => break,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    names.push(ident(&item));
                    item.clear();
                    continue;
                }
                _ => {}
            }
            item.push(c);
        }
        names.push(ident(&item));
    }
    names.retain(|n| !n.is_empty());
    names
}

/// The files of one folder module that use each other in a circle (`a → b → a`): each
/// circle comes from a type living in the wrong file. The folder's `mod.rs` (what every
/// file of it shares) and its tests are left out.
fn circles_in(folder: &str, files: &BTreeMap<String, Vec<String>>) -> Vec<String> {
    let module_path = folder.trim_start_matches("src/").replace('/', "::");
    let edges: BTreeMap<&str, BTreeSet<String>> = files
        .iter()
        .map(|(name, code)| {
            let mut used = BTreeSet::new();
            for line in code {
                let crate_path = format!("crate::{module_path}::");
                for prefix in ["super::", crate_path.as_str()] {
                    for n in names_after(line, prefix) {
                        if n != *name && files.contains_key(&n) {
                            used.insert(n);
                        }
                    }
                }
            }
            (name.as_str(), used)
        })
        .collect();
    let mut circles = Vec::new();
    for start in edges.keys() {
        // A path from `start` back to itself, through files named after it (so each
        // circle is reported once, from its first file).
        let mut stack: Vec<Vec<&str>> = vec![vec![start]];
        while let Some(path) = stack.pop() {
            let last = path[path.len() - 1];
            for next in edges.get(last).into_iter().flatten() {
                if next == start {
                    circles.push(format!("{folder}: {} → {start}", path.join(" → ")));
                } else if next.as_str() > *start && !path.contains(&next.as_str()) {
                    let mut longer = path.clone();
                    longer.push(next);
                    stack.push(longer);
                }
            }
        }
    }
    circles
}

#[test]
fn no_circle_of_imports_inside_a_module() {
    let mut folders: BTreeMap<String, BTreeMap<String, Vec<String>>> = BTreeMap::new();
    for (rel, text) in sources() {
        let Some((folder, file)) = rel.rsplit_once('/') else {
            continue;
        };
        let name = file.trim_end_matches(".rs");
        if folder == "src" || name == "mod" || name == "tests" {
            continue;
        }
        let code = code(&rel, &text);
        folders
            .entry(folder.to_string())
            .or_default()
            .insert(name.to_string(), code);
    }
    let circles: Vec<String> = folders
        .iter()
        .flat_map(|(folder, files)| circles_in(folder, files))
        .collect();
    assert!(
        circles.is_empty(),
        "files that use each other (move the type they share to the file it belongs to, or to the folder's mod.rs):\n{}",
        circles.join("\n")
    );
}

#[test]
fn the_tidy_checks_see_what_they_check() {
    assert_eq!(
        names_after(
            "use super::{views::{Link, Views}, PageJob, lesson};",
            "super::"
        ),
        ["views", "PageJob", "lesson"]
    );
    assert_eq!(
        names_after("let x = super::links::tag(a);", "super::"),
        ["links"]
    );
    assert!(names_after("use crate::render::super::x;", "super::").is_empty());
    let files: BTreeMap<String, Vec<String>> = [
        ("a", "use super::b::X;"),
        ("b", "use crate::m::c::Y;"),
        ("c", "fn f() { super::a::g() }"),
        ("d", "use super::a::Z;"),
    ]
    .into_iter()
    .map(|(n, code)| (n.to_string(), vec![code.to_string()]))
    .collect();
    assert_eq!(circles_in("src/m", &files), ["src/m: a → b → c → a"]);
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
