//! A feed made ready to search: its spatial index, search text and deal
//! ids, built once (in steps, for the browser), and looked up by index or id.

use super::deal_ids::DealIds;
use super::deal_row::DealRow;
use super::index_build::IndexBuild;
use super::spatial_index::SpatialIndex;
use crate::commerce::Order;
use crate::feed::Feed;
use crate::geo::LonLat;
use crate::model::{Deal, ImageSrc, Merchant, OpeningHours};
use url::Url;

/// A deal found in a [`Catalog`], with its merchant and the merchant's index
/// (as in [`DealRow::merchant`] and [`Hit::index`](super::spatial_index::Hit::index)).
#[derive(Debug, Clone, Copy)]
pub struct FoundDeal<'a> {
    /// The merchant's index in the feed.
    pub merchant_index: u32,
    /// The merchant.
    pub merchant: &'a Merchant,
    /// The deal.
    pub deal: &'a Deal,
}

/// A feed with its spatial index and search text, built once.
#[derive(Debug, Clone)]
pub struct Catalog {
    feed: Feed,
    index: SpatialIndex,
    /// Lower-cased merchant names, for text search; `None` where the name
    /// has no case (see [`lowered`]).
    names_lower: Vec<Option<String>>,
    /// Lower-cased deal titles, per merchant; empty where no title has a case.
    titles_lower: Vec<Vec<String>>,
    /// Deal id → (merchant index, deal index); ids are unique in a loaded feed.
    deals_by_id: DealIds,
    /// Whether each merchant has a deal: the list's query looks only at these.
    has_deals: Vec<bool>,
    /// Each merchant's opening hours, when its text is in a form Fujin reads.
    hours: Vec<Option<OpeningHours>>,
    /// The feed's own address, which photos given as paths are beside.
    feed_url: Option<Url>,
}

/// Builds a [`Catalog`] a slice of merchants at a time (their search text
/// and deal ids), then its spatial index a step at a time (an
/// [`IndexBuild`]), so that a page can stay responsive while a city's worth
/// of merchants is indexed.
///
/// ```
/// use fujin_core::feed::load_feed;
/// use fujin_core::index::CatalogBuilder;
/// let json = br#"{"merchants": [
///   {"id": "a", "name": "A", "category": "food", "lat": 22.5, "lon": 114.0},
///   {"id": "b", "name": "B", "category": "food", "lat": 22.6, "lon": 114.1}]}"#;
/// let mut builder = CatalogBuilder::new(load_feed(json).unwrap().feed);
/// assert!(!builder.step(1));
/// assert_eq!(builder.progress(), 0.25);
/// while !builder.step(1) {}
/// assert_eq!(builder.finish().index().len(), 2);
/// ```
#[derive(Debug)]
pub struct CatalogBuilder {
    feed: Feed,
    /// The index being built: given (a packed feed's rebuild), or once the
    /// merchants are prepared, a bulk load over `positions`.
    build: Option<IndexBuild>,
    /// The merchants' positions, gathered as they are prepared (a million
    /// merchants' in one go was a step of 40 ms or more).
    positions: Vec<LonLat>,
    /// The index, once built.
    index: Option<SpatialIndex>,
    names_lower: Vec<Option<String>>,
    titles_lower: Vec<Vec<String>>,
    deals_by_id: DealIds,
    has_deals: Vec<bool>,
    hours: Vec<Option<OpeningHours>>,
}

impl CatalogBuilder {
    /// Starts indexing `feed`.
    pub fn new(feed: Feed) -> Self {
        Self::with_index(feed, None)
    }

    /// Starts indexing `feed` with the build of its spatial index over
    /// `feed.positions()` (a packed feed's rebuild, from
    /// [`PackReader::finish`](crate::pack::PackReader::finish)), or a bulk
    /// load when `index` is `None` or is not over one position per merchant.
    pub fn with_index(feed: Feed, index: Option<IndexBuild>) -> Self {
        let n = feed.merchants.len();
        let build = index.filter(|index| index.len() == n);
        Self {
            positions: if build.is_some() { Vec::new() } else { Vec::with_capacity(n) },
            build,
            index: None,
            names_lower: Vec::with_capacity(n),
            titles_lower: Vec::with_capacity(n),
            deals_by_id: DealIds::with_capacity(feed.deal_count()),
            has_deals: Vec::with_capacity(n),
            hours: Vec::with_capacity(n),
            feed,
        }
    }

    /// Prepares up to `max_merchants` more merchants, or once all are
    /// prepared does a step of building the index; true when all is done.
    pub fn step(&mut self, max_merchants: usize) -> bool {
        let n = self.feed.merchants.len();
        let start = self.names_lower.len();
        if start < n {
            let end = start.saturating_add(max_merchants).min(n);
            let gather_positions = self.build.is_none();
            for (m, merchant) in self.feed.merchants.iter().enumerate().take(end).skip(start) {
                self.names_lower.push(lowered(&merchant.name));
                let titles = &merchant.deals;
                self.titles_lower.push(if titles.iter().any(|d| has_case(&d.title)) {
                    titles.iter().map(|d| d.title.to_lowercase()).collect()
                } else {
                    Vec::new()
                });
                self.has_deals.push(!merchant.deals.is_empty());
                self.hours.push(merchant.opening_hours.as_deref().and_then(OpeningHours::parse));
                if gather_positions {
                    self.positions.push(merchant.position);
                }
                for d in 0..merchant.deals.len() {
                    self.deals_by_id.insert(&self.feed, m as u32, d as u32);
                }
            }
            if end < n {
                return false;
            }
        }
        let positions = &mut self.positions;
        let build = self.build.get_or_insert_with(|| IndexBuild::new(std::mem::take(positions)));
        if build.step() {
            self.index = self.build.take().map(IndexBuild::finish);
        }
        self.index.is_some()
    }

    /// Share of the work done, from 0 to 1 (the merchants, then the index).
    pub fn progress(&self) -> f64 {
        let prepared = self.names_lower.len() as f64 / self.feed.merchants.len().max(1) as f64;
        let indexed = match (&self.build, &self.index) {
            (_, Some(_)) => 1.0,
            (Some(build), None) => build.progress(),
            (None, None) => 0.0,
        };
        0.5 * prepared + 0.5 * indexed
    }

    /// Does whatever is left; the catalog.
    pub fn finish(mut self) -> Catalog {
        while !self.step(usize::MAX) {}
        let index = match self.index.take() {
            Some(index) => index,
            // Not reached: the steps end with the index built.
            None => SpatialIndex::new(&self.feed.positions()),
        };
        Catalog {
            feed: self.feed,
            index,
            names_lower: self.names_lower,
            titles_lower: self.titles_lower,
            deals_by_id: self.deals_by_id,
            has_deals: self.has_deals,
            hours: self.hours,
            feed_url: None,
        }
    }
}

impl Catalog {
    /// Indexes a feed (O(n log n)). [`CatalogBuilder`] does the same in steps.
    pub fn new(feed: Feed) -> Self {
        CatalogBuilder::new(feed).finish()
    }

    /// The feed.
    pub fn feed(&self) -> &Feed {
        &self.feed
    }

    /// The spatial index over the feed's merchants.
    pub fn index(&self) -> &SpatialIndex {
        &self.index
    }

    /// The catalog of a feed read from `feed_url` (absolute): photos given
    /// as paths are resolved against it ([`image_src`](Self::image_src)).
    pub fn with_feed_url(mut self, feed_url: Option<Url>) -> Self {
        self.feed_url = feed_url;
        self
    }

    /// What an `<img>` may load for `image` ([`ImageSrc::resolve`]): worked
    /// out when shown, not for every photo of a city as the feed loads.
    pub fn image_src(&self, image: &ImageSrc) -> Option<String> {
        image.resolve(self.feed_url.as_ref())
    }

    /// Whether merchant `m` is open at `minute` after midnight (local time),
    /// when its opening hours are in a form Fujin reads
    /// ([`OpeningHours::parse`]); `None` when they are not, or it has none.
    pub fn is_open_at(&self, m: u32, minute: u16) -> Option<bool> {
        Some(self.hours.get(m as usize).copied().flatten()?.is_open_at(minute))
    }

    /// The merchant with index `m` (as in [`DealRow::merchant`] and
    /// [`Hit::index`](super::spatial_index::Hit::index)), if there is one.
    pub fn merchant_at(&self, m: u32) -> Option<&Merchant> {
        self.feed.merchants.get(m as usize)
    }

    /// The merchant of a row (rows come from this catalog's [`query`](Catalog::query)).
    pub fn merchant(&self, row: &DealRow) -> &Merchant {
        &self.feed.merchants[row.merchant as usize]
    }

    /// The deal of a row.
    pub fn deal(&self, row: &DealRow) -> &Deal {
        &self.merchant(row).deals[row.deal as usize]
    }

    /// Finds a deal by id, with its merchant.
    pub fn find_deal(&self, id: &str) -> Option<FoundDeal<'_>> {
        let (m, d) = self.deals_by_id.find(&self.feed, id)?;
        let merchant = self.merchant_at(m)?;
        Some(FoundDeal { merchant_index: m, merchant, deal: merchant.deals.get(d as usize)? })
    }

    /// Whether each merchant (by index) has a deal.
    pub(crate) fn has_deals(&self) -> &[bool] {
        &self.has_deals
    }

    /// Merchant `m`'s name in lower case, for text search.
    pub(crate) fn search_name(&self, m: usize) -> &str {
        self.names_lower[m].as_deref().unwrap_or(&self.feed.merchants[m].name)
    }

    /// The title of deal `d` of merchant `m` in lower case, for text search.
    pub(crate) fn search_title(&self, m: usize, d: usize) -> &str {
        match self.titles_lower[m].get(d) {
            Some(lower) => lower,
            None => self.feed.merchants[m].deals.get(d).map_or("", |deal| &deal.title),
        }
    }

    /// The deal an order was made for, if it is in this feed: same deal id,
    /// and a merchant with the same id and name. Orders outlive feeds (and
    /// another feed may reuse the ids), so an order's store is never taken
    /// from a feed that merely shares a deal id.
    pub fn order_deal(&self, order: &Order) -> Option<FoundDeal<'_>> {
        let found = self.find_deal(&order.deal_id)?;
        let merchant = found.merchant;
        (merchant.id == order.merchant_id && merchant.name == order.merchant_name).then_some(found)
    }
}

/// `text` in lower case, or `None` when it has no letter with a case: a
/// Chinese name or title, kept as it is, is searched without a copy (and
/// without looking up each character's lower case, which was a tenth of
/// preparing a catalog).
fn lowered(text: &str) -> Option<String> {
    has_case(text).then(|| text.to_lowercase())
}

/// True when `text` may have a letter with a case (see [`is_caseless`]).
fn has_case(text: &str) -> bool {
    !text.chars().all(is_caseless)
}

/// True for a character that is surely its own lower case: ASCII but the
/// capitals, and the CJK, kana and Hangul blocks. Anything else counts as
/// having a case (the text is lowered, as before), so no table is needed.
fn is_caseless(c: char) -> bool {
    matches!(c, '\0'..='@' | '['..='\u{7F}' | '\u{3000}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7A3}')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character taken as caseless without a lookup is its own lower
    /// case (all of them, not a sample).
    #[test]
    fn the_caseless_blocks_have_no_case() {
        let blocks = ['\0'..='\u{7F}', '\u{3000}'..='\u{9FFF}', '\u{AC00}'..='\u{D7A3}'];
        for c in blocks.into_iter().flatten().filter(|c| !c.is_ascii_uppercase()) {
            assert!(c.to_lowercase().eq([c]), "{c:?}");
        }
    }

    #[test]
    fn only_text_with_a_case_is_copied() {
        assert_eq!(lowered("老王烧烤(福田店) 123"), None);
        assert_eq!(lowered("老王KTV"), Some("老王ktv".to_owned()));
        assert_eq!(lowered("ＫＴＶ"), Some("ｋｔｖ".to_owned()), "full-width capitals have a case");
        assert_eq!(lowered("Çé"), Some("çé".to_owned()));
        assert_eq!(lowered("é"), Some("é".to_owned()), "outside the caseless blocks, lowered anyway");
    }
}
