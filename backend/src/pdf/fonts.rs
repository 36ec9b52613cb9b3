//! The fonts every convene PDF is set in: DejaVu Sans and DejaVu Sans Bold, compiled in (see
//! `backend/assets/fonts/LICENSE`), for full Latin coverage: "Łódź", "Jiří Dvořák", "Åsa
//! Ødegård" and the typographic quotes print as they are, which the PDF standard fonts'
//! WinAnsi encoding cannot do.
//!
//! A [`Face`] knows its metrics (advance widths, ascender, descender) so text is measured
//! exactly, and subsets itself: each PDF embeds only the glyphs it uses. printpdf subsets fonts
//! only with its heavy `text_layout` feature, so the kit subsets with allsorts itself and hands
//! printpdf the small font, named with the `XXXXXX+` subset tag.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{CmapTarget, SubsetProfile};
use printpdf::{FontId, ParsedFont};

use super::MM_PER_PT;

pub(crate) const FONT_REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
pub(crate) const FONT_BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// The two styles a document can use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Style {
    Regular,
    Bold,
}

impl Style {
    /// The font's resource name in a PDF (one subset per style and document).
    pub(crate) fn font_id(self) -> FontId {
        FontId(match self {
            Style::Regular => "Regular".to_string(),
            Style::Bold => "Bold".to_string(),
        })
    }
}

/// Both faces, parsed once.
pub struct Fonts {
    pub regular: Face,
    pub bold: Face,
}

impl Fonts {
    pub fn face(&self, style: Style) -> &Face {
        match style {
            Style::Regular => &self.regular,
            Style::Bold => &self.bold,
        }
    }
}

/// Parsed once per process: parsing DejaVu takes longer than laying out a whole document.
static FONTS: LazyLock<Fonts> = LazyLock::new(|| Fonts {
    regular: Face::load(FONT_REGULAR, "DejaVuSans"),
    bold: Face::load(FONT_BOLD, "DejaVuSans-Bold"),
});

/// The compiled-in fonts. Panics only if they are broken.
pub fn fonts() -> &'static Fonts {
    &FONTS
}

/// The face of `style`.
pub fn face(style: Style) -> &'static Face {
    fonts().face(style)
}

/// A compiled-in font: metrics and subsetting.
pub struct Face {
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

    /// The ascender in ems.
    pub fn ascent(&self) -> f32 {
        self.ascent
    }

    /// The descender in ems (negative).
    pub fn descent(&self) -> f32 {
        self.descent
    }

    fn glyph(&self, c: char) -> u16 {
        self.font.lookup_glyph_index(c as u32).unwrap_or(0)
    }

    /// Advance width of one character in ems.
    pub fn advance(&self, c: char) -> f32 {
        let gid = self.glyph(c);
        f32::from(self.font.glyph_widths.get(&gid).copied().unwrap_or(0)) / self.units_per_em
    }

    /// Width of `text` at `size` points, in mm.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.advance(c)).sum::<f32>() * size * MM_PER_PT
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
                tracing::warn!("pdf: subsetting {} failed, embedding it whole", self.name);
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
