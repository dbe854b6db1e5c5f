//! `coachsite diff`: what a rebuilt site would newly show a reader, against the same
//! reader's site at a git revision, or the site last built into a folder.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{AsOf, fail, report};
use crate::diff::{Line, SiteDiff, diff_sites};
use crate::{Audience, BuildOptions, OutputFile, default_output};

/// Show what a rebuilt site would newly show its reader, before you send it: the pages
/// added and removed, and the lines of text that changed in each page, against the
/// same reader's site at a git revision, or against the site last built into a folder.
///
/// Examples:
///   coachsite diff --audience sponsor HEAD~1     against the sponsor's site one commit ago
///   coachsite diff my-engagement sent-in-june    against the commit tagged when it was sent
///   coachsite diff -o public                     against the site last built into public/
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// [DIR] [REV]: the engagement folder (default: this one) and the git revision to
    /// compare with (a commit, a branch, a tag, HEAD~N). Without REV, the site last
    /// built into OUT. A single argument is DIR when it is a folder with
    /// engagement.yaml, and REV otherwise.
    #[arg(value_name = "DIR|REV", num_args = 0..=2)]
    places: Vec<String>,
    /// Whose site to compare: coach, client or sponsor.
    #[arg(long, value_enum, default_value = "client")]
    audience: Audience,
    /// Without REV: the folder the site was last built into (default DIR/public).
    #[arg(short, long, value_name = "OUT")]
    output: Option<PathBuf>,
    #[command(flatten)]
    as_of: AsOf,
}

/// The engagement folder and the revision, from the arguments as given.
fn places(given: &[String]) -> (PathBuf, Option<String>) {
    match given {
        [dir, rev] => (PathBuf::from(dir), Some(rev.clone())),
        [one] if Path::new(one).join("engagement.yaml").is_file() => (PathBuf::from(one), None),
        [rev] => (PathBuf::from("."), Some(rev.clone())),
        _ => (PathBuf::from("."), None),
    }
}

/// Builds both sites in memory and prints their differences.
pub fn run(args: Args, color: bool) -> ExitCode {
    let (dir, rev) = places(&args.places);
    if dir.as_os_str().is_empty() {
        return fail("the engagement folder given is empty: give a folder, or none for this one");
    }
    if rev.as_ref().is_some_and(|r| r.trim().is_empty()) {
        return fail(
            "the revision to compare with is empty: give a commit, a branch, a tag or HEAD~N, or no revision to compare with the site last built",
        );
    }
    if crate::is_practice(&dir) {
        return fail("diff compares the site of one engagement: give its folder");
    }
    let options = BuildOptions {
        root: dir.clone(),
        audience: args.audience,
        as_of: args.as_of.date(),
        as_of_given: args.as_of.given(),
        base_url: None,
        history_at: None,
    };
    let new = match crate::build_guarded(&options) {
        Ok(site) => site,
        Err(diags) => {
            report(&diags, color);
            return fail("the engagement has errors; fix them to compare its site");
        }
    };
    let (old, against) = match &rev {
        Some(rev) => match at_revision(&options, rev, new.as_of, color) {
            Ok(files) => (files, format!("`{rev}`")),
            Err(message) => return fail(&message),
        },
        None => {
            let out = args.output.clone().unwrap_or_else(|| default_output(&dir));
            match published(&out, args.audience) {
                Ok(files) => (files, out.display().to_string()),
                Err(message) => return fail(&message),
            }
        }
    };
    let diff = diff_sites(&old, &new.files);
    print!(
        "{}",
        words(&diff, &against, args.audience, new.as_of, color)
    );
    ExitCode::SUCCESS
}

/// The reader's site as the engagement was at `rev`, for the same as-of date.
fn at_revision(
    options: &BuildOptions,
    rev: &str,
    as_of: crate::Date,
    color: bool,
) -> Result<Vec<OutputFile>, String> {
    let dir = tempfile::tempdir().map_err(|e| format!("cannot make a temporary folder: {e}"))?;
    let root = dir.path().join("engagement");
    crate::load::export_revision(&options.root, rev, &root)?;
    let then = BuildOptions {
        root,
        as_of,
        as_of_given: true,
        history_at: Some(crate::load::HistoryAt {
            engagement: options.root.clone(),
            rev: rev.to_string(),
        }),
        ..options.clone()
    };
    crate::build_guarded(&then)
        .map(|site| site.files)
        .map_err(|diags| {
            report(&diags, color);
            format!("the engagement at `{rev}` has errors: its site cannot be built to compare")
        })
}

/// The largest page of a built site `diff` reads.
const MAX_PAGE_BYTES: u64 = 64 * 1024 * 1024;

/// The pages of the site last built into `out`, which must be `audience`'s.
fn published(out: &Path, audience: Audience) -> Result<Vec<OutputFile>, String> {
    let out = &crate::site::output_folder(out).map_err(|d| d.message)?;
    let Some(listed) = crate::site::site_files(out) else {
        return Err(format!(
            "{} holds no site coachsite built: build one first, or give a git revision to compare with",
            out.display()
        ));
    };
    let mut files = Vec::new();
    // The pages coachsite wrote, and nothing else the folder holds (a deploy's files).
    for path in listed.into_iter().filter(|p| p.ends_with(".html")) {
        let file = out.join(&path);
        let meta = std::fs::symlink_metadata(&file)
            .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        if !meta.is_file() {
            continue;
        }
        // A page of a built site is at most tens of megabytes (a sessions list of 50,000
        // notes); a larger file is not one coachsite wrote, and is not read.
        if meta.len() > MAX_PAGE_BYTES {
            return Err(format!(
                "{} is larger than a page coachsite writes: give a git revision to compare with",
                file.display()
            ));
        }
        let bytes =
            std::fs::read(&file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        if memchr::memmem::find(&bytes, b"coachsite-lock").is_some() {
            return Err(format!(
                "{} was built with --encrypt: its pages cannot be read to compare; give a git revision instead",
                out.display()
            ));
        }
        files.push(OutputFile { path, bytes });
    }
    let built_for = files
        .iter()
        .find(|f| f.path == "index.html")
        .and_then(|f| audience_of(&f.bytes));
    match built_for {
        Some(a) if a == audience.name() => Ok(files),
        Some(a) => Err(format!(
            "{} holds the {a} site: compare it with --audience {a}, or give the folder of the {} site",
            out.display(),
            audience.name()
        )),
        None => Err(format!(
            "cannot tell whose site {} holds (it was built by an older coachsite): build it again, or give a git revision",
            out.display()
        )),
    }
}

/// The audience a page was built for, from its `coachsite-audience` meta tag.
fn audience_of(page: &[u8]) -> Option<String> {
    let mark = b"<meta name=\"coachsite-audience\" content=\"";
    let at = memchr::memmem::find(page, mark)? + mark.len();
    let end = memchr::memchr(b'"', &page[at..])?;
    Some(String::from_utf8_lossy(&page[at..at + end]).to_string())
}

/// The differences for the terminal.
fn words(
    diff: &SiteDiff,
    against: &str,
    audience: Audience,
    as_of: crate::Date,
    color: bool,
) -> String {
    let paint = |code: &str, text: &str| {
        if color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    };
    let mut out = format!(
        "The {} site as of {as_of}, against {against}: ",
        audience.name()
    );
    if diff.is_empty() {
        out.push_str("no page would change.\n");
        return out;
    }
    out.push_str(&format!(
        "{} page{} added, {} removed, {} changed.\n",
        diff.added.len(),
        if diff.added.len() == 1 { "" } else { "s" },
        diff.removed.len(),
        diff.changed.len()
    ));
    for path in &diff.added {
        out.push_str(&paint("32", &format!("\n+ {path} (new page)")));
    }
    for path in &diff.removed {
        out.push_str(&paint("31", &format!("\n- {path} (no longer on the site)")));
    }
    if !diff.added.is_empty() || !diff.removed.is_empty() {
        out.push('\n');
    }
    for page in &diff.changed {
        out.push_str(&format!("\n{}\n", paint("1", &page.path)));
        for line in &page.lines {
            match line {
                Line::Added(text) => out.push_str(&paint("32", &format!("  + {text}"))),
                Line::Removed(text) => out.push_str(&paint("31", &format!("  - {text}"))),
            }
            out.push('\n');
        }
    }
    out
}
