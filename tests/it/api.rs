//! The JSON API: documentation, authentication by token or session, problem JSON errors.

use convene_tests::TestApp;
use serde_json::json;

/// The API is documented: the OpenAPI document lists the operations, the interactive
/// documentation page is served.
#[tokio::test]
async fn the_api_is_documented() {
    let app = TestApp::spawn().await;
    let client = app.client("en");

    let spec = client.get("/api/openapi.json").await;
    let docs = client.get("/api/docs").await;

    assert_eq!(spec.status, 200);
    let spec = spec.json();
    assert_eq!(spec["info"]["title"], "convene");
    for path in [
        "/me",
        "/me/tokens",
        "/me/tokens/{id}",
        "/accounts",
        "/accounts/{id}/roles",
        "/organisations",
    ] {
        assert!(spec["paths"].get(path).is_some(), "{path} is documented");
    }
    assert!(
        spec["components"]["securitySchemes"]
            .get("TokenAuth")
            .is_some()
    );
    // Bodies are read strictly, optional properties may be null, and public operations that
    // answer a signed-in caller more say so.
    let track = &spec["components"]["schemas"]["TrackInputBody"];
    assert_eq!(track["additionalProperties"], false);
    assert_eq!(track["properties"]["name_en"]["nullable"], true);
    assert!(track["properties"]["name_de"].get("nullable").is_none());
    assert_eq!(
        spec["paths"]["/events/{slug}"]["get"]["security"],
        json!([{}, {"TokenAuth": []}, {"SessionAuth": []}])
    );
    assert!(
        spec["paths"]["/verify/{code}"]["get"]
            .get("security")
            .is_none()
    );
    // What the layers before an operation answer is listed too.
    let create = &spec["paths"]["/events"]["post"]["responses"];
    for status in ["413", "414", "415"] {
        assert!(create.get(status).is_some(), "{status}");
    }
    assert!(
        spec["paths"]["/events"]["get"]["responses"]
            .get("415")
            .is_none()
    );
    // The value rules the server keeps are stated on the properties.
    let call = &spec["components"]["schemas"]["CallInput"]["properties"];
    assert_eq!(call["slug"]["maxLength"], 60);
    assert_eq!(
        (
            &call["abstract_max"]["minimum"],
            &call["abstract_max"]["maximum"]
        ),
        (&json!(100), &json!(10000))
    );
    let zones = call["timezone"]["enum"].as_array().unwrap();
    assert!(zones.contains(&json!("Europe/Berlin")) && zones.contains(&json!("")));
    assert!(
        zones.contains(&json!(null)),
        "optional, so null is one of its values"
    );
    assert_eq!(
        spec["components"]["schemas"]["ProfileBody"]["properties"]["language"]["enum"],
        json!(["de", "en"])
    );
    assert_eq!(docs.status, 200);
    assert!(docs.body.contains("swagger"), "the docs page is Swagger UI");
}

/// Without credentials `/api/v1/me` answers 401 problem JSON in the caller's language; with a
/// token created on the tokens page it answers with the caller; once revoked, the token is
/// refused.
#[tokio::test]
async fn personal_api_tokens_authenticate_until_revoked() {
    let app = TestApp::spawn().await;
    app.account("ada@example.org", "Ada Lovelace", false).await;
    let anonymous = app.client("de");

    let refused = anonymous.get("/api/v1/me").await;
    assert_eq!(refused.status, 401);
    assert_eq!(refused.header("content-type"), "application/problem+json");
    let problem = refused.json();
    assert_eq!(problem["status"], 401);
    assert_eq!(problem["code"], "error-unauthenticated");
    assert_eq!(problem["detail"], "Dafür müssen Sie eingeloggt sein.");

    let browser = app.signed_in("ada@example.org", "en").await;
    let page = browser.get("/me/tokens").await;
    let created = browser
        .submit(
            &page,
            "form[action='/me/tokens']",
            &[("name", "Agenda export")],
        )
        .await;
    let secret = created.text("#new-token");
    assert!(secret.starts_with("cvn_"), "{secret}");
    assert_eq!(
        created.texts("#tokens tbody td:first-child"),
        ["Agenda export"]
    );
    assert_eq!(
        app.count("select count(*) from api_tokens where token_hash <> ''")
            .await,
        1
    );
    let stored: String = sqlx::query_scalar("select token_hash from api_tokens")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_ne!(stored, secret, "only a hash is stored");

    let script = reqwest::Client::new();
    let me = script
        .get(app.url("/api/v1/me"))
        .bearer_auth(&secret)
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), 200);
    let me: serde_json::Value = me.json().await.unwrap();
    assert_eq!(me["email"], "ada@example.org");
    assert_eq!(me["name"], "Ada Lovelace");
    assert_eq!(me["roles"], json!([]));

    // The session cookie works for the API too.
    let via_cookie = browser.get("/api/v1/me").await;
    assert_eq!(via_cookie.json()["email"], "ada@example.org");

    let listed = browser.get("/me/tokens").await;
    browser.submit(&listed, "#tokens form", &[]).await;
    let after = script
        .get(app.url("/api/v1/me"))
        .bearer_auth(&secret)
        .send()
        .await
        .unwrap();
    assert_eq!(after.status(), 401);
    let problem: serde_json::Value = after.json().await.unwrap();
    assert_eq!(problem["code"], "error-invalid-token");
}

/// Tokens are created and revoked through the API as well; bad bodies get 400 or 422 problem
/// JSON that names the problem, never a 500.
#[tokio::test]
async fn the_api_creates_tokens_and_explains_bad_requests() {
    let app = TestApp::spawn().await;
    app.account("ada@example.org", "Ada Lovelace", false).await;
    let browser = app.signed_in("ada@example.org", "en").await;
    let http = &browser.http;

    let created = http
        .post(app.url("/api/v1/me/tokens"))
        .json(&json!({ "name": "CI", "expires_in_days": 30 }))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 201);
    let created: serde_json::Value = created.json().await.unwrap();
    let secret = created["secret"].as_str().unwrap().to_string();

    let empty_name = http
        .post(app.url("/api/v1/me/tokens"))
        .json(&json!({ "name": " " }))
        .send()
        .await
        .unwrap();
    assert_eq!(empty_name.status(), 422);
    let body: serde_json::Value = empty_name.json().await.unwrap();
    assert_eq!(
        body["fields"]["name"],
        json!(["Geben Sie einen Namen für den Token ein"])
    );

    let malformed = http
        .post(app.url("/api/v1/me/tokens"))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(malformed.status(), 400);
    let body: serde_json::Value = malformed.json().await.unwrap();
    assert_eq!(body["code"], "error-bad-request");

    let listed: serde_json::Value = reqwest::Client::new()
        .get(app.url("/api/v1/me/tokens"))
        .bearer_auth(&secret)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(listed[0]["name"], "CI");

    let id = created["id"].as_i64().unwrap();
    let revoked = http
        .delete(app.url(&format!("/api/v1/me/tokens/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(revoked.status(), 200);
    let again = http
        .delete(app.url(&format!("/api/v1/me/tokens/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 404);

    let unknown = http
        .get(app.url("/api/v1/nothing-here"))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), 404);
    assert_eq!(
        unknown.headers()["content-type"],
        "application/problem+json"
    );
    // A path parameter that is not UTF-8 once decoded is refused by the router, before any
    // operation: still a problem in the API's shape.
    let not_utf8 = http
        .get(app.url("/api/v1/events/%FF%FE"))
        .send()
        .await
        .unwrap();
    assert_eq!(not_utf8.status(), 400);
    assert_eq!(
        not_utf8.headers()["content-type"],
        "application/problem+json"
    );
    let body: serde_json::Value = not_utf8.json().await.unwrap();
    assert_eq!(body["code"], "error-bad-request");
    // A body in a media type the operation does not read: 415.
    let text = http
        .post(app.url("/api/v1/me/tokens"))
        .header("content-type", "text/plain")
        .header("x-requested-with", "test")
        .body("CI")
        .send()
        .await
        .unwrap();
    assert_eq!(text.status(), 415);
    let body: serde_json::Value = text.json().await.unwrap();
    assert_eq!(body["code"], "error-unsupported-media-type", "{body}");
}

/// Administrators manage roles and organisations through the API; others get 403.
#[tokio::test]
async fn the_admin_api_is_for_administrators() {
    let app = TestApp::spawn().await;
    app.account("admin@example.org", "Sarah Admin", true).await;
    let ada = app.account("ada@example.org", "Ada Lovelace", false).await;
    let admin = app.signed_in("admin@example.org", "en").await;
    let participant = app.signed_in("ada@example.org", "en").await;

    let forbidden = participant
        .http
        .get(app.url("/api/v1/accounts"))
        .send()
        .await
        .unwrap();
    assert_eq!(forbidden.status(), 403);

    let granted = admin
        .http
        .post(app.url(&format!("/api/v1/accounts/{ada}/roles")))
        .json(&json!({ "role": "juror", "scope": "site" }))
        .send()
        .await
        .unwrap();
    assert_eq!(granted.status(), 201);
    let grant: serde_json::Value = granted.json().await.unwrap();
    assert_eq!(grant["role"], "juror");

    let bad = admin
        .http
        .post(app.url(&format!("/api/v1/accounts/{ada}/roles")))
        .json(&json!({ "role": "emperor", "scope": "galaxy" }))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 422);
    let bad: serde_json::Value = bad.json().await.unwrap();
    assert_eq!(
        bad["fields"]["role"],
        json!(["Wählen Sie eine Rolle aus der Liste"])
    );
    assert_eq!(
        bad["fields"]["scope"],
        json!(["Wählen Sie einen Geltungsbereich aus der Liste"])
    );

    let accounts: serde_json::Value = admin
        .http
        .get(app.url("/api/v1/accounts?q=ada"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(accounts.as_array().unwrap().len(), 1);
    assert_eq!(accounts[0]["roles"][0]["role"], "juror");

    let org = admin
        .http
        .post(app.url("/api/v1/organisations"))
        .json(&json!({ "name": "ruhr:HUB", "kind": "network", "city": "Essen" }))
        .send()
        .await
        .unwrap();
    assert_eq!(org.status(), 201);
    let org: serde_json::Value = org.json().await.unwrap();
    assert_eq!(org["slug"], "ruhr-hub");

    let gid = grant["id"].as_i64().unwrap();
    let revoked = admin
        .http
        .delete(app.url(&format!("/api/v1/accounts/{ada}/roles/{gid}")))
        .send()
        .await
        .unwrap();
    assert_eq!(revoked.status(), 200);
    assert_eq!(
        app.count("select count(*) from role_grants where role = 'juror'")
            .await,
        0
    );
}

/// Tokens made on the page expire (90 days unless chosen otherwise) and may be read-only: such
/// a token reads, but every write gets 403. A token cannot create tokens. Use is recorded at
/// most once a minute.
#[tokio::test]
async fn tokens_expire_have_scopes_and_cannot_make_tokens() {
    let app = TestApp::spawn().await;
    app.account("ada@example.org", "Ada Lovelace", false).await;
    let browser = app.signed_in("ada@example.org", "en").await;
    let page = browser.get("/me/tokens").await;
    assert_eq!(
        page.attr("#expires_in_days option[selected]", "value")
            .as_deref(),
        Some("90")
    );
    assert_eq!(
        page.attr("#access option[selected]", "value").as_deref(),
        Some("read")
    );
    let created = browser
        .submit(&page, "form[action='/me/tokens']", &[("name", "Dashboard")])
        .await;
    let reader = created.text("#new-token");
    // The page speaks the account's language (German).
    assert_eq!(
        created.texts("#tokens tbody td:nth-child(5)"),
        ["Nur lesen"]
    );
    assert_eq!(
        created.text("#tokens tbody td:nth-child(4)"),
        "30.01.2027, 10:00 MEZ",
        "90 days after 1 Nov 2026, 10:00"
    );
    let bad = browser
        .submit(
            &page,
            "form[action='/me/tokens']",
            &[("name", "Forever"), ("expires_in_days", "100000")],
        )
        .await;
    assert_eq!(bad.status, 422);
    assert_eq!(
        bad.text("#expires_in_days-error"),
        "Wählen Sie eine Gültigkeit zwischen 1 und 365 Tagen"
    );

    let script = reqwest::Client::new();
    let read = script
        .get(app.url("/api/v1/me"))
        .bearer_auth(&reader)
        .send()
        .await
        .unwrap();
    assert_eq!(read.status(), 200);
    let write = script
        .put(app.url("/api/v1/me"))
        .bearer_auth(&reader)
        .json(&json!({ "name": "Mallory", "language": "en" }))
        .send()
        .await
        .unwrap();
    assert_eq!(write.status(), 403);
    let problem: serde_json::Value = write.json().await.unwrap();
    assert_eq!(problem["code"], "error-token-read-only");
    assert_eq!(
        app.count("select count(*) from accounts where name = 'Ada Lovelace'")
            .await,
        1
    );

    // A read-write token made through the API (with the session) writes, but makes no tokens.
    let made: serde_json::Value = browser
        .http
        .post(app.url("/api/v1/me/tokens"))
        .json(&json!({ "name": "Sync", "access": "read_write", "expires_in_days": 7 }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let writer = made["secret"].as_str().unwrap().to_string();
    let renamed = script
        .put(app.url("/api/v1/me"))
        .bearer_auth(&writer)
        .json(&json!({ "name": "Ada King", "language": "en" }))
        .send()
        .await
        .unwrap();
    assert_eq!(renamed.status(), 200);
    for (secret, code) in [
        (&reader, "error-token-read-only"),
        (&writer, "error-token-creates-token"),
    ] {
        let more = script
            .post(app.url("/api/v1/me/tokens"))
            .bearer_auth(secret)
            .json(&json!({ "name": "More", "access": "read_write" }))
            .send()
            .await
            .unwrap();
        assert_eq!(more.status(), 403);
        let problem: serde_json::Value = more.json().await.unwrap();
        assert_eq!(problem["code"], code);
    }
    assert_eq!(app.count("select count(*) from api_tokens").await, 2);

    // Last use is written once a minute at most.
    let last_used = || async {
        sqlx::query_scalar::<_, Option<chrono::DateTime<chrono::Utc>>>(
            "select last_used_at from api_tokens where name = 'Dashboard'",
        )
        .fetch_one(&app.db)
        .await
        .unwrap()
    };
    let first = last_used().await.expect("marked used");
    app.clock.advance(chrono::Duration::seconds(30));
    script
        .get(app.url("/api/v1/me"))
        .bearer_auth(&reader)
        .send()
        .await
        .unwrap();
    assert_eq!(last_used().await, Some(first));
    app.clock.advance(chrono::Duration::seconds(31));
    script
        .get(app.url("/api/v1/me"))
        .bearer_auth(&reader)
        .send()
        .await
        .unwrap();
    assert_eq!(last_used().await, Some(app.clock.now()));

    // Seven days on, the second token has expired; the first lives on.
    app.clock.advance(chrono::Duration::days(8));
    let expired = script
        .get(app.url("/api/v1/me"))
        .bearer_auth(&writer)
        .send()
        .await
        .unwrap();
    assert_eq!(expired.status(), 401);
    let alive = script
        .get(app.url("/api/v1/me"))
        .bearer_auth(&reader)
        .send()
        .await
        .unwrap();
    assert_eq!(alive.status(), 200);
    assert_eq!(
        alive.headers()["cache-control"],
        "private, no-store",
        "personal answers are not cached"
    );
}

/// A browser sends a cross-site POST without a body, or with `text/plain`, without asking
/// first; so a write authenticated by the session cookie needs a JSON body or
/// `X-Requested-With`. Token requests do not.
#[tokio::test]
async fn cookie_authenticated_api_writes_need_json_or_a_custom_header() {
    let app = TestApp::spawn().await;
    let ada = app.account("ada@example.org", "Ada Lovelace", false).await;
    let browser = app.signed_in("ada@example.org", "en").await;
    let (_, secret) = convene::account::service::create_api_token(
        &app.state,
        &app.actor(ada).await,
        "script",
        None,
    )
    .await
    .unwrap();
    let url = app.url("/api/v1/events/no-such-event/registration/accept");

    let bare = browser.http.post(&url).send().await.unwrap();
    let plain = browser
        .http
        .post(&url)
        .header("content-type", "text/plain")
        .body("{}")
        .send()
        .await
        .unwrap();
    for refused in [bare, plain] {
        assert_eq!(refused.status(), 403);
        let problem: serde_json::Value = refused.json().await.unwrap();
        assert_eq!(problem["code"], "error-csrf-api");
    }
    // With the header, or a token, the request reaches the operation (which finds no event).
    let own = browser
        .http
        .post(&url)
        .header("x-requested-with", "fetch")
        .send()
        .await
        .unwrap();
    assert_eq!(own.status(), 404);
    let token = reqwest::Client::new()
        .post(&url)
        .bearer_auth(&secret)
        .send()
        .await
        .unwrap();
    assert_eq!(token.status(), 404);
    // Reading needs nothing.
    assert_eq!(browser.get("/api/v1/me").await.status, 200);
}

/// A script's `Accept-Language` decides the language of the answers to its token; without one,
/// the account's language does. (Pages, and the API with the session cookie, keep the account's
/// choice over the browser's header.)
#[tokio::test]
async fn the_api_answers_in_the_language_asked_for_else_in_the_accounts() {
    let app = TestApp::spawn().await;
    let ada = app.account("ada@example.org", "Ada Lovelace", false).await;
    sqlx::query("update accounts set language = 'en' where id = $1")
        .bind(ada.0)
        .execute(&app.db)
        .await
        .unwrap();
    let (_, secret) = convene::account::service::create_api_token(
        &app.state,
        &app.actor(ada).await,
        "script",
        None,
    )
    .await
    .unwrap();
    let detail = |lang: Option<&'static str>| {
        let (url, secret) = (app.url("/api/v1/events/no-such-event"), secret.clone());
        async move {
            let mut req = reqwest::Client::new().get(url).bearer_auth(secret);
            if let Some(lang) = lang {
                req = req.header("accept-language", lang);
            }
            let resp = req.send().await.unwrap();
            assert_eq!(resp.status(), 404);
            let problem: serde_json::Value = resp.json().await.unwrap();
            problem["detail"].as_str().unwrap().to_string()
        }
    };
    let asked_de = detail(Some("de-DE,de;q=0.9,en;q=0.5")).await;
    let asked_en = detail(Some("en")).await;
    let account = detail(None).await;
    let anything = detail(Some("*")).await;
    assert_ne!(asked_de, asked_en);
    assert_eq!(
        account, asked_en,
        "without a header, the account's language (en)"
    );
    assert_eq!(
        anything, asked_en,
        "a header naming no language of ours leaves the account's"
    );

    // A page read with a German browser stays in the account's English.
    let page = app
        .signed_in("ada@example.org", "de")
        .await
        .get("/me")
        .await;
    assert_eq!(page.attr("html", "lang").as_deref(), Some("en"));
}

/// A known API address asked with a method it does not take answers 405 with `Allow` (read from
/// the OpenAPI document) and a problem naming both; an unknown address stays 404.
#[tokio::test]
async fn a_wrong_method_is_405_with_the_allowed_ones() {
    let app = TestApp::spawn().await;
    let http = reqwest::Client::new();
    let spec: serde_json::Value = http
        .get(app.url("/api/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let mut documented: Vec<String> = spec["paths"]["/events"]
        .as_object()
        .unwrap()
        .keys()
        .map(|m| m.to_uppercase())
        .chain(["HEAD".to_string()])
        .collect();
    documented.sort();

    let wrong = http
        .delete(app.url("/api/v1/events"))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 405);
    assert_eq!(
        wrong.headers()["allow"].to_str().unwrap(),
        documented.join(", ")
    );
    let problem: serde_json::Value = wrong.json().await.unwrap();
    assert_eq!(problem["code"], "error-method-not-allowed");
    assert_eq!(
        problem["detail"],
        format!(
            "This address does not take DELETE. Allowed: {}.",
            documented.join(", ")
        )
    );
    // A template with a parameter matches too; an unknown address is not found.
    let patch = http
        .patch(app.url("/api/v1/events/cmr-2026/registration/consents/7"))
        .send()
        .await
        .unwrap();
    assert_eq!(patch.status(), 405);
    assert_eq!(patch.headers()["allow"], "DELETE, PUT");
    let unknown = http
        .get(app.url("/api/v1/no/such/address"))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), 404);

    // Pages too: 405 with the methods the address takes, as a page in the visitor's language.
    for (method, path, allow) in [
        (reqwest::Method::DELETE, "/signin", "GET, HEAD, POST"),
        (reqwest::Method::POST, "/events", "GET, HEAD"),
        (reqwest::Method::PUT, "/calls", "GET, HEAD"),
    ] {
        let wrong = http
            .request(method.clone(), app.url(path))
            .header("accept-language", "en")
            .send()
            .await
            .unwrap();
        assert_eq!(wrong.status(), 405, "{method} {path}");
        assert_eq!(wrong.headers()["allow"], allow, "{method} {path}");
        let page = wrong.text().await.unwrap();
        assert!(
            page.contains(&format!(
                "This address does not take {method}. Allowed: {allow}."
            )),
            "{page:.2000}"
        );
    }
    let unknown = http.get(app.url("/no/such/page")).send().await.unwrap();
    assert_eq!(unknown.status(), 404);
}

/// A path that is not UTF-8 once decoded is a bad request in the caller's format: a page for
/// pages, problem JSON for the API.
#[tokio::test]
async fn an_undecodable_path_is_a_bad_request_in_the_callers_format() {
    let app = TestApp::spawn().await;
    let http = reqwest::Client::new();
    let page = http
        .get(app.url("/events/%FF"))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 400);
    assert!(
        page.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    assert!(page.text().await.unwrap().contains("<h1>Bad request</h1>"));
    let api = http
        .get(app.url("/api/v1/events/%FF"))
        .send()
        .await
        .unwrap();
    assert_eq!(api.status(), 400);
    assert_eq!(api.headers()["content-type"], "application/problem+json");
}

/// A JSON body is read strictly: a value of the wrong type, a property the operation does not
/// take and a key given twice are refused with 422 at the field, in the caller's language, and
/// nothing is stored; what a GET answered may be sent back to an update (its read-only part is
/// ignored).
#[tokio::test]
async fn json_bodies_of_the_wrong_shape_are_refused_at_the_field() {
    let app = TestApp::spawn().await;
    app.account("ada@example.org", "Ada Lovelace", false).await;
    let browser = app.signed_in("ada@example.org", "en").await;
    let http = &browser.http;
    let post = |body: &'static str| {
        http.post(app.url("/api/v1/me/tokens"))
            .header("content-type", "application/json")
            .header("accept-language", "en")
            .body(body)
            .send()
    };

    for (body, field, message) in [
        (
            r#"{"name": false}"#,
            "name",
            "Hier wird Text erwartet (in Anführungszeichen).",
        ),
        (
            r#"{"name": 7}"#,
            "name",
            "Hier wird Text erwartet (in Anführungszeichen).",
        ),
        (
            r#"{"name": "CI", "expires_in_days": "30"}"#,
            "expires_in_days",
            "Hier wird eine ganze Zahl erwartet.",
        ),
        (
            r#"{"name": "CI", "expires_in_days": 1.5}"#,
            "expires_in_days",
            "Hier wird eine ganze Zahl erwartet.",
        ),
        (
            r#"{"name": "CI", "colour": "red"}"#,
            "colour",
            "Dieses Feld gibt es hier nicht.",
        ),
        (
            r#"{"name": "CI", "name": "CD"}"#,
            "name",
            "Dieses Feld kommt mehrmals vor.",
        ),
        (
            r#"{"name": null}"#,
            "name",
            "Bitte füllen Sie dieses Feld aus.",
        ),
    ] {
        let refused = post(body).await.unwrap();
        assert_eq!(refused.status(), 422, "{body}");
        assert_eq!(
            refused.headers()["content-type"],
            "application/problem+json"
        );
        let problem: serde_json::Value = refused.json().await.unwrap();
        assert_eq!(
            problem["fields"][field],
            json!([message]),
            "{body}: {problem}"
        );
    }
    assert_eq!(app.count("select count(*) from api_tokens").await, 0);

    // The same shape, well formed, is taken.
    let created = post(r#"{"name": "CI", "expires_in_days": 30}"#)
        .await
        .unwrap();
    assert_eq!(created.status(), 201);
    assert_eq!(app.count("select count(*) from api_tokens").await, 1);
}

/// A creation answers 201 with `Location`, and reading that address answers what was created;
/// registering again answers the registration already there with 200.
#[tokio::test]
async fn creations_answer_201_with_the_address_of_what_they_made() {
    use convene::registration::service::{self as registration, SettingsInput};
    let app = TestApp::spawn().await;
    app.organiser("orga@example.org", "Olaf Organiser").await;
    let orga = app.signed_in("orga@example.org", "en").await;
    let http = &orga.http;

    let created = http
        .post(app.url("/api/v1/events"))
        .json(&json!({ "slug": "cmr-2026", "title_de": "Clusters meet Regions NRW", "title_en": "Clusters meet Regions NRW", "starts_on": "2026-11-08", "ends_on": "2026-11-09" }))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 201);
    let location = created.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(location, "/api/v1/events/cmr-2026");
    let event: serde_json::Value = convene_tests::get_json(http, app.url(&location)).await;
    assert_eq!(event["slug"], "cmr-2026");

    let room = http
        .post(app.url("/api/v1/events/cmr-2026/rooms"))
        .json(&json!({ "name": "Saal 1", "capacity": 120 }))
        .send()
        .await
        .unwrap();
    assert_eq!(room.status(), 201);
    let location = room.headers()["location"].to_str().unwrap().to_string();
    let id = room.json::<serde_json::Value>().await.unwrap()["id"]
        .as_i64()
        .unwrap();
    assert_eq!(location, format!("/api/v1/events/cmr-2026/rooms/{id}"));
    // The address names the room: renaming it there changes that room.
    let renamed = http
        .put(app.url(&location))
        .json(&json!({ "name": "Saal 2", "capacity": 120 }))
        .send()
        .await
        .unwrap();
    assert_eq!(renamed.status(), 200, "{}", renamed.text().await.unwrap());
    let rooms: serde_json::Value =
        convene_tests::get_json(http, app.url("/api/v1/events/cmr-2026/rooms")).await;
    assert_eq!(rooms[0]["name"], "Saal 2");

    // Registration: 201 the first time, 200 with the same registration after.
    let olaf = app
        .actor(app.organiser("olaf@example.org", "Olaf").await)
        .await;
    let input = SettingsInput {
        capacity: Some(10),
        ..Default::default()
    };
    app.event(&olaf, "rcr-2026").await;
    registration::configure(&app.state, &olaf, "rcr-2026", &input)
        .await
        .unwrap();
    app.account("ada@example.org", "Ada Lovelace", false).await;
    let ada = app.signed_in("ada@example.org", "en").await;
    let first = ada
        .http
        .post(app.url("/api/v1/events/rcr-2026/registration"))
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(first.status(), 201);
    let location = first.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(location, "/api/v1/events/rcr-2026/registration");
    let first: serde_json::Value = first.json().await.unwrap();
    let again = ada
        .http
        .post(app.url("/api/v1/events/rcr-2026/registration"))
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 200);
    assert!(again.headers().get("location").is_none());
    let again: serde_json::Value = again.json().await.unwrap();
    assert_eq!(again["id"], first["id"]);
    let mine: serde_json::Value = convene_tests::get_json(&ada.http, app.url(&location)).await;
    assert_eq!(mine["id"], first["id"]);
    assert_eq!(app.count("select count(*) from registrations").await, 1);
}

/// GET `path`, change the fields of `change`, PUT it back: (what was written, what GET answers
/// after).
async fn roundtrip(
    app: &TestApp,
    http: &reqwest::Client,
    path: &str,
    change: serde_json::Value,
) -> (serde_json::Value, serde_json::Value) {
    let mut read: serde_json::Value = convene_tests::get_json(http, app.url(path)).await;
    for (k, v) in change.as_object().unwrap() {
        read[k] = v.clone();
    }
    let written = http.put(app.url(path)).json(&read).send().await.unwrap();
    assert_eq!(
        written.status(),
        200,
        "{path}: {}",
        written.text().await.unwrap()
    );
    let again: serde_json::Value = convene_tests::get_json(http, app.url(path)).await;
    (read, again)
}

/// What GET answers, PUT keeps: an integrator who reads a record, changes one field and writes
/// it back loses nothing else (a call's categories, event and mail texts, a session's times,
/// a participant's answers).
#[tokio::test]
async fn reading_and_writing_back_changes_only_what_was_changed() {
    use convene::registration::form::QuestionInput;
    use convene::registration::service::{self as registration, SettingsInput};
    let app = TestApp::spawn().await;
    let olaf = app
        .actor(app.organiser("orga@example.org", "Olaf Organiser").await)
        .await;
    let orga = app.signed_in("orga@example.org", "en").await;
    let http = &orga.http;
    app.event(&olaf, "cmr-2026").await;

    // A call with categories, a linked event and its own mail texts.
    let created = http
        .post(app.url("/api/v1/calls"))
        .json(&json!({
            "slug": "icr", "title_de": "InnovationCall", "title_en": "InnovationCall",
            "opens_at": "2026-10-15T07:00:00Z", "deadline": "2026-11-15T11:00:00Z",
            "categories": [["Wasserstoff", "Hydrogen"], ["Kreislaufwirtschaft", "Circular economy"]],
            "event": "cmr-2026",
            "mail_submitted_de": "Danke für Ihre Einreichung.",
            "mail_submitted_en": "Thank you for your entry."
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 201);
    let (sent, call) = roundtrip(
        &app,
        http,
        "/api/v1/calls/icr",
        json!({"title_en": "InnovationCall 2026"}),
    )
    .await;
    assert_eq!(call["title_en"], "InnovationCall 2026");
    for kept in [
        "categories",
        "event",
        "mail_submitted_de",
        "mail_submitted_en",
        "abstract_max",
    ] {
        assert_eq!(call[kept], sent[kept], "{kept}");
    }
    assert_eq!(
        call["categories"][1],
        json!(["Kreislaufwirtschaft", "Circular economy"])
    );
    assert_eq!(call["event"], "cmr-2026");
    assert_eq!(call["mail_submitted_en"], "Thank you for your entry.");
    // Visitors see the categories, not the organisers' settings.
    let public: serde_json::Value = reqwest::get(app.url("/api/v1/calls/icr"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(public.get("mail_submitted_en").is_none() && public.get("event").is_none());

    // A session read from the list and written back keeps its times.
    let session = http
        .post(app.url("/api/v1/events/cmr-2026/sessions"))
        .json(&json!({"kind": "panel", "title_de": "Podium", "day": "2026-11-08", "start": "10:00", "end": "11:30"}))
        .send()
        .await
        .unwrap();
    assert_eq!(session.status(), 201);
    let location = session.headers()["location"].to_str().unwrap().to_string();
    let listed: serde_json::Value = convene_tests::get_json(
        http,
        app.url("/api/v1/events/cmr-2026/sessions?drafts=true"),
    )
    .await;
    let mut read = listed[0].clone();
    read["title_en"] = json!("Panel");
    let written = http
        .put(app.url(&location))
        .json(&read)
        .send()
        .await
        .unwrap();
    assert_eq!(written.status(), 200, "{}", written.text().await.unwrap());
    let listed: serde_json::Value = convene_tests::get_json(
        http,
        app.url("/api/v1/events/cmr-2026/sessions?drafts=true"),
    )
    .await;
    assert_eq!(listed[0]["title_en"], "Panel");
    for kept in ["starts_at", "ends_at", "day", "start", "end"] {
        assert_eq!(listed[0][kept], read[kept], "{kept}");
    }

    // Registration settings and a participant's answers.
    let unset = http
        .get(app.url("/api/v1/events/cmr-2026/registration-settings"))
        .send()
        .await
        .unwrap();
    assert_eq!(unset.status(), 404);
    let problem: serde_json::Value = unset.json().await.unwrap();
    assert_eq!(problem["code"], "registration-not-set-up");
    registration::configure(
        &app.state,
        &olaf,
        "cmr-2026",
        &SettingsInput {
            capacity: Some(50),
            retention_months: Some(12),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let (_, settings) = roundtrip(
        &app,
        http,
        "/api/v1/events/cmr-2026/registration-settings",
        json!({"approval_required": true}),
    )
    .await;
    assert_eq!(
        (
            &settings["capacity"],
            &settings["retention_months"],
            &settings["approval_required"]
        ),
        (&json!(50), &json!(12), &json!(true))
    );
    registration::configure(
        &app.state,
        &olaf,
        "cmr-2026",
        &SettingsInput {
            capacity: Some(50),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let mut ids = Vec::new();
    for (kind, options) in [
        ("text", ""),
        (
            "multiple_choice",
            "Vortrag | Talk\nWorkshop | Workshop\nBesuch | Visit",
        ),
    ] {
        let q = QuestionInput {
            kind: kind.into(),
            label_de: kind.into(),
            label_en: kind.into(),
            options: options.into(),
            ..Default::default()
        };
        ids.push(
            registration::add_question(&app.state, &olaf, "cmr-2026", &q)
                .await
                .unwrap(),
        );
    }
    app.account("ada@example.org", "Ada Lovelace", false).await;
    let ada = app.signed_in("ada@example.org", "en").await;
    let answers =
        json!({ids[0].to_string(): "Fraunhofer, Duisburg", ids[1].to_string(): ["0", "2"]});
    let registered = ada
        .http
        .post(app.url("/api/v1/events/cmr-2026/registration"))
        .json(&json!({"answers": answers}))
        .send()
        .await
        .unwrap();
    assert_eq!(registered.status(), 201);
    let mine: serde_json::Value =
        convene_tests::get_json(&ada.http, app.url("/api/v1/events/cmr-2026/registration")).await;
    assert_eq!(mine["answers"], answers);
    let written = ada
        .http
        .put(app.url("/api/v1/events/cmr-2026/registration/answers"))
        .json(&json!({"answers": mine["answers"]}))
        .send()
        .await
        .unwrap();
    assert!(
        written.status().is_success(),
        "{}",
        written.text().await.unwrap()
    );
    let again: serde_json::Value =
        convene_tests::get_json(&ada.http, app.url("/api/v1/events/cmr-2026/registration")).await;
    assert_eq!(again["answers"], answers);
}

/// Names that contain the form notation's separators (a comma in a person's name, a `|` in a
/// category) read back as they were sent, and a line break cannot add a second one.
#[tokio::test]
async fn names_with_separators_read_back_as_written() {
    let app = TestApp::spawn().await;
    let olaf = app
        .actor(app.organiser("orga@example.org", "Olaf Organiser").await)
        .await;
    let orga = app.signed_in("orga@example.org", "en").await;
    let http = &orga.http;
    app.event(&olaf, "cmr-2026").await;

    let people = json!([
        {"role": "speaker", "name": "Müller, Hans", "organisation": "Fraunhofer UMSICHT, Oberhausen"},
        {"role": "moderator", "name": "Dr. \"Mo\" Yilmaz", "organisation": ""},
    ]);
    let created = http
        .post(app.url("/api/v1/events/cmr-2026/sessions"))
        .json(&json!({"kind": "panel", "title_de": "Podium", "day": "2026-11-08", "start": "10:00", "end": "11:30", "people": people}))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 201, "{}", created.text().await.unwrap());
    let listed: serde_json::Value = convene_tests::get_json(
        http,
        app.url("/api/v1/events/cmr-2026/sessions?drafts=true"),
    )
    .await;
    let read: Vec<_> = listed[0]["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["name"].clone(), p["organisation"].clone()))
        .collect();
    assert_eq!(
        read,
        [
            (
                json!("Müller, Hans"),
                json!("Fraunhofer UMSICHT, Oberhausen")
            ),
            (json!("Dr. \"Mo\" Yilmaz"), json!(""))
        ]
    );
    // The organiser's form shows them so that saving it unchanged keeps them.
    let id = listed[0]["id"].as_i64().unwrap();
    let form = orga
        .get(&format!("/orga/events/cmr-2026/sessions/{id}"))
        .await;
    let (action, fields) = form.form("form.stack[method=post]");
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let saved = orga.post_form(&action, &fields).await;
    assert!(saved.status < 400, "{}", saved.status);
    let listed: serde_json::Value = convene_tests::get_json(
        http,
        app.url("/api/v1/events/cmr-2026/sessions?drafts=true"),
    )
    .await;
    assert_eq!(listed[0]["people"].as_array().unwrap().len(), 2);
    assert_eq!(listed[0]["people"][0]["name"], "Müller, Hans");

    let call = |categories: serde_json::Value| {
        http.post(app.url("/api/v1/calls"))
            .json(&json!({
                "slug": "icr", "title_de": "InnovationCall", "title_en": "InnovationCall",
                "opens_at": "2026-10-15T07:00:00Z", "deadline": "2026-11-15T11:00:00Z",
                "categories": categories
            }))
            .send()
    };
    let refused = call(json!([["Wasserstoff", "Hydrogen", "H2"]]))
        .await
        .unwrap();
    assert_eq!(refused.status(), 422);
    let problem: serde_json::Value = refused.json().await.unwrap();
    assert!(problem["fields"]["categories.0"].is_array(), "{problem}");
    let created = call(json!([
        ["Wasserstoff | H2", "Hydrogen | H2"],
        ["Kreislauf\nwirtschaft", "Circular"]
    ]))
    .await
    .unwrap();
    assert_eq!(created.status(), 201);
    let created: serde_json::Value = created.json().await.unwrap();
    assert_eq!(
        created["categories"],
        json!([
            ["Wasserstoff | H2", "Hydrogen | H2"],
            ["Kreislaufwirtschaft", "Circular"]
        ])
    );
}

/// An address longer than the server reads is a 414 in the caller's format and language.
#[tokio::test]
async fn an_overlong_address_is_414_in_the_callers_format() {
    let app = TestApp::spawn().await;
    let http = reqwest::Client::new();
    let q = "a".repeat(20 * 1024);
    let api = http
        .get(app.url(&format!("/api/v1/events?q={q}")))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    assert_eq!(api.status(), 414);
    assert_eq!(api.headers()["content-type"], "application/problem+json");
    let problem: serde_json::Value = api.json().await.unwrap();
    assert_eq!(problem["code"], "error-uri-too-long");
    assert_eq!(
        problem["detail"],
        "This address is too long (at most 16384 characters). Shorten the search or the filters."
    );
    let page = http
        .get(app.url(&format!("/events?q={q}")))
        .header("accept-language", "de")
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 414);
    assert!(
        page.text()
            .await
            .unwrap()
            .contains("<h1>Adresse zu lang</h1>")
    );
    // Below the limit, the same search is answered.
    let fine = http
        .get(app.url(&format!("/api/v1/events?q={}", &q[..1000])))
        .send()
        .await
        .unwrap();
    assert_eq!(fine.status(), 200);
}

/// The API reference as a plain page: every operation of the OpenAPI document under its tag,
/// with its parameters and responses; the document's English texts are marked as such on the
/// German page. The Swagger UI leads to it.
#[tokio::test]
async fn the_api_reference_page_lists_every_operation_of_the_document() {
    let app = convene_tests::TestApp::spawn().await;
    let doc: serde_json::Value = app.client("en").get("/api/openapi.json").await.json();
    let mut operations = 0;
    for item in doc["paths"].as_object().unwrap().values() {
        operations += item.as_object().unwrap().len();
    }
    assert!(operations > 50, "{operations}");
    let en = app.client("en").get("/api/reference").await;
    assert_eq!(en.status, 200);
    assert_eq!(en.text("h1"), "API reference");
    assert_eq!(en.texts("article.api-operation").len(), operations);
    assert_eq!(en.texts("main [lang]"), Vec::<String>::new());
    let tag = doc["tags"][0]["name"].as_str().unwrap();
    assert_eq!(en.texts(".api-group h2")[0], tag);
    assert!(
        en.texts("article.api-operation h3")
            .iter()
            .any(|h| h.contains("GET") && h.contains("/events/{slug}")),
        "{:?}",
        en.texts("article.api-operation h3")
    );
    let de = app.client("de").get("/api/reference").await;
    assert_eq!(de.text("h1"), "API-Referenz");
    assert!(de.texts("main p[lang=en] strong").len() >= operations / 2);
    let swagger = app.client("en").get("/api/docs").await;
    assert!(swagger.body.contains("href=\"/api/reference\""));
}
