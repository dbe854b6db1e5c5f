//! `--encrypt`: every HTML page of a site sealed with a password.
//!
//! The key is derived once per build with PBKDF2-SHA256 from the password and a random
//! 16-byte salt (at least 600,000 rounds); each page is encrypted with AES-256-GCM under
//! its own random 96-bit IV and shipped inside a small page that asks for the password
//! and decrypts with the browser's WebCrypto. The derived key may be kept in
//! `sessionStorage`, so one entry opens every page of the site for that tab.
//!
//! What this protects: the content of every page, charts included (they are inline SVG),
//! the attachments the pages embed (sealed inside them as `data:` urls), and search's
//! shards (`search/*.js`): each its own sealed part, under its own IV, which the search
//! page opens with the key the lock page kept for the tab.
//! What it does not: file names (page paths carry ids such as session dates), the
//! number and size of pages, files copied from `static/`, and a weak password.

use aes_gcm::aead::{Aead, KeyInit};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use sha2::Sha256;

use crate::html::{escape, unescape};
use crate::render::OutputFile;

/// The fewest PBKDF2 rounds allowed (OWASP's 2023 advice for PBKDF2-HMAC-SHA256).
pub const MIN_ITERATIONS: u32 = 600_000;
/// The most PBKDF2 rounds: each reader's browser runs them once per tab (about 15 s at
/// this many), and more would only make the site feel broken.
pub const MAX_ITERATIONS: u32 = 10_000_000;

/// A password as coachsite seals with it: without the line break a password file ends
/// with (`\n`, or `\r\n` from Windows), which no one can type into the lock page; and
/// whether one was left out. A password of nothing but spaces is refused.
pub fn password_from(given: &str) -> Result<(String, bool), String> {
    let password = given.trim_end_matches(['\r', '\n']);
    if password.is_empty() {
        return Err("the password is empty".into());
    }
    if password.chars().any(char::is_control) {
        return Err(
            "the password holds a line break or another control character, which no one can type into the lock page: choose one without"
                .into(),
        );
    }
    // Spaces, and characters that show nothing (a zero-width space), are no password.
    if password.chars().all(|c| {
        c.is_whitespace() || matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}')
    }) {
        return Err("the password is only spaces: choose one with words in it".into());
    }
    Ok((password.to_string(), password.len() != given.len()))
}

/// A key derived from the password, with what the browser needs to derive it again.
pub struct SiteKey {
    key: [u8; 32],
    pub(crate) salt: [u8; 16],
    pub(crate) iterations: u32,
}

impl SiteKey {
    /// Derives the key of a site from `password` with a fresh random salt.
    /// Fewer than [`MIN_ITERATIONS`] or more than [`MAX_ITERATIONS`] rounds are refused.
    pub fn new(password: &str, iterations: u32) -> Result<SiteKey, String> {
        if !(MIN_ITERATIONS..=MAX_ITERATIONS).contains(&iterations) {
            return Err(format!(
                "from {MIN_ITERATIONS} to {MAX_ITERATIONS} key derivation rounds are needed"
            ));
        }
        let mut salt = [0u8; 16];
        getrandom::fill(&mut salt).map_err(|e| format!("no randomness available: {e}"))?;
        Ok(SiteKey::with_salt(password, salt, iterations))
    }

    /// Derives the key for a known salt (to open a page again). The password is taken
    /// in Unicode's composed normal form (NFC), as the lock page takes what is typed.
    pub fn with_salt(password: &str, salt: [u8; 16], iterations: u32) -> SiteKey {
        use unicode_normalization::UnicodeNormalization;
        let password: String = password.nfc().collect();
        let mut key = [0u8; 32];
        pbkdf2::pbkdf2_hmac::<Sha256>(password.as_bytes(), &salt, iterations, &mut key);
        SiteKey {
            key,
            salt,
            iterations,
        }
    }

    /// Encrypts `plaintext` under a fresh random IV: (iv, ciphertext with its tag).
    pub fn seal(&self, plaintext: &[u8]) -> Result<([u8; 12], Vec<u8>), String> {
        let mut iv = [0u8; 12];
        getrandom::fill(&mut iv).map_err(|e| format!("no randomness available: {e}"))?;
        let cipher = Aes256Gcm::new_from_slice(&self.key).map_err(|e| e.to_string())?;
        let sealed = cipher
            .encrypt(&Nonce::from(iv), plaintext)
            .map_err(|_| "encryption failed".to_string())?;
        Ok((iv, sealed))
    }

    /// Decrypts what [`SiteKey::seal`] made; `None` for a wrong key or altered data.
    pub fn open(&self, iv: [u8; 12], sealed: &[u8]) -> Option<Vec<u8>> {
        let cipher = Aes256Gcm::new_from_slice(&self.key).ok()?;
        cipher.decrypt(&Nonce::from(iv), sealed).ok()
    }
}

/// The words of the password page, in the site's language.
pub struct LockWords<'a> {
    pub(crate) lang: &'a str,
    pub(crate) title: &'a str,
    pub(crate) prompt: &'a str,
    pub(crate) button: &'a str,
    pub(crate) working: &'a str,
    pub(crate) wrong: &'a str,
    pub(crate) needs_js: &'a str,
}

/// Replaces every HTML page of `files` by its encrypted form. The attachments a page
/// embeds are sealed inside it (as `data:` urls) and leave the site, so that no photo
/// of a whiteboard is readable without the password; so does the calendar feed the
/// dashboard links to (its link becomes a download made in the browser once the page
/// is open), and no `.ics` file stays beside the sealed pages.
pub fn encrypt_site(
    files: &mut Vec<OutputFile>,
    key: &SiteKey,
    words: &LockWords,
) -> Result<(), String> {
    inline_attachments(files);
    // A calendar feed is never left beside a sealed site: the dashboard's link to it was
    // sealed into the page above (a download made in the browser), or goes nowhere.
    files.retain(|f| !is_calendar(&f.path));
    let salt = B64.encode(key.salt);
    for file in files.iter_mut().filter(|f| f.path.ends_with(".html")) {
        let (iv, sealed) = key.seal(&file.bytes)?;
        file.bytes = lock_page(
            words,
            &salt,
            key.iterations,
            &B64.encode(iv),
            &B64.encode(sealed),
        )
        .into_bytes();
    }
    for file in files.iter_mut() {
        let Some((name, payload)) = crate::render::shard_payload(&file.path, &file.bytes) else {
            continue;
        };
        let (iv, sealed) = key.seal(payload.as_bytes())?;
        let part = serde_json::json!({
            "salt": salt,
            "iv": B64.encode(iv),
            "sealed": B64.encode(sealed),
        });
        file.bytes = crate::render::shard_text(name, &part.to_string()).into_bytes();
    }
    Ok(())
}

/// What a sealed shard of search carries: (salt, iv, sealed data); `None` for a file
/// that is not one.
pub fn sealed_shard(path: &str, bytes: &[u8]) -> Option<([u8; 16], [u8; 12], Vec<u8>)> {
    let (_, payload) = crate::render::shard_payload(path, bytes)?;
    let value: serde_json::Value = serde_json::from_str(payload).ok()?;
    let salt: [u8; 16] = B64.decode(value["salt"].as_str()?).ok()?.try_into().ok()?;
    let iv: [u8; 12] = B64.decode(value["iv"].as_str()?).ok()?.try_into().ok()?;
    let data = B64.decode(value["sealed"].as_str()?).ok()?;
    Some((salt, iv, data))
}

/// Whether `path` is a calendar feed (`calendar.ics`, at any depth of a practice).
pub fn is_calendar(path: &str) -> bool {
    path.rsplit('/')
        .next()
        .is_some_and(|name| name.to_ascii_lowercase().ends_with(".ics"))
}

const MARK: &str = " data-attachment=\"";

/// The attachments the pages mark (`data-attachment`, as `markdown` writes them right
/// after the `src` or `href` they give) put into the pages as `data:` urls; the files
/// leave the site.
fn inline_attachments(files: &mut Vec<OutputFile>) {
    let mut named = std::collections::BTreeSet::new();
    for page in files.iter().filter(|f| f.path.ends_with(".html")) {
        let text = String::from_utf8_lossy(&page.bytes);
        let mut rest = text.as_ref();
        while let Some(at) = rest.find(MARK) {
            rest = &rest[at + MARK.len()..];
            if let Some(end) = rest.find('"') {
                named.insert(unescape(&rest[..end]).into_owned());
            }
        }
    }
    if named.is_empty() {
        return;
    }
    let (inlined, kept): (Vec<OutputFile>, Vec<OutputFile>) = std::mem::take(files)
        .into_iter()
        .partition(|f| named.contains(&f.path));
    *files = kept;
    let data: std::collections::BTreeMap<&str, String> = inlined
        .iter()
        .map(|f| {
            (
                f.path.as_str(),
                format!(
                    "data:{};base64,{}",
                    crate::render::content_type(&f.path),
                    B64.encode(&f.bytes)
                ),
            )
        })
        .collect();
    for page in files.iter_mut().filter(|f| f.path.ends_with(".html")) {
        let text = String::from_utf8_lossy(&page.bytes).to_string();
        if text.contains(MARK) {
            page.bytes = with_data_urls(&text, &data).into_bytes();
        }
    }
}

/// `src="../x.jpg" data-attachment="x.jpg"` → `src="data:…"`, and a PDF's link gets a
/// `download` name (browsers open no `data:` page, but save one).
fn with_data_urls(text: &str, data: &std::collections::BTreeMap<&str, String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(MARK) {
        let before = &rest[..at];
        let after = &rest[at + MARK.len()..];
        let Some(end) = after.find('"') else { break };
        let path = unescape(&after[..end]);
        match (
            data.get(path.as_ref()),
            before
                .strip_suffix('"')
                .and_then(|b| b.rfind("=\"").map(|i| (b, i))),
        ) {
            (Some(url), Some((value_before, i))) => {
                out.push_str(&value_before[..i + 2]);
                out.push_str(url);
                out.push('"');
                if value_before[..i].ends_with("href") {
                    let name = path.rsplit('/').next().unwrap_or(&path);
                    out.push_str(&format!(" download=\"{}\"", escape(name)));
                }
            }
            _ => {
                out.push_str(before);
            }
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

/// JSON string literal for the script (the words are the site's own, but may hold quotes).
fn js(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into())
}

/// The page that asks for the password and opens the sealed page inside it. It is not a
/// theme's to change, as `search.js` is not: its script must read what [`encrypt_site`]
/// writes (salt, rounds, IV, AES-GCM) and is all a reader without the password gets.
const LOCK_PAGE: &str = include_str!("../templates/lock.html");

fn lock_page(w: &LockWords, salt: &str, iterations: u32, iv: &str, sealed: &str) -> String {
    fill(
        LOCK_PAGE,
        &[
            ("lang", &escape(w.lang)),
            ("title", &escape(w.title)),
            ("prompt", &escape(w.prompt)),
            ("button", &escape(w.button)),
            ("needs_js", &escape(w.needs_js)),
            ("working", &js(w.working)),
            ("wrong", &js(w.wrong)),
            ("salt", salt),
            ("iterations", &iterations.to_string()),
            ("iv", iv),
            ("sealed", sealed),
        ],
    )
}

/// `template` with each `{{ name }}` of `values` replaced by its value, as it is (escape
/// it first), in one pass: what a value holds is never read as a placeholder. A
/// placeholder not in `values` is left as written.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let size = template.len() + values.iter().map(|(_, v)| v.len()).sum::<usize>();
    let mut out = String::with_capacity(size);
    let mut rest = template;
    while let Some(at) = rest.find("{{ ") {
        let after = &rest[at + 3..];
        let value = after.find(" }}").and_then(|end| {
            let name = &after[..end];
            let (_, value) = values.iter().find(|(n, _)| *n == name)?;
            Some((value, end))
        });
        match value {
            Some((value, end)) => {
                out.push_str(&rest[..at]);
                out.push_str(value);
                rest = &after[end + 3..];
            }
            None => {
                out.push_str(&rest[..at + 3]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// What a locked page carries: (salt, iterations, iv, sealed data).
pub type SealedParts = ([u8; 16], u32, [u8; 12], Vec<u8>);

/// Reads the sealed data back out of a locked page.
pub fn sealed_parts(page: &str) -> Option<SealedParts> {
    let start = page.find(r#"<script id="coachsite-sealed" type="application/json">"#)?;
    let json = &page[start..];
    let json = &json[json.find('{')?..json.find("</script>")?];
    let value: serde_json::Value = serde_json::from_str(json).ok()?;
    let salt: [u8; 16] = B64.decode(value["salt"].as_str()?).ok()?.try_into().ok()?;
    let iv: [u8; 12] = B64.decode(value["iv"].as_str()?).ok()?.try_into().ok()?;
    let iterations = u32::try_from(value["iterations"].as_u64()?).ok()?;
    let data = B64.decode(value["data"].as_str()?).ok()?;
    Some((salt, iterations, iv, data))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words() -> LockWords<'static> {
        LockWords {
            lang: "en",
            title: "Protected",
            prompt: "Password",
            button: "Open",
            working: "Opening…",
            wrong: "Wrong password",
            needs_js: "Needs JavaScript",
        }
    }

    #[test]
    fn too_few_rounds_are_refused() {
        assert!(SiteKey::new("correct horse battery", 1).is_err());
        assert!(SiteKey::new("correct horse battery", MIN_ITERATIONS - 1).is_err());
        assert!(SiteKey::new("correct horse battery", u32::MAX).is_err());
    }

    #[test]
    fn round_trip_and_wrong_password() {
        let key = SiteKey::with_salt("correct horse", [7; 16], 1_000);
        let (iv, sealed) = key.seal(b"<p>SECRET-PAGE</p>").unwrap();
        assert_eq!(
            key.open(iv, &sealed).as_deref(),
            Some(&b"<p>SECRET-PAGE</p>"[..])
        );
        let wrong = SiteKey::with_salt("battery staple", key.salt, 1_000);
        assert_eq!(wrong.open(iv, &sealed), None);
        // A fresh IV for every page.
        let (iv2, _) = key.seal(b"x").unwrap();
        assert_ne!(iv, iv2);
    }

    #[test]
    fn a_password_is_taken_as_a_person_types_it() {
        // "café" with é as one character, or as e and a combining accent: one key.
        let composed = SiteKey::with_salt("caf\u{e9} au lait", [1; 16], 1_000);
        let decomposed = SiteKey::with_salt("cafe\u{301} au lait", [1; 16], 1_000);
        let (iv, sealed) = composed.seal(b"x").unwrap();
        assert_eq!(decomposed.open(iv, &sealed).as_deref(), Some(&b"x"[..]));
        // The line break a password file ends with is no part of it; spaces are refused.
        assert_eq!(
            password_from("pass phrase\r\n").unwrap(),
            ("pass phrase".to_string(), true)
        );
        assert_eq!(
            password_from("pass phrase").unwrap(),
            ("pass phrase".to_string(), false)
        );
        assert_eq!(password_from(" leading kept ").unwrap().0, " leading kept ");
        assert!(password_from("   ").unwrap_err().contains("only spaces"));
        assert!(
            password_from("\u{200b}\u{200b}")
                .unwrap_err()
                .contains("only spaces")
        );
        assert!(
            password_from("first line\r\nsecond")
                .unwrap_err()
                .contains("line break")
        );
        assert!(password_from("\n").unwrap_err().contains("empty"));
    }

    #[test]
    fn pbkdf2_matches_a_known_vector() {
        // RFC 7914 §11 test vector for PBKDF2-HMAC-SHA256, 1 round, "passwd"/"salt".
        let mut out = [0u8; 64];
        pbkdf2::pbkdf2_hmac::<Sha256>(b"passwd", b"salt", 1, &mut out);
        assert_eq!(&out[..8], &[0x55, 0xac, 0x04, 0x6e, 0x56, 0xe3, 0x08, 0x9f]);
    }

    #[test]
    fn the_lock_page_fills_every_placeholder_once() {
        let page = lock_page(&words(), "c2FsdA==", 600_000, "aXY=", "{{ title }}");
        assert!(!page.contains("{{ title }}</"), "{page}");
        assert_eq!(page.matches("<title>Protected</title>").count(), 1);
        assert!(page.contains(r#""iterations":600000,"iv":"aXY=","data":"{{ title }}"}"#));
        assert!(page.contains("message.textContent = \"Opening…\";"));
        let left = page.replacen("{{ title }}", "", 1);
        assert!(!left.contains("{{ "), "a placeholder left: {left}");
        assert_eq!(
            fill(
                "<{{ a }}|{{ b }}|{{ a }}{{ x",
                &[("a", "{{ b }}&"), ("b", "2")]
            ),
            "<{{ b }}&|2|{{ b }}&{{ x"
        );
    }

    #[test]
    fn sealed_pages_hold_no_plaintext_and_open_again() {
        let key = SiteKey::with_salt("pw", [9; 16], 1_000);
        let mut files = vec![
            OutputFile {
                path: "index.html".into(),
                bytes: b"<h1>SECRET-TITLE</h1>".to_vec(),
            },
            OutputFile {
                path: "style.css".into(),
                bytes: b"body{}".to_vec(),
            },
        ];
        encrypt_site(&mut files, &key, &words()).unwrap();
        let page = String::from_utf8(files[0].bytes.clone()).unwrap();
        assert!(!page.contains("SECRET-TITLE"));
        assert!(page.contains("crypto.subtle") && page.contains("noindex"));
        assert_eq!(files[1].bytes, b"body{}", "only pages are sealed");
        let (salt, iterations, iv, data) = sealed_parts(&page).unwrap();
        let again = SiteKey::with_salt("pw", salt, iterations);
        assert_eq!(again.open(iv, &data).unwrap(), b"<h1>SECRET-TITLE</h1>");
    }
}
