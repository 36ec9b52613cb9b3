-- Each review carries its scores as one line, `criterion:score` pairs joined by commas, kept
-- up to date by triggers in the same transaction as every change to jury_scores, so that no
-- writer can forget it. The call dashboard reads a round's scores from its 10,000 reviews
-- instead of joining 60,000 score rows (backend/src/jury/service/figures.rs). jury_scores stays
-- the record: one row per criterion, so two saves of different criteria both keep their score.
-- Writers hold the review's row lock while they write its scores
-- (jury::queries::review_for_update), so the line of one never misses the other's score.

alter table jury_reviews add column scores text not null default '';
-- postgres-only: PostgreSQL triggers call PL/pgSQL functions
-- (and aggregate strings by different names); the existing reviews get their line first
update jury_reviews set scores = coalesce(
    (select string_agg(criterion_id || ':' || score, ',') from jury_scores
     where review_id = jury_reviews.id), '');
create function jury_scores_line() returns trigger language plpgsql as $$
declare
    changed bigint;
begin
    if tg_op = 'DELETE' then changed := old.review_id; else changed := new.review_id; end if;
    update jury_reviews set scores = coalesce(
        (select string_agg(criterion_id || ':' || score, ',') from jury_scores
         where review_id = changed), '')
    where id = changed;
    return null;
end $$;
create trigger jury_scores_line after insert or update or delete on jury_scores
    for each row execute function jury_scores_line();
-- end postgres-only
