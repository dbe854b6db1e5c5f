//! A note's front matter as Obsidian has it: open properties, a title from the first
//! heading or the file name, a session's date from its file name, and links written in
//! properties (`objectives: ["[[sprint-goals]]"]`).
//!
//! A front matter that reads as coachsite's own keys takes the fast path: it is parsed
//! once, as before. Otherwise its top-level keys are read first ([`open`]): each key
//! coachsite does not know is kept as a [`Property`] and blanked out of the YAML (its lines
//! kept, so that every position stays exact), a key within a typo of a known one is a
//! warning that names it, and a missing `title:` or `date:` is added from the note itself.

use std::sync::LazyLock;

use serde::Deserialize;
use serde::de::{MapAccess, Visitor};

use super::FileKind;
use crate::diagnostic::Diagnostic;
use crate::model::{LessonFront, ObjectiveFront, Property, SessionFront};
#[cfg(test)]
use crate::model::{link_words, property_link};

/// The keys coachsite reads in a note of `kind`, from the very types the loader
/// deserialises (so they cannot drift).
fn known_keys(kind: FileKind) -> &'static [String] {
    fn keys_of<T: schemars::JsonSchema>() -> Vec<String> {
        let schema = schemars::schema_for!(T);
        schema
            .get("properties")
            .and_then(|p| p.as_object())
            .map(|p| p.keys().cloned().collect())
            .unwrap_or_default()
    }
    static OBJECTIVE: LazyLock<Vec<String>> = LazyLock::new(keys_of::<ObjectiveFront>);
    static SESSION: LazyLock<Vec<String>> = LazyLock::new(keys_of::<SessionFront>);
    static LESSON: LazyLock<Vec<String>> = LazyLock::new(keys_of::<LessonFront>);
    match kind {
        FileKind::Objective => &OBJECTIVE,
        FileKind::Session => &SESSION,
        _ => &LESSON,
    }
}

/// One top-level key of a front matter, where it is written, and its value.
struct Key {
    name: String,
    line: u32,
    column: u32,
    value: serde_json::Value,
}

/// The top-level keys of a YAML mapping, in the order written.
struct Keys(Vec<Key>);

impl<'de> Deserialize<'de> for Keys {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Walk;
        impl<'de> Visitor<'de> for Walk {
            type Value = Keys;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a mapping of properties")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Keys, A::Error> {
                let mut keys = Vec::new();
                while let Some(key) = map.next_key::<serde_saphyr::Spanned<String>>()? {
                    let value = map.next_value::<serde_json::Value>()?;
                    keys.push(Key {
                        name: key.value,
                        line: key.referenced.line() as u32,
                        column: key.referenced.column() as u32,
                        value,
                    });
                }
                Ok(Keys(keys))
            }
        }
        deserializer.deserialize_map(Walk)
    }
}

/// What [`open`] made of a front matter.
pub(super) struct Opened {
    /// The YAML for the typed parse: unknown keys blanked out, a title or date added.
    pub(super) yaml: String,
    /// The keys coachsite does not know, in the order written.
    pub(super) properties: Vec<Property>,
    /// Keys within a typo of a known one.
    pub(super) warnings: Vec<Diagnostic>,
    /// Whether the title was taken from the body's first heading, written on the body's
    /// first line: that line is then left out of the body (the page's title shows it).
    pub(super) title_from_heading: bool,
}

/// The note's front matter `yaml` (its opening `---` line included) opened as Obsidian
/// reads properties; `None` when it is no mapping YAML can read (the typed parse then
/// says what is wrong).
pub(super) fn open(
    kind: FileKind,
    stem: &str,
    shown: &str,
    text: &str,
    yaml: &str,
    body: &str,
) -> Option<Opened> {
    let keys = serde_saphyr::from_str::<Keys>(yaml).ok()?.0;
    let known = known_keys(kind);
    let mut lines: Vec<&str> = yaml.lines().collect();
    let mut blank = |from: u32, keys: &[Key]| {
        // A key's entry runs to the next key written below it, or the end.
        let to = keys
            .iter()
            .map(|k| k.line)
            .filter(|l| *l > from)
            .min()
            .unwrap_or(lines.len() as u32 + 1);
        for line in from..to {
            if let Some(l) = lines.get_mut(line as usize - 1) {
                *l = "";
            }
        }
    };
    let mut properties = Vec::new();
    let mut warnings = Vec::new();
    let mut has_title = false;
    let mut date: Option<String> = None;
    for key in &keys {
        // Only a block mapping's keys can be blanked line by line.
        let block = key.column == 1 && key.line >= 1;
        let empty = key.value.is_null() || key.value.as_str().is_some_and(|s| s.trim().is_empty());
        if known.contains(&key.name) {
            match key.name.as_str() {
                // `title:` and `date:` left empty, as templates leave them: read as absent.
                "title" | "date" if empty && block => blank(key.line, &keys),
                "title" => has_title = true,
                "date" => match key.value.as_str().and_then(date_of_datetime) {
                    Some(day) if block => {
                        blank(key.line, &keys);
                        date = Some(day.to_string());
                    }
                    _ => date = Some(String::new()),
                },
                _ => {}
            }
            continue;
        }
        if !block {
            continue;
        }
        if let Some(close) = typo_of(&key.name, known) {
            warnings.push(
                Diagnostic::warning(
                    shown,
                    format!("`{}` is kept as a property of your own", key.name),
                )
                .at(text, key.line, key.column)
                .with_help(format!(
                    "did you mean `{close}`? coachsite reads `{close}`; other properties are shown to you only"
                )),
            );
        }
        properties.push(Property {
            key: key.name.clone(),
            value: key.value.clone(),
        });
        blank(key.line, &keys);
    }
    let mut yaml: String = lines.join("\n");
    yaml.push('\n');
    let mut title_from_heading = false;
    if !has_title {
        let (title, from_heading) = title_of(kind, stem, body);
        title_from_heading = from_heading;
        yaml.push_str(&format!("title: {}\n", quoted(&title)));
    }
    match date {
        Some(day) if !day.is_empty() => yaml.push_str(&format!("date: {day}\n")),
        None if kind != FileKind::Objective => {
            if let Some(day) = leading_date(stem) {
                yaml.push_str(&format!("date: {day}\n"));
            }
        }
        _ => {}
    }
    Some(Opened {
        yaml,
        properties,
        warnings,
        title_from_heading,
    })
}

/// A known key that `key` is likely a typo of: the same but for case, or one or two
/// edits away (two for keys of more than five letters).
fn typo_of<'k>(key: &str, known: &'k [String]) -> Option<&'k str> {
    let lower = key.to_lowercase();
    let most = if key.chars().count() > 5 { 2 } else { 1 };
    known
        .iter()
        .map(|k| (strsim::damerau_levenshtein(&lower, k), k))
        .filter(|(d, _)| *d <= most)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k.as_str())
}

/// `2026-02-05T10:30` or `2026-02-05 10:30` (Obsidian's date-time property) → its day.
fn date_of_datetime(text: &str) -> Option<&str> {
    let text = text.trim();
    let day = text.get(..10)?;
    let rest = &text[10..];
    (leading_date(day) == Some(day)
        && (rest.starts_with('T') || rest.starts_with(' '))
        && rest[1..].starts_with(|c: char| c.is_ascii_digit()))
    .then_some(day)
}

/// The `YYYY-MM-DD` a file name starts with (`2024-11-13 John Appleseed`), if any.
pub(super) fn leading_date(stem: &str) -> Option<&str> {
    let day = stem.get(..10)?;
    let shape = day.bytes().enumerate().all(|(i, b)| match i {
        4 | 7 => b == b'-',
        _ => b.is_ascii_digit(),
    });
    let after = stem[10..].chars().next();
    (shape
        && crate::model::Date::parse(day).is_ok()
        && after.is_none_or(|c| !c.is_ascii_alphanumeric()))
    .then_some(day)
}

/// A note's title when it has no `title:`: its first `# heading` (outside code), else its
/// file name (for a dated note, without the date it starts with). Whether it is the
/// heading on the body's first line.
fn title_of(kind: FileKind, stem: &str, body: &str) -> (String, bool) {
    let mut fence: Option<&str> = None;
    let mut first = true;
    for line in body.lines() {
        let trimmed = line.trim_start();
        if let Some(open) = fence {
            if trimmed.starts_with(open) {
                fence = None;
            }
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(&trimmed[..3]);
            first = false;
            continue;
        }
        if line.trim().is_empty() {
            continue;
        }
        let indent = line.len() - trimmed.len();
        if indent < 4
            && let Some(words) = trimmed
                .strip_prefix("# ")
                .or((trimmed == "#").then_some(""))
        {
            let words = words.trim().trim_end_matches('#').trim();
            if !words.is_empty() {
                return (words.to_string(), first);
            }
        }
        first = false;
    }
    let name = match (kind, leading_date(stem)) {
        (FileKind::Objective, _) | (_, None) => stem,
        (_, Some(day)) => {
            let rest = stem[day.len()..].trim_start_matches([' ', '-', '_', '.', '—', '–']);
            if rest.is_empty() { stem } else { rest }
        }
    };
    (name.trim().to_string(), false)
}

/// The body with its first line blanked (kept as an empty line, so that line numbers
/// stay): the heading the title was taken from.
pub(super) fn without_first_heading(body: &str) -> String {
    let start = body.len() - body.trim_start_matches(['\n', '\r', ' ', '\t']).len();
    let start = body[..start].rfind('\n').map_or(0, |i| i + 1);
    let end = body[start..].find('\n').map_or(body.len(), |i| start + i);
    format!("{}{}", &body[..start], &body[end..])
}

/// A YAML scalar that reads back as `text`: a JSON string is a YAML double-quoted one.
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opened(kind: FileKind, stem: &str, text: &str) -> Opened {
        let fm = super::super::split_front_matter(text).expect("front matter");
        open(kind, stem, "sessions/x.md", text, fm.yaml, fm.body).expect("opens")
    }

    #[test]
    fn unknown_keys_are_kept_and_blanked_line_for_line() {
        let text = "---\ntype: meeting\nwith: \"[[John Appleseed]]\"\ntopics:\n  - hiring\n  - roadmap\ntitle: Weekly\nmood: 7\n---\nBody\n";
        let o = opened(FileKind::Session, "2024-11-13 John", text);
        let keys: Vec<&str> = o.properties.iter().map(|p| p.key.as_str()).collect();
        assert_eq!(keys, ["type", "with", "topics", "mood"]);
        assert_eq!(
            o.properties[2].value,
            serde_json::json!(["hiring", "roadmap"])
        );
        // Lines kept: `title` still on line 7, the date added from the file name.
        assert_eq!(o.yaml.lines().nth(6), Some("title: Weekly"));
        assert_eq!(o.yaml.lines().filter(|l| l.is_empty()).count(), 6);
        assert!(o.yaml.ends_with("date: 2024-11-13\n"), "{}", o.yaml);
        assert!(o.warnings.is_empty());
    }

    #[test]
    fn a_typo_of_a_known_key_is_a_warning_that_names_it() {
        let text = "---\ntitel: Weekly\natendees: [ana]\nTitle: x\nenergy: 3\n---\n";
        let o = opened(FileKind::Session, "2024-11-13", text);
        let said: Vec<String> = o
            .warnings
            .iter()
            .map(|d| {
                format!(
                    "{}:{} {}",
                    d.line,
                    d.message,
                    d.help.clone().unwrap_or_default()
                )
            })
            .collect();
        assert_eq!(said.len(), 3, "{said:?}");
        assert!(said[0].starts_with("2:`titel`") && said[0].contains("`title`"));
        assert!(said[1].contains("`attendees`"));
        assert!(said[2].contains("`title`"));
        assert_eq!(typo_of("mood", known_keys(FileKind::Session)), None);
        assert_eq!(typo_of("type", known_keys(FileKind::Session)), None);
        assert_eq!(typo_of("people", known_keys(FileKind::Session)), None);
    }

    #[test]
    fn titles_come_from_the_first_heading_then_the_file_name() {
        let o = opened(
            FileKind::Session,
            "2024-11-13 John Appleseed",
            "---\ntype: 1on1\n---\n\n# Weekly with John\n\nNotes\n",
        );
        assert!(
            o.yaml.contains("title: \"Weekly with John\"\n"),
            "{}",
            o.yaml
        );
        assert!(o.title_from_heading);
        let o = opened(
            FileKind::Session,
            "2024-11-13 John Appleseed",
            "---\ntype: 1on1\n---\n```\n# not a heading\n```\nText\n## Sub\n",
        );
        assert!(o.yaml.contains("title: \"John Appleseed\"\n"), "{}", o.yaml);
        let o = opened(
            FileKind::Objective,
            "Ship faster",
            "---\nmood: 1\n---\nx\n# Later heading\n",
        );
        assert!(o.yaml.contains("title: \"Later heading\"\n"));
        assert!(!o.title_from_heading, "not on the first line");
        assert_eq!(
            title_of(FileKind::Session, "2024-11-13", "").0,
            "2024-11-13"
        );
        assert_eq!(
            without_first_heading("\n# Weekly\n\nText\n"),
            "\n\n\nText\n",
            "the line stays"
        );
    }

    #[test]
    fn empty_title_and_date_read_as_absent_and_datetimes_as_their_day() {
        let o = opened(
            FileKind::Session,
            "2024-11-13 x",
            "---\ndate:\ntitle:\n---\n# Hello\n",
        );
        assert!(o.yaml.contains("title: \"Hello\"") && o.yaml.contains("date: 2024-11-13"));
        let o = opened(
            FileKind::Session,
            "x",
            "---\ndate: 2024-11-14T10:30\ntitle: T\n---\n",
        );
        assert!(o.yaml.ends_with("date: 2024-11-14\n"), "{}", o.yaml);
        assert_eq!(leading_date("2024-11-13"), Some("2024-11-13"));
        assert_eq!(leading_date("2024-11-13_retro"), Some("2024-11-13"));
        assert_eq!(leading_date("2024-11-131"), None);
        assert_eq!(leading_date("2024-13-01 x"), None);
        assert_eq!(leading_date("notes"), None);
    }

    #[test]
    fn links_in_properties_name_their_note() {
        assert_eq!(
            property_link("[[ci-cd-pipeline-refactor]]"),
            Some("ci-cd-pipeline-refactor")
        );
        assert_eq!(
            property_link(" [[objectives/Sprint Goals.md|goal]] "),
            Some("Sprint Goals")
        );
        assert_eq!(property_link("sprint-goals"), None);
        assert_eq!(link_words("[[John Appleseed]]"), "John Appleseed");
        assert_eq!(link_words("[[people/ana|Ana]]"), "Ana");
        assert_eq!(link_words("Ana: PO"), "Ana: PO");
    }
}
