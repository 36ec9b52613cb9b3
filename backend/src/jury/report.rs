//! The jury report: one PDF per round for the organisers' files — the settings and criteria, the
//! ranking as it stands (or as the chair confirmed it), and every review with its juror, total
//! and comment. Set with the PDF kit (`crate::pdf`) in embedded DejaVu Sans, so every name prints
//! as it is written ("Łódź", "Dvořák"), and lines are wrapped by their measured width; numbers
//! use the reader's decimal mark ("6,90" / "6.90").

use chrono::{DateTime, Utc};
use convene_frontend::Lang;
use poem::web::Path;
use poem::{Response, handler};

use super::model::ReviewState;
use super::rank;
use super::service::{self, RoundView};
use crate::error::AppError;
use crate::http::page::{Ctx, download};
use crate::pdf::MM_PER_PT;
use crate::pdf::document::{self, Item, Page, TextLine};
use crate::pdf::fonts::{Style, face};

/// GET /orga/calls/:slug/jury/rounds/:id/report.pdf
#[handler]
pub async fn report_get(
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> Result<Response, AppError> {
    let view = service::round_view(&ctx.state, ctx.actor()?, &slug, id).await?;
    let bytes = pdf(&view, ctx.lang, ctx.state.clock.now());
    let name = format!("jury-report-{}-{}.pdf", view.call.slug, view.round.id);
    Ok(download(&name, "application/pdf", bytes))
}

/// A4 in millimetres, with the margins of the text block.
const PAGE_W: f32 = 210.0;
const PAGE_H: f32 = 297.0;
const LEFT: f32 = 20.0;
const TOP: f32 = 277.0;
const BOTTOM: f32 = 20.0;

/// One line of text: font, size in points, indent in millimetres.
struct Line {
    bold: bool,
    size: f32,
    indent: f32,
    text: String,
}

/// Lays out lines top to bottom, starting a new page when the block is full.
#[derive(Default)]
struct Layout {
    pages: Vec<Vec<Item>>,
    y: f32,
}

impl Layout {
    fn push(&mut self, line: Line) {
        let height = line.size * MM_PER_PT * 1.35;
        if self.pages.is_empty() || self.y - height < BOTTOM {
            self.pages.push(Vec::new());
            self.y = TOP;
        }
        self.y -= height;
        if line.text.is_empty() {
            return;
        }
        let style = if line.bold {
            Style::Bold
        } else {
            Style::Regular
        };
        let items = self.pages.last_mut().expect("a page was pushed above");
        items.push(Item::Text(TextLine {
            text: line.text,
            style,
            size: line.size,
            x: LEFT + line.indent,
            baseline: self.y,
            grey: 0.0,
        }));
    }

    /// A paragraph wrapped to the text block by the font's measured widths.
    fn paragraph(&mut self, text: &str, size: f32, indent: f32, bold: bool) {
        let width = PAGE_W - 2.0 * LEFT - indent;
        let style = if bold { Style::Bold } else { Style::Regular };
        for line in wrap(text, style, size, width) {
            self.push(Line {
                bold,
                size,
                indent,
                text: line,
            });
        }
    }

    fn gap(&mut self, mm: f32) {
        self.y -= mm;
    }
}

/// Breaks `text` into lines at most `width` mm wide at `size` points; every line of the text
/// starts a new line (an empty one stays empty).
fn wrap(text: &str, style: Style, size: f32, width: f32) -> Vec<String> {
    let face = face(style);
    text.lines()
        .flat_map(|paragraph| {
            let lines = face.wrap(paragraph, size, width);
            if lines.is_empty() {
                vec![String::new()]
            } else {
                lines
            }
        })
        .collect()
}

/// `v` as Rust prints it ("7", "7.5"), with the language's decimal mark.
fn decimal_mark(lang: Lang, s: String) -> String {
    match lang {
        Lang::De => s.replace('.', ","),
        Lang::En => s,
    }
}

/// A total or score with two decimals ("6,90" / "6.90"); "–" when there is none.
fn score(lang: Lang, s: Option<f64>) -> String {
    s.map_or_else(
        || "–".to_string(),
        |v| decimal_mark(lang, format!("{v:.2}")),
    )
}

/// A recorded decision in words: "Place 1", "Not selected", "No decision" …
pub(crate) fn outcome_label(outcome: &str, lang: Lang) -> String {
    let t = lang.tr();
    if let Some(p) = outcome.strip_prefix("place_") {
        return t.msg_args("call-place", &[("place", p.to_string())]);
    }
    t.msg(match outcome {
        "advance" => "jury-outcome-advance",
        "finalist" => "jury-orga-outcome-finalist",
        "keep" => "jury-outcome-keep",
        "not_selected" => "jury-orga-outcome-not-selected",
        _ => "jury-outcome-none",
    })
}

/// The report as PDF bytes.
pub fn pdf(view: &RoundView, lang: Lang, now: DateTime<Utc>) -> Vec<u8> {
    let t = lang.tr();
    let tz = view.call.tz();
    let round = &view.round;
    let mut l = Layout::default();
    l.paragraph(&t.msg("jury-report-title"), 18.0, 0.0, true);
    l.paragraph(view.call.title(lang), 13.0, 0.0, true);
    l.paragraph(round.name(lang), 13.0, 0.0, false);
    l.paragraph(
        &t.msg_args(
            "jury-report-generated",
            &[("at", crate::http::fmt::at(lang, tz, now))],
        ),
        9.0,
        0.0,
        false,
    );
    if let Some(at) = round.confirmed_at {
        let by = view.confirmed_by_name.clone().unwrap_or_default();
        l.paragraph(
            &t.msg_args(
                "jury-report-confirmed",
                &[("at", crate::http::fmt::at(lang, tz, at)), ("by", by)],
            ),
            9.0,
            0.0,
            false,
        );
    }
    l.gap(4.0);
    l.paragraph(&t.msg("jury-report-settings"), 12.0, 0.0, true);
    let settings = t.msg_args(
        "jury-report-settings-line",
        &[
            ("min", round.scale_min.to_string()),
            ("max", round.scale_max.to_string()),
            (
                "aggregation",
                t.msg(if round.aggregation == "median" {
                    "jury-report-median"
                } else {
                    "jury-report-mean"
                }),
            ),
            (
                "normalised",
                t.msg(if round.normalise {
                    "jury-report-normalised"
                } else {
                    "jury-report-not-normalised"
                }),
            ),
            ("jurors", round.per_submission.to_string()),
        ],
    );
    l.paragraph(&settings, 10.0, 0.0, false);
    for c in &view.criteria {
        let mut text = format!(
            "{} — {} {}",
            c.name(lang),
            t.msg("jury-report-weight"),
            decimal_mark(lang, c.weight.to_string())
        );
        if c.informational {
            text.push_str(&format!(" ({})", t.msg("jury-report-informational")));
        }
        l.paragraph(&text, 10.0, 4.0, false);
    }
    l.paragraph(&t.msg("jury-report-tie-breaks"), 9.0, 0.0, false);
    l.gap(4.0);
    l.paragraph(&t.msg("jury-report-ranking"), 12.0, 0.0, true);
    let title = |id: i64| {
        view.entrant(id)
            .map(|e| e.title.clone())
            .unwrap_or_default()
    };
    for r in &view.ranking {
        let mut text = format!(
            "{}. {} — {} ({})",
            r.rank,
            title(r.submission),
            score(lang, r.score),
            t.msg_args(
                "jury-report-reviews",
                &[
                    ("count", r.reviews.to_string()),
                    ("spread", decimal_mark(lang, format!("{:.2}", r.spread))),
                ]
            )
        );
        if let Some(n) = r.normalised_spread {
            text.push_str(&format!(
                " ({})",
                t.msg_args(
                    "jury-report-normalised-spread",
                    &[
                        ("score", score(lang, r.raw_score)),
                        ("spread", decimal_mark(lang, format!("{n:.2}"))),
                    ]
                )
            ));
        }
        if r.disagreement {
            text.push_str(&format!(" — {}", t.msg("jury-report-disagreement")));
        }
        l.paragraph(&text, 10.0, 0.0, false);
    }
    if !view.confirmed.is_empty() {
        // The record of the confirmation: the ranking as it stood then, with each decision
        // and the first tie-break value.
        l.gap(4.0);
        l.paragraph(&t.msg("jury-report-decisions"), 12.0, 0.0, true);
        l.paragraph(&t.msg("jury-confirmed-ranking-hint"), 9.0, 0.0, false);
        let first = view
            .criteria
            .iter()
            .find(|c| !c.informational)
            .map(|c| c.name(lang).to_string())
            .unwrap_or_default();
        for c in &view.confirmed {
            let text = format!(
                "{}. {} — {}: {} ({}; {} {})",
                c.rank,
                title(c.submission_id),
                t.msg("jury-decision"),
                outcome_label(&c.outcome, lang),
                score(lang, c.score),
                first,
                score(lang, c.first_criterion),
            );
            l.paragraph(&text, 10.0, 0.0, false);
        }
    }
    l.gap(4.0);
    l.paragraph(&t.msg("jury-report-reviews-heading"), 12.0, 0.0, true);
    let criteria = view.rank_criteria();
    for r in &view.ranking {
        l.gap(2.0);
        l.paragraph(
            &format!("{}. {}", r.rank, title(r.submission)),
            11.0,
            0.0,
            true,
        );
        let reviews = view
            .reviews
            .iter()
            .filter(|x| x.row.submission_id == r.submission && x.row.state().is_done());
        for review in reviews {
            let juror = view
                .jurors
                .iter()
                .find(|j| j.account_id == review.row.account_id)
                .map(|j| j.name.clone())
                .unwrap_or_default();
            let counted = !view
                .conflicts
                .contains(&(review.row.account_id, review.row.submission_id));
            let head = match review.row.state() {
                ReviewState::Abstained => format!(
                    "{juror}: {} — {}",
                    t.msg("jury-review-abstained"),
                    review.row.abstain_reason
                ),
                _ => {
                    let scores = view
                        .criteria
                        .iter()
                        .filter_map(|c| {
                            review
                                .scores
                                .get(&c.id)
                                .map(|s| decimal_mark(lang, s.to_string()))
                        })
                        .collect::<Vec<_>>()
                        .join(" / ");
                    format!(
                        "{juror}: {} ({scores})",
                        score(lang, rank::total(&criteria, &review.scores))
                    )
                }
            };
            let head = if counted {
                head
            } else {
                format!("{head} — {}", t.msg("jury-report-not-counted"))
            };
            l.paragraph(&head, 10.0, 4.0, false);
            if !review.row.comment.trim().is_empty() {
                l.paragraph(review.row.comment.trim(), 9.0, 8.0, false);
            }
        }
    }
    let title = format!("{} – {}", view.call.title(lang), round.name(lang));
    let pages = l
        .pages
        .into_iter()
        .map(|items| Page {
            width: PAGE_W,
            height: PAGE_H,
            items,
        })
        .collect();
    document::write(&title, pages)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_wraps_at_spaces_within_the_width() {
        let text = "Neuheit Nutzen Umsetzbarkeit Klimaschutz";
        // Just wide enough for the first two words.
        let width = face(Style::Regular).width("Neuheit Nutzen", 10.0) + 0.5;
        let lines = wrap(text, Style::Regular, 10.0, width);
        assert_eq!(lines, ["Neuheit Nutzen", "Umsetzbarkeit", "Klimaschutz"]);
        assert!(
            lines
                .iter()
                .all(|l| face(Style::Regular).width(l, 10.0) <= width)
        );
        assert_eq!(wrap("a\nb", Style::Regular, 10.0, 30.0), ["a", "b"]);
        assert_eq!(wrap("a\n\nb", Style::Bold, 10.0, 30.0), ["a", "", "b"]);
    }

    #[test]
    fn numbers_use_the_languages_decimal_mark() {
        assert_eq!(score(Lang::De, Some(6.9)), "6,90");
        assert_eq!(score(Lang::En, Some(6.9)), "6.90");
        assert_eq!(score(Lang::De, None), "–");
        assert_eq!(decimal_mark(Lang::De, 1.5.to_string()), "1,5");
        assert_eq!(decimal_mark(Lang::De, 2.0.to_string()), "2");
    }

    #[test]
    fn many_lines_flow_onto_further_pages() {
        let mut l = Layout::default();
        for i in 0..200 {
            l.paragraph(&format!("Zeile {i}"), 10.0, 0.0, false);
        }
        assert!(l.pages.len() >= 3, "{} pages", l.pages.len());
        assert!(l.y >= BOTTOM);
    }
}
