//! What the records of one feed share while they are read: the head's
//! settings, the ids seen so far, and the problems found.

use super::id_set::IdSet;
use super::limits::MAX_KEPT_PROBLEMS;
use super::problem::Problem;
use super::recent_times::RecentTimes;
use crate::commerce::OrderParams;
use crate::geo::Crs;

/// State shared by the records of one feed.
pub(super) struct Context {
    /// The datum the feed's coordinates are in.
    pub crs: Crs,
    /// Hosts allowed for generic `checkout` payment links.
    pub checkout_hosts: Vec<String>,
    /// What hand-off adds to `checkout` links: links need room for it.
    pub order_params: OrderParams,
    /// Merchant id → pointer of its first use.
    pub merchant_ids: IdSet,
    /// Deal id → pointer of its first use.
    pub deal_ids: IdSet,
    /// The times deals gave lately.
    pub times: RecentTimes,
    pub(super) problems: Vec<Problem>,
    pub(super) problem_count: usize,
    pub(super) rejected: usize,
}

impl Context {
    /// The context of a feed whose head gave these settings.
    pub fn new(crs: Crs, checkout_hosts: Vec<String>, order_params: OrderParams) -> Self {
        Self {
            crs,
            checkout_hosts,
            order_params,
            merchant_ids: IdSet::default(),
            deal_ids: IdSet::default(),
            times: RecentTimes::default(),
            problems: Vec::new(),
            problem_count: 0,
            rejected: 0,
        }
    }

    /// Records a rejected record and its problems; past
    /// [`MAX_KEPT_PROBLEMS`] they are only counted, so that a feed of a
    /// million bad records costs no more memory than one of a thousand.
    pub fn reject(&mut self, problems: Vec<Problem>) {
        self.rejected += 1;
        self.note(problems);
    }

    /// Whether new problems will be kept (else only counted).
    pub fn keeps_problems(&self) -> bool {
        self.problems.len() < MAX_KEPT_PROBLEMS
    }

    /// Records problems that reject nothing (in the feed's head).
    pub fn note(&mut self, problems: Vec<Problem>) {
        self.problem_count += problems.len();
        let room = MAX_KEPT_PROBLEMS.saturating_sub(self.problems.len());
        self.problems.extend(problems.into_iter().take(room));
    }
}
