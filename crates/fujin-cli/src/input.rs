//! Reading a feed from a file or standard input, never more than a feed may be.

use std::io::Read;
use std::path::Path;

use fujin_core::feed::limits::MAX_FEED_BYTES;

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
    /// More bytes than any feed may have (`/dev/zero`, an endless pipe).
    #[error("{path} is larger than a feed may be ({MAX_FEED_BYTES} bytes, 256 MiB); stopped reading")]
    TooLarge {
        /// The path as given.
        path: String,
    },
}

/// The bytes of `path`, or of standard input when `path` is `-`; at most
/// [`MAX_FEED_BYTES`], whatever the file claims or keeps sending.
pub fn read_input(path: &Path) -> Result<Vec<u8>, InputError> {
    let name = path.display().to_string();
    let wrap = |source| InputError::Io { path: name.clone(), source };
    let mut bytes = Vec::new();
    let limit = MAX_FEED_BYTES as u64 + 1;
    if path == Path::new("-") {
        std::io::stdin().lock().take(limit).read_to_end(&mut bytes).map_err(wrap)?;
    } else {
        std::fs::File::open(path).and_then(|f| f.take(limit).read_to_end(&mut bytes)).map_err(wrap)?;
    }
    if bytes.len() > MAX_FEED_BYTES {
        return Err(InputError::TooLarge { path: name });
    }
    Ok(bytes)
}
