-- Organisers' decisions on organisation names that may mean the same organisation ("Fraunhofer"
-- and "Fraunhofer UMSICHT"): a juror of that organisation is in conflict with the entry (true),
-- or the names mean different organisations (false). Equal names need no decision.
create table jury_organisation_checks (
    call_id integer not null references calls (id) on delete cascade,
    account_id integer not null references accounts (id) on delete cascade,
    submission_id integer not null references submissions (id) on delete cascade,
    conflict boolean not null,
    decided_by integer references accounts (id) on delete set null,
    decided_at text not null,
    primary key (account_id, submission_id)
);
create index jury_organisation_checks_call_idx on jury_organisation_checks (call_id);
