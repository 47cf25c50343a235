//! JSON pointers (RFC 6901), built as records are walked.

/// Appends `token` to `base` as a JSON pointer segment, escaping `~` and `/`.
pub fn child(base: &str, token: impl AsRef<str>) -> String {
    let token = token.as_ref();
    let mut pointer = String::with_capacity(base.len() + 1 + token.len());
    pointer.push_str(base);
    pointer.push('/');
    for c in token.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            c => pointer.push(c),
        }
    }
    pointer
}

#[cfg(test)]
mod tests {
    use super::child;

    #[test]
    fn appends_an_escaped_segment() {
        assert_eq!(child("/merchants/3", "deals"), "/merchants/3/deals");
        assert_eq!(child("", "a/b~c"), "/a~1b~0c");
    }
}
