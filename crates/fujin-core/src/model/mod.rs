//! What a feed describes: merchants, their deals, categories, money in fen
//! and checked payment links, with the limits every field keeps. A deal's
//! payment link is part of the model (it is checked once, as the deal is
//! read); what is done with it at checkout is in [`commerce`](crate::commerce).
//! Depends on [`geo`](crate::geo) only.

mod category;
mod deal;
mod fen;
mod image_src;
pub mod limits;
mod merchant;
mod opening_hours;
mod pay_link;
mod plain_link;

pub use category::{Category, UnknownCategory};
pub use deal::{Availability, DEFAULT_VALID_DAYS, Deal};
pub use fen::Fen;
pub use image_src::{ImageError, ImageSrc, MAX_IMAGE_SRC_LEN, MAX_IMAGES, check_image_src};
pub use merchant::{Merchant, is_valid_phone};
pub use opening_hours::{MAX_RANGES, OpeningHours};
pub(crate) use pay_link::is_plain_url;
pub use pay_link::{
    MAX_LINK_LEN, NESTED_PARAMS, PayLink, PayLinkError, PayProvider, RETURN_PARAMS, check_handed_off_link,
    check_pay_link, is_valid_checkout_host,
};
