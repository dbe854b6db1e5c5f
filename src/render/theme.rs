//! The theme: the built-in templates and style sheet, embedded in the binary, with the
//! engagement's overrides from its `templates/` folder.

use std::collections::BTreeMap;
use std::path::Path;

use tera::Tera;

use crate::diagnostic::{Diagnostic, Diagnostics, display_path};
use crate::load::{read_text, walk_files};

/// The built-in templates, by file name.
pub const BUILTIN_TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    (
        "dashboard.html",
        include_str!("../../templates/dashboard.html"),
    ),
    (
        "objectives.html",
        include_str!("../../templates/objectives.html"),
    ),
    (
        "objective.html",
        include_str!("../../templates/objective.html"),
    ),
    (
        "assessments.html",
        include_str!("../../templates/assessments.html"),
    ),
    (
        "assessment.html",
        include_str!("../../templates/assessment.html"),
    ),
    ("survey.html", include_str!("../../templates/survey.html")),
    (
        "pulse_table.html",
        include_str!("../../templates/pulse_table.html"),
    ),
    ("plan.html", include_str!("../../templates/plan.html")),
    (
        "sessions.html",
        include_str!("../../templates/sessions.html"),
    ),
    ("session.html", include_str!("../../templates/session.html")),
    ("lessons.html", include_str!("../../templates/lessons.html")),
    ("lesson.html", include_str!("../../templates/lesson.html")),
    ("tag.html", include_str!("../../templates/tag.html")),
    ("search.html", include_str!("../../templates/search.html")),
    ("members.html", include_str!("../../templates/members.html")),
    (
        "findings.html",
        include_str!("../../templates/findings.html"),
    ),
    ("chart.html", include_str!("../../templates/chart.html")),
    ("legend.html", include_str!("../../templates/legend.html")),
    (
        "key_result_list.html",
        include_str!("../../templates/key_result_list.html"),
    ),
    (
        "key_results.html",
        include_str!("../../templates/key_results.html"),
    ),
    (
        "mentions.html",
        include_str!("../../templates/mentions.html"),
    ),
    (
        "properties.html",
        include_str!("../../templates/properties.html"),
    ),
    ("report.html", include_str!("../../templates/report.html")),
    (
        "practice.html",
        include_str!("../../templates/practice.html"),
    ),
];

/// The built-in style sheet.
pub const BUILTIN_STYLE: &str = include_str!("../../templates/style.css");

/// The templates in use: the built-in ones with the engagement's overrides.
pub struct Theme {
    pub(crate) tera: std::sync::Arc<Tera>,
    pub(crate) style: String,
    /// Whether the engagement replaces or adds templates. The built-in ones render every
    /// engagement (the test suite sees to that); an override may fail on one page only.
    pub custom: bool,
}

/// Loads the built-in templates and the engagement's overrides from `root/templates`.
pub fn load_theme(root: &Path) -> Result<(Theme, Diagnostics), Diagnostics> {
    let mut diags = Diagnostics::default();
    let mut templates: BTreeMap<String, String> = BUILTIN_TEMPLATES
        .iter()
        .map(|(name, text)| (name.to_string(), text.to_string()))
        .collect();
    let mut style = BUILTIN_STYLE.to_string();
    // The old place first, so that `.coachsite/templates/` wins over it.
    for (dir, legacy) in [
        (root.join("templates"), true),
        (root.join(".coachsite").join("templates"), false),
    ] {
        if dir.is_dir() {
            read_overrides(root, &dir, legacy, &mut templates, &mut style, &mut diags);
        }
    }
    let custom = templates.len() != BUILTIN_TEMPLATES.len()
        || BUILTIN_TEMPLATES
            .iter()
            .any(|(name, text)| templates.get(*name).map(String::as_str) != Some(*text));
    let tera = match compiled(&templates) {
        Ok(tera) => tera,
        Err(err) => {
            diags.push(template_error(&err));
            diags.sort();
            return Err(diags);
        }
    };
    if diags.has_errors() {
        diags.sort();
        return Err(diags);
    }
    Ok((
        Theme {
            tera,
            style,
            custom,
        },
        diags,
    ))
}

/// The templates compiled, or as they were compiled for the last load with the same
/// templates: `serve` loads them on every save, and compiling them takes longer than
/// comparing them (ARCHITECTURE.md's "Incremental state": what it saves).
fn compiled(templates: &BTreeMap<String, String>) -> Result<std::sync::Arc<Tera>, tera::Error> {
    static LAST: std::sync::Mutex<Last> = std::sync::Mutex::new(None);
    compiled_in(&LAST, templates)
}

/// The last templates compiled, and what they compiled into.
type Last = Option<(BTreeMap<String, String>, std::sync::Arc<Tera>)>;

/// [`compiled`], remembering in `last`.
fn compiled_in(
    last: &std::sync::Mutex<Last>,
    templates: &BTreeMap<String, String>,
) -> Result<std::sync::Arc<Tera>, tera::Error> {
    let mut last = last.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((held, tera)) = last.as_ref()
        && held == templates
    {
        return Ok(tera.clone());
    }
    let mut tera = Tera::new();
    tera.add_raw_templates(templates.iter().map(|(n, t)| (n.as_str(), t.as_str())))?;
    let tera = std::sync::Arc::new(tera);
    *last = Some((templates.clone(), tera.clone()));
    Ok(tera)
}

/// The overrides in one folder. In the old place, `templates/` (where Obsidian keeps its
/// note templates), only `.html` and `style.css` are read, each with a warning to move
/// it; anything else there is Obsidian's and left alone.
fn read_overrides(
    root: &Path,
    dir: &Path,
    legacy: bool,
    templates: &mut BTreeMap<String, String>,
    style: &mut String,
    diags: &mut Diagnostics,
) {
    let (paths, errors) = walk_files(root, dir);
    diags.items.extend(errors);
    for path in paths {
        let name = display_path(dir, &path);
        let ours = name == "style.css" || name.ends_with(".html");
        if legacy && !ours {
            continue;
        }
        if !ours {
            diags.push(
                Diagnostic::warning(display_path(root, &path), "this file is ignored")
                    .with_help(".coachsite/templates/ holds .html templates and style.css; put other files in static/"),
            );
            continue;
        }
        if legacy {
            diags.push(
                Diagnostic::warning(
                    display_path(root, &path),
                    "template overrides now live in .coachsite/templates/",
                )
                .with_help(format!("move it to .coachsite/templates/{name}: templates/ is where Obsidian keeps note templates; this place is still read for now")),
            );
        }
        let text = match read_text(root, &path) {
            Ok(text) => text,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        if name == "style.css" {
            *style = text;
        } else {
            templates.insert(name, text);
        }
    }
}

pub(super) fn template_error(err: &tera::Error) -> Diagnostic {
    let mut message = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(inner) = source {
        message.push_str(&format!(": {inner}"));
        source = inner.source();
    }
    Diagnostic::error(".coachsite/templates/", format!("template error: {message}"))
        .with_help("fix the template named above (a template in .coachsite/templates/ replaces the built-in one of the same name)")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same templates are compiled once; an override is compiled anew, and its own
    /// text is what renders.
    #[test]
    fn templates_are_compiled_again_only_when_they_change() {
        let builtin: BTreeMap<String, String> = BUILTIN_TEMPLATES
            .iter()
            .map(|(name, text)| (name.to_string(), text.to_string()))
            .collect();
        let last = std::sync::Mutex::new(None);
        let first = compiled_in(&last, &builtin).expect("the built-in templates compile");
        let again = compiled_in(&last, &builtin).expect("again");
        assert!(std::sync::Arc::ptr_eq(&first, &again));
        let mut changed = builtin.clone();
        changed.insert("robots-test.html".into(), "only {{ 1 + 1 }}".into());
        let other = compiled_in(&last, &changed).expect("an override compiles");
        assert!(!std::sync::Arc::ptr_eq(&first, &other));
        let rendered = other
            .render("robots-test.html", &tera::Context::new())
            .expect("renders");
        assert_eq!(rendered, "only 2");
        let back = compiled_in(&last, &builtin).expect("back");
        assert!(!std::sync::Arc::ptr_eq(&back, &other));
        assert!(
            back.render("robots-test.html", &tera::Context::new())
                .is_err()
        );
    }
}
