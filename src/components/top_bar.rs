//! The bar at the top: title, search box, "use my location", my orders, language.

use yew::prelude::*;

use crate::i18n::Lang;

/// Properties of [`TopBar`].
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct TopBarProps {
    /// Language.
    pub lang: Lang,
    /// The search words.
    pub text: AttrValue,
    /// True while locating.
    pub locating: bool,
    /// New search words.
    pub on_text: Callback<String>,
    /// "Use my location".
    pub on_locate: Callback<()>,
    /// Whether the locate button is shown (the host can turn locating off).
    #[prop_or(true)]
    pub can_locate: bool,
    /// Switch language.
    pub on_lang: Callback<Lang>,
    /// Orders not yet finished, shown on the "My orders" button.
    pub open_orders: usize,
    /// "My orders".
    pub on_orders: Callback<()>,
}

/// The top bar.
#[component]
pub fn TopBar(props: &TopBarProps) -> Html {
    let t = props.lang.texts();
    let on_input = props.on_text.reform(|e: InputEvent| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        input.value()
    });
    let on_locate = props.on_locate.reform(|_: MouseEvent| ());
    let other = match props.lang {
        Lang::Zh => Lang::En,
        Lang::En => Lang::Zh,
    };
    let on_lang = props.on_lang.reform(move |_: MouseEvent| other);
    html! {
        <header class="top-bar" part="top-bar">
            <h1><span class="brand">{ "附近" }</span>{ " " }{ t.title }</h1>
            <input
                class="search"
                type="search"
                aria-label={t.search_label}
                placeholder={t.search_placeholder}
                value={props.text.clone()}
                oninput={on_input}
            />
            if props.can_locate {
                <button class="locate" onclick={on_locate} disabled={props.locating} aria-busy={props.locating.to_string()}>
                    { if props.locating { t.locating } else { t.locate } }
                </button>
            }
            <button class="my-orders" onclick={props.on_orders.reform(|_: MouseEvent| ())}>
                { props.lang.orders().my_orders }
                if props.open_orders > 0 { <span class="badge">{ props.open_orders }</span> }
            </button>
            <button class="lang" onclick={on_lang} lang={other.code()}>{ t.language_switch }</button>
        </header>
    }
}
