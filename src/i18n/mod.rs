//! The console in the reseller's language.
//!
//! Every text comes from the catalog, `locales/en.json`, through a function of [`t`] that
//! `build.rs` writes for it (`t::nav::customers()`, `t::orders::placed(id, count)`): a missing
//! text or argument fails the build, and so does a translation that lacks a text, has one too
//! many, or takes other arguments. English is compiled in; another language's texts
//! (`locales/<tag>.json`, served as they are) are one fetch when it is chosen, read by position.
//! On a page that is not framed, index.html starts that fetch while the wasm downloads, choosing
//! by the rules below from `config.json`, the URL and storage (`tests/boot.rs` holds its choice
//! to [`choose`]'s), and [`load`] takes it when it chose the same language.
//! The pseudo-language [`PSEUDO`] (every text bracketed, accented and lengthened), for tests that
//! look for text that did not come from the catalog, is such a file too, made from English by
//! `partner-devtools`' `pseudo-locale` (the build checks it is up to date): the console ships
//! no code for it.
//!
//! Which language: the portal's (handed over with its token, or `?lang=` in the console's URL,
//! kept for the tab), else the one chosen with the header's switch (kept for the browser), else
//! `config.json`'s `languages.default`, else the first of the browser's languages the console
//! offers, else English. The choice is made once, before the console is drawn, so texts are
//! read without tracking; a switch draws the console again (the page and the drafts of its
//! forms stay).

// Shared with build.rs, which uses the checks the console does not.
#[allow(dead_code)]
mod message;

use std::cell::RefCell;

/// The catalog: a function per text, in modules by the key's dotted path, each documented with
/// its English text (a URL in one is a text, not a link).
#[allow(missing_docs, rustdoc::bare_urls)]
pub mod t {
    include!(concat!(env!("OUT_DIR"), "/texts.rs"));
}

/// The pseudo-language's tag (a private-use region of English, as Android and Windows use).
pub const PSEUDO: &str = message::PSEUDO;

/// A language's name in itself, for the switch (the same in every language).
pub fn endonym(tag: &str) -> &'static str {
    match tag {
        "en" => "English",
        "ja" => "日本語",
        "de" => "Deutsch",
        "fr" => "Français",
        "es" => "Español",
        "pt-BR" => "Português (Brasil)",
        PSEUDO => "[Ƥšéûðö]",
        _ => "?",
    }
}

struct Active {
    language: String,
    /// The chosen language's texts by position; `None` for English.
    texts: Option<&'static [String]>,
}

thread_local! {
    static ACTIVE: RefCell<Active> = const { RefCell::new(Active { language: String::new(), texts: None }) };
}

/// The language the console shows ("en" until one is chosen).
pub fn language() -> String {
    ACTIVE.with(|a| {
        let a = a.borrow();
        if a.language.is_empty() {
            "en".to_string()
        } else {
            a.language.clone()
        }
    })
}

/// The tag `Intl` formats with: the pseudo-language formats as English.
pub fn locale() -> String {
    match language().as_str() {
        PSEUDO => "en".to_string(),
        other => other.to_string(),
    }
}

/// The locales `Intl` formats with: the chosen language's.
#[cfg(target_arch = "wasm32")]
pub fn locales() -> js_sys::Array {
    js_sys::Array::of1(&locale().into())
}

/// Text `index` of the catalog in the chosen language; `english` is its English text.
pub fn text(index: usize, english: &'static str) -> &'static str {
    translated(index).unwrap_or(english)
}

/// Text `index` in the chosen language, or `None` when that is English.
fn translated(index: usize) -> Option<&'static str> {
    ACTIVE.with(|a| a.borrow().texts.and_then(|t| t.get(index)).map(String::as_str))
}

thread_local! {
    /// Counts the language switches: the shell is drawn again on each.
    static DRAWS: leptos::prelude::ArcRwSignal<u32> = leptos::prelude::ArcRwSignal::new(0);
}

/// Draws the console again (in the language just loaded).
pub fn redraw() {
    use leptos::prelude::Update;
    DRAWS.with(|d| d.update(|n| *n += 1));
}

/// Makes the running view draw again on [`redraw`].
pub fn track_redraws() {
    use leptos::prelude::Track;
    DRAWS.with(|d| d.track());
}

/// Chooses the language (see the module's docs) and loads it; English when its texts cannot
/// be read.
pub async fn start(config: &partner_model::config::ConsoleConfig, app_base: &str) {
    let offered = offered(&config.languages.offered, config.environment.eq_ignore_ascii_case("sandbox"));
    let (portal, remembered, browser) = (from_portal(), remembered(), browser_languages());
    let wishes = Wishes {
        portal: portal.as_deref(),
        remembered: remembered.as_deref(),
        default: config.languages.default.as_deref(),
        browser: &browser,
    };
    let language = choose(&wishes, &offered);
    if load(app_base, &language).await.is_err() {
        let _ = load(app_base, "en").await;
    }
}

/// A text the model crate writes in English (a status's label or meaning, a rule's
/// explanation, …), in the chosen language when the catalog has it under `model.`, else as it is.
pub fn model(english: &str) -> &str {
    model_index(english).and_then(translated).unwrap_or(english)
}

/// Whether the catalog has the model's English text `english`.
pub fn has_model_text(english: &str) -> bool {
    model_index(english).is_some()
}

/// The position of the model's English text `english` in the catalog. Found by its hash and
/// length, so that the model's texts stay where the code that shows them is (a page's own
/// chunk) rather than all being copied into the first load; `build.rs` refuses two texts of
/// one hash.
fn model_index(english: &str) -> Option<usize> {
    let hash = message::fnv32(english);
    let found = t::MODEL.binary_search_by(|(h, _, _)| h.cmp(&hash)).ok()?;
    t::MODEL
        .get(found)
        .filter(|(_, _, len)| usize::from(*len) == english.len())
        .map(|(_, index, _)| usize::from(*index))
}

/// A number given to a text: a quantity, a count, an amount.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Num(pub f64);

macro_rules! num_from {
    ($($t:ty),*) => {$(
        impl From<$t> for Num {
            fn from(n: $t) -> Num {
                Num(n as f64)
            }
        }
    )*};
}
num_from!(u8, u16, u32, u64, usize, i8, i16, i32, i64, isize, f32, f64);

/// An argument's value.
pub enum Value {
    Text(String),
    Number(f64),
}

/// Text `index` with its arguments, in the chosen language.
pub fn format(index: usize, english: &'static str, args: &[(&str, Value)]) -> String {
    let parts = message::parse(text(index, english)).or_else(|_| message::parse(english)).unwrap_or_default();
    let mut out = String::new();
    render(&parts, args, None, &mut out);
    out
}

fn render(parts: &[message::Part], args: &[(&str, Value)], hash: Option<f64>, out: &mut String) {
    use message::Part;
    let value = |name: &str| args.iter().find(|(n, _)| *n == name).map(|(_, v)| v);
    // Arguments are typed by the catalog's functions: a number is never given as text.
    let number_of = |name: &str| match value(name) {
        Some(Value::Number(n)) => *n,
        _ => 0.0,
    };
    for part in parts {
        match part {
            Part::Text(t) => out.push_str(t),
            Part::Arg(name) => match value(name) {
                Some(Value::Text(t)) => out.push_str(t),
                Some(Value::Number(n)) => out.push_str(&number(*n)),
                None => {}
            },
            Part::Number(name) => out.push_str(&number(number_of(name))),
            Part::Hash => out.push_str(&number(hash.unwrap_or_default())),
            Part::Plural { arg, branches } => {
                let n = number_of(arg);
                // `=N` selectors are whole numbers (parsed as such, which keeps float parsing out
                // of the module).
                let exact = branches.iter().find(|(s, _)| {
                    s.strip_prefix('=').and_then(|v| v.parse::<i64>().ok()).is_some_and(|v| v as f64 == n)
                });
                let category = plural_category(n);
                let branch = exact
                    .or_else(|| branches.iter().find(|(s, _)| *s == category))
                    .or_else(|| branches.iter().find(|(s, _)| s == "other"));
                if let Some((_, branch)) = branch {
                    render(branch, args, Some(n), out);
                }
            }
        }
    }
}

/// The `Intl` object `kind` names in the language shown, made by `make` the first time and kept
/// until the language changes: making one costs far more than using it (a list of 200
/// subscriptions made 400 date formats, one per date and one per date's tooltip). `None` when
/// `make` could not make it (a browser without that part of `Intl`), also kept.
#[cfg(target_arch = "wasm32")]
pub fn intl(
    kind: &str,
    make: impl FnOnce(&js_sys::Array) -> Option<wasm_bindgen::JsValue>,
) -> Option<wasm_bindgen::JsValue> {
    use wasm_bindgen::JsValue;
    /// The language they were made for, and each kind made (a handful: a list is enough).
    type Made = (String, Vec<(String, Option<JsValue>)>);
    thread_local! {
        static MADE: RefCell<Made> = const { RefCell::new((String::new(), Vec::new())) };
    }
    let locale = locale();
    MADE.with(|made| {
        let mut made = made.borrow_mut();
        if made.0 != locale {
            made.1.clear();
            made.0 = locale;
        }
        if let Some((_, kept)) = made.1.iter().find(|(k, _)| k == kind) {
            return kept.clone();
        }
        let fresh = make(&locales());
        made.1.push((kind.to_string(), fresh.clone()));
        fresh
    })
}

/// `value` written by the `Intl` formatter `kind` (its `format`, made by `make`).
#[cfg(target_arch = "wasm32")]
pub fn intl_format(
    kind: &str,
    make: impl FnOnce(&js_sys::Array) -> Option<js_sys::Function>,
    value: &wasm_bindgen::JsValue,
) -> Option<String> {
    use wasm_bindgen::JsCast;
    let format: js_sys::Function = intl(kind, |locales| make(locales).map(Into::into))?.dyn_into().ok()?;
    format.call1(&wasm_bindgen::JsValue::UNDEFINED, value).ok()?.as_string()
}

/// The number written the chosen language's way (`Intl.NumberFormat`).
pub fn number(n: f64) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        use js_sys::{Intl, Object};
        let make = |locales: &js_sys::Array| Some(Intl::NumberFormat::new(locales, &Object::new()).format());
        if let Some(text) = intl_format("number", make, &n.into()) {
            return text;
        }
    }
    // Without `Intl`: to two decimals at most.
    let text = crate::format::fixed(n, 2);
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// The CLDR plural category of `n` in the chosen language (`Intl.PluralRules`).
fn plural_category(n: f64) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        use js_sys::{Intl, Object};
        use wasm_bindgen::JsCast;
        let rules = intl("plural", |locales| Some(Intl::PluralRules::new(locales, &Object::new()).into()));
        if let Some(c) =
            rules.and_then(|r| r.dyn_into::<Intl::PluralRules>().ok()).and_then(|r| r.select(n).as_string())
        {
            return c;
        }
    }
    if n == 1.0 { "one" } else { "other" }.to_string()
}

/// The language the console offers that `tag` asks for: the same tag, or the same language
/// ("de-AT" asks for "de", "pt" and "pt-PT" for "pt-BR").
fn matching<'a>(tag: &str, offered: &'a [String]) -> Option<&'a String> {
    let primary = |t: &str| t.split('-').next().unwrap_or_default().to_ascii_lowercase();
    offered
        .iter()
        .find(|o| o.eq_ignore_ascii_case(tag))
        .or_else(|| offered.iter().find(|o| primary(o) == primary(tag) && !o.eq_ignore_ascii_case(PSEUDO)))
}

/// What a choice of language is made from, most decisive first.
#[derive(Default)]
pub struct Wishes<'a> {
    /// The portal's language (its message, or `?lang=` in the URL).
    pub portal: Option<&'a str>,
    /// The one chosen with the switch in this tab, or in this browser.
    pub remembered: Option<&'a str>,
    /// `config.json`'s `languages.default`.
    pub default: Option<&'a str>,
    /// The browser's languages (`navigator.languages`).
    pub browser: &'a [String],
}

/// The language to show: the first wish the console offers, else the first language offered.
pub fn choose(wishes: &Wishes, offered: &[String]) -> String {
    let first = [wishes.portal, wishes.remembered, wishes.default]
        .into_iter()
        .flatten()
        .chain(wishes.browser.iter().map(String::as_str))
        .find_map(|tag| matching(tag, offered));
    first.or_else(|| offered.first()).cloned().unwrap_or_else(|| "en".to_string())
}

/// The languages a switch lists: `configured` (config.json's `languages.offered`) or all the
/// console has, with the pseudo-language for a sandbox's tests (never listed, only asked for).
pub fn offered(configured: &[String], sandbox: bool) -> Vec<String> {
    let mut offered: Vec<String> =
        if configured.is_empty() { t::LANGUAGES.iter().map(|l| l.to_string()).collect() } else { configured.to_vec() };
    if sandbox {
        offered.push(PSEUDO.to_string());
    }
    offered
}

/// `config.json`'s `languages` against the languages the console has: the key and what is
/// wrong with the first tag it lacks.
pub fn check_config(languages: &partner_model::config::Languages) -> Result<(), (String, String)> {
    let has = |tag: &str| t::LANGUAGES.contains(&tag);
    let lacking = |tag: &str| format!("{tag:?} is not a language of the console ({}).", t::LANGUAGES.join(", "));
    if let Some((i, tag)) = languages.offered.iter().enumerate().find(|(_, tag)| !has(tag)) {
        return Err((format!("languages.offered[{i}]"), lacking(tag)));
    }
    match languages.default.as_deref() {
        Some(tag) if !has(tag) => Err(("languages.default".to_string(), lacking(tag))),
        _ => Ok(()),
    }
}

/// Makes `language` the one texts are shown in, reading its file from `app_base` first (English
/// has none). On failure the language stays as it was.
pub async fn load(app_base: &str, language: &str) -> Result<(), String> {
    let texts = if language == "en" {
        None
    } else {
        // index.html's read, when it is the catalog this build expects (a cache that kept an
        // older file does not serve it past its version: it is read again, with the version).
        let early = early_texts(language).await.and_then(|body| read_texts(&body).ok());
        let texts = match early {
            Some(texts) => texts,
            None => {
                let url = format!("{app_base}locales/{language}.json?v={}", t::VERSION);
                let response = gloo_net::http::Request::get(&url).send().await.map_err(|e| e.to_string())?;
                if !response.ok() {
                    return Err(format!("HTTP {}", response.status()));
                }
                read_texts(&response.text().await.map_err(|e| e.to_string())?)?
            }
        };
        Some(&*Box::leak(texts.into_boxed_slice()))
    };
    ACTIVE.with(|a| *a.borrow_mut() = Active { language: language.to_string(), texts });
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = root.set_attribute("lang", language);
    }
    Ok(())
}

/// A language file's texts by position, when it holds exactly the catalog's count.
fn read_texts(body: &str) -> Result<Vec<String>, String> {
    let message::Entries(entries) = serde_json::from_str(body).map_err(|e| e.to_string())?;
    let texts: Vec<String> = entries.into_iter().map(|(_, text)| text).collect();
    if texts.len() != t::COUNT {
        return Err(format!("{} texts where {} were expected", texts.len(), t::COUNT));
    }
    Ok(texts)
}

/// The texts of `language` as index.html read them while the wasm downloaded
/// (`__partnerEarlyLanguage`, a promise of `{language, body}`, by this module's rules for the
/// choice), taken once: `None` when it read none, or another language's. It is read without
/// the catalog's version (the gateway serves the file for revalidation, `no-cache`).
async fn early_texts(language: &str) -> Option<String> {
    use crate::api::transport::{early_field, take_early_global};
    let early = take_early_global("__partnerEarlyLanguage").await?;
    let field = |name: &str| early_field(&early, name).and_then(|v| v.as_string());
    (field("language")? == language).then(|| field("body")).flatten()
}

const KEY: &str = "partner-console.language";

/// The language kept for this tab (a portal's), else for this browser (the switch's).
pub fn remembered() -> Option<String> {
    let get = |s: Option<web_sys::Storage>| s.and_then(|s| s.get_item(KEY).ok().flatten());
    get(crate::api::transport::session()).or_else(|| get(crate::api::transport::local()))
}

/// Keeps `language` for this browser (chosen with the switch) and for this tab.
pub fn remember(language: &str) {
    for storage in [crate::api::transport::local(), crate::api::transport::session()].into_iter().flatten() {
        let _ = storage.set_item(KEY, language);
    }
}

/// The portal's language: its message's, else `?lang=` in the URL (kept for the tab, so a
/// reload after the console's own navigation keeps it).
pub fn from_portal() -> Option<String> {
    let from_url = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .and_then(|q| web_sys::UrlSearchParams::new_with_str(&q).ok())
        .and_then(|p| p.get("lang"))
        .filter(|l| !l.is_empty() && l.len() <= 35);
    if let (Some(tag), Some(session)) = (&from_url, crate::api::transport::session()) {
        let _ = session.set_item(KEY, tag);
    }
    crate::portal::language().or(from_url)
}

/// The browser's languages, most wanted first.
pub fn browser_languages() -> Vec<String> {
    web_sys::window()
        .map(|w| w.navigator().languages().iter().filter_map(|l| l.as_string()).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_portal_then_the_remembered_then_the_default_then_the_browser_decide() {
        let offered = tags(&["en", "ja", "de", "fr", "es", "pt-BR"]);
        let browser = tags(&["fr-CA", "en-US"]);
        let mut w = Wishes { portal: Some("ja-JP"), remembered: Some("de"), default: Some("es"), browser: &browser };
        assert_eq!(choose(&w, &offered), "ja");
        w.portal = None;
        assert_eq!(choose(&w, &offered), "de");
        w.remembered = Some("it");
        assert_eq!(choose(&w, &offered), "es", "a wish the console cannot meet is passed over");
        w.default = None;
        assert_eq!(choose(&w, &offered), "fr", "fr-CA asks for French");
        assert_eq!(choose(&Wishes { browser: &tags(&["pt-PT"]), ..Wishes::default() }, &offered), "pt-BR");
        assert_eq!(choose(&Wishes { browser: &tags(&["ko"]), ..Wishes::default() }, &tags(&["de", "en"])), "de");
    }

    #[test]
    fn the_pseudo_language_is_offered_in_a_sandbox_and_only_asked_for_by_name() {
        assert!(offered(&[], true).contains(&PSEUDO.to_string()));
        assert!(!offered(&[], false).contains(&PSEUDO.to_string()));
        assert_eq!(offered(&tags(&["de"]), false), ["de"]);
        let with_pseudo = offered(&[], true);
        assert_eq!(choose(&Wishes { browser: &tags(&["en-GB"]), ..Wishes::default() }, &with_pseudo), "en");
        assert_eq!(choose(&Wishes { portal: Some("en-XA"), ..Wishes::default() }, &with_pseudo), PSEUDO);
    }

    #[test]
    fn every_status_the_model_names_is_in_the_catalog() {
        use partner_model::catalog::status::*;
        let mut texts = vec![UNKNOWN_STATUS, NO_STATUS];
        texts.extend(RESOURCE_STATUSES.iter().map(|r| r.label));
        texts.extend(COMMITMENT_STATUSES.iter().chain(FLEX_DISCOUNT_STATUSES).map(|n| n.label));
        let missing: Vec<_> = texts.iter().flat_map(|l| [l.label, l.meaning]).filter(|t| !has_model_text(t)).collect();
        assert!(missing.is_empty(), "not in locales/en.json under model.: {missing:#?}");
        assert_eq!(model("Complete"), "Complete");
        assert_eq!(model("A text the model never wrote"), "A text the model never wrote");
    }

    #[test]
    fn every_field_label_of_the_model_is_in_the_catalog() {
        let missing: Vec<_> = partner_model::rules::registry::FIELD_RULES
            .iter()
            .map(|r| r.label)
            .filter(|l| !has_model_text(l))
            .collect();
        assert!(missing.is_empty(), "not in locales/en.json under model.: {missing:#?}");
    }

    #[test]
    fn every_reason_an_unsupported_country_has_is_in_the_catalog() {
        use partner_model::geo::{countries, unsupported};
        use partner_model::rules::validators::NOT_ACCEPTED;
        let mut reasons: Vec<&str> =
            countries().filter_map(|c| unsupported(c.code)).filter_map(|u| u.remediation).collect();
        assert!(reasons.len() > 5, "the data lists the doc's reasons");
        reasons.push(NOT_ACCEPTED);
        let missing: Vec<_> = reasons.into_iter().filter(|r| !has_model_text(r)).collect();
        assert!(missing.is_empty(), "not in locales/en.json under model.: {missing:#?}");
    }

    #[test]
    fn config_may_offer_only_the_consoles_languages() {
        use partner_model::config::Languages;
        let with = |offered: &[&str], default: Option<&str>| {
            check_config(&Languages { offered: tags(offered), default: default.map(str::to_string) })
        };
        assert_eq!(with(&[], None), Ok(()));
        assert_eq!(with(&["en", "pt-BR", "ja"], Some("ja")), Ok(()));
        let (key, why) = with(&["en", "it"], None).unwrap_err();
        assert_eq!(key, "languages.offered[1]");
        assert!(why.starts_with("\"it\" is not a language of the console (en, "), "{why}");
        assert_eq!(with(&[], Some("pt")).unwrap_err().0, "languages.default");
    }

    #[test]
    fn arguments_and_plurals_render() {
        let parts = message::parse("{count, plural, =0 {No order} one {# order} other {# orders}} for {name}").unwrap();
        let say = |n: f64| {
            let mut out = String::new();
            render(&parts, &[("count", Value::Number(n)), ("name", Value::Text("Fairmont".into()))], None, &mut out);
            out
        };
        assert_eq!(say(0.0), "No order for Fairmont");
        assert_eq!(say(1.0), "1 order for Fairmont");
        assert_eq!(say(12.0), "12 orders for Fairmont");
    }

    #[test]
    fn without_intl_numbers_have_two_decimals_at_most() {
        assert_eq!(
            [number(3.0), number(-2.5), number(0.125), number(-0.5), number(1234.567)],
            ["3", "-2.5", "0.13", "-0.5", "1234.57"]
        );
    }
}
