//! QR codes as SVG, for payment links shown on a desktop and for vouchers
//! shown to store staff. Drawn by the `qrcode` crate.

use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

/// Why text could not be made into a QR code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot draw a QR code: {0}")]
pub struct QrError(String);

/// The QR code of `text` (error correction level M, quiet zone included).
pub fn qr_code(text: &str) -> Result<QrCode, QrError> {
    QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).map_err(|e| QrError(e.to_string()))
}

/// The QR code of `text` as an SVG document at least `min_px` wide. The SVG
/// holds only the code's squares, never `text` itself, so it is safe to put
/// in a page whatever `text` is.
///
/// ```
/// let svg = fujin_core::commerce::qr_svg("https://buy.stripe.com/test_1", 200).unwrap();
/// assert!(svg.contains("<svg") && !svg.contains("stripe"));
/// ```
pub fn qr_svg(text: &str, min_px: u32) -> Result<String, QrError> {
    let code = qr_code(text)?;
    Ok(code
        .render::<svg::Color>()
        .min_dimensions(min_px, min_px)
        .dark_color(svg::Color("#111111"))
        .light_color(svg::Color("#ffffff"))
        .build())
}

// Property tests need proptest, which is not built for wasm32.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    /// Reads a code back as a phone would: from its pixels.
    fn decode(code: &QrCode) -> String {
        let (width, scale, quiet) = (code.width(), 4, 4);
        let colors = code.to_colors();
        let side = (width + 2 * quiet) * scale;
        let mut image = rqrr::PreparedImage::prepare_from_greyscale(side, side, |x, y| {
            let (mx, my) = ((x / scale).wrapping_sub(quiet), (y / scale).wrapping_sub(quiet));
            let dark = mx < width && my < width && colors[my * width + mx] == qrcode::Color::Dark;
            if dark { 0 } else { 255 }
        });
        let grids = image.detect_grids();
        assert_eq!(grids.len(), 1);
        grids[0].decode().expect("a readable code").1
    }

    #[test]
    fn codes_read_back_as_their_text() {
        for text in [
            "weixin://wxpay/bizpayurl?pr=AbC123",
            "https://buy.stripe.com/test_1?client_reference_id=07070707-0707-4707-8707-070707070707",
            "FUJIN1:07070707-0707-4707-8707-070707070707:123456789012",
        ] {
            assert_eq!(decode(&qr_code(text).unwrap()), text);
        }
    }

    #[test]
    fn svg_is_only_squares() {
        let svg = qr_svg("<script>alert(1)</script>", 100).unwrap();
        assert!(svg.contains("<svg") && svg.contains("<path"));
        assert!(!svg.contains("script") && !svg.contains("alert"));
    }

    #[test]
    fn too_much_text_is_an_error() {
        assert!(qr_svg(&"x".repeat(5000), 100).is_err());
    }
}
