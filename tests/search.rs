//! `search.html` and its shards, per reader. Each site's index holds the words of that
//! reader's pages and no other, it is elasticlunr's format with our pipeline once its
//! shards are put together, and `--encrypt` seals the shards as it seals the pages.
//! (Chromium runs the searches themselves in tests/browser.rs.)

mod common;

use common::Project;
use serde_json::{Value, json};

const DATA_OPEN: &str = r#"<script id="search-data" type="application/json">"#;

/// What a search page says of its shards.
fn manifest_of(page: &str) -> Value {
    let start = page.find(DATA_OPEN).expect("the manifest in the page") + DATA_OPEN.len();
    let end = start + page[start..].find("</script>").expect("closed");
    serde_json::from_str(&page[start..end]).expect("valid JSON")
}

/// A shard's part, as its script hands it to the page.
fn part(script: &str) -> Value {
    let json = script
        .split_once(',')
        .and_then(|(_, rest)| rest.strip_suffix(");\n"))
        .expect("a shard's script");
    serde_json::from_str(json).expect("valid JSON")
}

/// Grafts a shard's node into a tree at its prefix, as search.js does.
fn graft(root: &mut Value, prefix: &str, node: &Value) {
    let mut at = root;
    for c in prefix.chars() {
        let key = c.to_string();
        if at.get(&key).is_none() {
            at[&key] = json!({"docs": {}, "df": 0});
        }
        at = &mut at[&key];
    }
    merge(at, node);
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

/// The index and the entries of a search page and its shards put together, read with
/// `read` (a file of the site by its path): `{"docs": [...], "index": <elasticlunr's
/// index>, "manifest": <what the page says>}`.
fn data_with(page: &str, mut read: impl FnMut(&str) -> String) -> Value {
    let manifest = manifest_of(page);
    let mut index = manifest["index"].clone();
    index["index"] =
        json!({"body": {"root": {"docs": {}, "df": 0}}, "title": {"root": {"docs": {}, "df": 0}}});
    for (n, prefix) in manifest["shards"].as_array().unwrap().iter().enumerate() {
        let part = part(&read(&format!("search/words-{n}.js")));
        for field in ["body", "title"] {
            if let Some(node) = part.get(field) {
                graft(
                    &mut index["index"][field]["root"],
                    prefix.as_str().unwrap(),
                    node,
                );
            }
        }
    }
    let mut docs = Vec::new();
    for n in 0..manifest["docs"].as_array().unwrap().len() {
        docs.extend(
            part(&read(&format!("search/docs-{n}.js")))
                .as_array()
                .unwrap()
                .clone(),
        );
    }
    assert_eq!(docs.len(), manifest["count"].as_u64().unwrap() as usize);
    let lengths = part(&read("search/lengths.js"));
    assert_eq!(lengths.as_array().unwrap().len(), docs.len());
    json!({"docs": docs, "index": index, "manifest": manifest})
}

fn data_of(p: &Project) -> Value {
    data_with(&p.page("search.html"), |path| p.page(path))
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
    let data = data_of(&p);
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
    let data = data_of(&p);
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
fn encrypt_seals_the_shards_as_it_seals_the_pages() {
    let p = Project::minimal();
    p.build_encrypted_ok("correct horse battery staple", &["--audience", "coach"]);
    let sealed = p.page("search.html");
    assert!(!sealed.contains("quokka") && !sealed.contains(DATA_OPEN));
    let (salt, iterations, iv, data) = coachsite::encrypt::sealed_parts(&sealed).unwrap();
    let key =
        coachsite::encrypt::SiteKey::with_salt("correct horse battery staple", salt, iterations);
    let page = String::from_utf8(key.open(iv, &data).unwrap()).unwrap();
    // Each shard is sealed on its own, under the site's salt and its own IV; opened, it
    // is the shard of a site built without a password.
    let mut ivs = std::collections::BTreeSet::new();
    let data = data_with(&page, |path| {
        let script = p.page(path);
        assert!(
            !script.contains("quokk") && !script.contains("\"docs\""),
            "{path}: {script}"
        );
        let (shard_salt, iv, sealed) =
            coachsite::encrypt::sealed_shard(path, script.as_bytes()).expect("a sealed shard");
        assert_eq!(shard_salt, salt);
        assert!(ivs.insert(iv), "an IV used twice");
        let plain = String::from_utf8(key.open(iv, &sealed).expect("it opens")).unwrap();
        let name = path.trim_start_matches("search/").trim_end_matches(".js");
        format!("coachsiteShard(\"{name}\",{plain});\n")
    });
    assert_eq!(
        pages_with(&data, "quokk"),
        ["sessions/2026-02-03-coach-reflection.html"]
    );
    let plain = Project::minimal();
    plain.build_ok(&["--audience", "coach"]);
    assert_eq!(data, data_of(&plain));
    // No index file beside the pages but the sealed shards.
    let names: Vec<String> = p.snapshot().into_iter().map(|(n, _)| n).collect();
    assert!(
        !names
            .iter()
            .any(|n| n.contains("index.js") || n.ends_with(".json"))
    );
}
