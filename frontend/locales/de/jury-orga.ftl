## Jury: the organisers' pages (rounds, criteria, jurors, assignments, ranking, confirmation, results)
jury-orga-title = Jury
jury-orga-call-link = Jury
flash-jury-round-created = Die Runde ist angelegt. Legen Sie als Nächstes ihre Kriterien fest.
flash-jury-round-closed = Die Runde ist geschlossen: Bewertungen lassen sich nicht mehr ändern.
flash-jury-criterion-added = Das Kriterium wurde hinzugefügt.
flash-jury-juror-invited = Die Jurorin oder der Juror wurde hinzugefügt und per E-Mail informiert.
flash-jury-juror-updated = Die Kategorien der Jurorin oder des Jurors wurden geändert.
flash-jury-juror-removed = Aus der Jury entfernt; abgeschlossene Bewertungen bleiben erhalten.
flash-jury-review-started = Die geeigneten Einreichungen sind jetzt in der Bewertung.
flash-jury-released = Die Ergebnisse wurden an die Teams verschickt.
flash-jury-assigned = Die Zuordnung wurde angelegt.
flash-jury-unassigned = Die Zuordnung wurde entfernt.
flash-jury-auto-assigned = Die Jury wurde automatisch zugeordnet.
flash-jury-imported = Die Zuordnungen wurden importiert.
flash-jury-confirmed = Das Ergebnis ist bestätigt, die Einreichungen haben ihren neuen Status.
flash-jury-slots-saved = Die Pitch-Reihenfolge wurde gespeichert.
jury-orga-notice-moved = { $count ->
    [one] 1 Einreichung ist jetzt in der Bewertung.
   *[other] { $count } Einreichungen sind jetzt in der Bewertung.
}
jury-orga-notice-released = { $count ->
    [one] 1 Team hat sein Ergebnis erhalten.
   *[other] { $count } Teams haben ihr Ergebnis erhalten.
}
jury-orga-notice-added = { $count ->
    [0] Keine Zuordnung hinzugefügt: Jeder Beitrag hat seine Jury, oder niemand sonst darf ihn bewerten.
    [one] 1 Zuordnung wurde hinzugefügt.
   *[other] { $count } Zuordnungen wurden hinzugefügt.
}
jury-orga-notice-imported = { $count ->
    [0] Keine neue Zuordnung: Alle Zeilen waren bereits zugeordnet.
    [one] 1 Zuordnung wurde importiert.
   *[other] { $count } Zuordnungen wurden importiert.
}
jury-orga-start-review-title = Einreichungen, die auf die Jury warten
jury-orga-start-review = { $count ->
    [one] 1 geeignete Einreichung in die Bewertung geben
   *[other] { $count } geeignete Einreichungen in die Bewertung geben
}
jury-orga-start-review-note = { $count ->
    [one] 1 Einreichung wurde als geeignet markiert und wartet. In der Bewertung kann die erste Runde sie übernehmen; das Team sieht den neuen Status.
   *[other] { $count } Einreichungen wurden als geeignet markiert und warten. In der Bewertung kann die erste Runde sie übernehmen; die Teams sehen den neuen Status.
}
jury-orga-start-review-later = { $count ->
    [one] 1 geeignete Einreichung kann nach der Einreichungsfrist ({ $deadline }) in die Bewertung gehen.
   *[other] { $count } geeignete Einreichungen können nach der Einreichungsfrist ({ $deadline }) in die Bewertung gehen.
}
jury-orga-rounds = Runden
jury-orga-round = Runde
jury-orga-rounds-none = Noch keine Runde. Legen Sie unten die erste an.
jury-orga-kind = Art der Runde
jury-orga-kind-hint = Online: Die Jury bewertet in eigener Zeit, bis die Runde schließt. Live-Pitch: Die Jury bewertet jeden Beitrag während seines Pitches in einer Pitching-Session der Veranstaltung.
jury-orga-kind-online = Online-Bewertung
jury-orga-kind-pitch = Live-Pitch
jury-orga-phase = Phase
jury-orga-times = Zeitraum
jury-orga-progress = Bewertungen fertig
jury-orga-progress-value = { $done } / { $all }
jury-orga-round-new = Runde anlegen
jury-orga-round-create = Runde anlegen
jury-orga-round-name-hint = Zum Beispiel „Online-Vorauswahl“ oder „Finale in der Pitching-Session“.
jury-orga-session = Pitching-Session
jury-orga-session-hint = Nur für Live-Pitches: die Session der Veranstaltung zum Wettbewerb, in der die Finalisten pitchen.
jury-orga-session-none = Die Veranstaltung zum Wettbewerb hat keine Pitching-Session (oder der Wettbewerb ist mit keiner Veranstaltung verknüpft); Live-Pitch-Runden brauchen eine.
jury-orga-session-missing = Für diese Runde ist keine Pitching-Session festgelegt.
jury-orga-entrants = Bewertete Beiträge
jury-orga-entrants-hint = Die Runde bewertet jede Einreichung mit diesem Status: „In Bewertung“ für eine Vorauswahl, „Engere Wahl“ oder „Finalist“ für spätere Runden.
jury-orga-timezone = Zeiten gelten in der Zeitzone des Wettbewerbs, { $zone } ({ $abbr }).
jury-orga-opens-at = Beginnt
jury-orga-opens-at-hint = Ab diesem Zeitpunkt kann die Jury bewerten.
jury-orga-closes-at = Endet
jury-orga-closes-at-hint = Zu diesem Zeitpunkt werden die Bewertungen gesperrt. Sie können die Runde auch früher schließen.
jury-orga-closed-early = Vorzeitig geschlossen
jury-orga-scale = Skala
jury-orga-scale-hint = Jedes Kriterium wird auf dieser Skala bewertet, z. B. von 0 bis 10. Sobald bewertet wurde, lässt sie sich nicht mehr ändern.
jury-orga-scale-min = Niedrigste Punktzahl
jury-orga-scale-max = Höchste Punktzahl
jury-orga-aggregation = Punktzahl eines Beitrags
jury-orga-aggregation-hint = Wie aus den Gesamtwerten der Jurymitglieder die Punktzahl eines Beitrags wird. Der Median lässt sich von einem einzelnen Ausreißer weniger bewegen.
jury-orga-aggregation-mean = Mittelwert der Gesamtwerte
jury-orga-aggregation-median = Median der Gesamtwerte
jury-orga-normalise = Strenge und milde Jurymitglieder ausgleichen
jury-orga-normalise-hint = Die Gesamtwerte jedes Jurymitglieds werden zuerst mit dessen eigenem Durchschnitt verglichen, damit strenge Bewertungen ihre Beiträge nicht nach unten ziehen.
jury-orga-per-submission = Jurymitglieder je Beitrag
jury-orga-per-submission-hint = So viele Jurymitglieder erhält jeder Beitrag bei der automatischen Zuordnung.
jury-orga-disagreement = Schwelle für Uneinigkeit (Punkte)
jury-orga-disagreement-hint = Liegen die Gesamtwerte eines Beitrags weiter auseinander, wird er zur Diskussion markiert. Vorgabe: 30 % der Skala.
jury-orga-others = Die Jury sieht die Bewertungen der anderen
jury-orga-others-hint = Wer die Bewertungen anderer vor der eigenen sieht, lässt sich leicht beeinflussen.
jury-orga-others-never = Nie
jury-orga-others-after-own = Nach der eigenen Bewertung des Beitrags
jury-orga-others-after-close = Nach dem Ende der Runde
jury-orga-names-hidden = Namen und Organisationen der Bewerbenden vor der Jury verbergen
jury-orga-names-hidden-hint = Die Jury sieht dann das Projekt, nicht wer dahintersteht. Konflikte durch Teammitgliedschaft werden trotzdem erkannt.
jury-orga-jurors = Jury
jury-orga-jurors-none = Noch niemand in der Jury.
jury-orga-categories = Kategorien
jury-orga-all-categories = Alle Kategorien
jury-orga-actions = Aktionen
jury-orga-juror-remove = Entfernen
jury-orga-juror-remove-label = { $name } aus der Jury entfernen
jury-orga-juror-remove-hint = Wer aus der Jury entfernt wird, verliert die offenen Zuordnungen; abgeschlossene Bewertungen bleiben erhalten.
jury-orga-invite = Jurymitglied einladen
jury-orga-invite-email-hint = Wer hier schon ein Konto hat, wird sofort hinzugefügt; für eine neue Adresse legen wir ein Konto an und schicken einen Link, um ein Passwort festzulegen.
jury-orga-invite-name-hint = Nur für eine neue Adresse nötig.
jury-orga-invite-categories-hint = Die Kategorien, die dieses Jurymitglied bei der automatischen Zuordnung bewertet. Keine angekreuzt: alle Kategorien.
jury-orga-invite-send = Einladen
jury-orga-conflicts = Interessenkonflikte
jury-orga-conflicts-hint = Niemand wird einem Beitrag zugeordnet, mit dem ein Konflikt besteht, und Bewertungen solcher Beiträge zählen nicht.
jury-orga-conflicts-none = Kein Konflikt erklärt oder erkannt.
jury-orga-juror = Jurymitglied
jury-orga-submission = Einreichung
jury-orga-conflict-reason = Grund
jury-orga-conflict-organisation = Dieselbe Organisation (erkannt)
jury-orga-conflict-team = Im Team (erkannt)
jury-orga-release-title = Ergebnisse für die Teams
jury-orga-release = Ergebnisse an die Teams freigeben
jury-orga-release-note = Jedes Team, über dessen Einreichung entschieden ist, erhält eine E-Mail mit seinem Ergebnis und den Hinweisen der Jury für das Team, und die öffentliche Seite des Wettbewerbs zeigt Finalisten und Gewinner. Das geschieht einmal und lässt sich nicht zurücknehmen: Bestätigen Sie zuerst jede Runde.
jury-orga-release-confirm = Ja, ich habe die Entscheidungen geprüft: Ergebnisse jetzt freigeben
jury-orga-release-unconfirmed = Kreuzen Sie an, dass die Ergebnisse verschickt werden dürfen.
jury-orga-released = Die Ergebnisse sind freigegeben: Die Teams haben ihre E-Mails, die öffentliche Seite zeigt Finalisten und Gewinner.
jury-orga-scores-csv = Alle Bewertungen herunterladen (CSV)
jury-orga-report-pdf = Jurybericht (PDF)
jury-orga-stage = Bühnenanzeige
jury-orga-close = Runde jetzt schließen
jury-orga-close-note = Die Bewertungen werden sofort gesperrt; nicht abgeschlossene zählen nicht. Bestätigen Sie danach das Ergebnis unter der Rangliste.
jury-orga-criteria = Kriterien
jury-orga-criteria-none = Noch kein Kriterium: Die Jury braucht mindestens eines.
jury-orga-criterion = Kriterium
jury-orga-criterion-new = Kriterium hinzufügen
jury-orga-criterion-add = Kriterium hinzufügen
jury-orga-criterion-edit = „{ $name }“ ändern
jury-orga-criterion-name-hint = Zum Beispiel „Innovationsgrad“. Das erste zählende Kriterium entscheidet bei Gleichstand.
jury-orga-scale-note = Die Jury bewertet jedes Kriterium von { $min } bis { $max }.
jury-orga-help-de = Hilfetext (Deutsch)
jury-orga-help-en = Hilfetext (Englisch)
jury-orga-help-hint = Optional: worauf die Jury achten soll.
jury-orga-labels = Beschriftung der Skala
jury-orga-labels-de = Beschriftung der Skala (Deutsch)
jury-orga-labels-en = Beschriftung der Skala (Englisch)
jury-orga-labels-hint-de = Optional, eine pro Zeile als „Punkte = Beschriftung“, z. B. „0 = nicht überzeugend“.
jury-orga-labels-hint-en = Optional, eine pro Zeile als „Punkte = Beschriftung“, z. B. „0 = not convincing“.
jury-orga-weight = Gewicht
jury-orga-weight-hint = Der Anteil des Kriteriums am Gesamtwert im Verhältnis zu den anderen, z. B. zählt 2 doppelt so viel wie 1.
jury-orga-informational = Nur zur Information
jury-orga-informational-hint = Wird dem Organisationsteam gezeigt, zählt aber nicht zum Gesamtwert.
jury-orga-informational-badge = zur Information
jury-orga-assignments = Zuordnungen
jury-orga-matrix-caption = Wer welchen Beitrag bewertet
jury-orga-assigned = Jury
jury-orga-cell-assigned = Zugeordnet
jury-orga-cell-conflict = Konflikt
jury-orga-cell-conflict-assigned = Konflikt (zugeordnet)
jury-orga-assign = Zuordnen
jury-orga-unassign = Entfernen
jury-orga-auto-assign = Automatisch zuordnen
jury-orga-auto-assign-note = Gibt jedem Beitrag { $count } Jurymitglieder, verteilt die Arbeit gleichmäßig und beachtet Konflikte und Kategorien. Bestehende Zuordnungen bleiben.
jury-orga-short = Beiträge, denen noch Jurymitglieder fehlen
jury-orga-short-line = { $title } ({ $count ->
    [one] 1 Jurymitglied fehlt
   *[other] { $count } Jurymitglieder fehlen
})
jury-orga-import = Zuordnungen importieren (CSV)
jury-orga-import-label = Zuordnungen
jury-orga-import-hint = Eine pro Zeile: E-Mail des Jurymitglieds, Nummer der Einreichung (z. B. „lea@example.org, 12“). Eine Kopfzeile wird übersprungen. Ist eine Zeile falsch, wird nichts importiert.
jury-orga-import-send = Importieren
jury-orga-pitches = Pitches
jury-orga-slot-position = Reihenfolge
jury-orga-slot-time = Zeit
jury-orga-slot-progress = Jury fertig
jury-orga-slot-scored = { $done } von { $all } Jurymitgliedern haben bewertet
jury-orga-slots-none = Noch keine Pitch-Reihenfolge.
jury-orga-order = Pitch-Reihenfolge
jury-orga-order-hint = Nummerieren Sie die Beiträge 1, 2, 3 … in der Reihenfolge, in der sie pitchen. Die Session wird in gleich lange Slots geteilt.
jury-orga-order-save = Reihenfolge speichern
jury-orga-ranking = Rangliste
jury-orga-rank = Rang
jury-orga-score = Punkte
jury-orga-reviews = Bewertungen
jury-orga-abstentions = Enthaltungen
jury-orga-spread = Spanne
jury-orga-disagreement-flag = Jury uneinig
jury-orga-first-criterion = Bei Gleichstand: { $name }
jury-orga-rules = So entsteht die Rangliste
jury-orga-rule-score-mean = Jede Bewertung ergibt einen Gesamtwert: den gewichteten Mittelwert der Punkte. Die Punktzahl eines Beitrags ist der Mittelwert dieser Gesamtwerte; es zählen nur abgeschlossene Bewertungen zugeordneter Jurymitglieder ohne Konflikt, Enthaltungen nicht.
jury-orga-rule-score-median = Jede Bewertung ergibt einen Gesamtwert: den gewichteten Mittelwert der Punkte. Die Punktzahl eines Beitrags ist der Median dieser Gesamtwerte; es zählen nur abgeschlossene Bewertungen zugeordneter Jurymitglieder ohne Konflikt, Enthaltungen nicht.
jury-orga-rule-normalised = Strenge und milde Bewertungen werden zuerst ausgeglichen: Die Gesamtwerte jedes Jurymitglieds werden an dessen eigenem Durchschnitt gemessen. Die ausgeglichenen Punkte werden danach auf die Spanne gelegt, die die Jury tatsächlich vergeben hat (niedrigste bis höchste Roh-Punktzahl), damit nicht alle Ergebnisse zur Skalenmitte rücken.
jury-orga-rule-first = Bei gleicher Punktzahl liegt der Beitrag mit dem höheren Mittelwert im ersten Kriterium („{ $name }“) vorn.
jury-orga-rule-reviews = Noch immer gleich: Der Beitrag mit mehr Bewertungen liegt vorn.
jury-orga-rule-shared = Noch immer gleich: Die Beiträge teilen sich den Rang (1, 2, 2, 4). Beiträge ohne Bewertung stehen am Ende.
jury-orga-rule-disagreement = Ein Beitrag wird markiert, wenn die Gesamtwerte mehr als { $points } Punkte auseinanderliegen, roh oder ausgeglichen.
jury-orga-raw = roh { $score }
jury-orga-spread-raw = Spanne roh
jury-orga-spread-normalised = Spanne ausgeglichen
jury-orga-confirm-title = Entscheidung des Vorsitzes
jury-orga-confirm-hint = Aus der Rangliste vorausgefüllt: Die obere Hälfte kommt weiter, Finalisten erhalten die Plätze 1 bis 3 in der Reihenfolge der Rangliste. Prüfen Sie jede Zeile, bevor Sie bestätigen; danach wechseln die Einreichungen ihren Status, und die Entscheidung lässt sich nicht mehr ändern.
jury-orga-confirm-send = Ergebnis bestätigen
jury-orga-places-last-round = Dies ist die letzte Runde des Calls: Sie können hier jedem Beitrag einen Platz vergeben, auch ohne Finalrunde.
jury-orga-places-later-round = Plätze vergeben Sie an Finalisten oder in der letzten Runde des Calls. Legen Sie eine weitere Runde für die Finalisten an, um dort die Plätze zu vergeben.
jury-orga-confirmed = Bestätigt am { $at } von { $name }.
jury-orga-outcome-shortlist = In die engere Wahl
jury-orga-outcome-finalist = Finalist
jury-orga-outcome-keep = Unverändert lassen (keine Entscheidung)
jury-orga-outcome-keep-finalist = Finalist ohne Platzierung
jury-orga-outcome-not-selected = Nicht ausgewählt
jury-orga-outcome-decided = Bereits entschieden
jury-orga-settings = Einstellungen der Runde
jury-orga-settings-edit = Einstellungen ändern
jury-orga-csv-submission = Einreichung Nr.
jury-orga-csv-juror = Jurymitglied
jury-orga-csv-state = Stand
jury-orga-csv-counted = Zählt
jury-orga-csv-yes = ja
jury-orga-csv-no = nein
jury-orga-csv-total = Gesamtwert
jury-orga-csv-comment = Kommentar für die Jury
jury-orga-csv-team-note = Hinweis für das Team
jury-orga-csv-abstain-reason = Grund der Enthaltung
jury-orga-stage-scoring = Die Jury bewertet noch.
jury-orga-stage-progress = { $done } von { $all } Bewertungen abgeschlossen
jury-orga-stage-empty = Kein Beitrag hat eine Punktzahl.
