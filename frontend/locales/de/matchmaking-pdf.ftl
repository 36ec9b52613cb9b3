# Matchmaking: the per-table lists and per-person schedules (PDF).

mm-pdf-tables-title = Tischlisten – { $event }
mm-pdf-people-title = Terminpläne – { $event }
mm-pdf-people-heading = Ihr Matchmaking-Terminplan
mm-pdf-col-time = Zeit
mm-pdf-col-people = Teilnehmende
mm-pdf-col-where = Session / Tisch
mm-pdf-col-partner = Gesprächspartner/in
mm-pdf-table-free = Frei
mm-pdf-table-free-note = An diesem Tisch finden in dieser Session keine Gespräche statt.
mm-pdf-no-meetings = Für Sie sind keine Gespräche geplant.
mm-pdf-no-sessions = Für diese Veranstaltung gibt es keine Matchmaking-Sessions.
mm-pdf-no-people = Für diese Veranstaltung gibt es keine Terminpläne.
mm-pdf-page = Seite { $page } von { $pages }
