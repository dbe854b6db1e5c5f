//! A small chainable helper for driving coachsite the way a coach does: copy a fixture
//! engagement into a temporary folder, change files, build, and look at the pages.
#![allow(dead_code)]

#[cfg(feature = "serve")]
pub mod live;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use tempfile::TempDir;

/// The as-of date every test builds with, so pages are reproducible.
pub const AS_OF: &str = "2026-06-15";

/// The commands that write a site into a folder: `watch` where the binary has it.
pub const WRITING_COMMANDS: &[&str] = if cfg!(feature = "watch") {
    &["build", "watch"]
} else {
    &["build"]
};

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

pub fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("example-engagement")
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).sort_by_file_name() {
        let entry = entry.expect("readable fixture");
        let rel = entry.path().strip_prefix(from).expect("inside the fixture");
        if rel.starts_with("public") {
            continue;
        }
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).expect("create folder");
        } else {
            fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// An engagement in a temporary folder, with an output folder beside it.
pub struct Project {
    _dir: TempDir,
    pub root: PathBuf,
    pub out: PathBuf,
}

impl Project {
    fn from(source: &Path) -> Project {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("engagement");
        copy_dir(source, &root);
        let out = dir.path().join("site");
        Project {
            _dir: dir,
            root,
            out,
        }
    }

    /// The small fixture engagement `tests/fixtures/minimal`.
    pub fn minimal() -> Project {
        Project::from(&fixtures().join("minimal"))
    }

    /// A fixture engagement under `tests/fixtures/`, by name.
    pub fn fixture(name: &str) -> Project {
        Project::from(&fixtures().join(name))
    }

    /// The realistic `example-engagement/` of the repository.
    pub fn example() -> Project {
        Project::from(&example())
    }

    /// The minimal fixture with one broken-input case laid over it: the case's files
    /// replace or add files, and paths listed in its `REMOVE` file are deleted.
    pub fn apply_case(&self, case: &str) -> &Project {
        let dir = fixtures().join("broken").join(case);
        for entry in walkdir::WalkDir::new(&dir) {
            let entry = entry.expect("readable case");
            let rel = entry.path().strip_prefix(&dir).expect("inside the case");
            let name = rel.to_string_lossy();
            if name == "expected.txt" || name == "REMOVE" || entry.file_type().is_dir() {
                continue;
            }
            let target = self.root.join(rel);
            fs::create_dir_all(target.parent().expect("parent")).expect("create folder");
            fs::copy(entry.path(), target).expect("copy case file");
        }
        if let Ok(list) = fs::read_to_string(dir.join("REMOVE")) {
            for path in list.lines().filter(|l| !l.trim().is_empty()) {
                fs::remove_file(self.root.join(path.trim())).expect("remove listed file");
            }
        }
        self
    }

    pub fn write(&self, rel: &str, text: &str) -> &Project {
        let path = self.root.join(rel);
        fs::create_dir_all(path.parent().expect("parent")).expect("create folder");
        fs::write(path, text).expect("write file");
        self
    }

    pub fn edit(&self, rel: &str, from: &str, to: &str) -> &Project {
        let path = self.root.join(rel);
        let text = fs::read_to_string(&path).expect("read file");
        assert!(text.contains(from), "{rel} does not contain {from:?}");
        fs::write(path, text.replacen(from, to, 1)).expect("write file");
        self
    }

    /// Runs `coachsite build ROOT -o OUT --as-of AS_OF` plus `args`.
    pub fn build(&self, args: &[&str]) -> Output {
        let mut cmd = Command::cargo_bin("coachsite").expect("binary");
        cmd.arg("build")
            .arg(&self.root)
            .arg("-o")
            .arg(&self.out)
            .args(["--as-of", AS_OF, "--color", "never"])
            .args(args);
        cmd.output().expect("run coachsite")
    }

    /// `build --encrypt` with `password` from the environment, plus `args`; insists on
    /// success.
    pub fn build_encrypted_ok(&self, password: &str, args: &[&str]) -> &Project {
        let output = Command::cargo_bin("coachsite")
            .expect("binary")
            .arg("build")
            .arg(&self.root)
            .arg("-o")
            .arg(&self.out)
            .args(["--as-of", AS_OF, "--color", "never", "--encrypt"])
            .args(args)
            .env("COACHSITE_PASSWORD", password)
            .output()
            .expect("run coachsite");
        assert!(
            output.status.success(),
            "build failed:\n{}",
            stderr(&output)
        );
        self
    }

    /// Builds and insists on success.
    pub fn build_ok(&self, args: &[&str]) -> &Project {
        let output = self.build(args);
        assert!(
            output.status.success(),
            "build failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        self
    }

    pub fn has(&self, page: &str) -> bool {
        self.out.join(page).is_file()
    }

    pub fn page(&self, page: &str) -> String {
        fs::read_to_string(self.out.join(page)).unwrap_or_else(|e| panic!("no page {page}: {e}"))
    }

    /// Every file of the output with its bytes, sorted by path.
    pub fn snapshot(&self) -> Vec<(String, Vec<u8>)> {
        snapshot(&self.out)
    }
}

pub fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.expect("readable output");
        if entry.file_type().is_file() {
            let rel = entry
                .path()
                .strip_prefix(dir)
                .expect("inside")
                .to_string_lossy()
                .replace('\\', "/");
            files.push((rel, fs::read(entry.path()).expect("read output")));
        }
    }
    files
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).to_string()
}

/// One HTTP GET of `path` from a server at `address`: the status and the body.
pub fn http_get(address: &str, path: &str) -> (u16, Vec<u8>) {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(address).expect("connect");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut response = Vec::new();
    stream.read_to_end(&mut response).expect("read");
    let split = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("headers");
    let head = String::from_utf8_lossy(&response[..split]).to_string();
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, response[split + 4..].to_vec())
}

/// Serves `site` on a free loopback port from this process, as `coachsite serve` does,
/// until the runtime is dropped; gives the runtime and the address.
#[cfg(feature = "serve")]
pub fn serve_in_process(
    site: std::sync::Arc<coachsite::serve::LiveSite>,
) -> (tokio::runtime::Runtime, String) {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let (listener, _) = runtime.block_on(coachsite::serve::bind(0)).expect("bind");
    let port = listener.local_addr().expect("address").port();
    let router = coachsite::serve::router(site, port);
    runtime.spawn(coachsite::serve::run(
        listener,
        router,
        std::future::pending(),
    ));
    (runtime, format!("127.0.0.1:{port}"))
}
