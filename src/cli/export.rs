//! `coachsite export`: the audience's view as JSON or CSV tables.

use std::path::PathBuf;
use std::process::ExitCode;

use super::{AsOf, fail, report};
use crate::{Audience, site};

/// Export the data as JSON (the engagement and every figure) or as CSV tables
/// (measurements, ratings, actions), for the audience's view.
#[derive(clap::Args)]
pub struct Args {
    /// The engagement folder.
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// json (to standard output, or -o FILE) or csv (three files into -o DIR).
    #[arg(long, value_enum)]
    format: ExportFormat,
    /// Where to write: a file for json, a folder for csv (default DIR/export).
    #[arg(short, long, value_name = "PATH")]
    output: Option<PathBuf>,
    /// Whose view to export: the client's by default.
    #[arg(long, value_enum, default_value = "client")]
    audience: Audience,
    #[command(flatten)]
    as_of: AsOf,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ExportFormat {
    Json,
    Csv,
}

/// Filters the engagement for the audience, then writes JSON (with every figure) or CSV.
pub fn run(args: Args, color: bool) -> ExitCode {
    let loaded = match crate::load::load(&args.dir) {
        Ok(loaded) => loaded,
        Err(diags) => {
            report(&diags, color);
            return fail("the engagement has errors; fix them to export");
        }
    };
    let as_of = args.as_of.for_engagement(&loaded.engagement);
    // As for the site: the sponsor's verdicts are the client's (`insight::Aggregates`).
    let aggregates = (args.audience == Audience::Sponsor).then(|| {
        let client = crate::audience::filter(loaded.engagement.clone(), Audience::Client);
        crate::insight::Aggregates::of(&client, as_of)
    });
    let e = crate::audience::filter(loaded.engagement, args.audience);
    let result = match args.format {
        ExportFormat::Json => {
            // The figures the reader's pages show, and no more (`share:`).
            let insight = crate::render::figures(&e, as_of, aggregates.as_ref(), args.audience);
            let figures = crate::check::report(&e, &insight, Vec::new());
            crate::export::to_json(&e, figures, args.audience).and_then(|json| match &args.output {
                Some(path) => site::write_file(path, (json + "\n").as_bytes())
                    .map_err(|err| format!("cannot write {}: {err}", path.display())),
                None => {
                    println!("{json}");
                    Ok(())
                }
            })
        }
        ExportFormat::Csv => {
            let out = args.output.unwrap_or_else(|| args.dir.join("export"));
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
