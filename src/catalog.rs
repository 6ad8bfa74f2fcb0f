//! Product names for offer ids, from this month's price lists (`POST /v3/pricelist`): read the
//! first time a page names an offer, for the configured currency and its region, every market
//! segment, and kept in this browser for the month (a new month is a new price list). An id
//! the lists do not name shows as it is.

use crate::api::calls::{price_lists, send_detached};
use crate::api::error::Failure;
use crate::api::together::{together, Boxed};
use crate::components::pager::read_all;
use crate::runtime::Runtime;
use leptos::prelude::*;
use partner_model::types::{home_region, OfferName, PriceListOffer, PriceListRequest};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

const KEY: &str = "partner-console.catalog";
/// Offers a price list page asks for (index.html's early reads of placing an order mirror it).
pub const PAGE: u32 = 100;

/// Names by the product part of an offer id (its first 8 characters).
#[derive(Clone, Copy)]
pub struct Catalog {
    names: RwSignal<BTreeMap<String, String>>,
    asked: StoredValue<bool>,
}

thread_local! {
    /// Whole price lists read for the offer picker, by segment and currency.
    static LISTS: RefCell<BTreeMap<String, Rc<Vec<PriceListOffer>>>> = const { RefCell::new(BTreeMap::new()) };
    static CATALOG: Catalog = {
        // Made with no owner, so no view's going away disposes of it: it lives with the page.
        let current = Owner::current();
        if let Some(owner) = &current {
            owner.clone().unset();
        }
        let catalog = Catalog { names: RwSignal::new(BTreeMap::new()), asked: StoredValue::new(false) };
        if let Some(owner) = current {
            owner.set();
        }
        catalog
    };
}

/// The console's catalog.
pub fn catalog() -> Catalog {
    CATALOG.with(|c| *c)
}

/// The product part of an offer id (`65322651CA01A12` → `65322651`), or the id.
pub fn product_of(offer_id: &str) -> &str {
    match offer_id.get(..8) {
        Some(p) if offer_id.len() == 15 && p.bytes().all(|b| b.is_ascii_digit()) => p,
        _ => offer_id,
    }
}

/// This month's `YYYYMM` (UTC): the price list month the console reads by default.
pub fn this_month() -> String {
    month_of(crate::components::detail::now())
}

/// The `YYYYMM` (UTC) of `ms` since the epoch: the price list month the console reads then.
pub fn month_of(ms: u64) -> String {
    let day = partner_model::time::date(ms).replace('-', "");
    day.get(..6).unwrap_or_default().to_string()
}

/// This month's standard price list for `segment` in `currency` (the currency's region), every
/// page, each offer with its level's quantities: what a customer of that segment can buy. Read
/// once per page load; its names also name offers everywhere else.
pub async fn offers(rt: &Runtime, segment: &str, currency: &str) -> Result<Rc<Vec<PriceListOffer>>, Failure> {
    let key = format!("{segment}:{currency}");
    if let Some(kept) = LISTS.with(|l| l.borrow().get(&key).cloned()) {
        return Ok(kept);
    }
    let body = offers_request(segment, currency, &this_month());
    let all = read_all(u64::from(PAGE), |at| crate::resources::fetch(price_lists::fetch(rt, &body, PAGE, at))).await?;
    catalog().names.update(|names| {
        for o in &all {
            names.entry(product_of(&o.offer_id).to_string()).or_insert_with(|| o.product_family.clone());
        }
    });
    let all = Rc::new(all);
    LISTS.with(|l| l.borrow_mut().insert(key, all.clone()));
    Ok(all)
}

/// The standard price list of `month` (`YYYYMM`) for `segment` in `currency` (its home region).
fn list_request(segment: &str, currency: &str, month: &str) -> PriceListRequest {
    PriceListRequest {
        region: home_region(currency).into(),
        market_segment: segment.into(),
        currency: currency.into(),
        price_list_month: month.into(),
        ..Default::default()
    }
}

/// What [`offers`] asks the price list for: `list_request`'s request, each offer with its
/// level's quantities. index.html sends the same for placing an order while the wasm downloads
/// (tests/boot.rs).
pub fn offers_request(segment: &str, currency: &str, month: &str) -> PriceListRequest {
    PriceListRequest { include_offer_attributes: vec!["levelDetails".into()], ..list_request(segment, currency, month) }
}

impl Catalog {
    /// The product name of `offer_id`, when known (tracked: a view that asks shows the name
    /// once the price lists arrive).
    pub fn name(&self, offer_id: &str) -> Option<String> {
        self.names.with(|n| n.get(product_of(offer_id)).cloned())
    }

    /// Reads the names once (tracked) for a pass over many offers: `f` gets them by product
    /// ([`product_of`] an offer id).
    pub fn with_names<R>(&self, f: impl FnOnce(&BTreeMap<String, String>) -> R) -> R {
        self.names.with(f)
    }

    /// The name without tracking (for a CSV).
    pub fn name_untracked(&self, offer_id: &str) -> Option<String> {
        self.names.with_untracked(|n| n.get(product_of(offer_id)).cloned())
    }

    /// "Name (offer id)" when the name is known, else the offer id (tracked).
    pub fn label(&self, offer_id: &str) -> String {
        labelled(self.name(offer_id), offer_id)
    }

    /// [`Catalog::label`] without tracking (for text made once: a toast, a CSV).
    pub fn label_untracked(&self, offer_id: &str) -> String {
        labelled(self.name_untracked(offer_id), offer_id)
    }

    /// Reads the names once: from this browser when it has this month's, else from the API.
    pub fn ensure(&self, rt: &Runtime) {
        if self.asked.get_value() {
            return;
        }
        self.asked.set_value(true);
        let month = this_month();
        let key = format!("{KEY}:{month}:{}", rt.config.default_currency);
        let store = crate::api::transport::local();
        let kept = store.as_ref().and_then(|s| s.get_item(&key).ok().flatten());
        if let Some(names) = kept.and_then(|t| serde_json::from_str::<BTreeMap<String, String>>(&t).ok()) {
            self.names.set(names);
            return;
        }
        let (rt, names, asked) = (rt.clone(), self.names, self.asked);
        leptos::task::spawn_local(async move {
            // The names follow the page: its own data first (the ids show until they come).
            crate::api::transport::after_paint().await;
            // The segments' lists, read side by side; an offer in several is named by the first.
            let lists = together(
                ["COM", "EDU", "GOV"]
                    .into_iter()
                    .map(|segment| {
                        let body = list_request(segment, &rt.config.default_currency, &month);
                        let rt = rt.clone();
                        let list: Boxed<'_, Result<Vec<OfferName>, Failure>> = Box::pin(async move {
                            // Detached: the view that first asked may go away; the names are for every view.
                            read_all(u64::from(PAGE), |at| {
                                let answer = send_detached(price_lists::names(&rt, &body, PAGE, at));
                                async move { answer.await.map(|a| a.value) }
                            })
                            .await
                        });
                        list
                    })
                    .collect(),
            )
            .await;
            let mut found = BTreeMap::new();
            // A segment whose list could not be read names nothing; the others still do.
            for offer in lists.into_iter().flatten().flatten() {
                found.entry(product_of(&offer.offer_id).to_string()).or_insert(offer.product_family);
            }
            if found.is_empty() {
                // Nothing came (the API failed): the next view that names an offer asks again.
                asked.set_value(false);
                return;
            }
            if let (Some(s), Ok(text)) = (store, serde_json::to_string(&found)) {
                let _ = s.set_item(&key, &text);
            }
            names.set(found);
        });
    }
}

fn labelled(name: Option<String>, offer_id: &str) -> String {
    match name {
        Some(name) => format!("{name} ({offer_id})"),
        None => offer_id.to_string(),
    }
}

/// An offer as people know it: the product's name, with the offer id beside it (after the id it
/// changes from, when there is one: "now → at renewal").
#[component]
pub fn ProductName(
    /// The offer id.
    offer: String,
    /// The offer id it changes from.
    #[prop(optional_no_strip)]
    from: Option<String>,
) -> impl IntoView {
    let c = catalog();
    if let Some(rt) = crate::runtime::use_runtime() {
        c.ensure(&rt);
    }
    let id = offer.clone();
    view! {
        {move || c.name(&offer).map(|n| view! { <span class="product" translate="no">{n}</span>" " })}
        {from.map(|from| view! { <code translate="no">{from}</code>"\u{a0}→ " })}
        <code translate="no">{id}</code>
    }
}

#[cfg(test)]
mod tests {
    use super::product_of;

    #[test]
    fn the_product_is_the_first_eight_digits_of_an_offer_id() {
        assert_eq!(product_of("65322651CA01A12"), "65322651");
        assert_eq!(product_of("65322651"), "65322651");
        assert_eq!(product_of("ABCDEFGHCA01A12"), "ABCDEFGHCA01A12");
        assert_eq!(product_of("顧客"), "顧客");
    }
}
