//! The widget's words in Chinese (the default) and English.

use fujin_core::geo::Fixed;
use fujin_core::index::SortBy;
use fujin_core::model::{Category, Fen};

/// The shopper's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// 简体中文.
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// From `?lang=`, else from the browser's languages (`en…` first → English).
    pub fn choose(url_lang: Option<&str>, browser_languages: &[String]) -> Lang {
        match url_lang {
            Some("en") => Lang::En,
            Some("zh") => Lang::Zh,
            _ => {
                let first = browser_languages.first().map(|l| l.to_ascii_lowercase());
                match first {
                    Some(l) if l.starts_with("en") => Lang::En,
                    _ => Lang::Zh,
                }
            }
        }
    }

    /// The `lang` attribute / URL value.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// All the words, in this language.
    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }

    /// A category's display name.
    pub fn category(self, c: Category) -> &'static str {
        match self {
            Lang::Zh => c.name_zh(),
            Lang::En => c.name_en(),
        }
    }

    /// The discount of `price` against `original`, as shoppers read it:
    /// `7.5折` in Chinese, `25% off` in English; `None` when there is none.
    pub fn discount(self, price: Fen, original: Fen) -> Option<String> {
        let zhe = price.zhe(original).filter(|z| *z < 10.0)?;
        let off = self.texts().off;
        // Tenths (`7.5`, `5`), without core's float formatter (10 KB of wasm).
        Some(match self {
            Lang::Zh => format!("{}{off}", Fixed(zhe, u8::from(zhe.fract() != 0.0))),
            Lang::En => format!("{}% {off}", Fixed(100.0 - zhe * 10.0, 0)),
        })
    }

    /// The colon between a heading and what follows: full width in Chinese.
    pub fn colon(self) -> &'static str {
        match self {
            Lang::Zh => "：",
            Lang::En => ": ",
        }
    }

    /// A sort order's name.
    pub fn sort(self, s: SortBy) -> &'static str {
        let t = self.texts();
        match s {
            SortBy::Distance => t.sort_distance,
            SortBy::Discount => t.sort_discount,
            SortBy::Price => t.sort_price,
            SortBy::Sales => t.sort_sales,
            SortBy::Rating => t.sort_rating,
        }
    }
}

/// Every fixed text of the widget.
#[derive(Debug)]
pub struct Texts {
    pub title: &'static str,
    pub loading_feed: &'static str,
    pub feed_failed: &'static str,
    pub retry: &'static str,
    /// A feed named in the page address was not loaded: its origin is not allowed.
    pub feed_refused: &'static str,
    pub search_placeholder: &'static str,
    pub search_label: &'static str,
    pub locate: &'static str,
    pub locating: &'static str,
    pub location_denied: &'static str,
    pub location_timeout: &'static str,
    pub location_unavailable: &'static str,
    pub location_unsupported: &'static str,
    pub using_feed_center: &'static str,
    pub using_your_location: &'static str,
    pub using_default_spot: &'static str,
    pub using_map_point: &'static str,
    pub search_here: &'static str,
    pub radius: &'static str,
    pub sort: &'static str,
    pub sort_distance: &'static str,
    pub sort_discount: &'static str,
    pub sort_price: &'static str,
    pub sort_sales: &'static str,
    pub sort_rating: &'static str,
    pub all_categories: &'static str,
    pub price_min: &'static str,
    pub price_max: &'static str,
    pub show_unavailable: &'static str,
    pub no_deals: &'static str,
    pub sold: &'static str,
    pub stock_left: &'static str,
    pub sold_out: &'static str,
    pub expired: &'static str,
    pub not_started: &'static str,
    pub ends_in: &'static str,
    pub days: &'static str,
    pub group_progress: &'static str,
    pub rules: &'static str,
    pub address: &'static str,
    pub opening_hours: &'static str,
    pub call: &'static str,
    pub directions: &'static str,
    pub back: &'static str,
    pub zoom_in: &'static str,
    pub zoom_out: &'static str,
    pub map_label: &'static str,
    pub tiles_offline: &'static str,
    pub same_place: &'static str,
    pub close: &'static str,
    pub off: &'static str,
    pub rating: &'static str,
    pub deal_not_found: &'static str,
    pub language_switch: &'static str,
    /// Read before a card's price, its original price, its distance and its rating (screen readers only).
    pub price_now: &'static str,
    pub price_was: &'static str,
    pub distance: &'static str,
    pub rating_label: &'static str,
    /// The skip links at the widget's start.
    pub skip_to_list: &'static str,
    pub skip_to_map: &'static str,
    /// The map's text alternative (with [`Lang::map_description`]).
    pub map_selected: &'static str,
    pub map_keyboard: &'static str,
    /// Opening hours: the filter, and a merchant open or closed now.
    pub open_now_only: &'static str,
    pub open_now: &'static str,
    pub closed_now: &'static str,
    /// The deal page's photos.
    pub photos: &'static str,
}

static ZH: Texts = Texts {
    title: "附近团购",
    loading_feed: "正在加载附近的团购…",
    feed_failed: "无法加载团购数据",
    retry: "重试",
    feed_refused: "链接指定的数据源不被本页允许，已忽略，显示本页自己的优惠",
    search_placeholder: "搜索商户或团购",
    search_label: "搜索",
    locate: "定位到我",
    locating: "正在定位…",
    location_denied: "你拒绝了定位权限，",
    location_timeout: "定位超时，",
    location_unavailable: "暂时无法获取位置，",
    location_unsupported: "此浏览器不支持定位，",
    using_feed_center: "正在显示默认地点附近的团购。点地图可换个地方搜索。",
    using_your_location: "正在显示你附近的团购",
    using_default_spot: "正在显示默认地点附近的团购",
    using_map_point: "正在显示地图上选定地点附近的团购",
    search_here: "在这里搜索",
    radius: "范围",
    sort: "排序",
    sort_distance: "距离最近",
    sort_discount: "折扣最大",
    sort_price: "价格最低",
    sort_sales: "销量最高",
    sort_rating: "评分最高",
    all_categories: "全部",
    price_min: "最低价 ¥",
    price_max: "最高价 ¥",
    show_unavailable: "显示已过期和已售罄",
    no_deals: "这里还没有符合条件的团购。试试扩大范围或清除筛选。",
    sold: "已售",
    stock_left: "剩余",
    sold_out: "已售罄",
    expired: "已结束",
    not_started: "未开始",
    ends_in: "距结束",
    days: "天",
    group_progress: "人成团",
    rules: "使用规则",
    address: "地址",
    opening_hours: "营业时间",
    call: "拨打电话",
    directions: "导航",
    back: "返回",
    zoom_in: "放大",
    zoom_out: "缩小",
    map_label: "地图：拖动平移，滚轮或 +/- 缩放",
    tiles_offline: "地图底图无法加载，已显示简易网格",
    same_place: "同一地点的商户",
    close: "关闭",
    off: "折",
    rating: "分",
    deal_not_found: "找不到这个团购，可能已下架。",
    language_switch: "English",
    price_now: "现价",
    price_was: "原价",
    distance: "距离",
    rating_label: "评分",
    skip_to_list: "跳到团购列表",
    skip_to_map: "跳到地图",
    map_selected: "已选中：",
    map_keyboard: "地图上的标记无法用键盘逐个选择，请使用团购列表；方向键平移，+/- 缩放。",
    open_now_only: "只看营业中",
    open_now: "营业中",
    closed_now: "已打烊",
    photos: "图片",
};

static EN: Texts = Texts {
    title: "Deals nearby",
    loading_feed: "Loading deals nearby…",
    feed_failed: "Could not load the deals",
    retry: "Retry",
    feed_refused: "The link names a feed this page does not allow; it was ignored and the page's own deals are shown",
    search_placeholder: "Search shops or deals",
    search_label: "Search",
    locate: "Use my location",
    locating: "Finding you…",
    location_denied: "Location permission was denied, so ",
    location_timeout: "Finding your location took too long, so ",
    location_unavailable: "Your location is not available right now, so ",
    location_unsupported: "This browser cannot share your location, so ",
    using_feed_center: "showing deals near the default spot. Tap the map to search elsewhere.",
    using_your_location: "Showing deals near you",
    using_default_spot: "Showing deals near the default spot",
    using_map_point: "Showing deals near the point you picked",
    search_here: "Search here",
    radius: "Within",
    sort: "Sort",
    sort_distance: "Nearest",
    sort_discount: "Best discount",
    sort_price: "Lowest price",
    sort_sales: "Best selling",
    sort_rating: "Top rated",
    all_categories: "All",
    price_min: "Min ¥",
    price_max: "Max ¥",
    show_unavailable: "Show expired and sold out",
    no_deals: "No deals match here yet. Try a wider radius or clear the filters.",
    sold: "Sold",
    stock_left: "Left",
    sold_out: "Sold out",
    expired: "Ended",
    not_started: "Not started",
    ends_in: "Ends in",
    days: "d",
    group_progress: "people to form a group",
    rules: "Rules",
    address: "Address",
    opening_hours: "Hours",
    call: "Call",
    directions: "Directions",
    back: "Back",
    zoom_in: "Zoom in",
    zoom_out: "Zoom out",
    map_label: "Map: drag to pan, wheel or +/- to zoom",
    tiles_offline: "Map tiles could not load; showing a plain grid",
    same_place: "Shops at this spot",
    close: "Close",
    off: "off",
    rating: "",
    deal_not_found: "This deal could not be found; it may have been withdrawn.",
    language_switch: "中文",
    price_now: "Price",
    price_was: "was",
    distance: "distance",
    rating_label: "rated",
    skip_to_list: "Skip to the deals",
    skip_to_map: "Skip to the map",
    map_selected: "Selected: ",
    map_keyboard: "Markers cannot be picked one by one with a keyboard: use the list of deals. Arrow keys pan, +/- zoom.",
    open_now_only: "Open now",
    open_now: "Open",
    closed_now: "Closed",
    photos: "Photos",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discounts() {
        assert_eq!(Lang::Zh.discount(Fen(7_500), Fen(10_000)).as_deref(), Some("7.5折"));
        assert_eq!(Lang::En.discount(Fen(7_500), Fen(10_000)).as_deref(), Some("25% off"));
        assert_eq!(Lang::Zh.discount(Fen(100), Fen(100)), None, "no discount, no badge");
    }

    #[test]
    fn language_choice() {
        assert_eq!(Lang::choose(Some("en"), &[]), Lang::En);
        assert_eq!(Lang::choose(None, &["en-US".into()]), Lang::En);
        assert_eq!(Lang::choose(None, &["zh-CN".into(), "en".into()]), Lang::Zh);
        assert_eq!(Lang::choose(Some("zh"), &["en-GB".into()]), Lang::Zh);
        assert_eq!(Lang::choose(None, &[]), Lang::Zh);
    }

    #[test]
    fn order_errors_are_in_the_shoppers_language() {
        use fujin_core::commerce::OrderError::*;
        for e in [Quantity { quantity: 0, max: 5 }, SoldOut, NotStarted, Ended, TotalTooLarge] {
            let zh = Lang::Zh.order_error(&e);
            assert!(!zh.chars().any(|c| c.is_ascii_alphabetic()), "English in {zh:?}");
            assert_ne!(Lang::En.order_error(&e), zh);
        }
        assert_eq!(Lang::Zh.order_error(&SoldOut), "已售罄");
    }

    #[test]
    fn feed_troubles_are_in_the_shoppers_language() {
        use crate::state::{FeedFailure, FeedTrouble::*};
        let detail = "the server answered 404 Not Found".to_owned();
        let mut failures = vec![FeedFailure::NoFeed];
        for trouble in [Unsupported, Network, NotFound(404), Server(503), Empty, Truncated, TooLarge, Damaged]
        {
            failures.push(FeedFailure::Failed { trouble, detail: detail.clone() });
        }
        for failure in &failures {
            let zh = Lang::Zh.feed_trouble(failure);
            assert!(!zh.chars().any(|c| c.is_ascii_alphabetic()), "English in {zh:?}");
            let en = Lang::En.feed_trouble(failure);
            assert!(
                !en.contains("Not Found") && !en.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{en:?}"
            );
        }
        let not_found = &failures[3];
        assert_eq!(Lang::Zh.feed_trouble(not_found), "找不到团购数据（服务器返回 404），请稍后重试");
    }

    #[test]
    fn the_map_describes_itself() {
        assert_eq!(
            Lang::En.map_description(1, 2, Some("Noodles")),
            format!("The map shows 1 shop and 2 deals nearby. Selected: Noodles. {}", EN.map_keyboard)
        );
        assert_eq!(
            Lang::Zh.map_description(3, 4, None),
            format!("地图显示附近 3 家商户、4 个团购。{}", ZH.map_keyboard)
        );
    }

    #[test]
    fn english_counts_skipped_records_in_the_singular_and_plural() {
        assert_eq!(Lang::En.records_skipped(1), "1 record had errors and was skipped");
        assert_eq!(Lang::En.records_skipped(2), "2 records had errors and were skipped");
        assert_eq!(Lang::Zh.records_skipped(1), "1 条记录有误，已跳过");
        assert_eq!(Lang::En.deals_found(1), "1 deal");
        assert_eq!(Lang::En.deals_found(0), "0 deals");
        assert_eq!(Lang::Zh.deals_found(2), "2 个团购");
    }
}

/// The words of buying, orders and vouchers.
#[derive(Debug)]
#[allow(missing_docs)]
pub struct OrderTexts {
    pub buy: &'static str,
    pub quantity: &'static str,
    pub less: &'static str,
    pub more: &'static str,
    pub total: &'static str,
    pub pay_with: &'static str,
    pub no_payment: &'static str,
    pub wechat: &'static str,
    pub alipay: &'static str,
    pub stripe: &'static str,
    pub checkout: &'static str,
    pub scan_wechat: &'static str,
    pub scan_alipay: &'static str,
    pub scan_phone: &'static str,
    pub open_payment: &'static str,
    pub paid_done: &'static str,
    pub cancel: &'static str,
    pub close: &'static str,
    pub my_orders: &'static str,
    pub no_orders: &'static str,
    pub current: &'static str,
    pub history: &'static str,
    pub voucher: &'static str,
    pub code: &'static str,
    pub show_staff: &'static str,
    pub valid_until: &'static str,
    pub unconfirmed: &'static str,
    pub checking: &'static str,
    pub mark_used: &'static str,
    pub used: &'static str,
    pub order_no: &'static str,
    pub storage_warning: &'static str,
    pub skipped_warning: &'static str,
    pub group_rule: &'static str,
    pub group_joined: &'static str,
    pub no_random: &'static str,
    pub back_to_deals: &'static str,
    pub not_paid_yet: &'static str,
    pub verify_failed: &'static str,
    pub referral: &'static str,
    pub missing_order: &'static str,
}

static ZH_ORDERS: OrderTexts = OrderTexts {
    buy: "立即抢购",
    quantity: "数量",
    less: "减少",
    more: "增加",
    total: "合计",
    pay_with: "选择支付方式",
    no_payment: "该团购暂不支持在线支付",
    wechat: "微信支付",
    alipay: "支付宝",
    stripe: "银行卡 (Stripe)",
    checkout: "商家收银台",
    scan_wechat: "请用微信扫一扫完成支付",
    scan_alipay: "请用支付宝扫一扫完成支付",
    scan_phone: "用手机扫码支付",
    open_payment: "去支付",
    paid_done: "我已完成支付",
    cancel: "取消",
    close: "关闭",
    my_orders: "我的订单",
    no_orders: "还没有订单",
    current: "进行中",
    history: "历史订单",
    voucher: "团购券",
    code: "券码",
    show_staff: "到店出示给店员扫码或输入券码",
    valid_until: "有效期",
    unconfirmed: "支付未确认：商家未提供支付确认，请以商家核验为准",
    checking: "正在向商家确认支付…",
    mark_used: "标记为已使用",
    used: "已使用",
    order_no: "订单号",
    storage_warning: "此设备无法保存订单：购买仍可进行，但关闭页面后团购券不会保留，请截图保存。",
    skipped_warning: "有无法读取的订单记录已跳过",
    group_rule: "拼团：满员才成团，到期未成团将自动退款",
    group_joined: "已参团",
    no_random: "浏览器无法生成安全的订单号，无法下单",
    back_to_deals: "返回团购",
    not_paid_yet: "尚未支付",
    verify_failed: "暂时无法联系商家确认支付，稍后会再试",
    referral: "推荐码",
    missing_order: "链接里的订单不在此设备上（可能在其他浏览器下单，或本地数据已清除），请在下单的浏览器中打开“我的订单”。",
};

static EN_ORDERS: OrderTexts = OrderTexts {
    buy: "Buy now",
    quantity: "Quantity",
    less: "Fewer",
    more: "More",
    total: "Total",
    pay_with: "Pay with",
    no_payment: "This deal cannot be paid online",
    wechat: "WeChat Pay",
    alipay: "Alipay",
    stripe: "Card (Stripe)",
    checkout: "Merchant checkout",
    scan_wechat: "Scan with WeChat to pay",
    scan_alipay: "Scan with Alipay to pay",
    scan_phone: "Scan with your phone to pay",
    open_payment: "Go to payment",
    paid_done: "I have paid",
    cancel: "Cancel",
    close: "Close",
    my_orders: "My orders",
    no_orders: "No orders yet",
    current: "Current",
    history: "History",
    voucher: "Voucher",
    code: "Code",
    show_staff: "Show this to the staff to scan, or read them the code",
    valid_until: "Valid",
    unconfirmed: "Payment unconfirmed: the merchant gives no way to confirm it; the store will check",
    checking: "Asking the merchant to confirm the payment…",
    mark_used: "Mark as used",
    used: "Used",
    order_no: "Order",
    storage_warning: "Orders cannot be saved on this device: you can still buy, but the voucher will be gone when you close the page. Take a screenshot.",
    skipped_warning: "Some unreadable order records were skipped",
    group_rule: "Group buy: it goes ahead only when the group fills; if time runs out first, you are refunded",
    group_joined: "joined",
    no_random: "This browser cannot make a secure order id, so ordering is not possible",
    back_to_deals: "Back to deals",
    not_paid_yet: "Not paid yet",
    verify_failed: "Cannot reach the merchant to confirm the payment; trying again later",
    referral: "Referral",
    missing_order: "The order in this link is not on this device (it was made in another browser, or local data was cleared). Open My orders in the browser you ordered in.",
};

impl Lang {
    /// The words of buying, orders and vouchers.
    pub fn orders(self) -> &'static OrderTexts {
        match self {
            Lang::Zh => &ZH_ORDERS,
            Lang::En => &EN_ORDERS,
        }
    }

    /// A payment provider's name.
    pub fn provider(self, p: fujin_core::model::PayProvider) -> &'static str {
        let t = self.orders();
        match p {
            fujin_core::model::PayProvider::Wechat => t.wechat,
            fujin_core::model::PayProvider::Alipay => t.alipay,
            fujin_core::model::PayProvider::Stripe => t.stripe,
            fujin_core::model::PayProvider::Checkout => t.checkout,
        }
    }

    /// Why an order could not be made, as the shopper reads it.
    pub fn order_error(self, e: &fujin_core::commerce::OrderError) -> String {
        use fujin_core::commerce::OrderError::*;
        match (self, e) {
            (Lang::Zh, Quantity { max, .. }) => format!("每单可购买 1 到 {max} 份"),
            (Lang::Zh, SoldOut) => "已售罄".to_owned(),
            (Lang::Zh, NotStarted) => "活动尚未开始".to_owned(),
            (Lang::Zh, Ended) => "活动已结束".to_owned(),
            (Lang::Zh, TotalTooLarge) => "总价超出可支付范围，请减少数量".to_owned(),
            (Lang::En, Quantity { max, .. }) => format!("Choose 1 to {max} per order"),
            (Lang::En, SoldOut) => "Sold out".to_owned(),
            (Lang::En, NotStarted) => "The sale has not started yet".to_owned(),
            (Lang::En, Ended) => "The sale has ended".to_owned(),
            (Lang::En, TotalTooLarge) => "The total is too large to pay; choose fewer".to_owned(),
        }
    }

    /// Why the deals could not be loaded, as the shopper reads it, with
    /// what to do (the technical detail goes to the console instead).
    pub fn feed_trouble(self, failure: &crate::state::FeedFailure) -> String {
        use crate::state::{FeedFailure, FeedTrouble::*};
        let trouble = match failure {
            FeedFailure::NoFeed => None,
            FeedFailure::Failed { trouble, .. } => Some(*trouble),
        };
        match (self, trouble) {
            (Lang::Zh, None) => "本页没有设置团购数据源，请联系网站管理员".to_owned(),
            (Lang::Zh, Some(Unsupported)) => "此浏览器版本过旧，无法加载团购，请更新浏览器".to_owned(),
            (Lang::Zh, Some(Network)) => "网络连接失败，请检查网络后重试".to_owned(),
            (Lang::Zh, Some(NotFound(code))) => format!("找不到团购数据（服务器返回 {code}），请稍后重试"),
            (Lang::Zh, Some(Server(code))) => {
                format!("服务器暂时无法提供团购数据（错误 {code}），请稍后重试")
            }
            (Lang::Zh, Some(Empty)) => "团购数据是空的，请稍后重试".to_owned(),
            (Lang::Zh, Some(Truncated)) => "团购数据下载不完整，请重试".to_owned(),
            (Lang::Zh, Some(TooLarge)) => "团购数据太大，无法在此设备上加载".to_owned(),
            (Lang::Zh, Some(Damaged)) => "团购数据已损坏，无法读取，请稍后重试".to_owned(),
            (Lang::En, None) => "This page names no deals feed; please tell the site's owner".to_owned(),
            (Lang::En, Some(Unsupported)) => {
                "This browser is too old to load the deals; please update it".to_owned()
            }
            (Lang::En, Some(Network)) => "Could not connect; check your connection and retry".to_owned(),
            (Lang::En, Some(NotFound(code))) => {
                format!("The deals could not be found (the server answered {code}); try again later")
            }
            (Lang::En, Some(Server(code))) => {
                format!("The server cannot give the deals right now (error {code}); try again later")
            }
            (Lang::En, Some(Empty)) => "The deals data is empty; try again later".to_owned(),
            (Lang::En, Some(Truncated)) => "The deals data arrived incomplete; please retry".to_owned(),
            (Lang::En, Some(TooLarge)) => "The deals data is too large to load on this device".to_owned(),
            (Lang::En, Some(Damaged)) => {
                "The deals data is damaged and cannot be read; try again later".to_owned()
            }
        }
    }

    /// The map's text alternative: how many shops and deals it shows
    /// (English plurals), which shop is selected, and that the list is the
    /// keyboard's way to the markers.
    pub fn map_description(self, shops: usize, deals: usize, selected: Option<&str>) -> String {
        let t = self.texts();
        let s = |n: usize| if n == 1 { "" } else { "s" };
        let (shown, selected) = match self {
            Lang::Zh => (
                format!("地图显示附近 {shops} 家商户、{deals} 个团购。"),
                selected.map(|name| format!("{}{name}。", t.map_selected)),
            ),
            Lang::En => (
                format!("The map shows {shops} shop{} and {deals} deal{} nearby. ", s(shops), s(deals)),
                selected.map(|name| format!("{}{name}. ", t.map_selected)),
            ),
        };
        format!("{shown}{}{}", selected.unwrap_or_default(), t.map_keyboard)
    }

    /// "N deals" above the list, with English's plural.
    pub fn deals_found(self, count: usize) -> String {
        match (self, count) {
            (Lang::Zh, n) => format!("{n} 个团购"),
            (Lang::En, 1) => "1 deal".to_owned(),
            (Lang::En, n) => format!("{n} deals"),
        }
    }

    /// "N records had errors and were skipped", with English's plural.
    pub fn records_skipped(self, count: usize) -> String {
        match (self, count) {
            (Lang::Zh, n) => format!("{n} 条记录有误，已跳过"),
            (Lang::En, 1) => "1 record had errors and was skipped".to_owned(),
            (Lang::En, n) => format!("{n} records had errors and were skipped"),
        }
    }

    /// An order status, as the shopper reads it.
    pub fn order_status(self, s: fujin_core::commerce::OrderStatus) -> &'static str {
        use fujin_core::commerce::OrderStatus::*;
        match (self, s) {
            (Lang::Zh, Pending) => "待支付",
            (Lang::Zh, AwaitingConfirmation) => "待确认",
            (Lang::Zh, Paid) => "已支付",
            (Lang::Zh, Redeemed) => "已使用",
            (Lang::Zh, Expired) => "已过期",
            (Lang::Zh, Refunded) => "已退款",
            (Lang::Zh, Failed) => "支付失败",
            (Lang::En, Pending) => "Pending",
            (Lang::En, AwaitingConfirmation) => "Awaiting confirmation",
            (Lang::En, Paid) => "Paid",
            (Lang::En, Redeemed) => "Redeemed",
            (Lang::En, Expired) => "Expired",
            (Lang::En, Refunded) => "Refunded",
            (Lang::En, Failed) => "Failed",
        }
    }
}
