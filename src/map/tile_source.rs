//! Where the map's raster tiles come from, and the datum they are drawn in.

use fujin_core::geo::Crs;
use yew::AttrValue;

/// A raster tile source.
#[derive(Debug, Clone, PartialEq)]
pub struct TileSource {
    /// URL template with `{z}`, `{x}`, `{y}` (and optionally `{s}`); empty for no tiles.
    pub template: AttrValue,
    /// The datum the tiles are drawn in (GCJ-02 for Amap and Tencent).
    pub crs: Crs,
    /// Attribution to show.
    pub attribution: AttrValue,
}

impl TileSource {
    /// OpenStreetMap's standard tiles.
    pub fn openstreetmap() -> Self {
        Self {
            template: "https://tile.openstreetmap.org/{z}/{x}/{y}.png".into(),
            crs: Crs::Wgs84,
            attribution: "© OpenStreetMap contributors".into(),
        }
    }

    /// No tiles: the neutral grid only (tests, offline demos).
    pub fn none() -> Self {
        Self { template: AttrValue::default(), crs: Crs::Wgs84, attribution: AttrValue::default() }
    }
}
