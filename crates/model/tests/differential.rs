//! Exactness, proved against the browser: for every field rule with a documented regular
//! expression, the Rust verdict equals Chromium's `RegExp` with the `u` flag on that expression
//! (plus the documented length limit), over a corpus of awkward strings.

#![cfg(target_arch = "wasm32")]

use partner_model::rules::{Check, Context, FIELD_RULES};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Single characters that sit on the edges of the rules' character classes.
const ATOMS: &[&str] = &[
    "", " ", "\u{3000}", "\u{a0}", "\t", "\n", "a", "Z", "é", "e\u{301}", "ß", "Ж", "ع", "א", "漢", "カ", "ｶ", "Ａ",
    "ǅ", "ʰ", "ª", "0", "9", "１", "٣", "५", "๓", "Ⅻ", "½", "²", "😀", "👍🏽", "𝒜", "𠀀", "\u{200b}", "\u{200f}",
    "\u{202e}", "\u{fe0f}", "-", "_", ",", ".", "＆", "&", "・", "·", "'", "’", "(", ")", "（", "）", "\"", "/", "\\",
    "<", ">", "+", "@", "#", "!", "%", "*", "=", "?", "^", "`", "{", "|", "}", "~", "[", "]", ":", ";", "$", "\u{7f}",
    "\u{1}",
];

/// Whole values: names, scripts, ids, emails, dates, markup.
const VALUES: &[&str] = &[
    "Fairmont",
    "Acme Corp",
    "株式会社テスト",
    "Ünïcödé GmbH",
    "<script>alert(1)</script>",
    "O'Brien",
    "\"Quoted\"",
    "Robert'); DROP TABLE",
    "שלום עולם",
    "مرحبا بالعالم",
    "١٢٣٤",
    "१२३४",
    "１２３４",
    "1234",
    "abcd-1234",
    "P1005-0001",
    "--------",
    "ＡＢＣＤ",
    "Ｆａｉｒｍｏｎｔ　株式会社",
    "Smith & Sons (EU)",
    "A/B Testing",
    "Jean-Luc",
    "Zoë",
    "李",
    "jane.doe@example.com",
    "a@b.co",
    "\"j d\"@example.com",
    "\"a\\\"b\"@example.com",
    "user@[192.168.0.1]",
    "user@[1.2.3.ab-1:x]",
    "user@[1.2.3.ab:x\\ y]",
    "user@[256.1.1.1]",
    "user@[1.2.3]",
    "a..b@example.com",
    ".a@example.com",
    "a.@example.com",
    "a@-b.com",
    "a@b-.com",
    "a@b",
    "jané@example.com",
    "a@exämple.com",
    "a@example.com ",
    " a@example.com",
    "a@example.com\n",
    "x@localhost",
    "x@sub.domain.co.uk",
    "x_y+z@ex-ample.org",
    "2024-02-29",
    "2024-13-01",
    "2024-00-10",
    "2024-01-32",
    "2024-1-1",
    "２０２４-01-01",
    "2024-01-01T00:00:00Z",
    "0000-01-01",
    "9999-12-31",
];

fn corpus() -> Vec<String> {
    let mut all: Vec<String> = VALUES.iter().map(|s| s.to_string()).collect();
    for atom in ATOMS {
        all.push(atom.to_string());
        all.push(format!("Ab{atom}cd"));
        all.push(format!("{atom}123"));
        all.push(format!("x{atom}@example.com"));
        all.push(format!("a@ex{atom}ample.com"));
    }
    for n in [1, 2, 3, 4, 5, 34, 35, 36, 39, 40, 41, 79, 80, 81, 239, 240, 241] {
        for unit in ["a", "漢", "😀", "1", " ", "-"] {
            all.push(unit.repeat(n));
        }
        if n > 12 {
            all.push(format!("{}@example.com", "a".repeat(n - 12)));
        }
    }
    all.sort();
    all.dedup();
    all
}

#[wasm_bindgen_test]
fn rust_rules_agree_with_the_browsers_regexp() {
    let corpus = corpus();
    assert!(corpus.len() >= 500, "corpus has {} strings", corpus.len());
    let ctx = Context::default();
    let mut compared = 0;
    let mut disagreements = Vec::new();
    for rule in FIELD_RULES {
        let Some(pattern) = rule.pattern else { continue };
        let re = js_sys::RegExp::new(pattern, "u");
        let max = rule.checks.iter().find_map(|c| match c {
            Check::MaxLength(n) => Some(*n),
            _ => None,
        });
        for s in &corpus {
            let browser = re.test(s) && max.is_none_or(|m| s.chars().count() <= m);
            let rust = rule.validate(s, &ctx).is_ok();
            compared += 1;
            if browser != rust {
                disagreements.push(format!("{}: {s:?} browser={browser} rust={rust}", rule.field));
            }
        }
    }
    assert!(compared > 4_000, "only {compared} comparisons");
    assert!(
        disagreements.is_empty(),
        "{} disagreements, first: {:#?}",
        disagreements.len(),
        &disagreements[..disagreements.len().min(20)]
    );
}
