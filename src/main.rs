//! The `coachsite` command line: parses the arguments and hands them to the command's
//! own file under `src/cli/`.

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

use coachsite::cli::{self, EXAMPLES};

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

/// `--color`: when to colour messages. Its variants have no doc comments: clap would make
/// them the values' help, and `--help` lists the values alone.
#[derive(Clone, Copy, clap::ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Whether to colour: `auto` colours a terminal unless `NO_COLOR` is set.
    fn enabled(self) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
            }
        }
    }
}

#[derive(Subcommand)]
enum Command {
    Build(cli::build::Args),
    New(cli::new::Args),
    Note(cli::note::Args),
    Export(cli::export::Args),
    Schema(cli::schema::Args),
    Completions(cli::completions::Args),
    Check(cli::check::Args),
    Agenda(cli::agenda::Args),
    Diff(cli::diff::Args),
    #[cfg(feature = "serve")]
    Serve(cli::serve::Args),
    #[cfg(feature = "watch")]
    Watch(cli::watch::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let color = cli.color.enabled();
    match cli.command {
        Command::Build(args) => cli::build::run(args, color),
        Command::New(args) => cli::new::run(args, color),
        Command::Note(args) => cli::note::run(args, color),
        Command::Export(args) => cli::export::run(args, color),
        Command::Schema(args) => cli::schema::run(args, color),
        Command::Completions(args) => cli::completions::run(args, &mut Cli::command()),
        Command::Check(args) => cli::check::run(args, color),
        Command::Agenda(args) => cli::agenda::run(args, color),
        Command::Diff(args) => cli::diff::run(args, color),
        #[cfg(feature = "serve")]
        Command::Serve(args) => cli::serve::run(args, color),
        #[cfg(feature = "watch")]
        Command::Watch(args) => cli::watch::run(args, color),
    }
}
