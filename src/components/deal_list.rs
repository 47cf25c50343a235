//! The list of deals near the search point.

use fujin_core::index::{Catalog, DealRow};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::deal_card::DealCard;
use crate::i18n::Lang;
use crate::shared::Shared;

/// Most cards rendered at once; the rest are a "more" away. Keeps the DOM
/// small when a 10 km radius holds thousands of deals.
pub const PAGE_SIZE: usize = 60;

/// Properties of [`DealList`].
#[derive(Clone, PartialEq, Properties)]
pub struct DealListProps {
    /// Language.
    pub lang: Lang,
    /// The feed.
    pub catalog: Shared<Catalog>,
    /// The rows to show, in order.
    pub rows: Shared<Vec<DealRow>>,
    /// The selected merchant, whose cards are highlighted and scrolled to.
    pub selected: Option<u32>,
    /// Open a deal page.
    pub on_open: Callback<String>,
    /// Hover or focus a card.
    pub on_hover: Callback<Option<u32>>,
    /// The minute of the day now (local time), for open and closed badges.
    #[prop_or_default]
    pub minute: u16,
    /// The card to focus when the list shows (the deal whose page was just
    /// closed), so that a keyboard user is back where they were.
    #[prop_or_default]
    pub focus_deal: Option<AttrValue>,
}

/// The deal list.
#[component]
pub fn DealList(props: &DealListProps) -> Html {
    let t = props.lang.texts();
    let shown = use_state(|| PAGE_SIZE);
    let focus_deal = props.focus_deal.clone();
    let list_ref = use_node_ref();
    // A new result set starts at the first page.
    {
        let shown = shown.clone();
        use_effect_with(props.rows.key(), move |_| shown.set(PAGE_SIZE));
    }
    // Selecting a merchant (on the map) brings its first card into view.
    let selected_position = props.selected.and_then(|m| props.rows.iter().position(|r| r.merchant == m));
    {
        let list_ref = list_ref.clone();
        let shown = shown.clone();
        use_effect_with((props.selected, selected_position), move |(selected, position)| {
            if let (Some(m), Some(position)) = (selected, position) {
                if *position >= *shown {
                    shown.set(position + PAGE_SIZE);
                }
                if let Some(list) = list_ref.cast::<web_sys::Element>()
                    && let Ok(Some(card)) = list.query_selector(&format!("[data-merchant=\"{m}\"]"))
                    && let Ok(card) = card.dyn_into::<web_sys::HtmlElement>()
                {
                    card.scroll_into_view_with_bool(false);
                }
            }
        });
    }
    {
        let list_ref = list_ref.clone();
        use_effect_with((), move |_| {
            let card = focus_deal.and_then(|id| card_button(&list_ref.cast::<web_sys::Element>()?, &id));
            if let Some(button) = card {
                button.focus().ok();
            }
        });
    }
    let more = {
        let shown = shown.clone();
        Callback::from(move |_: MouseEvent| shown.set(*shown + PAGE_SIZE))
    };
    let rows = &props.rows;
    html! {
        <section class="deal-list" aria-label={t.title}>
            <p class="count" aria-live="polite">{ props.lang.deals_found(rows.len()) }</p>
            if rows.is_empty() {
                <p class="empty">{ t.no_deals }</p>
            }
            <ul ref={list_ref}>
                { for rows.iter().take(*shown).map(|row| html! {
                    <DealCard
                        key={format!("{}-{}", row.merchant, row.deal)}
                        lang={props.lang}
                        catalog={props.catalog.clone()}
                        row={*row}
                        selected={props.selected == Some(row.merchant)}
                        open={props.catalog.is_open_at(row.merchant, props.minute)}
                        on_open={props.on_open.clone()}
                        on_hover={props.on_hover.clone()}
                    />
                }) }
            </ul>
            if rows.len() > *shown {
                <button class="more" onclick={more}>{ format!("+{}", rows.len() - *shown) }</button>
            }
        </section>
    }
}

/// The button of the card of deal `id` in `list`. Compared as an attribute
/// value rather than put in a selector: ids come from the feed.
fn card_button(list: &web_sys::Element, id: &str) -> Option<web_sys::HtmlElement> {
    let cards = list.query_selector_all(".deal-card").ok()?;
    (0..cards.length())
        .filter_map(|i| cards.item(i)?.dyn_into::<web_sys::Element>().ok())
        .find(|card| card.get_attribute("data-deal").as_deref() == Some(id))?
        .query_selector(".deal-open")
        .ok()??
        .dyn_into()
        .ok()
}
