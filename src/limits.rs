//! The bounds on what an engagement may hold, checked when it is loaded.
//!
//! Every number in the input that sizes a loop, an allocation or a date sum is bounded
//! here, so that no file, however written, can make a build panic, hang or exhaust
//! memory. docs/format.md ("Limits") lists the same numbers for coaches.

/// The largest file coachsite reads (engagement.yaml, plan.yaml, a note, a static file):
/// 8 MiB, some thousand pages of notes.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;
/// Commits of the engagement's git history read for the history of targets, newest first
/// along the first parents: older ones are not looked at.
pub const MAX_HISTORY_COMMITS: usize = 10_000;
/// Files of an engagement folder read from a git revision (`coachsite diff`).
pub const MAX_REVISION_FILES: usize = 100_000;

/// The largest attachment (an image or a PDF beside the notes): 32 MiB, a phone's photo
/// at full resolution several times over.
pub const MAX_ATTACHMENT_BYTES: u64 = 32 * 1024 * 1024;

/// The most tags of one note (its `tags:` and its `#tags`) that make tag pages.
pub const MAX_TAGS_PER_NOTE: usize = 100;

/// The lines and Markdown marks (`[`, `]`, `*`, `_`, `` ` ``, `<`, `!`, `&`, `\`, `|`,
/// `~`, `#`, `=`, `%`) one file may hold: what the Markdown parser and coachsite's own
/// syntax (tags, highlights, asides) make a node of, so what their time and memory grow
/// with (a note of prose has a mark every few hundred bytes; a file of nothing but
/// brackets has millions).
pub const MAX_MARKDOWN_MARKS: usize = 500_000;

/// How many quotes and lists one line may open (`> > - `): each is a container the
/// parser keeps while it reads the line.
pub const MAX_MARKDOWN_NESTING: usize = 64;

/// The links and embeds one file may hold (`[[…]]`, `![[…]]`, `[…](…)`).
pub const MAX_LINKS_PER_NOTE: usize = 10_000;

/// The checkbox tasks of one note read as actions of the plan (`- [ ] …`): more are a
/// warning, and are not actions.
pub const MAX_TASKS_PER_NOTE: usize = 1_000;

/// The `aliases:` of one note that a link may name it by; the others are not read.
pub const MAX_ALIASES_PER_NOTE: usize = 100;

/// The most engagements a practice folder may hold.
pub const MAX_ENGAGEMENTS: usize = 1_000;
/// How deep in a practice folder engagements are looked for, in folders.
pub const MAX_PRACTICE_DEPTH: usize = 8;

/// The most attachments an engagement may hold.
pub const MAX_ATTACHMENTS: usize = 10_000;

/// The longest `.coachsite-output` marker (the list of an output folder's files) that is
/// read back: 50,000 pages make 4 MiB; a folder with a longer one is not taken for a site
/// coachsite wrote (and is refused as an output).
pub const MAX_MARKER_BYTES: u64 = 64 * 1024 * 1024;

/// The most bytes of one page's words that search indexes (some 10,000 words, more than
/// any note needs): a note of random words makes an index this big at most.
pub const MAX_SEARCH_TEXT_BYTES: usize = 64 * 1024;

/// The longest word search indexes, in characters: no word is longer, and the index is a
/// tree of letters, one level per letter (`search.js` drops longer words the same way).
pub const MAX_SEARCH_WORD_CHARS: usize = 64;

/// The most values (keys, list items, texts and numbers) in one YAML file or front
/// matter: serde-saphyr's default node budget.
pub const MAX_YAML_VALUES: usize = 250_000;

/// The first year a date may be in (files and `--as-of`).
pub const FIRST_YEAR: i32 = 1900;
/// The last year a date may be in, inclusive.
pub const LAST_YEAR: i32 = 2200;

/// The most levels a competency scale may have (`max - min + 1`).
pub const MAX_SCALE_LEVELS: i64 = 101;
/// Scale bounds lie within ±this.
pub const MAX_SCALE_BOUND: i64 = 1_000;

/// Measurements, baselines, targets and milestones lie within ±this (a million million).
pub const MAX_VALUE: f64 = 1e12;

/// The largest weight of an objective in the GAS T-score.
pub const MAX_WEIGHT: f64 = 1_000.0;

/// The most key results one objective may have (OKRs have two to five).
pub const MAX_KEY_RESULTS: usize = 20;

/// The longest session, in minutes (a day).
pub const MAX_DURATION_MINUTES: u32 = 24 * 60;
/// `contract.sessions`: the most sessions an engagement may agree.
pub const MAX_CONTRACT_SESSIONS: u32 = 1_000;
/// `contract.hours`: the most hours an engagement may agree.
pub const MAX_CONTRACT_HOURS: f64 = 10_000.0;
/// `contract.cadence_days`: the longest rhythm, a year.
pub const MAX_CADENCE_DAYS: u32 = 366;

/// `zpd.max_levels_per_month` lies in this range (inclusive).
pub const LEVELS_PER_MONTH: (f64, f64) = (0.01, 100.0);
/// `zpd.max_pace_ratio` lies in this range (inclusive).
pub const PACE_RATIO: (f64, f64) = (0.1, 100.0);
/// `scale.reliability`: a reliability of 1 would make every change reliable.
pub const RELIABILITY: (f64, f64) = (0.0, 0.99);
/// `zpd.stalled_after_days` lies in this range (inclusive).
pub const STALLED_AFTER_DAYS: (i64, i64) = (1, 3_650);
/// The longest Dataview query coachsite renders, in bytes; a longer one is left out.
pub const MAX_QUERY_BYTES: usize = 4 * 1024;
/// The most rows a rendered Dataview query shows, whatever its `LIMIT`.
pub const MAX_QUERY_ROWS: usize = 500;
/// The deepest nesting of a Dataview query's `WHERE` or `FROM` (brackets, `!`).
pub const MAX_QUERY_NESTING: usize = 16;
/// The most Dataview queries rendered in one text; the others are left out.
pub const MAX_QUERIES_PER_TEXT: usize = 20;
