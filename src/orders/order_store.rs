//! Where orders are kept: the browser's localStorage (through `gloo`), a
//! map in memory for tests, or nowhere when storage is unavailable. Entries
//! are read and written with the core's codec, which skips corrupted ones.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use fujin_core::commerce::Order;
use fujin_core::commerce::{LoadedOrders, decode_order, encode_order, load_orders, order_key};
use gloo::storage::{LocalStorage, Storage};

/// Why an order could not be kept.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the order could not be saved on this device: {0}")]
pub struct SaveError(String);

/// A place to keep orders.
#[derive(Debug, Clone, PartialEq)]
pub enum OrderStore {
    /// The browser's localStorage.
    Browser,
    /// A map in memory (tests; shared between mounts like storage between page loads).
    Memory(Rc<RefCell<BTreeMap<String, String>>>),
    /// No storage at all (tests of private mode).
    Unavailable,
}

impl OrderStore {
    /// An empty in-memory store.
    pub fn memory() -> Self {
        OrderStore::Memory(Rc::default())
    }

    /// Every order kept, and whether storage works at all.
    pub fn load(&self) -> (LoadedOrders, bool) {
        match self {
            OrderStore::Browser => match browser_entries() {
                Some(entries) => (load_orders(entries), true),
                None => (LoadedOrders::default(), false),
            },
            OrderStore::Memory(map) => (load_orders(map.borrow().clone()), true),
            OrderStore::Unavailable => (LoadedOrders::default(), false),
        }
    }

    /// Keeps `order`, replacing its earlier state, but never a state
    /// further along: another widget or tab may have moved the stored order
    /// on meanwhile (paid while this one still saw it awaiting), and that
    /// stays.
    pub fn save(&self, order: &Order) -> Result<(), SaveError> {
        let key = order_key(order.id);
        let stored = self.entry(&key).and_then(|text| decode_order(&key, &text).ok());
        if stored.is_some_and(|s| s.status.stage() > order.status.stage()) {
            return Ok(());
        }
        let value = encode_order(order);
        match self {
            OrderStore::Browser => {
                // `gloo`'s accessor throws when there is no localStorage: look first.
                if web_sys::window().and_then(|w| w.local_storage().ok().flatten()).is_none() {
                    return Err(SaveError("localStorage is unavailable".into()));
                }
                // A full storage refuses the write: that is the error.
                LocalStorage::raw().set_item(&key, &value).map_err(|e| SaveError(format!("{e:?}")))
            }
            OrderStore::Memory(map) => {
                map.borrow_mut().insert(key, value);
                Ok(())
            }
            OrderStore::Unavailable => Err(SaveError("no storage".into())),
        }
    }
}

impl OrderStore {
    /// The stored text of `key`, if any.
    fn entry(&self, key: &str) -> Option<String> {
        match self {
            OrderStore::Browser => {
                web_sys::window()?.local_storage().ok().flatten()?.get_item(key).ok().flatten()
            }
            OrderStore::Memory(map) => map.borrow().get(key).cloned(),
            OrderStore::Unavailable => None,
        }
    }
}

/// True when localStorage exists and takes a write. `gloo`'s own accessors
/// throw when there is none (private mode, blocked cookies), so it is
/// probed first through `web_sys`.
fn browser_storage_works() -> bool {
    let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) else {
        return false;
    };
    const PROBE: &str = "fujin.probe";
    let works = storage.set_item(PROBE, "1").is_ok();
    storage.remove_item(PROBE).ok();
    works
}

/// Every (key, value) in localStorage, or `None` when it is unavailable.
fn browser_entries() -> Option<Vec<(String, String)>> {
    if !browser_storage_works() {
        return None;
    }
    let storage = LocalStorage::raw();
    let count = LocalStorage::length();
    let entries = (0..count)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter_map(|key| storage.get_item(&key).ok().flatten().map(|value| (key, value)))
        .collect();
    Some(entries)
}

#[cfg(test)]
mod tests {
    use fujin_core::commerce::{OrderEvent, OrderRandomness, OrderStatus};
    use fujin_core::feed::load_feed;
    use fujin_core::model::PayProvider;
    use time::OffsetDateTime;

    use super::*;

    #[test]
    fn a_save_never_takes_a_stored_order_back() {
        let json = br#"{"merchants": [{"id": "m", "name": "M", "category": "food", "lat": 22.5, "lon": 114.0,
          "deals": [{"id": "d", "title": "T", "price": 100, "original_price": 200}]}]}"#;
        let feed = load_feed(json).unwrap().feed;
        let (m, d) = (&feed.merchants[0], &feed.merchants[0].deals[0]);
        let random = OrderRandomness { id: [1; 16], code: [1; 8] };
        let mut seen_here =
            Order::new(m, d, 1, PayProvider::Stripe, None, OffsetDateTime::UNIX_EPOCH, random).unwrap();
        seen_here.apply(OrderEvent::Returned { cancelled: false }).unwrap();
        let mut paid_elsewhere = seen_here.clone();
        paid_elsewhere.status = OrderStatus::Paid;
        let store = OrderStore::memory();
        store.save(&paid_elsewhere).unwrap();
        store.save(&seen_here).unwrap();
        assert_eq!(store.load().0.orders[0].status, OrderStatus::Paid, "an older state does not win");
        let mut used = paid_elsewhere.clone();
        used.apply(OrderEvent::MarkedUsed).unwrap();
        store.save(&used).unwrap();
        assert_eq!(store.load().0.orders[0].status, OrderStatus::Redeemed, "a newer one does");
    }
}
