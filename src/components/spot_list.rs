//! The merchants at one spot, after a click on their marker.
//!
//! A function that returns markup rather than a component: it has no state
//! and is shown by the side panel only, and a component would cost the
//! bundle its own lifecycle code.

use fujin_core::index::Catalog;
use yew::prelude::*;

use crate::i18n::Lang;

/// The merchants at one spot (feed indices), each a button that selects it,
/// and a button back to the list.
pub fn spot_list(
    lang: Lang,
    catalog: &Catalog,
    merchants: &[u32],
    on_select: &Callback<Option<u32>>,
    on_close: &Callback<()>,
) -> Html {
    let t = lang.texts();
    let close = on_close.reform(|_: MouseEvent| ());
    html! {
        <section class="spot-list" aria-label={t.same_place}>
            <h2>{ t.same_place }</h2>
            <button class="back" onclick={close}>{ t.close }</button>
            <ul>
                { for merchants.iter().filter_map(|&m| {
                    let merchant = catalog.merchant_at(m)?;
                    let onclick = on_select.reform(move |_: MouseEvent| Some(m));
                    Some(html! { <li><button {onclick}>{ &merchant.name }</button></li> })
                }) }
            </ul>
        </section>
    }
}
