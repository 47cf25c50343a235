//! One row of the deal list: a deal by its indices, with its distance and availability.

use crate::model::Availability;

/// One row of the deal list: which deal, how far, and whether it can be bought.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DealRow {
    /// Index of the merchant in the feed.
    pub merchant: u32,
    /// Index of the deal in the merchant's deals.
    pub deal: u32,
    /// Great-circle distance from the search point, metres.
    pub distance_m: f64,
    /// Whether it can be bought now.
    pub availability: Availability,
}

impl DealRow {
    /// True when it can be bought now.
    pub fn is_available(&self) -> bool {
        self.availability == Availability::Available
    }
}
