//! Which pages a site has, and making them: every page, rendered in parallel and handed
//! to a sink as soon as it is made (`build` writes it and forgets it), or one page when
//! it is asked for (`serve`). Both go through the same builders, so a page served is
//! byte for byte the page a build writes.

use std::collections::BTreeMap;

use rayon::prelude::*;
use tera::Value;

use super::search::Doc;
use super::theme::Theme;
use super::views::{Views, objective_url};
use super::{
    PageJob, Parts, RenderOptions, Rendered, assessment, dashboard, figures, frame, lesson, links,
    objective, plan, render_job, render_job_to, search, session, survey, to_value,
};
use crate::audience::Audience;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::explain::Explainer;
use crate::i18n;
use crate::insight::Insight;
use crate::model::{Engagement, ItemKind, Markdown};
use crate::render::OutputFile;

/// One page of a site, by what it shows.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Page {
    Dashboard,
    Report,
    Objectives,
    Objective(String),
    Assessments,
    Assessment(usize),
    Survey(usize),
    Plan,
    Sessions,
    Session(usize),
    Lessons,
    Lesson(usize),
    Tag(String),
    Search,
}

/// Everything the pages of one site share, made once: the engagement as its reader
/// sees it, its figures, tags and links, the context every page has, and the list of
/// its pages by path.
pub struct Prepared {
    e: Engagement,
    insight: Insight,
    tags: lesson::TagIndex,
    links: links::Links,
    options: RenderOptions,
    site: Value,
    t: Value,
    pages: BTreeMap<String, Page>,
}

/// Where a build's files go as they are made (from any thread).
pub trait Sink: Sync {
    /// One file, whole.
    fn file(&self, file: OutputFile) -> Result<(), Diagnostic>;

    /// One page in parts (search's, tens of megabytes at 50,000 notes): made whole and
    /// handed to [`Sink::file`] unless the sink writes it as it is made.
    fn parts(&self, parts: Parts) -> Result<(), Diagnostic> {
        self.file(parts.into_file())
    }

    /// Whether pages are better written as they are rendered ([`Sink::streamed`]): a
    /// build's files, which a page of megabytes then never is whole in memory.
    fn streams(&self) -> bool {
        false
    }

    /// One page at `path`, written by `write` as it is rendered (only asked for when
    /// [`Sink::streams`]); made whole and handed to [`Sink::file`] otherwise.
    fn streamed(&self, path: &str, write: Streamed) -> Result<(), Diagnostic> {
        let mut bytes = Vec::new();
        write(&mut bytes)?;
        self.file(OutputFile {
            path: path.to_string(),
            bytes,
        })
    }

    /// A page as it was rendered.
    fn rendered(&self, page: Rendered) -> Result<(), Diagnostic> {
        match page {
            Rendered::File(file) => self.file(file),
            Rendered::Parts(parts) => self.parts(parts),
        }
    }
}

/// What writes a page as it is rendered, into the writer it is given.
pub type Streamed<'a> = Box<dyn FnOnce(&mut dyn std::io::Write) -> Result<(), Diagnostic> + 'a>;

impl<F: Fn(OutputFile) -> Result<(), Diagnostic> + Sync> Sink for F {
    fn file(&self, file: OutputFile) -> Result<(), Diagnostic> {
        self(file)
    }
}

impl Prepared {
    /// The figures, tags and links of `e` (already filtered for `options.audience`).
    pub fn new(e: Engagement, options: RenderOptions) -> Result<Prepared, Diagnostic> {
        // The figures, and the tags and links, read the engagement alone: side by side.
        let (insight, (tags, links)) = rayon::join(
            || {
                let aggregates = options.aggregates.as_ref();
                figures(&e, options.as_of, aggregates, options.audience)
            },
            || {
                let (mut tags, links) = rayon::join(
                    // Tags have pages where lessons do (not on the sponsor's site).
                    || {
                        if options.audience == Audience::Sponsor {
                            lesson::TagIndex::default()
                        } else {
                            lesson::tag_index(&e)
                        }
                    },
                    || links::Links::new(&e),
                );
                let links = links.with_tags(&mut tags);
                (tags, links)
            },
        );
        let pages = page_list(&e, &tags, options.audience);
        let (site, t) = {
            let v = views(&e, &insight, &links, &options);
            (
                to_value(&frame::site_view(&v, &options))?,
                to_value(&i18n::strings(v.lang))?,
            )
        };
        Ok(Prepared {
            e,
            insight,
            tags,
            links,
            options,
            site,
            t,
            pages,
        })
    }

    /// The engagement the pages are made from.
    pub fn engagement(&self) -> &Engagement {
        &self.e
    }

    /// Gives the engagement back.
    pub fn into_engagement(self) -> Engagement {
        self.e
    }

    /// After a save that changed a note's body alone
    /// ([`crate::load::Cache::body_edit`]): puts `body`, as this reader sees it
    /// ([`crate::audience::body_as`]), in place of the note's old one when the reader's
    /// links and tags of the note stay as they were. Then every figure, list and index
    /// made from the engagement still holds (none reads a body otherwise), and each
    /// page made from now on shows the new text. `false`, with nothing changed, when
    /// they do not; `true` as well for a note this reader does not see.
    pub fn replace_body(&mut self, kind: ItemKind, id: &str, body: Markdown) -> bool {
        let e = &mut self.e;
        let held = match kind {
            ItemKind::Session => e.sessions.iter_mut().find(|s| s.id == id).map(|s| {
                // The view's own copy (a copy of the note only if shared).
                let s = std::sync::Arc::make_mut(s);
                (&s.front.tags, &mut s.body)
            }),
            ItemKind::Lesson => e
                .lessons
                .iter_mut()
                .find(|l| l.id == id)
                .map(|l| (&l.front.tags, &mut l.body)),
            ItemKind::Objective => e
                .objectives
                .iter_mut()
                .find(|o| o.id == id)
                .map(|o| (&o.front.tags, &mut o.body)),
            ItemKind::Assessment | ItemKind::Action => return false,
        };
        let Some((front_tags, held)) = held else {
            return true;
        };
        let links = |text: &str| crate::markdown::references(text);
        let tags = |text: &str| lesson::item_tags(front_tags, text);
        let same =
            crate::markdown::same_targets(&links(held), &links(&body)) && tags(held) == tags(&body);
        if same {
            *held = body;
        }
        same
    }

    /// The path of every page, in order.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.pages.keys().map(String::as_str)
    }

    /// The attachments the pages rendered so far embed (every page's, after
    /// [`Prepared::render_all`]).
    pub fn attachments(&self) -> std::collections::BTreeSet<String> {
        self.links.used_attachments()
    }

    fn views(&self) -> Views<'_> {
        views(&self.e, &self.insight, &self.links, &self.options)
    }

    /// The page at `path`, made on its own; `None` when the site has no such page.
    pub fn render_page(&self, theme: &Theme, path: &str) -> Option<Result<OutputFile, Diagnostic>> {
        let page = self.pages.get(path)?;
        let v = self.views();
        Some(
            self.job(&v, page)
                .and_then(|job| render_job(theme, &self.site, &self.t, job))
                .map(Rendered::into_file),
        )
    }

    /// One page's job, with only the views it needs.
    fn job(&self, v: &Views, page: &Page) -> Result<PageJob, Diagnostic> {
        let objectives = || objective::views(v);
        let list = |views: &[objective::ObjectiveView]| -> Result<Value, Diagnostic> {
            Ok(Value::from(
                views.iter().map(to_value).collect::<Result<Vec<_>, _>>()?,
            ))
        };
        let summary = || dashboard::Summary::new(v, &self.options);
        let missing = || Diagnostic::error("coachsite", "internal error: a page without its item");
        match page {
            Page::Dashboard => {
                let views = objectives();
                dashboard::dashboard_page(v, &views, list(&views)?, &summary())
            }
            Page::Report => dashboard::report_page(v, list(&objectives())?, &summary()),
            Page::Objectives => Ok(objective::objectives_page(list(&objectives())?)),
            Page::Objective(id) => {
                let views = objectives();
                let view = views.iter().find(|o| &o.id == id).ok_or_else(missing)?;
                Ok(objective::objective_page(v, view, to_value(view)?))
            }
            Page::Assessments => assessment::assessments_page(v),
            Page::Assessment(i) => {
                assessment::assessment_page(v, self.e.assessments.get(*i).ok_or_else(missing)?)
            }
            Page::Survey(i) => survey::survey_page(v, self.e.surveys.get(*i).ok_or_else(missing)?),
            Page::Plan => plan::plan_page(v, &summary()),
            Page::Sessions => session::sessions_page(v),
            Page::Session(i) => session::session_page(v, *i).map(|(job, _)| job),
            Page::Lessons => lesson::Lessons::new(v)?.index_page(v, &self.tags),
            Page::Lesson(i) => lesson::Lessons::new(v)?
                .lesson_page(v, *i)
                .ok_or_else(missing),
            Page::Tag(slug) => lesson::Lessons::new(v)?
                .tag_page(v, &self.tags, slug)
                .ok_or_else(missing)?,
            Page::Search => {
                let views = objectives();
                let mut docs = self.docs_before_notes(v, &views);
                if self.with_notes() {
                    let sessions = (0..self.e.sessions.len())
                        .into_par_iter()
                        .map(|i| session::session_page(v, i).map(|(_, doc)| doc))
                        .collect::<Result<Vec<_>, _>>()?;
                    docs.extend(sessions);
                    docs.extend(lesson::Lessons::new(v)?.docs(v));
                }
                Ok(search::search_page(v, docs, self.with_notes()).job())
            }
        }
    }

    fn with_notes(&self) -> bool {
        self.options.audience != Audience::Sponsor
    }

    /// What search finds before the notes: the objectives and the actions.
    fn docs_before_notes(&self, v: &Views, objectives: &[objective::ObjectiveView]) -> Vec<Doc> {
        let mut docs = objective::search_docs(v, objectives);
        docs.extend(search::action_docs(v));
        docs
    }

    /// Renders every page in parallel, each handed to `sink` as soon as it is made; the
    /// views several pages share are made once. Every error of every page is returned.
    pub fn render_all(&self, theme: &Theme, sink: &dyn Sink) -> Result<(), Diagnostics> {
        let v = self.views();
        let render = |job: PageJob| {
            if sink.streams() && job.splice.is_none() {
                let path = job.path.clone();
                let (site, t) = (&self.site, &self.t);
                return sink.streamed(
                    &path,
                    Box::new(move |out| render_job_to(theme, site, t, job, out)),
                );
            }
            render_job(theme, &self.site, &self.t, job).and_then(|page| sink.rendered(page))
        };
        let mut errors = Vec::new();
        let mut docs = match self.render_top(&v, &render) {
            Ok((docs, failed)) => {
                errors.extend(failed);
                docs
            }
            Err(d) => return Err(Diagnostics::from(d)),
        };
        if self.with_notes() {
            match self.render_notes(&v, &render) {
                Ok((more, failed)) => {
                    docs.extend(more);
                    errors.extend(failed);
                }
                Err(d) => errors.push(d),
            }
        }
        let search = search::search_page(&v, docs, self.with_notes()).job();
        errors.extend(render(search).err());
        let mut diags = Diagnostics::default();
        diags.items.extend(errors);
        if diags.has_errors() {
            diags.sort();
            return Err(diags);
        }
        Ok(())
    }

    /// The pages of the objectives, the assessments and the plan, the dashboard and the
    /// report, rendered; with what search finds of the objectives and the actions, and
    /// the errors of the pages that could not be made.
    fn render_top(&self, v: &Views, render: &Render) -> Made {
        let (jobs, objectives) = self.shared_jobs(v)?;
        let docs = self.docs_before_notes(v, &objectives);
        let errors = jobs
            .into_par_iter()
            .filter_map(|job| render(job).err())
            .collect();
        Ok((docs, errors))
    }

    /// The sessions' and the lessons' pages, the sessions list and the tag pages,
    /// rendered; with what search finds of the notes. Each session's view is made,
    /// rendered and dropped, keeping only what search needs, and the pages that list
    /// every session are made one after the other (their views are as large as the
    /// notes, and two at once would double the build's peak memory).
    fn render_notes(&self, v: &Views, render: &Render) -> Made {
        let lessons = lesson::Lessons::new(v)?;
        let mut errors: Vec<Diagnostic> = lessons
            .own_pages(v, &self.tags)?
            .into_par_iter()
            .filter_map(|job| render(job).err())
            .collect();
        let lists: Vec<Option<&str>> = std::iter::once(None)
            .chain(self.tags.pages.keys().map(|slug| Some(slug.as_str())))
            .collect();
        errors.extend(lists.into_iter().filter_map(|list| {
            let job = match list {
                None => session::sessions_page(v),
                Some(slug) => lessons.tag_page(v, &self.tags, slug)?,
            };
            job.and_then(render).err()
        }));
        let sessions: Vec<Result<Doc, Diagnostic>> = (0..self.e.sessions.len())
            .into_par_iter()
            .map(|i| {
                let (job, doc) = session::session_page(v, i)?;
                render(job).map(|()| doc)
            })
            .collect();
        let mut docs = Vec::with_capacity(sessions.len());
        for session in sessions {
            match session {
                Ok(doc) => docs.push(doc),
                Err(d) => errors.push(d),
            }
        }
        docs.extend(lessons.docs(v));
        Ok((docs, errors))
    }

    /// Every page but the notes' and search, with the objectives' views they share.
    fn shared_jobs(
        &self,
        v: &Views,
    ) -> Result<(Vec<PageJob>, Vec<objective::ObjectiveView>), Diagnostic> {
        let objectives = objective::views(v);
        let values = objectives
            .iter()
            .map(to_value)
            .collect::<Result<Vec<_>, _>>()?;
        let list = Value::from(values.clone());
        let mut jobs = Vec::new();
        for (view, value) in objectives.iter().zip(values) {
            jobs.push(objective::objective_page(v, view, value));
        }
        jobs.push(objective::objectives_page(list.clone()));
        let summary = dashboard::Summary::new(v, &self.options);
        jobs.push(dashboard::dashboard_page(
            v,
            &objectives,
            list.clone(),
            &summary,
        )?);
        jobs.push(dashboard::report_page(v, list, &summary)?);
        jobs.push(assessment::assessments_page(v)?);
        for a in &self.e.assessments {
            jobs.push(assessment::assessment_page(v, a)?);
        }
        for s in &self.e.surveys {
            jobs.push(survey::survey_page(v, s)?);
        }
        jobs.push(plan::plan_page(v, &summary)?);
        Ok((jobs, objectives))
    }
}

/// How `render_all` renders and hands on one page.
type Render<'a> = dyn Fn(PageJob) -> Result<(), Diagnostic> + Sync + 'a;

/// What part of `render_all` found for search, and the errors of its pages.
type Made = Result<(Vec<Doc>, Vec<Diagnostic>), Diagnostic>;

/// The helpers the builders share, over the parts of a [`Prepared`].
fn views<'a>(
    e: &'a Engagement,
    insight: &'a Insight,
    links: &'a links::Links,
    options: &RenderOptions,
) -> Views<'a> {
    Views {
        e,
        lang: e.info.language,
        insight,
        words: Explainer::new(e),
        findings: options.audience.sees_findings(),
        sharing: options.audience.sharing(&e.info.share),
        links,
    }
}

/// Every page of the site by path: the one list both ways of making pages follow.
fn page_list(
    e: &Engagement,
    tags: &lesson::TagIndex,
    audience: Audience,
) -> BTreeMap<String, Page> {
    let mut pages: Vec<(String, Page)> = vec![
        ("index.html".into(), Page::Dashboard),
        ("report.html".into(), Page::Report),
        ("objectives/index.html".into(), Page::Objectives),
        ("assessments/index.html".into(), Page::Assessments),
        ("plan/index.html".into(), Page::Plan),
        ("search.html".into(), Page::Search),
    ];
    for o in &e.objectives {
        pages.push((objective_url(&o.id), Page::Objective(o.id.clone())));
    }
    for (i, a) in e.assessments.iter().enumerate() {
        pages.push((format!("assessments/{}.html", a.id), Page::Assessment(i)));
    }
    for (i, s) in e.surveys.iter().enumerate() {
        pages.push((survey::survey_url(&s.id), Page::Survey(i)));
    }
    if audience != Audience::Sponsor {
        pages.push(("sessions/index.html".into(), Page::Sessions));
        for (i, s) in e.sessions.iter().enumerate() {
            pages.push((format!("sessions/{}.html", s.id), Page::Session(i)));
        }
        pages.push(("lessons/index.html".into(), Page::Lessons));
        for (i, l) in e.lessons.iter().enumerate() {
            pages.push((format!("lessons/{}.html", l.id), Page::Lesson(i)));
        }
        for slug in tags.pages.keys() {
            pages.push((links::tag_url(slug), Page::Tag(slug.clone())));
        }
    }
    pages.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use crate::{Audience, BuildOptions, Date, prepare};

    /// Each page made on its own (`serve`) is byte for byte the page of a whole build,
    /// for every page of the example and every reader; the list of pages is the build's.
    #[test]
    fn a_page_made_alone_is_the_page_a_build_makes() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("example-engagement");
        for audience in [Audience::Coach, Audience::Client, Audience::Sponsor] {
            let options = BuildOptions {
                root: root.clone(),
                audience,
                as_of: Date::from_ymd(2026, 6, 15).expect("date"),
                as_of_given: true,
                base_url: None,
                history_at: None,
            };
            let ready = prepare(&options, None, None).expect("the example builds");
            let all = Mutex::new(Vec::new());
            ready
                .prepared
                .render_all(&ready.theme, &|file| {
                    all.lock().expect("lock").push(file);
                    Ok(())
                })
                .expect("every page renders");
            let mut all = all.into_inner().expect("lock");
            all.sort_by(|a, b| a.path.cmp(&b.path));
            let paths: Vec<&str> = all.iter().map(|f| f.path.as_str()).collect();
            assert_eq!(
                paths,
                ready.prepared.paths().collect::<Vec<_>>(),
                "{audience:?}"
            );
            for file in &all {
                let alone = ready
                    .prepared
                    .render_page(&ready.theme, &file.path)
                    .expect("a page of the list")
                    .expect("it renders");
                assert!(
                    alone == *file,
                    "{audience:?}: {} differs when made alone",
                    file.path
                );
            }
            assert!(
                ready
                    .prepared
                    .render_page(&ready.theme, "nowhere.html")
                    .is_none()
            );
        }
    }
}
