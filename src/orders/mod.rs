//! The shopper's orders in the widget: the order book in the app's state,
//! placing an order from the checkout, where orders are stored, and asking
//! merchants whether an order is paid. (Their effects run in
//! [`use_order_effects`](crate::hooks::use_order_effects).)

mod order_book;
mod order_store;
mod purchase;
mod verifier;

pub use order_book::{Checkout, OrderAction, OrderBook, StorageHealth};
pub use order_store::{OrderStore, SaveError};
pub use purchase::place_order;
pub use verifier::{Verifier, VerifyAnswer};
