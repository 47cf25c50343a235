//! The app's hooks: each connects the state to one part of the outside
//! world (the feed, the shopper's location, the clock, the page URL, the
//! orders' storage and merchants) or to the DOM (an element's size).

mod use_clock;
mod use_element_size;
mod use_feed;
mod use_host_events;
mod use_locate;
mod use_order_effects;
mod use_remote;
mod use_send;
mod use_url_sync;

pub use use_clock::use_clock;
pub use use_element_size::use_element_size;
pub use use_feed::use_feed;
pub use use_host_events::{EVENTS_VERSION, HostEvent, use_host_events};
pub use use_locate::use_locate;
pub use use_order_effects::{FIRST_PAUSE, MAX_PAUSE, ROUNDS, use_order_effects};
pub use use_remote::{Remote, RemoteCommand, use_remote};
pub use use_send::{use_send, use_send_orders};
pub use use_url_sync::use_url_sync;
