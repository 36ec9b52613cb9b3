//! The registration form: custom questions and the rules their answers must follow. Pure: no
//! I/O. Form fields are named `q{id}`; errors name the same field, so pages show them next to the
//! input and the API returns them in `fields`.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use convene_frontend::Lang;

use crate::error::{FieldErrors, Msg};

/// The largest file a question may accept (organisers choose up to this).
pub const MAX_FILE_BYTES: i64 = 10 * 1024 * 1024;
/// Longest text answers, in characters.
pub const MAX_TEXT_CHARS: usize = 500;
pub const MAX_LONG_TEXT_CHARS: usize = 5000;

/// The largest amount a number answer may have (either sign): fifteen digits, which every
/// spreadsheet and JSON reader keeps exactly; a longer number is a typing slip, not an answer.
pub const NUMBER_LIMIT: f64 = 999_999_999_999_999.0;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, sqlx::Type, serde::Serialize, serde::Deserialize,
)]
#[sqlx(type_name = "text", rename_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    Text,
    LongText,
    Number,
    Date,
    SingleChoice,
    MultipleChoice,
    YesNo,
    Country,
    File,
    /// A box to tick (privacy notice, photo consent); required ones must be ticked.
    Consent,
}

impl QuestionKind {
    pub const ALL: [QuestionKind; 10] = [
        QuestionKind::Text,
        QuestionKind::LongText,
        QuestionKind::Number,
        QuestionKind::Date,
        QuestionKind::SingleChoice,
        QuestionKind::MultipleChoice,
        QuestionKind::YesNo,
        QuestionKind::Country,
        QuestionKind::File,
        QuestionKind::Consent,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            QuestionKind::Text => "text",
            QuestionKind::LongText => "long_text",
            QuestionKind::Number => "number",
            QuestionKind::Date => "date",
            QuestionKind::SingleChoice => "single_choice",
            QuestionKind::MultipleChoice => "multiple_choice",
            QuestionKind::YesNo => "yes_no",
            QuestionKind::Country => "country",
            QuestionKind::File => "file",
            QuestionKind::Consent => "consent",
        }
    }

    pub fn parse(s: &str) -> Option<QuestionKind> {
        QuestionKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label_id(self) -> &'static str {
        match self {
            QuestionKind::Text => "question-kind-text",
            QuestionKind::LongText => "question-kind-long-text",
            QuestionKind::Number => "question-kind-number",
            QuestionKind::Date => "question-kind-date",
            QuestionKind::SingleChoice => "question-kind-single-choice",
            QuestionKind::MultipleChoice => "question-kind-multiple-choice",
            QuestionKind::YesNo => "question-kind-yes-no",
            QuestionKind::Country => "question-kind-country",
            QuestionKind::File => "question-kind-file",
            QuestionKind::Consent => "question-kind-consent",
        }
    }

    fn has_choices(self) -> bool {
        matches!(
            self,
            QuestionKind::SingleChoice | QuestionKind::MultipleChoice
        )
    }
}

/// One choice of a choice question, in both languages.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Choice {
    pub de: String,
    pub en: String,
}

impl Choice {
    pub fn label(&self, lang: Lang) -> &str {
        match lang {
            Lang::De => &self.de,
            Lang::En => &self.en,
        }
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Question {
    pub id: i64,
    pub kind: QuestionKind,
    pub label_de: String,
    pub label_en: String,
    pub help_de: String,
    pub help_en: String,
    /// JSON array of [`Choice`].
    pub options: String,
    pub required: bool,
    /// JSON array of ticket type ids; empty: every ticket type.
    pub ticket_types: String,
    pub max_bytes: Option<i64>,
    /// Number questions: the smallest and largest answer taken.
    pub number_min: Option<f64>,
    pub number_max: Option<f64>,
    pub position: i64,
}

impl Question {
    pub fn label(&self, lang: Lang) -> &str {
        match lang {
            Lang::De => &self.label_de,
            Lang::En => &self.label_en,
        }
    }

    pub fn help(&self, lang: Lang) -> &str {
        match lang {
            Lang::De => &self.help_de,
            Lang::En => &self.help_en,
        }
    }

    pub fn choices(&self) -> Vec<Choice> {
        serde_json::from_str(&self.options).unwrap_or_default()
    }

    pub fn ticket_type_ids(&self) -> Vec<i64> {
        serde_json::from_str(&self.ticket_types).unwrap_or_default()
    }

    /// Whether the question is asked of someone with this ticket type.
    pub fn applies_to(&self, ticket_type: Option<i64>) -> bool {
        let only = self.ticket_type_ids();
        only.is_empty() || ticket_type.is_some_and(|t| only.contains(&t))
    }

    pub fn field(&self) -> String {
        format!("q{}", self.id)
    }

    /// The largest file this question takes.
    pub fn file_limit(&self) -> i64 {
        self.max_bytes.unwrap_or(MAX_FILE_BYTES).min(MAX_FILE_BYTES)
    }
}

/// A question as an organiser writes it (form or API), before it is checked.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct QuestionInput {
    pub kind: String,
    pub label_de: String,
    pub label_en: String,
    pub help_de: String,
    pub help_en: String,
    /// Choices, one per line, German and English separated by `|` ("Ja | Yes").
    pub options: String,
    pub required: bool,
    pub ticket_types: Vec<i64>,
    /// File questions: the limit in megabytes.
    pub max_mb: Option<i64>,
    /// Number questions: the smallest and largest answer taken, as typed (empty: no bound).
    pub number_min: String,
    pub number_max: String,
}

/// A checked question: what gets stored.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionSpec {
    pub kind: QuestionKind,
    pub label_de: String,
    pub label_en: String,
    pub help_de: String,
    pub help_en: String,
    pub choices: Vec<Choice>,
    pub required: bool,
    pub ticket_types: Vec<i64>,
    pub max_bytes: Option<i64>,
    pub number_min: Option<f64>,
    pub number_max: Option<f64>,
}

/// A number as people type it: a decimal comma or point, at most [`NUMBER_LIMIT`] in size.
pub fn parse_number(value: &str) -> Result<f64, Msg> {
    match value.trim().replace(',', ".").parse::<f64>() {
        Ok(n) if n.is_finite() && n.abs() <= NUMBER_LIMIT => Ok(n),
        Ok(n) if n.is_finite() => {
            Err(Msg::new("valid-number-too-large").arg("max", "999 999 999 999 999"))
        }
        _ => Err(Msg::new("valid-number-invalid")),
    }
}

/// A number for people to read: no trailing `.0`, the decimal sign of their language.
pub fn show_number(lang: Lang, n: f64) -> String {
    crate::spreadsheet::decimal(lang, &n.to_string())
}

/// Checks an organiser's question against the event's ticket types.
pub fn check_question(
    input: &QuestionInput,
    ticket_types: &[i64],
) -> Result<QuestionSpec, FieldErrors> {
    let mut e = FieldErrors::default();
    let kind = QuestionKind::parse(input.kind.trim());
    if kind.is_none() {
        e.add("kind", "valid-question-kind-invalid");
    }
    let label_de = input.label_de.trim().to_string();
    let label_en = input.label_en.trim().to_string();
    if label_de.is_empty() {
        e.add("label_de", "valid-required");
    }
    if label_en.is_empty() {
        e.add("label_en", "valid-required");
    }
    if label_de.chars().count() > 300 || label_en.chars().count() > 300 {
        e.add("label_de", "valid-too-long");
    }
    let mut choices: Vec<Choice> = crate::text::pair_lines(&input.options)
        .into_iter()
        .map(|(de, en)| Choice { de, en })
        .collect();
    if kind.is_some_and(QuestionKind::has_choices) && choices.len() < 2 {
        e.add("options", "valid-question-options-missing");
    }
    if !kind.is_some_and(QuestionKind::has_choices) {
        choices.clear();
    }
    if input.ticket_types.iter().any(|t| !ticket_types.contains(t)) {
        e.add("ticket_types", "valid-ticket-type-unknown");
    }
    let max_bytes = match (kind, input.max_mb) {
        (Some(QuestionKind::File), Some(mb))
            if (1..=MAX_FILE_BYTES / 1024 / 1024).contains(&mb) =>
        {
            Some(mb * 1024 * 1024)
        }
        (Some(QuestionKind::File), Some(_)) => {
            e.add("max_mb", "valid-question-max-mb-invalid");
            None
        }
        (Some(QuestionKind::File), None) => Some(5 * 1024 * 1024),
        _ => None,
    };
    let mut bound = |field: &'static str, value: &str| match value.trim() {
        "" => None,
        v => parse_number(v).map_err(|m| e.add_msg(field, m)).ok(),
    };
    // Checked whatever the kind (a bound given is a number or refused), kept for numbers.
    let (number_min, number_max) = (
        bound("number_min", &input.number_min),
        bound("number_max", &input.number_max),
    );
    let (number_min, number_max) = match kind {
        Some(QuestionKind::Number) => (number_min, number_max),
        _ => (None, None),
    };
    if let (Some(min), Some(max)) = (number_min, number_max)
        && min > max
    {
        e.add("number_max", "valid-question-range");
    }
    if !e.is_empty() {
        return Err(e);
    }
    Ok(QuestionSpec {
        kind: kind.unwrap_or(QuestionKind::Text),
        label_de,
        label_en,
        help_de: input.help_de.trim().to_string(),
        help_en: input.help_en.trim().to_string(),
        choices,
        required: input.required,
        ticket_types: input.ticket_types.clone(),
        max_bytes,
        number_min,
        number_max,
    })
}

/// A file as it arrived, before it is stored.
#[derive(Debug, Clone)]
pub struct FileIn {
    pub filename: String,
    pub bytes: Vec<u8>,
}

/// The answers as they arrived: every value of each `q{id}` field, and files.
#[derive(Debug, Clone, Default)]
pub struct AnswersIn {
    pub values: HashMap<i64, Vec<String>>,
    pub files: HashMap<i64, FileIn>,
}

impl AnswersIn {
    fn first(&self, id: i64) -> &str {
        self.values
            .get(&id)
            .and_then(|v| v.first())
            .map(|s| s.trim())
            .unwrap_or("")
    }
}

/// A checked answer, ready to store.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    Text(String),
    /// A file of an accepted type: its sniffed content type.
    File {
        filename: String,
        content_type: &'static str,
        bytes: Vec<u8>,
    },
    /// Keep what was stored before: a file when no new one comes, a consent once given.
    Keep,
    /// A consent in force, now withdrawn (answered `false`).
    Withdraw,
}

/// The content type of an uploaded file judged by its bytes, not its name: PDF, PNG or JPEG. A
/// file that begins like a PDF must also be one: it is parsed (bounded, see
/// [`crate::pdf::inspect::check_upload`]), so a `%PDF-` header in front of anything else is
/// refused. `Err` holds the message id: `valid-file-pdf-broken` or `valid-file-type`. Check the
/// upload's size limit first.
pub fn file_type(bytes: &[u8]) -> Result<&'static str, &'static str> {
    match sniff(bytes) {
        Some("application/pdf") => match crate::pdf::inspect::check_upload(bytes) {
            Ok(()) => Ok("application/pdf"),
            Err(e) => {
                tracing::info!("refused an upload that claims to be a PDF: {e}");
                Err("valid-file-pdf-broken")
            }
        },
        Some(other) => Ok(other),
        None => Err("valid-file-type"),
    }
}

/// The content type a file's first bytes claim: PDF, PNG or JPEG (uploads go through
/// [`file_type`], which checks a PDF's structure too).
fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(b"\xFF\xD8\xFF") {
        Some("image/jpeg")
    } else {
        None
    }
}

/// Checks the answers to the questions asked of someone with `ticket_type`. `stored` names the
/// questions that already have an answer (changing answers later): a file question without a
/// new file keeps its file, and a consent in force stays given unless it is answered `false`
/// (withdrawn; a required consent is withdrawn only by cancelling). Returns the answers to store
/// (question id, answer), or every problem at once.
pub fn check_answers(
    questions: &[Question],
    ticket_type: Option<i64>,
    input: &AnswersIn,
    stored: &[i64],
    now: DateTime<Utc>,
) -> Result<Vec<(i64, Answer)>, FieldErrors> {
    let mut e = FieldErrors::default();
    let mut out = Vec::new();
    // An answer to a question the form does not have is refused by name rather than dropped
    // in silence: it is a stale form (the question was deleted) or a forged request, and either
    // way the sender should know it was not stored. Answers to questions of another ticket type
    // are still ignored: a form without JavaScript shows them all.
    let mut unknown: Vec<i64> = input
        .values
        .keys()
        .chain(input.files.keys())
        .copied()
        .filter(|id| !questions.iter().any(|q| q.id == *id))
        .collect();
    unknown.sort_unstable();
    unknown.dedup();
    for id in unknown {
        e.add_msg(format!("q{id}"), Msg::new("valid-question-unknown"));
    }
    for q in questions.iter().filter(|q| q.applies_to(ticket_type)) {
        let field = q.field();
        let value = input.first(q.id);
        let mut fail = |id: &'static str| e.add_msg(field.clone(), Msg::new(id));
        // Only a multiple choice takes several values; the others are not cut to their first.
        let several = input.values.get(&q.id).is_some_and(|v| v.len() > 1);
        if several && !matches!(q.kind, QuestionKind::MultipleChoice | QuestionKind::Consent) {
            fail("valid-answer-one");
            continue;
        }
        match q.kind {
            QuestionKind::File => match input.files.get(&q.id).filter(|f| !f.bytes.is_empty()) {
                Some(f) => {
                    if i64::try_from(f.bytes.len()).unwrap_or(i64::MAX) > q.file_limit() {
                        e.add_msg(
                            field.clone(),
                            Msg::new("valid-file-too-large")
                                .arg("mb", q.file_limit() / 1024 / 1024),
                        );
                    } else {
                        match file_type(&f.bytes) {
                            Ok(content_type) => out.push((
                                q.id,
                                Answer::File {
                                    filename: clean_filename(&f.filename),
                                    content_type,
                                    bytes: f.bytes.clone(),
                                },
                            )),
                            Err(message) => fail(message),
                        }
                    }
                }
                None if stored.contains(&q.id) => out.push((q.id, Answer::Keep)),
                None if q.required => fail("valid-required"),
                None => {}
            },
            QuestionKind::Consent => {
                // Absent (a form that does not show the box) says nothing; `false` withdraws.
                let said = input.values.contains_key(&q.id).then(|| is_ticked(value));
                match (said, stored.contains(&q.id)) {
                    (Some(true) | None, true) => out.push((q.id, Answer::Keep)),
                    (Some(true), false) => out.push((q.id, Answer::Text(now.to_rfc3339()))),
                    (Some(false), true) if q.required => fail("valid-consent-withdraw-required"),
                    (Some(false), true) => out.push((q.id, Answer::Withdraw)),
                    (_, false) if q.required => fail("valid-consent-required"),
                    (_, false) => {}
                }
            }
            QuestionKind::MultipleChoice => {
                let n = q.choices().len();
                let mut picked: Vec<usize> = Vec::new();
                for v in input.values.get(&q.id).into_iter().flatten() {
                    match v.trim().parse::<usize>() {
                        Ok(i) if i < n => {
                            if !picked.contains(&i) {
                                picked.push(i);
                            }
                        }
                        _ => {
                            fail("valid-choice-invalid");
                            break;
                        }
                    }
                }
                picked.sort_unstable();
                if picked.is_empty() {
                    if q.required {
                        fail("valid-required");
                    }
                } else {
                    out.push((
                        q.id,
                        Answer::Text(serde_json::to_string(&picked).unwrap_or_default()),
                    ));
                }
            }
            _ if value.is_empty() => {
                if q.required {
                    fail("valid-required");
                }
            }
            QuestionKind::Text | QuestionKind::LongText => {
                let limit = if q.kind == QuestionKind::Text {
                    MAX_TEXT_CHARS
                } else {
                    MAX_LONG_TEXT_CHARS
                };
                if value.chars().count() > limit {
                    e.add_msg(
                        field.clone(),
                        Msg::new("valid-text-too-long").arg("max", limit),
                    );
                } else {
                    out.push((q.id, Answer::Text(value.to_string())));
                }
            }
            QuestionKind::Number => match parse_number(value) {
                Ok(n) if q.number_min.is_some_and(|min| n < min) => e.add_msg(
                    field.clone(),
                    Msg::new("valid-number-below").arg("min", q.number_min.unwrap_or_default()),
                ),
                Ok(n) if q.number_max.is_some_and(|max| n > max) => e.add_msg(
                    field.clone(),
                    Msg::new("valid-number-above").arg("max", q.number_max.unwrap_or_default()),
                ),
                Ok(n) => out.push((q.id, Answer::Text(n.to_string()))),
                Err(m) => e.add_msg(field.clone(), m),
            },
            QuestionKind::Date => match crate::time::parse_date(value) {
                Ok(d) => out.push((q.id, Answer::Text(d.to_string()))),
                Err(m) => e.add_msg(field.clone(), m),
            },
            QuestionKind::SingleChoice => match value.parse::<usize>() {
                Ok(i) if i < q.choices().len() => out.push((q.id, Answer::Text(i.to_string()))),
                _ => fail("valid-choice-invalid"),
            },
            QuestionKind::YesNo => match value {
                "yes" | "no" => out.push((q.id, Answer::Text(value.to_string()))),
                _ => fail("valid-choice-invalid"),
            },
            QuestionKind::Country => {
                let code = value.to_ascii_uppercase();
                if crate::countries::name(&code, Lang::En).is_some() {
                    out.push((q.id, Answer::Text(code)));
                } else {
                    fail("valid-country-invalid");
                }
            }
        }
    }
    if e.is_empty() { Ok(out) } else { Err(e) }
}

fn is_ticked(v: &str) -> bool {
    matches!(v, "on" | "true" | "yes" | "1")
}

/// A file name safe to show and to put into a `Content-Disposition` header.
pub fn clean_filename(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("");
    let clean: String = base
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | ';'))
        .take(120)
        .collect();
    if clean.trim().is_empty() {
        "file".into()
    } else {
        clean.trim().to_string()
    }
}

/// A stored registration answer as a person reads it: a withdrawn consent says so.
pub fn display_stored(
    q: &Question,
    value: &str,
    withdrawn_at: Option<DateTime<Utc>>,
    lang: Lang,
) -> String {
    match (q.kind, withdrawn_at) {
        (QuestionKind::Consent, Some(_)) => lang.tr().msg("answer-consent-withdrawn"),
        _ => display(q, value, lang),
    }
}

/// A stored answer as a person reads it (for lists, exports and the confirmation page).
pub fn display(q: &Question, value: &str, lang: Lang) -> String {
    let t = lang.tr();
    match q.kind {
        QuestionKind::SingleChoice => value
            .parse::<usize>()
            .ok()
            .and_then(|i| q.choices().get(i).map(|c| c.label(lang).to_string()))
            .unwrap_or_default(),
        QuestionKind::MultipleChoice => {
            let picked: Vec<usize> = serde_json::from_str(value).unwrap_or_default();
            let choices = q.choices();
            picked
                .iter()
                .filter_map(|i| choices.get(*i).map(|c| c.label(lang).to_string()))
                .collect::<Vec<_>>()
                .join(", ")
        }
        QuestionKind::YesNo => t.msg(if value == "yes" {
            "answer-yes"
        } else {
            "answer-no"
        }),
        QuestionKind::Consent => t.msg("answer-consent-given"),
        // (A withdrawn consent is shown by `display_stored`.)
        QuestionKind::Country => crate::countries::name(value, lang)
            .unwrap_or(value)
            .to_string(),
        QuestionKind::Number => crate::spreadsheet::decimal(lang, value),
        _ => value.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn q(id: i64, kind: QuestionKind, required: bool) -> Question {
        Question {
            id,
            kind,
            label_de: format!("Frage {id}"),
            label_en: format!("Question {id}"),
            help_de: String::new(),
            help_en: String::new(),
            options: r#"[{"de":"Vegetarisch","en":"Vegetarian"},{"de":"Vegan","en":"Vegan"},{"de":"Alles","en":"Anything"}]"#.into(),
            required,
            ticket_types: "[]".into(),
            max_bytes: Some(1024),
            number_min: None,
            number_max: None,
            position: id,
        }
    }

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2027, 10, 1, 9, 0, 0).unwrap()
    }

    fn input(pairs: &[(i64, &str)]) -> AnswersIn {
        let mut a = AnswersIn::default();
        for (id, v) in pairs {
            a.values.entry(*id).or_default().push((*v).to_string());
        }
        a
    }

    fn fields(e: &FieldErrors) -> Vec<(String, &'static str)> {
        e.0.iter().map(|(f, m)| (f.to_string(), m.id)).collect()
    }

    #[test]
    fn every_problem_is_named_at_its_field_at_once() {
        let qs = [
            q(1, QuestionKind::Text, true),
            q(2, QuestionKind::Number, false),
            q(3, QuestionKind::Date, false),
            q(4, QuestionKind::SingleChoice, false),
            q(5, QuestionKind::Country, false),
            q(6, QuestionKind::Consent, true),
            q(7, QuestionKind::YesNo, false),
        ];
        let a = input(&[
            (2, "zwölf"),
            (3, "31.02.2027"),
            (4, "3"),
            (5, "XX"),
            (7, "maybe"),
        ]);
        let e = check_answers(&qs, None, &a, &[], now()).unwrap_err();
        assert_eq!(
            fields(&e),
            vec![
                ("q1".into(), "valid-required"),
                ("q2".into(), "valid-number-invalid"),
                ("q3".into(), "valid-date-invalid"),
                ("q4".into(), "valid-choice-invalid"),
                ("q5".into(), "valid-country-invalid"),
                ("q6".into(), "valid-consent-required"),
                ("q7".into(), "valid-choice-invalid"),
            ]
        );
    }

    #[test]
    fn only_a_multiple_choice_takes_several_values() {
        let qs = [
            q(1, QuestionKind::SingleChoice, false),
            q(2, QuestionKind::Text, false),
            q(3, QuestionKind::MultipleChoice, false),
        ];
        let a = input(&[(1, "0"), (1, "1"), (2, "a"), (2, "b"), (3, "0"), (3, "1")]);
        assert_eq!(
            fields(&check_answers(&qs, None, &a, &[], now()).unwrap_err()),
            vec![
                ("q1".into(), "valid-answer-one"),
                ("q2".into(), "valid-answer-one")
            ]
        );
    }

    #[test]
    fn a_number_answer_has_at_most_fifteen_digits() {
        let qs = [q(2, QuestionKind::Number, false)];
        let big = format!("1{}", "0".repeat(308));
        for (value, refused) in [
            ("999999999999999", None),
            ("-999999999999999", None),
            ("1000000000000000", Some("valid-number-too-large")),
            (big.as_str(), Some("valid-number-too-large")),
            ("1e400", Some("valid-number-invalid")),
        ] {
            let got = check_answers(&qs, None, &input(&[(2, value)]), &[], now());
            assert_eq!(
                got.err().map(|e| fields(&e)),
                refused.map(|id| vec![("q2".to_string(), id)]),
                "{value}"
            );
        }
    }

    /// A number question's range holds, bounds included; an organiser's range is checked.
    #[test]
    fn a_number_answer_keeps_its_questions_range() {
        let mut employees = q(2, QuestionKind::Number, false);
        employees.number_min = Some(1.0);
        employees.number_max = Some(249.5);
        let qs = [employees];
        for (value, refused) in [
            ("1", None),
            ("249,5", None),
            ("0", Some("valid-number-below")),
            ("0.99", Some("valid-number-below")),
            ("250", Some("valid-number-above")),
        ] {
            let got = check_answers(&qs, None, &input(&[(2, value)]), &[], now());
            assert_eq!(
                got.err().map(|e| fields(&e)),
                refused.map(|id| vec![("q2".to_string(), id)]),
                "{value}"
            );
        }
        let question = |min: &str, max: &str| QuestionInput {
            kind: "number".into(),
            label_de: "Beschäftigte".into(),
            label_en: "Employees".into(),
            number_min: min.into(),
            number_max: max.into(),
            ..Default::default()
        };
        let ok = check_question(&question("1", "249,5"), &[]).unwrap();
        assert_eq!((ok.number_min, ok.number_max), (Some(1.0), Some(249.5)));
        let open = check_question(&question("", "10"), &[]).unwrap();
        assert_eq!((open.number_min, open.number_max), (None, Some(10.0)));
        for (min, max, field, id) in [
            ("10", "1", "number_max", "valid-question-range"),
            ("zehn", "", "number_min", "valid-number-invalid"),
            ("", "1e20", "number_max", "valid-number-too-large"),
        ] {
            let e = check_question(&question(min, max), &[]).unwrap_err();
            assert_eq!(fields(&e), vec![(field.to_string(), id)], "{min}–{max}");
        }
        // Other kinds keep no range.
        let text = QuestionInput {
            kind: "text".into(),
            ..question("1", "2")
        };
        assert_eq!(check_question(&text, &[]).unwrap().number_min, None);
    }

    #[test]
    fn good_answers_are_normalised_for_storage() {
        let qs = [
            q(1, QuestionKind::Text, true),
            q(2, QuestionKind::Number, false),
            q(3, QuestionKind::MultipleChoice, true),
            q(4, QuestionKind::Country, false),
            q(5, QuestionKind::Consent, true),
            q(6, QuestionKind::Text, false),
        ];
        let a = input(&[
            (1, "  Ruhr GmbH "),
            (2, "3,5"),
            (3, "2"),
            (3, "0"),
            (3, "2"),
            (4, "de"),
            (5, "on"),
        ]);
        let got = check_answers(&qs, None, &a, &[], now()).unwrap();
        assert_eq!(
            got,
            vec![
                (1, Answer::Text("Ruhr GmbH".into())),
                (2, Answer::Text("3.5".into())),
                (3, Answer::Text("[0,2]".into())),
                (4, Answer::Text("DE".into())),
                (5, Answer::Text(now().to_rfc3339())),
            ]
        );
        assert_eq!(display(&qs[2], "[0,2]", Lang::De), "Vegetarisch, Alles");
        assert_eq!(display(&qs[3], "DE", Lang::De), "Deutschland");
    }

    #[test]
    fn files_are_judged_by_content_and_size_not_by_name() {
        let qs = [q(1, QuestionKind::File, true)];
        let mut a = AnswersIn::default();
        a.files.insert(
            1,
            FileIn {
                filename: "cv.pdf".into(),
                bytes: b"MZ\x90\x00 not a pdf".to_vec(),
            },
        );
        assert_eq!(
            fields(&check_answers(&qs, None, &a, &[], now()).unwrap_err()),
            vec![("q1".into(), "valid-file-type")]
        );
        a.files.insert(
            1,
            FileIn {
                filename: "cv.pdf".into(),
                bytes: [b"%PDF-1.7 ".as_slice(), &[b'x'; 1100]].concat(),
            },
        );
        assert_eq!(
            fields(&check_answers(&qs, None, &a, &[], now()).unwrap_err()),
            vec![("q1".into(), "valid-file-too-large")]
        );
        // A PDF header in front of something else (an executable) is not a PDF.
        let mut fake = b"%PDF-1.4\n".to_vec();
        fake.extend_from_slice(b"MZ\x90\x00\x03\x00\x00\x00\x04\x00This program cannot be run");
        a.files.insert(
            1,
            FileIn {
                filename: "cv.pdf".into(),
                bytes: fake,
            },
        );
        assert_eq!(
            fields(&check_answers(&qs, None, &a, &[], now()).unwrap_err()),
            vec![("q1".into(), "valid-file-pdf-broken")]
        );
        let pdf = crate::pdf::testing::hand_written(b"BT /F1 12 Tf 56 780 Td (CV) Tj ET");
        assert!(pdf.len() < 1024, "{}", pdf.len());
        a.files.insert(
            1,
            FileIn {
                filename: "C:\\Users\\x\\Lebenslauf \"neu\".pdf".into(),
                bytes: pdf,
            },
        );
        let got = check_answers(&qs, None, &a, &[], now()).unwrap();
        assert!(
            matches!(&got[0].1, Answer::File { filename, content_type: "application/pdf", .. } if filename == "Lebenslauf neu.pdf")
        );
        // Changing answers later without a new file keeps the stored one.
        let none = AnswersIn::default();
        assert_eq!(
            check_answers(&qs, None, &none, &[1], now()).unwrap(),
            vec![(1, Answer::Keep)]
        );
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\nrest"), Some("image/png"));
        assert_eq!(sniff(b"\xFF\xD8\xFF\xE0"), Some("image/jpeg"));
    }

    #[test]
    fn a_consent_in_force_stays_until_answered_false_and_a_required_one_cannot_be_withdrawn() {
        let qs = [
            q(1, QuestionKind::Consent, true),
            q(2, QuestionKind::Consent, false),
        ];
        let said = |pairs: &[(i64, &str)]| input(pairs);
        // A form without the boxes keeps both.
        assert_eq!(
            check_answers(&qs, None, &AnswersIn::default(), &[1, 2], now()).unwrap(),
            vec![(1, Answer::Keep), (2, Answer::Keep)]
        );
        // `false` withdraws the optional one; the required one is refused with its own message.
        assert_eq!(
            check_answers(&qs, None, &said(&[(2, "")]), &[1, 2], now()).unwrap(),
            vec![(1, Answer::Keep), (2, Answer::Withdraw)]
        );
        let e = check_answers(&qs, None, &said(&[(1, ""), (2, "")]), &[1, 2], now()).unwrap_err();
        assert_eq!(
            fields(&e),
            vec![("q1".into(), "valid-consent-withdraw-required")]
        );
        // Given again after a withdrawal: a new instant. Never given and `false`: nothing.
        assert_eq!(
            check_answers(&qs, None, &said(&[(2, "on")]), &[1], now()).unwrap(),
            vec![(1, Answer::Keep), (2, Answer::Text(now().to_rfc3339()))]
        );
        assert_eq!(
            check_answers(&qs, None, &said(&[(2, "")]), &[1], now()).unwrap(),
            vec![(1, Answer::Keep)]
        );
    }

    #[test]
    fn questions_for_other_ticket_types_are_not_asked() {
        let mut online = q(1, QuestionKind::Text, true);
        online.ticket_types = "[7]".into();
        let qs = [online];
        assert!(
            check_answers(&qs, Some(8), &AnswersIn::default(), &[], now())
                .unwrap()
                .is_empty()
        );
        assert!(check_answers(&qs, Some(7), &AnswersIn::default(), &[], now()).is_err());
    }

    #[test]
    fn organisers_questions_need_labels_choices_and_known_ticket_types() {
        let bad = QuestionInput {
            kind: "single_choice".into(),
            label_de: "Essen".into(),
            options: "Nur eins".into(),
            ticket_types: vec![99],
            ..Default::default()
        };
        let e = check_question(&bad, &[1, 2]).unwrap_err();
        assert_eq!(
            fields(&e),
            vec![
                ("label_en".into(), "valid-required"),
                ("options".into(), "valid-question-options-missing"),
                ("ticket_types".into(), "valid-ticket-type-unknown")
            ]
        );
        let good = QuestionInput {
            kind: "single_choice".into(),
            label_de: "Essen".into(),
            label_en: "Food".into(),
            options: "Vegetarisch | Vegetarian\nVegan".into(),
            ticket_types: vec![2],
            ..Default::default()
        };
        let spec = check_question(&good, &[1, 2]).unwrap();
        assert_eq!(
            spec.choices,
            vec![
                Choice {
                    de: "Vegetarisch".into(),
                    en: "Vegetarian".into()
                },
                Choice {
                    de: "Vegan".into(),
                    en: "Vegan".into()
                }
            ]
        );
        let file = QuestionInput {
            kind: "file".into(),
            label_de: "CV".into(),
            label_en: "CV".into(),
            max_mb: Some(50),
            ..Default::default()
        };
        assert_eq!(
            fields(&check_question(&file, &[]).unwrap_err()),
            vec![("max_mb".into(), "valid-question-max-mb-invalid")]
        );
    }
}
