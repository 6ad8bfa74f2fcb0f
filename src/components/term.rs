//! Words of the trade explained where they appear: a small "?" after the word that shows a
//! sentence on hover and on focus (a screen reader reads it as the button's description), and
//! that Escape hides again. The sentences are in one glossary, [`TERMS`].

use leptos::prelude::*;

/// A concept the console names, in the reseller's words.
pub struct Term {
    pub key: &'static str,
    /// The word as shown.
    pub word: &'static str,
    /// One or two sentences.
    pub explained: &'static str,
}

/// Every explained word.
pub static TERMS: &[Term] = &[
    Term {
        key: "3yc",
        word: "3-Year Commit",
        explained: "The customer commits to a minimum quantity for three years, and in return gets a better discount level and keeps its prices for the term. The customer accepts the commitment in the Adobe Admin Console.",
    },
    Term {
        key: "anniversary",
        word: "anniversary date",
        explained: "The day all the customer's subscriptions renew together (Adobe also calls it the coterm date). Licenses added during the year are charged only up to it.",
    },
    Term {
        key: "level",
        word: "discount level",
        explained: "Adobe's volume tier, set by how many licenses the customer has or has committed to: the higher the level, the lower the price. 01–04 are volume levels and 12–14 3-Year Commit levels for licenses; T1–T7 and TA–TG are the same for consumables.",
    },
    Term {
        key: "extended-term",
        word: "Extended Term",
        explained: "A first term longer than a year: you set the new customer's first anniversary date further away, and its subscriptions run until then.",
    },
    Term {
        key: "license",
        word: "licenses",
        explained: "Products bought per user for a year, such as Photoshop or Acrobat Pro.",
    },
    Term {
        key: "consumables",
        word: "consumables",
        explained: "Products bought by the unit rather than per user, such as Stock credits or Sign transactions.",
    },
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
            <button type="button" class="term-button" aria-label=format!("What “{}” means", t.word) aria-describedby=id.clone()
                on:keydown=move |ev| if ev.key() == "Escape" { hidden.set(true) }
                on:blur=move |_| hidden.set(false)>"?"</button>
            <span role="tooltip" id=id class="term-tip">{t.explained}</span>
        </span>
    })
}
