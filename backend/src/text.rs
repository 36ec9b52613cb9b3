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

#[cfg(test)]
mod tests {
    use super::visible;

    #[test]
    fn control_characters_go_before_the_trim() {
        assert_eq!(visible("\u{1}", false), "");
        assert_eq!(visible(" \u{7f} Pa\u{0}nel \u{1b}", false), "Panel");
        assert_eq!(visible("a\nb\tc", true), "a\nb\tc");
        assert_eq!(visible("a\nb", false), "ab");
    }
}
