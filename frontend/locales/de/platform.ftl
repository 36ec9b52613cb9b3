# The platform: organisations as owners, organiser requests, teams, the administrators' area.

admin-overview-title = Überblick
admin-requests-title = Anfragen
admin-settings-title = Einstellungen
admin-outbox-title = Postausgang
admin-log-title = Protokoll
admin-log-hint = Wer hat wann was geändert – auf der ganzen Website. Neueste zuerst.
admin-count-accounts = Konten
admin-count-organisations = Organisationen
admin-count-requests = Offene Anfragen zum Organisieren
admin-count-events = Veranstaltungen
admin-count-calls = Wettbewerbe
admin-count-registrations = Anmeldungen
admin-count-submissions = Einreichungen
admin-count-certificates = Urkunden
admin-count-mail-queued = E-Mails in der Warteschlange
admin-count-mail-failed = E-Mails fehlgeschlagen
admin-signup-legend = Wer darf Veranstaltungen und Wettbewerbe anlegen?
admin-signup-approval = Wer für eine Organisation organisieren möchte, fragt an; eine Administratorin oder ein Administrator entscheidet.
admin-signup-open = Jede Anfrage wird sofort angenommen (offene Registrierung für Organisierende).
flash-settings-saved = Die Einstellungen wurden gespeichert.
admin-outbox-states = Zustand der E-Mails
admin-outbox-queued = In der Warteschlange
admin-outbox-failed = Fehlgeschlagen
admin-outbox-sent = Versendet
admin-mail-to = An
admin-mail-subject = Betreff
admin-mail-created = Erstellt
admin-mail-attempts = Versuche
admin-mail-when = Nächster Versuch / versendet
admin-mail-error = Letzter Fehler
admin-mail-actions = Aktionen
admin-mail-retry = Erneut senden
admin-mail-none = Keine E-Mails in diesem Zustand.
admin-mail-not-retryable = Diese E-Mail wurde bereits versendet.
flash-mail-retry = Die E-Mail wird erneut versendet.
admin-request-status = Status
admin-request-who = Wer
admin-request-organisation = Organisation
admin-request-message = Nachricht
admin-request-new = neu
admin-request-approve = Annehmen
admin-request-decline = Ablehnen
admin-request-none = Keine Anfragen.
flash-request-decided = Die Anfrage wurde entschieden; die Person wurde benachrichtigt.

audit-search = Suche
audit-kind-account = Konten
audit-kind-organisation = Organisationen
audit-kind-organiser_request = Anfragen zum Organisieren
audit-kind-site = Website
audit-kind-event = Veranstaltung
audit-kind-team = Team
audit-kind-agenda = Programm
audit-kind-registration = Anmeldungen
audit-kind-booking = Buchungen
audit-kind-certificate = Urkunden
audit-kind-matchmaking = Matchmaking
audit-event-create = Veranstaltung angelegt
audit-event-update = Veranstaltung bearbeitet
audit-event-status = Status der Veranstaltung geändert
audit-event-owner = Veranstaltende Organisation geändert
audit-call-owner = Veranstaltende Organisation geändert
audit-team-add = Ins Team eingeladen
audit-team-remove = Aus dem Team entfernt
audit-site-settings = Einstellungen der Website geändert
audit-mail-retry = E-Mail erneut gesendet
audit-account-grant_role = Rolle vergeben
audit-account-revoke_role = Rolle entzogen
audit-organisation-create = Organisation angelegt
audit-organisation-verify = Organisation bestätigt
audit-organiser_request-ask = Anfrage zum Organisieren gestellt
audit-organiser_request-approve = Anfrage zum Organisieren angenommen
audit-organiser_request-decline = Anfrage zum Organisieren abgelehnt
audit-registration-register = Angemeldet
audit-registration-check_in = Eingecheckt
audit-agenda-publish = Programm veröffentlicht
event-log-hint = Wer hat wann was geändert: an der Veranstaltung, ihrem Team, ihrem Programm und ihren Anmeldungen. Neueste zuerst.

request-title = Organisieren anfragen
request-lead = Sie möchten Veranstaltungen oder Wettbewerbe anlegen?
request-intro = Veranstaltungen und Wettbewerbe gehören einer Organisation. Fragen Sie an, für eine bestehende Organisation zu organisieren, oder beschreiben Sie eine neue.
request-open = Anfragen werden auf dieser Website sofort angenommen.
request-approval = Eine Administratorin oder ein Administrator prüft Ihre Anfrage; Sie erhalten eine E-Mail mit der Entscheidung.
request-mine = Ihre Anfragen
request-organisation = Organisation
request-organisation-new = – eine neue Organisation (unten beschreiben) –
request-new-legend = Neue Organisation
request-new-hint = Nur ausfüllen, wenn Ihre Organisation oben nicht aufgeführt ist.
request-message = Nachricht an die Administration (wer Sie sind, was Sie planen)
request-submit = Anfrage senden
request-status-pending = wartet auf Entscheidung
request-status-approved = angenommen
request-status-declined = abgelehnt
request-org-exists = Diese Organisation gibt es schon: Bitte wählen Sie sie oben aus.
request-already-organiser = Sie organisieren bereits für diese Organisation.
request-pending-exists = Sie haben bereits eine offene Anfrage; bitte warten Sie auf die Entscheidung.
request-not-found = Diese Anfrage gibt es nicht.
request-decided = Über diese Anfrage wurde bereits entschieden.
flash-request-sent = Ihre Anfrage wurde gesendet. Sie erhalten eine E-Mail mit der Entscheidung.
flash-request-approved = Sie organisieren jetzt für diese Organisation und können Veranstaltungen und Wettbewerbe anlegen.
mail-request-admin-subject = Anfrage zum Organisieren: { $organisation }
mail-request-admin-body = { $name } ({ $email }) möchte für { $organisation } organisieren.

    { $message }

    Annehmen oder ablehnen: { $link }
mail-request-approved-subject = Sie organisieren jetzt für { $organisation }
mail-request-approved-body = Ihre Anfrage wurde angenommen: Sie organisieren jetzt für { $organisation } und können Veranstaltungen und Wettbewerbe anlegen und verwalten. Legen Sie gleich los: { $link }
mail-request-declined-subject = Ihre Anfrage zum Organisieren für { $organisation }
mail-request-declined-body = Ihre Anfrage, für { $organisation } zu organisieren, wurde leider abgelehnt. Bei Fragen antworten Sie einfach auf diese E-Mail.

team-title = Team
team-hint = Wer diese Veranstaltung oder diesen Wettbewerb mit welcher Rolle betreut. Die Organisatorinnen und Organisatoren der veranstaltenden Organisation gehören immer dazu.
team-count = { $count ->
    [one] 1 Person
   *[other] { $count } Personen
}
team-role = Rolle
team-via = Zugehörigkeit
team-via-invited = eingeladen
team-via-organisation = über { $name }
team-remove = Entfernen
team-none = Noch niemand im Team.
team-invite = Ins Team einladen
team-invite-hint = Die Person erhält eine E-Mail, die ihre Rolle erklärt. Wer noch kein Konto hat, bekommt eines und legt mit dem Link ein Passwort fest.
team-name-hint = Nur nötig, wenn die Adresse noch kein Konto hat.
team-invite-submit = Einladen
team-jurors-on-jury-page = Jurorinnen und Juroren laden Sie auf der Jury-Seite ein
team-member-exists = Diese Person hat diese Rolle hier bereits.
team-member-not-found = Diese Person gehört nicht (mehr) zum Team.
team-last-organiser = Die letzte Person, die organisiert, kann nicht entfernt werden.
team-juror-on-jury-page = Jurorinnen und Juroren entfernen Sie auf der Jury-Seite, mit ihren Zuweisungen.
flash-team-invited = Die Einladung wurde gesendet.
flash-team-removed = Die Person wurde aus dem Team entfernt.
mail-team-invite-subject = Sie gehören jetzt zum Team von { $place }
mail-team-invite-body = { $inviter } hat Sie in das Team von { $place } eingeladen, mit der Rolle „{ $role }“. Hier geht es los: { $link }
mail-team-duty-organiser = Als Organisatorin oder Organisator verwalten Sie Angaben, Programm, Anmeldungen, Urkunden und das Team.
mail-team-duty-checkin = Beim Check-in erfassen Sie am Eingang die Teilnehmenden mit ihrem Code oder Namen; mehr sehen Sie nicht.

list-shown = { $total ->
    [0] Keine Einträge
   *[other] { $from }–{ $to } von { $total }
}
list-pages = Seiten der Liste
list-prev = Vorherige Seite
list-next = Nächste Seite
admin-org-organisers = Organisierende

# The API reference page (/api/reference).
api-ref-title = API-Referenz
api-ref-lead = Alle Operationen der REST-API, als Text zum Lesen. Adressen beginnen mit
api-ref-spec = OpenAPI-Dokument (JSON)
api-ref-swagger = Anfragen ausprobieren (Swagger UI)
api-ref-tokens = Ihre API-Tokens
api-ref-contents = Inhalt
api-ref-parameters = Parameter
api-ref-name = Name
api-ref-in = Ort
api-ref-type = Typ
api-ref-description = Beschreibung
api-ref-required = Pflicht
api-ref-body = Inhalt der Anfrage (JSON)
api-ref-responses = Antworten
api-ref-status = Status
api-ref-other = Weitere
tokens-reference = API-Referenz als Text
