# Matchmaking: the per-table lists and per-person schedules (PDF).

mm-pdf-tables-title = Table lists – { $event }
mm-pdf-people-title = Schedules – { $event }
mm-pdf-people-heading = Your matchmaking schedule
mm-pdf-col-time = Time
mm-pdf-col-people = Participants
mm-pdf-col-where = Session / table
mm-pdf-col-partner = Meeting with
mm-pdf-table-free = Free
mm-pdf-table-free-note = No meetings take place at this table in this session.
mm-pdf-no-meetings = No meetings are scheduled for you.
mm-pdf-no-sessions = This event has no matchmaking sessions.
mm-pdf-no-people = This event has no schedules to print.
mm-pdf-page = Page { $page } of { $pages }
