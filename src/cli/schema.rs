//! `coachsite schema`: the JSON Schemas of the engagement's files.

use std::path::PathBuf;
use std::process::ExitCode;

use super::{fail, refuse_input};

/// Write the JSON Schemas of the engagement's files (for editors' validation and
/// completion); without --out, print them as one JSON object.
#[derive(clap::Args)]
pub struct Args {
    /// The folder to write them into, e.g. .coachsite/schemas.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
}

/// Writes one file per schema into `--out`, or prints them all as one object.
pub fn run(args: Args, color: bool) -> ExitCode {
    if let Some(dir) = &args.out
        && let Err(code) = refuse_input(dir, color)
    {
        return code;
    }
    match args.out {
        Some(dir) => match crate::schema::write_schemas(&dir) {
            Ok(files) => {
                for f in files {
                    eprintln!("  wrote {}", f.display());
                }
                ExitCode::SUCCESS
            }
            Err(message) => fail(&message),
        },
        None => {
            let all: serde_json::Map<String, serde_json::Value> = crate::schema::schemas()
                .into_iter()
                .map(|(name, text)| {
                    (
                        name.to_string(),
                        serde_json::from_str(&text).unwrap_or_default(),
                    )
                })
                .collect();
            println!("{}", serde_json::to_string_pretty(&all).unwrap_or_default());
            ExitCode::SUCCESS
        }
    }
}
