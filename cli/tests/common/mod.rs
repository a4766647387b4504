//! What the CLI's integration tests share: the binary, a scratch directory
//! per test, and writing a file into it.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The `bulletin` binary Cargo built for these tests.
pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_bulletin"))
}

/// A fresh directory for one test, named by the test file and the test.
pub fn temp_dir(suite: &str, test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("bulletin-{suite}-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}
