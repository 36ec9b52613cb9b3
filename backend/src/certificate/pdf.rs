//! The certificate as a one-page A4 PDF: logo, title, the recipient's name, organisation, body
//! text, place and date, up to three signatories (the first with a signature image) and a footer
//! with a QR code, the verification address and the serial number.
//!
//! Drawn with the PDF kit (`crate::pdf`): DejaVu Sans measured and subset, text wrapped and
//! shrunk to fit, images checked and embedded, the QR code as vectors. This module decides only
//! where things go: the bands of the page, sizes, greys and what gives way when text is long.

use crate::pdf::MM_PER_PT;
use crate::pdf::document::{self, Item, TextLine};
use crate::pdf::fonts::{Face, Style, face};
use crate::pdf::images::{Pictures, fit_image};
use crate::pdf::layout::line_height;
use crate::pdf::qr::Qr;

pub use crate::pdf::images::{Image, ImageError, ImageKind, check_image};

/// Left and right margin of the text block.
const MARGIN: f32 = 20.0;
/// The thin decorative frame, inset from the page edge.
const FRAME_INSET: f32 = 8.0;
/// The footer (QR code and verification text) sits on this line...
const FOOTER_Y: f32 = 14.0;
/// ...and is this high; the QR code is this wide.
const QR_SIZE: f32 = 22.0;

// ---------------------------------------------------------------------------------------------
// Public API

/// A4 upright (210 × 297 mm) or on its side (297 × 210 mm).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Orientation {
    Portrait,
    Landscape,
}

/// Someone who signs the certificate: printed under a line.
#[derive(Debug, Clone)]
pub struct Signatory {
    pub name: String,
    pub role: String,
}

/// Everything printed on one certificate, already translated and filled in.
#[derive(Debug, Clone)]
pub struct Certificate<'a> {
    pub orientation: Orientation,
    /// E.g. "Teilnahmebescheinigung" / "1. Platz".
    pub title: &'a str,
    /// The person's name, large.
    pub recipient: &'a str,
    /// May be empty; printed under the name.
    pub organisation: &'a str,
    /// Paragraphs separated by "\n\n"; may be long (it shrinks, then is cut with "…").
    pub body: &'a str,
    /// E.g. "Düsseldorf, 2. Dezember 2026".
    pub place_and_date: &'a str,
    /// 0..=3, side by side above the footer, each with a line (more are ignored).
    pub signatories: &'a [Signatory],
    /// Top centre, scaled to fit its box.
    pub logo: Option<&'a Image>,
    /// Drawn above the first signatory's line.
    pub signature: Option<&'a Image>,
    /// E.g. "ICMR-2026-0007", printed in the footer.
    pub serial: &'a str,
    /// Encoded in the QR code and printed as text.
    pub verify_url: &'a str,
    /// E.g. "Echtheit prüfen:" / "Verify:".
    pub verify_label: &'a str,
    /// The PDF's metadata title.
    pub document_title: &'a str,
}

/// What `render` draws, in millimetres from the bottom-left corner of the page.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub page_w: f32,
    pub page_h: f32,
    pub items: Vec<Placed>,
}

/// One text line (with its text) or box (logo, signature, QR code, line, frame). For a text
/// line the box runs from the font's descender to its ascender at the line's size (so `h` is
/// 1.164 times the font size), and `w` is the measured advance width.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    pub text: Option<String>,
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

/// Renders many certificates (a bulk run issues 1,000) sharing the prepared images.
pub struct Renderer {
    regular: &'static Face,
    bold: &'static Face,
    /// Images ready to embed: a batch shares one logo and one signature.
    pictures: Pictures,
}

impl Default for Renderer {
    fn default() -> Self {
        Self::new()
    }
}

impl Renderer {
    /// The fonts are parsed once per process (see `crate::pdf::fonts`).
    pub fn new() -> Self {
        Renderer {
            regular: face(Style::Regular),
            bold: face(Style::Bold),
            pictures: Pictures::default(),
        }
    }

    /// The certificate as PDF bytes.
    pub fn render(&self, c: &Certificate) -> Vec<u8> {
        let (page_w, page_h) = page_size(c.orientation);
        let mut items = Vec::new();
        for shape in self.plan(c) {
            items.push(match shape {
                Shape::Text(t) => Item::Text(t),
                Shape::Rule {
                    x1,
                    x2,
                    y,
                    pt,
                    grey,
                } => Item::Rule {
                    x1,
                    x2,
                    y,
                    pt,
                    grey,
                },
                Shape::Frame { x, y, w, h } => Item::Frame {
                    x,
                    y,
                    w,
                    h,
                    pt: 0.8,
                    grey: 0.55,
                },
                Shape::Picture { image, x, y, w, h } => {
                    let Some(xobject) = self.pictures.get(image, w, h) else {
                        tracing::warn!("certificate: skipping an image that does not decode");
                        continue;
                    };
                    Item::Image {
                        xobject: Box::new(xobject),
                        x,
                        y,
                        w,
                        h,
                    }
                }
                Shape::Qr { x, y, size, qr } => Item::Qr { x, y, size, qr },
            });
        }
        let page = document::Page {
            width: page_w,
            height: page_h,
            items,
        };
        document::write(c.document_title, vec![page])
    }

    /// The positioned text lines and boxes `render` draws, in mm from the bottom-left, so tests
    /// can check that everything lies inside the page.
    pub fn layout(&self, c: &Certificate) -> Layout {
        let (page_w, page_h) = page_size(c.orientation);
        let items = self
            .plan(c)
            .iter()
            .map(|shape| match shape {
                Shape::Text(t) => {
                    let size = t.size * MM_PER_PT;
                    let face = self.face(t.style);
                    Placed {
                        text: Some(t.text.clone()),
                        x: t.x,
                        y: t.baseline + face.descent() * size,
                        w: face.width(&t.text, t.size),
                        h: (face.ascent() - face.descent()) * size,
                    }
                }
                Shape::Rule { x1, x2, y, pt, .. } => {
                    let thick = pt * MM_PER_PT;
                    boxed(*x1, y - thick / 2.0, x2 - x1, thick)
                }
                Shape::Frame { x, y, w, h } => boxed(*x, *y, *w, *h),
                Shape::Picture { x, y, w, h, .. } => boxed(*x, *y, *w, *h),
                Shape::Qr { x, y, size, .. } => boxed(*x, *y, *size, *size),
            })
            .collect();
        Layout {
            page_w,
            page_h,
            items,
        }
    }

    fn face(&self, style: Style) -> &'static Face {
        match style {
            Style::Regular => self.regular,
            Style::Bold => self.bold,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Page geometry

fn page_size(o: Orientation) -> (f32, f32) {
    match o {
        Orientation::Portrait => (210.0, 297.0),
        Orientation::Landscape => (297.0, 210.0),
    }
}

/// The fixed vertical bands of a page, bottom up.
struct Frame {
    page_w: f32,
    page_h: f32,
    /// Top of the QR code and the verification text.
    footer_top: f32,
    /// Where the signatories' lines are drawn.
    signature_line: f32,
    /// Height of the signature image's box above the first line.
    signature_h: f32,
}

impl Frame {
    fn new(o: Orientation) -> Self {
        let (page_w, page_h) = page_size(o);
        let footer_top = FOOTER_Y + QR_SIZE;
        Frame {
            page_w,
            page_h,
            footer_top,
            signature_line: footer_top + 18.0,
            signature_h: 18.0,
        }
    }

    fn text_w(&self) -> f32 {
        self.page_w - 2.0 * MARGIN
    }

    fn centre(&self) -> f32 {
        self.page_w / 2.0
    }
}

/// What the page is made of; `layout` and `render` both read this.
enum Shape<'a> {
    Text(TextLine),
    Rule {
        x1: f32,
        x2: f32,
        y: f32,
        pt: f32,
        grey: f32,
    },
    Frame {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
    },
    Picture {
        image: &'a Image,
        x: f32,
        y: f32,
        w: f32,
        h: f32,
    },
    Qr {
        x: f32,
        y: f32,
        size: f32,
        qr: Qr,
    },
}

/// Stacks centred lines downwards from a cursor (the top of the next line).
struct Column<'r> {
    renderer: &'r Renderer,
    centre: f32,
    y: f32,
    out: Vec<TextLine>,
}

impl Column<'_> {
    fn push(&mut self, text: String, style: Style, size: f32, grey: f32) {
        let face = self.renderer.face(style);
        let s = size * MM_PER_PT;
        let lh = line_height(size);
        // Centre the glyph box (descender to ascender) in the line's height.
        let baseline =
            self.y - (lh - (face.ascent() - face.descent()) * s) / 2.0 - face.ascent() * s;
        let w = face.width(&text, size);
        self.out.push(TextLine {
            text,
            style,
            size,
            x: self.centre - w / 2.0,
            baseline,
            grey,
        });
        self.y -= lh;
    }
}

impl Renderer {
    /// Lays the page out: the footer and signatures bottom up, then logo, title, name,
    /// organisation top down, and the body in whatever room is left between them.
    fn plan<'a>(&self, c: &Certificate<'a>) -> Vec<Shape<'a>> {
        let f = Frame::new(c.orientation);
        let landscape = c.orientation == Orientation::Landscape;
        let text_w = f.text_w();
        let mut shapes = vec![Shape::Frame {
            x: FRAME_INSET,
            y: FRAME_INSET,
            w: f.page_w - 2.0 * FRAME_INSET,
            h: f.page_h - 2.0 * FRAME_INSET,
        }];
        let mut lines = Vec::new();

        self.footer(c, &f, &mut shapes, &mut lines);

        // Signatories: columns side by side, a line each, name and role under it.
        let signatories = &c.signatories[..c.signatories.len().min(3)];
        let mut floor = f.footer_top;
        if !signatories.is_empty() {
            let col_w = text_w / signatories.len() as f32;
            let line_w = (col_w - 10.0).min(70.0);
            for (i, s) in signatories.iter().enumerate() {
                let cx = MARGIN + col_w * (i as f32 + 0.5);
                shapes.push(Shape::Rule {
                    x1: cx - line_w / 2.0,
                    x2: cx + line_w / 2.0,
                    y: f.signature_line,
                    pt: 0.6,
                    grey: 0.3,
                });
                let mut col = Column {
                    renderer: self,
                    centre: cx,
                    y: f.signature_line - 1.0,
                    out: Vec::new(),
                };
                let (size, name) = self.face(Style::Bold).fit(&s.name, 10.0, 8.0, line_w, 1);
                for l in name {
                    col.push(l, Style::Bold, size, 0.1);
                }
                for l in self
                    .face(Style::Regular)
                    .wrap_limited(&s.role, 8.5, line_w, 2)
                {
                    col.push(l, Style::Regular, 8.5, 0.3);
                }
                lines.extend(col.out);
                if i == 0
                    && let Some(image) = c.signature
                {
                    let area = (
                        cx - line_w / 2.0,
                        f.signature_line + 1.0,
                        line_w,
                        f.signature_h,
                    );
                    // Centred horizontally, standing on the line.
                    if let Some((x, y, w, h)) = fit_image(image, area, false) {
                        shapes.push(Shape::Picture { image, x, y, w, h });
                    }
                }
            }
            floor = f.signature_line + 1.0 + f.signature_h;
        }

        // Place and date, just above the signatures (or the footer).
        if !c.place_and_date.trim().is_empty() {
            let gap = if signatories.is_empty() { 8.0 } else { 2.0 };
            let mut col = Column {
                renderer: self,
                centre: f.centre(),
                y: floor + gap + line_height(11.0),
                out: Vec::new(),
            };
            let (size, text) =
                self.face(Style::Regular)
                    .fit(c.place_and_date, 11.0, 8.0, text_w, 1);
            for l in text {
                col.push(l, Style::Regular, size, 0.15);
            }
            floor = floor + gap + line_height(11.0);
            lines.extend(col.out);
        }
        let body_floor = floor + if landscape { 5.0 } else { 8.0 };

        // Top down: logo, title, name, organisation.
        let mut y = f.page_h - FRAME_INSET - 8.0;
        if let Some(image) = c.logo {
            let (max_w, max_h) = if landscape {
                (80.0, 20.0)
            } else {
                (70.0, 24.0)
            };
            let area = (f.centre() - max_w / 2.0, y - max_h, max_w, max_h);
            if let Some((x, iy, w, h)) = fit_image(image, area, true) {
                shapes.push(Shape::Picture {
                    image,
                    x,
                    y: iy,
                    w,
                    h,
                });
                y = iy - if landscape { 6.0 } else { 9.0 };
            }
        }
        let mut col = Column {
            renderer: self,
            centre: f.centre(),
            y,
            out: Vec::new(),
        };
        let (size, title) = self.face(Style::Bold).fit(c.title, 24.0, 16.0, text_w, 2);
        for l in title {
            col.push(l, Style::Bold, size, 0.2);
        }
        col.y -= if landscape { 4.0 } else { 7.0 };
        let (size, name) = self
            .face(Style::Bold)
            .fit(c.recipient, 28.0, 14.0, text_w, 3);
        for l in name {
            col.push(l, Style::Bold, size, 0.0);
        }
        for l in self
            .face(Style::Regular)
            .wrap_limited(c.organisation, 13.0, text_w, 2)
        {
            col.push(l, Style::Regular, 13.0, 0.25);
        }
        col.y -= if landscape { 5.0 } else { 9.0 };

        // The body in the room that is left.
        let room = col.y - body_floor;
        let (size, body) = self.fit_body(c.body, text_w, room);
        for l in body {
            match l {
                Some(text) => col.push(text, Style::Regular, size, 0.1),
                None => col.y -= line_height(size) / 2.0,
            }
        }
        lines.extend(col.out);

        shapes.extend(lines.into_iter().map(Shape::Text));
        shapes
    }

    /// QR code at the left, next to it the label, the address and the serial number.
    fn footer<'a>(
        &self,
        c: &Certificate<'a>,
        f: &Frame,
        shapes: &mut Vec<Shape<'a>>,
        lines: &mut Vec<TextLine>,
    ) {
        let mut x = MARGIN;
        if !c.verify_url.is_empty()
            && let Some(qr) = Qr::new(c.verify_url)
        {
            shapes.push(Shape::Qr {
                x,
                y: FOOTER_Y,
                size: QR_SIZE,
                qr,
            });
            x += QR_SIZE + 5.0;
        }
        let width = f.page_w - MARGIN - x;
        let size = 8.0;
        let lh = line_height(size);
        let max_lines = (QR_SIZE / lh).floor() as usize;
        let mut text: Vec<(String, Style)> = Vec::new();
        if !c.verify_label.trim().is_empty() {
            let (_, label) = self
                .face(Style::Bold)
                .fit(c.verify_label, size, size, width, 1);
            text.extend(label.into_iter().map(|l| (l, Style::Bold)));
        }
        let room = max_lines.saturating_sub(text.len() + 1);
        let url = self
            .face(Style::Regular)
            .wrap_limited(c.verify_url, size, width, room);
        text.extend(url.into_iter().map(|l| (l, Style::Regular)));

        let place = |text: String, style: Style, top: f32| {
            let face = self.face(style);
            let s = size * MM_PER_PT;
            let baseline =
                top - (lh - (face.ascent() - face.descent()) * s) / 2.0 - face.ascent() * s;
            TextLine {
                text,
                style,
                size,
                x,
                baseline,
                grey: 0.3,
            }
        };
        let mut top = f.footer_top;
        for (t, style) in text {
            lines.push(place(t, style, top));
            top -= lh;
        }
        // The serial number on the bottom line of the footer.
        let (_, serial) = self.face(Style::Bold).fit(c.serial, size, size, width, 1);
        for t in serial {
            lines.push(place(t, Style::Bold, FOOTER_Y + lh));
        }
    }

    /// The body at 12 pt, or smaller (down to 8 pt) until it fits `room` mm; at 8 pt cut with
    /// "…". Paragraph breaks come out as `None` (half a line of space).
    fn fit_body(&self, body: &str, width: f32, room: f32) -> (f32, Vec<Option<String>>) {
        let face = self.regular;
        let height = |lines: &[Option<String>], size: f32| {
            let lh = line_height(size);
            lines
                .iter()
                .map(|l| if l.is_some() { lh } else { lh / 2.0 })
                .sum::<f32>()
        };
        let mut size = 12.0;
        loop {
            let lines = face.wrap_paragraphs(body, size, width);
            if height(&lines, size) <= room {
                return (size, lines);
            }
            if size <= 8.0 {
                // Keep what fits; a paragraph gap is never the last thing kept.
                let mut kept = Vec::new();
                for l in lines {
                    let mut next = kept.clone();
                    next.push(l);
                    if height(&next, size) > room {
                        break;
                    }
                    kept = next;
                }
                while matches!(kept.last(), Some(None)) {
                    kept.pop();
                }
                if let Some(Some(last)) = kept.last_mut() {
                    *last = face.ellipsis(last, size, width);
                }
                return (size, kept);
            }
            size -= 0.5;
        }
    }
}

fn boxed(x: f32, y: f32, w: f32, h: f32) -> Placed {
    Placed {
        text: None,
        x,
        y,
        w,
        h,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::testing;

    /// A 12 × 7 baseline JPEG, written with libjpeg-turbo's `cjpeg -quality 40 -optimize`.
    const TINY_JPEG: &[u8] = &[
        0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00,
        0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xdb, 0x00, 0x43, 0x00, 0x14, 0x0e, 0x0f, 0x12, 0x0f,
        0x0d, 0x14, 0x12, 0x10, 0x12, 0x17, 0x15, 0x14, 0x18, 0x1e, 0x32, 0x21, 0x1e, 0x1c, 0x1c,
        0x1e, 0x3d, 0x2c, 0x2e, 0x24, 0x32, 0x49, 0x40, 0x4c, 0x4b, 0x47, 0x40, 0x46, 0x45, 0x50,
        0x5a, 0x73, 0x62, 0x50, 0x55, 0x6d, 0x56, 0x45, 0x46, 0x64, 0x88, 0x65, 0x6d, 0x77, 0x7b,
        0x81, 0x82, 0x81, 0x4e, 0x60, 0x8d, 0x97, 0x8c, 0x7d, 0x96, 0x73, 0x7e, 0x81, 0x7c, 0xff,
        0xdb, 0x00, 0x43, 0x01, 0x15, 0x17, 0x17, 0x1e, 0x1a, 0x1e, 0x3b, 0x21, 0x21, 0x3b, 0x7c,
        0x53, 0x46, 0x53, 0x7c, 0x7c, 0x7c, 0x7c, 0x7c, 0x7c, 0x7c, 0x7c, 0x7c, 0x7c, 0x7c, 0x7c,
        0x7c, 0x7c, 0x7c, 0x7c, 0x7c, 0x7c, 0x7c, 0x7c, 0x7c, 0x7c, 0x7c, 0x7c, 0x7c, 0x7c, 0x7c,
        0x7c, 0x7c, 0x7c, 0x7c, 0x7c, 0x7c, 0x7c, 0x7c, 0x7c, 0x7c, 0x7c, 0x7c, 0x7c, 0x7c, 0x7c,
        0x7c, 0x7c, 0x7c, 0x7c, 0x7c, 0x7c, 0x7c, 0x7c, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x00, 0x07,
        0x00, 0x0c, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01, 0xff, 0xc4, 0x00,
        0x16, 0x00, 0x01, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x04, 0x05, 0xff, 0xc4, 0x00, 0x1b, 0x10, 0x00, 0x02, 0x02, 0x03,
        0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x05,
        0x21, 0x02, 0x04, 0x12, 0x31, 0xff, 0xc4, 0x00, 0x15, 0x01, 0x01, 0x01, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0xff, 0xc4,
        0x00, 0x1a, 0x11, 0x00, 0x02, 0x02, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x02, 0x31, 0x04, 0x11, 0x12, 0xff, 0xda, 0x00, 0x0c,
        0x03, 0x01, 0x00, 0x02, 0x11, 0x03, 0x11, 0x00, 0x3f, 0x00, 0x8b, 0x5e, 0x2d, 0x55, 0x23,
        0x43, 0x08, 0xb5, 0xcf, 0x88, 0x02, 0x58, 0xe9, 0xee, 0xc6, 0x13, 0xe7, 0xcd, 0x9f, 0xff,
        0xd9,
    ];

    fn signatories() -> Vec<Signatory> {
        vec![
            Signatory {
                name: "Dr. Anna Schäfer".into(),
                role: "Geschäftsführerin".into(),
            },
            Signatory {
                name: "Jürgen Weiß".into(),
                role: "Vorsitzender der Jury".into(),
            },
        ]
    }

    fn certificate<'a>(
        orientation: Orientation,
        recipient: &'a str,
        body: &'a str,
        signatories: &'a [Signatory],
    ) -> Certificate<'a> {
        Certificate {
            orientation,
            title: "Teilnahmebescheinigung",
            recipient,
            organisation: "Müller & Söhne GmbH",
            body,
            place_and_date: "Düsseldorf, 2. Dezember 2026",
            signatories,
            logo: None,
            signature: None,
            serial: "ICMR-2026-0007",
            verify_url: "https://convene.example/verify/ICMR-2026-0007",
            verify_label: "Echtheit prüfen:",
            document_title: "Teilnahmebescheinigung – Jörg Müller-Lüdenscheidt",
        }
    }

    fn png_bytes(
        w: u32,
        h: u32,
        color: png::ColorType,
        pixel: impl Fn(u32, u32) -> Vec<u8>,
    ) -> Vec<u8> {
        let mut out = Vec::new();
        {
            let mut enc = png::Encoder::new(&mut out, w, h);
            enc.set_color(color);
            enc.set_depth(png::BitDepth::Eight);
            let mut data = Vec::new();
            for y in 0..h {
                for x in 0..w {
                    data.extend(pixel(x, y));
                }
            }
            enc.write_header().unwrap().write_image_data(&data).unwrap();
        }
        out
    }

    /// A logo-like RGBA image: a coloured disc on a transparent background.
    fn logo_png() -> Vec<u8> {
        png_bytes(480, 200, png::ColorType::Rgba, |x, y| {
            let (dx, dy) = (x as i32 - 100, y as i32 - 100);
            if dx * dx + dy * dy < 90 * 90 {
                vec![20, 80, 160, 255]
            } else if (200..460).contains(&x) && (80..120).contains(&y) {
                vec![40, 40, 40, 255]
            } else {
                vec![0, 0, 0, 0]
            }
        })
    }

    /// A signature-like grey+alpha image: a dark wavy stroke.
    fn signature_png() -> Vec<u8> {
        png_bytes(500, 150, png::ColorType::GrayscaleAlpha, |x, y| {
            let curve = 75.0 + 40.0 * (x as f32 / 30.0).sin();
            if (y as f32 - curve).abs() < 3.0 {
                vec![10, 255]
            } else {
                vec![255, 0]
            }
        })
    }

    #[test]
    fn german_text_is_embedded_subset_and_extractable() {
        let body = "Herzliche „Grüße“ aus der Königsallee – wir bestätigen die Teilnahme am \
                    Innovationswettbewerb 2026 in der Straße der Möglichkeiten … Preisgeld: 5.000 €.\n\n\
                    Ein zweiter Absatz, größer und länger, mit Äpfeln, Öfen und Übermut.";
        let sigs = signatories();
        let c = certificate(
            Orientation::Portrait,
            "Jörg Müller-Lüdenscheidt",
            body,
            &sigs,
        );
        let pdf = Renderer::new().render(&c);
        assert!(pdf.starts_with(b"%PDF-"));

        let text = testing::text(&pdf);
        for needle in [
            "Jörg Müller-Lüdenscheidt",
            "Straße",
            "ICMR-2026-0007",
            "„Grüße“",
            "5.000 €",
            "Echtheit prüfen:",
        ] {
            assert!(text.contains(needle), "{needle:?} missing from:\n{text}");
        }
        // The whole body comes back word for word (line breaks aside).
        let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let flat = words(&text);
        assert!(
            flat.contains(&words(body)),
            "body not extracted exactly:\n{flat}"
        );

        assert_eq!(
            testing::assert_fonts_embedded_subset_unicode(&pdf),
            2,
            "regular and bold expected"
        );
        testing::assert_sound(&pdf);
        println!("plain certificate: {} bytes", pdf.len());
    }

    #[test]
    fn long_content_stays_on_the_page_and_off_the_footer() {
        let renderer = Renderer::new();
        let name = "Maximiliane Theodora Konstanze Wilhelmine Friederike von und zu Hohenzollern-Sigmaringen-Hechingen-Haigerloch";
        let name = format!("{name} Ypsilon Zacharias Quirin");
        assert!(name.chars().count() >= 120);
        let mut body = String::new();
        let mut i = 0;
        while body.chars().count() < 3000 {
            body.push_str(
                [
                    "Lorem ",
                    "ipsum ",
                    "dolor ",
                    "sit ",
                    "amet, ",
                    "consetetur ",
                ][i % 6],
            );
            if i % 97 == 50 {
                body.push_str("\n\n");
            }
            if i == 200 {
                body.push_str("Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunterbeamtengesellschaft ");
            }
            i += 1;
        }
        let many = vec![
            signatories()[0].clone(),
            signatories()[1].clone(),
            Signatory {
                name: "Prof. Dr. Dr. h. c. mult. Bartholomäus Zacharias Ottokar Quastenflosser".into(),
                role: "Präsident des Vereins zur Förderung der Innovationskultur in Nordrhein-Westfalen e. V.".into(),
            },
        ];
        let logo = Image {
            kind: ImageKind::Png,
            bytes: logo_png(),
        };
        for orientation in [Orientation::Portrait, Orientation::Landscape] {
            let mut c = certificate(orientation, &name, &body, &many);
            c.logo = Some(&logo);
            c.verify_url = "https://convene.example/verify/ICMR-2026-0007?token=abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789";
            let layout = renderer.layout(&c);
            let f = Frame::new(orientation);
            assert_eq!((layout.page_w, layout.page_h), page_size(orientation));
            let eps = 1e-3;
            for it in &layout.items {
                assert!(
                    it.x >= -eps
                        && it.y >= -eps
                        && it.x + it.w <= layout.page_w + eps
                        && it.y + it.h <= layout.page_h + eps,
                    "{orientation:?}: outside the page: {it:?}"
                );
            }
            let texts: Vec<&Placed> = layout.items.iter().filter(|i| i.text.is_some()).collect();
            for t in &texts {
                assert!(
                    t.x >= MARGIN - eps && t.x + t.w <= layout.page_w - MARGIN + eps,
                    "outside the text block: {t:?}"
                );
            }
            // The footer and signature band: only its own texts live there.
            let band_top = f.signature_line + 1.0 + f.signature_h;
            let footer_texts: Vec<String> = many
                .iter()
                .flat_map(|s| [s.name.clone(), s.role.clone()])
                .chain([c.verify_label.into(), c.verify_url.into(), c.serial.into()])
                .collect();
            for t in &texts {
                let s = t.text.as_deref().unwrap();
                if t.y < band_top {
                    let s = s.trim_end_matches('…');
                    assert!(
                        footer_texts.iter().any(|f| f.contains(s)),
                        "{orientation:?}: {s:?} runs into the footer: {t:?}"
                    );
                    assert!(
                        t.y + t.h <= band_top + eps,
                        "{t:?} straddles the footer band"
                    );
                }
            }
            // No two text lines overlap.
            for (i, a) in texts.iter().enumerate() {
                for b in &texts[i + 1..] {
                    let overlap = a.x < b.x + b.w - eps
                        && b.x < a.x + a.w - eps
                        && a.y < b.y + b.h - eps
                        && b.y < a.y + a.h - eps;
                    assert!(!overlap, "{a:?} overlaps {b:?}");
                }
            }
            // The name: at least 14 pt, and all of it is there.
            let em = renderer.bold.ascent() - renderer.bold.descent();
            let name_lines: Vec<&&Placed> = texts
                .iter()
                .filter(|t| name.contains(t.text.as_deref().unwrap()))
                .collect();
            assert!(!name_lines.is_empty());
            for l in &name_lines {
                let pt = l.h / em / MM_PER_PT;
                assert!(pt >= 14.0 - 1e-3, "name at {pt} pt");
            }
            let joined = name_lines
                .iter()
                .map(|l| l.text.clone().unwrap())
                .collect::<Vec<_>>()
                .join(" ");
            assert_eq!(joined, name);
            // The body was shrunk, then cut.
            let last_body = texts.iter().rfind(|t| t.y >= band_top).unwrap();
            let ends_cut = texts
                .iter()
                .any(|t| t.text.as_deref().unwrap().ends_with('…'));
            assert!(
                ends_cut,
                "{orientation:?}: a 3,000 character body should be cut; last line {last_body:?}"
            );
            println!("{orientation:?}: {} items", layout.items.len());
            // And it renders.
            let pdf = renderer.render(&c);
            assert!(pdf.starts_with(b"%PDF-"));
            if let Ok(dir) = std::env::var("CERTIFICATE_PDF_OUT") {
                std::fs::write(format!("{dir}/long-{orientation:?}.pdf"), &pdf).unwrap();
            }
        }
    }

    #[test]
    fn a_short_body_keeps_its_size_and_a_long_word_is_broken() {
        let r = Renderer::new();
        let lines = r.regular.wrap(
            "kurz Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherung ende",
            12.0,
            40.0,
        );
        assert!(lines.len() >= 3, "{lines:?}");
        assert!(
            lines
                .iter()
                .all(|l| r.regular.width(l, 12.0) <= 40.0 + 1e-3),
            "{lines:?}"
        );
        assert_eq!(
            lines.concat().replace(' ', ""),
            "kurzDonaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherungende"
        );
        let (size, body) = r.fit_body("Ein Absatz.\n\nNoch einer.", 170.0, 100.0);
        assert_eq!(size, 12.0);
        assert_eq!(
            body,
            [Some("Ein Absatz.".into()), None, Some("Noch einer.".into())]
        );
        // Measured with real advances: "W" is wider than "i".
        assert!(r.regular.width("WWWW", 12.0) > 2.0 * r.regular.width("iiii", 12.0));
        assert!(
            (r.regular.ascent() - r.regular.descent() - (1901.0 + 483.0) / 2048.0).abs() < 1e-3
        );
    }

    #[test]
    fn uploads_are_checked_by_content() {
        let logo = logo_png();
        assert_eq!(check_image(&logo), Ok((ImageKind::Png, 480, 200)));
        let grey = png_bytes(3, 2, png::ColorType::Grayscale, |x, _| vec![x as u8 * 100]);
        assert_eq!(check_image(&grey), Ok((ImageKind::Png, 3, 2)));
        let mut palette = Vec::new();
        {
            let mut enc = png::Encoder::new(&mut palette, 2, 2);
            enc.set_color(png::ColorType::Indexed);
            enc.set_depth(png::BitDepth::Eight);
            enc.set_palette(vec![255, 0, 0, 0, 0, 255]);
            enc.set_trns(vec![255, 0]);
            enc.write_header()
                .unwrap()
                .write_image_data(&[0, 1, 1, 0])
                .unwrap();
        }
        assert_eq!(check_image(&palette), Ok((ImageKind::Png, 2, 2)));
        assert_eq!(check_image(TINY_JPEG), Ok((ImageKind::Jpeg, 12, 7)));

        let pdf = Renderer::new().render(&certificate(Orientation::Portrait, "A", "B", &[]));
        assert_eq!(
            check_image(&pdf),
            Err(ImageError::NotAnImage),
            "a PDF named .png"
        );
        let noise: Vec<u8> = (0..2000u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        assert_eq!(check_image(&noise), Err(ImageError::NotAnImage));
        assert_eq!(check_image(b""), Err(ImageError::NotAnImage));
        assert_eq!(
            check_image(&logo[..logo.len() / 2]),
            Err(ImageError::Broken),
            "truncated PNG"
        );
        assert_eq!(
            check_image(&logo[..20]),
            Err(ImageError::Broken),
            "PNG header only"
        );
        assert_eq!(
            check_image(&TINY_JPEG[..TINY_JPEG.len() - 60]),
            Err(ImageError::Broken),
            "truncated JPEG"
        );
        let mut fake = b"\x89PNG\r\n\x1a\n".to_vec();
        fake.extend(&noise);
        assert_eq!(check_image(&fake), Err(ImageError::Broken));
        let huge = png_bytes(4001, 1, png::ColorType::Grayscale, |_, _| vec![0]);
        assert_eq!(check_image(&huge), Err(ImageError::TooLarge));
        assert_eq!(
            ImageError::TooLarge.to_string(),
            "image is larger than 4000 pixels on a side"
        );
    }

    #[test]
    fn a_certificate_with_images_is_small() {
        let logo = Image {
            kind: ImageKind::Png,
            bytes: logo_png(),
        };
        let signature = Image {
            kind: ImageKind::Png,
            bytes: signature_png(),
        };
        let sigs = signatories();
        let body =
            "Für die erfolgreiche Teilnahme am Innovationswettbewerb „Zukunft Rhein-Ruhr“ 2026.";
        let renderer = Renderer::new();
        for orientation in [Orientation::Portrait, Orientation::Landscape] {
            let mut c = certificate(orientation, "Jörg Müller-Lüdenscheidt", body, &sigs);
            c.logo = Some(&logo);
            c.signature = Some(&signature);
            let pdf = renderer.render(&c);
            println!(
                "{orientation:?} with PNG logo, signature, 2 signatories: {} bytes",
                pdf.len()
            );
            assert!(pdf.len() < 60_000, "{} bytes", pdf.len());
            let body = String::from_utf8_lossy(&pdf);
            assert_eq!(
                body.matches("/Subtype /Image").count() + body.matches("/Subtype/Image").count(),
                2,
                "logo and signature embedded"
            );
            let layout = renderer.layout(&c);
            let boxes = layout.items.iter().filter(|i| i.text.is_none()).count();
            // Frame, QR code, two lines, logo, signature.
            assert_eq!(boxes, 6);
            if let Ok(dir) = std::env::var("CERTIFICATE_PDF_OUT") {
                std::fs::write(format!("{dir}/certificate-{orientation:?}.pdf"), &pdf).unwrap();
            }
        }

        // A JPEG goes in as it is (DCTDecode) and passes the structure check.
        let jpeg = Image {
            kind: ImageKind::Jpeg,
            bytes: TINY_JPEG.to_vec(),
        };
        let mut c = certificate(
            Orientation::Landscape,
            "Jörg Müller-Lüdenscheidt",
            body,
            &sigs,
        );
        c.logo = Some(&jpeg);
        c.signature = Some(&signature);
        let pdf = renderer.render(&c);
        println!("landscape with JPEG logo: {} bytes", pdf.len());
        assert!(pdf.windows(9).any(|w| w == b"DCTDecode"));
        assert!(
            pdf.windows(TINY_JPEG.len()).any(|w| w == TINY_JPEG),
            "the JPEG file is embedded unchanged"
        );
        testing::assert_sound(&pdf);
        if let Ok(dir) = std::env::var("CERTIFICATE_PDF_OUT") {
            std::fs::write(format!("{dir}/certificate-jpeg.pdf"), &pdf).unwrap();
        }

        // A large image is resampled to what its box needs.
        let big = Image {
            kind: ImageKind::Png,
            bytes: png_bytes(3000, 3000, png::ColorType::Rgb, |x, y| {
                vec![(x % 251) as u8, (y % 241) as u8, ((x ^ y) % 256) as u8]
            }),
        };
        c.logo = Some(&big);
        let pdf = renderer.render(&c);
        println!(
            "landscape with a noisy 3000×3000 PNG logo: {} bytes",
            pdf.len()
        );
        assert!(pdf.len() < 400_000, "{} bytes", pdf.len());
    }

    #[test]
    fn renders_are_repeatable_and_quick() {
        let renderer = Renderer::new();
        let logo = Image {
            kind: ImageKind::Png,
            bytes: logo_png(),
        };
        let signature = Image {
            kind: ImageKind::Png,
            bytes: signature_png(),
        };
        let sigs = signatories();
        let mut c = certificate(
            Orientation::Portrait,
            "Jörg Müller-Lüdenscheidt",
            "Für die Teilnahme.",
            &sigs,
        );
        c.logo = Some(&logo);
        c.signature = Some(&signature);
        let a = renderer.render(&c);
        let b = renderer.render(&c);
        // Only the creation date and the document ID differ, and they have fixed lengths.
        assert_eq!(a.len(), b.len());
        assert_eq!(renderer.layout(&c), renderer.layout(&c));

        let start = std::time::Instant::now();
        for _ in 0..100 {
            std::hint::black_box(renderer.render(&c));
        }
        println!("100 renders: {:?}", start.elapsed());

        fn shared<T: Send + Sync>(_: &T) {}
        shared(&renderer);
    }
}
