//! Reads PDFs back, in Rust: whether a file parses, whether its structure is sound, which fonts
//! it carries (embedded? subset? with a Unicode map?), its page sizes, how many images it draws,
//! and its text with every word's box.
//!
//! The tests read what convene renders through this module instead of poppler-utils and qpdf,
//! so `cargo test` needs nothing but the Rust toolchain; uploads that claim to be a PDF are
//! checked with [`parses`].
//!
//! The text reader interprets page content streams with lopdf: text state and matrices, simple
//! fonts (WinAnsi and the other standard encodings, `/Widths`) and composite fonts (Identity-H
//! with a ToUnicode map, `/W` widths), which covers what PDF writers commonly produce and
//! everything convene writes. Characters become words (split at spaces and gaps), words become
//! lines (by baseline), lines are read top to bottom and left to right. It does not detect
//! columns, so two side-by-side cells come out on one line, separated by a space.

use std::collections::HashMap;
use std::fmt;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Encoding, LoadOptions, Object, ObjectId};

/// Streams inflating beyond this are treated as broken (a tiny upload must not fill memory).
const MAX_STREAM: usize = 64 * 1024 * 1024;

/// Why a PDF could not be read or is not sound.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl From<lopdf::Error> for Error {
    fn from(e: lopdf::Error) -> Self {
        Error(e.to_string())
    }
}

fn err(message: impl Into<String>) -> Error {
    Error(message.into())
}

/// Whether `bytes` are a PDF a reader can open: the file parses, has a page tree with at least
/// one page, and every page's content stream decodes. Lenient about what viewers repair
/// silently (for example stale cross-reference offsets), so genuine uploads are not refused;
/// see [`check`] for the strict test of our own output.
pub fn parses(bytes: &[u8]) -> bool {
    let Ok(pdf) = Pdf::load(bytes, false) else {
        return false;
    };
    let pages = pdf.doc.get_pages();
    !pages.is_empty()
        && pages.values().all(|id| {
            pdf.doc
                .get_page_content_with_limit(*id, MAX_STREAM)
                .ok()
                .and_then(|c| Content::decode(&c).ok())
                .is_some()
        })
}

/// How much all the streams of an uploaded PDF may inflate to, together, while it is checked by
/// [`check_upload`]: a small file must not cost unbounded memory or time, however its streams
/// and cross-references repeat one another.
pub const UPLOAD_BUDGET: usize = 32 * 1024 * 1024;

thread_local! {
    /// What is left of [`UPLOAD_BUDGET`] for the upload being checked on this thread; `None`
    /// while no check runs here.
    static BUDGET: std::cell::Cell<Option<usize>> = const { std::cell::Cell::new(None) };
}

/// Called by lopdf for every object it loads: object streams (which lopdf inflates while it
/// loads) are inflated here first against what is left of the budget, and left out once it is
/// spent, which refuses the file. lopdf keeps the object it passed for top-level objects and
/// what this returns for the objects inside object streams (never streams themselves).
fn within_budget(id: ObjectId, object: &mut Object) -> Option<(ObjectId, Object)> {
    if let Object::Stream(stream) = object {
        if stream.dict.has_type(b"ObjStm") {
            let left = BUDGET.with(std::cell::Cell::get).unwrap_or(0);
            let spent = stream
                .decompressed_content_with_limit(left)
                .map(|c| c.len())
                .unwrap_or(usize::MAX);
            let rest = left.checked_sub(spent);
            BUDGET.with(|b| b.set(Some(rest.unwrap_or(0))));
            rest?;
        }
        return Some((id, Object::Null));
    }
    Some((id, object.clone()))
}

/// Checks an uploaded file that claims to be a PDF (it begins with `%PDF-`): it must load with
/// lopdf, have a page tree with at least one page, and every page's content must decode, with
/// everything the check inflates bounded by [`UPLOAD_BUDGET`] in all (pages past the budget are
/// not decoded; a file whose object streams alone exceed it is refused). Lenient about what
/// viewers repair (stale cross-reference offsets, say), so genuine uploads pass; a `%PDF-`
/// header in front of anything else (an executable, say) does not. Apply the upload's size
/// limit first: the check reads the whole file.
pub fn check_upload(bytes: &[u8]) -> Result<(), Error> {
    if !bytes.starts_with(b"%PDF-") {
        return Err(err("not a PDF: no %PDF- header"));
    }
    BUDGET.with(|b| b.set(Some(UPLOAD_BUDGET)));
    let options = LoadOptions {
        strict: false,
        max_decompressed_size: Some(UPLOAD_BUDGET),
        filter: Some(within_budget),
        ..LoadOptions::default()
    };
    let loaded = Document::load_mem_with_options(bytes, options);
    let left = BUDGET.with(|b| b.replace(None)).unwrap_or(0);
    let doc = loaded?;
    if left == 0 {
        return Err(err("its object streams inflate beyond the budget"));
    }
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err(err("no pages"));
    }
    let mut left = left;
    for (n, id) in &pages {
        if left == 0 {
            break;
        }
        let content = match doc.get_page_content_with_limit(*id, left) {
            Ok(content) => content,
            // The budget is spent: the pages from here on are not decoded.
            Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded {
                ..
            })) => {
                break;
            }
            Err(e) => return Err(e.into()),
        };
        left = left.saturating_sub(content.len().max(1));
        Content::decode(&content)
            .map_err(|e| err(format!("page {n}: content does not decode: {e}")))?;
    }
    Ok(())
}

/// The strict structural check of a PDF, in the spirit of `qpdf --check`: the header and the end
/// marker are there, every cross-reference entry points at its object, every reference
/// resolves, every stream decodes, the page tree counts its pages right, and every page has a
/// MediaBox and a content stream that decodes.
pub fn check(bytes: &[u8]) -> Result<(), Error> {
    if !bytes.starts_with(b"%PDF-") {
        return Err(err("no %PDF- header"));
    }
    if !bytes.trim_ascii_end().ends_with(b"%%EOF") {
        return Err(err("no %%EOF at the end"));
    }
    let pdf = Pdf::load(bytes, true)?;
    let doc = &pdf.doc;

    for (id, entry) in &doc.reference_table.entries {
        if let lopdf::xref::XrefEntry::Normal { offset, generation } = entry {
            let at = bytes
                .get(*offset as usize..)
                .ok_or_else(|| err(format!("object {id}: offset {offset} beyond the end")))?;
            let head = format!("{id} {generation} obj");
            if !at.starts_with(head.as_bytes()) {
                return Err(err(format!(
                    "object {id}: the cross-reference offset {offset} does not point at it"
                )));
            }
        }
    }

    for (id, object) in &doc.objects {
        let mut refs = Vec::new();
        references(object, &mut refs);
        if let Some(missing) = refs.iter().find(|r| !doc.objects.contains_key(r)) {
            return Err(err(format!(
                "object {} {} refers to the missing object {} {}",
                id.0, id.1, missing.0, missing.1
            )));
        }
        if let Object::Stream(stream) = object
            && stream.dict.has(b"Filter")
        {
            let filters = stream
                .filters()
                .map_err(|e| err(format!("object {} {}: unreadable /Filter: {e}", id.0, id.1)))?;
            // Image codecs are the viewer's business (qpdf does not decode them either); a JPEG
            // must at least start like one.
            if filters.contains(&&b"DCTDecode"[..]) {
                if filters.len() == 1 && !stream.content.starts_with(&[0xFF, 0xD8]) {
                    return Err(err(format!("object {} {}: not a JPEG", id.0, id.1)));
                }
            } else if !filters
                .iter()
                .any(|f| [&b"JPXDecode"[..], b"JBIG2Decode", b"CCITTFaxDecode"].contains(f))
            {
                stream
                    .decompressed_content_with_limit(MAX_STREAM)
                    .map_err(|e| {
                        err(format!(
                            "object {} {}: stream does not decode: {e}",
                            id.0, id.1
                        ))
                    })?;
            }
        }
    }

    let catalog = doc.catalog()?;
    if !catalog.has_type(b"Catalog") {
        return Err(err("the root is not a /Catalog"));
    }
    let root = catalog.get(b"Pages")?.as_reference()?;
    let count = doc.get_dictionary(root)?.get(b"Count")?.as_i64()?;
    let pages = doc.get_pages();
    if pages.is_empty() || usize::try_from(count).ok() != Some(pages.len()) {
        return Err(err(format!(
            "the page tree says {count} pages, it holds {}",
            pages.len()
        )));
    }
    for (n, id) in &pages {
        pdf.media_box(*id)
            .ok_or_else(|| err(format!("page {n} has no MediaBox")))?;
        let content = doc.get_page_content_with_limit(*id, MAX_STREAM)?;
        Content::decode(&content)
            .map_err(|e| err(format!("page {n}: content does not decode: {e}")))?;
    }
    Ok(())
}

/// Every indirect reference inside `object`.
fn references(object: &Object, out: &mut Vec<ObjectId>) {
    match object {
        Object::Reference(id) => out.push(*id),
        Object::Array(items) => items.iter().for_each(|o| references(o, out)),
        Object::Dictionary(dict) => dict.iter().for_each(|(_, o)| references(o, out)),
        Object::Stream(stream) => stream.dict.iter().for_each(|(_, o)| references(o, out)),
        _ => {}
    }
}

/// A font as a PDF declares it (one row of `pdffonts`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Font {
    /// `/BaseFont`, e.g. `ABCDEF+DejaVuSans`.
    pub name: String,
    /// `/Subtype`: `Type0`, `TrueType`, `Type1`, `Type3` …
    pub kind: String,
    /// The font program is in the file (`FontFile`, `FontFile2` or `FontFile3`).
    pub embedded: bool,
    /// Only the used glyphs: the name carries a six-capital-letter subset tag (`ABCDEF+`).
    pub subset: bool,
    /// A ToUnicode map says which characters the glyphs stand for.
    pub unicode: bool,
}

/// A word on a page and its box, in points from the page's top-left corner (as
/// `pdftotext -bbox` reports it): from the font's descender to its ascender, from the first
/// glyph's origin to the end of the last glyph's advance.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    pub text: String,
    pub x_min: f64,
    pub y_min: f64,
    pub x_max: f64,
    pub y_max: f64,
}

/// One page: its size in points and its words in reading order, grouped into lines.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub width: f64,
    pub height: f64,
    pub lines: Vec<Vec<Word>>,
}

impl Page {
    /// All words of the page in reading order.
    pub fn words(&self) -> impl Iterator<Item = &Word> {
        self.lines.iter().flatten()
    }

    /// The page's text: one line per text line, words separated by a space.
    pub fn text(&self) -> String {
        self.lines
            .iter()
            .map(|line| {
                line.iter()
                    .map(|w| w.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// A parsed PDF.
pub struct Pdf {
    doc: Document,
}

impl Pdf {
    /// Parses `bytes` (leniently, as a viewer would).
    pub fn parse(bytes: &[u8]) -> Result<Pdf, Error> {
        Pdf::load(bytes, false)
    }

    fn load(bytes: &[u8], strict: bool) -> Result<Pdf, Error> {
        if !bytes.starts_with(b"%PDF-") {
            return Err(err("not a PDF: no %PDF- header"));
        }
        let options = LoadOptions {
            strict,
            max_decompressed_size: Some(MAX_STREAM),
            ..LoadOptions::default()
        };
        let doc = Document::load_mem_with_options(bytes, options)?;
        if doc.is_encrypted() {
            return Err(err("encrypted"));
        }
        Ok(Pdf { doc })
    }

    /// How many pages the document has.
    pub fn page_count(&self) -> usize {
        self.doc.get_pages().len()
    }

    /// The MediaBox of every page, `[x0, y0, x1, y1]` in points (inherited from the page tree
    /// where the page has none of its own).
    pub fn media_boxes(&self) -> Result<Vec<[f64; 4]>, Error> {
        self.doc
            .get_pages()
            .iter()
            .map(|(n, id)| {
                self.media_box(*id)
                    .ok_or_else(|| err(format!("page {n} has no MediaBox")))
            })
            .collect()
    }

    fn media_box(&self, page: ObjectId) -> Option<[f64; 4]> {
        let mut dict = self.doc.get_dictionary(page).ok()?;
        for _ in 0..32 {
            if let Ok(b) = dict.get(b"MediaBox") {
                let b = self.doc.dereference(b).ok()?.1.as_array().ok()?;
                let n: Vec<f64> = b.iter().filter_map(|o| self.number(o)).collect::<Vec<_>>();
                return (n.len() == 4).then(|| [n[0], n[1], n[2], n[3]]);
            }
            let parent = dict.get(b"Parent").ok()?.as_reference().ok()?;
            dict = self.doc.get_dictionary(parent).ok()?;
        }
        None
    }

    fn number(&self, o: &Object) -> Option<f64> {
        self.doc
            .dereference(o)
            .ok()?
            .1
            .as_float()
            .ok()
            .map(f64::from)
    }

    /// Every font the document declares (composite fonts once, not their descendants).
    pub fn fonts(&self) -> Vec<Font> {
        let doc = &self.doc;
        doc.objects
            .values()
            .filter_map(|o| o.as_dict().ok())
            .filter(|d| d.has_type(b"Font"))
            .filter_map(|d| {
                let kind = name(d.get(b"Subtype").ok()?)?;
                if kind.starts_with("CIDFontType") {
                    return None;
                }
                let base = d.get(b"BaseFont").ok().and_then(name).unwrap_or_default();
                let descriptor_of = |font: &Dictionary| {
                    font.get_deref(b"FontDescriptor", doc)
                        .and_then(Object::as_dict)
                        .ok()
                        .cloned()
                };
                let descriptor = if kind == "Type0" {
                    d.get_deref(b"DescendantFonts", doc)
                        .and_then(Object::as_array)
                        .ok()
                        .and_then(|a| a.first())
                        .and_then(|f| doc.dereference(f).ok())
                        .and_then(|(_, f)| f.as_dict().ok())
                        .and_then(descriptor_of)
                } else {
                    descriptor_of(d)
                };
                let embedded = kind == "Type3"
                    || descriptor.is_some_and(|fd| {
                        [&b"FontFile"[..], b"FontFile2", b"FontFile3"]
                            .iter()
                            .any(|k| fd.get_deref(k, doc).and_then(Object::as_stream).is_ok())
                    });
                let subset = base.len() > 7
                    && base.as_bytes()[6] == b'+'
                    && base.as_bytes()[..6].iter().all(u8::is_ascii_uppercase);
                Some(Font {
                    unicode: d
                        .get_deref(b"ToUnicode", doc)
                        .and_then(Object::as_stream)
                        .is_ok(),
                    name: base,
                    kind,
                    embedded,
                    subset,
                })
            })
            .collect()
    }

    /// How many images the pages draw: image XObjects (inside form XObjects too) and inline
    /// images, each time it is drawn; soft masks are not counted.
    pub fn image_count(&self) -> Result<usize, Error> {
        let mut count = 0;
        for (n, id) in self.doc.get_pages() {
            let content = self.doc.get_page_content_with_limit(id, MAX_STREAM)?;
            let ops = Content::decode(&content)
                .map_err(|e| err(format!("page {n}: content does not decode: {e}")))?;
            let resources = self.page_resources(id);
            count += self.images_in(&ops.operations, &resources, 0);
        }
        Ok(count)
    }

    fn images_in(
        &self,
        ops: &[lopdf::content::Operation],
        resources: &[&Dictionary],
        depth: usize,
    ) -> usize {
        let mut count = 0;
        for op in ops {
            match op.operator.as_str() {
                "BI" | "INLINE IMAGE" => count += 1,
                "Do" => {
                    let Some(stream) = op
                        .operands
                        .first()
                        .and_then(|o| o.as_name().ok())
                        .and_then(|n| self.xobject(resources, n))
                    else {
                        continue;
                    };
                    match stream.dict.get(b"Subtype").ok().and_then(name).as_deref() {
                        Some("Image") => count += 1,
                        Some("Form") if depth < 8 => {
                            let own = stream
                                .dict
                                .get_deref(b"Resources", &self.doc)
                                .and_then(Object::as_dict)
                                .ok();
                            let inner: Vec<&Dictionary> =
                                own.into_iter().chain(resources.iter().copied()).collect();
                            if let Ok(content) = stream.decompressed_content_with_limit(MAX_STREAM)
                                && let Ok(form) = Content::decode(&content)
                            {
                                count += self.images_in(&form.operations, &inner, depth + 1);
                            }
                        }
                        _ => {}
                    }
                }
                _ => {}
            }
        }
        count
    }

    /// The resource dictionaries that apply to a page, nearest first.
    fn page_resources(&self, page: ObjectId) -> Vec<&Dictionary> {
        let Ok((own, inherited)) = self.doc.get_page_resources(page) else {
            return Vec::new();
        };
        own.into_iter()
            .chain(
                inherited
                    .into_iter()
                    .filter_map(|id| self.doc.get_dictionary(id).ok()),
            )
            .collect()
    }

    fn xobject<'a>(
        &'a self,
        resources: &[&'a Dictionary],
        key: &[u8],
    ) -> Option<&'a lopdf::Stream> {
        resources.iter().find_map(|r| {
            r.get_deref(b"XObject", &self.doc)
                .and_then(Object::as_dict)
                .ok()?
                .get_deref(key, &self.doc)
                .and_then(Object::as_stream)
                .ok()
        })
    }

    /// Every page with its words and their boxes.
    pub fn pages(&self) -> Result<Vec<Page>, Error> {
        self.doc
            .get_pages()
            .into_iter()
            .map(|(n, id)| self.page(id).map_err(|e| err(format!("page {n}: {e}"))))
            .collect()
    }

    /// The text of every page in reading order; each page is followed by a line holding only a
    /// form feed, so every text line of a page starts a line of the result.
    pub fn text(&self) -> Result<String, Error> {
        Ok(self
            .pages()?
            .iter()
            .map(|p| format!("{}\n\u{c}\n", p.text()))
            .collect())
    }

    fn page(&self, id: ObjectId) -> Result<Page, Error> {
        let [x0, y0, x1, y1] = self.media_box(id).ok_or_else(|| err("no MediaBox"))?;
        let content = self.doc.get_page_content_with_limit(id, MAX_STREAM)?;
        let ops = Content::decode(&content).map_err(|e| err(format!("content: {e}")))?;
        let resources = self.page_resources(id);
        let mut glyphs = Vec::new();
        let mut fonts = HashMap::new();
        self.run(
            &ops.operations,
            &resources,
            IDENTITY,
            &mut fonts,
            &mut glyphs,
            0,
        );
        let (width, height) = ((x1 - x0).abs(), (y1 - y0).abs());
        let top = y0.max(y1);
        let left = x0.min(x1);
        Ok(Page {
            width,
            height,
            lines: lines(words(&glyphs), left, top),
        })
    }

    /// Interprets one content stream, collecting every glyph shown.
    fn run<'d>(
        &'d self,
        ops: &[lopdf::content::Operation],
        resources: &[&'d Dictionary],
        ctm: Matrix,
        fonts: &mut HashMap<Vec<u8>, Option<FontMetrics<'d>>>,
        out: &mut Vec<Glyph>,
        depth: usize,
    ) {
        let mut gs = GraphicsState {
            ctm,
            ..GraphicsState::default()
        };
        let mut stack: Vec<GraphicsState> = Vec::new();
        let mut tm = IDENTITY;
        let mut tlm = IDENTITY;
        let num = |o: &Object| o.as_float().ok().map(f64::from).unwrap_or(0.0);
        for op in ops {
            let a = &op.operands;
            let n = |i: usize| a.get(i).map(num).unwrap_or(0.0);
            match op.operator.as_str() {
                "q" => stack.push(gs.clone()),
                "Q" => {
                    if let Some(saved) = stack.pop() {
                        gs = saved;
                    }
                }
                "cm" if a.len() == 6 => gs.ctm = mul([n(0), n(1), n(2), n(3), n(4), n(5)], gs.ctm),
                "BT" => {
                    tm = IDENTITY;
                    tlm = IDENTITY;
                }
                "Tf" if a.len() == 2 => {
                    let key = a[0].as_name().unwrap_or_default().to_vec();
                    gs.size = n(1);
                    gs.font = Some(key.clone());
                    fonts
                        .entry(key.clone())
                        .or_insert_with(|| self.font_metrics(resources, &key));
                }
                "Tc" => gs.char_spacing = n(0),
                "Tw" => gs.word_spacing = n(0),
                "Tz" => gs.scale = n(0) / 100.0,
                "TL" => gs.leading = n(0),
                "Ts" => gs.rise = n(0),
                "Td" | "TD" if a.len() == 2 => {
                    if op.operator == "TD" {
                        gs.leading = -n(1);
                    }
                    tlm = mul([1.0, 0.0, 0.0, 1.0, n(0), n(1)], tlm);
                    tm = tlm;
                }
                "Tm" if a.len() == 6 => {
                    tlm = [n(0), n(1), n(2), n(3), n(4), n(5)];
                    tm = tlm;
                }
                "T*" => {
                    tlm = mul([1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], tlm);
                    tm = tlm;
                }
                "Tj" | "'" | "\"" | "TJ" => {
                    if op.operator != "Tj" && op.operator != "TJ" {
                        if op.operator == "\"" {
                            gs.word_spacing = n(0);
                            gs.char_spacing = n(1);
                        }
                        tlm = mul([1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], tlm);
                        tm = tlm;
                    }
                    let Some(font) = gs.font.as_ref().and_then(|k| fonts.get(k)?.as_ref()) else {
                        continue;
                    };
                    let items: Vec<&Object> = match op.operator.as_str() {
                        "TJ" => a
                            .first()
                            .and_then(|o| o.as_array().ok())
                            .map(|arr| arr.iter().collect())
                            .unwrap_or_default(),
                        _ => a.last().into_iter().collect(),
                    };
                    for item in items {
                        match item {
                            Object::String(bytes, _) => {
                                show(bytes, font, &gs, &mut tm, out);
                            }
                            other => {
                                let adjust = num(other);
                                let tx = -adjust / 1000.0 * gs.size * gs.scale;
                                tm = mul([1.0, 0.0, 0.0, 1.0, tx, 0.0], tm);
                            }
                        }
                    }
                }
                "Do" if depth < 8 => {
                    let Some(stream) = a
                        .first()
                        .and_then(|o| o.as_name().ok())
                        .and_then(|k| self.xobject(resources, k))
                    else {
                        continue;
                    };
                    if stream.dict.get(b"Subtype").ok().and_then(name).as_deref() != Some("Form") {
                        continue;
                    }
                    let matrix = stream
                        .dict
                        .get(b"Matrix")
                        .and_then(Object::as_array)
                        .ok()
                        .filter(|m| m.len() == 6)
                        .map(|m| {
                            [
                                num(&m[0]),
                                num(&m[1]),
                                num(&m[2]),
                                num(&m[3]),
                                num(&m[4]),
                                num(&m[5]),
                            ]
                        })
                        .unwrap_or(IDENTITY);
                    let own = stream
                        .dict
                        .get_deref(b"Resources", &self.doc)
                        .and_then(Object::as_dict)
                        .ok();
                    let inner: Vec<&Dictionary> =
                        own.into_iter().chain(resources.iter().copied()).collect();
                    if let Ok(content) = stream.decompressed_content_with_limit(MAX_STREAM)
                        && let Ok(form) = Content::decode(&content)
                    {
                        // Font names are local to a resource dictionary.
                        let mut form_fonts = HashMap::new();
                        self.run(
                            &form.operations,
                            &inner,
                            mul(matrix, gs.ctm),
                            &mut form_fonts,
                            out,
                            depth + 1,
                        );
                    }
                }
                _ => {}
            }
        }
    }

    /// What the text reader needs of the font `key` in `resources`.
    fn font_metrics<'d>(
        &'d self,
        resources: &[&'d Dictionary],
        key: &[u8],
    ) -> Option<FontMetrics<'d>> {
        let doc = &self.doc;
        let font = resources.iter().find_map(|r| {
            r.get_deref(b"Font", doc)
                .and_then(Object::as_dict)
                .ok()?
                .get_deref(key, doc)
                .and_then(Object::as_dict)
                .ok()
        })?;
        let encoding = font.get_font_encoding(doc).ok()?;
        let composite = font.get(b"Subtype").ok().and_then(name).as_deref() == Some("Type0");
        let number = |o: &Object| self.number(o);
        let mut widths = HashMap::new();
        let default_width;
        let descriptor;
        if composite {
            let cid = font
                .get_deref(b"DescendantFonts", doc)
                .and_then(Object::as_array)
                .ok()
                .and_then(|a| a.first())
                .and_then(|f| doc.dereference(f).ok())
                .and_then(|(_, f)| f.as_dict().ok());
            default_width = cid
                .and_then(|c| c.get(b"DW").ok())
                .and_then(number)
                .unwrap_or(1000.0);
            if let Some(w) =
                cid.and_then(|c| c.get_deref(b"W", doc).and_then(Object::as_array).ok())
            {
                // [c [w1 w2 …]] or [c_first c_last w]
                let mut i = 0;
                while i < w.len() {
                    let Some(first) = number(&w[i]) else { break };
                    let first = first as u32;
                    match w.get(i + 1).map(|o| doc.dereference(o).map(|(_, o)| o)) {
                        Some(Ok(Object::Array(list))) => {
                            for (k, v) in list.iter().enumerate() {
                                widths.insert(first + k as u32, number(v).unwrap_or(default_width));
                            }
                            i += 2;
                        }
                        Some(Ok(last)) => {
                            let (Some(last), Some(v)) =
                                (number(last), w.get(i + 2).and_then(number))
                            else {
                                break;
                            };
                            for c in first..=(last as u32).min(first + 65_535) {
                                widths.insert(c, v);
                            }
                            i += 3;
                        }
                        _ => break,
                    }
                }
            }
            descriptor = cid.and_then(|c| {
                c.get_deref(b"FontDescriptor", doc)
                    .and_then(Object::as_dict)
                    .ok()
            });
        } else {
            // Standard fonts without /Widths: about half an em on average.
            default_width = 500.0;
            let first = font.get(b"FirstChar").ok().and_then(number).unwrap_or(0.0) as u32;
            if let Ok(list) = font.get_deref(b"Widths", doc).and_then(Object::as_array) {
                for (k, v) in list.iter().enumerate() {
                    if let Some(v) = number(v) {
                        widths.insert(first + k as u32, v);
                    }
                }
            }
            descriptor = font
                .get_deref(b"FontDescriptor", doc)
                .and_then(Object::as_dict)
                .ok();
        }
        // Poppler's defaults and sanity limits for the vertical extent of a line.
        let read = |k: &[u8]| descriptor.and_then(|d| d.get(k).ok()).and_then(number);
        let ascent = read(b"Ascent")
            .map(|a| a / 1000.0)
            .filter(|a| *a > 0.0 && *a < 3.0)
            .unwrap_or(0.95);
        let descent = read(b"Descent")
            .map(|d| -(d / 1000.0).abs())
            .filter(|d| *d < 0.0 && *d > -3.0)
            .unwrap_or(-0.35);
        Some(FontMetrics {
            encoding,
            composite,
            widths,
            default_width,
            ascent,
            descent,
        })
    }
}

fn name(o: &Object) -> Option<String> {
    o.as_name()
        .ok()
        .map(|n| String::from_utf8_lossy(n).into_owned())
}

type Matrix = [f64; 6];

const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `m × n` in PDF's row-vector convention (`m` applied first).
fn mul(m: Matrix, n: Matrix) -> Matrix {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

fn apply(m: Matrix, x: f64, y: f64) -> (f64, f64) {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

#[derive(Clone)]
struct GraphicsState {
    ctm: Matrix,
    font: Option<Vec<u8>>,
    size: f64,
    char_spacing: f64,
    word_spacing: f64,
    scale: f64,
    leading: f64,
    rise: f64,
}

impl Default for GraphicsState {
    fn default() -> Self {
        GraphicsState {
            ctm: IDENTITY,
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            scale: 1.0,
            leading: 0.0,
            rise: 0.0,
        }
    }
}

struct FontMetrics<'d> {
    encoding: Encoding<'d>,
    /// Two-byte codes (Identity-H); simple fonts use one byte per code.
    composite: bool,
    /// Advance widths by code, in thousandths of an em.
    widths: HashMap<u32, f64>,
    default_width: f64,
    /// In ems; `descent` is negative.
    ascent: f64,
    descent: f64,
}

/// One shown character in page space (points, origin bottom-left).
#[derive(Debug, Clone)]
struct Glyph {
    text: String,
    x0: f64,
    x1: f64,
    baseline: f64,
    /// Font size in page space.
    size: f64,
    ascent: f64,
    descent: f64,
}

/// Shows the string `bytes`, advancing the text matrix.
fn show(
    bytes: &[u8],
    font: &FontMetrics<'_>,
    gs: &GraphicsState,
    tm: &mut Matrix,
    out: &mut Vec<Glyph>,
) {
    let step = if font.composite { 2 } else { 1 };
    for code in bytes.chunks(step) {
        let value = code.iter().fold(0u32, |v, b| v << 8 | u32::from(*b));
        let w0 = font
            .widths
            .get(&value)
            .copied()
            .unwrap_or(font.default_width)
            / 1000.0;
        let text = font.encoding.bytes_to_string(code).unwrap_or_default();
        let space = step == 1 && value == 32;
        let trm = mul(
            [gs.size * gs.scale, 0.0, 0.0, gs.size, 0.0, gs.rise],
            mul(*tm, gs.ctm),
        );
        let user = mul(*tm, gs.ctm);
        let (x0, baseline) = (trm[4], trm[5]);
        let (x1, _) = apply(user, w0 * gs.size * gs.scale, gs.rise);
        let size = gs.size * user[2].hypot(user[3]);
        out.push(Glyph {
            text,
            x0,
            x1,
            baseline,
            size,
            ascent: font.ascent,
            descent: font.descent,
        });
        let tx =
            (w0 * gs.size + gs.char_spacing + if space { gs.word_spacing } else { 0.0 }) * gs.scale;
        *tm = mul([1.0, 0.0, 0.0, 1.0, tx, 0.0], *tm);
    }
}

/// A word under construction: glyphs on one baseline without a space or gap between them.
#[derive(Debug)]
struct Run {
    text: String,
    x0: f64,
    x1: f64,
    baseline: f64,
    top: f64,
    bottom: f64,
    size: f64,
}

/// Glyphs joined into words: a space, a change of baseline or a gap ends a word.
fn words(glyphs: &[Glyph]) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    let mut open = false;
    for g in glyphs {
        if g.text.chars().all(char::is_whitespace) {
            open = false;
            continue;
        }
        let top = g.baseline + g.ascent * g.size;
        let bottom = g.baseline + g.descent * g.size;
        if open && let Some(w) = out.last_mut() {
            let same_line = (g.baseline - w.baseline).abs() < 0.1 * g.size.max(1.0);
            let gap = g.x0 - w.x1;
            if same_line && gap < 0.15 * g.size && gap > -0.5 * g.size {
                w.text.push_str(&g.text);
                w.x1 = w.x1.max(g.x1);
                w.top = w.top.max(top);
                w.bottom = w.bottom.min(bottom);
                w.size = w.size.max(g.size);
                continue;
            }
        }
        out.push(Run {
            text: g.text.clone(),
            x0: g.x0.min(g.x1),
            x1: g.x0.max(g.x1),
            baseline: g.baseline,
            top,
            bottom,
            size: g.size,
        });
        open = true;
    }
    out
}

/// Words grouped into lines by baseline, top to bottom, each line left to right; boxes turned
/// into top-left coordinates of a page whose top-left corner is (`left`, `top`).
fn lines(mut runs: Vec<Run>, left: f64, top: f64) -> Vec<Vec<Word>> {
    runs.sort_by(|a, b| {
        b.baseline
            .total_cmp(&a.baseline)
            .then(a.x0.total_cmp(&b.x0))
    });
    let mut grouped: Vec<Vec<Run>> = Vec::new();
    for run in runs {
        match grouped.last_mut() {
            Some(line)
                if (line[0].baseline - run.baseline).abs()
                    < 0.2 * line[0].size.min(run.size).max(1.0) =>
            {
                line.push(run);
            }
            _ => grouped.push(vec![run]),
        }
    }
    grouped
        .into_iter()
        .map(|mut line| {
            line.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            line.into_iter()
                .map(|r| Word {
                    text: r.text,
                    x_min: r.x0 - left,
                    y_min: top - r.top,
                    x_max: r.x1 - left,
                    y_max: top - r.bottom,
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::pdf::testing::hand_written;

    #[test]
    fn matrices_compose_in_pdf_order() {
        let scale = [2.0, 0.0, 0.0, 2.0, 0.0, 0.0];
        let shift = [1.0, 0.0, 0.0, 1.0, 10.0, 5.0];
        // Scale first, then shift: (1, 1) → (2, 2) → (12, 7).
        assert_eq!(apply(mul(scale, shift), 1.0, 1.0), (12.0, 7.0));
        assert_eq!(apply(mul(shift, scale), 1.0, 1.0), (22.0, 12.0));
    }

    #[test]
    fn garbage_and_truncated_files_do_not_parse() {
        assert!(!parses(b""));
        assert!(!parses(b"%PDF-1.7\nnothing else"));
        assert!(!parses(b"\x89PNG\r\n\x1a\n"));
        assert!(check(b"%PDF-1.4\n%%EOF").is_err());
    }

    #[test]
    fn a_hand_written_pdf_with_a_standard_font_reads_back() {
        // WinAnsi: \344 ä, \374 ü, \337 ß, \204 „, \223 “, \226 –.
        let pdf = hand_written(
            b"BT /F1 22 Tf 56 780 Td (W\\344rme f\\374r Stra\\337en) Tj ET\n\
              BT /F1 10 Tf 56 700 Td (Ein \\204Absatz\\223 \\226 und mehr.) Tj ET",
        );
        assert!(parses(&pdf));
        check(&pdf).unwrap();
        let doc = Pdf::parse(&pdf).unwrap();
        assert_eq!(doc.page_count(), 1);
        assert_eq!(doc.media_boxes().unwrap(), [[0.0, 0.0, 595.0, 842.0]]);
        assert_eq!(doc.image_count().unwrap(), 0);
        assert_eq!(
            doc.text().unwrap(),
            "Wärme für Straßen\nEin „Absatz“ – und mehr.\n\u{c}\n"
        );
        let pages = doc.pages().unwrap();
        let first = pages[0].words().next().unwrap();
        assert_eq!(first.text, "Wärme");
        // 22 pt at x = 56 pt, baseline 780 pt from the bottom of an 842 pt page.
        assert!((first.x_min - 56.0).abs() < 1e-6, "{first:?}");
        assert!(
            first.y_min < 842.0 - 780.0 && first.y_max > 842.0 - 780.0,
            "{first:?}"
        );
        let fonts = doc.fonts();
        assert_eq!(fonts.len(), 1);
        assert!(!fonts[0].embedded && !fonts[0].subset && !fonts[0].unicode);
    }

    #[test]
    fn an_upload_must_be_a_pdf_beyond_its_first_bytes() {
        let pdf = hand_written(b"BT /F1 12 Tf 56 780 Td (Lebenslauf) Tj ET");
        check_upload(&pdf).unwrap();
        // Object streams and a cross-reference stream, as modern writers save.
        let mut doc = Document::load_mem(&pdf).unwrap();
        let mut modern = Vec::new();
        doc.save_modern(&mut modern).unwrap();
        assert!(modern.windows(7).any(|w| w == b"/ObjStm"), "object streams");
        check_upload(&modern).unwrap();
        // A PDF header in front of an executable, a truncated file, no page at all.
        let mut exe = b"%PDF-1.4\n".to_vec();
        exe.extend_from_slice(b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff");
        exe.extend_from_slice(&[0x90; 4096]);
        exe.extend_from_slice(b"This program cannot be run in DOS mode.\r\n$");
        assert!(check_upload(&exe).is_err());
        assert!(check_upload(&pdf[..pdf.len() / 2]).is_err());
        assert!(check_upload(b"%PDF-1.7\n%%EOF\n").is_err());
        assert!(check_upload(b"\x89PNG\r\n\x1a\n").is_err());
    }

    #[test]
    fn an_upload_whose_streams_inflate_beyond_the_budget_is_refused() {
        use std::io::Write as _;
        // An object stream of 20 MB of spaces (20 kB compressed), listed twice in the
        // cross-reference table: each listing inflates it again, 40 MB in all.
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        z.write_all(b"6 0 ").unwrap();
        z.write_all(&vec![b' '; 20 * 1024 * 1024]).unwrap();
        let bomb = z.finish().unwrap();
        let pdf = hand_written(b"BT /F1 12 Tf 56 780 Td (Titel) Tj ET");
        let xref_at = pdf.windows(6).position(|w| w == b"\nxref\n").unwrap() + 1;
        let mut out = pdf[..xref_at].to_vec();
        let mut stream_at = Vec::new();
        for id in [6, 7] {
            stream_at.push(out.len());
            out.extend_from_slice(
                format!(
                    "{id} 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length {} >>\nstream\n",
                    bomb.len()
                )
                .as_bytes(),
            );
            out.extend_from_slice(&bomb);
            out.extend_from_slice(b"\nendstream\nendobj\n");
        }
        // The table of the hand-written file, plus the two streams.
        let table = &pdf[xref_at..];
        let text = String::from_utf8_lossy(table).to_string();
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        lines[1] = "0 8".into();
        let entries: Vec<String> = stream_at
            .iter()
            .map(|at| format!("{at:010} 00000 n "))
            .collect();
        lines.splice(8..8, entries);
        let new_xref = out.len();
        let mut table = lines.join("\n");
        table = table.replace("/Size 6", "/Size 8");
        let at = table.rfind("startxref\n").unwrap();
        table.truncate(at);
        table.push_str(&format!("startxref\n{new_xref}\n%%EOF\n"));
        out.extend_from_slice(table.as_bytes());
        assert!(out.len() < 100 * 1024, "{} bytes", out.len());
        assert!(parses(&out), "a lenient reader opens it");
        let e = check_upload(&out).unwrap_err();
        assert!(e.to_string().contains("budget"), "{e}");
    }

    #[test]
    fn a_broken_cross_reference_fails_the_check_but_still_parses() {
        let pdf = hand_written(b"BT /F1 12 Tf 56 780 Td (Titel) Tj ET");
        check(&pdf).unwrap();
        // Shift every object by one byte: the offsets in the table are now all wrong.
        let at = pdf.windows(7).position(|w| w == b"1 0 obj").unwrap();
        let mut shifted = pdf[..at].to_vec();
        shifted.push(b'\n');
        shifted.extend_from_slice(&pdf[at..]);
        assert!(check(&shifted).is_err());
        // A truncated file is not a PDF at all.
        assert!(!parses(&pdf[..pdf.len() / 2]));
    }
}
