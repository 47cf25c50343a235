//! Money, as whole fen.

use std::fmt;

/// An amount of Chinese yuan in fen (分, 1/100 yuan). Always a whole number:
/// money is never a float in Fujin.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Fen(pub u64);

impl Fen {
    /// The amount in fen.
    pub const fn get(self) -> u64 {
        self.0
    }

    /// `n` times the amount (a unit price times a quantity); `None` on overflow.
    ///
    /// ```
    /// use fujin_core::model::Fen;
    /// assert_eq!(Fen(2_500).times(3), Some(Fen(7_500)));
    /// assert_eq!(Fen(u64::MAX).times(2), None);
    /// ```
    pub fn times(self, n: u32) -> Option<Fen> {
        self.0.checked_mul(u64::from(n)).map(Fen)
    }

    /// `¥` and the amount in yuan, without trailing zero decimals.
    ///
    /// ```
    /// use fujin_core::model::Fen;
    /// assert_eq!(Fen(9900).to_yuan_string(), "¥99");
    /// assert_eq!(Fen(12_850).to_yuan_string(), "¥128.5");
    /// assert_eq!(Fen(1).to_yuan_string(), "¥0.01");
    /// ```
    pub fn to_yuan_string(self) -> String {
        let (yuan, fen) = (self.0 / 100, self.0 % 100);
        match fen {
            0 => format!("¥{yuan}"),
            f if f % 10 == 0 => format!("¥{yuan}.{}", f / 10),
            f => format!("¥{yuan}.{f:02}"),
        }
    }

    /// The discount of `self` against `original` as tenths (折 in Chinese
    /// style: 7.5 means 75 % of the original price), rounded to one decimal.
    /// `None` when `original` is zero.
    ///
    /// ```
    /// use fujin_core::model::Fen;
    /// assert_eq!(Fen(7_500).zhe(Fen(10_000)), Some(7.5));
    /// ```
    pub fn zhe(self, original: Fen) -> Option<f64> {
        (original.0 > 0).then(|| (self.0 as f64 * 100.0 / original.0 as f64).round() / 10.0)
    }
}

impl fmt::Display for Fen {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_yuan_string())
    }
}
