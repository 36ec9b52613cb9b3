//! Text as people type it: what is kept of it before any rule looks at it.

/// `input` without control characters (kept: line breaks and tabs when `multiline`), trimmed.
/// Every length and "required" rule judges this, so a text of control characters alone is
/// empty, not stored empty.
pub fn visible(input: &str, multiline: bool) -> String {
    let kept: String = input
        .chars()
        .filter(|c| !c.is_control() || (multiline && matches!(c, '\n' | '\t')))
        .collect();
    kept.trim().to_string()
}

/// The (German, English) pairs of a text with one pair a line, `German | English`, as the
/// forms take choices and categories: the English left out or empty is the German. A `|` or `\`
/// inside a name is written `\|` or `\\` ([`pair_line`] writes them so).
pub fn pair_lines(input: &str) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    for line in input.lines() {
        let (mut de, mut en, mut in_en) = (String::new(), String::new(), false);
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            let part = if in_en { &mut en } else { &mut de };
            match c {
                // Only `\|` and `\\` are escapes; any other backslash is kept as typed.
                '\\' if matches!(chars.peek(), Some('|' | '\\')) => part.extend(chars.next()),
                '|' if !in_en => in_en = true,
                c => part.push(c),
            }
        }
        let de = visible(&de, false);
        if de.is_empty() {
            continue;
        }
        let en = visible(&en, false);
        pairs.push((de.clone(), if en.is_empty() { de } else { en }));
    }
    pairs
}

/// One pair as a line of [`pair_lines`]; a line break in a name (which would start another
/// pair) is dropped with the other control characters.
pub fn pair_line(de: &str, en: &str) -> String {
    let escape = |s: &str| visible(s, false).replace('\\', "\\\\").replace('|', "\\|");
    format!("{} | {}", escape(de), escape(en))
}

#[cfg(test)]
mod tests {
    use super::{pair_line, pair_lines, visible};

    #[test]
    fn pairs_read_back_what_was_written() {
        for (de, en) in [
            ("Ja", "Yes"),
            ("Wasserstoff | H2", "Hydrogen"),
            ("C:\\Pfad", "a\\|b"),
            ("Nur Deutsch", "Nur Deutsch"),
        ] {
            assert_eq!(pair_lines(&pair_line(de, en)), [(de.into(), en.into())]);
        }
        assert_eq!(
            pair_lines("Ja | Yes\n\nNein\nVielleicht |"),
            [
                ("Ja".into(), "Yes".into()),
                ("Nein".into(), "Nein".into()),
                ("Vielleicht".into(), "Vielleicht".into())
            ]
        );
        // A line break inside a name does not make a second pair.
        assert_eq!(pair_lines(&pair_line("A\nB", "C")).len(), 1);
        // A backslash typed before anything else stays.
        assert_eq!(pair_lines("C:\\Pfad | C:\\path")[0].0, "C:\\Pfad");
    }

    #[test]
    fn control_characters_go_before_the_trim() {
        assert_eq!(visible("\u{1}", false), "");
        assert_eq!(visible(" \u{7f} Pa\u{0}nel \u{1b}", false), "Panel");
        assert_eq!(visible("a\nb\tc", true), "a\nb\tc");
        assert_eq!(visible("a\nb", false), "ab");
    }
}
