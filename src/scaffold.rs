//! `new` and `note`: the files a coach starts from.
//!
//! `new` lays out a ready engagement folder (commented placeholders, one fully SMART
//! objective, an empty plan with a commented example, a `.gitignore`, a short README)
//! that passes `check` and builds. `note` writes the next session note with its front
//! matter prefilled from the engagement: the active objectives, the actions to review,
//! the attendees of the last session. Neither ever overwrites a file.

use std::fs;
use std::path::{Path, PathBuf};

use crate::model::{ActionStatus, Date, Engagement, Measurement, ObjectiveStatus};

/// The kind of engagement `new` lays out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewKind {
    Team,
    Individual,
}

fn add_months(date: Date, months: u32) -> Date {
    date.0
        .checked_add_months(chrono::Months::new(months))
        .map_or(date, Date)
}

/// Creates an engagement folder in `dir`, which must be missing or empty.
pub fn new_engagement(
    dir: &Path,
    kind: NewKind,
    language: &str,
    today: Date,
) -> Result<Vec<PathBuf>, String> {
    if dir.exists() {
        let empty = fs::read_dir(dir)
            .map(|mut d| d.next().is_none())
            .map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
        if !empty {
            return Err(format!(
                "{} is not empty: `new` never overwrites; choose a new folder",
                dir.display()
            ));
        }
    }
    let files: Vec<(&str, String)> = vec![
        ("engagement.yaml", engagement_yaml(kind, language, today)),
        (
            "objectives/first-objective.md",
            first_objective(today, language),
        ),
        ("plan.yaml", PLAN_YAML.to_string()),
        ("sessions/.gitkeep", String::new()),
        ("lessons/.gitkeep", String::new()),
        ("assessments/.gitkeep", String::new()),
        (".gitignore", "public/\n".to_string()),
        (
            ".vscode/settings.json",
            crate::schema::VSCODE_SETTINGS.to_string(),
        ),
        ("README.md", README.to_string()),
    ];
    let mut written = Vec::new();
    for (path, text) in files {
        let target = dir.join(path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        crate::site::write_file(&target, text.as_bytes())
            .map_err(|e| format!("cannot write {}: {e}", target.display()))?;
        written.push(target);
    }
    written.extend(crate::schema::write_schemas(
        &dir.join(".coachsite/schemas"),
    )?);
    Ok(written)
}

/// The new engagement.yaml, every key explained in a comment.
fn engagement_yaml(kind: NewKind, language: &str, today: Date) -> String {
    let p = words(language);
    let end = add_months(today, 7);
    let retain = add_months(today, 43);
    let (kind_word, members) = match kind {
        NewKind::Team => (
            "team",
            format!("members:                          # who is rated individually (ids: lower-case, digits, -)\n  - id: member-one\n    name: {}\n    role: Scrum Master\n", p.member),
        ),
        NewKind::Individual => (
            "individual",
            "members: []                       # team engagements list the people rated individually\n".to_string(),
        ),
    };
    format!(
        "# yaml-language-server: $schema=.coachsite/schemas/engagement.schema.json\n\
# The engagement: who, when, and what is assessed. Reference: coachsite's docs/format.md.\n\
title: {title}          # shown at the top of every page\n\
client: {client}\n\
kind: {kind_word}                          # individual | team\n\
coach: {coach}\n\
sponsor: {sponsor}   # optional: remove if there is none\n\
start: {today}\n\
end: {end}                       # optional\n\
language: {language}                       # en | fr | de: the site's language\n\
context: |\n  {context}\n\
scale:                                  # the competency scale assessments use\n  min: 1\n  max: 5\n  labels: [{labels}]\n\
competencies:                           # what assessments rate, with the level aimed for\n  - id: first-competency\n    name: {competency}\n    target: 3\n\
{members}\
share:                                  # what the client and the sponsor see beyond facts (docs/audiences.md)\n  client: [trend, forecast, commitment, gas, contract]   # add tracking, smart, zpd, pace, trajectory to share verdicts\n  sponsor: [trend, forecast, commitment, gas, contract]  # and context, observations, revisions to share free text\n\
retain_until: {retain}                # when the data must be deleted (check reports it)\n",
        title = p.title,
        client = p.client,
        coach = p.coach,
        sponsor = p.sponsor,
        context = p.context,
        labels = p.scale_labels.join(", "),
        competency = p.competency,
    )
}

/// The placeholders of `new` in the engagement's language.
fn words(language: &str) -> &'static crate::model::placeholders::Placeholders {
    let language = match language {
        "fr" => crate::model::Language::Fr,
        "de" => crate::model::Language::De,
        _ => crate::model::Language::En,
    };
    crate::model::placeholders::placeholders(language)
}

/// A first objective, SMART, to edit, with key results (OKRs) in comments.
fn first_objective(today: Date, language: &str) -> String {
    let p = words(language);
    let due = add_months(today, 6);
    format!(
        "---\n\
title: {title}\n\
specific: {specific}\n\
measure:\n  metric: {metric}\n  unit: \"%\"\n  baseline: 0\n  target: 50\n\
# Or objectives and key results (OKRs): instead of measure, milestones and measurements,\n\
# two to five key results, each measured in its own right (docs/format.md). A session\n\
# note records one as measured: {{\"first-objective#first-result\": 10}}, quoted.\n\
# key_results:\n\
#   - id: first-result\n\
#     metric: {metric}\n\
#     unit: \"%\"\n\
#     baseline: 0            # left out: its first measurement is its baseline\n\
#     target: 50\n\
#     weight: 1              # its weight in the objective's progress (default 1)\n\
#     milestones: [{{date: {mid}, target: 25}}]\n\
#     measurements: []\n\
achievable: {achievable}\n\
relevant: {relevant}\n\
due: {due}\n\
status: active\n\
competencies: [first-competency]\n\
milestones:\n  - {{date: {mid}, target: 25}}\n\
measurements: []\n\
---\n\
{body}\n",
        mid = add_months(today, 3),
        title = p.objective,
        specific = p.specific,
        metric = p.metric,
        achievable = p.achievable,
        relevant = p.relevant,
        body = p.body,
    )
}

/// The new plan.yaml: empty, with an example in comments.
const PLAN_YAML: &str = "# yaml-language-server: $schema=.coachsite/schemas/plan.schema.json\n\
# The action plan. An example action, to copy:\n\
#\n\
# actions:\n\
#   - id: invite-customers\n\
#     title: Invite two internal customers to the sprint review\n\
#     objective: first-objective\n\
#     owner: Scrum Master\n\
#     agreed: 2026-01-20\n\
#     due: 2026-02-15\n\
#     status: open             # open | done | dropped | blocked\n\
# revisions:\n\
#   - date: 2026-03-02\n\
#     summary: What changed in the plan, and why.\n\
actions: []\n\
revisions: []\n";

/// The README of a new engagement folder.
const README: &str = "# Coaching engagement\n\n\
This folder is a coaching engagement for coachsite.\n\n\
- Write a session note: `coachsite note` (prefilled with the active objectives and the actions to review).\n\
- See the site while you write: `coachsite serve --open` (the coach's view, reloaded on every save).\n\
- Check the engagement: `coachsite check` (SMART, the zone of proximal development, pace, overdue actions).\n\
- Publish for the client: `coachsite build` writes `public/` (add `--encrypt` for a public host; `--audience sponsor` for the sponsor's report).\n\n\
Keep one git repository per engagement, and delete it when `retain_until` has passed.\n";

/// What goes into a new session note.
#[derive(Debug, PartialEq)]
pub struct NotePlan {
    pub path: PathBuf,
    pub text: String,
}

fn yaml_list(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|item| yaml_scalar(item)).collect();
    format!("[{}]", items.join(", "))
}

/// `text` as one YAML scalar that reads back as the same string in a flow list: plain
/// when it is a simple word or id (`sprint-goals`, `Ana`), double-quoted otherwise
/// (`"[[John Appleseed]]"`, `"Ana: PO"`, `"no"`, `"42"`), with every character YAML
/// does not take as it is escaped.
fn yaml_scalar(text: &str) -> String {
    let plain = text.chars().next().is_some_and(|c| c.is_alphabetic())
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
        && !matches!(
            text.to_ascii_lowercase().as_str(),
            "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n" | "null"
        );
    if plain {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            // What YAML does not print as it is (controls, DEL, C1, the noncharacters
            // U+FFFE and U+FFFF) or reads as a line break inside quotes (NEL, LS, PS).
            c if (c as u32) < 0x20
                || ('\u{7f}'..='\u{9f}').contains(&c)
                || matches!(c, '\u{2028}' | '\u{2029}' | '\u{fffe}' | '\u{ffff}') =>
            {
                out.push_str(&format!("\\u{:04X}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The longest slug `note` gives a file name, in characters: a file name stays well
/// under what file systems allow (255 bytes), with the date and a number before it.
const MAX_SLUG: usize = 80;

/// The file name's part for a note titled `title`: its words with every `%% … %%` aside
/// cut first (a file name is read by everyone the note's page is shown to, and stays
/// readable under `--encrypt`), at most [`MAX_SLUG`] characters, cut between words.
fn note_slug(title: &str) -> String {
    let visible =
        crate::markdown::private::cut(title, &crate::markdown::private::plain_asides(title).spans);
    let mut slug = crate::load::suggest_id(&visible);
    if slug.len() > MAX_SLUG {
        let cut = slug[..MAX_SLUG].rfind('-').unwrap_or(MAX_SLUG);
        slug.truncate(cut);
    }
    if slug.is_empty() {
        "session".to_string()
    } else {
        slug
    }
}

/// Plans the next session note of `e` for `date`: a free file name (never an existing
/// one) and the prefilled text.
pub fn plan_note(e: &Engagement, date: Date, title: Option<&str>) -> NotePlan {
    let title = title.unwrap_or("Session");
    let slug = note_slug(title);
    // The first folder of the session notes (`folders:` in engagement.yaml), and the tag
    // that folder is narrowed to: the note carries it, or it would not be read.
    let (folder, tag) = e
        .info
        .folders
        .of("sessions")
        .into_iter()
        .next()
        .unwrap_or_else(|| ("sessions".to_string(), None));
    let tags = tag.map_or_else(String::new, |t| format!("tags: [{}]\n", yaml_scalar(&t)));
    let dir = e.root.join(folder);
    let mut path = dir.join(format!("{date}-{slug}.md"));
    let mut n = 2;
    while path.exists() {
        path = dir.join(format!("{date}-{slug}-{n}.md"));
        n += 1;
    }
    let last = e
        .sessions
        .iter()
        .rev()
        .find(|s| s.front.date <= date)
        .map(|s| &**s);
    let attendees: Vec<String> = last.map(|s| s.front.attendees.clone()).unwrap_or_default();
    let objectives: Vec<String> = e
        .objectives
        .iter()
        .filter(|o| o.front.status == ObjectiveStatus::Active)
        .map(|o| o.id.clone())
        .collect();
    let since = last.map(|s| s.front.date);
    let actions: Vec<String> = e
        .plan
        .actions
        .iter()
        .filter(|a| {
            matches!(a.status, ActionStatus::Open | ActionStatus::Blocked)
                || a.due
                    .is_some_and(|d| since.is_none_or(|s| d > s) && d <= date)
        })
        .map(|a| a.id.value.clone())
        .collect();
    let review: String = e
        .plan
        .actions
        .iter()
        .filter(|a| actions.contains(&a.id.value))
        .map(|a| format!("- {}\n", a.title))
        .collect();
    let quoted_title = serde_json::to_string(title).unwrap_or_else(|_| "\"Session\"".into());
    let due_example = date.add_days(14).unwrap_or(date);
    let measured = measured_block(e, date);
    let ratings = ratings_line(last);
    // The next session, proposed from the contract's rhythm (to change as agreed).
    let next = e
        .info
        .contract
        .cadence_days
        .as_ref()
        .and_then(|c| date.add_days(i64::from(c.value)))
        .map_or_else(String::new, |d| {
            format!("next: {d}   # the next session, as agreed at the end of this one\n")
        });
    let text = format!(
        "---\n\
date: {date}\n\
title: {quoted_title}\n\
{tags}\
duration: 60\n\
{next}\
attendees: {}\n\
objectives: {}\n\
actions: {}\n\
techniques: []\n\
{ratings}\n\
{measured}\
lessons: []\n\
private: \"\"\n\
---\n\
# Check-in\n\n\
# Review of actions\n\n{review}\n\
# Themes\n\n\
# Actions agreed\n\n\
%% One task per action agreed, with its due date: - [ ] Share the checklist with the team 📅 {due_example} %%\n\
- [ ] \n",
        yaml_list(&attendees),
        yaml_list(&objectives),
        yaml_list(&actions),
    );
    NotePlan { path, text }
}

/// `measured:` for the note: one commented line per active measured objective with its
/// latest value, and one per key result of an active objective with key results, keyed
/// `"objective#result"` (quoted: a bare `#` would start a comment), for the coach to
/// uncomment and update during the session.
fn measured_block(e: &Engagement, date: Date) -> String {
    let mut block = String::from(
        "measured:            # this session's measurements: uncomment, update (latest in comments)\n",
    );
    for o in e
        .objectives
        .iter()
        .filter(|o| o.front.status == ObjectiveStatus::Active)
    {
        if o.front.measure.is_some() || o.front.gas.is_some() {
            block.push_str(&measured_line(&o.id, &o.front.measurements, date));
        }
        for kr in &o.front.key_results {
            let key = yaml_scalar(&format!("{}#{}", o.id, kr.id.value));
            block.push_str(&measured_line(&key, &kr.measurements, date));
        }
    }
    block
}

/// One commented line of `measured:`: `key`, and the latest of `measurements` by `date`.
fn measured_line(key: &str, measurements: &[Measurement], date: Date) -> String {
    match measurements.iter().rev().find(|m| m.date <= date) {
        Some(m) => format!(
            "  # {key}: {}          # latest on {}\n",
            m.value.value, m.date
        ),
        None => format!("  # {key}:          # no measurement yet\n"),
    }
}

/// `ratings:` for the note: the last session's scaling questions with its answers, to
/// update.
fn ratings_line(last: Option<&crate::model::Session>) -> String {
    let ratings: Vec<String> = last
        .map(|s| {
            s.front
                .ratings
                .iter()
                .map(|(name, value)| {
                    let key = serde_json::to_string(name).unwrap_or_default();
                    format!("{key}: {}", value.value)
                })
                .collect()
        })
        .unwrap_or_default();
    if ratings.is_empty() {
        "ratings: {}".to_string()
    } else {
        format!(
            "ratings: {{{}}}   # the last session's answers: update them",
            ratings.join(", ")
        )
    }
}

/// Writes a planned note, refusing to overwrite (a race with another writer).
pub fn write_note(plan: &NotePlan) -> Result<(), String> {
    if let Some(parent) = plan.path.parent() {
        fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    crate::site::write_new_file(&plan.path, plan.text.as_bytes())
        .map_err(|e| format!("cannot create {}: {e}", plan.path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_back(items: &[String]) -> Vec<String> {
        #[derive(serde::Deserialize)]
        struct Front {
            attendees: Vec<String>,
        }
        let yaml = format!("attendees: {}\n", yaml_list(items));
        let front: Front = serde_saphyr::from_str(&yaml).unwrap_or_else(|e| panic!("{yaml}: {e}"));
        front.attendees
    }

    #[test]
    fn a_previous_note_s_attendees_are_written_as_valid_yaml() {
        let attendees: Vec<String> = [
            "[[John Appleseed]]",
            "Ana: PO",
            "sprint-goals",
            "no",
            "42",
            "#team",
            "- dash",
            "a, b",
            "{x}",
            "quote \" and \\",
            " padded ",
            "",
            "tab\there",
            "line\nbreak",
            "Zoë",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(read_back(&attendees), attendees);
        assert_eq!(yaml_scalar("sprint-goals"), "sprint-goals");
        assert_eq!(yaml_scalar("Ana: PO"), "\"Ana: PO\"");
    }

    #[test]
    fn a_planned_note_reads_back_with_no_error() {
        let root = tempfile::tempdir().expect("temp dir");
        let fixture =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal");
        let e = crate::load::load(&fixture)
            .expect("the minimal fixture loads")
            .engagement;
        let mut e = e;
        e.root = root.path().to_path_buf();
        if let Some(last) = e.sessions.last_mut() {
            let s = std::sync::Arc::make_mut(last);
            s.front.attendees = vec!["[[John Appleseed]]".into(), "Ana: PO".into(), "no".into()];
            let rating = s.front.ratings.values().next().cloned();
            if let Some(r) = rating {
                s.front.ratings.insert("energy: \"high\" #1".into(), r);
            }
        }
        let date = Date::parse("2026-06-01").expect("date");
        let plan = plan_note(&e, date, Some("Check-in: \"Q3\" — plan"));
        let said = crate::load::parse_file_text("sessions/2026-06-01-check-in.md", &plan.text);
        assert!(said.items.is_empty(), "{:?}\n{}", said.items, plan.text);
        assert!(plan.text.contains("- [ ] \n"), "an empty task to fill in");
        // Into the first folder of the session notes, with the tag it is narrowed to.
        e.info.folders = serde_saphyr::from_str(
            "sessions: [{folder: Meetings/1-1s, tag: \"#people/john\"}, Other]",
        )
        .expect("folders");
        let plan = plan_note(&e, date, None);
        assert!(
            plan.path.starts_with(root.path().join("Meetings/1-1s")),
            "{:?}",
            plan.path
        );
        assert!(
            plan.text.contains("tags: [\"people/john\"]\n"),
            "{}",
            plan.text
        );
        let said = crate::load::parse_file_text("sessions/2026-06-01-session.md", &plan.text);
        assert!(said.items.is_empty(), "{:?}", said.items);
    }

    /// The commented key results of a new objective, uncommented in place of its measure,
    /// milestones and measurements, make an objective the loader reads without error.
    #[test]
    fn a_new_objective_s_key_results_read_back_uncommented() {
        let today = Date::parse("2026-06-01").expect("date");
        let text = first_objective(today, "en");
        assert!(
            text.contains("\n# key_results:\n#   - id: first-result\n"),
            "{text}"
        );
        let mut skip = false;
        let okr: String = text
            .lines()
            .filter_map(|line| {
                if matches!(line, "measure:" | "milestones:") {
                    skip = true;
                    return None;
                }
                if skip && line.starts_with("  ") {
                    return None;
                }
                skip = false;
                if line == "measurements: []" || line.starts_with("# Or") {
                    return None;
                }
                let line = line.strip_prefix("# ").unwrap_or(line);
                Some(format!("{line}\n"))
            })
            .filter(|line| !line.starts_with("two to five") && !line.starts_with("note records"))
            .collect();
        assert!(
            okr.contains("\nkey_results:\n  - id: first-result\n"),
            "{okr}"
        );
        let said = crate::load::parse_file_text("objectives/first-objective.md", &okr);
        assert!(said.items.is_empty(), "{:?}\n{okr}", said.items);
    }

    proptest::proptest! {
        #[test]
        fn any_text_reads_back_as_itself(items in proptest::collection::vec(".*", 0..4)) {
            proptest::prop_assert_eq!(read_back(&items), items);
        }
    }
}
