//! What the CLI's integration tests share: the binary, a scratch directory
//! per test, and writing a file into it.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The `bulletin` binary Cargo built for these tests.
pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_bulletin"))
}

/// A fresh directory for one test, named by the test file and the test.
/// A fresh scratch directory for one test, under Cargo's `target/tmp`
/// (emptied first, so runs do not pile up in the system's /tmp).
pub fn temp_dir(suite: &str, test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("bulletin-{suite}-{test}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}
