//! Certificates through the JSON API (`backend/src/certificate/api.rs`, under `/api/v1`, with
//! personal API tokens), and the certificates of a call: placements from the chair's confirmed
//! result and jury service for jurors who finished their reviews. The helpers (event, people,
//! PDF checks) come from `certificates`.

use std::collections::BTreeMap;

use chrono::Duration;
use convene::account::Actor;
use convene::account::service as accounts;
use convene::call::model::CallInput;
use convene::call::service as calls;
use convene_frontend::Lang;
use convene_tests::TestApp;
use reqwest::Method;
use serde_json::{Value, json};

use crate::certificates::{
    CROCKFORD, Download, EVENT_DE, EVENT_EN, Fx, SLUG, assert_inside_page, attachments, download,
    finished_job, get_bytes, huge_png, logo_png, mails_to, outbox_drained, person, signature_png,
    sound_pdf, template_id,
};

/// Talks to `/api/v1` with or without a bearer token.
struct Api {
    http: reqwest::Client,
    base: String,
}

impl Api {
    fn new(app: &TestApp) -> Api {
        Api {
            http: reqwest::Client::new(),
            base: app.url("/api/v1"),
        }
    }

    fn request(&self, token: Option<&str>, method: Method, path: &str) -> reqwest::RequestBuilder {
        let req = self.http.request(method, format!("{}{path}", self.base));
        // A token's answers come in its account's language; anonymous ones in German.
        match token {
            Some(t) => req.bearer_auth(t),
            None => req.header("accept-language", "de"),
        }
    }

    /// A JSON request; returns the status and the JSON answer (`Null` when empty).
    async fn json(
        &self,
        token: Option<&str>,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> (u16, Value) {
        let mut req = self.request(token, method, path);
        if let Some(b) = body {
            req = req.json(&b);
        }
        let resp = req.send().await.unwrap();
        let status = resp.status().as_u16();
        let text = resp.text().await.unwrap();
        let value = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
        };
        (status, value)
    }

    async fn get(&self, token: &str, path: &str) -> (u16, Value) {
        self.json(Some(token), Method::GET, path, None).await
    }

    async fn post(&self, token: &str, path: &str, body: Value) -> (u16, Value) {
        self.json(Some(token), Method::POST, path, Some(body)).await
    }

    async fn put(&self, token: &str, path: &str, body: Value) -> (u16, Value) {
        self.json(Some(token), Method::PUT, path, Some(body)).await
    }

    /// A binary body (an image) PUT to `path`.
    async fn put_bytes(&self, token: &str, path: &str, bytes: Vec<u8>) -> (u16, Value) {
        let resp = self
            .request(Some(token), Method::PUT, path)
            .header("content-type", "application/octet-stream")
            .body(bytes)
            .send()
            .await
            .unwrap();
        let status = resp.status().as_u16();
        (status, resp.json().await.unwrap_or(Value::Null))
    }

    /// A download (PDF) from `path`.
    async fn bytes(&self, token: Option<&str>, path: &str) -> Download {
        download(self.request(token, Method::GET, path).send().await.unwrap()).await
    }

    /// Runs the queued job `job` (a test app has no worker) and reads it back, finished.
    async fn finished(&self, app: &TestApp, token: &str, job: i64) -> Value {
        let path = format!("/certificate-jobs/{job}");
        let (status, queued) = self.get(token, &path).await;
        assert_eq!(status, 200, "{queued}");
        assert_eq!(queued["status"], "queued", "{queued}");
        assert_eq!(app.run_jobs().await, 1, "the job ran");
        let (status, job) = self.get(token, &path).await;
        assert_eq!(status, 200, "{job}");
        assert!(
            job["status"] == "done" || job["status"] == "failed",
            "{job}"
        );
        job
    }
}

/// A personal API token of `actor`.
async fn token(app: &TestApp, actor: &Actor) -> String {
    accounts::create_api_token(&app.state, actor, "certificates", None)
        .await
        .unwrap()
        .1
}

/// The field messages of a 422 problem.
fn fields(problem: &Value) -> BTreeMap<String, Vec<String>> {
    serde_json::from_value(problem["fields"].clone()).unwrap_or_default()
}

fn template_body(extra: Value) -> Value {
    let mut body = json!({
        "kind": "attendance",
        "title_de": "Teilnahmebescheinigung",
        "title_en": "Certificate of attendance",
        "body_de": "hat am {dates} an {event} teilgenommen.",
        "body_en": "attended {event} on {dates}.",
        "place": "Düsseldorf",
        "signatory1_name": "Dr. Anna Schäfer",
        "signatory1_role": "Geschäftsführerin",
        "serial_prefix": "CMR-2026",
    });
    for (k, v) in extra.as_object().unwrap() {
        body[k] = v.clone();
    }
    body
}

// --- The API ----------------------------------------------------------------------------------

/// Organisers create and change a template, set its images, preview, issue and follow the job,
/// list, download and revoke; recipients list and download their own; anyone verifies a code.
/// Bad input gets a problem naming each field and stores nothing.
#[tokio::test]
async fn the_api_covers_templates_issuing_revoking_and_verifying() {
    let fx = Fx::new().await;
    let api = Api::new(&fx.app);
    let orga = token(&fx.app, &fx.olaf).await;
    let ada_id = fx
        .attendee("ada@example.org", "Ada Lovelace", Lang::De, None)
        .await;
    let emma_id = fx
        .attendee(
            "emma@example.org",
            "Emma Walker",
            Lang::En,
            Some("Walker & Sons Ltd"),
        )
        .await;
    let ada = token(&fx.app, &fx.app.actor(ada_id).await).await;
    let emma = token(&fx.app, &fx.app.actor(emma_id).await).await;
    let templates = format!("/events/{SLUG}/certificate-templates");

    // Bad input: every field named, nothing stored.
    let (status, problem) = api
        .post(
            &orga,
            &templates,
            template_body(json!({
                "kind": "placement", "title_de": " ", "body_en": "Dear {recipient}",
                "serial_prefix": "CMR 2026",
            })),
        )
        .await;
    assert_eq!(status, 422, "{problem}");
    assert_eq!(problem["code"], "error-invalid");
    let named = fields(&problem);
    assert_eq!(
        named.keys().collect::<Vec<_>>(),
        ["body_en", "kind", "serial_prefix", "title_de"],
        "{problem}"
    );
    assert_eq!(
        named["body_en"],
        ["Den Platzhalter {recipient} gibt es nicht."]
    );
    assert_eq!(named["title_de"], ["Bitte füllen Sie dieses Feld aus."]);
    let (status, problem) = api
        .post(
            &orga,
            &templates,
            template_body(json!({ "kind": "diploma" })),
        )
        .await;
    assert_eq!(status, 400, "an unknown kind: {problem}");
    let (status, problem) = api
        .post(&orga, &templates, template_body(json!({ "kind": null })))
        .await;
    assert_eq!(status, 422, "no kind: {problem}");
    assert!(fields(&problem).contains_key("kind"), "{problem}");
    assert_eq!(
        fx.app
            .count("select count(*) from certificate_templates")
            .await,
        0
    );

    let (status, created) = api.post(&orga, &templates, template_body(json!({}))).await;
    assert_eq!(status, 201, "{created}");
    let id = created["id"].as_i64().unwrap();
    assert_eq!(created["kind"], "attendance");
    assert!(created["event_id"].is_i64() && created["call_id"].is_null());
    assert_eq!(
        (&created["has_logo"], &created["landscape"]),
        (&json!(false), &json!(false))
    );
    let (_, list) = api.get(&orga, &templates).await;
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["id"], id);

    // Updating: a mistake changes nothing; the kind stays what it was.
    let path = format!("/certificate-templates/{id}");
    let (status, problem) = api
        .put(&orga, &path, template_body(json!({ "body_de": "{datum}" })))
        .await;
    assert_eq!(status, 422);
    assert_eq!(
        fields(&problem)["body_de"],
        ["Den Platzhalter {datum} gibt es nicht."]
    );
    let (status, updated) = api
        .put(
            &orga,
            &path,
            template_body(
                json!({ "kind": "jury", "landscape": true, "signatory2_name": "Jürgen Weiß" }),
            ),
        )
        .await;
    assert_eq!(status, 200, "{updated}");
    assert_eq!(updated["kind"], "attendance");
    assert_eq!(updated["landscape"], true);
    let (_, got) = api.get(&orga, &path).await;
    assert_eq!(got["signatory2_name"], "Jürgen Weiß");
    let stored: (String, bool) =
        sqlx::query_as("select kind, landscape from certificate_templates where id = $1")
            .bind(id)
            .fetch_one(&fx.app.db)
            .await
            .unwrap();
    assert_eq!(stored, ("attendance".into(), true));

    // Images: checked by content and size.
    for (what, bytes, field) in [
        ("text", b"kein Bild".to_vec(), "logo"),
        ("more than 2 MiB", huge_png(), "logo"),
    ] {
        let (status, problem) = api.put_bytes(&orga, &format!("{path}/logo"), bytes).await;
        assert_eq!(status, 422, "{what}: {problem}");
        assert!(fields(&problem).contains_key(field), "{what}: {problem}");
    }
    assert_eq!(
        fx.app
            .count("select count(*) from certificate_templates where logo is not null")
            .await,
        0
    );
    let (status, with_logo) = api
        .put_bytes(&orga, &format!("{path}/logo"), logo_png())
        .await;
    assert_eq!(status, 200, "{with_logo}");
    assert_eq!(with_logo["has_logo"], true);
    let (status, with_signature) = api
        .put_bytes(&orga, &format!("{path}/signature"), signature_png())
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        (
            &with_signature["has_logo"],
            &with_signature["has_signature"]
        ),
        (&json!(true), &json!(true))
    );

    // Preview, in English.
    let preview = api
        .bytes(Some(&orga), &format!("{path}/preview?lang=en"))
        .await;
    assert_eq!(preview.status, 200);
    assert_eq!(preview.content_type, "application/pdf");
    assert!(
        preview.disposition.starts_with("inline") && preview.disposition.contains("preview.pdf"),
        "{}",
        preview.disposition
    );
    let text = sound_pdf(&preview.bytes);
    assert!(
        text.contains("Alex Example") && text.contains("Certificate of attendance"),
        "{text}"
    );
    assert_inside_page(&preview.bytes, true);

    // Issuing, with mail, as a job to follow.
    fx.app.clock.advance(Duration::days(9));
    let (status, job) = api
        .post(
            &orga,
            &format!("{path}/issue"),
            json!({ "send_mail": true }),
        )
        .await;
    assert_eq!(status, 202, "{job}");
    assert_eq!(job["template_id"], id);
    assert_eq!(job["send_mail"], true);
    let job = api
        .finished(&fx.app, &orga, job["id"].as_i64().unwrap())
        .await;
    assert_eq!(
        (&job["status"], &job["total"], &job["done"], &job["issued"]),
        (&json!("done"), &json!(2), &json!(2), &json!(2)),
        "{job}"
    );
    assert!(job["finished_at"].is_string());
    let (status, issued) = api.get(&orga, &format!("{path}/certificates")).await;
    assert_eq!(status, 200);
    let issued = issued.as_array().unwrap().clone();
    assert_eq!(issued.len(), 2);
    let (ada_cert, emma_cert) = (&issued[0], &issued[1]);
    assert_eq!(ada_cert["serial"], "CMR-2026-0001");
    assert_eq!(ada_cert["recipient_name"], "Ada Lovelace");
    assert_eq!(ada_cert["recipient_email"], "ada@example.org");
    assert_eq!(ada_cert["language"], "de");
    assert_eq!(emma_cert["serial"], "CMR-2026-0002");
    assert_eq!(emma_cert["organisation"], "Walker & Sons Ltd");
    assert_eq!(emma_cert["language"], "en");
    assert_eq!(
        emma_cert["what_for"],
        json!([format!("{EVENT_DE}, 8.–9. November 2026")])
    );
    for c in &issued {
        let code = c["code"].as_str().unwrap();
        assert_eq!(code.len(), 23, "{code}");
        assert!(
            code.split('-')
                .all(|g| g.len() == 5 && g.chars().all(|ch| CROCKFORD.contains(ch))),
            "{code}"
        );
        assert_eq!(
            c["verify_url"],
            format!("{}/verify/{code}", fx.app.base_url)
        );
        assert!(c["emailed_at"].is_string() && c["revoked_at"].is_null());
    }
    assert_ne!(ada_cert["code"], emma_cert["code"]);
    fx.app.drain_outbox().await;
    let mail = fx
        .app
        .mail
        .to("emma@example.org")
        .into_iter()
        .find(|m| m.subject.starts_with("Your certificate"))
        .expect("Emma's certificate mail");
    assert_eq!(
        mail.subject,
        format!("Your certificate: Certificate of attendance – {EVENT_EN}")
    );
    assert_eq!(attachments(&mail)[0].1, "application/pdf");

    // Again: nothing new.
    let (_, again) = api
        .post(
            &orga,
            &format!("{path}/issue"),
            json!({ "send_mail": true }),
        )
        .await;
    let again = api
        .finished(&fx.app, &orga, again["id"].as_i64().unwrap())
        .await;
    assert_eq!((&again["done"], &again["issued"]), (&json!(2), &json!(0)));
    outbox_drained(&fx.app).await;
    assert_eq!(mails_to(&fx.app, "emma@example.org", "Your certificate"), 1);
    assert_eq!(fx.app.count("select count(*) from certificates").await, 2);

    // The organiser's download.
    let ada_id_cert = ada_cert["id"].as_i64().unwrap();
    let emma_id_cert = emma_cert["id"].as_i64().unwrap();
    let pdf = api
        .bytes(Some(&orga), &format!("/certificates/{emma_id_cert}/pdf"))
        .await;
    assert_eq!(pdf.status, 200);
    assert_eq!(pdf.content_type, "application/pdf");
    assert!(
        pdf.disposition.starts_with("attachment") && pdf.disposition.contains("CMR-2026-0002"),
        "{}",
        pdf.disposition
    );
    let text = sound_pdf(&pdf.bytes);
    assert!(
        text.contains("Emma Walker")
            && text.contains(&format!("attended {EVENT_EN} on 8–9 November 2026."))
            && text.contains(emma_cert["code"].as_str().unwrap()),
        "{text}"
    );
    assert_inside_page(&pdf.bytes, true);

    // Recipients: their own only, without others' addresses.
    let (status, mine) = api.get(&emma, "/me/certificates").await;
    assert_eq!(status, 200);
    assert_eq!(mine.as_array().unwrap().len(), 1);
    assert_eq!(mine[0]["id"], emma_id_cert);
    assert_eq!(mine[0]["title"], "Certificate of attendance");
    assert_eq!(
        mine[0]["what_for"],
        json!([format!("{EVENT_EN}, 8–9 November 2026")])
    );
    assert!(mine[0].get("recipient_email").is_none(), "{mine}");
    let own = api
        .bytes(Some(&emma), &format!("/me/certificates/{emma_id_cert}/pdf"))
        .await;
    assert_eq!(own.status, 200);
    assert!(sound_pdf(&own.bytes).contains("Emma Walker"));
    let others = api
        .bytes(Some(&emma), &format!("/me/certificates/{ada_id_cert}/pdf"))
        .await;
    assert_eq!(others.status, 404);
    assert!(!others.bytes.starts_with(b"%PDF"));

    // Verification, public.
    let ada_code = ada_cert["code"].as_str().unwrap().to_string();
    let (status, verified) = api
        .json(None, Method::GET, &format!("/verify/{ada_code}"), None)
        .await;
    assert_eq!(status, 200, "{verified}");
    assert_eq!(verified["valid"], true);
    assert_eq!(verified["recipient_name"], "Ada Lovelace");
    assert_eq!(verified["serial"], "CMR-2026-0001");
    assert_eq!(verified["title"], "Teilnahmebescheinigung");
    assert_eq!(
        verified["signatories"],
        json!(["Dr. Anna Schäfer, Geschäftsführerin", "Jürgen Weiß"])
    );
    let sloppy = ada_code.to_lowercase().replace('-', "");
    let (status, again) = api
        .json(None, Method::GET, &format!("/verify/{sloppy}"), None)
        .await;
    assert_eq!((status, &again["serial"]), (200, &json!("CMR-2026-0001")));
    let (status, problem) = api
        .json(None, Method::GET, "/verify/ABCDE-FGHJK-MNPQR-STVWX", None)
        .await;
    assert_eq!(status, 404);
    assert_eq!(problem["detail"], "Diese Urkunde gibt es nicht.");

    // Revoking: a reason is required; once only.
    let revoke = format!("/certificates/{ada_id_cert}/revoke");
    let (status, problem) = api.post(&orga, &revoke, json!({ "reason": " " })).await;
    assert_eq!(status, 422);
    assert_eq!(
        fields(&problem)["reason"],
        ["Bitte geben Sie einen Grund für den Widerruf an."]
    );
    let (status, revoked) = api
        .post(&orga, &revoke, json!({ "reason": "Falscher Name" }))
        .await;
    assert_eq!(status, 200, "{revoked}");
    assert!(revoked["revoked_at"].is_string());
    assert_eq!(revoked["revoked_reason"], "Falscher Name");
    let (status, _) = api
        .post(&orga, &revoke, json!({ "reason": "nochmal" }))
        .await;
    assert_eq!(status, 409);
    let (_, verified) = api
        .json(None, Method::GET, &format!("/verify/{ada_code}"), None)
        .await;
    assert_eq!(verified["valid"], false);
    assert!(verified["revoked_at"].is_string());
    let shown = verified.to_string();
    assert!(
        !shown.contains("Falscher Name") && !shown.contains("ada@example.org"),
        "{shown}"
    );
    let gone = api
        .bytes(Some(&ada), &format!("/me/certificates/{ada_id_cert}/pdf"))
        .await;
    assert_eq!(gone.status, 404);
    let (_, adas) = api.get(&ada, "/me/certificates").await;
    assert!(adas[0]["revoked_at"].is_string(), "{adas}");

    // A participant reaches none of the organisers' endpoints and changes nothing.
    let before = (
        fx.app
            .count("select count(*) from certificate_templates")
            .await,
        fx.app.count("select count(*) from certificate_jobs").await,
        fx.app
            .count("select count(*) from certificates where revoked_at is null")
            .await,
    );
    for (method, p, body) in [
        (Method::GET, templates.clone(), None),
        (
            Method::POST,
            templates.clone(),
            Some(template_body(json!({}))),
        ),
        (Method::GET, path.clone(), None),
        (Method::PUT, path.clone(), Some(template_body(json!({})))),
        (Method::GET, format!("{path}/preview"), None),
        (
            Method::POST,
            format!("{path}/issue"),
            Some(json!({ "send_mail": true })),
        ),
        (Method::GET, format!("{path}/certificates"), None),
        (
            Method::GET,
            format!("/certificate-jobs/{}", job["id"]),
            None,
        ),
        (
            Method::POST,
            format!("/certificates/{emma_id_cert}/revoke"),
            Some(json!({ "reason": "weil" })),
        ),
        (
            Method::GET,
            format!("/certificates/{emma_id_cert}/pdf"),
            None,
        ),
    ] {
        let resp = match body {
            Some(b) => api.request(Some(&emma), method.clone(), &p).json(&b),
            None => api.request(Some(&emma), method.clone(), &p),
        }
        .send()
        .await
        .unwrap();
        let status = resp.status().as_u16();
        let text = resp.text().await.unwrap();
        assert!(
            [403, 404].contains(&status),
            "{method} {p}: {status} {text}"
        );
        assert!(!text.contains("ada@example.org") && !text.starts_with("%PDF"));
    }
    let (status, _) = api
        .put_bytes(&emma, &format!("{path}/logo"), logo_png())
        .await;
    assert!([403, 404].contains(&status));
    assert_eq!(
        (
            fx.app
                .count("select count(*) from certificate_templates")
                .await,
            fx.app.count("select count(*) from certificate_jobs").await,
            fx.app
                .count("select count(*) from certificates where revoked_at is null")
                .await,
        ),
        before
    );
    // Without a token: organisers' endpoints are closed, verification stays open.
    let (status, _) = api.json(None, Method::GET, &path, None).await;
    assert_eq!(status, 401);
}

// --- Call certificates ------------------------------------------------------------------------

/// The call of these tests: deadline 15 October 2026 passed, three entries in review.
const CALL: &str = "icr-2026";
const CALL_DE: &str = "InnovationCall Ruhr 2026";
const CALL_EN: &str = "InnovationCall Ruhr 2026 (English)";

/// The entries: title, starter's e-mail and name, and the starter's language.
const ENTRIES: [(&str, &str, &str, Lang); 3] = [
    (
        "Sortwerk: KI-Sortierung für Kunststoffabfälle",
        "lina@sortwerk.example",
        "Lina Sortmann",
        Lang::De,
    ),
    (
        "Aquila: Agri-PV für Brachflächen",
        "paul@aquila.example",
        "Paul Adler",
        Lang::En,
    ),
    (
        "Grubenwasser-Wärme für Quartiere",
        "greta@ruhrwaerme.example",
        "Greta Grube",
        Lang::De,
    ),
];

/// A call with three entries in review, each started by its team member with an account;
/// Sortwerk's team has a second member without an account. Returns the organiser, their token
/// and the entries.
async fn call_with_entries(app: &TestApp) -> (Actor, String, [i64; 3]) {
    let olaf = app
        .actor(app.organiser("orga@example.org", "Olaf Organiser").await)
        .await;
    calls::create(
        &app.state,
        &olaf,
        &CallInput {
            slug: CALL.into(),
            title_de: CALL_DE.into(),
            title_en: CALL_EN.into(),
            timezone: "Europe/Berlin".into(),
            opens_at: "2026-09-01T09:00".into(),
            deadline: "2026-10-15T12:00".into(),
            results_at: "2026-11-20T18:00".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    calls::set_published(&app.state, &olaf, CALL, true, false)
        .await
        .unwrap();
    let orga = token(app, &olaf).await;
    let call_id: i64 = sqlx::query_scalar("select id from calls where slug = $1")
        .bind(CALL)
        .fetch_one(&app.db)
        .await
        .unwrap();
    let now = app.clock.now();
    let mut entries = [0; 3];
    for (i, (title, email, name, lang)) in ENTRIES.iter().enumerate() {
        let starter = person(app, email, name, *lang, None).await;
        entries[i] = sqlx::query_scalar(
            "insert into submissions (call_id, account_id, status, title, abstract, \
             organisation, submitted_at, eligible_at, created_at, updated_at) \
             values ($1, $2, 'in_review', $3, 'Kurzfassung', '', $4, $4, $4, $4) returning id",
        )
        .bind(call_id)
        .bind(starter.0)
        .bind(*title)
        .bind(now)
        .fetch_one(&app.db)
        .await
        .unwrap();
        let mut members = vec![(*email, *name)];
        if i == 0 {
            members.push(("jg@sortwerk.example", "Jürgen Größe-Weiß"));
        }
        for (email, name) in members {
            sqlx::query(
                "insert into submission_members (submission_id, email, name, role, created_at) \
                 values ($1, $2, $3, 'Team', $4)",
            )
            .bind(entries[i])
            .bind(email)
            .bind(name)
            .bind(now)
            .execute(&app.db)
            .await
            .unwrap();
        }
    }
    (olaf, orga, entries)
}

/// The account of an e-mail address.
async fn placed_account(app: &TestApp, email: &str) -> convene::ids::AccountId {
    convene::ids::AccountId(
        sqlx::query_scalar("select id from accounts where email = $1")
            .bind(email)
            .fetch_one(&app.db)
            .await
            .unwrap(),
    )
}

/// Placement certificates go to the team members of the entries the chair placed, with the
/// place in their language ("1. Platz", "2nd place"), members without an account included;
/// jury-service certificates go to the jurors who finished every review, not to one who left a
/// draft. A call offers only the call's kinds.
#[tokio::test]
async fn placement_and_jury_service_certificates_come_from_the_confirmed_result() {
    let app = TestApp::spawn().await;
    let api = Api::new(&app);
    let (olaf, orga, [s1, s2, s3]) = call_with_entries(&app).await;
    let mut jurors = Vec::new();
    for (email, name) in [
        ("lea@example.org", "Lea Brandt"),
        ("jan@example.org", "Jan Krause"),
    ] {
        let id = person(&app, email, name, Lang::De, None).await;
        convene::jury::service::invite_juror(&app.state, &olaf, CALL, email, "", &[], Lang::De)
            .await
            .unwrap();
        jurors.push(token(&app, &app.actor(id).await).await);
    }
    let lea_id: i64 = sqlx::query_scalar("select id from accounts where email = 'lea@example.org'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let jan_id: i64 = sqlx::query_scalar("select id from accounts where email = 'jan@example.org'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let (lea, jan) = (&jurors[0], &jurors[1]);

    // The pre-selection: Lea reviews all three, Jan leaves one review a draft.
    let rounds = format!("/calls/{CALL}/jury/rounds");
    let (status, round) = api
        .post(
            &orga,
            &rounds,
            json!({ "name_de": "Vorauswahl", "name_en": "Pre-selection",
                    "opens_at": "2026-10-20T09:00", "closes_at": "2026-11-10T18:00" }),
        )
        .await;
    assert_eq!(status, 201, "{round}");
    let round = round["id"].as_i64().unwrap();
    let (status, criterion) = api
        .post(
            &orga,
            &format!("{rounds}/{round}/criteria"),
            json!({ "name_de": "Neuheit", "name_en": "Novelty" }),
        )
        .await;
    assert_eq!(status, 201, "{criterion}");
    let criterion = criterion["id"].as_i64().unwrap().to_string();
    for (juror_id, token, subs) in [(lea_id, lea, vec![s1, s2, s3]), (jan_id, jan, vec![s1, s2])] {
        for sub in subs {
            let (status, body) = api
                .post(
                    &orga,
                    &format!("{rounds}/{round}/assignments"),
                    json!({ "juror_account_id": juror_id, "submission_id": sub }),
                )
                .await;
            assert_eq!(status, 200, "{body}");
            let entry = format!("/jury/rounds/{round}/entries/{sub}");
            let (status, body) = api
                .put(
                    token,
                    &format!("{entry}/declaration"),
                    json!({ "conflict": false, "reason": "" }),
                )
                .await;
            assert_eq!(status, 200, "{body}");
            let draft = juror_id == jan_id && sub == s2;
            let review = if draft {
                json!({ "scores": { criterion.clone(): 5.0 } })
            } else {
                json!({ "scores": { criterion.clone(): 8.0 }, "state": "final" })
            };
            let (status, body) = api.put(token, &format!("{entry}/review"), review).await;
            assert_eq!(status, 200, "{body}");
        }
    }
    let (status, body) = api
        .post(&orga, &format!("{rounds}/{round}/close"), json!({}))
        .await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = api
        .post(
            &orga,
            &format!("{rounds}/{round}/confirmation"),
            json!({ "decisions": [
                { "submission_id": s1, "outcome": "finalist" },
                { "submission_id": s2, "outcome": "finalist" },
                { "submission_id": s3, "outcome": "not_selected" },
            ] }),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    // The final: the chair places the two finalists.
    let (status, finale) = api
        .post(
            &orga,
            &rounds,
            json!({ "name_de": "Finale", "name_en": "Final", "entrants": "finalist",
                    "opens_at": "2026-10-25T09:00", "closes_at": "2026-11-10T18:00" }),
        )
        .await;
    assert_eq!(status, 201, "{finale}");
    let finale = finale["id"].as_i64().unwrap();
    let (status, body) = api
        .post(&orga, &format!("{rounds}/{finale}/close"), json!({}))
        .await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = api
        .post(
            &orga,
            &format!("{rounds}/{finale}/confirmation"),
            json!({ "decisions": [
                { "submission_id": s2, "outcome": "place_1" },
                { "submission_id": s1, "outcome": "place_2" },
            ] }),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let placed: Vec<(i64, String, Option<i64>)> =
        sqlx::query_as("select id, status, placement from submissions order by id")
            .fetch_all(&app.db)
            .await
            .unwrap();
    assert_eq!(
        placed,
        [
            (s1, "winner".into(), Some(2)),
            (s2, "winner".into(), Some(1)),
            (s3, "not_selected".into(), None)
        ]
    );
    app.clock.advance(Duration::days(20)); // 21 November 2026, after the results

    // The call's certificates page: the call's kinds only; an event's kind is refused.
    let page_client = app.signed_in("orga@example.org", "de").await;
    let list = page_client
        .get(&format!("/orga/calls/{CALL}/certificates"))
        .await;
    assert_eq!(list.status, 200);
    assert_eq!(list.text("h1"), format!("Urkunden: {CALL_DE}"));
    assert_eq!(
        list.texts("#kind option"),
        ["Pitch-Urkunde", "Urkunde", "Dank für die Jurytätigkeit"]
    );
    let refused = page_client
        .submit(
            &list,
            "#new-template form",
            &[("kind", "attendance"), ("serial_prefix", "ICR-2026")],
        )
        .await;
    assert_eq!(refused.status, 422);
    assert_eq!(
        refused.text("#kind-error"),
        "Diese Art passt nicht hierher: Teilnahme und Mitwirkung gehören zu Veranstaltungen, Pitch, Platzierung und Jury zu Calls."
    );
    assert_eq!(
        app.count("select count(*) from certificate_templates")
            .await,
        0
    );

    // Placement: the default texts, the place as the title.
    let created = page_client
        .submit(
            &list,
            "#new-template form",
            &[
                ("kind", "placement"),
                ("title_de", "{placement}"),
                ("title_en", "{placement}"),
                ("signatory1_name", "Dr. Anna Schäfer"),
                ("serial_prefix", "ICR-2026"),
            ],
        )
        .await;
    assert_eq!(created.status, 200, "{}", created.text("main"));
    let placement = template_id(&created);
    assert_eq!(
        created.text(".recipients"),
        "Nach dem jetzigen Stand erhalten 3 Personen eine Urkunde."
    );
    let started = page_client
        .submit(&created, "#issue form", &[("send_mail", "1")])
        .await;
    let job = finished_job(&app, &page_client, &started.url).await;
    assert_eq!(
        job.text(".progress-text"),
        "3 von 3 bearbeitet, davon 3 neu ausgestellt."
    );
    app.drain_outbox().await;
    let issued: Vec<(i64, String, Option<i64>, String, String, String)> = sqlx::query_as(
        "select id, recipient_name, account_id, recipient_email, language, facts \
         from certificates where template_id = $1 order by serial",
    )
    .bind(placement)
    .fetch_all(&app.db)
    .await
    .unwrap();
    let who: Vec<(&str, bool, &str)> = issued
        .iter()
        .map(|r| (r.1.as_str(), r.2.is_some(), r.4.as_str()))
        .collect();
    assert_eq!(
        who,
        [
            ("Paul Adler", true, "en"),
            ("Jürgen Größe-Weiß", false, "de"),
            ("Lina Sortmann", true, "de"),
        ],
        "first place first, then the members of second place"
    );
    let facts: Value = serde_json::from_str(&issued[0].5).unwrap();
    assert_eq!(facts["placement"], 1);
    assert_eq!(facts["submission"], ENTRIES[1].0);
    for (cert, email, says) in [
        (
            issued[0].0,
            "paul@aquila.example",
            vec![
                "1st place".to_string(),
                format!(
                    "won 1st place in {CALL_EN} with the project “{}”.",
                    ENTRIES[1].0
                ),
            ],
        ),
        (
            issued[1].0,
            "jg@sortwerk.example",
            vec![
                "2. Platz".to_string(),
                format!(
                    "hat mit dem Projekt „{}“ beim {CALL_DE} den 2. Platz belegt.",
                    ENTRIES[0].0
                ),
            ],
        ),
        (
            issued[2].0,
            "lina@sortwerk.example",
            vec!["2. Platz".to_string(), "Lina Sortmann".to_string()],
        ),
    ] {
        let pdf = get_bytes(&page_client, &format!("/orga/certificates/{cert}/pdf")).await;
        let text = sound_pdf(&pdf.bytes);
        for needle in &says {
            assert!(
                text.contains(needle.as_str()),
                "{email}: {needle:?} missing:\n{text}"
            );
        }
        assert_inside_page(&pdf.bytes, false);
        let mail = app
            .mail
            .to(email)
            .into_iter()
            .find(|m| m.subject.contains("Urkunde") || m.subject.contains("certificate"))
            .unwrap_or_else(|| panic!("a certificate for {email}"));
        let title = if email.starts_with("paul") {
            format!("Your certificate: 1st place – {CALL_EN}")
        } else {
            format!("Ihre Urkunde: 2. Platz – {CALL_DE}")
        };
        assert_eq!(mail.subject, title, "the title as the certificate shows it");
        let files = attachments(&mail);
        assert_eq!(files.len(), 1, "{email}");
        let attached = sound_pdf(&files[0].2);
        assert!(attached.contains(says[0].as_str()), "{email}: {attached}");
    }
    assert_eq!(
        mails_to(&app, "greta@ruhrwaerme.example", "Ihre Urkunde"),
        0
    );
    // The recipients' lists show the title as the certificate does.
    let lina = app.signed_in("lina@sortwerk.example", "de").await;
    let mine = lina.get("/me/certificates").await;
    assert_eq!(mine.texts("#certificates .card h2"), ["2. Platz"]);
    let paul_id = app
        .actor(placed_account(&app, "paul@aquila.example").await)
        .await;
    let paul = token(&app, &paul_id).await;
    let (_, pauls) = api.get(&paul, "/me/certificates").await;
    assert_eq!(pauls[0]["title"], "1st place", "{pauls}");
    // The verify page says what for: the call, the project and the place.
    let code: String = sqlx::query_scalar("select code from certificates where id = $1")
        .bind(issued[2].0)
        .fetch_one(&app.db)
        .await
        .unwrap();
    let verify = app.client("de").get(&format!("/verify/{code}")).await;
    assert_eq!(verify.status, 200);
    assert_eq!(
        verify.text("#certificate .title"),
        "2. Platz",
        "the title as the certificate shows it"
    );
    assert_eq!(
        verify.text("#certificate .for"),
        format!("{CALL_DE}, 20. November 2026 {} 2. Platz", ENTRIES[0].0)
    );

    // Jury service, created through the API: Lea finished, Jan did not.
    let (status, jury) = api
        .post(
            &orga,
            &format!("/calls/{CALL}/certificate-templates"),
            json!({
                "kind": "jury", "title_de": "Dank für die Jurytätigkeit",
                "title_en": "Thank you for serving on the jury",
                "body_de": "hat als Jurorin oder Juror beim {event} mitgewirkt.",
                "body_en": "served on the jury of {event}.",
                "serial_prefix": "ICR-JURY-2026",
            }),
        )
        .await;
    assert_eq!(status, 201, "{jury}");
    assert!(jury["call_id"].is_i64() && jury["event_id"].is_null());
    let (status, wrong) = api
        .post(
            &orga,
            &format!("/calls/{CALL}/certificate-templates"),
            template_body(json!({ "serial_prefix": "X" })),
        )
        .await;
    assert_eq!(status, 422, "attendance for a call: {wrong}");
    assert!(fields(&wrong).contains_key("kind"));
    let jury_id = jury["id"].as_i64().unwrap();
    let (_, job) = api
        .post(
            &orga,
            &format!("/certificate-templates/{jury_id}/issue"),
            json!({}),
        )
        .await;
    let job = api.finished(&app, &orga, job["id"].as_i64().unwrap()).await;
    assert_eq!(
        (&job["total"], &job["issued"]),
        (&json!(1), &json!(1)),
        "{job}"
    );
    let (_, certs) = api
        .get(
            &orga,
            &format!("/certificate-templates/{jury_id}/certificates"),
        )
        .await;
    assert_eq!(certs.as_array().unwrap().len(), 1);
    assert_eq!(certs[0]["recipient_name"], "Lea Brandt");
    assert_eq!(certs[0]["serial"], "ICR-JURY-2026-0001");
    assert!(certs[0]["emailed_at"].is_null(), "issued without mail");
    let (_, leas) = api.get(lea, "/me/certificates").await;
    assert_eq!(leas.as_array().unwrap().len(), 1);
    let pdf = api
        .bytes(
            Some(lea),
            &format!("/me/certificates/{}/pdf", certs[0]["id"]),
        )
        .await;
    let text = sound_pdf(&pdf.bytes);
    assert!(
        text.contains(&format!(
            "hat als Jurorin oder Juror beim {CALL_DE} mitgewirkt."
        )),
        "{text}"
    );
    let (_, jans) = api.get(jan, "/me/certificates").await;
    assert_eq!(jans, json!([]));
}
