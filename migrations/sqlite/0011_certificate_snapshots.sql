-- Certificates are records: what an issued certificate says is frozen when it is issued, so that
-- changing its template (texts, layout, images, serial prefix) or its event or call changes new
-- issues only. A re-issue is explicit: a new certificate with a new serial from the template as
-- it is then; the old one is marked superseded (or stays revoked) and keeps saying what it said.

-- The logos and signatures certificates were issued with, each stored once (by its SHA-256)
-- however many certificates show it; a template's own images may change, these never do.
create table certificate_images (
    id integer primary key,
    -- Lower-case hex SHA-256 of `data`.
    sha256 text not null,
    -- png | jpeg
    kind text not null,
    data blob not null,
    created_at text not null,
    constraint certificate_images_sha256_key unique (sha256)
);

-- sqlite-only: SQLite cannot drop a table constraint, so the table is copied without `certificates_template_subject_key` (PostgreSQL drops it in place)
create table certificates_copy (
    id integer primary key,
    template_id integer not null references certificate_templates (id) on delete cascade,
    serial integer not null,
    code text not null,
    account_id integer references accounts (id) on delete set null,
    subject text not null,
    recipient_name text not null,
    recipient_email text not null default '',
    organisation text not null default '',
    language text not null,
    facts text not null default '{}',
    issued_at text not null,
    issued_by integer references accounts (id) on delete set null,
    emailed_at text,
    revoked_at text,
    revoked_reason text not null default '',
    constraint certificates_code_key unique (code),
    constraint certificates_template_serial_key unique (template_id, serial)
);
insert into certificates_copy (id, template_id, serial, code, account_id, subject, recipient_name,
    recipient_email, organisation, language, facts, issued_at, issued_by, emailed_at, revoked_at,
    revoked_reason)
select id, template_id, serial, code, account_id, subject, recipient_name, recipient_email,
    organisation, language, facts, issued_at, issued_by, emailed_at, revoked_at, revoked_reason
from certificates;
drop table certificates;
alter table certificates_copy rename to certificates;
create index certificates_account_idx on certificates (account_id);
-- end sqlite-only

-- What the certificate says, as it was issued (JSON: serial as printed, layout, signatories, and
-- every text in German and English with the placeholders filled in). Empty only for certificates
-- issued before this migration, until the app freezes them from their template on start.
alter table certificates add column snapshot text not null default '';
-- The logo and signature it was issued with.
alter table certificates add column logo_image_id integer references certificate_images (id);
alter table certificates add column signature_image_id integer references certificate_images (id);
-- Set when a re-issue replaced it (valid or revoked), with the certificate that did.
alter table certificates add column superseded_at text;
alter table certificates add column superseded_by integer references certificates (id);

-- One current certificate per subject and template (revoked and superseded ones do not count),
-- so that re-issuing never leaves two valid ones; issuing looks subjects up by the second index.
create unique index certificates_current_subject_key on certificates (template_id, subject)
    where revoked_at is null and superseded_at is null;
create index certificates_template_subject_idx on certificates (template_id, subject);
