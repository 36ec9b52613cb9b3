//! The certificate as a one-page A4 PDF: logo, title, the recipient's name, organisation, body
//! text, place and date, up to three signatories (the first with a signature image) and a footer
//! with a QR code, the verification address and the serial number.
//!
//! Text is set in DejaVu Sans (compiled in, see `backend/assets/fonts/LICENSE`), measured with
//! the font's own advance widths, wrapped and centred. Each PDF embeds only the glyphs it uses:
//! printpdf subsets fonts only with its heavy `text_layout` feature, so this module subsets with
//! allsorts itself and hands printpdf the small font, named with the `XXXXXX+` subset tag.
//! Images are decoded with pure-Rust decoders (`png`, `jpeg-decoder`); baseline and progressive
//! JPEGs are embedded as they are (DCTDecode), everything else as Flate-compressed pixels.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::io::Write;
use std::sync::Mutex;

use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{CmapTarget, SubsetProfile};
use printpdf::{
    Color, CurTransMat, DictItem, ExternalStream, ExternalXObject, FontId, Greyscale, Line,
    LinePoint, Mm, Op, PaintMode, ParsedFont, PdfDocument, PdfFont, PdfFontHandle, PdfPage,
    PdfSaveOptions, Point, Pt, Px, Rect, TextItem, XObject, XObjectId, XObjectTransform,
};
use qrcode::QrCode;

pub(crate) const FONT_REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
pub(crate) const FONT_BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// Uploads larger than this on either side are refused.
const MAX_IMAGE_SIDE: u32 = 4000;

const MM_PER_PT: f32 = 25.4 / 72.0;
/// Left and right margin of the text block.
const MARGIN: f32 = 20.0;
/// The thin decorative frame, inset from the page edge.
const FRAME_INSET: f32 = 8.0;
/// The footer (QR code and verification text) sits on this line...
const FOOTER_Y: f32 = 14.0;
/// ...and is this high; the QR code is this wide.
const QR_SIZE: f32 = 22.0;
/// Images are resampled down when they have far more pixels than this resolution needs.
const IMAGE_DPI: f32 = 300.0;

// ---------------------------------------------------------------------------------------------
// Public API

/// A4 upright (210 × 297 mm) or on its side (297 × 210 mm).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Orientation {
    Portrait,
    Landscape,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageKind {
    Png,
    Jpeg,
}

/// An uploaded image: its kind and the original file bytes.
#[derive(Debug, Clone)]
pub struct Image {
    pub kind: ImageKind,
    pub bytes: Vec<u8>,
}

/// Why an upload is not accepted as a logo or signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageError {
    /// Neither a PNG nor a JPEG.
    NotAnImage,
    /// More than 4000 pixels on a side.
    TooLarge,
    /// Looks like a PNG or JPEG but does not decode.
    Broken,
}

impl fmt::Display for ImageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ImageError::NotAnImage => "not a PNG or JPEG image",
            ImageError::TooLarge => "image is larger than 4000 pixels on a side",
            ImageError::Broken => "image is damaged and cannot be decoded",
        })
    }
}

impl std::error::Error for ImageError {}

/// Checks an upload by content (magic bytes AND a successful decode of the header/pixels),
/// returns its kind and pixel size.
pub fn check_image(bytes: &[u8]) -> Result<(ImageKind, u32, u32), ImageError> {
    let kind = sniff(bytes).ok_or(ImageError::NotAnImage)?;
    let (w, h) = header_size(kind, bytes)?;
    if w == 0 || h == 0 {
        return Err(ImageError::Broken);
    }
    if w > MAX_IMAGE_SIDE || h > MAX_IMAGE_SIDE {
        return Err(ImageError::TooLarge);
    }
    decode(kind, bytes).ok_or(ImageError::Broken)?;
    Ok((kind, w, h))
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

/// Parses the fonts once; render many certificates with one renderer (a bulk run issues 1,000).
pub struct Renderer {
    regular: Face,
    bold: Face,
    /// Images ready to embed, by content and size: a batch shares one logo and one signature,
    /// and decoding, scaling and compressing them was half the time of a render.
    pictures: Mutex<Vec<Prepared>>,
}

/// An image decoded, scaled and compressed for one size on the page.
struct Prepared {
    key: (u64, usize, usize),
    xobject: XObject,
}

/// How many prepared images the renderer keeps (two per template in use).
const PREPARED_MAX: usize = 32;

impl Default for Renderer {
    fn default() -> Self {
        Self::new()
    }
}

impl Renderer {
    /// Panics only if the compiled-in font is broken.
    pub fn new() -> Self {
        Renderer {
            regular: Face::load(FONT_REGULAR, "DejaVuSans"),
            bold: Face::load(FONT_BOLD, "DejaVuSans-Bold"),
            pictures: Mutex::new(Vec::new()),
        }
    }

    /// The image ready to embed at `w` × `h` mm, prepared once and then reused.
    fn picture(&self, image: &Image, w: f32, h: f32) -> Option<XObject> {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        image.bytes.hash(&mut hasher);
        let key = (hasher.finish(), w.to_bits() as usize, h.to_bits() as usize);
        let cached = |list: &Vec<Prepared>| {
            list.iter()
                .find(|p| p.key == key)
                .map(|p| p.xobject.clone())
        };
        if let Some(x) = cached(&self.pictures.lock().unwrap_or_else(|e| e.into_inner())) {
            return Some(x);
        }
        let xobject = picture_xobject(image, w, h)?;
        let mut list = self.pictures.lock().unwrap_or_else(|e| e.into_inner());
        if list.len() >= PREPARED_MAX {
            list.remove(0);
        }
        list.push(Prepared {
            key,
            xobject: xobject.clone(),
        });
        Some(xobject)
    }

    /// The certificate as PDF bytes.
    pub fn render(&self, c: &Certificate) -> Vec<u8> {
        let (page_w, page_h) = page_size(c.orientation);
        let shapes = self.plan(c);
        let mut doc = PdfDocument::new(c.document_title);
        doc.metadata.info.creator = "convene".to_string();
        doc.metadata.info.producer = "convene".to_string();
        let now = printpdf::OffsetDateTime::now_utc();
        doc.metadata.info.creation_date = now;
        doc.metadata.info.modification_date = now;

        // Fonts: one subset per style that is actually used.
        let mut used: BTreeMap<Style, BTreeSet<char>> = BTreeMap::new();
        for shape in &shapes {
            if let Shape::Text(t) = shape {
                used.entry(t.style).or_default().extend(t.text.chars());
            }
        }
        for (style, chars) in &used {
            let font = self.face(*style).subset(chars);
            doc.resources
                .fonts
                .map
                .insert(font_id(*style), PdfFont::new(font));
        }

        let mut ops = Vec::new();
        for shape in &shapes {
            match shape {
                Shape::Text(t) => {
                    ops.extend([
                        Op::SetFillColor { col: grey(t.grey) },
                        Op::StartTextSection,
                        Op::SetFont {
                            font: PdfFontHandle::External(font_id(t.style)),
                            size: Pt(t.size),
                        },
                        Op::SetTextCursor {
                            pos: Point::new(Mm(t.x), Mm(t.baseline)),
                        },
                        Op::ShowText {
                            items: vec![TextItem::Text(t.text.clone())],
                        },
                        Op::EndTextSection,
                    ]);
                }
                Shape::Rule {
                    x1,
                    x2,
                    y,
                    pt,
                    grey: g,
                } => {
                    ops.extend([
                        Op::SetOutlineColor { col: grey(*g) },
                        Op::SetOutlineThickness { pt: Pt(*pt) },
                        Op::DrawLine {
                            line: Line {
                                points: vec![
                                    LinePoint {
                                        p: Point::new(Mm(*x1), Mm(*y)),
                                        bezier: false,
                                    },
                                    LinePoint {
                                        p: Point::new(Mm(*x2), Mm(*y)),
                                        bezier: false,
                                    },
                                ],
                                is_closed: false,
                            },
                        },
                    ]);
                }
                Shape::Frame { x, y, w, h } => {
                    ops.extend([
                        Op::SetOutlineColor { col: grey(0.55) },
                        Op::SetOutlineThickness { pt: Pt(0.8) },
                        Op::DrawRectangle {
                            rectangle: Rect {
                                x: Mm(*x).into(),
                                y: Mm(*y).into(),
                                width: Mm(*w).into(),
                                height: Mm(*h).into(),
                                mode: Some(PaintMode::Stroke),
                                winding_order: None,
                            },
                        },
                    ]);
                }
                Shape::Picture { image, x, y, w, h } => {
                    let Some(xobject) = self.picture(image, *w, *h) else {
                        tracing::warn!("certificate: skipping an image that does not decode");
                        continue;
                    };
                    let id = XObjectId(format!("Im{}", doc.resources.xobjects.map.len() + 1));
                    doc.resources.xobjects.map.insert(id.clone(), xobject);
                    ops.extend(unit_square_at(*x, *y, *w, *h, id));
                }
                Shape::Qr {
                    x,
                    y,
                    size,
                    modules,
                    dark,
                } => {
                    ops.extend(qr_ops(*x, *y, *size, *modules, dark));
                }
            }
        }

        let page = PdfPage::new(Mm(page_w), Mm(page_h), ops);
        let options = PdfSaveOptions {
            optimize: true,
            // Already subset above; printpdf would only subset with `text_layout`.
            subset_fonts: false,
            secure: true,
            image_optimization: None,
        };
        let mut warnings = Vec::new();
        let bytes = doc.with_pages(vec![page]).save(&options, &mut warnings);
        for w in &warnings {
            tracing::debug!("certificate pdf: {w:?}");
        }
        bytes
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
                        y: t.baseline + face.descent * size,
                        w: face.width(&t.text, t.size),
                        h: (face.ascent - face.descent) * size,
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

    fn face(&self, style: Style) -> &Face {
        match style {
            Style::Regular => &self.regular,
            Style::Bold => &self.bold,
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Style {
    Regular,
    Bold,
}

fn font_id(style: Style) -> FontId {
    FontId(match style {
        Style::Regular => "Regular".to_string(),
        Style::Bold => "Bold".to_string(),
    })
}

/// One line of text at an absolute position (x is the left end).
#[derive(Debug, Clone)]
struct TextLine {
    text: String,
    style: Style,
    size: f32,
    x: f32,
    baseline: f32,
    grey: f32,
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
        modules: usize,
        dark: Vec<bool>,
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
    fn line_height(size: f32) -> f32 {
        size * MM_PER_PT * 1.3
    }

    fn push(&mut self, text: String, style: Style, size: f32, grey: f32) {
        let face = self.renderer.face(style);
        let s = size * MM_PER_PT;
        let lh = Self::line_height(size);
        // Centre the glyph box (descender to ascender) in the line's height.
        let baseline = self.y - (lh - (face.ascent - face.descent) * s) / 2.0 - face.ascent * s;
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
                let (size, name) = self.fit(Style::Bold, &s.name, 10.0, 8.0, line_w, 1);
                for l in name {
                    col.push(l, Style::Bold, size, 0.1);
                }
                for l in self.wrap_limited(Style::Regular, &s.role, 8.5, line_w, 2) {
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
                y: floor + gap + Column::line_height(11.0),
                out: Vec::new(),
            };
            let (size, text) = self.fit(Style::Regular, c.place_and_date, 11.0, 8.0, text_w, 1);
            for l in text {
                col.push(l, Style::Regular, size, 0.15);
            }
            floor = floor + gap + Column::line_height(11.0);
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
        let (size, title) = self.fit(Style::Bold, c.title, 24.0, 16.0, text_w, 2);
        for l in title {
            col.push(l, Style::Bold, size, 0.2);
        }
        col.y -= if landscape { 4.0 } else { 7.0 };
        let (size, name) = self.fit(Style::Bold, c.recipient, 28.0, 14.0, text_w, 3);
        for l in name {
            col.push(l, Style::Bold, size, 0.0);
        }
        for l in self.wrap_limited(Style::Regular, c.organisation, 13.0, text_w, 2) {
            col.push(l, Style::Regular, 13.0, 0.25);
        }
        col.y -= if landscape { 5.0 } else { 9.0 };

        // The body in the room that is left.
        let room = col.y - body_floor;
        let (size, body) = self.fit_body(c.body, text_w, room);
        for l in body {
            match l {
                Some(text) => col.push(text, Style::Regular, size, 0.1),
                None => col.y -= Column::line_height(size) / 2.0,
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
            && let Ok(code) = QrCode::new(c.verify_url.as_bytes())
        {
            shapes.push(Shape::Qr {
                x,
                y: FOOTER_Y,
                size: QR_SIZE,
                modules: code.width(),
                dark: code
                    .to_colors()
                    .iter()
                    .map(|m| *m == qrcode::Color::Dark)
                    .collect(),
            });
            x += QR_SIZE + 5.0;
        }
        let width = f.page_w - MARGIN - x;
        let size = 8.0;
        let lh = Column::line_height(size);
        let max_lines = (QR_SIZE / lh).floor() as usize;
        let mut text: Vec<(String, Style)> = Vec::new();
        if !c.verify_label.trim().is_empty() {
            let (_, label) = self.fit(Style::Bold, c.verify_label, size, size, width, 1);
            text.extend(label.into_iter().map(|l| (l, Style::Bold)));
        }
        let room = max_lines.saturating_sub(text.len() + 1);
        let url = self.wrap_limited(Style::Regular, c.verify_url, size, width, room);
        text.extend(url.into_iter().map(|l| (l, Style::Regular)));

        let place = |text: String, style: Style, top: f32| {
            let face = self.face(style);
            let s = size * MM_PER_PT;
            let baseline = top - (lh - (face.ascent - face.descent) * s) / 2.0 - face.ascent * s;
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
        let (_, serial) = self.fit(Style::Bold, c.serial, size, size, width, 1);
        for t in serial {
            lines.push(place(t, Style::Bold, FOOTER_Y + lh));
        }
    }

    /// One line of `text`, shrunk from `max` down to `min` points to fit `width`; still too long
    /// at `min`, wrapped into at most `max_lines` lines (the last cut with "…").
    fn fit(
        &self,
        style: Style,
        text: &str,
        max: f32,
        min: f32,
        width: f32,
        max_lines: usize,
    ) -> (f32, Vec<String>) {
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if text.is_empty() {
            return (max, Vec::new());
        }
        let face = self.face(style);
        let mut size = max;
        while size > min && face.width(&text, size) > width {
            size = (size - 1.0).max(min);
        }
        if face.width(&text, size) <= width {
            return (size, vec![text]);
        }
        (
            size,
            self.wrap_limited(style, &text, size, width, max_lines),
        )
    }

    /// `wrap`, keeping at most `max_lines` lines; the last one kept ends in "…" if text was cut.
    fn wrap_limited(
        &self,
        style: Style,
        text: &str,
        size: f32,
        width: f32,
        max_lines: usize,
    ) -> Vec<String> {
        let mut lines = self.face(style).wrap(text, size, width);
        if lines.len() > max_lines {
            lines.truncate(max_lines);
            if let Some(last) = lines.last_mut() {
                *last = self.face(style).ellipsis(last, size, width);
            }
        }
        lines
    }

    /// The body at 12 pt, or smaller (down to 8 pt) until it fits `room` mm; at 8 pt cut with
    /// "…". Paragraph breaks come out as `None` (half a line of space).
    fn fit_body(&self, body: &str, width: f32, room: f32) -> (f32, Vec<Option<String>>) {
        let face = &self.regular;
        let height = |lines: &[Option<String>], size: f32| {
            let lh = Column::line_height(size);
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

fn grey(v: f32) -> Color {
    Color::Greyscale(Greyscale::new(v, None))
}

// ---------------------------------------------------------------------------------------------
// Fonts: metrics, wrapping, subsetting

/// A compiled-in font: metrics, wrapping and subsetting (the matchmaking PDFs use it too).
pub(crate) struct Face {
    bytes: &'static [u8],
    /// PostScript name, used for /BaseFont.
    name: &'static str,
    font: ParsedFont,
    units_per_em: f32,
    /// In ems; `descent` is negative.
    ascent: f32,
    descent: f32,
}

impl Face {
    pub(crate) fn load(bytes: &'static [u8], name: &'static str) -> Self {
        let font =
            ParsedFont::from_bytes(bytes, 0, &mut Vec::new()).expect("the compiled-in font parses");
        let units_per_em = f32::from(font.units_per_em.max(1));
        Face {
            bytes,
            name,
            ascent: f32::from(font.font_metrics.ascent) / units_per_em,
            descent: f32::from(font.font_metrics.descent) / units_per_em,
            units_per_em,
            font,
        }
    }

    fn glyph(&self, c: char) -> u16 {
        self.font.lookup_glyph_index(c as u32).unwrap_or(0)
    }

    /// Advance width of one character in ems.
    fn advance(&self, c: char) -> f32 {
        let gid = self.glyph(c);
        f32::from(self.font.glyph_widths.get(&gid).copied().unwrap_or(0)) / self.units_per_em
    }

    /// Width of `text` at `size` points, in mm.
    pub(crate) fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.advance(c)).sum::<f32>() * size * MM_PER_PT
    }

    /// Greedy word wrap to `width` mm; words longer than a line are broken between characters.
    pub(crate) fn wrap(&self, text: &str, size: f32, width: f32) -> Vec<String> {
        let em = size * MM_PER_PT;
        let space = self.advance(' ') * em;
        let mut lines = Vec::new();
        let mut line = String::new();
        let mut line_w = 0.0;
        for word in text.split_whitespace() {
            let word_w = self.width(word, size);
            if !line.is_empty() && line_w + space + word_w <= width {
                line.push(' ');
                line.push_str(word);
                line_w += space + word_w;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            if word_w <= width {
                line.push_str(word);
                line_w = word_w;
                continue;
            }
            line_w = 0.0;
            for c in word.chars() {
                let w = self.advance(c) * em;
                if !line.is_empty() && line_w + w > width {
                    lines.push(std::mem::take(&mut line));
                    line_w = 0.0;
                }
                line.push(c);
                line_w += w;
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
        lines
    }

    /// Paragraphs (separated by blank lines) wrapped to `width`; a single newline breaks the
    /// line. `None` marks the gap between two paragraphs.
    fn wrap_paragraphs(&self, text: &str, size: f32, width: f32) -> Vec<Option<String>> {
        let mut out = Vec::new();
        let mut gap = false;
        for raw in text.lines() {
            if raw.trim().is_empty() {
                gap = !out.is_empty();
                continue;
            }
            if gap {
                out.push(None);
                gap = false;
            }
            out.extend(self.wrap(raw, size, width).into_iter().map(Some));
        }
        out
    }

    /// `text` shortened so that it ends in "…" and fits `width`.
    pub(crate) fn ellipsis(&self, text: &str, size: f32, width: f32) -> String {
        let mut s = text.trim_end().to_string();
        while !s.is_empty() && self.width(&s, size) + self.width("…", size) > width {
            s.pop();
            s.truncate(s.trim_end().len());
        }
        s.push('…');
        s
    }

    /// A font holding only the glyphs for `chars` (plus .notdef), named with a subset tag.
    /// Falls back to the whole font if subsetting fails.
    pub(crate) fn subset(&self, chars: &BTreeSet<char>) -> ParsedFont {
        let used: BTreeSet<u16> = chars
            .iter()
            .map(|c| self.glyph(*c))
            .filter(|g| *g != 0)
            .collect();
        // .notdef must come first, then unique glyph ids.
        let ids: Vec<u16> = std::iter::once(0).chain(used).collect();
        let subset = ReadScope::new(self.bytes)
            .read::<FontData<'_>>()
            .ok()
            .and_then(|data| data.table_provider(0).ok())
            .and_then(|provider| {
                allsorts::subset::subset(&provider, &ids, &SubsetProfile::Pdf, CmapTarget::Unicode)
                    .ok()
            })
            .and_then(|bytes| ParsedFont::from_bytes(&bytes, 0, &mut Vec::new()));
        match subset {
            Some(mut font) => {
                font.font_name = Some(format!("{}+{}", subset_tag(self.name, &ids), self.name));
                font
            }
            None => {
                tracing::warn!(
                    "certificate: subsetting {} failed, embedding it whole",
                    self.name
                );
                let mut font = self.font.clone();
                font.font_name = Some(self.name.to_string());
                font
            }
        }
    }
}

/// Six capital letters derived from the glyph set (ISO 32000-1, 9.6.4), so the same text gives
/// the same name.
fn subset_tag(name: &str, ids: &[u16]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |b: u8| {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    };
    name.bytes().for_each(&mut eat);
    ids.iter().flat_map(|g| g.to_be_bytes()).for_each(&mut eat);
    (0..6)
        .map(|i| char::from(b'A' + ((h >> (i * 8)) % 26) as u8))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Drawing helpers

/// Draws the XObject `id` (a unit square) scaled to `w` × `h` mm at (`x`, `y`).
fn unit_square_at(x: f32, y: f32, w: f32, h: f32, id: XObjectId) -> [Op; 4] {
    let pt = |mm: f32| Pt::from(Mm(mm)).0;
    [
        Op::SaveGraphicsState,
        Op::SetTransformationMatrix {
            matrix: CurTransMat::Raw([pt(w), 0.0, 0.0, pt(h), pt(x), pt(y)]),
        },
        Op::UseXobject {
            id,
            transform: XObjectTransform {
                no_auto_scale: true,
                ..Default::default()
            },
        },
        Op::RestoreGraphicsState,
    ]
}

/// The QR code as filled rectangles, one per horizontal run of dark modules, drawn in module
/// units (so the coordinates are small integers).
fn qr_ops(x: f32, y: f32, size: f32, modules: usize, dark: &[bool]) -> Vec<Op> {
    let module = Pt::from(Mm(size / modules as f32)).0;
    let mut ops = vec![
        Op::SaveGraphicsState,
        Op::SetFillColor { col: grey(0.0) },
        Op::SetTransformationMatrix {
            matrix: CurTransMat::Raw([
                module,
                0.0,
                0.0,
                module,
                Pt::from(Mm(x)).0,
                Pt::from(Mm(y)).0,
            ]),
        },
    ];
    for (row, cells) in dark.chunks(modules).enumerate() {
        let mut col = 0;
        while col < cells.len() {
            if !cells[col] {
                col += 1;
                continue;
            }
            let start = col;
            while col < cells.len() && cells[col] {
                col += 1;
            }
            ops.push(Op::DrawRectangle {
                rectangle: Rect {
                    x: Pt(start as f32),
                    // Row 0 is the top row; PDF counts upwards.
                    y: Pt((modules - 1 - row) as f32),
                    width: Pt((col - start) as f32),
                    height: Pt(1.0),
                    mode: Some(PaintMode::Fill),
                    winding_order: None,
                },
            });
        }
    }
    ops.push(Op::RestoreGraphicsState);
    ops
}

// ---------------------------------------------------------------------------------------------
// Images

fn sniff(bytes: &[u8]) -> Option<ImageKind> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(ImageKind::Png)
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(ImageKind::Jpeg)
    } else {
        None
    }
}

fn png_limits() -> png::Limits {
    // A 4000 × 4000 16-bit RGBA image plus the decoder's buffers.
    png::Limits {
        bytes: 160 * 1024 * 1024,
    }
}

/// Pixel size from the file's header.
fn header_size(kind: ImageKind, bytes: &[u8]) -> Result<(u32, u32), ImageError> {
    match kind {
        ImageKind::Png => {
            let reader = png::Decoder::new_with_limits(bytes, png_limits())
                .read_info()
                .map_err(|_| ImageError::Broken)?;
            let info = reader.info();
            Ok((info.width, info.height))
        }
        ImageKind::Jpeg => {
            let mut d = jpeg_decoder::Decoder::new(bytes);
            d.read_info().map_err(|_| ImageError::Broken)?;
            let info = d.info().ok_or(ImageError::Broken)?;
            Ok((u32::from(info.width), u32::from(info.height)))
        }
    }
}

/// Decoded 8-bit pixels: 1 channel (grey) or 3 (RGB), transparency composited onto white.
struct Pixels {
    width: usize,
    height: usize,
    channels: usize,
    data: Vec<u8>,
}

fn decode(kind: ImageKind, bytes: &[u8]) -> Option<Pixels> {
    match kind {
        ImageKind::Png => decode_png(bytes),
        ImageKind::Jpeg => decode_jpeg(bytes),
    }
}

fn decode_png(bytes: &[u8]) -> Option<Pixels> {
    let mut decoder = png::Decoder::new_with_limits(bytes, png_limits());
    // Palette and low bit depths to 8 bits, tRNS to alpha, 16 bits to 8.
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().ok()?;
    let (w, h) = (reader.info().width, reader.info().height);
    if w == 0 || h == 0 || w > MAX_IMAGE_SIDE || h > MAX_IMAGE_SIDE {
        return None;
    }
    let mut buf = vec![0; reader.output_buffer_size()];
    let frame = reader.next_frame(&mut buf).ok()?;
    if frame.bit_depth != png::BitDepth::Eight {
        return None;
    }
    let (width, height) = (frame.width as usize, frame.height as usize);
    let data = &buf[..frame.buffer_size()];
    let over_white = |c: u8, a: u8| {
        ((u32::from(c) * u32::from(a) + 255 * (255 - u32::from(a)) + 127) / 255) as u8
    };
    let (channels, data) = match frame.color_type {
        png::ColorType::Grayscale => (1, data.to_vec()),
        png::ColorType::Rgb => (3, data.to_vec()),
        png::ColorType::GrayscaleAlpha => (
            1,
            data.chunks_exact(2)
                .map(|p| over_white(p[0], p[1]))
                .collect(),
        ),
        png::ColorType::Rgba => (
            3,
            data.chunks_exact(4)
                .flat_map(|p| {
                    [
                        over_white(p[0], p[3]),
                        over_white(p[1], p[3]),
                        over_white(p[2], p[3]),
                    ]
                })
                .collect(),
        ),
        png::ColorType::Indexed => return None,
    };
    (data.len() == width * height * channels).then_some(Pixels {
        width,
        height,
        channels,
        data,
    })
}

fn decode_jpeg(bytes: &[u8]) -> Option<Pixels> {
    use jpeg_decoder::PixelFormat;
    let mut d = jpeg_decoder::Decoder::new(bytes);
    d.read_info().ok()?;
    let info = d.info()?;
    if u32::from(info.width) > MAX_IMAGE_SIDE || u32::from(info.height) > MAX_IMAGE_SIDE {
        return None;
    }
    let raw = d.decode().ok()?;
    let (width, height) = (usize::from(info.width), usize::from(info.height));
    let (channels, data) = match info.pixel_format {
        PixelFormat::L8 => (1, raw),
        PixelFormat::L16 => (1, raw.chunks_exact(2).map(|p| p[0]).collect()),
        PixelFormat::RGB24 => (3, raw),
        PixelFormat::CMYK32 => (
            3,
            raw.chunks_exact(4)
                .flat_map(|p| {
                    let k = 255 - u32::from(p[3]);
                    p[..3]
                        .iter()
                        .map(move |c| ((255 - u32::from(*c)) * k / 255) as u8)
                        .collect::<Vec<_>>()
                })
                .collect(),
        ),
    };
    (data.len() == width * height * channels).then_some(Pixels {
        width,
        height,
        channels,
        data,
    })
}

/// The image's box inside `area` (x, y, w, h), keeping its aspect ratio: centred horizontally,
/// and at the top of the area (`top`) or at its bottom.
fn fit_image(
    image: &Image,
    (ax, ay, aw, ah): (f32, f32, f32, f32),
    top: bool,
) -> Option<(f32, f32, f32, f32)> {
    let kind = sniff(&image.bytes)?;
    let (pw, ph) = header_size(kind, &image.bytes).ok()?;
    if pw == 0 || ph == 0 || pw > MAX_IMAGE_SIDE || ph > MAX_IMAGE_SIDE {
        return None;
    }
    let scale = (aw / pw as f32).min(ah / ph as f32);
    let (w, h) = (pw as f32 * scale, ph as f32 * scale);
    let y = if top { ay + ah - h } else { ay };
    Some((ax + (aw - w) / 2.0, y, w, h))
}

/// The image as a PDF image XObject for a box of `w` × `h` mm. Baseline and progressive grey or
/// RGB JPEGs of a sensible size go in unchanged; all else is decoded (and resampled down when
/// it has far more pixels than the box needs) and stored as Flate-compressed pixels.
fn picture_xobject(image: &Image, w: f32, h: f32) -> Option<XObject> {
    let kind = sniff(&image.bytes)?;
    let target_w = (w / 25.4 * IMAGE_DPI).ceil().max(1.0) as usize;
    let target_h = (h / 25.4 * IMAGE_DPI).ceil().max(1.0) as usize;
    let oversized = |pw: usize, ph: usize| pw > target_w * 3 / 2 && ph > target_h * 3 / 2;

    if kind == ImageKind::Jpeg {
        let mut d = jpeg_decoder::Decoder::new(image.bytes.as_slice());
        d.read_info().ok()?;
        let info = d.info()?;
        let colour_space = match info.pixel_format {
            jpeg_decoder::PixelFormat::L8 => Some("DeviceGray"),
            jpeg_decoder::PixelFormat::RGB24 => Some("DeviceRGB"),
            _ => None,
        };
        let (pw, ph) = (usize::from(info.width), usize::from(info.height));
        if let Some(cs) = colour_space
            && info.coding_process != jpeg_decoder::CodingProcess::Lossless
            && !oversized(pw, ph)
        {
            return Some(dct_xobject(&image.bytes, pw, ph, cs));
        }
    }

    let mut px = decode(kind, &image.bytes)?;
    if oversized(px.width, px.height) {
        let scale = (target_w as f32 / px.width as f32).max(target_h as f32 / px.height as f32);
        let nw = ((px.width as f32 * scale).round() as usize).clamp(1, px.width);
        let nh = ((px.height as f32 * scale).round() as usize).clamp(1, px.height);
        px = downscale(&px, nw, nh);
    }
    // Compressed here, once, rather than by printpdf on every save.
    let mut zlib = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    zlib.write_all(&px.data).ok()?;
    let content = zlib.finish().ok()?;
    let colour_space = if px.channels == 1 {
        "DeviceGray"
    } else {
        "DeviceRGB"
    };
    Some(image_xobject(
        content,
        px.width,
        px.height,
        colour_space,
        "FlateDecode",
    ))
}

/// A JPEG file passed through as a DCTDecode image.
fn dct_xobject(bytes: &[u8], width: usize, height: usize, colour_space: &str) -> XObject {
    image_xobject(bytes.to_vec(), width, height, colour_space, "DCTDecode")
}

/// An image XObject whose stream is already encoded with `filter`.
fn image_xobject(
    content: Vec<u8>,
    width: usize,
    height: usize,
    colour_space: &str,
    filter: &str,
) -> XObject {
    let name = |s: &str| DictItem::Name(s.as_bytes().to_vec());
    let dict = BTreeMap::from([
        ("Type".to_string(), name("XObject")),
        ("Subtype".to_string(), name("Image")),
        ("Width".to_string(), DictItem::Int(width as i64)),
        ("Height".to_string(), DictItem::Int(height as i64)),
        ("ColorSpace".to_string(), name(colour_space)),
        ("BitsPerComponent".to_string(), DictItem::Int(8)),
        ("Filter".to_string(), name(filter)),
    ]);
    XObject::External(ExternalXObject {
        stream: ExternalStream {
            dict,
            content,
            compress: false,
        },
        width: Some(Px(width)),
        height: Some(Px(height)),
        dpi: None,
    })
}

/// Box-filter resampling to `nw` × `nh` (each output pixel averages the input pixels under it).
fn downscale(px: &Pixels, nw: usize, nh: usize) -> Pixels {
    let ch = px.channels;
    let mut data = Vec::with_capacity(nw * nh * ch);
    for oy in 0..nh {
        let y0 = oy * px.height / nh;
        let y1 = ((oy + 1) * px.height / nh).max(y0 + 1);
        for ox in 0..nw {
            let x0 = ox * px.width / nw;
            let x1 = ((ox + 1) * px.width / nw).max(x0 + 1);
            let mut sum = [0u32; 3];
            for y in y0..y1 {
                let row = &px.data[(y * px.width + x0) * ch..(y * px.width + x1) * ch];
                for p in row.chunks_exact(ch) {
                    for (s, v) in sum.iter_mut().zip(p) {
                        *s += u32::from(*v);
                    }
                }
            }
            let n = ((y1 - y0) * (x1 - x0)) as u32;
            data.extend(sum[..ch].iter().map(|s| ((s + n / 2) / n) as u8));
        }
    }
    Pixels {
        width: nw,
        height: nh,
        channels: ch,
        data,
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
            let em = renderer.bold.ascent - renderer.bold.descent;
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
        assert!((r.regular.ascent - r.regular.descent - (1901.0 + 483.0) / 2048.0).abs() < 1e-3);
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

        // A JPEG goes in as it is (DCTDecode) and passes qpdf.
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
