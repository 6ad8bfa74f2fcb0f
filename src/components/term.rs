//! Words of the trade explained where they appear: a small "?" after the word that shows a
//! sentence on hover and on focus (a screen reader reads it as the button's description), and
//! that Escape hides again. The sentences are in one glossary, [`TERMS`].

use crate::i18n::t;
use leptos::prelude::*;

/// A concept the console names, in the reseller's words.
pub struct Term {
    pub key: &'static str,
    /// The word as shown.
    pub word: fn() -> &'static str,
    /// One or two sentences.
    pub explained: fn() -> &'static str,
}

/// Every explained word.
pub static TERMS: &[Term] = &[
    Term { key: "3yc", word: t::term::three_year_commit, explained: t::term::three_year_commit_explained },
    Term { key: "anniversary", word: t::term::anniversary, explained: t::term::anniversary_explained },
    Term { key: "level", word: t::term::level, explained: t::term::level_explained },
    Term { key: "extended-term", word: t::term::extended_term, explained: t::term::extended_term_explained },
    Term { key: "license", word: t::term::license, explained: t::term::license_explained },
    Term { key: "consumables", word: t::term::consumables, explained: t::term::consumables_explained },
];

/// The glossary's entry for `key`.
pub fn term(key: &str) -> Option<&'static Term> {
    TERMS.iter().find(|t| t.key == key)
}

/// A "?" that explains `key`'s word; nothing when the glossary lacks it.
#[component]
pub fn Explain(key: &'static str) -> impl IntoView {
    let t = term(key)?;
    static TIPS: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let id = format!("term-{key}-{}", TIPS.fetch_add(1, std::sync::atomic::Ordering::Relaxed));
    let hidden = RwSignal::new(false);
    Some(view! {
        <span class=move || if hidden.get() { "term hidden" } else { "term" } on:mouseleave=move |_| hidden.set(false)>
            <button type="button" class="term-button" aria-label=t::term::what_means((t.word)()) aria-describedby=id.clone()
                on:keydown=move |ev| if ev.key() == "Escape" { hidden.set(true) }
                on:blur=move |_| hidden.set(false)>"?"</button>
            <span role="tooltip" id=id class="term-tip">{(t.explained)()}</span>
        </span>
    })
}
