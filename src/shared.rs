//! Shared, immutable data that props and state compare by identity.

use std::fmt;
use std::ops::Deref;
use std::rc::Rc;

/// An `Rc` whose equality is identity: two `Shared` are equal when they
/// point at the same value. Props and state hold the catalog and the list's
/// rows this way, so that Yew's change checks never compare a city's worth
/// of merchants field by field.
pub struct Shared<T>(Rc<T>);

impl<T> Shared<T> {
    /// Shares `value`.
    pub fn new(value: T) -> Self {
        Self(Rc::new(value))
    }

    /// The address, for use as a memo key.
    pub fn key(&self) -> usize {
        Rc::as_ptr(&self.0) as *const () as usize
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Self(self.0.clone())
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> fmt::Debug for Shared<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Shared({:#x})", self.key())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equality_is_identity() {
        let a = Shared::new(vec![1, 2]);
        assert_eq!(a, a.clone());
        assert_ne!(a, Shared::new(vec![1, 2]), "same contents, another value");
        assert_eq!(a.len(), 2);
    }
}
