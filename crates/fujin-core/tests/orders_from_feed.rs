//! Orders of deals read from a feed: the quantity and sale-window rules of
//! `Order::new` on deals as a merchant writes them. (Integration tests: the
//! `commerce` part sits below `feed` and does not import it.)

// Native only: its dev-dependencies are not built for wasm32 (see Cargo.toml).
#![cfg(not(target_arch = "wasm32"))]

use fujin_core::commerce::{
    DEFAULT_MAX_PER_ORDER, MAX_QUANTITY, Order, OrderError, OrderRandomness, max_quantity,
};
use fujin_core::feed::load_feed;
use fujin_core::model::{Deal, Fen, PayProvider};
use time::OffsetDateTime;

#[test]
fn quantities_are_bounded_by_limit_stock_and_sense() {
    let json = br#"{"merchants": [{"id": "m", "name": "M", "category": "food", "lat": 0, "lon": 0, "deals": [
      {"id": "a", "title": "T", "price": 100000000, "original_price": 100000000, "max_per_order": 1000000000},
      {"id": "b", "title": "T", "price": 1, "original_price": 1, "max_per_order": 5, "stock": 3},
      {"id": "c", "title": "T", "price": 1, "original_price": 1},
      {"id": "d", "title": "T", "price": 1, "original_price": 1, "stock": 0}]}]}"#;
    let feed = load_feed(json).unwrap().feed;
    let m = &feed.merchants[0];
    let max: Vec<u32> = m.deals.iter().map(max_quantity).collect();
    assert_eq!(max, [MAX_QUANTITY, 3, DEFAULT_MAX_PER_ORDER, 0]);
    let random = OrderRandomness { id: [1; 16], code: [1; 8] };
    let now = OffsetDateTime::UNIX_EPOCH;
    let big = Order::new(m, &m.deals[0], 99, PayProvider::Stripe, None, now, random).unwrap();
    assert_eq!(big.total, Fen(9_900_000_000), "¥99,000,000 adds up without overflow");
    assert_eq!(
        Order::new(m, &m.deals[1], 4, PayProvider::Stripe, None, now, random),
        Err(OrderError::Quantity { quantity: 4, max: 3 })
    );
    assert_eq!(
        Order::new(m, &m.deals[3], 1, PayProvider::Stripe, None, now, random),
        Err(OrderError::SoldOut)
    );
}

#[test]
fn deals_off_sale_cannot_be_ordered() {
    let json = br#"{"merchants": [{"id": "m", "name": "M", "category": "food", "lat": 0, "lon": 0, "deals": [
      {"id": "a", "title": "T", "price": 1, "original_price": 1, "ends_at": "2026-01-01T00:00:00+08:00"},
      {"id": "b", "title": "T", "price": 1, "original_price": 1, "starts_at": "2027-01-01T00:00:00+08:00"}]}]}"#;
    let feed = load_feed(json).unwrap().feed;
    let m = &feed.merchants[0];
    let now = time::macros::datetime!(2026-11-28 12:00 +08:00);
    let random = OrderRandomness { id: [1; 16], code: [1; 8] };
    let new = |d: &Deal| Order::new(m, d, 1, PayProvider::Stripe, None, now, random);
    assert_eq!(new(&m.deals[0]), Err(OrderError::Ended));
    assert_eq!(new(&m.deals[1]), Err(OrderError::NotStarted));
}
