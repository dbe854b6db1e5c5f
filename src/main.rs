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
  coachsite check --format json --as-of 2026-06-30
  coachsite serve my-engagement --open   the coach's view, rebuilt and reloaded on every save
  coachsite watch -o public              rebuild into a folder on every save";

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
    },
    /// Create a new engagement folder, ready to check, build and serve.
    New {
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
    },
    /// Write the next session note, prefilled with the active objectives, the actions to
    /// review and the attendees of the last session.
    Note {
        /// The engagement folder.
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// The session's date (YYYY-MM-DD); defaults to today.
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        date: Option<Date>,
        /// The session's title (also names the file).
        #[arg(long)]
        title: Option<String>,
        /// Open the note in $EDITOR.
        #[arg(long)]
        edit: bool,
    },
    /// Export the data as JSON (the engagement and every figure) or as CSV tables
    /// (measurements, ratings, actions), for the audience's view.
    Export {
        /// The engagement folder.
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// json (to standard output, or -o FILE) or csv (three files into -o DIR).
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Where to write: a file for json, a folder for csv (default DIR/export).
        #[arg(short, long, value_name = "PATH")]
        output: Option<PathBuf>,
        /// Whose view to export: the client's by default.
        #[arg(long, value_enum, default_value = "client")]
        audience: Audience,
        #[command(flatten)]
        as_of: AsOf,
    },
    /// Write the JSON Schemas of the engagement's files (for editors' validation and
    /// completion); without --out, print them as one JSON object.
    Schema {
        /// The folder to write them into, e.g. .coachsite/schemas.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Print shell completions for bash, zsh, fish, elvish or PowerShell.
    Completions { shell: clap_complete::Shell },
    /// Check the engagement: file errors, then SMART, ZPD, pace, stalled objectives,
    /// overdue actions and commitment. Exits with 1 on errors (and on warnings with --strict).
    #[command(after_help = EXAMPLES)]
    Check {
        /// The engagement folder (the one with engagement.yaml).
        #[arg(default_value = ".")]
        dir: PathBuf,
        #[command(flatten)]
        as_of: AsOf,
        /// text for people, json for tools (see docs/check-json.md).
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        /// Also exit with 1 when there are warnings.
        #[arg(long)]
        strict: bool,
    },
    /// Serve the site on this computer (127.0.0.1), rebuild on every save and reload
    /// the open pages; errors show in the page until the file is fixed.
    #[command(after_help = EXAMPLES)]
    Serve {
        /// The engagement folder (the one with engagement.yaml).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// The port to listen on; the next free one is taken if it is busy (0: any).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Open the site in the browser.
        #[arg(long)]
        open: bool,
        #[command(flatten)]
        as_of: AsOf,
        /// Whose view to serve: the coach's own working view by default.
        #[arg(long, value_enum, default_value = "coach")]
        audience: Audience,
        #[command(flatten)]
        watch: WatchArgs,
    },
    /// Rebuild the site into the output folder on every save, for serving it with
    /// another web server.
    #[command(after_help = EXAMPLES)]
    Watch {
        /// The engagement folder (the one with engagement.yaml).
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
    },
}

/// The date every figure is computed for.
#[derive(clap::Args)]
struct AsOf {
    /// The date the figures are computed for (YYYY-MM-DD); defaults to today.
    #[arg(long = "as-of", value_name = "DATE", value_parser = parse_date)]
    as_of: Option<Date>,
}

impl AsOf {
    fn date(&self) -> Date {
        self.as_of.unwrap_or_else(today)
    }
}

/// Encryption of the written site.
#[derive(clap::Args)]
struct EncryptArgs {
    /// Encrypt every page with a password, read from COACHSITE_PASSWORD or asked for
    /// (never given on the command line). See docs/audiences.md.
    #[arg(long)]
    encrypt: bool,
    /// PBKDF2 rounds for the key (600000 to 10000000).
    #[arg(long, value_name = "N", default_value_t = coachsite::encrypt::MIN_ITERATIONS)]
    kdf_iterations: u32,
}

impl EncryptArgs {
    /// The site key, when encrypting: the password from the environment or a prompt.
    fn key(&self) -> Result<Option<coachsite::encrypt::SiteKey>, String> {
        if !self.encrypt {
            return Ok(None);
        }
        // No switch of any kind lowers this: a site sealed with fewer rounds is weaker
        // than the user asked for.
        use coachsite::encrypt::{MAX_ITERATIONS, MIN_ITERATIONS};
        if !(MIN_ITERATIONS..=MAX_ITERATIONS).contains(&self.kdf_iterations) {
            return Err(format!(
                "--kdf-iterations must be at least {MIN_ITERATIONS} and at most {MAX_ITERATIONS}"
            ));
        }
        let password = match std::env::var("COACHSITE_PASSWORD") {
            Ok(password) => password,
            Err(_) if std::io::stdin().is_terminal() => {
                rpassword::prompt_password("Password for the site: ")
                    .map_err(|e| format!("cannot read the password: {e}"))?
            }
            Err(_) => {
                return Err("--encrypt needs a password: set COACHSITE_PASSWORD, or run in a terminal to be asked".into());
            }
        };
        if password.is_empty() {
            return Err("the password is empty".into());
        }
        if password.chars().count() < 12 {
            eprintln!(
                "warning: the password has fewer than 12 characters; anyone with the site can try to guess it offline"
            );
        }
        coachsite::encrypt::SiteKey::new(&password, self.kdf_iterations).map(Some)
    }
}

/// How `serve` and `watch` notice changes.
#[derive(clap::Args)]
struct WatchArgs {
    /// Milliseconds of quiet after a save before rebuilding.
    #[arg(long, value_name = "MS", default_value_t = 25)]
    debounce: u64,
    /// Poll the folder instead of relying on file system notifications (network
    /// drives, WSL, containers).
    #[arg(long)]
    poll: bool,
}

impl WatchArgs {
    fn options(&self) -> coachsite::serve::WatchOptions {
        coachsite::serve::WatchOptions {
            debounce: std::time::Duration::from_millis(self.debounce.clamp(10, 10_000)),
            poll: self.poll,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ExportFormat {
    Json,
    Csv,
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
            encryption,
        } => match encryption.key() {
            Ok(key) => run_build(dir, output, as_of.date(), base_url, audience, key, color),
            Err(message) => {
                eprintln!("error: {message}");
                ExitCode::FAILURE
            }
        },
        Command::Check {
            dir,
            as_of,
            format,
            strict,
        } => run_check(dir, as_of.date(), format, strict, color),
        Command::New {
            dir,
            team,
            individual: _,
            language,
        } => {
            let kind = if team {
                coachsite::scaffold::NewKind::Team
            } else {
                coachsite::scaffold::NewKind::Individual
            };
            match coachsite::scaffold::new_engagement(&dir, kind, &language, today()) {
                Ok(files) => {
                    for f in files.iter().filter(|f| !f.ends_with(".gitkeep")) {
                        eprintln!("  created {}", f.display());
                    }
                    eprintln!(
                        "A new engagement is ready in {}. Next: edit engagement.yaml, then `coachsite serve {}`.",
                        dir.display(),
                        dir.display()
                    );
                    ExitCode::SUCCESS
                }
                Err(message) => {
                    eprintln!("error: {message}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Note {
            dir,
            date,
            title,
            edit,
        } => run_note(dir, date.unwrap_or_else(today), title, edit, color),
        Command::Export {
            dir,
            format,
            output,
            audience,
            as_of,
        } => run_export(dir, format, output, audience, as_of.date(), color),
        Command::Schema { out } => match out {
            Some(dir) => match coachsite::schema::write_schemas(&dir) {
                Ok(files) => {
                    for f in files {
                        eprintln!("  wrote {}", f.display());
                    }
                    ExitCode::SUCCESS
                }
                Err(message) => {
                    eprintln!("error: {message}");
                    ExitCode::FAILURE
                }
            },
            None => {
                let all: serde_json::Map<String, serde_json::Value> = coachsite::schema::schemas()
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
        },
        Command::Completions { shell } => {
            let mut command = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut command, "coachsite", &mut std::io::stdout());
            ExitCode::SUCCESS
        }
        Command::Serve {
            dir,
            port,
            open,
            as_of,
            audience,
            watch,
        } => {
            let options = BuildOptions {
                root: dir.clone(),
                audience,
                as_of: as_of.date(),
                base_url: None,
            };
            run_serve(options, port, open, watch.options(), color)
        }
        Command::Watch {
            dir,
            output,
            as_of,
            audience,
            base_url,
            encryption,
            watch,
        } => {
            let key = match encryption.key() {
                Ok(key) => key,
                Err(message) => {
                    eprintln!("error: {message}");
                    return ExitCode::FAILURE;
                }
            };
            let out = output.unwrap_or_else(|| default_output(&dir));
            let options = BuildOptions {
                root: dir.clone(),
                audience,
                as_of: as_of.date(),
                base_url,
            };
            run_watch(options, out, key, watch.options(), color)
        }
    }
}

fn run_export(
    dir: PathBuf,
    format: ExportFormat,
    output: Option<PathBuf>,
    audience: Audience,
    as_of: Date,
    color: bool,
) -> ExitCode {
    let loaded = match coachsite::load::load(&dir) {
        Ok(loaded) => loaded,
        Err(diags) => {
            report(&diags, color);
            eprintln!("error: the engagement has errors; fix them to export");
            return ExitCode::FAILURE;
        }
    };
    let e = coachsite::audience::filter(loaded.engagement, audience);
    let result = match format {
        ExportFormat::Json => {
            let insight = coachsite::insight::analyze(&e, as_of);
            let figures = coachsite::check::report(&e, &insight, Vec::new());
            coachsite::export::to_json(&e, figures, audience).and_then(|json| match &output {
                Some(path) => site::write_file(path, (json + "\n").as_bytes())
                    .map_err(|err| format!("cannot write {}: {err}", path.display())),
                None => {
                    println!("{json}");
                    Ok(())
                }
            })
        }
        ExportFormat::Csv => {
            let out = output.unwrap_or_else(|| dir.join("export"));
            coachsite::export::to_csv(&e, &out).map(|files| {
                for f in files {
                    eprintln!("  wrote {}", f.display());
                }
            })
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run_note(dir: PathBuf, date: Date, title: Option<String>, edit: bool, color: bool) -> ExitCode {
    let loaded = match coachsite::load::load(&dir) {
        Ok(loaded) => loaded,
        Err(diags) => {
            report(&diags, color);
            eprintln!("error: fix the engagement first: a note is prefilled from it");
            return ExitCode::FAILURE;
        }
    };
    let plan = coachsite::scaffold::plan_note(&loaded.engagement, date, title.as_deref());
    if let Err(message) = coachsite::scaffold::write_note(&plan) {
        eprintln!("error: {message}");
        return ExitCode::FAILURE;
    }
    println!("{}", plan.path.display());
    if edit {
        let editor = std::env::var("VISUAL")
            .or_else(|_| std::env::var("EDITOR"))
            .unwrap_or_else(|_| "vi".into());
        match std::process::Command::new(&editor).arg(&plan.path).status() {
            Ok(_) => {}
            Err(err) => eprintln!(
                "note: could not start {editor} ({err}); the note is at {}",
                plan.path.display()
            ),
        }
    }
    ExitCode::SUCCESS
}

fn count_errors(n: usize) -> String {
    format!("{n} error{}", if n == 1 { "" } else { "s" })
}

/// The changed files, relative to the engagement, for the terminal.
fn changed(root: &std::path::Path, paths: &[PathBuf]) -> String {
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let mut names: Vec<String> = paths
        .iter()
        .map(|p| coachsite::diagnostic::display_path(&root, p))
        .collect();
    if names.len() > 3 {
        let more = names.len() - 3;
        names.truncate(3);
        names.push(format!("{more} more"));
    }
    names.join(", ")
}

fn run_serve(
    options: BuildOptions,
    port: u16,
    open: bool,
    watch: coachsite::serve::WatchOptions,
    color: bool,
) -> ExitCode {
    use coachsite::serve::{LiveSite, Rebuilt};
    let dir = options.root.clone();
    let audience = options.audience;
    // Watch first, so that no save between the first build and the watch is missed.
    let watcher = match coachsite::serve::Watcher::start(&dir, watch) {
        Ok(watcher) => watcher,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::FAILURE;
        }
    };
    let site = LiveSite::new(options);
    let report_rebuild = move |outcome: Rebuilt, what: &str| match outcome {
        Rebuilt::Ok {
            pages,
            millis,
            warnings,
        } => {
            report(&warnings, color);
            eprintln!("{what}: {pages} pages in {millis} ms");
        }
        Rebuilt::Failed { errors } => {
            report(&errors, color);
            eprintln!(
                "{what} failed ({}): the last good site is still served, with the errors shown in the page",
                count_errors(errors.error_count())
            );
        }
    };
    report_rebuild(site.rebuild(), "Built");
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("error: cannot start the server: {err}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async move {
        let (listener, note) = match coachsite::serve::bind(port).await {
            Ok(bound) => bound,
            Err(message) => {
                eprintln!("error: {message}");
                return ExitCode::FAILURE;
            }
        };
        if let Some(note) = note {
            eprintln!("note: {note}");
        }
        let address = match listener.local_addr() {
            Ok(address) => address,
            Err(err) => {
                eprintln!("error: cannot read the server's address: {err}");
                return ExitCode::FAILURE;
            }
        };
        let url = format!("http://{address}/");
        // Written without println!, which would panic if stdout were closed.
        use std::io::Write as _;
        let mut stdout = std::io::stdout();
        let _ = writeln!(
            stdout,
            "Serving {} for the {} at {url}\nOnly this computer can reach it. Save a file to rebuild; press Ctrl-C to stop.",
            dir.display(),
            audience.name()
        );
        let _ = stdout.flush();
        if open {
            open_browser(&url);
        }
        let watched = site.clone();
        let root = dir.clone();
        std::thread::spawn(move || {
            watcher.run(|paths| {
                let what = format!("Rebuilt after a change to {}", changed(&root, &paths));
                report_rebuild(watched.rebuild(), &what);
            });
        });
        let shutdown = async {
            let _ = tokio::signal::ctrl_c().await;
            eprintln!("\nStopped.");
        };
        let router = coachsite::serve::router(site, address.port());
        coachsite::serve::run(listener, router, shutdown).await;
        ExitCode::SUCCESS
    })
}

fn open_browser(url: &str) {
    let command = if cfg!(target_os = "macos") {
        std::process::Command::new("open").arg(url).spawn()
    } else if cfg!(windows) {
        std::process::Command::new("cmd")
            .args(["/C", "start", "", url])
            .spawn()
    } else {
        std::process::Command::new("xdg-open").arg(url).spawn()
    };
    if let Err(err) = command {
        eprintln!("note: could not open a browser ({err}); open {url} yourself");
    }
}

fn run_watch(
    options: BuildOptions,
    out: PathBuf,
    key: Option<coachsite::encrypt::SiteKey>,
    watch: coachsite::serve::WatchOptions,
    color: bool,
) -> ExitCode {
    if let Err(d) = site::check_output(&options.root, &out) {
        let mut diags = Diagnostics::default();
        diags.push(d);
        report(&diags, color);
        return ExitCode::FAILURE;
    }
    let write = |what: &str| {
        let started = Instant::now();
        match coachsite::build_guarded(&options) {
            Ok(mut built) => {
                report(&built.warnings, color);
                if let Some(key) = &key
                    && let Err(message) = seal(&mut built, key)
                {
                    eprintln!("error: {message}; {} is unchanged", out.display());
                    return;
                }
                match site::write(&out, &built.files) {
                    Ok(stats) => eprintln!(
                        "{what}: {} pages in {} ms → {} ({} written, {} unchanged)",
                        built.pages,
                        started.elapsed().as_millis(),
                        out.display(),
                        stats.written,
                        stats.unchanged
                    ),
                    Err(err) => {
                        eprintln!("error: cannot write the site to {}: {err}", out.display())
                    }
                }
            }
            Err(errors) => {
                report(&errors, color);
                eprintln!(
                    "{what} failed ({}): {} is unchanged",
                    count_errors(errors.error_count()),
                    out.display()
                );
            }
        }
    };
    let root = options.root.clone();
    let watcher = match coachsite::serve::Watcher::start(&root, watch) {
        Ok(watcher) => watcher,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::FAILURE;
        }
    };
    write("Built");
    eprintln!(
        "Watching {} for changes; press Ctrl-C to stop.",
        root.display()
    );
    watcher.run(|paths| {
        write(&format!(
            "Rebuilt after a change to {}",
            changed(&root, &paths)
        ))
    });
    ExitCode::SUCCESS
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

/// Encrypts a built site, saying what stays readable.
fn seal(built: &mut coachsite::Site, key: &coachsite::encrypt::SiteKey) -> Result<(), String> {
    let unsealed = built
        .files
        .iter()
        .filter(|f| !f.path.ends_with(".html") && f.path != "style.css" && f.path != "robots.txt")
        .count();
    if unsealed > 0 {
        eprintln!(
            "warning: {unsealed} file{} from static/ copied unencrypted; leave out anything confidential",
            if unsealed == 1 { " is" } else { "s are" }
        );
    }
    coachsite::encrypt(built, key)
}

#[allow(clippy::too_many_arguments)]
fn run_build(
    dir: PathBuf,
    output: Option<PathBuf>,
    as_of: Date,
    base_url: Option<String>,
    audience: Audience,
    key: Option<coachsite::encrypt::SiteKey>,
    color: bool,
) -> ExitCode {
    let started = Instant::now();
    let out = output.unwrap_or_else(|| default_output(&dir));
    let options = BuildOptions {
        root: dir.clone(),
        audience,
        as_of,
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
    let mut built = match build(&options) {
        Ok(built) => built,
        Err(diags) => return fail(&diags),
    };
    if let Some(key) = &key
        && let Err(message) = seal(&mut built, key)
    {
        eprintln!("error: {message}; {} is unchanged", out.display());
        return ExitCode::FAILURE;
    }
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
