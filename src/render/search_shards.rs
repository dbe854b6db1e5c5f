//! search's index in shards, cut by the beginnings of its words, so that a reader's
//! browser loads only the part of the index a query needs (see [`Shards`]).

use std::collections::HashMap;
use std::fmt;

use xxhash_rust::xxh3::Xxh3DefaultBuilder;

use super::search_index::{Fields, Index, Postings, next_char, node};

/// The inverted index cut by the beginnings of its words, so that a reader's browser
/// loads only the part a query needs. Each shard has a prefix and holds, of both
/// fields, every word that starts with it but with no longer prefix of another shard
/// (the subtree of elasticlunr's tree at the prefix, less the subtrees of the shards
/// below it). The shard of the prefix `""` always exists. A query's word, and every
/// word it expands to, are then in the shard of its longest prefix among the shards and
/// the shards whose prefix starts with it ([`Shards::needed`]); their trees grafted into
/// empty ones at their prefixes give the same tree there as the whole index.
pub(super) struct Shards {
    /// The words of each field (title, body) and their postings, sorted.
    fields: Fields,
    /// The shards' prefixes, sorted.
    prefixes: Vec<String>,
    /// For each shard, for each field, its words (places in `fields`), sorted.
    members: Vec<[Vec<u32>; 2]>,
    refs: Vec<String>,
}

impl Shards {
    /// The shards of `index`, of `budget(total)` bytes each (about), where `total` is
    /// about the bytes of the whole index's JSON.
    pub(super) fn new(index: Index, budget: impl FnOnce(usize) -> usize) -> Shards {
        let (fields, refs) = index.into_postings();
        let sizes = sizes(&fields, &refs);
        let budget = budget(sizes.iter().map(|(_, size)| size).sum()).max(1);
        let mut prefixes = Vec::new();
        partition(&sizes, 0, budget, &mut prefixes);
        prefixes.sort_unstable();
        let place: HashMap<&str, u32, Xxh3DefaultBuilder> = (prefixes.iter().enumerate())
            .map(|(i, p)| (p.as_str(), i as u32))
            .collect();
        let mut members = vec![[Vec::new(), Vec::new()]; prefixes.len()];
        for (field, words) in fields.iter().enumerate() {
            for (n, (word, _)) in words.iter().enumerate() {
                let shard = owner(word, &place);
                // Words are far fewer than 4 billion.
                members[shard as usize][field].push(n as u32);
            }
        }
        Shards {
            fields,
            prefixes,
            members,
            refs,
        }
    }

    /// The prefixes of the shards, in order: shard `i` has the `i`th.
    pub(super) fn prefixes(&self) -> &[String] {
        &self.prefixes
    }

    /// The shards a query's word (after the pipeline) needs, by number.
    #[cfg(test)]
    pub(super) fn needed(&self, word: &str) -> Vec<usize> {
        needed(&self.prefixes, word)
    }

    /// Shard `i` as JSON: `{"body": <node>, "title": <node>}`, each the node of
    /// elasticlunr's tree at the shard's prefix with the shard's words under it; a field
    /// with no word in the shard is left out.
    pub(super) fn write<W: fmt::Write + ?Sized>(&self, i: usize, out: &mut W) -> fmt::Result {
        let depth = self.prefixes[i].len();
        out.write_char('{')?;
        let mut first = true;
        for (field, name) in [(1, "body"), (0, "title")] {
            let words: Vec<(&str, &[(u32, u32)])> = (self.members[i][field].iter())
                .map(|&n| {
                    let (word, postings) = &self.fields[field][n as usize];
                    (&**word, postings.as_slice())
                })
                .collect();
            if words.is_empty() {
                continue;
            }
            if !first {
                out.write_char(',')?;
            }
            first = false;
            write!(out, "\"{name}\":")?;
            node(out, &words, depth, &self.refs)?;
        }
        out.write_char('}')
    }
}

/// The shards a query's word needs: the shard of its longest prefix among `prefixes`
/// (sorted; `""` among them), and every shard whose prefix starts with the word.
#[cfg(test)]
pub(super) fn needed(prefixes: &[String], word: &str) -> Vec<usize> {
    let own = (0..prefixes.len())
        .filter(|&i| word.starts_with(prefixes[i].as_str()))
        .max_by_key(|&i| prefixes[i].len());
    let below = (0..prefixes.len())
        .filter(|&i| prefixes[i].len() > word.len() && prefixes[i].starts_with(word));
    let mut all: Vec<usize> = own.into_iter().chain(below).collect();
    all.sort_unstable();
    all.dedup();
    all
}

/// The shard of a word: the one of its longest prefix among the shards (`""` is one).
fn owner(word: &str, place: &HashMap<&str, u32, Xxh3DefaultBuilder>) -> u32 {
    let mut ends: Vec<usize> = word.char_indices().map(|(i, _)| i).collect();
    ends.push(word.len());
    (ends.iter().rev())
        .find_map(|&end| place.get(&word[..end]).copied())
        .unwrap_or(0)
}

/// Every word of both fields, sorted, with about how many bytes of JSON its postings
/// take in a shard.
fn sizes<'a>(fields: &'a Fields, refs: &[String]) -> Vec<(&'a str, usize)> {
    let size = |postings: &Postings| -> usize {
        (postings.iter())
            .map(|&(doc, n)| refs[doc as usize].len() + if n == 1 { 10 } else { 27 })
            .sum::<usize>()
            + 24
    };
    let [title, body] = fields;
    let (mut t, mut b) = (title.iter().peekable(), body.iter().peekable());
    let mut all = Vec::with_capacity(body.len());
    loop {
        let next = match (t.peek(), b.peek()) {
            (None, None) => break,
            (Some(x), Some(y)) if x.0 == y.0 => {
                let (x, y) = (t.next(), b.next());
                x.zip(y).map(|(x, y)| (&*x.0, size(&x.1) + size(&y.1)))
            }
            (Some(x), Some(y)) if x.0 < y.0 => t.next().map(|x| (&*x.0, size(&x.1))),
            (Some(_), None) => t.next().map(|x| (&*x.0, size(&x.1))),
            _ => b.next().map(|y| (&*y.0, size(&y.1))),
        };
        all.extend(next);
    }
    all
}

/// The prefixes of the shards of `words` (sorted, all sharing their first `depth`
/// bytes, the root's `""` at depth 0): the prefix itself when what stays in its shard
/// is not nothing, after the largest subtrees below it are split off, one letter at a
/// time, into shards of their own until what stays is within `budget`; then theirs.
fn partition(words: &[(&str, usize)], depth: usize, budget: usize, out: &mut Vec<String>) {
    let prefix = words.first().map_or("", |(w, _)| &w[..depth]);
    let total: usize = words.iter().map(|(_, size)| size).sum();
    let own = usize::from(words.first().is_some_and(|(w, _)| w.len() == depth));
    let rest = &words[own..];
    let mut groups: Vec<(usize, usize, usize)> = Vec::new();
    let mut start = 0;
    while start < rest.len() {
        let letter = next_char(rest[start].0, depth);
        let end = start
            + rest[start..]
                .iter()
                .take_while(|(w, _)| next_char(w, depth) == letter)
                .count();
        let size = rest[start..end].iter().map(|(_, size)| size).sum();
        groups.push((start, end, size));
        start = end;
    }
    // The largest first; of two as large, the first.
    let mut order: Vec<usize> = (0..groups.len()).collect();
    order.sort_by(|a, b| groups[*b].2.cmp(&groups[*a].2).then(a.cmp(b)));
    let mut left = total;
    let mut split = Vec::new();
    for g in order {
        if left <= budget {
            break;
        }
        left -= groups[g].2;
        split.push(g);
    }
    if left > 0 || depth == 0 {
        out.push(prefix.to_string());
    }
    for g in split {
        let (start, end, _) = groups[g];
        let letter = next_char(rest[start].0, depth);
        partition(&rest[start..end], depth + letter.len_utf8(), budget, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    /// Grafts a shard's trees into `trees` (`{"body": {"root": …}, "title": …}`) at its
    /// prefix, as `search.js` does: a node's documents from the shard, its children added.
    fn graft(trees: &mut Value, prefix: &str, part: &Value) {
        for field in ["body", "title"] {
            let Some(node) = part.get(field) else {
                continue;
            };
            let mut at = &mut trees[field]["root"];
            for c in prefix.chars() {
                let key = c.to_string();
                if at.get(&key).is_none() {
                    at[&key] = json!({"docs": {}, "df": 0});
                }
                at = &mut at[&key];
            }
            merge(at, node);
        }
    }

    fn merge(into: &mut Value, from: &Value) {
        for (key, value) in from.as_object().into_iter().flatten() {
            if key == "docs" || key == "df" || into.get(key).is_none() {
                into[key] = value.clone();
            } else {
                merge(&mut into[key], value);
            }
        }
    }

    fn empty() -> Value {
        json!({"body": {"root": {"docs": {}, "df": 0}}, "title": {"root": {"docs": {}, "df": 0}}})
    }

    fn parts(shards: &Shards) -> Vec<Value> {
        (0..shards.prefixes().len())
            .map(|i| {
                let mut text = String::new();
                shards.write(i, &mut text).unwrap();
                serde_json::from_str(&text).expect("a shard is JSON")
            })
            .collect()
    }

    /// Every word of a tree, and its node.
    fn words<'a>(node: &'a Value, word: String, out: &mut Vec<(String, &'a Value)>) {
        for (key, child) in node.as_object().into_iter().flatten() {
            if key != "docs" && key != "df" {
                words(child, format!("{word}{key}"), out);
            }
        }
        out.push((word, node));
    }

    fn at<'a>(tree: &'a Value, word: &str) -> &'a Value {
        word.chars().fold(tree, |node, c| &node[c.to_string()])
    }

    fn check(
        docs: &[[&str; 2]],
        budget: usize,
    ) -> Result<(), proptest::test_runner::TestCaseError> {
        let language = elasticlunr::lang::English::new();
        let whole: Value = serde_json::from_str(&super::super::search_index::index_json_titled(
            &language, docs,
        ))
        .unwrap();
        let shards = Shards::new(Index::titled(&language, docs), |_| budget);
        let parts = parts(&shards);
        // Every shard grafted: the whole index's trees.
        let mut trees = empty();
        for (prefix, part) in shards.prefixes().iter().zip(&parts).rev() {
            graft(&mut trees, prefix, part);
        }
        proptest::prop_assert_eq!(&trees, &whole["index"]);
        // A word's shards grafted alone: the same node there, and all under it.
        for field in ["body", "title"] {
            let mut all = Vec::new();
            words(&whole["index"][field]["root"], String::new(), &mut all);
            for (word, node) in all {
                let mut trees = empty();
                for i in shards.needed(&word) {
                    graft(&mut trees, &shards.prefixes()[i], &parts[i]);
                }
                proptest::prop_assert_eq!(at(&trees[field]["root"], &word), node, "{}", word);
            }
        }
        Ok(())
    }

    proptest::proptest! {
        #[test]
        fn the_shards_grafted_are_the_whole_index_and_a_word_s_shards_hold_all_of_it(
            a in "(sprint|spr|s|negotiation|neg|n|été|éte|x1|x|review|-|!| ){0,30}",
            b in "[a-eé1 ]{0,60}",
            budget in 1usize..400,
        ) {
            let docs = [[a.as_str(), b.as_str()], [b.as_str(), a.as_str()], ["", a.as_str()]];
            check(&docs, budget)?;
        }
    }

    #[test]
    fn shards_are_cut_where_the_index_is_large_and_the_same_every_time() {
        let texts: Vec<String> = (0..40)
            .map(|d| {
                (0..60)
                    .map(|w| format!("w{}x{} sprint ", w % 7, (d + w) % 11))
                    .collect()
            })
            .collect();
        let docs: Vec<[&str; 2]> = texts.iter().map(|t| ["Review", t.as_str()]).collect();
        check(&docs, 2_000).unwrap();
        let language = elasticlunr::lang::English::new();
        let cut = |budget: usize| {
            let shards = Shards::new(Index::titled(&language, &docs), |_| budget);
            let texts: Vec<String> = (0..shards.prefixes().len())
                .map(|i| {
                    let mut text = String::new();
                    shards.write(i, &mut text).unwrap();
                    text
                })
                .collect();
            (shards.prefixes().to_vec(), texts)
        };
        let (prefixes, texts) = cut(2_000);
        assert_eq!((prefixes.clone(), texts.clone()), cut(2_000));
        assert!(prefixes.len() > 3, "{prefixes:?}");
        assert_eq!(prefixes[0], "");
        // No shard is far over its budget (one word's postings are never cut).
        assert!(
            texts.iter().all(|t| t.len() < 4_000),
            "{:?}",
            texts.iter().map(String::len).collect::<Vec<_>>()
        );
        // A word needs its own shard and those under it, not every shard.
        let shards = Shards::new(Index::titled(&language, &docs), |_| 2_000);
        let needed = shards.needed("sprint");
        assert!(
            needed.len() < prefixes.len() / 2,
            "{needed:?} of {prefixes:?}"
        );
        // One shard for a site whose index is within the budget.
        assert_eq!(cut(10_000_000).0, [""]);
    }
}
