//! `coachsite build`: build the site into a folder (DIR/public by default).

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use super::{AsOf, EXAMPLES, EncryptArgs, fail, report, seal};
use crate::{Audience, BuildOptions, Diagnostic, Diagnostics, default_output, site};

/// Build the site into a folder (DIR/public by default).
#[derive(clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// The engagement folder (the one with engagement.yaml), or a folder of
    /// engagements: a practice, built for the coach (--audience coach) with a home page.
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// Where to write the site; replaced as a whole on every build.
    #[arg(short, long, value_name = "OUT")]
    output: Option<PathBuf>,
    #[command(flatten)]
    as_of: AsOf,
    /// The address the site is published at, e.g. https://example.org/coaching/.
    /// Links are relative either way; a full URL adds canonical links.
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// Who the site is for: coach, client or sponsor.
    #[arg(long, value_enum, default_value = "client")]
    audience: Audience,
    #[command(flatten)]
    encryption: EncryptArgs,
}

/// Loads, filters, renders, (encrypts) and writes the site; the old output stays as it
/// was unless the whole new site is written.
pub fn run(args: Args, color: bool) -> ExitCode {
    let key = match args.encryption.key() {
        Ok(key) => key,
        Err(message) => return fail(&message),
    };
    let started = Instant::now();
    let out = args.output.unwrap_or_else(|| default_output(&args.dir));
    let options = BuildOptions {
        root: args.dir.clone(),
        audience: args.audience,
        as_of: args.as_of.date(),
        as_of_given: args.as_of.given(),
        base_url: args.base_url,
    };
    let not_built = |diags: &Diagnostics| {
        report(diags, color);
        let n = diags.error_count();
        eprintln!(
            "error: the site was not built ({n} error{}); {} is unchanged",
            if n == 1 { "" } else { "s" },
            out.display()
        );
        ExitCode::FAILURE
    };
    let practice = crate::is_practice(&args.dir);
    let build = if practice {
        crate::build_practice
    } else {
        crate::build
    };
    let mut built = match build(&options) {
        Ok(built) => built,
        Err(diags) => return not_built(&diags),
    };
    if let Some(key) = &key
        && let Err(message) = seal(&mut built, key)
    {
        eprintln!("error: {message}; {} is unchanged", out.display());
        return ExitCode::FAILURE;
    }
    report(&built.warnings, color);
    if let Some(note) = crate::as_of_note(options.as_of, built.as_of) {
        eprintln!("note: {note}");
    }
    if let Err(d) = site::check_output(&args.dir, &out) {
        let mut diags = Diagnostics::default();
        diags.push(d);
        return not_built(&diags);
    }
    match site::write(&out, &built.files) {
        Ok(stats) => {
            eprintln!(
                "Built {} pages for the {} in {} ms → {} ({} written, {} unchanged)",
                built.pages,
                args.audience.name(),
                started.elapsed().as_millis(),
                out.display(),
                stats.written,
                stats.unchanged
            );
            ExitCode::SUCCESS
        }
        Err(err) => {
            let mut diags = Diagnostics::default();
            diags.push(
                Diagnostic::error(
                    out.display().to_string(),
                    format!("cannot write the site: {err}"),
                )
                .with_help("check that the folder is writable and the disk is not full"),
            );
            not_built(&diags)
        }
    }
}
