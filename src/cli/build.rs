//! `coachsite build`: build the site into a folder (DIR/public by default).

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use super::{AsOf, EXAMPLES, EncryptArgs, fail, report, seal};
use crate::{Audience, BuildOptions, Diagnostics, site};

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
    let out = match super::output_of(&args.dir, args.output, color) {
        Ok(out) => out,
        Err(code) => return code,
    };
    let options = BuildOptions {
        root: args.dir.clone(),
        audience: args.audience,
        as_of: args.as_of.date(),
        as_of_given: args.as_of.given(),
        base_url: args.base_url,
        history_at: None,
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
    let output_ok = |diags: &mut Diagnostics| match site::check_output(&args.dir, &out) {
        Ok(()) => true,
        Err(d) => {
            diags.push(d);
            false
        }
    };
    if !practice && key.is_none() {
        // One engagement, in the clear: each page is written as it is made.
        let mut diags = Diagnostics::default();
        if !output_ok(&mut diags) {
            return not_built(&diags);
        }
        return match crate::build_to(&options, &out) {
            Ok((built, stats)) => {
                report(&built.warnings, color);
                if let Some(note) = crate::as_of_note(options.as_of, built.as_of) {
                    eprintln!("note: {note}");
                }
                built_line(built.pages, args.audience, started, &out, stats);
                ExitCode::SUCCESS
            }
            Err(diags) => not_built(&diags),
        };
    }
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
    let mut diags = Diagnostics::default();
    if !output_ok(&mut diags) {
        return not_built(&diags);
    }
    match site::write(&out, &built.files) {
        Ok(stats) => {
            built_line(built.pages, args.audience, started, &out, stats);
            ExitCode::SUCCESS
        }
        Err(err) => {
            diags.push(site::write_error(&out, &err));
            not_built(&diags)
        }
    }
}

/// "Built 43 pages for the client in 120 ms → public (3 written, 40 unchanged)".
fn built_line(
    pages: usize,
    audience: Audience,
    started: Instant,
    out: &Path,
    stats: site::WriteStats,
) {
    eprintln!(
        "Built {} pages for the {} in {} ms → {} ({} written, {} unchanged)",
        pages,
        audience.name(),
        started.elapsed().as_millis(),
        out.display(),
        stats.written,
        stats.unchanged
    );
}
