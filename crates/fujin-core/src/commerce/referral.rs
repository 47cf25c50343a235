//! Referral codes (the 微店 distribution model): a reseller shares the
//! widget's link with `?ref=CODE`, and orders made from it carry the code.

use std::fmt;

/// Longest referral code, in characters.
pub const MAX_REFERRAL_LEN: usize = 32;

/// A referral code that passed [`ReferralCode::parse`]: 1 to
/// [`MAX_REFERRAL_LEN`] of `A–Z a–z 0–9 - _`, so it can go into a URL or
/// a page as it is.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ReferralCode(String);

impl ReferralCode {
    /// The code, if `raw` is a well-formed one; anything else is ignored,
    /// never passed on.
    ///
    /// ```
    /// use fujin_core::commerce::ReferralCode;
    /// assert_eq!(ReferralCode::parse("shop_42").unwrap().as_str(), "shop_42");
    /// assert!(ReferralCode::parse("<script>").is_none());
    /// assert!(ReferralCode::parse("").is_none());
    /// ```
    pub fn parse(raw: &str) -> Option<Self> {
        let ok = (1..=MAX_REFERRAL_LEN).contains(&raw.len())
            && raw.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        ok.then(|| Self(raw.to_owned()))
    }

    /// The code.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ReferralCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_codes_pass() {
        for good in ["a", "ABC-123_x", &"z".repeat(MAX_REFERRAL_LEN)] {
            assert!(ReferralCode::parse(good).is_some(), "{good}");
        }
        let too_long = "z".repeat(MAX_REFERRAL_LEN + 1);
        for bad in ["", " a", "a b", "a&b=c", "a/b", "码", "\"x\"", "javascript:x", "a\n", &too_long] {
            assert!(ReferralCode::parse(bad).is_none(), "{bad:?}");
        }
    }
}
