//! Reading a feed from a file or standard input.

use std::io::Read;
use std::path::Path;

/// Why the input could not be read.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// The file could not be opened or read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The path as given.
        path: String,
        /// What the system said.
        source: std::io::Error,
    },
}

/// The bytes of `path`, or of standard input when `path` is `-`.
pub fn read_input(path: &Path) -> Result<Vec<u8>, InputError> {
    let name = path.display().to_string();
    let wrap = |source| InputError::Io { path: name.clone(), source };
    if path == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::stdin().lock().read_to_end(&mut bytes).map_err(wrap)?;
        Ok(bytes)
    } else {
        std::fs::read(path).map_err(wrap)
    }
}
