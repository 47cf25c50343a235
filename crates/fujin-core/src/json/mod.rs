//! JSON read into a value that borrows its text ([`Json`]): what feeds,
//! stored orders and a payment verifier's answer are read into before
//! they are checked.

mod value;

pub use value::{Json, Object};
