//! The commands, one file each: its arguments (which are its `--help`) and what it does.
//! `main.rs` parses the command line and calls the command's `run`; everything a command
//! shares with others (the `--as-of`, `--encrypt` and watch options, how messages are
//! printed) is here.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::{Date, Diagnostics};

pub mod agenda;
pub mod build;
pub mod check;
pub mod completions;
pub mod diff;
pub mod export;
pub mod new;
pub mod note;
pub mod schema;
#[cfg(feature = "serve")]
pub mod serve;
#[cfg(feature = "watch")]
pub mod watch;

/// The examples every binary shows, then `more` (one line each).
macro_rules! examples {
    ($($more:literal),*) => {
        concat!("\
Examples:
  coachsite build                        build the engagement in this folder into ./public
  coachsite build my-engagement          build another folder into my-engagement/public
  coachsite build -o /tmp/site --as-of 2026-06-30
  coachsite build --audience sponsor -o sponsor-site
  coachsite check my-engagement          what needs the coach's attention today
  coachsite check --format json --as-of 2026-06-30" $(, "\n", $more)*)
    };
}

/// The examples shown after the help of the main commands: `serve` and `watch` where
/// the binary has them (the `serve` feature brings `watch` with it).
pub const EXAMPLES: &str = if cfg!(feature = "serve") {
    examples!(
        "  coachsite serve my-engagement --open   the coach's view, rebuilt and reloaded on every save",
        "  coachsite watch -o public              rebuild into a folder on every save"
    )
} else if cfg!(feature = "watch") {
    examples!("  coachsite watch -o public              rebuild into a folder on every save")
} else {
    examples!()
};

/// The date every figure is computed for.
#[derive(clap::Args)]
pub struct AsOf {
    /// The date the figures are computed for (YYYY-MM-DD); defaults to today.
    #[arg(long = "as-of", value_name = "DATE", value_parser = parse_date)]
    as_of: Option<Date>,
}

impl AsOf {
    /// The date asked for, or today.
    pub fn date(&self) -> Date {
        self.as_of.unwrap_or_else(today)
    }

    /// Whether `--as-of` was given.
    pub fn given(&self) -> bool {
        self.as_of.is_some()
    }

    /// The date for an engagement already loaded: see [`crate::effective_as_of`]. Says
    /// so on stderr when it stopped at the engagement's end.
    pub fn for_engagement(&self, e: &crate::model::Engagement) -> Date {
        let asked = self.date();
        let effective =
            crate::effective_as_of(asked, self.given(), e.info.end.as_ref().map(|e| e.value));
        if let Some(note) = crate::as_of_note(asked, effective) {
            eprintln!("note: {note}");
        }
        effective
    }
}

/// The key a site is sealed with.
#[cfg(feature = "encrypt")]
pub use crate::encrypt::SiteKey;

/// Without the `encrypt` feature there is no key: no site can be sealed, and the code
/// that seals one is never reached.
#[cfg(not(feature = "encrypt"))]
pub enum SiteKey {}

/// Encryption of the written site.
#[cfg(feature = "encrypt")]
#[derive(clap::Args)]
pub struct EncryptArgs {
    /// Encrypt every page with a password, read from COACHSITE_PASSWORD or asked for
    /// (never given on the command line). See docs/audiences.md.
    #[arg(long)]
    encrypt: bool,
    /// PBKDF2 rounds for the key (600000 to 10000000).
    #[arg(long, value_name = "N", default_value_t = crate::encrypt::MIN_ITERATIONS)]
    kdf_iterations: u32,
}

#[cfg(feature = "encrypt")]
impl EncryptArgs {
    /// The site key, when encrypting: the password from the environment or a prompt.
    pub fn key(&self) -> Result<Option<SiteKey>, String> {
        if !self.encrypt {
            return Ok(None);
        }
        // No switch of any kind lowers this: a site sealed with fewer rounds is weaker
        // than the user asked for.
        use crate::encrypt::{MAX_ITERATIONS, MIN_ITERATIONS};
        if !(MIN_ITERATIONS..=MAX_ITERATIONS).contains(&self.kdf_iterations) {
            return Err(format!(
                "--kdf-iterations must be at least {MIN_ITERATIONS} and at most {MAX_ITERATIONS}"
            ));
        }
        let password = match std::env::var("COACHSITE_PASSWORD") {
            Ok(password) => password,
            Err(_) if std::io::IsTerminal::is_terminal(&std::io::stdin()) => {
                rpassword::prompt_password("Password for the site: ")
                    .map_err(|e| format!("cannot read the password: {e}"))?
            }
            Err(_) => {
                return Err("--encrypt needs a password: set COACHSITE_PASSWORD, or run in a terminal to be asked".into());
            }
        };
        let (password, trimmed) = crate::encrypt::password_from(&password)?;
        if trimmed {
            eprintln!(
                "warning: the password ended with a line break (a file saved with Windows line ends?): it was left out, as no one can type it"
            );
        }
        if password.chars().count() < 12 {
            eprintln!(
                "warning: the password has fewer than 12 characters; anyone with the site can try to guess it offline"
            );
        }
        SiteKey::new(&password, self.kdf_iterations).map(Some)
    }
}

/// A binary built without the `encrypt` feature has no `--encrypt` (nor
/// `--kdf-iterations`): clap refuses it as an unknown argument, so no command can write
/// a site in the clear that was asked to be sealed.
#[cfg(not(feature = "encrypt"))]
#[derive(clap::Args)]
pub struct EncryptArgs {}

#[cfg(not(feature = "encrypt"))]
impl EncryptArgs {
    /// Never a key: nothing can ask for one.
    pub fn key(&self) -> Result<Option<SiteKey>, String> {
        Ok(None)
    }
}

/// How `serve` and `watch` notice changes.
#[cfg(feature = "watch")]
#[derive(clap::Args)]
pub struct WatchArgs {
    /// Milliseconds of quiet before rebuilding after changes to several files, or one
    /// that may not be finished (a file made, deleted or being written); the save of
    /// one file, closed after writing or renamed into place, is rebuilt after 3 ms.
    #[arg(long, value_name = "MS", default_value_t = 25)]
    debounce: u64,
    /// Poll the folder instead of relying on file system notifications (network
    /// drives, WSL, containers).
    #[arg(long)]
    poll: bool,
}

#[cfg(feature = "watch")]
impl WatchArgs {
    pub(crate) fn options(&self) -> crate::watch::WatchOptions {
        crate::watch::WatchOptions {
            debounce: std::time::Duration::from_millis(self.debounce.clamp(10, 10_000)),
            poll: self.poll,
        }
    }
}

fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse(text)
}

/// Today, on this computer's clock.
pub fn today() -> Date {
    Date(chrono::Local::now().date_naive())
}

/// Prints diagnostics to stderr, if any.
pub fn report(diags: &Diagnostics, color: bool) {
    if !diags.is_empty() {
        eprint!("{}", diags.render(color));
    }
}

/// Refuses to write `path` inside what an engagement reads ([`crate::site::refuse_input`]):
/// the error printed, and the exit code to return.
pub fn refuse_input(path: &Path, color: bool) -> Result<(), ExitCode> {
    crate::site::refuse_input(path).map_err(|d| {
        report(&Diagnostics { items: vec![d] }, color);
        fail("nothing was written")
    })
}

/// The folder to write a site to: `-o` or `DIR/public`, a link given taken for the folder
/// it leads to ([`crate::site::output_folder`]); the error printed, and the exit code.
pub fn output_of(dir: &Path, output: Option<PathBuf>, color: bool) -> Result<PathBuf, ExitCode> {
    let given = output.unwrap_or_else(|| crate::default_output(dir));
    crate::site::output_folder(&given).map_err(|d| {
        report(&Diagnostics { items: vec![d] }, color);
        ExitCode::FAILURE
    })
}

/// Prints a one-line error and fails.
pub fn fail(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::FAILURE
}

/// "1 error", "2 errors".
pub fn count_errors(n: usize) -> String {
    format!("{n} error{}", if n == 1 { "" } else { "s" })
}

/// What a rebuild of `serve` or `watch` was after, for the terminal: the changed files,
/// or (`None`) a watcher that lost track.
#[cfg(feature = "watch")]
pub fn rebuilt_after(root: &Path, paths: Option<&[PathBuf]>) -> String {
    match paths {
        Some(paths) => format!("Rebuilt after a change to {}", changed(root, paths)),
        None => "Rebuilt after the file system lost track of the changes (every file read again)"
            .to_string(),
    }
}

/// The changed files, relative to the engagement, for the terminal.
#[cfg(feature = "watch")]
fn changed(root: &Path, paths: &[PathBuf]) -> String {
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let mut names: Vec<String> = paths
        .iter()
        .map(|p| crate::diagnostic::display_path(&root, p))
        .collect();
    if names.len() > 3 {
        let more = names.len() - 3;
        names.truncate(3);
        names.push(format!("{more} more"));
    }
    names.join(", ")
}

/// Encrypts a built site, saying what stays readable.
#[cfg(feature = "encrypt")]
pub fn seal(built: &mut crate::Site, key: &SiteKey) -> Result<(), String> {
    let unsealed = built
        .files
        .iter()
        .filter(|f| {
            !f.path.ends_with(".html")
                && f.path != "style.css"
                && f.path != "robots.txt"
                && !crate::encrypt::is_calendar(&f.path)
        })
        .count();
    if unsealed > 0 {
        eprintln!(
            "warning: {unsealed} file{} from static/ copied unencrypted; leave out anything confidential",
            if unsealed == 1 { " is" } else { "s are" }
        );
    }
    crate::encrypt(built, key)
}

/// Without the `encrypt` feature, no key exists to seal with.
#[cfg(not(feature = "encrypt"))]
pub fn seal(_: &mut crate::Site, key: &SiteKey) -> Result<(), String> {
    match *key {}
}
