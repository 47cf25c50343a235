//! The only way the state changes: an [`Action`] through
//! [`AppState::reduce_to`]. Pure: no DOM here, so it is tested natively.

use std::rc::Rc;

use fujin_core::geo::LonLat;
use fujin_core::geo::web_mercator::{lon_lat_to_px, px_to_lon_lat};
use fujin_core::view::{RADII_KM, ZOOM_RANGE};
use yew::Reducible;

use super::action::Action;
use super::app_state::{AppState, FeedStatus, LocationStatus, SearchOrigin, Viewport};
use crate::orders::OrderAction;
use crate::shared::Shared;

impl AppState {
    /// Applies one action; returns the new state.
    pub fn reduce_to(mut self, action: Action) -> Self {
        let mut requery = true;
        let center_before = self.viewport.center;
        let loading_feed = matches!(action, Action::FeedLoaded { .. });
        match action {
            Action::FeedLoading(progress) => {
                self.feed = FeedStatus::Loading(progress);
                requery = false;
            }
            Action::FeedLoaded { catalog, rejected } => {
                let has_view_center = self.map_placed;
                if let Some(center) = catalog.feed().center
                    && self.search_origin == SearchOrigin::Default
                    && self.host_center.is_none()
                {
                    self.search_point = center;
                    if !has_view_center {
                        self.viewport.center = center;
                    }
                }
                // A link that opens a deal selects its merchant once the feed is there.
                if let Some(id) = &self.open_deal
                    && let Some(found) = catalog.find_deal(id)
                {
                    self.selected_merchant = Some(found.merchant_index);
                    if !has_view_center {
                        self.viewport.center = found.merchant.position;
                    }
                }
                self.feed = FeedStatus::Ready { catalog, rejected };
                self.show_order_merchant();
            }
            Action::FeedFailed(message) => self.feed = FeedStatus::Failed(message),
            Action::Locating => self.location = LocationStatus::Locating,
            Action::Located(p) => {
                self.location = LocationStatus::Found(p);
                self.search_point = p;
                self.search_origin = SearchOrigin::Device;
                self.viewport.center = p;
            }
            Action::LocationFailed(e) => {
                self.location = LocationStatus::Failed(e);
                requery = false;
            }
            Action::SearchAt(p) if p.is_valid() => {
                self.search_point = p;
                self.search_origin = SearchOrigin::Picked;
                self.selected_merchant = None;
            }
            Action::SearchAt(_) => requery = false,
            Action::SetRadius(km) if RADII_KM.contains(&km) => self.filters.radius_km = km,
            Action::SetRadius(_) => requery = false,
            Action::ToggleCategory(None) => self.filters.categories.clear(),
            Action::ToggleCategory(Some(c)) => {
                if !self.filters.categories.remove(&c) {
                    self.filters.categories.insert(c);
                }
            }
            Action::SetSort(sort) => self.filters.sort = sort,
            Action::SetText(text) => self.filters.text = text.chars().take(100).collect(),
            Action::SetPriceRange(min, max) => {
                self.filters.min_yuan = min;
                self.filters.max_yuan = max;
            }
            Action::SetIncludeUnavailable(on) => self.filters.include_unavailable = on,
            Action::SetOpenNow(on) => self.filters.open_now = on,
            Action::PanBy(dx, dy) => {
                let (x, y) = lon_lat_to_px(self.viewport.center, self.viewport.zoom);
                self.viewport.center = wrap(px_to_lon_lat(x - dx, y - dy, self.viewport.zoom));
                requery = false;
            }
            Action::CenterOn(p) => {
                self.viewport.center = p;
                requery = false;
            }
            Action::ZoomTo(zoom) if zoom.is_finite() => {
                self.viewport.zoom = zoom.clamp(ZOOM_RANGE.0, ZOOM_RANGE.1);
                requery = false;
            }
            Action::ZoomTo(_) => requery = false,
            Action::ZoomBy { delta, anchor: (ax, ay) } => {
                let old = self.viewport.zoom;
                let new = (old + delta).clamp(ZOOM_RANGE.0, ZOOM_RANGE.1);
                // Keep the world point under the anchor where it is on screen.
                let (cx, cy) = lon_lat_to_px(self.viewport.center, old);
                let anchor_world = px_to_lon_lat(cx + ax, cy + ay, old);
                let (wx, wy) = lon_lat_to_px(anchor_world, new);
                self.viewport = Viewport { center: wrap(px_to_lon_lat(wx - ax, wy - ay, new)), zoom: new };
                requery = false;
            }
            Action::SelectMerchant(m) => {
                self.selected_merchant = m;
                self.spot_list = None;
                requery = false;
            }
            Action::HoverMerchant(m) => {
                self.hovered_merchant = m;
                requery = false;
            }
            Action::OpenDeal(deal) => {
                // A deal page replaces any checkout or order on show.
                self.orders.checkout = None;
                if deal.is_some() {
                    self.orders.open_order = None;
                    self.orders.show_orders = false;
                }
                // Opening a deal selects its merchant and brings it into view.
                let found = match (&deal, self.catalog()) {
                    (Some(id), Some(catalog)) => {
                        catalog.find_deal(id).map(|f| (f.merchant_index, f.merchant.position))
                    }
                    _ => None,
                };
                if let Some((m, position)) = found {
                    self.selected_merchant = Some(m);
                    self.viewport.center = position;
                }
                // Only the deal page just closed gives its card the focus back.
                self.closed_deal = if deal.is_none() { self.open_deal.take() } else { None };
                self.open_deal = deal;
                requery = false;
            }
            Action::ShowSpot(list) => {
                self.spot_list = list;
                requery = false;
            }
            Action::Tick(now) => {
                // Availability changes only when a minute turns; the countdown re-renders anyway.
                requery = now.minute() != self.now.minute();
                self.now = now;
                self.orders.reduce(OrderAction::Tick(now));
            }
            Action::ApplyView(view) => self.apply_view(&view),
            Action::SetLang(lang) => {
                self.lang = lang;
                requery = false;
            }
            Action::Orders(action) => {
                // Orders take the panel: the focus follows them, not a deal closed before.
                self.closed_deal = None;
                let before = self.orders.open_order;
                self.orders.reduce(action);
                if self.orders.open_order != before {
                    self.show_order_merchant();
                }
                requery = false;
            }
        }
        // Anything but the feed's arrival that moves the map places it: the
        // feed's centre must not override a link, a location or a drag.
        if !loading_feed && self.viewport.center != center_before {
            self.map_placed = true;
        }
        if requery {
            self.rows = Shared::new(match self.catalog() {
                Some(catalog) => catalog.query(&self.query(), self.now),
                None => Vec::new(),
            });
        }
        self
    }

    /// Selects the open order's merchant and brings it into view, so the
    /// voucher's store is on the map.
    fn show_order_merchant(&mut self) {
        let Some(order) = self.orders.open_order.and_then(|id| self.orders.get(id)) else { return };
        let found =
            self.catalog().and_then(|c| c.order_deal(order)).map(|f| (f.merchant_index, f.merchant.position));
        if let Some((m, position)) = found {
            self.selected_merchant = Some(m);
            self.viewport.center = position;
        }
    }
}

/// Wraps a longitude past ±180° back into range.
fn wrap(p: LonLat) -> LonLat {
    let lon = (p.lon + 180.0).rem_euclid(360.0) - 180.0;
    LonLat::new(lon, p.lat)
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new((*self).clone().reduce_to(action))
    }
}

#[cfg(test)]
mod tests {
    use fujin_core::geo::LonLat;
    use fujin_core::index::{Catalog, SortBy};
    use fujin_core::model::Category;
    use fujin_core::view::{DEFAULT_RADIUS_KM, ViewState};
    use time::OffsetDateTime;

    use super::*;
    use crate::browser::LocationError;
    use crate::i18n::Lang;
    use crate::state::FALLBACK_CENTER;
    use fujin_core::feed::load_feed;

    fn catalog() -> Shared<Catalog> {
        let json = br#"{"center": {"lat": 22.5, "lon": 114.0}, "merchants": [
          {"id": "a", "name": "A", "category": "food", "lat": 22.501, "lon": 114.0,
           "deals": [{"id": "a1", "title": "Cheap", "price": 100, "original_price": 900}]},
          {"id": "b", "name": "B", "category": "beauty", "lat": 22.51, "lon": 114.0,
           "deals": [{"id": "b1", "title": "Dear", "price": 5000, "original_price": 6000}]}
        ]}"#;
        Shared::new(Catalog::new(load_feed(json).unwrap().feed))
    }

    fn loaded() -> AppState {
        AppState::from_view(&ViewState::default(), Lang::Zh, OffsetDateTime::UNIX_EPOCH)
            .reduce_to(Action::FeedLoaded { catalog: catalog(), rejected: 0 })
    }

    fn ids(state: &AppState) -> Vec<String> {
        let catalog = state.catalog().unwrap();
        state.rows.iter().map(|r| catalog.deal(r).id.clone()).collect()
    }

    #[test]
    fn the_feed_centre_is_the_default_search_point() {
        let s = loaded();
        assert_eq!(s.search_point, LonLat::new(114.0, 22.5));
        assert_eq!(s.viewport.center, LonLat::new(114.0, 22.5));
        assert_eq!(ids(&s), ["a1", "b1"]);
    }

    #[test]
    fn a_denied_location_keeps_the_default_and_says_so() {
        let s = loaded().reduce_to(Action::Locating).reduce_to(Action::LocationFailed(LocationError::Denied));
        assert_eq!(s.location, LocationStatus::Failed(LocationError::Denied));
        assert_eq!(s.search_origin, SearchOrigin::Default);
        assert_eq!(s.search_point, LonLat::new(114.0, 22.5));
    }

    #[test]
    fn a_found_location_moves_the_search_and_the_map() {
        let here = LonLat::new(114.0, 22.51);
        let s = loaded().reduce_to(Action::Located(here));
        assert_eq!((s.search_point, s.viewport.center, s.search_origin), (here, here, SearchOrigin::Device));
        assert_eq!(ids(&s), ["b1", "a1"], "nearest first from the new point");
    }

    #[test]
    fn filters_and_sorts_requery_without_rebuilding() {
        let s = loaded();
        let catalog = s.catalog().unwrap().clone();
        let s = s.reduce_to(Action::ToggleCategory(Some(Category::Beauty)));
        assert_eq!(ids(&s), ["b1"]);
        let s = s.reduce_to(Action::ToggleCategory(None)).reduce_to(Action::SetSort(SortBy::Price));
        assert_eq!(ids(&s), ["a1", "b1"]);
        let s = s.reduce_to(Action::SetPriceRange(Some(10), None));
        assert_eq!(ids(&s), ["b1"]);
        let s = s.reduce_to(Action::SetPriceRange(None, None)).reduce_to(Action::SetText("dear".into()));
        assert_eq!(ids(&s), ["b1"]);
        assert!(s.catalog().unwrap() == &catalog, "the index is never rebuilt");
        let s = s.reduce_to(Action::SetRadius(7));
        assert_eq!(s.filters.radius_km, DEFAULT_RADIUS_KM, "only offered radii");
    }

    #[test]
    fn zoom_keeps_the_anchor_still_and_stays_in_range() {
        let s = loaded();
        let before = s.viewport;
        let s = s.reduce_to(Action::ZoomBy { delta: 1.0, anchor: (0.0, 0.0) });
        assert_eq!(s.viewport.zoom, before.zoom + 1.0);
        assert!(fujin_core::geo::distance_m(s.viewport.center, before.center) < 0.01);
        let s = s.reduce_to(Action::ZoomBy { delta: 100.0, anchor: (50.0, 50.0) });
        assert_eq!(s.viewport.zoom, ZOOM_RANGE.1);
        let center = s.viewport.center;
        let to = s.clone().reduce_to(Action::ZoomTo(12.5)).reduce_to(Action::ZoomTo(f64::NAN));
        assert_eq!(
            (to.viewport.zoom, to.viewport.center),
            (12.5, center),
            "set about the centre; NaN ignored"
        );
        assert_eq!(to.reduce_to(Action::ZoomTo(-4.0)).viewport.zoom, ZOOM_RANGE.0);
        let s = s.reduce_to(Action::PanBy(1e9, 0.0));
        assert!(s.viewport.center.is_valid(), "panning past the antimeridian wraps");
    }

    #[test]
    fn the_url_view_round_trips() {
        let s = loaded()
            .reduce_to(Action::SearchAt(LonLat::new(114.01, 22.52)))
            .reduce_to(Action::SetRadius(5))
            .reduce_to(Action::ToggleCategory(Some(Category::Food)))
            .reduce_to(Action::SetSort(SortBy::Sales))
            .reduce_to(Action::OpenDeal(Some("a1".into())));
        let view = s.to_view(&ViewState::default());
        let query = view.to_query();
        let back = AppState::from_view(&ViewState::from_query(&query), Lang::Zh, OffsetDateTime::UNIX_EPOCH)
            .reduce_to(Action::FeedLoaded { catalog: catalog(), rejected: 0 });
        assert_eq!(back.filters, s.filters);
        assert_eq!(back.search_point, s.search_point);
        assert_eq!(back.open_deal.as_deref(), Some("a1"));
        assert_eq!(back.viewport, s.viewport);
    }

    #[test]
    fn a_reload_after_locating_locates_again_rather_than_calling_it_a_picked_point() {
        let here = LonLat::new(114.03, 22.54);
        let s = loaded().reduce_to(Action::Located(here));
        let view = s.to_view(&ViewState::default());
        assert_eq!(view.search_point, None, "the device's place is not written into the link");
        let back = AppState::from_view(
            &ViewState::from_query(&view.to_query()),
            Lang::Zh,
            OffsetDateTime::UNIX_EPOCH,
        )
        .reduce_to(Action::FeedLoaded { catalog: catalog(), rejected: 0 });
        assert_eq!(back.search_origin, SearchOrigin::Default);
        assert_eq!(back.reduce_to(Action::Located(here)).search_origin, SearchOrigin::Device);
        // A picked point is written, and read back as picked.
        let picked = s.reduce_to(Action::SearchAt(here)).to_view(&ViewState::default());
        assert_eq!(picked.search_point, Some(here));
    }

    #[test]
    fn back_to_a_link_without_a_picked_point_returns_to_the_default() {
        let s = loaded().reduce_to(Action::SearchAt(LonLat::new(114.01, 22.52)));
        let s = s.reduce_to(Action::ApplyView(Box::default()));
        assert_eq!((s.search_point, s.search_origin), (LonLat::new(114.0, 22.5), SearchOrigin::Default));
    }

    #[test]
    fn the_feed_centre_moves_only_a_map_nobody_placed() {
        // Not placed: the feed's centre (114.0, 22.5) is where the map opens.
        assert_eq!(loaded().viewport.center, LonLat::new(114.0, 22.5));
        // A link naming Fujin's own fallback spot is still a link.
        let at_fallback = format!("c={},{}", FALLBACK_CENTER.lat, FALLBACK_CENTER.lon);
        let linked =
            AppState::from_view(&ViewState::from_query(&at_fallback), Lang::Zh, OffsetDateTime::UNIX_EPOCH)
                .reduce_to(Action::FeedLoaded { catalog: catalog(), rejected: 0 });
        assert_eq!(linked.viewport.center, FALLBACK_CENTER);
        // So is a drag before the feed arrives.
        let dragged = AppState::from_view(&ViewState::default(), Lang::Zh, OffsetDateTime::UNIX_EPOCH)
            .reduce_to(Action::PanBy(10.0, 0.0));
        let center = dragged.viewport.center;
        let dragged = dragged.reduce_to(Action::FeedLoaded { catalog: catalog(), rejected: 0 });
        assert_eq!(dragged.viewport.center, center);
    }

    #[test]
    fn opening_an_order_shows_its_store_on_the_map() {
        let s = loaded();
        let catalog = s.catalog().cloned().unwrap();
        let (m, d) = (&catalog.feed().merchants[1], &catalog.feed().merchants[1].deals[0]);
        let random = fujin_core::commerce::OrderRandomness { id: [1; 16], code: [1; 8] };
        let order = fujin_core::commerce::Order::new(
            m,
            d,
            1,
            fujin_core::model::PayProvider::Stripe,
            None,
            s.now,
            random,
        )
        .unwrap();
        let link = fujin_core::model::check_pay_link(
            fujin_core::model::PayProvider::Stripe,
            "https://buy.stripe.com/x",
            &[],
        )
        .unwrap();
        let id = order.id;
        let s = s
            .reduce_to(Action::Orders(OrderAction::Placed(Box::new(order), link)))
            .reduce_to(Action::Orders(OrderAction::Open(Some(id))));
        assert_eq!(s.selected_merchant, Some(1));
        assert_eq!(s.viewport.center, LonLat::new(114.0, 22.51));
        assert_eq!(s.to_view(&ViewState::default()).order, Some(id), "the link reopens the order");
    }

    #[test]
    fn the_hosts_centre_comes_before_the_feeds() {
        let host = LonLat::new(114.1, 22.6);
        let s = AppState::from_view(&ViewState::default(), Lang::Zh, OffsetDateTime::UNIX_EPOCH)
            .with_host_center(Some(host))
            .reduce_to(Action::FeedLoaded { catalog: catalog(), rejected: 0 });
        assert_eq!((s.search_point, s.viewport.center), (host, host), "the feed's centre does not move it");
        assert_eq!(s.default_center(), host);
        let found = s.reduce_to(Action::Located(LonLat::new(114.0, 22.5)));
        assert_eq!(found.search_point, LonLat::new(114.0, 22.5), "the shopper's location still wins");
        let linked = AppState::from_view(
            &ViewState::from_query("at=22.51,114.01"),
            Lang::Zh,
            OffsetDateTime::UNIX_EPOCH,
        )
        .with_host_center(Some(host));
        assert_eq!(linked.search_point, LonLat::new(114.01, 22.51), "and so does a point in the link");
    }

    #[test]
    fn opening_a_deal_selects_its_merchant_and_shows_it() {
        let s = loaded().reduce_to(Action::OpenDeal(Some("b1".into())));
        assert_eq!(s.selected_merchant, Some(1));
        assert_eq!(s.viewport.center, LonLat::new(114.0, 22.51));
        let linked =
            AppState::from_view(&ViewState::from_query("deal=b1"), Lang::Zh, OffsetDateTime::UNIX_EPOCH)
                .reduce_to(Action::FeedLoaded { catalog: catalog(), rejected: 0 });
        assert_eq!(linked.selected_merchant, Some(1), "a link to a deal selects it once the feed loads");
        let s = s.reduce_to(Action::OpenDeal(None));
        assert_eq!(s.open_deal, None);
    }
}
