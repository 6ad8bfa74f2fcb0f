//! Reading across a reseller's customers: every customer (all pages), then one read per
//! customer, at most [`AT_ONCE`] at a time, with progress. What the home's "needs you today"
//! and the reseller-wide order list are made of.

use crate::api::calls::customers;
use crate::api::error::Failure;
use crate::api::together::{together, Boxed};
use crate::components::names::{reseller_name, title_of};
use crate::components::pager::read_all;
use crate::components::table::Cell;
use crate::i18n::t;
use crate::resources::fetch;
use crate::routes::To;
use crate::runtime::Runtime;
use leptos::prelude::*;
use partner_model::types::{CustomerSummary, Status};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::future::Future;
use std::rc::Rc;

/// Customers read at once.
pub const AT_ONCE: usize = 4;

/// A customer as lists across customers name it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Named {
    pub id: String,
    pub name: String,
}

impl Named {
    /// The customer's name (its id when it has none) as a link to its page.
    pub fn cell(&self) -> Cell {
        let text = if self.name.is_empty() { self.id.clone() } else { self.name.clone() };
        Cell::Link { href: To::Customer(&self.id).href(), text, code: false }
    }
}

impl From<&CustomerSummary> for Named {
    fn from(c: &CustomerSummary) -> Named {
        Named { id: c.customer_id.clone(), name: c.company_profile.company_name.clone() }
    }
}

/// Every customer of `reseller`.
pub async fn all_customers(rt: &Runtime, reseller: &str) -> Result<Vec<CustomerSummary>, Failure> {
    read_all(50, |offset| {
        let page = [("limit", "50".to_string()), ("offset", offset.to_string())];
        fetch(customers::list(rt, reseller, &page))
    })
    .await
}

/// `read` for each active customer of `customers`, [`AT_ONCE`] at a time; `progress` says
/// (read, to read). Each customer's result, in the order they finished.
pub async fn each_active<T, Fut>(
    rt: &Runtime,
    customers: &[CustomerSummary],
    progress: RwSignal<(usize, usize)>,
    read: impl Fn(Runtime, Named) -> Fut,
) -> Vec<(Named, Result<T, Failure>)>
where
    Fut: Future<Output = Result<T, Failure>>,
{
    let active: VecDeque<Named> = customers.iter().filter(|c| c.status == Status::Active).map(Named::from).collect();
    progress.try_set((0, active.len()));
    let (queue, results) = (RefCell::new(active), RefCell::new(Vec::new()));
    // AT_ONCE readers, each taking the next customer as it finishes one.
    let readers = (0..AT_ONCE)
        .map(|_| {
            let reader: Boxed<'_, ()> = Box::pin(async {
                loop {
                    let next = queue.borrow_mut().pop_front();
                    let Some(who) = next else { break };
                    let one = read(rt.clone(), who.clone()).await;
                    results.borrow_mut().push((who, one));
                    progress.try_update(|(read, _)| *read += 1);
                }
            });
            reader
        })
        .collect();
    together(readers).await;
    results.into_inner()
}

/// "Read 3 of 12 customers…" while reading.
pub fn progress_text((read, of): (usize, usize)) -> String {
    if of == 0 {
        t::across::reading().to_string()
    } else {
        t::across::Read { of, read }.text()
    }
}

thread_local! {
    /// What was read across customers, by page and reseller ("orders/1000000001"), for the
    /// page's life: going back to a page shows it at once; "Refresh" reads again.
    static KEPT: RefCell<std::collections::BTreeMap<String, Rc<dyn std::any::Any>>> =
        RefCell::new(std::collections::BTreeMap::new());
}

/// A read across a reseller's customers, as a page shows it: the result once there, the
/// failure that stopped it, whether it is under way and how far.
pub struct Reading<T: Send + Sync + 'static> {
    pub data: RwSignal<Option<T>>,
    pub failure: RwSignal<Option<Failure>>,
    pub busy: RwSignal<bool>,
    pub progress: RwSignal<(usize, usize)>,
    start: StoredValue<Box<dyn Fn()>, LocalStorage>,
}

impl<T: Send + Sync + 'static> Clone for Reading<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Reading<T> {}

impl<T: Send + Sync + 'static> Reading<T> {
    /// Reads again (nothing while a read is under way).
    pub fn refresh(&self) {
        self.start.with_value(|start| start());
    }

    /// Progress while reading; `done` says what was read once it is there.
    pub fn status(&self, done: impl Fn(&T) -> String) -> String {
        if self.busy.get() {
            progress_text(self.progress.get())
        } else {
            self.data.with(|d| d.as_ref().map(&done)).unwrap_or_default()
        }
    }
}

/// What `read` gives for `reseller` on the page `kind`: kept from an earlier visit of this page
/// load, or read now.
pub fn use_reading<T, Fut>(
    kind: &'static str,
    reseller: String,
    read: impl Fn(Runtime, String, RwSignal<(usize, usize)>) -> Fut + 'static,
) -> Reading<T>
where
    T: Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<T, Failure>> + 'static,
{
    let key = format!("{kind}/{reseller}");
    let kept = KEPT.with(|k| k.borrow().get(&key).and_then(|v| v.downcast_ref::<T>().cloned()));
    let (data, failure, busy) = (RwSignal::new(kept), RwSignal::new(None::<Failure>), RwSignal::new(false));
    let progress = RwSignal::new((0usize, 0usize));
    let rt = crate::resources::runtime();
    let read = Rc::new(read);
    let start = move || {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        failure.set(None);
        let (rt, reseller, key, read) = (rt.clone(), reseller.clone(), key.clone(), read.clone());
        leptos::task::spawn_local(async move {
            // The page may have been left meanwhile: what was read is kept all the same.
            match read(rt, reseller, progress).await {
                Ok(t) => {
                    KEPT.with(|k| k.borrow_mut().insert(key, Rc::new(t.clone())));
                    data.try_set(Some(t));
                }
                Err(f) => {
                    failure.try_set(Some(f));
                }
            }
            busy.try_set(false);
        });
    };
    let reading = Reading { data, failure, busy, progress, start: StoredValue::new_local(Box::new(start)) };
    if data.get_untracked().is_none() {
        reading.refresh();
    }
    reading
}

static NOT_READ: &[crate::components::table::Column<(Named, String)>] = &[
    crate::components::table::Column::text(t::column::customer, |(c, _): &(Named, String)| c.cell()),
    crate::components::table::Column::text(t::column::what_happened, |(_, why): &(Named, String)| {
        Cell::Words(why.clone())
    })
    .prose(),
];

/// The customers whose reads failed (nothing when none did), which the lists leave out.
pub fn not_read(failed: Vec<(Named, String)>) -> impl IntoView {
    use crate::components::table::DataTable;
    (!failed.is_empty()).then(|| {
        view! {
            <div class="notice warn" role="note">
                <p>{t::across::not_read_note()}</p>
                <DataTable caption=t::across::not_read().to_string() show_caption=true columns=NOT_READ rows=failed empty=""/>
            </div>
        }
    })
}

/// The head of a list across `reseller`'s customers: "{what} of {its name}" with its id, a
/// link to its customers and "Refresh".
pub fn across_head<T: Send + Sync + 'static>(
    named: fn(&str) -> String,
    unnamed: fn() -> &'static str,
    reseller: &str,
    reading: Reading<T>,
) -> impl IntoView {
    use leptos_router::components::A;
    let name = reseller_name(&crate::resources::runtime(), reseller);
    let customers = To::Customers { reseller }.href();
    view! {
        <div class="page-head">
            {title_of(named, unnamed, name, reseller.to_string())}
            <div class="actions">
                <A href=customers attr:class="button">{t::across::customers()}</A>
                <button type="button" disabled=move || reading.busy.get() on:click=move |_| reading.refresh()>{t::common::refresh()}</button>
            </div>
        </div>
    }
}
