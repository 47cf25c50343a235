//! The command line.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use fujin_core::geo::Crs;

/// Check, inspect, convert and generate Fujin (附近) merchant feeds.
#[derive(Debug, Parser)]
#[command(name = "fujin", version, about)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate a feed: one line per problem, then a summary.
    /// Exit 0 when all is valid, 1 when anything was reported, 2 when it is not a feed.
    Check(CheckArgs),
    /// List the merchants nearest a point: `<id>\t<metres>`, nearest first.
    Nearby(NearbyArgs),
    /// Rewrite a feed's coordinates from one datum to another.
    Convert(ConvertArgs),
    /// Write a realistic Shenzhen demo feed (same seed, same bytes).
    Generate(GenerateArgs),
    /// Write a feed's valid records as a packed feed (`.fjpk`), which the
    /// widget loads much faster than JSON. Rejected records are left out and
    /// counted on standard error (exit 1); `check` and `nearby` read packed
    /// feeds too.
    Pack(PackArgs),
}

/// `fujin pack`.
#[derive(Debug, Args)]
pub struct PackArgs {
    /// The feed file (Fujin JSON or GeoJSON), or `-` for standard input.
    pub feed: PathBuf,
    /// Where to write the packed feed (default: standard output, unless it is a terminal).
    #[arg(long, short)]
    pub output: Option<PathBuf>,
}

/// `fujin check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The feed file (Fujin JSON or GeoJSON), or `-` for standard input.
    pub feed: PathBuf,
}

/// `fujin nearby`.
#[derive(Debug, Args)]
pub struct NearbyArgs {
    /// The feed file, or `-` for standard input.
    pub feed: PathBuf,
    /// Latitude of the search point, degrees north (WGS-84).
    #[arg(long, allow_negative_numbers = true)]
    pub lat: f64,
    /// Longitude of the search point, degrees east (WGS-84).
    #[arg(long, allow_negative_numbers = true)]
    pub lon: f64,
    /// How many merchants at most (default 10, or all within --radius when it is given).
    #[arg(long, allow_negative_numbers = true, value_parser = count::<usize>)]
    pub k: Option<usize>,
    /// Only merchants within this many metres.
    #[arg(long, allow_negative_numbers = true)]
    pub radius: Option<f64>,
}

/// `fujin convert`.
#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// The feed file, or `-` for standard input.
    pub feed: PathBuf,
    /// The datum the feed is in: wgs84, gcj02 or bd09.
    #[arg(long)]
    pub from: Crs,
    /// The datum to write: wgs84, gcj02 or bd09.
    #[arg(long)]
    pub to: Crs,
}

/// `fujin generate`.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// Random seed; the same seed gives the same bytes.
    #[arg(long, default_value_t = 1, allow_negative_numbers = true, value_parser = count::<u64>)]
    pub seed: u64,
    /// Number of merchants, at most 1000000 (and what fits in a 256 MiB feed).
    #[arg(long, default_value_t = 2_000, allow_negative_numbers = true, value_parser = count::<usize>)]
    pub merchants: usize,
    /// Most deals per merchant (each gets 1 to this many; 0 for none), at most 200.
    #[arg(long, default_value_t = 4, allow_negative_numbers = true, value_parser = count::<usize>)]
    pub max_deals: usize,
    /// Only every N-th merchant gets deals (1: all): 20 fits a million merchants in 256 MiB.
    #[arg(long, default_value_t = 1, allow_negative_numbers = true, value_parser = count::<usize>)]
    pub deals_every: usize,
    /// Datum to write positions in.
    #[arg(long, default_value = "wgs84")]
    pub crs: Crs,
    /// Indent the JSON for reading.
    #[arg(long)]
    pub pretty: bool,
}

/// A whole number, 0 or more, with a plain message for anything else
/// (clap's own reads "invalid digit found in string" for `-1`).
fn count<T: TryFrom<u128>>(text: &str) -> Result<T, String> {
    match text.trim().parse::<i128>() {
        Ok(n) if n < 0 => Err(format!("{n} is negative; give a whole number, 0 or more")),
        Ok(n) => T::try_from(n as u128).map_err(|_| format!("{n} is too large")),
        Err(_) => Err(format!("{text:?} is not a whole number")),
    }
}
