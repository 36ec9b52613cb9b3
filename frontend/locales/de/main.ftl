## Layout
layout-skip-to-content = Zum Inhalt springen
layout-nav-label = Hauptnavigation
layout-nav-home = Startseite
layout-nav-me = Mein Profil
layout-nav-admin = Verwaltung
layout-signed-in-as = Angemeldet als { $name }
layout-sign-in = Anmelden
layout-sign-out = Abmelden
layout-sign-up = Konto anlegen
layout-language = Sprache
layout-footer = convene – Business-Events und Innovationswettbewerbe aus einer Hand.

## Home
home-title = Veranstaltungen und Innovationswettbewerbe an einem Ort
home-lead = Programme planen, Anmeldungen öffnen, Wettbewerbe mit einer fairen Jury durchführen, Partner zusammenbringen und Urkunden ausstellen – auf Deutsch und Englisch, barrierefrei für alle.
home-card-organisers = Für Veranstalter
home-card-organisers-text = Veranstaltungen mit Programm anlegen, Anmeldungen öffnen, Innovationswettbewerbe ausschreiben, Jurys einladen, Ergebnisse veröffentlichen und Urkunden ausstellen.
home-card-participants = Für Teilnehmende
home-card-participants-text = Anmelden, Sessions auswählen, Projekte einreichen und pitchen, Termine buchen und alles in den eigenen Kalender übernehmen.
home-card-jurors = Für Jurorinnen und Juroren
home-card-jurors-text = Interessenkonflikte angeben und die zugewiesenen Beiträge nach gewichteten Kriterien bewerten.
home-card-everyone = Für alle
home-card-everyone-text = Ein Programm im Kalender abonnieren oder prüfen, ob eine Urkunde echt ist.
home-demo-title = Demo-Zugänge
home-demo-password = Alle Demo-Konten haben das Passwort { $password }.
home-demo-role = Rolle

## Forms
form-error-summary = Es gibt ein Problem
form-name = Vollständiger Name
form-email = E-Mail-Adresse
form-password = Passwort
form-new-password = Neues Passwort
form-password-hint = Mindestens 10 Zeichen. Ein kurzer Satz ist leicht zu merken und schwer zu erraten.
form-organisation = Organisation
form-organisation-hint = Optional. Aus der Liste wählen oder einen neuen Namen eingeben.
form-language = Bevorzugte Sprache

## Sign-up, sign-in, reset
signup-title = Konto anlegen
signup-submit = Konto anlegen
signup-have-account = Sie haben schon ein Konto?
signin-title = Anmelden
signin-submit = Anmelden
signin-forgot = Passwort vergessen?
signin-no-account = Noch kein Konto?
signin-unconfirmed-help = Ihre E-Mail-Adresse ist noch nicht bestätigt. Wir können Ihnen den Bestätigungslink noch einmal schicken.
signin-resend = Bestätigungslink erneut senden
check-mail-title = Bitte prüfen Sie Ihre E-Mails
check-mail-signup = Wir haben einen Link an { $email } geschickt. Öffnen Sie ihn, um Ihre Adresse zu bestätigen, und melden Sie sich dann an.
check-mail-resend = Falls zu { $email } ein noch unbestätigtes Konto gehört, haben wir einen neuen Link geschickt.
check-mail-reset = Falls zu { $email } ein Konto gehört, haben wir einen Link zum Festlegen eines neuen Passworts geschickt. Er ist eine Stunde gültig.
check-mail-spam = Nach einigen Minuten noch keine E-Mail? Sehen Sie im Spam-Ordner nach.
reset-request-title = Passwort zurücksetzen
reset-request-help = Geben Sie die E-Mail-Adresse Ihres Kontos ein. Wir schicken Ihnen einen Link, mit dem Sie ein neues Passwort festlegen.
reset-request-submit = Link senden
reset-form-title = Neues Passwort festlegen
reset-form-submit = Neues Passwort speichern

## Profile and API tokens
profile-title = Mein Profil
profile-roles = Rollen
profile-no-roles = Keine Rollen
profile-save = Profil speichern
tokens-title = API-Tokens
tokens-help = Mit persönlichen API-Tokens können Skripte die convene-API in Ihrem Namen nutzen. Senden Sie einen Token als „Authorization: Bearer <Token>“.
tokens-docs = API-Dokumentation
tokens-created = Ihr neuer Token
tokens-copy-now = Kopieren Sie ihn jetzt: Zu Ihrer Sicherheit wird er nur einmal angezeigt.
tokens-name = Name
tokens-name-hint = Wofür der Token ist, zum Beispiel „Skript für den Programmexport“.
tokens-create = Token erstellen
tokens-list = Ihre Tokens
tokens-created-at = Erstellt
tokens-last-used = Zuletzt benutzt
tokens-expires = Läuft ab
tokens-actions = Aktionen
tokens-revoke = Widerrufen
tokens-none = Sie haben keine API-Tokens.
tokens-never = nie

## Administration
admin-nav-label = Bereiche der Verwaltung
admin-accounts-title = Konten
admin-organisations-title = Organisationen
admin-accounts-search = Nach Name, E-Mail oder Organisation suchen
admin-search = Suchen
admin-accounts-count = { $count ->
    [one] Ein Konto
   *[other] { $count } Konten
}
admin-organisations-count = { $count ->
    [one] Eine Organisation
   *[other] { $count } Organisationen
}
admin-no-accounts = Keine passenden Konten.
admin-unconfirmed = unbestätigt
admin-roles = Rollen
admin-role = Rolle
admin-scope = Geltungsbereich
admin-scope-hint = Wo die Rolle gilt: auf der ganzen Website oder für eine Veranstaltung oder einen Wettbewerb.
admin-confirmed = E-Mail bestätigt
admin-created = Konto angelegt
admin-grant-title = Rolle vergeben
admin-grant = Rolle vergeben
admin-revoke = Entziehen
admin-org-kind = Art
admin-org-city = Ort
admin-org-website = Website
admin-org-website-hint = Optional, beginnend mit https://
admin-org-members = Mitglieder
admin-org-add = Organisation hinzufügen
admin-org-create = Organisation hinzufügen
yes = ja
no = nein

## Roles, scopes and kinds of organisation
role-admin = Administration
role-organiser = Veranstalter/in
role-juror = Juror/in
role-checkin = Einlasspersonal
role-participant = Teilnehmer/in
scope-site = ganze Website
org-kind-cluster = Cluster
org-kind-university = Hochschule
org-kind-research = Forschungsinstitut
org-kind-company = Unternehmen
org-kind-startup = Start-up
org-kind-agency = Wirtschaftsförderung
org-kind-ministry = Ministerium oder Behörde
org-kind-network = Netzwerk oder Verband
org-kind-other = Sonstige

## Flash messages
flash-confirmed = Danke, Ihre E-Mail-Adresse ist bestätigt. Sie können sich jetzt anmelden.
flash-signed-in = Sie sind angemeldet.
flash-signed-out = Sie haben sich abgemeldet.
flash-profile-saved = Ihr Profil wurde gespeichert.
flash-password-reset = Ihr Passwort wurde geändert. Bitte melden Sie sich mit dem neuen an.
flash-token-revoked = Der Token wurde widerrufen.
flash-role-granted = Die Rolle wurde vergeben.
flash-role-revoked = Die Rolle wurde entzogen.
flash-organisation-created = Die Organisation wurde hinzugefügt.

## Errors
error-reference = Referenz:
error-back-home = Zurück zur Startseite
error-bad-request-title = Ungültige Anfrage
error-bad-request = Die Anfrage konnte nicht verstanden werden. Bitte prüfen Sie die Adresse oder das Formular und versuchen Sie es erneut.
error-unauthenticated-title = Bitte melden Sie sich an
error-unauthenticated = Dafür müssen Sie angemeldet sein.
error-forbidden-title = Nicht erlaubt
error-forbidden = Das dürfen Sie leider nicht.
error-not-found-title = Seite nicht gefunden
error-not-found = Diese Seite gibt es nicht. Prüfen Sie die Adresse oder beginnen Sie auf der Startseite.
error-conflict-title = Das hat nicht geklappt
error-invalid-title = Bitte prüfen Sie Ihre Eingaben
error-invalid = Einige Angaben sind ungültig.
error-too-many-title = Zu viele Versuche
error-payload-too-large = Die Anfrage ist zu groß.
error-internal-title = Etwas ist schiefgegangen
error-internal = Bei uns ist ein Fehler aufgetreten. Bitte versuchen Sie es später noch einmal; wenn es wieder passiert, nennen Sie uns die Referenz unten.
error-csrf = Dieses Formular ist abgelaufen oder stammt nicht von dieser Website. Bitte laden Sie die Seite neu und versuchen Sie es noch einmal.
error-account-not-found = Dieses Konto gibt es nicht.
error-grant-not-found = Diese Rollenvergabe gibt es nicht.
error-token-not-found = Diesen API-Token gibt es nicht.
error-invalid-token = Der API-Token fehlt, ist ungültig, abgelaufen oder widerrufen.

## Validation and rules
valid-name-required = Geben Sie Ihren vollständigen Namen ein
valid-name-too-long = Der Name darf höchstens 120 Zeichen lang sein
valid-email-required = Geben Sie Ihre E-Mail-Adresse ein
valid-email-invalid = Geben Sie eine E-Mail-Adresse im richtigen Format ein, z. B. name@beispiel.de
valid-email-taken = Zu dieser E-Mail-Adresse gibt es schon ein Konto
valid-email-too-long = Die E-Mail-Adresse darf höchstens 254 Zeichen lang sein
valid-password-required = Geben Sie Ihr Passwort ein
valid-password-too-short = Das Passwort muss mindestens 10 Zeichen lang sein
valid-password-too-long = Das Passwort darf höchstens 200 Zeichen lang sein
valid-organisation-too-long = Der Name der Organisation darf höchstens 160 Zeichen lang sein
valid-language-invalid = Wählen Sie Deutsch oder Englisch
valid-token-name-required = Geben Sie einen Namen für den Token ein
valid-token-name-too-long = Der Name des Tokens darf höchstens 80 Zeichen lang sein
valid-role-invalid = Wählen Sie eine Rolle aus der Liste
valid-scope-invalid = Wählen Sie einen Geltungsbereich aus der Liste
valid-role-scope-mismatch = Diese Rolle kann in diesem Geltungsbereich nicht vergeben werden
valid-org-name-required = Geben Sie den Namen der Organisation ein
valid-org-name-taken = Eine Organisation mit diesem Namen gibt es schon
valid-org-kind-invalid = Wählen Sie eine Art aus der Liste
valid-city-too-long = Der Ort darf höchstens 80 Zeichen lang sein
valid-website-invalid = Geben Sie eine Webadresse ein, die mit http:// oder https:// beginnt
auth-signin-failed = E-Mail-Adresse oder Passwort sind nicht korrekt
auth-unconfirmed = Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse: Öffnen Sie den Link, den wir Ihnen geschickt haben
auth-rate-limited = Zu viele Versuche. Bitte warten Sie { $minutes } Minuten und versuchen Sie es dann erneut.
auth-link-invalid = Dieser Link ist ungültig oder abgelaufen. Bitte fordern Sie einen neuen an.
auth-grant-exists = Dieses Konto hat diese Rolle in diesem Geltungsbereich schon.
auth-last-admin = Der letzten Administratorin oder dem letzten Administrator kann die Rolle nicht entzogen werden.

## Emails
mail-greeting = Guten Tag { $name },
mail-signature = – convene
mail-confirm-subject = Bitte bestätigen Sie Ihre E-Mail-Adresse
mail-confirm-body = Danke, dass Sie ein Konto bei convene angelegt haben. Bitte bestätigen Sie Ihre E-Mail-Adresse, indem Sie diesen Link öffnen:
mail-confirm-expiry = Der Link ist 48 Stunden gültig. Wenn Sie kein Konto angelegt haben, können Sie diese E-Mail ignorieren.
mail-reset-subject = Neues Passwort festlegen
mail-reset-body = Jemand (hoffentlich Sie) möchte das Passwort Ihres convene-Kontos zurücksetzen. Öffnen Sie diesen Link, um ein neues festzulegen:
mail-reset-expiry = Der Link ist eine Stunde gültig und funktioniert einmal. Wenn Sie das nicht angefordert haben, ignorieren Sie diese E-Mail; Ihr Passwort bleibt unverändert.
mail-already-subject = Sie haben schon ein Konto
mail-already-body = Jemand (hoffentlich Sie) hat versucht, mit dieser E-Mail-Adresse ein convene-Konto anzulegen. Sie haben bereits eines.
mail-already-signin = Hier anmelden:
mail-already-reset = Passwort vergessen? Hier legen Sie ein neues fest:
