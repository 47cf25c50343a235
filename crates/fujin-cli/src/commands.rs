//! The subcommands.

use std::io::Write;
use std::process::ExitCode;

use fujin_core::demo::{DemoOptions, write_demo_feed};
use fujin_core::feed::LoadedFeed;
use fujin_core::feed::{FeedError, convert_document, load_feed};
use fujin_core::geo::LonLat;
use fujin_core::index::SpatialIndex;
use fujin_core::pack::{PackError, is_pack, pack_feed, read_pack};

use crate::args::{CheckArgs, ConvertArgs, GenerateArgs, NearbyArgs, PackArgs};
use crate::input::{InputError, read_input};

/// Everything that makes a command exit with status 2.
#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    /// The input could not be read.
    #[error(transparent)]
    Input(#[from] InputError),
    /// The input is not a feed.
    #[error("{path}: {source}")]
    Feed {
        /// The path as given.
        path: String,
        /// Why.
        source: FeedError,
    },
    /// A bad argument value.
    #[error("{0}")]
    Usage(String),
    /// Standard output failed.
    #[error("cannot write output: {0}")]
    Output(#[from] std::io::Error),
    /// JSON output failed.
    #[error("cannot write JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// A packed feed that cannot be read.
    #[error("{path}: {source}")]
    Pack {
        /// The path as given.
        path: String,
        /// Why.
        source: PackError,
    },
}

/// Loads a feed, JSON or packed (told apart by the packed feed's magic bytes).
fn load(path: &std::path::Path) -> Result<LoadedFeed, CommandError> {
    load_indexed(path).map(|(loaded, _)| loaded)
}

/// [`load`], with the spatial index a packed feed carries (rebuilt from its
/// shape; `None` for JSON, whose index is bulk loaded by the caller).
fn load_indexed(path: &std::path::Path) -> Result<(LoadedFeed, Option<SpatialIndex>), CommandError> {
    let bytes = read_input(path)?;
    let path = path.display().to_string();
    if is_pack(&bytes) {
        let packed = read_pack(&bytes).map_err(|source| CommandError::Pack { path, source })?;
        let loaded = LoadedFeed { feed: packed.feed, problems: Vec::new(), problem_count: 0, rejected: 0 };
        return Ok((loaded, packed.index));
    }
    let loaded = load_feed(&bytes).map_err(|source| CommandError::Feed { path, source })?;
    Ok((loaded, None))
}

/// `fujin check FEED`.
pub fn check(args: &CheckArgs, out: &mut impl Write) -> Result<ExitCode, CommandError> {
    let loaded = load(&args.feed)?;
    for problem in &loaded.problems {
        writeln!(out, "{problem}")?;
    }
    let unlisted = loaded.problem_count - loaded.problems.len();
    if unlisted > 0 {
        writeln!(
            out,
            "… and {unlisted} more problems (only the first {} are listed)",
            loaded.problems.len()
        )?;
    }
    writeln!(
        out,
        "{} merchants, {} deals accepted; {} rejected",
        loaded.feed.merchants.len(),
        loaded.feed.deal_count(),
        loaded.rejected
    )?;
    Ok(if loaded.problem_count == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// `fujin nearby FEED --lat --lon [--k] [--radius]`.
pub fn nearby(args: &NearbyArgs, out: &mut impl Write) -> Result<ExitCode, CommandError> {
    let from = LonLat::new(args.lon, args.lat);
    if !from.is_valid() {
        return Err(CommandError::Usage(format!(
            "--lat {} --lon {} is not a position; latitude is -90 to 90, longitude -180 to 180",
            args.lat, args.lon
        )));
    }
    if let Some(r) = args.radius
        && !(r.is_finite() && r >= 0.0)
    {
        return Err(CommandError::Usage(format!("--radius {r} must be a distance in metres, 0 or more")));
    }
    let (loaded, index) = load_indexed(&args.feed)?;
    if loaded.rejected > 0 {
        eprintln!("fujin: {} records rejected; run `fujin check` to see why", loaded.rejected);
    }
    let feed = loaded.feed;
    let index = index.unwrap_or_else(|| SpatialIndex::new(&feed.positions()));
    let hits = match (args.radius, args.k) {
        (Some(radius), k) => {
            let mut hits = index.within_radius(from, radius);
            if let Some(k) = k {
                hits.truncate(k);
            }
            hits
        }
        (None, k) => index.nearest(from, k.unwrap_or(10)),
    };
    for hit in hits {
        writeln!(out, "{}\t{:.1}", feed.merchants[hit.index as usize].id, hit.distance_m)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `fujin convert FEED --from --to`.
pub fn convert(args: &ConvertArgs, out: &mut impl Write) -> Result<ExitCode, CommandError> {
    let bytes = read_input(&args.feed)?;
    let (doc, problems) = convert_document(&bytes, args.from, args.to)
        .map_err(|source| CommandError::Feed { path: args.feed.display().to_string(), source })?;
    for problem in &problems {
        eprintln!("fujin: left unconverted: {problem}");
    }
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)?;
    Ok(ExitCode::SUCCESS)
}

/// `fujin generate`.
pub fn generate(args: &GenerateArgs, out: &mut impl Write) -> Result<ExitCode, CommandError> {
    let options = DemoOptions {
        seed: args.seed,
        merchants: args.merchants,
        max_deals: args.max_deals,
        deals_every: args.deals_every,
        crs: args.crs,
    };
    write_demo_feed(&options, args.pretty, out).map_err(|e| CommandError::Usage(format!("generate: {e}")))?;
    Ok(ExitCode::SUCCESS)
}

/// `fujin pack FEED [-o FILE]`.
pub fn pack(args: &PackArgs, out: &mut impl Write) -> Result<ExitCode, CommandError> {
    use std::io::IsTerminal;
    if args.output.is_none() && std::io::stdout().is_terminal() {
        return Err(CommandError::Usage(
            "a packed feed is binary: redirect standard output to a file, or give --output FILE".into(),
        ));
    }
    let loaded = load(&args.feed)?;
    let packed = pack_feed(&loaded.feed);
    match &args.output {
        Some(path) => std::fs::write(path, &packed)?,
        None => out.write_all(&packed)?,
    }
    eprintln!(
        "fujin: packed {} merchants, {} deals ({} bytes){}",
        loaded.feed.merchants.len(),
        loaded.feed.deal_count(),
        packed.len(),
        if loaded.rejected > 0 {
            format!("; {} rejected records left out, run `fujin check` to see why", loaded.rejected)
        } else {
            String::new()
        }
    );
    Ok(if loaded.problem_count == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
