//! Status badges: a resource's four-digit status in words, with its colour family and (as a
//! tooltip and for screen readers) what it means for the reseller.

use leptos::prelude::*;
use partner_model::catalog::status::{status_label, ResourceKind, Tone};

/// The CSS class of a tone.
pub fn tone_class(tone: Tone) -> &'static str {
    match tone {
        Tone::Good => "badge good",
        Tone::Pending => "badge pending",
        Tone::Bad => "badge bad",
        Tone::Neutral => "badge neutral",
    }
}

/// A status code of `kind`, as a badge.
#[component]
pub fn StatusBadge(
    /// What the status belongs to (the same code reads differently per kind).
    kind: ResourceKind,
    /// The status code as the API sent it.
    code: String,
) -> impl IntoView {
    let label = status_label(kind, &code);
    let text = if label.label == partner_model::catalog::status::UNKNOWN_STATUS.label && !code.is_empty() {
        format!("Status {code}")
    } else {
        label.label.to_string()
    };
    view! { <span class=tone_class(label.tone) title=label.meaning>{text}</span> }
}

/// A status with its meaning spelled out, for detail pages.
#[component]
pub fn StatusExplained(
    /// What the status belongs to.
    kind: ResourceKind,
    /// The status code as the API sent it.
    code: String,
) -> impl IntoView {
    let label = status_label(kind, &code);
    view! {
        <span class="status-explained">
            <StatusBadge kind code=code.clone()/>
            " "
            <span class="meaning">{label.meaning}</span>
        </span>
    }
}
