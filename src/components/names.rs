//! Names beside ids: a reseller's or customer's company name, read once per page load and kept
//! (a page that names the same account again reads nothing), with the id shown until it comes
//! and whenever it cannot be read.

use crate::api::calls::{customers, resellers};
use crate::resources::fetch;
use crate::runtime::Runtime;
use leptos::prelude::*;
use std::cell::RefCell;
use std::collections::BTreeMap;

thread_local! {
    /// Names read so far, by "reseller/ID" and "customer/ID".
    static NAMES: RefCell<BTreeMap<String, String>> = const { RefCell::new(BTreeMap::new()) };
}

fn kept(key: &str) -> Option<String> {
    NAMES.with(|n| n.borrow().get(key).cloned())
}

fn keep(key: String, name: &str) {
    NAMES.with(|n| n.borrow_mut().insert(key, name.to_string()));
}

/// The reseller's company name (empty until read, or when it cannot be).
pub fn reseller_name(rt: &Runtime, reseller: &str) -> RwSignal<String> {
    let key = format!("reseller/{reseller}");
    let name = RwSignal::new(kept(&key).unwrap_or_default());
    if name.get_untracked().is_empty() {
        let endpoint = resellers::get(rt, reseller);
        leptos::task::spawn_local(async move {
            if let Ok(r) = fetch(endpoint).await {
                keep(key, &r.company_profile.company_name);
                name.try_set(r.company_profile.company_name);
            }
        });
    }
    name
}

/// The customer's company name (empty until read, or when it cannot be).
pub fn customer_name(rt: &Runtime, customer: &str) -> RwSignal<String> {
    let key = format!("customer/{customer}");
    let name = RwSignal::new(kept(&key).unwrap_or_default());
    if name.get_untracked().is_empty() {
        let endpoint = customers::get(rt, customer);
        leptos::task::spawn_local(async move {
            if let Ok(c) = fetch(endpoint).await {
                keep(key, &c.company_profile.company_name);
                name.try_set(c.company_profile.company_name);
            }
        });
    }
    name
}

/// A title about an account: "{what} of {name}" with the id beside it, or "{what} of {noun}"
/// and the id while the name is not there.
pub fn title_of(what: &'static str, noun: &'static str, name: RwSignal<String>, id: String) -> impl IntoView {
    view! {
        <h1>{move || {
            let n = name.get();
            if n.is_empty() { format!("{what} of {noun} ") } else { format!("{what} of {n} ") }
        }} <code>{id}</code></h1>
    }
}
