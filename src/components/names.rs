//! Names beside ids: a reseller's or customer's company name, read once per page load and kept
//! (a page that names the same account again reads nothing, and names asked for while a read of
//! it is on its way take its answer), with the id shown until it comes and whenever it cannot be
//! read. A name being read marks its place `aria-busy`. A read stops (its request aborted) once
//! no view waits for its name any more: the reseller has left the page.

use crate::api::calls::{customers, resellers, send_until};
use crate::runtime::Runtime;
use leptos::prelude::*;
use std::cell::RefCell;
use std::collections::BTreeMap;

thread_local! {
    /// Names read so far, by "reseller/ID" and "customer/ID".
    static NAMES: RefCell<BTreeMap<String, String>> = const { RefCell::new(BTreeMap::new()) };
    /// The names waiting for a read on its way, by the same keys: a table naming one customer
    /// in several rows sends one read.
    /// (A list: a page waits for a few at a time, and a map of its own type cost the hub's
    /// cold visit 2.2 KB.)
    static WAITING: RefCell<Vec<(String, Name)>> = const { RefCell::new(Vec::new()) };
    /// What stops each read on its way, by the same keys.
    static READS: RefCell<Vec<(String, web_sys::AbortController)>> = const { RefCell::new(Vec::new()) };
}

/// Whether a view still waits for the name kept as `key`.
fn awaited(key: &str) -> bool {
    WAITING.with(|w| w.borrow().iter().any(|(k, _)| k == key))
}

/// `name`'s view is gone: it waits no more, and the read of its name stops when no other view
/// waits for it.
fn stop_waiting(key: &str, name: Name) {
    WAITING.with(|w| w.borrow_mut().retain(|(k, n)| !(k == key && n.text == name.text)));
    if !awaited(key) {
        let reads: Vec<web_sys::AbortController> =
            READS.with(|r| r.borrow_mut().extract_if(.., |(k, _)| k == key).map(|(_, read)| read).collect());
        for read in reads {
            read.abort();
        }
    }
}

fn kept(key: &str) -> Option<String> {
    NAMES.with(|n| n.borrow().get(key).cloned())
}

fn keep(key: String, name: &str) {
    NAMES.with(|n| n.borrow_mut().insert(key, name.to_string()));
}

/// How long a name's place is marked busy at most. A read the API keeps waiting (four attempts
/// of ten seconds each) would otherwise hold it busy for most of a minute, where an assistive
/// technology may hold back what the region says, and a test waiting for the page to settle
/// gives up; the name still comes if it does.
const BUSY_AT_MOST: std::time::Duration = std::time::Duration::from_secs(8);

/// An account's company name as it is read: empty until it comes, and when it cannot be read.
#[derive(Clone, Copy)]
pub struct Name {
    text: RwSignal<String>,
    /// Whether it is still being read: its place (a title, or the id beside which it comes) is
    /// marked busy meanwhile, so a test waiting for the page to settle (and an assistive
    /// technology) knows more is coming.
    reading: RwSignal<bool>,
}

impl Name {
    /// The name (tracked): empty until read, or when it cannot be.
    pub fn get(&self) -> String {
        self.text.get()
    }

    /// Whether the name is still being read (tracked).
    pub fn reading(&self) -> bool {
        self.reading.get()
    }
}

/// The name kept as `key`, or read by `read` (once it answers, kept for the next page), or by
/// the read of it already on its way. `read` sends its request when called, stopped by the
/// signal it is given.
fn name<Fut>(key: String, read: impl FnOnce(web_sys::AbortSignal) -> Fut + 'static) -> Name
where
    Fut: std::future::Future<Output = Option<String>> + 'static,
{
    let known = kept(&key);
    let name = Name { reading: RwSignal::new(known.is_none()), text: RwSignal::new(known.unwrap_or_default()) };
    if name.reading.get_untracked() {
        let first = !awaited(&key);
        WAITING.with(|w| w.borrow_mut().push((key.clone(), name)));
        let gone = key.clone();
        on_cleanup(move || stop_waiting(&gone, name));
        if first {
            // However long the read takes, its place is busy for a while at most.
            let held = key.clone();
            leptos::task::spawn_local(async move {
                crate::api::transport::sleep(BUSY_AT_MOST).await;
                let still: Vec<Name> =
                    WAITING.with(|w| w.borrow().iter().filter(|(k, _)| *k == held).map(|(_, n)| *n).collect());
                for name in still {
                    name.reading.try_set(false);
                }
            });
            leptos::task::spawn_local(async move {
                // The page's own data first: the id shows until the name comes.
                crate::api::transport::after_paint().await;
                // Every view asking for it may be gone by then.
                let Some(stop) = web_sys::AbortController::new().ok().filter(|_| awaited(&key)) else {
                    return;
                };
                READS.with(|r| r.borrow_mut().push((key.clone(), stop.clone())));
                let read = read(stop.signal()).await;
                READS.with(|r| r.borrow_mut().retain(|(_, read)| *read != stop));
                if let Some(read) = &read {
                    keep(key.clone(), read);
                }
                // Stopped: no view waited for it then, and a view asking since waits for a read
                // of its own.
                if stop.signal().aborted() {
                    return;
                }
                // Each may be gone by then (`try_set`).
                let waiting = WAITING.with(|w| {
                    let mut w = w.borrow_mut();
                    let mine: Vec<Name> = w.iter().filter(|(k, _)| *k == key).map(|(_, n)| *n).collect();
                    w.retain(|(k, _)| *k != key);
                    mine
                });
                for waiting in waiting {
                    if let Some(read) = &read {
                        waiting.text.try_set(read.clone());
                    }
                    waiting.reading.try_set(false);
                }
            });
        }
    }
    name
}

/// The reseller's company name (empty until read, or when it cannot be).
pub fn reseller_name(rt: &Runtime, reseller: &str) -> Name {
    let endpoint = resellers::get(rt, reseller);
    name(format!("reseller/{reseller}"), move |stop| {
        let read = send_until(endpoint, stop).value();
        async move { read.await.ok().map(|r| r.company_profile.company_name) }
    })
}

/// The customer's company name (empty until read, or when it cannot be).
pub fn customer_name(rt: &Runtime, customer: &str) -> Name {
    let endpoint = customers::get(rt, customer);
    name(format!("customer/{customer}"), move |stop| {
        let read = send_until(endpoint, stop).value();
        async move { read.await.ok().map(|c| c.company_profile.company_name) }
    })
}

/// A title about an account: `named(name)` ("Orders of Contoso") with the id beside it, or
/// `unnamed()` ("Orders of the customer") and the id while the name is not there, marked busy
/// while it is being read.
pub fn title_of(named: fn(&str) -> String, unnamed: fn() -> &'static str, name: Name, id: String) -> impl IntoView {
    view! {
        <h1 aria-busy=move || name.reading().then_some("true")>{move || {
            let n = name.get();
            if n.is_empty() { format!("{} ", unnamed()) } else { format!("{} ", named(&n)) }
        }} <code class="id">{id}</code></h1>
    }
}

/// The name, then the id in a monospace face (which never breaks inside); the id alone until
/// the name is read, or when it cannot be.
fn named(name: Name, id: String) -> impl IntoView {
    view! {
        {move || name.text.with(|n| (!n.is_empty()).then(|| view! { <span translate="no">{n.clone()}</span>" " }))}
        <code class="id" aria-busy=move || name.reading().then_some("true")>{id}</code>
    }
}

/// A reseller's company name and id.
#[component]
pub fn ResellerName(id: String) -> impl IntoView {
    named(reseller_name(&crate::resources::runtime(), &id), id)
}

/// A customer's company name and id.
#[component]
pub fn CustomerName(id: String) -> impl IntoView {
    named(customer_name(&crate::resources::runtime(), &id), id)
}

/// A reseller's company name and id, linked to its page.
#[component]
pub fn ResellerLink(id: String) -> impl IntoView {
    let href = crate::routes::To::Reseller(&id).href();
    view! { <a href=href><ResellerName id/></a> }
}

/// A customer's company name and id, linked to its page.
#[component]
pub fn CustomerLink(id: String) -> impl IntoView {
    let href = crate::routes::To::Customer(&id).href();
    view! { <a href=href><CustomerName id/></a> }
}

/// A table cell naming a customer, linked to its page; its CSV text is the id.
pub fn customer_cell(id: &str) -> crate::components::table::Cell {
    crate::components::table::Cell::Account(view! { <CustomerLink id=id.to_string()/> }.into_any(), id.to_string())
}
