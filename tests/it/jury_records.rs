//! What a jury's ranking shows and what the chair's confirmation leaves on record: raw and
//! normalised spreads side by side (either one flags an entry), the confirmed ranking with its
//! tie-break values and decisions in the API, on the round page and in the jury report, and
//! places awarded in the call's last round, whatever its kind.

use chrono::Duration;
use convene_tests::pdf_text;
use serde_json::{Value, json};

use crate::jury_api::{Fx, SLUG, assert_close};

/// The line of `submission` in a ranking or confirmation list.
fn line(list: &Value, submission: i64) -> Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|l| l["submission_id"] == submission)
        .cloned()
        .unwrap_or_else(|| panic!("{submission} not listed: {list}"))
}

async fn set_language(fx: &Fx, lang: &str) {
    sqlx::query("update accounts set language = $1 where id = $2")
        .bind(lang)
        .bind(fx.olaf.id.0)
        .execute(&fx.app.db)
        .await
        .unwrap();
}

/// A lenient and a harsh juror who agree that entry 0 is the weakest: normalised, they agree;
/// raw, they are 5.36 points apart on it. Both spreads are shown, the raw one flags it, and the
/// normalised scores keep the jury's range (5.68 to 7.50) instead of moving to the middle.
#[tokio::test]
async fn a_normalised_ranking_shows_both_spreads_and_flags_the_raw_disagreement() {
    let fx = Fx::new().await;
    let lea = fx.juror("lea@example.org", "Lea Brandt").await;
    let jan = fx.juror("jan@example.org", "Jan Krause").await;
    let round = fx
        .round(json!({ "normalise": true, "disagreement": 3.0 }))
        .await;
    let c = fx.criterion(round, "Neuheit", 1.0, false).await;
    let [s0, s1, s2] = fx.entries;
    for (juror, scores) in [(&lea, [3.0, 4.0, 5.0]), (&jan, [8.36, 9.0, 10.0])] {
        for (sub, score) in fx.entries.iter().zip(scores) {
            fx.assign(round, juror, *sub).await;
            fx.open(juror, round, *sub).await;
            fx.final_review(juror, round, *sub, &[(c, score)], "").await;
        }
    }
    let (status, ranking) = fx
        .get(
            &fx.orga,
            &format!("/calls/{SLUG}/jury/rounds/{round}/ranking"),
        )
        .await;
    assert_eq!(status, 200, "{ranking}");
    let weakest = line(&ranking, s0);
    assert_close(&weakest["spread"], 5.36);
    assert_close(&weakest["raw_score"], (3.0 + 8.36) / 2.0);
    assert!(
        weakest["normalised_spread"].as_f64().unwrap() < 0.5,
        "{weakest}"
    );
    assert_eq!(weakest["disagreement"], true, "{weakest}");
    // The lowest and highest normalised scores land on the lowest and highest raw ones.
    assert_close(&weakest["score"], 5.68);
    assert_close(&line(&ranking, s2)["score"], 7.5);
    assert_close(&line(&ranking, s1)["first_criterion"], 6.5);

    for (lang, headers, spread) in [
        ("en", ["Raw spread", "Evened-out spread"], "5.36"),
        ("de", ["Spanne roh", "Spanne ausgeglichen"], "5,36"),
    ] {
        set_language(&fx, lang).await;
        let client = fx.app.signed_in("orga@example.org", lang).await;
        let page = client
            .get(&format!("/orga/calls/{SLUG}/jury/rounds/{round}"))
            .await;
        assert_eq!(page.status, 200);
        let head = page.texts("#ranking-table th").join(" | ");
        for h in headers {
            assert!(head.contains(h), "{lang}: {head}");
        }
        let row = page.text(&format!("#ranking-table tr[data-submission='{s0}']"));
        assert!(row.contains(spread), "{lang}: {row}");
        // Flagged although the normalised spread is small.
        let flags = page.texts(&format!(
            "#ranking-table tr[data-submission='{s0}'] .normalised-spread .badge-disagree"
        ));
        assert_eq!(flags.len(), 1, "{lang}: {row}");
    }
}

/// The chair's confirmation is a record: the ranking as it stood with its tie-break values and
/// each decision, readable through the API, on the round page and in the jury report, in both
/// languages; nothing is on record before.
#[tokio::test]
async fn the_confirmation_is_on_record_in_the_api_the_page_and_the_report() {
    let fx = Fx::new().await;
    let lea = fx.juror("lea@example.org", "Lea Brandt").await;
    let round = fx.round(json!({})).await;
    let c = fx.criterion(round, "Neuheit", 1.0, false).await;
    let [s0, s1, s2] = fx.entries;
    for (sub, score) in [(s0, 8.0), (s1, 3.0), (s2, 6.0)] {
        fx.assign(round, &lea, sub).await;
        fx.open(&lea, round, sub).await;
        fx.final_review(&lea, round, sub, &[(c, score)], "").await;
    }
    let path = format!("/calls/{SLUG}/jury/rounds/{round}/confirmation");
    let (status, problem) = fx.get(&fx.orga, &path).await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (404, Some("jury-round-not-confirmed"))
    );
    fx.app.clock.advance(Duration::days(10));
    // The call's only round: it places an entry straight from review.
    let (status, detail) = fx
        .post(
            &fx.orga,
            &path,
            json!({ "decisions": [
                { "submission_id": s0, "outcome": "place_1" },
                { "submission_id": s1, "outcome": "not_selected" },
            ] }),
        )
        .await;
    assert_eq!(status, 200, "{detail}");
    assert_eq!(fx.status_of(s0).await, ("winner".into(), Some(1)));
    assert_eq!(fx.status_of(s1).await.0, "not_selected");
    assert_eq!(fx.status_of(s2).await.0, "in_review");

    let (status, record) = fx.get(&fx.orga, &path).await;
    assert_eq!(status, 200, "{record}");
    assert_eq!(record, detail["confirmation"]);
    assert_eq!(record["confirmed_by"], "Olaf Organiser");
    let lines = &record["lines"];
    let order: Vec<i64> = lines
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["submission_id"].as_i64().unwrap())
        .collect();
    assert_eq!(order, [s0, s2, s1], "{record}");
    for (sub, rank, score, outcome) in [
        (s0, 1, 8.0, "place_1"),
        (s2, 2, 6.0, "none"),
        (s1, 3, 3.0, "not_selected"),
    ] {
        let l = line(lines, sub);
        assert_eq!(l["rank"], rank, "{l}");
        assert_close(&l["score"], score);
        assert_close(&l["first_criterion"], score);
        assert_eq!(l["outcome"], outcome, "{l}");
    }

    // The record does not follow later edits of the scores' database rows.
    sqlx::query("update jury_scores set score = 0")
        .execute(&fx.app.db)
        .await
        .unwrap();
    let (_, again) = fx.get(&fx.orga, &path).await;
    assert_eq!(again, record);

    for (lang, heading, place, none, decimal) in [
        (
            "en",
            "Ranking as confirmed",
            "1st place",
            "No decision",
            "8.00",
        ),
        (
            "de",
            "Rangliste wie bestätigt",
            "1. Platz",
            "Keine Entscheidung",
            "8,00",
        ),
    ] {
        set_language(&fx, lang).await;
        let client = fx.app.signed_in("orga@example.org", lang).await;
        let page = client
            .get(&format!("/orga/calls/{SLUG}/jury/rounds/{round}"))
            .await;
        assert_eq!(page.status, 200);
        assert_eq!(page.text("#confirmed-title"), heading);
        let first = page.text(&format!("#confirmed-table tr[data-submission='{s0}']"));
        assert!(
            first.contains(place) && first.contains(decimal),
            "{lang}: {first}"
        );
        let undecided = page.text(&format!(
            "#confirmed-table tr[data-submission='{s2}'] .decision"
        ));
        assert_eq!(undecided, none);

        let resp = client
            .http
            .get(fx.app.url(&format!(
                "/orga/calls/{SLUG}/jury/rounds/{round}/report.pdf"
            )))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 200);
        let text = pdf_text(&resp.bytes().await.unwrap());
        let decisions = if lang == "en" {
            "The chair's decisions"
        } else {
            "Entscheidungen des Juryvorsitzes"
        };
        assert!(text.contains(decisions), "{lang}: {text}");
        assert!(text.contains(place), "{lang}: {text}");
        assert!(text.contains(none), "{lang}: {text}");
    }
}

/// A round followed by another is a pre-selection: it places only finalists, and its page says
/// where places are awarded; the last round places any entry.
#[tokio::test]
async fn only_the_last_round_places_entries_that_are_not_finalists() {
    let fx = Fx::new().await;
    let lea = fx.juror("lea@example.org", "Lea Brandt").await;
    let first = fx.round(json!({})).await;
    let c = fx.criterion(first, "Neuheit", 1.0, false).await;
    let s0 = fx.entries[0];
    fx.assign(first, &lea, s0).await;
    fx.open(&lea, first, s0).await;
    fx.final_review(&lea, first, s0, &[(c, 8.0)], "").await;
    fx.round(json!({ "name_de": "Finale", "name_en": "Final", "entrants": "finalist" }))
        .await;
    fx.app.clock.advance(Duration::days(10));

    let path = format!("/calls/{SLUG}/jury/rounds/{first}/confirmation");
    let (status, problem) = fx
        .post(
            &fx.orga,
            &path,
            json!({ "decisions": [{ "submission_id": s0, "outcome": "place_1" }] }),
        )
        .await;
    assert_eq!(status, 422, "{problem}");
    assert!(
        problem["fields"]["decisions"][0]
            .as_str()
            .unwrap()
            .starts_with("Plätze gehen an Finalisten oder werden in der letzten Runde"),
        "{problem}"
    );
    assert_eq!(fx.status_of(s0).await.0, "in_review");
    assert_eq!(fx.get(&fx.orga, &path).await.0, 404);

    set_language(&fx, "en").await;
    let client = fx.app.signed_in("orga@example.org", "en").await;
    let page = client
        .get(&format!("/orga/calls/{SLUG}/jury/rounds/{first}"))
        .await;
    assert!(
        page.text("#places-hint")
            .starts_with("Places go to finalists"),
        "{}",
        page.text("#places-hint")
    );
    let options = page.texts(&format!("#outcome_{s0} option"));
    assert!(!options.is_empty());
    assert!(!options.iter().any(|o| o.ends_with("place")), "{options:?}");
}
