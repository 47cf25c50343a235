//! Loading the feed: fetched with download progress, checked in steps with
//! the page running in between, and loaded again on retry. A load still
//! running when another feed is asked for, or when the widget is removed,
//! is called off: its request is aborted and its work stops, so a slow old
//! feed can never land over the new one.

use yew::prelude::*;

use fujin_core::feed::FeedError;
use fujin_core::pack::PackError;

use crate::browser::{FetchError, Progress, fetch_feed};
use crate::shared::Shared;
use crate::state::{Action, AppState, FeedFailure, FeedTrouble};

/// Loads the feed at `url` into the state, now and whenever the returned
/// callback (the retry button's) is called.
#[hook]
pub fn use_feed(state: &UseReducerHandle<AppState>, url: &AttrValue) -> Callback<MouseEvent> {
    let attempt = use_state(|| 0u32);
    let dispatch = state.dispatcher();
    use_effect_with((url.clone(), *attempt), move |(url, _)| {
        let url = url.clone();
        let controller = web_sys::AbortController::new().ok();
        let call_off = {
            let controller = controller.clone();
            move || {
                if let Some(controller) = controller {
                    controller.abort();
                }
            }
        };
        let Some(signal) = controller.map(|c| c.signal()) else {
            let detail = "this browser cannot load a feed (no AbortController)".to_owned();
            dispatch.dispatch(failed(FeedTrouble::Unsupported, detail));
            return call_off;
        };
        if url.is_empty() {
            dispatch.dispatch(Action::FeedFailed(FeedFailure::NoFeed));
            return call_off;
        }
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
            match fetch_feed(&url, &signal, progress).await {
                Ok(fetched) => dispatch.dispatch(Action::FeedLoaded {
                    rejected: fetched.rejected,
                    catalog: Shared::new(fetched.catalog.with_feed_url(absolute(&url))),
                }),
                // Called off: whoever called it off has moved on.
                Err(FetchError::Cancelled) => {}
                Err(e) => dispatch.dispatch(failed(trouble_of(&e), e.to_string())),
            }
        });
        call_off
    });
    Callback::from(move |_: MouseEvent| attempt.set(*attempt + 1))
}

/// The action for a failed load; the detail goes to the console too, where
/// a developer looks (the shopper is told `trouble` in their language).
fn failed(trouble: FeedTrouble, detail: String) -> Action {
    gloo::console::warn!(format!("fujin: could not load the feed: {detail}"));
    Action::FeedFailed(FeedFailure::Failed { trouble, detail })
}

/// What a fetch error means for the shopper.
fn trouble_of(e: &FetchError) -> FeedTrouble {
    match e {
        FetchError::Network(_) | FetchError::Cancelled => FeedTrouble::Network,
        FetchError::Status { status: status @ (404 | 410), .. } => FeedTrouble::NotFound(*status),
        FetchError::Status { status, .. } => FeedTrouble::Server(*status),
        FetchError::Feed(FeedError::Empty) => FeedTrouble::Empty,
        FetchError::Feed(FeedError::Truncated { .. }) => FeedTrouble::Truncated,
        FetchError::Feed(
            FeedError::TooLarge { .. } | FeedError::TooManyRecords { .. } | FeedError::HeadTooLarge { .. },
        )
        | FetchError::Packed(PackError::TooLarge(_)) => FeedTrouble::TooLarge,
        FetchError::Feed(_) | FetchError::Packed(_) => FeedTrouble::Damaged,
    }
}

/// The feed's address made absolute against the page's (photos given as
/// paths are beside the feed, not beside the host page).
fn absolute(url: &str) -> Option<url::Url> {
    let page = gloo::utils::document().base_uri().ok().flatten()?;
    url::Url::parse(&page).ok()?.join(url).ok()
}
