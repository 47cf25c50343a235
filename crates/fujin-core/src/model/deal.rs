//! A group-buy deal (团购): a priced offer a shopper buys online and uses in the store.

use time::OffsetDateTime;

use super::fen::Fen;
use super::image_src::ImageSrc;
use super::pay_link::PayLink;

/// How long a voucher stays valid when the deal does not say, in days.
pub const DEFAULT_VALID_DAYS: u32 = 90;

/// Whether a deal can be bought now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Availability {
    /// On sale.
    Available,
    /// The sale has not opened yet.
    NotStarted,
    /// The sale has closed.
    Ended,
    /// No stock left.
    SoldOut,
}

/// A validated deal.
#[derive(Debug, Clone, PartialEq)]
pub struct Deal {
    /// Unique across the whole feed; same alphabet as merchant ids.
    pub id: String,
    /// Display title, e.g. `双人套餐`.
    pub title: String,
    /// What the shopper pays, in fen; positive and at most `original_price`.
    pub price: Fen,
    /// The list price it is compared with, in fen.
    pub original_price: Fen,
    /// Units sold so far.
    pub sold: u32,
    /// Units left, if the merchant limits them.
    pub stock: Option<u32>,
    /// Most units in one order, if limited.
    pub max_per_order: Option<u32>,
    /// When the sale opens, if not already open.
    pub starts_at: Option<OffsetDateTime>,
    /// When the sale closes, if it does.
    pub ends_at: Option<OffsetDateTime>,
    /// 拼团: the group only goes ahead with at least this many buyers (2 or more).
    pub group_size: Option<u32>,
    /// 拼团: buyers in the group now forming, if the merchant says.
    pub group_joined: Option<u32>,
    /// Terms such as `免预约` (no booking needed) or `周末通用` (valid at weekends).
    pub rules: Vec<String>,
    /// The payment links that passed the allowlist, one per provider at most.
    pub pay: Vec<PayLink>,
    /// Photos, first the one a card shows: checked addresses, at most
    /// [`MAX_IMAGES`](super::MAX_IMAGES).
    pub images: Vec<ImageSrc>,
    /// Days a voucher stays valid after purchase, if the merchant says
    /// (otherwise [`DEFAULT_VALID_DAYS`]).
    pub valid_days: Option<u32>,
}

impl Deal {
    /// True when sold out (stock known and zero).
    pub fn is_sold_out(&self) -> bool {
        self.stock == Some(0)
    }

    /// True when the sale has started at `now` (or has no start).
    pub fn has_started(&self, now: OffsetDateTime) -> bool {
        self.starts_at.is_none_or(|start| start <= now)
    }

    /// True when a shopper can buy it at `now`: started, not ended, not sold out.
    pub fn is_available(&self, now: OffsetDateTime) -> bool {
        self.availability(now) == Availability::Available
    }

    /// Whether, and if not why not, a shopper can buy it at `now`.
    pub fn availability(&self, now: OffsetDateTime) -> Availability {
        if self.is_expired(now) {
            Availability::Ended
        } else if !self.has_started(now) {
            Availability::NotStarted
        } else if self.is_sold_out() {
            Availability::SoldOut
        } else {
            Availability::Available
        }
    }

    /// True when the sale has ended at `now`.
    pub fn is_expired(&self, now: OffsetDateTime) -> bool {
        self.ends_at.is_some_and(|end| end <= now)
    }
}
