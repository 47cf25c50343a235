//! Mounting the widget into any element of any page: inside the element's
//! own shadow root, with the stylesheet adopted there, so that the host's
//! CSS cannot break the widget and the widget's cannot leak out. Several
//! widgets can live on one page, each in its own element.

use std::cell::RefCell;

use wasm_bindgen::JsValue;
use yew::{AppHandle, Callback};

use crate::app::{App, AppProps};
use crate::hooks::HostEvent;

/// The widget's stylesheet, compiled in: adopted by each shadow root as a
/// constructed stylesheet, so no file has to be found next to the page and
/// a strict `style-src 'self'` policy has nothing to object to. It is
/// `static/fujin.css` without comments or runs of whitespace (`build.rs`).
const STYLESHEET: &str = include_str!(concat!(env!("OUT_DIR"), "/fujin.min.css"));

/// The class of the element inside the shadow root that the app renders into.
const CONTAINER_CLASS: &str = "fujin-root";

/// Why the widget could not be mounted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MountError {
    /// The element cannot have a shadow root (an `<input>`, say) or the
    /// browser refused one.
    #[error("fujin: this element cannot hold the widget (no shadow root): {0}")]
    NoShadowRoot(String),
    /// The document could not make the widget's elements or stylesheet.
    #[error("fujin: could not set up the widget: {0}")]
    Setup(String),
}

fn js_text(e: JsValue) -> String {
    e.as_string().unwrap_or_else(|| format!("{e:?}"))
}

thread_local! {
    /// The containers of every mounted widget, for the panic screen.
    static CONTAINERS: RefCell<Vec<web_sys::Element>> = const { RefCell::new(Vec::new()) };
    /// The stylesheet, parsed once and adopted by every widget's shadow root.
    static SHEET: RefCell<Option<web_sys::CssStyleSheet>> = const { RefCell::new(None) };
}

/// The widget's stylesheet as a constructed sheet: parsed for the first
/// widget, shared by the others.
fn stylesheet() -> Result<web_sys::CssStyleSheet, MountError> {
    if let Some(sheet) = SHEET.with(|s| s.borrow().clone()) {
        return Ok(sheet);
    }
    let sheet = web_sys::CssStyleSheet::new().map_err(|e| MountError::Setup(js_text(e)))?;
    sheet.replace_sync(STYLESHEET).map_err(|e| MountError::Setup(js_text(e)))?;
    SHEET.with(|s| *s.borrow_mut() = Some(sheet.clone()));
    Ok(sheet)
}

/// The containers of the widgets mounted now.
pub(super) fn mounted_containers() -> Vec<web_sys::Element> {
    CONTAINERS.with(|c| c.borrow().clone())
}

/// A mounted widget. Dropping the handle leaves the widget running (a
/// host may keep no handle at all); [`destroy`](MountedWidget::destroy) ends it.
pub struct MountedWidget {
    app: Option<AppHandle<App>>,
    container: web_sys::Element,
    host: web_sys::Element,
}

impl MountedWidget {
    /// The element inside the shadow root the app renders into.
    pub fn container(&self) -> &web_sys::Element {
        &self.container
    }

    /// Gives the running app new props (a host's changed settings): it
    /// renders again, keeping its state; the feed is loaded again only if
    /// its URL changed.
    pub fn update(&mut self, props: AppProps) {
        if let Some(app) = &mut self.app {
            app.update(AppProps { on_event: host_events(self.host.clone()), ..props });
        }
    }

    /// Unmounts the app (its effects' clean-ups run: listeners, timers,
    /// observers, pending work) and empties the shadow root.
    pub fn destroy(mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
        let container = self.container.clone();
        CONTAINERS.with(|c| c.borrow_mut().retain(|e| e != &container));
        container.remove();
    }
}

/// The widget's events as DOM events on its host element: `CustomEvent`s
/// that bubble out of the shadow root (`composed`), with JSON `detail`;
/// false when the host cancelled a cancelable one.
fn host_events(host: web_sys::Element) -> Callback<HostEvent, bool> {
    Callback::from(move |event: HostEvent| {
        let init = web_sys::CustomEventInit::new();
        init.set_bubbles(true);
        init.set_composed(true);
        init.set_cancelable(event.cancelable());
        init.set_detail(&js_sys::JSON::parse(&event.detail().to_string()).unwrap_or(JsValue::NULL));
        match web_sys::CustomEvent::new_with_event_init_dict(event.name(), &init) {
            Ok(dom_event) => host.dispatch_event(&dom_event).unwrap_or(true),
            Err(_) => true,
        }
    })
}

/// Mounts the app into `host`'s shadow root (made open if the element has
/// none; emptied if it has one). The widget's events are dispatched on `host`.
pub fn mount_in_shadow(host: &web_sys::Element, props: AppProps) -> Result<MountedWidget, MountError> {
    let props = AppProps { on_event: host_events(host.clone()), ..props };
    let shadow = match host.shadow_root() {
        Some(shadow) => {
            shadow.set_text_content(None);
            shadow
        }
        None => host
            .attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open))
            .map_err(|e| MountError::NoShadowRoot(js_text(e)))?,
    };
    let sheet = stylesheet()?;
    shadow.set_adopted_style_sheets(&js_sys::Array::of1(&sheet));
    let document = host.owner_document().unwrap_or_else(gloo::utils::document);
    let container = document.create_element("div").map_err(|e| MountError::Setup(js_text(e)))?;
    container.set_class_name(CONTAINER_CLASS);
    shadow.append_child(&container).map_err(|e| MountError::Setup(js_text(e)))?;
    CONTAINERS.with(|c| c.borrow_mut().push(container.clone()));
    let app = yew::Renderer::<App>::with_root_and_props(container.clone(), props).render();
    Ok(MountedWidget { app: Some(app), container, host: host.clone() })
}
