-- The jury of an innovation call: rounds with their criteria, jurors, conflict declarations,
-- assignments, reviews with one score per criterion, and the slots of a live pitch round.
-- Rankings are never stored: they are recomputed from the final reviews. The chair's decision
-- is recorded in audit_log together with the ranking as it stood.

create table jury_rounds (
    id integer primary key,
    call_id integer not null references calls (id) on delete cascade,
    position integer not null default 0,
    name_de text not null,
    name_en text not null,
    -- online | pitch (scored live during the pitches of the linked agenda session)
    kind text not null,
    -- The status a submission must have to be judged in this round: in_review | shortlisted | finalist
    entrants text not null,
    -- The scale every criterion of the round is scored on, e.g. 0–10.
    scale_min integer not null default 0,
    scale_max integer not null default 10,
    -- mean | median
    aggregation text not null default 'mean',
    -- Even out harsh and lenient jurors (z-scores per juror).
    normalise boolean not null default false,
    per_submission integer not null default 3,
    -- Spread of the review totals (in scale points) from which an entry is flagged.
    disagreement real not null default 3,
    -- When jurors see the other jurors' scores: never | after_own | after_close
    others_scores text not null default 'never',
    -- Jurors do not see who applied (team, organisation, website).
    names_hidden boolean not null default true,
    opens_at text not null,
    -- Reviews lock at this instant (or when an organiser closes the round early).
    closes_at text not null,
    closed_at text,
    -- Pitch rounds: the agenda session (kind pitching) of the call's event that hosts the pitches.
    session_id integer references agenda_sessions (id) on delete set null,
    -- When the chair confirmed the outcome, and who.
    confirmed_at text,
    confirmed_by integer references accounts (id) on delete set null,
    -- When reminders about unfinished reviews went out.
    reminded_at text,
    created_at text not null,
    updated_at text not null
);
create index jury_rounds_call_idx on jury_rounds (call_id, position);

create table jury_criteria (
    id integer primary key,
    round_id integer not null references jury_rounds (id) on delete cascade,
    position integer not null default 0,
    name_de text not null,
    name_en text not null,
    help_de text not null default '',
    help_en text not null default '',
    -- JSON [[score, label], …] shown next to the scale, e.g. [[0, "not convincing"], [10, "outstanding"]]
    labels_de text not null default '[]',
    labels_en text not null default '[]',
    weight real not null default 1,
    -- Shown to organisers but not part of the total.
    informational boolean not null default false,
    created_at text not null
);
create index jury_criteria_round_idx on jury_criteria (round_id, position);

create table jurors (
    id integer primary key,
    call_id integer not null references calls (id) on delete cascade,
    account_id integer not null references accounts (id) on delete cascade,
    -- JSON array of call category ids this juror reviews; empty: all.
    categories text not null default '[]',
    invited_by integer references accounts (id) on delete set null,
    created_at text not null,
    constraint jurors_key unique (call_id, account_id)
);
create index jurors_account_idx on jurors (account_id);

-- A juror's answer to "do you have a conflict of interest with this entry?", given before they
-- see its content. Conflicts from the same organisation or team membership are detected, not stored.
create table jury_declarations (
    id integer primary key,
    submission_id integer not null references submissions (id) on delete cascade,
    account_id integer not null references accounts (id) on delete cascade,
    conflict boolean not null,
    reason text not null default '',
    declared_at text not null,
    constraint jury_declarations_key unique (submission_id, account_id)
);
create index jury_declarations_account_idx on jury_declarations (account_id);

create table jury_assignments (
    id integer primary key,
    round_id integer not null references jury_rounds (id) on delete cascade,
    account_id integer not null references accounts (id) on delete cascade,
    submission_id integer not null references submissions (id) on delete cascade,
    -- auto | manual | import
    source text not null,
    created_by integer references accounts (id) on delete set null,
    created_at text not null,
    constraint jury_assignments_key unique (round_id, account_id, submission_id)
);
create index jury_assignments_submission_idx on jury_assignments (round_id, submission_id);
create index jury_assignments_account_idx on jury_assignments (account_id);

create table jury_reviews (
    id integer primary key,
    round_id integer not null references jury_rounds (id) on delete cascade,
    account_id integer not null references accounts (id) on delete cascade,
    submission_id integer not null references submissions (id) on delete cascade,
    -- draft | final | abstained
    state text not null,
    comment text not null default '',
    -- Shown to the team when the results are released.
    team_note text not null default '',
    abstain_reason text not null default '',
    created_at text not null,
    updated_at text not null,
    finalised_at text,
    constraint jury_reviews_key unique (round_id, account_id, submission_id)
);
create index jury_reviews_submission_idx on jury_reviews (round_id, submission_id);

-- One row per criterion, written on its own, so that two saves of different criteria of the
-- same review (a phone and a laptop) both keep their score.
create table jury_scores (
    review_id integer not null references jury_reviews (id) on delete cascade,
    criterion_id integer not null references jury_criteria (id) on delete cascade,
    score real not null,
    updated_at text not null,
    constraint jury_scores_key primary key (review_id, criterion_id)
);

-- Live pitch rounds: one slot per finalist inside the pitching session.
create table pitch_slots (
    id integer primary key,
    round_id integer not null references jury_rounds (id) on delete cascade,
    submission_id integer not null references submissions (id) on delete cascade,
    position integer not null,
    starts_at text not null,
    ends_at text not null,
    constraint pitch_slots_key unique (round_id, submission_id)
);
create index pitch_slots_round_idx on pitch_slots (round_id, starts_at);
