//! The app shell: loads a feed and says what it holds. The map and the
//! deal list come on top of this (see the widget issue).

use std::rc::Rc;

use fujin_core::LoadedFeed;
use yew::prelude::*;

use crate::feed_fetch::{FetchError, fetch_feed};

/// Properties of [`App`].
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct AppProps {
    /// Where to load the feed from.
    pub feed_url: AttrValue,
}

/// Where loading the feed stands.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadState {
    /// Waiting for the network.
    Loading,
    /// Loaded (possibly with rejected records).
    Loaded(Rc<LoadedFeed>),
    /// Could not be loaded at all.
    Failed(FetchError),
}

/// The root component.
#[component]
pub fn App(props: &AppProps) -> Html {
    let state = use_state(|| LoadState::Loading);
    let attempt = use_state(|| 0u32);
    {
        let state = state.clone();
        let url = props.feed_url.clone();
        use_effect_with((url, *attempt), move |(url, _)| {
            let url = url.clone();
            state.set(LoadState::Loading);
            wasm_bindgen_futures::spawn_local(async move {
                state.set(match fetch_feed(&url).await {
                    Ok(loaded) => LoadState::Loaded(Rc::new(loaded)),
                    Err(e) => LoadState::Failed(e),
                });
            });
        });
    }
    let retry = {
        let attempt = attempt.clone();
        Callback::from(move |_: MouseEvent| attempt.set(*attempt + 1))
    };
    let body = match &*state {
        LoadState::Loading => {
            html! { <p class="status" role="status">{ "正在加载附近的团购… Loading deals nearby…" }</p> }
        }
        LoadState::Loaded(loaded) => {
            let feed = &loaded.feed;
            html! {
                <div class="status" role="status">
                    <p class="feed-name">{ feed.name.clone().unwrap_or_else(|| "附近团购".to_owned()) }</p>
                    <p class="counts">
                        { format!("{} 家商户 · {} 个团购", feed.merchants.len(), feed.deal_count()) }
                    </p>
                    if loaded.rejected > 0 {
                        <p class="warning">{ format!("{} 条记录有误，已跳过 ({} records skipped)", loaded.rejected, loaded.rejected) }</p>
                    }
                </div>
            }
        }
        LoadState::Failed(e) => html! {
            <div class="status error" role="alert">
                <p>{ "无法加载团购数据 Could not load deals: " }{ e.to_string() }</p>
                <button onclick={retry}>{ "重试 Retry" }</button>
            </div>
        },
    };
    html! {
        <main class="fujin-app">
            <header><h1>{ "附近 " }<span lang="en">{ "Fujin" }</span></h1></header>
            { body }
        </main>
    }
}
