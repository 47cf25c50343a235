//! A panic must never leave a blank page: the hook logs the panic and puts
//! a plain error screen, with a way forward, where the app was.

use std::panic;

/// What the shopper sees after a panic (Chinese first, then English).
pub const PANIC_MESSAGE: &str = "出错了，请刷新页面重试。 Something went wrong. Please reload the page.";

/// Installs the hook (once; later calls replace it with the same).
pub fn install() {
    panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show();
    }));
}

/// Replaces the app with the error screen. Uses only text nodes, so nothing
/// from the panic message can inject markup.
pub fn show() {
    let document = gloo::utils::document();
    let Some(root) = document.get_element_by_id(crate::ROOT_ID).or_else(|| document.body().map(Into::into))
    else {
        return;
    };
    root.set_text_content(None);
    let Ok(screen) = document.create_element("div") else {
        return;
    };
    screen.set_class_name("fujin-panic");
    screen.set_attribute("role", "alert").ok();
    let Ok(text) = document.create_element("p") else {
        return;
    };
    text.set_text_content(Some(PANIC_MESSAGE));
    screen.append_child(&text).ok();
    if let Ok(reload) = document.create_element("a") {
        // A fixed relative link: reloads the same page and query.
        reload.set_attribute("href", "").ok();
        reload.set_text_content(Some("刷新 Reload"));
        screen.append_child(&reload).ok();
    }
    root.append_child(&screen).ok();
}
