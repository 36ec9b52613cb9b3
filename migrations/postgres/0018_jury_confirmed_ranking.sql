-- The chair's confirmation as a record: the ranking line of every entry as it stood when the
-- chair confirmed the round, with its tie-break values and the decision taken, so that pages,
-- the jury report and the API show what was decided even if scores or conflicts change later.
create table jury_confirmed_lines (
    round_id bigint not null references jury_rounds (id) on delete cascade,
    submission_id bigint not null references submissions (id) on delete cascade,
    rank bigint not null,
    -- The score the ranking was by (normalised when the round normalised) and the raw one.
    score double precision,
    raw_score double precision,
    reviews bigint not null,
    abstentions bigint not null,
    spread double precision not null,
    normalised_spread double precision,
    disagreement boolean not null,
    -- The first tie-break: the mean raw score on the first criterion that counts.
    first_criterion double precision,
    -- advance | finalist | keep | not_selected | place_N | none (no decision given)
    outcome text not null,
    primary key (round_id, submission_id)
);
