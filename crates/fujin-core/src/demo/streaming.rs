//! Writing the demo feed a merchant at a time, into a size-limited buffer,
//! without building the whole document.

use serde_json::Value;

use super::options::DemoOptions;
use super::records::{Merchants, head};

/// The document as serde sees it: the head, then merchants made as they are written.
pub(super) struct StreamedDoc<'a> {
    pub(super) options: &'a DemoOptions,
    /// Merchants handed to the serializer so far.
    pub(super) written: std::cell::Cell<usize>,
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
pub(super) struct SeqOf<I>(std::cell::RefCell<Option<I>>);

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
pub(super) struct Limited {
    pub(super) bytes: Vec<u8>,
    pub(super) max_bytes: usize,
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
