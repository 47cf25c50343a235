//! Category chips, radius, order, price range and "show unavailable".

use fujin_core::index::SortBy;
use fujin_core::model::Category;
use fujin_core::view::RADII_KM;
use yew::prelude::*;

use crate::i18n::Lang;
use crate::state::Filters;

/// The categories offered as chips: all but "other", which stays reachable through "all".
const CHIPS: &[Category] = Category::ALL.split_last().expect("categories").1;

/// Properties of [`FilterBar`].
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct FilterBarProps {
    /// Language.
    pub lang: Lang,
    /// Current filters.
    pub filters: Filters,
    /// Toggle a chip; `None` is "all".
    pub on_category: Callback<Option<Category>>,
    /// Radius in km.
    pub on_radius: Callback<u32>,
    /// Order.
    pub on_sort: Callback<SortBy>,
    /// Price range in yuan.
    pub on_price: Callback<(Option<u64>, Option<u64>)>,
    /// Show unavailable deals.
    pub on_unavailable: Callback<bool>,
    /// Only merchants open now, or all.
    pub on_open_now: Callback<bool>,
}

/// The filter bar.
#[component]
pub fn FilterBar(props: &FilterBarProps) -> Html {
    let lang = props.lang;
    let t = lang.texts();
    let f = &props.filters;
    let all_pressed = f.categories.is_empty();
    let chip = |c: Option<Category>, label: &'static str, pressed: bool| {
        let onclick = props.on_category.reform(move |_: MouseEvent| c);
        html! {
            <button class={classes!("chip", pressed.then_some("on"))} aria-pressed={pressed.to_string()} {onclick}>
                { label }
            </button>
        }
    };
    let on_radius = props.on_radius.reform(|e: Event| {
        let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
        select.value().parse().unwrap_or(fujin_core::view::DEFAULT_RADIUS_KM)
    });
    let on_sort = props.on_sort.reform(|e: Event| {
        let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
        SortBy::from_key(&select.value()).unwrap_or_default()
    });
    let price = |is_min: bool| {
        let (min, max) = (f.min_yuan, f.max_yuan);
        props.on_price.reform(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let value = input.value().trim().parse::<u64>().ok();
            if is_min { (value, max) } else { (min, value) }
        })
    };
    let checked = |e: Event| e.target_unchecked_into::<web_sys::HtmlInputElement>().checked();
    let on_unavailable = props.on_unavailable.reform(checked);
    let on_open_now = props.on_open_now.reform(checked);
    let yuan = |v: Option<u64>| v.map(|v| v.to_string()).unwrap_or_default();
    html! {
        <div class="filter-bar">
            <div class="chips" role="group" aria-label={t.all_categories}>
                { chip(None, t.all_categories, all_pressed) }
                { for CHIPS.iter().map(|&c| chip(Some(c), lang.category(c), f.categories.contains(&c))) }
            </div>
            <div class="controls">
                <label>{ t.radius }{ " " }
                    <select onchange={on_radius}>
                        { for RADII_KM.iter().map(|&km| html! {
                            <option value={km.to_string()} selected={km == f.radius_km}>{ format!("{km} km") }</option>
                        }) }
                    </select>
                </label>
                <label>{ t.sort }{ " " }
                    <select onchange={on_sort}>
                        { for SortBy::ALL.iter().map(|&s| html! {
                            <option value={s.key()} selected={s == f.sort}>{ lang.sort(s) }</option>
                        }) }
                    </select>
                </label>
                <label class="price-range">{ t.price_min }
                    <input type="number" min="0" inputmode="numeric" value={yuan(f.min_yuan)} onchange={price(true)} />
                </label>
                <label class="price-range">{ t.price_max }
                    <input type="number" min="0" inputmode="numeric" value={yuan(f.max_yuan)} onchange={price(false)} />
                </label>
                <label class="open-now">
                    <input type="checkbox" checked={f.open_now} onchange={on_open_now} />
                    { t.open_now_only }
                </label>
                <label class="unavailable">
                    <input type="checkbox" checked={f.include_unavailable} onchange={on_unavailable} />
                    { t.show_unavailable }
                </label>
            </div>
        </div>
    }
}
