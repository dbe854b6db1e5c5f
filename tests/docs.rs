//! The docs tied to the code (as rust-analyzer's tidy tests tie its docs): a change of
//! code that leaves its doc behind fails here, with what to write and where.
//!
//! - every source file is on ARCHITECTURE.md's map, in its folder's row;
//! - every finding code (`insight::Finding`, kebab-case in JSON) is in docs/check-json.md;
//! - every key of the format (the JSON Schemas `coachsite schema` writes) is in
//!   docs/format.md.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

fn read(rel: &str) -> String {
    fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)).expect(rel)
}

/// Every `.rs` file under `src/`, relative to `src/`.
fn source_files() -> Vec<String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    walkdir::WalkDir::new(&src)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
        .map(|e| {
            let rel = e.path().strip_prefix(&src).expect("inside src");
            rel.to_string_lossy().replace('\\', "/")
        })
        .collect()
}

/// The rows of ARCHITECTURE.md's code map: (its first cell, the whole row).
fn map_rows(architecture: &str) -> Vec<(String, String)> {
    let start = architecture
        .find("## Code map")
        .expect("ARCHITECTURE.md has a `## Code map`");
    let map = &architecture[start..];
    let end = map[3..].find("\n## ").map_or(map.len(), |i| i + 3);
    map[..end]
        .lines()
        .filter(|l| l.starts_with("| `"))
        .map(|l| {
            let first = l.split('|').nth(1).unwrap_or_default().trim().to_string();
            (first, l.to_string())
        })
        .collect()
}

#[test]
fn every_source_file_is_on_the_architecture_map() {
    let architecture = read("ARCHITECTURE.md");
    let rows = map_rows(&architecture);
    let mut missing = Vec::new();
    // A folder's `tests.rs` is its unit tests ("How it is tested" says where they are).
    for file in source_files()
        .into_iter()
        .filter(|f| !f.ends_with("/tests.rs"))
    {
        let found = match file.split_once('/') {
            // `render/pages.rs`: named in the row of `render/` (`pages.rs`), or by its
            // full path in any row (a file of a folder inside a folder).
            Some((folder, inside)) => {
                let name = inside.rsplit('/').next().unwrap_or(inside);
                let row_of_folder = rows
                    .iter()
                    .find(|(first, _)| first.contains(&format!("`{folder}/`")));
                row_of_folder.is_some_and(|(_, row)| {
                    row.contains(&format!("`{name}`")) || row.contains(&format!("`{inside}`"))
                }) || rows
                    .iter()
                    .any(|(_, row)| row.contains(&format!("`{file}`")))
            }
            // `lib.rs`, `main.rs` and the files of top-level modules: in the first cell
            // of a row.
            None => rows
                .iter()
                .any(|(first, _)| first.contains(&format!("`{file}`"))),
        };
        if !found {
            missing.push(file);
        }
    }
    assert!(
        missing.is_empty(),
        "not on ARCHITECTURE.md's code map (name each in its folder's row, in one short sentence):\n{}",
        missing.join("\n")
    );
}

/// The variants of `insight::Finding`, read from its source, as serde names them
/// (`rename_all = "kebab-case"`).
fn finding_codes() -> Vec<String> {
    let source = read("src/insight/mod.rs");
    let start = source
        .find("enum Finding {")
        .expect("insight::Finding is in src/insight/mod.rs");
    let body = &source[start + "enum Finding {".len()..];
    let mut codes = Vec::new();
    let mut depth = 0;
    for line in body.lines() {
        let trimmed = line.trim();
        if depth == 0 && trimmed.starts_with('}') {
            break;
        }
        let opens = trimmed.matches('{').count();
        let closes = trimmed.matches('}').count();
        if depth == 0 && !trimmed.starts_with("//") && !trimmed.starts_with('#') {
            let name: String = trimmed
                .chars()
                .take_while(char::is_ascii_alphanumeric)
                .collect();
            if name.starts_with(|c: char| c.is_ascii_uppercase()) {
                codes.push(kebab(&name));
            }
        }
        depth = depth + opens - closes.min(depth + opens);
    }
    codes
}

fn kebab(camel: &str) -> String {
    let mut out = String::new();
    for (i, c) in camel.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('-');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn every_finding_code_is_in_check_json_md() {
    let codes = finding_codes();
    assert!(codes.len() > 10, "read the variants of Finding: {codes:?}");
    let doc = read("docs/check-json.md");
    let missing: Vec<&String> = codes
        .iter()
        .filter(|code| !doc.contains(&format!("`{code}`")))
        .collect();
    assert!(
        missing.is_empty(),
        "finding codes not in docs/check-json.md's table of findings: {missing:?}"
    );
}

/// Every property name in a JSON Schema, at any depth (definitions included).
fn keys(schema: &serde_json::Value, out: &mut BTreeSet<String>) {
    match schema {
        serde_json::Value::Object(map) => {
            for (key, value) in map {
                match (key.as_str(), value) {
                    // A map of property names to their schemas (one of them may itself
                    // be named `properties`, as `share.properties` is).
                    ("properties", serde_json::Value::Object(properties)) => {
                        out.extend(properties.keys().cloned());
                        properties.values().for_each(|v| keys(v, out));
                    }
                    _ => keys(value, out),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| keys(v, out)),
        _ => {}
    }
}

#[test]
fn every_key_of_the_format_is_in_format_md() {
    let doc = read("docs/format.md");
    let mut all = BTreeSet::new();
    for (name, text) in coachsite::schema::schemas() {
        let schema: serde_json::Value = serde_json::from_str(&text).expect(name);
        keys(&schema, &mut all);
    }
    assert!(all.len() > 40, "read the schemas' keys: {all:?}");
    // The names written in code in the doc, and each part of a path such as
    // `scale.labels` or `answers[].group`.
    let written: BTreeSet<&str> = doc
        .split('`')
        .skip(1)
        .step_by(2)
        .flat_map(|code| code.split(['.', '[', ']', ':', ' ']))
        .collect();
    let missing: Vec<&String> = all
        .iter()
        .filter(|key| !written.contains(key.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "keys of the format not in docs/format.md: {missing:?}"
    );
}

#[test]
fn the_doc_checks_see_what_they_check() {
    assert_eq!(kebab("DuePassed"), "due-passed");
    assert!(finding_codes().contains(&"due-passed".to_string()));
    let rows = map_rows("## Code map\n| `a/` | `b.rs` x |\n## Next\n| `c/` | |");
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].0, "`a/`");
}
