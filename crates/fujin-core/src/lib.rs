//! # fujin-core
//!
//! The pure core of Fujin (附近), a map-and-deals widget: the feed model and
//! its validation, great-circle distance, the Chinese coordinate systems,
//! Web Mercator tile maths, a spatial index, and the shopper's side of the
//! online-to-offline loop (orders, payment hand-off links, vouchers, QR
//! codes, referral codes). Nothing here touches the DOM; it runs the same in
//! the browser, in the `fujin` CLI and in tests.
//!
//! Conventions, everywhere:
//! - positions are [`LonLat`], **longitude first**, in degrees, WGS-84 once loaded;
//! - distances are metres on a sphere of radius [`EARTH_RADIUS_M`];
//! - money is [`Fen`] (分, 1/100 yuan), a whole number.
//!
//! ```
//! use fujin_core::{load_feed, LonLat, SpatialIndex};
//! let json = br#"{"merchants": [
//!   {"id": "a", "name": "A", "category": "food", "lat": 22.5333, "lon": 114.0553},
//!   {"id": "b", "name": "B", "category": "hotel", "lat": 22.5470, "lon": 114.1170}
//! ]}"#;
//! let feed = load_feed(json).unwrap().feed;
//! let index = SpatialIndex::new(&feed.positions());
//! let nearest = index.nearest(LonLat::new(114.11, 22.54), 1);
//! assert_eq!(feed.merchants[nearest[0].index as usize].id, "b");
//! ```

#![warn(missing_docs)]

pub mod bd09;
mod catalog;
mod category;
mod crs;
mod deal;
mod deal_query;
pub mod demo;
pub mod directions;
pub mod display;
mod distance;
pub mod feed;
mod fen;
pub mod gcj02;
pub mod handoff;
mod lon_lat;
mod lon_lat_box;
mod merchant;
pub mod order;
mod pay_link;
pub mod qr;
mod referral;
mod spatial_index;
pub mod stored_order;
pub mod view_state;
mod voucher_code;
pub mod web_mercator;

pub use catalog::{Catalog, CatalogBuilder, FoundDeal};
pub use category::{Category, UnknownCategory};
pub use crs::{Crs, UnknownCrs};
pub use deal::{Availability, Deal};
pub use deal_query::{DealQuery, DealRow, SortBy};
pub use distance::{EARTH_RADIUS_M, distance_m};
pub use feed::{Feed, FeedError, LoadedFeed, Problem, ProblemKind, convert_document, load_feed};
pub use fen::Fen;
pub use lon_lat::LonLat;
pub use lon_lat_box::LonLatBox;
pub use merchant::Merchant;
pub use order::{Order, OrderError, OrderEvent, OrderId, OrderRandomness, OrderStatus, Verdict};
pub use pay_link::{
    MAX_LINK_LEN, PayLink, PayLinkError, PayProvider, check_pay_link, is_valid_checkout_host,
};
pub use referral::{MAX_REFERRAL_LEN, ReferralCode};
pub use spatial_index::{Hit, SpatialIndex};
pub use voucher_code::{BadVoucherCode, VoucherCode};
