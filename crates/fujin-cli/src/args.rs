//! The command line.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use fujin_core::Crs;

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
    /// Exit 0 when all is valid, 1 when records were rejected, 2 when it is not a feed.
    Check(CheckArgs),
    /// List the merchants nearest a point: `<id>\t<metres>`, nearest first.
    Nearby(NearbyArgs),
    /// Rewrite a feed's coordinates from one datum to another.
    Convert(ConvertArgs),
    /// Write a realistic Shenzhen demo feed (same seed, same bytes).
    Generate(GenerateArgs),
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
    #[arg(long)]
    pub k: Option<usize>,
    /// Only merchants within this many metres.
    #[arg(long)]
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
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Number of merchants.
    #[arg(long, default_value_t = 2_000)]
    pub merchants: usize,
    /// Most deals per merchant (each gets 1 to this many).
    #[arg(long, default_value_t = 4)]
    pub max_deals: usize,
    /// Datum to write positions in.
    #[arg(long, default_value = "wgs84")]
    pub crs: Crs,
    /// Indent the JSON for reading.
    #[arg(long)]
    pub pretty: bool,
}
