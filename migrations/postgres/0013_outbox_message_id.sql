-- Every mail carries a Message-ID made once when it is queued (`<outbox-id.random@host>`), so a
-- re-send after a crash carries the same one and receivers can drop the duplicate. Rows queued
-- before this migration get theirs when a worker first claims them.
alter table outbox add column message_id text;
-- The recipient's language (`de` or `en`): the `lang` of the mail's HTML part.
alter table outbox add column lang text not null default 'de';
-- Set when a worker starts the SMTP transaction, kept once the mail is sent: a row with
-- `sending_at` but no `sent_at` was being sent when its worker stopped and is retried (with
-- the same Message-ID) once `locked_until` has passed.
alter table outbox add column sending_at timestamptz;
