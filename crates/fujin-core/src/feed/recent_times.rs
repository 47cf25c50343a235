//! The times read lately, so that a feed whose deals share their dates (a
//! campaign's start and end, as most feeds' deals do) parses each text
//! once. RFC 3339 through the `time` crate's parser costs more than all
//! the rest of a deal's numbers, for a text most deals repeat.

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// How many texts are remembered: a feed's few campaign dates.
const SLOTS: usize = 4;

/// The last few RFC 3339 texts that parsed, with their times.
pub(crate) struct RecentTimes {
    texts: [String; SLOTS],
    times: [OffsetDateTime; SLOTS],
    /// Slots in use.
    filled: usize,
    /// The slot the next new text goes to (the oldest, once all are used).
    next: usize,
}

impl Default for RecentTimes {
    fn default() -> Self {
        Self { texts: Default::default(), times: [OffsetDateTime::UNIX_EPOCH; SLOTS], filled: 0, next: 0 }
    }
}

impl RecentTimes {
    /// `text` as an RFC 3339 time: what `OffsetDateTime::parse` gives,
    /// from memory when the text was read lately.
    pub(crate) fn parse(&mut self, text: &str) -> Option<OffsetDateTime> {
        if let Some(i) = self.texts[..self.filled].iter().position(|t| t == text) {
            return Some(self.times[i]);
        }
        let time = OffsetDateTime::parse(text, &Rfc3339).ok()?;
        // The slot's own allocation is reused: a valid time is a short text.
        let slot = &mut self.texts[self.next];
        slot.clear();
        slot.push_str(text);
        self.times[self.next] = time;
        self.next = (self.next + 1) % SLOTS;
        self.filled = (self.filled + 1).min(SLOTS);
        Some(time)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whatever the order, repeats and failures, every answer is the parser's.
    #[test]
    fn answers_as_the_parser_does() {
        let texts = [
            "2026-01-01T00:00:00+08:00",
            "2027-12-31T23:59:59+08:00",
            "2026-01-01T00:00:00+08:00",
            "not a time",
            "2026-02-30T00:00:00Z",
            "2026-03-01T00:00:00Z",
            "2026-04-01T00:00:00Z",
            "2026-05-01T00:00:00Z",
            "2026-06-01T00:00:00.5-03:30",
            "2026-01-01T00:00:00+08:00",
            "2027-12-31T23:59:59+08:00",
            "2026-06-01T00:00:00.5-03:30",
            "not a time",
        ];
        let mut recent = RecentTimes::default();
        for _ in 0..3 {
            for text in texts {
                assert_eq!(recent.parse(text), OffsetDateTime::parse(text, &Rfc3339).ok(), "{text}");
            }
        }
    }
}
