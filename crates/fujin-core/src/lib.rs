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
//! - positions are [`LonLat`](geo::LonLat), **longitude first**, in degrees, WGS-84 once loaded;
//! - distances are metres on a sphere of radius [`EARTH_RADIUS_M`](geo::EARTH_RADIUS_M);
//! - money is [`Fen`](model::Fen) (分, 1/100 yuan), a whole number.
//!
//! The crate is in parts, each a public module whose own files are private
//! behind one curated face, so that every item has exactly one path
//! (`fujin_core::<part>::<Item>`). From the bottom up, each part using only
//! those before it:
//!
//! | part | what it holds |
//! |---|---|
//! | [`json`] | JSON read into a value that borrows its text |
//! | [`geo`] | positions, distance, datums, Web Mercator, directions links |
//! | [`model`] | merchants, deals, categories, [`Fen`](model::Fen), payment links, field limits |
//! | [`commerce`] | orders, payment hand-off, vouchers, QR codes, referrals, stored orders |
//! | [`feed`] | reading and checking feeds into a [`Feed`](feed::Feed) |
//! | [`index`] | the spatial index, the [`Catalog`](index::Catalog), the deal list query |
//! | [`pack`] | packed feeds (`.fjpk`): writing, and reading with every byte checked |
//! | [`view`] | the view state and display texts |
//! | [`demo`] | the seeded demo feed generator |
//!
//! ```
//! use fujin_core::{feed::load_feed, geo::LonLat, index::SpatialIndex};
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

pub mod commerce;
pub mod demo;
pub mod feed;
pub mod geo;
pub mod index;
pub mod json;
pub mod model;
pub mod pack;
pub mod view;
