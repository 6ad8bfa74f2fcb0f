//! The console's texts: `locales/en.json` is the catalog, every other `locales/*.json` its
//! translation. This checks them and writes `texts.rs`, a function per text, so that a text the
//! code asks for and the arguments it gives are checked by the compiler:
//!
//! - every translation has exactly English's keys, in English's order (the console reads a
//!   translation's texts by position), and each text parses;
//! - each translated text takes the same arguments, of the same kind, as the English one;
//! - a plural's selectors are the language's CLDR categories or `=N`.
//!
//! `locales/en-XA.json`, the pseudo-language for tests, is made from English by
//! `partner-devtools`' `pseudo-locale`; this checks that it is up to date.
//!
//! Texts under `model.` are the model crate's English (status labels, …), which the console
//! translates by that text (`i18n::model`); their functions are not called, and a unit test
//! checks that every such text of the model is in the catalog.
//!
//! Any problem fails the build with the file, the key and what is wrong.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

#[path = "src/i18n/message.rs"]
#[allow(dead_code)]
mod message;

fn read(path: &Path) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let message::Entries(entries) = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    entries
}

const KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for", "if", "impl", "in",
    "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self", "static", "struct", "super", "trait",
    "true", "type", "unsafe", "use", "where", "while", "async", "await", "dyn", "box", "yield", "try",
];

/// `placed_for` → `PlacedFor`.
fn camel_case(segment: &str) -> String {
    segment
        .split('_')
        .map(|w| {
            let mut c = w.chars();
            c.next().map(|f| f.to_ascii_uppercase().to_string() + c.as_str()).unwrap_or_default()
        })
        .collect()
}

fn ident(segment: &str) -> String {
    if KEYWORDS.contains(&segment) {
        format!("r#{segment}")
    } else {
        segment.to_string()
    }
}

/// `text` as a doc comment's line, read as it is: the characters Markdown takes for inline
/// markup (an API message's `<code>`, a `[link]`, `*`, `~`) escaped; control and bidi
/// characters, which a comment may not hold or rustc refuses there, as spaces.
fn doc_text(text: &str) -> String {
    let mut doc = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            c if c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}') => doc.push(' '),
            '\\' | '`' | '*' | '_' | '~' | '[' | ']' | '<' | '>' | '&' | '#' | '|' => {
                doc.push('\\');
                doc.push(c);
            }
            c => doc.push(c),
        }
    }
    doc
}

/// A module of the generated tree: its functions' code and its sub-modules.
#[derive(Default)]
struct Module {
    functions: String,
    children: BTreeMap<String, Module>,
}

impl Module {
    fn write(&self, out: &mut String) {
        out.push_str(&self.functions);
        for (name, child) in &self.children {
            let _ = writeln!(out, "pub mod {} {{", ident(name));
            child.write(out);
            out.push_str("}\n");
        }
    }
}

fn main() {
    // The split release build (feature `split`) links the console with its relocations, which
    // scripts/split-linker needs to cut the module into chunks; only this crate's binary.
    if std::env::var_os("CARGO_FEATURE_SPLIT").is_some() {
        println!("cargo:rustc-link-arg-bins=--emit-relocs");
    }
    let dir = Path::new("locales");
    println!("cargo:rerun-if-changed=locales");
    println!("cargo:rerun-if-changed=src/i18n/message.rs");
    let english = read(&dir.join("en.json"));
    let mut problems = Vec::new();

    let mut root = Module::default();
    for (index, (key, text)) in english.iter().enumerate() {
        let segments: Vec<&str> = key.split('.').collect();
        if segments.len() < 2
            || !segments.iter().all(|s| {
                s.chars().next().is_some_and(|c| c.is_ascii_lowercase())
                    && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            })
        {
            problems.push(format!("en.json: {key}: a key is two or more dot-separated snake_case names"));
            continue;
        }
        let parts = match message::parse(text) {
            Ok(parts) => parts,
            Err(e) => {
                problems.push(format!("en.json: {key}: {e}"));
                continue;
            }
        };
        let args = message::arguments(&parts);
        let mut module = &mut root;
        for s in &segments[..segments.len() - 1] {
            module = module.children.entry(s.to_string()).or_default();
        }
        let name = ident(segments[segments.len() - 1]);
        let _ = writeln!(module.functions, "/// {}", doc_text(text));
        if args.is_empty() {
            let _ = writeln!(
                module.functions,
                "#[inline]\npub fn {name}() -> &'static str {{ crate::i18n::text({index}, {text:?}) }}"
            );
        } else {
            // Each argument's parameter, and its value as the renderer takes it.
            let (params, values): (Vec<String>, Vec<String>) = args
                .iter()
                .map(|(a, kind)| match kind {
                    message::Kind::Text => (
                        format!("{a}: impl ::core::fmt::Display"),
                        format!("({a:?}, crate::i18n::Value::Text({a}.to_string()))"),
                    ),
                    message::Kind::Number => (
                        format!("{a}: impl Into<crate::i18n::Num>"),
                        format!("({a:?}, crate::i18n::Value::Number({a}.into().0))"),
                    ),
                })
                .unzip();
            if args.len() == 1 {
                let _ = writeln!(
                    module.functions,
                    "pub fn {name}({}) -> String {{ crate::i18n::format({index}, {text:?}, &[{}]) }}",
                    params.join(", "),
                    values.join(", ")
                );
            } else {
                // Two or more: named, so that two arguments of one kind cannot be swapped.
                let camel = camel_case(segments[segments.len() - 1]);
                let generics: Vec<String> = (0..args.len()).map(|i| format!("A{i}")).collect();
                let fields: Vec<String> =
                    args.iter().zip(&generics).map(|((a, _), g)| format!("pub {a}: {g}")).collect();
                let bounds: Vec<String> = args
                    .iter()
                    .zip(&generics)
                    .map(|((_, kind), g)| match kind {
                        message::Kind::Text => format!("{g}: ::core::fmt::Display"),
                        message::Kind::Number => format!("{g}: Into<crate::i18n::Num>"),
                    })
                    .collect();
                let values: Vec<String> = args
                    .iter()
                    .zip(values)
                    .map(|((a, _), v)| {
                        v.replacen(&format!("Text({a}."), &format!("Text(self.{a}."), 1).replacen(
                            &format!("Number({a}."),
                            &format!("Number(self.{a}."),
                            1,
                        )
                    })
                    .collect();
                let _ = writeln!(
                    module.functions,
                    "pub struct {camel}<{g}> {{ {} }}\nimpl<{}> {camel}<{g}> {{ pub fn text(self) -> String {{ crate::i18n::format({index}, {text:?}, &[{}]) }} }}",
                    fields.join(", "),
                    bounds.join(", "),
                    values.join(", "),
                    g = generics.join(", "),
                );
            }
        }
    }

    // Texts the model crate writes in English (statuses, …): found by the hash and length of
    // that English text.
    let mut model: Vec<(u32, u16, u16)> = Vec::new();
    for (i, (key, text)) in english.iter().enumerate() {
        if !key.starts_with("model.") {
            continue;
        }
        match (u16::try_from(i), u16::try_from(text.len())) {
            (Ok(index), Ok(len)) => model.push((message::fnv32(text), index, len)),
            _ => problems.push(format!("en.json: {key}: too far down or too long for the model's table")),
        }
    }
    model.sort();
    if let Some(w) = model.windows(2).find(|w| w[0].0 == w[1].0) {
        let keys: Vec<&str> = w.iter().filter_map(|m| english.get(usize::from(m.1)).map(|(k, _)| k.as_str())).collect();
        problems
            .push(format!("en.json: {} share a hash (two model texts the same, or a collision)", keys.join(" and ")));
    }

    let mut languages = vec!["en".to_string()];
    let mut version: u64 = 0xcbf2_9ce4_8422_2325;
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("locales/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    for path in files {
        let language = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_string();
        for byte in std::fs::read(&path).unwrap_or_default() {
            version = (version ^ u64::from(byte)).wrapping_mul(0x100_0000_01b3);
        }
        if language == "en" {
            continue;
        }
        if language == message::PSEUDO {
            // Made from English, never edited by hand; not listed among the languages.
            if std::fs::read_to_string(&path).ok() != Some(message::pseudo_file(&english)) {
                problems.push(format!(
                    "{}.json is not the pseudo-language of en.json: run `cargo run -p partner-devtools --bin pseudo-locale`",
                    message::PSEUDO
                ));
            }
            continue;
        }
        problems.extend(message::check_translation(&language, &english, &read(&path)));
        languages.push(language);
    }
    if !dir.join(format!("{}.json", message::PSEUDO)).exists() {
        problems.push(format!(
            "{}.json is missing: run `cargo run -p partner-devtools --bin pseudo-locale`",
            message::PSEUDO
        ));
    }
    if !problems.is_empty() {
        panic!("the console's texts (locales/) have {} problem(s):\n{}", problems.len(), problems.join("\n"));
    }

    let mut out = String::new();
    let _ = writeln!(out, "/// The languages with a catalog file, English first.");
    let _ = writeln!(out, "pub const LANGUAGES: &[&str] = &{languages:?};");
    let _ = writeln!(out, "/// How many texts the catalog has.");
    let _ = writeln!(out, "pub const COUNT: usize = {};", english.len());
    let _ = writeln!(out, "/// Changes whenever a catalog file does: the translations' URLs carry it.");
    let _ = writeln!(out, "pub const VERSION: &str = \"{version:016x}\";");
    let _ = writeln!(out, "/// The model crate's English texts: (hash, position, length), sorted by hash.");
    let _ = writeln!(out, "pub static MODEL: &[(u32, u16, u16)] = &{model:?};");
    root.write(&mut out);
    let target = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("texts.rs");
    std::fs::write(&target, out).expect("write texts.rs");
}
