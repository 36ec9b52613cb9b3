//! QR codes drawn as vectors: one filled rectangle per horizontal run of dark modules, so the
//! code stays sharp at any zoom and costs a few hundred bytes.

use printpdf::{CurTransMat, Mm, Op, PaintMode, Pt, Rect};
use qrcode::QrCode;

use super::document::grey;

/// A QR code's modules: `modules` × `modules`, row by row from the top, `true` for dark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Qr {
    pub modules: usize,
    pub dark: Vec<bool>,
}

impl Qr {
    /// The code for `data`, or `None` when it does not fit in a QR code.
    pub fn new(data: &str) -> Option<Qr> {
        let code = QrCode::new(data.as_bytes()).ok()?;
        Some(Qr {
            modules: code.width(),
            dark: code
                .to_colors()
                .iter()
                .map(|m| *m == qrcode::Color::Dark)
                .collect(),
        })
    }
}

/// The QR code as filled rectangles in a `size` mm square at (`x`, `y`), drawn in module units
/// (so the coordinates are small integers).
pub(crate) fn ops(x: f32, y: f32, size: f32, qr: &Qr) -> Vec<Op> {
    let modules = qr.modules.max(1);
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
    for (row, cells) in qr.dark.chunks(modules).enumerate() {
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
