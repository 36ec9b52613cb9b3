//! QR codes for personal registration codes: an SVG for pages and a PNG for e-mail.

use qrcode::{Color, QrCode, render::svg};

/// The QR code as an SVG document (crisp at any size; no inline styles, so the CSP allows it).
pub fn svg(data: &str) -> String {
    match QrCode::new(data.as_bytes()) {
        Ok(code) => code
            .render::<svg::Color>()
            .min_dimensions(240, 240)
            .quiet_zone(true)
            .build(),
        Err(_) => String::new(),
    }
}

/// The QR code as a black-on-white PNG, `scale` pixels per module, with a four-module margin.
pub fn png(data: &str, scale: usize) -> Vec<u8> {
    let Ok(code) = QrCode::new(data.as_bytes()) else {
        return Vec::new();
    };
    let width = code.width();
    let colors = code.to_colors();
    let margin = 4;
    let side = (width + 2 * margin) * scale;
    let mut pixels = vec![255u8; side * side];
    for (i, c) in colors.iter().enumerate() {
        if *c == Color::Dark {
            let (mx, my) = (i % width + margin, i / width + margin);
            for y in my * scale..(my + 1) * scale {
                pixels[y * side + mx * scale..y * side + (mx + 1) * scale].fill(0);
            }
        }
    }
    let mut out = Vec::new();
    {
        let side = u32::try_from(side).unwrap_or(0);
        let mut encoder = png::Encoder::new(&mut out, side, side);
        encoder.set_color(png::ColorType::Grayscale);
        encoder.set_depth(png::BitDepth::Eight);
        let written = encoder
            .write_header()
            .and_then(|mut w| w.write_image_data(&pixels));
        if written.is_err() {
            return Vec::new();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_code_renders_as_png_and_svg() {
        let png = super::png("CNV-abc123", 8);
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
        let decoder = png::Decoder::new(png.as_slice());
        let reader = decoder.read_info().unwrap();
        let info = reader.info();
        // Version 1 (21 modules) + 8 margin modules, 8 px each.
        assert_eq!((info.width, info.height), (29 * 8, 29 * 8));
        let svg = super::svg("CNV-abc123");
        assert!(svg.starts_with("<?xml") && svg.contains("<svg") && !svg.contains("style="));
    }
}
