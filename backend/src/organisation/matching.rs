//! Whether two organisation names mean the same organisation, pure: "Fraunhofer-Institut
//! UMSICHT" and "Fraunhofer UMSICHT" do, "Sortwerk GmbH" and "sortwerk" do, "Fraunhofer IML"
//! and "Fraunhofer UMSICHT" do not, and "Fraunhofer" and "Fraunhofer UMSICHT" might (an
//! organiser decides). Used where a juror's organisation is compared with an entry's.
//!
//! A name becomes its *key*: lower case, umlauts and accents spelled out, punctuation and
//! hyphens as spaces, and the words that do not tell organisations apart left out (legal forms
//! such as GmbH or e. V., and words such as "Institut", "für", "the"). Two names are the same
//! when their keys are equal, and possibly the same when one key holds every word of the other.

use std::collections::{BTreeSet, HashMap};

/// How two organisation names relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Match {
    /// The same distinctive words: the same organisation.
    Same,
    /// One name's words are all in the other's ("Fraunhofer" and "Fraunhofer UMSICHT"): perhaps
    /// a part of the same organisation; for a person to decide.
    Possible,
    Different,
}

/// Words that name a legal form or a kind of organisation rather than which one it is.
const GENERIC: [&str; 40] = [
    "gmbh",
    "mbh",
    "ag",
    "kg",
    "kgaa",
    "eg",
    "ev",
    "e",
    "v",
    "ug",
    "haftungsbeschrankt",
    "co",
    "ohg",
    "gbr",
    "se",
    "ltd",
    "limited",
    "inc",
    "llc",
    "plc",
    "bv",
    "sa",
    "sarl",
    "srl",
    "institut",
    "institute",
    "fur",
    "fuer",
    "der",
    "die",
    "das",
    "des",
    "und",
    "and",
    "the",
    "of",
    "for",
    "gesellschaft",
    "company",
    "group",
];

/// The distinctive words of a name (see the module's description).
pub fn key(name: &str) -> BTreeSet<String> {
    let mut plain = String::with_capacity(name.len());
    for c in name.chars().flat_map(char::to_lowercase) {
        match c {
            'ä' => plain.push_str("ae"),
            'ö' => plain.push_str("oe"),
            'ü' => plain.push_str("ue"),
            'ß' => plain.push_str("ss"),
            'à' | 'á' | 'â' | 'å' => plain.push('a'),
            'é' | 'è' | 'ê' | 'ë' => plain.push('e'),
            'í' | 'ì' | 'î' | 'ï' => plain.push('i'),
            'ó' | 'ò' | 'ô' | 'ø' => plain.push('o'),
            'ú' | 'ù' | 'û' => plain.push('u'),
            'ç' => plain.push('c'),
            'ñ' => plain.push('n'),
            c if c.is_alphanumeric() => plain.push(c),
            // "e.V." and "e. V." alike: dots join, everything else separates.
            '.' => {}
            _ => plain.push(' '),
        }
    }
    plain
        .split_whitespace()
        .filter(|w| {
            // "für" became "fuer" above; "fur" covers names typed without the umlaut.
            !GENERIC.contains(w) && !GENERIC.contains(&w.replace("ue", "u").as_str())
        })
        .map(str::to_string)
        .collect()
}

/// Compares two organisation names; an empty or wholly generic name matches nothing.
pub fn compare(a: &str, b: &str) -> Match {
    compare_keys(&key(a), &key(b))
}

/// Compares two names already turned into their [`key`]s.
fn compare_keys(a: &BTreeSet<String>, b: &BTreeSet<String>) -> Match {
    if a.is_empty() || b.is_empty() {
        Match::Different
    } else if a == b {
        Match::Same
    } else if a.is_subset(b) || b.is_subset(a) {
        Match::Possible
    } else {
        Match::Different
    }
}

/// Many names (every entry's organisation) keyed once, to compare names with all of them: a
/// name is compared only with those sharing a distinctive word with it, since neither "the
/// same" nor "possibly the same" holds without one. As [`compare`] with each name, in a
/// fraction of the time.
pub struct Index {
    keys: Vec<BTreeSet<String>>,
    by_word: HashMap<String, Vec<usize>>,
}

impl Index {
    pub fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> Index {
        let keys: Vec<BTreeSet<String>> = names.into_iter().map(key).collect();
        let mut by_word: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, k) in keys.iter().enumerate() {
            for word in k {
                by_word.entry(word.clone()).or_default().push(i);
            }
        }
        Index { keys, by_word }
    }

    /// The positions of the names that are or may be the same organisation as `name`, in the
    /// order the names were given, with how they match.
    pub fn matches(&self, name: &str) -> Vec<(usize, Match)> {
        let k = key(name);
        let candidates: BTreeSet<usize> = k
            .iter()
            .filter_map(|w| self.by_word.get(w))
            .flatten()
            .copied()
            .collect();
        candidates
            .into_iter()
            .map(|i| (i, compare_keys(&k, &self.keys[i])))
            .filter(|(_, m)| *m != Match::Different)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_index_finds_what_comparing_each_pair_finds() {
        let names = [
            "Fraunhofer UMSICHT",
            "Sortwerk GmbH",
            "Fraunhofer",
            "GmbH",
            "",
            "Fraunhofer IML",
            "Ruhrwaerme",
        ];
        let index = Index::new(names);
        for probe in [
            "Fraunhofer-Institut UMSICHT",
            "sortwerk",
            "Fraunhofer",
            "Ruhrwärme eG",
            "GmbH",
            "",
            "Aquila Solar",
        ] {
            let expected: Vec<(usize, Match)> = names
                .iter()
                .enumerate()
                .map(|(i, n)| (i, compare(probe, n)))
                .filter(|(_, m)| *m != Match::Different)
                .collect();
            assert_eq!(index.matches(probe), expected, "{probe}");
        }
    }

    #[test]
    fn spellings_of_one_organisation_are_the_same() {
        for (a, b) in [
            ("Fraunhofer-Institut UMSICHT", "Fraunhofer UMSICHT"),
            (
                "Fraunhofer-Institut für Umwelt-, Sicherheits- und Energietechnik UMSICHT",
                "Fraunhofer Umwelt Sicherheits Energietechnik UMSICHT",
            ),
            ("Sortwerk GmbH", "sortwerk"),
            ("Ruhrwärme eG", "Ruhrwaerme"),
            ("Verein Ruhr e.V.", "Verein Ruhr e. V."),
            ("Müller & Co. KG", "Mueller"),
            ("Aquila Solar GmbH", "  aquila   solar  "),
        ] {
            assert_eq!(compare(a, b), Match::Same, "{a} / {b}");
        }
    }

    #[test]
    fn different_organisations_are_different() {
        for (a, b) in [
            ("Fraunhofer IML", "Fraunhofer UMSICHT"),
            ("Sortwerk GmbH", "Aquila Solar GmbH"),
            ("Ruhr-Universität Bochum", "Universität Duisburg-Essen"),
        ] {
            assert_eq!(compare(a, b), Match::Different, "{a} / {b}");
        }
    }

    #[test]
    fn a_name_within_another_is_possibly_the_same() {
        assert_eq!(compare("Fraunhofer", "Fraunhofer UMSICHT"), Match::Possible);
        assert_eq!(
            compare("Thyssenkrupp Steel Europe AG", "thyssenkrupp"),
            Match::Possible
        );
    }

    #[test]
    fn empty_and_generic_names_match_nothing() {
        assert_eq!(compare("", ""), Match::Different);
        assert_eq!(compare("GmbH", "GmbH"), Match::Different);
        assert_eq!(compare("Institut", "Institut für Dinge"), Match::Different);
    }
}
