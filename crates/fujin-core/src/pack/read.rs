//! Reading a packed feed: bounds-checked reads of columns, and every value
//! checked again as the JSON loader checks it, since the file is untrusted.
//! Memory grows with the file's bytes: every count is checked against the
//! bytes that hold its items before anything is allocated.

use foldhash::{HashSet, HashSetExt};

use time::OffsetDateTime;

use super::error::PackError;
use super::layout::{
    DEAL, HEAD, HEADER_LEN, IMGS, INDX, LIST, MAGIC, MAX_SECTIONS, MRCH, NONE, PACK_VERSION, STR_LEN,
    TABLE_ENTRY_LEN, TEXT,
};
use crate::commerce::{OrderParams, check_handoff_room, is_valid_param_name};
use crate::feed::limits::MAX_FEED_BYTES;
use crate::feed::utf8_steps::Utf8Steps;
use crate::feed::{Feed, RecentTimes, is_valid_id, is_valid_text};
use crate::geo::{Crs, LonLat};
use crate::index::{IndexBuild, IndexShape, SpatialIndex};
use crate::model::limits::{
    MAX_ADDRESS_CHARS, MAX_CHECKOUT_HOSTS, MAX_COUNT, MAX_DEALS_PER_MERCHANT, MAX_HOURS_CHARS,
    MAX_NAME_CHARS, MAX_PHONE_CHARS, MAX_PRICE_FEN, MAX_RULE_CHARS, MAX_RULES, MAX_TITLE_CHARS,
    MAX_VALID_DAYS,
};
use crate::model::{
    Category, Deal, Fen, MAX_IMAGES, MAX_LINK_LEN, Merchant, PayLink, PayProvider, check_image_src,
    check_pay_link, is_valid_checkout_host, is_valid_phone,
};

/// True when `bytes` start like a packed feed (the magic bytes): how the
/// app tells a packed feed from a JSON one, whatever its name or type.
pub fn is_pack(bytes: &[u8]) -> bool {
    bytes.starts_with(&MAGIC)
}

/// Reads a packed feed written by [`pack_feed`](super::pack_feed): a
/// [`PackReader`] run to the end in one go.
///
/// Every offset, length and count is checked against the bytes there are,
/// every string is checked as UTF-8 on character boundaries, and every value
/// as the JSON loader checks it (ids, texts, ranges, payment links through
/// the allowlist): a damaged or forged file gives one [`PackError`] and
/// nothing else. The index, when the file has one, is rebuilt from its
/// shape over the merchants' positions (never trusted for where they are).
pub fn read_pack(bytes: &[u8]) -> Result<PackedFeed, PackError> {
    let mut reader = PackReader::new(bytes)?;
    while !reader.step(usize::MAX)? {}
    let (feed, index) = reader.finish()?;
    Ok(PackedFeed { feed, index: index.map(IndexBuild::finish) })
}

/// A packed feed read a number of merchants at a time, so that a page can
/// keep answering between steps (as [`FeedReader`](crate::feed::FeedReader)
/// does for JSON).
///
/// ```
/// use fujin_core::demo::{DemoOptions, demo_feed};
/// use fujin_core::feed::load_value;
/// use fujin_core::pack::{PackReader, pack_feed};
/// let feed = load_value(&demo_feed(&DemoOptions { merchants: 30, ..DemoOptions::default() })).unwrap().feed;
/// let packed = pack_feed(&feed);
/// let mut reader = PackReader::new(&packed).unwrap();
/// let mut steps = 0;
/// while !reader.step(10).unwrap() {
///     steps += 1;
/// }
/// // The strings checked and the head read, then 3 steps of 10 merchants.
/// assert_eq!((steps, reader.progress()), (2 + 2, 1.0));
/// let (read, index) = reader.finish().unwrap();
/// assert_eq!(read, feed);
/// assert_eq!(index.map(|index| index.finish().len()), Some(30));
/// ```
pub struct PackReader<'a> {
    feed: Feed,
    /// The INDX section, if the file has one.
    index: Option<&'a [u8]>,
    /// The TEXT section's UTF-8 check, done in the first steps (a city's
    /// strings are tens of megabytes); then the head is read.
    utf8: Utf8Steps<'a>,
    /// The HEAD section, until it is read (once the text is checked).
    head: Option<&'a [u8]>,
    text: Text<'a>,
    merchants: MerchantColumns<'a>,
    deals: DealColumns<'a>,
    lists: Lists<'a>,
    counts: Counts,
    next: Counts,
    /// Ids seen so far: merchant ids and deal ids are unique each among their own.
    merchant_ids: HashSet<&'a str>,
    deal_ids: HashSet<&'a str>,
    /// The times deals gave lately.
    times: RecentTimes,
}

/// How many merchants, deals, rules, links and photos (in all, or read so far).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Counts {
    merchants: usize,
    deals: usize,
    rules: usize,
    links: usize,
    images: usize,
}

/// The LIST section's columns, and the IMGS section's (empty without one).
struct Lists<'a> {
    rules: Column<'a, STR_LEN>,
    providers: Column<'a, 1>,
    links: Column<'a, STR_LEN>,
    /// Photos per deal: as many as deals, or none (no IMGS section).
    image_counts: Column<'a, 1>,
    images: Column<'a, STR_LEN>,
}

impl<'a> PackReader<'a> {
    /// Checks the header, finds the sections and reads the column bounds;
    /// the strings are checked and the head read by the first steps.
    pub fn new(bytes: &'a [u8]) -> Result<Self, PackError> {
        if !is_pack(bytes) {
            return Err(PackError::NotAPack);
        }
        if bytes.len() > MAX_FEED_BYTES {
            return Err(PackError::TooLarge(bytes.len()));
        }
        let mut header = Cursor::new(bytes, "header");
        header.take(MAGIC.len())?;
        let version = header.u32()?;
        if version != PACK_VERSION {
            return Err(PackError::Version(version));
        }
        let count = header.u32()? as usize;
        if count > MAX_SECTIONS {
            return Err(corrupted(format!("{count} sections")));
        }
        let mut sections: [Option<&[u8]>; 7] = [None; 7];
        // The first five must be there; INDX and IMGS are optional.
        let tags = [TEXT, HEAD, MRCH, DEAL, LIST, INDX, IMGS];
        let table = header.take(count * TABLE_ENTRY_LEN)?;
        debug_assert_eq!(header.pos, HEADER_LEN + count * TABLE_ENTRY_LEN);
        for entry in table.chunks_exact(TABLE_ENTRY_LEN) {
            let offset = le_u32(&entry[4..8]) as usize;
            let len = le_u32(&entry[8..12]) as usize;
            let body = offset.checked_add(len).and_then(|end| bytes.get(offset..end));
            let body =
                body.ok_or_else(|| corrupted(format!("section {} out of bounds", tag_name(&entry[..4]))))?;
            if let Some(i) = tags.iter().position(|t| t[..] == entry[..4])
                && sections[i].replace(body).is_some()
            {
                return Err(corrupted(format!("section {} twice", tag_name(&entry[..4]))));
            }
        }
        let section =
            |i: usize| sections[i].ok_or_else(|| corrupted(format!("no section {}", tag_name(&tags[i]))));
        let (utf8, head) = (Utf8Steps::new(section(0)?), section(1)?);

        let mut m = Cursor::new(section(2)?, "MRCH");
        let mut d = Cursor::new(section(3)?, "DEAL");
        let mut l = Cursor::new(section(4)?, "LIST");
        let n = m.count(MERCHANT_BYTES)?;
        let merchants = MerchantColumns::read(&mut m, n)?;
        let n_deals = d.count(DEAL_BYTES)?;
        let deals = DealColumns::read(&mut d, n_deals)?;
        let n_rules = l.count(STR_LEN)?;
        let rules = l.column::<STR_LEN>(n_rules)?;
        let n_links = l.count(1 + STR_LEN)?;
        let (providers, links) = (l.column::<1>(n_links)?, l.column::<STR_LEN>(n_links)?);
        let (image_counts, images) = match sections[6] {
            None => (Column(&[]), Column(&[])),
            Some(section) => {
                let mut p = Cursor::new(section, "IMGS");
                if p.count(1)? != n_deals {
                    return Err(corrupted("photo counts for another number of deals".into()));
                }
                let counts = p.column::<1>(n_deals)?;
                let n_images = p.count(STR_LEN)?;
                (counts, p.column::<STR_LEN>(n_images)?)
            }
        };
        let n_images = images.0.len() / STR_LEN;
        let lists = Lists { rules, providers, links, image_counts, images };
        let counts =
            Counts { merchants: n, deals: n_deals, rules: n_rules, links: n_links, images: n_images };
        Ok(Self {
            feed: Feed::default(),
            index: sections[5],
            utf8,
            head: Some(head),
            text: Text(""),
            merchants,
            deals,
            lists,
            counts,
            next: Counts::default(),
            // Sized once (the counts are bounded by the bytes that hold
            // their columns): growing a set of a million ids rehashes it
            // whole, a task of 140 ms in the browser.
            merchant_ids: HashSet::with_capacity(n),
            deal_ids: HashSet::with_capacity(n_deals),
            times: RecentTimes::default(),
        })
    }

    /// Reads up to `max_merchants` more merchants (with their deals), or
    /// checks that many kilobytes of the strings as UTF-8 (the first steps);
    /// true when every merchant is read.
    pub fn step(&mut self, max_merchants: usize) -> Result<bool, PackError> {
        if let Some(head) = self.head {
            let not_utf8 = |_| corrupted("text that is not UTF-8".into());
            let Some(text) = self.utf8.step(max_merchants.saturating_mul(1024)).map_err(not_utf8)? else {
                return Ok(false);
            };
            self.text = Text(text);
            let feed = read_head(&mut Cursor::new(head, "HEAD"), &self.text)?;
            self.feed = Feed { merchants: Vec::with_capacity(self.counts.merchants), ..feed };
            self.head = None;
            return Ok(false);
        }
        let end = self.next.merchants.saturating_add(max_merchants).min(self.counts.merchants);
        for i in self.next.merchants..end {
            let merchant = self.merchant(i)?;
            self.feed.merchants.push(merchant);
        }
        self.next.merchants = end;
        Ok(end == self.counts.merchants)
    }

    /// The share of the work done, 0 to 1 (the strings' check a tenth, the
    /// merchants the rest).
    pub fn progress(&self) -> f64 {
        let checked = self.utf8.checked() as f64 / self.utf8.len().max(1) as f64;
        let read = match self.counts.merchants {
            0 => 1.0,
            n => self.next.merchants as f64 / n as f64,
        };
        0.1 * checked + 0.9 * read
    }

    /// The feed (whatever the steps left is read first), once the counts
    /// add up, and the rebuild of its index from the file's shape when it has one: the
    /// shape checked (O(n)), the tree to build in steps
    /// ([`CatalogBuilder::with_index`](crate::index::CatalogBuilder::with_index))
    /// or at once ([`IndexBuild::finish`]).
    pub fn finish(mut self) -> Result<(Feed, Option<IndexBuild>), PackError> {
        while !self.step(usize::MAX)? {}
        if self.next != self.counts {
            return Err(corrupted(
                "counts of merchants, deals, rules, links or photos that do not add up".into(),
            ));
        }
        let index = self.index.map(|bytes| start_index(bytes, &self.feed)).transpose()?;
        Ok((self.feed, index))
    }
}

/// A packed feed, read: the feed and, when the file carries one, its index.
#[derive(Debug, Clone, PartialEq)]
pub struct PackedFeed {
    /// The merchants and deals.
    pub feed: Feed,
    /// The spatial index over `feed.positions()`, rebuilt from the file's
    /// `INDX` section; `None` when the file has none (then bulk load it).
    pub index: Option<SpatialIndex>,
}

/// The INDX section: node count and bytes, then leaf count and the
/// merchants' indices in leaf order; checked, and its rebuild over the
/// feed's positions started.
fn start_index(bytes: &[u8], feed: &Feed) -> Result<IndexBuild, PackError> {
    let mut c = Cursor::new(bytes, "INDX");
    let n_nodes = c.count(1)?;
    let nodes = c.take(n_nodes)?.to_vec();
    let n_leaves = c.count(4)?;
    let order = c.column::<4>(n_leaves)?;
    let order = (0..n_leaves).map(|i| order.u32(i)).collect();
    IndexBuild::from_shape(feed.positions(), IndexShape { nodes, order })
        .map_err(|why| corrupted(format!("the index: {why}")))
}

fn corrupted(what: String) -> PackError {
    PackError::Corrupted(what)
}

fn tag_name(tag: &[u8]) -> String {
    String::from_utf8_lossy(tag).into_owned()
}

fn le_u32(b: &[u8]) -> u32 {
    u32::from_le_bytes([b[0], b[1], b[2], b[3]])
}

/// A bounds-checked reader of one section.
struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
    name: &'static str,
}

impl<'a> Cursor<'a> {
    fn new(bytes: &'a [u8], name: &'static str) -> Self {
        Self { bytes, pos: 0, name }
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], PackError> {
        let end = self.pos.checked_add(n).filter(|&end| end <= self.bytes.len());
        let end = end.ok_or_else(|| corrupted(format!("section {} ends too early", self.name)))?;
        let out = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(out)
    }

    fn u32(&mut self) -> Result<u32, PackError> {
        self.take(4).map(le_u32)
    }

    fn f64(&mut self) -> Result<f64, PackError> {
        let b = self.take(8)?;
        Ok(f64::from_le_bytes(b.try_into().unwrap_or([0; 8])))
    }

    /// A column of `n` items of `W` bytes each.
    fn column<const W: usize>(&mut self, n: usize) -> Result<Column<'a, W>, PackError> {
        let len = n.checked_mul(W).ok_or_else(|| corrupted(format!("a count too large in {}", self.name)))?;
        Ok(Column(self.take(len)?))
    }

    /// A count, checked against the bytes left: each item takes at least
    /// `min_item_bytes`, so nothing is allocated for items that are not there.
    fn count(&mut self, min_item_bytes: usize) -> Result<usize, PackError> {
        let n = self.u32()? as usize;
        if n.saturating_mul(min_item_bytes) > self.bytes.len() - self.pos {
            return Err(corrupted(format!("section {} counts {n} items it cannot hold", self.name)));
        }
        Ok(n)
    }
}

/// `n` fixed-width items.
#[derive(Clone, Copy)]
struct Column<'a, const W: usize>(&'a [u8]);

impl<const W: usize> Column<'_, W> {
    fn item(&self, i: usize) -> [u8; W] {
        let mut out = [0; W];
        out.copy_from_slice(&self.0[i * W..(i + 1) * W]);
        out
    }
}

impl Column<'_, 1> {
    fn u8(&self, i: usize) -> u8 {
        self.0[i]
    }
}

impl Column<'_, 4> {
    fn u32(&self, i: usize) -> u32 {
        u32::from_le_bytes(self.item(i))
    }

    fn opt_u32(&self, i: usize) -> Option<u32> {
        Some(self.u32(i)).filter(|&v| v != NONE)
    }

    fn f32(&self, i: usize) -> f32 {
        f32::from_le_bytes(self.item(i))
    }
}

impl Column<'_, 8> {
    fn u64(&self, i: usize) -> u64 {
        u64::from_le_bytes(self.item(i))
    }

    fn f64(&self, i: usize) -> f64 {
        f64::from_le_bytes(self.item(i))
    }

    /// The string reference at `i`: `None` when absent.
    fn str_ref(&self, i: usize) -> Option<(u32, u32)> {
        let b = self.item(i);
        let start = le_u32(&b[..4]);
        (start != NONE).then(|| (start, le_u32(&b[4..])))
    }
}

/// The TEXT section.
struct Text<'a>(&'a str);

impl<'a> Text<'a> {
    /// The string at `(start, len)`, if it lies in the section on character boundaries.
    fn get(&self, (start, len): (u32, u32)) -> Result<&'a str, String> {
        let (start, len) = (start as usize, len as usize);
        start
            .checked_add(len)
            .and_then(|end| self.0.get(start..end))
            .ok_or_else(|| "a string out of bounds".into())
    }

    fn opt(&self, r: Option<(u32, u32)>) -> Result<Option<&'a str>, String> {
        r.map(|r| self.get(r)).transpose()
    }
}

fn read_head(head: &mut Cursor, text: &Text) -> Result<Feed, PackError> {
    let fixed = head.column::<STR_LEN>(2)?;
    let name = text.opt(fixed.str_ref(0)).map_err(corrupted)?;
    if name.is_some_and(|n| !is_valid_text(n, MAX_NAME_CHARS)) {
        return Err(corrupted("the feed's name".into()));
    }
    let crs_key = text.opt(fixed.str_ref(1)).map_err(corrupted)?.unwrap_or("");
    let crs: Crs = crs_key.parse().map_err(|_| corrupted(format!("unknown crs {crs_key:?}")))?;
    let has_center = head.take(1)?[0];
    let center = LonLat::new(head.f64()?, head.f64()?);
    let center = match has_center {
        0 => None,
        1 if center.is_valid() => Some(center),
        _ => return Err(corrupted("the feed's centre".into())),
    };
    let hosts = head.count(STR_LEN)?;
    if hosts > MAX_CHECKOUT_HOSTS {
        return Err(corrupted(format!("{hosts} checkout hosts")));
    }
    let host_refs = head.column::<STR_LEN>(hosts)?;
    let mut checkout_hosts = Vec::with_capacity(hosts);
    for i in 0..hosts {
        let host = text.opt(host_refs.str_ref(i)).map_err(corrupted)?.unwrap_or("");
        if !is_valid_checkout_host(host) {
            return Err(corrupted(format!("checkout host {host:?}")));
        }
        checkout_hosts.push(host.to_owned());
    }
    let params = head.column::<STR_LEN>(3)?;
    let param = |i: usize| -> Result<Option<String>, PackError> {
        let name = text.opt(params.str_ref(i)).map_err(corrupted)?;
        if name.is_some_and(|n| !is_valid_param_name(n)) {
            return Err(corrupted("an order parameter name".into()));
        }
        Ok(name.map(str::to_owned))
    };
    let order_params = OrderParams { order_id: param(0)?, return_url: param(1)?, referral: param(2)? };
    Ok(Feed {
        name: name.map(str::to_owned),
        crs,
        center,
        checkout_hosts,
        order_params,
        merchants: Vec::new(),
    })
}

/// The merchants' columns.
struct MerchantColumns<'a> {
    id: Column<'a, STR_LEN>,
    name: Column<'a, STR_LEN>,
    category: Column<'a, 1>,
    lon: Column<'a, 8>,
    lat: Column<'a, 8>,
    address: Column<'a, STR_LEN>,
    phone: Column<'a, STR_LEN>,
    hours: Column<'a, STR_LEN>,
    rating: Column<'a, 4>,
    verify_url: Column<'a, STR_LEN>,
    deal_count: Column<'a, 4>,
}

/// Bytes per merchant over all its columns.
const MERCHANT_BYTES: usize = 6 * STR_LEN + 1 + 8 + 8 + 4 + 4;

impl<'a> MerchantColumns<'a> {
    fn read(c: &mut Cursor<'a>, n: usize) -> Result<Self, PackError> {
        Ok(Self {
            id: c.column(n)?,
            name: c.column(n)?,
            category: c.column(n)?,
            lon: c.column(n)?,
            lat: c.column(n)?,
            address: c.column(n)?,
            phone: c.column(n)?,
            hours: c.column(n)?,
            rating: c.column(n)?,
            verify_url: c.column(n)?,
            deal_count: c.column(n)?,
        })
    }
}

/// The deals' columns.
struct DealColumns<'a> {
    id: Column<'a, STR_LEN>,
    title: Column<'a, STR_LEN>,
    price: Column<'a, 8>,
    original_price: Column<'a, 8>,
    sold: Column<'a, 4>,
    stock: Column<'a, 4>,
    max_per_order: Column<'a, 4>,
    group_size: Column<'a, 4>,
    group_joined: Column<'a, 4>,
    valid_days: Column<'a, 4>,
    starts_at: Column<'a, STR_LEN>,
    ends_at: Column<'a, STR_LEN>,
    rule_count: Column<'a, 1>,
    pay_count: Column<'a, 1>,
}

/// Bytes per deal over all its columns.
const DEAL_BYTES: usize = 4 * STR_LEN + 2 * 8 + 6 * 4 + 2;

impl<'a> DealColumns<'a> {
    fn read(c: &mut Cursor<'a>, n: usize) -> Result<Self, PackError> {
        Ok(Self {
            id: c.column(n)?,
            title: c.column(n)?,
            price: c.column(n)?,
            original_price: c.column(n)?,
            sold: c.column(n)?,
            stock: c.column(n)?,
            max_per_order: c.column(n)?,
            group_size: c.column(n)?,
            group_joined: c.column(n)?,
            valid_days: c.column(n)?,
            starts_at: c.column(n)?,
            ends_at: c.column(n)?,
            rule_count: c.column(n)?,
            pay_count: c.column(n)?,
        })
    }
}

impl<'a> PackReader<'a> {
    /// Merchant `i` and its deals, checked.
    fn merchant(&mut self, i: usize) -> Result<Merchant, PackError> {
        let (mc, text) = (&self.merchants, &self.text);
        let bad = |what: String| PackError::BadRecord { merchant: i, what };
        let id = text.get(mc.id.str_ref(i).unwrap_or((NONE, 0))).map_err(bad)?;
        if !is_valid_id(id) || !self.merchant_ids.insert(id) {
            return Err(bad(format!("id {id:?} is malformed or used twice")));
        }
        let name = text.get(mc.name.str_ref(i).unwrap_or((NONE, 0))).map_err(bad)?;
        let category = Category::ALL.get(usize::from(mc.category.u8(i))).copied();
        let position = LonLat::new(mc.lon.f64(i), mc.lat.f64(i));
        let address = text.opt(mc.address.str_ref(i)).map_err(bad)?;
        let phone = text.opt(mc.phone.str_ref(i)).map_err(bad)?;
        let hours = text.opt(mc.hours.str_ref(i)).map_err(bad)?;
        let rating = Some(mc.rating.f32(i)).filter(|r| !r.is_nan());
        let verify_url = text.opt(mc.verify_url.str_ref(i)).map_err(bad)?;
        let checks = [
            (is_valid_text(name, MAX_NAME_CHARS), "name"),
            (category.is_some(), "category"),
            (position.is_valid(), "position"),
            (address.is_none_or(|a| is_valid_text(a, MAX_ADDRESS_CHARS)), "address"),
            (phone.is_none_or(|p| is_valid_text(p, MAX_PHONE_CHARS) && is_valid_phone(p)), "phone"),
            (hours.is_none_or(|h| is_valid_text(h, MAX_HOURS_CHARS)), "opening hours"),
            (rating.is_none_or(|r| (0.0..=5.0).contains(&r)), "rating"),
        ];
        if let Some((_, field)) = checks.iter().find(|(ok, _)| !ok) {
            return Err(bad(format!("its {field}")));
        }
        let verify_url = match verify_url {
            Some(url) => Some(
                check_pay_link(PayProvider::Checkout, url, &self.feed.checkout_hosts)
                    .map_err(|e| bad(format!("verify_url: {e}")))?
                    .as_str()
                    .to_owned(),
            ),
            None => None,
        };
        let count = mc.deal_count.u32(i) as usize;
        if count > MAX_DEALS_PER_MERCHANT || count > self.counts.deals - self.next.deals {
            return Err(bad(format!("{count} deals")));
        }
        let mut deals = Vec::with_capacity(count);
        for k in 0..count {
            let d = self.next.deals + k;
            let (deal, id) =
                read_deal(&self.deals, d, text, &self.feed, &self.lists, &mut self.next, &mut self.times)
                    .map_err(|what| bad(format!("deal {k}: {what}")))?;
            if !self.deal_ids.insert(id) {
                return Err(bad(format!("deal id {id:?} used twice")));
            }
            deals.push(deal);
        }
        self.next.deals += count;
        Ok(Merchant {
            id: id.to_owned(),
            name: name.to_owned(),
            category: category.unwrap_or(Category::Other),
            position,
            address: address.map(str::to_owned),
            phone: phone.map(str::to_owned),
            opening_hours: hours.map(str::to_owned),
            rating,
            deals,
            verify_url,
        })
    }
}

/// Deal `d`, checked, and its id as it lies in the file (for the duplicate
/// check); its rules and links are the next in `lists`, and `next` counts
/// them; its times are read through `times`.
fn read_deal<'a>(
    dc: &DealColumns,
    d: usize,
    text: &Text<'a>,
    feed: &Feed,
    lists: &Lists,
    next: &mut Counts,
    times: &mut RecentTimes,
) -> Result<(Deal, &'a str), String> {
    let id = text.get(dc.id.str_ref(d).unwrap_or((NONE, 0)))?;
    let title = text.get(dc.title.str_ref(d).unwrap_or((NONE, 0)))?;
    let (price, original_price) = (dc.price.u64(d), dc.original_price.u64(d));
    let count = |c: &Column<4>, min: u32| c.opt_u32(d).filter(|&v| v >= min && u64::from(v) <= MAX_COUNT);
    let sold = dc.sold.u32(d);
    // Times are RFC 3339 text, read by the parser the JSON path uses.
    let mut time = |c: &Column<STR_LEN>| -> Result<Option<OffsetDateTime>, String> {
        match text.opt(c.str_ref(d))? {
            None => Ok(None),
            Some(t) => times.parse(t).map(Some).ok_or_else(|| "a time".into()),
        }
    };
    let starts_at = time(&dc.starts_at)?;
    let ends_at = time(&dc.ends_at)?;
    let checks = [
        (is_valid_id(id), "id"),
        (is_valid_text(title, MAX_TITLE_CHARS), "title"),
        ((1..=MAX_PRICE_FEN).contains(&price) && (price..=MAX_PRICE_FEN).contains(&original_price), "prices"),
        (u64::from(sold) <= MAX_COUNT, "sold"),
        (dc.stock.opt_u32(d).is_none() || count(&dc.stock, 0).is_some(), "stock"),
        (dc.max_per_order.opt_u32(d).is_none() || count(&dc.max_per_order, 1).is_some(), "max_per_order"),
        (dc.group_size.opt_u32(d).is_none() || count(&dc.group_size, 2).is_some(), "group_size"),
        (dc.group_joined.opt_u32(d).is_none() || count(&dc.group_joined, 0).is_some(), "group_joined"),
        (dc.valid_days.opt_u32(d).is_none_or(|v| (1..=MAX_VALID_DAYS).contains(&u64::from(v))), "valid_days"),
        (!matches!((starts_at, ends_at), (Some(s), Some(e)) if e < s), "times"),
    ];
    if let Some((_, field)) = checks.iter().find(|(ok, _)| !ok) {
        return Err(format!("its {field}"));
    }
    let n_rules = usize::from(dc.rule_count.u8(d));
    if n_rules > MAX_RULES || n_rules > lists.rules.0.len() / STR_LEN - next.rules {
        return Err("its rules".into());
    }
    let mut deal_rules = Vec::with_capacity(n_rules);
    for r in next.rules..next.rules + n_rules {
        let rule = text.get(lists.rules.str_ref(r).unwrap_or((NONE, 0)))?;
        if !is_valid_text(rule, MAX_RULE_CHARS) {
            return Err("a rule".into());
        }
        deal_rules.push(rule.to_owned());
    }
    next.rules += n_rules;
    let n_links = usize::from(dc.pay_count.u8(d));
    if n_links > PayProvider::ALL.len() || n_links > lists.providers.0.len() - next.links {
        return Err("its payment links".into());
    }
    let mut pay = Vec::with_capacity(n_links);
    for l in next.links..next.links + n_links {
        let provider =
            PayProvider::ALL.get(usize::from(lists.providers.u8(l))).copied().ok_or("a payment provider")?;
        let raw = text.get(lists.links.str_ref(l).unwrap_or((NONE, 0)))?;
        if raw.len() > MAX_LINK_LEN {
            return Err("a payment link".into());
        }
        // Links were checked when the feed was packed; they are checked
        // again here, through the same allowlist, with the same room for
        // hand-off.
        let link = check_pay_link(provider, raw, &feed.checkout_hosts)
            .and_then(|link| check_handoff_room(&link, &feed.order_params).map(|()| link))
            .map_err(|e| format!("a payment link: {e}"))?;
        if pay.iter().any(|p: &PayLink| p.provider() >= provider) {
            return Err("payment links out of order or repeated".into());
        }
        pay.push(link);
    }
    next.links += n_links;
    let n_images = if lists.image_counts.0.is_empty() { 0 } else { usize::from(lists.image_counts.u8(d)) };
    if n_images > MAX_IMAGES || n_images > lists.images.0.len() / STR_LEN - next.images {
        return Err("its photos".into());
    }
    let mut images = Vec::with_capacity(n_images);
    for i in next.images..next.images + n_images {
        // Checked again, as the JSON path checks them.
        let raw = text.get(lists.images.str_ref(i).unwrap_or((NONE, 0)))?;
        images.push(check_image_src(raw, &feed.checkout_hosts).map_err(|e| format!("a photo: {e}"))?);
    }
    next.images += n_images;
    let deal = Deal {
        id: id.to_owned(),
        title: title.to_owned(),
        price: Fen(price),
        original_price: Fen(original_price),
        sold,
        stock: dc.stock.opt_u32(d),
        max_per_order: dc.max_per_order.opt_u32(d),
        starts_at,
        ends_at,
        group_size: dc.group_size.opt_u32(d),
        group_joined: dc.group_joined.opt_u32(d),
        rules: deal_rules,
        pay,
        images,
        valid_days: dc.valid_days.opt_u32(d),
    };
    Ok((deal, id))
}
