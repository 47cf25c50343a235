//! The JavaScript face of the widget: `mount(element, options)` returning a
//! handle to steer it (`setCenter`, `search`, `openDeal`, `setFeed`,
//! `destroy`). The loader script (`static/embed/fujin.js`) builds
//! `<fujin-deals>` and `window.Fujin` on it.

use fujin_core::geo::{Fixed, LonLat};
use fujin_core::view::{UrlState, WidgetOptions};
use wasm_bindgen::prelude::*;

use super::shadow_mount::{MountedWidget, mount_in_shadow};
use crate::app::AppProps;
use crate::browser::url_sync;
use crate::hooks::{Remote, RemoteCommand};
use crate::i18n::Lang;
use crate::map::TileSource;
use crate::state::Action;

/// The props of a widget with a host's `options`, starting from the view
/// in `address` (the widget's own pairs of the page address, prefix taken
/// off), which wins over the options' view.
fn props_for(options: &WidgetOptions, address: &str, remote: Remote) -> AppProps {
    let query = [options.view.to_query(), address.to_owned()].join("&");
    yew::props!(AppProps {
        feed_url: options.feed.clone().unwrap_or_default(),
        feed_origins: options.linked_feeds.clone(),
        query,
        tiles: TileSource::from_option(&options.tiles),
        url_state: options.url_state,
        url_prefix: options.url_prefix(),
        center: options.center,
        locate: options.locate,
        return_url: options.return_url.clone().map(yew::AttrValue::from),
        remote,
    })
}

/// Name/value pairs of a JS options object: `urlState` is read as
/// `url-state`, numbers as their decimal text, arrays as their items
/// separated by spaces; other values are skipped.
fn option_pairs(options: &JsValue) -> Vec<(String, String)> {
    let Some(object) = options.dyn_ref::<js_sys::Object>() else { return Vec::new() };
    let mut pairs = Vec::new();
    for entry in js_sys::Object::entries(object).iter() {
        let entry: js_sys::Array = entry.unchecked_into();
        let Some(key) = entry.get(0).as_string() else { continue };
        let value = entry.get(1);
        let text = if let Some(s) = value.as_string() {
            s
        } else if value.as_f64().is_some() {
            // JavaScript's own digits (Rust's float formatter is 10 KB of wasm).
            String::from(
                js_sys::Number::unchecked_from_js_ref(&value)
                    .to_string_with_radix(10)
                    .unwrap_or_else(|_| "NaN".into()),
            )
        } else if let Some(list) = value.dyn_ref::<js_sys::Array>() {
            list.iter().filter_map(|v| v.as_string()).collect::<Vec<_>>().join(" ")
        } else {
            continue;
        };
        pairs.push((kebab(&key), text));
    }
    pairs
}

/// `urlState` → `url-state`.
fn kebab(key: &str) -> String {
    let mut out = String::with_capacity(key.len() + 4);
    for c in key.chars().take(64) {
        if c.is_ascii_uppercase() {
            out.push('-');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// Mounts a widget into `element` (in its shadow root) with `options`, an
/// object of the same names as `<fujin-deals>`'s attributes. Bad options
/// are warned about on the console and left at their defaults.
#[wasm_bindgen(js_name = mount)]
pub fn mount_js(element: web_sys::Element, options: JsValue) -> Result<FujinWidget, JsError> {
    super::install_panic_screen();
    let pairs = option_pairs(&options);
    let (options, warnings) = read_options(&pairs);
    for warning in warnings {
        gloo::console::warn!(format!("fujin: {warning}"));
    }
    // A return from paying lands in the query even when the view is not
    // kept in the address.
    let mode = if options.url_state == UrlState::Off { UrlState::Query } else { options.url_state };
    let address = url_sync::read_pairs(mode, &options.url_prefix());
    let remote = Remote::default();
    let mounted = mount_in_shadow(&element, props_for(&options, &address, remote.clone()))?;
    Ok(FujinWidget { remote, mounted: Some(mounted), pairs, address })
}

fn read_options(pairs: &[(String, String)]) -> (WidgetOptions, Vec<fujin_core::view::OptionWarning>) {
    WidgetOptions::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
}

/// A mounted widget, as JavaScript holds it.
#[wasm_bindgen]
pub struct FujinWidget {
    remote: Remote,
    mounted: Option<MountedWidget>,
    /// The host's settings as given, for changes to one of them.
    pairs: Vec<(String, String)>,
    /// The widget's own pairs of the page address when it was mounted.
    address: String,
}

fn position(lat: f64, lon: f64) -> Option<LonLat> {
    let p = LonLat::new(lon, lat);
    let valid = p.is_valid();
    if !valid {
        gloo::console::warn!(format!(
            "fujin: {},{} is not a latitude and longitude in degrees; ignored",
            Fixed(lat, 7),
            Fixed(lon, 7)
        ));
    }
    valid.then_some(p)
}

#[wasm_bindgen]
impl FujinWidget {
    /// Centres the map on (lat, lon), and zooms when `zoom` is given; the
    /// search stays where it is.
    #[wasm_bindgen(js_name = setCenter)]
    pub fn set_center(&self, lat: f64, lon: f64, zoom: Option<f64>) {
        if let Some(center) = position(lat, lon) {
            self.remote.send(RemoteCommand::SetCenter { center, zoom });
        }
    }

    /// Searches around (lat, lon).
    pub fn search(&self, lat: f64, lon: f64) {
        if let Some(at) = position(lat, lon) {
            self.remote.send(RemoteCommand::Search(at));
        }
    }

    /// Opens a deal's page by its id.
    #[wasm_bindgen(js_name = openDeal)]
    pub fn open_deal(&self, id: String) {
        self.remote.send(RemoteCommand::OpenDeal(id));
    }

    /// Loads another feed (its URL, relative to the page).
    #[wasm_bindgen(js_name = setFeed)]
    pub fn set_feed(&self, url: String) {
        self.remote.send(RemoteCommand::SetFeed(url));
    }

    /// Applies a changed attribute in place and returns true: the view's
    /// (`feed`, `lang`, `center`, `zoom`, `radius`, `category`, `sort`,
    /// `q`) as actions, the others as new settings of the running widget
    /// (the feed is not loaded again). False for `ref`, `url-state` and
    /// `url-key`, which need the widget mounted again. A bad value is warned
    /// about and changes nothing.
    #[wasm_bindgen(js_name = setOption)]
    pub fn set_option(&mut self, name: &str, value: &str) -> bool {
        if matches!(name, "ref" | "url-state" | "url-key") {
            return false;
        }
        let (options, warnings) = WidgetOptions::from_pairs([(name, value)]);
        if let Some(warning) = warnings.first() {
            gloo::console::warn!(format!("fujin: {warning}"));
            return true;
        }
        self.pairs.retain(|(k, _)| k != name);
        self.pairs.push((name.to_owned(), value.to_owned()));
        let view = &options.view;
        let actions = match name {
            "feed" => {
                self.remote.send(RemoteCommand::SetFeed(options.feed.unwrap_or_default()));
                return true;
            }
            "lang" => vec![Action::SetLang(Lang::choose(view.lang.as_deref(), &[]))],
            "center" => {
                options.center.map(|p| vec![Action::CenterOn(p), Action::SearchAt(p)]).unwrap_or_default()
            }
            "zoom" => view.zoom.map(|z| vec![Action::ZoomTo(z)]).unwrap_or_default(),
            "radius" => view.radius_km.map(|km| vec![Action::SetRadius(km)]).unwrap_or_default(),
            "category" => std::iter::once(Action::ToggleCategory(None))
                .chain(view.categories.iter().map(|&c| Action::ToggleCategory(Some(c))))
                .collect(),
            "sort" => view.sort.map(|s| vec![Action::SetSort(s)]).unwrap_or_default(),
            "q" => vec![Action::SetText(view.text.clone())],
            // tiles, tiles-crs, locate, return-url, linked-feeds: the
            // running widget takes all its settings again.
            _ => {
                let (options, _) = read_options(&self.pairs);
                let props = props_for(&options, &self.address, self.remote.clone());
                if let Some(mounted) = &mut self.mounted {
                    mounted.update(props);
                }
                return true;
            }
        };
        self.remote.send(RemoteCommand::Dispatch(actions));
        true
    }

    /// Removes the widget: its listeners, timers, observers and pending
    /// work end with it. Later calls on the handle do nothing.
    pub fn destroy(&mut self) {
        if let Some(mounted) = self.mounted.take() {
            mounted.destroy();
        }
    }
}
