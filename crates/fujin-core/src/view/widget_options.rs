//! A host's settings for one widget: the attributes of `<fujin-deals>`, the
//! options of `Fujin.mount`, or the query of `embed.html`, all as name and
//! text pairs. Untrusted like a feed: a bad value is reported (the caller
//! warns on the console, naming the attribute) and its default used; a
//! widget never fails to start over one.

use std::fmt;

use url::{Url, form_urlencoded};

use super::url_state::UrlState;
use super::view_state::{RADII_KM, ViewState};
use crate::geo::{Crs, LonLat};

/// The map's tiles: a named preset, or an XYZ template of the host's.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Tiles {
    /// OpenStreetMap's standard tiles (WGS-84).
    #[default]
    Osm,
    /// Amap (Gaode) road tiles (GCJ-02).
    Amap,
    /// No tiles: the neutral grid only.
    None,
    /// A template with `{z}`, `{x}` and `{y}` (and optionally `{s}`), an
    /// `https:` URL, drawn in `crs`.
    Template {
        /// The template.
        url: String,
        /// The datum its tiles are drawn in (`tiles-crs`, WGS-84 unless said).
        crs: Crs,
    },
}

/// When the widget asks where the shopper is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Locate {
    /// As it opens (unless its view names a search point), and from the button.
    #[default]
    Auto,
    /// Only when the shopper presses the locate button.
    Button,
    /// Never: no button either.
    Off,
}

/// A host's settings for one widget. Every field has a default.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct WidgetOptions {
    /// `feed`: where the feed is (a URL, relative to the page).
    pub feed: Option<String>,
    /// `center=lat,lon`: where the map opens and searches when the
    /// shopper's location is not known (else the feed's centre).
    pub center: Option<LonLat>,
    /// The view the widget opens on: `lang`, `zoom` (`z`), `radius`
    /// (metres: 1000, 3000, 5000 or 10000), `category` (comma-separated
    /// keys), `sort`, `q`, `ref`.
    pub view: ViewState,
    /// `tiles` (`osm`, `amap`, `none` or an `https:` XYZ template) and `tiles-crs`.
    pub tiles: Tiles,
    /// `locate`: `auto`, `button` or `off`.
    pub locate: Locate,
    /// `url-state`: `off`, `query` or `hash`.
    pub url_state: UrlState,
    /// `url-key`: the prefix of the widget's keys in the page address
    /// (`fujin` by default, written `fujin-q=…`): letters, digits, `_`, up to 16.
    pub url_key: String,
    /// `return-url`: where payment providers send the shopper back (an
    /// absolute `https:` URL; the page itself by default).
    pub return_url: Option<String>,
    /// `linked-feeds`: the origins (`https://cdn.example`, or `self`) a feed
    /// named in the page address may come from; none by default.
    pub linked_feeds: Vec<String>,
}

/// Every setting's name, as an attribute of `<fujin-deals>`: the loader
/// (`static/embed/fujin.js`) observes these (a test keeps the two lists one).
pub const ATTRIBUTES: [&str; 16] = [
    "feed",
    "lang",
    "center",
    "zoom",
    "radius",
    "category",
    "sort",
    "q",
    "tiles",
    "tiles-crs",
    "ref",
    "locate",
    "url-state",
    "url-key",
    "return-url",
    "linked-feeds",
];

/// The default [`WidgetOptions::url_key`].
pub const DEFAULT_URL_KEY: &str = "fujin";

/// One setting that was not used, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionWarning {
    /// The attribute or option name.
    pub name: String,
    /// Its value as given (at most 64 characters of it).
    pub value: String,
    /// What was expected.
    pub expected: &'static str,
}

impl fmt::Display for OptionWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}={:?} ignored: expected {}; the default is used", self.name, self.value, self.expected)
    }
}

/// Longest value looked at, in bytes: more is refused, not read.
const MAX_VALUE_BYTES: usize = 4096;

impl WidgetOptions {
    /// Reads settings from name/value pairs; unknown names are reported
    /// too (a typo should not go unnoticed).
    ///
    /// ```
    /// use fujin_core::view::{Locate, WidgetOptions};
    /// let (options, warnings) =
    ///     WidgetOptions::from_pairs([("feed", "/deals.json"), ("radius", "5000"), ("locate", "sometimes")]);
    /// assert_eq!(options.feed.as_deref(), Some("/deals.json"));
    /// assert_eq!(options.view.radius_km, Some(5));
    /// assert_eq!(options.locate, Locate::Auto, "the default");
    /// assert_eq!(warnings[0].to_string(), r#"locate="sometimes" ignored: expected auto, button or off; the default is used"#);
    /// ```
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> (Self, Vec<OptionWarning>) {
        let mut options = WidgetOptions { url_key: DEFAULT_URL_KEY.to_owned(), ..Self::default() };
        let mut warnings = Vec::new();
        let mut tiles_crs = None;
        for (name, value) in pairs {
            let value = value.trim();
            if let Err(expected) = options.set(name, value, &mut tiles_crs) {
                let value = value.chars().take(64).collect();
                warnings.push(OptionWarning { name: name.chars().take(32).collect(), value, expected });
            }
        }
        if let (Some(crs), Tiles::Template { crs: tile_crs, .. }) = (tiles_crs, &mut options.tiles) {
            *tile_crs = crs;
        }
        (options, warnings)
    }

    /// Takes one setting; on a bad value, says what was expected.
    fn set(&mut self, name: &str, value: &str, tiles_crs: &mut Option<Crs>) -> Result<(), &'static str> {
        if value.len() > MAX_VALUE_BYTES {
            return Err("a shorter value");
        }
        // One pair read as the page address would read it, so that a host
        // and a link mean the same by the same text.
        let read = |key: &str| {
            ViewState::from_query(
                &form_urlencoded::Serializer::new(String::new()).append_pair(key, value).finish(),
            )
        };
        match name {
            "feed" if !value.is_empty() => self.feed = Some(value.to_owned()),
            "feed" => return Err("a URL"),
            "lang" => self.view.lang = Some(read("lang").lang.ok_or("zh or en")?),
            "center" => self.center = Some(read("at").search_point.ok_or("lat,lon in degrees")?),
            "zoom" => self.view.zoom = Some(read("z").zoom.ok_or("a zoom from 3 to 19")?),
            "radius" => {
                const EXPECTED: &str = "1000, 3000, 5000 or 10000";
                let metres: u32 = value.parse().map_err(|_| EXPECTED)?;
                let km = metres.is_multiple_of(1000).then_some(metres / 1000);
                self.view.radius_km = Some(km.filter(|km| RADII_KM.contains(km)).ok_or(EXPECTED)?);
            }
            "category" => {
                let categories = read("cat").categories;
                if categories.len() != value.split(',').count() {
                    return Err("category keys separated by commas (food, beauty, …)");
                }
                self.view.categories = categories;
            }
            "sort" => {
                self.view.sort = Some(read("sort").sort.ok_or("distance, discount, price, sales or rating")?)
            }
            "q" => self.view.text = read("q").text,
            "ref" => self.view.referral = Some(read("ref").referral.ok_or("a referral code")?),
            "tiles" => self.tiles = tiles(value)?,
            "tiles-crs" => *tiles_crs = Some(value.parse().map_err(|_| "wgs84, gcj02 or bd09")?),
            "locate" => {
                self.locate = match value {
                    "auto" => Locate::Auto,
                    "button" => Locate::Button,
                    "off" => Locate::Off,
                    _ => return Err("auto, button or off"),
                }
            }
            "url-state" => self.url_state = value.parse().map_err(|_| "off, query or hash")?,
            "url-key" => {
                let ok = (1..=16).contains(&value.len())
                    && value.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
                if !ok {
                    return Err("letters, digits or _, up to 16");
                }
                self.url_key = value.to_owned();
            }
            "return-url" => self.return_url = Some(return_url(value)?),
            "linked-feeds" => {
                let origins: Option<Vec<String>> = value.split_whitespace().map(origin).collect();
                self.linked_feeds = origins.ok_or("origins (https://host) or self, separated by spaces")?;
            }
            _ => return Err("a known attribute (see docs/embedding.md)"),
        }
        Ok(())
    }

    /// The prefix of the widget's keys in the page address: `url_key` and a dash.
    pub fn url_prefix(&self) -> String {
        format!("{}-", self.url_key)
    }
}

fn tiles(value: &str) -> Result<Tiles, &'static str> {
    const EXPECTED: &str = "osm, amap, none or an https: template with {z}, {x} and {y}";
    match value {
        "osm" => return Ok(Tiles::Osm),
        "amap" => return Ok(Tiles::Amap),
        "none" => return Ok(Tiles::None),
        _ => {}
    }
    let placeholders = ["{z}", "{x}", "{y}"].iter().all(|p| value.contains(p));
    // The template, with its placeholders filled, must be a plain https: URL.
    let sample = value.replace("{z}", "1").replace("{x}", "1").replace("{y}", "1").replace("{s}", "a");
    let url = Url::parse(&sample).map_err(|_| EXPECTED)?;
    let plain = url.scheme() == "https" && url.username().is_empty() && url.password().is_none();
    let ascii = value.bytes().all(|b| b.is_ascii_graphic());
    if placeholders && plain && ascii && url.host_str().is_some() {
        Ok(Tiles::Template { url: value.to_owned(), crs: Crs::Wgs84 })
    } else {
        Err(EXPECTED)
    }
}

/// A return URL: absolute, `https:` (or `http:` on localhost, for
/// development), no user name or password, as the URL parser writes it.
fn return_url(value: &str) -> Result<String, &'static str> {
    const EXPECTED: &str = "an absolute https: URL";
    let url = Url::parse(value).map_err(|_| EXPECTED)?;
    let local = matches!(url.host_str(), Some("localhost" | "127.0.0.1"));
    let scheme_ok = url.scheme() == "https" || (url.scheme() == "http" && local);
    if !scheme_ok || !url.username().is_empty() || url.password().is_some() || url.host_str().is_none() {
        return Err(EXPECTED);
    }
    // As for payment links: no spaces, controls or non-ASCII as written.
    if !value.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(EXPECTED);
    }
    Ok(url.to_string())
}

/// An origin as written in `linked-feeds`: `self`, or a web origin.
fn origin(value: &str) -> Option<String> {
    if value == super::feed_choice::SAME_ORIGIN {
        return Some(value.to_owned());
    }
    let url = Url::parse(value).ok()?;
    let bare = url.path() == "/" && url.query().is_none() && url.fragment().is_none();
    (matches!(url.scheme(), "https" | "http") && bare && url.username().is_empty())
        .then(|| url.origin().ascii_serialization())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::SortBy;
    use crate::model::Category;

    fn read(pairs: &[(&str, &str)]) -> (WidgetOptions, Vec<String>) {
        let (options, warnings) = WidgetOptions::from_pairs(pairs.iter().copied());
        (options, warnings.into_iter().map(|w| w.name).collect())
    }

    #[test]
    fn every_attribute_is_read() {
        let (o, warned) = read(&[
            ("feed", "/deals.json"),
            ("lang", "en"),
            ("center", "22.54, 114.05"),
            ("zoom", "15"),
            ("radius", "10000"),
            ("category", "food,beauty"),
            ("sort", "price"),
            ("q", " 火锅 "),
            ("ref", "ABCD2345"),
            ("tiles", "https://{s}.tiles.example/{z}/{x}/{y}.png"),
            ("tiles-crs", "gcj02"),
            ("locate", "button"),
            ("url-state", "hash"),
            ("url-key", "shop_1"),
            ("return-url", "https://shop.example/deals?x=1"),
            ("linked-feeds", "self https://cdn.example/"),
        ]);
        assert!(warned.is_empty(), "{warned:?}");
        assert_eq!(o.feed.as_deref(), Some("/deals.json"));
        assert_eq!(o.view.lang.as_deref(), Some("en"));
        assert_eq!(o.center, Some(LonLat::new(114.05, 22.54)));
        assert_eq!((o.view.zoom, o.view.radius_km), (Some(15.0), Some(10)));
        assert_eq!(o.view.categories, [Category::Food, Category::Beauty].into());
        assert_eq!((o.view.sort, o.view.text.as_str()), (Some(SortBy::Price), "火锅"));
        assert_eq!(o.view.referral.as_ref().map(|r| r.as_str()), Some("ABCD2345"));
        let template = "https://{s}.tiles.example/{z}/{x}/{y}.png".to_owned();
        assert_eq!(o.tiles, Tiles::Template { url: template, crs: Crs::Gcj02 });
        assert_eq!((o.locate, o.url_state), (Locate::Button, UrlState::Hash));
        assert_eq!(o.url_prefix(), "shop_1-");
        assert_eq!(o.return_url.as_deref(), Some("https://shop.example/deals?x=1"));
        assert_eq!(o.linked_feeds, ["self", "https://cdn.example"]);
    }

    #[test]
    fn defaults_when_nothing_is_said() {
        let (o, warned) = read(&[]);
        assert!(warned.is_empty());
        assert_eq!((&o.tiles, o.locate, o.url_state), (&Tiles::Osm, Locate::Auto, UrlState::Off));
        assert_eq!((o.feed.as_deref(), o.url_prefix(), o.linked_feeds.len()), (None, "fujin-".to_owned(), 0));
    }

    #[test]
    fn bad_values_are_named_and_left_at_their_default() {
        let long = "x".repeat(5000);
        let (o, warned) = read(&[
            ("lang", "fr"),
            ("center", "95,0"),
            ("zoom", "40"),
            ("radius", "2500"),
            ("radius", "3"),
            ("category", "food,nonsense"),
            ("sort", "random"),
            ("ref", "<script>"),
            ("tiles", "javascript:alert(1)//{z}{x}{y}"),
            ("tiles", "http://tiles.example/{z}/{x}/{y}.png"),
            ("tiles", "https://tiles.example/{z}/{x}.png"),
            ("tiles-crs", "mars"),
            ("locate", "yes"),
            ("url-state", "cookie"),
            ("url-key", "a-b"),
            ("return-url", "javascript:alert(1)"),
            ("return-url", "/relative"),
            ("return-url", "https://user:pw@shop.example/"),
            ("linked-feeds", "https://cdn.example/path"),
            ("feed", ""),
            ("q", &long),
            ("colour", "red"),
        ]);
        assert_eq!(warned.len(), 22, "{warned:?}");
        assert_eq!(o, WidgetOptions { url_key: DEFAULT_URL_KEY.to_owned(), ..WidgetOptions::default() });
    }

    #[test]
    fn the_loader_observes_every_attribute_and_only_those() {
        let loader = include_str!("../../../../static/embed/fujin.js");
        let start = loader.find("const ATTRIBUTES = [").expect("the loader's list");
        let list = &loader[start..start + loader[start..].find("];").expect("its end")];
        let names: Vec<&str> = list.split('\'').skip(1).step_by(2).collect();
        assert_eq!(names, ATTRIBUTES);
        for name in ATTRIBUTES {
            let (_, warnings) = WidgetOptions::from_pairs([(name, "")]);
            assert!(
                warnings.iter().all(|w| w.expected != "a known attribute (see docs/embedding.md)"),
                "{name}"
            );
        }
    }
}
