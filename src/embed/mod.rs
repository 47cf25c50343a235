//! Fujin as a guest on any page: mounted into an element's shadow root,
//! configured by the host, several to a page.

mod js_api;
mod panic_screen;
mod shadow_mount;

pub use js_api::{FujinWidget, mount_js};
pub use panic_screen::{PANIC_MESSAGE, install as install_panic_screen, show as show_panic_screen};

pub use shadow_mount::{MountError, MountedWidget, mount_in_shadow};
