//! The shopper's orders in the widget: the order book in the app's state,
//! where orders are stored, and asking merchants whether an order is paid.
//! (Placing one is a step of the state, `state::place_order`; the effects
//! run in the hooks, `use_order_effects`.)

mod order_book;
mod order_store;
mod verifier;

pub use order_book::{Checkout, OrderAction, OrderBook, StorageHealth};
pub use order_store::{OrderStore, SaveError};
pub use verifier::{Verifier, VerifyAnswer};
