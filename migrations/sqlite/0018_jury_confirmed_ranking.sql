-- The chair's confirmation as a record: the ranking line of every entry as it stood when the
-- chair confirmed the round, with its tie-break values and the decision taken, so that pages,
-- the jury report and the API show what was decided even if scores or conflicts change later.
create table jury_confirmed_lines (
    round_id integer not null references jury_rounds (id) on delete cascade,
    submission_id integer not null references submissions (id) on delete cascade,
    rank integer not null,
    -- The score the ranking was by (normalised when the round normalised) and the raw one.
    score real,
    raw_score real,
    reviews integer not null,
    abstentions integer not null,
    spread real not null,
    normalised_spread real,
    disagreement boolean not null,
    -- The first tie-break: the mean raw score on the first criterion that counts.
    first_criterion real,
    -- advance | finalist | keep | not_selected | place_N | none (no decision given)
    outcome text not null,
    primary key (round_id, submission_id)
);
