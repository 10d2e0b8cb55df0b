//! QR codes as SVG paths: the leaflet's link to the form, a second factor's enrolment.

use qrcode::{Color, EcLevel, QrCode};

/// A QR code as the path of an SVG: dark modules as unit squares, with a quiet zone of four.
pub struct Qr {
    /// Width and height of the `viewBox`, in modules.
    pub size: usize,
    pub path: String,
}

impl Qr {
    pub fn new(url: &str) -> Result<Qr, qrcode::types::QrError> {
        const QUIET: usize = 4;
        let code = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M)?;
        let width = code.width();
        let colors = code.to_colors();
        let mut path = String::new();
        for (y, row) in colors.chunks(width).enumerate() {
            let mut x = 0;
            while x < row.len() {
                let dark = row
                    .get(x..)
                    .unwrap_or_default()
                    .iter()
                    .take_while(|c| **c == Color::Dark)
                    .count();
                if dark > 0 {
                    path.push_str(&format!("M{} {}h{dark}v1h-{dark}z", x + QUIET, y + QUIET));
                    x += dark;
                } else {
                    x += 1;
                }
            }
        }
        Ok(Qr {
            size: width + 2 * QUIET,
            path,
        })
    }
}
