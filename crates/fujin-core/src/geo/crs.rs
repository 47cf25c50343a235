//! The coordinate reference systems a feed may be written in.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::bd09::{bd09_to_wgs84, wgs84_to_bd09};
use super::gcj02::{gcj02_to_wgs84, wgs84_to_gcj02};
use super::lon_lat::LonLat;

/// A geodetic datum for lon/lat positions, as named in a feed's `crs` field.
///
/// ```
/// use fujin_core::geo::{Crs, LonLat};
/// let gcj: Crs = "gcj02".parse().unwrap();
/// let wgs = LonLat::new(114.0553, 22.5333);
/// let there_and_back = gcj.to_wgs84(gcj.from_wgs84(wgs));
/// assert!(fujin_core::geo::distance_m(wgs, there_and_back) < 0.01);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Crs {
    /// WGS-84, as GPS and OpenStreetMap use. The default and Fujin's internal datum.
    #[default]
    Wgs84,
    /// GCJ-02 ("Mars coordinates"): Amap/Gaode, Tencent, Apple and Google in China.
    Gcj02,
    /// BD-09: Baidu.
    Bd09,
}

impl Crs {
    /// All systems, in the order they are documented.
    pub const ALL: [Crs; 3] = [Crs::Wgs84, Crs::Gcj02, Crs::Bd09];

    /// The key used in feeds and on the command line.
    pub fn key(self) -> &'static str {
        match self {
            Crs::Wgs84 => "wgs84",
            Crs::Gcj02 => "gcj02",
            Crs::Bd09 => "bd09",
        }
    }

    /// Converts a position in this system to WGS-84.
    pub fn to_wgs84(self, p: LonLat) -> LonLat {
        match self {
            Crs::Wgs84 => p,
            Crs::Gcj02 => gcj02_to_wgs84(p),
            Crs::Bd09 => bd09_to_wgs84(p),
        }
    }

    /// Converts a WGS-84 position to this system.
    pub fn from_wgs84(self, p: LonLat) -> LonLat {
        match self {
            Crs::Wgs84 => p,
            Crs::Gcj02 => wgs84_to_gcj02(p),
            Crs::Bd09 => wgs84_to_bd09(p),
        }
    }

    /// Converts a position in this system to `to`.
    pub fn convert(self, p: LonLat, to: Crs) -> LonLat {
        if self == to { p } else { to.from_wgs84(self.to_wgs84(p)) }
    }
}

impl fmt::Display for Crs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// A `crs` name that is not one of `wgs84`, `gcj02`, `bd09`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown coordinate system {0:?}; use wgs84, gcj02 or bd09")]
pub struct UnknownCrs(pub String);

impl FromStr for Crs {
    type Err = UnknownCrs;

    /// Parses `wgs84`, `gcj02` or `bd09`, ignoring case, `-` and `_`
    /// (so `WGS-84` and `GCJ_02` work too).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let key: String =
            s.chars().filter(|c| !matches!(c, '-' | '_')).collect::<String>().to_ascii_lowercase();
        Crs::ALL.into_iter().find(|crs| crs.key() == key).ok_or_else(|| UnknownCrs(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::distance_m;

    #[test]
    fn parses_names() {
        assert_eq!("WGS-84".parse(), Ok(Crs::Wgs84));
        assert_eq!("gcj_02".parse(), Ok(Crs::Gcj02));
        assert_eq!("BD09".parse(), Ok(Crs::Bd09));
        assert!("mars".parse::<Crs>().is_err());
    }

    #[test]
    fn every_pair_round_trips() {
        let p = LonLat::new(113.9120, 22.4830); // Shekou
        for from in Crs::ALL {
            for to in Crs::ALL {
                let back = to.convert(from.convert(p, to), from);
                assert!(distance_m(p, back) < 0.01, "{from} -> {to}");
            }
        }
    }

    #[test]
    fn shifts_are_the_size_everyone_knows() {
        let wgs = LonLat::new(114.0553, 22.5333);
        let gcj = Crs::Gcj02.from_wgs84(wgs);
        let bd = Crs::Bd09.from_wgs84(wgs);
        assert!((200.0..700.0).contains(&distance_m(wgs, gcj)));
        assert!((500.0..1500.0).contains(&distance_m(wgs, bd)));
    }
}
