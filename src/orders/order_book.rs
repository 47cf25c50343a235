//! The shopper's orders in the app's state: the checkout in progress, every
//! order made on this device, and which one is open. Changed only through
//! [`OrderAction`]; storage and the network are the browser layer's job.

use fujin_core::commerce::LoadedOrders;
use fujin_core::commerce::{Order, OrderEvent, OrderId, OrderStatus};
use fujin_core::model::PayLink;
use time::OffsetDateTime;

/// Whether orders can be kept on this device.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StorageHealth {
    /// Not looked at yet.
    #[default]
    Unknown,
    /// localStorage works.
    Ok,
    /// No localStorage (private mode, blocked) or it is full: orders live
    /// only as long as the page.
    Unavailable,
}

/// A checkout in progress on a deal page.
#[derive(Debug, Clone, PartialEq)]
pub struct Checkout {
    /// The deal being bought.
    pub deal_id: String,
    /// Units chosen.
    pub quantity: u32,
    /// Once a provider is chosen: the order and the link it was handed to.
    pub handoff: Option<(OrderId, PayLink)>,
}

/// The orders part of the app's state.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OrderBook {
    /// Every order made on this device, newest first.
    pub orders: Vec<Order>,
    /// Whether they can be kept.
    pub storage: StorageHealth,
    /// Storage entries that were not orders (reported once).
    pub skipped: usize,
    /// The checkout in progress.
    pub checkout: Option<Checkout>,
    /// The order shown (its voucher or status).
    pub open_order: Option<OrderId>,
    /// "My orders" is shown.
    pub show_orders: bool,
    /// A return named by the URL (`?order=ID&status=…`, or `?status=…` for
    /// the latest pending order) before the orders were read from storage;
    /// applied when they are.
    pub pending_return: Option<(Option<OrderId>, bool)>,
    /// Why the last purchase could not start, if it could not.
    pub error: Option<String>,
    /// A link named an order this device does not have (made in another
    /// browser, or storage was cleared).
    pub missing_order: bool,
    /// The order the shopper came back to from paying, and its status
    /// before (when coming back changed it): the host hears of the change.
    pub returned_from: Option<(OrderId, OrderStatus)>,
}

/// Every change to the orders.
#[derive(Debug, Clone, PartialEq)]
pub enum OrderAction {
    /// The orders were read from storage (or storage is unavailable).
    Loaded {
        /// What was read.
        loaded: LoadedOrders,
        /// False when storage cannot be used.
        storage_ok: bool,
    },
    /// Orders read again after another widget on this page, or another
    /// tab, wrote some: new ones join, and a known one takes the stored
    /// state when that is further along (paid after pending, say).
    Synced(Vec<Order>),
    /// Writing an order failed: keep going, warn.
    SaveFailed,
    /// "Buy" on a deal page.
    StartCheckout(String),
    /// Units chosen.
    SetQuantity(u32),
    /// Close the checkout.
    CloseCheckout,
    /// An order was made and handed to this link.
    Placed(Box<Order>, PayLink),
    /// The purchase could not start (no randomness, a refused link).
    PlaceFailed(String),
    /// Back from paying (the return URL): `cancelled` when the provider said so.
    Returned(OrderId, bool),
    /// Back from a payment page that cannot name the order: the latest pending one.
    ReturnedLatest(bool),
    /// Something happened to an order.
    Event(OrderId, OrderEvent),
    /// The clock moved: expire what is due.
    Tick(OffsetDateTime),
    /// Show an order, or none.
    Open(Option<OrderId>),
    /// Show or hide "My orders".
    ShowOrders(bool),
    /// Back to the deals from an order or "My orders".
    CloseOrders,
}

impl OrderBook {
    /// The order with this id.
    pub fn get(&self, id: OrderId) -> Option<&Order> {
        self.orders.iter().find(|o| o.id == id)
    }

    fn get_mut(&mut self, id: OrderId) -> Option<&mut Order> {
        self.orders.iter_mut().find(|o| o.id == id)
    }

    /// Applies one action.
    pub fn reduce(&mut self, action: OrderAction) {
        match action {
            OrderAction::Loaded { loaded, storage_ok } => {
                self.storage = if storage_ok { StorageHealth::Ok } else { StorageHealth::Unavailable };
                self.skipped = loaded.skipped.len();
                // Orders made before storage answered stay; stored ones join them.
                for order in loaded.orders {
                    if self.get(order.id).is_none() {
                        self.orders.push(order);
                    }
                }
                Order::sort_newest_first(&mut self.orders);
                match self.pending_return.take() {
                    Some((Some(id), cancelled)) => self.returned(id, cancelled),
                    Some((None, cancelled)) => self.returned_latest(cancelled),
                    None => {}
                }
            }
            OrderAction::Synced(stored) => {
                for order in stored {
                    match self.orders.iter_mut().find(|o| o.id == order.id) {
                        Some(known) if order.status.stage() > known.status.stage() => *known = order,
                        Some(_) => {}
                        None => self.orders.push(order),
                    }
                }
                Order::sort_newest_first(&mut self.orders);
            }
            OrderAction::SaveFailed => self.storage = StorageHealth::Unavailable,
            OrderAction::StartCheckout(deal_id) => {
                self.checkout = Some(Checkout { deal_id, quantity: 1, handoff: None });
                self.error = None;
            }
            OrderAction::SetQuantity(q) => {
                if let Some(c) = &mut self.checkout
                    && c.handoff.is_none()
                {
                    c.quantity = q.max(1);
                }
            }
            OrderAction::CloseCheckout => {
                self.checkout = None;
                self.error = None;
            }
            OrderAction::Placed(order, link) => {
                if let Some(c) = &mut self.checkout {
                    c.handoff = Some((order.id, link));
                }
                self.orders.insert(0, *order);
                self.error = None;
            }
            OrderAction::PlaceFailed(why) => self.error = Some(why),
            OrderAction::Returned(id, cancelled) => {
                if self.storage == StorageHealth::Unknown && self.get(id).is_none() {
                    self.pending_return = Some((Some(id), cancelled));
                } else {
                    self.returned(id, cancelled);
                }
            }
            OrderAction::ReturnedLatest(cancelled) => {
                if self.storage == StorageHealth::Unknown {
                    self.pending_return = Some((None, cancelled));
                } else {
                    self.returned_latest(cancelled);
                }
            }
            OrderAction::Event(id, event) => {
                if let Some(order) = self.get_mut(id) {
                    // A contradicting event (a late "failed" for a paid order) changes nothing.
                    let _ = order.apply(event);
                }
            }
            OrderAction::Tick(now) => {
                for order in &mut self.orders {
                    order.expire_if_due(now);
                }
            }
            OrderAction::Open(id) => {
                self.open_order = id;
                if id.is_some() {
                    self.checkout = None;
                }
            }
            OrderAction::CloseOrders => {
                self.open_order = None;
                self.show_orders = false;
            }
            OrderAction::ShowOrders(on) => {
                self.show_orders = on;
                if on {
                    self.open_order = None;
                    self.checkout = None;
                    // Coming to look is coming back: whatever was being paid now awaits confirmation.
                    for order in &mut self.orders {
                        let _ = order.apply(OrderEvent::Returned { cancelled: false });
                    }
                }
            }
        }
    }

    /// The shopper is back from a page that did not say which order: the
    /// latest pending one, if any.
    fn returned_latest(&mut self, cancelled: bool) {
        let latest =
            self.orders.iter().filter(|o| o.status == OrderStatus::Pending).max_by_key(|o| o.created_at);
        if let Some(id) = latest.map(|o| o.id) {
            self.returned(id, cancelled);
        }
    }

    /// The shopper is back for order `id`: it awaits confirmation (or failed),
    /// and it is shown.
    fn returned(&mut self, id: OrderId, cancelled: bool) {
        let Some(order) = self.get_mut(id) else {
            self.missing_order = true;
            return;
        };
        let before = order.status;
        let _ = order.apply(OrderEvent::Returned { cancelled });
        if order.status != before {
            self.returned_from = Some((id, before));
        }
        self.open_order = Some(id);
        self.checkout = None;
        self.show_orders = false;
        self.missing_order = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fujin_core::commerce::SkippedEntry;
    use fujin_core::commerce::Verdict;
    use fujin_core::feed::load_feed;
    use fujin_core::model::{PayProvider, check_pay_link};

    fn order(n: u8) -> Order {
        let json = br#"{"merchants": [{"id": "m", "name": "M", "category": "food", "lat": 22.5, "lon": 114.0,
          "deals": [{"id": "d", "title": "T", "price": 100, "original_price": 200}]}]}"#;
        let feed = load_feed(json).unwrap().feed;
        let (m, d) = (&feed.merchants[0], &feed.merchants[0].deals[0]);
        let now = OffsetDateTime::from_unix_timestamp(1_790_000_000 + i64::from(n)).unwrap();
        let random = fujin_core::commerce::OrderRandomness { id: [n; 16], code: [n; 8] };
        Order::new(m, d, 1, PayProvider::Stripe, None, now, random).unwrap()
    }

    fn link() -> PayLink {
        check_pay_link(PayProvider::Stripe, "https://buy.stripe.com/x", &[]).unwrap()
    }

    #[test]
    fn a_purchase_then_a_return_opens_the_order() {
        let mut book = OrderBook::default();
        book.reduce(OrderAction::StartCheckout("d".into()));
        book.reduce(OrderAction::SetQuantity(0));
        assert_eq!(book.checkout.as_ref().map(|c| c.quantity), Some(1), "at least one");
        let o = order(1);
        book.reduce(OrderAction::Placed(Box::new(o.clone()), link()));
        let handed_to = book.checkout.as_ref().and_then(|c| c.handoff.as_ref()).map(|(_, l)| l.provider());
        assert_eq!(handed_to, Some(PayProvider::Stripe));
        book.reduce(OrderAction::SetQuantity(3));
        assert_eq!(book.checkout.as_ref().map(|c| c.quantity), Some(1), "fixed once handed off");
        book.reduce(OrderAction::Returned(o.id, false));
        assert_eq!(book.get(o.id).map(|o| o.status), Some(OrderStatus::AwaitingConfirmation));
        assert_eq!(book.open_order, Some(o.id));
        assert!(book.checkout.is_none());
        book.reduce(OrderAction::Event(o.id, OrderEvent::Verified(Verdict::Paid)));
        book.reduce(OrderAction::Event(o.id, OrderEvent::Verified(Verdict::Failed)));
        assert_eq!(book.get(o.id).map(|o| o.status), Some(OrderStatus::Paid), "contradictions ignored");
    }

    #[test]
    fn a_return_before_storage_is_read_waits_for_it() {
        let mut book = OrderBook::default();
        let o = order(2);
        book.reduce(OrderAction::Returned(o.id, true));
        assert!(book.orders.is_empty() && book.open_order.is_none());
        assert!(!book.missing_order, "not yet: storage has not answered");
        let skipped = vec![SkippedEntry {
            key: "fujin.order.x".into(),
            reason: fujin_core::commerce::StoredOrderError::KeyMismatch,
        }];
        let loaded = LoadedOrders { orders: vec![o.clone(), order(3)], skipped };
        book.reduce(OrderAction::Loaded { loaded, storage_ok: true });
        assert_eq!(book.storage, StorageHealth::Ok);
        assert_eq!(book.skipped, 1);
        assert_eq!(book.orders[0].id, order(3).id, "newest first");
        assert_eq!(book.get(o.id).map(|o| o.status), Some(OrderStatus::Failed), "cancelled at the provider");
        assert_eq!(book.open_order, Some(o.id));
        book.reduce(OrderAction::Returned(order(9).id, false));
        assert!(book.missing_order, "an order from another device is said to be missing");
    }

    #[test]
    fn orders_written_elsewhere_join_and_the_further_state_wins() {
        let mut book = OrderBook::default();
        let mine = order(1);
        book.reduce(OrderAction::Placed(Box::new(mine.clone()), link()));
        let mut paid_elsewhere = mine.clone();
        paid_elsewhere.status = OrderStatus::Paid;
        let other = order(2);
        book.reduce(OrderAction::Synced(vec![paid_elsewhere, other.clone()]));
        assert_eq!(book.orders.len(), 2, "the other widget's order joins, once");
        assert_eq!(book.get(mine.id).map(|o| o.status), Some(OrderStatus::Paid));
        book.reduce(OrderAction::Synced(vec![mine.clone(), other]));
        assert_eq!(book.get(mine.id).map(|o| o.status), Some(OrderStatus::Paid), "never back to pending");
        assert_eq!(book.orders.len(), 2);
    }

    #[test]
    fn orders_made_before_storage_answers_are_kept() {
        let mut book = OrderBook::default();
        book.reduce(OrderAction::Placed(Box::new(order(4)), link()));
        book.reduce(OrderAction::Loaded {
            loaded: LoadedOrders { orders: vec![order(4), order(1)], skipped: vec![] },
            storage_ok: false,
        });
        assert_eq!(book.orders.len(), 2);
        assert_eq!(book.storage, StorageHealth::Unavailable);
    }

    #[test]
    fn a_return_without_an_order_is_about_the_latest_pending_one() {
        let mut book = OrderBook::default();
        book.reduce(OrderAction::ReturnedLatest(false));
        let (older, newer, paid) = (order(1), order(2), Order { status: OrderStatus::Paid, ..order(3) });
        let loaded = LoadedOrders { orders: vec![older.clone(), newer.clone(), paid], skipped: vec![] };
        book.reduce(OrderAction::Loaded { loaded, storage_ok: true });
        assert_eq!(book.get(newer.id).map(|o| o.status), Some(OrderStatus::AwaitingConfirmation));
        assert_eq!(book.get(older.id).map(|o| o.status), Some(OrderStatus::Pending));
        assert_eq!(book.open_order, Some(newer.id));
        // Looking at "My orders" is coming back too.
        book.reduce(OrderAction::ShowOrders(true));
        assert_eq!(book.get(older.id).map(|o| o.status), Some(OrderStatus::AwaitingConfirmation));
        assert_eq!(book.orders.iter().filter(|o| o.status == OrderStatus::Paid).count(), 1);
    }

    #[test]
    fn vouchers_expire_on_the_clock() {
        let mut book = OrderBook::default();
        let o = order(5);
        book.reduce(OrderAction::Placed(Box::new(o.clone()), link()));
        book.reduce(OrderAction::Tick(o.valid_until + time::Duration::seconds(1)));
        assert_eq!(book.orders[0].status, OrderStatus::Expired);
    }
}
