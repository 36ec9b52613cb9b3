//! Automatic assignment of jurors to submissions, pure: who reviews what, so that every entry
//! gets enough jurors, nobody reviews an entry they declared a conflict on or outside their
//! categories, and the work is spread evenly. No I/O: the caller loads jurors, entries and
//! conflicts, and stores the plan's `added` pairs.
//!
//! The plan only adds: existing assignments are never moved or removed, even when they would
//! not be made today (a conflict declared after assigning is the service's business).

use std::collections::HashSet;

/// A juror of the round, as the planner sees them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Juror {
    pub id: i64,
    /// The categories this juror reviews. Empty: any category, and entries without one.
    pub categories: Vec<i64>,
    /// Submissions already assigned to this juror in this round, including those listed in
    /// [`Entry::assigned`]. Existing work counts, so a juror who has plenty gets less.
    pub load: usize,
}

/// A submission to be reviewed in this round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub id: i64,
    pub category: Option<i64>,
    /// The (distinct) jurors already assigned. They are kept, and count towards
    /// `per_submission`.
    pub assigned: Vec<i64>,
}

/// What the planner proposes.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Plan {
    /// New `(juror, submission)` pairs, in the order they were made.
    pub added: Vec<(i64, i64)>,
    /// `(submission, missing)`: entries that still lack jurors because too few are eligible,
    /// by submission id. Organisers resolve these by hand (another juror, a wider category).
    pub short: Vec<(i64, usize)>,
}

impl Juror {
    /// Whether this juror may review `entry` at all: no declared conflict (`conflicts` holds
    /// `(juror, submission)` pairs), and the entry's category is one of the juror's. A juror
    /// limited to categories does not get entries without a category.
    pub fn may_review(&self, entry: &Entry, conflicts: &HashSet<(i64, i64)>) -> bool {
        let category_fits = self.categories.is_empty()
            || entry.category.is_some_and(|c| self.categories.contains(&c));
        category_fits && !conflicts.contains(&(self.id, entry.id))
    }
}

/// Plans the assignments that give every entry `per_submission` jurors.
///
/// Greedy and balanced: entries with the fewest eligible jurors go first (the most constrained
/// first, so that a scarce specialist is not used up on entries anyone could review; among
/// those, the entry missing more jurors, then the lower id). Each entry takes the eligible
/// jurors with the lowest load so far (equal loads: the lower juror id) until it has
/// `per_submission`. When everyone is eligible and starts equal, the loads end up differing by
/// at most one.
///
/// Deterministic: the same jurors, entries and conflicts give the same plan, in whatever order
/// they are listed. Juror ids are expected to be unique; a repeated juror is taken once (the
/// first listing). Entries that already have `per_submission` jurors or more are left alone.
pub fn plan(
    jurors: &[Juror],
    entries: &[Entry],
    conflicts: &HashSet<(i64, i64)>,
    per_submission: usize,
) -> Plan {
    let mut seen = HashSet::with_capacity(jurors.len());
    let jurors: Vec<&Juror> = jurors.iter().filter(|j| seen.insert(j.id)).collect();
    let mut loads: Vec<usize> = jurors.iter().map(|j| j.load).collect();

    struct Need<'a> {
        entry: &'a Entry,
        missing: usize,
        /// Indices into `jurors`.
        candidates: Vec<usize>,
    }
    let mut needs: Vec<Need> = entries
        .iter()
        .filter_map(|entry| {
            let missing = per_submission.saturating_sub(entry.assigned.len());
            let candidates = (0..jurors.len())
                .filter(|&i| {
                    let juror = jurors[i];
                    juror.may_review(entry, conflicts) && !entry.assigned.contains(&juror.id)
                })
                .collect();
            (missing > 0).then_some(Need {
                entry,
                missing,
                candidates,
            })
        })
        .collect();
    needs.sort_by_key(|n| (n.candidates.len(), std::cmp::Reverse(n.missing), n.entry.id));

    let mut plan = Plan::default();
    for need in &mut needs {
        let take = need.missing.min(need.candidates.len());
        let key = |i: &usize| (loads[*i], jurors[*i].id);
        // Only the `take` least loaded are needed: a partial selection, linear in the number
        // of candidates, instead of sorting them all for every entry. Keys are unique (ids
        // are), so the chosen set does not depend on the candidates' order.
        if take < need.candidates.len() {
            need.candidates.select_nth_unstable_by_key(take, key);
        }
        let chosen = &mut need.candidates[..take];
        chosen.sort_unstable_by_key(key);
        for &i in chosen.iter() {
            loads[i] += 1;
            plan.added.push((jurors[i].id, need.entry.id));
        }
        if take < need.missing {
            plan.short.push((need.entry.id, need.missing - take));
        }
    }
    plan.short.sort_unstable();
    plan
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn juror(id: i64) -> Juror {
        Juror {
            id,
            categories: Vec::new(),
            load: 0,
        }
    }

    fn entry(id: i64) -> Entry {
        Entry {
            id,
            category: None,
            assigned: Vec::new(),
        }
    }

    /// Every submission's jurors after the plan, existing ones included.
    fn panels(entries: &[Entry], plan: &Plan) -> HashMap<i64, Vec<i64>> {
        let mut panels: HashMap<i64, Vec<i64>> =
            entries.iter().map(|e| (e.id, e.assigned.clone())).collect();
        for &(juror, submission) in &plan.added {
            panels.entry(submission).or_default().push(juror);
        }
        panels
    }

    /// New assignments per juror, in the order of `jurors`.
    fn new_loads(jurors: &[Juror], plan: &Plan) -> Vec<usize> {
        jurors
            .iter()
            .map(|j| {
                plan.added
                    .iter()
                    .filter(|(juror, _)| *juror == j.id)
                    .count()
            })
            .collect()
    }

    #[test]
    fn every_submission_gets_the_number_of_jurors_asked_for_and_no_juror_twice() {
        let jurors: Vec<Juror> = (1..=5).map(juror).collect();
        let mut entries: Vec<Entry> = (1..=7).map(entry).collect();
        // Entry 7 already has four: more than asked, left alone.
        entries[6].assigned = vec![1, 2, 3, 4];
        let plan = plan(&jurors, &entries, &HashSet::new(), 3);
        assert!(plan.short.is_empty());
        for (id, panel) in panels(&entries, &plan) {
            let distinct: HashSet<i64> = panel.iter().copied().collect();
            assert_eq!(distinct.len(), panel.len(), "entry {id}: {panel:?}");
            let expected = if id == 7 { 4 } else { 3 };
            assert_eq!(panel.len(), expected, "entry {id}");
        }
    }

    #[test]
    fn the_work_is_spread_evenly_when_everyone_is_eligible() {
        let jurors: Vec<Juror> = (1..=4).map(juror).collect();
        let entries: Vec<Entry> = (1..=10).map(entry).collect();
        // 10 entries × 2 jurors = 20 reviews over 4 jurors: 5 each.
        let plan = plan(&jurors, &entries, &HashSet::new(), 2);
        assert_eq!(new_loads(&jurors, &plan), [5, 5, 5, 5]);
    }

    #[test]
    fn a_juror_is_never_assigned_an_entry_they_declared_a_conflict_on() {
        let jurors: Vec<Juror> = (1..=3).map(juror).collect();
        let entries: Vec<Entry> = (1..=6).map(entry).collect();
        let conflicts = HashSet::from([(1, 1), (1, 2), (2, 2), (3, 5)]);
        let plan = plan(&jurors, &entries, &conflicts, 2);
        for pair in &plan.added {
            assert!(!conflicts.contains(pair), "{pair:?} is a conflict");
        }
        // Entry 2 has only juror 3 left: short by one. The others are complete.
        assert_eq!(plan.short, [(2, 1)]);
        let panels = panels(&entries, &plan);
        assert_eq!(panels[&1].len(), 2);
        assert_eq!(panels[&2], [3]);
    }

    #[test]
    fn jurors_limited_to_categories_only_get_entries_of_those_categories() {
        let jurors = [
            Juror {
                categories: vec![10],
                ..juror(1)
            },
            Juror {
                categories: vec![20],
                ..juror(2)
            },
            juror(3), // any category
        ];
        let entries = [
            Entry {
                category: Some(10),
                ..entry(1)
            },
            Entry {
                category: Some(20),
                ..entry(2)
            },
            entry(3), // no category: only juror 3 may review it
        ];
        let plan = plan(&jurors, &entries, &HashSet::new(), 2);
        // Eligible: 1 → {1, 3}, 2 → {2, 3}, 3 → {3}. Entry 3 is the most constrained and goes
        // first (juror 3, load 1), then entry 1 (juror 1 at 0, juror 3 at 1), then entry 2.
        assert_eq!(plan.added, [(3, 3), (1, 1), (3, 1), (2, 2), (3, 2)]);
        assert_eq!(plan.short, [(3, 1)]);
    }

    #[test]
    fn existing_assignments_are_kept_and_count_in_the_load() {
        // Juror 1 already reviews entries 1 and 2 (load 2); two per entry wanted.
        let jurors = [
            Juror {
                load: 2,
                ..juror(1)
            },
            juror(2),
            juror(3),
        ];
        let mut entries: Vec<Entry> = (1..=4).map(entry).collect();
        entries[0].assigned = vec![1];
        entries[1].assigned = vec![1];
        let plan = plan(&jurors, &entries, &HashSet::new(), 2);
        // Entries 1 and 2 (two candidates, one missing) first: loads 2,0,0 → juror 2;
        // 2,1,0 → juror 3. Entry 3: loads 2,1,1 → jurors 2 and 3. Entry 4: loads 2,2,2 →
        // the lower ids, jurors 1 and 2. Final loads 3, 3, 2.
        assert_eq!(plan.added, [(2, 1), (3, 2), (2, 3), (3, 3), (1, 4), (2, 4)]);
        assert!(plan.short.is_empty());
        assert_eq!(new_loads(&jurors, &plan), [1, 3, 2]);
    }

    #[test]
    fn an_entry_with_too_few_eligible_jurors_is_reported_short_with_the_missing_count() {
        let jurors = [
            Juror {
                categories: vec![10],
                ..juror(1)
            },
            Juror {
                categories: vec![10],
                ..juror(2)
            },
        ];
        let entries = [
            Entry {
                category: Some(10),
                ..entry(1)
            },
            Entry {
                category: Some(99),
                ..entry(2)
            },
        ];
        let plan = plan(&jurors, &entries, &HashSet::from([(2, 1)]), 3);
        // Entry 1: only juror 1 (juror 2 has a conflict), 2 missing; entry 2: nobody, 3 missing.
        assert_eq!(plan.added, [(1, 1)]);
        assert_eq!(plan.short, [(1, 2), (2, 3)]);
    }

    #[test]
    fn the_same_input_gives_the_same_plan_in_whatever_order_it_is_listed() {
        let jurors: Vec<Juror> = (1..=7)
            .map(|id| Juror {
                categories: if id % 3 == 0 { vec![1] } else { vec![] },
                load: (id % 2) as usize,
                ..juror(id)
            })
            .collect();
        let entries: Vec<Entry> = (1..=30)
            .map(|id| Entry {
                category: Some(id % 4),
                ..entry(id)
            })
            .collect();
        let conflicts = HashSet::from([(1, 3), (2, 3), (4, 10), (5, 11)]);
        let first = plan(&jurors, &entries, &conflicts, 3);
        assert_eq!(plan(&jurors, &entries, &conflicts, 3), first);
        let (mut jurors, mut entries) = (jurors, entries);
        jurors.reverse();
        entries.reverse();
        assert_eq!(plan(&jurors, &entries, &conflicts, 3), first);
    }

    #[test]
    fn two_thousand_entries_over_sixty_jurors_are_planned_evenly() {
        let jurors: Vec<Juror> = (1..=60).map(juror).collect();
        let entries: Vec<Entry> = (1..=2000).map(entry).collect();
        let plan = plan(&jurors, &entries, &HashSet::new(), 3);
        assert!(plan.short.is_empty());
        assert_eq!(plan.added.len(), 6000);
        for (id, panel) in panels(&entries, &plan) {
            let distinct: HashSet<i64> = panel.iter().copied().collect();
            assert_eq!(distinct.len(), 3, "entry {id}");
        }
        let loads = new_loads(&jurors, &plan);
        let (min, max) = (loads.iter().min().unwrap(), loads.iter().max().unwrap());
        assert!(max - min <= 1, "loads from {min} to {max}");
    }
}
