//! One line that says where distances are measured from and what went
//! wrong, if anything, with a way forward.

use yew::prelude::*;

use crate::browser::LocationError;
use crate::i18n::Lang;
use crate::state::{LocationStatus, SearchOrigin};

/// Properties of [`StatusBanner`].
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct StatusBannerProps {
    /// Language.
    pub lang: Lang,
    /// The device location.
    pub location: LocationStatus,
    /// Where the search point came from.
    pub origin: SearchOrigin,
    /// Deals are shown (the feed is loaded): until then, and when it
    /// failed, the banner claims nothing about what is shown.
    #[prop_or(true)]
    pub feed_ready: bool,
    /// Records of the feed that were skipped.
    pub rejected: usize,
    /// The origin of a feed the page address named and the host does not allow.
    #[prop_or_default]
    pub refused_feed_origin: Option<AttrValue>,
    /// Orders cannot be kept on this device.
    #[prop_or_default]
    pub storage_unavailable: bool,
    /// Stored order entries that could not be read.
    #[prop_or_default]
    pub skipped_orders: usize,
    /// A link named an order this device does not have.
    #[prop_or_default]
    pub missing_order: bool,
}

/// The status line.
#[component]
pub fn StatusBanner(props: &StatusBannerProps) -> Html {
    let t = props.lang.texts();
    let (class, message) = match (props.origin, props.location) {
        (_, LocationStatus::Locating) if !props.feed_ready => ("status", t.locating.to_owned()),
        _ if !props.feed_ready => ("status", String::new()),
        (SearchOrigin::Device, _) => ("status ok", t.using_your_location.to_owned()),
        (SearchOrigin::Picked, _) => ("status ok", t.using_map_point.to_owned()),
        (SearchOrigin::Default, LocationStatus::Failed(e)) => {
            let why = match e {
                LocationError::Denied => t.location_denied,
                LocationError::TimedOut => t.location_timeout,
                LocationError::Unavailable => t.location_unavailable,
                LocationError::Unsupported => t.location_unsupported,
            };
            ("status warning", format!("{why}{}", t.using_feed_center))
        }
        (SearchOrigin::Default, LocationStatus::Locating) => ("status", t.locating.to_owned()),
        (SearchOrigin::Default, _) => ("status", t.using_default_spot.to_owned()),
    };
    html! {
        <div class="status-banner" part="status" role="status" aria-live="polite">
            if !message.is_empty() {
                <p class={class}>{ message }</p>
            }
            if props.rejected > 0 {
                <p class="status warning">{ props.lang.records_skipped(props.rejected) }</p>
            }
            if let Some(origin) = &props.refused_feed_origin {
                <p class="status warning">{ format!("{} ({origin})", t.feed_refused) }</p>
            }
            if props.storage_unavailable {
                <p class="status warning storage">{ props.lang.orders().storage_warning }</p>
            }
            if props.missing_order {
                <p class="status warning">{ props.lang.orders().missing_order }</p>
            }
            if props.skipped_orders > 0 {
                <p class="status warning">{ format!("{} ({})", props.lang.orders().skipped_warning, props.skipped_orders) }</p>
            }
        </div>
    }
}
