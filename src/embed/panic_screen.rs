//! A panic must never leave a blank widget: the hook logs the panic and
//! puts a plain error screen, with a way forward, in every mounted widget's
//! own box, and touches nothing else on the page. (The release build aborts
//! on a panic, which stops the whole module: every widget on the page then
//! shows this screen, as none of them can go on.)

use std::panic;

/// What the shopper sees after a panic, and the way forward, in the
/// widget's language (Chinese, English).
pub const PANIC_MESSAGE: [(&str, &str); 2] =
    [("出错了，请刷新页面重试。", "刷新"), ("Something went wrong. Please reload the page.", "Reload")];

/// Installs the hook (once; later calls replace it with the same).
pub fn install() {
    panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show();
    }));
}

/// Replaces every mounted widget with the error screen.
pub fn show() {
    for container in super::shadow_mount::mounted_containers() {
        show_in(&container);
    }
}

/// Replaces one widget with the error screen. Uses only text nodes, so
/// nothing from the panic message can inject markup.
fn show_in(root: &web_sys::Element) {
    let document = root.owner_document().unwrap_or_else(gloo::utils::document);
    // The language the widget was showing (its root's `lang`), read before
    // it is replaced.
    let lang = root.query_selector(".fujin-app").ok().flatten().and_then(|app| app.get_attribute("lang"));
    let (message, reload_text) = PANIC_MESSAGE[usize::from(lang.as_deref() == Some("en"))];
    root.set_text_content(None);
    let Ok(screen) = document.create_element("div") else {
        return;
    };
    screen.set_class_name("fujin-panic");
    screen.set_attribute("role", "alert").ok();
    let Ok(text) = document.create_element("p") else {
        return;
    };
    text.set_text_content(Some(message));
    screen.append_child(&text).ok();
    if let Ok(reload) = document.create_element("a") {
        // A fixed relative link: reloads the same page and query.
        reload.set_attribute("href", "").ok();
        reload.set_text_content(Some(reload_text));
        screen.append_child(&reload).ok();
    }
    root.append_child(&screen).ok();
}
