#![warn(missing_docs)]

//! coachsite turns a coaching engagement folder into a private static progress site.
//!
//! The pipeline, one module per step, data flowing one way:
//!
//! ```text
//! load      files → model, every problem as a located Diagnostic; every number that
//!           sizes a loop or an allocation checked against `limits`
//! audience  what one audience may see: filtered once, before anything is rendered;
//!           `%% … %%` cut from every text by type (`audience::Texts`)
//! insight   pure figures over the model: progress, trend, ZPD, SMART, commitment…
//! explain   those figures and findings in words, in the engagement's language
//! charts    SVG charts drawn at build time
//! render    pages from templates, views built once, pages rendered in parallel
//! site      written to a temporary folder as pages come, swapped into place
//! practice  a folder of engagements as one site for the coach, rebuilt one
//!           engagement at a time by `serve`
//! watch     follow the folder, call back after each save (`watch` and `serve`)
//! serve     rebuild in memory, serve on loopback with live reload
//! ```
//!
//! [`prepare`] runs the steps up to what every page shares ([`render::Prepared`]);
//! [`build_to`] then renders every page and writes each as it is made (so memory does
//! not hold the site), [`build`] keeps them in memory instead, and `serve` makes each
//! page when it is asked for. `watch` calls [`build_guarded`], and `serve` guards its
//! rebuilds the same way, so that even a bug (a panic) in one rebuild leaves the last
//! good site and the next save rebuilds.
//!
//! `cli` holds one file per command; `main.rs` only parses the arguments and calls it.
//!
//! ARCHITECTURE.md (at the top of the repository) is the map for a newcomer: the
//! module map, which way data flows, where to add a key of the format, a figure, a
//! finding, a page kind, a chart or a command, and what each layer must never do
//! (`tests/tidy.rs` holds those rules).

pub mod audience;
pub(crate) mod charts;
pub mod check;
pub mod cli;
pub mod diagnostic;
pub mod diff;
#[cfg(feature = "encrypt")]
pub mod encrypt;
pub(crate) mod explain;
pub mod export;
pub(crate) mod html;
pub mod i18n;
pub mod insight;
pub mod limits;
pub mod load;
pub mod markdown;
pub mod model;
pub mod practice;
pub mod render;
pub(crate) mod scaffold;
pub mod schema;
#[cfg(feature = "serve")]
pub mod serve;
pub mod site;
#[cfg(feature = "watch")]
pub mod watch;

use std::path::{Path, PathBuf};

pub use audience::Audience;
pub use diagnostic::{Diagnostic, Diagnostics};
pub use model::Date;
pub use practice::{build_practice, is_practice};
pub use render::OutputFile;

/// What to build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The engagement folder (the one with `engagement.yaml`), or a practice folder of
    /// engagements.
    pub root: PathBuf,
    /// Whose site it is: the coach's, the client's or the sponsor's.
    pub audience: Audience,
    /// The date the figures are computed for: the one asked for with `--as-of`, or today.
    pub as_of: Date,
    /// Whether `as_of` was asked for. When it was not (today) and the engagement has
    /// ended, figures are as of its end date instead ([`effective_as_of`]).
    pub as_of_given: bool,
    /// The address the site is published at (`--base-url`); `None` takes the engagement's
    /// `site.base_url`. Only a full `http(s)://` address has an effect: canonical links.
    pub base_url: Option<String>,
    /// Where the history of targets is read: the repository `root` is in, at `HEAD`,
    /// when `None`; or, for a folder exported from a revision (`coachsite diff`), that
    /// revision of the engagement's repository.
    pub history_at: Option<load::HistoryAt>,
}

/// The date figures are computed for: `asked` when it was given; otherwise today, or the
/// engagement's end date once it has passed (a closed engagement is judged as it ended,
/// not as of a later day: no action becomes "overdue" after the end).
pub fn effective_as_of(asked: Date, given: bool, end: Option<Date>) -> Date {
    match end {
        Some(end) if !given && end < asked => end,
        _ => asked,
    }
}

/// What to tell the user when the as-of date stopped at the engagement's end.
pub fn as_of_note(asked: Date, effective: Date) -> Option<String> {
    (effective != asked).then(|| {
        format!(
            "the engagement ended on {effective}: figures are as of that day (--as-of picks another date)"
        )
    })
}

/// A site built in memory.
#[derive(Debug)]
pub struct Site {
    /// Every file, sorted by path.
    pub files: Vec<OutputFile>,
    /// How many pages the site has (its HTML pages, not the style sheet, static files
    /// or attachments).
    pub pages: usize,
    /// What the build warns about (and its notes): the build went ahead.
    pub warnings: Diagnostics,
    /// The engagement's language (for pages made after the build, such as the lock page).
    pub language: model::Language,
    /// The date the figures were computed for ([`effective_as_of`]).
    pub as_of: Date,
}

/// What a build made, beside its files.
#[derive(Debug)]
pub struct Built {
    /// How many pages were written (HTML pages, not the other files).
    pub pages: usize,
    /// What the build warns about (and its notes): the build went ahead.
    pub warnings: Diagnostics,
    /// The engagement's language.
    pub language: model::Language,
    /// The date the figures were computed for ([`effective_as_of`]).
    pub as_of: Date,
}

/// Loads, filters and renders an engagement into memory. On failure, every error found.
pub fn build(options: &BuildOptions) -> Result<Site, Diagnostics> {
    build_keeping(options, None, None).map(|(site, _)| site)
}

/// Builds an engagement into the folder `out`, each page written as soon as it is
/// rendered, so that memory does not grow with the site. The folder is replaced only
/// when every file is written: on any error, the previous site stays as it was.
pub fn build_to(
    options: &BuildOptions,
    out: &Path,
) -> Result<(Built, site::WriteStats), Diagnostics> {
    let ready = prepare(options, None, None)?;
    let writer = site::Writer::begin(out).map_err(|err| site::write_error(out, &err))?;
    let (built, _) = render_into(
        &options.root,
        ready,
        &ToDisk {
            writer: &writer,
            out,
        },
    )?;
    let stats = writer
        .finish()
        .map_err(|err| site::write_error(out, &err))?;
    Ok((built, stats))
}

/// Where [`build_to`]'s files go: straight into the new site's folder, each page
/// rendered into its file.
struct ToDisk<'a> {
    writer: &'a site::Writer,
    out: &'a Path,
}

impl render::Sink for ToDisk<'_> {
    fn file(&self, file: OutputFile) -> Result<(), Diagnostic> {
        self.writer
            .put(&file)
            .map_err(|err| site::write_error(self.out, &err))
    }

    fn streams(&self) -> bool {
        true
    }

    fn streamed(&self, path: &str, write: render::Streamed) -> Result<(), Diagnostic> {
        self.writer
            .put_streamed(path, write)
            .map_err(|err| site::write_error(self.out, &err))?
    }
}

/// [`build`], also giving back the engagement as the audience saw it (for a practice's
/// home, which sums up each engagement without reading it again).
///
/// In a practice, `practice_home` is the url of the practice's home from the
/// engagement's site (`../../index.html`), which every page links back to; `kept`
/// keeps what the files parsed into for the next build (`serve`).
pub(crate) fn build_keeping(
    options: &BuildOptions,
    practice_home: Option<String>,
    kept: Option<&Kept>,
) -> Result<(Site, model::Engagement), Diagnostics> {
    let files = std::sync::Mutex::new(Vec::new());
    let sink = |file: OutputFile| {
        files.lock().unwrap_or_else(|e| e.into_inner()).push(file);
        Ok(())
    };
    let ready = prepare(options, practice_home, kept)?;
    let (built, engagement) = render_into(&options.root, ready, &sink)?;
    let mut files = files.into_inner().unwrap_or_else(|e| e.into_inner());
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let site = Site {
        files,
        pages: built.pages,
        warnings: built.warnings,
        language: built.language,
        as_of: built.as_of,
    };
    Ok((site, engagement))
}

/// What `serve` keeps of an engagement from one rebuild to the next, so that a save
/// works out again only what it changed: what each file parsed into, and each session
/// note as the reader reads it (ARCHITECTURE.md's "Incremental state").
#[derive(Default)]
pub struct Kept {
    files: load::Cache,
    readers: audience::Readers,
}

impl Kept {
    /// Reads these files again on the next build.
    pub fn forget(&self, paths: &[PathBuf]) {
        self.files.forget(paths);
    }

    /// Reads every file again on the next build.
    pub fn clear(&self) {
        self.files.clear();
    }

    /// Reads these files again on the next build, and, when they are files it read
    /// before, takes them for the only files that changed: the next build neither
    /// walks the folder nor looks at the other files ([`load::Cache::trust`]); `true`
    /// then, and [`Kept::missed`] is to be asked after it.
    pub fn forget_trusting(&self, paths: &[PathBuf]) -> bool {
        self.files.forget(paths);
        self.files.trust(paths)
    }

    /// Whether the folder changed in a way the last build did not read.
    pub fn missed(&self, root: &Path) -> bool {
        self.files.missed(root)
    }
}

/// The engagement loaded and filtered, ready to render: the steps every build shares.
pub struct Ready {
    pub(crate) prepared: render::Prepared,
    pub(crate) theme: render::Theme,
    pub(crate) warnings: Diagnostics,
    pub(crate) as_of: Date,
}

/// A save that changed one note's body alone ([`load::Cache::body_edit`]), as the
/// reader sees it: what [`Ready::take_text`] puts in place.
pub struct TextEdit {
    /// The note's file, relative to the engagement folder.
    pub file: String,
    kind: model::ItemKind,
    id: String,
    /// The new body, as the reader sees it (asides marked or cut).
    body: model::Markdown,
}

/// The save of `path` as a [`TextEdit`], if it changed one note's body alone
/// and the build says nothing of the new body ([`audience::tells_of_body`]: a `%%`
/// never closed or after a number, a section titled private); the files kept take the
/// new parse in.
pub fn text_edit(options: &BuildOptions, kept: &Kept, path: &Path) -> Option<TextEdit> {
    let edit = kept.files.body_edit(&options.root, path)?;
    if audience::tells_of_body(options.audience, &edit.body) {
        return None;
    }
    // A link in a client's or a sponsor's view depends on what else they may see
    // (`audience::filter` reduces one to an item they may not see to its words).
    if options.audience != Audience::Coach
        && markdown::references(&edit.body)
            .iter()
            .any(|r| !r.is_attachment())
    {
        return None;
    }
    Some(TextEdit {
        file: edit.file,
        kind: edit.kind,
        id: edit.id,
        body: audience::body_as(options.audience, &edit.body),
    })
}

impl Ready {
    /// Puts `edit` in place when the reader's links and tags of the note stay as they
    /// were ([`render::Prepared::replace_body`]); `false` otherwise, with nothing
    /// changed.
    pub fn take_text(&mut self, edit: TextEdit) -> bool {
        self.prepared.replace_body(edit.kind, &edit.id, edit.body)
    }
}

/// Loads and filters the engagement and makes what its pages share, reusing what
/// `kept` holds of files that did not change.
pub fn prepare(
    options: &BuildOptions,
    practice_home: Option<String>,
    kept: Option<&Kept>,
) -> Result<Ready, Diagnostics> {
    let root = options.root.as_path();
    // For the test suite only, and absent from release builds: a build that panics
    // while a named file exists, to prove `serve` and `watch` survive a bug.
    #[cfg(debug_assertions)]
    if let Some(name) = std::env::var_os("COACHSITE_TEST_PANIC_WHILE_EXISTS")
        && root.join(name).exists()
    {
        panic!("a panic the test suite asked for");
    }
    markdown::next_build();
    let loaded = load::load_cached_at(root, kept.map(|k| &k.files), options.history_at.as_ref())?;
    let as_of = effective_as_of(
        options.as_of,
        options.as_of_given,
        loaded.engagement.info.end.as_ref().map(|e| e.value),
    );
    let mut warnings = loaded.warnings;
    warnings.extend(audience::check_coach_only_markers(&loaded.engagement));
    // Links the client's or the sponsor's site shows as bare ids: said when building
    // those sites (and by `check`), not in the coach's own view, which `serve` rebuilds
    // on every save.
    if options.audience != Audience::Coach {
        warnings.extend(audience::check_hidden_links(&loaded.engagement));
        warnings.extend(audience::check_private_sections(&loaded.engagement));
    }
    // The sponsor's aggregates are computed over the client's view (a copy); every
    // other audience filters the loaded engagement itself.
    let aggregates = (options.audience == Audience::Sponsor).then(|| {
        insight::Aggregates::of(
            &audience::filter(loaded.engagement.clone(), Audience::Client),
            as_of,
        )
    });
    let engagement = audience::filter_keeping(
        loaded.engagement,
        options.audience,
        kept.map(|k| &k.readers),
    );
    let (theme, theme_warnings) = render::load_theme(root)?;
    warnings.extend(theme_warnings);
    let render_options = render::RenderOptions {
        audience: options.audience,
        as_of,
        base_url: options.base_url.clone(),
        aggregates,
        practice_home,
    };
    let prepared = render::Prepared::new(engagement, render_options)?;
    Ok(Ready {
        prepared,
        theme,
        warnings,
        as_of,
    })
}

/// The files of a site beside its pages and attachments: the style sheet,
/// robots.txt and the calendar feed (`calendar.ics`), then the engagement's static files (a page wins over a static file of
/// the same path, with a warning, which comes back with them).
pub fn beside_pages(
    root: &Path,
    prepared: &render::Prepared,
    theme: &render::Theme,
) -> Result<(Vec<OutputFile>, Vec<Diagnostic>), Diagnostic> {
    let mut files: Vec<OutputFile> = render::site_files(theme).into();
    files.push(render::calendar_file(prepared));
    let taken: std::collections::BTreeSet<String> = prepared
        .paths()
        .map(String::from)
        .chain(files.iter().map(|f| f.path.clone()))
        .collect();
    let (statics, mut warnings) = site::static_files(root, &taken)?;
    // Search's shards are named when the index is cut: none of `static/search/` is copied.
    let (searched, statics): (Vec<OutputFile>, Vec<OutputFile>) = statics
        .into_iter()
        .partition(|f| render::is_search_file(&f.path));
    warnings.extend(searched.iter().map(|f| {
        Diagnostic::warning(
            format!("static/{}", f.path),
            format!(
                "not copied: `{}` is where search's files are",
                render::SHARDS_DIR
            ),
        )
        .with_help("rename the folder in static/")
    }));
    files.extend(statics);
    Ok((files, warnings))
}

/// Every file of the site, each handed to `sink` as it is made: the pages, the style
/// sheet, robots.txt and the calendar feed, the static files and the attachments the
/// pages embed.
fn render_into(
    root: &Path,
    ready: Ready,
    sink: &dyn render::Sink,
) -> Result<(Built, model::Engagement), Diagnostics> {
    let Ready {
        prepared,
        theme,
        mut warnings,
        as_of,
    } = ready;
    prepared.render_all(&theme, sink)?;
    let extra = beside_pages(root, &prepared, &theme).and_then(|(files, static_warnings)| {
        warnings.items.extend(static_warnings);
        let mut taken: std::collections::BTreeSet<String> =
            prepared.paths().map(String::from).collect();
        taken.extend(files.iter().map(|f| f.path.clone()));
        let attachments = site::attachment_files(root, &prepared.attachments(), &taken)?;
        Ok(files.into_iter().chain(attachments))
    });
    let sent = extra.and_then(|files| files.into_iter().try_for_each(|f| sink.file(f)));
    if let Err(d) = sent {
        let mut diags = warnings;
        diags.push(d);
        return Err(diags);
    }
    warnings.sort();
    let built = Built {
        pages: prepared.paths().count(),
        warnings,
        language: prepared.engagement().info.language,
        as_of,
    };
    Ok((built, prepared.into_engagement()))
}

/// [`build`], with a panic (a bug in coachsite) turned into an error like any other,
/// so that `serve` and `watch` keep the last good site, show what went wrong and
/// rebuild on the next save.
pub fn build_guarded(options: &BuildOptions) -> Result<Site, Diagnostics> {
    guarded(|| build(options))
}

/// Runs `f`; a panic inside becomes one error diagnostic that says so.
pub fn guarded<T>(f: impl FnOnce() -> Result<T, Diagnostics>) -> Result<T, Diagnostics> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown".to_string());
        let mut diags = Diagnostics::default();
        diags.push(
            Diagnostic::error("coachsite", format!("internal error: {what}")).with_help(
                "this is a bug in coachsite; please report it with the file you last changed. \
                 The last good site stays; the next save rebuilds",
            ),
        );
        Err(diags)
    })
}

/// Seals every page of a built site with a password (`--encrypt`), in its language.
#[cfg(feature = "encrypt")]
pub fn encrypt(site: &mut Site, key: &encrypt::SiteKey) -> Result<(), String> {
    let t = |w| i18n::word(site.language, w);
    let words = encrypt::LockWords {
        lang: i18n::code(site.language),
        title: t(i18n::Word::LockTitle),
        prompt: t(i18n::Word::LockPrompt),
        button: t(i18n::Word::LockButton),
        working: t(i18n::Word::LockWorking),
        wrong: t(i18n::Word::LockWrong),
        needs_js: t(i18n::Word::LockNeedsJs),
    };
    encrypt::encrypt_site(&mut site.files, key, &words)
}

/// The default output folder of an engagement: `DIR/public`.
pub fn default_output(root: &Path) -> PathBuf {
    root.join("public")
}
