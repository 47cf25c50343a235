//! Where the map's raster tiles come from, and the datum they are drawn in.

use fujin_core::geo::Crs;
use fujin_core::view::Tiles;
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

    /// Amap (Gaode) road tiles, drawn in GCJ-02.
    pub fn amap() -> Self {
        Self {
            template: "https://webrd01.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}".into(),
            crs: Crs::Gcj02,
            attribution: "© 高德地图 AutoNavi".into(),
        }
    }

    /// The tiles a host asked for.
    pub fn from_option(tiles: &Tiles) -> Self {
        match tiles {
            Tiles::Osm => Self::openstreetmap(),
            Tiles::Amap => Self::amap(),
            Tiles::None => Self::none(),
            Tiles::Template { url, crs } => {
                Self { template: url.clone().into(), crs: *crs, attribution: AttrValue::default() }
            }
        }
    }

    /// No tiles: the neutral grid only (tests, offline demos).
    pub fn none() -> Self {
        Self { template: AttrValue::default(), crs: Crs::Wgs84, attribution: AttrValue::default() }
    }
}
