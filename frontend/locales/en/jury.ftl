## Jury: rules and messages of the service (organisers' and jurors' pages have their own sections)
valid-score-missing = Give a score for this criterion.
valid-score-out-of-scale = Give a score from { $min } to { $max }.
valid-score-unknown-criterion = This criterion does not belong to the round.
valid-jury-scale = The highest score must be above the lowest and at most 100.
valid-jury-disagreement = Enter a positive number of points.
valid-jury-closes-before-opening = The round must close after it opens.
valid-jury-session-required = Choose the pitching session of the event for a pitch round.
valid-jury-session-invalid = Choose a pitching session of the call's event.
valid-jury-weight = Enter a weight above 0 and at most 100.
valid-jury-label-line = Write each label as “score = label”, e.g. “10 = outstanding” (not: { $line }).
valid-jury-label-outside = The score { $score } lies outside the scale { $min }–{ $max }.
valid-jury-label-twice = The score { $score } has two labels.
valid-jury-label-too-many = At most 20 labels, please.
valid-jury-conflict-reason = Say briefly why you are in conflict (e.g. “I advise this company”).
valid-jury-abstain-reason = Say briefly why you abstain.
valid-jury-placement = Each placement (1st, 2nd, 3rd …) can be given once, starting at 1.
jury-places-in-last-round = Places go to finalists or are awarded in the call's last round. Add a round for the finalists, or award the places in the last round.
valid-jury-slot-order = List every finalist of the round exactly once.
valid-jury-import-line = Line { $line }: write “juror e-mail, submission number”.
valid-jury-import-juror = Line { $line }: this address is not a juror of the call.
valid-jury-import-submission = Line { $line }: this submission is not judged in this round.
valid-jury-import-conflict = Line { $line }: the juror is in conflict with this submission.
jury-round-not-found = This jury round does not exist or is not yours.
jury-entry-not-found = This entry is not assigned to you.
jury-criterion-not-found = This criterion does not exist.
jury-juror-not-found = This person is not a juror of the call.
jury-assignment-not-found = This assignment does not exist.
jury-round-closed = The round is closed: reviews can no longer be changed.
jury-round-not-open = The round has not opened yet.
jury-round-not-confirmed = The chair has not confirmed this round's outcome yet.
jury-round-confirmed = The chair has confirmed this round's outcome; it can no longer be changed.
jury-confirm-open = The round is still open: close it before confirming the outcome.
jury-pitch-not-started = Scoring opens when this pitch starts.
jury-declare-first = Declare first whether you have a conflict of interest with this entry.
jury-conflict-declared = You declared a conflict of interest with this entry.
jury-conflict-organisation = You belong to the applicant's organisation, so you do not judge this entry.
jury-conflict-team = You are on this entry's team, so you do not judge it.
jury-assign-conflict = This juror is in conflict with the submission and cannot be assigned.
jury-unassign-reviewed = The juror has already finished this review; it stays assigned.
jury-not-an-entrant = This submission is not judged in this round.
jury-decision-twice = Each submission takes one decision only.
valid-jury-name-required = Enter a name
jury-no-entrants = No submission is in this round yet.
jury-no-jurors = Invite jurors first.
jury-not-a-pitch-round = Only a pitch round with a pitching session has slots.
jury-scale-fixed = Jurors have already scored on this scale; it can no longer be changed.
jury-criteria-fixed = Jurors have already scored in this round: criteria that count can no longer be added or removed.
jury-results-released = The results have already been released.
jury-phase-upcoming = Not open yet
jury-phase-open = Open for scoring
jury-phase-closed = Closed
jury-phase-confirmed = Confirmed
jury-review-draft = Draft
jury-review-final = Submitted
jury-review-abstained = Abstained
mail-juror-invite-subject = Invitation to the jury of { $call }
mail-juror-invite-body = { $inviter } has added you to the jury of { $call }. Your entries to review are waiting here: { $link }
mail-juror-invite-new-body = { $inviter } invites you to the jury of { $call }. We have created an account for you: set your password with this link (valid for 21 days), then you will find your entries to review: { $link }
mail-jury-reminder-subject = Reminder: { $count ->
    [one] 1 review
   *[other] { $count } reviews
} open in { $round }
mail-jury-reminder-body = { $round } of { $call } closes on { $closes }. { $count ->
    [one] One of your reviews is
   *[other] { $count } of your reviews are
} not finished yet: { $link }
mail-jury-result-subject = Result for “{ $title }” ({ $call })
mail-jury-result-body = The jury of { $call } has decided about “{ $title }”: { $outcome }. Your submission: { $link }
mail-jury-result-notes = Notes from the jury:
jury-report-title = Jury report
jury-report-generated = Generated on { $at }
jury-report-confirmed = Outcome confirmed on { $at } by { $by }
jury-report-settings = Rules of the round
jury-report-settings-line = Scale { $min }–{ $max }; score of an entry: { $aggregation } of the review totals, { $normalised }; { $jurors } jurors per entry.
jury-report-mean = mean
jury-report-median = median
jury-report-normalised = evened out per juror (z-scores)
jury-report-not-normalised = not evened out per juror
jury-report-weight = weight
jury-report-informational = for information, not part of the total
jury-report-tie-breaks = Equal scores: the higher mean on the first criterion first, then more reviews; entries still equal share their rank.
jury-report-ranking = Ranking
jury-report-reviews = { $count ->
    [one] 1 review
   *[other] { $count } reviews
}, spread { $spread }
jury-report-normalised-spread = raw { $score }, evened-out spread { $spread }
jury-report-disagreement = jurors disagree
jury-report-reviews-heading = Reviews
jury-report-not-counted = not counted (conflict of interest)
submission-jury-notes = Notes from the jury

## Confidentiality and fairness
jury-review-locked-others-seen = You have seen the other jurors' reviews of this entry, so your own review of it is locked: it can no longer be changed, replaced or turned from an abstention into scores.
jury-others-not-after-own = In this round the other jurors' reviews are not opened on request.
jury-others-hand-in-first = Hand in your own review of this entry (or abstain) before you open the other jurors' reviews.
jury-orga-own-reviews-pending = You are a juror in this round and have not handed in all your own reviews yet. Until you have (or the round closes), its scores, reviews, ranking, jury report and the applicants' names are closed to you, so that the other jurors' reviews cannot shape yours.
jury-orga-juror-rule = Organisers who are also jurors in this round see its scores, reviews, ranking, report and the applicants' names only once all their own reviews in it are handed in, or the round has closed.
jury-outcome-advance = Moves on
jury-outcome-keep = Stays as it is
jury-outcome-none = No decision
jury-confirmed-ranking = Ranking as confirmed
jury-confirmed-ranking-hint = The ranking as it stood when the chair confirmed, with the decision for each entry. Later changes (a conflict declared late, say) do not alter this record.
jury-decision = Decision
jury-report-decisions = The chair's decisions
jury-orga-possible = Similar organisation names: a conflict of interest?
jury-orga-possible-hint = The juror's organisation and the entry's have similar but not equal names. Decide whether they are the same organisation: then the juror does not review the entry and is replaced.
jury-orga-possible-confirm = Conflict of interest
jury-orga-possible-dismiss = Different organisations
jury-possible-match-not-found = There are no similar organisation names for this juror and this submission.
audit-jury-conflict-confirm = Conflict of interest (organisation) confirmed
audit-jury-conflict-dismiss = Similar organisation decided to be different
jury-orga-panel = This round's jury
jury-orga-panel-hint = Without a choice, the call's whole jury judges this round. Choose jurors so that, say, the final jury differs from the pre-selection's; a juror who leaves the round loses their assignments in it.
jury-orga-panel-legend = Jurors of this round
jury-orga-panel-save = Save the round's jury
jury-not-on-panel = This juror is not on this round's jury.
jury-panel-has-reviews = A juror who has handed in a review in this round stays on its jury.
jury-panel-empty = Choose at least one juror.
audit-jury-panel = Round jury set
