//! Certificates (`backend/src/certificate`) through the pages: organisers design a template for
//! an event, upload its logo and signature, preview it, issue it in bulk to everyone checked in
//! (with mail), download the ZIP and revoke; recipients list and download their own; anyone
//! verifies a code. Every test checks the pages, the rows in the database, the mails in the sink
//! and the PDFs themselves, read back with `convene::pdf::inspect` (see `convene_tests::pdf_text`).
//! The JSON API and the call certificates (placement, jury service) are in `certificates_api`.

use std::collections::BTreeSet;
use std::io::Read;

use chrono::Duration;
use convene::account::Actor;
use convene::account::service::{self as accounts, ConfirmedAccount};
use convene::db;
use convene::ids::{AccountId, OrganisationId};
use convene::registration::checkin::{self, Outcome, Target};
use convene::registration::service::{self as registration, SettingsInput};
use convene_frontend::Lang;
use convene_tests::{Client, Page, PdfWord, TestApp};

/// The event of these tests: 8–9 November 2026, with typographic quotes in its titles.
pub(crate) const SLUG: &str = "cmr-2026";
pub(crate) const EVENT_DE: &str = "Clusters meet Regions „Zukunft NRW“";
pub(crate) const EVENT_EN: &str = "Clusters meet Regions “Future NRW”";
/// Crockford's base32: the alphabet of verification codes.
pub(crate) const CROCKFORD: &str = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// An organiser (Olaf, signed in in German) with the published event [`SLUG`], open for
/// registration.
pub(crate) struct Fx {
    pub app: TestApp,
    pub olaf: Actor,
    pub orga: Client,
}

impl Fx {
    pub async fn new() -> Fx {
        let app = TestApp::spawn().await;
        let olaf = app
            .actor(app.organiser("orga@example.org", "Olaf Organiser").await)
            .await;
        event(&app, &olaf, SLUG, EVENT_DE, EVENT_EN).await;
        let orga = app.signed_in("orga@example.org", "de").await;
        Fx { app, olaf, orga }
    }

    /// A person who registered for the event and was checked in at the door.
    pub async fn attendee(
        &self,
        email: &str,
        name: &str,
        lang: Lang,
        organisation: Option<&str>,
    ) -> AccountId {
        let id = person(&self.app, email, name, lang, organisation).await;
        let code = register(&self.app, id, SLUG).await;
        let r = checkin::check_in(&self.app.state, &self.olaf, SLUG, &Target::Code(code), None)
            .await
            .unwrap();
        assert_eq!(r.outcome, Outcome::Valid, "{name} checked in");
        id
    }

    /// Creates an attendance template through the event's form with `fields` on top of the
    /// defaults the form offers; returns its id.
    pub async fn template(&self, fields: &[(&str, &str)]) -> i64 {
        let list = self
            .orga
            .get(&format!("/orga/events/{SLUG}/certificates"))
            .await;
        let created = self.orga.submit(&list, "#new-template form", fields).await;
        assert_eq!(created.status, 200, "{}", created.text("main"));
        template_id(&created)
    }

    /// Starts issuing through the template page and follows the job page until it has
    /// finished; returns the finished job page.
    pub async fn issue(&self, template: i64, send_mail: bool) -> Page {
        let page = self
            .orga
            .get(&format!("/orga/certificates/templates/{template}"))
            .await;
        let fields: &[(&str, &str)] = if send_mail {
            &[("send_mail", "1")]
        } else {
            &[]
        };
        let started = self.orga.submit(&page, "#issue form", fields).await;
        assert_eq!(started.status, 200, "{}", started.text("main"));
        assert!(
            started.url.contains("/orga/certificates/jobs/"),
            "issuing leads to the job page: {}",
            started.url
        );
        finished_job(&self.app, &self.orga, &started.url).await
    }

    /// The certificates of a template: `(id, serial, code, recipient, language, emailed)`.
    pub async fn issued(&self, template: i64) -> Vec<IssuedRow> {
        sqlx::query_as(
            "select id, serial, code, recipient_name, language, emailed_at is not null \
             from certificates where template_id = $1 order by serial",
        )
        .bind(template)
        .fetch_all(&self.app.db)
        .await
        .unwrap()
    }
}

/// `(id, serial, code, recipient name, language, e-mailed)`.
pub(crate) type IssuedRow = (i64, i64, String, String, String, bool);

/// A published event `slug` (8–9 November 2026 in Düsseldorf) open for registration.
pub(crate) async fn event(app: &TestApp, by: &Actor, slug: &str, de: &str, en: &str) {
    let input = convene::event::model::EventInput {
        slug: slug.into(),
        title_de: de.into(),
        title_en: en.into(),
        venue: "Haus der Universität".into(),
        address: "Schadowplatz 14, 40212 Düsseldorf".into(),
        timezone: "Europe/Berlin".into(),
        starts_on: "2026-11-08".into(),
        ends_on: "2026-11-09".into(),
        ..Default::default()
    };
    convene::event::service::create(&app.state, by, &input)
        .await
        .unwrap();
    convene::event::service::set_status(&app.state, by, slug, "published")
        .await
        .unwrap();
    registration::configure(&app.state, by, slug, &SettingsInput::default())
        .await
        .unwrap();
}

/// A confirmed account (password [`convene_tests::PASSWORD`]) preferring `lang`, member of
/// `organisation` (created) if given.
pub(crate) async fn person(
    app: &TestApp,
    email: &str,
    name: &str,
    lang: Lang,
    organisation: Option<&str>,
) -> AccountId {
    let organisation_id = match organisation {
        Some(org) => Some(OrganisationId(
            sqlx::query_scalar(
                "insert into organisations (slug, name, kind, created_at) \
                 values ($1, $2, 'company', $3) returning id",
            )
            .bind(convene::organisation::model::slugify(org))
            .bind(org)
            .bind(app.clock.now())
            .fetch_one(&app.db)
            .await
            .unwrap(),
        )),
        None => None,
    };
    let mut tx = db::begin_write(&app.db).await.unwrap();
    let new = ConfirmedAccount {
        email,
        name,
        organisation_id,
        lang,
        password: convene_tests::PASSWORD,
        roles: &[],
    };
    let id = accounts::create_confirmed(&mut tx, &new, app.clock.now())
        .await
        .unwrap();
    tx.commit().await.unwrap();
    id
}

/// Registers the account for the event; returns the code on its ticket.
pub(crate) async fn register(app: &TestApp, id: AccountId, slug: &str) -> String {
    let actor = app.actor(id).await;
    registration::register(&app.state, &actor, slug, &Default::default())
        .await
        .unwrap()
        .0
        .code
}

/// The template id from the template page's URL.
pub(crate) fn template_id(page: &Page) -> i64 {
    page.url
        .split("/orga/certificates/templates/")
        .nth(1)
        .and_then(|rest| rest.split(['/', '?', '#']).next())
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("not a template page: {}", page.url))
}

/// Runs the job of the job page `url` (a test app has no worker): the page's progress region
/// follows the job while it waits (a reload link without JavaScript) and no longer once it has
/// run. Returns the finished page.
pub(crate) async fn finished_job(app: &TestApp, client: &Client, url: &str) -> Page {
    let waiting = client.get(url).await;
    assert_eq!(waiting.status, 200, "{url}");
    assert!(
        waiting
            .attr("#job[aria-live=polite]", "data-refresh")
            .is_some()
            && waiting.body.contains("<noscript>"),
        "a waiting job's page refreshes itself: {}",
        waiting.text("main")
    );
    assert_eq!(app.run_jobs().await, 1, "the job ran");
    let page = client.get(url).await;
    assert_eq!(page.status, 200, "{url}");
    assert!(
        page.attr("#job", "data-refresh").is_none(),
        "the job has finished: {}",
        page.text("main")
    );
    page
}

/// A binary response.
pub(crate) struct Download {
    pub status: u16,
    pub content_type: String,
    pub disposition: String,
    pub bytes: Vec<u8>,
}

pub(crate) async fn download(resp: reqwest::Response) -> Download {
    let header = |name: &str| {
        resp.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string()
    };
    Download {
        status: resp.status().as_u16(),
        content_type: header("content-type"),
        disposition: header("content-disposition"),
        bytes: resp.bytes().await.unwrap().to_vec(),
    }
}

/// GETs `path` as bytes (PDFs, ZIPs).
pub(crate) async fn get_bytes(client: &Client, path: &str) -> Download {
    download(client.http.get(client.url(path)).send().await.unwrap()).await
}

/// Checks that a PDF is sound (`convene_tests::qpdf_check`) and that all its fonts are
/// embedded subsets with a Unicode map; returns its text with whitespace collapsed.
pub(crate) fn sound_pdf(pdf: &[u8]) -> String {
    convene_tests::qpdf_check(pdf);
    let fonts = convene_tests::pdf_fonts(pdf);
    assert!(!fonts.is_empty(), "a certificate without fonts");
    for f in &fonts {
        assert!(
            f.embedded && f.subset && f.unicode && f.name.contains('+'),
            "every font is an embedded subset with a Unicode map: {f:?}"
        );
    }
    convene_tests::pdf_words_text(pdf)
}

/// Every word of the one page lies inside the page's MediaBox, at least 10 mm from its edges;
/// no two words overlap. Returns the words.
pub(crate) fn assert_inside_page(pdf: &[u8], landscape: bool) -> Vec<PdfWord> {
    let boxes = convene_tests::pdf_media_boxes(pdf);
    let pages = convene_tests::pdf_pages(pdf);
    assert_eq!((boxes.len(), pages.len()), (1, 1), "one page");
    let [x0, y0, x1, y1] = boxes[0];
    let (w, h) = (x1 - x0, y1 - y0);
    // A4: 595.28 × 841.89 pt.
    let (a4_w, a4_h) = if landscape {
        (841.89, 595.28)
    } else {
        (595.28, 841.89)
    };
    assert!(
        (w - a4_w).abs() < 1.0 && (h - a4_h).abs() < 1.0,
        "A4 {}: MediaBox {:?}",
        if landscape { "landscape" } else { "portrait" },
        boxes[0]
    );
    let page = &pages[0];
    assert!((page.width - w).abs() < 0.5 && (page.height - h).abs() < 0.5);
    let margin = 10.0 * 72.0 / 25.4;
    for word in &page.words {
        assert!(
            word.x_min >= margin
                && word.y_min >= margin
                && word.x_max <= w - margin
                && word.y_max <= h - margin,
            "{word:?} is not inside the page ({w} × {h} pt, 10 mm margin)"
        );
    }
    for (i, a) in page.words.iter().enumerate() {
        for b in &page.words[i + 1..] {
            let overlap = a.x_min < b.x_max - 0.1
                && b.x_min < a.x_max - 0.1
                && a.y_min < b.y_max - 0.1
                && b.y_min < a.y_max - 0.1;
            assert!(!overlap, "{a:?} overlaps {b:?}");
        }
    }
    page.words.clone()
}

/// The attachments of a mail: `(file name, content type, bytes)`.
pub(crate) fn attachments(mail: &convene_tests::ReceivedMail) -> Vec<(String, String, Vec<u8>)> {
    use mail_parser::MimeHeaders;
    let parsed = mail_parser::MessageParser::default()
        .parse(&mail.raw)
        .unwrap();
    parsed
        .attachments()
        .map(|a| {
            let ct = a
                .content_type()
                .map(|c| format!("{}/{}", c.ctype(), c.subtype().unwrap_or("")))
                .unwrap_or_default();
            (
                a.attachment_name().unwrap_or_default().to_string(),
                ct,
                a.contents().to_vec(),
            )
        })
        .collect()
}

/// Mails whose subject starts with `prefix`, per address.
pub(crate) fn mails_to(app: &TestApp, address: &str, prefix: &str) -> usize {
    app.mail
        .to(address)
        .iter()
        .filter(|m| m.subject.starts_with(prefix))
        .count()
}

/// Sends the outbox, so that the sink holds every mail there will be.
pub(crate) async fn outbox_drained(app: &TestApp) {
    app.drain_outbox().await;
    assert_eq!(
        app.count("select count(*) from outbox where sent_at is null")
            .await,
        0
    );
}

/// A small logo: a blue disc on transparent ground.
pub(crate) fn logo_png() -> Vec<u8> {
    convene_tests::png(240, 100, true, |x, y| {
        let (dx, dy) = (x as i32 - 50, y as i32 - 50);
        if dx * dx + dy * dy < 45 * 45 {
            [20, 80, 160, 255]
        } else {
            [0, 0, 0, 0]
        }
    })
}

/// A signature: a dark wavy stroke.
pub(crate) fn signature_png() -> Vec<u8> {
    convene_tests::png(300, 90, true, |x, y| {
        let curve = 45.0 + 25.0 * (x as f32 / 20.0).sin();
        if (y as f32 - curve).abs() < 2.5 {
            [10, 10, 10, 255]
        } else {
            [255, 255, 255, 0]
        }
    })
}

/// A valid PNG of more than 2 MiB (stored uncompressed, noisy pixels).
pub(crate) fn huge_png() -> Vec<u8> {
    let png = convene_tests::png(800, 700, false, |x, y| {
        let v = (x.wrapping_mul(2_654_435_761) ^ y.wrapping_mul(40_503)) as u8;
        [v, v.wrapping_add(85), v.wrapping_add(170), 255]
    });
    assert!(png.len() > 2 * 1024 * 1024, "{} bytes", png.len());
    png
}

// --- 1. Designing a template ----------------------------------------------------------------

/// The event's certificates page offers the event's kinds; a form with mistakes comes back
/// with 422 and each message next to its field (German and English), what was typed kept and
/// nothing stored; a good one is created, edited and previewed as a real PDF, saved or not.
#[tokio::test]
async fn organisers_design_an_attendance_template_and_every_mistake_is_named() {
    let fx = Fx::new().await;
    let list_path = format!("/orga/events/{SLUG}/certificates");
    let list = fx.orga.get(&list_path).await;
    assert_eq!(list.status, 200);
    assert_eq!(list.text("h1"), format!("Urkunden: {EVENT_DE}"));
    assert_eq!(list.text("#templates tbody"), "Noch keine Vorlagen.");
    assert_eq!(
        list.texts("#kind option"),
        ["Teilnahmebescheinigung", "Bescheinigung für Mitwirkende"],
        "only the event's kinds are offered"
    );

    let bad = fx
        .orga
        .submit(
            &list,
            "#new-template form",
            &[
                ("title_de", "  "),
                ("body_de", "{name} war am {datum} dabei."),
                ("serial_prefix", "CMR 2026!"),
            ],
        )
        .await;
    assert_eq!(bad.status, 422);
    assert_eq!(
        bad.text("#title_de-error"),
        "Bitte füllen Sie dieses Feld aus."
    );
    assert_eq!(
        bad.text("#body_de-error"),
        "Den Platzhalter {datum} gibt es nicht."
    );
    assert_eq!(
        bad.text("#serial_prefix-error"),
        "Nur Buchstaben, Ziffern und Bindestriche, höchstens 24 Zeichen."
    );
    assert_eq!(
        bad.texts(".field-error").len(),
        3,
        "{:?}",
        bad.texts(".field-error")
    );
    assert_eq!(bad.texts(".error-summary li").len(), 3);
    assert_eq!(
        bad.attr("#body_de", "aria-invalid").as_deref(),
        Some("true")
    );
    assert_eq!(bad.text("textarea#body_de"), "{name} war am {datum} dabei.");
    assert_eq!(
        bad.attr("#serial_prefix", "value").as_deref(),
        Some("CMR 2026!")
    );
    assert!(
        bad.attr("#new-template", "open").is_some(),
        "the form stays open"
    );

    // A call's kind smuggled into the event's form, and a kind that does not exist.
    for (kind, message) in [
        (
            "placement",
            "Diese Art passt nicht hierher: Teilnahme und Mitwirkung gehören zu Veranstaltungen, Pitch, Platzierung und Jury zu Calls.",
        ),
        ("diploma", "Bitte wählen Sie eine der Möglichkeiten."),
    ] {
        let refused = fx
            .orga
            .submit(
                &list,
                "#new-template form",
                &[("kind", kind), ("serial_prefix", "CMR-2026")],
            )
            .await;
        assert_eq!(refused.status, 422, "{kind}");
        assert_eq!(refused.text("#kind-error"), message, "{kind}");
    }
    assert_eq!(
        fx.app
            .count("select count(*) from certificate_templates")
            .await,
        0
    );

    // The same mistakes, in English.
    let en = fx.app.signed_in("orga@example.org", "de").await;
    en.get("/lang/en?next=/").await;
    let en_list = en.get(&list_path).await;
    assert_eq!(en_list.text("h1"), format!("Certificates: {EVENT_EN}"));
    let bad_en = en
        .submit(
            &en_list,
            "#new-template form",
            &[
                ("kind", "jury"),
                ("title_en", ""),
                ("body_en", "Dear {recipient}"),
                ("serial_prefix", "ÄÖÜ"),
            ],
        )
        .await;
    assert_eq!(bad_en.status, 422);
    assert_eq!(
        bad_en.text("#kind-error"),
        "This kind does not belong here: attendance and speaker certificates belong to events; pitch, placement and jury ones to calls."
    );
    assert_eq!(bad_en.text("#title_en-error"), "Please fill in this field.");
    assert_eq!(
        bad_en.text("#body_en-error"),
        "There is no placeholder {recipient}."
    );
    assert_eq!(
        bad_en.text("#serial_prefix-error"),
        "Letters, digits and hyphens only, at most 24 characters."
    );
    assert_eq!(
        fx.app
            .count("select count(*) from certificate_templates")
            .await,
        0
    );

    // A good one.
    let created = fx
        .orga
        .submit(
            &list,
            "#new-template form",
            &[
                ("title_de", "Teilnahmebescheinigung"),
                (
                    "body_de",
                    "hat am {dates} an {event} in {place} teilgenommen.",
                ),
                ("body_en", "attended {event} in {place} on {dates}."),
                ("place", "Düsseldorf"),
                ("signatory1_name", "Dr. Anna Schäfer"),
                ("signatory1_role", "Geschäftsführerin"),
                ("serial_prefix", "CMR-2026"),
            ],
        )
        .await;
    assert_eq!(created.status, 200, "{}", created.text("main"));
    assert_eq!(created.text(".flash"), "Die Vorlage ist angelegt.");
    let id = template_id(&created);
    assert_eq!(created.text("h1"), "Teilnahmebescheinigung");
    assert_eq!(created.text(".kind"), "Teilnahmebescheinigung");
    let stored: (String, Option<i64>, Option<i64>, String, String, bool, i64) = sqlx::query_as(
        "select kind, event_id, call_id, body_de, serial_prefix, landscape, next_serial \
         from certificate_templates where id = $1",
    )
    .bind(id)
    .fetch_one(&fx.app.db)
    .await
    .unwrap();
    assert_eq!(stored.0, "attendance");
    assert!(stored.1.is_some() && stored.2.is_none());
    assert_eq!(
        stored.3,
        "hat am {dates} an {event} in {place} teilgenommen."
    );
    assert_eq!(
        (stored.4.as_str(), stored.5, stored.6),
        ("CMR-2026", false, 1)
    );
    let list = fx.orga.get(&list_path).await;
    assert_eq!(
        list.texts("#templates tbody td"),
        ["Teilnahmebescheinigung", "Teilnahmebescheinigung", "0", "0"]
    );

    // Editing: a mistake stores nothing; then landscape and a second signatory.
    let page = fx
        .orga
        .get(&format!("/orga/certificates/templates/{id}"))
        .await;
    let refused = fx
        .orga
        .submit(
            &page,
            "#template-form",
            &[("body_de", "{name} {unbekannt}"), ("title_en", "")],
        )
        .await;
    assert_eq!(refused.status, 422);
    assert_eq!(
        refused.text("#body_de-error"),
        "Den Platzhalter {unbekannt} gibt es nicht."
    );
    assert_eq!(
        refused.text("#title_en-error"),
        "Bitte füllen Sie dieses Feld aus."
    );
    let saved = fx
        .orga
        .submit(
            &page,
            "#template-form",
            &[
                ("landscape", "1"),
                ("signatory2_name", "Jürgen Weiß"),
                ("signatory2_role", "Vorsitzender"),
            ],
        )
        .await;
    assert_eq!(saved.status, 200);
    assert_eq!(saved.text(".flash"), "Die Vorlage ist gespeichert.");
    let stored: (String, bool, String) = sqlx::query_as(
        "select body_de, landscape, signatory2_name from certificate_templates where id = $1",
    )
    .bind(id)
    .fetch_one(&fx.app.db)
    .await
    .unwrap();
    assert_eq!(
        stored,
        (
            "hat am {dates} an {event} in {place} teilgenommen.".into(),
            true,
            "Jürgen Weiß".into()
        )
    );
    assert!(saved.attr("#landscape", "checked").is_some());

    // Previews of the saved template, in either language, are real landscape PDFs with a
    // sample person and the event filled in.
    for (lang, sample, line) in [
        (
            "de",
            "Maxi Mustermann",
            "hat am 8.–9. November 2026 an Clusters meet Regions „Zukunft NRW“ in Düsseldorf teilgenommen.",
        ),
        (
            "en",
            "Alex Example",
            "attended Clusters meet Regions “Future NRW” in Düsseldorf on 8–9 November 2026.",
        ),
    ] {
        let pdf = get_bytes(
            &fx.orga,
            &format!("/orga/certificates/templates/{id}/preview.pdf?lang={lang}"),
        )
        .await;
        assert_eq!(pdf.status, 200);
        assert_eq!(pdf.content_type, "application/pdf");
        assert!(pdf.disposition.starts_with("inline"), "{}", pdf.disposition);
        let text = sound_pdf(&pdf.bytes);
        assert!(text.contains(sample), "{lang}: {text}");
        assert!(text.contains(line), "{lang}: {text}");
        assert!(text.contains("CMR-2026-0001"), "the next serial: {text}");
        assert_inside_page(&pdf.bytes, true);
    }

    // The preview of the form as it is, unsaved: the typed title is in the PDF, the database
    // keeps the saved one; a mistake in the form is named instead.
    let page = fx
        .orga
        .get(&format!("/orga/certificates/templates/{id}"))
        .await;
    let (_, mut values) = page.form("#template-form");
    values.insert("title_de".into(), "Bescheinigung über die Teilnahme".into());
    values.remove("landscape");
    values.insert("preview_lang".into(), "de".into());
    let preview_url = fx
        .orga
        .url(&format!("/orga/certificates/templates/{id}/preview"));
    let unsaved = download(
        fx.orga
            .http
            .post(&preview_url)
            .form(&values)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(unsaved.status, 200);
    assert_eq!(unsaved.content_type, "application/pdf");
    let text = sound_pdf(&unsaved.bytes);
    assert!(text.contains("Bescheinigung über die Teilnahme"), "{text}");
    assert_inside_page(&unsaved.bytes, false);
    let title: (String, bool) =
        sqlx::query_as("select title_de, landscape from certificate_templates where id = $1")
            .bind(id)
            .fetch_one(&fx.app.db)
            .await
            .unwrap();
    assert_eq!(
        title,
        ("Teilnahmebescheinigung".into(), true),
        "nothing saved"
    );
    values.insert("body_de".into(), "{datum}".into());
    let refused = Page::read(
        fx.orga
            .http
            .post(&preview_url)
            .form(&values)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(refused.status, 422);
    assert_eq!(
        refused.text("#body_de-error"),
        "Den Platzhalter {datum} gibt es nicht."
    );
}

// --- 2. Logo and signature ------------------------------------------------------------------

/// A PNG logo and signature are stored and drawn into the PDF; a file that is no image, one of
/// more than 2 MiB and one with too many pixels are refused with a message at the field, and
/// a refused form stores nothing, not even its valid other file.
#[tokio::test]
async fn logos_and_signatures_are_checked_by_content_and_size() {
    let fx = Fx::new().await;
    let id = fx
        .template(&[
            ("serial_prefix", "CMR-2026"),
            ("signatory1_name", "Dr. Anna Schäfer"),
        ])
        .await;
    let path = format!("/orga/certificates/templates/{id}");
    let images = "form[action$='/images']";
    let stored = || async {
        sqlx::query_as::<_, (Option<String>, Option<i64>, Option<String>, Option<i64>)>(
            "select logo_type, cast(length(logo) as bigint), signature_type, \
             cast(length(signature) as bigint) from certificate_templates where id = $1",
        )
        .bind(id)
        .fetch_one(&fx.app.db)
        .await
        .unwrap()
    };
    let mut pixels = b"\x89PNG\r\n\x1a\n".to_vec();
    pixels.extend_from_slice(&logo_png()[8..40]);
    let wide = convene_tests::png(4001, 1, true, |_, _| [0, 0, 0, 255]);
    for (what, field, file, message) in [
        (
            "a text file named .png",
            "logo",
            b"Dies ist kein Bild.\n".to_vec(),
            "Das ist kein PNG- oder JPEG-Bild.",
        ),
        (
            "a truncated PNG",
            "signature",
            pixels,
            "Das ist kein PNG- oder JPEG-Bild.",
        ),
        (
            "a PNG of more than 2 MiB",
            "logo",
            huge_png(),
            "Das Bild ist zu groß (höchstens 2 MB).",
        ),
        (
            "a PNG 4001 pixels wide",
            "signature",
            wide,
            "Das Bild hat zu viele Pixel (höchstens 4000 an einer Seite).",
        ),
    ] {
        let page = fx.orga.get(&path).await;
        let refused = fx
            .orga
            .submit_multipart(&page, images, &[], &[(field, "bild.png", file)])
            .await;
        assert_eq!(refused.status, 422, "{what}");
        assert_eq!(refused.text(&format!("#{field}-error")), message, "{what}");
        assert_eq!(stored().await, (None, None, None, None), "{what}");
    }

    // A valid logo with an invalid signature: the form is refused as a whole.
    let page = fx.orga.get(&path).await;
    let refused = fx
        .orga
        .submit_multipart(
            &page,
            images,
            &[],
            &[
                ("logo", "logo.png", logo_png()),
                ("signature", "unterschrift.png", b"GIF89a".to_vec()),
            ],
        )
        .await;
    assert_eq!(refused.status, 422);
    assert_eq!(
        refused.text("#signature-error"),
        "Das ist kein PNG- oder JPEG-Bild."
    );
    assert_eq!(
        stored().await,
        (None, None, None, None),
        "a refused form stores nothing"
    );

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
    assert_eq!(saved.text(".flash"), "Die Bilder sind gespeichert.");
    let logo_len = logo_png().len() as i64;
    let signature_len = signature_png().len() as i64;
    assert_eq!(
        stored().await,
        (
            Some("png".into()),
            Some(logo_len),
            Some("png".into()),
            Some(signature_len)
        )
    );
    assert!(
        saved
            .text("#logo-hint")
            .ends_with("Ein Bild ist hinterlegt; ein neues ersetzt es.")
    );
    let pdf = get_bytes(&fx.orga, &format!("{path}/preview.pdf?lang=de")).await;
    sound_pdf(&pdf.bytes);
    assert_eq!(
        convene_tests::pdf_image_count(&pdf.bytes),
        2,
        "logo and signature are drawn"
    );

    // A refused replacement keeps what was stored; "remove" removes.
    let page = fx.orga.get(&path).await;
    let refused = fx
        .orga
        .submit_multipart(&page, images, &[], &[("logo", "gross.png", huge_png())])
        .await;
    assert_eq!(refused.status, 422);
    assert_eq!(stored().await.1, Some(logo_len));
    let page = fx.orga.get(&path).await;
    let removed = fx
        .orga
        .submit_multipart(&page, images, &[("remove_logo", "1")], &[])
        .await;
    assert_eq!(removed.status, 200);
    assert_eq!(
        stored().await,
        (None, None, Some("png".into()), Some(signature_len))
    );
    let pdf = get_bytes(&fx.orga, &format!("{path}/preview.pdf?lang=de")).await;
    assert_eq!(
        convene_tests::pdf_image_count(&pdf.bytes),
        1,
        "the signature only"
    );
}

// --- 3. Bulk issuing ------------------------------------------------------------------------

/// Everyone checked in receives one certificate with a unique, sequential serial number and a
/// random code, and one mail with the PDF in their language; issuing again issues and mails
/// nothing new, a later check-in gets the next number. The ZIP holds one PDF per valid
/// certificate.
#[tokio::test]
async fn bulk_issuing_reaches_everyone_checked_in_once() {
    let fx = Fx::new().await;
    fx.attendee("ada@example.org", "Ada Lovelace", Lang::De, None)
        .await;
    fx.attendee(
        "emma@example.org",
        "Emma Walker",
        Lang::En,
        Some("Walker & Sons Ltd"),
    )
    .await;
    fx.attendee(
        "juergen@example.org",
        "Jürgen Größe-Weiß",
        Lang::De,
        Some("Müller & Söhne GmbH"),
    )
    .await;
    // Registered, but never came.
    let nora = person(&fx.app, "nora@example.org", "Nora Nichtda", Lang::De, None).await;
    register(&fx.app, nora, SLUG).await;
    let id = fx
        .template(&[
            (
                "body_de",
                "hat am {dates} an der Veranstaltung {event} teilgenommen.",
            ),
            ("body_en", "attended {event} on {dates}."),
            ("place", "Düsseldorf"),
            ("signatory1_name", "Dr. Anna Schäfer"),
            ("signatory1_role", "Geschäftsführerin"),
            ("serial_prefix", "CMR-2026"),
        ])
        .await;
    fx.app.clock.advance(Duration::days(9)); // 10 November 2026
    let page = fx
        .orga
        .get(&format!("/orga/certificates/templates/{id}"))
        .await;
    assert_eq!(
        page.text(".recipients"),
        "Nach dem jetzigen Stand erhalten 3 Personen eine Urkunde."
    );
    assert_eq!(
        page.text("#issued tbody"),
        "Noch keine Urkunden ausgestellt."
    );

    // The organisers' CRM hears of every certificate issued.
    let (receiver, hook_url) = crate::webhooks::Receiver::start(&[]).await;
    let hook = convene::webhook::service::create(
        &fx.app.state,
        &fx.olaf,
        convene::team::service::PlaceKind::Event,
        SLUG,
        &hook_url,
        &["certificate.issued"],
        "",
    )
    .await
    .unwrap();

    let job = fx.issue(id, true).await;
    assert_eq!(job.text("#job .status"), "fertig");
    assert_eq!(
        job.text(".progress-text"),
        "3 von 3 bearbeitet, davon 3 neu ausgestellt."
    );
    let job_row: (String, i64, i64, i64, bool) = sqlx::query_as(
        "select status, total, done, issued, send_mail from certificate_jobs order by id desc limit 1",
    )
    .fetch_one(&fx.app.db)
    .await
    .unwrap();
    assert_eq!(job_row, ("done".into(), 3, 3, 3, true));

    let issued = fx.issued(id).await;
    let rows: Vec<(i64, &str, &str, bool)> = issued
        .iter()
        .map(|r| (r.1, r.3.as_str(), r.4.as_str(), r.5))
        .collect();
    assert_eq!(
        rows,
        [
            (1, "Ada Lovelace", "de", true),
            (2, "Emma Walker", "en", true),
            (3, "Jürgen Größe-Weiß", "de", true),
        ]
    );
    let codes: BTreeSet<&str> = issued.iter().map(|r| r.2.as_str()).collect();
    assert_eq!(codes.len(), 3, "every code differs");
    assert_eq!(crate::webhooks::deliver(&fx.app).await, 3);
    let told: BTreeSet<(String, String)> = receiver
        .got()
        .iter()
        .map(|r| {
            assert!(r.verify(&hook.secret));
            assert_eq!(r.topic, "certificate.issued");
            let c = &r.json()["data"]["certificate"];
            (
                c["recipient_name"].as_str().unwrap().to_string(),
                c["verify_path"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(told.len(), 3);
    assert_eq!(
        told.iter().map(|t| t.0.as_str()).collect::<BTreeSet<_>>(),
        issued.iter().map(|r| r.3.as_str()).collect::<BTreeSet<_>>()
    );
    for (_, path) in &told {
        let code = path.trim_start_matches("/verify/").replace('-', "");
        assert!(codes.contains(code.as_str()), "{path} names an issued code");
    }
    for code in &codes {
        assert_eq!(code.len(), 20, "{code}");
        assert!(code.chars().all(|c| CROCKFORD.contains(c)), "{code}");
    }
    assert_eq!(
        fx.app
            .count("select next_serial from certificate_templates")
            .await,
        4
    );

    // One mail each, with the PDF in the recipient's language.
    fx.app.drain_outbox().await;
    for (email, name, subject, says, serial) in [
        (
            "ada@example.org",
            "Ada Lovelace",
            format!("Ihre Urkunde: Teilnahmebescheinigung – {EVENT_DE}"),
            format!("hat am 8.–9. November 2026 an der Veranstaltung {EVENT_DE} teilgenommen."),
            "Nr. CMR-2026-0001",
        ),
        (
            "emma@example.org",
            "Emma Walker",
            format!("Your certificate: Certificate of attendance – {EVENT_EN}"),
            format!("attended {EVENT_EN} on 8–9 November 2026."),
            "No. CMR-2026-0002",
        ),
        (
            "juergen@example.org",
            "Jürgen Größe-Weiß",
            format!("Ihre Urkunde: Teilnahmebescheinigung – {EVENT_DE}"),
            format!("hat am 8.–9. November 2026 an der Veranstaltung {EVENT_DE} teilgenommen."),
            "Nr. CMR-2026-0003",
        ),
    ] {
        let mail = fx
            .app
            .mail
            .to(email)
            .into_iter()
            .find(|m| m.subject.contains("certificate") || m.subject.contains("Urkunde"))
            .unwrap_or_else(|| panic!("the certificate mail to {email}"));
        assert_eq!(mail.subject, subject);
        assert!(mail.text.contains(name), "{}", mail.text);
        assert!(
            mail.text.contains(&format!("{}/verify/", fx.app.base_url)),
            "{}",
            mail.text
        );
        let files = attachments(&mail);
        assert_eq!(files.len(), 1, "{email}: one attachment");
        let (file_name, content_type, pdf) = &files[0];
        assert_eq!(content_type, "application/pdf");
        assert!(
            file_name.starts_with(serial.split(' ').nth(1).unwrap()) && file_name.ends_with(".pdf"),
            "{file_name}"
        );
        let text = sound_pdf(pdf);
        for needle in [name, says.as_str(), serial, "Dr. Anna Schäfer"] {
            assert!(
                text.contains(needle),
                "{email}: {needle:?} missing from\n{text}"
            );
        }
        let (date, verify) = if email.starts_with("emma") {
            ("Düsseldorf, 10 November 2026", "Verify:")
        } else {
            ("Düsseldorf, 10. November 2026", "Echtheit prüfen:")
        };
        assert!(
            text.contains(date) && text.contains(verify),
            "{email}: {text}"
        );
        if email.starts_with("emma") {
            assert!(
                !text.contains("teilgenommen") && !text.contains("Teilnahme"),
                "{text}"
            );
        } else {
            assert!(!text.contains("attended"), "{text}");
        }
        assert_inside_page(pdf, false);
    }
    let page = fx
        .orga
        .get(&format!("/orga/certificates/templates/{id}"))
        .await;
    assert_eq!(
        page.texts("#issued tbody .serial"),
        ["CMR-2026-0001", "CMR-2026-0002", "CMR-2026-0003"]
    );
    assert_eq!(
        page.text("#issued tbody tr:nth-child(3) .name"),
        "Jürgen Größe-Weiß Müller & Söhne GmbH juergen@example.org"
    );
    let list = fx
        .orga
        .get(&format!("/orga/events/{SLUG}/certificates"))
        .await;
    assert_eq!(list.text("#templates tbody .issued"), "3");

    // Again: nothing new, no second mail.
    let again = fx.issue(id, true).await;
    assert_eq!(
        again.text(".progress-text"),
        "3 von 3 bearbeitet, davon 0 neu ausgestellt."
    );
    assert_eq!(fx.issued(id).await, issued);
    outbox_drained(&fx.app).await;
    for email in ["ada@example.org", "emma@example.org", "juergen@example.org"] {
        let n =
            mails_to(&fx.app, email, "Ihre Urkunde") + mails_to(&fx.app, email, "Your certificate");
        assert_eq!(n, 1, "{email}");
    }
    assert_eq!(mails_to(&fx.app, "nora@example.org", "Ihre Urkunde"), 0);

    // Ben is checked in late: he alone gets the next number and a mail.
    fx.attendee("ben@example.org", "Ben Becker", Lang::De, None)
        .await;
    let late = fx.issue(id, true).await;
    assert_eq!(
        late.text(".progress-text"),
        "4 von 4 bearbeitet, davon 1 neu ausgestellt."
    );
    let all = fx.issued(id).await;
    assert_eq!(
        all.iter().map(|r| (r.1, r.3.as_str())).collect::<Vec<_>>(),
        [
            (1, "Ada Lovelace"),
            (2, "Emma Walker"),
            (3, "Jürgen Größe-Weiß"),
            (4, "Ben Becker")
        ]
    );
    outbox_drained(&fx.app).await;
    assert_eq!(mails_to(&fx.app, "ben@example.org", "Ihre Urkunde"), 1);
    assert_eq!(mails_to(&fx.app, "ada@example.org", "Ihre Urkunde"), 1);

    // The ZIP: one PDF per valid certificate; a revoked one is left out.
    let zip_path = format!("/orga/certificates/templates/{id}/certificates.zip");
    let revoke_page = fx
        .orga
        .get(&format!("/orga/certificates/templates/{id}"))
        .await;
    let bens = all[3].0;
    let revoked = fx
        .orga
        .submit(
            &revoke_page,
            &format!("#cert-{bens} form"),
            &[("reason", "Nicht anwesend gewesen")],
        )
        .await;
    assert_eq!(revoked.text(".flash"), "Die Urkunde ist widerrufen.");
    let zip = get_bytes(&fx.orga, &zip_path).await;
    assert_eq!(zip.status, 200);
    assert_eq!(zip.content_type, "application/zip");
    assert!(
        zip.disposition.contains("certificates-CMR-2026.zip"),
        "{}",
        zip.disposition
    );
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip.bytes)).unwrap();
    let mut names: Vec<String> = archive
        .file_names()
        .map(|n| n.unwrap().to_string())
        .collect();
    names.sort();
    assert_eq!(names.len(), 3, "{names:?}");
    for (name, serial) in names
        .iter()
        .zip(["CMR-2026-0001", "CMR-2026-0002", "CMR-2026-0003"])
    {
        assert!(name.starts_with(serial) && name.ends_with(".pdf"), "{name}");
        let mut pdf = Vec::new();
        archive
            .by_name(name)
            .unwrap()
            .read_to_end(&mut pdf)
            .unwrap();
        let text = sound_pdf(&pdf);
        assert!(text.contains(serial), "{name}: {text}");
    }
}

// --- 4. PDFs that hold long texts ------------------------------------------------------------

/// A 120-character name and a 2,000-character body wrap onto several lines and every word stays
/// inside the page, upright and turned (re-issued after the template was turned); the name comes
/// out whole.
#[tokio::test]
async fn long_names_and_bodies_wrap_and_stay_on_the_page() {
    let fx = Fx::new().await;
    let name = "Maximiliane Theodora Konstanze Wilhelmine Friederike von und zu Hohenzollern-Sigmaringen-Hechingen Ypsilon Ida Zacharias";
    assert_eq!(name.chars().count(), 120);
    fx.attendee(
        "max@example.org",
        name,
        Lang::De,
        Some("Müller & Söhne GmbH"),
    )
    .await;
    let sentence = "Sie hat an allen Werkstätten über Wasserstoff, Kreislaufwirtschaft und die „Straße der Möglichkeiten“ teilgenommen und dabei Ergebnisse für größere Übergänge erarbeitet. ";
    let mut body: String = sentence.repeat(2_000 / sentence.chars().count() + 1);
    body = body.chars().take(2_000).collect();
    let body = body.trim_end().to_string();
    assert!(body.chars().count() > 1_990);
    let id = fx
        .template(&[
            ("body_de", body.as_str()),
            ("place", "Düsseldorf"),
            ("signatory1_name", "Dr. Anna Schäfer"),
            ("signatory1_role", "Geschäftsführerin"),
            ("signatory2_name", "Prof. Dr. Bartholomäus Quastenflosser"),
            (
                "signatory2_role",
                "Vorsitzender des Vereins zur Förderung der Innovationskultur",
            ),
            ("serial_prefix", "CMR-2026"),
        ])
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
            &[
                ("logo", "logo.png", logo_png()),
                ("signature", "signature.png", signature_png()),
            ],
        )
        .await;
    fx.issue(id, false).await;
    let mut cert = fx.issued(id).await[0].0;
    let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");

    for landscape in [false, true] {
        if landscape {
            // Turned: the template changes, and the certificate is re-issued from it (an issued
            // certificate keeps the layout it was issued with).
            let page = fx
                .orga
                .get(&format!("/orga/certificates/templates/{id}"))
                .await;
            let saved = fx
                .orga
                .submit(&page, "#template-form", &[("landscape", "1")])
                .await;
            assert_eq!(saved.status, 200);
            let reissued = fx
                .orga
                .submit(&saved, &format!("#cert-{cert} td.reissue form"), &[])
                .await;
            assert_eq!(reissued.status, 200);
            cert = fx.issued(id).await[1].0;
        }
        let pdf = get_bytes(&fx.orga, &format!("/orga/certificates/{cert}/pdf")).await;
        assert_eq!(pdf.status, 200);
        assert_eq!(pdf.content_type, "application/pdf");
        assert!(pdf.disposition.starts_with("attachment"));
        let text = sound_pdf(&pdf.bytes);
        assert!(
            text.contains(name),
            "landscape {landscape}: the whole name:\n{text}"
        );
        assert!(
            text.contains(&words(&body)),
            "landscape {landscape}: the whole body:\n{text}"
        );
        let placed = assert_inside_page(&pdf.bytes, landscape);
        let lines = |first: &str, last: &str| {
            let ys: BTreeSet<i64> = placed
                .iter()
                .filter(|w| w.text == first || w.text == last)
                .map(|w| w.y_min.round() as i64)
                .collect();
            ys.len()
        };
        assert!(
            lines("Maximiliane", "Zacharias") >= 2,
            "landscape {landscape}: the name wraps"
        );
        let body_lines: BTreeSet<i64> = placed
            .iter()
            .filter(|w| w.text == "Werkstätten")
            .map(|w| w.y_min.round() as i64)
            .collect();
        assert!(body_lines.len() >= 5, "the body wraps: {body_lines:?}");
        // The body stays above the place and date line, clear of the signatures.
        let place_top = placed
            .iter()
            .find(|w| w.text == "Düsseldorf,")
            .map(|w| w.y_min)
            .expect("place and date");
        let body_bottom = placed
            .iter()
            .filter(|w| w.text == "Werkstätten")
            .map(|w| w.y_max)
            .fold(0.0, f64::max);
        assert!(
            body_bottom < place_top,
            "{body_bottom} runs into {place_top}"
        );
    }
}

// --- 5. Verification and revocation ---------------------------------------------------------

/// The public verify page shows genuine, recipient, what for, issued date and signatories —
/// and nothing the certificate does not show. Codes work typed sloppily; unknown ones get a
/// clear 404. Revoking needs a reason, then the page says revoked (without the reason) and the
/// recipient can no longer download it.
#[tokio::test]
async fn anyone_verifies_a_code_and_revocation_shows_at_once() {
    let fx = Fx::new().await;
    fx.attendee(
        "juergen@example.org",
        "Jürgen Größe-Weiß",
        Lang::De,
        Some("Müller & Söhne GmbH"),
    )
    .await;
    fx.attendee("emma@example.org", "Emma Walker", Lang::En, None)
        .await;
    let id = fx
        .template(&[
            ("place", "Düsseldorf"),
            ("signatory1_name", "Dr. Anna Schäfer"),
            ("signatory1_role", "Geschäftsführerin"),
            ("signatory2_name", "Jürgen Weiß"),
            ("serial_prefix", "CMR-2026"),
        ])
        .await;
    fx.app.clock.advance(Duration::days(9));
    fx.issue(id, false).await;
    let issued = fx.issued(id).await;
    let (cert, code) = (issued[1].0, issued[1].2.clone());
    assert_eq!(issued[1].3, "Jürgen Größe-Weiß");
    let printed = format!(
        "{}-{}-{}-{}",
        &code[..5],
        &code[5..10],
        &code[10..15],
        &code[15..]
    );

    let visitor = fx.app.client("de");
    let page = visitor.get(&format!("/verify/{printed}")).await;
    assert_eq!(page.status, 200);
    assert_eq!(page.text("#verify-result h2"), "Diese Urkunde ist echt.");
    assert_eq!(page.text("#certificate .title"), "Teilnahmebescheinigung");
    assert_eq!(
        page.text("#certificate .recipient"),
        "Jürgen Größe-Weiß, Müller & Söhne GmbH"
    );
    assert_eq!(
        page.text("#certificate .for"),
        format!("{EVENT_DE}, 8.–9. November 2026")
    );
    assert_eq!(page.text("#certificate .issued"), "10. November 2026");
    assert_eq!(
        page.texts("#certificate .by"),
        ["Dr. Anna Schäfer, Geschäftsführerin Jürgen Weiß"]
    );
    assert_eq!(page.text("#certificate .serial"), "CMR-2026-0002");
    assert!(
        !page.body.contains("juergen@example.org"),
        "no e-mail address"
    );
    // What the page says, the PDF says too.
    let pdf = get_bytes(&fx.orga, &format!("/orga/certificates/{cert}/pdf")).await;
    let text = sound_pdf(&pdf.bytes);
    for shown in [
        "Teilnahmebescheinigung",
        "Jürgen Größe-Weiß",
        "Müller & Söhne GmbH",
        "10. November 2026",
        "Dr. Anna Schäfer",
        "Geschäftsführerin",
        "Jürgen Weiß",
        "CMR-2026-0002",
        EVENT_DE,
        &printed,
    ] {
        assert!(
            text.contains(shown),
            "{shown:?} is on the page but not in the PDF:\n{text}"
        );
    }
    let en = fx.app.client("en").get(&format!("/verify/{printed}")).await;
    assert_eq!(en.text("#verify-result h2"), "This certificate is genuine.");
    assert_eq!(
        en.text("#certificate .for"),
        format!("{EVENT_EN}, 8–9 November 2026")
    );

    // Typed from paper: lower case, spaces, O for 0 and l for 1.
    let sloppy: String = printed
        .to_lowercase()
        .replace('-', " ")
        .replace('0', "o")
        .replace('1', "l");
    let typed = visitor
        .get(&format!("/verify?code={}", sloppy.replace(' ', "+")))
        .await;
    assert_eq!(typed.status, 200);
    assert!(
        typed.url.ends_with(&format!("/verify/{printed}")),
        "{}",
        typed.url
    );
    assert_eq!(typed.text("#certificate .serial"), "CMR-2026-0002");
    let form = visitor.get("/verify").await;
    assert_eq!(form.status, 200);
    assert!(form.attr("#verify-form input[name=code]", "id").is_some());

    // Unknown and malformed codes.
    let mut other = code.clone().into_bytes();
    other[0] = if other[0] == b'Z' { b'Y' } else { b'Z' };
    let other = String::from_utf8(other).unwrap();
    for wrong in [other.as_str(), "ABC", "UUUUU-UUUUU-UUUUU-UUUUU"] {
        let page = visitor.get(&format!("/verify/{wrong}")).await;
        assert_eq!(page.status, 404, "{wrong}");
        assert_eq!(
            page.text("#verify-result h2"),
            "Zu diesem Code gibt es keine Urkunde.",
            "{wrong}"
        );
        assert!(page.text("#certificate").is_empty());
    }

    // Jürgen downloads his certificate, until it is revoked.
    let mine = fx.app.signed_in("juergen@example.org", "de").await;
    let own = get_bytes(&mine, &format!("/me/certificates/{cert}/pdf")).await;
    assert_eq!(own.status, 200);
    assert_eq!(own.content_type, "application/pdf");

    // Revoking without a reason is refused; nothing changes.
    let page = fx
        .orga
        .get(&format!("/orga/certificates/templates/{id}"))
        .await;
    let refused = fx
        .orga
        .submit(&page, &format!("#cert-{cert} form"), &[("reason", "  ")])
        .await;
    assert_eq!(refused.status, 422);
    assert_eq!(
        refused.text(".error-summary li"),
        "Grund des Widerrufs: Bitte geben Sie einen Grund für den Widerruf an."
    );
    assert!(
        refused
            .attr(&format!("#cert-{cert} details"), "open")
            .is_some()
    );
    // The message also stands at the field, which says it is invalid.
    assert_eq!(
        refused.text(&format!("#reason-{cert}-error")),
        "Bitte geben Sie einen Grund für den Widerruf an."
    );
    assert_eq!(
        refused
            .attr(&format!("#reason-{cert}"), "aria-invalid")
            .as_deref(),
        Some("true")
    );
    assert_eq!(
        fx.app
            .count("select count(*) from certificates where revoked_at is not null")
            .await,
        0
    );
    let reason = "Doppelt ausgestellt, siehe Vorgang 4711";
    let revoked = fx
        .orga
        .submit(&page, &format!("#cert-{cert} form"), &[("reason", reason)])
        .await;
    assert_eq!(revoked.status, 200);
    assert_eq!(revoked.text(".flash"), "Die Urkunde ist widerrufen.");
    assert_eq!(
        revoked.text(&format!("#cert-{cert} .status")),
        format!("Widerrufen am 10. November 2026: {reason}")
    );
    let row: (Option<String>, String) = sqlx::query_as(
        "select cast(revoked_at as text), revoked_reason from certificates where id = $1",
    )
    .bind(cert)
    .fetch_one(&fx.app.db)
    .await
    .unwrap();
    assert!(row.0.is_some());
    assert_eq!(row.1, reason);
    let again = fx
        .orga
        .submit(
            &page,
            &format!("#cert-{cert} form"),
            &[("reason", "nochmal")],
        )
        .await;
    assert_eq!(again.status, 409, "revoked once only");

    let page = visitor.get(&format!("/verify/{printed}")).await;
    assert_eq!(page.status, 200);
    assert_eq!(
        page.text("#verify-result h2"),
        "Diese Urkunde wurde widerrufen."
    );
    assert_eq!(
        page.text("#verify-result p"),
        "Widerrufen am 10. November 2026"
    );
    assert!(
        !page.body.contains("Doppelt") && !page.body.contains("4711"),
        "no reason"
    );
    assert!(!page.body.contains("juergen@example.org"));
    assert_eq!(
        get_bytes(&mine, &format!("/me/certificates/{cert}/pdf"))
            .await
            .status,
        404
    );
    let list = mine.get("/me/certificates").await;
    assert_eq!(
        list.texts("#certificates .card .badge"),
        ["Widerrufen am 10. November 2026"]
    );
    assert!(
        list.attr("#certificates a[download]", "href").is_none(),
        "no download"
    );
    // The other certificate is untouched.
    let emma = visitor.get(&format!("/verify/{}", issued[0].2)).await;
    assert_eq!(emma.text("#verify-result h2"), "Diese Urkunde ist echt.");
}

// --- 6. Recipients --------------------------------------------------------------------------

/// A recipient lists and downloads their own certificates under /me; the PDF carries the
/// verify address and code; another person's certificate is a 404 for them, and visitors are
/// sent to sign in.
#[tokio::test]
async fn recipients_list_and_download_only_their_own_certificates() {
    let fx = Fx::new().await;
    fx.attendee("ada@example.org", "Ada Lovelace", Lang::De, None)
        .await;
    fx.attendee("emma@example.org", "Emma Walker", Lang::En, None)
        .await;
    person(
        &fx.app,
        "nobody@example.org",
        "Nora Niemand",
        Lang::De,
        None,
    )
    .await;
    let id = fx.template(&[("serial_prefix", "CMR-2026")]).await;
    fx.app.clock.advance(Duration::days(9));
    fx.issue(id, false).await;
    let issued = fx.issued(id).await;
    let (ada_cert, emma_cert) = (issued[0].0, issued[1].0);

    let ada = fx.app.signed_in("ada@example.org", "de").await;
    let list = ada.get("/me/certificates").await;
    assert_eq!(list.status, 200);
    assert_eq!(list.text("h1"), "Meine Urkunden");
    assert_eq!(
        list.texts("#certificates .card h2"),
        ["Teilnahmebescheinigung"]
    );
    assert_eq!(
        list.texts("#certificates .card p"),
        [
            format!("{EVENT_DE}, 8.–9. November 2026"),
            "Nr. CMR-2026-0001 · Ausgestellt am 10. November 2026".into(),
            "PDF herunterladen Teilnahmebescheinigung Echtheit prüfen".into(),
        ]
    );
    let href = list.attr("#certificates a[download]", "href").unwrap();
    assert_eq!(href, format!("/me/certificates/{ada_cert}/pdf"));
    let pdf = get_bytes(&ada, &href).await;
    assert_eq!(pdf.status, 200);
    assert_eq!(pdf.content_type, "application/pdf");
    assert!(
        pdf.disposition.starts_with("attachment") && pdf.disposition.contains("CMR-2026-0001"),
        "{}",
        pdf.disposition
    );
    let code = &issued[0].2;
    let printed = format!(
        "{}-{}-{}-{}",
        &code[..5],
        &code[5..10],
        &code[10..15],
        &code[15..]
    );
    let text = sound_pdf(&pdf.bytes);
    assert!(
        text.contains(&format!("{}/verify/{printed}", fx.app.base_url)),
        "the verify address is printed:\n{text}"
    );
    assert!(text.contains("Ada Lovelace") && !text.contains("Emma Walker"));
    let verify = list
        .attr("#certificates a[href^='/verify/']", "href")
        .unwrap();
    assert_eq!(verify, format!("/verify/{printed}"));

    // Emma's certificate is not Ada's to see; an id that does not exist neither.
    for other in [emma_cert, emma_cert + 100] {
        let got = get_bytes(&ada, &format!("/me/certificates/{other}/pdf")).await;
        assert_eq!(got.status, 404, "{other}");
        assert!(!String::from_utf8_lossy(&got.bytes).contains("Emma"));
    }
    let emma = fx.app.signed_in("emma@example.org", "de").await;
    let hers = emma.get("/me/certificates").await;
    assert_eq!(hers.text("h1"), "My certificates", "Emma prefers English");
    assert_eq!(
        hers.texts("#certificates .card h2"),
        ["Certificate of attendance"]
    );
    let pdf = get_bytes(&emma, &format!("/me/certificates/{emma_cert}/pdf")).await;
    let text = sound_pdf(&pdf.bytes);
    assert!(
        text.contains("Certificate of attendance") && text.contains("Emma Walker"),
        "{text}"
    );

    let nobody = fx.app.signed_in("nobody@example.org", "de").await;
    let none = nobody.get("/me/certificates").await;
    assert_eq!(none.text("#certificates"), "Sie haben noch keine Urkunden.");
    assert_eq!(
        get_bytes(&nobody, &format!("/me/certificates/{ada_cert}/pdf"))
            .await
            .status,
        404
    );
    let visitor = fx.app.client("de");
    assert!(
        visitor
            .get("/me/certificates")
            .await
            .url
            .contains("/signin")
    );
    let anonymous = get_bytes(&visitor, &format!("/me/certificates/{ada_cert}/pdf")).await;
    assert!(!anonymous.bytes.starts_with(b"%PDF"), "no PDF for visitors");
}

// --- 7. Who may do what ---------------------------------------------------------------------

/// A participant, an organiser of another event and a visitor reach none of the organisers'
/// certificate pages and forms (403 or 404, or sign-in), and change nothing; forms without the
/// CSRF token are refused even for the organiser.
#[tokio::test]
async fn only_the_events_organisers_reach_its_certificates() {
    let fx = Fx::new().await;
    fx.attendee("ada@example.org", "Ada Lovelace", Lang::De, None)
        .await;
    let id = fx
        .template(&[
            ("title_de", "Geheime Vorlage"),
            ("serial_prefix", "CMR-2026"),
        ])
        .await;
    let job_page = fx.issue(id, false).await;
    let job = job_page.url.rsplit('/').next().unwrap().to_string();
    let cert = fx.issued(id).await[0].0;

    // Erik organises another event only.
    event(&fx.app, &fx.olaf, "other-2026", "Andere", "Other").await;
    let erik = fx
        .app
        .account("erik@example.org", "Erik Eventmann", false)
        .await;
    let other_event: i64 = sqlx::query_scalar("select id from events where slug = 'other-2026'")
        .fetch_one(&fx.app.db)
        .await
        .unwrap();
    {
        let mut conn = fx.app.db.acquire().await.unwrap();
        convene::account::queries::insert_grant(
            &mut conn,
            erik,
            convene::account::Role::Organiser,
            convene::account::Scope::Event(other_event),
            Some(fx.olaf.id),
            fx.app.clock.now(),
        )
        .await
        .unwrap();
    }
    let erik = fx.app.signed_in("erik@example.org", "de").await;
    assert_eq!(
        erik.get("/orga/events/other-2026/certificates")
            .await
            .status,
        200,
        "Erik organises his own event's certificates"
    );
    let ada = fx.app.signed_in("ada@example.org", "de").await;
    let visitor = fx.app.client("de");

    let base = format!("/orga/certificates/templates/{id}");
    let gets = [
        format!("/orga/events/{SLUG}/certificates"),
        base.clone(),
        format!("{base}/preview.pdf?lang=de"),
        format!("{base}/certificates.zip"),
        format!("/orga/certificates/jobs/{job}"),
        format!("/orga/certificates/{cert}/pdf"),
    ];
    let posts = [
        format!("/orga/events/{SLUG}/certificates"),
        base.clone(),
        format!("{base}/preview"),
        format!("{base}/issue"),
        format!("{base}/delete"),
        format!("{base}/images"),
        format!("/orga/certificates/{cert}/revoke"),
    ];
    for (who, client) in [("Ada", &ada), ("Erik", &erik)] {
        for path in &gets {
            let got = get_bytes(client, path).await;
            assert!(
                [403, 404].contains(&got.status),
                "{who} GET {path}: {}",
                got.status
            );
            let body = String::from_utf8_lossy(&got.bytes);
            assert!(!got.bytes.starts_with(b"%PDF") && !got.bytes.starts_with(b"PK"));
            assert!(!body.contains("Geheime Vorlage") && !body.contains("ada@example.org"));
        }
        let token = client
            .get("/me")
            .await
            .attr("input[name=csrf_token]", "value")
            .expect("a CSRF token");
        for path in &posts {
            let page = client
                .post_form(
                    path,
                    &[
                        ("csrf_token", token.as_str()),
                        ("kind", "attendance"),
                        ("title_de", "Übernommen"),
                        ("title_en", "Taken over"),
                        ("serial_prefix", "X"),
                        ("reason", "weil"),
                        ("send_mail", "1"),
                        ("remove_logo", "1"),
                    ],
                )
                .await;
            assert!(
                [403, 404].contains(&page.status),
                "{who} POST {path}: {}",
                page.status
            );
        }
    }
    for path in &gets {
        let page = visitor.get(path).await;
        assert!(
            page.url.contains("/signin"),
            "visitor GET {path}: {}",
            page.url
        );
    }
    let unchanged = || async {
        (
            fx.app
                .count("select count(*) from certificate_templates")
                .await,
            fx.app.count("select count(*) from certificate_jobs").await,
            fx.app
                .count("select count(*) from certificates where revoked_at is null")
                .await,
            sqlx::query_scalar::<_, String>("select title_de from certificate_templates")
                .fetch_one(&fx.app.db)
                .await
                .unwrap(),
        )
    };
    assert_eq!(unchanged().await, (1, 1, 1, "Geheime Vorlage".to_string()));

    // The organiser without the token: refused, nothing changes.
    for (path, fields) in [
        (
            format!("/orga/events/{SLUG}/certificates"),
            vec![
                ("kind", "attendance"),
                ("title_de", "Neu"),
                ("title_en", "New"),
                ("serial_prefix", "N"),
            ],
        ),
        (format!("{base}/issue"), vec![("send_mail", "1")]),
        (
            format!("/orga/certificates/{cert}/revoke"),
            vec![("reason", "weil")],
        ),
        (format!("{base}/delete"), vec![]),
    ] {
        let page = fx.orga.post_form(&path, &fields).await;
        assert_eq!(page.status, 403, "{path} without a token");
        assert_eq!(
            page.text(".error-page .lead"),
            "Dieses Formular ist abgelaufen oder stammt nicht von dieser Website. Bitte laden Sie die Seite neu und versuchen Sie es noch einmal."
        );
    }
    assert_eq!(unchanged().await, (1, 1, 1, "Geheime Vorlage".to_string()));
}

/// Two issuers of one template at once (two app servers, or a job and a single issue) never
/// give anyone a second certificate or two certificates one serial number.
#[tokio::test]
async fn concurrent_issuing_never_duplicates_a_certificate_or_a_serial() {
    use convene::certificate::model::{Owner, TemplateInput};
    use convene::certificate::service as certificates;

    const PEOPLE: i64 = 60;
    let app = TestApp::spawn().await;
    let olaf = app.organiser_and_event("parallel").await;
    let event: i64 = sqlx::query_scalar("select id from events where slug = 'parallel'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let now = app.clock.now();
    for i in 0..PEOPLE {
        let account: i64 = sqlx::query_scalar(
            "insert into accounts (email, name, language, created_at, updated_at) \
             values ($1, $2, 'de', $3, $3) returning id",
        )
        .bind(format!("p{i}@example.org"))
        .bind(format!("Person {i:02}"))
        .bind(now)
        .fetch_one(&app.db)
        .await
        .unwrap();
        sqlx::query(
            "insert into registrations (event_id, account_id, status, code, checked_in_at, created_at, updated_at) \
             values ($1, $2, 'confirmed', $3, $4, $4, $4)",
        )
        .bind(event)
        .bind(account)
        .bind(format!("PAR{i:04}"))
        .bind(now)
        .execute(&app.db)
        .await
        .unwrap();
    }
    let template = certificates::create(
        &app.state,
        &olaf,
        Owner::Event(convene::ids::EventId(event)),
        &TemplateInput {
            kind: "attendance".into(),
            title_de: "Teilnahmebescheinigung".into(),
            title_en: "Certificate of attendance".into(),
            serial_prefix: "PAR".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();

    // Four issuers at once; one of them may be told that a job is already running.
    let issue = || certificates::issue_now(&app.state, &olaf, template.id, false);
    let results = tokio::join!(issue(), issue(), issue(), issue());
    let mut ran = 0;
    for r in [results.0, results.1, results.2, results.3] {
        match r {
            Ok(job) => {
                assert_eq!(job.status, "done");
                ran += 1;
            }
            Err(convene::error::AppError::Conflict(m)) => assert_eq!(m.id, "cert-job-busy"),
            Err(e) => panic!("unexpected: {e:?}"),
        }
    }
    assert!(ran >= 1);
    let serials: Vec<i64> = sqlx::query_scalar(
        "select serial from certificates where template_id = $1 order by serial",
    )
    .bind(template.id)
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(serials, (1..=PEOPLE).collect::<Vec<_>>());
    let subjects = app
        .count("select count(distinct subject) from certificates")
        .await;
    assert_eq!(subjects, PEOPLE);
}

/// The service itself refuses a template from someone who does not organise the event, whatever
/// adapter (page, API, script) calls it.
#[tokio::test]
async fn only_organisers_create_templates_through_the_service() {
    use convene::certificate::model::{Owner, TemplateInput};
    use convene::certificate::service as certificates;

    let app = TestApp::spawn().await;
    app.organiser_and_event("owned").await;
    let event = convene::ids::EventId(
        sqlx::query_scalar("select id from events where slug = 'owned'")
            .fetch_one(&app.db)
            .await
            .unwrap(),
    );
    let mallory = app
        .actor(app.account("mallory@example.org", "Mallory", false).await)
        .await;
    let input = TemplateInput {
        kind: "attendance".into(),
        title_de: "Teilnahmebescheinigung".into(),
        title_en: "Certificate of attendance".into(),
        serial_prefix: "OWN".into(),
        ..Default::default()
    };
    let refused = certificates::create(&app.state, &mallory, Owner::Event(event), &input).await;
    assert!(
        matches!(refused, Err(convene::error::AppError::Forbidden(_))),
        "{refused:?}"
    );
    assert_eq!(
        app.count("select count(*) from certificate_templates")
            .await,
        0
    );
}
