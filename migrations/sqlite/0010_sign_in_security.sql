-- What a personal API token may do: `read` (safe methods only: every write is refused with 403)
-- or `read_write`. Tokens made before scopes existed keep the full access they were made with.
alter table api_tokens add column scope text not null default 'read_write';
