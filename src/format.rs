//! Numbers as the reseller's browser writes them, through `Intl` (js-sys): money with its
//! currency. Outside a browser (native unit tests) a plain form stands in.

/// `value` in `currency` ("1,234.50 US$", "¥1,235", "1.234,50 €": the browser's locale decides).
pub fn money(value: f64, currency: &str) -> String {
    browser_money(value, currency).unwrap_or_else(|| plain_money(value, currency))
}

/// The API's decimal (`serde_json::Number`) in `currency`; "—" when there is none.
pub fn money_of(value: Option<&serde_json::Number>, currency: &str) -> String {
    value.and_then(serde_json::Number::as_f64).map_or_else(|| "—".into(), |v| money(v, currency))
}

/// Two decimals (none for yen) and the currency code: what shows when `Intl` is not there.
pub fn plain_money(value: f64, currency: &str) -> String {
    format!("{} {currency}", fixed(value, if currency == "JPY" { 0 } else { 2 }))
}

/// `value` with `decimals` digits after the point (at most 4), a half rounded away from zero
/// as `Intl.NumberFormat` rounds it (Rust's `{:.N}` rounds it to even); `value` is scaled
/// before rounding, so a number a hair below a half can round up (99.995 to "100.00", where the
/// exact double says 99.99). Only for when `Intl` is missing. Through integers: float formatting would bring its code (11 KB of wasm) into
/// every page that shows a price or a number.
pub fn fixed(value: f64, decimals: u32) -> String {
    let decimals = decimals.min(4);
    let scale = 10i64.pow(decimals);
    let scaled = (value * scale as f64).round() as i64;
    let sign = if scaled < 0 { "-" } else { "" };
    let (whole, part) = (scaled.unsigned_abs() / scale as u64, scaled.unsigned_abs() % scale as u64);
    match decimals {
        0 => format!("{sign}{whole}"),
        d => format!("{sign}{whole}.{part:0width$}", width = d as usize),
    }
}

#[cfg(target_arch = "wasm32")]
fn browser_money(value: f64, currency: &str) -> Option<String> {
    use js_sys::{Intl, Object, Reflect};
    use wasm_bindgen::JsValue;
    // A currency code the browser does not know throws a RangeError: keep to ISO's shape.
    if currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    let make = |locales: &js_sys::Array| {
        let options = Object::new();
        Reflect::set(&options, &"style".into(), &"currency".into()).ok()?;
        Reflect::set(&options, &"currency".into(), &currency.into()).ok()?;
        Some(Intl::NumberFormat::new(locales, &options).format())
    };
    crate::i18n::intl_format(&format!("money {currency}"), make, &JsValue::from_f64(value))
}

#[cfg(not(target_arch = "wasm32"))]
fn browser_money(_: f64, _: &str) -> Option<String> {
    None
}

/// `text` with its first letter capitalized ("licenses" → "Licenses"), as the console's
/// language writes capitals.
pub fn sentence_case(text: &str) -> String {
    let first = text.chars().next().map_or(0, char::len_utf8);
    let (head, rest) = text.split_at(first);
    let mut out = upper(head);
    out.push_str(rest);
    out
}

/// `text` in lower case, for comparing names and searching them without regard to case.
pub fn lower(text: &str) -> String {
    if text.is_ascii() {
        text.to_ascii_lowercase()
    } else {
        unicode_case(text, false)
    }
}

/// `text` in upper case.
pub fn upper(text: &str) -> String {
    if text.is_ascii() {
        text.to_ascii_uppercase()
    } else {
        unicode_case(text, true)
    }
}

/// Text beyond ASCII changes case in the browser, by the console's language's rules
/// (`toLocaleLowerCase`/`toLocaleUpperCase`): the standard library's case tables would add
/// 13 KB of wasm to every page that sorts a list or capitalizes a word.
#[cfg(target_arch = "wasm32")]
fn unicode_case(text: &str, up: bool) -> String {
    let js = js_sys::JsString::from(text);
    let locale = crate::i18n::locale();
    let changed = if up { js.to_locale_upper_case(Some(&locale)) } else { js.to_locale_lower_case(Some(&locale)) };
    changed.as_string().unwrap_or_else(|| text.to_string())
}

#[cfg(not(target_arch = "wasm32"))]
fn unicode_case(text: &str, up: bool) -> String {
    if up {
        text.to_uppercase()
    } else {
        text.to_lowercase()
    }
}

/// A `preferredLanguage` locale as people read it, with its code: "Bulgarian (Bulgaria) ·
/// bg-BG". The browser names the language and country (`Intl.DisplayNames`); Adobe's own
/// regions are named here (XM: international, LA: Latin America), and a region neither knows
/// stays a code. Without `Intl`, the code alone.
pub fn language_name(locale: &str) -> String {
    let (language, region) = locale.split_once('-').unwrap_or((locale, ""));
    let tag = match region {
        // Scripts, not regions: the browser names the whole tag ("Simplified Chinese").
        "HANS" | "HANT" => return named(&display(locale, "language"), locale),
        _ => language,
    };
    let Some(language) = display(tag, "language") else { return locale.to_string() };
    let region = match region {
        "" => None,
        "XM" => Some(crate::i18n::t::format::international().to_string()),
        "LA" => Some(crate::i18n::t::format::latin_america().to_string()),
        // Codes Adobe uses for no country of that code (NA is Namibia's, SP nobody's).
        "NA" | "SP" => None,
        r => display(r, "region"),
    };
    match region {
        Some(r) => format!("{language} ({r}) · {locale}"),
        None => format!("{language} · {locale}"),
    }
}

/// A country as a page shows it: the browser's name for it in the language shown, with its code
/// ("Deutschland (DE)"); the code alone when the browser cannot name it. Pages that only show
/// an address (the hub, a reseller) carry no country table this way: only forms, which
/// validate a country, load it.
pub fn country_label(code: &str) -> String {
    match display(code, "region") {
        Some(name) if name != code => format!("{name} ({code})"),
        _ => code.to_string(),
    }
}

/// A country's name in the language shown ("Deutschland"), else `english` (the API's table).
pub fn country_name(code: &str, english: &str) -> String {
    display(code, "region").unwrap_or_else(|| english.to_string())
}

fn named(name: &Option<String>, locale: &str) -> String {
    name.as_ref().map_or_else(|| locale.to_string(), |n| format!("{n} · {locale}"))
}

/// `code` named by the browser in the language shown (`kind`: "language" or "region"), when it
/// can: one `Intl.DisplayNames` per language and kind, as a country list names about 250
/// countries at once.
#[cfg(target_arch = "wasm32")]
fn display(code: &str, kind: &'static str) -> Option<String> {
    use js_sys::{Function, Reflect};
    use wasm_bindgen::{JsCast, JsValue};
    let names = crate::i18n::intl(kind, |locales| display_names(locales, kind))?;
    let of = Reflect::get(&names, &"of".into()).ok()?.dyn_into::<Function>().ok()?;
    of.call1(&names, &JsValue::from_str(code)).ok()?.as_string()
}

/// The browser's `Intl.DisplayNames` for `kind` in `locales`; `None` when the browser has none.
#[cfg(target_arch = "wasm32")]
fn display_names(locales: &js_sys::Array, kind: &str) -> Option<wasm_bindgen::JsValue> {
    use js_sys::{Array, Function, Object, Reflect};
    use wasm_bindgen::JsCast;
    // Constructed through Reflect so that a browser without DisplayNames answers None, not a throw.
    let intl = Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
    let constructor = Reflect::get(&intl, &"DisplayNames".into()).ok()?.dyn_into::<Function>().ok()?;
    let options = Object::new();
    Reflect::set(&options, &"type".into(), &kind.into()).ok()?;
    Reflect::set(&options, &"fallback".into(), &"none".into()).ok()?;
    let args = Array::of2(locales, &options);
    Reflect::construct(&constructor, &args).ok()
}

#[cfg(not(target_arch = "wasm32"))]
fn display(_: &str, _: &'static str) -> Option<String> {
    None
}

/// How long is left, in words ("3 days", "less than an hour", "expired").
pub fn left_words(left: partner_model::time::Left) -> String {
    use crate::i18n::t;
    use partner_model::time::Left;
    match left {
        Left::Expired => t::time::expired().into(),
        Left::LessThanAnHour => t::time::less_than_an_hour().into(),
        Left::Hours(n) => t::time::hours(n),
        Left::Days(n) => t::time::days(n),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_money_has_the_currency_and_its_decimals() {
        assert_eq!(money(1234.5, "USD"), "1234.50 USD");
        assert_eq!(plain_money(1234.5, "JPY"), "1235 JPY", "a half away from zero, as Intl does");
        assert_eq!(money_of(None, "EUR"), "—");
    }

    #[test]
    fn case_changes_keep_the_rest_of_the_text() {
        assert_eq!(sentence_case("licenses for 3 years"), "Licenses for 3 years");
        assert_eq!(sentence_case("élan"), "Élan");
        assert_eq!(sentence_case(""), "");
        assert_eq!(lower("Müller GmbH"), "müller gmbh");
        assert_eq!(upper("65322651ca01a12"), "65322651CA01A12");
    }

    #[test]
    fn fixed_rounds_as_intl_does() {
        let cases = [
            (0.0, 2, "0.00"),
            (1234.5, 0, "1235"),
            (-1234.5, 0, "-1235"),
            (0.125, 2, "0.13"),
            (-0.004, 2, "0.00"),
            (-1.5, 2, "-1.50"),
            (0.1, 1, "0.1"),
            (7.0, 9, "7.0000"),
        ];
        for (value, decimals, expected) in cases {
            assert_eq!(fixed(value, decimals), expected, "{value} to {decimals}");
        }
    }
}
