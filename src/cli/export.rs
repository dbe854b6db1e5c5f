//! `coachsite export`: the audience's view as JSON or CSV tables, or the coach's ICF
//! client coaching log over a whole practice.

use std::path::PathBuf;
use std::process::ExitCode;

use super::{AsOf, fail, refuse_input, report};
use crate::{Audience, site};

/// Export the data as JSON (the engagement and every figure) or as CSV tables
/// (measurements, ratings, actions), for the audience's view; or the ICF client
/// coaching log of every engagement in a folder, for the coach.
///
/// Examples:
///   coachsite export --format json -o acme.json
///   coachsite export ~/coaching --format icf-log -o icf-log.csv
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The engagement folder (for icf-log: a folder of engagements, at any depth).
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// json (to standard output, or -o FILE), csv (three files into -o DIR), or icf-log
    /// (one CSV line per engagement, to standard output or -o FILE).
    #[arg(long, value_enum)]
    format: ExportFormat,
    /// Where to write: a file for json and icf-log, a folder for csv (default DIR/export).
    #[arg(short, long, value_name = "PATH")]
    output: Option<PathBuf>,
    /// Whose view to export: the client's by default. The ICF log is the coach's only.
    #[arg(long, value_enum)]
    audience: Option<Audience>,
    #[command(flatten)]
    as_of: AsOf,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ExportFormat {
    Json,
    Csv,
    IcfLog,
}

/// Filters the engagement for the audience, then writes JSON (with every figure) or CSV.
pub fn run(args: Args, color: bool) -> ExitCode {
    if args.format == ExportFormat::IcfLog {
        return icf_log(&args, color);
    }
    let audience = args.audience.unwrap_or(Audience::Client);
    let out = match args.format {
        ExportFormat::Csv => Some(
            args.output
                .clone()
                .unwrap_or_else(|| args.dir.join("export")),
        ),
        _ => args.output.clone(),
    };
    if let Some(out) = &out
        && let Err(code) = refuse_input(out, color)
    {
        return code;
    }
    let loaded = match crate::load::load(&args.dir) {
        Ok(loaded) => loaded,
        Err(diags) => {
            report(&diags, color);
            return fail("the engagement has errors; fix them to export");
        }
    };
    let as_of = args.as_of.for_engagement(&loaded.engagement);
    // As for the site: the sponsor's verdicts are the client's (`insight::Aggregates`).
    let aggregates = (audience == Audience::Sponsor).then(|| {
        let client = crate::audience::filter(loaded.engagement.clone(), Audience::Client);
        crate::insight::Aggregates::of(&client, as_of)
    });
    let e = crate::audience::filter(loaded.engagement, audience);
    let result = match args.format {
        ExportFormat::Json => {
            // The figures the reader's pages show, and no more (`share:`).
            let insight = crate::render::figures(&e, as_of, aggregates.as_ref(), audience);
            let figures = crate::check::report(&e, &insight, Vec::new());
            crate::export::to_json(&e, figures, audience).and_then(|json| match &args.output {
                Some(path) => site::write_file(path, (json + "\n").as_bytes())
                    .map_err(|err| format!("cannot write {}: {err}", path.display())),
                None => {
                    println!("{json}");
                    Ok(())
                }
            })
        }
        ExportFormat::IcfLog => Ok(()),
        ExportFormat::Csv => {
            let out = out.unwrap_or_else(|| args.dir.join("export"));
            crate::export::to_csv(&e, &out).map(|files| {
                for f in files {
                    eprintln!("  wrote {}", f.display());
                }
            })
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => fail(&message),
    }
}

/// `--format icf-log`: every engagement in the folder, one line each, as of its own
/// as-of date (today, or its end once it has ended).
fn icf_log(args: &Args, color: bool) -> ExitCode {
    if args.audience.is_some_and(|a| a != Audience::Coach) {
        return fail(
            "the ICF log is the coach's own record of every client: it has no client's or sponsor's version",
        );
    }
    let folders = match crate::load::find_engagements(&args.dir) {
        Ok(folders) if folders.is_empty() => {
            return fail(&format!(
                "no engagement in {}: an engagement is a folder with an engagement.yaml",
                args.dir.display()
            ));
        }
        Ok(folders) => folders,
        Err(d) => {
            report(&crate::Diagnostics { items: vec![d] }, color);
            return fail("the practice could not be read");
        }
    };
    if let Some(out) = &args.output
        && let Err(code) = refuse_input(out, color)
    {
        return code;
    }
    let mut lines = Vec::new();
    let mut failed = 0;
    for folder in &folders {
        let shown = crate::diagnostic::display_path(&args.dir, folder);
        match crate::load::load(folder) {
            Ok(loaded) => {
                let as_of = args.as_of.for_engagement(&loaded.engagement);
                let line = crate::insight::log_line(&loaded.engagement, as_of);
                if line.without_duration > 0 {
                    eprintln!(
                        "note: {shown}: {} of {} sessions have no duration; their hours are not counted",
                        line.without_duration, line.sessions
                    );
                }
                lines.push(line);
            }
            Err(mut diags) => {
                for d in &mut diags.items {
                    d.file = format!("{}/{}", shown.trim_end_matches('/'), d.file);
                }
                report(&diags, color);
                failed += 1;
            }
        }
    }
    if failed > 0 {
        return fail(&format!(
            "{failed} engagement(s) have errors; fix them to export the log"
        ));
    }
    let written = crate::export::icf_log_csv(&lines).and_then(|csv| match &args.output {
        Some(path) => site::write_file(path, csv.as_bytes())
            .map_err(|err| format!("cannot write {}: {err}", path.display())),
        None => {
            print!("{csv}");
            Ok(())
        }
    });
    match written {
        Ok(()) => {
            let paid: f64 = lines.iter().map(|l| l.paid_hours).sum();
            let pro_bono: f64 = lines.iter().map(|l| l.pro_bono_hours).sum();
            eprintln!(
                "{} engagement(s): {paid:.2} paid hours, {pro_bono:.2} pro bono hours",
                lines.len()
            );
            ExitCode::SUCCESS
        }
        Err(message) => fail(&message),
    }
}
