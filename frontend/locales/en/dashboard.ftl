# Dashboards of events and calls
dash-event-title = Dashboard: { $title }
dash-call-title = Dashboard: { $title }
dash-link = Dashboard
dash-key-figures = Key figures
dash-figures = Figures
dash-table = Figures as a table
dash-empty = Nothing to show yet.
dash-empty-checkins = No check-ins yet.
dash-empty-scores = No final reviews yet.
dash-api = The same figures for your own tools:
dash-edit-event = Edit event
dash-edit-call = Edit call
dash-places-taken = Places taken
dash-of-capacity = of { $capacity } places
dash-checked-in = Checked in
dash-of-confirmed = of { $confirmed } confirmed
dash-no-shows = No-shows
dash-no-shows-later = shown once the event has begun
dash-todos = To do
dash-todos-none = Nothing to do right now.
dash-todo-clashes = { $count ->
    [one] 1 clash in the agenda
   *[other] { $count } clashes in the agenda
}
dash-todo-drafts = { $count ->
    [one] 1 draft session not yet published
   *[other] { $count } draft sessions not yet published
}
dash-todo-approvals = { $count ->
    [one] 1 registration waits for your approval
   *[other] { $count } registrations wait for your approval
}
dash-todo-offers = { $count ->
    [one] 1 waiting-list offer not yet taken up
   *[other] { $count } waiting-list offers not yet taken up
}
dash-over-time = Registrations over time
dash-over-time-desc = By { $day }: { $received } registrations received, { $active } of them holding or awaiting a place.
dash-received = Received
dash-active = Active
dash-capacity-line = Capacity { $capacity }
dash-by-status = By status
dash-tickets = Fill per ticket type
dash-sessions = Fill of limited sessions
dash-fill-of = { $name }: { $taken } of { $capacity }
dash-checkins = Check-ins by hour
dash-checkins-desc = { $total } check-ins; the busiest hour was { $hour } with { $count }.
dash-countries = Countries of participants
dash-organisations = Organisations of participants
dash-others = Others or not stated
dash-matchmaking = Matchmaking
dash-mm-profiles = Profiles
dash-mm-pending = Requests open
dash-mm-accepted = Requests accepted
dash-mm-declined = Requests declined
dash-mm-cancelled = Requests withdrawn
dash-mm-meetings = Meetings booked
dash-col-name = Name
dash-col-count = Number
dash-col-day = Day
dash-col-hour = Hour
dash-col-taken = Taken
dash-col-capacity = Capacity
dash-col-waiting = Waiting list
dash-col-checked-in = Checked in
dash-col-done = Done
dash-col-criterion = Criterion
dash-col-median = Median
dash-col-quartiles = Middle half
dash-col-score = Score { $score }
dash-col-entry = Entry
dash-col-reviews = Reviews
dash-col-spread = Spread
dash-col-score-total = Score
dash-handed-in = Handed in
dash-drafts = { $count ->
    [one] plus 1 draft
   *[other] plus { $count } drafts
}
dash-eligibility = Eligibility checked
dash-eligibility-of = { $decided } of { $total } entries
dash-deadline = Deadline
dash-submissions-over-time = Submissions over time
dash-submissions-desc = { $count } entries handed in; the deadline is { $deadline }.
dash-by-category = By category
dash-no-category = Without category
dash-round-progress = { $done } of { $assigned } reviews done
dash-round-open = Open the round
dash-round-withheld = The scores of this round are shown once you have handed in your own reviews.
dash-juror-progress = Progress per juror
dash-scores = Scores per criterion
dash-scores-desc = { $criterion }: median { $median }, middle half { $q1 } to { $q3 }, { $count } scores.
dash-disagreements = Entries the jurors disagree on
dash-disagreements-none = The jurors agree on every entry so far.
