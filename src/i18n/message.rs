//! The catalog's message syntax, a small part of ICU MessageFormat: text, `{name}` for a text
//! argument, `{name, number}` for a number written the language's way, and
//! `{name, plural, =0 {…} one {…} other {…}}` whose branches may hold `#` (the number) and
//! further arguments. There is no escaping: a catalog text holds no other braces.
//!
//! Std and serde only: `build.rs` includes this file to check every language against English,
//! `partner-devtools`' `pseudo-locale` to write the pseudo-language's file, and the console
//! renders with it.

/// A piece of a parsed message.
#[derive(Debug, Clone, PartialEq)]
pub enum Part {
    Text(String),
    /// `{name}`: the argument as text.
    Arg(String),
    /// `{name, number}`: the argument as a number.
    Number(String),
    /// `{name, plural, …}`: the branch chosen by the number's plural category (or `=N`).
    Plural {
        arg: String,
        branches: Vec<(String, Vec<Part>)>,
    },
    /// `#` inside a plural branch: its number.
    Hash,
}

/// What an argument must be given as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Text,
    Number,
}

/// The message's parts, or what is wrong with it.
pub fn parse(text: &str) -> Result<Vec<Part>, String> {
    let chars: Vec<char> = text.chars().collect();
    let mut at = 0;
    let parts = parse_parts(&chars, &mut at, false)?;
    if at < chars.len() {
        return Err(format!("an unmatched '}}' at character {at}"));
    }
    Ok(parts)
}

fn parse_parts(chars: &[char], at: &mut usize, in_plural: bool) -> Result<Vec<Part>, String> {
    let mut parts = Vec::new();
    let mut text = String::new();
    while let Some(&c) = chars.get(*at) {
        match c {
            '}' => break,
            '#' if in_plural => {
                if !text.is_empty() {
                    parts.push(Part::Text(std::mem::take(&mut text)));
                }
                parts.push(Part::Hash);
                *at += 1;
            }
            '{' => {
                if !text.is_empty() {
                    parts.push(Part::Text(std::mem::take(&mut text)));
                }
                *at += 1;
                parts.push(parse_argument(chars, at)?);
            }
            _ => {
                text.push(c);
                *at += 1;
            }
        }
    }
    if !text.is_empty() {
        parts.push(Part::Text(text));
    }
    Ok(parts)
}

fn word(chars: &[char], at: &mut usize) -> String {
    while chars.get(*at).is_some_and(|c| c.is_ascii_whitespace()) {
        *at += 1;
    }
    let mut w = String::new();
    while let Some(&c) = chars.get(*at) {
        if c.is_ascii_alphanumeric() || c == '_' || c == '=' {
            w.push(c);
            *at += 1;
        } else {
            break;
        }
    }
    while chars.get(*at).is_some_and(|c| c.is_ascii_whitespace()) {
        *at += 1;
    }
    w
}

fn expect(chars: &[char], at: &mut usize, wanted: char) -> Result<(), String> {
    if chars.get(*at) == Some(&wanted) {
        *at += 1;
        Ok(())
    } else {
        Err(format!("'{wanted}' expected at character {at}"))
    }
}

fn parse_argument(chars: &[char], at: &mut usize) -> Result<Part, String> {
    let name = word(chars, at);
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') {
        return Err(format!("an argument's name must be lower-case letters, digits and _ (at character {at})"));
    }
    if chars.get(*at) == Some(&'}') {
        *at += 1;
        return Ok(Part::Arg(name));
    }
    expect(chars, at, ',')?;
    match word(chars, at).as_str() {
        "number" => {
            expect(chars, at, '}')?;
            Ok(Part::Number(name))
        }
        "plural" => {
            expect(chars, at, ',')?;
            let mut branches = Vec::new();
            loop {
                let selector = word(chars, at);
                if selector.is_empty() {
                    break;
                }
                expect(chars, at, '{')?;
                let branch = parse_parts(chars, at, true)?;
                expect(chars, at, '}')?;
                branches.push((selector, branch));
            }
            expect(chars, at, '}')?;
            if !branches.iter().any(|(s, _)| s == "other") {
                return Err(format!("the plural of {name} has no 'other' branch"));
            }
            Ok(Part::Plural { arg: name, branches })
        }
        other => Err(format!("'{other}' is not an argument type (number or plural) for {name}")),
    }
}

/// Every argument the message uses, with how it is used, sorted by name.
pub fn arguments(parts: &[Part]) -> Vec<(String, Kind)> {
    fn walk(parts: &[Part], out: &mut Vec<(String, Kind)>) {
        for part in parts {
            match part {
                Part::Arg(a) => out.push((a.clone(), Kind::Text)),
                Part::Number(a) => out.push((a.clone(), Kind::Number)),
                Part::Plural { arg, branches } => {
                    out.push((arg.clone(), Kind::Number));
                    for (_, b) in branches {
                        walk(b, out);
                    }
                }
                Part::Text(_) | Part::Hash => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(parts, &mut out);
    out.sort();
    out.dedup();
    out
}

/// The plural categories CLDR gives a language's cardinal numbers (the ones a translation may
/// use as selectors besides `=N`).
pub fn plural_categories(language: &str) -> &'static [&'static str] {
    match language.split('-').next().unwrap_or_default() {
        "ja" | "zh" | "ko" => &["other"],
        "fr" | "pt" | "es" | "it" => &["one", "many", "other"],
        _ => &["one", "other"],
    }
}

/// A catalog file's entries, in the file's order.
pub struct Entries(pub Vec<(String, String)>);

impl<'de> serde::Deserialize<'de> for Entries {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Entries;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object of text keys and texts")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Entries, A::Error> {
                let mut out = Vec::new();
                while let Some(entry) = map.next_entry::<String, String>()? {
                    out.push(entry);
                }
                Ok(Entries(out))
            }
        }
        d.deserialize_map(V)
    }
}

/// The pseudo-language's tag (a private-use region of English, as Android and Windows use).
pub const PSEUDO: &str = "en-XA";

/// The pseudo-language's catalog file, `locales/en-XA.json`, made from English's entries and
/// written as the other files are: one text a line, two spaces in.
pub fn pseudo_file(english: &[(String, String)]) -> String {
    fn quoted(text: &str, out: &mut String) {
        out.push('"');
        for c in text.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
                c => out.push(c),
            }
        }
        out.push('"');
    }
    let mut out = String::from("{\n");
    for (i, (key, text)) in english.iter().enumerate() {
        out.push_str("  ");
        quoted(key, &mut out);
        out.push_str(": ");
        quoted(&pseudo(text), &mut out);
        out.push_str(if i + 1 < english.len() { ",\n" } else { "\n" });
    }
    out.push_str("}\n");
    out
}

/// The pseudo-language: every letter of the text accented, the whole bracketed and lengthened
/// by about a third, arguments and plural selectors left as they are — so a text the console
/// shows unbracketed did not come from the catalog, and layouts meet longer words.
pub fn pseudo(text: &str) -> String {
    fn accent(c: char) -> char {
        const FROM: &str = "aceinorsuyACEINORSUYlLgGkKtT";
        const TO: &str = "àçéîñöŕšûýÀÇÉÎÑÖŔŠÛÝļĻĝĜķĶţŢ";
        FROM.chars().position(|f| f == c).and_then(|i| TO.chars().nth(i)).unwrap_or(c)
    }
    fn render(parts: &[Part], out: &mut String) {
        for part in parts {
            match part {
                Part::Text(t) => out.extend(t.chars().map(accent)),
                Part::Arg(a) => out.push_str(&format!("{{{a}}}")),
                Part::Number(a) => out.push_str(&format!("{{{a}, number}}")),
                Part::Hash => out.push('#'),
                Part::Plural { arg, branches } => {
                    out.push_str(&format!("{{{arg}, plural,"));
                    for (selector, branch) in branches {
                        out.push_str(&format!(" {selector} {{"));
                        render(branch, out);
                        out.push('}');
                    }
                    out.push('}');
                }
            }
        }
    }
    let Ok(parts) = parse(text) else { return text.to_string() };
    let mut out = String::from("[");
    render(&parts, &mut out);
    let letters = text.chars().filter(|c| c.is_ascii_alphabetic()).count();
    out.push(' ');
    // The lengthening in short words, so that it wraps as a translation's words do.
    for i in 0..letters.div_ceil(3).max(1) {
        if i > 0 && i % 5 == 0 {
            out.push(' ');
        }
        out.push('~');
    }
    out.push(']');
    out
}

/// The 32-bit FNV-1a hash of `text`: how the console finds a model text in the catalog.
pub fn fnv32(text: &str) -> u32 {
    text.bytes().fold(0x811c_9dc5, |h: u32, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193))
}

/// What is wrong with `translated`, the texts of `language`, against `english`: keys missing,
/// extra or out of English's order, texts that do not parse, other arguments than English's
/// text takes, plural selectors the language does not have.
pub fn check_translation(language: &str, english: &[(String, String)], translated: &[(String, String)]) -> Vec<String> {
    fn selectors(parts: &[Part], out: &mut Vec<String>) {
        for p in parts {
            if let Part::Plural { branches, .. } = p {
                for (s, b) in branches {
                    out.push(s.clone());
                    selectors(b, out);
                }
            }
        }
    }
    let file = format!("{language}.json");
    let mut problems = Vec::new();
    if translated.len() != english.len() {
        problems.push(format!("{file}: {} texts, English has {}", translated.len(), english.len()));
    }
    let categories = plural_categories(language);
    for (i, ((key, text), (en_key, en_text))) in translated.iter().zip(english).enumerate() {
        if key != en_key {
            problems.push(format!("{file}: text {} is {key}, English has {en_key} there", i + 1));
            break;
        }
        let parts = match parse(text) {
            Ok(parts) => parts,
            Err(e) => {
                problems.push(format!("{file}: {key}: {e}"));
                continue;
            }
        };
        let (args, en_args) = (arguments(&parts), parse(en_text).map(|p| arguments(&p)).unwrap_or_default());
        if args != en_args {
            problems.push(format!("{file}: {key}: takes {args:?}, English takes {en_args:?}"));
        }
        let mut used = Vec::new();
        selectors(&parts, &mut used);
        for s in used {
            if !s.starts_with('=') && !categories.contains(&s.as_str()) {
                problems.push(format!("{file}: {key}: '{s}' is not a plural category of {language} ({categories:?})"));
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_numbers_and_plurals_parse() {
        let parts = parse("Order {id}: {count, plural, =0 {no lines} one {# line} other {# lines of {total, number}}}")
            .expect("parses");
        assert_eq!(
            arguments(&parts),
            vec![("count".into(), Kind::Number), ("id".into(), Kind::Text), ("total".into(), Kind::Number)]
        );
        assert_eq!(parts[0], Part::Text("Order ".into()));
        let Part::Plural { branches, .. } = &parts[3] else { panic!("a plural: {parts:?}") };
        assert_eq!(branches.iter().map(|(s, _)| s.as_str()).collect::<Vec<_>>(), ["=0", "one", "other"]);
    }

    #[test]
    fn broken_messages_say_what_is_wrong() {
        assert!(parse("Open {id").unwrap_err().contains("expected"));
        assert!(parse("Closed }").unwrap_err().contains("unmatched"));
        assert!(parse("{n, plural, one {# line}}").unwrap_err().contains("'other'"));
        assert!(parse("{n, date}").unwrap_err().contains("not an argument type"));
        assert!(parse("{Name}").unwrap_err().contains("lower-case"));
    }

    fn entries(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn a_translation_must_have_english_texts_and_arguments() {
        let en =
            entries(&[("a.title", "Orders"), ("a.count", "{n, plural, one {# order} other {# orders}} of {name}")]);
        assert!(check_translation(
            "de",
            &en,
            &entries(&[
                ("a.title", "Bestellungen"),
                ("a.count", "{n, plural, one {# Bestellung} other {# Bestellungen}} von {name}")
            ])
        )
        .is_empty());
        let said = |lang: &str, tr: &[(&str, &str)]| check_translation(lang, &en, &entries(tr)).join("\n");
        assert!(said("de", &[("a.title", "Bestellungen")]).contains("1 texts, English has 2"));
        assert!(said("de", &[("a.count", "x"), ("a.title", "y")]).contains("text 1 is a.count, English has a.title"));
        assert!(
            said("de", &[("a.title", "Bestellungen"), ("a.count", "{n, number} Bestellungen")])
                .contains("English takes"),
            "the name is missing"
        );
        assert!(said("de", &[("a.title", "Bestellungen {x}"), ("a.count", "{n, plural, other {#}} {name}")])
            .contains("a.title: takes"));
        assert!(said("ja", &[("a.title", "注文"), ("a.count", "{n, plural, one {#} other {# 件}} {name}")])
            .contains("'one' is not a plural category of ja"));
        assert!(said(
            "fr",
            &[("a.title", "Commandes {"), ("a.count", "{n, plural, one {#} many {#} other {#}} {name}")]
        )
        .contains("a.title: "));
    }

    #[test]
    fn the_pseudo_language_brackets_accents_and_keeps_arguments() {
        assert_eq!(pseudo("Resellers"), "[Ŕéšéļļéŕš ~~~]");
        // The published FNV-1a test vectors.
        assert_eq!((fnv32(""), fnv32("a"), fnv32("foobar")), (0x811c_9dc5, 0xe40c_292c, 0xbf9c_f968));
        let p = pseudo("{count, plural, one {# order} other {# orders}} for {name}");
        assert!(p.starts_with("[{count, plural, one {# öŕdéŕ} other {# öŕdéŕš}} föŕ {name} "), "{p}");
        assert_eq!(
            arguments(&parse(&p).expect("the pseudo text parses")),
            arguments(&parse("{count, number} {name}").unwrap())
        );
    }
}
