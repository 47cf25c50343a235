//! Loading feed bytes into a [`Catalog`] in steps: the feed read a byte
//! budget at a time (JSON) or a number of merchants at a time (a packed
//! feed, told apart by its magic bytes), then indexed a number of merchants
//! at a time, with a [`Pace`] called after every step. The app's pace gives the page a turn
//! every few milliseconds; the bench page's pace times each step. Both run
//! this one loop, so the bench measures the path the app runs.

use std::future::Future;

use fujin_core::feed::{Feed, FeedError, FeedReader};
use fujin_core::index::{Catalog, CatalogBuilder, IndexBuild};
use fujin_core::pack::{PackError, PackReader, is_pack};

/// Bytes of records read in one step: a few milliseconds in the browser bench.
pub const BYTES_PER_STEP: usize = 64 * 1024;

/// Merchants indexed in one step.
pub const MERCHANTS_PER_STEP: usize = 1_000;

/// Merchants of a packed feed read in one step.
pub const PACKED_MERCHANTS_PER_STEP: usize = 2_000;

/// Why the bytes are not a feed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ReadError {
    /// A JSON feed that cannot be read.
    #[error(transparent)]
    Json(#[from] FeedError),
    /// A packed feed that cannot be read.
    #[error(transparent)]
    Packed(#[from] PackError),
}

/// Where loading is, as told to the [`Pace`] after each step.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum LoadStep {
    /// The reader is set up (the size checked; a packed feed's sections
    /// found); the UTF-8 check and the head are the first steps of reading.
    Opened,
    /// One step of [`BYTES_PER_STEP`] (or [`PACKED_MERCHANTS_PER_STEP`])
    /// read; the share of the feed read (0 to 1).
    Reading(f64),
    /// The whole feed is read (its bytes are dropped next).
    Read,
    /// One step of [`MERCHANTS_PER_STEP`] prepared, or of the R-tree's
    /// build (a part bulk loaded, or rebuilt from a packed feed's shape);
    /// the share indexed (0 to 1).
    Indexing(f64),
}

/// What happens between two steps of loading.
pub trait Pace {
    /// Called after each step; loading goes on when the future completes
    /// with true, and stops (nothing is kept) with false.
    fn after(&mut self, step: LoadStep) -> impl Future<Output = bool>;
}

/// A feed loaded and indexed.
#[derive(Debug)]
pub struct LoadedCatalog {
    /// Its valid merchants and deals, indexed.
    pub catalog: Catalog,
    /// How many records were rejected.
    pub rejected: usize,
}

/// Reads `bytes` as a feed (JSON or packed) and indexes it, step by step,
/// calling `pace` after every step; `None` when the pace stopped it. The
/// bytes are dropped as soon as they are read, before indexing starts: a big
/// feed's bytes and its catalog are not held at once.
pub async fn load_in_steps(bytes: Vec<u8>, pace: &mut impl Pace) -> Result<Option<LoadedCatalog>, ReadError> {
    let (feed, rejected, index) = {
        let mut reader = Reader::new(&bytes)?;
        if !pace.after(LoadStep::Opened).await {
            return Ok(None);
        }
        loop {
            let done = reader.step()?;
            if !pace.after(LoadStep::Reading(reader.progress())).await {
                return Ok(None);
            }
            if done {
                break;
            }
        }
        reader.finish()?
    };
    if !pace.after(LoadStep::Read).await {
        return Ok(None);
    }
    drop(bytes);
    let mut builder = CatalogBuilder::with_index(feed, index);
    loop {
        let done = builder.step(MERCHANTS_PER_STEP);
        if !pace.after(LoadStep::Indexing(builder.progress())).await {
            return Ok(None);
        }
        if done {
            break;
        }
    }
    Ok(Some(LoadedCatalog { catalog: builder.finish(), rejected }))
}

/// A JSON or a packed feed being read (one loop above drives either; boxed,
/// as the two differ much in size).
enum Reader<'a> {
    Json(Box<FeedReader<'a>>),
    Packed(Box<PackReader<'a>>),
}

impl<'a> Reader<'a> {
    fn new(bytes: &'a [u8]) -> Result<Self, ReadError> {
        Ok(if is_pack(bytes) {
            Reader::Packed(Box::new(PackReader::new(bytes)?))
        } else {
            Reader::Json(Box::new(FeedReader::new(bytes)?))
        })
    }

    /// One step; true when everything is read.
    fn step(&mut self) -> Result<bool, ReadError> {
        Ok(match self {
            Reader::Json(r) => r.step(BYTES_PER_STEP)?,
            Reader::Packed(r) => r.step(PACKED_MERCHANTS_PER_STEP)?,
        })
    }

    fn progress(&self) -> f64 {
        match self {
            Reader::Json(r) => r.progress(),
            Reader::Packed(r) => r.progress(),
        }
    }

    /// The feed, how many records were rejected (a packed feed is all or
    /// nothing: none) and the rebuild of its index if the file carried one.
    fn finish(self) -> Result<(Feed, usize, Option<IndexBuild>), ReadError> {
        Ok(match self {
            Reader::Json(r) => {
                let loaded = r.finish()?;
                (loaded.feed, loaded.rejected, None)
            }
            Reader::Packed(r) => {
                let (feed, index) = r.finish()?;
                (feed, 0, index)
            }
        })
    }
}
