//! Merchant categories.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// What kind of business a merchant is, with a stable ASCII key for feeds
/// and URLs and display names in Chinese and English.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// 美食: restaurants, cafés, snacks.
    Food,
    /// 娱乐: KTV, cinema, games.
    Entertainment,
    /// 酒店: hotels and stays.
    Hotel,
    /// 丽人: hair, nails, beauty.
    Beauty,
    /// 休闲: spa, massage, bath houses, fitness.
    Leisure,
    /// 购物: shops.
    Shopping,
    /// 其他: anything else.
    Other,
}

impl Category {
    /// Every category, in display order.
    pub const ALL: [Category; 7] = [
        Category::Food,
        Category::Entertainment,
        Category::Hotel,
        Category::Beauty,
        Category::Leisure,
        Category::Shopping,
        Category::Other,
    ];

    /// The stable key used in feeds and URLs.
    pub fn key(self) -> &'static str {
        match self {
            Category::Food => "food",
            Category::Entertainment => "entertainment",
            Category::Hotel => "hotel",
            Category::Beauty => "beauty",
            Category::Leisure => "leisure",
            Category::Shopping => "shopping",
            Category::Other => "other",
        }
    }

    /// The Chinese display name.
    pub fn name_zh(self) -> &'static str {
        match self {
            Category::Food => "美食",
            Category::Entertainment => "娱乐",
            Category::Hotel => "酒店",
            Category::Beauty => "丽人",
            Category::Leisure => "休闲",
            Category::Shopping => "购物",
            Category::Other => "其他",
        }
    }

    /// The English display name.
    pub fn name_en(self) -> &'static str {
        match self {
            Category::Food => "Food",
            Category::Entertainment => "Entertainment",
            Category::Hotel => "Hotels",
            Category::Beauty => "Beauty",
            Category::Leisure => "Leisure",
            Category::Shopping => "Shopping",
            Category::Other => "Other",
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// A category that is neither a key nor a Chinese display name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown category {0:?}; use one of food, entertainment, hotel, beauty, leisure, shopping, other")]
pub struct UnknownCategory(pub String);

impl FromStr for Category {
    type Err = UnknownCategory;

    /// Parses a key (`food`) or, as a courtesy, the Chinese name (`美食`).
    ///
    /// ```
    /// use fujin_core::model::Category;
    /// assert_eq!("food".parse(), Ok(Category::Food));
    /// assert_eq!("丽人".parse(), Ok(Category::Beauty));
    /// assert!("cafe".parse::<Category>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Category::ALL
            .into_iter()
            .find(|c| c.key() == s || c.name_zh() == s)
            .ok_or_else(|| UnknownCategory(s.to_owned()))
    }
}
