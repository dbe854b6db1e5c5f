//! elasticlunr's index, made in parallel: the same JSON, byte for byte, as
//! `elasticlunr-rs`'s `Index::to_json` (a test holds the two side by side), in a
//! fraction of the time.
//!
//! `elasticlunr-rs` adds documents one at a time into a tree of letters of `BTreeMap`s
//! and then serialises the tree: 380 ms of one core for 5,000 notes, the longest serial
//! step of a build. Here each document's words go through the same pipeline (its
//! trimmer, stop words and stemmer) in parallel, the postings are gathered per word, and
//! the tree is written straight from the sorted words, one field on each core. Words
//! repeat, so each thread runs the pipeline once a distinct token (`Seen`): that was a
//! quarter of a build's time, four allocations a token.
//!
//! A site's index is written in shards (`search_shards.rs`), each a part of this tree
//! written by the same [`node`]; the whole tree ([`Index::write`]) is written by the
//! tests alone, which hold it to `elasticlunr-rs`'s and the shards put together to it.

use std::collections::HashMap;
use std::fmt::{self, Write as _};

use xxhash_rust::xxh3::Xxh3DefaultBuilder;

use rayon::prelude::*;

use elasticlunr::pipeline::Pipeline;

/// The fields of every entry, in this order (elasticlunr's `fields`).
pub(super) const FIELDS: [&str; 2] = ["title", "body"];

/// One field of one entry after the pipeline: how many words, and each distinct word
/// with how often it occurs, sorted.
struct Counted {
    len: usize,
    /// The distinct words, one after the other (one allocation a document, not one a
    /// word: at 50,000 notes that is 150 MB less).
    text: String,
    /// Where each word ends in `text`, and how many times it comes.
    words: Vec<(u32, u32)>,
}

impl Counted {
    /// The distinct words in order, each with how many times it comes.
    fn words(&self) -> impl Iterator<Item = (&str, u32)> {
        let mut start = 0;
        self.words.iter().map(move |&(end, n)| {
            let word = &self.text[start..end as usize];
            start = end as usize;
            (word, n)
        })
    }
}

/// The index of `docs` (for each entry, its fields in [`FIELDS`] order; entry `i` is
/// document `"i"`), for a language (its name, its tokenizer and pipeline).
#[cfg(test)]
pub(super) fn index_json<L>(language: &L, docs: &[[&str; 2]]) -> String
where
    L: elasticlunr::Language + Sync,
{
    let mut out = String::new();
    // Writing to a `String` cannot fail.
    let _ = Index::new(language, docs.len(), |i, field| &docs[i][field..=field]).write(&mut out);
    out
}

/// [`index_json`] of entries given as their title and their text, where the body field
/// holds the title's words then the text's (as if it were the title, a space and the
/// text, with no copy of either).
#[cfg(test)]
pub(super) fn index_json_titled<L>(language: &L, docs: &[[&str; 2]]) -> String
where
    L: elasticlunr::Language + Sync,
{
    let mut out = String::new();
    // Writing to a `String` cannot fail.
    let _ = Index::titled(language, docs).write(&mut out);
    out
}

/// The index of `n` documents, counted but not yet written: each field of each entry
/// after the pipeline. Written whole ([`Index::write`], elasticlunr's JSON) or in shards
/// ([`Index::shards`]).
pub(super) struct Index {
    counted: Vec<[Counted; 2]>,
    /// Document refs are strings, ordered as strings ("10" before "2").
    refs: Vec<String>,
    by_ref: Vec<usize>,
    pipeline: Vec<String>,
    lang: String,
}

impl Index {
    /// The index of `n` documents, each field of each given as the texts whose words it
    /// holds, in order.
    fn new<'a, L>(
        language: &L,
        n: usize,
        parts: impl Fn(usize, usize) -> &'a [&'a str] + Sync,
    ) -> Index
    where
        L: elasticlunr::Language + Sync,
    {
        let counted: Vec<[Counted; 2]> = (0..n)
            .into_par_iter()
            .map_init(
                || (language.make_pipeline(), Seen::default()),
                |(pipeline, seen), i| [0, 1].map(|field| count(pipeline, seen, parts(i, field))),
            )
            .collect();
        let refs: Vec<String> = (0..counted.len()).map(|i| i.to_string()).collect();
        let mut by_ref: Vec<usize> = (0..counted.len()).collect();
        by_ref.sort_by(|a, b| refs[*a].cmp(&refs[*b]));
        let pipeline = (language.make_pipeline().queue.iter())
            .map(|f| f.name())
            .collect();
        Index {
            counted,
            refs,
            by_ref,
            pipeline,
            lang: language.name(),
        }
    }

    /// The index of entries given as their title and their text, where the body field
    /// holds the title's words then the text's.
    pub(super) fn titled<L>(language: &L, docs: &[[&str; 2]]) -> Index
    where
        L: elasticlunr::Language + Sync,
    {
        Index::new(language, docs.len(), |i, field| {
            if field == 0 {
                &docs[i][..1]
            } else {
                &docs[i][..]
            }
        })
    }

    /// How many entries it has.
    pub(super) fn len(&self) -> usize {
        self.counted.len()
    }

    /// What elasticlunr's JSON says before its trees: `{"fields":…,"pipeline":…,"ref":"id",
    /// "version":"0.9.5"`, without its closing brace.
    fn write_head<W: fmt::Write + ?Sized>(&self, out: &mut W) -> fmt::Result {
        out.write_str("{\"fields\":")?;
        out.write_str(&json(&FIELDS))?;
        out.write_str(",\"pipeline\":")?;
        out.write_str(&json(&self.pipeline))?;
        out.write_str(",\"ref\":\"id\",\"version\":\"0.9.5\"")
    }

    /// What the browser makes its index from before any shard: elasticlunr's JSON with
    /// empty trees and no documents, and the language's name.
    pub(super) fn head(&self) -> String {
        let mut out = String::new();
        // Writing to a `String` cannot fail.
        let _ = self.write_head(&mut out);
        out.push_str(",\"lang\":");
        out.push_str(&json(&self.lang));
        out.push('}');
        out
    }

    /// Each entry's number of words, `[body, title]`, in entry order (elasticlunr's
    /// `docInfo`).
    pub(super) fn lengths(&self) -> String {
        let mut out = String::with_capacity(self.counted.len() * 10 + 2);
        out.push('[');
        for (i, [t, b]) in self.counted.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            // Writing to a `String` cannot fail.
            let _ = write!(out, "[{},{}]", b.len, t.len);
        }
        out.push(']');
        out
    }

    /// elasticlunr's JSON, whole, at the end of `out`. The body's tree (the index's bulk:
    /// tens of megabytes at 50,000 notes) is written straight into `out` while the
    /// title's is made beside it.
    #[cfg(test)]
    pub(super) fn write<W: fmt::Write + Send + ?Sized>(&self, out: &mut W) -> fmt::Result {
        let (counted, refs, by_ref) = (&self.counted, &self.refs, &self.by_ref);
        self.write_head(out)?;
        out.write_str(",\"index\":{\"body\":")?;
        let (body, title) = rayon::join(
            || field_tree(&postings(counted, 1, by_ref), refs, out),
            || {
                let mut title = String::new();
                // Writing to a `String` cannot fail.
                let _ = field_tree(&postings(counted, 0, by_ref), refs, &mut title);
                title
            },
        );
        body?;
        out.write_str(",\"title\":")?;
        out.write_str(&title)?;
        drop(title);
        out.write_str("},\"documentStore\":{\"save\":false,\"docs\":{")?;
        for (n, i) in by_ref.iter().enumerate() {
            if n > 0 {
                out.write_char(',')?;
            }
            write!(out, "\"{}\":{{}}", refs[*i])?;
        }
        out.write_str("},\"docInfo\":{")?;
        for (n, i) in by_ref.iter().enumerate() {
            if n > 0 {
                out.write_char(',')?;
            }
            let [t, b] = &counted[*i];
            write!(
                out,
                "\"{}\":{{\"body\":{},\"title\":{}}}",
                refs[*i], b.len, t.len
            )?;
        }
        write!(
            out,
            "}},\"length\":{}}},\"lang\":{}}}",
            counted.len(),
            json(&self.lang)
        )
    }

    /// Each field's words (title, body) with their postings, sorted, and the refs.
    pub(super) fn into_postings(self) -> (Fields, Vec<String>) {
        let owned = |field: usize| -> Vec<(Box<str>, Postings)> {
            (postings(&self.counted, field, &self.by_ref).into_iter())
                .map(|(word, postings)| (Box::from(word), postings))
                .collect()
        };
        let (body, title) = rayon::join(|| owned(1), || owned(0));
        ([title, body], self.refs)
    }
}

/// What the pipeline made of each token one thread has seen (words repeat: a few
/// thousand distinct ones over a million tokens), each distinct word made once by an
/// id. Emptied before a field when it holds [`Seen::MAX`] tokens, so a folder of random
/// words cannot make it grow without end (a field adds at most the 64 KiB of words of a
/// page, `limits`).
#[derive(Default)]
struct Seen {
    /// A token as written (before it is lowercased) → the id of its word, or `None`
    /// when the pipeline drops it (a stop word, a mark alone).
    tokens: HashMap<Box<str>, Option<u32>, Xxh3DefaultBuilder>,
    /// A word → its id.
    ids: HashMap<Box<str>, u32, Xxh3DefaultBuilder>,
    /// Each id's word.
    words: Vec<Box<str>>,
}

impl Seen {
    const MAX: usize = if cfg!(test) { 1_000 } else { 200_000 };

    /// The id of what `pipeline` makes of `token` (lowercased first, as
    /// elasticlunr's tokenizer does), if it keeps it.
    fn word(&mut self, pipeline: &Pipeline, token: &str) -> Option<u32> {
        if let Some(id) = self.tokens.get(token) {
            return *id;
        }
        let made = pipeline.run(vec![token.trim().to_lowercase()]).pop();
        let id = made.map(|word| match self.ids.get(word.as_str()) {
            Some(id) => *id,
            None => {
                // Fewer than `MAX` words at any time.
                let id = self.words.len() as u32;
                self.words.push(word.clone().into());
                self.ids.insert(word.into(), id);
                id
            }
        });
        self.tokens.insert(token.into(), id);
        id
    }
}

/// The tokens of a text as `elasticlunr::lang::tokenize_whitespace` cuts them (the
/// tokenizer of [`super::search::Words`], held equal by a test), before it lowercases
/// them.
pub(super) fn tokens(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| c.is_whitespace() || c == '-')
        .filter(|s| !s.is_empty())
}

/// A field's words (those of each of its texts, in order) after the tokenizer and the
/// pipeline, counted.
fn count(pipeline: &Pipeline, seen: &mut Seen, texts: &[&str]) -> Counted {
    if seen.tokens.len() >= Seen::MAX {
        *seen = Seen::default();
    }
    let mut ids: Vec<u32> = texts
        .iter()
        .flat_map(|text| tokens(text))
        .filter_map(|token| seen.word(pipeline, token))
        .collect();
    let len = ids.len();
    // Counted by id, then the distinct words (far fewer) sorted as text.
    ids.sort_unstable();
    let mut distinct: Vec<(u32, u32)> = Vec::new();
    for id in ids {
        match distinct.last_mut() {
            Some((last, n)) if *last == id => *n += 1,
            _ => distinct.push((id, 1)),
        }
    }
    let words = &seen.words;
    distinct.sort_unstable_by(|a, b| words[a.0 as usize].cmp(&words[b.0 as usize]));
    let mut counted = Counted {
        len,
        text: String::with_capacity(
            distinct
                .iter()
                .map(|(id, _)| words[*id as usize].len())
                .sum(),
        ),
        words: Vec::with_capacity(distinct.len()),
    };
    for (id, n) in distinct {
        counted.text.push_str(&words[id as usize]);
        // Capped texts are far below 4 GiB.
        counted.words.push((counted.text.len() as u32, n));
    }
    counted
}

/// One word's postings: (document, how many times it comes there), in the order of
/// the refs; the term frequency written is the count's square root. Half the memory
/// of a `(usize, f64)`: at 50,000 notes there are millions.
pub(super) type Postings = Vec<(u32, u32)>;

/// The words of each field (title, body), each with its postings, sorted.
pub(super) type Fields = [Vec<(Box<str>, Postings)>; 2];

/// The words of one field, each with its postings, sorted.
fn postings<'c>(
    counted: &'c [[Counted; 2]],
    field: usize,
    by_ref: &[usize],
) -> Vec<(&'c str, Postings)> {
    let mut postings: HashMap<&str, Postings> = HashMap::new();
    for &doc in by_ref {
        for (word, n) in counted[doc][field].words() {
            // Documents are far fewer than 4 billion (`limits`).
            postings.entry(word).or_default().push((doc as u32, n));
        }
    }
    let mut words: Vec<(&str, Postings)> = postings.into_iter().collect();
    words.sort_unstable_by(|a, b| a.0.cmp(b.0));
    words
}

#[cfg(test)]
/// The inverted index of one field, as elasticlunr writes it (`{"root": <node>}`), at
/// the end of `out`.
fn field_tree<W: fmt::Write + ?Sized>(
    words: &[(&str, Postings)],
    refs: &[String],
    out: &mut W,
) -> fmt::Result {
    out.write_str("{\"root\":")?;
    node(out, words, 0, refs)?;
    out.write_char('}')
}

/// The node of the tree for the words of `words` (sorted, all sharing their first
/// `depth` bytes): its own documents, its document frequency, then a child per next
/// letter. The depth is at most the longest word (64 letters, `limits`).
pub(super) fn node<W, S, P>(
    out: &mut W,
    words: &[(S, P)],
    depth: usize,
    refs: &[String],
) -> fmt::Result
where
    W: fmt::Write + ?Sized,
    S: AsRef<str>,
    P: AsRef<[(u32, u32)]>,
{
    let (own, rest) = match words.first() {
        Some((word, postings)) if word.as_ref().len() == depth => {
            (Some(postings.as_ref()), &words[1..])
        }
        _ => (None, words),
    };
    out.write_str("{\"docs\":{")?;
    for (n, (doc, count)) in own.into_iter().flatten().enumerate() {
        if n > 0 {
            out.write_char(',')?;
        }
        let tf = f64::from(*count).sqrt();
        write!(out, "\"{}\":{{\"tf\":{}}}", refs[*doc as usize], json(&tf))?;
    }
    write!(out, "}},\"df\":{}", own.map_or(0, <[_]>::len))?;
    let mut start = 0;
    while start < rest.len() {
        let letter = next_char(rest[start].0.as_ref(), depth);
        let end = start
            + rest[start..]
                .iter()
                .take_while(|(w, _)| next_char(w.as_ref(), depth) == letter)
                .count();
        out.write_char(',')?;
        out.write_str(&json(&letter.to_string()))?;
        out.write_char(':')?;
        node(out, &rest[start..end], depth + letter.len_utf8(), refs)?;
        start = end;
    }
    out.write_char('}')
}

pub(super) fn next_char(word: &str, at: usize) -> char {
    word[at..].chars().next().unwrap_or_default()
}

fn json<T: serde::Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}
