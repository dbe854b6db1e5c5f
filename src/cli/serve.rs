//! `coachsite serve`: the site on this computer, rebuilt in memory on every save, with
//! the open pages reloaded.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use super::{AsOf, EXAMPLES, WatchArgs, count_errors, fail, rebuilt_after, report};
use crate::serve::{LiveSite, Rebuilt};
use crate::watch::Watcher;
use crate::{Audience, BuildOptions};

/// Serve the site on this computer (127.0.0.1), rebuild on every save and reload
/// the open pages; errors show in the page until the file is fixed.
#[derive(clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// The engagement folder (the one with engagement.yaml), or a folder of engagements
    /// (a practice, served for the coach).
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
}

/// Builds, starts watching, then serves until Ctrl-C; each save rebuilds in memory and
/// a failed rebuild keeps the last good site, with its errors shown in the page.
pub fn run(args: Args, color: bool) -> ExitCode {
    let dir = args.dir.clone();
    let audience = args.audience;
    let options = BuildOptions {
        root: args.dir,
        audience,
        as_of: args.as_of.date(),
        as_of_given: args.as_of.given(),
        base_url: None,
        history_at: None,
    };
    // Watch first, so that no save between the first build and the watch is missed.
    let watcher = match Watcher::start(&dir, args.watch.options()) {
        Ok(watcher) => watcher,
        Err(message) => return fail(&message),
    };
    let asked = options.as_of;
    let site = LiveSite::new(options);
    let report_rebuild = move |outcome: Rebuilt, what: &str| match outcome {
        Rebuilt::Ok {
            pages,
            millis,
            warnings,
            as_of,
            rebuilt,
            text_of,
        } => {
            report(&warnings, color);
            let scope = match (text_of, rebuilt.as_deref()) {
                // The file is named before: "after a change to sessions/….md".
                (Some(_), _) => " (its text only: nothing else was made again)".to_string(),
                (None, Some([])) => " (the practice home only)".to_string(),
                (None, Some(paths)) if what != "Built" => {
                    format!(" ({} and the practice home)", paths.join(", "))
                }
                _ => String::new(),
            };
            eprintln!("{what}{scope}: {pages} pages in {millis} ms");
            if let Some(note) = crate::as_of_note(asked, as_of).filter(|_| what == "Built") {
                eprintln!("note: {note}");
            }
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
        Err(err) => return fail(&format!("cannot start the server: {err}")),
    };
    runtime.block_on(async move {
        let (listener, note) = match crate::serve::bind(args.port).await {
            Ok(bound) => bound,
            Err(message) => return fail(&message),
        };
        if let Some(note) = note {
            eprintln!("note: {note}");
        }
        let address = match listener.local_addr() {
            Ok(address) => address,
            Err(err) => return fail(&format!("cannot read the server's address: {err}")),
        };
        let url = format!("http://{address}/");
        // Written without println!, which would panic if stdout were closed.
        let mut stdout = std::io::stdout();
        let _ = writeln!(
            stdout,
            "Serving {} for the {} at {url}\nOnly this computer can reach it. Save a file to rebuild; press Ctrl-C to stop.",
            dir.display(),
            audience.name()
        );
        let _ = stdout.flush();
        if args.open {
            open_browser(&url);
        }
        let watched = site.clone();
        let root = dir.clone();
        std::thread::spawn(move || {
            watcher.run(|paths| {
                let what = rebuilt_after(&root, paths.as_deref());
                report_rebuild(watched.rebuild_after(paths.as_deref()), &what);
            });
        });
        let shutdown = async {
            let _ = tokio::signal::ctrl_c().await;
            eprintln!("\nStopped.");
        };
        let router = crate::serve::router(site, address.port());
        crate::serve::run(listener, router, shutdown).await;
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
