//! "Needs you today": what a reseller has to act on, across all its customers — renewals due in
//! the next 30, 60 or 90 days with their auto-renewal, orders still open, 3-Year Commit requests
//! waiting for the customer to accept, licenses a customer took that still need an order, and
//! customers Adobe has not activated yet.
//!
//! The lists are read for one reseller: its customers (every page) and its licenses-pending
//! notifications side by side, then for each active customer its record, subscriptions and open
//! orders, the three side by side, at most [`crate::components::across::AT_ONCE`] customers at a
//! time, with progress. The result is kept for the page's life
//! (per reseller) and read again on "Refresh". A customer whose reads fail is named, with what
//! failed; the others still show.

use crate::api::calls::{customers, notifications, orders, subscriptions};
use crate::api::error::Failure;
use crate::api::together::both;
use crate::components::across::{all_customers, each_active, not_read, use_reading, Named};
use crate::components::detail::now;
use crate::components::names::reseller_name;
use crate::components::pager::read_all;
use crate::components::table::{Cell, Column, DataTable};
use crate::i18n::t;
use crate::resources::customers::hub::is_consumables;
use crate::resources::subscriptions::renewal_text;
use crate::resources::{fetch, fetch_items, runtime};
use crate::routes::To;
use crate::runtime::Runtime;
use leptos::prelude::*;
use leptos_router::components::A;
use partner_model::catalog::status::ResourceKind;
use partner_model::time::{self, DAY};
use partner_model::types::{CommitmentStatus, Customer, NotificationItem, Order, Status, Subscription};

/// How far ahead renewals are listed, in days.
const HORIZONS: [u64; 3] = [30, 60, 90];

/// A license subscription renewing within [`HORIZONS`]'s last.
#[derive(Clone, Debug, PartialEq)]
struct Due {
    customer: Named,
    sub: Subscription,
    days: u64,
}

/// Everything the page lists for one reseller.
#[derive(Clone, Debug, Default, PartialEq)]
struct Today {
    /// When it was read (ms).
    read_at: u64,
    customers: usize,
    renewals: Vec<Due>,
    open_orders: Vec<(Named, Order)>,
    commitments: Vec<Named>,
    licenses_pending: Vec<Named>,
    pending_customers: Vec<(Named, String)>,
    /// Customers whose reads failed, with what failed.
    failed: Vec<(Named, String)>,
}

/// What one customer adds to the lists.
struct OneCustomer {
    renewals: Vec<Due>,
    open_orders: Vec<(Named, Order)>,
    committing: bool,
}

/// Renewals of `subs` due within `horizon` days of `at`: active licenses only, soonest first.
/// Days count whole dates (UTC, as the API's renewal dates are): one renewing today is due in
/// 0 days all that day.
fn due(customer: &Named, subs: Vec<Subscription>, at: u64, horizon: u64) -> Vec<Due> {
    subs.into_iter()
        .filter(|s| s.status == Status::Active && !is_consumables(&s.offer_id))
        .filter_map(|s| {
            let on = time::parse(&s.renewal_date)?;
            let days = (on / DAY).checked_sub(at / DAY)?;
            (days <= horizon).then(|| Due { customer: customer.clone(), sub: s, days })
        })
        .collect()
}

/// Whether a customer's 3-Year Commit request waits for the customer to accept it.
fn awaits_customer(c: &Customer) -> bool {
    c.benefits.iter().any(|b| {
        [&b.commitment_request, &b.recommitment_request]
            .into_iter()
            .flatten()
            .any(|r| r.status == Some(CommitmentStatus::Requested))
    })
}

async fn read_customer(rt: &Runtime, who: &Named, at: u64) -> Result<OneCustomer, Failure> {
    // Three reads side by side: none needs another's answer.
    let open = [("status", "1002".to_string()), ("limit", "100".to_string())];
    let ((record, items), open) = both(
        both(fetch(customers::get(rt, &who.id)), fetch_items(subscriptions::list(rt, &who.id))),
        fetch(orders::history(rt, &who.id, &open)),
    )
    .await;
    let (record, items, open) = (record?, items?, open?.items);
    Ok(OneCustomer {
        renewals: due(who, items, at, HORIZONS[2]),
        open_orders: open.into_iter().map(|o| (who.clone(), o)).collect(),
        committing: awaits_customer(&record),
    })
}

/// Reads everything for `reseller`, `progress` telling (customers read, customers to read).
async fn read_today(rt: Runtime, reseller: String, progress: RwSignal<(usize, usize)>) -> Result<Today, Failure> {
    let at = now();
    let (all, pending) = both(
        all_customers(&rt, &reseller),
        read_all(100, |offset| fetch(notifications::licenses_pending(&rt, &reseller, 100, offset))),
    )
    .await;
    let (all, pending): (_, Vec<NotificationItem>) = (all?, pending?);
    let name_of = |id: &str| {
        let name = all.iter().find(|c| c.customer_id == id).map(|c| c.company_profile.company_name.clone());
        Named { id: id.to_string(), name: name.unwrap_or_default() }
    };
    let mut today = Today {
        read_at: at,
        customers: all.len(),
        licenses_pending: pending.iter().map(|n| name_of(&n.customer_id)).collect(),
        pending_customers: all
            .iter()
            .filter(|c| c.status == Status::Pending)
            .map(|c| (Named::from(c), c.creation_date.clone()))
            .collect(),
        ..Today::default()
    };
    today.licenses_pending.dedup();
    let results =
        each_active(&rt, &all, progress, move |rt, who| async move { read_customer(&rt, &who, at).await }).await;
    for (who, one) in results {
        match one {
            Ok(one) => {
                today.renewals.extend(one.renewals);
                today.open_orders.extend(one.open_orders);
                if one.committing {
                    today.commitments.push(who);
                }
            }
            Err(f) => today.failed.push((who, f.error.what_happened())),
        }
    }
    partner_model::sort::stable_by(&mut today.renewals, |a, b| {
        a.days.cmp(&b.days).then_with(|| a.customer.name.cmp(&b.customer.name))
    });
    partner_model::sort::stable_by(&mut today.open_orders, |a, b| b.1.creation_date.cmp(&a.1.creation_date));
    partner_model::sort::stable_by(&mut today.commitments, |a, b| a.name.cmp(&b.name));
    partner_model::sort::stable_by(&mut today.failed, |a, b| a.0.name.cmp(&b.0.name));
    Ok(today)
}

static RENEWALS: &[Column<Due>] = &[
    Column::text(t::column::customer, |d: &Due| d.customer.cell()),
    Column::text(t::column::product, |d| Cell::Product(d.sub.offer_id.clone())),
    Column::text(t::column::subscription, |d| {
        crate::resources::subscriptions::subscription_cell(&d.customer.id, &d.sub.subscription_id)
    }),
    Column::text(t::column::renews_on, |d| Cell::Day(d.sub.renewal_date.clone())),
    Column::text(t::column::in_days, |d: &Due| Cell::Words(t::today::in_days(d.days))).numeric(),
    Column::text(t::column::licenses, |d: &Due| {
        Cell::Text(crate::i18n::number(d.sub.current_quantity.unwrap_or(0) as f64))
    })
    .numeric(),
    Column::text(t::column::auto_renewal, |d| Cell::Words(renewal_text(&d.sub))),
];

static OPEN_ORDERS: &[Column<(Named, Order)>] = &[
    Column::text(t::column::customer, |(c, _): &(Named, Order)| c.cell()),
    Column::text(t::column::order, |(c, o)| Cell::Link {
        href: To::Order { customer: &c.id, id: &o.order_id }.href(),
        text: o.order_id.clone(),
        code: false,
    }),
    Column::text(t::column::r#type, |(_, o)| Cell::Words(crate::resources::orders::type_words(o))),
    Column::text(t::column::status, |(_, o)| Cell::Status(ResourceKind::Order, o.status.as_str().to_string())),
    Column::text(t::column::created, |(_, o)| Cell::Day(o.creation_date.clone())),
];

static COMMITMENTS: &[Column<Named>] = &[
    Column::text(t::column::customer, |c: &Named| c.cell()),
    Column::text(t::column::three_year_commit, |c| Cell::Action {
        href: To::Benefits(&c.id).href(),
        text: t::today::see_request(),
        about: c.name.clone(),
    }),
];

static LICENSES_PENDING: &[Column<Named>] = &[
    Column::text(t::column::customer, |c: &Named| c.cell()),
    Column::text(t::column::licenses, |c| Cell::Action {
        href: To::OpenAcquisitions(&c.id).href(),
        text: t::today::see_licenses(),
        about: c.name.clone(),
    }),
];

static PENDING_CUSTOMERS: &[Column<(Named, String)>] = &[
    Column::text(t::column::customer, |(c, _): &(Named, String)| c.cell()),
    Column::text(t::column::created, |(_, created)| Cell::Day(created.clone())),
];

/// The "needs you today" section of the home page, for the reseller it names.
#[component]
pub fn TodaySection() -> impl IntoView {
    let reseller = super::home::today_reseller();
    move || view! { <NeedsToday reseller=reseller.get()/> }
}

/// The "needs you today" lists of `reseller`.
#[component]
fn NeedsToday(reseller: String) -> impl IntoView {
    let rt = runtime();
    let name = reseller_name(&rt, &reseller);
    let reading = use_reading("today", reseller.clone(), read_today);
    let horizon = RwSignal::new(HORIZONS[0]);
    let status = move || {
        reading.status(|today| {
            t::today::ReadAt { at: crate::components::detail::moment(today.read_at), count: today.customers }.text()
        })
    };
    let reseller_link = To::Customers { reseller: &reseller }.href();
    view! {
        <section class="today" aria-labelledby="today-title">
            <div class="page-head">
                <h2 id="today-title" aria-busy=move || name.reading().then_some("true")>{move || {
                    let n = name.get();
                    if n.is_empty() { t::today::title().to_string() } else { t::today::title_at(n) }
                }}</h2>
                <div class="actions">
                    <A href=reseller_link attr:class="button">{t::today::all_customers()}</A>
                    <button type="button" disabled=move || reading.busy.get() on:click=move |_| reading.refresh()>{t::today::refresh()}</button>
                </div>
            </div>
            <p role="status" class="muted">{status}</p>
            {move || reading.failure.get().map(|f| view! { <crate::components::error_panel::ErrorPanel failure=f/> })}
            {move || reading.data.get().map(|t| view! { <TodayLists today=t horizon/> })}
        </section>
    }
}

#[component]
fn TodayLists(today: Today, horizon: RwSignal<u64>) -> impl IntoView {
    let within = |days: u64| today.renewals.iter().filter(|d| d.days <= days).count();
    let counts = [
        (t::today::count_renewals(within(30)), "#due"),
        (t::today::count_open(today.open_orders.len()), "#open-orders"),
        (t::today::count_commitments(today.commitments.len()), "#commitments"),
        (t::today::count_licenses(today.licenses_pending.len()), "#licenses-pending"),
        (t::today::count_pending(today.pending_customers.len()), "#pending-customers"),
    ];
    let renewals = today.renewals.clone();
    let shown = move || renewals.iter().filter(|d| d.days <= horizon.get()).cloned().collect::<Vec<Due>>();
    view! {
        <ul class="counts">
            {counts.into_iter().map(|(text, anchor)| view! { <li><a href=anchor>{text}</a></li> }).collect_view()}
        </ul>
        {not_read(today.failed.clone())}
        <section id="due" aria-labelledby="due-title">
            <h3 id="due-title">{t::today::renewals()}</h3>
            <div class="field inline">
                <label for="due-within">{t::today::within()}</label>
                <select id="due-within" on:change=move |ev| horizon.set(event_target_value(&ev).parse().unwrap_or(30))>
                    {HORIZONS.map(|d| view! { <option value=d.to_string() selected=move || horizon.get() == d>{t::today::WithinDays { count: within(d), days: d }.text()}</option> }).collect_view()}
                </select>
            </div>
            {move || view! {
                <DataTable caption=t::today::renewals_caption(horizon.get()) show_caption=true
                    columns=RENEWALS rows=shown() empty=t::today::renewals_none()/>
            }}
        </section>
        <section id="open-orders" aria-labelledby="open-orders-title">
            <h3 id="open-orders-title">{t::today::open()}</h3>
            <DataTable caption=t::today::open_caption().to_string() columns=OPEN_ORDERS rows=today.open_orders empty=t::today::open_none()/>
        </section>
        <section id="commitments" aria-labelledby="commitments-title">
            <h3 id="commitments-title">{t::today::commitments()}</h3>
            <DataTable caption=t::today::commitments_caption().to_string() columns=COMMITMENTS rows=today.commitments empty=t::today::commitments_none()/>
        </section>
        <section id="licenses-pending" aria-labelledby="licenses-pending-title">
            <h3 id="licenses-pending-title">{t::today::licenses()}</h3>
            <DataTable caption=t::today::licenses_caption().to_string() columns=LICENSES_PENDING rows=today.licenses_pending empty=t::today::licenses_none()/>
        </section>
        <section id="pending-customers" aria-labelledby="pending-customers-title">
            <h3 id="pending-customers-title">{t::today::pending()}</h3>
            <DataTable caption=t::today::pending_caption().to_string() columns=PENDING_CUSTOMERS rows=today.pending_customers empty=t::today::pending_none()/>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn renewing(on: &str) -> Subscription {
        Subscription {
            subscription_id: format!("s-{on}"),
            offer_id: "65304479CA01A12".into(),
            renewal_date: on.into(),
            status: Status::Active,
            ..Default::default()
        }
    }

    #[test]
    fn a_renewal_is_due_in_whole_days_today_included() {
        let who = Named { id: "1".into(), name: "Acme".into() };
        let subs = ["2026-03-09", "2026-03-10", "2026-03-11", "2026-04-09", "2026-04-10"].map(renewing).to_vec();
        for hour in [0, 9, 23] {
            let at = time::parse("2026-03-10").expect("a date") + hour * 3_600_000 + 1;
            let days: Vec<(String, u64)> =
                due(&who, subs.clone(), at, 30).into_iter().map(|d| (d.sub.renewal_date, d.days)).collect();
            let want = [("2026-03-10", 0), ("2026-03-11", 1), ("2026-04-09", 30)].map(|(d, n)| (d.to_string(), n));
            assert_eq!(days, want, "at {hour}:00 UTC: yesterday's is gone, today's is due today, 31 days is too far");
        }
    }
}
