//! The rules of a call, pure: its phases by instant, and the one state machine every submission
//! follows. Every status change goes through [`SubmissionStatus::change`], so applicants and
//! organisers cannot take a submission anywhere the rules do not allow.

use chrono::{DateTime, Utc};

/// Where a call stands at an instant, from its phase instants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Announced, not open for submissions yet.
    Upcoming,
    /// Submissions are accepted (up to, not including, the deadline).
    Open,
    /// The deadline has passed; the jury has not started.
    Closed,
    Review,
    /// Results are out.
    Decided,
}

/// The instants of a call's phases. The deadline is exact to the second: a request at the
/// deadline is one second too late.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Phases {
    pub opens_at: DateTime<Utc>,
    pub deadline: DateTime<Utc>,
    pub review_at: Option<DateTime<Utc>>,
    pub results_at: Option<DateTime<Utc>>,
}

impl Phases {
    /// Checks the order: opens < deadline ≤ review ≤ results. Returns the message id of the
    /// first problem.
    pub fn check(&self) -> Result<(), &'static str> {
        if self.deadline <= self.opens_at {
            return Err("valid-call-deadline-before-opening");
        }
        if self.review_at.is_some_and(|r| r < self.deadline) {
            return Err("valid-call-review-before-deadline");
        }
        if let (Some(r), Some(d)) = (self.review_at, self.results_at)
            && d < r
        {
            return Err("valid-call-results-before-review");
        }
        if self.results_at.is_some_and(|d| d < self.deadline) {
            return Err("valid-call-results-before-review");
        }
        Ok(())
    }

    pub fn at(&self, now: DateTime<Utc>) -> Phase {
        if now < self.opens_at {
            Phase::Upcoming
        } else if now < self.deadline {
            Phase::Open
        } else if self.results_at.is_some_and(|d| now >= d) {
            Phase::Decided
        } else if self.review_at.is_some_and(|r| now >= r) {
            Phase::Review
        } else {
            Phase::Closed
        }
    }

    /// Whether applicants may still create, change, submit or withdraw at `now`.
    pub fn accepts_changes(&self, now: DateTime<Utc>) -> bool {
        self.at(now) == Phase::Open
    }
}

/// Where a submission stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SubmissionStatus {
    Draft,
    Submitted,
    Withdrawn,
    Ineligible,
    InReview,
    Shortlisted,
    Finalist,
    Winner,
    NotSelected,
}

/// Who asks for a status change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum By {
    /// A member of the submission's team.
    Team,
    /// One of the call's organisers.
    Organiser,
}

impl SubmissionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            SubmissionStatus::Draft => "draft",
            SubmissionStatus::Submitted => "submitted",
            SubmissionStatus::Withdrawn => "withdrawn",
            SubmissionStatus::Ineligible => "ineligible",
            SubmissionStatus::InReview => "in_review",
            SubmissionStatus::Shortlisted => "shortlisted",
            SubmissionStatus::Finalist => "finalist",
            SubmissionStatus::Winner => "winner",
            SubmissionStatus::NotSelected => "not_selected",
        }
    }

    /// Whether the team may still change the content: a draft or a submitted entry, while the
    /// call is open.
    pub fn editable(self, phases: &Phases, now: DateTime<Utc>) -> bool {
        matches!(self, SubmissionStatus::Draft | SubmissionStatus::Submitted)
            && phases.accepts_changes(now)
    }

    /// The one place that decides whether `by` may move a submission from `self` to `to` at
    /// `now`. Returns the new status, or the message id saying why not.
    ///
    /// - The team submits, withdraws and resubmits, only while the call is open.
    /// - Organisers mark submitted entries ineligible (with a reason, checked by the caller) or
    ///   take that back, at any time; after the deadline they start the review, and then
    ///   shortlist, pick finalists and winners, or decide not to select.
    pub fn change(
        self,
        to: SubmissionStatus,
        by: By,
        phases: &Phases,
        now: DateTime<Utc>,
    ) -> Result<SubmissionStatus, &'static str> {
        use SubmissionStatus::*;
        let open = phases.accepts_changes(now);
        let allowed = match (by, self, to) {
            (By::Team, Draft | Withdrawn, Submitted) | (By::Team, Draft | Submitted, Withdrawn) => {
                if !open {
                    return Err("submission-deadline-passed");
                }
                true
            }
            (By::Organiser, Submitted, Ineligible) | (By::Organiser, Ineligible, Submitted) => true,
            (By::Organiser, Submitted, InReview) => {
                if open {
                    return Err("submission-review-before-deadline");
                }
                true
            }
            (By::Organiser, InReview, Shortlisted | NotSelected)
            | (By::Organiser, Shortlisted, Finalist | NotSelected)
            | (By::Organiser, Finalist, Winner | NotSelected) => true,
            _ => false,
        };
        if allowed {
            Ok(to)
        } else {
            Err("submission-status-change-invalid")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::SubmissionStatus::*;
    use super::*;
    use chrono::TimeZone;

    fn at(d: u32, h: u32, m: u32, s: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2027, 3, d, h, m, s).unwrap()
    }

    fn phases() -> Phases {
        Phases {
            opens_at: at(1, 8, 0, 0),
            deadline: at(15, 11, 0, 0),
            review_at: Some(at(16, 8, 0, 0)),
            results_at: Some(at(30, 16, 0, 0)),
        }
    }

    #[test]
    fn a_call_moves_through_its_phases_and_closes_at_the_exact_second() {
        let p = phases();
        assert_eq!(p.check(), Ok(()));
        assert_eq!(p.at(at(1, 7, 59, 59)), Phase::Upcoming);
        assert_eq!(p.at(at(1, 8, 0, 0)), Phase::Open);
        assert_eq!(p.at(at(15, 10, 59, 59)), Phase::Open);
        assert_eq!(p.at(at(15, 11, 0, 0)), Phase::Closed);
        assert_eq!(p.at(at(16, 8, 0, 0)), Phase::Review);
        assert_eq!(p.at(at(30, 16, 0, 0)), Phase::Decided);
        let bad = Phases {
            deadline: at(1, 8, 0, 0),
            ..p
        };
        assert_eq!(bad.check(), Err("valid-call-deadline-before-opening"));
        let bad = Phases {
            review_at: Some(at(14, 8, 0, 0)),
            ..p
        };
        assert_eq!(bad.check(), Err("valid-call-review-before-deadline"));
    }

    #[test]
    fn teams_submit_withdraw_and_resubmit_only_while_the_call_is_open() {
        let p = phases();
        let open = at(10, 12, 0, 0);
        let late = at(15, 11, 0, 0);
        assert_eq!(Draft.change(Submitted, By::Team, &p, open), Ok(Submitted));
        assert_eq!(
            Submitted.change(Withdrawn, By::Team, &p, open),
            Ok(Withdrawn)
        );
        assert_eq!(
            Withdrawn.change(Submitted, By::Team, &p, open),
            Ok(Submitted)
        );
        assert_eq!(
            Draft.change(Submitted, By::Team, &p, late),
            Err("submission-deadline-passed"),
            "one second late is too late"
        );
        assert_eq!(
            Submitted.change(Withdrawn, By::Team, &p, late),
            Err("submission-deadline-passed")
        );
        assert!(Submitted.editable(&p, open) && !Submitted.editable(&p, late));
        assert!(!InReview.editable(&p, open));
        // Teams never judge themselves.
        for to in [
            Ineligible,
            InReview,
            Shortlisted,
            Finalist,
            Winner,
            NotSelected,
        ] {
            assert_eq!(
                Submitted.change(to, By::Team, &p, open),
                Err("submission-status-change-invalid")
            );
        }
    }

    #[test]
    fn organisers_check_eligibility_review_after_the_deadline_and_decide_in_order() {
        let p = phases();
        let open = at(10, 12, 0, 0);
        let after = at(16, 9, 0, 0);
        assert_eq!(
            Submitted.change(Ineligible, By::Organiser, &p, open),
            Ok(Ineligible)
        );
        assert_eq!(
            Ineligible.change(Submitted, By::Organiser, &p, open),
            Ok(Submitted)
        );
        assert_eq!(
            Submitted.change(InReview, By::Organiser, &p, open),
            Err("submission-review-before-deadline")
        );
        let mut s = Submitted;
        for to in [InReview, Shortlisted, Finalist, Winner] {
            s = s.change(to, By::Organiser, &p, after).unwrap();
        }
        assert_eq!(s, Winner);
        // No skipping: a draft is never reviewed, an entry in review is not a winner at once.
        assert!(Draft.change(InReview, By::Organiser, &p, after).is_err());
        assert!(InReview.change(Winner, By::Organiser, &p, after).is_err());
        assert!(
            Withdrawn
                .change(Ineligible, By::Organiser, &p, after)
                .is_err()
        );
        assert_eq!(
            Finalist.change(NotSelected, By::Organiser, &p, after),
            Ok(NotSelected)
        );
    }
}
