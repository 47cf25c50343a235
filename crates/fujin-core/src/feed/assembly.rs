//! A feed being put together from its head and then its records, one by
//! one, whichever way the text is read (a whole parse or [`FeedReader`](super::FeedReader)).

use crate::json::{Json, Object};

use super::Feed;
use super::context::Context;
use super::error::FeedError;
use super::feature_record::read_feature;
use super::format::Format;
use super::head::Head;
use super::merchant_record::read_merchant_record;
use super::problem::{Problem, ProblemKind};
use crate::geo::LonLat;
use crate::model::Merchant;

/// A loaded feed with what was wrong with it.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedFeed {
    /// Every valid merchant and deal.
    pub feed: Feed,
    /// The first [`MAX_KEPT_PROBLEMS`](super::limits::MAX_KEPT_PROBLEMS) problems found, in document order.
    pub problems: Vec<Problem>,
    /// How many problems were found in all (`problems` holds the first of them).
    pub problem_count: usize,
    /// How many records (merchants or deals) were rejected.
    pub rejected: usize,
}

/// A feed being put together: its head (format, version, crs, name, centre,
/// checkout hosts), read first, and then its records one by one.
pub(super) struct Assembly {
    format: Format,
    ctx: Context,
    name: Option<String>,
    center: Option<LonLat>,
    merchants: Vec<Merchant>,
}

impl Assembly {
    /// Checks the document's head; `top` may hold the records or not.
    pub fn new(top: &Object) -> Result<Self, FeedError> {
        let Head { format, crs, name, center, checkout_hosts, order_params, problems } = Head::read(top)?;
        let mut ctx = Context::new(crs, checkout_hosts, order_params);
        ctx.note(problems);
        Ok(Self { format, ctx, name, center, merchants: Vec::new() })
    }

    /// The key of the document's record list: `features` or `merchants`.
    pub fn record_key(&self) -> &'static str {
        self.format.record_key()
    }

    /// Makes room for `n` more merchants, so that no single record pays
    /// for regrowing a city-sized table (the id sets grow in small parts).
    /// The caller bounds `n` by the bytes of the list
    /// ([`RESERVE_BYTES_PER_RECORD`](super::limits::RESERVE_BYTES_PER_RECORD)).
    pub fn reserve(&mut self, n: usize) {
        self.merchants.reserve(n);
    }

    /// Reads record `i` of the list.
    pub fn read(&mut self, i: usize, record: &Json) {
        let merchant = match self.format {
            Format::GeoJson => read_feature(i, record, &mut self.ctx),
            Format::Fujin => read_merchant_record(i, record, &mut self.ctx),
        };
        self.merchants.extend(merchant);
    }

    /// Rejects record `i`, which is `bytes` long, unread: over [`MAX_RECORD_BYTES`](super::limits::MAX_RECORD_BYTES).
    pub fn reject_oversized(&mut self, i: usize, bytes: usize) {
        let pointer = format!("/{}/{i}", self.record_key());
        self.ctx.reject(vec![Problem { pointer, kind: ProblemKind::RecordTooLarge { bytes } }]);
    }

    /// The feed and everything found wrong with it.
    pub fn finish(self) -> LoadedFeed {
        let Context { crs, checkout_hosts, order_params, problems, problem_count, rejected, .. } = self.ctx;
        let feed = Feed {
            name: self.name,
            crs,
            center: self.center,
            checkout_hosts,
            order_params,
            merchants: self.merchants,
        };
        LoadedFeed { feed, problems, problem_count, rejected }
    }
}
