//! Where orders are kept: the browser's localStorage (through `gloo`), a
//! map in memory for tests, or nowhere when storage is unavailable. Entries
//! are read and written with the core's codec, which skips corrupted ones.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use fujin_core::commerce::Order;
use fujin_core::commerce::{LoadedOrders, encode_order, load_orders, order_key};
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

    /// Keeps `order` (replacing its earlier state).
    pub fn save(&self, order: &Order) -> Result<(), SaveError> {
        let (key, value) = (order_key(order.id), encode_order(order));
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
