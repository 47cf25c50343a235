//! Writing a packed feed from a loaded (so already validated) one.

use super::layout::{
    DEAL, HEAD, HEADER_LEN, IMGS, INDX, LIST, MAGIC, MRCH, NONE, PACK_VERSION, Str, TABLE_ENTRY_LEN, TEXT,
};
use time::format_description::well_known::Rfc3339;

use crate::feed::Feed;
use crate::index::SpatialIndex;
use crate::model::{Category, PayProvider};

/// Writes `feed` in the packed layout (version [`PACK_VERSION`]), with its
/// spatial index bulk loaded once here, so that readers rebuild it in O(n).
///
/// Feeds come from [`load_feed`](crate::feed::load_feed), which has checked
/// every field; [`read_pack`](super::read_pack) checks them all again.
///
/// ```
/// use fujin_core::feed::load_feed;
/// use fujin_core::pack::{pack_feed, read_pack};
/// let json = r#"{"version": 1, "merchants": [{"id": "m1", "name": "茶餐厅", "category": "food",
///   "lat": 22.54, "lon": 114.05, "deals": [{"id": "d1", "title": "双人餐", "price": 8800, "original_price": 12800}]}]}"#;
/// let feed = load_feed(json.as_bytes()).unwrap().feed;
/// let packed = pack_feed(&feed);
/// assert_eq!(read_pack(&packed).unwrap().feed, feed);
/// ```
pub fn pack_feed(feed: &Feed) -> Vec<u8> {
    let mut text = Text::default();
    let head = head(feed, &mut text);
    let merchants = merchants(feed, &mut text);
    let (deals, lists) = deals(feed, &mut text);
    let images = images(feed, &mut text);
    let index = index(feed);
    let sections = [
        (TEXT, text.bytes),
        (HEAD, head),
        (MRCH, merchants),
        (DEAL, deals),
        (LIST, lists),
        (INDX, index),
        (IMGS, images),
    ];

    let mut out = Vec::with_capacity(sections.iter().map(|(_, s)| s.len()).sum::<usize>() + 128);
    out.extend_from_slice(&MAGIC);
    out.extend_from_slice(&PACK_VERSION.to_le_bytes());
    out.extend_from_slice(&(sections.len() as u32).to_le_bytes());
    let mut offset = HEADER_LEN + TABLE_ENTRY_LEN * sections.len();
    for (tag, body) in &sections {
        out.extend_from_slice(tag);
        out.extend_from_slice(&(offset as u32).to_le_bytes());
        out.extend_from_slice(&(body.len() as u32).to_le_bytes());
        offset += body.len();
    }
    for (_, body) in sections {
        out.extend_from_slice(&body);
    }
    out
}

/// The TEXT section being written.
#[derive(Default)]
struct Text {
    bytes: Vec<u8>,
}

impl Text {
    fn add(&mut self, s: &str) -> Str {
        let start = self.bytes.len() as u32;
        self.bytes.extend_from_slice(s.as_bytes());
        Str { start, len: s.len() as u32 }
    }

    fn add_opt(&mut self, s: Option<&str>) -> Str {
        s.map_or(Str::ABSENT, |s| self.add(s))
    }
}

fn put_str(out: &mut Vec<u8>, s: Str) {
    out.extend_from_slice(&s.start.to_le_bytes());
    out.extend_from_slice(&s.len.to_le_bytes());
}

fn put_u32(out: &mut Vec<u8>, v: Option<u32>) {
    out.extend_from_slice(&v.unwrap_or(NONE).to_le_bytes());
}

fn head(feed: &Feed, text: &mut Text) -> Vec<u8> {
    let mut out = Vec::new();
    put_str(&mut out, text.add_opt(feed.name.as_deref()));
    put_str(&mut out, text.add(feed.crs.key()));
    out.push(u8::from(feed.center.is_some()));
    let center = feed.center.unwrap_or_default();
    out.extend_from_slice(&center.lon.to_le_bytes());
    out.extend_from_slice(&center.lat.to_le_bytes());
    out.extend_from_slice(&(feed.checkout_hosts.len() as u32).to_le_bytes());
    for host in &feed.checkout_hosts {
        put_str(&mut out, text.add(host));
    }
    let params = &feed.order_params;
    for name in [&params.order_id, &params.return_url, &params.referral] {
        put_str(&mut out, text.add_opt(name.as_deref()));
    }
    out
}

/// Category as its place in [`Category::ALL`].
fn category_byte(c: Category) -> u8 {
    Category::ALL.iter().position(|&k| k == c).unwrap_or(Category::ALL.len() - 1) as u8
}

fn provider_byte(p: PayProvider) -> u8 {
    PayProvider::ALL.iter().position(|&k| k == p).unwrap_or(0) as u8
}

fn merchants(feed: &Feed, text: &mut Text) -> Vec<u8> {
    let ms = &feed.merchants;
    let mut out = Vec::new();
    out.extend_from_slice(&(ms.len() as u32).to_le_bytes());
    for m in ms {
        put_str(&mut out, text.add(&m.id));
    }
    for m in ms {
        put_str(&mut out, text.add(&m.name));
    }
    out.extend(ms.iter().map(|m| category_byte(m.category)));
    for m in ms {
        out.extend_from_slice(&m.position.lon.to_le_bytes());
    }
    for m in ms {
        out.extend_from_slice(&m.position.lat.to_le_bytes());
    }
    for m in ms {
        put_str(&mut out, text.add_opt(m.address.as_deref()));
    }
    for m in ms {
        put_str(&mut out, text.add_opt(m.phone.as_deref()));
    }
    for m in ms {
        put_str(&mut out, text.add_opt(m.opening_hours.as_deref()));
    }
    for m in ms {
        out.extend_from_slice(&m.rating.unwrap_or(f32::NAN).to_le_bytes());
    }
    for m in ms {
        put_str(&mut out, text.add_opt(m.verify_url.as_deref()));
    }
    for m in ms {
        out.extend_from_slice(&(m.deals.len() as u32).to_le_bytes());
    }
    out
}

fn deals(feed: &Feed, text: &mut Text) -> (Vec<u8>, Vec<u8>) {
    let ds: Vec<_> = feed.merchants.iter().flat_map(|m| &m.deals).collect();
    let mut out = Vec::new();
    out.extend_from_slice(&(ds.len() as u32).to_le_bytes());
    for d in &ds {
        put_str(&mut out, text.add(&d.id));
    }
    for d in &ds {
        put_str(&mut out, text.add(&d.title));
    }
    for d in &ds {
        out.extend_from_slice(&d.price.get().to_le_bytes());
    }
    for d in &ds {
        out.extend_from_slice(&d.original_price.get().to_le_bytes());
    }
    let counts: [fn(&crate::model::Deal) -> Option<u32>; 4] =
        [|d| Some(d.sold), |d| d.stock, |d| d.max_per_order, |d| d.group_size];
    for count in counts {
        for d in &ds {
            put_u32(&mut out, count(d));
        }
    }
    for d in &ds {
        put_u32(&mut out, d.group_joined);
    }
    for d in &ds {
        put_u32(&mut out, d.valid_days);
    }
    // Times as RFC 3339 text (what the feed said, normalised), which the
    // reader parses as the JSON path does.
    for time in [|d: &crate::model::Deal| d.starts_at, |d: &crate::model::Deal| d.ends_at] {
        for d in &ds {
            let formatted = time(d).and_then(|t| t.format(&Rfc3339).ok());
            put_str(&mut out, text.add_opt(formatted.as_deref()));
        }
    }
    out.extend(ds.iter().map(|d| d.rules.len() as u8));
    out.extend(ds.iter().map(|d| d.pay.len() as u8));

    let mut lists = Vec::new();
    let rules: Vec<&String> = ds.iter().flat_map(|d| &d.rules).collect();
    lists.extend_from_slice(&(rules.len() as u32).to_le_bytes());
    for rule in rules {
        put_str(&mut lists, text.add(rule));
    }
    let links: Vec<_> = ds.iter().flat_map(|d| &d.pay).collect();
    lists.extend_from_slice(&(links.len() as u32).to_le_bytes());
    lists.extend(links.iter().map(|l| provider_byte(l.provider())));
    for link in links {
        put_str(&mut lists, text.add(link.as_str()));
    }
    (out, lists)
}

/// The IMGS section: how many photos each deal has (u8, deal by deal, as
/// in DEAL), then every photo's address.
fn images(feed: &Feed, text: &mut Text) -> Vec<u8> {
    let ds: Vec<&crate::model::Deal> = feed.merchants.iter().flat_map(|m| &m.deals).collect();
    let mut out = Vec::with_capacity(8 + ds.len());
    out.extend_from_slice(&(ds.len() as u32).to_le_bytes());
    out.extend(ds.iter().map(|d| d.images.len() as u8));
    let images: Vec<_> = ds.iter().flat_map(|d| &d.images).collect();
    out.extend_from_slice(&(images.len() as u32).to_le_bytes());
    for image in images {
        put_str(&mut out, text.add(image.as_str()));
    }
    out
}

/// The INDX section: the bulk-loaded tree's node bytes and leaf order.
fn index(feed: &Feed) -> Vec<u8> {
    let shape = SpatialIndex::new(&feed.positions()).shape();
    let mut out = Vec::with_capacity(8 + shape.nodes.len() + 4 * shape.order.len());
    out.extend_from_slice(&(shape.nodes.len() as u32).to_le_bytes());
    out.extend_from_slice(&shape.nodes);
    out.extend_from_slice(&(shape.order.len() as u32).to_le_bytes());
    for m in shape.order {
        out.extend_from_slice(&m.to_le_bytes());
    }
    out
}
