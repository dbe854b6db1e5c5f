//! `coachsite new`: a new engagement folder, ready to check, build and serve.

use std::path::PathBuf;
use std::process::ExitCode;

use super::{fail, refuse_input, today};
use crate::scaffold::{NewKind, new_engagement};

/// Create a new engagement folder, ready to check, build and serve.
#[derive(clap::Args)]
pub struct Args {
    /// The folder to create (it must be missing or empty).
    dir: PathBuf,
    /// A team engagement (members rated individually).
    #[arg(long, conflicts_with = "individual")]
    team: bool,
    /// An individual engagement (the default).
    #[arg(long)]
    individual: bool,
    /// The site's language.
    #[arg(long, value_parser = ["en", "fr", "de"], default_value = "en")]
    language: String,
}

/// Writes the folder and says what to do next.
pub fn run(args: Args, color: bool) -> ExitCode {
    if let Err(code) = refuse_input(&args.dir, color) {
        return code;
    }
    let kind = if args.team {
        NewKind::Team
    } else {
        NewKind::Individual
    };
    match new_engagement(&args.dir, kind, &args.language, today()) {
        Ok(files) => {
            for f in files.iter().filter(|f| !f.ends_with(".gitkeep")) {
                eprintln!("  created {}", f.display());
            }
            // `serve` where this binary has it (the `serve` feature).
            let next = if cfg!(feature = "serve") {
                "serve"
            } else {
                "build"
            };
            eprintln!(
                "A new engagement is ready in {}. Next: edit engagement.yaml, then `coachsite {next} {}`.",
                args.dir.display(),
                args.dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(message) => fail(&message),
    }
}
