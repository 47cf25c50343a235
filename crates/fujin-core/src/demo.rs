//! A generator of realistic demo and benchmark feeds: merchants clustered
//! around Shenzhen's real business districts, with deals in every category.
//!
//! Same seed, same bytes: the generator uses ChaCha8 (whose output is fixed
//! by its specification), fixed dates, and writes keys in a fixed order.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::{Map, Number, Value, json};

use crate::feed::limits::{MAX_FEED_BYTES, MAX_RECORDS};
use crate::geo::{Crs, LonLat};
use crate::model::Category;
use crate::model::limits::MAX_DEALS_PER_MERCHANT;

/// A business district: the centre (WGS-84), how far merchants spread
/// around it (one standard deviation, metres) and its share of merchants.
struct District {
    name: &'static str,
    area: &'static str,
    streets: &'static [&'static str],
    centre: LonLat,
    spread_m: f64,
    weight: u32,
}

const DISTRICTS: [District; 6] = [
    District {
        name: "福田CBD",
        area: "福田区",
        streets: &["福华路", "深南大道", "金田路", "益田路", "福中路"],
        centre: LonLat::new(114.0553, 22.5380),
        spread_m: 1200.0,
        weight: 25,
    },
    District {
        name: "南山科技园",
        area: "南山区",
        streets: &["科苑路", "高新南一道", "深南大道", "科技中二路"],
        centre: LonLat::new(113.9534, 22.5431),
        spread_m: 1500.0,
        weight: 20,
    },
    District {
        name: "罗湖东门",
        area: "罗湖区",
        streets: &["东门中路", "解放路", "人民北路", "新园路"],
        centre: LonLat::new(114.1170, 22.5470),
        spread_m: 900.0,
        weight: 18,
    },
    District {
        name: "蛇口",
        area: "南山区",
        streets: &["望海路", "工业八路", "太子路", "蛇口新街"],
        centre: LonLat::new(113.9120, 22.4830),
        spread_m: 1200.0,
        weight: 12,
    },
    District {
        name: "宝安中心",
        area: "宝安区",
        streets: &["新湖路", "创业一路", "宝安大道", "海秀路"],
        centre: LonLat::new(113.8830, 22.5550),
        spread_m: 1800.0,
        weight: 14,
    },
    District {
        name: "龙华",
        area: "龙华区",
        streets: &["人民路", "梅龙大道", "东环一路", "民治大道"],
        centre: LonLat::new(114.0290, 22.6560),
        spread_m: 2000.0,
        weight: 11,
    },
];

const PREFIXES: [&str; 20] = [
    "老街", "阿强", "粤味", "湘里", "川府", "潮汕", "东北", "海风", "小林", "金稻", "蓝湾", "星河", "巷子",
    "一品", "鹿港", "南洋", "花园", "山海", "喜悦", "半岛",
];

/// Business kinds per category.
fn kinds(category: Category) -> &'static [&'static str] {
    match category {
        Category::Food => {
            &["牛肉火锅", "烧烤", "茶餐厅", "肠粉", "椰子鸡", "面馆", "寿司", "咖啡", "甜品", "烤鱼", "烧腊"]
        }
        Category::Entertainment => &["KTV", "影城", "密室逃脱", "剧本杀", "电玩城", "桌游吧"],
        Category::Hotel => &["酒店", "精品民宿", "商务酒店", "公寓酒店"],
        Category::Beauty => &["美发沙龙", "美甲工作室", "皮肤管理", "美睫馆"],
        Category::Leisure => &["足浴", "按摩", "汗蒸馆", "健身房", "瑜伽馆", "游泳馆"],
        Category::Shopping => &["便利店", "水果店", "花店", "书店", "面包店"],
        Category::Other => &["洗衣店", "宠物店", "摄影工作室", "汽车美容"],
    }
}

/// Deal titles per category with a typical original price in fen.
fn offers(category: Category) -> &'static [(&'static str, u64)] {
    match category {
        Category::Food => &[
            ("单人套餐", 5_800),
            ("双人套餐", 16_800),
            ("3-4人套餐", 32_800),
            ("100元代金券", 10_000),
            ("午市特惠套餐", 4_800),
            ("下午茶双人套餐", 12_800),
        ],
        Category::Entertainment => {
            &[("欢唱3小时", 19_800), ("双人电影票", 9_000), ("密室双人票", 26_800), ("畅玩1小时", 6_800)]
        }
        Category::Hotel => &[("标准大床房1晚", 45_800), ("豪华双床房1晚", 68_800), ("钟点房4小时", 16_800)],
        Category::Beauty => {
            &[("洗剪吹", 8_800), ("烫染套餐", 48_800), ("美甲单色", 12_800), ("补水护理", 29_800)]
        }
        Category::Leisure => {
            &[("足疗60分钟", 16_800), ("全身按摩90分钟", 29_800), ("单次游泳", 5_000), ("健身月卡", 39_900)]
        }
        Category::Shopping => &[("50元代金券", 5_000), ("100元代金券", 10_000), ("水果礼盒", 16_800)],
        Category::Other => &[("洗衣5件", 9_900), ("宠物洗澡", 12_800), ("证件照", 6_800)],
    }
}

const RULES: [&str; 7] =
    ["免预约", "周末通用", "节假日通用", "不可叠加", "限堂食", "包间需预约", "购买后90天内有效"];
const HOURS: [&str; 5] = ["10:00-22:00", "09:00-21:00", "11:00-02:00", "全天营业", "08:00-20:00"];

/// The host of the demo feed's own checkout page.
pub const DEMO_CHECKOUT_HOST: &str = "pay.fujin-demo.example";

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DemoOptions {
    /// The random seed: the same seed gives the same bytes.
    pub seed: u64,
    /// How many merchants.
    pub merchants: usize,
    /// Most deals per merchant (each gets 1 to this many; 0 for none).
    pub max_deals: usize,
    /// The datum to write positions in.
    pub crs: Crs,
}

impl Default for DemoOptions {
    fn default() -> Self {
        Self { seed: 1, merchants: 2_000, max_deals: 4, crs: Crs::Wgs84 }
    }
}

/// Why a demo feed was not generated: it would be one that
/// [`load_feed`](crate::feed::load_feed) refuses.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DemoError {
    /// More merchants than a feed may hold.
    #[error("{0} merchants is more than a feed may hold ({MAX_RECORDS})")]
    TooManyMerchants(usize),
    /// More deals per merchant than a feed allows.
    #[error("{0} deals per merchant is more than a feed allows ({MAX_DEALS_PER_MERCHANT})")]
    TooManyDeals(usize),
    /// The feed would pass [`MAX_FEED_BYTES`]; `written` merchants fitted.
    #[error(
        "the feed would be larger than a feed may be ({MAX_FEED_BYTES} bytes, 256 MiB) after {written} merchants; \
         ask for fewer merchants or fewer deals per merchant"
    )]
    TooLarge {
        /// Merchants written before the limit was reached.
        written: usize,
    },
    /// The writer failed.
    #[error("cannot write the feed: {0}")]
    Write(String),
}

impl DemoOptions {
    /// Checks the options against the feed limits before any work is done.
    pub fn check(&self) -> Result<(), DemoError> {
        if self.merchants > MAX_RECORDS {
            return Err(DemoError::TooManyMerchants(self.merchants));
        }
        if self.max_deals > MAX_DEALS_PER_MERCHANT {
            return Err(DemoError::TooManyDeals(self.max_deals));
        }
        Ok(())
    }
}

/// Generates a demo feed document (Fujin feed format version 1) as one
/// `Value`, for tests and benches of modest size; [`write_demo_feed`]
/// writes the same document a merchant at a time.
///
/// ```
/// use fujin_core::demo::{DemoOptions, demo_feed};
/// let options = DemoOptions { merchants: 50, ..DemoOptions::default() };
/// let doc = demo_feed(&options);
/// assert_eq!(doc, demo_feed(&options), "deterministic");
/// let loaded = fujin_core::feed::load_value(&doc).unwrap();
/// assert_eq!((loaded.feed.merchants.len(), loaded.rejected), (50, 0));
/// ```
pub fn demo_feed(options: &DemoOptions) -> Value {
    let mut doc = head(options);
    doc.insert("merchants".into(), Value::Array(Merchants::new(options).collect()));
    Value::Object(doc)
}

/// Writes the demo feed's JSON (indented when `pretty`) to `out`, a
/// merchant at a time, and fails without writing anything once it would
/// pass [`MAX_FEED_BYTES`]: whatever options pass [`DemoOptions::check`],
/// what is written loads without a problem.
///
/// ```
/// use fujin_core::demo::{DemoOptions, write_demo_feed};
/// let mut out = Vec::new();
/// write_demo_feed(&DemoOptions { merchants: 5, ..DemoOptions::default() }, false, &mut out).unwrap();
/// let loaded = fujin_core::feed::load_feed(&out).unwrap();
/// assert_eq!((loaded.feed.merchants.len(), loaded.problem_count), (5, 0));
/// ```
pub fn write_demo_feed(
    options: &DemoOptions,
    pretty: bool,
    out: &mut impl std::io::Write,
) -> Result<(), DemoError> {
    write_demo_feed_within(options, pretty, MAX_FEED_BYTES, out)
}

/// [`write_demo_feed`] with a size limit of `max_bytes`.
fn write_demo_feed_within(
    options: &DemoOptions,
    pretty: bool,
    max_bytes: usize,
    out: &mut impl std::io::Write,
) -> Result<(), DemoError> {
    options.check()?;
    let doc = StreamedDoc { options, written: std::cell::Cell::new(0) };
    let mut buffer = Limited { bytes: Vec::new(), max_bytes };
    let result = if pretty {
        serde_json::to_writer_pretty(&mut buffer, &doc)
    } else {
        serde_json::to_writer(&mut buffer, &doc)
    };
    if result.is_err() || buffer.bytes.len() + 1 > max_bytes {
        return Err(DemoError::TooLarge { written: doc.written.get().saturating_sub(1) });
    }
    buffer.bytes.push(b'\n');
    out.write_all(&buffer.bytes).map_err(|e| DemoError::Write(e.to_string()))
}

/// The head of the document: everything but `merchants`, in the order written.
fn head(options: &DemoOptions) -> Map<String, Value> {
    let centre = options.crs.from_wgs84(DISTRICTS[0].centre);
    let head = json!({
        "version": 1,
        "name": format!("深圳附近团购 · 演示数据 (seed {})", options.seed),
        "crs": options.crs.key(),
        "center": { "lat": coordinate(centre.lat), "lon": coordinate(centre.lon) },
        "checkout_hosts": [DEMO_CHECKOUT_HOST],
        "order_params": { "order_id": "order", "return_url": "return", "referral": "ref" },
    });
    match head {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

/// The merchants of a demo feed, generated one by one from the seed.
struct Merchants<'a> {
    rng: ChaCha8Rng,
    options: &'a DemoOptions,
    next: usize,
}

impl<'a> Merchants<'a> {
    fn new(options: &'a DemoOptions) -> Self {
        Self { rng: ChaCha8Rng::seed_from_u64(options.seed), options, next: 0 }
    }
}

impl Iterator for Merchants<'_> {
    type Item = Value;

    fn next(&mut self) -> Option<Value> {
        if self.next >= self.options.merchants {
            return None;
        }
        let total_weight: u32 = DISTRICTS.iter().map(|d| d.weight).sum();
        let mut pick = self.rng.random_range(0..total_weight);
        let district = DISTRICTS
            .iter()
            .find(|d| {
                let here = pick < d.weight;
                pick = pick.saturating_sub(d.weight);
                here
            })
            .unwrap_or(&DISTRICTS[0]);
        let i = self.next;
        self.next += 1;
        Some(merchant(&mut self.rng, i, district, self.options))
    }
}

/// The document as serde sees it: the head, then merchants made as they are written.
struct StreamedDoc<'a> {
    options: &'a DemoOptions,
    /// Merchants handed to the serializer so far.
    written: std::cell::Cell<usize>,
}

impl serde::Serialize for StreamedDoc<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let head = head(self.options);
        let mut map = serializer.serialize_map(Some(head.len() + 1))?;
        for (key, value) in &head {
            map.serialize_entry(key, value)?;
        }
        let merchants = Merchants::new(self.options).inspect(|_| self.written.set(self.written.get() + 1));
        map.serialize_entry("merchants", &SeqOf(std::cell::RefCell::new(Some(merchants))))?;
        map.end()
    }
}

/// A sequence serialized from an iterator, once.
struct SeqOf<I>(std::cell::RefCell<Option<I>>);

impl<I: Iterator<Item = Value>> serde::Serialize for SeqOf<I> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{Error, SerializeSeq};
        let items = self.0.borrow_mut().take().ok_or_else(|| S::Error::custom("serialized twice"))?;
        let mut seq = serializer.serialize_seq(None)?;
        for item in items {
            seq.serialize_element(&item)?;
        }
        seq.end()
    }
}

/// A buffer that refuses to grow past `max_bytes`.
struct Limited {
    bytes: Vec<u8>,
    max_bytes: usize,
}

impl std::io::Write for Limited {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.bytes.len() + buf.len() > self.max_bytes {
            return Err(std::io::Error::other("the feed size limit"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn merchant(rng: &mut ChaCha8Rng, i: usize, district: &District, options: &DemoOptions) -> Value {
    let category = pick_category(rng);
    let kind = pick(rng, kinds(category));
    let name = format!("{}{}({}店)", pick(rng, &PREFIXES), kind, district.name);
    let position = options.crs.from_wgs84(scatter(rng, district.centre, district.spread_m));
    let address =
        format!("深圳市{}{}{}号", district.area, pick(rng, district.streets), rng.random_range(1..400));
    let phone = format!("0755-{:08}", rng.random_range(20_000_000..89_999_999u32));
    let rating = f64::from(rng.random_range(30..=50u32)) / 10.0;
    let n_deals = if options.max_deals == 0 { 0 } else { rng.random_range(1..=options.max_deals) };
    let deals: Vec<Value> = (0..n_deals).map(|k| deal(rng, i, k, category)).collect();
    let mut m = Map::new();
    m.insert("id".into(), json!(format!("m{:06}", i + 1)));
    m.insert("name".into(), json!(name));
    m.insert("category".into(), json!(category.key()));
    m.insert("lat".into(), coordinate(position.lat));
    m.insert("lon".into(), coordinate(position.lon));
    m.insert("address".into(), json!(address));
    m.insert("phone".into(), json!(phone));
    m.insert("opening_hours".into(), json!(pick(rng, &HOURS)));
    m.insert("rating".into(), json!(rating));
    m.insert("deals".into(), Value::Array(deals));
    Value::Object(m)
}

fn deal(rng: &mut ChaCha8Rng, i: usize, k: usize, category: Category) -> Value {
    let &(title, list_price) = pick(rng, offers(category));
    let original = round_to_yuan(list_price as f64 * rng.random_range(0.85..1.3)).max(100);
    let price = round_to_yuan(original as f64 * rng.random_range(0.45..0.92)).clamp(100, original);
    let id = format!("d{:06}-{}", i + 1, k + 1);
    let mut d = Map::new();
    d.insert("id".into(), json!(id));
    d.insert("title".into(), json!(title));
    d.insert("price".into(), json!(price));
    d.insert("original_price".into(), json!(original));
    // Sales are skewed: most deals sell a little, a few sell a lot.
    let sold = (rng.random_range(0.0f64..1.0).powi(3) * 20_000.0) as u32;
    d.insert("sold".into(), json!(sold));
    match rng.random_range(0..10) {
        0 => {
            d.insert("stock".into(), json!(0));
        }
        1..=4 => {
            d.insert("stock".into(), json!(rng.random_range(1..500)));
        }
        _ => {}
    }
    d.insert("max_per_order".into(), json!(rng.random_range(1..=10)));
    if rng.random_range(0..5) == 0 {
        let size = rng.random_range(2..=5);
        d.insert("group_size".into(), json!(size));
        d.insert("group_joined".into(), json!(rng.random_range(0..size)));
    }
    let (starts, ends) = if rng.random_range(0..20) == 0 {
        ("2026-01-01T00:00:00+08:00", "2026-10-31T23:59:59+08:00") // an expired one
    } else {
        (
            "2026-01-01T00:00:00+08:00",
            *pick(
                rng,
                &["2027-06-30T23:59:59+08:00", "2027-12-31T23:59:59+08:00", "2028-03-31T23:59:59+08:00"],
            ),
        )
    };
    d.insert("starts_at".into(), json!(starts));
    d.insert("ends_at".into(), json!(ends));
    let rules: Vec<&str> = RULES.iter().copied().filter(|_| rng.random_range(0..3) == 0).collect();
    d.insert("rules".into(), json!(rules));
    let code: String =
        (0..10).map(|_| char::from(b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789"[rng.random_range(0..32)])).collect();
    let mut pay = Map::new();
    if rng.random_range(0..4) != 0 {
        pay.insert("wechat".into(), json!(format!("weixin://wxpay/bizpayurl?pr={code}")));
    }
    if rng.random_range(0..3) != 0 {
        pay.insert("alipay".into(), json!(format!("https://qr.alipay.com/{}", code.to_lowercase())));
    }
    if rng.random_range(0..2) == 0 {
        pay.insert("stripe".into(), json!(format!("https://buy.stripe.com/test_{code}")));
    }
    if pay.is_empty() || rng.random_range(0..4) == 0 {
        pay.insert("checkout".into(), json!(format!("https://{DEMO_CHECKOUT_HOST}/checkout?deal={id}")));
    }
    d.insert("pay".into(), Value::Object(pay));
    Value::Object(d)
}

fn pick_category(rng: &mut ChaCha8Rng) -> Category {
    // Food dominates, as on every real platform.
    const WEIGHTED: [(Category, u32); 7] = [
        (Category::Food, 40),
        (Category::Entertainment, 12),
        (Category::Hotel, 8),
        (Category::Beauty, 12),
        (Category::Leisure, 12),
        (Category::Shopping, 12),
        (Category::Other, 4),
    ];
    let mut roll = rng.random_range(0..100);
    for (category, weight) in WEIGHTED {
        if roll < weight {
            return category;
        }
        roll -= weight;
    }
    Category::Other
}

fn pick<'a, T>(rng: &mut ChaCha8Rng, items: &'a [T]) -> &'a T {
    &items[rng.random_range(0..items.len())]
}

/// A position scattered around `centre` with a normal distribution of
/// `spread_m` metres per axis. Box–Muller by hand: two lines do not justify
/// another dependency.
fn scatter(rng: &mut ChaCha8Rng, centre: LonLat, spread_m: f64) -> LonLat {
    let u1: f64 = rng.random_range(f64::EPSILON..1.0);
    let u2: f64 = rng.random_range(0.0..1.0);
    let r = (-2.0 * u1.ln()).sqrt() * spread_m;
    let (sin, cos) = (std::f64::consts::TAU * u2).sin_cos();
    let metres_per_deg_lat = crate::geo::EARTH_RADIUS_M.to_radians();
    let metres_per_deg_lon = metres_per_deg_lat * centre.lat.to_radians().cos();
    LonLat::new(centre.lon + r * cos / metres_per_deg_lon, centre.lat + r * sin / metres_per_deg_lat)
}

fn round_to_yuan(fen: f64) -> u64 {
    ((fen / 100.0).round() * 100.0) as u64
}

/// A coordinate rounded to six decimals (about 10 cm).
fn coordinate(x: f64) -> Value {
    Number::from_f64((x * 1e6).round() / 1e6).map_or(Value::Null, Value::Number)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(40))]

        /// Whatever options pass the check, the feed written loads without a problem.
        #[test]
        fn every_option_gives_a_feed_that_loads_cleanly(
            seed in any::<u64>(),
            merchants in 0..12usize,
            max_deals in prop_oneof![0..=5usize, Just(MAX_DEALS_PER_MERCHANT)],
            crs in prop::sample::select(vec![Crs::Wgs84, Crs::Gcj02, Crs::Bd09]),
            pretty in any::<bool>(),
        ) {
            let options = DemoOptions { seed, merchants, max_deals, crs };
            let mut out = Vec::new();
            write_demo_feed(&options, pretty, &mut out).unwrap();
            let loaded = crate::feed::load_feed(&out).unwrap();
            prop_assert_eq!(loaded.problems.first(), None);
            prop_assert_eq!(loaded.feed.merchants.len(), merchants);
        }
    }

    #[test]
    fn options_past_the_limits_are_refused_and_nothing_is_written() {
        let mut out = Vec::new();
        let too_many = DemoOptions { merchants: MAX_RECORDS + 1, ..DemoOptions::default() };
        assert_eq!(
            write_demo_feed(&too_many, false, &mut out),
            Err(DemoError::TooManyMerchants(MAX_RECORDS + 1))
        );
        let too_many_deals = DemoOptions { max_deals: MAX_DEALS_PER_MERCHANT + 1, ..DemoOptions::default() };
        assert!(matches!(write_demo_feed(&too_many_deals, false, &mut out), Err(DemoError::TooManyDeals(_))));
        let options = DemoOptions { merchants: 100, ..DemoOptions::default() };
        let mut whole = Vec::new();
        write_demo_feed(&options, false, &mut whole).unwrap();
        assert_eq!(write_demo_feed_within(&options, false, whole.len(), &mut out), Ok(()));
        out.clear();
        let cut = write_demo_feed_within(&options, false, whole.len() - 1, &mut out);
        assert!(matches!(cut, Err(DemoError::TooLarge { written: 98 | 99 })), "{cut:?}");
        assert!(out.is_empty());
    }

    #[test]
    fn written_and_built_feeds_are_the_same_document() {
        let options = DemoOptions { merchants: 30, crs: Crs::Gcj02, ..DemoOptions::default() };
        let mut out = Vec::new();
        write_demo_feed(&options, true, &mut out).unwrap();
        let mut expected = serde_json::to_vec_pretty(&demo_feed(&options)).unwrap();
        expected.push(b'\n');
        assert_eq!(out, expected);
    }
    use crate::feed::load_value;
    use crate::geo::distance_m;

    #[test]
    fn every_record_is_valid_and_every_category_appears() {
        let doc = demo_feed(&DemoOptions { seed: 7, merchants: 500, ..DemoOptions::default() });
        let loaded = load_value(&doc).unwrap();
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems.first());
        let feed = loaded.feed;
        assert_eq!(feed.merchants.len(), 500);
        for category in Category::ALL {
            assert!(feed.merchants.iter().any(|m| m.category == category), "{category}");
        }
        assert!(feed.merchants.iter().flat_map(|m| &m.deals).any(|d| d.group_size.is_some()));
        assert!(feed.merchants.iter().flat_map(|m| &m.deals).any(|d| d.is_sold_out()));
    }

    #[test]
    fn merchants_cluster_in_the_districts() {
        let doc = demo_feed(&DemoOptions { seed: 3, merchants: 300, ..DemoOptions::default() });
        let feed = load_value(&doc).unwrap().feed;
        for m in &feed.merchants {
            let nearest_district =
                DISTRICTS.iter().map(|d| distance_m(m.position, d.centre)).fold(f64::MAX, f64::min);
            assert!(nearest_district < 12_000.0, "{} is {nearest_district} m from any district", m.id);
        }
    }

    #[test]
    fn seeds_differ_and_repeat() {
        let a = |seed| {
            serde_json::to_string(&demo_feed(&DemoOptions { seed, merchants: 20, ..DemoOptions::default() }))
                .unwrap()
        };
        assert_eq!(a(1), a(1));
        assert_ne!(a(1), a(2));
    }

    #[test]
    fn other_datums_load_back_to_the_same_places() {
        let wgs =
            load_value(&demo_feed(&DemoOptions { merchants: 30, ..DemoOptions::default() })).unwrap().feed;
        let gcj_doc = demo_feed(&DemoOptions { merchants: 30, crs: Crs::Gcj02, ..DemoOptions::default() });
        let gcj = load_value(&gcj_doc).unwrap().feed;
        for (a, b) in wgs.merchants.iter().zip(&gcj.merchants) {
            assert!(distance_m(a.position, b.position) < 0.5);
        }
    }
}
