//! `coachsite check`: file errors, then SMART, ZPD, pace, stalled objectives, overdue
//! actions and commitment, as text for people or JSON for tools.

use std::path::PathBuf;
use std::process::ExitCode;

use super::{AsOf, EXAMPLES, count_errors, report};
use crate::check::Report;

/// Check the engagement: file errors, then SMART, ZPD, pace, stalled objectives,
/// overdue actions and commitment. Exits with 1 on errors (and on warnings with --strict).
#[derive(clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// The engagement folder (the one with engagement.yaml).
    #[arg(default_value = ".")]
    dir: PathBuf,
    #[command(flatten)]
    as_of: AsOf,
    /// text for people, json for tools (see docs/check-json.md).
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Also exit with 1 when there are warnings.
    #[arg(long)]
    strict: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

/// Prints the report; exits with 1 on errors, and with `--strict` on warnings too.
pub fn run(args: Args, color: bool) -> ExitCode {
    let loaded = match crate::load::load(&args.dir) {
        Ok(loaded) => loaded,
        Err(diags) => {
            match args.format {
                Format::Json => print_json(&crate::check::failed(args.as_of.date(), diags.items)),
                Format::Text => {
                    report(&diags, color);
                    eprintln!(
                        "error: could not check the engagement ({})",
                        count_errors(diags.error_count())
                    );
                }
            }
            return ExitCode::FAILURE;
        }
    };
    let mut warnings = loaded.warnings;
    warnings.extend(crate::audience::check_coach_only_markers(
        &loaded.engagement,
    ));
    warnings.extend(crate::audience::check_hidden_links(&loaded.engagement));
    warnings.extend(crate::load::check_link_notes(&loaded.engagement));
    warnings.extend(crate::audience::check_private_sections(&loaded.engagement));
    warnings.sort();
    let e = &loaded.engagement;
    let as_of = args.as_of.for_engagement(e);
    let insight = crate::insight::analyze(e, as_of);
    let result = crate::check::report(e, &insight, warnings.items.clone());
    match args.format {
        Format::Json => print_json(&result),
        Format::Text => {
            report(&warnings, color);
            print!("{}", crate::check::to_text(e, &result));
        }
    }
    let s = result.summary;
    if s.errors > 0 || (args.strict && s.warnings > 0) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn print_json(report: &Report) {
    match serde_json::to_string_pretty(report) {
        Ok(text) => println!("{text}"),
        Err(err) => eprintln!("error: cannot write the report: {err}"),
    }
}
