//! The site's writing: unchanged files kept, parts, ownership, recovery.

use super::known::{MANIFEST_HEADER, MARKER_TEXT, Manifest, same_bytes};
use super::*;

fn file(path: &str, text: &str) -> OutputFile {
    OutputFile {
        path: path.into(),
        bytes: text.as_bytes().to_vec(),
    }
}

#[test]
fn writes_then_replaces_and_keeps_unchanged_files() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let stats = write(&out, &[file("index.html", "a"), file("x/y.html", "b")]).unwrap();
    assert_eq!(
        stats,
        WriteStats {
            written: 2,
            unchanged: 0
        }
    );
    let stats = write(&out, &[file("index.html", "a"), file("x/z.html", "c")]).unwrap();
    assert_eq!(
        stats,
        WriteStats {
            written: 1,
            unchanged: 1
        }
    );
    assert!(!out.join("x/y.html").exists(), "stale pages are gone");
    assert_eq!(fs::read_to_string(out.join("x/z.html")).unwrap(), "c");
    assert!(out.join(MARKER).exists());
    let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "no temporary folders left behind");
}

#[test]
fn the_marker_lists_each_file_s_hash_and_size_the_same_on_every_build() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let files = [file("x/b.html", "bb"), file("a.html", "a")];
    write(&out, &files).unwrap();
    let first = fs::read_to_string(out.join(MARKER)).unwrap();
    let hash = |text: &str| xxhash_rust::xxh3::xxh3_128(text.as_bytes());
    assert_eq!(
        first,
        format!(
            "{MARKER_TEXT}\n{MANIFEST_HEADER}\n{:032x} 1 a.html\n{:032x} 2 x/b.html\n",
            hash("a"),
            hash("bb")
        )
    );
    write(&out, &files).unwrap();
    assert_eq!(fs::read_to_string(out.join(MARKER)).unwrap(), first);
    // A path that would break the list's lines is left out of it (and read back).
    assert!(!Manifest::text(vec![("a\nb".into(), 1, 1)]).contains("a\nb"));
}

/// Sets a file's modification time `seconds` before the marker's.
fn touch_before_marker(out: &Path, path: &str, seconds: u64) {
    let marker = fs::metadata(out.join(MARKER)).unwrap().modified().unwrap();
    let file = fs::File::options()
        .write(true)
        .open(out.join(path))
        .unwrap();
    file.set_modified(marker - std::time::Duration::from_secs(seconds))
        .unwrap();
}

#[test]
fn a_file_the_marker_vouches_for_is_not_read_back_and_a_file_changed_since_is() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let files = [file("a.html", "aaaa"), file("b.html", "bbbb")];
    write(&out, &files).unwrap();
    for path in ["a.html", "b.html"] {
        touch_before_marker(&out, path, 10);
    }
    // Changed by hand with the same size: a.html as if long ago, b.html now.
    fs::write(out.join("b.html"), "XXXX").unwrap();
    fs::write(out.join("a.html"), "YYYY").unwrap();
    touch_before_marker(&out, "a.html", 10);
    let stats = write(&out, &files).unwrap();
    // a.html is kept on the list's word (its bytes were not read: the hand-made
    // change, dated before the list, shows it); b.html, changed after the list was
    // written, is read back, found different and written again.
    assert_eq!(fs::read_to_string(out.join("a.html")).unwrap(), "YYYY");
    assert_eq!(fs::read_to_string(out.join("b.html")).unwrap(), "bbbb");
    assert_eq!(
        stats,
        WriteStats {
            written: 1,
            unchanged: 1
        }
    );
}

#[test]
fn a_marker_without_the_list_still_keeps_unchanged_files() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let files = [file("a.html", "a"), file("b.html", "b")];
    write(&out, &files).unwrap();
    fs::write(out.join(MARKER), format!("{MARKER_TEXT}\n")).unwrap();
    fs::write(out.join("b.html"), "c").unwrap();
    let stats = write(&out, &files).unwrap();
    assert_eq!(
        stats,
        WriteStats {
            written: 1,
            unchanged: 1
        }
    );
    assert_eq!(fs::read_to_string(out.join("b.html")).unwrap(), "b");
    assert!(
        fs::read_to_string(out.join(MARKER))
            .unwrap()
            .contains(MANIFEST_HEADER)
    );
}

/// Writes `files` as [`write`] does, each in parts through [`Writer::put_written`].
fn write_in_parts(out: &Path, files: &[OutputFile]) -> io::Result<WriteStats> {
    let writer = Writer::begin(out)?;
    for file in files {
        let text = std::str::from_utf8(&file.bytes).unwrap();
        writer.put_written(&file.path, |w| {
            let (a, b) = text.split_at(text.len() / 2);
            w.write_str(a)?;
            w.write_str(b)
        })?;
    }
    writer.finish()
}

#[test]
fn a_file_written_in_parts_is_the_file_written_whole() {
    let dir = tempfile::tempdir().unwrap();
    let (whole, parts) = (dir.path().join("whole"), dir.path().join("parts"));
    let files = [
        file("search.html", "<p>an index</p>"),
        file("x/y.html", "b"),
    ];
    write(&whole, &files).unwrap();
    let stats = write_in_parts(&parts, &files).unwrap();
    assert_eq!(stats.written, 2);
    for path in [MARKER, "search.html", "x/y.html"] {
        assert_eq!(
            fs::read(whole.join(path)).unwrap(),
            fs::read(parts.join(path)).unwrap(),
            "{path}"
        );
    }
    // Unchanged, it is kept: on the marker's word, or read back without one.
    assert_eq!(write_in_parts(&parts, &files).unwrap().unchanged, 2);
    fs::write(parts.join(MARKER), format!("{MARKER_TEXT}\n")).unwrap();
    fs::write(parts.join("x/y.html"), "c").unwrap();
    let stats = write_in_parts(&parts, &files).unwrap();
    assert_eq!((stats.written, stats.unchanged), (1, 1));
    assert_eq!(fs::read_to_string(parts.join("x/y.html")).unwrap(), "b");
    let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(
        leftovers.len(),
        2,
        "no temporary folders or links left behind"
    );
}

#[test]
fn a_page_that_fails_half_written_leaves_the_previous_site() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    write(&out, &[file("search.html", "old")]).unwrap();
    let writer = Writer::begin(&out).unwrap();
    let failed = writer.put_written("search.html", |w| {
        w.write_str("half a page")?;
        Err(std::fmt::Error)
    });
    assert!(failed.is_err());
    drop(writer);
    assert_eq!(fs::read_to_string(out.join("search.html")).unwrap(), "old");
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn files_compared_side_by_side() {
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str, bytes: &[u8]| {
        let p = dir.path().join(name);
        fs::write(&p, bytes).unwrap();
        p
    };
    let big: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
    let mut other = big.clone();
    other[150_000] ^= 1;
    let (a, b, c) = (path("a", &big), path("b", &big), path("c", &other));
    let short = path("d", &big[..100_000]);
    assert!(same_bytes(&a, &b).unwrap());
    assert!(!same_bytes(&a, &c).unwrap());
    assert!(!same_bytes(&a, &short).unwrap());
    assert!(!same_bytes(&short, &a).unwrap());
}

#[test]
fn refuses_dangerous_output_folders() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("eng");
    fs::create_dir_all(&root).unwrap();
    assert!(check_output(&root, &root).is_err());
    assert!(check_output(&root, dir.path()).is_err());
    let foreign = dir.path().join("docs");
    fs::create_dir_all(&foreign).unwrap();
    fs::write(foreign.join("keep.txt"), "x").unwrap();
    assert!(check_output(&root, &foreign).is_err());
    assert!(check_output(&root, &dir.path().join("public")).is_ok());
}

/// Writes `text` at `rel` in `dir`, making its folders.
fn put(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

#[test]
fn what_coachsite_did_not_write_is_kept_on_a_rebuild() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    write(&out, &[file("index.html", "a"), file("x/y.html", "b")]).unwrap();
    // What a deploy adds: a repository, a domain, a folder of its own, a file beside pages.
    let theirs = [
        (".git/HEAD", "ref: refs/heads/main\n"),
        (".git/objects/ab/cd", "blob"),
        ("CNAME", "coaching.example.org\n"),
        (".nojekyll", ""),
        (".well-known/security.txt", "Contact: x"),
        ("x/notes.txt", "mine"),
    ];
    for (rel, text) in theirs {
        put(&out, rel, text);
    }
    let stats = write(&out, &[file("index.html", "A"), file("z.html", "c")]).unwrap();
    assert_eq!((stats.written, stats.unchanged), (2, 0));
    for (rel, text) in theirs
        .into_iter()
        .chain([("index.html", "A"), ("z.html", "c")])
    {
        assert_eq!(fs::read_to_string(out.join(rel)).unwrap(), text, "{rel}");
    }
    assert!(
        !out.join("x/y.html").exists(),
        "coachsite's own stale page goes"
    );
    // The marker lists only coachsite's files, so the next build keeps them again.
    let marker = fs::read_to_string(out.join(MARKER)).unwrap();
    assert!(
        !marker.contains("CNAME") && !marker.contains(".git"),
        "{marker}"
    );
    write(&out, &[file("index.html", "A")]).unwrap();
    assert!(out.join(".git/objects/ab/cd").exists() && out.join("x/notes.txt").exists());
    nothing_beside(dir.path());
}

#[test]
fn a_file_coachsite_did_not_write_where_the_new_site_has_one_stops_the_build() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    write(&out, &[file("index.html", "a")]).unwrap();
    put(&out, "new/page.html", "someone's page");
    put(&out, "file", "someone's file");
    let before = tree(&out);
    for files in [
        vec![file("index.html", "b"), file("new/page.html", "ours")],
        vec![file("index.html", "b"), file("file/inside.html", "ours")],
    ] {
        let err = write(&out, &files).unwrap_err().to_string();
        assert!(err.contains("was not written by coachsite"), "{err}");
        assert_eq!(tree(&out), before, "nothing changed");
        nothing_beside(dir.path());
    }
}

#[test]
fn an_empty_or_forged_marker_proves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("eng");
    fs::create_dir_all(&root).unwrap();
    for marker in [MARKER, ".coachsite"] {
        let other = dir.path().join(format!("other{marker}"));
        put(&other, "notes.md", "keep me");
        put(&other, marker, "");
        let err = check_output(&root, &other).unwrap_err().to_string();
        assert!(err.contains("not written by coachsite"), "{err}");
        assert!(Writer::begin(&other).is_err(), "the writer refuses it too");
        assert_eq!(
            fs::read_to_string(other.join("notes.md")).unwrap(),
            "keep me"
        );
    }
    // An engagement's own `.coachsite/` folder is no marker, whatever it holds.
    let engagement = dir.path().join("b");
    put(&engagement, "engagement.yaml", "title: B\n");
    put(&engagement, ".coachsite/schemas/x.json", "{}");
    let err = check_output(&root, &engagement).unwrap_err().to_string();
    assert!(err.contains("is an engagement"), "{err}");
    // A folder holding an engagement deeper down.
    let practice = dir.path().join("practice");
    put(&practice, "maya/engagement.yaml", "title: M\n");
    let err = check_output(&root, &practice).unwrap_err().to_string();
    assert!(err.contains("holds the engagement `maya`"), "{err}");
}

#[test]
fn a_site_with_the_old_marker_is_still_coachsite_s() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    write(&out, &[file("index.html", "a")]).unwrap();
    fs::rename(out.join(MARKER), out.join(".coachsite")).unwrap();
    put(&out, "CNAME", "x.org");
    write(&out, &[file("index.html", "b")]).unwrap();
    assert!(out.join(MARKER).is_file() && !out.join(".coachsite").exists());
    assert_eq!(fs::read_to_string(out.join("CNAME")).unwrap(), "x.org");
}

#[test]
fn an_interrupted_write_is_put_back_before_the_next() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    write(&out, &[file("index.html", "old")]).unwrap();
    put(&out, ".git/HEAD", "repo");
    // Interrupted between its two renames: the old site aside, the new one (with what
    // it carried) not yet in place.
    let writer = Writer::begin(&out).unwrap();
    writer.put(&file("index.html", "new")).unwrap();
    let (tmp, old) = (
        dir.path().join(".public.coachsite-new"),
        dir.path().join(".public.coachsite-old"),
    );
    fs::write(
        tmp.join(MARKER),
        Manifest::text(vec![("index.html".into(), 0, 3)]),
    )
    .unwrap();
    fs::create_dir_all(tmp.join(".git")).unwrap();
    fs::rename(out.join(".git/HEAD"), tmp.join(".git/HEAD")).unwrap();
    fs::remove_dir(out.join(".git")).unwrap();
    fs::rename(&out, &old).unwrap();
    std::mem::forget(writer);
    write(&out, &[file("index.html", "next")]).unwrap();
    assert_eq!(fs::read_to_string(out.join(".git/HEAD")).unwrap(), "repo");
    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "next");
    nothing_beside(dir.path());
}

#[test]
fn no_path_inside_what_an_engagement_reads_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let e = dir.path().join("e");
    put(&e, "engagement.yaml", "title: E\n");
    put(&e, "objectives/o.md", "---\n---\n");
    for inside in [
        "engagement.yaml",
        "plan.yaml",
        "objectives/o.md",
        "objectives/new.json",
        "sessions",
        "static/site",
        "photo.png",
        ".coachsite/templates/x",
    ] {
        let err = refuse_input(&e.join(inside)).unwrap_err().to_string();
        assert!(err.contains("which coachsite reads"), "{inside}: {err}");
    }
    refuse_input(&e).unwrap_err();
    for fine in [
        "public",
        "export",
        "acme.json",
        ".coachsite/schemas",
        "notes/x.png",
    ] {
        refuse_input(&e.join(fine)).unwrap_or_else(|d| panic!("{fine}: {d}"));
    }
    refuse_input(&dir.path().join("elsewhere.json")).unwrap();
}

/// Every entry below `dir` (files with their bytes), sorted.
fn tree(dir: &Path) -> Vec<(String, Option<Vec<u8>>)> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|e| {
            let e = e.unwrap();
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .to_string();
            (
                rel,
                e.file_type().is_file().then(|| fs::read(e.path()).unwrap()),
            )
        })
        .collect()
}

/// Only the site in `dir`: no temporary or old folder left beside it.
fn nothing_beside(dir: &Path) {
    assert_eq!(fs::read_dir(dir).unwrap().count(), 1, "nothing left beside");
}

#[test]
fn a_marker_without_a_list_lets_only_the_new_site_s_files_be_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    // An old site's marker, listing nothing: what is in the folder is kept, but for the
    // files the new site writes over.
    put(&out, ".coachsite", &format!("{MARKER_TEXT}\n"));
    put(&out, "index.html", "old page");
    put(&out, "downloads/contract.pdf", "pdf");
    put(&out, "google123.html", "verification");
    write(&out, &[file("index.html", "new page")]).unwrap();
    assert_eq!(
        fs::read_to_string(out.join("index.html")).unwrap(),
        "new page"
    );
    assert_eq!(
        fs::read_to_string(out.join("downloads/contract.pdf")).unwrap(),
        "pdf"
    );
    assert_eq!(
        fs::read_to_string(out.join("google123.html")).unwrap(),
        "verification"
    );
    // Such a folder holding an engagement is refused.
    put(&out, ".coachsite-output", &format!("{MARKER_TEXT}\n"));
    put(&out, "other/engagement.yaml", "title: B\n");
    let root = dir.path().join("eng");
    fs::create_dir_all(&root).unwrap();
    let err = check_output(&root, &out).unwrap_err().to_string();
    assert!(err.contains("holds the engagement `other`"), "{err}");
}

#[test]
fn names_with_line_breaks_or_not_utf8_are_kept_and_listed() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let odd = "a\nb\\c.txt";
    write(&out, &[file("index.html", "a"), file(odd, "odd")]).unwrap();
    // Not coachsite's: a name that is not UTF-8.
    let latin1 = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
    fs::write(out.join(latin1), "theirs").unwrap();
    // Built again and again: the odd name is coachsite's (listed, escaped), the other kept.
    for _ in 0..2 {
        write(&out, &[file("index.html", "b"), file(odd, "odd")]).unwrap();
    }
    assert_eq!(fs::read_to_string(out.join(odd)).unwrap(), "odd");
    assert_eq!(fs::read_to_string(out.join(latin1)).unwrap(), "theirs");
    let listed = fs::read_to_string(out.join(MARKER)).unwrap();
    assert!(listed.contains("a\\nb\\\\c.txt"), "{listed}");
}

#[test]
fn an_output_given_as_a_link_or_as_dot_is_the_folder_it_names() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("www/site");
    fs::create_dir_all(&target).unwrap();
    let link = dir.path().join("public");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let resolved = output_folder(&link).unwrap();
    assert_eq!(resolved, fs::canonicalize(&target).unwrap());
    write(&resolved, &[file("index.html", "a")]).unwrap();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link stays"
    );
    assert_eq!(fs::read_to_string(link.join("index.html")).unwrap(), "a");
    let dangling = dir.path().join("gone");
    std::os::unix::fs::symlink(dir.path().join("nowhere"), &dangling).unwrap();
    let err = output_folder(&dangling).unwrap_err().to_string();
    assert!(err.contains("which does not exist"), "{err}");
    // `.`, or a path ending in `..`: the folder itself, swapped beside it.
    let here = output_folder(&target.join("sub/..")).unwrap();
    assert_eq!(here, fs::canonicalize(&target).unwrap());
    write(&here, &[file("index.html", "b")]).unwrap();
    assert_eq!(fs::read_to_string(target.join("index.html")).unwrap(), "b");
}

#[test]
fn a_path_through_a_missing_folder_and_back_is_still_inside() {
    let dir = tempfile::tempdir().unwrap();
    let e = dir.path().join("e");
    put(&e, "engagement.yaml", "title: E\n");
    for sneaky in [
        "zz/../sessions/site",
        "n/../objectives",
        "q/../objectives/inner",
        "a/b/../../static/x",
    ] {
        let err = refuse_input(&e.join(sneaky)).unwrap_err().to_string();
        assert!(err.contains("which coachsite reads"), "{sneaky}: {err}");
    }
    // In any case (a file system may not tell them apart), and `.coachsite/` itself.
    for other_case in [
        "Engagement.yaml",
        "OBJECTIVES/x.json",
        ".coachsite",
        ".Coachsite/Templates",
    ] {
        assert!(refuse_input(&e.join(other_case)).is_err(), "{other_case}");
    }
}

#[test]
fn a_folder_left_where_a_site_is_written_is_coachsite_s_only_if_marked() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    write(&out, &[file("index.html", "a")]).unwrap();
    // Someone's folder with the name of the one a build writes into: refused, kept.
    let tmp = dir.path().join(".public.coachsite-new");
    put(&tmp, "precious.txt", "mine");
    let err = write(&out, &[file("index.html", "b")])
        .unwrap_err()
        .to_string();
    assert!(err.contains("holds files coachsite did not write"), "{err}");
    assert_eq!(
        fs::read_to_string(tmp.join("precious.txt")).unwrap(),
        "mine"
    );
    fs::remove_dir_all(&tmp).unwrap();
    // One a build left while it was writing (marked so from the start): removed.
    let writer = Writer::begin(&out).unwrap();
    writer.put(&file("index.html", "c")).unwrap();
    std::mem::forget(writer);
    write(&out, &[file("index.html", "d")]).unwrap();
    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "d");
    nothing_beside(dir.path());
}

#[test]
fn a_hidden_path_a_marker_lists_is_never_coachsite_s() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    write(&out, &[file("index.html", "a")]).unwrap();
    put(&out, ".git/HEAD", "ref");
    // A marker edited by hand to list a file of the repository.
    let marker = fs::read_to_string(out.join(MARKER)).unwrap();
    fs::write(
        out.join(MARKER),
        format!("{marker}{:032x} 3 .git/HEAD\n", 0),
    )
    .unwrap();
    write(&out, &[file("index.html", "b")]).unwrap();
    assert_eq!(fs::read_to_string(out.join(".git/HEAD")).unwrap(), "ref");
}
