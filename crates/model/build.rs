//! Writes `classes.rs`: the code point ranges of Unicode's general categories L (letters) and N
//! (numbers), taken from `unicode-properties` at build time. The documented field rules use
//! `\p{L}` and `\p{N}`; as a few hundred merged ranges they cost the browser about 6 KB, where
//! the crate's full category table (every category, 3,000 ranges) cost 37 KB of the first load.

use std::fmt::Write as _;
use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory};

/// The ranges (first, last) of the code points of `group`, merged.
fn ranges(group: GeneralCategoryGroup) -> Vec<(u32, u32)> {
    let mut out: Vec<(u32, u32)> = Vec::new();
    for c in (0..=0x10FFFF).filter_map(char::from_u32) {
        if c.general_category_group() != group {
            continue;
        }
        let cp = u32::from(c);
        match out.last_mut() {
            Some((_, last)) if *last + 1 == cp => *last = cp,
            _ => out.push((cp, cp)),
        }
    }
    out
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let mut code = String::new();
    for (name, group) in [("LETTERS", GeneralCategoryGroup::Letter), ("NUMBERS", GeneralCategoryGroup::Number)] {
        let list = ranges(group);
        let _ = writeln!(code, "/// The code point ranges (first, last) of general category group {group:?}, sorted.");
        let _ = writeln!(code, "pub(crate) static {name}: [(u32, u32); {}] = {list:?};", list.len());
    }
    let out = std::path::Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("classes.rs");
    std::fs::write(out, code).expect("write classes.rs");
}
