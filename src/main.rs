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
  coachsite build --audience sponsor -o sponsor-site";

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
