//! The HTTP side of `serve`: the pages from memory, the live-reload event stream and
//! script, the error overlay, and the rules for who may connect (loopback names on our
//! port only).

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, Request, StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use tokio_stream::wrappers::BroadcastStream;

use super::{EVENTS_PATH, Found, LiveSite};
use crate::diagnostic::Diagnostics;
use crate::html::{escape, percent_decode};
use crate::render::content_type;

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

/// The file of the site a URL path asks for: percent-decoded, `index.html` for folders;
/// `None` when its escapes are not UTF-8, which no file of a site is named with.
pub fn site_path(url_path: &str) -> Option<String> {
    let path = url_path.split(['?', '#']).next().unwrap_or("");
    let mut decoded = percent_decode(path.trim_start_matches('/'))?.into_owned();
    if decoded.is_empty() || decoded.ends_with('/') {
        decoded.push_str("index.html");
    }
    Some(decoded)
}

/// The script that reloads the page after each rebuild. Only `serve` adds it; built
/// sites never contain it.
/// A page reloads when its path is under one of the event's paths, or when it is at
/// the top of the site (a practice's home sums up every engagement).
const RELOAD_SCRIPT: &str = "<script>(function(){var s=new EventSource('/__coachsite/events');s.addEventListener('reload',function(e){var p=location.pathname,d=['/'];try{d=JSON.parse(e.data);}catch(x){}if(!Array.isArray(d)){d=['/'];}if(p.lastIndexOf('/')===0||d.some(function(x){return p.indexOf(x)===0;})){location.reload();}});})();</script>";

/// What is shown over every page while something is wrong: a headline that says what
/// the reader is looking at, and the errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overlay {
    headline: &'static str,
    text: String,
}

impl Overlay {
    /// A rebuild failed: the pages are the previous version.
    pub fn failed(errors: &Diagnostics) -> Overlay {
        Overlay {
            headline: "coachsite: the last save could not be built; this is the previous version. Fix the file and save: the page reloads by itself.",
            text: errors.render(false),
        }
    }

    /// The engagement's templates cannot make some pages: those show their error, the
    /// others are up to date. The first few errors are shown, then how many more.
    pub fn pages_failed(errors: &Diagnostics) -> Overlay {
        const SHOWN: usize = 3;
        let failed: Vec<_> = errors.items.iter().filter(|d| d.is_error()).collect();
        let mut text: String = failed
            .iter()
            .take(SHOWN)
            .map(|d| d.render(false))
            .collect::<Vec<_>>()
            .join("\n\n");
        if failed.len() > SHOWN {
            text.push_str(&format!(
                "\n… and {} more pages that cannot be made\n",
                failed.len() - SHOWN
            ));
        }
        Overlay {
            headline: "coachsite: the engagement's templates cannot make some pages (each says so); the others are up to date. Fix the template and save: the page reloads by itself.",
            text,
        }
    }
}

/// Adds the live-reload script and, while something is wrong, the overlay over the page.
pub fn inject(html: &str, overlay: Option<&Overlay>) -> String {
    let mut extra = String::new();
    if let Some(overlay) = overlay {
        extra.push_str("<div id=\"coachsite-error\" role=\"alert\" style=\"position:fixed;left:0;right:0;bottom:0;max-height:60vh;overflow:auto;z-index:2147483647;margin:0;padding:1rem 1.25rem;background:#3b0a0a;color:#fff;font:14px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;white-space:pre-wrap;border-top:4px solid #ff6b6b\"><strong>");
        extra.push_str(overlay.headline);
        extra.push_str("</strong>\n\n");
        extra.push_str(&escape(&overlay.text));
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
    let streams = Arc::new(Streams::default());
    Router::new()
        .route(
            EVENTS_PATH,
            axum::routing::get(move |state| events(state, streams.clone())),
        )
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
    let path = request.uri().path().to_string();
    // Making a page is work for a core, not for the server's threads.
    tokio::task::spawn_blocking(move || respond(&site, &path))
        .await
        .unwrap_or_else(|_| html_response(StatusCode::INTERNAL_SERVER_ERROR, String::new()))
}

/// The response for a path of the site, with the live-reload script and, after a
/// failed rebuild, the error overlay in every HTML page.
fn respond(site: &LiveSite, path: &str) -> Response {
    let (key, found, errors) = site.lookup(path);
    let errors = errors.as_ref();
    match found {
        Some(Found::File(bytes)) if key.ends_with(".html") || !key.contains('.') => html_response(
            StatusCode::OK,
            inject(&String::from_utf8_lossy(&bytes), errors),
        ),
        Some(Found::File(bytes)) => {
            let mut response = Response::new(Body::from(bytes.as_ref().clone()));
            if let Ok(value) = HeaderValue::from_str(content_type(&key)) {
                response.headers_mut().insert(header::CONTENT_TYPE, value);
            }
            response
                .headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            response
        }
        Some(Found::Failed(d)) => {
            let body = format!(
                "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>This page could not be made</title></head><body><h1>This page could not be made</h1><pre style=\"white-space:pre-wrap\">{}</pre><p>Fix the template and save: the page reloads by itself.</p></body></html>",
                escape(&d.render(false))
            );
            html_response(StatusCode::INTERNAL_SERVER_ERROR, inject(&body, errors))
        }
        None => {
            let body = format!(
                "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found</title></head><body><h1>Not found</h1><p>There is no page <code>{}</code> in this site. <a href=\"/index.html\">Back to the dashboard</a>.</p></body></html>",
                escape(&key)
            );
            html_response(StatusCode::NOT_FOUND, inject(&body, errors))
        }
    }
}

/// The most live-reload streams open at once: a new one closes the oldest (whose page,
/// if it is still open, connects again by itself), so that streams never hold the
/// connections pages need ([`MAX_CONNECTIONS`]).
pub const MAX_EVENT_STREAMS: usize = 32;

/// The live-reload streams open, oldest first, each with what closes it.
#[derive(Default)]
struct Streams {
    next: std::sync::atomic::AtomicU64,
    open: std::sync::Mutex<std::collections::VecDeque<(u64, tokio::sync::oneshot::Sender<()>)>>,
}

impl Streams {
    /// Opens one stream: its number, and what tells it to close. The oldest stream is
    /// closed when there are already [`MAX_EVENT_STREAMS`].
    fn open(&self) -> (u64, tokio::sync::oneshot::Receiver<()>) {
        let id = self.next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let (close, closed) = tokio::sync::oneshot::channel();
        let mut open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        while open.len() >= MAX_EVENT_STREAMS {
            if let Some((_, oldest)) = open.pop_front() {
                let _ = oldest.send(());
            }
        }
        open.push_back((id, close));
        (id, closed)
    }

    /// A stream that ended (its reader went away, or it was closed).
    fn closed(&self, id: u64) {
        let mut open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        open.retain(|(n, _)| *n != id);
    }
}

/// Takes a stream off [`Streams`] when it is dropped, however it ends.
struct StreamGuard {
    streams: Arc<Streams>,
    id: u64,
}

impl Drop for StreamGuard {
    fn drop(&mut self) {
        self.streams.closed(self.id);
    }
}

/// The live-reload stream: a `reload` event after each rebuild, until its reader goes
/// away or a newer stream takes its place ([`MAX_EVENT_STREAMS`]). Its connection is
/// closed with it, so that it frees its place at once.
async fn events(State(site): State<Arc<LiveSite>>, streams: Arc<Streams>) -> Response {
    let (id, closed) = streams.open();
    let guard = StreamGuard { streams, id };
    let stream = BroadcastStream::new(site.subscribe())
        .filter_map(|paths| async move {
            paths.ok().map(|paths| {
                Ok::<Event, std::convert::Infallible>(Event::default().event("reload").data(paths))
            })
        })
        .take_until(closed)
        .map(move |event| {
            let _ = &guard;
            event
        });
    let mut response = Sse::new(stream)
        .keep_alive(KeepAlive::default())
        .into_response();
    response
        .headers_mut()
        .insert(header::CONNECTION, HeaderValue::from_static("close"));
    response
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
    fn url_paths_map_to_site_files() {
        let path = |url: &str| site_path(url).unwrap_or_else(|| panic!("{url}"));
        assert_eq!(path("/"), "index.html");
        assert_eq!(path("/objectives/"), "objectives/index.html");
        assert_eq!(
            path("/lessons/tags/r%C3%A9tro.html?x=1"),
            "lessons/tags/rétro.html"
        );
        assert_eq!(path("/attachments/caf%C3%A9.jpg"), "attachments/café.jpg");
        assert_eq!(path("/style.css"), "style.css");
        assert_eq!(
            site_path("/caf%E9.jpg"),
            None,
            "Latin-1 escapes name no file"
        );
    }

    #[test]
    fn the_overlay_and_script_go_before_the_body_ends() {
        let mut errors = Diagnostics::default();
        errors.push(crate::Diagnostic::error("a.md", "<bad>"));
        let html = inject(
            "<html><body><p>x</p></body></html>",
            Some(&Overlay::failed(&errors)),
        );
        assert!(html.contains("id=\"coachsite-error\""));
        assert!(html.contains("the last save could not be built"), "{html}");
        assert!(html.contains("&lt;bad&gt;"), "{html}");
        assert!(html.find("coachsite-error") < html.find("</body>"));
        let clean = inject("<html><body></body></html>", None);
        // Pages a template cannot make: their first errors, then how many more.
        for n in 0..5 {
            errors.push(crate::Diagnostic::error(
                format!("p{n}.html"),
                "cannot render",
            ));
        }
        let overlay = Overlay::pages_failed(&errors);
        let shown = inject("<html><body></body></html>", Some(&overlay));
        assert!(shown.contains("the others are up to date"), "{shown}");
        assert_eq!(shown.matches("error:").count(), 3, "{shown}");
        assert!(
            shown.contains("… and 3 more pages that cannot be made"),
            "{shown}"
        );
        assert!(!clean.contains("coachsite-error") && clean.contains("EventSource"));
    }
}
