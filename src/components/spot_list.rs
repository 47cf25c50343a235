//! The merchants at one spot, after a click on their marker.

use fujin_core::index::Catalog;
use yew::prelude::*;

use crate::i18n::Lang;
use crate::shared::Shared;

/// Properties of [`SpotList`].
#[derive(Clone, PartialEq, Properties)]
pub struct SpotListProps {
    /// Language.
    pub lang: Lang,
    /// The loaded feed.
    pub catalog: Shared<Catalog>,
    /// The merchants at the spot (feed indices).
    pub merchants: Vec<u32>,
    /// A merchant was picked.
    pub on_select: Callback<Option<u32>>,
    /// Back to the list.
    pub on_close: Callback<()>,
}

/// The merchants at one spot, each a button that selects it.
#[component]
pub fn SpotList(props: &SpotListProps) -> Html {
    let t = props.lang.texts();
    let close = props.on_close.reform(|_: MouseEvent| ());
    html! {
        <section class="spot-list" aria-label={t.same_place}>
            <h2>{ t.same_place }</h2>
            <button class="back" onclick={close}>{ t.close }</button>
            <ul>
                { for props.merchants.iter().filter_map(|&m| {
                    let merchant = props.catalog.merchant_at(m)?;
                    let onclick = props.on_select.reform(move |_: MouseEvent| Some(m));
                    Some(html! { <li><button {onclick}>{ &merchant.name }</button></li> })
                }) }
            </ul>
        </section>
    }
}
