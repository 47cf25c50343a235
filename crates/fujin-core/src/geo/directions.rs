//! Directions links to the map apps shoppers use, each given coordinates in
//! that provider's own datum (Amap: GCJ-02, Baidu: BD-09, Apple and Google:
//! GCJ-02 inside China, where their maps are drawn in it, WGS-84 elsewhere).

use url::form_urlencoded::byte_serialize;

use super::crs::Crs;
use super::fixed::Fixed;
use super::lon_lat::LonLat;

/// A map app that can give directions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MapApp {
    /// 高德地图 Amap.
    Amap,
    /// 百度地图 Baidu Maps.
    Baidu,
    /// Apple Maps.
    Apple,
    /// Google Maps.
    Google,
}

impl MapApp {
    /// Every app, in display order.
    pub const ALL: [MapApp; 4] = [MapApp::Amap, MapApp::Baidu, MapApp::Apple, MapApp::Google];

    /// The app's name.
    pub fn name(self) -> &'static str {
        match self {
            MapApp::Amap => "高德地图",
            MapApp::Baidu => "百度地图",
            MapApp::Apple => "Apple Maps",
            MapApp::Google => "Google Maps",
        }
    }

    /// The datum this app expects.
    pub fn crs(self) -> Crs {
        match self {
            MapApp::Amap | MapApp::Apple | MapApp::Google => Crs::Gcj02,
            MapApp::Baidu => Crs::Bd09,
        }
    }
}

/// An `https://` link that opens `app` at the WGS-84 position `to`, labelled
/// `name` (percent-encoded, so any text is safe).
///
/// ```
/// use fujin_core::geo::{LonLat, MapApp, directions_url};
/// let url = directions_url(MapApp::Amap, LonLat::new(114.0553, 22.538), "老王烧烤");
/// assert!(url.starts_with("https://uri.amap.com/marker?position=114.060"));
/// ```
pub fn directions_url(app: MapApp, to: LonLat, name: &str) -> String {
    let p = app.crs().from_wgs84(to);
    let name: String = byte_serialize(name.as_bytes()).collect();
    let (lat, lon) = (Fixed(p.lat, 6), Fixed(p.lon, 6));
    match app {
        MapApp::Amap => format!(
            "https://uri.amap.com/marker?position={lon},{lat}&name={name}&coordinate=gaode&callnative=1"
        ),
        MapApp::Baidu => format!(
            "https://api.map.baidu.com/marker?location={lat},{lon}&title={name}&content={name}&coord_type=bd09ll&output=html&src=fujin"
        ),
        MapApp::Apple => format!("https://maps.apple.com/?daddr={lat},{lon}&q={name}"),
        MapApp::Google => format!("https://www.google.com/maps/dir/?api=1&destination={lat},{lon}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::distance_m;

    #[test]
    fn each_app_gets_its_own_datum() {
        let futian = LonLat::new(114.0553, 22.5380);
        let amap = directions_url(MapApp::Amap, futian, "x");
        let gcj = Crs::Gcj02.from_wgs84(futian);
        assert!(amap.contains(&format!("position={:.6},{:.6}", gcj.lon, gcj.lat)), "{amap}");
        let baidu = directions_url(MapApp::Baidu, futian, "x");
        let bd = Crs::Bd09.from_wgs84(futian);
        assert!(baidu.contains(&format!("location={:.6},{:.6}", bd.lat, bd.lon)), "{baidu}");
        assert!(distance_m(gcj, bd) > 500.0, "the two really differ");
        // Outside China, everyone is WGS-84.
        let london = directions_url(MapApp::Google, LonLat::new(-0.1278, 51.5074), "x");
        assert!(london.ends_with("destination=51.507400,-0.127800"), "{london}");
    }

    #[test]
    fn names_cannot_break_out_of_the_link() {
        let url = directions_url(MapApp::Apple, LonLat::new(114.0, 22.5), "a&b=<script>\"'#");
        assert!(url.ends_with("q=a%26b%3D%3Cscript%3E%22%27%23"), "{url}");
        // Every directions link is an https link (and the payment link
        // check accepts it as one: `model::pay_link`'s tests).
        for app in MapApp::ALL {
            let u = directions_url(app, LonLat::new(114.0, 22.5), "名字 with spaces");
            assert!(u.starts_with("https://") && !u.contains(' '), "{u}");
        }
    }
}
