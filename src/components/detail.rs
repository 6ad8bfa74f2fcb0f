//! The detail layout: a page header with the record's title, status and actions, and sections
//! of facts as description lists.

use crate::i18n::t;
use leptos::prelude::*;

/// A section of facts (`<dl>`); rows with an empty value are left out.
#[component]
pub fn Facts(
    /// The section's heading.
    title: &'static str,
    /// `(term, value)` rows.
    rows: Vec<(&'static str, String)>,
    /// Rows drawn by a view of their own (a name read later), after `rows`.
    #[prop(optional)]
    also: Vec<(&'static str, AnyView)>,
) -> impl IntoView {
    let rows: Vec<_> = rows.into_iter().filter(|(_, v)| !v.trim().is_empty()).collect();
    let empty = rows.is_empty() && also.is_empty();
    view! {
        <section class="facts-section">
            <h2>{title}</h2>
            {if empty {
                view! { <p class="empty">{t::detail::nothing()}</p> }.into_any()
            } else {
                view! {
                    <dl class="facts">
                        {rows.into_iter().map(|(t, v)| view! { <dt>{t}</dt><dd translate="no">{v}</dd> }).collect_view()}
                        {also.into_iter().map(|(t, v)| view! { <dt>{t}</dt><dd translate="no">{v}</dd> }).collect_view()}
                    </dl>
                }
                .into_any()
            }}
        </section>
    }
}

/// A date or date-time from the API shown as its day, the month in words, as the reseller's
/// language writes dates (`2026-11-23T10:00:00Z` → "23 Nov 2026" or "Nov 23, 2026"), in UTC as
/// the API counts days. Text that is not a date shows as it came.
pub fn day(s: &str) -> String {
    let iso = s.get(..10).unwrap_or(s);
    partner_model::time::parse(iso).and_then(browser_day).unwrap_or_else(|| iso.to_string())
}

#[cfg(target_arch = "wasm32")]
fn browser_day(ms: u64) -> Option<String> {
    intl_date("day", ms, &[("dateStyle", "medium"), ("timeZone", "UTC")])
}

/// `ms` written by `Intl.DateTimeFormat` in the chosen language with `options` (the formatter
/// `kind`, made once per language).
#[cfg(target_arch = "wasm32")]
fn intl_date(kind: &str, ms: u64, options: &[(&str, &str)]) -> Option<String> {
    use js_sys::{Object, Reflect};
    let make = |locales: &js_sys::Array| {
        let o = Object::new();
        for (key, value) in options {
            Reflect::set(&o, &(*key).into(), &(*value).into()).ok()?;
        }
        Some(js_sys::Intl::DateTimeFormat::new(locales, &o).format())
    };
    crate::i18n::intl_format(kind, make, &wasm_bindgen::JsValue::from_f64(ms as f64))
}

#[cfg(not(target_arch = "wasm32"))]
fn browser_day(_: u64) -> Option<String> {
    None
}

/// A moment (ms since 1970) as the reseller's language writes a date and time, in UTC and
/// saying so ("Nov 24, 2026, 07:31 AM UTC", "24.11.2026, 07:31 UTC"); without `Intl`,
/// `2026-11-24 07:31 UTC`.
pub fn moment(ms: u64) -> String {
    browser_moment(ms).unwrap_or_else(|| partner_model::time::readable(ms))
}

/// An API date-time as [`moment`] writes it; a date alone as [`day`]; other text as it came.
pub fn moment_text(s: &str) -> String {
    match partner_model::time::parse(s) {
        Some(ms) if s.len() > 10 => moment(ms),
        Some(_) => day(s),
        None => s.to_string(),
    }
}

#[cfg(target_arch = "wasm32")]
fn browser_moment(ms: u64) -> Option<String> {
    intl_date(
        "moment",
        ms,
        &[
            ("year", "numeric"),
            ("month", "short"),
            ("day", "numeric"),
            ("hour", "2-digit"),
            ("minute", "2-digit"),
            ("timeZone", "UTC"),
            ("timeZoneName", "short"),
        ],
    )
}

#[cfg(not(target_arch = "wasm32"))]
fn browser_moment(_: u64) -> Option<String> {
    None
}

/// Now, in milliseconds since the Unix epoch (the browser's clock).
pub fn now() -> u64 {
    let ms = js_sys::Date::now();
    if ms.is_finite() && ms > 0.0 {
        ms as u64
    } else {
        0
    }
}

/// Today as `YYYY-MM-DD` (UTC), by [`now`].
pub fn today() -> String {
    partner_model::time::date(now())
}
