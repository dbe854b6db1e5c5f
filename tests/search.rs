//! `search.html`: the index inside the page, per reader. Each site's index holds the
//! words of that reader's pages and no other, it is elasticlunr's format with our
//! pipeline, and `--encrypt` seals it with the page. (Chromium runs the searches
//! themselves in tests/browser.rs.)

mod common;

use common::Project;
use serde_json::Value;

const DATA_OPEN: &str = r#"<script id="search-data" type="application/json">"#;

/// The JSON inside a search page.
fn data_of(page: &str) -> Value {
    let start = page.find(DATA_OPEN).expect("the index in the page") + DATA_OPEN.len();
    let end = start + page[start..].find("</script>").expect("closed");
    serde_json::from_str(&page[start..end]).expect("valid JSON")
}

/// The pages whose body field holds a token that starts with `prefix`, as the browser's
/// `expand` search finds them: every document under that node of the trie.
fn pages_with(data: &Value, prefix: &str) -> Vec<String> {
    let mut node = &data["index"]["index"]["body"]["root"];
    for c in prefix.chars() {
        node = &node[c.to_string()];
        if node.is_null() {
            return Vec::new();
        }
    }
    let mut refs = std::collections::BTreeSet::new();
    collect(node, &mut refs);
    refs.into_iter()
        .map(|r: usize| data["docs"][r]["u"].as_str().unwrap().to_string())
        .collect()
}

fn collect(node: &Value, refs: &mut std::collections::BTreeSet<usize>) {
    let Some(map) = node.as_object() else { return };
    for (key, child) in map {
        match key.as_str() {
            "docs" => refs.extend(
                child
                    .as_object()
                    .into_iter()
                    .flatten()
                    .filter_map(|(r, _)| r.parse::<usize>().ok()),
            ),
            "df" => {}
            _ => collect(child, refs),
        }
    }
}

fn site_for(audience: &str) -> (Project, Value) {
    let p = Project::minimal();
    p.build_ok(&["--audience", audience]);
    let data = data_of(&p.page("search.html"));
    (p, data)
}

#[test]
fn each_reader_s_index_holds_the_words_of_their_pages_and_no_other() {
    let kick_off = "sessions/2026-01-20-kick-off.html";
    // prefix of a word → (the page that holds it, who may see it)
    let words = [
        ("sailbo", kick_off, "coach client"),
        ("hedgeh", kick_off, "coach"),
        (
            "quokk",
            "sessions/2026-02-03-coach-reflection.html",
            "coach",
        ),
        ("withdr", kick_off, "coach"),
        ("marmal", "objectives/sprint-goals.html", "coach client"),
        (
            "lighth",
            "objectives/customer-trust.html",
            "coach client sponsor",
        ),
    ];
    for audience in ["coach", "client", "sponsor"] {
        let (_p, data) = site_for(audience);
        for (prefix, page, readers) in words {
            let found = pages_with(&data, prefix);
            if readers.split(' ').any(|r| r == audience) {
                assert_eq!(found, [page], "{audience}: {prefix}");
            } else {
                assert!(
                    found.is_empty(),
                    "{audience}'s index has {prefix}: {found:?}"
                );
            }
        }
        let kinds: std::collections::BTreeSet<&str> = data["docs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["k"].as_str().unwrap())
            .collect();
        // (The fixture has no action the sponsor may see.)
        let expected: &[&str] = if audience == "sponsor" {
            &["Objective"]
        } else {
            &["Action", "Lesson", "Objective", "Session"]
        };
        assert_eq!(
            kinds.into_iter().collect::<Vec<_>>(),
            expected,
            "{audience}"
        );
        // Every entry points at a page of this site.
        for doc in data["docs"].as_array().unwrap() {
            let url = doc["u"].as_str().unwrap();
            let file = url.split('#').next().unwrap();
            assert!(_p.has(file), "{audience}: {url} is not a page of the site");
        }
    }
}

#[test]
fn the_index_is_elasticlunr_s_with_english_stemming_and_our_trimmer() {
    let (p, data) = site_for("client");
    let index = &data["index"];
    assert_eq!(index["version"], "0.9.5");
    assert_eq!(index["ref"], "id");
    assert_eq!(
        index["pipeline"],
        serde_json::json!(["coachsiteTrimmer", "stopWordFilter", "stemmer"])
    );
    // "mapped" is stemmed to "map"; stop words are not indexed.
    assert!(pages_with(&data, "map").contains(&"sessions/2026-01-20-kick-off.html".into()));
    let the = &index["index"]["body"]["root"]["t"]["h"]["e"]["docs"];
    assert!(the.as_object().is_none_or(|docs| docs.is_empty()), "{the}");
    // The page carries the library and its own script, and says what it searches.
    let page = p.page("search.html");
    assert!(page.contains("elasticlunr") && page.contains("coachsiteTrimmer"));
    assert!(page.contains("session notes and lessons"));
    // Every page links to it.
    assert!(p.page("index.html").contains("href=\"search.html\""));
    assert!(
        p.page("sessions/2026-01-20-kick-off.html")
            .contains("href=\"../search.html\"")
    );
}

#[test]
fn french_and_german_are_matched_by_word_beginnings_not_stemmed() {
    let p = Project::minimal();
    p.edit("engagement.yaml", "language: en", "language: fr");
    p.build_ok(&["--audience", "client"]);
    let data = data_of(&p.page("search.html"));
    assert_eq!(
        data["index"]["pipeline"],
        serde_json::json!(["coachsiteTrimmer"])
    );
    assert_eq!(data["index"]["lang"], "French");
    assert_eq!(
        pages_with(&data, "mapped"),
        ["sessions/2026-01-20-kick-off.html"]
    );
    assert!(p.page("search.html").contains("Trouve des mots"));
}

#[test]
fn the_search_page_names_what_its_reader_can_search() {
    // The sponsor's index holds objectives only (no action of either engagement is
    // shared with the sponsor): the page says so, not "objectives and actions".
    let (p, data) = site_for("sponsor");
    let page = p.page("search.html");
    let kinds: std::collections::BTreeSet<&str> = data["docs"]
        .as_array()
        .expect("docs")
        .iter()
        .filter_map(|d| d["k"].as_str())
        .collect();
    assert_eq!(kinds.into_iter().collect::<Vec<_>>(), ["Objective"]);
    assert!(page.contains("Finds words in the objectives of this site."));
    assert!(!page.contains("session notes") && !page.contains("actions"));
    let p = Project::example();
    p.build_ok(&["--audience", "sponsor"]);
    let page = p.page("search.html");
    assert!(
        page.contains("Finds words in the objectives of this site."),
        "{page}"
    );
    // The client reads notes and lessons too.
    p.build_ok(&["--audience", "client"]);
    assert!(p.page("search.html").contains(
        "Finds words in the objectives, actions, session notes and lessons of this site."
    ));
}

#[cfg(feature = "encrypt")]
#[test]
fn encrypt_seals_the_index_with_the_page() {
    let p = Project::minimal();
    p.build_encrypted_ok("correct horse battery staple", &["--audience", "coach"]);
    let sealed = p.page("search.html");
    assert!(!sealed.contains("quokka") && !sealed.contains(DATA_OPEN));
    let (salt, iterations, iv, data) = coachsite::encrypt::sealed_parts(&sealed).unwrap();
    let key =
        coachsite::encrypt::SiteKey::with_salt("correct horse battery staple", salt, iterations);
    let page = String::from_utf8(key.open(iv, &data).unwrap()).unwrap();
    let data = data_of(&page);
    assert_eq!(
        pages_with(&data, "quokk"),
        ["sessions/2026-02-03-coach-reflection.html"]
    );
    // No index file beside the pages: the only copy is the sealed one.
    let names: Vec<String> = p.snapshot().into_iter().map(|(n, _)| n).collect();
    assert!(
        !names
            .iter()
            .any(|n| n.contains("index.js") || n.ends_with(".json"))
    );
}
