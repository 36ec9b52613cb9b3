//! Administration: accounts, role grants and organisations.

use convene_tests::TestApp;

/// Pages of the administration answer 403 to people without the admin role, and send visitors
/// who are not signed in to the sign-in page.
#[tokio::test]
async fn administration_is_for_administrators_only() {
    let app = TestApp::spawn().await;
    app.account("ada@example.org", "Ada Lovelace", false).await;
    let visitor = app.client("en");
    let participant = app.signed_in("ada@example.org", "en").await;

    for path in [
        "/admin/accounts",
        "/admin/accounts/1",
        "/admin/organisations",
    ] {
        let page = participant.get(path).await;
        assert_eq!(page.status, 403, "{path}");
        // The account's preferred language (German) wins over the browser's.
        assert_eq!(page.text("h1"), "Nicht erlaubt");
        let anonymous = visitor.get(path).await;
        assert!(
            anonymous.url.contains("/signin?next="),
            "{path}: {}",
            anonymous.url
        );
    }
    let posted = participant
        .post_form(
            "/admin/accounts/1/roles",
            &[("role", "admin"), ("scope", "site")],
        )
        .await;
    assert_eq!(posted.status, 403);
    assert_eq!(app.count("select count(*) from role_grants").await, 0);
}

/// An administrator finds an account, grants it the organiser role, and revokes it again; the
/// last administrator cannot lose the role.
#[tokio::test]
async fn administrators_grant_and_revoke_roles() {
    let app = TestApp::spawn().await;
    let admin_id = app.account("admin@example.org", "Sarah Admin", true).await;
    let ada = app.account("ada@example.org", "Ada Lovelace", false).await;
    let admin = app.signed_in("admin@example.org", "de").await;

    let list = admin.get("/admin/accounts?q=lovelace").await;
    assert_eq!(list.status, 200);
    assert_eq!(
        list.texts("#accounts tbody td:first-child a"),
        ["Ada Lovelace"]
    );
    let everyone = admin.get("/admin/accounts").await;
    assert_eq!(everyone.text("#accounts caption"), "2 Konten");

    let detail = admin.get(&format!("/admin/accounts/{ada}")).await;
    let granted = admin
        .submit(
            &detail,
            "form[action$='/roles']",
            &[("role", "organiser"), ("scope", "site")],
        )
        .await;
    assert_eq!(granted.text(".flash"), "Die Rolle wurde vergeben.");
    assert_eq!(
        granted.texts("#grants tbody td:first-child"),
        // Site-wide organisers are platform staff: they run every organisation's events.
        ["Plattform-Team (alle Organisationen)"]
    );
    assert_eq!(
        app.count(
            "select count(*) from role_grants where role = 'organiser' and scope_kind = 'site'"
        )
        .await,
        1
    );
    assert_eq!(
        app.count("select count(*) from audit_log where action = 'account.grant_role'")
            .await,
        1
    );

    let twice = admin
        .submit(
            &granted,
            "form[action$='/roles']",
            &[("role", "organiser"), ("scope", "site")],
        )
        .await;
    assert_eq!(twice.status, 409);
    assert_eq!(
        twice.text("#role-error"),
        "Dieses Konto hat diese Rolle in diesem Geltungsbereich schon."
    );

    let mismatch = admin
        .submit(
            &granted,
            "form[action$='/roles']",
            &[("role", "admin"), ("scope", "event:1")],
        )
        .await;
    assert_eq!(mismatch.status, 422);
    assert_eq!(
        mismatch.text("#scope-error"),
        "Diese Rolle kann in diesem Geltungsbereich nicht vergeben werden"
    );

    let revoked = admin.submit(&granted, "#grants form", &[]).await;
    assert_eq!(revoked.text(".flash"), "Die Rolle wurde entzogen.");
    assert_eq!(
        app.count("select count(*) from role_grants where role = 'organiser'")
            .await,
        0
    );

    let own = admin.get(&format!("/admin/accounts/{admin_id}")).await;
    let last = admin.submit(&own, "#grants form", &[]).await;
    assert_eq!(last.status, 409);
    assert_eq!(
        last.text(".error-summary li"),
        "Rolle: Der letzten Administratorin oder dem letzten Administrator kann die Rolle nicht entzogen werden."
    );
    assert_eq!(
        app.count("select count(*) from role_grants where role = 'admin'")
            .await,
        1
    );
}

/// Administrators list organisations with their member counts and add new ones; names are
/// unique regardless of case.
#[tokio::test]
async fn administrators_add_organisations() {
    let app = TestApp::spawn().await;
    app.account("admin@example.org", "Sarah Admin", true).await;
    let admin = app.signed_in("admin@example.org", "en").await;

    let page = admin.get("/admin/organisations").await;
    let added = admin
        .submit(
            &page,
            "form[action='/admin/organisations']",
            &[
                ("name", "Fraunhofer UMSICHT"),
                ("kind", "research"),
                ("city", "Oberhausen"),
                ("website", "https://www.umsicht.fraunhofer.de"),
            ],
        )
        .await;
    assert_eq!(added.text(".flash"), "Die Organisation wurde hinzugefügt.");
    assert_eq!(
        added.texts("#organisations tbody td:first-child"),
        ["Fraunhofer UMSICHT"]
    );
    assert_eq!(
        added.texts("#organisations tbody td:nth-child(2)"),
        ["Forschungsinstitut"]
    );

    let dup = admin
        .submit(
            &page,
            "form[action='/admin/organisations']",
            &[
                ("name", "fraunhofer umsicht"),
                ("kind", "research"),
                ("website", "javascript:alert(1)"),
            ],
        )
        .await;
    assert_eq!(dup.status, 422);
    assert_eq!(
        dup.texts(".error-summary li"),
        ["Website: Geben Sie eine Webadresse ein, die mit http:// oder https:// beginnt"]
    );
    let dup = admin
        .submit(
            &page,
            "form[action='/admin/organisations']",
            &[("name", "fraunhofer umsicht"), ("kind", "research")],
        )
        .await;
    assert_eq!(dup.status, 422);
    assert_eq!(
        dup.text("#name-error"),
        "Eine Organisation mit diesem Namen gibt es schon"
    );
    assert_eq!(app.count("select count(*) from organisations").await, 1);
}

/// An organisation name typed on sign-up is nobody else's business: the sign-up and profile
/// pick lists offer only the organisations an administrator created or confirmed. When an
/// administrator adds the typed-in name, it is confirmed (with its members) instead of refused.
#[tokio::test]
async fn typed_in_organisations_stay_out_of_the_pick_lists_until_confirmed() {
    let app = TestApp::spawn().await;
    app.account("admin@example.org", "Sarah Admin", true).await;
    let admin = app.signed_in("admin@example.org", "en").await;
    let page = admin.get("/admin/organisations").await;
    admin
        .submit(
            &page,
            "form[action='/admin/organisations']",
            &[("name", "Fraunhofer UMSICHT"), ("kind", "research")],
        )
        .await;

    let visitor = app.client("en");
    let form = visitor.get("/signup").await;
    visitor
        .submit(
            &form,
            "form[action='/signup']",
            &[
                ("name", "Jana Wüstefeld"),
                ("email", "jana@example.org"),
                ("organisation", "Geheimprojekt Ruhr GmbH"),
                ("password", convene_tests::PASSWORD),
            ],
        )
        .await;
    assert_eq!(
        app.count("select count(*) from accounts a join organisations o on o.id = a.organisation_id where a.email = 'jana@example.org' and o.name = 'Geheimprojekt Ruhr GmbH'")
            .await,
        1
    );
    let offered = |page: &convene_tests::Page| {
        page.html()
            .select(&scraper::Selector::parse("datalist#organisations option").unwrap())
            .filter_map(|o| o.value().attr("value").map(str::to_string))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        offered(&app.client("en").get("/signup").await),
        ["Fraunhofer UMSICHT"]
    );
    app.account("ben@example.org", "Ben Becker", false).await;
    let ben = app.signed_in("ben@example.org", "en").await;
    assert_eq!(offered(&ben.get("/me").await), ["Fraunhofer UMSICHT"]);

    // The administrator adds it: confirmed, not a second organisation, and offered from now on.
    let added = admin
        .submit(
            &page,
            "form[action='/admin/organisations']",
            &[
                ("name", "Geheimprojekt Ruhr GmbH"),
                ("kind", "startup"),
                ("city", "Essen"),
            ],
        )
        .await;
    assert_eq!(added.status, 200, "{}", added.body);
    assert_eq!(
        app.count("select count(*) from organisations where lower(name) = 'geheimprojekt ruhr gmbh' and kind = 'startup' and verified_at is not null")
            .await,
        1
    );
    assert_eq!(
        app.count("select count(*) from accounts a join organisations o on o.id = a.organisation_id where a.email = 'jana@example.org' and o.city = 'Essen'")
            .await,
        1,
        "Jana stays a member"
    );
    assert_eq!(
        offered(&app.client("en").get("/signup").await),
        ["Fraunhofer UMSICHT", "Geheimprojekt Ruhr GmbH"]
    );
}

/// An administrator makes someone organiser of one call, on the page or through the API; they
/// may then change that call and no other.
#[tokio::test]
async fn a_call_scoped_organiser_runs_that_call_only() {
    let app = TestApp::spawn().await;
    app.account("admin@example.org", "Sarah Admin", true).await;
    app.organiser("orga@example.org", "Olaf Organiser").await;
    let cleo = app.account("cleo@example.org", "Cleo Call", false).await;
    let admin = app.signed_in("admin@example.org", "en").await;
    let orga = app.signed_in("orga@example.org", "en").await;
    let mut ids = Vec::new();
    for slug in ["icr", "other"] {
        let created: serde_json::Value = orga
            .http
            .post(app.url("/api/v1/calls"))
            .json(&serde_json::json!({
                "slug": slug, "title_de": "InnovationCall", "title_en": "InnovationCall",
                "opens_at": "2026-10-15T07:00:00Z", "deadline": "2026-11-15T11:00:00Z"
            }))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let id: i64 = sqlx::query_scalar("select id from calls where slug = $1")
            .bind(created["slug"].as_str().unwrap())
            .fetch_one(&app.db)
            .await
            .unwrap();
        ids.push(id);
    }

    // The page offers the calls among the scopes.
    let detail = admin.get(&format!("/admin/accounts/{cleo}")).await;
    let scopes = detail.texts("select[name=scope] option");
    assert!(scopes.iter().any(|s| s.contains("(icr)")), "{scopes:?}");
    let granted = admin
        .http
        .post(app.url(&format!("/api/v1/accounts/{cleo}/roles")))
        .json(&serde_json::json!({"role": "organiser", "scope": format!("call:{}", ids[0])}))
        .send()
        .await
        .unwrap();
    assert_eq!(granted.status(), 201, "{}", granted.text().await.unwrap());
    let unknown = admin
        .http
        .post(app.url(&format!("/api/v1/accounts/{cleo}/roles")))
        .json(&serde_json::json!({"role": "organiser", "scope": "call:999999"}))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), 422);

    let cleo = app.signed_in("cleo@example.org", "en").await;
    let change = |slug: &'static str| {
        cleo.http
            .put(app.url(&format!("/api/v1/calls/{slug}")))
            .json(&serde_json::json!({
                "slug": slug, "title_de": "InnovationCall", "title_en": "InnovationCall 2027",
                "opens_at": "2026-10-15T07:00:00Z", "deadline": "2026-11-15T11:00:00Z"
            }))
            .send()
    };
    assert_eq!(change("icr").await.unwrap().status(), 200);
    assert_eq!(
        change("other").await.unwrap().status(),
        404,
        "a draft of another call is not hers to see"
    );
}
