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
    /// What writes the text put in place of [`SPLICE_MARK`] once the page is rendered:
    /// search's index, tens of megabytes at 50,000 notes, which a value in the
    /// template's context would copy twice (into the context, then into the page), and
    /// a text of its own once more.
    splice: Option<Splice>,
}

/// What a page's spliced text is written to: the page in memory, or its file.
pub type Out<'a> = dyn std::fmt::Write + Send + 'a;

/// Writes a page's spliced text at the end of the page made so far.
type Splice = Box<dyn FnOnce(&mut Out) -> std::fmt::Result + Send>;

/// A page made but for its spliced text: the template's text around its one mark, and
/// what writes the text, so that a build writes it into the page's file as it is made
/// and never holds it.
pub struct Parts {
    pub(crate) path: String,
    before: String,
    write: Splice,
    after: String,
}

impl Parts {
    /// The whole page, written to `out`.
    pub fn write_to(self, out: &mut Out) -> std::fmt::Result {
        out.write_str(&self.before)?;
        (self.write)(out)?;
        out.write_str(&self.after)
    }

    /// The whole page, in memory.
    pub fn into_file(self) -> OutputFile {
        let path = self.path.clone();
        let mut text = String::new();
        // Writing to a `String` cannot fail.
        let _ = self.write_to(&mut text);
        OutputFile {
            path,
            bytes: text.into_bytes(),
        }
    }
}

/// A page rendered: whole, or in [`Parts`].
pub enum Rendered {
    /// The whole page, in memory.
    File(OutputFile),
    /// A page with one splice mark: the text around it and what writes the spliced text.
    Parts(Parts),
}

impl Rendered {
    /// The whole page, in memory.
    pub fn into_file(self) -> OutputFile {
        match self {
            Rendered::File(file) => file,
            Rendered::Parts(parts) => parts.into_file(),
        }
    }
}

/// Where a page's [`PageJob::splice`] goes: what the template writes in its place
/// (`{{ page.data | safe }}`). Escaped anywhere else a text could show it, so only the
/// template's own raw output of it is replaced.
const SPLICE_MARK: &str = "<!--coachsite:spliced-->";

/// `html` with every [`SPLICE_MARK`] replaced by what `write` writes: written once,
/// where the first mark was, and copied from there to any other.
fn splice(html: String, write: Splice) -> String {
    let Some(first) = html.find(SPLICE_MARK) else {
        return html;
    };
    let mut out = html[..first].to_string();
    let start = out.len();
    // Writing to a `String` cannot fail.
    let _ = write(&mut out);
    let end = out.len();
    let mut rest = &html[first + SPLICE_MARK.len()..];
    while let Some(at) = rest.find(SPLICE_MARK) {
        out.push_str(&rest[..at]);
        out.extend_from_within(start..end);
        rest = &rest[at + SPLICE_MARK.len()..];
    }
    out.push_str(rest);
    out
}

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

/// Renders one page: in [`Parts`] when it has a spliced text and its template writes
/// the mark once, whole otherwise.
fn render_job(
    theme: &Theme,
    site: &Value,
    t: &Value,
    mut job: PageJob,
) -> Result<Rendered, Diagnostic> {
    let context = job_context(site, t, &mut job)?;
    let mut html = theme
        .tera
        .render(job.template, &context)
        .map_err(|err| page_error(&err, &job.path))?;
    drop(context);
    if let Some(write) = job.splice {
        if let [before, after] = html.splitn(3, SPLICE_MARK).collect::<Vec<_>>()[..] {
            return Ok(Rendered::Parts(Parts {
                path: job.path,
                before: before.to_string(),
                write,
                after: after.to_string(),
            }));
        }
        html = splice(html, write);
    }
    Ok(Rendered::File(OutputFile {
        path: job.path,
        bytes: html.into_bytes(),
    }))
}

/// Renders a page without a spliced text straight into `out`: the bytes
/// [`render_job`] makes, never whole in memory.
fn render_job_to(
    theme: &Theme,
    site: &Value,
    t: &Value,
    mut job: PageJob,
    out: &mut dyn std::io::Write,
) -> Result<(), Diagnostic> {
    debug_assert!(job.splice.is_none());
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A splice that writes `text`.
    fn text(text: &'static str) -> Splice {
        Box::new(move |out: &mut Out| out.write_str(text))
    }

    #[test]
    fn a_spliced_text_goes_where_each_mark_is() {
        let page = |parts: &[&str]| parts.join(SPLICE_MARK);
        assert_eq!(splice(page(&["<p>", "</p>"]), text("{}")), "<p>{}</p>");
        assert_eq!(splice(page(&["a", "b", "c"]), text("x")), "axbxc");
        assert_eq!(splice(page(&["", "", ""]), text("xy")), "xyxy");
        assert_eq!(splice("no mark".into(), text("x")), "no mark");
        assert_eq!(splice(SPLICE_MARK.into(), text("")), "");
    }

    #[test]
    fn the_mark_is_changed_by_escaping_so_a_text_cannot_be_taken_for_it() {
        // Autoescaping turns `<` into `&lt;`: a title that reads like the mark is shown
        // escaped, and only the template's raw `page.data | safe` is replaced.
        assert!(SPLICE_MARK.starts_with('<'));
        let escaped = SPLICE_MARK.replace('<', "&lt;").replace('>', "&gt;");
        let html = format!("<h1>{escaped}</h1><script>{SPLICE_MARK}</script>");
        assert_eq!(
            splice(html, text("{}")),
            format!("<h1>{escaped}</h1><script>{{}}</script>")
        );
    }
}
