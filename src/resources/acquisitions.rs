//! Open acquisitions: the licenses a customer added (in the Admin Console) that the partner has
//! not ordered yet, with how long each stays open and "order these", which opens Place an order
//! with those lines; and the reseller's LICENSES_PENDING_PARTNER_ORDER notifications, each
//! leading to a customer's open acquisitions.

use crate::api::calls::Endpoint;
use crate::api::calls::{customers, notifications};
use crate::components::detail::{day, now};
use crate::components::list::{ListPage, ListSource};
use crate::components::loading::Load;
use crate::components::names::{customer_cell, ResellerName};
use crate::components::query::QueryState;
use crate::components::table::{Cell, Column, DataTable};
use crate::resources::customers::list::PerReseller;
use crate::resources::{fetch, runtime};
use crate::routes::{params, CustomerParams, To};
use crate::runtime::Runtime;
use leptos::prelude::*;
use leptos_router::any_nested_route::{AnyNestedRoute, IntoAnyNestedRoute};
use leptos_router::components::{Route, A};
use leptos_router::path;
use partner_model::time::{self, time_left};
use partner_model::types::{NotificationItem, Notifications, OpenAcquisitions, UnpaidLicense};

/// `/customers/:customer/open-acquisitions`, `/notifications?reseller=…`.
#[component(transparent)]
pub fn AcquisitionRoutes() -> AnyNestedRoute {
    view! {
        <Route path=path!("/customers/:customer/open-acquisitions") view={crate::split_page!(customers, open_acquisitions_page, OpenAcquisitionsPage)}/>
        <Route path=path!("/notifications") view={crate::split_page!(customers, pending_orders, PendingOrders)}/>
    }
    .into_inner()
    .into_any_nested_route()
}

/// The lines to place an order for `licenses` with: one per base offer (quantities of the same
/// offer added up), in the order they first appear.
pub fn order_these(licenses: &[UnpaidLicense]) -> Vec<(&str, u64)> {
    let mut lines: Vec<(&str, u64)> = Vec::new();
    for l in licenses.iter().filter(|l| !l.base_offer_id.is_empty() && l.quantity > 0) {
        match lines.iter_mut().find(|(o, _)| *o == l.base_offer_id) {
            Some((_, q)) => *q = q.saturating_add(l.quantity),
            None => lines.push((&l.base_offer_id, l.quantity)),
        }
    }
    lines
}

/// `/customers/:customer/open-acquisitions`.
#[component]
fn OpenAcquisitionsPage() -> impl IntoView {
    let rt = runtime();
    let params = params::<CustomerParams>();
    let customer = Memo::new(move |_| params.read().customer.clone());
    let open = LocalResource::new(move || fetch(customers::open_acquisitions(&rt, &customer.get())));
    view! {
        <section class="page">
            <div class="page-head">
                <h1>"Licenses pending an order"</h1>
                <A href=move || To::Customer(&customer.get()).href() attr:class="button">"Customer"</A>
            </div>
            <p class="lede">"Licenses the customer added that no order has paid for yet. Each stays open until its expiry; order them before then."</p>
            <Load resource=open what="the open acquisitions" render=move |o: OpenAcquisitions| {
                view! { <Licenses open=o customer=customer.get_untracked()/> }.into_any()
            }/>
        </section>
    }
}

/// Whether the license closes within a day of `at`.
fn urgent(l: &UnpaidLicense, at: u64) -> bool {
    time::parse(&l.expiry_date).is_some_and(|e| e.saturating_sub(at) < time::DAY)
}

fn time_left_text(l: &UnpaidLicense, at: u64) -> String {
    let left = time::parse(&l.expiry_date).map(|e| time_left(e, at)).unwrap_or_else(|| "unknown".into());
    if urgent(l, at) {
        format!("{left} — order now")
    } else {
        left
    }
}

/// A license pending an order, with the time the page was drawn.
static LICENSES: &[Column<(UnpaidLicense, u64)>] = &[
    Column::new("Reference", |(l, _)| Cell::Code(l.reference_id.clone())),
    Column::new("Product", |(l, _)| Cell::Text(l.product_name.clone())),
    Column::new("Base offer", |(l, _)| Cell::Code(l.base_offer_id.clone())),
    Column::new("Quantity", |(l, _): &(UnpaidLicense, u64)| Cell::Text(l.quantity.to_string())).numeric(),
    Column::new("Created", |(l, _)| Cell::Text(day(&l.creation_date))),
    Column::new("Expires", |(l, _)| Cell::Text(crate::components::detail::moment_text(&l.expiry_date))),
    Column::new("Time left", |(l, at)| Cell::Text(time_left_text(l, *at))),
];

#[component]
fn Licenses(open: OpenAcquisitions, customer: String) -> impl IntoView {
    if open.unpaid_licenses.is_empty() {
        return view! { <p class="empty">"No licenses are waiting for an order."</p> }.into_any();
    }
    let at = now();
    let link = To::NewOrder { customer: &customer, lines: &order_these(&open.unpaid_licenses) }.href();
    let total: u64 = open.unpaid_licenses.iter().map(|l| l.quantity).fold(0, u64::saturating_add);
    let rows: Vec<(UnpaidLicense, u64)> = open.unpaid_licenses.into_iter().map(|l| (l, at)).collect();
    view! {
        <p role="status">{format!("{total} license(s) pending an order.")}</p>
        <DataTable caption="Open acquisitions".to_string() show_caption=true columns=LICENSES rows empty=""
            row_class=|(l, at): &(UnpaidLicense, u64)| if urgent(l, *at) { "urgent" } else { "" }/>
        <p><A href=link attr:class="button primary">"Order these"</A> " Opens Place an order with these lines; the preview then gives the offer ids the customer gets."</p>
    }
    .into_any()
}

/// `/notifications?reseller=…`: which customers of the reseller have licenses pending an order.
#[component]
fn PendingOrders() -> impl IntoView {
    view! {
        <PerReseller title="Licenses pending an order" to=|reseller| To::Notifications { reseller } action="Show notifications"
            lede="Adobe notifies a reseller when a customer adds licenses that still need an order. Choose the reseller."
            page=|id| view! { <PendingOf reseller=id/> }.into_any()/>
    }
}

/// The reseller's customers with licenses pending an order.
#[derive(Clone)]
struct Pending(String);

impl ListSource for Pending {
    type Answer = Notifications;
    type Row = NotificationItem;
    const MAX_LIMIT: u32 = 100;

    fn call(&self, rt: &Runtime, _query: &QueryState, limit: u32, offset: u64) -> Endpoint<Notifications> {
        notifications::licenses_pending(rt, &self.0, limit, offset)
    }
}

static PENDING: &[Column<NotificationItem>] = &[
    Column::new("Customer", |i| customer_cell(&i.customer_id)),
    Column::new("Notification", |i| Cell::Text(notification_words(&i.notification_type))),
    Column::new("Open acquisitions", |i| Cell::Action {
        href: To::OpenAcquisitions(&i.customer_id).href(),
        text: "See the licenses",
        label: format!("Licenses pending an order for customer {}", i.customer_id),
    }),
];

/// A notification's type in words (`LICENSES_PENDING_PARTNER_ORDER`, the one this page asks
/// for); another shows as the API wrote it.
fn notification_words(code: &str) -> String {
    match code {
        "LICENSES_PENDING_PARTNER_ORDER" => "Licenses added, waiting for your order".into(),
        other => other.into(),
    }
}

#[component]
fn PendingOf(reseller: String) -> impl IntoView {
    view! {
        <div class="page-head">
            <h1>"Licenses pending an order"</h1>
            <A href=To::Reseller(&reseller).href() attr:class="button">"Reseller"</A>
        </div>
        <p class="lede">"Customers of " <ResellerName id=reseller.clone()/> " with licenses they added that still need an order."</p>
        <ListPage source=Pending(reseller) columns=PENDING caption="Notifications".to_string() show_caption=true noun="customers"
            empty="No customer of this reseller has licenses pending an order."/>
    }
}
