//! The jury's JSON API (`/api/v1`, `backend/src/jury/api.rs`): organisers set up rounds,
//! criteria, jurors and assignments and read reviews and rankings; jurors read what the blind
//! rules let them see and save their own reviews. Every test drives the API over HTTP with
//! personal API tokens and checks the JSON as well as the rows it leaves in the database.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{DateTime, Duration, TimeZone, Utc};
use convene::account::Actor;
use convene::account::service as accounts;
use convene::call::model::CallInput;
use convene::call::service as calls;
use convene::jury::service;
use convene_tests::TestApp;
use reqwest::Method;
use serde_json::{Value, json};

/// The call every test judges.
pub(crate) const SLUG: &str = "jury-api";

/// The entries of the call, all in review: title, organisation, website, team member.
pub(crate) const ENTRIES: [(&str, &str, &str, &str, &str); 3] = [
    (
        "Sortwerk: KI-Sortierung für Kunststoffabfälle",
        "Sortwerk GmbH",
        "https://sortwerk.example",
        "lina@sortwerk.example",
        "Lina Sortmann",
    ),
    (
        "Aquila: Agri-PV für Brachflächen",
        "Aquila Solar GmbH",
        "https://aquila.example",
        "paul@aquila.example",
        "Paul Adler",
    ),
    (
        "Grubenwasser-Wärme für Quartiere",
        "Ruhrwärme eG",
        "https://ruhrwaerme.example",
        "greta@ruhrwaerme.example",
        "Greta Grube",
    ),
];

/// A call whose deadline has passed (15 October 2026; the clock stands at 1 November) with three
/// entries in review from three organisations, each started by its one team member and with a
/// PDF, and its organiser with an API token.
pub(crate) struct Fx {
    pub(crate) app: TestApp,
    pub(crate) http: reqwest::Client,
    pub(crate) olaf: Actor,
    /// The organiser's API token.
    pub(crate) orga: String,
    pub(crate) entries: [i64; 3],
    /// The attachment of each entry (`submission_files.id`).
    pub(crate) files: [i64; 3],
}

/// A stored review: `(round, juror, submission, state, comment, team note, abstain reason)`.
type ReviewRow = (i64, i64, i64, String, String, String, String);
/// A stored score: `(juror, submission, criterion, score)`.
type ScoreRow = (i64, i64, i64, f64);

/// A juror (or any account) with an API token.
#[derive(Clone)]
pub(crate) struct Juror {
    pub(crate) id: i64,
    pub(crate) token: String,
}

impl Fx {
    pub(crate) async fn new() -> Fx {
        let app = TestApp::spawn().await;
        let olaf = app
            .actor(app.organiser("orga@example.org", "Olaf Organiser").await)
            .await;
        let call = calls::create(
            &app.state,
            &olaf,
            &CallInput {
                slug: SLUG.into(),
                title_de: "InnovationCall Jury-API".into(),
                title_en: "InnovationCall jury API".into(),
                timezone: "Europe/Berlin".into(),
                opens_at: "2026-09-01T09:00".into(),
                deadline: "2026-10-15T12:00".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        calls::set_published(&app.state, &olaf, SLUG, true, false)
            .await
            .unwrap();
        let (_, orga) = accounts::create_api_token(&app.state, &olaf, "jury script", None)
            .await
            .unwrap();
        let now = app.clock.now();
        let mut entries = [0; 3];
        let mut files = [0; 3];
        for (i, (title, org, web, email, name)) in ENTRIES.iter().enumerate() {
            // The team member started the submission with an account of their own.
            let starter = app.account(email, name, false).await;
            entries[i] = sqlx::query_scalar(
                "insert into submissions (call_id, account_id, status, title, abstract, \
                 organisation, website, submitted_at, eligible_at, created_at, updated_at) \
                 values ($1, $7, 'in_review', $2, $3, $4, $5, $6, $6, $6, $6) returning id",
            )
            .bind(call.id)
            .bind(*title)
            .bind(format!("Kurzfassung von {title}"))
            .bind(*org)
            .bind(*web)
            .bind(now)
            .bind(starter.0)
            .fetch_one(&app.db)
            .await
            .unwrap();
            sqlx::query(
                "insert into submission_members (submission_id, email, name, role, created_at) \
                 values ($1, $2, $3, 'Geschäftsführung', $4)",
            )
            .bind(entries[i])
            .bind(*email)
            .bind(*name)
            .bind(now)
            .execute(&app.db)
            .await
            .unwrap();
            let data = format!("%PDF-1.7\npitch deck {i}\n").into_bytes();
            let upload: i64 = sqlx::query_scalar(
                "insert into uploads (filename, content_type, size, sha256, data, created_at) \
                 values ($1, 'application/pdf', $2, '', $3, $4) returning id",
            )
            .bind(format!("pitch-{i}.pdf"))
            .bind(data.len() as i64)
            .bind(data)
            .bind(now)
            .fetch_one(&app.db)
            .await
            .unwrap();
            files[i] = sqlx::query_scalar(
                "insert into submission_files (submission_id, upload_id, label, created_at) \
                 values ($1, $2, 'Pitch deck', $3) returning id",
            )
            .bind(entries[i])
            .bind(upload)
            .bind(now)
            .fetch_one(&app.db)
            .await
            .unwrap();
        }
        Fx {
            app,
            http: reqwest::Client::new(),
            olaf,
            orga,
            entries,
            files,
        }
    }

    /// A confirmed account (password [`convene_tests::PASSWORD`]) with an API token.
    pub(crate) async fn account(&self, email: &str, name: &str) -> Juror {
        let id = self.app.account(email, name, false).await;
        let actor = self.app.actor(id).await;
        let (_, token) = accounts::create_api_token(&self.app.state, &actor, "jury", None)
            .await
            .unwrap();
        Juror { id: id.0, token }
    }

    /// An account invited into the call's jury (set-up through the service).
    pub(crate) async fn juror(&self, email: &str, name: &str) -> Juror {
        let j = self.account(email, name).await;
        service::invite_juror(
            &self.app.state,
            &self.olaf,
            SLUG,
            email,
            "",
            &[],
            convene_frontend::Lang::De,
        )
        .await
        .unwrap();
        j
    }

    /// Makes the account a member of the organisation `name` (created if needed).
    pub(crate) async fn set_organisation(&self, account: i64, name: &str) {
        sqlx::query(
            "insert into organisations (slug, name, kind, created_at) values ($1, $2, 'company', $3) \
             on conflict do nothing",
        )
        .bind(name.to_lowercase().replace(' ', "-"))
        .bind(name)
        .bind(self.app.clock.now())
        .execute(&self.app.db)
        .await
        .unwrap();
        sqlx::query(
            "update accounts set organisation_id = (select id from organisations where name = $2) \
             where id = $1",
        )
        .bind(account)
        .bind(name)
        .execute(&self.app.db)
        .await
        .unwrap();
    }

    pub(crate) async fn send(
        &self,
        token: Option<&str>,
        lang: Option<&str>,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> (u16, Value) {
        let mut req = self
            .http
            .request(method, self.app.url(&format!("/api/v1{path}")));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        if let Some(l) = lang {
            req = req.header("accept-language", l);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        read(req.send().await.unwrap()).await
    }

    pub(crate) async fn get(&self, token: &str, path: &str) -> (u16, Value) {
        self.send(Some(token), None, Method::GET, path, None).await
    }

    pub(crate) async fn post(&self, token: &str, path: &str, body: Value) -> (u16, Value) {
        self.send(Some(token), None, Method::POST, path, Some(body))
            .await
    }

    pub(crate) async fn put(&self, token: &str, path: &str, body: Value) -> (u16, Value) {
        self.send(Some(token), None, Method::PUT, path, Some(body))
            .await
    }

    /// Creates a round through the API: a pre-selection open since 20 October, closing on
    /// 10 November 2026 at 18:00 Berlin time, with `settings` on top.
    pub(crate) async fn round(&self, settings: Value) -> i64 {
        let mut body = json!({
            "name_de": "Vorauswahl",
            "name_en": "Pre-selection",
            "opens_at": "2026-10-20T09:00",
            "closes_at": "2026-11-10T18:00",
        });
        for (k, v) in settings.as_object().unwrap() {
            body[k] = v.clone();
        }
        let (status, round) = self
            .post(&self.orga, &format!("/calls/{SLUG}/jury/rounds"), body)
            .await;
        assert_eq!(status, 201, "{round}");
        round["id"].as_i64().unwrap()
    }

    pub(crate) async fn criterion(
        &self,
        round: i64,
        name: &str,
        weight: f64,
        informational: bool,
    ) -> i64 {
        let (status, c) = self
            .post(
                &self.orga,
                &format!("/calls/{SLUG}/jury/rounds/{round}/criteria"),
                json!({ "name_de": name, "name_en": name, "weight": weight,
                        "informational": informational }),
            )
            .await;
        assert_eq!(status, 201, "{c}");
        c["id"].as_i64().unwrap()
    }

    pub(crate) async fn assign(&self, round: i64, juror: &Juror, submission: i64) {
        let (status, body) = self
            .post(
                &self.orga,
                &format!("/calls/{SLUG}/jury/rounds/{round}/assignments"),
                json!({ "juror_account_id": juror.id, "submission_id": submission }),
            )
            .await;
        assert_eq!((status, &body["count"]), (200, &json!(1)), "{body}");
    }

    pub(crate) async fn declare(
        &self,
        juror: &Juror,
        round: i64,
        submission: i64,
        conflict: bool,
        reason: &str,
    ) -> (u16, Value) {
        self.put(
            &juror.token,
            &format!("/jury/rounds/{round}/entries/{submission}/declaration"),
            json!({ "conflict": conflict, "reason": reason }),
        )
        .await
    }

    /// Declares "no conflict" and expects the entry in return.
    pub(crate) async fn open(&self, juror: &Juror, round: i64, submission: i64) {
        let (status, body) = self.declare(juror, round, submission, false, "").await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["entry"]["submission_id"], submission);
    }

    pub(crate) async fn entry(&self, juror: &Juror, round: i64, submission: i64) -> (u16, Value) {
        self.get(
            &juror.token,
            &format!("/jury/rounds/{round}/entries/{submission}"),
        )
        .await
    }

    pub(crate) async fn review(
        &self,
        juror: &Juror,
        round: i64,
        submission: i64,
        body: Value,
    ) -> (u16, Value) {
        self.put(
            &juror.token,
            &format!("/jury/rounds/{round}/entries/{submission}/review"),
            body,
        )
        .await
    }

    /// Saves a final review with these scores and expects success.
    pub(crate) async fn final_review(
        &self,
        juror: &Juror,
        round: i64,
        submission: i64,
        scores: &[(i64, f64)],
        comment: &str,
    ) {
        let (status, body) = self
            .review(
                juror,
                round,
                submission,
                json!({ "scores": scores_json(scores), "state": "final", "comment": comment }),
            )
            .await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["review"]["state"], "final");
    }

    /// Every review row: `(round, juror, submission, state, comment, team note, abstain reason)`.
    pub(crate) async fn reviews_in_db(&self) -> Vec<ReviewRow> {
        sqlx::query_as(
            "select round_id, account_id, submission_id, state, comment, team_note, abstain_reason \
             from jury_reviews order by round_id, account_id, submission_id",
        )
        .fetch_all(&self.app.db)
        .await
        .unwrap()
    }

    /// Every score: `(juror, submission, criterion, score)`.
    pub(crate) async fn scores_in_db(&self) -> Vec<ScoreRow> {
        sqlx::query_as(
            "select r.account_id, r.submission_id, s.criterion_id, s.score \
             from jury_scores s join jury_reviews r on r.id = s.review_id \
             order by r.account_id, r.submission_id, s.criterion_id",
        )
        .fetch_all(&self.app.db)
        .await
        .unwrap()
    }

    /// Reviews and scores together, to show that a refused request changed nothing.
    pub(crate) async fn snapshot(&self) -> (Vec<ReviewRow>, Vec<ScoreRow>) {
        (self.reviews_in_db().await, self.scores_in_db().await)
    }

    pub(crate) async fn status_of(&self, submission: i64) -> (String, Option<i64>) {
        sqlx::query_as("select status, placement from submissions where id = $1")
            .bind(submission)
            .fetch_one(&self.app.db)
            .await
            .unwrap()
    }

    pub(crate) async fn count(&self, sql: &'static str) -> i64 {
        self.app.count(sql).await
    }
}

pub(crate) async fn read(resp: reqwest::Response) -> (u16, Value) {
    let status = resp.status().as_u16();
    let text = resp.text().await.unwrap();
    let body = if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
    };
    (status, body)
}

pub(crate) fn scores_json(scores: &[(i64, f64)]) -> Value {
    Value::Object(
        scores
            .iter()
            .map(|(c, s)| (c.to_string(), json!(s)))
            .collect(),
    )
}

fn instant(v: &Value) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(v.as_str().unwrap_or_else(|| panic!("not a time: {v}")))
        .unwrap()
        .with_timezone(&Utc)
}

pub(crate) fn assert_close(v: &Value, expected: f64) {
    let got = v
        .as_f64()
        .unwrap_or_else(|| panic!("not a number: {v}, expected {expected}"));
    assert!(
        (got - expected).abs() < 1e-9,
        "got {got}, expected {expected}"
    );
}

/// The fields of a 422 problem, by name.
fn fields(problem: &Value) -> BTreeMap<String, Vec<String>> {
    serde_json::from_value(problem["fields"].clone()).unwrap_or_default()
}

// --- 1. The organisers' flow ---------------------------------------------------------------------

#[tokio::test]
async fn organisers_create_a_round_invite_jurors_and_auto_assign_without_conflicts() {
    let fx = Fx::new().await;
    let [sortwerk, _, _] = fx.entries;
    let lea = fx.account("lea@example.org", "Lea Brandt").await;
    let jan = fx.account("jan@example.org", "Jan Krause").await;
    // Mia works at Sortwerk: she must never judge Sortwerk's entry.
    let mia = fx.account("mia@example.org", "Mia Sommer").await;
    fx.set_organisation(mia.id, "Sortwerk GmbH").await;

    let (status, round) = fx
        .post(
            &fx.orga,
            &format!("/calls/{SLUG}/jury/rounds"),
            json!({
                "name_de": "Online-Vorauswahl", "name_en": "Online pre-selection",
                "opens_at": "2026-10-20T09:00", "closes_at": "2026-11-20T18:00",
                "per_submission": 2, "others_scores": "after_own", "names_hidden": true,
            }),
        )
        .await;
    assert_eq!(status, 201, "{round}");
    let id = round["id"].as_i64().unwrap();
    assert_eq!(round["kind"], "online");
    assert_eq!(round["entrants"], "in_review");
    assert_eq!(
        (&round["scale_min"], &round["scale_max"]),
        (&json!(0), &json!(10))
    );
    assert_eq!(round["aggregation"], "mean");
    assert_eq!(round["per_submission"], 2);
    assert_eq!(round["others_scores"], "after_own");
    assert_eq!(round["names_hidden"], true);
    assert!(round["closed_at"].is_null() && round["confirmed_at"].is_null());
    // Local times in the call's zone: summer time on 20 October, winter time on 20 November.
    assert_eq!(
        instant(&round["opens_at"]),
        Utc.with_ymd_and_hms(2026, 10, 20, 7, 0, 0).unwrap()
    );
    assert_eq!(
        instant(&round["closes_at"]),
        Utc.with_ymd_and_hms(2026, 11, 20, 17, 0, 0).unwrap()
    );
    let stored: (String, i64, String, bool) = sqlx::query_as(
        "select name_en, per_submission, others_scores, names_hidden from jury_rounds where id = $1",
    )
    .bind(id)
    .fetch_one(&fx.app.db)
    .await
    .unwrap();
    assert_eq!(
        stored,
        ("Online pre-selection".into(), 2, "after_own".into(), true)
    );

    // Criteria: two that count (weights 2 and the default 1) and one for information only.
    let criteria = format!("/calls/{SLUG}/jury/rounds/{id}/criteria");
    let (s1, novelty) = fx
        .post(
            &fx.orga,
            &criteria,
            json!({ "name_de": "Neuheit", "name_en": "Novelty", "weight": 2.0 }),
        )
        .await;
    let (s2, feasibility) = fx
        .post(
            &fx.orga,
            &criteria,
            json!({ "name_de": "Umsetzbarkeit", "name_en": "Feasibility" }),
        )
        .await;
    let (s3, region) = fx
        .post(
            &fx.orga,
            &criteria,
            json!({ "name_de": "Regionalbezug", "name_en": "Regional fit", "informational": true }),
        )
        .await;
    assert_eq!(
        (s1, s2, s3),
        (201, 201, 201),
        "{novelty} {feasibility} {region}"
    );
    assert_close(&novelty["weight"], 2.0);
    assert_close(&feasibility["weight"], 1.0);
    assert_eq!(
        [
            &novelty["informational"],
            &feasibility["informational"],
            &region["informational"]
        ],
        [&json!(false), &json!(false), &json!(true)]
    );
    let in_db: Vec<(String, f64, bool)> = sqlx::query_as(
        "select name_en, weight, informational from jury_criteria where round_id = $1 order by position",
    )
    .bind(id)
    .fetch_all(&fx.app.db)
    .await
    .unwrap();
    assert_eq!(
        in_db,
        [
            ("Novelty".to_string(), 2.0, false),
            ("Feasibility".to_string(), 1.0, false),
            ("Regional fit".to_string(), 1.0, true)
        ]
    );

    // Jurors: three known accounts, and an address nobody has used yet.
    let jurors = format!("/calls/{SLUG}/jury/jurors");
    for email in ["lea@example.org", "jan@example.org", "mia@example.org"] {
        let (status, body) = fx.post(&fx.orga, &jurors, json!({ "email": email })).await;
        assert_eq!(status, 200, "{email}: {body}");
    }
    assert_eq!(
        fx.count("select count(*) from accounts where email = 'nora.neu@example.org'")
            .await,
        0
    );
    let (status, invited) = fx
        .post(
            &fx.orga,
            &jurors,
            json!({ "email": "Nora.Neu@example.org", "name": "Nora Neu" }),
        )
        .await;
    assert_eq!(status, 200, "{invited}");
    assert_eq!(invited["added"], true);
    let nora: (i64, String, Option<String>) = sqlx::query_as(
        "select id, name, password_hash from accounts where email = 'nora.neu@example.org'",
    )
    .fetch_one(&fx.app.db)
    .await
    .unwrap();
    assert_eq!((nora.1.as_str(), nora.2.as_deref()), ("Nora Neu", None));
    assert_eq!(fx.count("select count(*) from jurors").await, 4);
    assert_eq!(
        fx.count("select count(*) from role_grants where role = 'juror' and scope_kind = 'call'")
            .await,
        4
    );
    // The new juror is told by mail, with a link to set a password.
    let (to, subject, text): (String, String, String) = sqlx::query_as(
        "select to_address, subject, body_text from outbox where to_address = 'nora.neu@example.org'",
    )
    .fetch_one(&fx.app.db)
    .await
    .unwrap();
    assert_eq!(to, "nora.neu@example.org");
    assert_eq!(subject, "Einladung in die Jury von InnovationCall Jury-API");
    assert!(text.contains("/reset/"), "{text}");
    fx.app.drain_outbox().await;
    let mail = fx.app.mail.nth_to("nora.neu@example.org", 1);
    assert_eq!(mail.subject, subject);
    assert!(mail.text.contains("Olaf Organiser"), "{}", mail.text);

    // The conflict is detected from Mia's organisation, before anyone declares anything.
    let (status, jury) = fx.get(&fx.orga, &format!("/calls/{SLUG}/jury")).await;
    assert_eq!(status, 200, "{jury}");
    assert_eq!(jury["jurors"].as_array().unwrap().len(), 4);
    assert_eq!(
        jury["detected_conflicts"],
        json!([{ "submission_id": sortwerk, "juror_account_id": mia.id, "team_member": false }])
    );

    // Two jurors per entry, balanced, never Mia on Sortwerk.
    let auto = format!("/calls/{SLUG}/jury/rounds/{id}/auto-assign");
    let (status, plan) = fx.post(&fx.orga, &auto, json!({})).await;
    assert_eq!(status, 200, "{plan}");
    assert_eq!(plan["short"], json!([]));
    let added: BTreeSet<(i64, i64)> = plan["added"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            assert_eq!(a["source"], "auto");
            (
                a["juror_account_id"].as_i64().unwrap(),
                a["submission_id"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(added.len(), 6, "{plan}");
    for sub in fx.entries {
        assert_eq!(
            added.iter().filter(|(_, s)| *s == sub).count(),
            2,
            "entry {sub}: {added:?}"
        );
    }
    assert!(!added.contains(&(mia.id, sortwerk)), "{added:?}");
    let mut load: HashMap<i64, usize> = [lea.id, jan.id, mia.id, nora.0]
        .into_iter()
        .map(|j| (j, 0))
        .collect();
    for (j, _) in &added {
        *load.get_mut(j).expect("only invited jurors are assigned") += 1;
    }
    let (lo, hi) = (load.values().min().unwrap(), load.values().max().unwrap());
    assert!(hi - lo <= 1, "unbalanced: {load:?}");
    let stored: BTreeSet<(i64, i64)> = sqlx::query_as::<_, (i64, i64, String)>(
        "select account_id, submission_id, source from jury_assignments where round_id = $1",
    )
    .bind(id)
    .fetch_all(&fx.app.db)
    .await
    .unwrap()
    .into_iter()
    .map(|(j, s, source)| {
        assert_eq!(source, "auto");
        (j, s)
    })
    .collect();
    assert_eq!(stored, added);
    assert_eq!(
        fx.count("select count(*) from audit_log where action = 'jury.assign.auto'")
            .await,
        1
    );
    // Assigning again only adds, and nothing is missing.
    let (status, again) = fx.post(&fx.orga, &auto, json!({})).await;
    assert_eq!(status, 200);
    assert_eq!(again, json!({ "added": [], "short": [] }));
    assert_eq!(fx.count("select count(*) from jury_assignments").await, 6);

    // The round as organisers see it.
    let (status, detail) = fx
        .get(&fx.orga, &format!("/calls/{SLUG}/jury/rounds/{id}"))
        .await;
    assert_eq!(status, 200, "{detail}");
    assert_eq!(detail["round"]["id"], id);
    let names: Vec<&str> = detail["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name_en"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Novelty", "Feasibility", "Regional fit"]);
    let listed: BTreeSet<(i64, i64)> = detail["assignments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["juror_account_id"].as_i64().unwrap(),
                a["submission_id"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(listed, stored);
    assert_eq!(detail["reviews"], json!([]));
    assert_eq!(
        (&detail["done"], &detail["assigned"]),
        (&json!(0), &json!(6))
    );
    let ranking = detail["ranking"].as_array().unwrap();
    assert_eq!(ranking.len(), 3);
    for line in ranking {
        assert_eq!(line["reviews"], 0);
        assert!(line["score"].is_null(), "{line}");
        let i = fx
            .entries
            .iter()
            .position(|e| json!(e) == line["submission_id"])
            .unwrap();
        assert_eq!(line["title"], ENTRIES[i].0);
        assert_eq!(line["status"], "in_review");
    }
    // Mia's own queue has no Sortwerk line.
    let (status, queue) = fx
        .get(&mia.token, &format!("/jury/rounds/{id}/entries"))
        .await;
    assert_eq!(status, 200, "{queue}");
    assert!(
        queue
            .as_array()
            .unwrap()
            .iter()
            .all(|l| l["submission_id"] != sortwerk),
        "{queue}"
    );
}

// --- 2. Blind rules --------------------------------------------------------------------------

/// Two jurors on the first entry of a round with `settings`; Jan's review is final (with a
/// comment only jurors who may see others' reviews may read). Returns the round, the two
/// criteria and the jurors.
pub(crate) async fn two_jurors(fx: &Fx, settings: Value) -> (i64, [i64; 2], Juror, Juror) {
    let lea = fx.juror("lea@example.org", "Lea Brandt").await;
    let jan = fx.juror("jan@example.org", "Jan Krause").await;
    let round = fx.round(settings).await;
    let c = [
        fx.criterion(round, "Neuheit", 2.0, false).await,
        fx.criterion(round, "Umsetzbarkeit", 1.0, false).await,
    ];
    let sub = fx.entries[0];
    for j in [&lea, &jan] {
        fx.assign(round, j, sub).await;
        fx.open(j, round, sub).await;
    }
    fx.final_review(
        &jan,
        round,
        sub,
        &[(c[0], 9.0), (c[1], 3.0)],
        "Jans vertrauliche Notiz",
    )
    .await;
    (round, c, lea, jan)
}

#[tokio::test]
async fn others_scores_never_are_never_shown_to_a_juror() {
    let fx = Fx::new().await;
    let (round, c, lea, _) = two_jurors(&fx, json!({ "others_scores": "never" })).await;
    let sub = fx.entries[0];
    let hidden = |e: &Value| {
        assert!(e["others"].is_null(), "{e}");
        assert!(!e.to_string().contains("Jans vertrauliche Notiz"), "{e}");
    };

    let (status, before) = fx.entry(&lea, round, sub).await;
    assert_eq!(status, 200, "{before}");
    hidden(&before);
    fx.final_review(&lea, round, sub, &[(c[0], 5.0), (c[1], 5.0)], "")
        .await;
    let (_, after_own) = fx.entry(&lea, round, sub).await;
    hidden(&after_own);
    fx.app.clock.advance(Duration::days(10));
    let (status, after_close) = fx.entry(&lea, round, sub).await;
    assert_eq!(status, 200);
    assert!(after_close["locked"].is_string(), "{after_close}");
    hidden(&after_close);
    // Her own reviews are hers only.
    let (status, mine) = fx
        .get(&lea.token, &format!("/jury/rounds/{round}/reviews"))
        .await;
    assert_eq!(status, 200);
    assert_eq!(mine.as_array().unwrap().len(), 1, "{mine}");
    assert_eq!(mine[0]["juror_account_id"], lea.id);
    // Jan's review is stored all the same: the rule hides, it does not lose.
    assert_eq!(
        fx.count("select count(*) from jury_reviews where state = 'final'")
            .await,
        2
    );
}

#[tokio::test]
async fn others_scores_after_own_open_on_request_once_the_jurors_own_review_is_final() {
    let fx = Fx::new().await;
    let (round, c, lea, jan) = two_jurors(&fx, json!({ "others_scores": "after_own" })).await;
    let sub = fx.entries[0];
    // A third juror's draft is never shown to anyone.
    let tom = fx.juror("tom@example.org", "Tom Weber").await;
    fx.assign(round, &tom, sub).await;
    fx.open(&tom, round, sub).await;
    let (status, _) = fx
        .review(
            &tom,
            round,
            sub,
            json!({ "scores": scores_json(&[(c[0], 1.0)]), "comment": "Toms Entwurf" }),
        )
        .await;
    assert_eq!(status, 200);

    let (_, before) = fx.entry(&lea, round, sub).await;
    assert!(before["others"].is_null(), "{before}");
    // A draft of her own is not enough.
    let (status, draft) = fx
        .review(
            &lea,
            round,
            sub,
            json!({ "scores": scores_json(&[(c[0], 5.0)]) }),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(draft["review"]["state"], "draft");
    assert!(draft["others"].is_null(), "{draft}");
    assert!(!draft.to_string().contains("Jans vertrauliche Notiz"));

    let (status, done) = fx
        .review(
            &lea,
            round,
            sub,
            json!({ "scores": scores_json(&[(c[1], 6.0)]), "state": "final" }),
        )
        .await;
    assert_eq!(status, 200, "{done}");
    // Handing in does not show them by itself: opening them locks her review, so she asks.
    assert!(done["others"].is_null(), "{done}");
    assert_eq!(done["others_available"], true, "{done}");
    assert!(!done.to_string().contains("Jans vertrauliche Notiz"));
    let (status, done) = fx
        .post(
            &lea.token,
            &format!("/jury/rounds/{round}/entries/{sub}/others"),
            json!({}),
        )
        .await;
    assert_eq!(status, 200, "{done}");
    let others = done["others"]
        .as_array()
        .expect("others after her own final review");
    assert_eq!(others.len(), 1, "only Jan's final review: {done}");
    let jans = &others[0];
    assert_eq!(jans["state"], "final");
    assert_eq!(jans["comment"], "Jans vertrauliche Notiz");
    assert_close(&jans["scores"][c[0].to_string()], 9.0);
    assert_close(&jans["scores"][c[1].to_string()], 3.0);
    // (2·9 + 1·3) / 3 = 7.
    assert_close(&jans["total"], 7.0);
    // Anonymous: no juror id, no team note.
    assert!(
        jans["juror_account_id"].is_null() && jans["team_note"].is_null(),
        "{jans}"
    );
    assert!(
        !done
            .to_string()
            .contains(&format!("\"juror_account_id\":{}", jan.id))
    );
    assert!(!done.to_string().contains("Toms Entwurf"));
    // Reading the entry again shows the same.
    let (_, again) = fx.entry(&lea, round, sub).await;
    assert_eq!(again["others"], done["others"]);
}

#[tokio::test]
async fn others_scores_after_close_appear_only_once_the_round_is_closed() {
    let fx = Fx::new().await;
    let (round, c, lea, _) = two_jurors(&fx, json!({ "others_scores": "after_close" })).await;
    let sub = fx.entries[0];
    fx.final_review(&lea, round, sub, &[(c[0], 4.0), (c[1], 4.0)], "")
        .await;
    let (_, open) = fx.entry(&lea, round, sub).await;
    assert!(
        open["others"].is_null(),
        "own review done, round open: {open}"
    );
    assert!(!open.to_string().contains("Jans vertrauliche Notiz"));

    let (status, closed) = fx
        .post(
            &fx.orga,
            &format!("/calls/{SLUG}/jury/rounds/{round}/close"),
            json!({}),
        )
        .await;
    assert_eq!(status, 200, "{closed}");
    let (status, after) = fx.entry(&lea, round, sub).await;
    assert_eq!(status, 200);
    let others = after["others"].as_array().expect("others after the close");
    assert_eq!(others.len(), 1, "{after}");
    assert_eq!(others[0]["comment"], "Jans vertrauliche Notiz");
    assert_close(&others[0]["total"], 7.0);
}

#[tokio::test]
async fn a_juror_cannot_read_an_entry_or_its_files_they_are_not_assigned() {
    let fx = Fx::new().await;
    let lea = fx.juror("lea@example.org", "Lea Brandt").await;
    let jan = fx.juror("jan@example.org", "Jan Krause").await;
    let round = fx.round(json!({})).await;
    let [mine, theirs, _] = fx.entries;
    fx.assign(round, &lea, mine).await;
    fx.assign(round, &jan, theirs).await;
    fx.open(&lea, round, mine).await;

    let (status, refused) = fx.entry(&lea, round, theirs).await;
    assert_eq!(status, 404, "{refused}");
    assert_eq!(refused["code"], "jury-entry-not-found");
    assert!(!refused.to_string().contains(ENTRIES[1].0), "{refused}");
    let (status, refused) = fx.declare(&lea, round, theirs, false, "").await;
    assert_eq!(
        (status, refused["code"].as_str()),
        (404, Some("jury-entry-not-found"))
    );
    assert_eq!(
        fx.count("select count(*) from jury_declarations").await,
        1,
        "only Lea's declaration on her own entry"
    );
    let (status, queue) = fx
        .get(&lea.token, &format!("/jury/rounds/{round}/entries"))
        .await;
    assert_eq!(status, 200);
    assert_eq!(queue.as_array().unwrap().len(), 1);
    assert_eq!(queue[0]["submission_id"], mine);

    // Attachments are downloaded from the jury pages with the session cookie.
    let browser = fx.app.signed_in("lea@example.org", "de").await;
    let own = browser
        .get(&format!(
            "/jury/rounds/{round}/entries/{mine}/files/{}",
            fx.files[0]
        ))
        .await;
    assert_eq!(own.status, 200);
    assert!(own.body.contains("pitch deck 0"));
    let other = browser
        .get(&format!(
            "/jury/rounds/{round}/entries/{theirs}/files/{}",
            fx.files[1]
        ))
        .await;
    assert_eq!(other.status, 404);
    assert!(!other.body.contains("pitch deck 1"));
    // Nor through her own entry with another entry's file id.
    let smuggled = browser
        .get(&format!(
            "/jury/rounds/{round}/entries/{mine}/files/{}",
            fx.files[1]
        ))
        .await;
    assert_eq!(smuggled.status, 404);
    assert!(!smuggled.body.contains("pitch deck 1"));
}

#[tokio::test]
async fn a_conflicted_juror_cannot_open_the_entry_declared_or_detected() {
    let fx = Fx::new().await;
    let lea = fx.juror("lea@example.org", "Lea Brandt").await;
    let mia = fx.juror("mia@example.org", "Mia Sommer").await;
    let round = fx.round(json!({ "names_hidden": false })).await;
    let [sortwerk, aquila, _] = fx.entries;
    fx.assign(round, &lea, aquila).await;
    fx.assign(round, &mia, sortwerk).await;
    // Mia joins Sortwerk after she was assigned: the conflict is detected from now on.
    fx.set_organisation(mia.id, "Sortwerk GmbH").await;

    // Declared: Lea advises Aquila.
    let (status, body) = fx.declare(&lea, round, aquila, true, "").await;
    assert_eq!(status, 422, "a conflict needs a reason: {body}");
    assert!(fields(&body).contains_key("reason"), "{body}");
    assert_eq!(fx.count("select count(*) from jury_declarations").await, 0);
    let (status, declared) = fx
        .declare(&lea, round, aquila, true, "Ich berate Aquila Solar")
        .await;
    assert_eq!(status, 200, "{declared}");
    // No entry to show: the optional field is left out, as the document says.
    assert_eq!(declared, json!({ "conflict": true }));
    let (status, refused) = fx.entry(&lea, round, aquila).await;
    assert_eq!(status, 403, "{refused}");
    assert_eq!(refused["code"], "jury-conflict-declared");
    assert!(!refused.to_string().contains("Aquila Solar GmbH"));
    // Once declared, a conflict stays.
    let (status, again) = fx.declare(&lea, round, aquila, false, "").await;
    assert_eq!(
        (status, again["code"].as_str()),
        (409, Some("jury-conflict-declared"))
    );
    let stored: (bool, String) =
        sqlx::query_as("select conflict, reason from jury_declarations where account_id = $1")
            .bind(lea.id)
            .fetch_one(&fx.app.db)
            .await
            .unwrap();
    assert_eq!(stored, (true, "Ich berate Aquila Solar".to_string()));

    // Detected: same organisation.
    let (status, refused) = fx.entry(&mia, round, sortwerk).await;
    assert_eq!(status, 403, "{refused}");
    assert_eq!(refused["code"], "jury-conflict-organisation");
    assert!(!refused.to_string().contains("Kurzfassung"));

    // The queue lines say why, and carry nothing of the entry but its title.
    for (juror, sub, message) in [
        (
            &lea,
            aquila,
            "Sie haben einen Interessenkonflikt mit dieser Einreichung erklärt.",
        ),
        (
            &mia,
            sortwerk,
            "Sie gehören zur Organisation der Einreichenden und bewerten diese Einreichung deshalb nicht.",
        ),
    ] {
        let (status, queue) = fx
            .get(&juror.token, &format!("/jury/rounds/{round}/entries"))
            .await;
        assert_eq!(status, 200, "{queue}");
        let line = &queue[0];
        assert_eq!(line["submission_id"], sub);
        assert_eq!(line["conflict"], message);
        assert_eq!(line["declared"], false);
        let keys: BTreeSet<&str> = line
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        for leak in [
            "abstract",
            "organisation",
            "members",
            "content",
            "attachments",
        ] {
            assert!(!keys.contains(leak), "{line}");
        }
        assert!(!line.to_string().contains("Kurzfassung"), "{line}");
        // Nor can they review it.
        let (status, _) = fx
            .review(juror, round, sub, json!({ "comment": "trotzdem" }))
            .await;
        assert_eq!(status, 403);
    }
    // Nor download its files.
    let browser = fx.app.signed_in("mia@example.org", "de").await;
    let file = browser
        .get(&format!(
            "/jury/rounds/{round}/entries/{sortwerk}/files/{}",
            fx.files[0]
        ))
        .await;
    assert_eq!(file.status, 403);
    assert!(!file.body.contains("pitch deck 0"));
    assert_eq!(fx.count("select count(*) from jury_reviews").await, 0);
}

#[tokio::test]
async fn hidden_names_leave_out_the_team_organisation_and_website() {
    let fx = Fx::new().await;
    let lea = fx.juror("lea@example.org", "Lea Brandt").await;
    let hidden = fx.round(json!({ "names_hidden": true })).await;
    let shown = fx
        .round(
            json!({ "names_hidden": false, "name_en": "Second look", "name_de": "Zweiter Blick" }),
        )
        .await;
    let sub = fx.entries[1];
    let (_, org, web, email, name) = ENTRIES[1];
    for round in [hidden, shown] {
        fx.assign(round, &lea, sub).await;
    }
    // One declaration per entry opens it in every round of the call.
    let (status, declared) = fx.declare(&lea, hidden, sub, false, "").await;
    assert_eq!(status, 200, "{declared}");
    let content = &declared["entry"]["content"];
    assert_eq!(
        content["abstract"],
        format!("Kurzfassung von {}", ENTRIES[1].0)
    );
    assert_eq!(content["organisation"], "");
    assert_eq!(content["website"], "");
    assert_eq!(content["members"], json!([]));
    let (_, entry) = fx.entry(&lea, hidden, sub).await;
    for secret in [org, web, email, name] {
        assert!(!entry.to_string().contains(secret), "{secret} in {entry}");
        assert!(
            !declared.to_string().contains(secret),
            "{secret} in {declared}"
        );
    }
    // The uploaded file name may name the team: blind rounds number the files instead.
    assert_eq!(
        entry["content"]["attachments"][0]["filename"],
        "Anhang 1.pdf"
    );
    assert!(!entry.to_string().contains("pitch-1"), "{entry}");

    // The same entry in a round that shows names (the control: the data is there).
    let (status, open) = fx.entry(&lea, shown, sub).await;
    assert_eq!(status, 200, "{open}");
    assert_eq!(open["content"]["organisation"], org);
    assert_eq!(open["content"]["website"], web);
    assert_eq!(open["content"]["members"][0]["name"], name);
    assert_eq!(open["content"]["members"][0]["role"], "Geschäftsführung");
    assert_eq!(open["content"]["attachments"][0]["filename"], "pitch-1.pdf");
    // Names, never contact data: no e-mail address reaches a juror.
    assert!(
        open["content"]["members"][0].get("email").is_none(),
        "{open}"
    );
    assert!(!open.to_string().contains(email), "{open}");
}

#[tokio::test]
async fn an_entry_shows_no_content_before_the_juror_declares_no_conflict() {
    let fx = Fx::new().await;
    let lea = fx.juror("lea@example.org", "Lea Brandt").await;
    let round = fx.round(json!({ "names_hidden": false })).await;
    let c = fx.criterion(round, "Neuheit", 1.0, false).await;
    let sub = fx.entries[2];
    fx.assign(round, &lea, sub).await;

    let (status, before) = fx.entry(&lea, round, sub).await;
    assert_eq!(status, 200, "{before}");
    assert_eq!(
        before["title"], ENTRIES[2].0,
        "the title says what to declare about"
    );
    assert!(before["content"].is_null(), "{before}");
    assert!(before["review"].is_null());
    for secret in ["Kurzfassung", "pitch-2.pdf", ENTRIES[2].1, ENTRIES[2].3] {
        assert!(!before.to_string().contains(secret), "{secret} in {before}");
    }
    let (_, queue) = fx
        .get(&lea.token, &format!("/jury/rounds/{round}/entries"))
        .await;
    assert_eq!(queue[0]["declared"], false);
    assert!(queue[0]["conflict"].is_null());
    // No review and no files before the declaration either.
    let (status, refused) = fx
        .review(
            &lea,
            round,
            sub,
            json!({ "scores": scores_json(&[(c, 5.0)]) }),
        )
        .await;
    assert_eq!(
        (status, refused["code"].as_str()),
        (409, Some("jury-declare-first"))
    );
    assert_eq!(fx.count("select count(*) from jury_reviews").await, 0);
    let browser = fx.app.signed_in("lea@example.org", "de").await;
    let file_path = format!("/jury/rounds/{round}/entries/{sub}/files/{}", fx.files[2]);
    let file = browser.get(&file_path).await;
    assert_eq!(file.status, 409);
    assert!(!file.body.contains("pitch deck 2"));

    fx.open(&lea, round, sub).await;
    let (_, after) = fx.entry(&lea, round, sub).await;
    assert_eq!(
        after["content"]["abstract"],
        format!("Kurzfassung von {}", ENTRIES[2].0)
    );
    assert_eq!(
        after["content"]["attachments"][0]["filename"],
        "pitch-2.pdf"
    );
    let declared: bool = sqlx::query_scalar(
        "select conflict from jury_declarations where account_id = $1 and submission_id = $2",
    )
    .bind(lea.id)
    .bind(sub)
    .fetch_one(&fx.app.db)
    .await
    .unwrap();
    assert!(!declared);
    assert_eq!(browser.get(&file_path).await.status, 200);
}

#[tokio::test]
async fn a_juror_cannot_use_the_organisers_endpoints() {
    let fx = Fx::new().await;
    let (round, _, lea, jan) = two_jurors(&fx, json!({})).await;
    let before = fx.snapshot().await;
    let assignments = fx.count("select count(*) from jury_assignments").await;

    for path in [
        format!("/calls/{SLUG}/jury"),
        format!("/calls/{SLUG}/jury/rounds/{round}"),
        format!("/calls/{SLUG}/jury/rounds/{round}/ranking"),
    ] {
        let (status, body) = fx.get(&lea.token, &path).await;
        assert!([403, 404].contains(&status), "{path}: {status} {body}");
        assert!(body.get("reviews").is_none() && body.get("ranking").is_none());
        assert!(
            !body.to_string().contains("Jans vertrauliche Notiz"),
            "{body}"
        );
        assert!(
            !body
                .to_string()
                .contains(&format!("\"juror_account_id\":{}", jan.id)),
            "{body}"
        );
    }
    for (path, body) in [
        (
            format!("/calls/{SLUG}/jury/rounds/{round}/auto-assign"),
            json!({}),
        ),
        (
            format!("/calls/{SLUG}/jury/rounds/{round}/close"),
            json!({}),
        ),
        (
            format!("/calls/{SLUG}/jury/rounds/{round}/assignments"),
            json!({ "juror_account_id": lea.id, "submission_id": fx.entries[1] }),
        ),
        (
            format!("/calls/{SLUG}/jury/rounds/{round}/confirmation"),
            json!({ "decisions": [{ "submission_id": fx.entries[0], "outcome": "advance" }] }),
        ),
    ] {
        let (status, problem) = fx.post(&lea.token, &path, body).await;
        assert!([403, 404].contains(&status), "{path}: {status} {problem}");
    }
    assert_eq!(fx.snapshot().await, before);
    assert_eq!(
        fx.count("select count(*) from jury_assignments").await,
        assignments
    );
    let closed: Option<DateTime<Utc>> =
        sqlx::query_scalar("select closed_at from jury_rounds where id = $1")
            .bind(round)
            .fetch_one(&fx.app.db)
            .await
            .unwrap();
    assert_eq!(closed, None);
    assert_eq!(fx.status_of(fx.entries[0]).await.0, "in_review");
    // The organiser, in turn, has no juror's queue in the round.
    let (status, _) = fx
        .get(&fx.orga, &format!("/jury/rounds/{round}/entries"))
        .await;
    assert_eq!(status, 404);
}

// --- 3. Bad input ---------------------------------------------------------------------------

#[tokio::test]
async fn bad_reviews_are_refused_with_a_named_problem_and_change_nothing() {
    let fx = Fx::new().await;
    let lea = fx.juror("lea@example.org", "Lea Brandt").await;
    let round = fx.round(json!({})).await;
    let novelty = fx.criterion(round, "Neuheit", 2.0, false).await;
    let feasibility = fx.criterion(round, "Umsetzbarkeit", 1.0, false).await;
    let region = fx.criterion(round, "Regionalbezug", 1.0, true).await;
    let other_round = fx
        .round(json!({ "name_en": "Final", "name_de": "Finale" }))
        .await;
    let foreign = fx.criterion(other_round, "Fremd", 1.0, false).await;
    let [sub, unassigned, _] = fx.entries;
    fx.assign(round, &lea, sub).await;
    fx.open(&lea, round, sub).await;
    // A draft to keep: any partial write would show in it.
    let (status, _) = fx
        .review(
            &lea,
            round,
            sub,
            json!({ "scores": scores_json(&[(novelty, 4.0)]), "comment": "Erste Gedanken" }),
        )
        .await;
    assert_eq!(status, 200);
    let before = fx.snapshot().await;
    assert_eq!(before.1, [(lea.id, sub, novelty, 4.0)]);

    // (what, entry, body, status, code, the field named)
    type Case = (&'static str, i64, Value, u16, &'static str, Option<String>);
    let cases: Vec<Case> = vec![
        (
            "a score above the scale",
            sub,
            json!({ "scores": scores_json(&[(novelty, 6.0), (feasibility, 11.0)]), "comment": "neu" }),
            422,
            "error-invalid",
            Some(format!("score_{feasibility}")),
        ),
        (
            "a score below the scale",
            sub,
            json!({ "scores": scores_json(&[(region, -1.0)]) }),
            422,
            "error-invalid",
            Some(format!("score_{region}")),
        ),
        (
            "a final review without the required feasibility score",
            sub,
            json!({ "scores": scores_json(&[(novelty, 8.0)]), "state": "final", "comment": "fertig" }),
            422,
            "error-invalid",
            Some(format!("score_{feasibility}")),
        ),
        (
            "a criterion of another round",
            sub,
            json!({ "scores": scores_json(&[(novelty, 7.0), (foreign, 5.0)]) }),
            422,
            "error-invalid",
            Some(format!("score_{foreign}")),
        ),
        (
            "a criterion that does not exist",
            sub,
            json!({ "scores": scores_json(&[(novelty, 7.0), (987_654, 5.0)]) }),
            422,
            "error-invalid",
            Some("score_987654".into()),
        ),
        (
            "a criterion id that is no number",
            sub,
            json!({ "scores": { "novelty": 5.0 } }),
            422,
            "error-invalid",
            Some("scores.novelty".into()),
        ),
        (
            "a criterion id written another way (which of the two would win?)",
            sub,
            json!({ "scores": { format!("0{novelty}"): 5.0, novelty.to_string(): 6.0 } }),
            422,
            "error-invalid",
            Some(format!("scores.0{novelty}")),
        ),
        (
            "an abstention without a reason",
            sub,
            json!({ "state": "abstained", "abstain_reason": "   " }),
            422,
            "error-invalid",
            Some("abstain_reason".into()),
        ),
        (
            "an unknown state",
            sub,
            json!({ "state": "done", "scores": scores_json(&[(novelty, 7.0)]) }),
            422,
            "error-invalid",
            Some("state".into()),
        ),
        (
            "a comment beyond 5000 characters",
            sub,
            json!({ "comment": "x".repeat(5001), "scores": scores_json(&[(novelty, 7.0)]) }),
            422,
            "error-invalid",
            Some("comment".into()),
        ),
        (
            "an entry not assigned to her",
            unassigned,
            json!({ "scores": scores_json(&[(novelty, 7.0), (feasibility, 7.0)]), "state": "final" }),
            404,
            "jury-entry-not-found",
            None,
        ),
    ];
    for (what, submission, body, status, code, field) in cases {
        let (got, problem) = fx.review(&lea, round, submission, body).await;
        assert_eq!(got, status, "{what}: {problem}");
        assert_eq!(problem["status"], status, "{what}");
        assert_eq!(problem["code"], code, "{what}: {problem}");
        assert!(
            !problem["detail"].as_str().unwrap_or("").is_empty(),
            "{what}"
        );
        if let Some(field) = field {
            let f = fields(&problem);
            assert_eq!(f.keys().collect::<Vec<_>>(), [&field], "{what}: {problem}");
            assert!(!f[&field][0].is_empty());
        }
        assert_eq!(
            fx.snapshot().await,
            before,
            "{what} changed the stored reviews"
        );
    }
    // The messages name the rule broken.
    let (_, problem) = fx
        .review(
            &lea,
            round,
            sub,
            json!({ "scores": scores_json(&[(feasibility, 11.0)]) }),
        )
        .await;
    assert_eq!(
        fields(&problem)[&format!("score_{feasibility}")],
        ["Vergeben Sie eine Punktzahl von 0 bis 10."]
    );
    let (_, problem) = fx
        .review(&lea, round, sub, json!({ "state": "final" }))
        .await;
    assert_eq!(
        fields(&problem).keys().cloned().collect::<Vec<_>>(),
        [format!("score_{feasibility}")],
        "novelty is stored, feasibility is missing, regional fit is informational: {problem}"
    );
    assert_eq!(fx.snapshot().await, before);
}

#[tokio::test]
async fn invalid_rounds_and_criteria_are_refused_and_not_stored() {
    let fx = Fx::new().await;
    let rounds = format!("/calls/{SLUG}/jury/rounds");
    let base = json!({
        "name_de": "Vorauswahl", "name_en": "Pre-selection",
        "opens_at": "2026-11-10T18:00", "closes_at": "2026-11-20T18:00",
    });
    let with = |changes: Value| {
        let mut b = base.clone();
        for (k, v) in changes.as_object().unwrap() {
            b[k] = v.clone();
        }
        b
    };
    for (what, body, field) in [
        (
            "closes before it opens",
            with(json!({ "closes_at": "2026-11-01T09:00" })),
            "closes_at",
        ),
        (
            "closes when it opens",
            with(json!({ "closes_at": "2026-11-10T18:00" })),
            "closes_at",
        ),
        (
            "scale minimum equals maximum",
            with(json!({ "scale_min": 5, "scale_max": 5 })),
            "scale_max",
        ),
        (
            "scale minimum above maximum",
            with(json!({ "scale_min": 7, "scale_max": 3 })),
            "scale_max",
        ),
        (
            "no opening time",
            with(json!({ "opens_at": "" })),
            "opens_at",
        ),
        (
            "a time that is no time",
            with(json!({ "opens_at": "morgen früh" })),
            "opens_at",
        ),
        (
            "an unknown visibility rule",
            with(json!({ "others_scores": "sometimes" })),
            "others_scores",
        ),
        (
            "no jurors per entry",
            with(json!({ "per_submission": 0 })),
            "per_submission",
        ),
        (
            "a pitch round without a session",
            with(json!({ "kind": "pitch" })),
            "session_id",
        ),
    ] {
        let (status, problem) = fx.post(&fx.orga, &rounds, body).await;
        assert_eq!(status, 422, "{what}: {problem}");
        assert_eq!(problem["code"], "error-invalid");
        assert!(fields(&problem).contains_key(field), "{what}: {problem}");
    }
    assert_eq!(fx.count("select count(*) from jury_rounds").await, 0);
    assert_eq!(
        fx.count("select count(*) from audit_log where action like 'jury.%'")
            .await,
        0
    );

    // A valid round; then bad changes to it and bad criteria leave it as it was.
    let round = fx.round(json!({})).await;
    let (status, problem) = fx
        .put(
            &fx.orga,
            &format!("{rounds}/{round}"),
            with(json!({ "scale_min": 10, "scale_max": 10, "name_en": "Changed" })),
        )
        .await;
    assert_eq!(status, 422, "{problem}");
    let stored: (String, i64, i64) =
        sqlx::query_as("select name_en, scale_min, scale_max from jury_rounds where id = $1")
            .bind(round)
            .fetch_one(&fx.app.db)
            .await
            .unwrap();
    assert_eq!(stored, ("Pre-selection".to_string(), 0, 10));
    for (what, body, field) in [
        (
            "weight 0",
            json!({ "name_de": "A", "name_en": "A", "weight": 0.0 }),
            "weight",
        ),
        (
            "weight above 100",
            json!({ "name_de": "A", "name_en": "A", "weight": 101.0 }),
            "weight",
        ),
        (
            "no name",
            json!({ "name_de": "", "name_en": "A" }),
            "name_de",
        ),
        (
            "a label outside the scale",
            json!({ "name_de": "A", "name_en": "A", "labels_en": "11 = beyond" }),
            "labels_en",
        ),
    ] {
        let (status, problem) = fx
            .post(&fx.orga, &format!("{rounds}/{round}/criteria"), body)
            .await;
        assert_eq!(status, 422, "{what}: {problem}");
        assert!(fields(&problem).contains_key(field), "{what}: {problem}");
    }
    assert_eq!(fx.count("select count(*) from jury_criteria").await, 0);
}

#[tokio::test]
async fn malformed_bodies_get_a_problem_and_change_nothing() {
    let fx = Fx::new().await;
    let lea = fx.juror("lea@example.org", "Lea Brandt").await;
    let round = fx.round(json!({})).await;
    let c = fx.criterion(round, "Neuheit", 1.0, false).await;
    let sub = fx.entries[0];
    fx.assign(round, &lea, sub).await;
    fx.open(&lea, round, sub).await;
    fx.final_review(&lea, round, sub, &[(c, 6.0)], "gut").await;
    let before = fx.snapshot().await;
    let rounds_before = fx.count("select count(*) from jury_rounds").await;

    let raw = |token: &str, method: Method, path: String, body: &'static str| {
        fx.http
            .request(method, fx.app.url(&format!("/api/v1{path}")))
            .bearer_auth(token.to_string())
            .header("content-type", "application/json")
            .body(body)
            .send()
    };
    let review = format!("/jury/rounds/{round}/entries/{sub}/review");
    let (status, problem) = read(
        raw(&lea.token, Method::PUT, review.clone(), "{not json")
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 400, "{problem}");
    assert_eq!(problem["code"], "error-bad-request", "{problem}");
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .starts_with("Die Anfrage"),
        "{problem}"
    );
    // JSON of the wrong shape is refused at the field that is wrong.
    for (token, method, path, body, field) in [
        (
            &lea.token,
            Method::PUT,
            review.clone(),
            r#"{"scores": {"1": "sieben"}}"#,
            "scores.1",
        ),
        (
            &lea.token,
            Method::PUT,
            review.clone(),
            r#"{"scores": [7, 8]}"#,
            "scores",
        ),
        (
            &fx.orga,
            Method::POST,
            format!("/calls/{SLUG}/jury/rounds"),
            r#"{"name_de": "Ohne Zeiten"}"#,
            "name_en",
        ),
        (
            &fx.orga,
            Method::POST,
            format!("/calls/{SLUG}/jury/rounds/{round}/confirmation"),
            r#"{"decisions": "alle weiter"}"#,
            "decisions",
        ),
    ] {
        let (status, problem) = read(raw(token, method, path.clone(), body).await.unwrap()).await;
        assert_eq!(status, 422, "{path} {body}: {problem}");
        assert_eq!(problem["status"], 422);
        assert!(
            problem["fields"][field][0].is_string(),
            "{path} {body}: {problem}"
        );
    }
    assert_eq!(fx.snapshot().await, before);
    assert_eq!(
        fx.count("select count(*) from jury_rounds").await,
        rounds_before
    );
}

// --- 4. Concurrency -------------------------------------------------------------------------

async fn put_json(http: reqwest::Client, url: String, token: String, body: Value) -> (u16, Value) {
    read(
        http.put(url)
            .bearer_auth(token)
            .json(&body)
            .send()
            .await
            .unwrap(),
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_devices_saving_different_criteria_at_once_keep_every_score() {
    let fx = Fx::new().await;
    let lea = fx.juror("lea@example.org", "Lea Brandt").await;
    let round = fx.round(json!({})).await;
    let mut c = Vec::new();
    for name in ["Neuheit", "Umsetzbarkeit", "Markt", "Team"] {
        c.push(fx.criterion(round, name, 1.0, false).await);
    }
    let sub = fx.entries[0];
    fx.assign(round, &lea, sub).await;
    fx.open(&lea, round, sub).await;
    let url = fx
        .app
        .url(&format!("/api/v1/jury/rounds/{round}/entries/{sub}/review"));
    // Two devices: separate connections, the same juror.
    let (phone, laptop) = (reqwest::Client::new(), reqwest::Client::new());

    for i in 0..25_i64 {
        let score = |k: i64| ((i + k) % 11) as f64;
        let a = json!({ "scores": scores_json(&[(c[0], score(0)), (c[1], score(3))]) });
        let b = json!({
            "scores": scores_json(&[(c[2], score(5)), (c[3], score(8))]),
            "comment": format!("Laptop {i}"),
        });
        let (ra, rb) = tokio::join!(
            tokio::spawn(put_json(phone.clone(), url.clone(), lea.token.clone(), a)),
            tokio::spawn(put_json(laptop.clone(), url.clone(), lea.token.clone(), b)),
        );
        let (ra, rb) = (ra.unwrap(), rb.unwrap());
        assert_eq!((ra.0, rb.0), (200, 200), "round {i}: {} {}", ra.1, rb.1);
        let stored: Vec<(i64, f64)> = fx
            .scores_in_db()
            .await
            .into_iter()
            .map(|(_, _, crit, s)| (crit, s))
            .collect();
        assert_eq!(
            stored,
            [
                (c[0], score(0)),
                (c[1], score(3)),
                (c[2], score(5)),
                (c[3], score(8))
            ],
            "round {i}: a score was lost"
        );
        // The review's line of scores (what the call dashboard reads) lost none either.
        let line: String = sqlx::query_scalar("select scores from jury_reviews")
            .fetch_one(&fx.app.db)
            .await
            .unwrap();
        let mut in_line: Vec<(i64, f64)> = line
            .split(',')
            .map(|pair| {
                let (crit, score) = pair.split_once(':').unwrap();
                (crit.parse().unwrap(), score.parse().unwrap())
            })
            .collect();
        in_line.sort_by_key(|(crit, _)| *crit);
        assert_eq!(in_line, stored, "round {i}: the line of scores lost one");
        let reviews = fx.reviews_in_db().await;
        assert_eq!(reviews.len(), 1, "{reviews:?}");
        assert_eq!(reviews[0].4, format!("Laptop {i}"));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_final_saves_make_one_review_per_entry() {
    let fx = Fx::new().await;
    let jan = fx.juror("jan@example.org", "Jan Krause").await;
    let round = fx.round(json!({})).await;
    let c = [
        fx.criterion(round, "Neuheit", 2.0, false).await,
        fx.criterion(round, "Umsetzbarkeit", 1.0, false).await,
    ];
    for sub in fx.entries {
        fx.assign(round, &jan, sub).await;
        fx.open(&jan, round, sub).await;
    }
    let mut tasks = tokio::task::JoinSet::new();
    for sub in fx.entries {
        let url = fx
            .app
            .url(&format!("/api/v1/jury/rounds/{round}/entries/{sub}/review"));
        for k in 0..8 {
            // Each save is complete on its own; they differ only in the comment.
            let body = json!({
                "scores": scores_json(&[(c[0], 8.0), (c[1], 5.0)]),
                "state": "final",
                "comment": format!("Gerät {k}"),
            });
            tasks.spawn(put_json(
                reqwest::Client::new(),
                url.clone(),
                jan.token.clone(),
                body,
            ));
        }
    }
    while let Some(done) = tasks.join_next().await {
        let (status, body) = done.unwrap();
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["review"]["state"], "final");
    }
    let reviews = fx.reviews_in_db().await;
    assert_eq!(
        reviews.iter().map(|r| r.2).collect::<Vec<_>>(),
        fx.entries.to_vec(),
        "one review per entry: {reviews:?}"
    );
    assert!(
        reviews
            .iter()
            .all(|r| r.3 == "final" && r.4.starts_with("Gerät "))
    );
    assert_eq!(fx.scores_in_db().await.len(), 6);
    // The ranking sees one review per entry: (2·8 + 5) / 3 = 7.
    let (_, ranking) = fx
        .get(
            &fx.orga,
            &format!("/calls/{SLUG}/jury/rounds/{round}/ranking"),
        )
        .await;
    for line in ranking.as_array().unwrap() {
        assert_eq!(line["reviews"], 1, "{line}");
        assert_close(&line["score"], 7.0);
    }
}

// --- 5. Locking and confirmation -------------------------------------------------------------

#[tokio::test]
async fn a_closed_round_refuses_reviews_and_the_chair_confirms_it_once() {
    let fx = Fx::new().await;
    let lea = fx.juror("lea@example.org", "Lea Brandt").await;
    let round = fx.round(json!({})).await;
    let c = fx.criterion(round, "Neuheit", 1.0, false).await;
    let [s1, s2, s3] = fx.entries;
    for sub in fx.entries {
        fx.assign(round, &lea, sub).await;
        fx.open(&lea, round, sub).await;
    }
    fx.final_review(&lea, round, s1, &[(c, 8.0)], "Stark").await;
    fx.final_review(&lea, round, s2, &[(c, 3.0)], "Schwach")
        .await;
    let (status, _) = fx
        .review(
            &lea,
            round,
            s3,
            json!({ "scores": scores_json(&[(c, 6.0)]) }),
        )
        .await;
    assert_eq!(status, 200);
    let round_path = format!("/calls/{SLUG}/jury/rounds/{round}");
    let confirm = format!("{round_path}/confirmation");
    let decisions = json!({ "decisions": [
        { "submission_id": s1, "outcome": "advance" },
        { "submission_id": s2, "outcome": "not_selected" },
        { "submission_id": s3, "outcome": "finalist" },
    ] });

    // An open round cannot be confirmed.
    let (status, problem) = fx.post(&fx.orga, &confirm, decisions.clone()).await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (409, Some("jury-confirm-open"))
    );

    let (status, closed) = fx
        .post(&fx.orga, &format!("{round_path}/close"), json!({}))
        .await;
    assert_eq!(status, 200, "{closed}");
    assert_eq!(instant(&closed["closed_at"]), fx.app.clock.now());
    let before = fx.snapshot().await;
    for (sub, body) in [
        (
            s1,
            json!({ "scores": scores_json(&[(c, 2.0)]), "state": "final" }),
        ),
        (s2, json!({ "comment": "Doch besser" })),
        (
            s3,
            json!({ "scores": scores_json(&[(c, 9.0)]), "state": "final" }),
        ),
    ] {
        let (status, problem) = fx.review(&lea, round, sub, body).await;
        assert_eq!(status, 409, "{problem}");
        assert_eq!(problem["code"], "jury-round-closed");
    }
    assert_eq!(fx.snapshot().await, before);
    let (_, entry) = fx.entry(&lea, round, s1).await;
    assert_eq!(
        entry["locked"],
        "Die Runde ist geschlossen: Bewertungen können nicht mehr geändert werden."
    );
    let (status, _) = fx
        .post(&fx.orga, &format!("{round_path}/close"), json!({}))
        .await;
    assert_eq!(status, 409, "closing twice");

    // The final round follows: this round is no longer the call's last, so it awards no places.
    let finale = fx
        .round(json!({
            "name_de": "Finale", "name_en": "Final", "entrants": "finalist",
            "opens_at": "2026-11-01T08:00", "closes_at": "2026-11-05T18:00",
        }))
        .await;

    // Bad decisions move nothing: an unknown outcome, a placement for an entry in review (only
    // the last round places entries that are not finalists), an entry that is not in the round.
    let draft_entry: i64 = sqlx::query_scalar(
        "insert into submissions (call_id, status, title, created_at, updated_at) \
         select call_id, 'draft', 'Entwurf', created_at, updated_at from submissions where id = $1 \
         returning id",
    )
    .bind(s1)
    .fetch_one(&fx.app.db)
    .await
    .unwrap();
    for (what, body, status) in [
        (
            "an unknown outcome",
            json!({ "decisions": [{ "submission_id": s1, "outcome": "promote" }] }),
            422,
        ),
        (
            "a placement for an entry in review",
            json!({ "decisions": [
                { "submission_id": s1, "outcome": "advance" },
                { "submission_id": s2, "outcome": "place_1" },
            ] }),
            422,
        ),
        (
            "a draft that is not in the round",
            json!({ "decisions": [{ "submission_id": draft_entry, "outcome": "advance" }] }),
            422,
        ),
    ] {
        let (got, problem) = fx.post(&fx.orga, &confirm, body).await;
        assert_eq!(got, status, "{what}: {problem}");
        for sub in fx.entries {
            assert_eq!(fx.status_of(sub).await.0, "in_review", "{what}");
        }
    }
    assert_eq!(
        fx.count("select count(*) from audit_log where action = 'jury.confirm'")
            .await,
        0
    );

    let (status, confirmed) = fx.post(&fx.orga, &confirm, decisions.clone()).await;
    assert_eq!(status, 200, "{confirmed}");
    assert_eq!(
        instant(&confirmed["round"]["confirmed_at"]),
        fx.app.clock.now()
    );
    assert_eq!(fx.status_of(s1).await, ("shortlisted".into(), None));
    assert_eq!(fx.status_of(s2).await, ("not_selected".into(), None));
    assert_eq!(fx.status_of(s3).await, ("finalist".into(), None));
    let by: Option<i64> = sqlx::query_scalar("select confirmed_by from jury_rounds where id = $1")
        .bind(round)
        .fetch_one(&fx.app.db)
        .await
        .unwrap();
    assert_eq!(by, Some(fx.olaf.id.0));
    let audit: Vec<(Option<i64>, String, String)> = sqlx::query_as(
        "select actor_id, subject, detail from audit_log where action = 'jury.confirm'",
    )
    .fetch_all(&fx.app.db)
    .await
    .unwrap();
    assert_eq!(audit.len(), 1);
    assert_eq!(
        (audit[0].0, audit[0].1.as_str()),
        (Some(fx.olaf.id.0), format!("round:{round}").as_str())
    );
    let recorded: Value = serde_json::from_str(&audit[0].2).unwrap();
    assert_eq!(recorded["ranking"][0]["submission"], s1, "{recorded}");
    // Each status move is recorded too: one each, two for the straight-to-final entry.
    assert_eq!(
        fx.count("select count(*) from audit_log where action = 'submission.status'")
            .await,
        4
    );

    // Twice is refused and moves nothing further.
    let (status, problem) = fx.post(&fx.orga, &confirm, decisions).await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (409, Some("jury-round-confirmed"))
    );
    assert_eq!(fx.status_of(s1).await.0, "shortlisted");
    assert_eq!(fx.status_of(s3).await.0, "finalist");
    assert_eq!(
        fx.count("select count(*) from audit_log where action = 'jury.confirm'")
            .await,
        1
    );
    assert_eq!(fx.snapshot().await, before);

    // The final: the finalist is judged until the planned close, then placed.
    let fc = fx.criterion(finale, "Pitch", 1.0, false).await;
    fx.assign(finale, &lea, s3).await;
    fx.final_review(&lea, finale, s3, &[(fc, 9.0)], "Bester Pitch")
        .await;
    fx.app.clock.advance(Duration::days(5));
    let before = fx.snapshot().await;
    let (status, problem) = fx
        .review(
            &lea,
            finale,
            s3,
            json!({ "scores": scores_json(&[(fc, 1.0)]), "state": "final" }),
        )
        .await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (409, Some("jury-round-closed"))
    );
    assert_eq!(fx.snapshot().await, before);
    let (status, placed) = fx
        .post(
            &fx.orga,
            &format!("/calls/{SLUG}/jury/rounds/{finale}/confirmation"),
            json!({ "decisions": [{ "submission_id": s3, "outcome": "place_1" }] }),
        )
        .await;
    assert_eq!(status, 200, "{placed}");
    assert_eq!(fx.status_of(s3).await, ("winner".into(), Some(1)));
    assert_eq!(
        fx.count("select count(*) from audit_log where action = 'jury.confirm'")
            .await,
        2
    );
}

// --- 6. Ranking ------------------------------------------------------------------------------

#[tokio::test]
async fn the_ranking_is_the_weighted_mean_of_counted_reviews() {
    let fx = Fx::new().await;
    let lea = fx.juror("lea@example.org", "Lea Brandt").await;
    let jan = fx.juror("jan@example.org", "Jan Krause").await;
    let tom = fx.juror("tom@example.org", "Tom Weber").await;
    let round = fx.round(json!({ "disagreement": 1.5 })).await;
    let novelty = fx.criterion(round, "Neuheit", 2.0, false).await;
    let feasibility = fx.criterion(round, "Umsetzbarkeit", 1.0, false).await;
    let region = fx.criterion(round, "Regionalbezug", 1.0, true).await;
    let [s0, s1, s2] = fx.entries;
    for sub in fx.entries {
        for j in [&lea, &jan] {
            fx.assign(round, j, sub).await;
            fx.open(j, round, sub).await;
        }
    }
    for sub in [s0, s1] {
        fx.assign(round, &tom, sub).await;
        fx.open(&tom, round, sub).await;
    }
    let s = |n: f64, f: f64, r: f64| [(novelty, n), (feasibility, f), (region, r)];
    // Totals (2·novelty + feasibility) / 3; the regional fit is informational.
    fx.final_review(&lea, round, s0, &s(9.0, 3.0, 0.0), "")
        .await; // 7
    fx.final_review(&jan, round, s0, &s(6.0, 6.0, 10.0), "")
        .await; // 6
    fx.final_review(&lea, round, s1, &s(4.0, 10.0, 10.0), "")
        .await; // 6
    fx.final_review(&jan, round, s1, &s(10.0, 4.0, 0.0), "")
        .await; // 8
    fx.final_review(&lea, round, s2, &s(5.0, 2.0, 3.0), "")
        .await; // 4
    let (status, _) = fx
        .review(
            &jan,
            round,
            s2,
            json!({ "state": "abstained", "abstain_reason": "Kenne das Team privat" }),
        )
        .await;
    assert_eq!(status, 200);
    // Tom: a final review of s0 (0 in total) and a draft of s1 that must not count.
    fx.final_review(&tom, round, s0, &s(0.0, 0.0, 0.0), "")
        .await;
    let (status, _) = fx
        .review(
            &tom,
            round,
            s1,
            json!({ "scores": scores_json(&[(novelty, 0.0)]) }),
        )
        .await;
    assert_eq!(status, 200);

    let ranking_path = format!("/calls/{SLUG}/jury/rounds/{round}/ranking");
    let line = |ranking: &Value, sub: i64| {
        ranking
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["submission_id"] == sub)
            .cloned()
            .unwrap_or_else(|| panic!("{sub} not ranked: {ranking}"))
    };
    // While Tom counts: s0 = (7 + 6 + 0) / 3.
    let (status, ranking) = fx.get(&fx.orga, &ranking_path).await;
    assert_eq!(status, 200, "{ranking}");
    assert_close(&line(&ranking, s0)["score"], 13.0 / 3.0);
    assert_eq!(line(&ranking, s0)["reviews"], 3);

    // Tom declares a conflict with s0 after all: his review no longer counts.
    let (status, _) = fx
        .declare(&tom, round, s0, true, "Mein Schwager arbeitet bei Sortwerk")
        .await;
    assert_eq!(status, 200);
    let (status, ranking) = fx.get(&fx.orga, &ranking_path).await;
    assert_eq!(status, 200);
    let order: Vec<i64> = ranking
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["submission_id"].as_i64().unwrap())
        .collect();
    assert_eq!(order, [s1, s0, s2], "{ranking}");
    let expect = [
        // (submission, rank, score, reviews, abstentions, spread, disagreement)
        (s1, 1, 7.0, 2, 0, 2.0, true),
        (s0, 2, 6.5, 2, 0, 1.0, false),
        (s2, 3, 4.0, 1, 1, 0.0, false),
    ];
    for (sub, rank, score, reviews, abstentions, spread, disagreement) in expect {
        let l = line(&ranking, sub);
        assert_eq!(l["rank"], rank, "{l}");
        assert_close(&l["score"], score);
        assert_eq!(l["reviews"], reviews, "{l}");
        assert_eq!(l["abstentions"], abstentions, "{l}");
        assert_close(&l["spread"], spread);
        assert_eq!(l["disagreement"], disagreement, "{l}");
        assert_eq!(l["status"], "in_review");
    }
    // The round detail agrees, and shows each review's own total.
    let (_, detail) = fx
        .get(&fx.orga, &format!("/calls/{SLUG}/jury/rounds/{round}"))
        .await;
    assert_eq!(detail["ranking"], ranking);
    let total_of = |juror: i64, sub: i64| {
        detail["reviews"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["juror_account_id"] == juror && r["submission_id"] == sub)
            .map(|r| r["total"].clone())
            .unwrap()
    };
    assert_close(&total_of(lea.id, s0), 7.0);
    assert_close(&total_of(jan.id, s1), 8.0);
    assert!(total_of(jan.id, s2).is_null(), "an abstention has no total");
    // Progress: 5 final, 1 abstained, Tom's final (now conflicted) and his draft: 7 of 8 done.
    assert_eq!(
        (&detail["done"], &detail["assigned"]),
        (&json!(7), &json!(8))
    );
}

// --- 7. Languages ----------------------------------------------------------------------------

#[tokio::test]
async fn problems_speak_the_callers_language() {
    let fx = Fx::new().await;
    let lea = fx.juror("lea@example.org", "Lea Brandt").await;
    let jan = fx.juror("jan@example.org", "Jan Krause").await;
    sqlx::query("update accounts set language = 'en' where id = $1")
        .bind(jan.id)
        .execute(&fx.app.db)
        .await
        .unwrap();
    let round = fx.round(json!({})).await;
    let c = fx.criterion(round, "Neuheit", 1.0, false).await;
    let sub = fx.entries[0];
    for j in [&lea, &jan] {
        fx.assign(round, j, sub).await;
        fx.open(j, round, sub).await;
    }
    let path = format!("/jury/rounds/{round}/entries/{sub}/review");
    let out_of_scale = json!({ "scores": scores_json(&[(c, 12.0)]) });
    let fxr = &fx;
    let send = |j: &Juror, lang: &'static str, body: Value| {
        let token = j.token.clone();
        let path = path.clone();
        async move {
            fxr.send(Some(&token), Some(lang), Method::PUT, &path, Some(body))
                .await
        }
    };

    // A script's header decides over its account's language (Lea's is German, Jan's English).
    let (status, de) = send(&jan, "de", out_of_scale.clone()).await;
    let (_, en) = send(&lea, "en", out_of_scale.clone()).await;
    assert_eq!(status, 422);
    assert_eq!(de["code"], en["code"]);
    assert_eq!(de["detail"], "Einige Angaben sind ungültig.");
    assert_eq!(
        en["detail"],
        "Some of the information you entered is not valid."
    );
    let field = format!("score_{c}");
    assert_eq!(
        fields(&de)[&field],
        ["Vergeben Sie eine Punktzahl von 0 bis 10."]
    );
    assert_eq!(fields(&en)[&field], ["Give a score from 0 to 10."]);

    fx.app.clock.advance(Duration::days(10));
    let save = json!({ "scores": scores_json(&[(c, 5.0)]) });
    let (status, de) = send(&lea, "de", save.clone()).await;
    let (_, en) = send(&jan, "en", save).await;
    assert_eq!(status, 409);
    assert_eq!(
        (&de["code"], &en["code"]),
        (&json!("jury-round-closed"), &json!("jury-round-closed"))
    );
    assert_eq!(
        de["detail"],
        "Die Runde ist geschlossen: Bewertungen können nicht mehr geändert werden."
    );
    assert_eq!(
        en["detail"],
        "The round is closed: reviews can no longer be changed."
    );
    assert_ne!(de["title"], en["title"]);
    let (_, entry) = fx.entry(&jan, round, sub).await;
    assert_eq!(
        entry["locked"],
        "The round is closed: reviews can no longer be changed."
    );

    // Without an account, the Accept-Language header decides.
    for (lang, detail) in [
        ("de", "Dafür müssen Sie eingeloggt sein."),
        ("en", "You need to sign in to do this."),
    ] {
        let (status, problem) = fx
            .send(None, Some(lang), Method::PUT, &path, Some(json!({})))
            .await;
        assert_eq!(status, 401);
        assert_eq!(problem["detail"], detail);
    }
}

// --- Rules found while writing these tests ------------------------------------------------------

/// Inviting an address that has an account links it (no new account) and says the person is new
/// to the jury; inviting them again only updates their categories, says so, and sends no mail.
#[tokio::test]
async fn inviting_a_known_address_links_the_account_and_a_second_invitation_adds_nobody() {
    let fx = Fx::new().await;
    fx.account("lea@example.org", "Lea Brandt").await;
    let accounts_before = fx.count("select count(*) from accounts").await;
    let path = format!("/calls/{SLUG}/jury/jurors");
    let body = json!({ "email": "lea@example.org" });
    let invite = || fx.post(&fx.orga, &path, body.clone());
    let (status, invited) = invite().await;
    assert_eq!(status, 200, "{invited}");
    assert_eq!(invited["added"], true, "{invited}");
    assert_eq!(
        fx.count("select count(*) from accounts").await,
        accounts_before
    );
    assert_eq!(fx.count("select count(*) from jurors").await, 1);
    let mails = fx.count("select count(*) from outbox").await;
    let (status, again) = invite().await;
    assert_eq!(status, 200, "{again}");
    assert_eq!(again["added"], false, "{again}");
    assert_eq!(fx.count("select count(*) from jurors").await, 1);
    assert_eq!(fx.count("select count(*) from outbox").await, mails);
}

/// A juror in a detected conflict who says "no conflict" is refused (403); the refusal must not
/// leave a declaration behind.
#[tokio::test]
async fn a_refused_declaration_stores_nothing() {
    let fx = Fx::new().await;
    let mia = fx.juror("mia@example.org", "Mia Sommer").await;
    let round = fx.round(json!({})).await;
    let sortwerk = fx.entries[0];
    fx.assign(round, &mia, sortwerk).await;
    fx.set_organisation(mia.id, "Sortwerk GmbH").await;
    let (status, problem) = fx.declare(&mia, round, sortwerk, false, "").await;
    assert_eq!(status, 403, "{problem}");
    assert_eq!(problem["code"], "jury-conflict-organisation");
    assert_eq!(fx.count("select count(*) from jury_declarations").await, 0);
    assert_eq!(
        fx.count("select count(*) from audit_log where action like 'jury.conflict.%'")
            .await,
        0
    );
}

/// One decision per entry: a repeated `advance` must not move an entry two steps (in review →
/// shortlisted → finalist), and contradictory decisions must not both apply.
#[tokio::test]
async fn a_confirmation_takes_one_decision_per_entry() {
    let fx = Fx::new().await;
    let lea = fx.juror("lea@example.org", "Lea Brandt").await;
    let round = fx.round(json!({})).await;
    let c = fx.criterion(round, "Neuheit", 1.0, false).await;
    let s1 = fx.entries[0];
    fx.assign(round, &lea, s1).await;
    fx.open(&lea, round, s1).await;
    fx.final_review(&lea, round, s1, &[(c, 8.0)], "").await;
    fx.app.clock.advance(Duration::days(10));
    let (status, problem) = fx
        .post(
            &fx.orga,
            &format!("/calls/{SLUG}/jury/rounds/{round}/confirmation"),
            json!({ "decisions": [
                { "submission_id": s1, "outcome": "advance" },
                { "submission_id": s1, "outcome": "advance" },
            ] }),
        )
        .await;
    assert_eq!(fx.status_of(s1).await.0, "in_review", "{status} {problem}");
    assert_eq!(status, 422, "{problem}");
}

/// Criterion labels are written one per line (`0 = not convincing`) and documented so; they
/// should read back the same way, so that what GET returns can be PUT again.
#[tokio::test]
async fn criterion_labels_read_back_as_written() {
    let fx = Fx::new().await;
    let round = fx.round(json!({})).await;
    let labels = "0 = not new\n10 = never seen";
    let path = format!("/calls/{SLUG}/jury/rounds/{round}/criteria");
    let (status, c) = fx
        .post(
            &fx.orga,
            &path,
            json!({ "name_de": "Neuheit", "name_en": "Novelty", "labels_en": labels }),
        )
        .await;
    assert_eq!(status, 201, "{c}");
    let id = c["id"].as_i64().unwrap();
    let (status, again) = fx
        .put(
            &fx.orga,
            &format!("{path}/{id}"),
            json!({ "name_de": "Neuheit", "name_en": "Novelty", "labels_en": c["labels_en"] }),
        )
        .await;
    assert_eq!(status, 200, "PUT of the labels GET returned: {again}");
    assert_eq!(c["labels_en"], labels);
}

/// A confirmed round "can no longer be changed": a conflict declared afterwards must not take a
/// review out of its ranking.
#[tokio::test]
async fn a_confirmed_ranking_does_not_move_on_a_late_conflict_declaration() {
    let fx = Fx::new().await;
    let lea = fx.juror("lea@example.org", "Lea Brandt").await;
    let round = fx.round(json!({})).await;
    let c = fx.criterion(round, "Neuheit", 1.0, false).await;
    let s1 = fx.entries[0];
    fx.assign(round, &lea, s1).await;
    fx.open(&lea, round, s1).await;
    fx.final_review(&lea, round, s1, &[(c, 8.0)], "").await;
    fx.app.clock.advance(Duration::days(10));
    let (status, confirmed) = fx
        .post(
            &fx.orga,
            &format!("/calls/{SLUG}/jury/rounds/{round}/confirmation"),
            json!({ "decisions": [{ "submission_id": s1, "outcome": "advance" }] }),
        )
        .await;
    assert_eq!(status, 200, "{confirmed}");
    let ranking_path = format!("/calls/{SLUG}/jury/rounds/{round}/ranking");
    let (_, before) = fx.get(&fx.orga, &ranking_path).await;
    assert_eq!(before[0]["reviews"], 1);

    let (status, late) = fx
        .declare(&lea, round, s1, true, "Erst jetzt bemerkt")
        .await;
    let (_, after) = fx.get(&fx.orga, &ranking_path).await;
    assert_eq!(after, before, "declaration answered {status} {late}");
    assert_eq!(status, 409, "{late}");
}

/// A submission whose starter's account was deleted keeps `account_id = null`; a juror of the
/// entry's organisation is still in a detected conflict, and the jury still loads.
#[tokio::test]
async fn a_detected_conflict_on_an_entry_without_its_starters_account_still_loads() {
    let fx = Fx::new().await;
    let mia = fx.juror("mia@example.org", "Mia Sommer").await;
    fx.set_organisation(mia.id, "Sortwerk GmbH").await;
    let round = fx.round(json!({})).await;
    let sortwerk = fx.entries[0];
    sqlx::query("delete from accounts where email = $1")
        .bind(ENTRIES[0].3)
        .execute(&fx.app.db)
        .await
        .unwrap();
    let starter: Option<i64> =
        sqlx::query_scalar("select account_id from submissions where id = $1")
            .bind(sortwerk)
            .fetch_one(&fx.app.db)
            .await
            .unwrap();
    assert_eq!(starter, None);

    let (status, jury) = fx.get(&fx.orga, &format!("/calls/{SLUG}/jury")).await;
    assert_eq!(status, 200, "{jury}");
    assert_eq!(
        jury["detected_conflicts"],
        json!([{ "submission_id": sortwerk, "juror_account_id": mia.id, "team_member": false }])
    );
    let (status, plan) = fx
        .post(
            &fx.orga,
            &format!("/calls/{SLUG}/jury/rounds/{round}/auto-assign"),
            json!({}),
        )
        .await;
    assert_eq!(status, 200, "{plan}");
    assert!(
        plan["added"]
            .as_array()
            .unwrap()
            .iter()
            .all(|a| a["submission_id"] != sortwerk),
        "{plan}"
    );
}
