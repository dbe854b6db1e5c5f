//! Search: `search.html`, a full-text index of the pages this reader may open (the
//! objectives, the actions and, on the coach's and the client's sites, the session
//! notes and lessons), searched in the browser with elasticlunr.
//!
//! The index is made from the views the pages are rendered from, so it holds the words
//! of this reader's pages and no other: the engagement is filtered before it is built
//! (`audience::filter`), and a page the reader has not got is never indexed.
//!
//! The index is cut into shards beside the page, in `search/`, so that a query loads only
//! what it needs: `words-N.js`, the inverted index cut by the beginnings of its words
//! (`search_shards.rs`), `docs-N.js`, the entries cut by their order, and `lengths.js`,
//! each entry's number of words. `search.html` carries the search code, its words and
//! what the shards are (their prefixes, where each shard of entries starts). Each shard is
//! a script that hands its part to the page (`coachsiteShard(name, part)`), loaded with a
//! `<script>` element, so that search works from `file://` (where a page may not read a
//! file) and offline; `--encrypt` seals each shard's part as it seals a page, and the
//! page opens it with the key the lock page kept. Grafted into empty trees, the shards a
//! query needs give the trees of the whole index under its words (tests hold it), so a
//! search finds what it found when the index was one.
//!
//! The index is elasticlunr's, made by `elasticlunr-rs` and read by elasticlunr.js
//! (embedded, MIT). English is stemmed as elasticlunr.js stems it in the browser;
//! French and German are not stemmed (elasticlunr.js has no stemmer for them) and
//! match by word beginnings instead. Words are trimmed by one Unicode-aware rule,
//! `coachsiteTrimmer`, the same here and in the page's script.

#[cfg(test)]
use elasticlunr::IndexBuilder;
use elasticlunr::Language as IndexLanguage;
use elasticlunr::pipeline::{FnWrapper, Pipeline, PipelineFn};

use serde::Serialize;
use tera::Value;

use rayon::prelude::*;

use super::registry::action_url;
use super::search_index::Index;
use super::search_shards::Shards;
use super::views::Views;
use super::{OutputFile, PageJob, page_value};
use crate::diagnostic::Diagnostic;
use crate::html::{Piece, Pieces, unescape};
use crate::i18n::Word;
use crate::limits::{MAX_SEARCH_TEXT_BYTES, MAX_SEARCH_WORD_CHARS};
use crate::model::Language;

/// The search library the page runs (elasticlunr.js 0.9.5, MIT licensed).
const ELASTICLUNR_JS: &str = include_str!("../../templates/elasticlunr.min.js");
/// The page's own script: reads the query, searches, shows the results.
const SEARCH_JS: &str = include_str!("../../templates/search.js");

/// One page (or, for an action, one place on a page) the index can find.
#[derive(Serialize)]
pub(super) struct Doc {
    /// What it is, in the site's language ("Session").
    #[serde(rename = "k")]
    kind: &'static str,
    #[serde(rename = "u")]
    url: String,
    #[serde(rename = "t")]
    title: String,
    #[serde(rename = "d")]
    date: String,
    /// The words of the page as it shows them, for the snippet under a result.
    #[serde(rename = "x")]
    text: String,
}

impl Doc {
    /// A page's entry from what it shows: its title, its plain texts (from YAML) and
    /// the HTML of its Markdown texts.
    pub(super) fn new(
        v: &Views,
        kind: Word,
        (url, title, date): (&str, &str, &str),
        plain: &[&str],
        html: &[&str],
    ) -> Doc {
        // The Markdown first: the snippet under a result starts where the notes do.
        let mut words: Vec<String> = html.iter().map(|h| text_of_html(h)).collect();
        words.extend(plain.iter().map(|p| p.to_string()));
        words.retain(|w| !w.trim().is_empty());
        let text = capped(collapse_spaces(&words.join(" · ")));
        Doc {
            kind: v.t(kind),
            url: url.to_string(),
            title: title.to_string(),
            date: date.to_string(),
            text,
        }
    }
}

/// The actions of the plan, each found at its place on the plan page: its title, owner,
/// note and the notes of its reviews, as the plan page shows them.
pub(super) fn action_docs(v: &Views) -> Vec<Doc> {
    v.e.plan
        .actions
        .iter()
        .map(|a| {
            let mut words: Vec<&str> = Vec::new();
            words.extend(a.note.as_deref());
            words.extend(a.reviews.iter().filter_map(|r| r.note.as_deref()));
            words.extend(a.owner.as_deref());
            words.retain(|w| !w.trim().is_empty());
            Doc {
                kind: v.t(Word::SearchKindAction),
                url: action_url(&a.id.value),
                title: a.title.clone(),
                date: a.due.map(|d| v.date(d)).unwrap_or_default(),
                text: capped(collapse_spaces(&words.join(" · "))),
            }
        })
        .collect()
}

/// `search.html` before its index is made: what it needs, owned, so that the index (the
/// one long serial step of a build) is made while the other pages render.
pub(super) struct SearchPage {
    language: Language,
    scope: String,
    words: String,
    docs: Vec<Doc>,
}

/// The folder of search's shards, beside `search.html`.
pub const SHARDS_DIR: &str = "search/";

/// The most bytes a shard of the index is cut to (about), whatever the site's size,
/// and the fewest: a shard is a sixteenth of the index between the two.
const WORD_SHARD_BYTES: (usize, usize) = (2 * 1024, 128 * 1024);
/// The same for the shards of the entries (titles, urls and words shown under a result).
const DOC_SHARD_BYTES: (usize, usize) = (2 * 1024, 64 * 1024);

/// A budget between `(min, max)`: a sixteenth of `total`.
fn budget(total: usize, (min, max): (usize, usize)) -> usize {
    (total / 16).clamp(min, max)
}

impl SearchPage {
    /// The page, which says which shards there are, and the shards: the index cut by
    /// the beginnings of its words (`search/words-<n>.js`), the entries by their order
    /// (`search/docs-<n>.js`) and how many words each entry's fields have
    /// (`search/lengths.js`), each a script that hands its part to the page.
    pub(super) fn job(self) -> (PageJob, SearchFiles) {
        let fields: Vec<[&str; 2]> = (self.docs.iter())
            .map(|d| [d.title.as_str(), d.text.as_str()])
            .collect();
        let index = Index::titled(&Words(self.language), &fields);
        drop(fields);
        let (head, lengths, count) = (index.head(), index.lengths(), index.len());
        let shards = Shards::new(index, |total| budget(total, WORD_SHARD_BYTES));
        let starts = doc_starts(&self.docs);
        let data = format!(
            "{{\"index\":{head},\"count\":{count},\"shards\":{},\"docs\":{}}}",
            serde_json::to_string(shards.prefixes()).unwrap_or_else(|_| "[]".into()),
            serde_json::to_string(&starts).unwrap_or_else(|_| "[]".into()),
        );
        let page = page_value([
            ("scope", Value::from(self.scope)),
            ("count", Value::from(self.docs.len())),
            ("data", Value::from(script_safe(data))),
            ("words", Value::from(self.words)),
            ("library", Value::from(ELASTICLUNR_JS)),
            ("script", Value::from(SEARCH_JS)),
        ]);
        let job = PageJob {
            path: "search.html".into(),
            template: "search.html",
            current: "search",
            crumbs: vec![],
            page,
        };
        let files = SearchFiles {
            docs: self.docs,
            starts,
            shards,
            lengths,
        };
        (job, files)
    }
}

/// Where each shard of the entries starts: entries in order, a shard closed when it
/// holds about [`DOC_SHARD_BYTES`] of them.
fn doc_starts(docs: &[Doc]) -> Vec<usize> {
    let size =
        |d: &Doc| d.kind.len() + d.url.len() + d.title.len() + d.date.len() + d.text.len() + 40;
    let total: usize = docs.iter().map(size).sum();
    let budget = budget(total, DOC_SHARD_BYTES);
    let mut starts = vec![0];
    let mut held = 0;
    for (i, doc) in docs.iter().enumerate() {
        if held > 0 && held + size(doc) > budget {
            starts.push(i);
            held = 0;
        }
        held += size(doc);
    }
    starts
}

/// Search's files beside its page, made once the page is: see [`SearchPage::job`].
pub(super) struct SearchFiles {
    docs: Vec<Doc>,
    starts: Vec<usize>,
    shards: Shards,
    lengths: String,
}

impl SearchFiles {
    /// How many files there are.
    fn len(&self) -> usize {
        1 + self.shards.prefixes().len() + self.starts.len()
    }

    /// File `i`: the lengths, then the index's shards, then the entries'.
    fn file(&self, i: usize) -> OutputFile {
        let words = self.shards.prefixes().len();
        let mut payload = String::new();
        let name = if i == 0 {
            payload.push_str(&self.lengths);
            "lengths".to_string()
        } else if i <= words {
            // Writing to a `String` cannot fail.
            let _ = self.shards.write(i - 1, &mut payload);
            format!("words-{}", i - 1)
        } else {
            let n = i - 1 - words;
            let end = self.starts.get(n + 1).copied().unwrap_or(self.docs.len());
            payload.push('[');
            for (at, doc) in self.docs[self.starts[n]..end].iter().enumerate() {
                if at > 0 {
                    payload.push(',');
                }
                payload.push_str(&serde_json::to_string(doc).unwrap_or_else(|_| "null".into()));
            }
            payload.push(']');
            format!("docs-{n}")
        };
        OutputFile {
            path: format!("{SHARDS_DIR}{name}.js"),
            bytes: shard_text(&name, &payload).into_bytes(),
        }
    }

    /// Every file, each handed to `put` as soon as it is made (in parallel).
    pub(super) fn each(
        &self,
        put: &(dyn Fn(OutputFile) -> Result<(), Diagnostic> + Sync),
    ) -> Result<(), Diagnostic> {
        (0..self.len())
            .into_par_iter()
            .try_for_each(|i| put(self.file(i)))
    }

    /// Every file, in order.
    pub(super) fn all(&self) -> Vec<OutputFile> {
        (0..self.len())
            .into_par_iter()
            .map(|i| self.file(i))
            .collect()
    }
}

/// A shard's script: it hands its part (`payload`, JSON) to the page, which loaded it
/// with a `<script>` element (from `file://` too, where a page may not read a file).
pub fn shard_text(name: &str, payload: &str) -> String {
    format!("coachsiteShard(\"{name}\",{payload});\n")
}

/// What a shard's script hands to the page: its name and its part, as JSON; `None` for
/// a file that is not one of search's shards.
pub fn shard_payload<'a>(path: &str, bytes: &'a [u8]) -> Option<(&'a str, &'a str)> {
    let name = path.strip_suffix(".js")?.rsplit_once('/')?;
    let folder = SHARDS_DIR.trim_end_matches('/');
    if name.0 != folder && !name.0.ends_with(&format!("/{folder}")) {
        return None;
    }
    let text = std::str::from_utf8(bytes).ok()?;
    let rest = text.strip_prefix("coachsiteShard(\"")?;
    let (named, rest) = rest.split_once("\",")?;
    let payload = rest.strip_suffix(");\n")?;
    (named == name.1).then_some((named, payload))
}

/// Whether `path` is one of search's files (its page or a shard), at the top of a site.
pub fn is_search_file(path: &str) -> bool {
    path == "search.html" || path.starts_with(SHARDS_DIR)
}

/// `search.html`: the form, the results, and the index of `docs` inside the page.
pub(super) fn search_page(v: &Views, docs: Vec<Doc>) -> SearchPage {
    let words = [
        ("none", Word::SearchNone),
        ("common", Word::SearchCommon),
        ("one", Word::SearchOne),
        ("many", Word::SearchMany),
        ("more", Word::SearchMore),
        ("failed", Word::SearchFailed),
    ]
    .map(|(key, text)| (key, v.t(text)));
    let words: std::collections::BTreeMap<&str, &str> = words.into_iter().collect();
    SearchPage {
        language: v.lang,
        scope: scope(v, &docs),
        words: script_json(&words),
        docs,
    }
}

/// What this reader's search finds words in, named from what its index holds: "Finds
/// words in the objectives and actions of this site." (never a kind it has none of).
fn scope(v: &Views, docs: &[Doc]) -> String {
    let kinds = [
        (Word::Objective, Word::SearchInObjectives),
        (Word::SearchKindAction, Word::SearchInActions),
        (Word::Session, Word::SearchInSessions),
        (Word::SearchKindLesson, Word::SearchInLessons),
    ];
    let names: Vec<&str> = kinds
        .iter()
        .filter(|(kind, _)| docs.iter().any(|d| d.kind == v.t(*kind)))
        .map(|(_, name)| v.t(*name))
        .collect();
    let list = match names.as_slice() {
        [] => return v.t(Word::SearchScopeNothing).to_string(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} {} {last}", rest.join(", "), v.t(Word::And)),
    };
    v.t(Word::SearchScope).replace("{list}", &list)
}

/// At most [`MAX_SEARCH_TEXT_BYTES`] of a page's words, cut before a word.
fn capped(mut text: String) -> String {
    if text.len() > MAX_SEARCH_TEXT_BYTES {
        let mut end = MAX_SEARCH_TEXT_BYTES;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let end = text[..end].rfind(' ').unwrap_or(end);
        text.truncate(end);
    }
    text
}

/// JSON for inside a `<script>` element: `<` (the only way out of one) escaped.
fn script_json<T: Serialize + ?Sized>(value: &T) -> String {
    script_safe(serde_json::to_string(value).unwrap_or_else(|_| "null".into()))
}

/// JSON text with `<` escaped, copied only if it has one.
fn script_safe(json: String) -> String {
    if json.contains('<') {
        json.replace('<', "\\u003c")
    } else {
        json
    }
}

/// How words are cut and compared, for the index here and the query in the browser.
struct Words(Language);

impl IndexLanguage for Words {
    fn name(&self) -> String {
        match self.0 {
            Language::En => "English".into(),
            Language::Fr => "French".into(),
            Language::De => "German".into(),
        }
    }

    fn code(&self) -> String {
        crate::i18n::code(self.0).into()
    }

    fn tokenize(&self, text: &str) -> Vec<String> {
        elasticlunr::lang::tokenize_whitespace(text)
    }

    fn make_pipeline(&self) -> Pipeline {
        let mut queue: Vec<Box<dyn PipelineFn>> =
            vec![Box::new(FnWrapper("coachsiteTrimmer".into(), trim))];
        if self.0 == Language::En {
            // elasticlunr's own stop words and stemmer, after its trimmer (replaced).
            let english = elasticlunr::lang::English::new().make_pipeline();
            queue.extend(english.queue.into_iter().skip(1));
        }
        Pipeline { queue }
    }
}

/// A token without the marks around it: what is neither a letter, a digit nor `_` is
/// cut from both ends, and a token longer than [`MAX_SEARCH_WORD_CHARS`] is dropped
/// (`search.js` registers the same rule under the same name).
fn trim(token: String) -> Option<String> {
    let trimmed = token.trim_matches(|c: char| !(c.is_alphanumeric() || c == '_'));
    (!trimmed.is_empty() && trimmed.chars().count() <= MAX_SEARCH_WORD_CHARS)
        .then(|| trimmed.to_string())
}

/// The text a reader sees in an HTML fragment of ours: tags left out (a block's edge
/// becomes a space, an inline tag nothing), the entities we write read back, and runs
/// of white space made one space.
pub(super) fn text_of_html(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    for piece in Pieces::new(html) {
        match piece {
            Piece::Text(text) => out.push_str(text),
            Piece::Tag(tag) => {
                if !INLINE.contains(&&*tag.name()) {
                    out.push(' ');
                }
            }
            // A `<` never closed, and what follows it, is left out.
            Piece::Unclosed(_) => {}
        }
    }
    collapse_spaces(&unescape(&out))
}

/// Tags inside a line of text, which do not separate words.
const INLINE: &[&str] = &[
    "a", "em", "strong", "code", "mark", "span", "del", "sup", "sub", "abbr", "b", "i", "u", "s",
    "small", "kbd",
];

fn collapse_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_of_html_keeps_words_apart_across_blocks_only() {
        assert_eq!(
            text_of_html(
                "<h2 id=\"x\">Budget</h2><p>un<em>believ</em>able &amp; <a href=\"a.html\">true</a></p><ul><li>one</li><li>two</li></ul>"
            ),
            "Budget unbelievable & true one two"
        );
        assert_eq!(text_of_html("a &lt;b&gt; c"), "a <b> c");
        assert_eq!(text_of_html("broken <p"), "broken");
        // A tag's name is read as HTML reads it, in any case.
        assert_eq!(
            text_of_html("un<EM>believ</Em>able<BR/>x"),
            "unbelievable x"
        );
        // Every character reference, as diff reads them (`html::unescape`).
        assert_eq!(
            text_of_html("<p>caf&eacute;, caf&#233;, caf&#xE9;&nbsp;!</p>"),
            "café, café, café !"
        );
    }

    #[test]
    fn the_trimmer_keeps_letters_of_any_script() {
        assert_eq!(trim("«évaluation».".into()).as_deref(), Some("évaluation"));
        assert_eq!(trim("(Müller),".into()).as_deref(), Some("Müller"));
        assert_eq!(trim("—".into()), None);
        assert_eq!(trim("_id_".into()).as_deref(), Some("_id_"));
        // A word longer than any word (one level of the index per letter) is left out,
        // in the page's script too.
        assert_eq!(
            trim("é".repeat(MAX_SEARCH_WORD_CHARS)).map(|t| t.chars().count()),
            Some(64)
        );
        assert_eq!(trim("é".repeat(MAX_SEARCH_WORD_CHARS + 1)), None);
        assert!(SEARCH_JS.contains(&format!("var MAX_WORD = {MAX_SEARCH_WORD_CHARS};")));
    }

    #[test]
    fn english_is_stemmed_and_stop_words_dropped_other_languages_only_trimmed() {
        let en = Words(Language::En).make_pipeline();
        let names: Vec<String> = en.queue.iter().map(|f| f.name()).collect();
        assert_eq!(names, ["coachsiteTrimmer", "stopWordFilter", "stemmer"]);
        assert_eq!(
            en.run(vec!["the".into(), "negotiations.".into()]),
            ["negoti"]
        );
        let fr = Words(Language::Fr).make_pipeline();
        assert_eq!(
            fr.run(vec!["«négociations»".into(), "les".into()]),
            ["négociations", "les"]
        );
    }

    #[test]
    fn a_page_s_words_are_indexed_up_to_the_limit_and_cut_before_a_word() {
        let long = "été ".repeat(MAX_SEARCH_TEXT_BYTES);
        let cut = capped(long);
        assert!(cut.len() <= MAX_SEARCH_TEXT_BYTES && cut.len() > MAX_SEARCH_TEXT_BYTES - 8);
        assert!(cut.ends_with("été"), "{}", &cut[cut.len() - 10..]);
        assert_eq!(capped("short text".into()), "short text");
    }

    /// The index as `elasticlunr-rs` makes it, one document at a time.
    fn by_the_crate(language: Language, docs: &[[&str; 2]]) -> String {
        let mut index = IndexBuilder::with_language(Box::new(Words(language)))
            .save_docs(false)
            .add_fields(super::super::search_index::FIELDS)
            .build();
        for (i, fields) in docs.iter().enumerate() {
            index.add_doc(&i.to_string(), fields);
        }
        index.to_json()
    }

    #[test]
    fn the_parallel_index_is_byte_for_byte_elasticlunr_rs_s() {
        let texts = [
            [
                "Kick-off and objectives",
                "The team mapped its week; Ana led the mapping. Negotiations, negotiating!",
            ],
            ["", ""],
            [
                "«Évaluation» — été",
                "don't \"quoted\" back\\slash über-große Müller naïve 日本語 ① 2026-03-17",
            ],
            ["Sprint 1", "sprint sprint SPRINT sprints the and of a"],
        ];
        // More than ten documents, so that refs sort as strings ("10" before "2").
        let mut docs: Vec<[&str; 2]> = Vec::new();
        for i in 0..12 {
            docs.push(texts[i % texts.len()]);
        }
        for language in [Language::En, Language::Fr, Language::De] {
            let ours = super::super::search_index::index_json(&Words(language), &docs);
            assert_eq!(ours, by_the_crate(language, &docs), "{language:?}");
        }
        // A body that holds its title, made without a copy: as if written out in full.
        let written: Vec<String> = docs.iter().map(|[t, b]| format!("{t} {b}")).collect();
        let titled: Vec<[&str; 2]> = docs
            .iter()
            .zip(&written)
            .map(|([t, _], w)| [*t, w.as_str()])
            .collect();
        for language in [Language::En, Language::Fr] {
            assert_eq!(
                super::super::search_index::index_json_titled(&Words(language), &docs),
                super::super::search_index::index_json(&Words(language), &titled),
            );
        }
        let none: Vec<[&str; 2]> = Vec::new();
        assert_eq!(
            super::super::search_index::index_json(&Words(Language::En), &none),
            by_the_crate(Language::En, &none)
        );
    }

    proptest::proptest! {
        #[test]
        fn any_text_gives_the_crate_s_index(
            a in "[a-zA-Zéü'’\" ,.!?-]{0,80}",
            b in "\\PC{0,120}",
            c in "(sprint|the|negotiation|été|x|Review|-|!| ){0,30}",
        ) {
            let docs = [[a.as_str(), b.as_str()], [c.as_str(), a.as_str()], [b.as_str(), c.as_str()]];
            for language in [Language::En, Language::De] {
                let ours = super::super::search_index::index_json(&Words(language), &docs);
                proptest::prop_assert_eq!(ours, by_the_crate(language, &docs));
            }
        }
    }

    #[test]
    fn the_page_names_its_shards_and_each_shard_hands_its_part_to_the_page() {
        let doc = |title: &str, text: &str| Doc {
            kind: "Session",
            url: "sessions/a.html".into(),
            title: title.into(),
            date: "1 March 2026".into(),
            text: text.into(),
        };
        let docs = vec![
            doc("</script> a<b", "x<y and <p> in the notes"),
            doc("Kick-off", "plain words"),
        ];
        let page = SearchPage {
            language: Language::En,
            scope: String::new(),
            words: String::new(),
            docs,
        };
        let (job, files) = page.job();
        let data = job
            .page
            .get_from_path("data")
            .and_then(Value::as_str)
            .unwrap()
            .to_string();
        assert!(!data.contains('<'), "{data}");
        let data: serde_json::Value = serde_json::from_str(&data).unwrap();
        assert_eq!(data["count"], 2);
        assert_eq!(data["shards"], serde_json::json!([""]));
        assert_eq!(data["docs"], serde_json::json!([0]));
        assert_eq!(data["index"]["lang"], "English");
        let files = files.all();
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            ["search/lengths.js", "search/words-0.js", "search/docs-0.js"]
        );
        let part = |path: &str| -> serde_json::Value {
            let file = files.iter().find(|f| f.path == path).unwrap();
            let (name, json) = shard_payload(&file.path, &file.bytes).expect("a shard");
            assert_eq!(format!("search/{name}.js"), path);
            serde_json::from_str(json).unwrap()
        };
        assert_eq!(part("search/docs-0.js")[0]["t"], "</script> a<b");
        assert_eq!(part("search/docs-0.js")[1]["x"], "plain words");
        assert_eq!(
            part("search/lengths.js"),
            serde_json::json!([[5, 2], [3, 1]])
        );
        // The word `a<b` of the title, one letter a level.
        assert!(part("search/words-0.js")["title"]["a"]["<"]["b"]["docs"]["0"].is_object());
        // Only search's files are shards.
        assert_eq!(
            shard_payload("style.css", b"coachsiteShard(\"x\",1);\n"),
            None
        );
        assert_eq!(shard_payload("search/x.js", b"alert(1)"), None);
        assert_eq!(
            shard_payload("search/y.js", b"coachsiteShard(\"x\",1);\n"),
            None
        );
    }

    #[test]
    fn more_distinct_words_than_the_threads_keep_give_the_crate_s_index() {
        // Past the words one thread keeps (1,000 in tests), it starts again.
        let texts: Vec<String> = (0..30)
            .map(|d| (0..100).map(|w| format!("w{d}x{w} ")).collect())
            .collect();
        let docs: Vec<[&str; 2]> = texts.iter().map(|t| ["sprint", t.as_str()]).collect();
        let ours = super::super::search_index::index_json(&Words(Language::En), &docs);
        assert_eq!(ours, by_the_crate(Language::En, &docs));
    }

    proptest::proptest! {
        #[test]
        fn the_index_cuts_tokens_as_the_language_s_tokenizer_does(text in "\\PC{0,200}") {
            let ours: Vec<String> = super::super::search_index::tokens(&text)
                .map(|t| t.trim().to_lowercase())
                .collect();
            for language in [Language::En, Language::Fr, Language::De] {
                proptest::prop_assert_eq!(&ours, &Words(language).tokenize(&text));
            }
        }
    }

    #[test]
    fn script_json_cannot_close_the_script() {
        let json = script_json(&["</script><script>alert(1)</script>"]);
        assert!(!json.contains('<'));
        let back: Vec<String> = serde_json::from_str(&json).unwrap();
        assert_eq!(back[0], "</script><script>alert(1)</script>");
    }
}
