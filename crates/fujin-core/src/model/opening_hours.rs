//! Opening hours: read from a merchant's free-text `opening_hours` when it
//! is in a form Fujin understands, so that the list can say 营业中 / 已打烊
//! (open now / closed) and filter on it. Text in any other form stays text:
//! shown as written, never guessed at.

use std::borrow::Cow;

/// Most time ranges in one day (`10:00-14:00, 17:00-22:00` is two).
pub const MAX_RANGES: usize = 4;

/// Minutes in a day.
const DAY_MIN: u16 = 24 * 60;

/// When a merchant is open each day, as up to [`MAX_RANGES`] ranges of
/// minutes after midnight (local time), start included, end excluded. A
/// range whose end is before its start runs past midnight (`11:00-02:00`).
/// Small and `Copy`: a catalog keeps one per merchant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct OpeningHours {
    ranges: [(u16, u16); MAX_RANGES],
    len: u8,
}

impl OpeningHours {
    /// Open all day.
    pub const ALWAYS: OpeningHours = OpeningHours { ranges: [(0, DAY_MIN); MAX_RANGES], len: 1 };

    /// The hours a text gives, or `None` for a form Fujin does not read:
    /// `全天营业`, `24小时`, `24h` (all day); one or more ranges
    /// `HH:MM-HH:MM` separated by commas, spaces, `、` or `;` (full-width
    /// forms too), with `-`, `–`, `~`, `至` or `到` between the times and an
    /// optional `次日` (next day) before the end. `24:00` may end a range;
    /// a range that starts where it ends is all day.
    ///
    /// ```
    /// use fujin_core::model::OpeningHours;
    /// let late = OpeningHours::parse("11:00-02:00").unwrap();
    /// assert!(late.is_open_at(23 * 60) && late.is_open_at(60) && !late.is_open_at(3 * 60));
    /// let split = OpeningHours::parse("10:00-14:00，17:00至22:00").unwrap();
    /// assert!(split.is_open_at(12 * 60) && !split.is_open_at(15 * 60));
    /// assert_eq!(OpeningHours::parse("全天营业"), Some(OpeningHours::ALWAYS));
    /// assert_eq!(OpeningHours::parse("周一至周五 看心情"), None);
    /// ```
    pub fn parse(text: &str) -> Option<OpeningHours> {
        let text = text.trim();
        if ["全天营业", "全天", "24小时营业", "24小时", "24h", "24H", "24/7"].contains(&text) {
            return Some(Self::ALWAYS);
        }
        let mut hours = OpeningHours::default();
        let text = tighten(text);
        let parts = text.split([',', '，', ';', '；', '、', ' ', '\u{3000}']).filter(|p| !p.is_empty());
        for part in parts {
            let (start, end) = part.split_once(RANGE_MARKS)?;
            let (start, end) = (minute_of(start, false)?, minute_of(end.trim_start_matches("次日"), true)?);
            if usize::from(hours.len) == MAX_RANGES {
                return None;
            }
            let range =
                if start == end || (start == 0 && end == DAY_MIN) { (0, DAY_MIN) } else { (start, end) };
            hours.ranges[usize::from(hours.len)] = range;
            hours.len += 1;
        }
        (hours.len > 0).then_some(hours)
    }

    /// True when open at `minute` after midnight (0 to 1439, local time).
    pub fn is_open_at(&self, minute: u16) -> bool {
        self.ranges[..usize::from(self.len)].iter().any(|&(start, end)| {
            if start < end { (start..end).contains(&minute) } else { minute >= start || minute < end }
        })
    }
}

/// What may stand between a range's start and end.
const RANGE_MARKS: [char; 7] = ['-', '–', '—', '~', '～', '至', '到'];

/// The text without the spaces around range marks (`9:00 - 21:00`), so
/// that spaces left separate ranges; as it is (no copy, as a catalog reads
/// a city's worth) when it has no space at all.
fn tighten(text: &str) -> Cow<'_, str> {
    if !text.contains(char::is_whitespace) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c.is_whitespace() {
            let next_is_mark =
                chars.clone().find(|c| !c.is_whitespace()).is_some_and(|c| RANGE_MARKS.contains(&c));
            let after_mark = out.chars().last().is_some_and(|c| RANGE_MARKS.contains(&c));
            if next_is_mark || after_mark {
                continue;
            }
        }
        out.push(c);
    }
    Cow::Owned(out)
}

/// `H:MM` or `HH:MM` (a full-width colon too) as minutes after midnight;
/// `24:00` only when it `may_end_day`.
fn minute_of(text: &str, may_end_day: bool) -> Option<u16> {
    let (h, m) = text.trim().split_once([':', '：'])?;
    let digits =
        |s: &str, most: usize| (1..=most).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(h, 2) || m.len() != 2 || !digits(m, 2) {
        return None;
    }
    let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
    match (h, m) {
        (24, 0) if may_end_day => Some(DAY_MIN),
        (0..=23, 0..=59) => Some(h * 60 + m),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn open(text: &str, at: &str) -> bool {
        OpeningHours::parse(text).unwrap().is_open_at(minute_of(at, false).unwrap())
    }

    #[test]
    fn reads_the_usual_forms() {
        assert!(open("09:00-21:00", "09:00") && open("09:00-21:00", "20:59"));
        assert!(!open("09:00-21:00", "21:00") && !open("09:00-21:00", "08:59"));
        assert!(open("9:00 - 21:00", "12:00"), "spaces around the dash, one-digit hour");
        assert!(open("10:00～22:00", "21:00") && open("10：00-22：00", "21:00"), "full-width forms");
        assert!(open("18:00-次日03:00", "02:00") && !open("18:00-次日03:00", "04:00"));
        assert!(open("08:00-24:00", "23:59") && !open("08:00-24:00", "00:00"));
        assert!(open("00:00-24:00", "00:00") && open("00:00-00:00", "13:00"), "all day");
        assert!(open("10:00-14:00; 17:00-22:00", "17:30") && !open("10:00-14:00; 17:00-22:00", "16:00"));
        for always in ["全天营业", "24小时", "24h"] {
            assert!(open(always, "03:00"), "{always}");
        }
    }

    #[test]
    fn past_midnight_is_open_on_both_sides() {
        let late = OpeningHours::parse("11:00-02:00").unwrap();
        for (at, expected) in [
            ("10:59", false),
            ("11:00", true),
            ("23:59", true),
            ("00:00", true),
            ("01:59", true),
            ("02:00", false),
        ] {
            assert_eq!(late.is_open_at(minute_of(at, false).unwrap()), expected, "{at}");
        }
    }

    #[test]
    fn other_text_is_not_guessed_at() {
        for text in [
            "",
            "   ",
            "周一至周五",
            "看心情",
            "25:00-26:00",
            "10:60-11:00",
            "24:00-10:00",
            "10:00",
            "10-22",
            "10:00-22:00 周末休息",
            "10:00-11:00,12:00-13:00,14:00-15:00,16:00-17:00,18:00-19:00",
            "１０:００-２２:００",
        ] {
            assert_eq!(OpeningHours::parse(text), None, "{text:?}");
        }
    }
}

// Property tests need proptest, which is not built for wasm32.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;

    proptest::proptest! {
        /// Any text: no panic; what is read answers like its ranges say.
        #[test]
        fn any_text_is_read_or_refused(text in "[0-9:：\\-~至到次日全天营业h ,，、;]{0,40}", minute in 0u16..1440) {
            if let Some(hours) = OpeningHours::parse(&text) {
                let ranges = &hours.ranges[..usize::from(hours.len)];
                proptest::prop_assert!(!ranges.is_empty() && ranges.iter().all(|&(s, e)| s < DAY_MIN && e <= DAY_MIN));
                let inside = ranges.iter().any(|&(s, e)| if s < e { s <= minute && minute < e } else { minute >= s || minute < e });
                proptest::prop_assert_eq!(hours.is_open_at(minute), inside);
            }
        }
    }
}
