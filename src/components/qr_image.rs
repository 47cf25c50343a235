//! A QR code drawn as inline SVG.

use yew::prelude::*;

/// Properties of [`QrImage`].
#[derive(Clone, PartialEq, Properties)]
pub struct QrImageProps {
    /// What the code holds.
    pub text: AttrValue,
    /// Its accessible name.
    pub label: AttrValue,
}

/// The QR code of `text`, or nothing when `text` is too long for one.
#[component]
pub fn QrImage(props: &QrImageProps) -> Html {
    let svg = use_memo(props.text.clone(), |text| fujin_core::commerce::qr_svg(text, 220).ok());
    match &*svg {
        // The SVG is made by the `qrcode` crate from squares only; the text it
        // encodes never appears in it (tested in the core), so it is safe markup.
        Some(svg) => html! {
            <div class="qr" role="img" aria-label={props.label.clone()} data-qr={props.text.clone()}>
                { Html::from_html_unchecked(AttrValue::from(svg.clone())) }
            </div>
        },
        None => Html::default(),
    }
}
