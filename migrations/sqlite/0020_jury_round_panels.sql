-- A round's own panel: when a round lists jurors here, only they judge it (a final jury that
-- differs from the pre-selection); a round without rows is judged by the call's whole jury.
create table jury_round_panels (
    round_id integer not null references jury_rounds (id) on delete cascade,
    account_id integer not null references accounts (id) on delete cascade,
    primary key (round_id, account_id)
);
