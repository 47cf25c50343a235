//! A merchant (商户): a place a shopper can walk into.

use super::category::Category;
use super::deal::Deal;
use crate::geo::LonLat;

/// A validated merchant. Positions are always WGS-84, whatever the feed's `crs`.
#[derive(Debug, Clone, PartialEq)]
pub struct Merchant {
    /// Unique within the feed; 1–64 of `A–Z a–z 0–9 - _ . :`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Kind of business.
    pub category: Category,
    /// Where it is, WGS-84.
    pub position: LonLat,
    /// Street address, if given.
    pub address: Option<String>,
    /// Phone number (digits, spaces, `+ - ( )`), if given; safe for a `tel:` link.
    pub phone: Option<String>,
    /// Opening hours as free text, e.g. `10:00-22:00`.
    pub opening_hours: Option<String>,
    /// Average rating, 0 to 5.
    pub rating: Option<f32>,
    /// The merchant's valid deals (invalid ones were reported and dropped).
    pub deals: Vec<Deal>,
    /// Where Fujin asks whether an order is paid (`GET …?order=ID`, answering
    /// `{"status": "paid"}`): `https` on one of the feed's `checkout_hosts`.
    pub verify_url: Option<String>,
}

/// True for a phone number Fujin shows and dials: digits, spaces and
/// `+ - ( )` only, at least three digits (safe in a `tel:` link).
///
/// ```
/// use fujin_core::model::is_valid_phone;
/// assert!(is_valid_phone("+86 755 8888-0000"));
/// assert!(!is_valid_phone("12"));
/// assert!(!is_valid_phone("0755;evil"));
/// ```
pub fn is_valid_phone(phone: &str) -> bool {
    let allowed = phone.chars().all(|c| c.is_ascii_digit() || matches!(c, ' ' | '+' | '-' | '(' | ')'));
    allowed && phone.chars().filter(char::is_ascii_digit).count() >= 3
}
