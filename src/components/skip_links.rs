//! The skip links at the widget's start: a keyboard user reaches the deals
//! or the map in one press instead of tabbing through the top bar and the
//! filters. Buttons that move the focus, not `#fragment` links: the widget
//! lives in a shadow root, and must not write the host page's address.

use yew::prelude::*;

use super::focus::focus_in_widget;
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
    let to =
        |targets: &'static [&'static str]| Callback::from(move |e: MouseEvent| focus_in_widget(&e, targets));
    html! {
        <div class="skip-links">
            <button type="button" onclick={to(&[".deal-open", ".sheet"])}>{ t.skip_to_list }</button>
            <button type="button" onclick={to(&[".map"])}>{ t.skip_to_map }</button>
        </div>
    }
}
