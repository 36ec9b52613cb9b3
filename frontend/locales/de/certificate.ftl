# Certificates: templates, issuing, downloads and verification.
cert-kind = Art
cert-kind-attendance = Teilnahmebescheinigung
cert-kind-speaker = Bescheinigung für Mitwirkende
cert-kind-pitch = Pitch-Urkunde
cert-kind-placement = Urkunde
cert-kind-jury = Dank für die Jurytätigkeit
cert-kind-wrong-owner = Diese Art passt nicht hierher: Teilnahme und Mitwirkung gehören zu Veranstaltungen, Pitch, Platzierung und Jury zu Calls.
cert-placeholder-unknown = Den Platzhalter {"{"}{ $name }{"}"} gibt es nicht.
cert-prefix-invalid = Nur Buchstaben, Ziffern und Bindestriche, höchstens 24 Zeichen.
cert-template-not-found = Diese Vorlage gibt es nicht (mehr).
cert-template-has-issued = Die Vorlage hat schon Urkunden ausgestellt und kann nicht gelöscht werden.
cert-not-found = Diese Urkunde gibt es nicht.
cert-job-not-found = Diesen Auftrag gibt es nicht.
cert-job-busy = Für diese Vorlage läuft schon ein Auftrag. Bitte warten Sie, bis er fertig ist.
cert-already-issued = Diese Urkunde wurde schon ausgestellt.
cert-already-revoked = Diese Urkunde ist bereits widerrufen.
cert-already-superseded = Diese Urkunde wurde bereits neu ausgestellt (Nr. { $serial }).
cert-reissue-no-recipient = Nach dem jetzigen Stand erhält diese Person keine Urkunde dieser Vorlage mehr; prüfen Sie zuerst die Angaben (z. B. den Check-in).
cert-revoke-reason-required = Bitte geben Sie einen Grund für den Widerruf an.
cert-image-too-large = Das Bild ist zu groß (höchstens { $max } MB).
cert-image-too-many-pixels = Das Bild hat zu viele Pixel (höchstens 4000 an einer Seite).
cert-image-not-image = Das ist kein PNG- oder JPEG-Bild.

cert-orga-link = Urkunden
cert-list-title = Urkunden: { $owner }
cert-back-to-event = Zurück zur Veranstaltung
cert-back-to-call = Zurück zum Call
cert-back-to-list = Zurück zu den Vorlagen
cert-back-to-template = Zurück zur Vorlage
cert-templates = Vorlagen
cert-template = Vorlage
cert-templates-none = Noch keine Vorlagen.
cert-issued-count = Ausgestellt
cert-revoked-count = Widerrufen
cert-template-new = Neue Vorlage
cert-template-create = Vorlage anlegen
cert-new-hint = Logo und Unterschrift laden Sie nach dem Anlegen hoch.
cert-session = Für
cert-session-whole-event = Die ganze Veranstaltung
cert-title-de = Titel (Deutsch)
cert-title-en = Titel (Englisch)
cert-title-hint = Groß über dem Namen, z. B. „Teilnahmebescheinigung“ oder „{"{"}placement{"}"}“.
cert-body-de = Text (Deutsch)
cert-body-en = Text (Englisch)
cert-place = Ort
cert-place-hint = Steht mit dem Ausstellungsdatum über den Unterschriften, z. B. „Düsseldorf“.
cert-signatories = Unterzeichnende
cert-signatory1-name = Name (1)
cert-signatory1-role = Funktion (1)
cert-signatory2-name = Name (2)
cert-signatory2-role = Funktion (2)
cert-landscape = Querformat (A4)
cert-serial-prefix = Präfix der laufenden Nummer
cert-serial-prefix-hint = Die Nummern lauten dann z. B. „CMR-2026-0001“.
cert-placeholders = Platzhalter: { $list }
cert-save = Speichern
cert-preview = Vorschau
cert-preview-unsaved = Vorschau ohne Speichern
cert-preview-de = Muster auf Deutsch (PDF)
cert-preview-en = Muster auf Englisch (PDF)
cert-design = Gestaltung
cert-images = Logo und Unterschrift
cert-logo = Logo
cert-signature = Unterschrift (eingescannt)
cert-image-hint = PNG oder JPEG, höchstens 2 MB.
cert-image-present = Ein Bild ist hinterlegt; ein neues ersetzt es.
cert-image-remove = Entfernen
cert-images-save = Bilder speichern
cert-template-delete = Vorlage löschen

cert-issue-title = Ausstellen
cert-recipients-now = { $count ->
    [0] Nach dem jetzigen Stand erhält niemand eine Urkunde.
    [one] Nach dem jetzigen Stand erhält eine Person eine Urkunde.
   *[other] Nach dem jetzigen Stand erhalten { $count } Personen eine Urkunde.
}
cert-issue-send-mail = Jeder Person ihre Urkunde per E-Mail schicken (nur einmal)
cert-issue = Urkunden ausstellen
cert-issue-hint = Wer schon eine Urkunde dieser Vorlage hat, bekommt keine zweite. Sie können jederzeit erneut ausstellen, etwa nach weiteren Check-ins.
cert-job = Auftrag
cert-job-queued = wartet
cert-job-running = läuft
cert-job-done = fertig
cert-job-failed = fehlgeschlagen
cert-job-progress = { $done } von { $total } bearbeitet, davon { $issued } neu ausgestellt.
cert-job-open = Auftrag ansehen
cert-download-zip = Alle als ZIP herunterladen
cert-issued = Ausgestellte Urkunden
cert-issued-none = Noch keine Urkunden ausgestellt.
cert-serial = Nr.
cert-recipient = Empfänger/in
cert-issued-at = Ausgestellt am
cert-emailed-at = Per E-Mail am
cert-status = Status
cert-valid = gültig
cert-revoke = Widerrufen
cert-revoke-reason = Grund des Widerrufs
cert-revoke-confirm = Urkunde widerrufen
cert-revoked-on = Widerrufen am { $date }: { $reason }
cert-revoked-on-short = Widerrufen am { $date }
cert-superseded-on = Ersetzt am { $date } durch { $serial }
cert-reissue = Neu ausstellen
cert-reissue-hint = Eine neue Urkunde mit neuer Nummer nach der Vorlage und den Angaben, wie sie jetzt sind. Die bisherige bleibt, wie sie ausgestellt wurde, und gilt als ersetzt (eine widerrufene bleibt widerrufen).
cert-reissue-send-mail = Die neue Urkunde per E-Mail schicken
cert-reissue-confirm = Urkunde neu ausstellen

cert-mine-title = Meine Urkunden
cert-mine-none = Sie haben noch keine Urkunden.
cert-download = PDF herunterladen
cert-verify-link = Echtheit prüfen

cert-verify-title = Urkunde prüfen
cert-verify-genuine = Diese Urkunde ist echt.
cert-verify-revoked = Diese Urkunde wurde widerrufen.
cert-verify-superseded = Diese Urkunde wurde durch { $serial } ersetzt.
cert-verify-superseded-on = Sie ist echt und bleibt, wie sie ausgestellt wurde; seit dem { $date } gilt an ihrer Stelle die Urkunde Nr. { $serial }.
cert-verify-not-found = Zu diesem Code gibt es keine Urkunde.
cert-verify-not-found-help = Bitte prüfen Sie den Code auf der Urkunde (20 Zeichen, z. B. ABCDE-FGHJK-MNPQR-STVWX).
cert-verify-what = Urkunde
cert-verify-for = Anlass
cert-verify-by = Unterzeichnet von
cert-verify-code = Prüfcode
cert-verify-code-hint = Steht unten auf der Urkunde neben dem QR-Code.
cert-verify-check = Prüfen

cert-pdf-serial = Nr. { $serial }
cert-pdf-verify = Echtheit prüfen:
cert-sample-name = Maxi Mustermann
cert-sample-organisation = Musterfirma GmbH
cert-sample-session = Matchmaking & Pitching Session
cert-sample-submission = Starkregen-Sensornetz
cert-mail-subject = Ihre Urkunde: { $title } – { $event }
cert-mail-body =
    Anbei erhalten Sie Ihre Urkunde „{ $title }“ ({ $event }) als PDF.

    Ob sie echt ist, kann jede und jeder hier prüfen:
    { $url }

    Alle Ihre Urkunden finden Sie auch unter { $me }.

flash-cert-template-created = Die Vorlage ist angelegt.
flash-cert-template-saved = Die Vorlage ist gespeichert.
flash-cert-template-deleted = Die Vorlage ist gelöscht.
flash-cert-images-saved = Die Bilder sind gespeichert.
flash-cert-revoked = Die Urkunde ist widerrufen.
flash-cert-reissued = Die Urkunde ist neu ausgestellt; die bisherige gilt als ersetzt.
