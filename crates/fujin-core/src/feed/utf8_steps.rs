//! Bytes checked as UTF-8 a slice at a time: at the 256 MB a feed may have,
//! one check is a task of 100 ms or more, twice what a page may block.

/// A UTF-8 check of `bytes` in steps.
///
/// Every step checks the next run of bytes with `std::str::from_utf8`; a
/// run is cut short only where a character is cut by the end of the step's
/// budget, and that character is checked whole by the next step. So once
/// every byte is checked, the bytes are runs of whole UTF-8 text, one after
/// the other, which is UTF-8 text.
#[derive(Debug, Clone)]
pub(crate) struct Utf8Steps<'a> {
    bytes: &'a [u8],
    checked: usize,
}

impl<'a> Utf8Steps<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Self {
        Self { bytes, checked: 0 }
    }

    /// Bytes to check in all.
    pub(crate) fn len(&self) -> usize {
        self.bytes.len()
    }

    /// Bytes checked so far.
    pub(crate) fn checked(&self) -> usize {
        self.checked
    }

    /// Checks up to `budget` more bytes (at least 4, a character): the text
    /// once every byte is checked, `None` before; `Err` with the offset of
    /// the first byte that is not UTF-8 (as `Utf8Error::valid_up_to` of a
    /// whole check).
    pub(crate) fn step(&mut self, budget: usize) -> Result<Option<&'a str>, usize> {
        let end = self.checked.saturating_add(budget.max(4)).min(self.bytes.len());
        match std::str::from_utf8(&self.bytes[self.checked..end]) {
            Ok(_) => self.checked = end,
            // A character cut by the end of the budget: checked whole next step.
            Err(e) if e.error_len().is_none() && end < self.bytes.len() => self.checked += e.valid_up_to(),
            Err(e) => return Err(self.checked + e.valid_up_to()),
        }
        if self.checked < self.bytes.len() {
            return Ok(None);
        }
        // SAFETY: every byte is checked, in consecutive runs that are each
        // UTF-8 and end at a character's end (see the type's docs), and
        // whole UTF-8 texts joined are UTF-8. Checking again here would be
        // the one long task these steps exist to avoid.
        Ok(Some(unsafe { std::str::from_utf8_unchecked(self.bytes) }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Any bytes, any budget: the same answer as one check.
    #[test]
    fn steps_answer_as_one_check() {
        let text = "a附近b的团购 ".repeat(5);
        let mut cases: Vec<Vec<u8>> = vec![Vec::new(), text.clone().into_bytes()];
        for at in 0..text.len() {
            for bad in [0xff_u8, 0x80, 0xe9, b'x'] {
                let mut bytes = text.clone().into_bytes();
                bytes[at] = bad;
                cases.push(bytes);
            }
            cases.push(text.as_bytes()[..at].to_vec());
        }
        for bytes in &cases {
            let want = std::str::from_utf8(bytes).map_err(|e| e.valid_up_to());
            for budget in 1..=9 {
                let mut steps = Utf8Steps::new(bytes);
                let got = loop {
                    match steps.step(budget) {
                        Ok(None) => continue,
                        Ok(Some(text)) => break Ok(text),
                        Err(at) => break Err(at),
                    }
                };
                assert_eq!(got, want, "{bytes:?}, budget {budget}");
            }
        }
    }
}
