//! A cheap pre-scan that refuses absurdly nested JSON before parsing it.
//!
//! `serde_json` has a recursion limit of its own, but its error reads like a
//! syntax error; this scan lets Fujin say plainly what is wrong.

/// The depth of the deepest `[`/`{` nesting in `json`, ignoring brackets
/// inside strings; stops counting once `limit` is passed.
pub fn max_depth(json: &str, limit: usize) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    let (mut in_string, mut escaped) = (false, false);
    for b in json.bytes() {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                deepest = deepest.max(depth);
                if deepest > limit {
                    break;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_depth_outside_strings() {
        assert_eq!(max_depth("{}", 99), 1);
        assert_eq!(max_depth(r#"{"a":[[1]],"b":"[[[[\"[[["}"#, 99), 3);
        assert_eq!(max_depth(&"[".repeat(100_000), 10), 11);
        assert_eq!(max_depth("", 10), 0);
    }
}
