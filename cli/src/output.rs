//! Where results go: standard output, or a file given with `-o`.

use std::io::Write;
use std::path::Path;

/// Why output failed.
pub enum WriteError {
    /// The reader of a pipe went away (`bulletin … | head`): not an error.
    BrokenPipe,
    Failed(String),
}

/// Writes `bytes` to `path`, or to standard output when there is none.
pub fn write(path: Option<&Path>, bytes: &[u8]) -> Result<(), WriteError> {
    match path {
        Some(path) => std::fs::write(path, bytes).map_err(|e| {
            WriteError::Failed(format!("{}: 无法写入 / cannot write: {e}", path.display()))
        }),
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(bytes)
                .and_then(|()| out.flush())
                .map_err(|e| match e.kind() {
                    std::io::ErrorKind::BrokenPipe => WriteError::BrokenPipe,
                    _ => WriteError::Failed(format!("standard output: {e}")),
                })
        }
    }
}
