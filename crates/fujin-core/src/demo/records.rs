//! One demo merchant and its deals, drawn from the seeded generator.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::{Map, Number, Value, json};

use super::options::{DEMO_CHECKOUT_HOST, DemoOptions};
use super::shenzhen::{DISTRICTS, District, HOURS, PREFIXES, RULES, kinds, offers};

/// The head of the document: everything but `merchants`, in the order written.
pub(super) fn head(options: &DemoOptions) -> Map<String, Value> {
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
pub(super) struct Merchants<'a> {
    rng: ChaCha8Rng,
    options: &'a DemoOptions,
    next: usize,
}

impl<'a> Merchants<'a> {
    pub(super) fn new(options: &'a DemoOptions) -> Self {
        Self { rng: ChaCha8Rng::seed_from_u64(options.seed), options, next: 0 }
    }
}

impl Iterator for Merchants<'_> {
    type Item = Value;

    fn next(&mut self) -> Option<Value> {
        if self.next >= self.options.merchants {
            return None;
        }
        let district = pick_district(&mut self.rng);
        let i = self.next;
        self.next += 1;
        Some(merchant(&mut self.rng, i, district, self.options))
    }
}

use crate::geo::LonLat;
use crate::model::Category;

pub(super) fn merchant(rng: &mut ChaCha8Rng, i: usize, district: &District, options: &DemoOptions) -> Value {
    let category = pick_category(rng);
    let kind = pick(rng, kinds(category));
    let name = format!("{}{}({}店)", pick(rng, &PREFIXES), kind, district.name);
    let position = options.crs.from_wgs84(scatter(rng, district.centre, district.spread_m));
    let address =
        format!("深圳市{}{}{}号", district.area, pick(rng, district.streets), rng.random_range(1..400));
    let phone = format!("0755-{:08}", rng.random_range(20_000_000..89_999_999u32));
    let rating = f64::from(rng.random_range(30..=50u32)) / 10.0;
    let with_deals = options.max_deals > 0 && i.is_multiple_of(options.deals_every.max(1));
    let n_deals = if with_deals { rng.random_range(1..=options.max_deals) } else { 0 };
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

pub(super) fn deal(rng: &mut ChaCha8Rng, i: usize, k: usize, category: Category) -> Value {
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
    // Two of the category's three drawings beside the feed (static/demo-images,
    // served with it), picked without the random source so that every other
    // field stays as it was for the same seed.
    let image = |n: usize| format!("demo-images/{}-{}.svg", category.key(), (i + k + n) % 3 + 1);
    d.insert("images".into(), json!([image(0), image(1)]));
    Value::Object(d)
}

pub(super) fn pick_category(rng: &mut ChaCha8Rng) -> Category {
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

/// A district, drawn by the districts' weights.
pub(super) fn pick_district(rng: &mut ChaCha8Rng) -> &'static District {
    let total_weight: u32 = DISTRICTS.iter().map(|d| d.weight).sum();
    let mut pick = rng.random_range(0..total_weight);
    DISTRICTS
        .iter()
        .find(|d| {
            let here = pick < d.weight;
            pick = pick.saturating_sub(d.weight);
            here
        })
        .unwrap_or(&DISTRICTS[0])
}

pub(super) fn pick<'a, T>(rng: &mut ChaCha8Rng, items: &'a [T]) -> &'a T {
    &items[rng.random_range(0..items.len())]
}

/// A position scattered around `centre` with a normal distribution of
/// `spread_m` metres per axis. Box–Muller by hand: two lines do not justify
/// another dependency.
pub(super) fn scatter(rng: &mut ChaCha8Rng, centre: LonLat, spread_m: f64) -> LonLat {
    let u1: f64 = rng.random_range(f64::EPSILON..1.0);
    let u2: f64 = rng.random_range(0.0..1.0);
    let r = (-2.0 * u1.ln()).sqrt() * spread_m;
    let (sin, cos) = (std::f64::consts::TAU * u2).sin_cos();
    let metres_per_deg_lat = crate::geo::EARTH_RADIUS_M.to_radians();
    let metres_per_deg_lon = metres_per_deg_lat * centre.lat.to_radians().cos();
    LonLat::new(centre.lon + r * cos / metres_per_deg_lon, centre.lat + r * sin / metres_per_deg_lat)
}

pub(super) fn round_to_yuan(fen: f64) -> u64 {
    ((fen / 100.0).round() * 100.0) as u64
}

/// A coordinate rounded to six decimals (about 10 cm).
pub(super) fn coordinate(x: f64) -> Value {
    Number::from_f64((x * 1e6).round() / 1e6).map_or(Value::Null, Value::Number)
}
