//! Languages and the Fluent catalogue (`locales/{de,en}/*.ftl`), compiled into the binary.
//!
//! Pages, e-mails, PDFs and calendar texts share one catalogue. Message ids follow
//! `<module>-<thing>[-<detail>]`. A unit test fails when an id exists in one language only.

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid, static_loader};

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // Fluent wraps arguments in invisible isolation marks (U+2068 … U+2069 around "3" in "Noch 3 Plätze"); they end up
        // in HTML, mail subjects and PDFs where they only cause trouble.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// The message ids defined in a catalogue file: lines that start with `id =`.
fn ids_of(ftl: &str) -> std::collections::HashSet<String> {
    ftl.lines()
        .filter_map(|line| line.split_once(" ="))
        .map(|(id, _)| id)
        .filter(|id| {
            !id.is_empty()
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        })
        .map(str::to_string)
        .collect()
}

static DE_IDS: std::sync::LazyLock<std::collections::HashSet<String>> =
    std::sync::LazyLock::new(|| {
        ids_of(concat!(
            include_str!("../locales/de/main.ftl"),
            "\n",
            include_str!("../locales/de/jury.ftl"),
            "\n",
            include_str!("../locales/de/jury-orga.ftl"),
            "\n",
            include_str!("../locales/de/jury-juror.ftl"),
            "\n",
            include_str!("../locales/de/jury-api.ftl"),
            "\n",
            include_str!("../locales/de/certificate.ftl"),
            "\n",
            include_str!("../locales/de/matchmaking.ftl"),
            "\n",
            include_str!("../locales/de/matchmaking-pdf.ftl"),
            "\n",
            include_str!("../locales/de/platform.ftl"),
            "\n",
            include_str!("../locales/de/dashboard.ftl"),
            "\n",
            include_str!("../locales/de/webhook.ftl"),
            "\n",
            include_str!("../locales/de/mail-template.ftl")
        ))
    });
static EN_IDS: std::sync::LazyLock<std::collections::HashSet<String>> =
    std::sync::LazyLock::new(|| {
        ids_of(concat!(
            include_str!("../locales/en/main.ftl"),
            "\n",
            include_str!("../locales/en/jury.ftl"),
            "\n",
            include_str!("../locales/en/jury-orga.ftl"),
            "\n",
            include_str!("../locales/en/jury-juror.ftl"),
            "\n",
            include_str!("../locales/en/jury-api.ftl"),
            "\n",
            include_str!("../locales/en/certificate.ftl"),
            "\n",
            include_str!("../locales/en/matchmaking.ftl"),
            "\n",
            include_str!("../locales/en/matchmaking-pdf.ftl"),
            "\n",
            include_str!("../locales/en/platform.ftl"),
            "\n",
            include_str!("../locales/en/dashboard.ftl"),
            "\n",
            include_str!("../locales/en/webhook.ftl"),
            "\n",
            include_str!("../locales/en/mail-template.ftl")
        ))
    });

static DE: LanguageIdentifier = langid!("de");
static EN: LanguageIdentifier = langid!("en");

/// A language people can use convene in.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    De,
    En,
}

/// Of a text written in German (`de`) and English (`en`), the one in `lang`, or the other one
/// when that is empty; with the language of what it answers.
pub fn pick<'a>(lang: Lang, de: &'a str, en: &'a str) -> (&'a str, Lang) {
    match lang {
        Lang::De if !de.is_empty() => (de, Lang::De),
        Lang::En if !en.is_empty() => (en, Lang::En),
        Lang::De => (en, Lang::En),
        Lang::En => (de, Lang::De),
    }
}

/// A text organisers write in German, English or both (a title, a description), as a page in
/// one language shows it: in that language where they wrote it, else in the other. Then `other`
/// names that language and the page marks the text with `lang` (`m::lang` in `_macros.html`), so
/// that a screen reader pronounces it as what it is (WCAG 3.1.2). It reads as the text itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Localized {
    pub text: String,
    /// The language of `text` where it is not the page's.
    pub other: Option<Lang>,
}

impl Localized {
    /// The text in `lang`, falling back to the other language when it is empty.
    pub fn pick(lang: Lang, de: &str, en: &str) -> Localized {
        let (text, used) = pick(lang, de, en);
        Localized {
            text: text.to_string(),
            other: (used != lang && !text.is_empty()).then_some(used),
        }
    }

    /// The text's paragraphs (split at blank lines), each in the text's language.
    pub fn paragraphs(&self) -> Vec<Localized> {
        self.text
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|p| Localized {
                text: p.to_string(),
                other: self.other,
            })
            .collect()
    }
}

impl std::ops::Deref for Localized {
    type Target = str;
    fn deref(&self) -> &str {
        &self.text
    }
}

impl std::fmt::Display for Localized {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::De, Lang::En];

    /// The ISO 639-1 code: `de` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::De => "de",
            Lang::En => "en",
        }
    }

    /// Parses a language code; accepts regional variants such as `de-AT` or `en_GB`.
    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code
            .trim()
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match primary.as_str() {
            "de" => Some(Lang::De),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The best supported language of an `Accept-Language` header, by quality value.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut best: Option<(f32, Lang)> = None;
        for part in header.split(',') {
            let mut pieces = part.split(';');
            let tag = pieces.next().unwrap_or("").trim();
            let q = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            if let Some(lang) = Lang::from_code(tag)
                && q > 0.0
                && best.is_none_or(|(bq, _)| q > bq)
            {
                best = Some((q, lang));
            }
        }
        best.map(|(_, lang)| lang)
    }

    fn id(self) -> &'static LanguageIdentifier {
        match self {
            Lang::De => &DE,
            Lang::En => &EN,
        }
    }

    /// The translator for this language.
    pub fn tr(self) -> Tr {
        Tr { lang: self }
    }
}

/// Looks up messages in one language. Templates call `t.msg("id")`.
#[derive(Debug, Clone, Copy)]
pub struct Tr {
    pub lang: Lang,
}

impl Tr {
    /// The message `id`; a missing id shows up as the id itself (and fails the catalogue tests).
    pub fn msg(&self, id: &str) -> String {
        LOCALES
            .try_lookup(self.lang.id(), id)
            .unwrap_or_else(|| id.to_string())
    }

    /// The message `id` with named arguments.
    pub fn msg_args(&self, id: &str, args: &[(&str, String)]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue> = args
            .iter()
            .map(|(k, v)| (Cow::Owned((*k).to_string()), value(v)))
            .collect();
        LOCALES
            .try_lookup_with_args(self.lang.id(), id, &args)
            .unwrap_or_else(|| id.to_string())
    }

    /// Whether the catalogue defines `id` in this language (with or without arguments).
    pub fn has(&self, id: &str) -> bool {
        let ids = match self.lang {
            Lang::De => &*DE_IDS,
            Lang::En => &*EN_IDS,
        };
        ids.contains(id)
    }
}

/// An argument as Fluent sees it: whole numbers written plainly ("1", "42") are numbers, so that
/// plural variants (`[one]`) and exact ones (`[0]`) match; everything else stays text.
fn value(v: &str) -> FluentValue<'static> {
    match v.parse::<i64>() {
        Ok(n) if n.to_string() == v => FluentValue::from(n),
        _ => FluentValue::from(v.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_in_the_other_language_says_which() {
        let de_only = Localized::pick(Lang::En, "Nur Deutsch", "");
        assert_eq!(
            (de_only.text.as_str(), de_only.other),
            ("Nur Deutsch", Some(Lang::De))
        );
        let both = Localized::pick(Lang::En, "Deutsch", "English");
        assert_eq!((both.text.as_str(), both.other), ("English", None));
        let own = Localized::pick(Lang::De, "Deutsch", "");
        assert_eq!(own.other, None);
        // Nothing in either language: nothing to mark.
        assert_eq!(Localized::pick(Lang::De, "", ""), Localized::default());
        let paragraphs = Localized::pick(Lang::De, "", "One.\n\n  \n\nTwo.").paragraphs();
        assert_eq!(
            paragraphs,
            [("One.", Some(Lang::En)), ("Two.", Some(Lang::En))].map(|(t, other)| Localized {
                text: t.into(),
                other
            })
        );
    }
    use std::collections::BTreeSet;

    fn ids(lang: &str) -> BTreeSet<String> {
        let dir = format!("{}/locales/{lang}", env!("CARGO_MANIFEST_DIR"));
        let mut ids = BTreeSet::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            for line in text.lines() {
                // A message starts at the beginning of a line with `id =`.
                if let Some((id, _)) = line.split_once(" =")
                    && !id.is_empty()
                    && id
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
                {
                    ids.insert(id.to_string());
                }
            }
        }
        ids
    }

    #[test]
    fn german_and_english_define_the_same_message_ids() {
        let de = ids("de");
        let en = ids("en");
        let only_de: Vec<_> = de.difference(&en).collect();
        let only_en: Vec<_> = en.difference(&de).collect();
        assert!(only_de.is_empty(), "missing in en: {only_de:?}");
        assert!(only_en.is_empty(), "missing in de: {only_en:?}");
        assert!(de.len() > 50, "the catalogue looks empty: {}", de.len());
    }

    #[test]
    fn every_message_id_used_in_templates_exists_in_both_languages() {
        let dir = format!("{}/templates", env!("CARGO_MANIFEST_DIR"));
        let mut missing = Vec::new();
        let mut stack = vec![std::path::PathBuf::from(dir)];
        while let Some(path) = stack.pop() {
            if path.is_dir() {
                stack.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for (_, rest) in text
                .match_indices("t.msg(\"")
                .map(|(i, _)| ((), &text[i + 7..]))
            {
                let id = &rest[..rest.find('"').unwrap()];
                for lang in Lang::ALL {
                    if !lang.tr().has(id) {
                        missing.push(format!("{}: {id} ({})", path.display(), lang.code()));
                    }
                }
            }
        }
        assert!(missing.is_empty(), "missing translations: {missing:#?}");
    }

    #[test]
    fn accept_language_picks_the_highest_quality_supported_language() {
        assert_eq!(
            Lang::from_accept_language("fr-FR, en;q=0.8, de;q=0.9"),
            Some(Lang::De)
        );
        assert_eq!(Lang::from_accept_language("en-GB,en;q=0.9"), Some(Lang::En));
        assert_eq!(Lang::from_accept_language("fr, it"), None);
        assert_eq!(
            Lang::from_accept_language("de;q=0, en;q=0.1"),
            Some(Lang::En)
        );
    }

    #[test]
    fn arguments_are_inserted_without_isolation_marks() {
        let text = Lang::En
            .tr()
            .msg_args("layout-signed-in-as", &[("name", "Ada".into())]);
        assert_eq!(text, "Signed in as Ada");
    }

    #[test]
    fn whole_numbers_pick_plural_and_exact_variants() {
        let en = Lang::En.tr();
        assert_eq!(
            en.msg_args("call-place", &[("place", "1".into())]),
            "1st place"
        );
        assert_eq!(
            en.msg_args("call-place", &[("place", "11".into())]),
            "Place 11"
        );
        let one = en.msg_args(
            "call-countdown",
            &[
                ("days", "1".into()),
                ("hours", "1".into()),
                ("minutes", "5".into()),
            ],
        );
        assert_eq!(one, "1 day, 1 hour left");
        let zero = Lang::De.tr().msg_args(
            "call-countdown",
            &[
                ("days", "0".into()),
                ("hours", "3".into()),
                ("minutes", "1".into()),
            ],
        );
        assert_eq!(zero, "noch 3 Stunden, 1 Minute");
        // Text that only looks like a number stays as written.
        assert!(
            en.msg_args("mail-registration-code", &[("code", "007".into())])
                .contains(" 007;")
        );
    }

    /// German says "einloggen" for the account and "anmelden" for an event, never one word for
    /// both (which left "Sie sind angemeldet." meaning either).
    #[test]
    fn german_signing_in_and_registering_are_different_words() {
        let de = Lang::De.tr();
        for id in [
            "layout-sign-in",
            "signin-title",
            "signin-submit",
            "flash-signed-in",
            "error-unauthenticated",
            "error-unauthenticated-title",
            "mail-already-signin",
            "call-signin-to-submit",
        ] {
            let text = de.msg(id).to_lowercase();
            assert!(
                !text.contains("anmeld") && !text.contains("angemeldet"),
                "{id}: {text}"
            );
            assert!(text.contains("logg"), "{id}: {text}");
        }
        assert_ne!(
            de.msg("flash-signed-in"),
            de.msg("flash-registration-confirmed")
        );
        assert!(de.msg("registration-register").contains("nmeld"));
    }
}
