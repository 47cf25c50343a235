//! An order on the shopper's side: what they bought, how it was handed to
//! the payment provider, and where it stands. Fujin never sees money; the
//! order is the shopper's record, and the merchant's `verify_url` (when the
//! feed gives one) is the only source that can say it is paid.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use time::{Duration, OffsetDateTime};

use super::order_id::OrderId;
use super::referral::ReferralCode;
use super::voucher_code::VoucherCode;
use crate::model::{Availability, DEFAULT_VALID_DAYS, Deal, Fen, Merchant, PayProvider};

/// Most units in one order when the deal sets no limit.
pub const DEFAULT_MAX_PER_ORDER: u32 = 10;

/// Most units in one order whatever the deal says: a feed's absurd limit
/// (up to a billion passes validation) must not make an absurd order.
pub const MAX_QUANTITY: u32 = 99;

/// Where an order stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OrderStatus {
    /// Made, and the shopper sent to pay; nothing heard since.
    Pending,
    /// The shopper came back from paying; the payment is not confirmed.
    AwaitingConfirmation,
    /// The merchant confirmed the payment.
    Paid,
    /// The voucher was used in the store.
    Redeemed,
    /// The voucher's validity ran out unused.
    Expired,
    /// The merchant refunded it (a group that did not fill is refunded).
    Refunded,
    /// The payment did not go through.
    Failed,
}

impl OrderStatus {
    /// Every status.
    pub const ALL: [OrderStatus; 7] = [
        OrderStatus::Pending,
        OrderStatus::AwaitingConfirmation,
        OrderStatus::Paid,
        OrderStatus::Redeemed,
        OrderStatus::Expired,
        OrderStatus::Refunded,
        OrderStatus::Failed,
    ];

    /// The name used in storage and links.
    pub fn key(self) -> &'static str {
        match self {
            OrderStatus::Pending => "pending",
            OrderStatus::AwaitingConfirmation => "awaiting_confirmation",
            OrderStatus::Paid => "paid",
            OrderStatus::Redeemed => "redeemed",
            OrderStatus::Expired => "expired",
            OrderStatus::Refunded => "refunded",
            OrderStatus::Failed => "failed",
        }
    }

    /// The status named `key`.
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.key() == key)
    }

    /// How far along the order is. No event, and no expiry, takes an order
    /// to an earlier stage (a merchant can still say paid after a cancelled
    /// return, and refund a paid or expired voucher), so of two copies of
    /// one order (two widgets, two tabs) the one further along is the newer.
    pub fn stage(self) -> u8 {
        match self {
            OrderStatus::Pending => 0,
            OrderStatus::AwaitingConfirmation => 1,
            OrderStatus::Failed => 2,
            OrderStatus::Paid => 3,
            OrderStatus::Redeemed | OrderStatus::Expired => 4,
            OrderStatus::Refunded => 5,
        }
    }

    /// True once nothing more can happen to the order: it belongs in the history.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            OrderStatus::Redeemed | OrderStatus::Expired | OrderStatus::Refunded | OrderStatus::Failed
        )
    }
}

/// What the merchant's `verify_url` says about an order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Not decided yet: ask again later.
    Pending,
    /// Paid.
    Paid,
    /// Not paid.
    Failed,
    /// Paid and given back.
    Refunded,
}

impl Verdict {
    /// Reads a verify answer's `status` field.
    pub fn from_key(key: &str) -> Option<Self> {
        match key {
            "pending" => Some(Verdict::Pending),
            "paid" => Some(Verdict::Paid),
            "failed" => Some(Verdict::Failed),
            "refunded" => Some(Verdict::Refunded),
            _ => None,
        }
    }
}

/// Something that happens to an order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderEvent {
    /// The shopper came back from the payment page (or opened the order).
    /// `cancelled` when the provider said they gave up.
    Returned {
        /// The return link said the payment was cancelled or failed.
        cancelled: bool,
    },
    /// The merchant's verify endpoint answered.
    Verified(Verdict),
    /// The shopper marked the voucher used.
    MarkedUsed,
}

/// An event that makes no sense for the order's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("an order that is {} cannot take {event:?}", status.key())]
pub struct TransitionError {
    /// The order's status.
    pub status: OrderStatus,
    /// What was tried.
    pub event: OrderEvent,
}

/// An order on the shopper's side.
#[derive(Debug, Clone, PartialEq)]
pub struct Order {
    /// Random id, also passed to the payment provider where it can carry one.
    pub id: OrderId,
    /// The deal's id in the feed.
    pub deal_id: String,
    /// The merchant's id in the feed.
    pub merchant_id: String,
    /// The deal's title when ordered (kept so the order reads well without the feed).
    pub deal_title: String,
    /// The merchant's name when ordered.
    pub merchant_name: String,
    /// Units bought, at least 1.
    pub quantity: u32,
    /// Price of one unit, in fen.
    pub unit_price: Fen,
    /// `unit_price × quantity`, in fen.
    pub total: Fen,
    /// Who was asked to take the money.
    pub provider: PayProvider,
    /// When the order was made.
    pub created_at: OffsetDateTime,
    /// Until when the voucher can be used.
    pub valid_until: OffsetDateTime,
    /// Where it stands.
    pub status: OrderStatus,
    /// True when the merchant gives a `verify_url`, so payment can be confirmed.
    pub confirmable: bool,
    /// The reseller who shared the link, if any.
    pub referral: Option<ReferralCode>,
    /// What the shopper shows in the store.
    pub voucher: VoucherCode,
}

/// Why an order cannot be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OrderError {
    /// A quantity of zero or above what may be bought.
    #[error("quantity {quantity} is not between 1 and {max}")]
    Quantity {
        /// Asked for.
        quantity: u32,
        /// The most that may be bought.
        max: u32,
    },
    /// No stock left.
    #[error("this deal cannot be bought: sold out")]
    SoldOut,
    /// The sale has not started.
    #[error("this deal cannot be bought: the sale has not started")]
    NotStarted,
    /// The sale has ended.
    #[error("this deal cannot be bought: the sale has ended")]
    Ended,
    /// Price × quantity does not fit in a [`Fen`].
    #[error("this deal cannot be bought: the total is too large")]
    TotalTooLarge,
}

/// The most units of `deal` one order may hold: its per-order limit (or
/// [`DEFAULT_MAX_PER_ORDER`]), [`MAX_QUANTITY`] and the stock left, whichever is lowest.
pub fn max_quantity(deal: &Deal) -> u32 {
    let limit = deal.max_per_order.unwrap_or(DEFAULT_MAX_PER_ORDER).clamp(1, MAX_QUANTITY);
    deal.stock.map_or(limit, |stock| limit.min(stock))
}

/// The random input of a new order: 16 bytes for its id, 8 for its code.
#[derive(Debug, Clone, Copy)]
pub struct OrderRandomness {
    /// For the [`OrderId`].
    pub id: [u8; 16],
    /// For the [`VoucherCode`].
    pub code: [u8; 8],
}

impl Order {
    /// Sorts orders as they are listed: newest first, then by id. One
    /// function for every list of orders, and by a heap rather than a slice
    /// sort, which would be a sizeable copy of its own in the bundle
    /// (O(n log n) either way, for however many orders storage holds).
    pub fn sort_newest_first(orders: &mut Vec<Order>) {
        let heap: BinaryHeap<Newest> = orders.drain(..).map(Newest).collect();
        orders.extend(heap.into_sorted_vec().into_iter().map(|newest| newest.0));
    }

    /// A new `pending` order for `quantity` of `deal`, about to be handed to
    /// `provider`; refused when the deal cannot be bought at `now`.
    ///
    /// ```
    /// use fujin_core::commerce::{Order, OrderRandomness, OrderStatus};
    /// use fujin_core::feed::load_feed;
    /// use fujin_core::model::{Fen, PayProvider};
    /// let json = r#"{"checkout_hosts": ["shop.example.com"],
    ///   "merchants": [{"id": "m1", "name": "老王烧烤", "category": "food",
    ///   "lat": 22.54, "lon": 114.05, "verify_url": "https://shop.example.com/verify",
    ///   "deals": [{"id": "d1", "title": "双人餐", "price": 8800, "original_price": 12800,
    ///              "max_per_order": 4, "pay": {"stripe": "https://buy.stripe.com/test_1"}}]}]}"#;
    /// let feed = load_feed(json.as_bytes()).unwrap().feed;
    /// let (m, d) = (&feed.merchants[0], &feed.merchants[0].deals[0]);
    /// let random = OrderRandomness { id: [1; 16], code: [2; 8] };
    /// let now = time::OffsetDateTime::UNIX_EPOCH;
    /// let order = Order::new(m, d, 2, PayProvider::Stripe, None, now, random).unwrap();
    /// assert_eq!(order.total, Fen(17_600));
    /// assert_eq!(order.status, OrderStatus::Pending);
    /// assert!(order.confirmable);
    /// assert!(Order::new(m, d, 5, PayProvider::Stripe, None, now, random).is_err());
    /// ```
    pub fn new(
        merchant: &Merchant,
        deal: &Deal,
        quantity: u32,
        provider: PayProvider,
        referral: Option<ReferralCode>,
        now: OffsetDateTime,
        random: OrderRandomness,
    ) -> Result<Self, OrderError> {
        match deal.availability(now) {
            Availability::Available => {}
            Availability::SoldOut => return Err(OrderError::SoldOut),
            Availability::NotStarted => return Err(OrderError::NotStarted),
            Availability::Ended => return Err(OrderError::Ended),
        }
        let max = max_quantity(deal);
        if !(1..=max).contains(&quantity) {
            return Err(OrderError::Quantity { quantity, max });
        }
        let total = deal.price.times(quantity).ok_or(OrderError::TotalTooLarge)?;
        let days = deal.valid_days.unwrap_or(DEFAULT_VALID_DAYS);
        Ok(Self {
            id: OrderId::from_random_bytes(random.id),
            deal_id: deal.id.clone(),
            merchant_id: merchant.id.clone(),
            deal_title: deal.title.clone(),
            merchant_name: merchant.name.clone(),
            quantity,
            unit_price: deal.price,
            total,
            provider,
            created_at: now,
            valid_until: now + Duration::days(i64::from(days)),
            status: OrderStatus::Pending,
            confirmable: merchant.verify_url.is_some(),
            referral,
            voucher: VoucherCode::from_random_bytes(random.code),
        })
    }

    /// Applies `event`; true when the status changed. Events that repeat
    /// what is already known (a second return, a second "paid") change
    /// nothing; events that contradict it are errors and change nothing.
    pub fn apply(&mut self, event: OrderEvent) -> Result<bool, TransitionError> {
        use OrderStatus::*;
        let next = match (self.status, event) {
            (Pending, OrderEvent::Returned { cancelled: false }) => AwaitingConfirmation,
            (Pending | AwaitingConfirmation, OrderEvent::Returned { cancelled: true }) => Failed,
            (_, OrderEvent::Returned { .. }) => self.status,
            (_, OrderEvent::Verified(Verdict::Pending)) => self.status,
            (Pending | AwaitingConfirmation | Failed | Paid, OrderEvent::Verified(Verdict::Paid)) => Paid,
            (Redeemed, OrderEvent::Verified(Verdict::Paid)) => Redeemed,
            (Pending | AwaitingConfirmation | Failed, OrderEvent::Verified(Verdict::Failed)) => Failed,
            (
                Pending | AwaitingConfirmation | Paid | Expired | Refunded,
                OrderEvent::Verified(Verdict::Refunded),
            ) => Refunded,
            (Paid | Redeemed, OrderEvent::MarkedUsed) => Redeemed,
            (AwaitingConfirmation, OrderEvent::MarkedUsed) => Redeemed,
            (status, event) => return Err(TransitionError { status, event }),
        };
        let changed = next != self.status;
        self.status = next;
        Ok(changed)
    }

    /// Moves a voucher whose validity ran out to `expired`; true when it did.
    pub fn expire_if_due(&mut self, now: OffsetDateTime) -> bool {
        let open = matches!(
            self.status,
            OrderStatus::Pending | OrderStatus::AwaitingConfirmation | OrderStatus::Paid
        );
        if open && now > self.valid_until {
            self.status = OrderStatus::Expired;
            return true;
        }
        false
    }

    /// True when a voucher may be shown: paid, or back from paying but
    /// unconfirmed (shown marked as such), or used (shown as used).
    pub fn has_voucher(&self) -> bool {
        matches!(self.status, OrderStatus::Paid | OrderStatus::AwaitingConfirmation | OrderStatus::Redeemed)
    }

    /// What the store's scanner reads from the voucher's QR code.
    ///
    /// ```
    /// # use fujin_core::commerce::{OrderId, VoucherCode};
    /// # let (id, code) = (OrderId::from_random_bytes([7; 16]), VoucherCode::from_random_bytes([0; 8]));
    /// assert_eq!(
    ///     fujin_core::commerce::voucher_payload(id, code),
    ///     "FUJIN1:07070707-0707-4707-8707-070707070707:000000000000"
    /// );
    /// ```
    pub fn voucher_payload(&self) -> String {
        voucher_payload(self.id, self.voucher)
    }
}

/// The text of a voucher's QR code: `FUJIN1:<order id>:<12 digits>`.
pub fn voucher_payload(id: OrderId, code: VoucherCode) -> String {
    format!("FUJIN1:{id}:{}", code.digits())
}

/// An order ordered as lists show them: a newer one first, then by id.
struct Newest(Order);

impl Ord for Newest {
    fn cmp(&self, other: &Self) -> Ordering {
        other.0.created_at.cmp(&self.0.created_at).then(self.0.id.cmp(&other.0.id))
    }
}

impl PartialOrd for Newest {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Newest {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Newest {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commerce::BadOrderId;
    use OrderStatus::*;

    fn order(status: OrderStatus) -> Order {
        let now = OffsetDateTime::UNIX_EPOCH;
        Order {
            id: OrderId::from_random_bytes([3; 16]),
            deal_id: "d1".into(),
            merchant_id: "m1".into(),
            deal_title: "双人餐".into(),
            merchant_name: "老王烧烤".into(),
            quantity: 1,
            unit_price: Fen(100),
            total: Fen(100),
            provider: PayProvider::Stripe,
            created_at: now,
            valid_until: now + Duration::days(1),
            status,
            confirmable: true,
            referral: None,
            voucher: VoucherCode::from_random_bytes([1; 8]),
        }
    }

    fn after(status: OrderStatus, event: OrderEvent) -> Result<OrderStatus, TransitionError> {
        let mut o = order(status);
        o.apply(event).map(|_| o.status)
    }

    #[test]
    fn lists_are_newest_first_then_by_id() {
        let made = |seconds: i64, id: u8| Order {
            id: OrderId::from_random_bytes([id; 16]),
            created_at: OffsetDateTime::UNIX_EPOCH + Duration::seconds(seconds),
            ..order(Pending)
        };
        let mut orders = vec![made(1, 5), made(3, 1), made(2, 9), made(3, 0), made(1, 2)];
        Order::sort_newest_first(&mut orders);
        assert_eq!(orders, [made(3, 0), made(3, 1), made(2, 9), made(1, 2), made(1, 5)]);
        let mut none: Vec<Order> = Vec::new();
        Order::sort_newest_first(&mut none);
        assert!(none.is_empty());
    }

    #[test]
    fn the_happy_path() {
        let mut o = order(Pending);
        assert_eq!(o.apply(OrderEvent::Returned { cancelled: false }), Ok(true));
        assert_eq!(o.status, AwaitingConfirmation);
        assert_eq!(o.apply(OrderEvent::Returned { cancelled: false }), Ok(false), "a reload changes nothing");
        assert_eq!(o.apply(OrderEvent::Verified(Verdict::Pending)), Ok(false));
        assert_eq!(o.apply(OrderEvent::Verified(Verdict::Paid)), Ok(true));
        assert!(o.has_voucher());
        assert_eq!(o.apply(OrderEvent::MarkedUsed), Ok(true));
        assert_eq!(o.status, Redeemed);
        assert!(o.status.is_final());
        assert_eq!(o.apply(OrderEvent::MarkedUsed), Ok(false));
    }

    /// Every event an order can meet, in the transition table's column order.
    const EVERY_EVENT: [OrderEvent; 7] = [
        OrderEvent::Returned { cancelled: false },
        OrderEvent::Returned { cancelled: true },
        OrderEvent::Verified(Verdict::Pending),
        OrderEvent::Verified(Verdict::Paid),
        OrderEvent::Verified(Verdict::Failed),
        OrderEvent::Verified(Verdict::Refunded),
        OrderEvent::MarkedUsed,
    ];

    #[test]
    fn every_transition_is_decided() {
        let events = EVERY_EVENT;
        // Rows: statuses in `OrderStatus::ALL` order; columns: `events`; `-` is an error.
        let table: [(OrderStatus, [Option<OrderStatus>; 7]); 7] = [
            (
                Pending,
                [
                    Some(AwaitingConfirmation),
                    Some(Failed),
                    Some(Pending),
                    Some(Paid),
                    Some(Failed),
                    Some(Refunded),
                    None,
                ],
            ),
            (
                AwaitingConfirmation,
                [
                    Some(AwaitingConfirmation),
                    Some(Failed),
                    Some(AwaitingConfirmation),
                    Some(Paid),
                    Some(Failed),
                    Some(Refunded),
                    Some(Redeemed),
                ],
            ),
            (Paid, [Some(Paid), Some(Paid), Some(Paid), Some(Paid), None, Some(Refunded), Some(Redeemed)]),
            (
                Redeemed,
                [Some(Redeemed), Some(Redeemed), Some(Redeemed), Some(Redeemed), None, None, Some(Redeemed)],
            ),
            (Expired, [Some(Expired), Some(Expired), Some(Expired), None, None, Some(Refunded), None]),
            (Refunded, [Some(Refunded), Some(Refunded), Some(Refunded), None, None, Some(Refunded), None]),
            (Failed, [Some(Failed), Some(Failed), Some(Failed), Some(Paid), Some(Failed), None, None]),
        ];
        for (status, row) in table {
            for (event, expected) in events.into_iter().zip(row) {
                let mut o = order(status);
                let result = o.apply(event);
                assert_eq!(result.is_ok(), expected.is_some(), "{status:?} + {event:?}");
                assert_eq!(o.status, expected.unwrap_or(status), "{status:?} + {event:?}");
                assert_eq!(result.ok(), expected.map(|e| e != status), "{status:?} + {event:?}: changed?");
            }
        }
    }

    #[test]
    fn contradictions_are_errors_and_change_nothing() {
        assert!(after(Pending, OrderEvent::MarkedUsed).is_err(), "unpaid vouchers are not used");
        assert!(after(Failed, OrderEvent::MarkedUsed).is_err());
        assert!(after(Refunded, OrderEvent::MarkedUsed).is_err());
        assert!(after(Expired, OrderEvent::MarkedUsed).is_err());
        assert!(after(Paid, OrderEvent::Verified(Verdict::Failed)).is_err());
        assert!(after(Redeemed, OrderEvent::Verified(Verdict::Refunded)).is_err());
        assert!(after(Expired, OrderEvent::Verified(Verdict::Paid)).is_err());
        let mut o = order(Paid);
        assert!(o.apply(OrderEvent::Verified(Verdict::Failed)).is_err());
        assert_eq!(o.status, Paid);
    }

    #[test]
    fn the_merchant_has_the_last_word_on_payment() {
        assert_eq!(after(Failed, OrderEvent::Verified(Verdict::Paid)), Ok(Paid), "a late confirmation wins");
        assert_eq!(after(Paid, OrderEvent::Verified(Verdict::Refunded)), Ok(Refunded), "an unfilled group");
        assert_eq!(after(AwaitingConfirmation, OrderEvent::Returned { cancelled: true }), Ok(Failed));
        assert_eq!(after(Paid, OrderEvent::Returned { cancelled: true }), Ok(Paid), "a stale link");
    }

    #[test]
    fn vouchers_expire_unless_used() {
        for status in OrderStatus::ALL {
            let mut o = order(status);
            let later = o.valid_until + Duration::seconds(1);
            assert!(!o.expire_if_due(o.valid_until), "valid up to and including valid_until");
            let expires = matches!(status, Pending | AwaitingConfirmation | Paid);
            assert_eq!(o.expire_if_due(later), expires, "{status:?}");
            assert_eq!(o.status, if expires { Expired } else { status });
        }
    }

    #[test]
    fn no_event_takes_an_order_back_a_stage() {
        let events = EVERY_EVENT;
        for status in OrderStatus::ALL {
            for event in events {
                let mut o = order(status);
                if o.apply(event).is_ok() {
                    assert!(o.status.stage() >= status.stage(), "{status:?} --{event:?}--> {:?}", o.status);
                }
                let mut o = order(status);
                if o.expire_if_due(o.valid_until + time::Duration::seconds(1)) {
                    assert!(o.status.stage() > status.stage(), "{status:?} expired");
                }
            }
        }
    }

    #[test]
    fn statuses_and_ids_round_trip() {
        for s in OrderStatus::ALL {
            assert_eq!(OrderStatus::from_key(s.key()), Some(s));
        }
        assert_eq!(OrderStatus::from_key("PAID"), None);
        let id = OrderId::from_random_bytes([0xab; 16]);
        assert_eq!(id.to_string().parse(), Ok(id));
        for bad in
            ["", "not-a-uuid", "07070707-0707-1707-8707-070707070707", "07070707070747078707070707070707"]
        {
            assert_eq!(bad.parse::<OrderId>(), Err(BadOrderId), "{bad}");
        }
        assert_eq!(id.to_string().to_uppercase().parse::<OrderId>(), Err(BadOrderId));
    }
}
