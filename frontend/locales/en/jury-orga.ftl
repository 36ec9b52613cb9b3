## Jury: the organisers' pages (rounds, criteria, jurors, assignments, ranking, confirmation, results)
jury-orga-title = Jury
jury-orga-call-link = Jury
flash-jury-round-created = The round has been created. Add its criteria next.
flash-jury-round-closed = The round is closed: reviews can no longer be changed.
flash-jury-criterion-added = The criterion has been added.
flash-jury-juror-invited = The juror has been added and informed by e-mail.
flash-jury-juror-updated = The juror's categories have been changed.
flash-jury-juror-removed = The juror has been removed; finished reviews are kept.
flash-jury-review-started = The eligible submissions are now in review.
flash-jury-released = The results have been released to the teams.
flash-jury-assigned = The juror has been assigned.
flash-jury-unassigned = The assignment has been removed.
flash-jury-auto-assigned = Jurors have been assigned automatically.
flash-jury-imported = The assignments have been imported.
flash-jury-confirmed = The outcome is confirmed and the submissions have moved on.
flash-jury-slots-saved = The pitch order has been saved.
jury-orga-notice-moved = { $count ->
    [one] 1 submission moved into review.
   *[other] { $count } submissions moved into review.
}
jury-orga-notice-released = { $count ->
    [one] 1 team has been sent its result.
   *[other] { $count } teams have been sent their results.
}
jury-orga-notice-added = { $count ->
    [0] No assignment was added: every entry has its jurors, or nobody else may review it.
    [one] 1 assignment was added.
   *[other] { $count } assignments were added.
}
jury-orga-notice-imported = { $count ->
    [0] No new assignment: every line was assigned already.
    [one] 1 assignment was imported.
   *[other] { $count } assignments were imported.
}
jury-orga-start-review-title = Submissions waiting for the jury
jury-orga-start-review = { $count ->
    [one] Move 1 eligible submission into review
   *[other] Move { $count } eligible submissions into review
}
jury-orga-start-review-note = { $count ->
    [one] 1 submission has been found eligible and is waiting. Moving it into review lets the first round take it; the team sees the new status.
   *[other] { $count } submissions have been found eligible and are waiting. Moving them into review lets the first round take them; the teams see the new status.
}
jury-orga-start-review-later = { $count ->
    [one] 1 eligible submission can be moved into review after the deadline ({ $deadline }).
   *[other] { $count } eligible submissions can be moved into review after the deadline ({ $deadline }).
}
jury-orga-rounds = Rounds
jury-orga-round = Round
jury-orga-rounds-none = No round yet. Create the first one below.
jury-orga-kind = Kind of round
jury-orga-kind-hint = Online: jurors review on their own time until the round closes. Live pitch: jurors score each entry during its pitch in a pitching session of the event.
jury-orga-kind-online = Online review
jury-orga-kind-pitch = Live pitch
jury-orga-phase = Phase
jury-orga-times = Open
jury-orga-progress = Reviews done
jury-orga-progress-value = { $done } / { $all }
jury-orga-round-new = Create a round
jury-orga-round-create = Create the round
jury-orga-round-name-hint = For example “Online pre-selection” or “Final at the pitching session”.
jury-orga-session = Pitching session
jury-orga-session-hint = Only for live pitches: the session of the call's event in which the finalists pitch.
jury-orga-session-none = The call's event has no pitching session (or the call is not linked to an event); live pitch rounds need one.
jury-orga-session-missing = No pitching session is set for this round.
jury-orga-entrants = Entries judged
jury-orga-entrants-hint = The round judges every submission with this status: “In review” for a pre-selection, “Shortlisted” or “Finalist” for later rounds.
jury-orga-timezone = Times are in the call's time zone, { $zone } ({ $abbr }).
jury-orga-opens-at = Opens
jury-orga-opens-at-hint = Jurors can score from this moment.
jury-orga-closes-at = Closes
jury-orga-closes-at-hint = Reviews lock at this moment. You can also close the round earlier.
jury-orga-closed-early = Closed early
jury-orga-scale = Scale
jury-orga-scale-hint = Every criterion is scored on this scale, e.g. 0 to 10. It cannot change once jurors have scored.
jury-orga-scale-min = Lowest score
jury-orga-scale-max = Highest score
jury-orga-aggregation = Score of an entry
jury-orga-aggregation-hint = How the jurors' totals of an entry become its score. The median is less moved by one juror far off the others.
jury-orga-aggregation-mean = Mean of the jurors' totals
jury-orga-aggregation-median = Median of the jurors' totals
jury-orga-normalise = Even out harsh and lenient jurors
jury-orga-normalise-hint = Each juror's totals are first compared with that juror's own average, so that a strict juror does not pull their entries down.
jury-orga-per-submission = Jurors per entry
jury-orga-per-submission-hint = How many jurors automatic assignment gives each entry.
jury-orga-disagreement = Disagreement threshold (points)
jury-orga-disagreement-hint = An entry whose jurors' totals lie further apart than this is flagged for discussion. Default: 30 % of the scale.
jury-orga-others = Jurors see the others' scores
jury-orga-others-hint = Before jurors have scored themselves, seeing others' scores would sway them.
jury-orga-others-never = Never
jury-orga-others-after-own = After their own review of the entry
jury-orga-others-after-close = After the round has closed
jury-orga-names-hidden = Hide applicants' names and organisations from the jurors
jury-orga-names-hidden-hint = Jurors then see the project, not who is behind it. Team conflicts are still detected.
jury-orga-jurors = Jurors
jury-orga-jurors-none = No juror yet.
jury-orga-categories = Categories
jury-orga-all-categories = All categories
jury-orga-actions = Actions
jury-orga-juror-remove = Remove
jury-orga-juror-remove-label = Remove { $name } from the jury
jury-orga-juror-remove-hint = Removing a juror drops their unfinished assignments; reviews they have finished are kept.
jury-orga-invite = Invite a juror
jury-orga-invite-email-hint = Someone with an account here is added at once; for a new address we create an account and send a link to set a password.
jury-orga-invite-name-hint = Needed for a new address only.
jury-orga-invite-categories-hint = The categories this juror reviews in automatic assignment. None ticked: all categories.
jury-orga-invite-send = Invite
jury-orga-conflicts = Conflicts of interest
jury-orga-conflicts-hint = Jurors are never assigned an entry they are in conflict with, and their reviews of it do not count.
jury-orga-conflicts-none = No conflict declared or detected.
jury-orga-juror = Juror
jury-orga-submission = Submission
jury-orga-conflict-reason = Reason
jury-orga-conflict-organisation = Same organisation (detected)
jury-orga-conflict-team = On the team (detected)
jury-orga-release-title = Results for the teams
jury-orga-release = Release the results to the teams
jury-orga-release-note = Every team whose submission has a decision gets an e-mail with its result and the jury's notes for the team, and the call's public page shows the finalists and winners. This happens once and cannot be undone: confirm every round first.
jury-orga-release-confirm = Yes, I have checked the decisions: release the results now
jury-orga-release-unconfirmed = Tick the box to confirm that the results may go out.
jury-orga-released = The results have been released: the teams have their e-mails and the public page shows the finalists and winners.
jury-orga-scores-csv = Download every review (CSV)
jury-orga-report-pdf = Jury report (PDF)
jury-orga-stage = Stage screen
jury-orga-close = Close the round now
jury-orga-close-note = Reviews lock at once; unfinished reviews do not count. Then confirm the outcome below the ranking.
jury-orga-criteria = Criteria
jury-orga-criteria-none = No criterion yet: jurors need at least one.
jury-orga-criterion = Criterion
jury-orga-criterion-new = Add a criterion
jury-orga-criterion-add = Add the criterion
jury-orga-criterion-edit = Change “{ $name }”
jury-orga-criterion-name-hint = For example “Degree of innovation”. The first criterion that counts breaks ties.
jury-orga-scale-note = Jurors score every criterion from { $min } to { $max }.
jury-orga-help-de = Help text (German)
jury-orga-help-en = Help text (English)
jury-orga-help-hint = Optional: what jurors should look at.
jury-orga-labels = Scale labels
jury-orga-labels-de = Scale labels (German)
jury-orga-labels-en = Scale labels (English)
jury-orga-labels-hint-de = Optional, one per line as “score = label”, e.g. “0 = nicht überzeugend”.
jury-orga-labels-hint-en = Optional, one per line as “score = label”, e.g. “0 = not convincing”.
jury-orga-weight = Weight
jury-orga-weight-hint = The criterion's share of the total relative to the others, e.g. 2 counts twice as much as 1.
jury-orga-informational = For information only
jury-orga-informational-hint = Shown to organisers but not part of the total.
jury-orga-informational-badge = for information
jury-orga-assignments = Assignments
jury-orga-matrix-caption = Who reviews which entry
jury-orga-assigned = Jurors
jury-orga-cell-assigned = Assigned
jury-orga-cell-conflict = Conflict
jury-orga-cell-conflict-assigned = Conflict (assigned)
jury-orga-assign = Assign
jury-orga-unassign = Remove
jury-orga-auto-assign = Assign automatically
jury-orga-auto-assign-note = Gives every entry { $count } jurors, spreading the work evenly and respecting conflicts and the jurors' categories. Existing assignments stay.
jury-orga-short = Entries still short of jurors
jury-orga-short-line = { $title } ({ $count ->
    [one] 1 more juror wanted
   *[other] { $count } more jurors wanted
})
jury-orga-import = Import assignments (CSV)
jury-orga-import-label = Assignments
jury-orga-import-hint = One per line: juror e-mail, submission number (e.g. “lea@example.org, 12”). A header line is skipped. If one line is wrong, nothing is imported.
jury-orga-import-send = Import
jury-orga-pitches = Pitches
jury-orga-slot-position = Order
jury-orga-slot-time = Time
jury-orga-slot-progress = Jurors done
jury-orga-slot-scored = { $done } of { $all } jurors have scored
jury-orga-slots-none = No pitch order yet.
jury-orga-order = Pitch order
jury-orga-order-hint = Number the entries 1, 2, 3 … in the order they pitch. The session is divided into equal slots.
jury-orga-order-save = Save the pitch order
jury-orga-ranking = Ranking
jury-orga-rank = Rank
jury-orga-score = Score
jury-orga-reviews = Reviews
jury-orga-abstentions = Abstentions
jury-orga-spread = Spread
jury-orga-disagreement-flag = Jurors disagree
jury-orga-first-criterion = Tie-break: { $name }
jury-orga-rules = How the ranking is made
jury-orga-rule-score-mean = Each juror's review gives a total: the weighted mean of their scores. An entry's score is the mean of its jurors' totals; only submitted reviews by assigned jurors without a conflict count, abstentions do not.
jury-orga-rule-score-median = Each juror's review gives a total: the weighted mean of their scores. An entry's score is the median of its jurors' totals; only submitted reviews by assigned jurors without a conflict count, abstentions do not.
jury-orga-rule-normalised = Harsh and lenient jurors are evened out first: each juror's totals are measured against that juror's own average. The evened-out scores are then laid onto the range the jury actually used (lowest to highest raw score), so that results do not crowd around the middle of the scale.
jury-orga-rule-first = Equal scores: the entry with the higher mean score on the first criterion (“{ $name }”) ranks first.
jury-orga-rule-reviews = Still equal: the entry with more reviews ranks first.
jury-orga-rule-shared = Still equal: the entries share the rank (1, 2, 2, 4). Entries without a review come last.
jury-orga-rule-disagreement = An entry is flagged when its jurors' totals lie more than { $points } points apart, raw or evened out.
jury-orga-raw = raw { $score }
jury-orga-spread-raw = Raw spread
jury-orga-spread-normalised = Evened-out spread
jury-orga-confirm-title = The chair's decision
jury-orga-confirm-hint = Prefilled from the ranking: the upper half moves on, finalists get places 1 to 3 in ranking order. Check every line before you confirm; the submissions then move on and this can no longer be changed.
jury-orga-confirm-send = Confirm the outcome
jury-orga-places-last-round = This is the call's last round: you can award a place to any entry here, without a final round.
jury-orga-places-later-round = Places go to finalists or are awarded in the call's last round. Add a round for the finalists to award the places there.
jury-orga-confirmed = Confirmed on { $at } by { $name }.
jury-orga-outcome-shortlist = Shortlist
jury-orga-outcome-finalist = Finalist
jury-orga-outcome-keep = Keep as it is (no decision)
jury-orga-outcome-keep-finalist = Finalist without a placement
jury-orga-outcome-not-selected = Not selected
jury-orga-outcome-decided = Decided already
jury-orga-settings = Settings of the round
jury-orga-settings-edit = Change the settings
jury-orga-csv-submission = Submission no.
jury-orga-csv-juror = Juror
jury-orga-csv-state = State
jury-orga-csv-counted = Counts
jury-orga-csv-yes = yes
jury-orga-csv-no = no
jury-orga-csv-total = Total
jury-orga-csv-comment = Comment for the jury
jury-orga-csv-team-note = Note for the team
jury-orga-csv-abstain-reason = Reason for abstaining
jury-orga-stage-scoring = The jury is still scoring.
jury-orga-stage-progress = { $done } of { $all } reviews done
jury-orga-stage-empty = No entry has a score.
