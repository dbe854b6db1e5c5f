//! Pages from templates: builds one view of each item once, then renders every page
//! in parallel with Tera.
//!
//! The built-in templates are embedded in the binary; a file of the same name in the
//! engagement's `templates/` folder replaces one of them (extra `.html` files there can
//! be included by the overrides). Every link is relative to the page, so the site works
//! from `file://`, at `/` and under any sub-path.
//!
//! Every kind of page is declared once, in `registry` (its template, where its pages
//! are, its section, its readers, how a build makes it, whether search reads it), and
//! every url of a page is made there. The room is split by what a page is about:
//! `objective`, `plan` (actions and the commitment summary), `session`, `lesson`,
//! `assessment` and `survey` each hold their item's view, the charts of that item, and
//! one function per page kind that builds its context; `dashboard` holds the pages about
//! the engagement as a whole, `frame` what every page shares, `views` the helpers every
//! builder uses (and what a text's links resolve to), `links` the links and tags of a
//! view, and `theme` the templates. Pages are listed and made by [`Prepared`] (`pages`),
//! through one function for both: all of them streamed to a sink by a build, or one at
//! a time by `serve`.

mod assessment;
mod calendar;
mod dashboard;
mod dataview;
mod frame;
mod key_results;
mod lesson;
mod links;
mod objective;
mod pages;
mod plan;
mod practice;
mod registry;
mod search;
mod search_index;
mod search_shards;
mod session;
mod survey;
mod theme;
mod views;

use crate::i18n::Word;
use serde::Serialize;
use tera::{Context, Value};

use crate::audience::Audience;
use crate::diagnostic::Diagnostic;
use crate::insight::{self, Aggregates};
use crate::model::*;

pub use calendar::{CALENDAR_PATH, calendar_file, practice_calendar};
pub use pages::{Prepared, Sink, Streamed};
pub use practice::{
    PracticeEntry, PracticeLessons, add_practice_lessons, practice_entry, practice_home,
};
pub use search::{SHARDS_DIR, is_search_file, shard_payload, shard_text};
pub(crate) use theme::Theme;
use theme::template_error;
pub use theme::{BUILTIN_STYLE, BUILTIN_TEMPLATES, load_theme};
use views::Views;

/// What a build is for.
#[derive(Debug, Clone)]
pub struct RenderOptions {
    pub(crate) audience: Audience,
    pub(crate) as_of: Date,
    /// Only used for `<link rel="canonical">` when it is an absolute `http(s)` URL;
    /// links between pages are relative and work under any base.
    pub base_url: Option<String>,
    /// For the sponsor: figures over what the client sees.
    pub aggregates: Option<Aggregates>,
    /// In a practice: the practice home's url from this site's root, linked from the
    /// menu of every page.
    pub practice_home: Option<String>,
}

/// One file of the finished site, relative to the output folder (with `/`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Its path in the site, relative to the output folder, with `/` separators.
    pub path: String,
    /// Its content.
    pub bytes: Vec<u8>,
}

/// The media type of an output file, by its extension (any case): for `serve`'s
/// answers and `--encrypt`'s `data:` urls.
pub fn content_type(path: &str) -> &'static str {
    let extension = path.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    match extension.as_str() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "json" => "application/json",
        "txt" => "text/plain; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// One link of a page's breadcrumb trail.
#[derive(Serialize)]
struct Crumb {
    label: &'static str,
    url: &'static str,
}

impl Crumb {
    fn dashboard(v: &Views) -> Crumb {
        Crumb {
            label: v.t(Word::NavDashboard),
            url: "index.html",
        }
    }

    /// The trail of an item's page: the dashboard, then the list the item is in.
    fn trail(v: &Views, label: Word, url: &'static str) -> Vec<Crumb> {
        vec![
            Crumb::dashboard(v),
            Crumb {
                label: v.t(label),
                url,
            },
        ]
    }
}

/// One page to render: where it goes, its template, the navigation entry it is under,
/// and its own part of the context (`page`).
struct PageJob {
    path: String,
    template: &'static str,
    current: &'static str,
    crumbs: Vec<Crumb>,
    page: Value,
}

/// What a text is written to as it is made: a page in memory, or its file.
pub type Out<'a> = dyn std::fmt::Write + Send + 'a;

fn to_value<T: Serialize>(view: &T) -> Result<Value, Diagnostic> {
    Value::try_from_serializable(view).map_err(|err| template_error(&err))
}

/// A page's own part of the context, from its entries (moved in: a list of every
/// session is tens of megabytes at 50,000 notes).
fn page_value<const N: usize>(entries: [(&'static str, Value); N]) -> Value {
    let mut map = tera::Map::new();
    for (key, value) in entries {
        map.insert(key.into(), value);
    }
    Value::from(map)
}

/// The figures this view shows. The sponsor's verdicts on each objective are the
/// client's (computed over the client's view, `Aggregates`), so that one objective gets
/// the same verdict in every view that shows it. Then what the audience is not shared
/// (`share:` in engagement.yaml) is taken out, so that no page, chart or description can
/// show it.
///
/// The site and `export` both take their figures from here, so a reader's JSON holds no
/// more than their pages.
pub fn figures(
    e: &Engagement,
    as_of: Date,
    aggregates: Option<&Aggregates>,
    audience: Audience,
) -> insight::Insight {
    let sharing = audience.sharing(&e.info.share);
    let mut insight = insight::analyze(e, as_of);
    // The sponsor's commitment is the client's, as their pages say. The GAS T-score is
    // over the scaled objectives this reader sees, which it names (`gas_objectives`),
    // each rated at the same level in every view.
    if let Some(a) = aggregates {
        insight.commitment = a.commitment.clone();
    }
    if audience != Audience::Coach {
        // The calibration band is the coach's advice; the findings the coach's notes.
        insight.commitment.band = None;
        insight.findings.clear();
        if !sharing.commitment {
            insight.commitment.rate = None;
            insight.commitment.recent_rate = None;
        }
        if !sharing.gas {
            insight.gas_t_score = None;
            insight.gas_objectives.clear();
        }
    }
    for oi in &mut insight.objectives {
        if let Some(client) = aggregates.and_then(|a| a.objectives.iter().find(|c| c.id == oi.id)) {
            *oi = client.clone();
        }
        hide_unshared(oi, &sharing, audience);
    }
    insight
}

/// Takes out of one objective's figures, and of each of its key results', what
/// `audience` is not shared: the same rules for a key result as for an objective.
fn hide_unshared(
    oi: &mut insight::ObjectiveInsight,
    sharing: &crate::audience::Sharing,
    audience: Audience,
) {
    if audience != Audience::Coach {
        oi.findings.clear();
    }
    // Reached and overdue are facts, the same for every reader; the judgements
    // (on track, at risk, stalled…) only where `tracking` is shared.
    if !sharing.tracking && !oi.tracking.is_fact() {
        oi.tracking = insight::Tracking::NotShared;
    }
    if !sharing.trend {
        oi.trend = None;
    }
    if !sharing.forecast {
        oi.forecast = None;
        oi.forecast_interval = None;
        oi.too_few_measurements = false;
    }
    if !sharing.trajectory {
        oi.adherence = None;
    }
    if !sharing.pace {
        oi.pace = None;
    }
    if !sharing.smart {
        oi.smart.clear();
    }
    if !sharing.zpd {
        oi.stretches.clear();
    }
    // Which key result the tracking comes from is part of the judgement.
    if oi.tracking == insight::Tracking::NotShared {
        oi.tracked_by = None;
    }
    for k in &mut oi.key_results {
        hide_unshared(&mut k.figures, sharing, audience);
    }
}

/// The context of `job`'s template (its page value moved in).
fn job_context(site: &Value, t: &Value, job: &mut PageJob) -> Result<Context, Diagnostic> {
    let depth = job.path.matches('/').count();
    let mut context = Context::new();
    context.insert_value("site", site.clone());
    context.insert_value("t", t.clone());
    context.insert_value("root", Value::from("../".repeat(depth)));
    context.insert_value("path", Value::from(job.path.clone()));
    context.insert_value("current", Value::from(job.current));
    context.insert_value("crumbs", to_value(&job.crumbs)?);
    context.insert_value("page", std::mem::replace(&mut job.page, Value::none()));
    Ok(context)
}

fn page_error(err: &tera::Error, path: &str) -> Diagnostic {
    let mut d = template_error(err);
    d.message = format!("{} (while rendering {path})", d.message);
    d
}

/// Renders one page, whole.
fn render_job(
    theme: &Theme,
    site: &Value,
    t: &Value,
    mut job: PageJob,
) -> Result<OutputFile, Diagnostic> {
    let context = job_context(site, t, &mut job)?;
    let html = theme
        .tera
        .render(job.template, &context)
        .map_err(|err| page_error(&err, &job.path))?;
    Ok(OutputFile {
        path: job.path,
        bytes: html.into_bytes(),
    })
}

/// Renders a page straight into `out`: the bytes [`render_job`] makes, never whole in
/// memory.
fn render_job_to(
    theme: &Theme,
    site: &Value,
    t: &Value,
    mut job: PageJob,
    out: &mut dyn std::io::Write,
) -> Result<(), Diagnostic> {
    let context = job_context(site, t, &mut job)?;
    theme
        .tera
        .render_to(job.template, &context, out)
        .map_err(|err| page_error(&err, &job.path))
}

/// What every site has beside its pages: the style sheet, and a robots.txt that asks
/// search engines to index nothing.
pub fn site_files(theme: &Theme) -> [OutputFile; 2] {
    [
        OutputFile {
            path: "style.css".into(),
            bytes: theme.style.clone().into_bytes(),
        },
        OutputFile {
            path: "robots.txt".into(),
            bytes: b"User-agent: *\nDisallow: /\n".to_vec(),
        },
    ]
}
