//! The skip links at the widget's start: a keyboard user reaches the deals
//! or the map in one press instead of tabbing through the top bar and the
//! filters. Buttons that move the focus, not `#fragment` links: the widget
//! lives in a shadow root, and must not write the host page's address.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::i18n::Lang;

/// Properties of [`SkipLinks`].
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct SkipLinksProps {
    /// Language.
    pub lang: Lang,
}

/// Two buttons, shown only while focused: to the first deal (else the
/// panel) and to the map.
#[component]
pub fn SkipLinks(props: &SkipLinksProps) -> Html {
    let t = props.lang.texts();
    // The first of `targets` (selectors, in order of preference) found.
    let to = |targets: &'static [&'static str]| {
        Callback::from(move |e: MouseEvent| {
            let button = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
            let Some(app) = button.and_then(|b| b.closest(".fujin-app").ok()?) else { return };
            let target = targets.iter().find_map(|selector| app.query_selector(selector).ok()?);
            if let Some(target) = target.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
                target.focus().ok();
            }
        })
    };
    html! {
        <div class="skip-links">
            <button type="button" onclick={to(&[".deal-open", ".sheet"])}>{ t.skip_to_list }</button>
            <button type="button" onclick={to(&[".map"])}>{ t.skip_to_map }</button>
        </div>
    }
}
