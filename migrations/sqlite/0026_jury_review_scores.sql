-- Each review carries its scores as one line, `criterion:score` pairs joined by commas, kept
-- up to date by triggers in the same transaction as every change to jury_scores, so that no
-- writer can forget it. The call dashboard reads a round's scores from its 10,000 reviews
-- instead of joining 60,000 score rows (backend/src/jury/service/figures.rs). jury_scores stays
-- the record: one row per criterion, so two saves of different criteria both keep their score.

alter table jury_reviews add column scores text not null default '';
-- sqlite-only: SQLite triggers have their bodies inline and fire on one kind of change each
-- (and aggregate strings by different names); the existing reviews get their line first
update jury_reviews set scores = coalesce(
    (select group_concat(criterion_id || ':' || score, ',') from jury_scores
     where review_id = jury_reviews.id), '');
create trigger jury_scores_insert_line after insert on jury_scores
begin
    update jury_reviews set scores = coalesce(
        (select group_concat(criterion_id || ':' || score, ',') from jury_scores
         where review_id = new.review_id), '')
    where id = new.review_id;
end;
create trigger jury_scores_update_line after update on jury_scores
begin
    update jury_reviews set scores = coalesce(
        (select group_concat(criterion_id || ':' || score, ',') from jury_scores
         where review_id = new.review_id), '')
    where id = new.review_id;
end;
create trigger jury_scores_delete_line after delete on jury_scores
begin
    update jury_reviews set scores = coalesce(
        (select group_concat(criterion_id || ':' || score, ',') from jury_scores
         where review_id = old.review_id), '')
    where id = old.review_id;
end;
-- end sqlite-only
