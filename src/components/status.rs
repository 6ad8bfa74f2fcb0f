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

/// A status code of `kind` in words, in the language shown ("Status 1234" for a code the docs
/// do not list).
pub fn words(kind: ResourceKind, code: &str) -> String {
    let label = status_label(kind, code);
    if label == partner_model::catalog::status::UNKNOWN_STATUS && !code.trim().is_empty() {
        crate::i18n::t::status::code(code.trim())
    } else {
        crate::i18n::model(label.label).to_string()
    }
}

/// What a status code of `kind` means for the reseller, in the language shown.
pub fn meaning(kind: ResourceKind, code: &str) -> &'static str {
    crate::i18n::model(status_label(kind, code).meaning)
}

/// A status code of `kind`, as a badge.
#[component]
pub fn StatusBadge(
    /// What the status belongs to (the same code reads differently per kind).
    kind: ResourceKind,
    /// The status code as the API sent it.
    code: String,
) -> impl IntoView {
    view! { <span class=tone_class(status_label(kind, &code).tone) title=meaning(kind, &code)>{words(kind, &code)}</span> }
}

/// A status with its meaning spelled out, for detail pages.
#[component]
pub fn StatusExplained(
    /// What the status belongs to.
    kind: ResourceKind,
    /// The status code as the API sent it.
    code: String,
) -> impl IntoView {
    view! {
        <span class="status-explained">
            <StatusBadge kind code=code.clone()/>
            " "
            <span class="meaning">{meaning(kind, &code)}</span>
        </span>
    }
}
