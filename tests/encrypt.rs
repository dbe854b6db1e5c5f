//! `build --encrypt`: no plaintext in any page, every page opens again with the
//! password and not with another, and the password never comes from the command line.

mod common;

use common::{Project, stderr};

const PASSWORD: &str = "correct horse battery staple";

fn build_encrypted(p: &Project, password: Option<&str>, extra: &[&str]) -> std::process::Output {
    let mut cmd = assert_cmd::Command::cargo_bin("coachsite").unwrap();
    cmd.arg("build")
        .arg(&p.root)
        .arg("-o")
        .arg(&p.out)
        .args([
            "--as-of",
            common::AS_OF,
            "--color",
            "never",
            "--encrypt",
            "--audience",
            "coach",
        ])
        .args(extra)
        .env_remove("COACHSITE_PASSWORD");
    if let Some(password) = password {
        cmd.env("COACHSITE_PASSWORD", password);
    }
    cmd.output().unwrap()
}

#[test]
fn every_page_is_sealed_and_opens_with_the_password_only() {
    let p = Project::minimal();
    let output = build_encrypted(&p, Some(PASSWORD), &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let mut pages = 0;
    let mut site_key: Option<([u8; 16], coachsite::encrypt::SiteKey)> = None;
    for (path, bytes) in p.snapshot() {
        let text = String::from_utf8_lossy(&bytes).to_string();
        // Even the coach's site: every sentinel, private or not, is sealed.
        for sentinel in [
            "SENTINEL",
            "Meet the sprint goal",
            "Kick-off and objectives",
        ] {
            assert!(
                !text.contains(sentinel),
                "{path} holds plaintext {sentinel:?}"
            );
        }
        if !path.ends_with(".html") {
            continue;
        }
        pages += 1;
        assert!(text.contains("noindex"), "{path}");
        let (salt, iterations, iv, data) =
            coachsite::encrypt::sealed_parts(&text).expect("a sealed page");
        assert!(iterations >= 600_000);
        // One salt per site: the key is derived once.
        if site_key.as_ref().is_none_or(|(s, _)| *s != salt) {
            site_key = Some((
                salt,
                coachsite::encrypt::SiteKey::with_salt(PASSWORD, salt, iterations),
            ));
        }
        let key = &site_key.as_ref().unwrap().1;
        let page =
            String::from_utf8(key.open(iv, &data).expect("opens with the password")).unwrap();
        assert!(page.contains("<html"), "{path}");
        if path == "sessions/2026-01-20-kick-off.html" {
            assert!(
                page.contains("PRIVATE-FIELD-SENTINEL"),
                "the coach's own page, decrypted"
            );
            let wrong =
                coachsite::encrypt::SiteKey::with_salt("not the password", salt, iterations);
            assert!(wrong.open(iv, &data).is_none());
        }
    }
    assert!(pages > 10);
    assert!(p.page("robots.txt").contains("Disallow: /"));
}

#[test]
fn the_password_must_come_from_the_environment_or_a_prompt() {
    let p = Project::minimal();
    let output = build_encrypted(&p, None, &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("set COACHSITE_PASSWORD"),
        "{}",
        stderr(&output)
    );
    assert!(!p.out.exists(), "nothing written");
    // There is no option to give it on the command line.
    let output = build_encrypted(&p, Some(PASSWORD), &["--password", "x"]);
    assert_eq!(output.status.code(), Some(2));
    // Only spaces: refused. A line break at its end (a password file): left out, said.
    let output = build_encrypted(&p, Some("   "), &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("the password is only spaces"),
        "{}",
        stderr(&output)
    );
    assert!(!p.out.exists(), "nothing written");
    let output = build_encrypted(&p, Some(&format!("{PASSWORD}\r\n")), &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("warning: the password ended with a line break"),
        "{}",
        stderr(&output)
    );
    let index = std::fs::read_to_string(p.out.join("index.html")).unwrap();
    let (salt, iterations, iv, data) = coachsite::encrypt::sealed_parts(&index).unwrap();
    let key = coachsite::encrypt::SiteKey::with_salt(PASSWORD, salt, iterations);
    assert!(
        key.open(iv, &data).is_some(),
        "sealed with the password as typed"
    );
}

#[test]
fn fewer_key_rounds_are_refused() {
    let p = Project::minimal();
    let output = build_encrypted(&p, Some(PASSWORD), &["--kdf-iterations", "1000"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("at least 600000"));
    // So many rounds that every reader would wait minutes: refused too.
    let output = build_encrypted(&p, Some(PASSWORD), &["--kdf-iterations", "4294967295"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("at most 10000000"));
    let output = build_encrypted(&p, Some(PASSWORD), &["--kdf-iterations", "700000"]);
    assert!(output.status.success(), "more rounds are fine");
}

/// The sealed page at `path` of `out`, opened with the password.
fn opened(out: &std::path::Path, path: &str) -> String {
    let page = std::fs::read_to_string(out.join(path)).unwrap();
    let (salt, iterations, iv, data) = coachsite::encrypt::sealed_parts(&page).unwrap();
    let key = coachsite::encrypt::SiteKey::with_salt(PASSWORD, salt, iterations);
    String::from_utf8(key.open(iv, &data).expect("opens")).unwrap()
}

#[test]
fn no_calendar_feed_is_left_beside_an_encrypted_site() {
    use base64::Engine;
    let p = Project::example();
    // In the clear, the client's site has its feed…
    let output = p.build(&["--audience", "client"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let feed = std::fs::read(p.out.join("calendar.ics")).unwrap();
    // …sealed, none: the dashboard's link downloads it from inside the sealed page.
    p.build_encrypted_ok(PASSWORD, &["--audience", "client"]);
    let files = p.snapshot();
    assert!(
        !files.iter().any(|(path, _)| path.ends_with(".ics")),
        "an .ics beside an encrypted site"
    );
    let dashboard = opened(&p.out, "index.html");
    let link = dashboard
        .split("<p class=\"calendar-link\">")
        .nth(1)
        .and_then(|rest| rest.split("</p>").next())
        .expect("the calendar's line");
    assert!(
        link.contains("download=\"calendar.ics\""),
        "a download made in the browser: {link}"
    );
    let data = link
        .split("href=\"data:text/calendar; charset=utf-8;base64,")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the feed as a data: url");
    let inlined = base64::engine::general_purpose::STANDARD
        .decode(data)
        .unwrap();
    assert_eq!(inlined, feed, "the feed the site in the clear has");

    // A practice: no feed at any depth either.
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("practice");
    common::copy_dir(&common::fixtures().join("minimal"), &root.join("acme"));
    common::copy_dir(&common::example(), &root.join("clients/platform"));
    let out = dir.path().join("site");
    let output = assert_cmd::Command::cargo_bin("coachsite")
        .unwrap()
        .arg("build")
        .arg(&root)
        .arg("-o")
        .arg(&out)
        .args(["--as-of", common::AS_OF, "--audience", "coach", "--encrypt"])
        .env("COACHSITE_PASSWORD", PASSWORD)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let files = common::snapshot(&out);
    assert!(files.iter().any(|(path, _)| path == "acme/index.html"));
    assert!(!files.iter().any(|(path, _)| path.ends_with(".ics")));
    assert!(opened(&out, "index.html").contains("download=\"calendar.ics\""));
}
