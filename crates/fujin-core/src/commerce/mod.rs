//! The shopper's side of the online-to-offline loop: orders and their
//! lifecycle, the hand-off link to a payment provider, vouchers and their
//! QR codes, referral codes, and orders as stored in the browser.
//! Depends on [`model`](crate::model) and [`geo`](crate::geo).

mod handoff;
mod order;
mod order_id;
mod qr;
mod referral;
mod stored_order;
mod voucher_code;

pub use handoff::{
    MAX_PARAM_NAME_LEN, MAX_RETURN_URL_QUERY_LEN, OrderParams, check_handoff_room, handoff_link,
    handoff_room, is_valid_param_name, return_page,
};
pub use order::{
    DEFAULT_MAX_PER_ORDER, MAX_QUANTITY, Order, OrderError, OrderEvent, OrderRandomness, OrderStatus,
    TransitionError, Verdict, max_quantity, voucher_payload,
};
pub use order_id::{BadOrderId, OrderId};
pub use qr::{QrError, qr_code, qr_svg};
pub use referral::{MAX_REFERRAL_LEN, ReferralCode};
pub use stored_order::{
    LoadedOrders, ORDER_KEY_PREFIX, SkippedEntry, StoredOrderError, decode_order, encode_order, load_orders,
    order_key,
};
pub use voucher_code::{BadVoucherCode, VOUCHER_DIGITS, VoucherCode};
