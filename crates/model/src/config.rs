//! The console's runtime configuration (`public/config.json`, fetched when the app starts):
//! where the proxy is, which accounts to act for, UI defaults and who may embed the console.
//! Parsing names the exact key that is missing or wrong, so a deployer can fix it at a glance.

use crate::ids::{validate_id, IdKind};
use serde::Serialize;
use serde_json::{Map, Value};
use std::fmt;

/// A checked runtime configuration.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConsoleConfig {
    /// What the header calls the environment ("Sandbox", "Production").
    pub environment: String,
    /// Base of the Commerce Partner API proxy: a path below the app's own base, or an absolute URL.
    pub vipmp_base: String,
    /// Base of the VMware Cloud Partner Navigator proxy, same form.
    pub cpn_base: String,
    /// The distributor new resellers are created under.
    pub distributor_id: String,
    /// The distributor's organization id in VMware Cloud Partner Navigator.
    pub cpn_org_id: String,
    /// ISO 4217 code new orders start with.
    pub default_currency: String,
    /// Rows per page in lists (1–100).
    pub page_size: u32,
    /// Origins of the portals allowed to embed the console and talk to it.
    pub allowed_parent_origins: Vec<String>,
    /// `https` origins service icons may be loaded from; an icon from anywhere else is shown
    /// as a neutral placeholder (its URL is chosen upstream, so it is not trusted).
    pub icon_origins: Vec<String>,
    /// Time limit of one attempt of a read, in seconds (default 10).
    pub read_timeout_secs: u32,
    /// Time limit of one attempt of a change (create, update, order…), in seconds (default 20).
    pub mutation_timeout_secs: u32,
    /// The languages the console offers and the one it starts in.
    pub languages: Languages,
}

/// `languages` in config.json: which of the console's languages it offers (all when absent)
/// and which it starts in (the browser's preferred one when absent). The console checks the
/// tags against the languages it has.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Languages {
    /// BCP 47 tags ("en", "pt-BR"); empty for every language the console has.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub offered: Vec<String>,
    /// The tag a reseller's first visit starts in, instead of the browser's languages.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
}

/// The documented default bases, page size, currency and time limits, without a distributor
/// or organization (requests that need one are refused by the field checks). Only a view
/// mounted outside the console's shell sees it; the shell always runs with a checked file.
impl Default for ConsoleConfig {
    fn default() -> Self {
        ConsoleConfig {
            environment: "Not configured".into(),
            vipmp_base: "/api/vipmp".into(),
            cpn_base: "/api/cpn".into(),
            distributor_id: String::new(),
            cpn_org_id: String::new(),
            default_currency: "USD".into(),
            page_size: 25,
            allowed_parent_origins: Vec::new(),
            icon_origins: Vec::new(),
            read_timeout_secs: 10,
            mutation_timeout_secs: 20,
            languages: Languages::default(),
        }
    }
}

/// A configuration problem, always tied to the key it concerns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    /// The key, as a dotted path (`apiBase.vipmp`), or `(file)` for the document as a whole.
    pub key: String,
    /// What is wrong and what is expected.
    pub problem: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.key, self.problem)
    }
}

impl std::error::Error for ConfigError {}

const TOP_KEYS: [&str; 10] = [
    "environment",
    "apiBase",
    "distributorId",
    "cpnOrgId",
    "defaultCurrency",
    "pageSize",
    "allowedParentOrigins",
    "iconOrigins",
    "timeouts",
    "languages",
];
const LANGUAGE_KEYS: [&str; 2] = ["offered", "default"];
const API_BASE_KEYS: [&str; 2] = ["vipmp", "cpn"];
const TIMEOUT_KEYS: [&str; 2] = ["readSeconds", "mutationSeconds"];

fn err(key: &str, problem: impl Into<String>) -> ConfigError {
    ConfigError { key: key.to_string(), problem: problem.into() }
}

/// Parses and checks a configuration document.
pub fn parse(text: &str) -> Result<ConsoleConfig, ConfigError> {
    let value: Value = serde_json::from_str(text).map_err(|e| err("(file)", format!("is not valid JSON ({e})")))?;
    let Value::Object(top) = value else {
        return Err(err("(file)", "must be a JSON object of settings"));
    };
    reject_unknown(&top, &TOP_KEYS, "")?;

    let environment = string(&top, "environment", "environment")?;
    if environment.chars().count() > 40 {
        return Err(err("environment", "must be at most 40 characters"));
    }

    let api = match top.get("apiBase") {
        Some(Value::Object(api)) => api,
        Some(other) => return Err(err("apiBase", format!("must be an object, found {}", kind(other)))),
        None => return Err(err("apiBase", "is missing (an object with `vipmp` and `cpn`)")),
    };
    reject_unknown(api, &API_BASE_KEYS, "apiBase.")?;
    let vipmp_base = base(api, "vipmp")?;
    let cpn_base = base(api, "cpn")?;

    let distributor_id = string(&top, "distributorId", "distributorId")?;
    validate_id(IdKind::Reseller, &distributor_id)
        .map_err(|e| err("distributorId", format!("is not a valid account id: {e}")))?;

    let cpn_org_id = string(&top, "cpnOrgId", "cpnOrgId")?;
    if cpn_org_id.is_empty()
        || cpn_org_id.len() > 64
        || !cpn_org_id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    {
        return Err(err("cpnOrgId", "must be 1 to 64 letters A-Z, digits and hyphens"));
    }

    let default_currency = string(&top, "defaultCurrency", "defaultCurrency")?;
    if default_currency.len() != 3 || !default_currency.chars().all(|c| c.is_ascii_uppercase()) {
        return Err(err(
            "defaultCurrency",
            format!("must be an ISO 4217 code of three capital letters, like USD (found {default_currency:?})"),
        ));
    }

    let page_size = match top.get("pageSize") {
        Some(Value::Number(n)) => match n.as_u64() {
            Some(v @ 1..=100) => v as u32,
            _ => return Err(err("pageSize", format!("must be a whole number from 1 to 100 (found {n})"))),
        },
        Some(other) => {
            return Err(err("pageSize", format!("must be a whole number from 1 to 100, found {}", kind(other))))
        }
        None => return Err(err("pageSize", "is missing (a whole number from 1 to 100)")),
    };

    let allowed_parent_origins = origins(&top, "allowedParentOrigins", false)?;
    let icon_origins = origins(&top, "iconOrigins", true)?;

    let (read_timeout_secs, mutation_timeout_secs) = match top.get("timeouts") {
        None => (10, 20),
        Some(Value::Object(t)) => {
            reject_unknown(t, &TIMEOUT_KEYS, "timeouts.")?;
            (seconds(t, "readSeconds", 10)?, seconds(t, "mutationSeconds", 20)?)
        }
        Some(other) => return Err(err("timeouts", format!("must be an object, found {}", kind(other)))),
    };

    let languages = match top.get("languages") {
        None => Languages::default(),
        Some(Value::Object(l)) => languages(l)?,
        Some(other) => return Err(err("languages", format!("must be an object, found {}", kind(other)))),
    };

    Ok(ConsoleConfig {
        environment,
        vipmp_base,
        cpn_base,
        distributor_id,
        cpn_org_id,
        default_currency,
        page_size,
        allowed_parent_origins,
        icon_origins,
        read_timeout_secs,
        mutation_timeout_secs,
        languages,
    })
}

/// `languages`: `offered`, a non-empty list of BCP 47 tags, and `default`, one of them.
fn languages(map: &Map<String, Value>) -> Result<Languages, ConfigError> {
    reject_unknown(map, &LANGUAGE_KEYS, "languages.")?;
    let tag = |key: &str, v: &Value| match v {
        Value::String(s)
            if (2..=35).contains(&s.len())
                && s.split('-').all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric())) =>
        {
            Ok(s.clone())
        }
        Value::String(s) => Err(err(key, format!("must be a language tag like \"en\" or \"pt-BR\" (found {s:?})"))),
        other => Err(err(key, format!("must be a language tag, found {}", kind(other)))),
    };
    let offered = match map.get("offered") {
        None => Vec::new(),
        Some(Value::Array(items)) if !items.is_empty() => items
            .iter()
            .enumerate()
            .map(|(i, v)| tag(&format!("languages.offered[{i}]"), v))
            .collect::<Result<Vec<_>, _>>()?,
        Some(Value::Array(_)) => return Err(err("languages.offered", "must name at least one language")),
        Some(other) => {
            return Err(err("languages.offered", format!("must be a list of language tags, found {}", kind(other))))
        }
    };
    let default = map.get("default").map(|v| tag("languages.default", v)).transpose()?;
    if let Some(d) = &default {
        if !offered.is_empty() && !offered.contains(d) {
            return Err(err("languages.default", format!("must be one of languages.offered (found {d:?})")));
        }
    }
    Ok(Languages { offered, default })
}

impl ConsoleConfig {
    /// `url` when an image may be loaded from it: an absolute `https` URL, without user
    /// information, whose origin is exactly one of [`ConsoleConfig::icon_origins`].
    pub fn icon_url<'a>(&self, url: &'a str) -> Option<&'a str> {
        let rest = url.strip_prefix("https://")?;
        let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let authority = &rest[..end];
        if authority.contains(['@', '\\']) || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return None;
        }
        let origin = format!("https://{}", authority.to_ascii_lowercase());
        self.icon_origins.contains(&origin).then_some(url)
    }
}

/// An optional list of origins at `name`; `https_only` refuses `http://` ones.
fn origins(top: &Map<String, Value>, name: &str, https_only: bool) -> Result<Vec<String>, ConfigError> {
    match top.get(name) {
        None => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let key = format!("{name}[{i}]");
                match item {
                    Value::String(s) if https_only && !s.starts_with("https://") => {
                        Err(err(&key, format!("must be an https:// origin (found {s:?})")))
                    }
                    Value::String(s) => origin(s).map_err(|p| err(&key, p)),
                    other => Err(err(&key, format!("must be a string, found {}", kind(other)))),
                }
            })
            .collect(),
        Some(other) => Err(err(name, format!("must be a list of origins, found {}", kind(other)))),
    }
}

/// An optional time limit in whole seconds, 1 to 120.
fn seconds(map: &Map<String, Value>, name: &str, default: u32) -> Result<u32, ConfigError> {
    let key = format!("timeouts.{name}");
    match map.get(name) {
        None => Ok(default),
        Some(Value::Number(n)) => match n.as_u64() {
            Some(v @ 1..=120) => Ok(v as u32),
            _ => Err(err(&key, format!("must be a whole number of seconds from 1 to 120 (found {n})"))),
        },
        Some(other) => {
            Err(err(&key, format!("must be a whole number of seconds from 1 to 120, found {}", kind(other))))
        }
    }
}

fn reject_unknown(map: &Map<String, Value>, known: &[&str], prefix: &str) -> Result<(), ConfigError> {
    match map.keys().find(|k| !known.contains(&k.as_str())) {
        Some(unknown) => Err(err(
            &format!("{prefix}{unknown}"),
            format!("is not a setting the console knows (known: {})", known.join(", ")),
        )),
        None => Ok(()),
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

fn string(map: &Map<String, Value>, name: &str, key: &str) -> Result<String, ConfigError> {
    match map.get(name) {
        Some(Value::String(s)) if !s.trim().is_empty() => Ok(s.trim().to_string()),
        Some(Value::String(_)) => Err(err(key, "must not be empty")),
        Some(other) => Err(err(key, format!("must be a string, found {}", kind(other)))),
        None => Err(err(key, "is missing")),
    }
}

/// A proxy base: `/path` (below the app's base) or an absolute `http(s)://` URL, no query.
fn base(api: &Map<String, Value>, name: &str) -> Result<String, ConfigError> {
    let key = format!("apiBase.{name}");
    let value = string(api, name, &key)?;
    let ok_chars = !value.chars().any(|c| c.is_whitespace() || matches!(c, '?' | '#' | '\\'));
    let absolute = value.starts_with("https://") || value.starts_with("http://");
    if !ok_chars || !(value.starts_with('/') || absolute) || value.starts_with("//") {
        return Err(err(
            &key,
            format!(
                "must be a path starting with / (below the console's own address) or an http(s):// URL, without spaces, ? or # (found {value:?})"
            ),
        ));
    }
    Ok(value.trim_end_matches('/').to_string())
}

/// An origin as browsers write it: scheme, host and optional port, nothing else.
fn origin(raw: &str) -> Result<String, String> {
    let problem = || {
        format!(
            "must be an origin like https://portal.example.com (scheme, host, optional port; no path) (found {raw:?})"
        )
    };
    let rest = raw.strip_prefix("https://").or_else(|| raw.strip_prefix("http://")).ok_or_else(problem)?;
    let (host, port) = match rest.rsplit_once(':') {
        Some((h, p)) => (h, Some(p)),
        None => (rest, None),
    };
    let host_ok = !host.is_empty()
        && host.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
        && !host.starts_with('.')
        && !host.ends_with('.');
    let port_ok = port.is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.parse::<u16>().is_ok());
    if host_ok && port_ok {
        Ok(raw.to_ascii_lowercase())
    } else {
        Err(problem())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"{
        "environment": "Sandbox",
        "apiBase": { "vipmp": "/api/vipmp", "cpn": "https://proxy.example.com/cpn/" },
        "distributorId": "D-1000",
        "cpnOrgId": "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
        "defaultCurrency": "USD",
        "pageSize": 25,
        "allowedParentOrigins": ["https://Portal.example.com", "http://127.0.0.1:8080"]
    }"#;

    fn with(edit: impl FnOnce(&mut Map<String, Value>)) -> String {
        let mut v: Value = serde_json::from_str(GOOD).expect("GOOD is JSON");
        edit(v.as_object_mut().expect("GOOD is an object"));
        v.to_string()
    }

    fn key_of(text: &str) -> String {
        parse(text).expect_err("must be rejected").key
    }

    #[test]
    fn good_config_parses_and_normalises() {
        let c = parse(GOOD).expect("good config");
        assert_eq!(c.vipmp_base, "/api/vipmp");
        assert_eq!(c.cpn_base, "https://proxy.example.com/cpn");
        assert_eq!(c.page_size, 25);
        assert_eq!(c.allowed_parent_origins, ["https://portal.example.com", "http://127.0.0.1:8080"]);
        assert_eq!((c.read_timeout_secs, c.mutation_timeout_secs), (10, 20), "defaults");
    }

    #[test]
    fn time_limits_are_optional_and_checked() {
        let c = parse(&with(|m| {
            m.insert("timeouts".into(), serde_json::json!({ "readSeconds": 5, "mutationSeconds": 60 }));
        }))
        .expect("timeouts");
        assert_eq!((c.read_timeout_secs, c.mutation_timeout_secs), (5, 60));
        for (bad, key) in [
            (serde_json::json!({ "readSeconds": 0 }), "timeouts.readSeconds"),
            (serde_json::json!({ "mutationSeconds": 121 }), "timeouts.mutationSeconds"),
            (serde_json::json!({ "readSeconds": "5" }), "timeouts.readSeconds"),
            (serde_json::json!({ "reads": 5 }), "timeouts.reads"),
            (serde_json::json!(5), "timeouts"),
        ] {
            assert_eq!(
                key_of(&with(|m| {
                    m.insert("timeouts".into(), bad.clone());
                })),
                key,
                "{bad}"
            );
        }
    }

    #[test]
    fn languages_are_optional_and_checked() {
        assert_eq!(parse(GOOD).expect("good").languages, Languages::default(), "all offered, the browser's first");
        let c = parse(&with(|m| {
            m.insert("languages".into(), serde_json::json!({ "offered": ["en", "pt-BR"], "default": "pt-BR" }));
        }))
        .expect("languages");
        assert_eq!(
            c.languages,
            Languages { offered: vec!["en".into(), "pt-BR".into()], default: Some("pt-BR".into()) }
        );
        for (bad, key) in [
            (serde_json::json!({ "offered": [] }), "languages.offered"),
            (serde_json::json!({ "offered": ["en", "pt_BR"] }), "languages.offered[1]"),
            (serde_json::json!({ "offered": "en" }), "languages.offered"),
            (serde_json::json!({ "offered": ["en"], "default": "de" }), "languages.default"),
            (serde_json::json!({ "default": 7 }), "languages.default"),
            (serde_json::json!({ "fallback": "en" }), "languages.fallback"),
            (serde_json::json!(["en"]), "languages"),
        ] {
            assert_eq!(
                key_of(&with(|m| {
                    m.insert("languages".into(), bad.clone());
                })),
                key,
                "{bad}"
            );
        }
    }

    #[test]
    fn icons_load_only_over_https_from_the_configured_origins() {
        let c = parse(&with(|m| {
            m.insert(
                "iconOrigins".into(),
                serde_json::json!(["https://icons.vmware.example", "https://cdn.example:8443"]),
            );
        }))
        .expect("icon origins");
        assert_eq!(c.icon_origins, ["https://icons.vmware.example", "https://cdn.example:8443"]);
        for good in [
            "https://icons.vmware.example/services/a.svg",
            "https://ICONS.vmware.example/a.png?v=2",
            "https://cdn.example:8443/x.svg",
        ] {
            assert_eq!(c.icon_url(good), Some(good), "{good}");
        }
        for bad in [
            "http://icons.vmware.example/a.svg",
            "https://icons.vmware.example.evil.example/a.svg",
            "https://icons.vmware.example@evil.example/a.svg",
            "https://evil.example/?u=https://icons.vmware.example/",
            "https://cdn.example/x.svg",
            "//icons.vmware.example/a.svg",
            "/a.svg",
            "javascript:alert(1)",
            "data:image/svg+xml,<svg/>",
            "https://icons.vmware.example/a b.svg",
            "",
        ] {
            assert_eq!(c.icon_url(bad), None, "{bad}");
        }
        assert_eq!(ConsoleConfig::default().icon_url("https://icons.vmware.example/a.svg"), None);
        assert_eq!(
            key_of(&with(|m| {
                m.insert("iconOrigins".into(), serde_json::json!(["http://icons.example"]));
            })),
            "iconOrigins[0]"
        );
        assert_eq!(
            key_of(&with(|m| {
                m.insert("iconOrigins".into(), serde_json::json!(["https://icons.example/path"]));
            })),
            "iconOrigins[0]"
        );
    }

    #[test]
    fn shipped_config_is_valid() {
        let shipped = include_str!("../../../public/config.json");
        parse(shipped).expect("public/config.json must parse");
    }

    #[test]
    fn allowed_parent_origins_may_be_absent() {
        let c = parse(&with(|m| {
            m.remove("allowedParentOrigins");
        }))
        .expect("optional");
        assert!(c.allowed_parent_origins.is_empty());
    }

    #[test]
    fn the_document_itself_is_checked() {
        assert_eq!(key_of(""), "(file)");
        assert_eq!(key_of("{ not json"), "(file)");
        assert_eq!(key_of("[1,2]"), "(file)");
        assert!(parse("<html>").expect_err("html").problem.contains("not valid JSON"));
    }

    #[test]
    fn every_required_key_is_named_when_missing() {
        for key in ["environment", "apiBase", "distributorId", "cpnOrgId", "defaultCurrency", "pageSize"] {
            let text = with(|m| {
                m.remove(key);
            });
            let e = parse(&text).expect_err(key);
            assert_eq!(e.key, key);
            assert!(e.problem.contains("missing"), "{e}");
        }
        for key in ["vipmp", "cpn"] {
            let text = with(|m| {
                m["apiBase"].as_object_mut().expect("object").remove(key);
            });
            assert_eq!(key_of(&text), format!("apiBase.{key}"));
        }
    }

    #[test]
    fn wrong_types_are_named() {
        let cases: [(&str, Value); 6] = [
            ("environment", Value::from(3)),
            ("apiBase", Value::from("/api")),
            ("pageSize", Value::from("25")),
            ("defaultCurrency", Value::Null),
            ("allowedParentOrigins", Value::from("https://a.example")),
            ("distributorId", Value::from(1000)),
        ];
        for (key, bad) in cases {
            let e = parse(&with(|m| {
                m.insert(key.into(), bad);
            }))
            .expect_err(key);
            assert_eq!(e.key, key);
        }
        let e = parse(&with(|m| {
            m.insert("allowedParentOrigins".into(), serde_json::json!(["https://a.example", 7]));
        }))
        .expect_err("number in list");
        assert_eq!(e.key, "allowedParentOrigins[1]");
    }

    #[test]
    fn bad_values_are_named() {
        let cases: [(&str, Value); 12] = [
            ("pageSize", Value::from(0)),
            ("pageSize", Value::from(101)),
            ("pageSize", Value::from(2.5)),
            ("pageSize", Value::from(-1)),
            ("defaultCurrency", Value::from("usd")),
            ("defaultCurrency", Value::from("EURO")),
            ("distributorId", Value::from("D/1")),
            ("cpnOrgId", Value::from("org id")),
            ("environment", Value::from("   ")),
            ("environment", Value::from("x".repeat(41))),
            ("allowedParentOrigins", serde_json::json!(["https://a.example/path"])),
            ("allowedParentOrigins", serde_json::json!(["*"])),
        ];
        for (key, bad) in cases {
            let text = with(|m| {
                m.insert(key.into(), bad.clone());
            });
            let e = parse(&text).expect_err(&format!("{key} = {bad}"));
            assert!(e.key.starts_with(key), "{key} = {bad}: {e}");
        }
        for bad in ["api/vipmp", "//evil.example/api", "/api vipmp", "/api?x=1", "ftp://x"] {
            let text = with(|m| {
                m["apiBase"]["vipmp"] = Value::from(bad);
            });
            assert_eq!(key_of(&text), "apiBase.vipmp", "{bad}");
        }
        for bad in ["https://", "https://a.example:", "https://a.example:99999", "https://a..b.", "javascript:alert(1)"]
        {
            let text = with(|m| {
                m["allowedParentOrigins"] = serde_json::json!([bad]);
            });
            assert_eq!(key_of(&text), "allowedParentOrigins[0]", "{bad}");
        }
    }

    #[test]
    fn unknown_keys_are_refused_so_typos_surface() {
        let e = parse(&with(|m| {
            m.insert("pagesize".into(), Value::from(10));
        }))
        .expect_err("typo");
        assert_eq!(e.key, "pagesize");
        assert!(e.problem.contains("pageSize"));
        let e = parse(&with(|m| {
            m["apiBase"]["vipmpp"] = Value::from("/x");
        }))
        .expect_err("typo");
        assert_eq!(e.key, "apiBase.vipmpp");
    }

    #[test]
    fn messages_read_as_sentences() {
        let e = parse(&with(|m| {
            m.remove("pageSize");
        }))
        .expect_err("missing");
        assert_eq!(e.to_string(), "pageSize: is missing (a whole number from 1 to 100)");
    }
}

/// The URL prefix for an API whose configured base is `configured` (as in [`ConsoleConfig`]),
/// for an app served at `app_base` (a path that ends with `/`): an absolute URL stays as it is,
/// a path is taken below the app's own base, so the console works under any sub-path.
pub fn resolve_api_base(app_base: &str, configured: &str) -> String {
    if configured.starts_with("https://") || configured.starts_with("http://") {
        return configured.trim_end_matches('/').to_string();
    }
    format!("{}/{}", app_base.trim_end_matches('/'), configured.trim_start_matches('/').trim_end_matches('/'))
}

#[cfg(test)]
mod resolve_tests {
    use super::resolve_api_base;

    #[test]
    fn paths_go_below_the_app_base_and_urls_stay() {
        assert_eq!(resolve_api_base("/", "/api/vipmp"), "/api/vipmp");
        assert_eq!(resolve_api_base("/partner/console/", "/api/vipmp"), "/partner/console/api/vipmp");
        assert_eq!(resolve_api_base("/partner/console/", "/api/cpn/"), "/partner/console/api/cpn");
        assert_eq!(
            resolve_api_base("/partner/console/", "https://proxy.example.com/vipmp/"),
            "https://proxy.example.com/vipmp"
        );
    }
}
