//! Reading across a reseller's customers: every customer (all pages), then one read per
//! customer, at most [`AT_ONCE`] at a time, with progress. What the home's "needs you today"
//! and the reseller-wide order list are made of.

use crate::api::calls::customers;
use crate::api::error::Failure;
use crate::components::pager::read_all;
use crate::components::table::Cell;
use crate::resources::fetch;
use crate::routes::To;
use crate::runtime::Runtime;
use leptos::prelude::*;
use partner_model::types::{CustomerSummary, Status};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::future::Future;
use std::rc::Rc;
use std::task::{Poll, Waker};

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
    read: impl Fn(Runtime, Named) -> Fut + Clone + 'static,
) -> Vec<(Named, Result<T, Failure>)>
where
    T: 'static,
    Fut: Future<Output = Result<T, Failure>> + 'static,
{
    let active: VecDeque<Named> = customers.iter().filter(|c| c.status == Status::Active).map(Named::from).collect();
    progress.try_set((0, active.len()));
    let queue = Rc::new(RefCell::new(active));
    let results = Rc::new(RefCell::new(Vec::new()));
    let left = Rc::new(RefCell::new((AT_ONCE, None::<Waker>)));
    for _ in 0..AT_ONCE {
        let (rt, queue, results, left, read) = (rt.clone(), queue.clone(), results.clone(), left.clone(), read.clone());
        leptos::task::spawn_local(async move {
            loop {
                let next = queue.borrow_mut().pop_front();
                let Some(who) = next else { break };
                let one = read(rt.clone(), who.clone()).await;
                results.borrow_mut().push((who, one));
                progress.try_update(|(read, _)| *read += 1);
            }
            let mut left = left.borrow_mut();
            left.0 = left.0.saturating_sub(1);
            if left.0 == 0 {
                if let Some(waker) = left.1.take() {
                    waker.wake();
                }
            }
        });
    }
    std::future::poll_fn(|cx| {
        let mut left = left.borrow_mut();
        if left.0 == 0 {
            Poll::Ready(())
        } else {
            left.1 = Some(cx.waker().clone());
            Poll::Pending
        }
    })
    .await;
    let done = std::mem::take(&mut *results.borrow_mut());
    done
}

/// The reseller's company name once read (empty until then, or when it cannot be read: the
/// page shows the id).
pub fn reseller_name(rt: &Runtime, reseller: &str) -> RwSignal<String> {
    let name = RwSignal::new(String::new());
    let endpoint = crate::api::calls::resellers::get(rt, reseller);
    leptos::task::spawn_local(async move {
        if let Ok(r) = fetch(endpoint).await {
            name.try_set(r.company_profile.company_name);
        }
    });
    name
}

/// "Read 3 of 12 customers…" while reading.
pub fn progress_text((read, of): (usize, usize)) -> String {
    if of == 0 {
        "Reading the customers…".to_string()
    } else {
        format!("Read {read} of {of} customers…")
    }
}
