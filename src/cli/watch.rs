//! `coachsite watch`: rebuild into the output folder on every save, for serving the site
//! with another web server.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use super::{
    AsOf, EXAMPLES, EncryptArgs, SiteKey, WatchArgs, count_errors, fail, rebuilt_after, report,
    seal,
};
use crate::watch::Watcher;
use crate::{Audience, BuildOptions, Diagnostics, site};

/// Rebuild the site into the output folder on every save, for serving it with
/// another web server.
#[derive(clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// The engagement folder (the one with engagement.yaml), or a folder of engagements
    /// (a practice, built for the coach with --audience coach).
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// Where to write the site (DIR/public by default).
    #[arg(short, long, value_name = "OUT")]
    output: Option<PathBuf>,
    #[command(flatten)]
    as_of: AsOf,
    /// Who the site is for: coach, client or sponsor.
    #[arg(long, value_enum, default_value = "client")]
    audience: Audience,
    /// The address the site is published at (see `build --help`).
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    #[command(flatten)]
    encryption: EncryptArgs,
    #[command(flatten)]
    watch: WatchArgs,
}

/// Builds and writes once, then again after every save; a failed build leaves the
/// output as it was.
pub fn run(args: Args, color: bool) -> ExitCode {
    let key = match args.encryption.key() {
        Ok(key) => key,
        Err(message) => return fail(&message),
    };
    let out = match super::output_of(&args.dir, args.output, color) {
        Ok(out) => out,
        Err(code) => return code,
    };
    let options = BuildOptions {
        root: args.dir,
        audience: args.audience,
        as_of: args.as_of.date(),
        as_of_given: args.as_of.given(),
        base_url: args.base_url,
        history_at: None,
    };
    if let Err(d) = site::check_output(&options.root, &out) {
        let mut diags = Diagnostics::default();
        diags.push(d);
        report(&diags, color);
        return ExitCode::FAILURE;
    }
    let root = options.root.clone();
    // A practice is rebuilt whole on every save (`serve` rebuilds one engagement); only
    // the coach's, as with `build`.
    let practice = crate::is_practice(&root);
    if practice && let Err(errors) = crate::practice::PracticeBuild::new(options.clone()) {
        report(&errors, color);
        return ExitCode::FAILURE;
    }
    let watcher = match Watcher::start(&root, args.watch.options()) {
        Ok(watcher) => watcher,
        Err(message) => return fail(&message),
    };
    let write = |what: &str| write_once(&options, practice, &out, key.as_ref(), what, color);
    write("Built");
    eprintln!(
        "Watching {} for changes; press Ctrl-C to stop.",
        root.display()
    );
    watcher.run(|paths| write(&rebuilt_after(&root, paths.as_deref())));
    ExitCode::SUCCESS
}

/// One build and write, reported on stderr as `what`.
fn write_once(
    options: &BuildOptions,
    practice: bool,
    out: &Path,
    key: Option<&SiteKey>,
    what: &str,
    color: bool,
) {
    let started = Instant::now();
    if !practice && key.is_none() {
        // One engagement, in the clear: each page is written as it is made, as `build`
        // writes it.
        return match crate::guarded(|| crate::build_to(options, out)) {
            Ok((built, stats)) => {
                report(&built.warnings, color);
                as_of_note(options, built.as_of, what);
                written_line(what, built.pages, started, out, stats);
            }
            Err(errors) => failed(&errors, what, out, color),
        };
    }
    let built = if practice {
        crate::guarded(|| crate::build_practice(options))
    } else {
        crate::build_guarded(options)
    };
    match built {
        Ok(mut built) => {
            report(&built.warnings, color);
            as_of_note(options, built.as_of, what);
            if let Some(key) = key
                && let Err(message) = seal(&mut built, key)
            {
                eprintln!("error: {message}; {} is unchanged", out.display());
                return;
            }
            match site::write(out, &built.files) {
                Ok(stats) => written_line(what, built.pages, started, out, stats),
                Err(err) => {
                    eprintln!("error: cannot write the site to {}: {err}", out.display())
                }
            }
        }
        Err(errors) => failed(&errors, what, out, color),
    }
}

/// The note on the date the figures are for, after the first build.
fn as_of_note(options: &BuildOptions, as_of: crate::Date, what: &str) {
    if let Some(note) = crate::as_of_note(options.as_of, as_of).filter(|_| what == "Built") {
        eprintln!("note: {note}");
    }
}

fn written_line(what: &str, pages: usize, started: Instant, out: &Path, stats: site::WriteStats) {
    eprintln!(
        "{what}: {pages} pages in {} ms → {} ({} written, {} unchanged)",
        started.elapsed().as_millis(),
        out.display(),
        stats.written,
        stats.unchanged
    );
}

fn failed(errors: &Diagnostics, what: &str, out: &Path, color: bool) {
    report(errors, color);
    eprintln!(
        "{what} failed ({}): {} is unchanged",
        count_errors(errors.error_count()),
        out.display()
    );
}
