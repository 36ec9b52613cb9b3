//! The error summary names each field by the label its own page gives it.
//!
//! `_errors.html` writes `<!--field-label:NAME-->` before the message of every field whose
//! handler gave no label ([`crate::Errors::labelled`]). Once the page is rendered, the label of
//! that field is known: its `<label for="NAME">`, or the `<legend>` of its `<fieldset id="NAME">`.
//! [`name_fields`] puts it in place of the mark, so "Bitte füllen Sie dieses Feld aus." becomes
//! "E-Mail-Adresse: Bitte füllen Sie dieses Feld aus." on every form, without each handler
//! repeating its labels.

const MARK: &str = "<!--field-label:";

/// The page with every mark of the summary replaced by "Label: " (or by nothing when the page
/// has no label for that field).
pub fn name_fields(html: String) -> String {
    if !html.contains(MARK) {
        return html;
    }
    let mut out = String::with_capacity(html.len() + 256);
    let mut rest = html.as_str();
    while let Some(i) = rest.find(MARK) {
        out.push_str(&rest[..i]);
        let after = &rest[i + MARK.len()..];
        let Some(end) = after.find("-->") else {
            break;
        };
        if let Some(label) = label_of(&html, &after[..end]).filter(|l| !l.is_empty()) {
            out.push_str(&label);
            out.push_str(": ");
        }
        rest = &after[end + 3..];
    }
    out.push_str(rest);
    out
}

/// The text of the label of field `name` in `html` (still HTML-escaped, as it stands there).
fn label_of(html: &str, name: &str) -> Option<String> {
    let between = |from: usize, open: &str, close: &str| -> Option<String> {
        let tag = html[from..].find(open)? + from;
        let start = html[tag..].find('>')? + tag + 1;
        let end = html[start..].find(close)? + start;
        Some(text_of(&html[start..end]))
    };
    if let Some(at) = html.find(&format!("<label for=\"{name}\"")) {
        return between(at, "<label", "</label>");
    }
    let at = html.find(&format!("<fieldset id=\"{name}\""))?;
    between(at, "<legend", "</legend>")
}

/// `fragment` without its tags and with its white space collapsed.
fn text_of(fragment: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in fragment.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_become_the_labels_of_their_fields() {
        let page = concat!(
            "<ul><li><a href=\"#email\"><!--field-label:email-->Bitte füllen Sie dieses Feld aus.</a></li>",
            "<li><a href=\"#ticket\"><!--field-label:ticket-->Bitte wählen.</a></li>",
            "<li><a href=\"#x\"><!--field-label:x-->Ohne Feld.</a></li></ul>",
            "<label for=\"email\">E-Mail-Adresse <span class=\"hint\">(Pflicht)</span></label>",
            "<fieldset id=\"ticket\" tabindex=\"-1\"><legend>Ticket &amp; Preis</legend></fieldset>",
        );
        let named = name_fields(page.to_string());
        assert!(named.contains(
            "<a href=\"#email\">E-Mail-Adresse (Pflicht): Bitte füllen Sie dieses Feld aus.</a>"
        ));
        assert!(named.contains("<a href=\"#ticket\">Ticket &amp; Preis: Bitte wählen.</a>"));
        assert!(named.contains("<a href=\"#x\">Ohne Feld.</a>"));
        assert!(!named.contains(MARK));
    }

    #[test]
    fn pages_without_marks_are_unchanged() {
        let page = "<p>nichts</p>".to_string();
        assert_eq!(name_fields(page.clone()), page);
    }
}
