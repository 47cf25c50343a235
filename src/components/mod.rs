//! The widget's components. Each gets data and callbacks; none owns state
//! beyond what it needs to draw (the map's drag gesture, say).

pub mod checkout_panel;
pub mod deal_card;
pub mod deal_list;
pub mod deal_page;
pub mod filter_bar;
pub mod map_view;
pub mod order_list;
pub mod order_page;
pub mod qr_image;
pub mod status_banner;
pub mod top_bar;
