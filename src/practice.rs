//! A coach's practice: a folder of engagements (at any depth) built as one site for the
//! coach. Each engagement's site sits under its own path (`clients/acme/…`, as in the
//! folder) and a practice home at the top sums them up.
//!
//! [`PracticeBuild`] keeps what the home needs from each engagement's last good build,
//! so that `serve` rebuilds only the engagement a save touched and the home, and a
//! broken file in one engagement leaves the others (and its own last good site) served.
//! `build` ([`build_practice`]) is the same steps once, for every engagement.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostic::{self, Diagnostic, Diagnostics};
use crate::{
    Audience, BuildOptions, OutputFile, Site, build_keeping, insight, load, model, render,
};

/// Whether `root` is a coach's practice: a folder with no engagement.yaml of its own and
/// engagements below it ([`load::find_engagements`]).
pub fn is_practice(root: &Path) -> bool {
    root.is_dir()
        && !root.join("engagement.yaml").exists()
        && load::find_engagements(root).is_ok_and(|found| !found.is_empty())
}

/// Builds a coach's practice into memory: each engagement's site for the coach under its
/// own path, and the practice home at the top. Only for the coach: a client's or
/// sponsor's site never holds another client's data, so it is built from one engagement.
/// Any engagement's error fails the build.
pub fn build_practice(options: &BuildOptions) -> Result<Site, Diagnostics> {
    let mut practice = PracticeBuild::new(options.clone())?;
    let update = practice.update(None)?;
    let errors = practice.errors();
    if errors.has_errors() {
        return Err(errors);
    }
    let mut files: Vec<OutputFile> = update
        .built
        .into_iter()
        .flat_map(|part| {
            let path = part.path;
            part.files.into_iter().map(move |mut f| {
                f.path = format!("{path}/{}", f.path);
                f
            })
        })
        .collect();
    files.extend(practice.home()?);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Site {
        files,
        pages: practice.pages(),
        warnings: practice.warnings(),
        language: model::Language::En,
        as_of: options.as_of,
    })
}

/// A practice, engagement by engagement, as its last builds left it (ARCHITECTURE.md's
/// "Incremental state").
pub struct PracticeBuild {
    options: BuildOptions,
    /// By folder (as found under the practice's root), in path order.
    parts: BTreeMap<PathBuf, Part>,
    /// The warnings of the practice's own templates, from the last home.
    theme_warnings: Diagnostics,
    /// For `serve`: what each engagement's files parsed into, so that a save parses
    /// only the files that changed (`None` for a build, which reads each file once).
    caches: Option<BTreeMap<PathBuf, crate::Kept>>,
}

/// One engagement of the practice.
struct Part {
    /// Its path in the practice and in the site: `clients/acme`.
    path: String,
    /// Its folder as the file system names it, to match the paths a watcher reports.
    canonical: PathBuf,
    /// What the home sums up, from its last good build.
    good: Option<Good>,
    /// The problems of its last build, when that failed (named with its path).
    errors: Option<Diagnostics>,
}

struct Good {
    engagement: model::Engagement,
    as_of: model::Date,
    pages: usize,
    warnings: Diagnostics,
}

/// The site of one engagement, freshly built: paths relative to its own folder in the
/// practice's site (`path`).
pub struct PartFiles {
    pub(crate) path: String,
    pub(crate) files: Vec<OutputFile>,
}

/// What an update changed.
pub struct Update {
    /// The engagements built again, with their new sites. One that failed is not here:
    /// its last good site stays.
    pub built: Vec<PartFiles>,
    /// The paths of the engagements rebuilt or tried (for the pages to reload).
    pub touched: Vec<String>,
    /// The paths of engagements that are gone.
    pub removed: Vec<String>,
}

impl PracticeBuild {
    /// A practice with nothing built yet. Only the coach's: a client's or sponsor's site
    /// is built from one engagement, and asking otherwise is an error that says so.
    pub fn new(options: BuildOptions) -> Result<PracticeBuild, Diagnostics> {
        if options.audience != Audience::Coach {
            let root = options.root.as_path();
            let folders = load::find_engagements(root).map_err(Diagnostics::from)?;
            return Err(not_for_others(root, &folders, options.audience).into());
        }
        Ok(PracticeBuild {
            options,
            parts: BTreeMap::new(),
            theme_warnings: Diagnostics::default(),
            caches: None,
        })
    }

    /// [`PracticeBuild::new`], keeping what each engagement's files parsed into between
    /// updates (`serve`).
    pub fn keeping_parses(options: BuildOptions) -> Result<PracticeBuild, Diagnostics> {
        let mut practice = PracticeBuild::new(options)?;
        practice.caches = Some(BTreeMap::new());
        Ok(practice)
    }

    /// Builds again the engagements that `changed` touches, or every one (`None`). The
    /// engagements are looked for again when an `engagement.yaml` came or went or a
    /// change is in no known engagement. A change to the practice's own templates
    /// rebuilds no engagement (only the home, which [`PracticeBuild::home`] makes).
    pub fn update(&mut self, changed: Option<&[PathBuf]>) -> Result<Update, Diagnostics> {
        let root = self.options.root.clone();
        // What the watcher saw change is parsed again, whatever its size and time say.
        for cache in self.caches.iter().flat_map(|c| c.values()) {
            match changed {
                Some(paths) => cache.forget(paths),
                None => cache.clear(),
            }
        }
        let mut wanted: Vec<PathBuf> = Vec::new();
        let mut rediscover = changed.is_none() || self.parts.is_empty();
        for path in changed.unwrap_or_default() {
            if path.file_name().is_some_and(|n| n == "engagement.yaml") {
                rediscover = true;
            }
            match self.part_of(path) {
                Some(folder) => wanted.push(folder),
                None if self.in_practice_templates(path) => {}
                None => rediscover = true,
            }
        }
        // An engagement whose engagement.yaml is gone (or its whole folder) leaves.
        if wanted.iter().any(|f| !f.join("engagement.yaml").is_file()) {
            rediscover = true;
        }
        let mut removed = Vec::new();
        if rediscover {
            let found = load::find_engagements(&root).map_err(Diagnostics::from)?;
            let gone: Vec<PathBuf> = self
                .parts
                .keys()
                .filter(|k| !found.contains(k))
                .cloned()
                .collect();
            for folder in gone {
                removed.extend(self.parts.remove(&folder).map(|p| p.path));
            }
            wanted.retain(|f| found.contains(f));
            for folder in found {
                if changed.is_none() || !self.parts.contains_key(&folder) {
                    wanted.push(folder);
                }
            }
        }
        wanted.sort();
        wanted.dedup();
        Ok(self.build_parts(&wanted, removed))
    }

    /// Builds `folders` (in parallel) and keeps what the home needs of each.
    fn build_parts(&mut self, folders: &[PathBuf], removed: Vec<String>) -> Update {
        let root = self.options.root.clone();
        if let Some(caches) = &mut self.caches {
            caches.retain(|folder, _| self.parts.contains_key(folder) || folders.contains(folder));
            for folder in folders {
                caches.entry(folder.clone()).or_default();
            }
        }
        let caches = self.caches.as_ref();
        let built: Vec<_> = folders
            .par_iter()
            .map(|folder| {
                let sub = BuildOptions {
                    root: folder.clone(),
                    ..self.options.clone()
                };
                let depth = diagnostic::display_path(&root, folder).split('/').count();
                let home = format!("{}index.html", "../".repeat(depth));
                let cache = caches.and_then(|c| c.get(folder));
                (
                    folder,
                    crate::guarded(|| build_keeping(&sub, Some(home), cache)),
                )
            })
            .collect();
        let mut update = Update {
            built: Vec::new(),
            touched: Vec::new(),
            removed,
        };
        for (folder, result) in built {
            let path = diagnostic::display_path(&root, folder);
            let part = self.parts.entry(folder.clone()).or_insert_with(|| Part {
                path: path.clone(),
                canonical: std::fs::canonicalize(folder).unwrap_or_else(|_| folder.clone()),
                good: None,
                errors: None,
            });
            update.touched.push(path.clone());
            match result {
                Ok((site, engagement)) => {
                    part.good = Some(Good {
                        engagement,
                        as_of: site.as_of,
                        pages: site.pages,
                        warnings: within(&path, site.warnings),
                    });
                    part.errors = None;
                    update.built.push(PartFiles {
                        path,
                        files: site.files,
                    });
                }
                Err(diags) => part.errors = Some(within(&path, diags)),
            }
        }
        update
    }

    /// The engagement `path` is in: the deepest one whose folder holds it.
    fn part_of(&self, path: &Path) -> Option<PathBuf> {
        self.parts
            .iter()
            .filter(|(folder, part)| path.starts_with(&part.canonical) || path.starts_with(folder))
            .max_by_key(|(_, part)| part.canonical.components().count())
            .map(|(folder, _)| folder.clone())
    }

    /// Whether `path` is in the practice's own `.coachsite/templates/` (or `templates/`).
    fn in_practice_templates(&self, path: &Path) -> bool {
        let root =
            std::fs::canonicalize(&self.options.root).unwrap_or_else(|_| self.options.root.clone());
        [".coachsite", "templates"].iter().any(|dir| {
            path.starts_with(root.join(dir)) || path.starts_with(self.options.root.join(dir))
        })
    }

    /// The files at the top of the practice's site: the home, the style sheet,
    /// robots.txt and the coach's calendar feed of every engagement, from the last good build of each engagement.
    pub fn home(&mut self) -> Result<Vec<OutputFile>, Diagnostics> {
        let root = self.options.root.as_path();
        let (theme, theme_warnings) = render::load_theme(root)?;
        self.theme_warnings = theme_warnings;
        let mut entries = Vec::new();
        let mut evidence = insight::ZpdEvidence::default();
        let mut lessons = render::PracticeLessons::default();
        for part in self.parts.values() {
            if let Some(good) = &part.good {
                let e = &good.engagement;
                entries.push(render::practice_entry(e, good.as_of, &part.path));
                insight::add_evidence(&mut evidence, e, self.options.as_of);
                render::add_practice_lessons(&mut lessons, e, &part.path);
            }
        }
        let home = render::practice_home(&theme, &entries, &evidence, &lessons, self.options.as_of)
            .map_err(Diagnostics::from)?;
        let mut files = vec![home];
        files.extend(render::site_files(&theme));
        let engagements: Vec<(&str, &model::Engagement)> = self
            .parts
            .values()
            .filter_map(|p| Some((p.path.as_str(), &p.good.as_ref()?.engagement)))
            .collect();
        files.push(render::practice_calendar(&engagements, self.options.as_of));
        Ok(files)
    }

    /// The errors of every engagement whose last build failed.
    pub fn errors(&self) -> Diagnostics {
        let mut all = Diagnostics::default();
        for part in self.parts.values() {
            all.extend(part.errors.clone().unwrap_or_default());
        }
        all.sort();
        all
    }

    /// The warnings of every engagement's last good build, and of the practice's templates.
    pub fn warnings(&self) -> Diagnostics {
        let mut all = self.theme_warnings.clone();
        for good in self.parts.values().filter_map(|p| p.good.as_ref()) {
            all.extend(good.warnings.clone());
        }
        all.sort();
        all
    }

    /// The pages of the practice's site: each engagement's, and the home.
    pub fn pages(&self) -> usize {
        1 + self
            .parts
            .values()
            .filter_map(|p| p.good.as_ref())
            .map(|g| g.pages)
            .sum::<usize>()
    }

    /// The paths of the engagements, in order.
    pub fn paths(&self) -> Vec<String> {
        self.parts.values().map(|p| p.path.clone()).collect()
    }
}

/// The problems of an engagement, named with its path in the practice.
fn within(path: &str, mut diags: Diagnostics) -> Diagnostics {
    for d in &mut diags.items {
        d.file = format!("{path}/{}", d.file);
    }
    diags
}

/// Why a client's or sponsor's site is not built from a practice, and what to do.
fn not_for_others(root: &Path, folders: &[PathBuf], audience: Audience) -> Diagnostic {
    let example = folders
        .first()
        .map(|f| diagnostic::display_path(root, f))
        .unwrap_or_default();
    Diagnostic::error(
        root.display().to_string(),
        format!(
            "this folder holds {} engagements: the {}'s site is built from one engagement, so that it never holds another client's data",
            folders.len(),
            audience.name()
        ),
    )
    .with_help(format!(
        "build one engagement (coachsite build {}/{example} --audience {}), or the whole practice for yourself with --audience coach",
        root.display(),
        audience.name()
    ))
}
