//! Where results go: standard output, or a file given with `-o`, written
//! as they are produced through a buffer. The file is created on the first
//! write, so a run whose inputs all fail leaves no empty file behind.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// Why output failed.
pub enum WriteError {
    /// The reader of a pipe went away (`bulletin … | head`): not an error.
    BrokenPipe,
    Failed(String),
}

impl WriteError {
    /// The error of a write to `path` (standard output when `None`).
    pub fn of(e: &io::Error, path: Option<&Path>) -> Self {
        match (e.kind(), path) {
            (io::ErrorKind::BrokenPipe, _) => WriteError::BrokenPipe,
            (_, Some(path)) => {
                WriteError::Failed(format!("{}: 无法写入 / cannot write: {e}", path.display()))
            }
            (_, None) => WriteError::Failed(format!("standard output: {e}")),
        }
    }
}

/// Writes `bytes` to `path`, or to standard output when there is none.
pub fn write(path: Option<&Path>, bytes: &[u8]) -> Result<(), WriteError> {
    let mut out = Output::new(path.map(Path::to_path_buf));
    out.write_all(bytes)
        .and_then(|()| out.finish())
        .map_err(|e| WriteError::of(&e, path))
}

/// A buffered output, opened on first use.
pub struct Output {
    path: Option<PathBuf>,
    writer: Option<Box<dyn Write>>,
}

impl Output {
    pub fn new(path: Option<PathBuf>) -> Self {
        Output { path, writer: None }
    }

    /// Output goes to a file (CSV then starts with the BOM Excel needs).
    pub fn is_file(&self) -> bool {
        self.path.is_some()
    }

    // Shadows `Write::write_all` on purpose: the same, without the loop.
    pub fn write_all(&mut self, bytes: &[u8]) -> io::Result<()> {
        if self.writer.is_none() {
            let writer: Box<dyn Write> = match &self.path {
                Some(path) => Box::new(BufWriter::with_capacity(1 << 16, File::create(path)?)),
                None => Box::new(BufWriter::with_capacity(1 << 16, io::stdout())),
            };
            self.writer = Some(writer);
        }
        match &mut self.writer {
            Some(w) => w.write_all(bytes),
            None => Ok(()),
        }
    }

    pub fn finish(self) -> io::Result<()> {
        match self.writer {
            Some(mut w) => w.flush(),
            None => Ok(()),
        }
    }
}

impl Write for Output {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.write_all(bytes)?;
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.writer {
            Some(w) => w.flush(),
            None => Ok(()),
        }
    }
}
