//! `coachsite note`: the next session note, prefilled from the engagement.

use std::path::PathBuf;
use std::process::ExitCode;

use super::{fail, report, today};
use crate::Date;

/// Write the next session note, prefilled with the active objectives, the actions to
/// review and the attendees of the last session.
#[derive(clap::Args)]
pub struct Args {
    /// The engagement folder.
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// The session's date (YYYY-MM-DD); defaults to today.
    #[arg(long, value_name = "DATE", value_parser = super::parse_date)]
    date: Option<Date>,
    /// The session's title (also names the file).
    #[arg(long)]
    title: Option<String>,
    /// Open the note in $EDITOR.
    #[arg(long)]
    edit: bool,
}

/// Writes the note (never over an existing file), prints its path, and opens it in the
/// editor when asked.
pub fn run(args: Args, color: bool) -> ExitCode {
    let loaded = match crate::load::load(&args.dir) {
        Ok(loaded) => loaded,
        Err(diags) => {
            report(&diags, color);
            return fail("fix the engagement first: a note is prefilled from it");
        }
    };
    let date = args.date.unwrap_or_else(today);
    let plan = crate::scaffold::plan_note(&loaded.engagement, date, args.title.as_deref());
    if let Err(message) = crate::scaffold::write_note(&plan) {
        return fail(&message);
    }
    println!("{}", plan.path.display());
    if args.edit {
        let editor = std::env::var("VISUAL")
            .or_else(|_| std::env::var("EDITOR"))
            .unwrap_or_else(|_| "vi".into());
        if let Err(err) = std::process::Command::new(&editor).arg(&plan.path).status() {
            eprintln!(
                "note: could not start {editor} ({err}); the note is at {}",
                plan.path.display()
            );
        }
    }
    ExitCode::SUCCESS
}
