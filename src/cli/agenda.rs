//! `coachsite agenda`: what is due or overdue in the next days, across one engagement or
//! a whole practice, grouped by day and by engagement; as text for the coach or JSON for
//! scripts (docs/agenda.md). What is due is `insight::agenda`'s; this file reads the
//! folders, gathers the items and words them (`explain::agenda`).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde::{Deserialize, Serialize};

use super::{AsOf, report};
use crate::diagnostic::{Diagnostic, Diagnostics, display_path};
use crate::explain::agenda::{agenda_heading, agenda_item, agenda_summary, day_heading};
use crate::insight::{AGENDA_DAYS, AgendaItem, agenda, agenda_last_day};
use crate::model::{Date, Language};

/// The version of the JSON form; raised on any incompatible change.
pub const AGENDA_VERSION: u32 = 1;

/// What is due or overdue in the next days, for one engagement or a whole practice
///
/// The coach's view of every engagement: actions, sessions planned and to book,
/// objectives due or to measure, engagements ending, data past its retention date.
/// Exits with 1 when something is overdue, 2 when an engagement could not be read.
///
/// Examples:
///   coachsite agenda ~/coaching               the week ahead across every engagement
///   coachsite agenda --days 14 --as-of 2026-06-01
///   coachsite agenda ~/coaching --format json
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The engagement folder (the one with engagement.yaml), or a folder of engagements
    /// (a practice, at any depth).
    #[arg(default_value = ".")]
    dir: PathBuf,
    #[command(flatten)]
    as_of: AsOf,
    /// How many days to look ahead, the as-of date included (1 to 366).
    #[arg(long, value_name = "N", default_value_t = 7,
        value_parser = clap::value_parser!(u32).range(i64::from(AGENDA_DAYS.0)..=i64::from(AGENDA_DAYS.1)))]
    days: u32,
    /// text for people, json for scripts (see docs/agenda.md).
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

/// The agenda of every engagement read, as `--format json` prints it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Agenda {
    /// The version of this shape, [`AGENDA_VERSION`].
    pub version: u32,
    /// The first day of the agenda: anything due before it is overdue.
    pub as_of: Date,
    /// How many days it covers.
    pub days: u32,
    /// Its last day.
    pub last_day: Date,
    /// How many items are overdue.
    pub overdue: usize,
    /// How many items are due in the window.
    pub due: usize,
    /// Every item, by day, then engagement, then kind and id.
    pub items: Vec<Entry>,
    /// The engagements that could not be read (as `engagement` names them): their items
    /// are missing.
    pub unread: Vec<String>,
    /// Their problems, each file given from the folder the command was given.
    pub errors: Vec<Diagnostic>,
}

/// One item, with its engagement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// The engagement's folder, from the folder the command was given (for one
    /// engagement, that folder's name).
    pub engagement: String,
    /// The engagement's title.
    pub engagement_title: String,
    /// The day, whether it is overdue, and what is due.
    #[serde(flatten)]
    pub item: AgendaItem,
}

/// Gathers and prints the agenda; 2 when an engagement could not be read, else 1 when
/// something is overdue, else 0.
pub fn run(args: Args, color: bool) -> ExitCode {
    let as_of = args.as_of.date();
    let (agenda, language) = match gather(&args.dir, as_of, args.days) {
        Ok(found) => found,
        Err(diags) => {
            report(&diags, color);
            eprintln!("error: the agenda could not be made");
            return ExitCode::from(2);
        }
    };
    match args.format {
        Format::Json => match serde_json::to_string_pretty(&agenda) {
            Ok(text) => println!("{text}"),
            Err(err) => {
                eprintln!("error: cannot write the agenda: {err}");
                return ExitCode::from(2);
            }
        },
        Format::Text => {
            report(
                &Diagnostics {
                    items: agenda.errors.clone(),
                },
                color,
            );
            print!("{}", to_text(&agenda, language, color));
        }
    }
    if !agenda.unread.is_empty() {
        if args.format == Format::Text {
            let failed = agenda.unread.len();
            eprintln!(
                "error: {failed} engagement{} could not be read; {} not on the agenda",
                if failed == 1 { "" } else { "s" },
                if failed == 1 { "it is" } else { "they are" }
            );
        }
        ExitCode::from(2)
    } else if agenda.overdue > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Reads the engagement, or each engagement of the practice, and gathers its items; the
/// language of the words is the engagements' when they share one, else English. Fails
/// only when no engagement can be looked for.
fn gather(dir: &Path, as_of: Date, days: u32) -> Result<(Agenda, Language), Diagnostics> {
    let practice = crate::is_practice(dir);
    let folders = if practice {
        crate::load::find_engagements(dir).map_err(|d| Diagnostics { items: vec![d] })?
    } else {
        vec![dir.to_path_buf()]
    };
    let mut items = Vec::new();
    let mut errors = Vec::new();
    let mut unread = Vec::new();
    let mut languages = Vec::new();
    for folder in &folders {
        let shown = if practice {
            display_path(dir, folder)
        } else {
            folder_name(folder)
        };
        match crate::load::load(folder) {
            Ok(loaded) => {
                let e = &loaded.engagement;
                languages.push(e.info.language);
                items.extend(agenda(e, as_of, days).into_iter().map(|item| Entry {
                    engagement: shown.clone(),
                    engagement_title: e.info.title.clone(),
                    item,
                }));
            }
            Err(diags) => {
                errors.extend(diags.items.into_iter().map(|mut d| {
                    if practice {
                        d.file = format!("{}/{}", shown.trim_end_matches('/'), d.file);
                    }
                    d
                }));
                unread.push(shown);
            }
        }
    }
    items.sort_by(|a, b| {
        (a.item.date, &a.engagement, &a.item.due).cmp(&(b.item.date, &b.engagement, &b.item.due))
    });
    let overdue = items.iter().filter(|i| i.item.overdue).count();
    let language = match languages.split_first() {
        Some((first, rest)) if rest.iter().all(|l| l == first) => *first,
        _ => Language::En,
    };
    let agenda = Agenda {
        version: AGENDA_VERSION,
        as_of,
        days,
        last_day: agenda_last_day(as_of, days),
        overdue,
        due: items.len() - overdue,
        items,
        unread,
        errors,
    };
    Ok((agenda, language))
}

/// The name of one engagement's folder, as the agenda shows it: `acme`, also for `.`.
fn folder_name(folder: &Path) -> String {
    std::fs::canonicalize(folder)
        .ok()
        .and_then(|f| f.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| display_path(Path::new(""), folder))
}

/// The agenda for the terminal: a heading, then each day with its items (engagement ·
/// what), then the counts.
pub fn to_text(agenda: &Agenda, lang: Language, color: bool) -> String {
    let paint = |code: &str, text: &str| {
        if color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    };
    let mut out = paint("1", &agenda_heading(lang, agenda.as_of, agenda.last_day));
    out.push('\n');
    let mut day = None;
    for entry in &agenda.items {
        let date = entry.item.date;
        if day != Some(date) {
            day = Some(date);
            let heading = day_heading(lang, date, agenda.as_of);
            let code = if entry.item.overdue { "1;31" } else { "1" };
            out.push_str(&format!("\n{}\n", paint(code, &heading)));
        }
        out.push_str(&format!(
            "  {} · {}\n",
            paint("36", &entry.engagement),
            agenda_item(lang, &entry.item)
        ));
    }
    let summary = agenda_summary(lang, agenda.overdue, agenda.due, agenda.last_day);
    let code = if agenda.overdue > 0 { "31" } else { "32" };
    out.push_str(&format!("\n{}\n", paint(code, &summary)));
    out
}
