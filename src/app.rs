//! The root component: owns the state (a reducer), talks to the outside
//! world (network, geolocation, URL, clock) and lays out the children.

use fujin_core::geo::distance_m;
use fujin_core::index::Catalog;
use fujin_core::view::ViewState;
use time::OffsetDateTime;
use yew::prelude::*;

use crate::components::checkout_panel::CheckoutPanel;
use crate::components::deal_list::DealList;
use crate::components::deal_page::DealPage;
use crate::components::filter_bar::FilterBar;
use crate::components::map_view::{MapView, TileSource};
use crate::components::order_list::OrderList;
use crate::components::order_page::OrderPage;
use crate::components::status_banner::StatusBanner;
use crate::components::top_bar::TopBar;
use crate::device::{Device, random_bytes};
use crate::feed_fetch::{Progress, fetch_feed};
use crate::geolocation::Locator;
use crate::i18n::Lang;
use crate::order_book::{OrderAction, StorageHealth};
use crate::order_effects::use_order_effects;
use crate::order_store::OrderStore;
use crate::shared::Shared;
use crate::state::{Action, AppState, FeedStatus, LocationStatus};
use crate::verifier::Verifier;

/// Properties of [`App`].
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct AppProps {
    /// Where to load the feed from (a `?feed=` in `query` overrides it).
    pub feed_url: AttrValue,
    /// The URL query the app starts from (`location.search`).
    #[prop_or_default]
    pub query: AttrValue,
    /// How to find the shopper.
    #[prop_or_else(Locator::browser)]
    pub locator: Locator,
    /// Map tiles.
    #[prop_or_else(TileSource::openstreetmap)]
    pub tiles: TileSource,
    /// Keep the page URL in step with the view (off for embedding and tests).
    #[prop_or(true)]
    pub sync_url: bool,
    /// Where orders are kept.
    #[prop_or(OrderStore::Browser)]
    pub store: OrderStore,
    /// The shopper's device (phone or not, inside WeChat or not).
    #[prop_or_else(Device::detect)]
    pub device: Device,
    /// How merchants are asked whether an order is paid.
    #[prop_or_else(Verifier::http)]
    pub verifier: Verifier,
}

/// The current time from the browser's clock.
pub fn now() -> OffsetDateTime {
    let ms = js_sys::Date::now();
    OffsetDateTime::from_unix_timestamp_nanos((ms * 1e6) as i128).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

/// The root component.
#[component]
pub fn App(props: &AppProps) -> Html {
    let base_view = use_memo(props.query.clone(), |q| ViewState::from_query(q));
    let state = {
        let view = base_view.clone();
        use_reducer(move || {
            let languages: Vec<String> =
                gloo::utils::window().navigator().languages().iter().filter_map(|v| v.as_string()).collect();
            let lang = Lang::choose(view.lang.as_deref(), &languages);
            AppState::from_view(&view, lang, now())
        })
    };
    let feed_url: AttrValue =
        base_view.feed.clone().map(AttrValue::from).unwrap_or_else(|| props.feed_url.clone());
    let attempt = use_state(|| 0u32);

    // Load the feed (again on retry).
    {
        let dispatch = state.dispatcher();
        use_effect_with((feed_url.clone(), *attempt), move |(url, _)| {
            let url = url.clone();
            dispatch.dispatch(Action::FeedLoading(Progress::default()));
            wasm_bindgen_futures::spawn_local(async move {
                // Report progress in steps of 5 %, or of 1 MB when the size is unknown.
                let last = std::cell::Cell::new((0u32, 0u64));
                let progress = {
                    let dispatch = dispatch.clone();
                    move |p: Progress| {
                        let step = (p.percent().unwrap_or(0) / 5, p.received >> 20);
                        if step != last.get() {
                            last.set(step);
                            dispatch.dispatch(Action::FeedLoading(p));
                        }
                    }
                };
                match fetch_feed(&url, progress).await {
                    Ok(fetched) => dispatch.dispatch(Action::FeedLoaded {
                        rejected: fetched.rejected,
                        catalog: Shared::new(fetched.catalog),
                    }),
                    Err(e) => dispatch.dispatch(Action::FeedFailed(e.to_string())),
                }
            });
        });
    }

    // Ask where the shopper is, once, unless the link names a search point.
    let locate = {
        let dispatch = state.dispatcher();
        let locator = props.locator.clone();
        Callback::from(move |()| {
            dispatch.dispatch(Action::Locating);
            let dispatch = dispatch.clone();
            locator.locate(Callback::from(move |answer| {
                dispatch.dispatch(match answer {
                    Ok(p) => Action::Located(p),
                    Err(e) => Action::LocationFailed(e),
                })
            }));
        })
    };
    {
        let locate = locate.clone();
        let named = base_view.search_point.is_some();
        use_effect_with((), move |_| {
            if !named {
                locate.emit(());
            }
        });
    }

    // The clock, for countdowns and availability.
    {
        let dispatch = state.dispatcher();
        use_effect_with((), move |_| {
            let interval =
                gloo::timers::callback::Interval::new(1_000, move || dispatch.dispatch(Action::Tick(now())));
            move || drop(interval)
        });
    }

    // The URL: write the view into it; follow it on back/forward.
    {
        let view = state.to_view(&base_view);
        let sync = props.sync_url;
        use_effect_with(view, move |view| {
            if sync {
                crate::url_sync::write(view);
            }
        });
    }
    {
        let dispatch = state.dispatcher();
        let sync = props.sync_url;
        use_effect_with((), move |_| {
            let listener = sync.then(|| {
                gloo::events::EventListener::new(&gloo::utils::window(), "popstate", move |_| {
                    dispatch.dispatch(Action::ApplyView(Box::new(crate::url_sync::read())))
                })
            });
            move || drop(listener)
        });
    }

    let verify_trouble = use_order_effects(&state, &props.store, &props.verifier);

    let lang = state.lang;
    let t = lang.texts();
    let dispatcher = state.dispatcher();
    let on_buy = use_send_orders(&dispatcher, OrderAction::StartCheckout);
    let on_quantity = use_send_orders(&dispatcher, OrderAction::SetQuantity);
    let on_paid = use_send_orders(&dispatcher, |id| OrderAction::Returned(id, false));
    let on_cancel_checkout = use_send_orders(&dispatcher, |()| OrderAction::CloseCheckout);
    let on_mark_used = use_send_orders(&dispatcher, |id| {
        OrderAction::Event(id, fujin_core::commerce::OrderEvent::MarkedUsed)
    });
    let on_open_order = use_send_orders(&dispatcher, |id| OrderAction::Open(Some(id)));
    let on_orders = use_send_orders(&dispatcher, |()| OrderAction::ShowOrders(true));
    let on_close_orders = use_send_orders(&dispatcher, |()| OrderAction::CloseOrders);
    let on_pay = {
        let (state, keep) = (state.clone(), base_view.clone());
        Callback::from(move |provider| {
            let random = random_bytes::<16>().zip(random_bytes::<8>());
            let random = random.map(|(id, code)| fujin_core::commerce::OrderRandomness { id, code });
            let location = gloo::utils::window().location();
            let page = format!(
                "{}{}",
                location.origin().unwrap_or_default(),
                location.pathname().unwrap_or_default()
            );
            let action = crate::purchase::place_order(&state, provider, random, &page, &keep);
            state.dispatch(Action::Orders(action));
        })
    };
    let on_text = use_send(&dispatcher, Action::SetText);
    let on_lang = use_send(&dispatcher, Action::SetLang);
    let on_category = use_send(&dispatcher, Action::ToggleCategory);
    let on_radius = use_send(&dispatcher, Action::SetRadius);
    let on_sort = use_send(&dispatcher, Action::SetSort);
    let on_unavailable = use_send(&dispatcher, Action::SetIncludeUnavailable);
    let on_hover = use_send(&dispatcher, Action::HoverMerchant);
    let on_select = use_send(&dispatcher, Action::SelectMerchant);
    let on_search_at = use_send(&dispatcher, Action::SearchAt);
    let on_center = use_send(&dispatcher, Action::CenterOn);
    let on_spot = use_send(&dispatcher, |list| Action::ShowSpot(Some(list)));
    let on_open = use_send(&dispatcher, |id| Action::OpenDeal(Some(id)));
    let on_close = use_send(&dispatcher, |()| Action::OpenDeal(None));
    let on_price = use_send(&dispatcher, |(min, max)| Action::SetPriceRange(min, max));
    let on_pan = use_send(&dispatcher, |(dx, dy)| Action::PanBy(dx, dy));
    let on_zoom = use_send(&dispatcher, |(delta, anchor)| Action::ZoomBy { delta, anchor });
    let on_close_spot = use_send(&dispatcher, |()| Action::ShowSpot(None));
    let retry = {
        let attempt = attempt.clone();
        Callback::from(move |_: MouseEvent| attempt.set(*attempt + 1))
    };
    let search_here = {
        let dispatch = state.dispatcher();
        let center = state.viewport.center;
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::SearchAt(center)))
    };
    let far_from_search = distance_m(state.viewport.center, state.search_point) > 300.0;

    let rejected = match &state.feed {
        FeedStatus::Ready { rejected, .. } => *rejected,
        _ => 0,
    };
    let sheet = match (&state.feed, state.catalog()) {
        (FeedStatus::Failed(message), _) => html! {
            <div class="feed-error" role="alert">
                <p>{ t.feed_failed }{ ": " }{ message }</p>
                <button onclick={retry}>{ t.retry }</button>
            </div>
        },
        (FeedStatus::Loading(progress), None) => {
            let amount = match progress.percent() {
                Some(percent) => format!(" {percent}%"),
                None if progress.received > 0 => {
                    format!(" {:.1} MB", progress.received as f64 / 1e6)
                }
                None => String::new(),
            };
            html! {
                <div class="loading" role="status">
                    <p>{ t.loading_feed }{ amount }</p>
                    <progress max="100" value={progress.percent().map(|p| p.to_string())} aria-label={t.loading_feed} />
                </div>
            }
        }
        (_, None) => html! { <p class="loading" role="status">{ t.loading_feed }</p> },
        (_, Some(catalog)) => match (&state.open_deal, &state.spot_list) {
            (Some(id), _) => {
                let found = catalog.find_deal(id).map(|f| f.deal);
                let checkout = state.orders.checkout.clone().filter(|c| c.deal_id == **id);
                let buy = found.map(|deal| {
                    let deal_id = deal.id.clone();
                    html! {
                        <CheckoutPanel lang={lang} deal={deal.clone()} available={deal.is_available(state.now)}
                            checkout={checkout} error={state.orders.error.clone().map(AttrValue::from)}
                            device={props.device} on_start={on_buy.reform(move |()| deal_id.clone())}
                            on_quantity={on_quantity} on_pay={on_pay} on_paid={on_paid.clone()}
                            on_cancel={on_cancel_checkout} />
                    }
                });
                html! {
                    <DealPage lang={lang} catalog={catalog.clone()} deal_id={id.clone()}
                        search_point={state.search_point} now={state.now} on_close={on_close}>
                        { for buy }
                    </DealPage>
                }
            }
            (None, Some(list)) => spot_list(lang, catalog, list, &on_select, &on_close_spot),
            (None, None) => html! {
                <DealList lang={lang} catalog={catalog.clone()} rows={state.rows.clone()}
                    selected={state.selected_merchant} on_open={on_open} on_hover={on_hover} />
            },
        },
    };
    // An order or "My orders" takes the sheet's place, feed or no feed.
    let open_order = state.orders.open_order.and_then(|id| state.orders.get(id));
    let sheet = match (open_order, state.orders.show_orders) {
        (Some(order), _) => html! {
            <OrderPage lang={lang} order={order.clone()} catalog={state.catalog().cloned()}
                verify_trouble={verify_trouble} on_paid={on_paid} on_mark_used={on_mark_used}
                on_close={on_close_orders.clone()} />
        },
        (None, true) => html! {
            <OrderList lang={lang} orders={state.orders.orders.clone()} on_open={on_open_order} on_close={on_close_orders} />
        },
        (None, false) => sheet,
    };
    let showing_orders = open_order.is_some() || state.orders.show_orders;
    let open_orders = state.orders.orders.iter().filter(|o| !o.status.is_final()).count();
    html! {
        <main class="fujin-app" lang={if lang == Lang::Zh { "zh-CN" } else { "en" }}>
            <TopBar lang={lang} text={state.filters.text.clone()} locating={state.location == LocationStatus::Locating}
                on_text={on_text} on_locate={locate} on_lang={on_lang} open_orders={open_orders} on_orders={on_orders} />
            <StatusBanner lang={lang} location={state.location} origin={state.search_origin} rejected={rejected}
                storage_unavailable={state.orders.storage == StorageHealth::Unavailable} skipped_orders={state.orders.skipped} missing_order={state.orders.missing_order} />
            <div class="body">
                <div class="map-pane">
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
                <aside class="sheet">
                    if state.open_deal.is_none() && !showing_orders {
                        <FilterBar lang={lang} filters={state.filters.clone()} {on_category} {on_radius} {on_sort} {on_price} {on_unavailable} />
                    }
                    { sheet }
                </aside>
            </div>
        </main>
    }
}

/// A callback, made once, that turns its argument into an action and
/// dispatches it: the same callback every render, so children whose other
/// properties did not change are not redrawn.
#[hook]
fn use_send<T: 'static>(dispatcher: &UseReducerDispatcher<AppState>, make: fn(T) -> Action) -> Callback<T> {
    let dispatcher = dispatcher.clone();
    use_callback((), move |v, _| dispatcher.dispatch(make(v)))
}

/// [`use_send`] for an order action.
#[hook]
fn use_send_orders<T: 'static>(
    dispatcher: &UseReducerDispatcher<AppState>,
    make: fn(T) -> OrderAction,
) -> Callback<T> {
    let dispatcher = dispatcher.clone();
    use_callback((), move |v, _| dispatcher.dispatch(Action::Orders(make(v))))
}

/// The merchants at one spot, after a click on their marker.
fn spot_list(
    lang: Lang,
    catalog: &Catalog,
    list: &[u32],
    on_select: &Callback<Option<u32>>,
    on_close: &Callback<()>,
) -> Html {
    let t = lang.texts();
    let close = on_close.reform(|_: MouseEvent| ());
    html! {
        <section class="spot-list" aria-label={t.same_place}>
            <h2>{ t.same_place }</h2>
            <button class="back" onclick={close}>{ t.close }</button>
            <ul>
                { for list.iter().filter_map(|&m| {
                    let merchant = catalog.merchant_at(m)?;
                    let onclick = on_select.reform(move |_: MouseEvent| Some(m));
                    Some(html! { <li><button {onclick}>{ &merchant.name }</button></li> })
                }) }
            </ul>
        </section>
    }
}
