//! The root component: owns the state (a reducer), connects it to the
//! outside world through hooks (feed, location, clock, URL, orders) and lays
//! out the children.

use fujin_core::commerce::OrderRandomness;
use fujin_core::geo::LonLat;
use fujin_core::geo::distance_m;
use fujin_core::view::{FeedChoice, Locate, UrlState, ViewState, choose_feed};
use yew::prelude::*;

use crate::browser::{Device, Locator, now, random_bytes};
use crate::components::{SidePanel, SkipLinks, StatusBanner, TopBar};
use crate::hooks::{
    HostEvent, Remote, use_clock, use_element_size, use_feed, use_host_events, use_locate, use_order_effects,
    use_remote, use_send, use_send_orders, use_url_sync,
};
use crate::i18n::Lang;
use crate::map::{MapView, TileSource};
use crate::orders::{OrderAction, OrderStore, StorageHealth, Verifier};
use crate::state::{Action, AppState, LocationStatus, place_order};

/// Properties of [`App`].
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct AppProps {
    /// Where to load the feed from: the host's choice. A `feed` in `query`
    /// replaces it only when its origin is in `feed_origins`.
    pub feed_url: AttrValue,
    /// Origins a `feed` named in the page address may come from
    /// (`https://cdn.example`, or `self` for the page's own); none by default.
    #[prop_or_default]
    pub feed_origins: Vec<String>,
    /// The view the app starts from, as the widget's own pairs of the page
    /// address (prefix taken off; see [`url_state`](AppProps::url_state)).
    #[prop_or_default]
    pub query: AttrValue,
    /// How to find the shopper.
    #[prop_or_else(Locator::browser)]
    pub locator: Locator,
    /// Map tiles.
    #[prop_or_else(TileSource::openstreetmap)]
    pub tiles: TileSource,
    /// Where the view is kept in the page address: off (the default), the
    /// query or the fragment.
    #[prop_or_default]
    pub url_state: UrlState,
    /// What the widget's keys in the page address start with, so that the
    /// host's own parameters and other widgets' never clash with them.
    #[prop_or_default]
    pub url_prefix: AttrValue,
    /// Where orders are kept.
    #[prop_or(OrderStore::Browser)]
    pub store: OrderStore,
    /// The shopper's device (phone or not, inside WeChat or not).
    #[prop_or_else(Device::detect)]
    pub device: Device,
    /// How merchants are asked whether an order is paid.
    #[prop_or_else(Verifier::http)]
    pub verifier: Verifier,
    /// Where the map opens and searches when the shopper's location is not
    /// known (before the feed's centre).
    #[prop_or_default]
    pub center: Option<LonLat>,
    /// When to ask where the shopper is.
    #[prop_or_default]
    pub locate: Locate,
    /// Where payment providers send the shopper back (the page itself by default).
    #[prop_or_default]
    pub return_url: Option<AttrValue>,
    /// The host's line to this widget.
    #[prop_or_default]
    pub remote: Remote,
    /// Tells the host what happened; false when the host cancelled it
    /// (a hand-off it takes over).
    #[prop_or_else(|| Callback::from(|_| true))]
    pub on_event: Callback<HostEvent, bool>,
}

/// The widget's width from which the list sits beside the map, as the
/// stylesheet's container query says (`static/fujin.css`).
const WIDE_PX: f64 = 900.0;

/// The root component.
#[component]
pub fn App(props: &AppProps) -> Html {
    let base_view = use_memo(props.query.clone(), |q| ViewState::from_query(q));
    let state = {
        let (view, center) = (base_view.clone(), props.center);
        use_reducer(move || {
            let languages: Vec<String> =
                gloo::utils::window().navigator().languages().iter().filter_map(|v| v.as_string()).collect();
            let lang = Lang::choose(view.lang.as_deref(), &languages);
            AppState::from_view(&view, lang, now()).with_host_center(center)
        })
    };
    let feed_override = use_state(|| None::<String>);
    use_remote(&props.remote, &state, feed_override.setter());
    let host_feed = feed_override.as_ref().map_or_else(|| props.feed_url.to_string(), Clone::clone);
    let feed = use_memo(
        (host_feed, base_view.feed.clone(), props.feed_origins.clone()),
        |(host, linked, origins)| {
            let page = gloo::utils::window().location().href().unwrap_or_default();
            choose_feed(host, linked.as_deref(), &page, origins)
        },
    );
    let retry = use_feed(&state, &AttrValue::from(feed.url().to_owned()));
    let ask_now = props.locate == Locate::Auto && base_view.search_point.is_none();
    let locate = use_locate(&state, &props.locator, ask_now);
    use_clock(&state);
    use_url_sync(&state, &base_view, props.url_state, &props.url_prefix);
    let verify_trouble = use_order_effects(&state, &props.store, &props.verifier);
    use_host_events(&state, &props.on_event);

    let dispatcher = state.dispatcher();
    let on_text = use_send(&dispatcher, Action::SetText);
    let on_lang = use_send(&dispatcher, Action::SetLang);
    let on_orders = use_send_orders(&dispatcher, |()| OrderAction::ShowOrders(true));
    let on_select = use_send(&dispatcher, Action::SelectMerchant);
    let on_search_at = use_send(&dispatcher, Action::SearchAt);
    let on_center = use_send(&dispatcher, Action::CenterOn);
    let on_spot = use_send(&dispatcher, |list| Action::ShowSpot(Some(list)));
    let on_pan = use_send(&dispatcher, |(dx, dy)| Action::PanBy(dx, dy));
    let on_zoom = use_send(&dispatcher, |(delta, anchor)| Action::ZoomBy { delta, anchor });
    let on_pay = {
        let (state, keep) = (state.clone(), base_view.clone());
        let (return_url, prefix) = (props.return_url.clone(), props.url_prefix.clone());
        let on_event = props.on_event.clone();
        Callback::from(move |provider| {
            let random = random_bytes::<16>().zip(random_bytes::<8>());
            let random = random.map(|(id, code)| OrderRandomness { id, code });
            let page = return_url.as_ref().map_or_else(
                || {
                    let location = gloo::utils::window().location();
                    let part = |p: Result<String, _>| p.unwrap_or_default();
                    format!(
                        "{}{}{}",
                        part(location.origin()),
                        part(location.pathname()),
                        part(location.search())
                    )
                },
                |url| url.to_string(),
            );
            let action = place_order(&state, provider, random, &page, &prefix, &keep);
            if let OrderAction::Placed(order, _) = &action {
                on_event.emit(HostEvent::OrderCreated(order.clone()));
            }
            state.dispatch(Action::Orders(action));
        })
    };
    let search_here = {
        let center = state.viewport.center;
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::SearchAt(center)))
    };
    let far_from_search = distance_m(state.viewport.center, state.search_point) > 300.0;

    // From 900 px wide the list sits left of the map (the stylesheet's
    // container query): it then comes first in the page too, so that the
    // keyboard's order follows what the eye sees in both layouts.
    let body_ref = use_node_ref();
    let wide = use_element_size(&body_ref).0 >= WIDE_PX;
    let lang = state.lang;
    let t = lang.texts();
    let rejected = state.rejected();
    let open_orders = state.orders.orders.iter().filter(|o| !o.status.is_final()).count();
    let panel = html! {
        <SidePanel state={state.clone()} device={props.device} verify_trouble={verify_trouble}
            on_retry={retry} on_pay={on_pay} on_event={props.on_event.clone()} />
    };
    let (panel_before, panel_after) = if wide { (panel, Html::default()) } else { (Html::default(), panel) };
    html! {
        <main class="fujin-app" lang={if lang == Lang::Zh { "zh-CN" } else { "en" }}>
            <SkipLinks lang={lang} />
            <TopBar lang={lang} text={state.filters.text.clone()} locating={state.location == LocationStatus::Locating}
                on_text={on_text} on_locate={locate} can_locate={props.locate != Locate::Off} on_lang={on_lang} open_orders={open_orders} on_orders={on_orders} />
            <StatusBanner lang={lang} location={state.location} origin={state.search_origin} rejected={rejected}
                feed_ready={state.catalog().is_some()}
                refused_feed_origin={match &*feed { FeedChoice::Refused { origin, .. } => Some(AttrValue::from(origin.clone())), _ => None }}
                storage_unavailable={state.orders.storage == StorageHealth::Unavailable} skipped_orders={state.orders.skipped} missing_order={state.orders.missing_order} />
            <div class={classes!("body", wide.then_some("wide"))} ref={body_ref}>
                { panel_before }
                <div class="map-pane" part="map">
                    <MapView
                        lang={lang}
                        catalog={state.catalog().cloned()}
                        rows={state.rows.clone()}
                        viewport={state.viewport}
                        search_point={state.search_point}
                        radius_m={f64::from(state.filters.radius_km) * 1_000.0}
                        selected={state.selected_merchant}
                        hovered={state.hovered_merchant}
                        tiles={props.tiles.clone()}
                        {on_pan} {on_zoom} {on_select} {on_spot} {on_search_at} {on_center}
                    />
                    if far_from_search {
                        <button class="search-here" onclick={search_here}>{ t.search_here }</button>
                    }
                </div>
                { panel_after }
            </div>
        </main>
    }
}
