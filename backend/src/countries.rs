//! ISO 3166-1 countries with their names in German and English, for the country question of
//! registration forms. `countries.tsv` holds code, German and English name per line (names from
//! the iso-codes project's translations).

use convene_frontend::Lang;

const TABLE: &str = include_str!("countries.tsv");

/// Every country as (code, name in `lang`), sorted by that name.
pub fn all(lang: Lang) -> Vec<(&'static str, &'static str)> {
    let mut v: Vec<(&str, &str)> = TABLE
        .lines()
        .filter_map(|l| {
            let mut parts = l.split('\t');
            let code = parts.next()?;
            let de = parts.next()?;
            let en = parts.next()?;
            Some((code, if lang == Lang::De { de } else { en }))
        })
        .collect();
    v.sort_by_key(|(_, name)| sort_key(name));
    v
}

/// The country's name in `lang`, or `None` for an unknown code.
pub fn name(code: &str, lang: Lang) -> Option<&'static str> {
    TABLE.lines().find_map(|l| {
        let mut parts = l.split('\t');
        (parts.next()? == code).then_some(())?;
        let de = parts.next()?;
        let en = parts.next()?;
        Some(if lang == Lang::De { de } else { en })
    })
}

/// Sorts "Österreich" with O, as a German reader expects.
fn sort_key(name: &str) -> String {
    name.chars()
        .map(|c| match c {
            'Ä' => 'A',
            'Ö' => 'O',
            'Ü' => 'U',
            'ä' => 'a',
            'ö' => 'o',
            'ü' => 'u',
            c => c,
        })
        .collect::<String>()
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries_have_names_in_both_languages_sorted_for_the_reader() {
        assert_eq!(name("DE", Lang::De), Some("Deutschland"));
        assert_eq!(name("NL", Lang::En), Some("Netherlands"));
        assert_eq!(name("XX", Lang::En), None);
        let de = all(Lang::De);
        assert!(de.len() > 240);
        let pos = |n: &str| de.iter().position(|(_, x)| *x == n).unwrap();
        assert!(pos("Oman") < pos("Österreich") && pos("Österreich") < pos("Pakistan"));
    }

    /// No German name is English left untranslated (the names that are the same in both
    /// languages are real names, not English words).
    #[test]
    fn german_names_are_german() {
        assert_eq!(
            name("UM", Lang::De),
            Some("Kleinere Amerikanische Überseeinseln")
        );
        for (code, german) in all(Lang::De) {
            for english_word in ["Islands", "United", "State of", " and ", "Saint "] {
                assert!(
                    !german.contains(english_word),
                    "{code}: {german} reads English"
                );
            }
        }
    }
}
