//! Issued certificates are records (`backend/src/certificate`, migration 0011): what one says is
//! frozen when it is issued, so changing its template (texts, place, signatories, layout, serial
//! prefix, logo and signature) or renaming its event changes new issues only, never the PDF or
//! the verify page of one already issued. A re-issue is an explicit organiser action (page and
//! API): a new certificate with a new serial from the template as it is; the old one is marked
//! superseded, or stays revoked when it was, and keeps opening as issued. The helpers come from
//! `certificates`.

use std::io::Read;

use chrono::Duration;
use convene::certificate::model::code_text;
use convene_frontend::Lang;
use convene_tests::{Client, Page, TestApp};
use serde_json::{Value, json};

use crate::certificates::{
    EVENT_DE, EVENT_EN, Fx, SLUG, assert_inside_page, attachments, get_bytes, logo_png,
    outbox_drained, signature_png, sound_pdf,
};

/// The verify path of a code as printed: `/verify/XXXXX-XXXXX-XXXXX-XXXXX`.
fn verify_path(code: &str) -> String {
    format!("/verify/{}", code_text(code))
}

/// A second signature: another stroke.
fn other_signature_png() -> Vec<u8> {
    convene_tests::png(200, 60, true, |x, y| {
        if (y as i32 - 30).abs() < 3 && x % 40 < 30 {
            [0, 0, 90, 255]
        } else {
            [255, 255, 255, 0]
        }
    })
}

/// Everything the verify page shows about the certificate, in the visitor's language.
async fn shown(client: &Client, path: &str) -> (String, String) {
    let page = client.get(path).await;
    assert_eq!(page.status, 200, "{path}");
    (page.text("#verify-result h2"), page.text("#certificate"))
}

/// `(id, serial, recipient name, revoked, superseded by)` of a template's certificates.
async fn rows(app: &TestApp, template: i64) -> Vec<(i64, i64, String, bool, Option<i64>)> {
    sqlx::query_as(
        "select id, serial, recipient_name, revoked_at is not null, superseded_by \
         from certificates where template_id = $1 order by id",
    )
    .bind(template)
    .fetch_all(&app.db)
    .await
    .unwrap()
}

/// Posts the form `selector` of `page` (its CSRF token) to `action` instead: a form the page no
/// longer offers, sent anyway.
async fn post_to(client: &Client, page: &Page, selector: &str, action: &str) -> Page {
    let (_, values) = page.form(selector);
    Page::read(
        client
            .http
            .post(client.url(action))
            .form(&values)
            .send()
            .await
            .unwrap(),
    )
    .await
}

// --- Pages ------------------------------------------------------------------------------------

/// Jürgen's certificate is issued with a logo and a signature. The organisers then change every
/// part of the template and rename the event: his PDF (the organisers' download, his own and
/// the ZIP) and the verify page in German and English say exactly what they said; previews and
/// new issues follow the new template. Re-issuing his certificate on the template page gives a
/// new one with a new serial from the new template (e-mailed); the old one's verify page says
/// that it was superseded by the new serial in both languages, it leaves his list, and its PDF
/// still opens as issued. It cannot be re-issued twice.
#[tokio::test]
async fn issued_certificates_stay_as_issued_and_a_reissue_supersedes_them() {
    let fx = Fx::new().await;
    fx.attendee(
        "juergen@example.org",
        "Jürgen Größe-Weiß",
        Lang::De,
        Some("Müller & Söhne GmbH"),
    )
    .await;
    let id = fx
        .template(&[
            ("place", "Düsseldorf"),
            ("signatory1_name", "Dr. Anna Schäfer"),
            ("signatory1_role", "Geschäftsführerin"),
            ("serial_prefix", "CMR-2026"),
        ])
        .await;
    let path = format!("/orga/certificates/templates/{id}");
    let images = "form[action$='/images']";
    let page = fx.orga.get(&path).await;
    let saved = fx
        .orga
        .submit_multipart(
            &page,
            images,
            &[],
            &[
                ("logo", "logo.png", logo_png()),
                ("signature", "unterschrift.png", signature_png()),
            ],
        )
        .await;
    assert_eq!(saved.status, 200, "{}", saved.text("main"));
    fx.app.clock.advance(Duration::days(9));
    fx.issue(id, false).await;
    let issued = fx.issued(id).await;
    assert_eq!(issued.len(), 1);
    let (old, code) = (issued[0].0, issued[0].2.clone());

    // What it says as issued.
    let orga_pdf = format!("/orga/certificates/{old}/pdf");
    let issued_pdf = get_bytes(&fx.orga, &orga_pdf).await;
    assert_eq!(issued_pdf.status, 200);
    let issued_text = sound_pdf(&issued_pdf.bytes);
    for shown in [
        "Teilnahmebescheinigung",
        "Jürgen Größe-Weiß",
        "Düsseldorf, 10. November 2026",
        "Dr. Anna Schäfer",
        "Geschäftsführerin",
        "CMR-2026-0001",
        EVENT_DE,
    ] {
        assert!(issued_text.contains(shown), "{shown:?}: {issued_text}");
    }
    assert_eq!(convene_tests::pdf_image_count(&issued_pdf.bytes), 2);
    assert_inside_page(&issued_pdf.bytes, false);
    let (de, en) = (fx.app.client("de"), fx.app.client("en"));
    let verify = verify_path(&code);
    let de_issued = shown(&de, &verify).await;
    let en_issued = shown(&en, &verify).await;
    assert_eq!(de_issued.0, "Diese Urkunde ist echt.");
    assert!(
        de_issued.1.contains("Teilnahmebescheinigung") && de_issued.1.contains("CMR-2026-0001"),
        "{}",
        de_issued.1
    );
    assert!(en_issued.1.contains(EVENT_EN), "{}", en_issued.1);
    let juergen = fx.app.signed_in("juergen@example.org", "de").await;
    let own_pdf = format!("/me/certificates/{old}/pdf");
    let own = get_bytes(&juergen, &own_pdf).await;
    assert_eq!(own.status, 200);
    assert_eq!(sound_pdf(&own.bytes), issued_text);

    // The organisers change everything about the template, and the event's title.
    let page = fx.orga.get(&path).await;
    let saved = fx
        .orga
        .submit(
            &page,
            "#template-form",
            &[
                ("title_de", "Bescheinigung über die Teilnahme"),
                ("title_en", "Certificate of participation"),
                ("body_de", "war bei {event} in {place} dabei."),
                ("body_en", "was at {event} in {place}."),
                ("place", "Essen"),
                ("signatory1_name", "Prof. Karl Neumann"),
                ("signatory1_role", "Präsident"),
                ("signatory2_name", "Eva Zweite"),
                ("landscape", "1"),
                ("serial_prefix", "NRW-2026"),
            ],
        )
        .await;
    assert_eq!(saved.status, 200, "{}", saved.text("main"));
    assert_eq!(saved.text(".flash"), "Die Vorlage ist gespeichert.");
    let page = fx.orga.get(&path).await;
    let saved = fx
        .orga
        .submit_multipart(
            &page,
            images,
            &[("remove_logo", "1")],
            &[("signature", "neu.png", other_signature_png())],
        )
        .await;
    assert_eq!(saved.status, 200, "{}", saved.text("main"));
    sqlx::query("update events set title_de = 'Regionen treffen Cluster', title_en = 'Regions meet clusters' where slug = $1")
        .bind(SLUG)
        .execute(&fx.app.db)
        .await
        .unwrap();

    // The issued certificate still says what it said: PDF, downloads, ZIP and verify page.
    let after = get_bytes(&fx.orga, &orga_pdf).await;
    assert_eq!(after.status, 200);
    assert_eq!(sound_pdf(&after.bytes), issued_text);
    assert_eq!(
        convene_tests::pdf_image_count(&after.bytes),
        2,
        "its logo and first signature"
    );
    assert_inside_page(&after.bytes, false);
    assert!(
        after
            .disposition
            .contains("CMR-2026-0001-juergen-groesse-weiss.pdf"),
        "{}",
        after.disposition
    );
    assert_eq!(
        sound_pdf(&get_bytes(&juergen, &own_pdf).await.bytes),
        issued_text
    );
    assert_eq!(shown(&de, &verify).await, de_issued);
    assert_eq!(shown(&en, &verify).await, en_issued);
    let zip = get_bytes(&fx.orga, &format!("{path}/certificates.zip")).await;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip.bytes)).unwrap();
    let names: Vec<String> = archive
        .file_names()
        .map(|n| n.unwrap().to_string())
        .collect();
    assert_eq!(names, ["CMR-2026-0001-juergen-groesse-weiss.pdf"]);
    let mut zipped = Vec::new();
    archive
        .by_name(&names[0])
        .unwrap()
        .read_to_end(&mut zipped)
        .unwrap();
    assert_eq!(sound_pdf(&zipped), issued_text);
    let listed = fx.orga.get(&path).await;
    assert_eq!(listed.texts("#issued tbody .serial"), ["CMR-2026-0001"]);
    let api_list = juergen.get("/api/v1/me/certificates").await.json();
    assert_eq!(api_list[0]["title"], "Teilnahmebescheinigung");
    assert_eq!(api_list[0]["serial"], "CMR-2026-0001");

    // The preview and new issues follow the template as it is now.
    let preview = get_bytes(&fx.orga, &format!("{path}/preview.pdf?lang=de")).await;
    let text = sound_pdf(&preview.bytes);
    assert!(
        text.contains("Bescheinigung über die Teilnahme")
            && text.contains("Regionen treffen Cluster")
            && text.contains("NRW-2026-0002")
            && text.contains("Prof. Karl Neumann"),
        "{text}"
    );
    assert_inside_page(&preview.bytes, true);

    // Re-issuing Jürgen's certificate: a new one from the new template, e-mailed.
    let page = fx.orga.get(&path).await;
    assert_eq!(
        page.text(&format!("#cert-{old} td.reissue summary")),
        "Neu ausstellen CMR-2026-0001"
    );
    let reissued = fx
        .orga
        .submit(
            &page,
            &format!("#cert-{old} td.reissue form"),
            &[("send_mail", "1")],
        )
        .await;
    assert_eq!(reissued.status, 200, "{}", reissued.text("main"));
    assert_eq!(
        reissued.text(".flash"),
        "Die Urkunde ist neu ausgestellt; die bisherige gilt als ersetzt."
    );
    let all = rows(&fx.app, id).await;
    assert_eq!(all.len(), 2, "{all:?}");
    let new = all[1].0;
    assert_eq!(
        all[0],
        (old, 1, "Jürgen Größe-Weiß".into(), false, Some(new))
    );
    assert_eq!(all[1], (new, 2, "Jürgen Größe-Weiß".into(), false, None));
    assert_eq!(
        reissued.texts("#issued tbody .serial"),
        ["CMR-2026-0001", "NRW-2026-0002"]
    );
    assert_eq!(
        reissued.text(&format!("#cert-{old} .status .superseded")),
        "Ersetzt am 10. November 2026 durch NRW-2026-0002"
    );
    assert!(
        reissued
            .attr(&format!("#cert-{old} td.reissue form"), "action")
            .is_none(),
        "a superseded certificate is not re-issued again"
    );
    assert!(
        reissued
            .attr(&format!("#cert-{new} td.reissue form"), "action")
            .is_some()
    );
    let new_pdf = get_bytes(&fx.orga, &format!("/orga/certificates/{new}/pdf")).await;
    let new_text = sound_pdf(&new_pdf.bytes);
    for shown in [
        "Bescheinigung über die Teilnahme",
        "Jürgen Größe-Weiß",
        "war bei Regionen treffen Cluster in Essen dabei.",
        "Essen, 10. November 2026",
        "Prof. Karl Neumann",
        "Eva Zweite",
        "NRW-2026-0002",
    ] {
        assert!(new_text.contains(shown), "{shown:?}: {new_text}");
    }
    assert!(!new_text.contains("Dr. Anna Schäfer"), "{new_text}");
    assert_eq!(
        convene_tests::pdf_image_count(&new_pdf.bytes),
        1,
        "the new signature only"
    );
    assert_inside_page(&new_pdf.bytes, true);
    outbox_drained(&fx.app).await;
    let mails: Vec<_> = fx
        .app
        .mail
        .to("juergen@example.org")
        .into_iter()
        .filter(|m| m.subject.starts_with("Ihre Urkunde"))
        .collect();
    assert_eq!(mails.len(), 1);
    assert_eq!(
        mails[0].subject,
        "Ihre Urkunde: Bescheinigung über die Teilnahme – Regionen treffen Cluster"
    );
    let attached = attachments(&mails[0]);
    assert_eq!(attached[0].0, "NRW-2026-0002-juergen-groesse-weiss.pdf");
    assert_eq!(sound_pdf(&attached[0].2), new_text);

    // The old one: superseded, in both languages, and otherwise exactly as issued.
    let de_page = de.get(&verify).await;
    assert_eq!(de_page.status, 200);
    assert_eq!(
        de_page.text("#verify-result h2"),
        "Diese Urkunde wurde durch NRW-2026-0002 ersetzt."
    );
    assert_eq!(de_page.text("#certificate"), de_issued.1);
    let en_page = en.get(&verify).await;
    assert_eq!(
        en_page.text("#verify-result h2"),
        "This certificate has been superseded by NRW-2026-0002."
    );
    assert!(
        en_page.text("#verify-result p").contains("NRW-2026-0002"),
        "{}",
        en_page.text("#verify-result")
    );
    assert_eq!(en_page.text("#certificate"), en_issued.1);
    assert_eq!(
        sound_pdf(&get_bytes(&fx.orga, &orga_pdf).await.bytes),
        issued_text
    );
    assert_eq!(
        sound_pdf(&get_bytes(&juergen, &own_pdf).await.bytes),
        issued_text
    );
    let new_code: String = sqlx::query_scalar("select code from certificates where id = $1")
        .bind(new)
        .fetch_one(&fx.app.db)
        .await
        .unwrap();
    let (genuine, _) = shown(&de, &verify_path(&new_code)).await;
    assert_eq!(genuine, "Diese Urkunde ist echt.");

    // His list holds the new one only; so does the ZIP.
    let mine = juergen.get("/me/certificates").await;
    assert_eq!(mine.texts("#certificates .card").len(), 1);
    assert_eq!(
        mine.text("#certificates .card h2"),
        "Bescheinigung über die Teilnahme"
    );
    assert!(mine.text("#certificates .card").contains("NRW-2026-0002"));
    assert!(!mine.body.contains("CMR-2026-0001"));
    let zip = get_bytes(&fx.orga, &format!("{path}/certificates.zip")).await;
    let archive = zip::ZipArchive::new(std::io::Cursor::new(zip.bytes)).unwrap();
    let names: Vec<String> = archive
        .file_names()
        .map(|n| n.unwrap().to_string())
        .collect();
    assert_eq!(names, ["NRW-2026-0002-juergen-groesse-weiss.pdf"]);

    // Re-issuing the old one again (the form is gone; sent anyway) is refused.
    let again = post_to(
        &fx.orga,
        &reissued,
        &format!("#cert-{new} td.reissue form"),
        &format!("/orga/certificates/{old}/reissue"),
    )
    .await;
    assert_eq!(again.status, 409);
    assert_eq!(
        again.text(".lead"),
        "Diese Urkunde wurde bereits neu ausgestellt (Nr. NRW-2026-0002)."
    );
    assert_eq!(rows(&fx.app, id).await.len(), 2);
}

/// A certificate revoked for a misspelt name is replaced by a corrected one: issuing in bulk
/// again leaves it revoked (a re-issue is explicit), re-issuing it on the template page gives a
/// new certificate with a new serial and the corrected name, while the revoked one stays
/// revoked on its verify page and says which certificate replaced it. Someone the facts no
/// longer name cannot be re-issued one.
#[tokio::test]
async fn a_revoked_certificate_is_replaced_by_a_corrected_one() {
    let fx = Fx::new().await;
    let juergen = fx
        .attendee("juergen@example.org", "Jürgen Grösse", Lang::De, None)
        .await;
    fx.attendee("emma@example.org", "Emma Walker", Lang::En, None)
        .await;
    let id = fx.template(&[("serial_prefix", "CMR-2026")]).await;
    let path = format!("/orga/certificates/templates/{id}");
    fx.app.clock.advance(Duration::days(9));
    fx.issue(id, false).await;
    let issued = fx.issued(id).await;
    let (emma, juergens) = (&issued[0], &issued[1]);
    assert_eq!(juergens.3, "Jürgen Grösse");
    let old = juergens.0;

    let page = fx.orga.get(&path).await;
    let reason = "Name falsch geschrieben";
    let revoked = fx
        .orga
        .submit(&page, &format!("#cert-{old} form"), &[("reason", reason)])
        .await;
    assert_eq!(revoked.text(".flash"), "Die Urkunde ist widerrufen.");
    sqlx::query("update accounts set name = 'Jürgen Größe-Weiß' where id = $1")
        .bind(juergen)
        .execute(&fx.app.db)
        .await
        .unwrap();

    // Bulk issuing again does not bring a revoked certificate back.
    let again = fx.issue(id, false).await;
    assert_eq!(
        again.text(".progress-text"),
        "2 von 2 bearbeitet, davon 0 neu ausgestellt."
    );
    assert_eq!(rows(&fx.app, id).await.len(), 2);

    // The organiser re-issues it: a new serial, the corrected name.
    let page = fx.orga.get(&path).await;
    let reissued = fx
        .orga
        .submit(&page, &format!("#cert-{old} td.reissue form"), &[])
        .await;
    assert_eq!(reissued.status, 200, "{}", reissued.text("main"));
    let all = rows(&fx.app, id).await;
    assert_eq!(all.len(), 3, "{all:?}");
    let new = all[2].0;
    assert_eq!(all[1], (old, 2, "Jürgen Grösse".into(), true, Some(new)));
    assert_eq!(all[2], (new, 3, "Jürgen Größe-Weiß".into(), false, None));
    assert_eq!(
        reissued.text(&format!("#cert-{old} .status")),
        format!(
            "Widerrufen am 10. November 2026: {reason} Ersetzt am 10. November 2026 durch CMR-2026-0003"
        )
    );
    assert_eq!(
        reissued.text(&format!("#cert-{new} .name")),
        "Jürgen Größe-Weiß juergen@example.org"
    );
    assert!(
        reissued
            .attr(&format!("#cert-{old} td.reissue form"), "action")
            .is_none()
    );

    // The revoked one stays revoked, in both languages; the new one is genuine.
    let old_code = &juergens.2;
    let de = fx.app.client("de").get(&verify_path(old_code)).await;
    assert_eq!(de.status, 200);
    assert_eq!(
        de.text("#verify-result h2"),
        "Diese Urkunde wurde widerrufen."
    );
    assert_eq!(
        de.texts("#verify-result p"),
        [
            "Widerrufen am 10. November 2026",
            "Diese Urkunde wurde durch CMR-2026-0003 ersetzt."
        ]
    );
    assert_eq!(de.text("#certificate .recipient"), "Jürgen Grösse");
    assert!(!de.body.contains(reason), "no reason");
    let en = fx.app.client("en").get(&verify_path(old_code)).await;
    assert_eq!(
        en.text("#verify-result h2"),
        "This certificate has been revoked."
    );
    assert_eq!(
        en.text("#verify-result .superseded"),
        "This certificate has been superseded by CMR-2026-0003."
    );
    let new_code: String = sqlx::query_scalar("select code from certificates where id = $1")
        .bind(new)
        .fetch_one(&fx.app.db)
        .await
        .unwrap();
    let fresh = fx.app.client("de").get(&verify_path(&new_code)).await;
    assert_eq!(fresh.text("#verify-result h2"), "Diese Urkunde ist echt.");
    assert_eq!(fresh.text("#certificate .recipient"), "Jürgen Größe-Weiß");
    assert_eq!(fresh.text("#certificate .serial"), "CMR-2026-0003");

    // His list: the corrected one, downloadable; the revoked one is not his current one.
    let mine = fx.app.signed_in("juergen@example.org", "de").await;
    let list = mine.get("/me/certificates").await;
    assert_eq!(list.texts("#certificates .card").len(), 1);
    assert!(list.texts("#certificates .card .badge").is_empty());
    assert_eq!(
        list.attr("#certificates a[download]", "href"),
        Some(format!("/me/certificates/{new}/pdf"))
    );
    let pdf = get_bytes(&mine, &format!("/me/certificates/{new}/pdf")).await;
    let text = sound_pdf(&pdf.bytes);
    assert!(
        text.contains("Jürgen Größe-Weiß") && text.contains("CMR-2026-0003"),
        "{text}"
    );
    assert_eq!(
        get_bytes(&mine, &format!("/me/certificates/{old}/pdf"))
            .await
            .status,
        404,
        "a revoked certificate is not downloaded"
    );

    // Emma's check-in is undone, then her certificate revoked: nothing to re-issue it from.
    sqlx::query("update registrations set checked_in_at = null where account_id = (select id from accounts where email = 'emma@example.org')")
        .execute(&fx.app.db)
        .await
        .unwrap();
    let page = fx.orga.get(&path).await;
    fx.orga
        .submit(
            &page,
            &format!("#cert-{} form", emma.0),
            &[("reason", "Nicht anwesend")],
        )
        .await;
    let page = fx.orga.get(&path).await;
    let refused = fx
        .orga
        .submit(&page, &format!("#cert-{} td.reissue form", emma.0), &[])
        .await;
    assert_eq!(refused.status, 409);
    assert_eq!(
        refused.text(".lead"),
        "Nach dem jetzigen Stand erhält diese Person keine Urkunde dieser Vorlage mehr; prüfen Sie zuerst die Angaben (z. B. den Check-in)."
    );
    assert_eq!(rows(&fx.app, id).await.len(), 3);
}

/// A certificate issued before certificates kept what they say (a row without a snapshot, as
/// migration 0011 leaves the old ones) is frozen from its template by the jobs worker, as it
/// showed then; a later change of the template no longer reaches it.
#[tokio::test]
async fn certificates_from_before_snapshots_are_frozen_as_they_showed() {
    let fx = Fx::new().await;
    fx.attendee("ada@example.org", "Ada Lovelace", Lang::De, None)
        .await;
    let id = fx
        .template(&[("serial_prefix", "CMR-2026"), ("place", "Düsseldorf")])
        .await;
    let page = fx
        .orga
        .get(&format!("/orga/certificates/templates/{id}"))
        .await;
    fx.orga
        .submit_multipart(
            &page,
            "form[action$='/images']",
            &[],
            &[("logo", "logo.png", logo_png())],
        )
        .await;
    fx.issue(id, false).await;
    let cert = fx.issued(id).await[0].0;
    sqlx::query(
        "update certificates set snapshot = '', logo_image_id = null, signature_image_id = null",
    )
    .execute(&fx.app.db)
    .await
    .unwrap();
    let pdf_path = format!("/orga/certificates/{cert}/pdf");
    let before = sound_pdf(&get_bytes(&fx.orga, &pdf_path).await.bytes);
    assert!(
        before.contains("CMR-2026-0001") && before.contains("Düsseldorf"),
        "{before}"
    );

    assert_eq!(
        fx.app.run_jobs().await,
        0,
        "no job, but the worker's round ran"
    );
    assert_eq!(
        fx.app
            .count("select count(*) from certificates where snapshot = '' or logo_image_id is null")
            .await,
        0
    );
    let page = fx
        .orga
        .get(&format!("/orga/certificates/templates/{id}"))
        .await;
    fx.orga
        .submit(
            &page,
            "#template-form",
            &[
                ("title_de", "Etwas anderes"),
                ("place", "Köln"),
                ("serial_prefix", "NEU"),
            ],
        )
        .await;
    let page = fx
        .orga
        .get(&format!("/orga/certificates/templates/{id}"))
        .await;
    fx.orga
        .submit_multipart(
            &page,
            "form[action$='/images']",
            &[("remove_logo", "1")],
            &[],
        )
        .await;
    let after = get_bytes(&fx.orga, &pdf_path).await;
    assert_eq!(sound_pdf(&after.bytes), before);
    assert_eq!(
        convene_tests::pdf_image_count(&after.bytes),
        1,
        "the logo it showed"
    );
}

// --- API --------------------------------------------------------------------------------------

/// Talks to `/api/v1` with a bearer token, in German.
async fn api(
    app: &TestApp,
    token: Option<&str>,
    method: reqwest::Method,
    path: &str,
    body: Option<Value>,
) -> (u16, Value) {
    let mut req = reqwest::Client::new()
        .request(method, app.url(&format!("/api/v1{path}")))
        .header("accept-language", "de");
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
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

/// The same through the API: a template changed with PUT leaves the issued certificate's PDF
/// and verification as issued; `POST /certificates/{id}/reissue` answers with the new
/// certificate, and verifying the old code says `superseded` with the new serial; a revoked
/// certificate is re-issued too and stays revoked; re-issuing twice is a 409 problem.
#[tokio::test]
async fn the_api_keeps_issued_certificates_and_reissues_them() {
    let fx = Fx::new().await;
    let ada_id = fx
        .attendee("ada@example.org", "Ada Lovelace", Lang::De, None)
        .await;
    let orga = convene::account::service::create_api_token(&fx.app.state, &fx.olaf, "c", None)
        .await
        .unwrap()
        .1;
    let ada = convene::account::service::create_api_token(
        &fx.app.state,
        &fx.app.actor(ada_id).await,
        "c",
        None,
    )
    .await
    .unwrap()
    .1;
    let body = |extra: Value| {
        let mut b = json!({
            "kind": "attendance",
            "title_de": "Teilnahmebescheinigung",
            "title_en": "Certificate of attendance",
            "body_de": "hat am {dates} an {event} teilgenommen.",
            "body_en": "attended {event} on {dates}.",
            "signatory1_name": "Dr. Anna Schäfer",
            "serial_prefix": "CMR-2026",
        });
        for (k, v) in extra.as_object().unwrap() {
            b[k] = v.clone();
        }
        b
    };
    use reqwest::Method;
    let (status, created) = api(
        &fx.app,
        Some(&orga),
        Method::POST,
        &format!("/events/{SLUG}/certificate-templates"),
        Some(body(json!({}))),
    )
    .await;
    assert_eq!(status, 201, "{created}");
    let id = created["id"].as_i64().unwrap();
    let (status, job) = api(
        &fx.app,
        Some(&orga),
        Method::POST,
        &format!("/certificate-templates/{id}/issue"),
        Some(json!({})),
    )
    .await;
    assert_eq!(status, 202, "{job}");
    assert_eq!(fx.app.run_jobs().await, 1);
    let (_, issued) = api(
        &fx.app,
        Some(&orga),
        Method::GET,
        &format!("/certificate-templates/{id}/certificates"),
        None,
    )
    .await;
    let old = issued[0]["id"].as_i64().unwrap();
    let old_code = issued[0]["code"].as_str().unwrap().to_string();
    let http = reqwest::Client::new();
    let pdf_of = |cert: i64| {
        let req = http
            .get(fx.app.url(&format!("/api/v1/certificates/{cert}/pdf")))
            .bearer_auth(&orga);
        async move { req.send().await.unwrap().bytes().await.unwrap().to_vec() }
    };
    let issued_text = sound_pdf(&pdf_of(old).await);
    let (status, verified) = api(
        &fx.app,
        None,
        Method::GET,
        &format!("/verify/{old_code}"),
        None,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(
        (
            &verified["valid"],
            &verified["status"],
            &verified["superseded_by"]
        ),
        (&json!(true), &json!("valid"), &Value::Null)
    );

    // The template changes through the API.
    let (status, updated) = api(
        &fx.app,
        Some(&orga),
        Method::PUT,
        &format!("/certificate-templates/{id}"),
        Some(body(json!({
            "title_de": "Neuer Titel", "body_de": "war da.", "landscape": true,
            "signatory1_name": "Jemand Anderes", "serial_prefix": "NEU-2026",
        }))),
    )
    .await;
    assert_eq!(status, 200, "{updated}");
    assert_eq!(sound_pdf(&pdf_of(old).await), issued_text);
    let (_, unchanged) = api(
        &fx.app,
        None,
        Method::GET,
        &format!("/verify/{old_code}"),
        None,
    )
    .await;
    assert_eq!(unchanged, verified);
    assert_eq!(verified["title"], "Teilnahmebescheinigung");
    assert_eq!(verified["serial"], "CMR-2026-0001");
    assert_eq!(verified["signatories"], json!(["Dr. Anna Schäfer"]));

    // Re-issued: a new certificate with the next serial from the template as it is.
    let (status, new) = api(
        &fx.app,
        Some(&orga),
        Method::POST,
        &format!("/certificates/{old}/reissue"),
        Some(json!({ "send_mail": false })),
    )
    .await;
    assert_eq!(status, 200, "{new}");
    let new_id = new["id"].as_i64().unwrap();
    assert_ne!(new_id, old);
    assert_eq!(new["serial"], "NEU-2026-0002");
    assert_eq!(new["title"], "Neuer Titel");
    assert_ne!(new["code"], json!(old_code));
    assert!(new["superseded_by"].is_null() && new["revoked_at"].is_null());
    let new_text = sound_pdf(&pdf_of(new_id).await);
    assert!(
        new_text.contains("Neuer Titel") && new_text.contains("war da."),
        "{new_text}"
    );
    let (_, superseded) = api(
        &fx.app,
        None,
        Method::GET,
        &format!("/verify/{old_code}"),
        None,
    )
    .await;
    assert_eq!(superseded["valid"], false);
    assert_eq!(superseded["status"], "superseded");
    assert_eq!(superseded["superseded_by"], "NEU-2026-0002");
    assert!(superseded["superseded_at"].is_string());
    assert_eq!(superseded["title"], "Teilnahmebescheinigung");
    assert_eq!(
        sound_pdf(&pdf_of(old).await),
        issued_text,
        "its PDF opens as issued"
    );
    let (_, listed) = api(
        &fx.app,
        Some(&orga),
        Method::GET,
        &format!("/certificate-templates/{id}/certificates"),
        None,
    )
    .await;
    assert_eq!(listed[0]["superseded_by"], new_id);
    assert_eq!(listed[0]["serial"], "CMR-2026-0001");
    let (_, mine) = api(&fx.app, Some(&ada), Method::GET, "/me/certificates", None).await;
    let serials: Vec<&str> = mine
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["serial"].as_str().unwrap())
        .collect();
    assert_eq!(serials, ["NEU-2026-0002"], "only her current certificate");

    // Twice: refused, and in the caller's language.
    let (status, problem) = api(
        &fx.app,
        Some(&orga),
        Method::POST,
        &format!("/certificates/{old}/reissue"),
        Some(json!({})),
    )
    .await;
    assert_eq!(status, 409, "{problem}");
    assert_eq!(
        problem["detail"],
        "Diese Urkunde wurde bereits neu ausgestellt (Nr. NEU-2026-0002)."
    );

    // A revoked one is re-issued as well and stays revoked.
    let (status, _) = api(
        &fx.app,
        Some(&orga),
        Method::POST,
        &format!("/certificates/{new_id}/revoke"),
        Some(json!({ "reason": "Tippfehler" })),
    )
    .await;
    assert_eq!(status, 200);
    let (status, newest) = api(
        &fx.app,
        Some(&orga),
        Method::POST,
        &format!("/certificates/{new_id}/reissue"),
        Some(json!({})),
    )
    .await;
    assert_eq!(status, 200, "{newest}");
    assert_eq!(newest["serial"], "NEU-2026-0003");
    let new_code = new["code"].as_str().unwrap();
    let (_, revoked) = api(
        &fx.app,
        None,
        Method::GET,
        &format!("/verify/{new_code}"),
        None,
    )
    .await;
    assert_eq!(
        (
            &revoked["valid"],
            &revoked["status"],
            &revoked["superseded_by"]
        ),
        (&json!(false), &json!("revoked"), &json!("NEU-2026-0003"))
    );
    assert!(revoked["revoked_at"].is_string());
    assert_eq!(fx.app.count("select count(*) from certificates").await, 3);
    assert_eq!(
        fx.app
            .count("select count(*) from certificates where revoked_at is null and superseded_at is null")
            .await,
        1
    );
}
