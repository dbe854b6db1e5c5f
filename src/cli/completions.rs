//! `coachsite completions`: shell completions, generated from the command line itself.

use std::process::ExitCode;

/// Print shell completions for bash, zsh, fish, elvish or PowerShell.
#[derive(clap::Args)]
pub struct Args {
    shell: clap_complete::Shell,
}

/// Prints the completions of `command` (the whole command line, from `main`).
pub fn run(args: Args, command: &mut clap::Command) -> ExitCode {
    clap_complete::generate(args.shell, command, "coachsite", &mut std::io::stdout());
    ExitCode::SUCCESS
}
