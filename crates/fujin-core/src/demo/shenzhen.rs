//! The demo city: Shenzhen's business districts, and the names, offers,
//! rules and hours its merchants are made of.

use crate::geo::LonLat;
use crate::model::Category;

/// A business district: the centre (WGS-84), how far merchants spread
/// around it (one standard deviation, metres) and its share of merchants.
pub(super) struct District {
    pub(super) name: &'static str,
    pub(super) area: &'static str,
    pub(super) streets: &'static [&'static str],
    pub(super) centre: LonLat,
    pub(super) spread_m: f64,
    pub(super) weight: u32,
}

pub(super) const DISTRICTS: [District; 6] = [
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

pub(super) const PREFIXES: [&str; 20] = [
    "老街", "阿强", "粤味", "湘里", "川府", "潮汕", "东北", "海风", "小林", "金稻", "蓝湾", "星河", "巷子",
    "一品", "鹿港", "南洋", "花园", "山海", "喜悦", "半岛",
];

/// Business kinds per category.
pub(super) fn kinds(category: Category) -> &'static [&'static str] {
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
pub(super) fn offers(category: Category) -> &'static [(&'static str, u64)] {
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

pub(super) const RULES: [&str; 7] =
    ["免预约", "周末通用", "节假日通用", "不可叠加", "限堂食", "包间需预约", "购买后90天内有效"];
pub(super) const HOURS: [&str; 5] = ["10:00-22:00", "09:00-21:00", "11:00-02:00", "全天营业", "08:00-20:00"];
