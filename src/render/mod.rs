//! Pages from templates: builds one view of each item once, then renders every page
//! in parallel with Tera.
//!
//! The built-in templates are embedded in the binary; a file of the same name in the
//! engagement's `templates/` folder replaces one of them (extra `.html` files there can
//! be included by the overrides). Every link is relative to the page, so the site works
//! from `file://`, at `/` and under any sub-path.
//!
//! The room is split by what a page is about: `objective`, `plan` (actions), `session`,
//! `lesson` and `assessment` each hold their item's view, the charts of that item, and
//! one function per page kind that names its template and builds its context;
//! `dashboard` holds the pages about the engagement as a whole, `frame` what every page
//! shares, `views` the helpers every builder uses, and `theme` the templates. Pages are
//! collected as `PageJob`s by [`render_site`] and rendered in parallel.

mod assessment;
mod dashboard;
mod frame;
mod lesson;
mod links;
mod objective;
mod plan;
mod practice;
mod search;
mod search_index;
mod session;
mod theme;
mod views;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Value};

use crate::audience::Audience;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::explain::Explainer;
use crate::i18n;
use crate::insight::{self, Aggregates};
use crate::model::*;

pub use practice::{
    PracticeEntry, PracticeLessons, add_practice_lessons, practice_entry, practice_home,
};
use theme::template_error;
pub use theme::{BUILTIN_STYLE, BUILTIN_TEMPLATES, Theme, load_theme};
use views::Views;

/// What a build is for.
#[derive(Debug, Clone)]
pub struct RenderOptions {
    pub audience: Audience,
    pub as_of: Date,
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
    pub path: String,
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
            label: v.t("nav_dashboard"),
            url: "index.html",
        }
    }

    /// The trail of an item's page: the dashboard, then the list the item is in.
    fn trail(v: &Views, label_key: &str, url: &'static str) -> Vec<Crumb> {
        vec![
            Crumb::dashboard(v),
            Crumb {
                label: v.t(label_key),
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

fn to_value<T: Serialize>(view: &T) -> Result<Value, Diagnostic> {
    Value::try_from_serializable(view).map_err(|err| template_error(&err))
}

fn page_value(entries: &[(&'static str, Value)]) -> Value {
    let mut map = tera::Map::new();
    for (key, value) in entries {
        map.insert((*key).into(), value.clone());
    }
    Value::from(map)
}

/// The pages of a site, and the attachments they embed (paths relative to the
/// engagement folder; the output has them at the same paths).
pub struct Rendered {
    pub files: Vec<OutputFile>,
    pub attachments: std::collections::BTreeSet<String>,
}

/// Renders every page of the site for an engagement already filtered for its audience.
pub fn render_site(
    e: &Engagement,
    theme: &Theme,
    options: &RenderOptions,
) -> Result<Rendered, Diagnostics> {
    match jobs(e, options) {
        Ok(Planned {
            site,
            t,
            jobs,
            attachments,
            search,
        }) => {
            // The search index is made while the other pages render.
            let (files, search) = rayon::join(
                || render_jobs(theme, &site, &t, jobs),
                || render_jobs(theme, &site, &t, vec![search.job()]),
            );
            let mut files = match (files, search) {
                (Ok(mut files), Ok(search)) => {
                    files.extend(search);
                    files
                }
                (Err(mut diags), Err(more)) => {
                    diags.extend(more);
                    diags.sort();
                    return Err(diags);
                }
                (Err(diags), _) | (_, Err(diags)) => return Err(diags),
            };
            files.extend(site_files(theme));
            files.sort_by(|a, b| a.path.cmp(&b.path));
            Ok(Rendered { files, attachments })
        }
        Err(d) => {
            let mut diags = Diagnostics::default();
            diags.push(d);
            Err(diags)
        }
    }
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
        }
    }
    for oi in &mut insight.objectives {
        if let Some(client) = aggregates.and_then(|a| a.objectives.iter().find(|c| c.id == oi.id)) {
            *oi = client.clone();
        }
        if audience != Audience::Coach {
            oi.findings.clear();
        }
        if !sharing.tracking {
            oi.tracking = insight::Tracking::NotShared;
        }
        if !sharing.trend {
            oi.trend = None;
        }
        if !sharing.forecast {
            oi.forecast = None;
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
    }
    insight
}

/// A site's pages before they are rendered.
struct Planned {
    /// The context all pages share (`site`, `t`).
    site: Value,
    t: Value,
    jobs: Vec<PageJob>,
    /// The attachments the pages embed.
    attachments: std::collections::BTreeSet<String>,
    search: search::SearchPage,
}

/// Every page of the site, with the context all pages share: each view is built once
/// and shared by the pages that show it.
fn jobs(e: &Engagement, options: &RenderOptions) -> Result<Planned, Diagnostic> {
    let sharing = options.audience.sharing(&e.info.share);
    let insight = figures(
        e,
        options.as_of,
        options.aggregates.as_ref(),
        options.audience,
    );
    // Tags have pages where lessons do (not on the sponsor's site).
    let tags = if options.audience == Audience::Sponsor {
        lesson::TagIndex::default()
    } else {
        lesson::tag_index(e)
    };
    let v = Views {
        e,
        lang: e.info.language,
        insight: &insight,
        words: Explainer::new(e),
        findings: options.audience.sees_findings(),
        sharing,
        links: links::Links::new(e, &tags),
    };
    let site = to_value(&frame::site_view(&v, options))?;
    let t = to_value(&i18n::strings(v.lang))?;

    let mut jobs = Vec::new();
    // Objectives: one view each, used by the dashboard, the report, the list and its page.
    let objectives = objective::views(&v);
    let values = objectives
        .iter()
        .map(to_value)
        .collect::<Result<Vec<_>, _>>()?;
    let list = Value::from(values.clone());
    for (view, value) in objectives.iter().zip(values) {
        jobs.push(objective::objective_page(&v, view, value));
    }
    jobs.push(objective::objectives_page(list.clone()));

    let summary = dashboard::Summary::new(&v, options);
    jobs.push(dashboard::dashboard_page(
        &v,
        &objectives,
        list.clone(),
        &summary,
    )?);
    jobs.push(dashboard::report_page(&v, list, &summary)?);
    jobs.push(assessment::assessments_page(&v)?);
    for a in &e.assessments {
        jobs.push(assessment::assessment_page(&v, a)?);
    }
    jobs.push(plan::plan_page(&v, &summary)?);
    // What search finds: the pages of this site, in the order of its lists.
    let mut docs = objective::search_docs(&v, &objectives);
    docs.extend(search::action_docs(&v));
    let with_notes = options.audience != Audience::Sponsor;
    if with_notes {
        session::session_pages(&v, &mut jobs, &mut docs)?;
        lesson::lesson_pages(&v, &tags, &mut jobs, &mut docs)?;
    }
    let search = search::search_page(&v, docs, with_notes);
    Ok(Planned {
        site,
        t,
        jobs,
        attachments: v.links.used_attachments(),
        search,
    })
}

fn render_jobs(
    theme: &Theme,
    site: &Value,
    t: &Value,
    jobs: Vec<PageJob>,
) -> Result<Vec<OutputFile>, Diagnostics> {
    let results: Vec<Result<OutputFile, Diagnostic>> = jobs
        .into_par_iter()
        .map(|job| {
            let depth = job.path.matches('/').count();
            let mut context = Context::new();
            context.insert_value("site", site.clone());
            context.insert_value("t", t.clone());
            context.insert_value("root", Value::from("../".repeat(depth)));
            context.insert_value("path", Value::from(job.path.clone()));
            context.insert_value("current", Value::from(job.current));
            context.insert_value("crumbs", to_value(&job.crumbs)?);
            context.insert_value("page", job.page);
            let html = theme.tera.render(job.template, &context).map_err(|err| {
                let mut d = template_error(&err);
                d.message = format!("{} (while rendering {})", d.message, job.path);
                d
            })?;
            Ok(OutputFile {
                path: job.path,
                bytes: html.into_bytes(),
            })
        })
        .collect();
    let mut files = Vec::with_capacity(results.len() + 2);
    let mut diags = Diagnostics::default();
    for result in results {
        match result {
            Ok(file) => files.push(file),
            Err(d) => diags.push(d),
        }
    }
    if diags.has_errors() {
        diags.sort();
        return Err(diags);
    }
    Ok(files)
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
