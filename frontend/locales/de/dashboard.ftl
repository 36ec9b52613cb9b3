# Übersichten von Veranstaltungen und Calls
dash-event-title = Übersicht: { $title }
dash-call-title = Übersicht: { $title }
dash-link = Übersicht
dash-key-figures = Kennzahlen
dash-figures = Diagramme
dash-table = Zahlen als Tabelle
dash-empty = Noch nichts zu zeigen.
dash-empty-checkins = Noch keine Check-ins.
dash-empty-scores = Noch keine abgeschlossenen Bewertungen.
dash-api = Dieselben Zahlen für Ihre eigenen Werkzeuge:
dash-edit-event = Veranstaltung bearbeiten
dash-edit-call = Call bearbeiten
dash-places-taken = Vergebene Plätze
dash-of-capacity = von { $capacity } Plätzen
dash-checked-in = Eingecheckt
dash-of-confirmed = von { $confirmed } bestätigten
dash-no-shows = Nicht erschienen
dash-no-shows-later = sichtbar ab Beginn der Veranstaltung
dash-todos = Zu erledigen
dash-todos-none = Gerade ist nichts zu tun.
dash-todo-clashes = { $count ->
    [one] 1 Überschneidung im Programm
   *[other] { $count } Überschneidungen im Programm
}
dash-todo-drafts = { $count ->
    [one] 1 Programmpunkt im Entwurf, noch nicht veröffentlicht
   *[other] { $count } Programmpunkte im Entwurf, noch nicht veröffentlicht
}
dash-todo-approvals = { $count ->
    [one] 1 Anmeldung wartet auf Ihre Freigabe
   *[other] { $count } Anmeldungen warten auf Ihre Freigabe
}
dash-todo-offers = { $count ->
    [one] 1 Platzangebot von der Warteliste noch nicht angenommen
   *[other] { $count } Platzangebote von der Warteliste noch nicht angenommen
}
dash-over-time = Anmeldungen im Zeitverlauf
dash-over-time-desc = Bis { $day }: { $received } Anmeldungen eingegangen, { $active } davon mit Platz oder auf dem Weg dahin.
dash-received = Eingegangen
dash-active = Aktiv
dash-capacity-line = Kapazität { $capacity }
dash-by-status = Nach Status
dash-tickets = Auslastung je Ticketart
dash-sessions = Auslastung begrenzter Programmpunkte
dash-fill-of = { $name }: { $taken } von { $capacity }
dash-checkins = Check-ins pro Stunde
dash-checkins-desc = { $total } Check-ins; am meisten los war um { $hour } mit { $count }.
dash-countries = Länder der Teilnehmenden
dash-organisations = Organisationen der Teilnehmenden
dash-others = Andere oder ohne Angabe
dash-matchmaking = Matchmaking
dash-mm-profiles = Profile
dash-mm-pending = Anfragen offen
dash-mm-accepted = Anfragen angenommen
dash-mm-declined = Anfragen abgelehnt
dash-mm-cancelled = Anfragen zurückgezogen
dash-mm-meetings = Gebuchte Treffen
dash-col-name = Name
dash-col-count = Anzahl
dash-col-day = Tag
dash-col-hour = Stunde
dash-col-taken = Vergeben
dash-col-capacity = Kapazität
dash-col-waiting = Warteliste
dash-col-checked-in = Eingecheckt
dash-col-done = Erledigt
dash-col-criterion = Kriterium
dash-col-median = Median
dash-col-quartiles = Mittlere Hälfte
dash-col-score = Punkte { $score }
dash-col-entry = Einreichung
dash-col-reviews = Bewertungen
dash-col-spread = Spannweite
dash-col-score-total = Ergebnis
dash-handed-in = Eingereicht
dash-drafts = { $count ->
    [one] dazu 1 Entwurf
   *[other] dazu { $count } Entwürfe
}
dash-eligibility = Förderfähigkeit geprüft
dash-eligibility-of = { $decided } von { $total } Einreichungen
dash-deadline = Einsendeschluss
dash-submissions-over-time = Einreichungen im Zeitverlauf
dash-submissions-desc = { $count } Einreichungen eingegangen; Einsendeschluss ist der { $deadline }.
dash-by-category = Nach Kategorie
dash-no-category = Ohne Kategorie
dash-round-progress = { $done } von { $assigned } Bewertungen erledigt
dash-round-open = Runde öffnen
dash-round-withheld = Die Punkte dieser Runde sehen Sie, sobald Sie Ihre eigenen Bewertungen abgegeben haben.
dash-juror-progress = Fortschritt je Jurymitglied
dash-scores = Punkte je Kriterium
dash-scores-desc = { $criterion }: Median { $median }, mittlere Hälfte { $q1 } bis { $q3 }, { $count } Bewertungen.
dash-disagreements = Einreichungen, bei denen die Jury uneins ist
dash-disagreements-none = Bisher ist sich die Jury bei allen Einreichungen einig.
