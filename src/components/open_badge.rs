//! 营业中 / 已打烊: whether a merchant is open now, on its cards and its
//! deal page. Nothing when its opening hours are not in a form Fujin reads
//! (`fujin_core::model::OpeningHours`): the text is shown, never guessed at.

use yew::prelude::*;

use crate::i18n::Lang;

/// The badge for `open` (from `Catalog::is_open_at`), or nothing when unknown.
pub fn open_badge(lang: Lang, open: Option<bool>) -> Html {
    let t = lang.texts();
    match open {
        Some(true) => html! { <span class="hours open">{ t.open_now }</span> },
        Some(false) => html! { <span class="hours closed">{ t.closed_now }</span> },
        None => html! {},
    }
}
