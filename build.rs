//! Build script of the browser app: the widget's stylesheet is compiled
//! into the wasm (`src/embed/shadow_mount.rs`), so it is shrunk here first:
//! comments dropped, every run of whitespace made one space, and the space
//! dropped around `{ } ;` and after `: ,`. Nothing else changes: whitespace
//! is insignificant there in CSS outside strings (a space *before* a colon
//! can be a descendant combinator, so it stays), and the stylesheet's only
//! string, a font name list, has neither colons nor braces.

use std::path::Path;

fn main() {
    println!("cargo::rerun-if-changed=static/fujin.css");
    let css = std::fs::read_to_string("static/fujin.css").expect("static/fujin.css is readable");
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(Path::new(&out_dir).join("fujin.min.css"), shrink(&css)).expect("OUT_DIR is writable");
}

/// `css` without comments, with each run of whitespace one space, and none
/// around `{ } ;` or after `: ,`.
fn shrink(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        out.push(' ');
        rest = rest[start + 2..].find("*/").map_or("", |end| &rest[start + 2 + end + 2..]);
    }
    out.push_str(rest);
    let mut css = out.split_whitespace().collect::<Vec<_>>().join(" ");
    for (spaced, tight) in [
        (" {", "{"),
        ("{ ", "{"),
        (" }", "}"),
        ("} ", "}"),
        ("; ", ";"),
        (" ;", ";"),
        (": ", ":"),
        (", ", ","),
    ] {
        css = css.replace(spaced, tight);
    }
    css
}
