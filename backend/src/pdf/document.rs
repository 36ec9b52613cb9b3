//! Writes pages of placed items (text lines, rules, frames, images, QR codes), in millimetres
//! from each page's bottom-left corner, into one PDF: DejaVu Sans embedded as one subset per
//! style for the whole document, images as XObjects, QR codes as vectors. The documents decide
//! where things go; this is the only place that speaks printpdf's op API.

use std::collections::{BTreeMap, BTreeSet};

use printpdf::{
    Color, CurTransMat, Greyscale, Line, LinePoint, Mm, Op, PaintMode, PdfDocument, PdfFont,
    PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect, TextItem, XObject, XObjectId,
    XObjectTransform,
};

use super::fonts::{Style, face};
use super::qr::{self, Qr};

/// One line of text at an absolute position: `x` is its left end, `baseline` its baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct TextLine {
    pub text: String,
    pub style: Style,
    /// In points.
    pub size: f32,
    pub x: f32,
    pub baseline: f32,
    /// 0 is black, 1 white.
    pub grey: f32,
}

/// Something drawn on a page; lengths in mm, line widths (`pt`) in points.
#[derive(Debug, Clone)]
pub enum Item {
    Text(TextLine),
    /// A horizontal line.
    Rule {
        x1: f32,
        x2: f32,
        y: f32,
        pt: f32,
        grey: f32,
    },
    /// A stroked rectangle.
    Frame {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        pt: f32,
        grey: f32,
    },
    /// An image prepared by [`super::images::xobject`], stretched over the box (boxed: an
    /// XObject is large next to the other items).
    Image {
        xobject: Box<XObject>,
        x: f32,
        y: f32,
        w: f32,
        h: f32,
    },
    /// A QR code in a `size` mm square.
    Qr {
        x: f32,
        y: f32,
        size: f32,
        qr: Qr,
    },
}

/// A page: its size in mm and what is drawn on it, in order.
#[derive(Debug, Clone)]
pub struct Page {
    pub width: f32,
    pub height: f32,
    pub items: Vec<Item>,
}

/// Black (0) to white (1).
pub(crate) fn grey(v: f32) -> Color {
    Color::Greyscale(Greyscale::new(v, None))
}

/// The pages as PDF bytes; `title` goes into the metadata.
pub fn write(title: &str, pages: Vec<Page>) -> Vec<u8> {
    let mut doc = PdfDocument::new(title);
    doc.metadata.info.creator = "convene".to_string();
    doc.metadata.info.producer = "convene".to_string();
    let now = printpdf::OffsetDateTime::now_utc();
    doc.metadata.info.creation_date = now;
    doc.metadata.info.modification_date = now;

    // Fonts: one subset per style that is actually used, for the whole document.
    let mut used: BTreeMap<Style, BTreeSet<char>> = BTreeMap::new();
    for item in pages.iter().flat_map(|p| &p.items) {
        if let Item::Text(t) = item {
            used.entry(t.style).or_default().extend(t.text.chars());
        }
    }
    for (style, chars) in &used {
        doc.resources
            .fonts
            .map
            .insert(style.font_id(), PdfFont::new(face(*style).subset(chars)));
    }

    let mut out = Vec::with_capacity(pages.len());
    for page in pages {
        let mut ops = Vec::new();
        for item in page.items {
            match item {
                Item::Text(t) => ops.extend([
                    Op::SetFillColor { col: grey(t.grey) },
                    Op::StartTextSection,
                    Op::SetFont {
                        font: PdfFontHandle::External(t.style.font_id()),
                        size: Pt(t.size),
                    },
                    Op::SetTextCursor {
                        pos: Point::new(Mm(t.x), Mm(t.baseline)),
                    },
                    Op::ShowText {
                        items: vec![TextItem::Text(t.text)],
                    },
                    Op::EndTextSection,
                ]),
                Item::Rule {
                    x1,
                    x2,
                    y,
                    pt,
                    grey: g,
                } => {
                    let point = |x: f32| LinePoint {
                        p: Point::new(Mm(x), Mm(y)),
                        bezier: false,
                    };
                    ops.extend([
                        Op::SetOutlineColor { col: grey(g) },
                        Op::SetOutlineThickness { pt: Pt(pt) },
                        Op::DrawLine {
                            line: Line {
                                points: vec![point(x1), point(x2)],
                                is_closed: false,
                            },
                        },
                    ]);
                }
                Item::Frame {
                    x,
                    y,
                    w,
                    h,
                    pt,
                    grey: g,
                } => ops.extend([
                    Op::SetOutlineColor { col: grey(g) },
                    Op::SetOutlineThickness { pt: Pt(pt) },
                    Op::DrawRectangle {
                        rectangle: Rect {
                            x: Mm(x).into(),
                            y: Mm(y).into(),
                            width: Mm(w).into(),
                            height: Mm(h).into(),
                            mode: Some(PaintMode::Stroke),
                            winding_order: None,
                        },
                    },
                ]),
                Item::Image {
                    xobject,
                    x,
                    y,
                    w,
                    h,
                } => {
                    let id = XObjectId(format!("Im{}", doc.resources.xobjects.map.len() + 1));
                    doc.resources.xobjects.map.insert(id.clone(), *xobject);
                    ops.extend(unit_square_at(x, y, w, h, id));
                }
                Item::Qr { x, y, size, qr } => ops.extend(qr::ops(x, y, size, &qr)),
            }
        }
        out.push(PdfPage::new(Mm(page.width), Mm(page.height), ops));
    }

    let options = PdfSaveOptions {
        optimize: true,
        // Already subset above; printpdf would only subset with `text_layout`.
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let bytes = doc.with_pages(out).save(&options, &mut warnings);
    for w in &warnings {
        tracing::debug!("pdf {title:?}: {w:?}");
    }
    bytes
}

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
