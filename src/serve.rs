//! `serve` and `watch`: rebuild on every save.
//!
//! One watcher ([`Watcher`]) follows the engagement folder with
//! notify-debouncer-full (the folder, never single files, so editors' rename-on-save is
//! seen) and calls back with the changed paths that matter. `serve` keeps the site in
//! memory ([`LiveSite`]), serves it on 127.0.0.1 with axum, and tells open pages to
//! reload through server-sent events; `watch` writes each good build to the output
//! folder. A failed rebuild keeps the last good site and shows the errors over every
//! page until a save fixes them. An engagement's rebuild is a full rebuild: a page never
//! shows stale content. On a practice (a folder of engagements), a save rebuilds the
//! engagement it is in and the practice home, and only their open pages reload: the
//! engagements are independent of each other, and the home is made again every time.

use std::collections::{BTreeMap, HashMap};
use std::net::{Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, Request, StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use notify_debouncer_full::notify::{self, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, new_debouncer_opt};
use tokio::sync::broadcast;
use tokio_stream::wrappers::BroadcastStream;

use crate::diagnostic::Diagnostics;
use crate::load::{INPUTS, is_attachment_name, is_editor_temp};
use crate::practice::{PracticeBuild, is_practice};
use crate::render::content_type;
use crate::{BuildOptions, build_guarded};

/// The path of the live-reload event stream.
pub const EVENTS_PATH: &str = "/__coachsite/events";

/// Whether a change to `path` can change the site: inside a watched file or folder of
/// `root`, and not an editor's swap, backup or probe file.
pub fn is_relevant(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let Some(first) = rel.components().next() else {
        return false;
    };
    let first = first.as_os_str().to_string_lossy();
    // An image or a PDF at the top of the folder is an attachment (Obsidian's default place).
    if rel.components().count() == 1 && is_attachment_name(&first) {
        return true;
    }
    if !INPUTS.contains(&first.as_ref()) {
        return false;
    }
    // `.coachsite` itself starts with a dot like an editor's file; what is inside counts.
    !rel.components()
        .skip(usize::from(first == ".coachsite"))
        .any(|c| is_editor_temp(&c.as_os_str().to_string_lossy()))
}

/// [`is_relevant`] for a practice: a change inside an engagement counts by that
/// engagement's rules; an `engagement.yaml` that comes or goes, a folder made or gone
/// outside the engagements (with engagements in it) and the practice's own templates
/// count too.
pub fn is_relevant_in_practice(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    if rel
        .components()
        .any(|c| is_editor_temp(&c.as_os_str().to_string_lossy()) && c.as_os_str() != ".coachsite")
    {
        return false;
    }
    if path.file_name().is_some_and(|n| n == "engagement.yaml") {
        return true;
    }
    let mut folder = path.parent();
    while let Some(dir) = folder.filter(|d| d.starts_with(root) && *d != root) {
        if dir.join("engagement.yaml").is_file() {
            return is_relevant(dir, path);
        }
        folder = dir.parent();
    }
    let first = rel
        .components()
        .next()
        .map(|c| c.as_os_str().to_string_lossy());
    // A folder made or removed outside every engagement may bring or take some (a folder
    // copied in whole can be reported as the folder alone, before its files are watched).
    matches!(first.as_deref(), Some(".coachsite" | "templates")) || !path.exists() || path.is_dir()
}

/// How the watcher notices changes.
#[derive(Debug, Clone, Copy)]
pub struct WatchOptions {
    /// How long the folder must be quiet before a rebuild starts.
    pub debounce: Duration,
    /// Poll the file system instead of using its notifications (network drives, WSL,
    /// containers).
    pub poll: bool,
}

/// A watcher that is already following the folder: every change made after
/// [`Watcher::start`] returns is seen, even before [`Watcher::run`] is called.
pub struct Watcher {
    root: PathBuf,
    /// A practice's engagements each count their own inputs.
    practice: bool,
    events: std::sync::mpsc::Receiver<DebounceEventResult>,
    _watching: Watching,
}

impl Watcher {
    /// Starts following `root` (recursively, the folder itself rather than its files).
    pub fn start(root: &Path, options: WatchOptions) -> Result<Watcher, String> {
        let root = std::fs::canonicalize(root)
            .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
        let (tx, events) = std::sync::mpsc::channel::<DebounceEventResult>();
        // Polling compares contents too: modification times are kept in whole seconds,
        // so a second save within the same second would otherwise go unseen.
        let config = notify::Config::default()
            .with_poll_interval(options.debounce.max(Duration::from_millis(250)))
            .with_compare_contents(options.poll);
        let mut watching = if options.poll {
            new_debouncer_opt::<_, notify::PollWatcher, _>(
                options.debounce,
                None,
                tx,
                notify_debouncer_full::NoCache,
                config,
            )
            .map(Watching::Poll)
        } else {
            new_debouncer_opt::<_, notify::RecommendedWatcher, _>(
                options.debounce,
                None,
                tx,
                notify_debouncer_full::RecommendedCache::new(),
                config,
            )
            .map(Watching::Native)
        }
        .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
        watching
            .watch(&root)
            .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
        Ok(Watcher {
            practice: is_practice(&root),
            root,
            events,
            _watching: watching,
        })
    }

    /// Calls `on_change` with the relevant changed paths after each quiet period, until
    /// the watcher stops.
    pub fn run(self, mut on_change: impl FnMut(Vec<PathBuf>)) {
        for result in self.events {
            let Ok(events) = result else { continue };
            let mut paths: Vec<PathBuf> = events
                .iter()
                .filter(|e| !e.kind.is_access())
                .flat_map(|e| e.paths.iter())
                .filter(|p| {
                    if self.practice {
                        is_relevant_in_practice(&self.root, p)
                    } else {
                        is_relevant(&self.root, p)
                    }
                })
                .cloned()
                .collect();
            paths.sort();
            paths.dedup();
            if !paths.is_empty() {
                // Whatever goes wrong in one rebuild, the watch goes on: the next save
                // rebuilds.
                let call = std::panic::AssertUnwindSafe(|| on_change(paths));
                if std::panic::catch_unwind(call).is_err() {
                    eprintln!(
                        "error: the rebuild stopped on an internal error; save again to retry"
                    );
                }
            }
        }
    }
}

/// The two kinds of watcher behind one `watch` call.
enum Watching {
    Native(
        notify_debouncer_full::Debouncer<
            notify::RecommendedWatcher,
            notify_debouncer_full::RecommendedCache,
        >,
    ),
    Poll(notify_debouncer_full::Debouncer<notify::PollWatcher, notify_debouncer_full::NoCache>),
}

impl Watching {
    fn watch(&mut self, root: &Path) -> notify::Result<()> {
        match self {
            Watching::Native(d) => d.watch(root, RecursiveMode::Recursive),
            Watching::Poll(d) => d.watch(root, RecursiveMode::Recursive),
        }
    }
}

/// What a rebuild did, for the terminal.
pub enum Rebuilt {
    Ok {
        pages: usize,
        millis: u128,
        warnings: Diagnostics,
        /// The date the figures were computed for.
        as_of: crate::Date,
        /// On a practice: the engagements that were built again.
        rebuilt: Option<Vec<String>>,
    },
    Failed {
        errors: Diagnostics,
    },
}

/// The site kept in memory by `serve`, with the errors of the last rebuild if it failed.
pub struct LiveSite {
    options: BuildOptions,
    /// A practice, engagement by engagement (`None` for one engagement).
    practice: Option<Mutex<PracticeBuild>>,
    state: RwLock<SiteState>,
    /// After each rebuild: the url paths whose pages should reload, as JSON.
    events: broadcast::Sender<String>,
}

type Files = HashMap<String, Arc<Vec<u8>>>;

#[derive(Default)]
struct SiteState {
    /// The site's files; on a practice, those at its top (the home).
    files: Files,
    /// A practice's engagements' files, by the engagement's path in the site.
    parts: BTreeMap<String, Files>,
    /// The errors of the last rebuild, as text, while they last.
    errors: Option<String>,
    version: u64,
}

impl LiveSite {
    /// The live site of an engagement or, for the coach, of a practice.
    pub fn new(options: BuildOptions) -> Arc<LiveSite> {
        let (events, _) = broadcast::channel(64);
        let practice = is_practice(&options.root)
            .then(|| PracticeBuild::new(options.clone()).ok())
            .flatten()
            .map(Mutex::new);
        Arc::new(LiveSite {
            options,
            practice,
            state: RwLock::new(SiteState::default()),
            events,
        })
    }

    /// Builds the whole site again (see [`LiveSite::rebuild_after`]).
    pub fn rebuild(&self) -> Rebuilt {
        self.rebuild_after(None)
    }

    /// Builds the site again after a change to `changed` (everything for `None`); on
    /// failure the last good site stays and the errors are shown over its pages. Either
    /// way, open pages are told to reload: on a practice, those of the engagements
    /// rebuilt and the home.
    pub fn rebuild_after(&self, changed: Option<&[PathBuf]>) -> Rebuilt {
        if let Some(practice) = &self.practice {
            let mut practice = practice.lock().unwrap_or_else(|e| e.into_inner());
            return self.rebuild_practice(&mut practice, changed);
        }
        let started = Instant::now();
        let result = build_guarded(&self.options);
        let outcome = {
            let mut state = self.state.write().unwrap_or_else(|e| e.into_inner());
            state.version += 1;
            match result {
                Ok(site) => {
                    state.files = site
                        .files
                        .into_iter()
                        .map(|f| (f.path, Arc::new(f.bytes)))
                        .collect();
                    state.errors = None;
                    Rebuilt::Ok {
                        pages: site.pages,
                        millis: started.elapsed().as_millis(),
                        warnings: site.warnings,
                        as_of: site.as_of,
                        rebuilt: None,
                    }
                }
                Err(errors) => {
                    state.errors = Some(errors.render(false));
                    Rebuilt::Failed { errors }
                }
            }
        };
        let _ = self.events.send(reload_paths(&[String::new()]));
        outcome
    }

    /// A practice's rebuild: the engagements `changed` touches, then the home.
    fn rebuild_practice(
        &self,
        practice: &mut PracticeBuild,
        changed: Option<&[PathBuf]>,
    ) -> Rebuilt {
        let started = Instant::now();
        let result = crate::guarded(|| {
            let update = practice.update(changed)?;
            Ok((update, practice.home()?))
        });
        let mut state = self.state.write().unwrap_or_else(|e| e.into_inner());
        state.version += 1;
        let (outcome, reload) = match result {
            Ok((update, home)) => {
                for path in &update.removed {
                    state.parts.remove(path);
                }
                for part in update.built {
                    state.parts.insert(part.path, files_map(part.files));
                }
                state.files = files_map(home);
                let errors = practice.errors();
                state.errors = errors.has_errors().then(|| errors.render(false));
                let mut reload = update.touched.clone();
                reload.extend(update.removed);
                let outcome = if errors.has_errors() {
                    Rebuilt::Failed { errors }
                } else {
                    Rebuilt::Ok {
                        pages: practice.pages(),
                        millis: started.elapsed().as_millis(),
                        warnings: practice.warnings(),
                        as_of: self.options.as_of,
                        rebuilt: Some(update.touched),
                    }
                };
                (outcome, reload)
            }
            Err(errors) => {
                state.errors = Some(errors.render(false));
                (Rebuilt::Failed { errors }, vec![String::new()])
            }
        };
        drop(state);
        let _ = self.events.send(reload_paths(&reload));
        outcome
    }

    /// The number of rebuilds so far.
    pub fn version(&self) -> u64 {
        self.state.read().map_or(0, |s| s.version)
    }

    /// Subscribes to rebuild events (the url paths to reload after each rebuild).
    pub fn subscribe(&self) -> broadcast::Receiver<String> {
        self.events.subscribe()
    }

    /// The response for a path of the site, with the live-reload script and, after a
    /// failed rebuild, the error overlay in every HTML page.
    fn page(&self, path: &str) -> Response {
        let state = self.state.read().unwrap_or_else(|e| e.into_inner());
        let key = site_path(path);
        let found = state.file(&key).or_else(|| {
            // A folder without a trailing slash.
            state.file(&format!("{key}/index.html"))
        });
        match found {
            Some(bytes) if key.ends_with(".html") || !key.contains('.') => html_response(
                StatusCode::OK,
                inject(&String::from_utf8_lossy(&bytes), state.errors.as_deref()),
            ),
            Some(bytes) => {
                let mut response = Response::new(Body::from(bytes.as_ref().clone()));
                if let Ok(value) = HeaderValue::from_str(content_type(&key)) {
                    response.headers_mut().insert(header::CONTENT_TYPE, value);
                }
                response
                    .headers_mut()
                    .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
                response
            }
            None => {
                let body = format!(
                    "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found</title></head><body><h1>Not found</h1><p>There is no page <code>{}</code> in this site. <a href=\"/index.html\">Back to the dashboard</a>.</p></body></html>",
                    escape(&key)
                );
                html_response(
                    StatusCode::NOT_FOUND,
                    inject(&body, state.errors.as_deref()),
                )
            }
        }
    }
}

impl SiteState {
    /// A file of the site by its path: at the top, or in a practice's engagement.
    fn file(&self, key: &str) -> Option<Arc<Vec<u8>>> {
        if let Some(bytes) = self.files.get(key) {
            return Some(bytes.clone());
        }
        self.parts.iter().rev().find_map(|(path, files)| {
            let rest = key.strip_prefix(path.as_str())?.strip_prefix('/')?;
            files.get(rest).cloned()
        })
    }
}

fn files_map(files: Vec<crate::OutputFile>) -> Files {
    files
        .into_iter()
        .map(|f| (f.path, Arc::new(f.bytes)))
        .collect()
}

/// The reload event's data: the url paths (`/clients/acme/`) whose pages reload, as a
/// JSON list; `/` is every page.
fn reload_paths(paths: &[String]) -> String {
    let urls: Vec<String> = paths
        .iter()
        .map(|p| {
            if p.is_empty() {
                "/".to_string()
            } else {
                format!("/{p}/")
            }
        })
        .collect();
    serde_json::to_string(&urls).unwrap_or_else(|_| "[\"/\"]".into())
}

fn html_response(status: StatusCode, html: String) -> Response {
    let mut response = Response::new(Body::from(html));
    *response.status_mut() = status;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// The file of the site a URL path asks for: percent-decoded, `index.html` for folders.
pub fn site_path(url_path: &str) -> String {
    let path = url_path.split(['?', '#']).next().unwrap_or("");
    let mut decoded = percent_decode(path.trim_start_matches('/'));
    if decoded.is_empty() || decoded.ends_with('/') {
        decoded.push_str("index.html");
    }
    decoded
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(hex) = std::str::from_utf8(&bytes[i + 1..i + 3])
            && let Ok(b) = u8::from_str_radix(hex, 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The script that reloads the page after each rebuild. Only `serve` adds it; built
/// sites never contain it.
/// A page reloads when its path is under one of the event's paths, or when it is at
/// the top of the site (a practice's home sums up every engagement).
const RELOAD_SCRIPT: &str = "<script>(function(){var s=new EventSource('/__coachsite/events');s.addEventListener('reload',function(e){var p=location.pathname,d=['/'];try{d=JSON.parse(e.data);}catch(x){}if(!Array.isArray(d)){d=['/'];}if(p.lastIndexOf('/')===0||d.some(function(x){return p.indexOf(x)===0;})){location.reload();}});})();</script>";

/// Adds the live-reload script and, when a rebuild failed, the errors over the page.
pub fn inject(html: &str, errors: Option<&str>) -> String {
    let mut extra = String::new();
    if let Some(errors) = errors {
        extra.push_str("<div id=\"coachsite-error\" role=\"alert\" style=\"position:fixed;left:0;right:0;bottom:0;max-height:60vh;overflow:auto;z-index:2147483647;margin:0;padding:1rem 1.25rem;background:#3b0a0a;color:#fff;font:14px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;white-space:pre-wrap;border-top:4px solid #ff6b6b\"><strong>coachsite: the last save could not be built; this is the previous version. Fix the file and save: the page reloads by itself.</strong>\n\n");
        extra.push_str(&escape(errors));
        extra.push_str("</div>");
    }
    extra.push_str(RELOAD_SCRIPT);
    match html.rfind("</body>") {
        Some(at) => format!("{}{extra}{}", &html[..at], &html[at..]),
        None => format!("{html}{extra}"),
    }
}

/// The HTTP side of `serve`: the pages from memory and the event stream, only for
/// requests addressed to this computer on `port` (see [`host_allowed`]).
pub fn router(site: Arc<LiveSite>, port: u16) -> Router {
    Router::new()
        .route(EVENTS_PATH, axum::routing::get(events))
        .fallback(axum::routing::get(serve_page))
        .layer(axum::middleware::from_fn(
            move |request: Request<Body>, next: axum::middleware::Next| async move {
                let host = request
                    .headers()
                    .get(header::HOST)
                    .and_then(|h| h.to_str().ok());
                if host_allowed(host, port) {
                    next.run(request).await
                } else {
                    misdirected(port)
                }
            },
        ))
        .with_state(site)
}

/// Whether a request's `Host` header names this computer's loopback address on the
/// port `serve` listens on. Any other name is refused, so that a web page elsewhere
/// cannot reach the coach's private site through a name of its own that resolves to
/// 127.0.0.1 (DNS rebinding).
pub fn host_allowed(host: Option<&str>, port: u16) -> bool {
    let Some(host) = host else {
        return false;
    };
    let host = host.trim().to_ascii_lowercase();
    let (name, host_port) = match host.rsplit_once(':') {
        Some((name, p)) if !name.ends_with(':') && !p.contains(']') => (name, p.parse().ok()),
        _ => (host.as_str(), Some(80)),
    };
    let name = name.strip_suffix('.').unwrap_or(name);
    matches!(name, "localhost" | "127.0.0.1" | "[::1]") && host_port == Some(port)
}

fn misdirected(port: u16) -> Response {
    let mut response = Response::new(Body::from(format!(
        "coachsite serves this site only at http://127.0.0.1:{port}/ and http://localhost:{port}/\n"
    )));
    *response.status_mut() = StatusCode::MISDIRECTED_REQUEST;
    response
}

/// The most connections served at once; more wait in the system's queue.
pub const MAX_CONNECTIONS: usize = 256;
/// How long a connection may take to send a request's headers, and stay idle between
/// requests, before it is closed.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// Serves `router` on `listener` until `shutdown` completes: HTTP/1.1, at most
/// [`MAX_CONNECTIONS`] at once, and a connection that sends no complete request within
/// [`HEADER_TIMEOUT`] (half-open, idle or slow) is closed. The live-reload stream,
/// once its request is read, stays open.
pub async fn run(
    listener: tokio::net::TcpListener,
    router: Router,
    shutdown: impl std::future::Future<Output = ()>,
) {
    use hyper_util::rt::{TokioIo, TokioTimer};
    let slots = Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS));
    tokio::pin!(shutdown);
    loop {
        let slot = tokio::select! {
            slot = slots.clone().acquire_owned() => slot,
            () = &mut shutdown => return,
        };
        let Ok(slot) = slot else { return };
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            () = &mut shutdown => return,
        };
        let stream = match accepted {
            Ok((stream, _)) => stream,
            Err(_) => {
                // Out of file descriptors, or a connection reset before it was taken:
                // wait a little rather than spin.
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let service = hyper_util::service::TowerToHyperService::new(router.clone());
        tokio::spawn(async move {
            let connection = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEADER_TIMEOUT)
                .serve_connection(TokioIo::new(stream), service);
            let _ = connection.await;
            drop(slot);
        });
    }
}

async fn serve_page(State(site): State<Arc<LiveSite>>, request: Request<Body>) -> Response {
    site.page(request.uri().path())
}

async fn events(State(site): State<Arc<LiveSite>>) -> impl IntoResponse {
    let stream = BroadcastStream::new(site.subscribe()).filter_map(|paths| async move {
        paths.ok().map(|paths| {
            Ok::<Event, std::convert::Infallible>(Event::default().event("reload").data(paths))
        })
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

/// Binds 127.0.0.1 on `port`, or on the next free one of the ten after it (a port of 0
/// lets the system choose). Returns the listener and a note when another port was taken.
pub async fn bind(port: u16) -> Result<(tokio::net::TcpListener, Option<String>), String> {
    let mut last_error = String::new();
    let candidates: Vec<u16> = if port == 0 {
        vec![0]
    } else {
        (port..=port.saturating_add(10)).collect()
    };
    for candidate in candidates {
        let address = SocketAddr::from((Ipv4Addr::LOCALHOST, candidate));
        match tokio::net::TcpListener::bind(address).await {
            Ok(listener) => {
                let note = (candidate != port && port != 0)
                    .then(|| format!("port {port} is in use; using {candidate} instead"));
                return Ok((listener, note));
            }
            Err(err) => last_error = format!("port {candidate}: {err}"),
        }
    }
    Err(format!(
        "no free port from {port} to {}: {last_error}; choose another with --port",
        port.saturating_add(10)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_names_on_our_port_are_allowed() {
        for host in [
            "127.0.0.1:1111",
            "localhost:1111",
            "LOCALHOST:1111",
            "localhost.:1111",
            "[::1]:1111",
        ] {
            assert!(host_allowed(Some(host), 1111), "{host}");
        }
        for host in [
            "attacker.example:1111",
            "127.0.0.1.attacker.example:1111",
            "localhost:1112",
            "localhost",
            "127.0.0.1:notaport",
            "",
            "[::1]",
        ] {
            assert!(!host_allowed(Some(host), 1111), "{host}");
        }
        assert!(!host_allowed(None, 1111));
        assert!(host_allowed(Some("localhost"), 80), "port 80 goes unsaid");
    }

    #[test]
    fn only_content_changes_count() {
        let root = Path::new("/e");
        assert!(is_relevant(
            root,
            Path::new("/e/sessions/2026-01-20-kick-off.md")
        ));
        assert!(is_relevant(root, Path::new("/e/sessions/2026/new.md")));
        assert!(is_relevant(root, Path::new("/e/engagement.yaml")));
        assert!(is_relevant(root, Path::new("/e/attachments/board.jpg")));
        assert!(is_relevant(root, Path::new("/e/whiteboard.png")));
        assert!(!is_relevant(root, Path::new("/e/notes.txt")));
        assert!(is_relevant(root, Path::new("/e/templates/base.html")));
        assert!(
            !is_relevant(root, Path::new("/e/public/index.html")),
            "the output folder"
        );
        assert!(!is_relevant(root, Path::new("/e/.git/index")));
        assert!(
            !is_relevant(root, Path::new("/e/sessions/.kick-off.md.swp")),
            "vim swap"
        );
        assert!(
            !is_relevant(root, Path::new("/e/sessions/4913")),
            "vim's probe"
        );
        assert!(
            !is_relevant(root, Path::new("/e/sessions/#notes.md#")),
            "emacs auto-save"
        );
        assert!(
            !is_relevant(root, Path::new("/e/sessions/.#notes.md")),
            "emacs lock"
        );
        assert!(
            !is_relevant(root, Path::new("/e/sessions/notes.md~")),
            "backup"
        );
        assert!(!is_relevant(root, Path::new("/elsewhere/sessions/a.md")));
    }

    #[test]
    fn in_a_practice_each_engagement_counts_its_own_inputs() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let acme = root.join("clients/acme");
        std::fs::create_dir_all(acme.join("sessions")).unwrap();
        std::fs::write(acme.join("engagement.yaml"), "").unwrap();
        std::fs::create_dir_all(root.join(".git")).unwrap();
        std::fs::write(root.join(".git/index"), "").unwrap();
        std::fs::write(root.join("notes.txt"), "").unwrap();
        let relevant = |rel: &str| is_relevant_in_practice(root, &root.join(rel));
        assert!(relevant("clients/acme/sessions/a.md"));
        assert!(relevant("clients/acme/engagement.yaml"));
        assert!(!relevant("clients/acme/public/index.html"), "a built site");
        assert!(
            !relevant("clients/acme/sessions/.a.md.swp"),
            "an editor's file"
        );
        assert!(
            relevant("clients/new/engagement.yaml"),
            "an engagement comes"
        );
        assert!(relevant("clients/gone"), "a folder that is gone");
        assert!(relevant(".coachsite/templates/practice.html"));
        assert!(!relevant(".git/index") && !relevant("notes.txt"));
        std::fs::create_dir_all(root.join("clients/copied-in")).unwrap();
        assert!(relevant("clients/copied-in"), "a folder that comes");
    }

    #[test]
    fn reload_events_name_url_paths() {
        assert_eq!(reload_paths(&[String::new()]), r#"["/"]"#);
        assert_eq!(
            reload_paths(&["clients/acme".into(), "b".into()]),
            r#"["/clients/acme/","/b/"]"#
        );
    }

    #[test]
    fn url_paths_map_to_site_files() {
        assert_eq!(site_path("/"), "index.html");
        assert_eq!(site_path("/objectives/"), "objectives/index.html");
        assert_eq!(
            site_path("/lessons/tags/r%C3%A9tro.html?x=1"),
            "lessons/tags/rétro.html"
        );
        assert_eq!(site_path("/style.css"), "style.css");
    }

    #[test]
    fn the_overlay_and_script_go_before_the_body_ends() {
        let html = inject(
            "<html><body><p>x</p></body></html>",
            Some("error: <bad>\n --> a.md:1:1"),
        );
        assert!(html.contains("id=\"coachsite-error\""));
        assert!(html.contains("error: &lt;bad&gt;"), "{html}");
        assert!(html.find("coachsite-error") < html.find("</body>"));
        let clean = inject("<html><body></body></html>", None);
        assert!(!clean.contains("coachsite-error") && clean.contains("EventSource"));
    }
}
