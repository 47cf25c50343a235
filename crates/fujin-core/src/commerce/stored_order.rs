//! Orders as kept in the browser's localStorage: one entry per order, under
//! `fujin.order.<id>`, holding versioned JSON. Storage is untrusted too
//! (another script, an old version, a full disk cutting a write short): an
//! entry that does not read back as a whole, consistent order is skipped
//! and reported, and never stops the others from loading.

use serde::Serialize;
use serde_json::Number;
use time::OffsetDateTime;

use super::order::{Order, OrderStatus};
use super::order_id::OrderId;
use super::referral::ReferralCode;
use super::voucher_code::VoucherCode;
use crate::json::{Json, Object};
use crate::model::limits::{MAX_NAME_CHARS, MAX_TITLE_CHARS};
use crate::model::{Fen, PayProvider};

/// What every order entry's key starts with.
pub const ORDER_KEY_PREFIX: &str = "fujin.order.";

/// The format version written.
const STORED_VERSION: u32 = 1;

/// The storage key of an order.
pub fn order_key(id: OrderId) -> String {
    format!("{ORDER_KEY_PREFIX}{id}")
}

/// Why a storage entry is not an order.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoredOrderError {
    /// Not the JSON of an order.
    #[error("not an order record: {0}")]
    NotAnOrder(String),
    /// Written by a newer (or unknown) version.
    #[error("order record version {0} is not one this version reads")]
    UnknownVersion(u32),
    /// A field that is out of range, or that disagrees with another.
    #[error("order record field {0} is not valid")]
    BadField(&'static str),
    /// The key names another order than the record.
    #[error("the record's id is not the one in its key")]
    KeyMismatch,
}

/// The JSON form, version 1. Money in fen, times as Unix seconds (UTC).
#[derive(Debug, Serialize)]
struct StoredV1 {
    v: u32,
    id: String,
    deal_id: String,
    merchant_id: String,
    deal_title: String,
    merchant_name: String,
    quantity: u32,
    unit_price_fen: u64,
    total_fen: u64,
    provider: String,
    created_at: i64,
    valid_until: i64,
    status: String,
    confirmable: bool,
    referral: Option<String>,
    voucher: String,
}

/// The JSON kept for an order.
pub fn encode_order(order: &Order) -> String {
    let stored = StoredV1 {
        v: STORED_VERSION,
        id: order.id.to_string(),
        deal_id: order.deal_id.clone(),
        merchant_id: order.merchant_id.clone(),
        deal_title: order.deal_title.clone(),
        merchant_name: order.merchant_name.clone(),
        quantity: order.quantity,
        unit_price_fen: order.unit_price.0,
        total_fen: order.total.0,
        provider: order.provider.key().to_owned(),
        created_at: order.created_at.unix_timestamp(),
        valid_until: order.valid_until.unix_timestamp(),
        status: order.status.key().to_owned(),
        confirmable: order.confirmable,
        referral: order.referral.as_ref().map(|r| r.as_str().to_owned()),
        voucher: order.voucher.digits(),
    };
    serde_json::to_string(&stored).unwrap_or_default()
}

/// Reads the entry `text` stored under `key` back as an order.
///
/// ```
/// use fujin_core::commerce::{StoredOrderError, decode_order};
/// assert!(matches!(decode_order("fujin.order.x", "{oops"), Err(StoredOrderError::NotAnOrder(_))));
/// ```
pub fn decode_order(key: &str, text: &str) -> Result<Order, StoredOrderError> {
    // Read as a borrowed `Json` and taken field by field: a derived reader
    // was 10 KB of the bundle for this one record.
    let json: Json = serde_json::from_str(text).map_err(|e| StoredOrderError::NotAnOrder(e.to_string()))?;
    let Json::Object(record) = &json else {
        return Err(StoredOrderError::NotAnOrder("not an object".to_owned()));
    };
    let r = Record(record);
    let version = r.whole("v").and_then(|v| u32::try_from(v).map_err(|_| r.wrong("v")))?;
    if version != STORED_VERSION {
        return Err(StoredOrderError::UnknownVersion(version));
    }
    let quantity = r.whole("quantity").and_then(|q| u32::try_from(q).map_err(|_| r.wrong("quantity")))?;
    let (unit_price_fen, total_fen) = (r.whole("unit_price_fen")?, r.whole("total_fen")?);
    let (created_at, valid_until) = (r.signed("created_at")?, r.signed("valid_until")?);
    let (deal_id, merchant_id) = (r.text("deal_id")?, r.text("merchant_id")?);
    let (deal_title, merchant_name) = (r.text("deal_title")?, r.text("merchant_name")?);
    let (provider, status, voucher) = (r.text("provider")?, r.text("status")?, r.text("voucher")?);
    let confirmable = match r.field("confirmable")? {
        Json::Bool(b) => *b,
        _ => return Err(r.wrong("confirmable")),
    };
    let referral = match record.get("referral") {
        None | Some(Json::Null) => None,
        Some(Json::String(code)) => Some(code.as_ref()),
        Some(_) => return Err(r.wrong("referral")),
    };
    let bad = StoredOrderError::BadField;
    let id: OrderId = r.text("id")?.parse().map_err(|_| bad("id"))?;
    if key != order_key(id) {
        return Err(StoredOrderError::KeyMismatch);
    }
    let plain_id = |v: &str| (1..=64).contains(&v.len()) && v.bytes().all(|b| b.is_ascii_graphic());
    let text_ok = |v: &str, max: usize| (1..=max).contains(&v.chars().count());
    if !plain_id(deal_id) {
        return Err(bad("deal_id"));
    }
    if !plain_id(merchant_id) {
        return Err(bad("merchant_id"));
    }
    if !text_ok(deal_title, MAX_TITLE_CHARS) {
        return Err(bad("deal_title"));
    }
    if !text_ok(merchant_name, MAX_NAME_CHARS) {
        return Err(bad("merchant_name"));
    }
    if quantity == 0 {
        return Err(bad("quantity"));
    }
    if unit_price_fen == 0 {
        return Err(bad("unit_price_fen"));
    }
    if Fen(unit_price_fen).times(quantity) != Some(Fen(total_fen)) {
        return Err(bad("total_fen"));
    }
    let time = |t: i64, field| OffsetDateTime::from_unix_timestamp(t).map_err(|_| bad(field));
    let (created_at, valid_until) = (time(created_at, "created_at")?, time(valid_until, "valid_until")?);
    if valid_until < created_at {
        return Err(bad("valid_until"));
    }
    let referral = match referral {
        None => None,
        Some(code) => Some(ReferralCode::parse(code).ok_or(bad("referral"))?),
    };
    Ok(Order {
        id,
        deal_id: deal_id.to_owned(),
        merchant_id: merchant_id.to_owned(),
        deal_title: deal_title.to_owned(),
        merchant_name: merchant_name.to_owned(),
        quantity,
        unit_price: Fen(unit_price_fen),
        total: Fen(total_fen),
        provider: provider.parse::<PayProvider>().map_err(|_| bad("provider"))?,
        created_at,
        valid_until,
        status: OrderStatus::from_key(status).ok_or(bad("status"))?,
        confirmable,
        referral,
        voucher: voucher.parse::<VoucherCode>().map_err(|_| bad("voucher"))?,
    })
}

/// A stored record's fields: a field that is missing or of the wrong kind
/// makes the entry not an order at all (as a typed reader would say).
struct Record<'r, 'a>(&'r Object<'a>);

impl<'r, 'a> Record<'r, 'a> {
    fn field(&self, name: &str) -> Result<&'r Json<'a>, StoredOrderError> {
        self.0.get(name).ok_or_else(|| StoredOrderError::NotAnOrder(format!("missing field `{name}`")))
    }

    fn wrong(&self, name: &str) -> StoredOrderError {
        StoredOrderError::NotAnOrder(format!("field `{name}` is not of its kind"))
    }

    fn text(&self, name: &str) -> Result<&'r str, StoredOrderError> {
        self.field(name)?.as_str().ok_or_else(|| self.wrong(name))
    }

    fn number(&self, name: &str) -> Result<&'r Number, StoredOrderError> {
        match self.field(name)? {
            Json::Number(n) => Ok(n),
            _ => Err(self.wrong(name)),
        }
    }

    fn whole(&self, name: &str) -> Result<u64, StoredOrderError> {
        self.number(name)?.as_u64().ok_or_else(|| self.wrong(name))
    }

    fn signed(&self, name: &str) -> Result<i64, StoredOrderError> {
        self.number(name)?.as_i64().ok_or_else(|| self.wrong(name))
    }
}

/// An entry that was skipped, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedEntry {
    /// Its storage key.
    pub key: String,
    /// What is wrong with it.
    pub reason: StoredOrderError,
}

/// The orders found in storage.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LoadedOrders {
    /// Every readable order, newest first.
    pub orders: Vec<Order>,
    /// Every entry under [`ORDER_KEY_PREFIX`] that is not one, in the order
    /// storage gave them (only their number is shown).
    pub skipped: Vec<SkippedEntry>,
}

/// Reads every order among storage `entries` (key, value); other keys are
/// not Fujin's and are left alone.
pub fn load_orders(entries: impl IntoIterator<Item = (String, String)>) -> LoadedOrders {
    let mut loaded = LoadedOrders::default();
    for (key, text) in entries {
        if !key.starts_with(ORDER_KEY_PREFIX) {
            continue;
        }
        match decode_order(&key, &text) {
            Ok(order) => loaded.orders.push(order),
            Err(reason) => loaded.skipped.push(SkippedEntry { key, reason }),
        }
    }
    Order::sort_newest_first(&mut loaded.orders);
    loaded
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::Duration;

    fn order(n: u8) -> Order {
        let created_at = OffsetDateTime::from_unix_timestamp(1_790_000_000 + i64::from(n)).unwrap();
        Order {
            id: OrderId::from_random_bytes([n; 16]),
            deal_id: format!("d{n}"),
            merchant_id: "m1".into(),
            deal_title: "双人餐 <b>".into(),
            merchant_name: "老王烧烤".into(),
            quantity: 3,
            unit_price: Fen(8_800),
            total: Fen(26_400),
            provider: PayProvider::Wechat,
            created_at,
            valid_until: created_at + Duration::days(90),
            status: OrderStatus::AwaitingConfirmation,
            confirmable: false,
            referral: ReferralCode::parse("rs-9"),
            voucher: VoucherCode::from_random_bytes([n; 8]),
        }
    }

    #[test]
    fn orders_round_trip() {
        for o in [order(1), Order { referral: None, status: OrderStatus::Redeemed, ..order(2) }] {
            assert_eq!(decode_order(&order_key(o.id), &encode_order(&o)), Ok(o));
        }
    }

    #[test]
    fn a_field_missing_or_of_the_wrong_kind_is_not_an_order() {
        let a = order(1);
        let (key, text) = (order_key(a.id), encode_order(&a));
        let not_an_order =
            |value: &str| matches!(decode_order(&key, value), Err(StoredOrderError::NotAnOrder(_)));
        assert!(not_an_order(&text.replacen("\"quantity\":3", "\"quantity\":\"3\"", 1)));
        assert!(not_an_order(&text.replacen("\"quantity\":3", "\"quantity\":4294967296", 1)));
        assert!(not_an_order(&text.replacen("\"quantity\":3", "\"quantity\":3.0", 1)));
        assert!(not_an_order(&text.replacen("\"confirmable\":false", "\"confirmable\":0", 1)));
        assert!(not_an_order(&text.replacen("\"created_at\":", "\"made_at\":", 1)));
        assert!(not_an_order(&text.replacen("\"referral\":\"rs-9\"", "\"referral\":9", 1)));
        assert!(not_an_order(&text.replacen("\"v\":1", "\"v\":\"1\"", 1)));
        assert!(not_an_order("[1]"));
        // No referral, written as null or left out, is none; unknown fields are ignored.
        let none = Order { referral: None, ..a.clone() };
        let null = encode_order(&none);
        assert!(null.contains("\"referral\":null"));
        assert_eq!(decode_order(&key, &null), Ok(none.clone()));
        let left_out = null.replacen("\"referral\":null,", "\"later\":[{}],", 1);
        assert_ne!(left_out, null);
        assert_eq!(decode_order(&key, &left_out), Ok(none));
    }

    #[test]
    fn corrupted_and_foreign_entries_are_skipped_and_the_rest_load() {
        let (a, b) = (order(1), order(2));
        let good = |o: &Order| (order_key(o.id), encode_order(o));
        let text = encode_order(&a);
        let tampered = |from: &str, to: &str| (order_key(a.id), text.replacen(from, to, 1));
        let cases: Vec<((String, String), StoredOrderError)> = vec![
            (
                (order_key(a.id), text[..text.len() / 2].to_owned()),
                StoredOrderError::NotAnOrder(String::new()),
            ),
            ((order_key(a.id), "null".into()), StoredOrderError::NotAnOrder(String::new())),
            (tampered("\"v\":1", "\"v\":2"), StoredOrderError::UnknownVersion(2)),
            (tampered("\"total_fen\":26400", "\"total_fen\":1"), StoredOrderError::BadField("total_fen")),
            (tampered("\"quantity\":3", "\"quantity\":0"), StoredOrderError::BadField("quantity")),
            (
                tampered("\"status\":\"awaiting_confirmation\"", "\"status\":\"free\""),
                StoredOrderError::BadField("status"),
            ),
            (
                tampered("\"provider\":\"wechat\"", "\"provider\":\"paypal\""),
                StoredOrderError::BadField("provider"),
            ),
            (
                tampered("\"referral\":\"rs-9\"", "\"referral\":\"<x>\""),
                StoredOrderError::BadField("referral"),
            ),
            (tampered("\"voucher\":\"", "\"voucher\":\"9"), StoredOrderError::BadField("voucher")),
            (tampered("\"deal_id\":\"d1\"", "\"deal_id\":\"\""), StoredOrderError::BadField("deal_id")),
            ((order_key(b.id), text.clone()), StoredOrderError::KeyMismatch),
        ];
        for ((key, value), expected) in &cases {
            let got = decode_order(key, value).unwrap_err();
            match expected {
                StoredOrderError::NotAnOrder(_) => assert!(matches!(got, StoredOrderError::NotAnOrder(_))),
                other => assert_eq!(&got, other, "{value}"),
            }
        }
        for ((key, value), _) in cases {
            let entries = vec![good(&a), ("someone.else".into(), "{}".into()), (key, value), good(&b)];
            let loaded = load_orders(entries);
            assert_eq!(loaded.orders, [b.clone(), a.clone()], "newest first, the good ones all there");
            assert_eq!(loaded.skipped.len(), 1);
        }
    }
}
