//! The detail layout: a page header with the record's title, status and actions, and sections
//! of facts as description lists.

use leptos::prelude::*;

/// A section of facts (`<dl>`); rows with an empty value are left out.
#[component]
pub fn Facts(
    /// The section's heading.
    title: &'static str,
    /// `(term, value)` rows.
    rows: Vec<(&'static str, String)>,
) -> impl IntoView {
    let rows: Vec<_> = rows.into_iter().filter(|(_, v)| !v.trim().is_empty()).collect();
    view! {
        <section class="facts-section">
            <h2>{title}</h2>
            {if rows.is_empty() {
                view! { <p class="empty">"Nothing recorded."</p> }.into_any()
            } else {
                view! {
                    <dl class="facts">
                        {rows.into_iter().map(|(t, v)| view! { <dt>{t}</dt><dd>{v}</dd> }).collect_view()}
                    </dl>
                }
                .into_any()
            }}
        </section>
    }
}

/// A date-time from the API shown as its date (`2026-11-23T10:00:00Z` → `2026-11-23`).
pub fn day(s: &str) -> String {
    s.get(..10).unwrap_or(s).to_string()
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
