//! Which pages a site has, and making them: every page, rendered in parallel and handed
//! to a sink as soon as it is made (`build` writes it and forgets it), or one page when
//! it is asked for (`serve`). Both go through the same builders, so a page served is
//! byte for byte the page a build writes.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use rayon::prelude::*;
use tera::Value;

use super::registry::{Kind, Pass};
use super::search::Doc;
use super::theme::Theme;
use super::views::Views;
use super::{
    PageJob, RenderOptions, assessment, dashboard, figures, frame, lesson, links, objective, plan,
    render_job, render_job_to, search, session, survey, to_value,
};
use crate::audience::Audience;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::explain::Explainer;
use crate::i18n;
use crate::insight::Insight;
use crate::model::{Engagement, ItemKind, Markdown};
use crate::render::OutputFile;

/// One page of a site, by what it shows (an item by its place in the engagement's list;
/// an objective by its place in the order lists show them).
enum Page {
    Dashboard,
    Report,
    Objectives,
    Objective(usize),
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

impl Page {
    /// Its kind in the registry.
    fn kind(&self) -> Kind {
        match self {
            Page::Dashboard => Kind::Dashboard,
            Page::Report => Kind::Report,
            Page::Objectives => Kind::Objectives,
            Page::Objective(_) => Kind::Objective,
            Page::Assessments => Kind::Assessments,
            Page::Assessment(_) => Kind::Assessment,
            Page::Survey(_) => Kind::Survey,
            Page::Plan => Kind::Plan,
            Page::Sessions => Kind::Sessions,
            Page::Session(_) => Kind::Session,
            Page::Lessons => Kind::Lessons,
            Page::Lesson(_) => Kind::Lesson,
            Page::Tag(_) => Kind::Tag,
            Page::Search => Kind::Search,
        }
    }

    /// Its place in search's order: by kind, then by item.
    fn order(&self) -> (Kind, usize) {
        let item = match self {
            Page::Objective(i)
            | Page::Assessment(i)
            | Page::Survey(i)
            | Page::Session(i)
            | Page::Lesson(i) => *i,
            _ => 0,
        };
        (self.kind(), item)
    }
}

/// Everything the pages of one site share, made once: the engagement as its reader
/// sees it, its figures, tags and links, the context every page has, and the list of
/// its pages by path.
pub struct Prepared {
    e: Engagement,
    insight: Insight,
    tags: links::TagIndex,
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
                            links::TagIndex::default()
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

    /// What the site is built for (its reader, its as-of date).
    pub(crate) fn options(&self) -> &RenderOptions {
        &self.options
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

    /// The page at `path`, made on its own; `None` when the site has no such page. One
    /// of the three ways a page is made, all through [`Prepared::make`]
    /// (ARCHITECTURE.md's "Incremental state").
    pub fn render_page(&self, theme: &Theme, path: &str) -> Option<Result<OutputFile, Diagnostic>> {
        Some(self.render_files(theme, path)?.map(|files| {
            let mut files = files.into_iter();
            // The asked file is the first.
            files.next().unwrap_or(OutputFile {
                path: path.into(),
                bytes: Vec::new(),
            })
        }))
    }

    /// The file at `path` first, and the files made with it: the page alone, or for
    /// search's page or one of its shards, the page and every shard. `None` when the site
    /// has no such file.
    pub fn render_files(
        &self,
        theme: &Theme,
        path: &str,
    ) -> Option<Result<Vec<OutputFile>, Diagnostic>> {
        let page = match self.pages.get(path) {
            Some(page) => page,
            None if search::is_search_file(path) => self.pages.get("search.html")?,
            None => return None,
        };
        let v = self.views();
        let shared = Shared::new(&v, &self.options);
        let made = match self.make(&shared, page) {
            Ok(made) => made,
            Err(d) => return Some(Err(d)),
        };
        let mut files = match render_job(theme, &self.site, &self.t, made.job) {
            Ok(page) => vec![page],
            Err(d) => return Some(Err(d)),
        };
        files.extend(made.files.map(|f| f.all()).unwrap_or_default());
        let at = files.iter().position(|f| f.path == path)?;
        files.swap(0, at);
        Some(Ok(files))
    }

    /// One page's job, and what search finds on it: the one way a page is made, for a
    /// build and for `serve`. The views several pages share come from `s`.
    fn make(&self, s: &Shared, page: &Page) -> Result<Made, Diagnostic> {
        let v = s.v;
        let missing = || Diagnostic::error("coachsite", "internal error: a page without its item");
        let alone = |job: PageJob| Made {
            job,
            docs: Vec::new(),
            files: None,
        };
        Ok(match page {
            Page::Dashboard => {
                let (views, values) = s.objectives()?;
                let list = Value::from(values.to_vec());
                alone(dashboard::dashboard_page(v, views, list, s.summary())?)
            }
            Page::Report => {
                let (views, values) = s.objectives()?;
                let list = Value::from(values.to_vec());
                alone(dashboard::report_page(v, views, list, s.summary())?)
            }
            Page::Objectives => {
                let list = Value::from(s.objectives()?.1.to_vec());
                alone(objective::objectives_page(v, list))
            }
            Page::Objective(i) => {
                let (views, values) = s.objectives()?;
                let (view, value) = views.get(*i).zip(values.get(*i)).ok_or_else(missing)?;
                Made {
                    job: objective::objective_page(v, view, value.clone()),
                    docs: objective::search_docs(v, std::slice::from_ref(view)),
                    files: None,
                }
            }
            Page::Assessments => alone(assessment::assessments_page(v)?),
            Page::Assessment(i) => alone(assessment::assessment_page(
                v,
                self.e.assessments.get(*i).ok_or_else(missing)?,
            )?),
            Page::Survey(i) => alone(survey::survey_page(
                v,
                self.e.surveys.get(*i).ok_or_else(missing)?,
            )?),
            Page::Plan => Made {
                job: plan::plan_page(v, s.summary())?,
                docs: search::action_docs(v),
                files: None,
            },
            Page::Sessions => alone(session::sessions_page(v)?),
            Page::Session(i) => {
                let (job, doc) = session::session_page(v, *i)?;
                Made {
                    job,
                    docs: vec![doc],
                    files: None,
                }
            }
            Page::Lessons => alone(s.lessons()?.index_page(v, &self.tags)?),
            Page::Lesson(i) => {
                let lessons = s.lessons()?;
                Made {
                    job: lessons.lesson_page(v, *i).ok_or_else(missing)?,
                    docs: lessons.doc(v, *i).into_iter().collect(),
                    files: None,
                }
            }
            Page::Tag(slug) => alone(
                s.lessons()?
                    .tag_page(v, &self.tags, slug)
                    .ok_or_else(missing)??,
            ),
            Page::Search => {
                let (job, files) = search::search_page(v, self.search_docs(s)?).job();
                Made {
                    job,
                    docs: Vec::new(),
                    files: Some(files),
                }
            }
        })
    }

    /// What search finds on every page of the kinds it reads, made for `serve`'s search
    /// page (a build gathers it as it makes the pages).
    fn search_docs(&self, s: &Shared) -> Result<Vec<Doc>, Diagnostic> {
        let searched: Vec<&Page> = (self.pages.values())
            .filter(|page| page.kind().def().searched)
            .collect();
        let found = searched
            .into_par_iter()
            .map(|page| Ok((page.order(), self.make(s, page)?.docs)))
            .collect::<Result<Vec<_>, Diagnostic>>()?;
        Ok(in_order(found))
    }

    /// Renders every page in parallel, each handed to `sink` as soon as it is made; the
    /// views several pages share are made once, and search's page is made last from what
    /// the others found. Every error of every page is returned.
    pub fn render_all(&self, theme: &Theme, sink: &dyn Sink) -> Result<(), Diagnostics> {
        let v = self.views();
        let render = |job: PageJob| {
            if sink.streams() {
                let path = job.path.clone();
                let (site, t) = (&self.site, &self.t);
                return sink.streamed(
                    &path,
                    Box::new(move |out| render_job_to(theme, site, t, job, out)),
                );
            }
            render_job(theme, &self.site, &self.t, job).and_then(|page| sink.file(page))
        };
        let shared = Shared::new(&v, &self.options);
        let made = |page: &Page| -> Result<Found, Diagnostic> {
            let made = self.make(&shared, page)?;
            render(made.job)?;
            Ok((page.order(), made.docs))
        };
        let pass = |pass: Pass| {
            self.pages
                .values()
                .filter(move |p| p.kind().def().pass == pass)
        };
        let mut results: Vec<Result<Found, Diagnostic>> = pass(Pass::Parallel)
            .collect::<Vec<_>>()
            .into_par_iter()
            .map(made)
            .collect();
        results.extend(pass(Pass::OneByOne).map(made));
        let mut found = Vec::with_capacity(results.len());
        let mut errors = Vec::new();
        for result in results {
            match result {
                Ok(docs) => found.push(docs),
                Err(d) => errors.push(d),
            }
        }
        let (job, files) = search::search_page(&v, in_order(found)).job();
        errors.extend(render(job).err());
        errors.extend(files.each(&|file| sink.file(file)).err());
        let mut diags = Diagnostics::default();
        diags.items.extend(errors);
        if diags.has_errors() {
            diags.sort();
            // A view several pages share fails once for each of them.
            diags.items.dedup();
            return Err(diags);
        }
        Ok(())
    }
}

/// A page's job and what search finds on it.
struct Made {
    job: PageJob,
    docs: Vec<Doc>,
    /// Search's shards, made with its page.
    files: Option<search::SearchFiles>,
}

/// What search found on one page, with the page's place in search's order.
type Found = ((Kind, usize), Vec<Doc>);

/// What search found, in its order: by kind, then by item.
fn in_order(mut found: Vec<Found>) -> Vec<Doc> {
    found.sort_by_key(|(order, _)| *order);
    found.into_iter().flat_map(|(_, docs)| docs).collect()
}

/// The objectives' views in the order lists show them, and each as a template's value.
type ObjectiveViews = (Vec<objective::ObjectiveView>, Vec<Value>);

/// The views several pages are made from, each made once, when a page first asks.
struct Shared<'v> {
    v: &'v Views<'v>,
    options: &'v RenderOptions,
    objectives: OnceLock<Result<ObjectiveViews, Diagnostic>>,
    summary: OnceLock<plan::Summary>,
    lessons: OnceLock<Result<lesson::Lessons, Diagnostic>>,
}

impl<'v> Shared<'v> {
    fn new(v: &'v Views<'v>, options: &'v RenderOptions) -> Shared<'v> {
        Shared {
            v,
            options,
            objectives: OnceLock::new(),
            summary: OnceLock::new(),
            lessons: OnceLock::new(),
        }
    }

    /// The objectives' views in the order lists show them, and each as a value.
    fn objectives(&self) -> Result<(&[objective::ObjectiveView], &[Value]), Diagnostic> {
        let made = self.objectives.get_or_init(|| {
            let views = objective::views(self.v);
            let values = views.iter().map(to_value).collect::<Result<Vec<_>, _>>()?;
            Ok((views, values))
        });
        match made {
            Ok((views, values)) => Ok((views, values)),
            Err(d) => Err(d.clone()),
        }
    }

    fn summary(&self) -> &plan::Summary {
        self.summary
            .get_or_init(|| plan::Summary::new(self.v, self.options))
    }

    fn lessons(&self) -> Result<&lesson::Lessons, Diagnostic> {
        let made = self.lessons.get_or_init(|| lesson::Lessons::new(self.v));
        made.as_ref().map_err(Clone::clone)
    }
}

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
        audience: options.audience,
    }
}

/// Every page of the site by path: the one list both ways of making pages follow, from
/// the registry's kinds.
fn page_list(e: &Engagement, tags: &links::TagIndex, audience: Audience) -> BTreeMap<String, Page> {
    Kind::ALL
        .into_iter()
        .filter(|kind| kind.for_audience(audience))
        .flat_map(|kind| pages_of(kind, e, tags))
        .collect()
}

/// The pages of one kind, by path.
fn pages_of(kind: Kind, e: &Engagement, tags: &links::TagIndex) -> Vec<(String, Page)> {
    let one = |page: Page| vec![(kind.path().to_string(), page)];
    let each = |ids: Vec<&str>, page: fn(usize) -> Page| -> Vec<(String, Page)> {
        let pages = ids.into_iter().enumerate();
        pages.map(|(i, id)| (kind.url(id), page(i))).collect()
    };
    match kind {
        Kind::Dashboard => one(Page::Dashboard),
        Kind::Report => one(Page::Report),
        Kind::Objectives => one(Page::Objectives),
        Kind::Objective => {
            let ordered = objective::ordered(&e.objectives);
            each(
                ordered.iter().map(|o| o.id.as_str()).collect(),
                Page::Objective,
            )
        }
        Kind::Assessments => one(Page::Assessments),
        Kind::Assessment => each(
            e.assessments.iter().map(|a| a.id.as_str()).collect(),
            Page::Assessment,
        ),
        Kind::Survey => each(
            e.surveys.iter().map(|s| s.id.as_str()).collect(),
            Page::Survey,
        ),
        Kind::Plan => one(Page::Plan),
        Kind::Sessions => one(Page::Sessions),
        Kind::Session => each(
            e.sessions.iter().map(|s| s.id.as_str()).collect(),
            Page::Session,
        ),
        Kind::Lessons => one(Page::Lessons),
        Kind::Lesson => each(
            e.lessons.iter().map(|l| l.id.as_str()).collect(),
            Page::Lesson,
        ),
        Kind::Tag => (tags.pages.keys())
            .map(|slug| (kind.url(slug), Page::Tag(slug.clone())))
            .collect(),
        Kind::Search => one(Page::Search),
    }
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
            // Every page, and search's shards beside them.
            let paths: Vec<&str> = (all.iter().map(|f| f.path.as_str()))
                .filter(|p| !p.starts_with(super::search::SHARDS_DIR))
                .collect();
            assert!(all.iter().any(|f| f.path == "search/words-0.js"));
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
