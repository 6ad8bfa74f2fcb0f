//! The offer picker of "Place an order": a line's offer id field that is also a search. Typing
//! part of a product's name (or family, or offer id) lists what the customer can buy — this
//! month's standard price list for its market segment, in the order's currency and that
//! currency's region — each with its kind (licenses or consumables) and the yearly unit price
//! at the level the customer has today. Choosing one puts its offer id in the field, so a typed
//! id, a draft and the API's refusals of the field all work as before.
//!
//! Keyboard (the ARIA combobox pattern with a list popup): ↓/↑ move through the list, Enter
//! chooses, Escape closes it; the list never takes the focus.

use crate::catalog;
use crate::components::form::FieldParts;
use crate::format::money;
use crate::i18n::t;
use crate::resources::runtime;
use leptos::ev::KeyboardEvent;
use leptos::prelude::*;
use partner_model::types::{Customer, PriceListOffer};

/// The most results listed at once: enough to choose from, few enough to read.
pub const SHOWN: usize = 8;

/// One product the picker offers, at the level the customer has.
#[derive(Clone, Debug, PartialEq)]
pub struct Pick {
    pub name: String,
    pub offer_id: String,
    /// The level's quantities, as the price list writes them ("Level 2 10 - 49").
    pub level: String,
    /// The yearly unit price at that level, with its currency.
    pub price: String,
    pub consumable: bool,
    /// The name in lower case, for matching.
    key: String,
}

/// One pick per product of a price list: the offer at `levels` (the customer's level for
/// licenses, then for consumables) when the list has it, else at the product's first level.
pub fn picks(offers: &[PriceListOffer], levels: (&str, &str), currency: &str) -> Vec<Pick> {
    let mut out: Vec<Pick> = Vec::new();
    for o in offers {
        let product = catalog::product_of(&o.offer_id);
        let consumable = crate::resources::customers::hub::is_consumables(&o.offer_id);
        let wanted = if consumable { levels.1 } else { levels.0 };
        let at_level = o.offer_id.get(10..12) == Some(wanted);
        let pick = || Pick {
            name: o.product_family.clone(),
            offer_id: o.offer_id.clone(),
            level: o.level_details.clone(),
            price: o.partner_price.parse::<f64>().map_or_else(|_| o.partner_price.clone(), |p| money(p, currency)),
            consumable,
            key: crate::format::lower(&o.product_family),
        };
        match out.iter_mut().find(|p| catalog::product_of(&p.offer_id) == product) {
            Some(existing) if at_level => *existing = pick(),
            Some(_) => {}
            None => out.push(pick()),
        }
    }
    out
}

/// Whether `typed` is words typed in the picker and not chosen: not an offer id the API could
/// know (an offer id is digits and capital letters).
pub fn not_an_offer_id(typed: &str) -> bool {
    !typed.is_empty() && !typed.bytes().all(|b| b.is_ascii_digit() || b.is_ascii_uppercase())
}

/// The picks matching `query`: every word of it is part of the name, or the query starts the
/// offer id, or names the same product and segment at another level (an id typed or pasted
/// whole: the price list's is at the customer's level). Names starting with the query come first, then names with a word starting with
/// it, then the rest, each alphabetically.
pub fn search<'a>(picks: &'a [Pick], query: &str) -> Vec<&'a Pick> {
    let q = crate::format::lower(query.trim());
    if q.is_empty() {
        return Vec::new();
    }
    let words: Vec<&str> = q.split_whitespace().collect();
    let id = query.trim().to_ascii_uppercase();
    let mut found: Vec<(u8, &Pick)> = picks
        .iter()
        .filter(|p| {
            let same_product = id.len() >= 10 && p.offer_id.get(..10) == id.get(..10);
            words.iter().all(|w| p.key.contains(w)) || p.offer_id.starts_with(&id) || same_product
        })
        .map(|p| {
            let rank = if p.key.starts_with(&q) {
                0
            } else if p.key.contains(&format!(" {q}")) {
                1
            } else {
                2
            };
            (rank, p)
        })
        .collect();
    partner_model::sort::stable_by(&mut found, |a, b| a.0.cmp(&b.0).then_with(|| a.1.key.cmp(&b.1.key)));
    found.into_iter().map(|(_, p)| p).collect()
}

/// The customer's level for licenses and for consumables (volume level 01 and tier 1 when it
/// has none).
fn levels_of(customer: &Customer) -> (String, String) {
    let level = |kind: &str, default: &str| {
        customer
            .discounts
            .iter()
            .find(|d| d.offer_type.as_str() == kind)
            .map(|d| d.level.clone())
            .filter(|l| !l.is_empty())
            .unwrap_or_else(|| default.to_string())
    };
    (level("LICENSE", "01"), level("CONSUMABLES", "T1"))
}

/// The market segment the customer buys in (COM when it has none).
pub fn segment_of(customer: &Customer) -> String {
    customer.company_profile.market_segment.as_ref().map_or_else(|| "COM".into(), |s| s.as_str().to_string())
}

/// A line's offer id field that searches the customer's price list as the reseller types.
#[component]
pub fn OfferPicker(
    /// The line's `lineItems[i].offerId`.
    #[prop(into)]
    path: String,
    /// The customer, once read (its segment and levels decide what is listed).
    customer: Signal<Option<Customer>>,
    /// The order's currency.
    currency: Signal<String>,
    /// Required in this form though the registry's rule for the path is not.
    #[prop(optional)]
    required: bool,
) -> impl IntoView {
    let rt = runtime();
    let hint = t::picker::hint();
    let parts = FieldParts::new(&path, t::picker::label(), MaybeProp::from(hint.to_string())).required_here(required);
    let (form, error, id) = (parts.form, parts.error, parts.id.clone());
    let value = form.watch(&path);
    let open = RwSignal::new(false);
    let active = RwSignal::new(None::<usize>);
    // Read when the customer is known (the catalog keeps one list for every line). Not a
    // resource: a resource read under the page's Suspense would swap the form out while it
    // loads, and the field would lose the focus mid-word.
    let list = RwSignal::new(None::<Result<Vec<Pick>, ()>>);
    // What the list depends on: the customer, and the currency it is priced in (the configured
    // one until three letters are typed). The read starts again (stopping the one on its way)
    // only when one of these changes, whatever else of the form the caller's `currency` reads.
    let default_currency = rt.config.default_currency.clone();
    let wanted = Memo::new(move |_| {
        let currency = currency.get();
        (customer.get(), if currency.len() == 3 { currency } else { default_currency.clone() })
    });
    Effect::new(move |_| {
        let (Some(customer), currency) = wanted.get() else { return };
        let rt = rt.clone();
        crate::api::calls::spawn_for_view(async move {
            let offers = catalog::offers(&rt, &segment_of(&customer), &currency).await;
            let (licenses, consumables) = levels_of(&customer);
            list.try_set(Some(offers.map(|o| picks(&o, (&licenses, &consumables), &currency)).map_err(|_| ())));
        });
    });
    let all = Memo::new(move |_| list.get().and_then(Result::ok).unwrap_or_default());
    let results = Memo::new(move |_| {
        all.with(|all| search(all, &value.get()).into_iter().take(SHOWN).cloned().collect::<Vec<Pick>>())
    });
    let list_id = format!("{id}-list");
    let option_id = move |k: usize| format!("{}-option-{k}", list_id.clone());
    let shown = move || open.get() && !results.with(Vec::is_empty);
    let p2 = path.clone();
    let choose = move |pick: &Pick| {
        form.set(&p2, pick.offer_id.clone());
        open.set(false);
        active.set(None);
    };
    let choose2 = choose.clone();
    let on_key = move |ev: KeyboardEvent| {
        let n = results.with(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" | "ArrowUp" if n > 0 => {
                ev.prevent_default();
                let down = ev.key() == "ArrowDown";
                open.set(true);
                active.update(|a| {
                    *a = Some(match (*a, down) {
                        (None, true) => 0,
                        (None, false) => n - 1,
                        (Some(k), true) => (k + 1) % n,
                        (Some(k), false) => (k + n - 1) % n,
                    })
                });
            }
            "Enter" if shown() => {
                if let Some(pick) = active.get_untracked().and_then(|k| results.with_untracked(|r| r.get(k).cloned())) {
                    ev.prevent_default();
                    choose2(&pick);
                }
            }
            "Escape" if open.get_untracked() => {
                ev.prevent_default();
                open.set(false);
                active.set(None);
            }
            _ => {}
        }
    };
    let (p3, p4) = (path.clone(), path.clone());
    let (list_id2, list_id3, oid) = (format!("{id}-list"), format!("{id}-list"), option_id.clone());
    let status = move || {
        let typed = value.get();
        if !open.get() || typed.trim().is_empty() {
            return String::new();
        }
        match list.get() {
            None if customer.get().is_some() => t::picker::reading().into(),
            Some(Err(())) => t::picker::unreadable().into(),
            _ => match results.with(Vec::len) {
                0 => t::picker::none(typed.trim()),
                1 => t::picker::one().into(),
                n => t::picker::many(n),
            },
        }
    };
    let control = view! {
        <div class="combo">
            <input id=parts.id.clone() type="text" role="combobox" autocomplete="off" spellcheck="false"
                aria-autocomplete="list" aria-expanded=move || shown().to_string() aria-controls=list_id2
                aria-activedescendant=move || active.get().filter(|_| shown()).map(oid.clone())
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=parts.described_by()
                prop:value=move || value.get()
                on:input=move |ev| { form.set(&p3, event_target_value(&ev)); open.set(true); active.set(None); }
                on:keydown=on_key
                on:blur=move |_| { open.set(false); form.touch(&p4); }/>
            <ul id=list_id3 role="listbox" class="combo-list" aria-label=t::picker::products() hidden=move || !shown()>
                {move || results.get().into_iter().enumerate().map(|(k, pick)| {
                    let choose = choose.clone();
                    let p = pick.clone();
                    view! {
                        <li id=option_id(k) role="option" aria-selected=move || (active.get() == Some(k)).to_string()
                            class:active=move || active.get() == Some(k)
                            on:mousedown=|ev| ev.prevent_default()
                            on:click=move |_| choose(&p)>
                            <span class="product" translate="no">{pick.name.clone()}</span>
                            <span class="pick-facts">
                                {if pick.consumable { t::picker::consumables() } else { t::picker::licenses() }} " · " <span translate="no">{pick.level.clone()}</span> " · "
                                {strong_in(t::picker::a_year(MARK), pick.price.clone())}
                            </span>
                            <code>{pick.offer_id.clone()}</code>
                        </li>
                    }
                }).collect_view()}
            </ul>
            // Over the page like the list, so opening and closing never moves what is below
            // (a click that closes the list lands where it was aimed); read out while the list shows.
            <p class=move || if shown() { "combo-status visually-hidden" } else { "combo-status" } aria-live="polite">{status}</p>
            {move || {
                let v = value.get();
                let picked = all.with(|a| a.iter().find(|p| p.offer_id == v).cloned());
                picked.map(|p| view! {
                    <p class="chosen"><span translate="no">{p.name}</span> " — " {t::picker::Chosen { level: p.level, price: p.price }.text()}</p>
                })
            }}
        </div>
    };
    parts.frame(control)
}

/// Where a text's argument goes, to draw it in another element than the words around it.
const MARK: char = '\u{1}';

/// `text` (made with [`MARK`] for its one argument) with `value` in bold where the language
/// puts it.
fn strong_in(text: String, value: String) -> impl IntoView {
    let (before, after) =
        text.split_once(MARK).map_or((text.clone(), String::new()), |(b, a)| (b.to_string(), a.to_string()));
    view! { {before}<strong>{value}</strong>{after} }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn offer(id: &str, name: &str, price: &str) -> PriceListOffer {
        PriceListOffer {
            offer_id: id.into(),
            product_family: name.into(),
            partner_price: price.into(),
            ..Default::default()
        }
    }

    fn list() -> Vec<PriceListOffer> {
        vec![
            offer("65304479CA01A12", "Acrobat Pro for teams", "200.00"),
            offer("65304479CA02A12", "Acrobat Pro for teams", "192.00"),
            offer("65304921CA01A12", "Acrobat Pro", "150.00"),
            offer("65304921CA02A12", "Acrobat Pro", "144.00"),
            offer("65322447CAT1A12", "Adobe Sign transactions", "3.00"),
            offer("65322447CAT2A12", "Adobe Sign transactions", "2.88"),
            offer("11083117CA01A12", "Photoshop for teams", "300.00"),
        ]
    }

    #[test]
    fn one_pick_per_product_at_the_customers_level() {
        let picks = picks(&list(), ("02", "T1"), "USD");
        let ids: Vec<&str> = picks.iter().map(|p| p.offer_id.as_str()).collect();
        assert_eq!(ids, ["65304479CA02A12", "65304921CA02A12", "65322447CAT1A12", "11083117CA01A12"]);
        assert_eq!(picks[1].price, "144.00 USD");
        assert!(picks[2].consumable && !picks[0].consumable);
        // A level the list does not have (3YC, LGA): the first level's price.
        assert_eq!(super::picks(&list(), ("12", "TB"), "USD")[0].offer_id, "65304479CA01A12");
    }

    #[test]
    fn search_matches_words_of_the_name_or_the_start_of_an_id_best_first() {
        let picks = picks(&list(), ("01", "T1"), "USD");
        let names = |q: &str| search(&picks, q).iter().map(|p| p.name.clone()).collect::<Vec<_>>();
        assert_eq!(names("acrobat pro"), ["Acrobat Pro", "Acrobat Pro for teams"]);
        assert_eq!(names("pro teams"), ["Acrobat Pro for teams"]);
        assert_eq!(names("  SIGN "), ["Adobe Sign transactions"]);
        assert_eq!(names("for"), ["Acrobat Pro for teams", "Photoshop for teams"]);
        assert_eq!(names("11083"), ["Photoshop for teams"]);
        assert_eq!(names("65304921CA03A12"), ["Acrobat Pro"], "a whole id at another level");
        assert_eq!(names("65304921EA01A12"), Vec::<String>::new(), "another segment's");
        assert_eq!(names("1108 3117"), Vec::<String>::new());
        assert!(names("").is_empty() && names("illustrator").is_empty());
    }
}
