//! Redemption codes: what the shopper shows and the store types in or scans.

use std::fmt;
use std::str::FromStr;

/// Number of digits in a code.
pub const VOUCHER_DIGITS: usize = 12;

/// A 12-digit redemption code, shown in groups of four (`1234 5678 9012`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct VoucherCode(u64);

/// Why text is not a redemption code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a redemption code is {VOUCHER_DIGITS} digits, optionally in groups of four")]
pub struct BadVoucherCode;

impl VoucherCode {
    /// A code from random bytes (the browser's crypto source). Reducing 64
    /// random bits modulo 10¹² favours some codes by at most 1 in 18 million:
    /// uniform enough for a code that is checked by the merchant anyway.
    ///
    /// ```
    /// use fujin_core::commerce::VoucherCode;
    /// let code = VoucherCode::from_random_bytes([1, 2, 3, 4, 5, 6, 7, 8]);
    /// assert_eq!(code.to_string(), "6957 5230 7201");
    /// assert_eq!(code.to_string().parse(), Ok(code));
    /// ```
    pub fn from_random_bytes(bytes: [u8; 8]) -> Self {
        Self(u64::from_le_bytes(bytes) % 10u64.pow(VOUCHER_DIGITS as u32))
    }

    /// The twelve digits without spaces.
    pub fn digits(&self) -> String {
        format!("{:012}", self.0)
    }
}

impl fmt::Display for VoucherCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.digits();
        write!(f, "{} {} {}", &d[0..4], &d[4..8], &d[8..12])
    }
}

impl FromStr for VoucherCode {
    type Err = BadVoucherCode;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let digits: String = s.chars().filter(|c| *c != ' ').collect();
        if digits.len() != VOUCHER_DIGITS || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(BadVoucherCode);
        }
        digits.parse().map(Self).map_err(|_| BadVoucherCode)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_have_twelve_digits_in_groups_of_four() {
        for bytes in [[0; 8], [255; 8], [9, 8, 7, 6, 5, 4, 3, 2]] {
            let code = VoucherCode::from_random_bytes(bytes);
            let text = code.to_string();
            assert_eq!(text.len(), 14);
            assert_eq!(text.split(' ').map(str::len).collect::<Vec<_>>(), [4, 4, 4]);
            assert_eq!(text.parse(), Ok(code));
            assert_eq!(code.digits().parse(), Ok(code));
        }
        assert_eq!(VoucherCode::from_random_bytes([0; 8]).to_string(), "0000 0000 0000");
    }

    #[test]
    fn bad_codes_are_refused() {
        for bad in [
            "",
            "1234",
            "1234 5678 901",
            "1234 5678 90123",
            "abcd efgh ijkl",
            "１２３４５６７８９０１２",
            "-12345678901",
        ] {
            assert_eq!(bad.parse::<VoucherCode>(), Err(BadVoucherCode), "{bad:?}");
        }
    }
}
