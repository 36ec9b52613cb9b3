## Jury: Regeln und Meldungen des Dienstes (die Seiten für Organisierende und Jurierende haben eigene Abschnitte)
valid-score-missing = Vergeben Sie für dieses Kriterium eine Punktzahl.
valid-score-out-of-scale = Vergeben Sie eine Punktzahl von { $min } bis { $max }.
valid-score-unknown-criterion = Dieses Kriterium gehört nicht zu dieser Runde.
valid-jury-scale = Die höchste Punktzahl muss über der niedrigsten liegen und darf höchstens 100 sein.
valid-jury-disagreement = Geben Sie eine positive Punktzahl an.
valid-jury-closes-before-opening = Die Runde muss nach ihrem Beginn enden.
valid-jury-session-required = Wählen Sie für eine Pitch-Runde die Pitching-Session der Veranstaltung.
valid-jury-session-invalid = Wählen Sie eine Pitching-Session der Veranstaltung dieses Calls.
valid-jury-weight = Geben Sie ein Gewicht über 0 und höchstens 100 an.
valid-jury-label-line = Schreiben Sie jede Beschriftung als „Punkte = Text“, z. B. „10 = herausragend“ (nicht: { $line }).
valid-jury-label-outside = Die Punktzahl { $score } liegt außerhalb der Skala { $min }–{ $max }.
valid-jury-label-twice = Die Punktzahl { $score } hat zwei Beschriftungen.
valid-jury-label-too-many = Bitte höchstens 20 Beschriftungen.
valid-jury-conflict-reason = Nennen Sie kurz den Grund des Interessenkonflikts (z. B. „Ich berate dieses Unternehmen“).
valid-jury-abstain-reason = Nennen Sie kurz, warum Sie sich enthalten.
valid-jury-placement = Jede Platzierung (1., 2., 3. …) kann einmal vergeben werden, beginnend mit 1.
jury-places-in-last-round = Plätze gehen an Finalisten oder werden in der letzten Runde des Calls vergeben. Legen Sie eine Runde für die Finalisten an, oder vergeben Sie die Plätze in der letzten Runde.
valid-jury-slot-order = Führen Sie jede Finalistin und jeden Finalisten der Runde genau einmal auf.
valid-jury-import-line = Zeile { $line }: Schreiben Sie „E-Mail der Jurorin oder des Jurors, Nummer der Einreichung“.
valid-jury-import-juror = Zeile { $line }: Diese Adresse gehört zu keinem Jurymitglied des Calls.
valid-jury-import-submission = Zeile { $line }: Diese Einreichung wird in dieser Runde nicht bewertet.
valid-jury-import-conflict = Zeile { $line }: Das Jurymitglied steht mit dieser Einreichung in einem Interessenkonflikt.
jury-round-not-found = Diese Jury-Runde gibt es nicht, oder sie gehört nicht zu Ihnen.
jury-entry-not-found = Diese Einreichung ist Ihnen nicht zugewiesen.
jury-criterion-not-found = Dieses Kriterium gibt es nicht.
jury-juror-not-found = Diese Person gehört nicht zur Jury des Calls.
jury-assignment-not-found = Diese Zuweisung gibt es nicht.
jury-round-closed = Die Runde ist geschlossen: Bewertungen können nicht mehr geändert werden.
jury-round-not-open = Die Runde hat noch nicht begonnen.
jury-round-not-confirmed = Der Juryvorsitz hat das Ergebnis dieser Runde noch nicht bestätigt.
jury-round-confirmed = Der Juryvorsitz hat das Ergebnis dieser Runde bestätigt; es kann nicht mehr geändert werden.
jury-confirm-open = Die Runde ist noch offen: Schließen Sie sie, bevor Sie das Ergebnis bestätigen.
jury-pitch-not-started = Die Bewertung öffnet, wenn dieser Pitch beginnt.
jury-declare-first = Erklären Sie zuerst, ob Sie mit dieser Einreichung in einem Interessenkonflikt stehen.
jury-conflict-declared = Sie haben einen Interessenkonflikt mit dieser Einreichung erklärt.
jury-conflict-organisation = Sie gehören zur Organisation der Einreichenden und bewerten diese Einreichung deshalb nicht.
jury-conflict-team = Sie gehören zum Team dieser Einreichung und bewerten sie deshalb nicht.
jury-assign-conflict = Dieses Jurymitglied steht mit der Einreichung in einem Interessenkonflikt und kann ihr nicht zugewiesen werden.
jury-unassign-reviewed = Das Jurymitglied hat diese Bewertung schon abgeschlossen; die Zuweisung bleibt.
jury-not-an-entrant = Diese Einreichung wird in dieser Runde nicht bewertet.
jury-decision-twice = Für jede Einreichung ist nur eine Entscheidung möglich.
valid-jury-name-required = Geben Sie einen Namen ein
jury-no-entrants = In dieser Runde ist noch keine Einreichung.
jury-no-jurors = Laden Sie zuerst Jurymitglieder ein.
jury-not-a-pitch-round = Nur eine Pitch-Runde mit Pitching-Session hat Zeitfenster.
jury-scale-fixed = Es wurde bereits auf dieser Skala bewertet; sie kann nicht mehr geändert werden.
jury-criteria-fixed = In dieser Runde wurde bereits bewertet: zählende Kriterien können nicht mehr hinzugefügt oder entfernt werden.
jury-results-released = Die Ergebnisse wurden bereits freigegeben.
jury-phase-upcoming = Noch nicht geöffnet
jury-phase-open = Offen für Bewertungen
jury-phase-closed = Geschlossen
jury-phase-confirmed = Bestätigt
jury-review-draft = Entwurf
jury-review-final = Abgegeben
jury-review-abstained = Enthalten
mail-juror-invite-subject = Einladung in die Jury von { $call }
mail-juror-invite-body = { $inviter } hat Sie in die Jury von { $call } aufgenommen. Ihre Einreichungen zur Bewertung finden Sie hier: { $link }
mail-juror-invite-new-body = { $inviter } lädt Sie in die Jury von { $call } ein. Wir haben ein Konto für Sie angelegt: Legen Sie mit diesem Link (21 Tage gültig) Ihr Passwort fest, danach finden Sie Ihre Einreichungen zur Bewertung: { $link }
mail-jury-reminder-subject = Erinnerung: { $count ->
    [one] 1 offene Bewertung
   *[other] { $count } offene Bewertungen
} in { $round }
mail-jury-reminder-body = { $round } von { $call } schließt am { $closes }. { $count ->
    [one] Eine Ihrer Bewertungen ist
   *[other] { $count } Ihrer Bewertungen sind
} noch nicht abgeschlossen: { $link }
mail-jury-result-subject = Ergebnis für „{ $title }“ ({ $call })
mail-jury-result-body = Die Jury von { $call } hat über „{ $title }“ entschieden: { $outcome }. Ihre Einreichung: { $link }
mail-jury-result-notes = Hinweise der Jury:
jury-report-title = Jurybericht
jury-report-generated = Erstellt am { $at }
jury-report-confirmed = Ergebnis bestätigt am { $at } von { $by }
jury-report-settings = Regeln der Runde
jury-report-settings-line = Skala { $min }–{ $max }; Punktzahl einer Einreichung: { $aggregation } der Gesamtwertungen, { $normalised }; { $jurors } Jurymitglieder je Einreichung.
jury-report-mean = Mittelwert
jury-report-median = Median
jury-report-normalised = je Jurymitglied ausgeglichen (z-Werte)
jury-report-not-normalised = nicht je Jurymitglied ausgeglichen
jury-report-weight = Gewicht
jury-report-informational = zur Information, zählt nicht zur Gesamtwertung
jury-report-tie-breaks = Bei Gleichstand zuerst der höhere Mittelwert im ersten Kriterium, dann mehr Bewertungen; weiterhin Gleiche teilen sich den Rang.
jury-report-ranking = Rangliste
jury-report-reviews = { $count ->
    [one] 1 Bewertung
   *[other] { $count } Bewertungen
}, Spannweite { $spread }
jury-report-normalised-spread = roh { $score }, Spannweite ausgeglichen { $spread }
jury-report-disagreement = Jury uneinig
jury-report-reviews-heading = Bewertungen
jury-report-not-counted = zählt nicht (Interessenkonflikt)
submission-jury-notes = Hinweise der Jury

## Vertraulichkeit und Fairness
jury-review-locked-others-seen = Sie haben die Bewertungen der anderen Jurymitglieder zu diesem Beitrag gesehen, daher ist Ihre eigene Bewertung gesperrt: Sie kann nicht mehr geändert, ersetzt oder von einer Enthaltung in eine Bewertung umgewandelt werden.
jury-others-not-after-own = In dieser Runde werden die Bewertungen der anderen nicht auf Wunsch geöffnet.
jury-others-hand-in-first = Geben Sie Ihre eigene Bewertung dieses Beitrags ab (oder enthalten Sie sich), bevor Sie die Bewertungen der anderen öffnen.
jury-orga-own-reviews-pending = Sie sind Jurymitglied in dieser Runde und haben noch nicht alle Ihre Bewertungen abgegeben. Bis dahin (oder bis die Runde endet) sind Ihnen Punkte, Bewertungen, Rangliste, Jurybericht und die Namen der Einreichenden verschlossen, damit die Bewertungen der anderen Ihre nicht beeinflussen.
jury-orga-juror-rule = Organisatorinnen und Organisatoren, die in dieser Runde auch Jurymitglied sind, sehen Punkte, Bewertungen, Rangliste, Bericht und die Namen der Einreichenden erst, wenn sie alle eigenen Bewertungen der Runde abgegeben haben oder die Runde beendet ist.
jury-outcome-advance = Kommt weiter
jury-outcome-keep = Bleibt im Status
jury-outcome-none = Keine Entscheidung
jury-confirmed-ranking = Rangliste wie bestätigt
jury-confirmed-ranking-hint = So stand die Rangliste, als der Juryvorsitz bestätigte, mit der Entscheidung je Beitrag. Spätere Änderungen (etwa ein spät erklärter Interessenkonflikt) ändern diesen Nachweis nicht.
jury-decision = Entscheidung
jury-report-decisions = Entscheidungen des Juryvorsitzes
jury-orga-possible = Ähnliche Organisationsnamen: Interessenkonflikt?
jury-orga-possible-hint = Die Organisation des Jurymitglieds und die der Einreichung heißen ähnlich, aber nicht gleich. Entscheiden Sie, ob es dieselbe Organisation ist: Dann bewertet das Jurymitglied diese Einreichung nicht und wird ersetzt.
jury-orga-possible-confirm = Interessenkonflikt
jury-orga-possible-dismiss = Verschiedene Organisationen
jury-possible-match-not-found = Für dieses Jurymitglied und diese Einreichung gibt es keine ähnlichen Organisationsnamen.
audit-jury-conflict-confirm = Interessenkonflikt (Organisation) bestätigt
audit-jury-conflict-dismiss = Ähnliche Organisation als verschieden entschieden
jury-orga-panel = Jury dieser Runde
jury-orga-panel-hint = Ohne Auswahl bewertet die ganze Jury des Calls diese Runde. Wählen Sie Jurymitglieder aus, damit etwa die Finaljury eine andere ist als die der Vorauswahl; wer die Runde verlässt, verliert seine Zuordnungen in ihr.
jury-orga-panel-legend = Jurymitglieder dieser Runde
jury-orga-panel-save = Jury der Runde speichern
jury-not-on-panel = Dieses Jurymitglied gehört nicht zur Jury dieser Runde.
jury-panel-has-reviews = Ein Jurymitglied, das in dieser Runde schon eine Bewertung abgegeben hat, bleibt in ihrer Jury.
jury-panel-empty = Wählen Sie mindestens ein Jurymitglied aus.
audit-jury-panel = Jury der Runde festgelegt
