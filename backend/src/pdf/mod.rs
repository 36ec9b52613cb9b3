//! The PDF kit: everything convene's PDFs share, so that each document (certificates,
//! matchmaking lists, the jury report, the demo's pitch documents) keeps only its own layout
//! decisions.

/// Writes pages of placed text, lines, frames, images and QR codes into one PDF.
pub mod document;
/// DejaVu Sans compiled in: metrics for measuring text, and subsetting for embedding it.
pub mod fonts;
/// PNG and JPEG: uploads checked by content, placed in a box, embedded as image XObjects.
pub mod images;
/// Reads PDFs back: parses, structure check, fonts, page boxes, images, text with word boxes.
pub mod inspect;
/// Text layout: word wrapping by measured width, paragraphs, "…" cuts, shrinking to fit.
pub mod layout;
/// QR codes drawn as vectors.
pub mod qr;

/// Millimetres per typographic point: layouts are in mm, font sizes in points.
pub const MM_PER_PT: f32 = 25.4 / 72.0;

#[cfg(test)]
pub(crate) mod testing {
    //! Helpers for the unit tests of the modules that render PDFs.

    use super::inspect;

    /// The parsed PDF; panics with the reason when it does not parse.
    pub(crate) fn parse(pdf: &[u8]) -> inspect::Pdf {
        assert!(pdf.starts_with(b"%PDF-"), "not a PDF");
        inspect::Pdf::parse(pdf).unwrap_or_else(|e| panic!("the PDF does not parse: {e}"))
    }

    /// A one-page PDF as simple writers make it: Helvetica (not embedded) in WinAnsi, 595 × 842
    /// points, `content` as the page's uncompressed content stream.
    pub(crate) fn hand_written(content: &[u8]) -> Vec<u8> {
        let mut stream = format!("<< /Length {} >>\nstream\n", content.len()).into_bytes();
        stream.extend_from_slice(content);
        stream.extend_from_slice(b"\nendstream");
        let objects: [&[u8]; 5] = [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] \
              /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
            &stream,
        ];
        let mut out = b"%PDF-1.4\n".to_vec();
        let mut offsets = Vec::new();
        for (i, object) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
            out.extend_from_slice(object);
            out.extend_from_slice(b"\nendobj\n");
        }
        let xref = out.len();
        out.extend_from_slice(b"xref\n0 6\n0000000000 65535 f \n");
        for offset in offsets {
            out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
        }
        out.extend_from_slice(
            format!("trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n").as_bytes(),
        );
        out
    }

    /// The text of every page, in reading order.
    pub(crate) fn pages_text(pdf: &[u8]) -> Vec<String> {
        parse(pdf)
            .pages()
            .unwrap_or_else(|e| panic!("cannot read the PDF's pages: {e}"))
            .iter()
            .map(inspect::Page::text)
            .collect()
    }

    /// The text of the whole PDF, pages one after the other.
    pub(crate) fn text(pdf: &[u8]) -> String {
        pages_text(pdf).join("\n")
    }

    /// Panics unless the structure is sound; with `CONVENE_PDF_TOOLS=required`, `qpdf --check`
    /// must agree (a missing `qpdf` fails the test then).
    pub(crate) fn assert_sound(pdf: &[u8]) {
        if let Err(e) = inspect::check(pdf) {
            panic!("the PDF is not sound: {e}");
        }
        if std::env::var("CONVENE_PDF_TOOLS").as_deref() == Ok("required") {
            let file = tempfile::NamedTempFile::new().unwrap();
            std::fs::write(file.path(), pdf).unwrap();
            let out = std::process::Command::new("qpdf")
                .arg("--check")
                .arg(file.path())
                .output()
                .unwrap_or_else(|e| {
                    panic!("CONVENE_PDF_TOOLS=required but qpdf does not run: {e}")
                });
            assert!(
                out.status.success(),
                "qpdf --check: {}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }

    /// Panics unless every font is an embedded DejaVu Sans subset with a Unicode map; returns
    /// how many fonts there are.
    pub(crate) fn assert_fonts_embedded_subset_unicode(pdf: &[u8]) -> usize {
        let fonts = parse(pdf).fonts();
        for f in &fonts {
            assert!(f.name.contains("+DejaVuSans"), "{f:?}");
            assert!(f.embedded && f.subset && f.unicode, "emb sub uni: {f:?}");
        }
        fonts.len()
    }
}
