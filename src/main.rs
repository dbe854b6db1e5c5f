//! The `coachsite` command line.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand};

use coachsite::{
    Audience, BuildOptions, Date, Diagnostic, Diagnostics, build, default_output, site,
};

const EXAMPLES: &str = "\
Examples:
  coachsite build                        build the engagement in this folder into ./public
  coachsite build my-engagement          build another folder into my-engagement/public
  coachsite build -o /tmp/site --as-of 2026-06-30
  coachsite build --audience sponsor -o sponsor-site
  coachsite check my-engagement          what needs the coach's attention today
  coachsite check --format json --as-of 2026-06-30";

/// Turns a coaching engagement kept as YAML and Markdown into a private static progress site.
#[derive(Parser)]
#[command(name = "coachsite", version, about, after_help = EXAMPLES)]
struct Cli {
    /// When to colour messages: auto, always or never.
    #[arg(long, global = true, default_value = "auto", value_name = "WHEN")]
    color: ColorChoice,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into a folder (DIR/public by default).
    #[command(after_help = EXAMPLES)]
    Build {
        /// The engagement folder (the one with engagement.yaml).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Where to write the site; replaced as a whole on every build.
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
        /// The date the figures are computed for (YYYY-MM-DD); defaults to today.
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        as_of: Option<Date>,
        /// The address the site is published at, e.g. https://example.org/coaching/.
        /// Links are relative either way; a full URL adds canonical links.
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// Who the site is for: coach, client or sponsor.
        #[arg(long, value_enum, default_value = "client")]
        audience: Audience,
    },
    /// Check the engagement: file errors, then SMART, ZPD, pace, stalled objectives,
    /// overdue actions and commitment. Exits with 1 on errors (and on warnings with --strict).
    #[command(after_help = EXAMPLES)]
    Check {
        /// The engagement folder (the one with engagement.yaml).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// The date to check for (YYYY-MM-DD); defaults to today.
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        as_of: Option<Date>,
        /// text for people, json for tools (see docs/check-json.md).
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        /// Also exit with 1 when there are warnings.
        #[arg(long)]
        strict: bool,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse(text)
}

fn today() -> Date {
    Date(chrono::Local::now().date_naive())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let color = match cli.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
        }
    };
    match cli.command {
        Command::Build {
            dir,
            output,
            as_of,
            base_url,
            audience,
        } => run_build(dir, output, as_of, base_url, audience, color),
        Command::Check {
            dir,
            as_of,
            format,
            strict,
        } => run_check(dir, as_of.unwrap_or_else(today), format, strict, color),
    }
}

fn run_check(dir: PathBuf, as_of: Date, format: Format, strict: bool, color: bool) -> ExitCode {
    let json = |report: &coachsite::check::Report| match serde_json::to_string_pretty(report) {
        Ok(text) => println!("{text}"),
        Err(err) => eprintln!("error: cannot write the report: {err}"),
    };
    let loaded = match coachsite::load::load(&dir) {
        Ok(loaded) => loaded,
        Err(diags) => {
            match format {
                Format::Json => json(&coachsite::check::failed(as_of, diags.items)),
                Format::Text => {
                    report(&diags, color);
                    let n = diags.error_count();
                    eprintln!(
                        "error: could not check the engagement ({n} error{})",
                        if n == 1 { "" } else { "s" }
                    );
                }
            }
            return ExitCode::FAILURE;
        }
    };
    let mut warnings = loaded.warnings;
    warnings.extend(coachsite::audience::check_coach_only_markers(
        &loaded.engagement,
    ));
    warnings.sort();
    let e = &loaded.engagement;
    let insight = coachsite::insight::analyze(e, as_of);
    let result = coachsite::check::report(e, &insight, warnings.items.clone());
    match format {
        Format::Json => json(&result),
        Format::Text => {
            report(&warnings, color);
            print!("{}", coachsite::check::to_text(e, &result));
        }
    }
    let s = result.summary;
    if s.errors > 0 || (strict && (s.warnings > 0 || !warnings.is_empty())) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn report(diags: &Diagnostics, color: bool) {
    if !diags.is_empty() {
        eprint!("{}", diags.render(color));
    }
}

fn run_build(
    dir: PathBuf,
    output: Option<PathBuf>,
    as_of: Option<Date>,
    base_url: Option<String>,
    audience: Audience,
    color: bool,
) -> ExitCode {
    let started = Instant::now();
    let out = output.unwrap_or_else(|| default_output(&dir));
    let options = BuildOptions {
        root: dir.clone(),
        audience,
        as_of: as_of.unwrap_or_else(today),
        base_url,
    };
    let fail = |diags: &Diagnostics| {
        report(diags, color);
        let n = diags.error_count();
        eprintln!(
            "error: the site was not built ({n} error{}); {} is unchanged",
            if n == 1 { "" } else { "s" },
            out.display()
        );
        ExitCode::FAILURE
    };
    let built = match build(&options) {
        Ok(built) => built,
        Err(diags) => return fail(&diags),
    };
    report(&built.warnings, color);
    if let Err(d) = site::check_output(&dir, &out) {
        let mut diags = Diagnostics::default();
        diags.push(d);
        return fail(&diags);
    }
    match site::write(&out, &built.files) {
        Ok(stats) => {
            eprintln!(
                "Built {} pages for the {} in {} ms → {} ({} written, {} unchanged)",
                built.pages,
                audience.name(),
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
            fail(&diags)
        }
    }
}
