//! The role × route matrix: every page (read from the `routes.rs` files) and every API
//! operation (read from the OpenAPI document), asked by each kind of person about one
//! organisation's event and call. It fails on any leak:
//!
//! - organiser pages of the event and call answer their organisers (the owning organisation's,
//!   a co-organiser, an administrator) and refuse everyone else (403/404), sending visitors to
//!   sign in; administrators' pages answer administrators only;
//! - an organiser of *another* organisation is a nobody here: for every page and operation that
//!   names the event, the call or one of their records, they get exactly what a signed-in
//!   person without any role gets, reading and writing;
//! - private texts (a draft's title, a call's mail text, a participant's address, an entry's
//!   title) never appear in an answer to someone who may not read them.

use std::collections::BTreeSet;

use convene::account::{Role, Scope};
use convene_tests::{Client, TestApp};
use serde_json::{Value, json};

/// A draft event of the owning organisation: only its organisers may read its title.
const DRAFT: &str = "Kanarienvogel-Entwurf";
/// The call's text for confirmation mails: its organisers only.
const MAIL: &str = "Kanarienvogel-Post";
/// A participant's address: organisers, door staff and herself.
const PERSON: &str = "zora.zaunkoenig@example.org";
/// An entry's title: the call's organisers, its jury and its team.
const ENTRY: &str = "Kanarienvogel-Einreichung";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    Owner,
    CoOrganiser,
    Admin,
    Other,
    Nobody,
    Participant,
    Submitter,
    Juror,
    Checkin,
    Anonymous,
}

const EVERYONE: [Who; 10] = [
    Who::Owner,
    Who::CoOrganiser,
    Who::Admin,
    Who::Other,
    Who::Nobody,
    Who::Participant,
    Who::Submitter,
    Who::Juror,
    Who::Checkin,
    Who::Anonymous,
];

impl Who {
    fn email(self) -> &'static str {
        match self {
            Who::Owner => "henrik@bmr.example",
            Who::CoOrganiser => "petra@partner.example",
            Who::Admin => "admin@example.org",
            Who::Other => "miriam@nrw.example",
            Who::Nobody => "niemand@example.org",
            Who::Participant => PERSON,
            Who::Submitter => "sven@startup.example",
            Who::Juror => "jula@uni.example",
            Who::Checkin => "tom@einlass.example",
            Who::Anonymous => "",
        }
    }

    /// Organises the event and the call.
    fn organises(self) -> bool {
        matches!(self, Who::Owner | Who::CoOrganiser | Who::Admin)
    }

    /// May read `canary`.
    fn may_read(self, canary: &str) -> bool {
        match canary {
            DRAFT => matches!(self, Who::Owner | Who::Admin),
            MAIL => self.organises(),
            PERSON => self.organises() || matches!(self, Who::Participant | Who::Checkin),
            ENTRY => self.organises() || matches!(self, Who::Submitter | Who::Juror),
            _ => unreachable!(),
        }
    }
}

/// Everything the matrix asks about, arranged through the services.
async fn arrange(app: &TestApp) {
    let admin = app
        .actor(app.account(Who::Admin.email(), "Sabine Admin", true).await)
        .await;
    for name in ["Business Metropole Ruhr", "NRW.innovativ"] {
        let input = convene::organisation::service::OrganisationInput {
            name: name.into(),
            kind: "agency".into(),
            ..Default::default()
        };
        convene::organisation::service::create(&app.state, &admin, &input)
            .await
            .unwrap();
    }
    let org = |slug: &'static str| async move {
        let mut conn = app.db.acquire().await.unwrap();
        convene::organisation::queries::find_by_slug(&mut conn, slug)
            .await
            .unwrap()
            .unwrap()
    };
    let bmr = org("business-metropole-ruhr").await;
    let nrw = org("nrw-innovativ").await;
    let mut people = Vec::new();
    for who in EVERYONE
        .iter()
        .filter(|w| **w != Who::Admin && **w != Who::Anonymous)
    {
        let name = match who {
            Who::Participant => "Zora Zaunkönig".to_string(),
            other => format!("{other:?} Person"),
        };
        people.push((*who, app.account(who.email(), &name, false).await));
    }
    let id = |w: Who| people.iter().find(|(p, _)| *p == w).unwrap().1;
    let mut tx = convene::db::begin_write(&app.db).await.unwrap();
    for (who, org) in [(Who::Owner, bmr), (Who::Other, nrw)] {
        convene::account::queries::insert_grant(
            &mut tx,
            id(who),
            Role::Organiser,
            Scope::Org(org.0),
            None,
            app.clock.now(),
        )
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
    let owner = app.actor(id(Who::Owner)).await;
    let other = app.actor(id(Who::Other)).await;

    // The owner's published event with a room, a session, open registration and a template.
    app.event(&owner, "x-event").await;
    app.room(&owner, "x-event", "Saal 1").await;
    let settings = convene::registration::service::SettingsInput {
        capacity: Some(50),
        closes_at: "2026-11-07T18:00".into(),
        ..Default::default()
    };
    convene::registration::service::configure(&app.state, &owner, "x-event", &settings)
        .await
        .unwrap();
    let zora = app.actor(id(Who::Participant)).await;
    convene::registration::service::register(
        &app.state,
        &zora,
        "x-event",
        &convene::registration::service::RegisterInput::default(),
    )
    .await
    .unwrap();
    let template = convene::certificate::model::TemplateInput {
        kind: "attendance".into(),
        title_de: "Teilnahmebescheinigung".into(),
        title_en: "Certificate of attendance".into(),
        body_de: "hat teilgenommen".into(),
        body_en: "attended".into(),
        serial_prefix: "BMR".into(),
        ..Default::default()
    };
    let event = convene::event::service::for_organiser(&app.state, &owner, "x-event")
        .await
        .unwrap();
    convene::certificate::service::create(
        &app.state,
        &owner,
        convene::certificate::model::Owner::Event(event.id),
        &template,
    )
    .await
    .unwrap();
    // A draft of the owner's, and the other organisation's own event.
    let draft = convene::event::model::EventInput {
        slug: "x-draft".into(),
        title_de: DRAFT.into(),
        title_en: DRAFT.into(),
        starts_on: "2026-12-01".into(),
        ends_on: "2026-12-01".into(),
        ..Default::default()
    };
    convene::event::service::create(&app.state, &owner, &draft)
        .await
        .unwrap();
    app.event(&other, "y-event").await;

    // The owner's published call with a mail text, an entry and a jury round.
    let call = convene::call::model::CallInput {
        slug: "x-call".into(),
        title_de: "InnovationCall Metropole Ruhr".into(),
        title_en: "InnovationCall Ruhr Metropolis".into(),
        timezone: "Europe/Berlin".into(),
        opens_at: "2026-10-15T09:00".into(),
        deadline: "2026-11-15T12:00".into(),
        mail_submitted_de: MAIL.into(),
        ..Default::default()
    };
    let call = convene::call::service::create(&app.state, &owner, &call)
        .await
        .unwrap();
    convene::call::service::set_published(&app.state, &owner, "x-call", true, false)
        .await
        .unwrap();
    sqlx::query(
        "insert into submissions (call_id, account_id, status, title, abstract, organisation, \
         submitted_at, created_at, updated_at) values ($1, $2, 'submitted', $3, 'Kurz', 'Start-up', $4, $4, $4)",
    )
    .bind(call.id)
    .bind(id(Who::Submitter).0)
    .bind(ENTRY)
    .bind(app.clock.now())
    .execute(&app.db)
    .await
    .unwrap();
    let round = convene::jury::model::RoundInput {
        name_de: "Vorauswahl".into(),
        name_en: "Preselection".into(),
        kind: "online".into(),
        entrants: "in_review".into(),
        per_submission: Some(1),
        others_scores: "never".into(),
        opens_at: "2026-11-16T09:00".into(),
        closes_at: "2026-11-20T09:00".into(),
        ..Default::default()
    };
    convene::jury::service::create_round(&app.state, &owner, "x-call", &round)
        .await
        .unwrap();
    convene::jury::service::invite_juror(
        &app.state,
        &owner,
        "x-call",
        Who::Juror.email(),
        "",
        &[],
        convene_frontend::Lang::De,
    )
    .await
    .unwrap();

    // The team: a co-organiser of both, door staff of the event.
    use convene::team::service::{PlaceKind, invite};
    let de = convene_frontend::Lang::De;
    let co = Who::CoOrganiser.email();
    for (kind, slug) in [(PlaceKind::Event, "x-event"), (PlaceKind::Call, "x-call")] {
        invite(&app.state, &owner, kind, slug, co, "", "organiser", de)
            .await
            .unwrap();
    }
    invite(
        &app.state,
        &owner,
        PlaceKind::Event,
        "x-event",
        Who::Checkin.email(),
        "",
        "checkin",
        de,
    )
    .await
    .unwrap();
}

/// The page URL templates of every `routes.rs` (`"/orga/events/:slug"`, …).
fn page_paths() -> BTreeSet<String> {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../backend/src");
    let mut files = vec![src.join("routes.rs")];
    for dir in std::fs::read_dir(&src).unwrap() {
        let routes = dir.unwrap().path().join("routes.rs");
        if routes.is_file() {
            files.push(routes);
        }
    }
    let mut out = BTreeSet::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for piece in text.split('"').skip(1).step_by(2) {
            if piece.starts_with('/') && !piece.contains(' ') && !piece.starts_with("/api") {
                out.insert(piece.to_string());
            }
        }
    }
    assert!(out.len() > 100, "found only {} page paths", out.len());
    out
}

/// A path template (`/orga/events/:slug` or `/events/{slug}`) with its parameters filled in
/// for the owner's event and call (`None` when it has no parameters: it is not about them).
fn fill(template: &str) -> Option<String> {
    let thing = if template.contains("/calls/") || template.contains("/submissions") {
        "x-call"
    } else {
        "x-event"
    };
    let mut out = String::new();
    let mut any = false;
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        if c != ':' && c != '{' {
            out.push(c);
            continue;
        }
        any = true;
        let mut name = String::new();
        while let Some(&n) = chars.peek() {
            if n.is_ascii_alphanumeric() || n == '_' {
                name.push(n);
                chars.next();
            } else {
                break;
            }
        }
        if c == '{' {
            chars.next();
        }
        out.push_str(match name.as_str() {
            "slug" => thing,
            "code" if template.starts_with("/lang") => "en",
            "file" if template.starts_with("/static") => "app.css",
            "code" | "token" | "file" => "nope",
            _ => "1",
        });
    }
    any.then_some(out)
}

/// An organiser page of the owner's event or call.
fn organisers_page(path: &str) -> bool {
    path.starts_with("/orga/events/x-event")
        || path.starts_with("/orga/calls/x-call")
        || path.starts_with("/orga/certificates/")
}

/// A value the schema accepts in form (not necessarily one the server accepts).
fn sample(doc: &Value, schema: &Value) -> Value {
    let mut schema = schema;
    loop {
        if let Some(r) = schema["$ref"].as_str() {
            schema = &doc["components"]["schemas"][r.rsplit('/').next().unwrap()];
        } else if let Some([only]) = schema["allOf"].as_array().map(Vec::as_slice) {
            schema = only;
        } else {
            break;
        }
    }
    if let Some(first) = schema["enum"].as_array().and_then(|e| e.first()) {
        return first.clone();
    }
    match schema["type"].as_str() {
        Some("object") => {
            let mut out = serde_json::Map::new();
            let required: Vec<&str> = schema["required"]
                .as_array()
                .map(|r| r.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            for (name, inner) in schema["properties"].as_object().into_iter().flatten() {
                if required.contains(&name.as_str()) {
                    out.insert(name.clone(), sample(doc, inner));
                }
            }
            Value::Object(out)
        }
        Some("array") => json!([]),
        Some("integer") => json!(1),
        Some("number") => json!(1.0),
        Some("boolean") => json!(false),
        Some("string") => match schema["format"].as_str() {
            Some("date") => json!("2026-11-08"),
            Some("date-time") => json!("2026-11-08T10:00:00Z"),
            _ => json!("matrix-test"),
        },
        _ => json!({}),
    }
}

struct Answer {
    status: u16,
    url: String,
    body: String,
}

async fn page(client: &Client, path: &str) -> Answer {
    let p = client.get(path).await;
    let url = reqwest::Url::parse(&p.url).unwrap();
    Answer {
        status: p.status,
        url: url.path().to_string(),
        body: p.body,
    }
}

async fn call_api(
    app: &TestApp,
    http: &reqwest::Client,
    token: Option<&str>,
    method: &str,
    path: &str,
    body: Option<&Value>,
) -> Answer {
    let mut req = http.request(method.parse().unwrap(), app.url(&format!("/api/v1{path}")));
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    if let Some(b) = body {
        req = req.json(b);
    }
    let resp = req.send().await.unwrap();
    let status = resp.status().as_u16();
    Answer {
        status,
        url: path.to_string(),
        body: resp.text().await.unwrap_or_default(),
    }
}

fn leaks(who: Who, body: &str) -> Vec<&'static str> {
    [DRAFT, MAIL, PERSON, ENTRY]
        .into_iter()
        .filter(|c| !who.may_read(c) && body.contains(c))
        .collect()
}

#[tokio::test]
async fn no_page_or_operation_leaks_across_roles_and_organisations() {
    let app = TestApp::spawn().await;
    arrange(&app).await;
    let mut clients = Vec::new();
    let mut tokens = Vec::new();
    for who in EVERYONE {
        if who == Who::Anonymous {
            clients.push((who, app.client("de")));
            tokens.push((who, None));
            continue;
        }
        clients.push((who, app.signed_in(who.email(), "de").await));
        let id = convene::ids::AccountId(
            sqlx::query_scalar("select id from accounts where email = $1")
                .bind(who.email())
                .fetch_one(&app.db)
                .await
                .unwrap(),
        );
        let token = convene::account::service::create_api_token(
            &app.state,
            &app.actor(id).await,
            "m",
            None,
        )
        .await
        .unwrap()
        .1;
        tokens.push((who, Some(token)));
    }
    let mut failures = Vec::new();

    // Pages.
    let mut asked = 0;
    for template in page_paths() {
        let filled = fill(&template);
        let path = filled.clone().unwrap_or_else(|| template.clone());
        if path.contains(':') {
            continue;
        }
        let mut answers = Vec::new();
        for (who, client) in &clients {
            let a = page(client, &path).await;
            asked += 1;
            for leak in leaks(*who, &a.body) {
                failures.push(format!("{who:?} reads {leak:?} on GET {path}"));
            }
            answers.push((*who, a));
        }
        let of = |w: Who| &answers.iter().find(|(x, _)| *x == w).unwrap().1;
        let post_only = of(Who::Owner).status == 405;
        if organisers_page(&path) && !post_only {
            for (who, a) in &answers {
                let signin = a.url == "/signin";
                let ok = match who {
                    Who::Anonymous => signin,
                    w if w.organises() => a.status != 403 && !signin,
                    // Door staff follow the live counts (numbers only) at their desk.
                    Who::Checkin if path.ends_with("/registrations/live.json") => a.status == 200,
                    _ => matches!(a.status, 403 | 404),
                };
                if !ok {
                    failures.push(format!(
                        "{who:?} gets {} ({}) on GET {path}",
                        a.status, a.url
                    ));
                }
            }
        }
        if path.starts_with("/admin") && !post_only {
            for (who, a) in &answers {
                let ok = match who {
                    Who::Anonymous => a.url == "/signin",
                    Who::Admin => a.status == 200,
                    _ => a.status == 403,
                };
                if !ok {
                    failures.push(format!("{who:?} gets {} on GET {path}", a.status));
                }
            }
        }
        if filled.is_some() {
            let (o, n) = (of(Who::Other), of(Who::Nobody));
            if (o.status, &o.url) != (n.status, &n.url) {
                failures.push(format!(
                    "another organisation's organiser gets {} ({}) where a nobody gets {} ({}) on GET {path}",
                    o.status, o.url, n.status, n.url
                ));
            }
        }
    }

    // The API: every operation.
    let http = reqwest::Client::new();
    let doc = convene_tests::get_json(&http, app.url("/api/openapi.json")).await;
    let mut operations = 0;
    for (template, item) in doc["paths"].as_object().unwrap() {
        let Some(path) = fill(template) else {
            // Not about the owner's event or call: read it for leaks only.
            if item.get("get").is_some() {
                for (who, token) in &tokens {
                    let a = call_api(&app, &http, token.as_deref(), "GET", template, None).await;
                    for leak in leaks(*who, &a.body) {
                        failures.push(format!("{who:?} reads {leak:?} in GET {template}"));
                    }
                }
            }
            continue;
        };
        for (method, op) in item.as_object().unwrap() {
            let method = method.to_uppercase();
            if !["GET", "POST", "PUT", "PATCH", "DELETE"].contains(&method.as_str()) {
                continue;
            }
            operations += 1;
            let body = op["requestBody"]["content"]["application/json"]["schema"]
                .as_object()
                .map(|s| sample(&doc, &Value::Object(s.clone())));
            let token = |w: Who| tokens.iter().find(|(x, _)| *x == w).unwrap().1.clone();
            if method == "GET" {
                for (who, t) in &tokens {
                    let a = call_api(&app, &http, t.as_deref(), "GET", &path, None).await;
                    for leak in leaks(*who, &a.body) {
                        failures.push(format!("{who:?} reads {leak:?} in GET {path}"));
                    }
                }
            }
            // A nobody first (what they may do, the other organiser may do too), then the
            // other organisation's organiser.
            let n = call_api(
                &app,
                &http,
                token(Who::Nobody).as_deref(),
                &method,
                &path,
                body.as_ref(),
            )
            .await;
            let o = call_api(
                &app,
                &http,
                token(Who::Other).as_deref(),
                &method,
                &path,
                body.as_ref(),
            )
            .await;
            if o.status != n.status {
                failures.push(format!(
                    "another organisation's organiser gets {} where a nobody gets {} on {method} {path}: {}",
                    o.status, n.status, o.body
                ));
            }
        }
    }
    assert!(asked > 1000, "asked {asked} pages");
    assert!(operations > 100, "asked {operations} operations");
    assert!(
        failures.is_empty(),
        "{} leaks:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
