//! Text layout: greedy word wrapping measured with the font's own advance widths, paragraphs,
//! cutting with "…", and shrinking a line until it fits. printpdf's op API has no line
//! wrapping, so every document wraps through here.

use super::MM_PER_PT;
use super::fonts::Face;

/// The distance between two baselines for text of `size` points, in mm.
pub fn line_height(size: f32) -> f32 {
    size * MM_PER_PT * 1.3
}

impl Face {
    /// Greedy word wrap to `width` mm; words longer than a line are broken between characters.
    pub fn wrap(&self, text: &str, size: f32, width: f32) -> Vec<String> {
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
    pub fn wrap_paragraphs(&self, text: &str, size: f32, width: f32) -> Vec<Option<String>> {
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
    pub fn ellipsis(&self, text: &str, size: f32, width: f32) -> String {
        let mut s = text.trim_end().to_string();
        while !s.is_empty() && self.width(&s, size) + self.width("…", size) > width {
            s.pop();
            s.truncate(s.trim_end().len());
        }
        s.push('…');
        s
    }

    /// [`Face::wrap`], keeping at most `max_lines` lines; the last one kept ends in "…" if text
    /// was cut.
    pub fn wrap_limited(&self, text: &str, size: f32, width: f32, max_lines: usize) -> Vec<String> {
        let mut lines = self.wrap(text, size, width);
        if lines.len() > max_lines {
            lines.truncate(max_lines);
            if let Some(last) = lines.last_mut() {
                *last = self.ellipsis(last, size, width);
            }
        }
        lines
    }

    /// One line of `text`, shrunk from `max` down to `min` points to fit `width`; still too long
    /// at `min`, wrapped into at most `max_lines` lines (the last cut with "…").
    pub fn fit(
        &self,
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
        let mut size = max;
        while size > min && self.width(&text, size) > width {
            size = (size - 1.0).max(min);
        }
        if self.width(&text, size) <= width {
            return (size, vec![text]);
        }
        (size, self.wrap_limited(&text, size, width, max_lines))
    }
}

#[cfg(test)]
mod tests {
    use super::super::fonts::{Style, face};

    #[test]
    fn a_long_word_is_broken_and_every_line_fits() {
        let regular = face(Style::Regular);
        let lines = regular.wrap(
            "kurz Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherung ende",
            12.0,
            40.0,
        );
        assert!(lines.len() >= 3, "{lines:?}");
        assert!(
            lines.iter().all(|l| regular.width(l, 12.0) <= 40.0 + 1e-3),
            "{lines:?}"
        );
        assert_eq!(
            lines.concat().replace(' ', ""),
            "kurzDonaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherungende"
        );
    }

    #[test]
    fn cut_text_ends_in_an_ellipsis_within_the_width() {
        let bold = face(Style::Bold);
        let lines = bold.wrap_limited("eins zwei drei vier fünf sechs sieben acht", 11.0, 25.0, 2);
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(lines[1].ends_with('…'), "{lines:?}");
        assert!(lines.iter().all(|l| bold.width(l, 11.0) <= 25.0 + 1e-3));
        let (size, one) = bold.fit("Łódź", 24.0, 8.0, 200.0, 1);
        assert_eq!((size, one), (24.0, vec!["Łódź".to_string()]));
    }
}
