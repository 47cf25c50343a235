//! The widget's components. Each gets data and callbacks; none owns state
//! beyond what it needs to draw (a list's page count, say). The map is its
//! own part, [`map`](crate::map).

mod checkout_panel;
mod deal_card;
mod deal_list;
mod deal_page;
mod failed_image;
mod filter_bar;
mod focus;
mod open_badge;
mod order_list;
mod order_page;
mod qr_image;
mod side_panel;
mod skip_links;
mod spot_list;
mod status_banner;
mod top_bar;

pub use checkout_panel::{CheckoutPanel, CheckoutPanelProps};
pub use deal_card::{DealCard, DealCardProps};
pub use deal_list::{DealList, DealListProps, PAGE_SIZE};
pub use deal_page::{DealPage, DealPageProps};
pub use failed_image::hide_failed_image;
pub use filter_bar::{FilterBar, FilterBarProps};
pub use open_badge::open_badge;
pub use order_list::{OrderList, OrderListProps};
pub use order_page::{OrderPage, OrderPageProps};
pub use qr_image::{QrImage, QrImageProps};
pub use side_panel::{SidePanel, SidePanelProps};
pub use skip_links::{SkipLinks, SkipLinksProps};
pub use spot_list::spot_list;
pub use status_banner::{StatusBanner, StatusBannerProps};
pub use top_bar::{TopBar, TopBarProps};
