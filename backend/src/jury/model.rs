//! The jury as stored, and the parsing of what organisers and jurors type into its forms. Pure:
//! no I/O.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use convene_frontend::Lang;

use crate::call::model::{SubmissionStatus, parse_instant};
use crate::error::{FieldErrors, Msg};
use crate::event::model::text;

use super::rank;

/// Where the entries of a round are judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoundKind {
    /// Jurors review on their own time until the round closes (pre-selection).
    Online,
    /// Jurors score during the pitches of the linked agenda session.
    Pitch,
}

impl RoundKind {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "online" => Some(Self::Online),
            "pitch" => Some(Self::Pitch),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Online => "online",
            Self::Pitch => "pitch",
        }
    }
}

/// When jurors see the other jurors' scores of an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OthersScores {
    Never,
    /// Once their own review of that entry is final (or abstained).
    AfterOwn,
    /// Once the round is closed.
    AfterClose,
}

impl OthersScores {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "never" => Some(Self::Never),
            "after_own" => Some(Self::AfterOwn),
            "after_close" => Some(Self::AfterClose),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Never => "never",
            Self::AfterOwn => "after_own",
            Self::AfterClose => "after_close",
        }
    }
}

/// The statuses a round can take its entrants from.
pub const ENTRANTS: [SubmissionStatus; 3] = [
    SubmissionStatus::InReview,
    SubmissionStatus::Shortlisted,
    SubmissionStatus::Finalist,
];

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Round {
    pub id: i64,
    pub call_id: i64,
    pub position: i64,
    pub name_de: String,
    pub name_en: String,
    pub kind: String,
    pub entrants: String,
    pub scale_min: i64,
    pub scale_max: i64,
    pub aggregation: String,
    pub normalise: bool,
    pub per_submission: i64,
    pub disagreement: f64,
    pub others_scores: String,
    pub names_hidden: bool,
    pub opens_at: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
    pub session_id: Option<i64>,
    pub confirmed_at: Option<DateTime<Utc>>,
    pub confirmed_by: Option<i64>,
    pub reminded_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Round {
    pub fn name(&self, lang: Lang) -> &str {
        match lang {
            Lang::De => &self.name_de,
            Lang::En => &self.name_en,
        }
    }
    pub fn kind(&self) -> RoundKind {
        RoundKind::parse(&self.kind).unwrap_or(RoundKind::Online)
    }
    pub fn entrants(&self) -> SubmissionStatus {
        SubmissionStatus::parse(&self.entrants).unwrap_or(SubmissionStatus::InReview)
    }
    pub fn others_scores(&self) -> OthersScores {
        OthersScores::parse(&self.others_scores).unwrap_or(OthersScores::Never)
    }
    pub fn aggregation(&self) -> rank::Aggregation {
        if self.aggregation == "median" {
            rank::Aggregation::Median
        } else {
            rank::Aggregation::WeightedMean
        }
    }
    pub fn settings(&self) -> rank::Settings {
        rank::Settings {
            aggregation: self.aggregation(),
            normalise: self.normalise,
            disagreement_threshold: self.disagreement,
        }
    }
    /// The instant reviews lock: the earlier of the planned close and an early close.
    pub fn locks_at(&self) -> DateTime<Utc> {
        self.closed_at
            .map_or(self.closes_at, |c| c.min(self.closes_at))
    }
    /// Whether jurors may score now.
    pub fn is_open(&self, now: DateTime<Utc>) -> bool {
        now >= self.opens_at && now < self.locks_at()
    }
    pub fn is_closed(&self, now: DateTime<Utc>) -> bool {
        now >= self.locks_at()
    }
    /// The phase as a message id.
    pub fn phase_id(&self, now: DateTime<Utc>) -> &'static str {
        if self.confirmed_at.is_some() {
            "jury-phase-confirmed"
        } else if self.is_closed(now) {
            "jury-phase-closed"
        } else if now < self.opens_at {
            "jury-phase-upcoming"
        } else {
            "jury-phase-open"
        }
    }
}

/// One line of a confirmed round's ranking, as it stood when the chair confirmed it, with the
/// decision taken (see `migrations/sqlite/0018_jury_confirmed_ranking.sql`).
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct ConfirmedLine {
    pub submission_id: i64,
    pub rank: i64,
    pub score: Option<f64>,
    pub raw_score: Option<f64>,
    pub reviews: i64,
    pub abstentions: i64,
    pub spread: f64,
    pub normalised_spread: Option<f64>,
    pub disagreement: bool,
    pub first_criterion: Option<f64>,
    /// `advance`, `finalist`, `keep`, `not_selected`, `place_N`, or `none` (no decision given).
    pub outcome: String,
}

impl ConfirmedLine {
    /// The record of one ranking line with the decision taken on it.
    pub fn of(r: &super::rank::RankedEntry, outcome: String) -> ConfirmedLine {
        let count = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
        ConfirmedLine {
            submission_id: r.submission,
            rank: count(r.rank),
            score: r.score,
            raw_score: r.raw_score,
            reviews: count(r.reviews),
            abstentions: count(r.abstentions),
            spread: r.spread,
            normalised_spread: r.normalised_spread,
            disagreement: r.disagreement,
            first_criterion: r.first_criterion,
            outcome,
        }
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CriterionRow {
    pub id: i64,
    pub round_id: i64,
    pub position: i64,
    pub name_de: String,
    pub name_en: String,
    pub help_de: String,
    pub help_en: String,
    pub labels_de: String,
    pub labels_en: String,
    pub weight: f64,
    pub informational: bool,
    pub created_at: DateTime<Utc>,
}

impl CriterionRow {
    pub fn name(&self, lang: Lang) -> &str {
        match lang {
            Lang::De => &self.name_de,
            Lang::En => &self.name_en,
        }
    }
    pub fn help(&self, lang: Lang) -> &str {
        match lang {
            Lang::De => &self.help_de,
            Lang::En => &self.help_en,
        }
    }
    /// The labels of the scale points, e.g. `[(0, "not convincing"), (10, "outstanding")]`.
    pub fn labels(&self, lang: Lang) -> Vec<(i64, String)> {
        serde_json::from_str(match lang {
            Lang::De => &self.labels_de,
            Lang::En => &self.labels_en,
        })
        .unwrap_or_default()
    }
    /// As the ranking maths sees it, on the round's scale.
    pub fn for_rank(&self, round: &Round) -> rank::Criterion {
        rank::Criterion {
            id: self.id,
            weight: self.weight,
            min: round.scale_min as f64,
            max: round.scale_max as f64,
            informational: self.informational,
        }
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct JurorRow {
    pub id: i64,
    pub call_id: i64,
    pub account_id: i64,
    pub categories: String,
    pub created_at: DateTime<Utc>,
    pub name: String,
    pub email: String,
    pub organisation: Option<String>,
}

impl JurorRow {
    pub fn categories(&self) -> Vec<i64> {
        serde_json::from_str(&self.categories).unwrap_or_default()
    }
}

/// The state of a review.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewState {
    #[default]
    Draft,
    Final,
    Abstained,
}

impl ReviewState {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "draft" => Some(Self::Draft),
            "final" => Some(Self::Final),
            "abstained" => Some(Self::Abstained),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Final => "final",
            Self::Abstained => "abstained",
        }
    }
    pub fn label_id(self) -> &'static str {
        match self {
            Self::Draft => "jury-review-draft",
            Self::Final => "jury-review-final",
            Self::Abstained => "jury-review-abstained",
        }
    }
    /// Done from the juror's side: counts as progress, and lets them see others' scores under
    /// [`OthersScores::AfterOwn`].
    pub fn is_done(self) -> bool {
        self != Self::Draft
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ReviewRow {
    pub id: i64,
    pub round_id: i64,
    pub account_id: i64,
    pub submission_id: i64,
    pub state: String,
    pub comment: String,
    pub team_note: String,
    pub abstain_reason: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub finalised_at: Option<DateTime<Utc>>,
    /// When the juror opened the other jurors' reviews of this entry; their review is locked
    /// from then on (see migrations/sqlite/0012_jury_others_seen.sql).
    pub others_seen_at: Option<DateTime<Utc>>,
}

impl ReviewRow {
    pub fn state(&self) -> ReviewState {
        ReviewState::parse(&self.state).unwrap_or(ReviewState::Draft)
    }
}

/// A review with its scores.
#[derive(Debug, Clone)]
pub struct Review {
    pub row: ReviewRow,
    pub scores: HashMap<i64, f64>,
}

impl Review {
    pub fn for_rank(&self) -> rank::Review {
        rank::Review {
            juror: self.row.account_id,
            submission: self.row.submission_id,
            scores: self.scores.clone(),
            abstained: self.row.state() == ReviewState::Abstained,
        }
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Declaration {
    pub submission_id: i64,
    pub account_id: i64,
    pub conflict: bool,
    pub reason: String,
    pub declared_at: DateTime<Utc>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Assignment {
    pub id: i64,
    pub round_id: i64,
    pub account_id: i64,
    pub submission_id: i64,
    pub source: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Slot {
    pub id: i64,
    pub round_id: i64,
    pub submission_id: i64,
    pub position: i64,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
}

impl Slot {
    /// Scoring a pitch opens when its slot starts.
    pub fn has_started(&self, now: DateTime<Utc>) -> bool {
        now >= self.starts_at
    }
}

/// Divides a pitching session into `n` equal slots, in order, each starting on a whole minute
/// (the last one ends with the session). Empty for `n = 0` or a session without length.
pub fn plan_slots(
    starts: DateTime<Utc>,
    ends: DateTime<Utc>,
    n: usize,
) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
    let minutes = (ends - starts).num_minutes();
    let Ok(count) = i64::try_from(n) else {
        return Vec::new();
    };
    if count == 0 || minutes < count {
        return Vec::new();
    }
    let each = minutes / count;
    (0..count)
        .map(|i| {
            let a = starts + chrono::Duration::minutes(i * each);
            let b = if i + 1 == count {
                ends
            } else {
                a + chrono::Duration::minutes(each)
            };
            (a, b)
        })
        .collect()
}

/// Why a juror may not see or score an entry, as a message id; `None`: they may.
pub fn conflict_kind(
    declared: Option<&Declaration>,
    same_org: bool,
    in_team: bool,
) -> Option<&'static str> {
    if in_team {
        Some("jury-conflict-team")
    } else if same_org {
        Some("jury-conflict-organisation")
    } else if declared.is_some_and(|d| d.conflict) {
        Some("jury-conflict-declared")
    } else {
        None
    }
}

// --- Forms ---------------------------------------------------------------------------------------

/// What an organiser types for a round (form fields and API body alike).
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct RoundInput {
    pub name_de: String,
    pub name_en: String,
    /// online | pitch
    pub kind: String,
    /// in_review | shortlisted | finalist
    pub entrants: String,
    pub scale_min: Option<i64>,
    pub scale_max: Option<i64>,
    /// mean | median
    pub aggregation: String,
    pub normalise: bool,
    pub per_submission: Option<i64>,
    pub disagreement: Option<f64>,
    /// never | after_own | after_close
    pub others_scores: String,
    pub names_hidden: bool,
    /// Local time in the call's zone (`2027-04-01T09:00`) or RFC 3339.
    pub opens_at: String,
    pub closes_at: String,
    /// Pitch rounds: the agenda session's id (of the call's event).
    pub session_id: Option<i64>,
}

/// A checked round, ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct RoundDraft {
    pub name_de: String,
    pub name_en: String,
    pub kind: RoundKind,
    pub entrants: SubmissionStatus,
    pub scale_min: i64,
    pub scale_max: i64,
    pub aggregation: rank::Aggregation,
    pub normalise: bool,
    pub per_submission: i64,
    pub disagreement: f64,
    pub others_scores: OthersScores,
    pub names_hidden: bool,
    pub opens_at: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
    pub session_id: Option<i64>,
}

/// The widest scale an organiser may set: 0–100.
pub const SCALE_LIMIT: i64 = 100;
/// The most jurors per entry the planner is asked for.
pub const PER_SUBMISSION_LIMIT: i64 = 50;

impl RoundInput {
    /// Validates every field; all problems at once. Times are read in `tz`.
    pub fn parse(&self, tz: chrono_tz::Tz) -> Result<RoundDraft, FieldErrors> {
        let mut e = FieldErrors::default();
        let name = |v: &str| text(v, 120, Some("valid-jury-name-required"), "valid-too-long");
        let name_de = e.check("name_de", name(&self.name_de));
        let name_en = e.check("name_en", name(&self.name_en));
        let kind = RoundKind::parse(self.kind.trim());
        if kind.is_none() {
            e.add("kind", "valid-choice-invalid");
        }
        let entrants =
            SubmissionStatus::parse(self.entrants.trim()).filter(|s| ENTRANTS.contains(s));
        if entrants.is_none() {
            e.add("entrants", "valid-choice-invalid");
        }
        let scale_min = self.scale_min.unwrap_or(0);
        let scale_max = self.scale_max.unwrap_or(10);
        if !(0..SCALE_LIMIT).contains(&scale_min) {
            e.add_msg(
                "scale_min",
                Msg::new("valid-number-range")
                    .arg("min", 0)
                    .arg("max", SCALE_LIMIT - 1),
            );
        } else if !(scale_min + 1..=SCALE_LIMIT).contains(&scale_max) {
            e.add("scale_max", "valid-jury-scale");
        }
        let aggregation = match self.aggregation.trim() {
            "" | "mean" => Some(rank::Aggregation::WeightedMean),
            "median" => Some(rank::Aggregation::Median),
            _ => None,
        };
        if aggregation.is_none() {
            e.add("aggregation", "valid-choice-invalid");
        }
        let per_submission = self.per_submission.unwrap_or(3);
        if !(1..=PER_SUBMISSION_LIMIT).contains(&per_submission) {
            e.add_msg(
                "per_submission",
                Msg::new("valid-number-range")
                    .arg("min", 1)
                    .arg("max", PER_SUBMISSION_LIMIT),
            );
        }
        let disagreement = self
            .disagreement
            .unwrap_or((scale_max.saturating_sub(scale_min) as f64 * 0.3).round());
        if !(disagreement.is_finite() && disagreement > 0.0) {
            e.add("disagreement", "valid-jury-disagreement");
        }
        let others_scores = match self.others_scores.trim() {
            "" => Some(OthersScores::Never),
            s => OthersScores::parse(s),
        };
        if others_scores.is_none() {
            e.add("others_scores", "valid-choice-invalid");
        }
        let mut instant = |field: &'static str, v: &str| match parse_instant(v, tz) {
            Ok(None) => {
                e.add(field, "valid-required");
                None
            }
            Ok(t) => t,
            Err(m) => {
                e.add_msg(field, m);
                None
            }
        };
        let opens_at = instant("opens_at", &self.opens_at);
        let closes_at = instant("closes_at", &self.closes_at);
        if let (Some(o), Some(c)) = (opens_at, closes_at)
            && c <= o
        {
            e.add("closes_at", "valid-jury-closes-before-opening");
        }
        if kind == Some(RoundKind::Pitch) && self.session_id.is_none() {
            e.add("session_id", "valid-jury-session-required");
        }
        match (
            name_de,
            name_en,
            kind,
            entrants,
            aggregation,
            others_scores,
            opens_at,
            closes_at,
        ) {
            (
                Some(name_de),
                Some(name_en),
                Some(kind),
                Some(entrants),
                Some(aggregation),
                Some(others_scores),
                Some(opens_at),
                Some(closes_at),
            ) if e.is_empty() => Ok(RoundDraft {
                name_de,
                name_en,
                kind,
                entrants,
                scale_min,
                scale_max,
                aggregation,
                normalise: self.normalise,
                per_submission,
                disagreement,
                others_scores,
                names_hidden: self.names_hidden,
                opens_at,
                closes_at,
                session_id: if kind == RoundKind::Pitch {
                    self.session_id
                } else {
                    None
                },
            }),
            _ => Err(e),
        }
    }
}

/// What an organiser types for a criterion.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct CriterionInput {
    pub name_de: String,
    pub name_en: String,
    pub help_de: String,
    pub help_en: String,
    /// One per line: `0 = not convincing`.
    pub labels_de: String,
    pub labels_en: String,
    pub weight: Option<f64>,
    pub informational: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CriterionDraft {
    pub name_de: String,
    pub name_en: String,
    pub help_de: String,
    pub help_en: String,
    pub labels_de: Vec<(i64, String)>,
    pub labels_en: Vec<(i64, String)>,
    pub weight: f64,
    pub informational: bool,
}

/// The heaviest weight a criterion may have (relative to the others).
pub const WEIGHT_LIMIT: f64 = 100.0;

impl CriterionInput {
    /// Validates every field against the round's scale.
    pub fn parse(&self, scale: (i64, i64)) -> Result<CriterionDraft, FieldErrors> {
        let mut e = FieldErrors::default();
        let name = |v: &str| text(v, 120, Some("valid-jury-name-required"), "valid-too-long");
        let name_de = e.check("name_de", name(&self.name_de));
        let name_en = e.check("name_en", name(&self.name_en));
        let help = |v: &str| text(v, 1000, None, "valid-too-long");
        let help_de = e.check("help_de", help(&self.help_de));
        let help_en = e.check("help_en", help(&self.help_en));
        let labels_de = e.check("labels_de", parse_labels(&self.labels_de, scale));
        let labels_en = e.check("labels_en", parse_labels(&self.labels_en, scale));
        let weight = self.weight.unwrap_or(1.0);
        if !(weight.is_finite() && weight > 0.0 && weight <= WEIGHT_LIMIT) {
            e.add("weight", "valid-jury-weight");
        }
        match (name_de, name_en, help_de, help_en, labels_de, labels_en) {
            (
                Some(name_de),
                Some(name_en),
                Some(help_de),
                Some(help_en),
                Some(labels_de),
                Some(labels_en),
            ) if e.is_empty() => Ok(CriterionDraft {
                name_de,
                name_en,
                help_de,
                help_en,
                labels_de,
                labels_en,
                weight,
                informational: self.informational,
            }),
            _ => Err(e),
        }
    }
}

/// Reads scale labels, one per line as `score = label` (also `score: label`), each score within
/// the scale and at most once; sorted by score.
pub fn parse_labels(input: &str, (min, max): (i64, i64)) -> Result<Vec<(i64, String)>, Msg> {
    let mut out: Vec<(i64, String)> = Vec::new();
    for line in input.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let Some((score, label)) = line.split_once(['=', ':']) else {
            return Err(Msg::new("valid-jury-label-line").arg("line", line.to_string()));
        };
        let Ok(score) = score.trim().parse::<i64>() else {
            return Err(Msg::new("valid-jury-label-line").arg("line", line.to_string()));
        };
        if !(min..=max).contains(&score) {
            return Err(Msg::new("valid-jury-label-outside")
                .arg("score", score)
                .arg("min", min)
                .arg("max", max));
        }
        let label = label.trim();
        if label.is_empty() || label.chars().count() > 80 {
            return Err(Msg::new("valid-jury-label-line").arg("line", line.to_string()));
        }
        if out.iter().any(|(s, _)| *s == score) {
            return Err(Msg::new("valid-jury-label-twice").arg("score", score));
        }
        out.push((score, label.to_string()));
    }
    if out.len() > 20 {
        return Err(Msg::new("valid-jury-label-too-many"));
    }
    out.sort_by_key(|(s, _)| *s);
    Ok(out)
}

/// The labels as an organiser typed them, for the edit form.
pub fn labels_text(labels: &[(i64, String)]) -> String {
    labels
        .iter()
        .map(|(s, l)| format!("{s} = {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The name a juror sees for the `n`-th file (from 1) of an entry in a round that hides the
/// applicants' names: "Anhang 1.pdf" / "Attachment 1.pdf". Uploaded names often name the team
/// or the company ("talpasolutions-flotten.pdf"); only a short alphanumeric extension survives.
pub fn neutral_file_name(lang: Lang, n: usize, original: &str) -> String {
    let base = lang
        .tr()
        .msg_args("jury-juror-attachment-name", &[("n", n.to_string())]);
    let ext = original
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .filter(|e| !e.is_empty() && e.len() <= 5 && e.chars().all(|c| c.is_ascii_alphanumeric()));
    match ext {
        Some(e) => format!("{base}.{e}"),
        None => base,
    }
}

/// Reads one score as typed: empty is "not scored"; a comma works as the decimal mark.
pub fn parse_score(input: &str) -> Result<Option<f64>, Msg> {
    let t = input.trim();
    if t.is_empty() {
        return Ok(None);
    }
    t.replace(',', ".")
        .parse::<f64>()
        .map(Some)
        .map_err(|_| Msg::new("valid-number-invalid"))
}

/// A juror's review text: comment for the jury, note for the team.
pub const REVIEW_TEXT_MAX: usize = 5000;

/// A submission as the jury sees it in lists.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Entrant {
    pub id: i64,
    pub title: String,
    pub category_id: Option<i64>,
    pub organisation: String,
    pub status: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blind_rounds_name_files_by_number_keeping_the_extension() {
        assert_eq!(
            neutral_file_name(Lang::De, 1, "talpasolutions-flotten.pdf"),
            "Anhang 1.pdf"
        );
        assert_eq!(
            neutral_file_name(Lang::En, 2, "Team Foto.JPG"),
            "Attachment 2.jpg"
        );
        assert_eq!(
            neutral_file_name(Lang::En, 3, "no-extension"),
            "Attachment 3"
        );
        assert_eq!(
            neutral_file_name(Lang::En, 4, "acme.gmbh pitch deck"),
            "Attachment 4"
        );
    }

    fn round_input() -> RoundInput {
        RoundInput {
            name_de: "Online-Vorauswahl".into(),
            name_en: "Online pre-selection".into(),
            kind: "online".into(),
            entrants: "in_review".into(),
            opens_at: "2027-04-01T09:00".into(),
            closes_at: "2027-04-20T18:00".into(),
            ..RoundInput::default()
        }
    }

    #[test]
    fn a_round_with_defaults_parses_in_the_calls_zone() {
        let r = round_input().parse(chrono_tz::Europe::Berlin).unwrap();
        assert_eq!((r.scale_min, r.scale_max, r.per_submission), (0, 10, 3));
        assert_eq!(r.disagreement, 3.0);
        assert_eq!(r.others_scores, OthersScores::Never);
        assert_eq!(r.opens_at.to_rfc3339(), "2027-04-01T07:00:00+00:00");
        assert_eq!(r.session_id, None);
    }

    #[test]
    fn a_round_reports_every_problem_at_once() {
        let mut i = round_input();
        i.name_en = String::new();
        i.kind = "pitch".into();
        i.entrants = "draft".into();
        i.scale_max = Some(0);
        i.per_submission = Some(0);
        i.closes_at = "2027-03-01T09:00".into();
        let e = i.parse(chrono_tz::Europe::Berlin).unwrap_err();
        let fields: Vec<&str> = e.0.iter().map(|(f, _)| f.as_ref()).collect();
        for f in [
            "name_en",
            "entrants",
            "scale_max",
            "per_submission",
            "closes_at",
            "session_id",
        ] {
            assert!(fields.contains(&f), "{f} missing in {fields:?}");
        }
    }

    /// Extreme numbers are refused like any other out-of-range value, not overflowed on.
    #[test]
    fn extreme_scales_are_refused_without_overflow() {
        for (min, max) in [
            (i64::MIN, 0),
            (i64::MIN, i64::MAX),
            (0, i64::MIN),
            (i64::MAX, 0),
        ] {
            let mut i = round_input();
            i.scale_min = Some(min);
            i.scale_max = Some(max);
            let e = i.parse(chrono_tz::Europe::Berlin).unwrap_err();
            let fields: Vec<&str> = e.0.iter().map(|(f, _)| f.as_ref()).collect();
            assert!(
                fields.contains(&"scale_min") || fields.contains(&"scale_max"),
                "{min}..{max}: {fields:?}"
            );
        }
    }

    #[test]
    fn labels_are_read_checked_and_sorted() {
        let l = parse_labels("10 = outstanding\n0: not convincing\n\n5 = solid", (0, 10)).unwrap();
        assert_eq!(
            l,
            vec![
                (0, "not convincing".into()),
                (5, "solid".into()),
                (10, "outstanding".into())
            ]
        );
        assert_eq!(
            parse_labels("11 = too much", (0, 10)).unwrap_err().id,
            "valid-jury-label-outside"
        );
        assert_eq!(
            parse_labels("5 = a\n5 = b", (0, 10)).unwrap_err().id,
            "valid-jury-label-twice"
        );
        assert_eq!(
            parse_labels("five = a", (0, 10)).unwrap_err().id,
            "valid-jury-label-line"
        );
        assert_eq!(
            labels_text(&l),
            "0 = not convincing\n5 = solid\n10 = outstanding"
        );
    }

    #[test]
    fn scores_accept_a_decimal_comma() {
        assert_eq!(parse_score(" 7,5 "), Ok(Some(7.5)));
        assert_eq!(parse_score(""), Ok(None));
        assert_eq!(
            parse_score("sieben").unwrap_err().id,
            "valid-number-invalid"
        );
    }

    #[test]
    fn a_criterion_needs_a_positive_weight() {
        let c = CriterionInput {
            name_de: "Innovationsgrad".into(),
            name_en: "Degree of innovation".into(),
            weight: Some(0.0),
            ..CriterionInput::default()
        };
        let e = c.parse((0, 10)).unwrap_err();
        assert_eq!(
            e.0.iter().map(|(f, _)| f.as_ref()).collect::<Vec<&str>>(),
            vec!["weight"]
        );
    }

    #[test]
    fn a_session_is_divided_into_equal_slots_on_whole_minutes() {
        let t = |h: u32, m: u32| {
            chrono::NaiveDate::from_ymd_opt(2027, 5, 20)
                .unwrap()
                .and_hms_opt(h, m, 0)
                .unwrap()
                .and_utc()
        };
        // 100 minutes for 3 pitches: 33 minutes each, the last one keeps the remainder.
        let s = plan_slots(t(14, 0), t(15, 40), 3);
        assert_eq!(
            s,
            vec![
                (t(14, 0), t(14, 33)),
                (t(14, 33), t(15, 6)),
                (t(15, 6), t(15, 40))
            ]
        );
        assert!(plan_slots(t(14, 0), t(14, 2), 3).is_empty());
        assert!(plan_slots(t(14, 0), t(15, 0), 0).is_empty());
    }

    #[test]
    fn conflicts_name_their_cause() {
        assert_eq!(conflict_kind(None, false, true), Some("jury-conflict-team"));
        assert_eq!(
            conflict_kind(None, true, false),
            Some("jury-conflict-organisation")
        );
        assert_eq!(conflict_kind(None, false, false), None);
    }
}
