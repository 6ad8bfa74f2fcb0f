//! Open acquisitions: the licenses a customer added (in the Admin Console) that the partner has
//! not ordered yet, with how long each stays open and "order these", which opens Place an order
//! with those lines; and the reseller's LICENSES_PENDING_PARTNER_ORDER notifications, each
//! leading to a customer's open acquisitions.

use crate::api::calls::Endpoint;
use crate::api::calls::{customers, notifications};
use crate::components::detail::{day, now};
use crate::components::list::{ListPage, ListSource};
use crate::components::loading::{Load, Loaded};
use crate::components::names::{customer_cell, ResellerName};
use crate::components::query::QueryState;
use crate::components::table::{Cell, Column, DataTable};
use crate::i18n::t;
use crate::resources::customers::list::PerReseller;
use crate::resources::{fetch, runtime};
use crate::routes::route;
use crate::routes::{params, CustomerParams, To};
use crate::runtime::Runtime;
use leptos::prelude::*;
use leptos_router::any_nested_route::AnyNestedRoute;
use leptos_router::components::A;
use leptos_router::path;
use partner_model::time;
use partner_model::types::{NotificationItem, Notifications, OpenAcquisitions, UnpaidLicense};

/// `/customers/:customer/open-acquisitions`, `/notifications?reseller=…`.
pub fn acquisition_routes() -> Vec<AnyNestedRoute> {
    vec![
        route(
            path!("/customers/:customer/open-acquisitions"),
            crate::split_page!(customers, open_acquisitions_page, OpenAcquisitionsPage),
        ),
        route(path!("/notifications"), crate::split_page!(customers, pending_orders, PendingOrders)),
    ]
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
    let open = Loaded::new(move || fetch(customers::open_acquisitions(&rt, &customer.get())));
    view! {
        <section class="page">
            <div class="page-head">
                <h1>{t::pending::title()}</h1>
                <A href=move || To::Customer(&customer.get()).href() attr:class="button">{t::pending::customer()}</A>
            </div>
            <p class="lede">{t::pending::lede()}</p>
            <Load resource=open what=t::load::open_acquisitions() render=move |o: OpenAcquisitions| {
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
    let left = time::parse(&l.expiry_date)
        .map(|e| crate::format::left_words(time::left(e, at)))
        .unwrap_or_else(|| t::time::unknown().into());
    if urgent(l, at) {
        t::pending::order_now(left)
    } else {
        left
    }
}

/// A license pending an order, with the time the page was drawn.
static LICENSES: &[Column<(UnpaidLicense, u64)>] = &[
    Column::text(t::column::reference, |(l, _)| Cell::Code(l.reference_id.clone())),
    Column::text(t::column::product, |(l, _)| Cell::Text(l.product_name.clone())),
    Column::text(t::column::base_offer, |(l, _)| Cell::Code(l.base_offer_id.clone())),
    Column::text(t::column::quantity, |(l, _): &(UnpaidLicense, u64)| Cell::Text(l.quantity.to_string())).numeric(),
    Column::text(t::column::created, |(l, _)| Cell::Text(day(&l.creation_date))),
    Column::text(t::column::expires, |(l, _)| Cell::Text(crate::components::detail::moment_text(&l.expiry_date))),
    Column::text(t::column::time_left, |(l, at)| Cell::Words(time_left_text(l, *at))),
];

#[component]
fn Licenses(open: OpenAcquisitions, customer: String) -> impl IntoView {
    if open.unpaid_licenses.is_empty() {
        return view! { <p class="empty">{t::pending::none()}</p> }.into_any();
    }
    let at = now();
    let link = To::NewOrder { customer: &customer, lines: &order_these(&open.unpaid_licenses) }.href();
    let total: u64 = open.unpaid_licenses.iter().map(|l| l.quantity).fold(0, u64::saturating_add);
    let rows: Vec<(UnpaidLicense, u64)> = open.unpaid_licenses.into_iter().map(|l| (l, at)).collect();
    view! {
        <p role="status">{t::pending::count(total)}</p>
        <DataTable caption=t::pending::caption().to_string() show_caption=true columns=LICENSES rows empty=""
            row_class=|(l, at): &(UnpaidLicense, u64)| if urgent(l, *at) { "urgent" } else { "" }/>
        <p><A href=link attr:class="button primary">{t::pending::order_these()}</A> " " {t::pending::order_these_what()}</p>
    }
    .into_any()
}

/// `/notifications?reseller=…`: which customers of the reseller have licenses pending an order.
#[component]
fn PendingOrders() -> impl IntoView {
    view! {
        <PerReseller title=t::pending::title() to=|reseller| To::Notifications { reseller } action=t::pending::show()
            lede=t::pending::lede_choose()
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
    Column::text(t::column::customer, |i| customer_cell(&i.customer_id)),
    Column::text(t::column::notification, |i| Cell::Words(notification_words(&i.notification_type))),
    Column::text(t::column::open_acquisitions, |i| Cell::Action {
        href: To::OpenAcquisitions(&i.customer_id).href(),
        text: t::pending::see(),
        about: t::pending::of_customer(&i.customer_id),
    }),
];

/// A notification's type in words (`LICENSES_PENDING_PARTNER_ORDER`, the one this page asks
/// for); another shows as the API wrote it.
fn notification_words(code: &str) -> String {
    match code {
        "LICENSES_PENDING_PARTNER_ORDER" => t::pending::waiting().into(),
        other => other.into(),
    }
}

#[component]
fn PendingOf(reseller: String) -> impl IntoView {
    view! {
        <div class="page-head">
            <h1>{t::pending::title()}</h1>
            <A href=To::Reseller(&reseller).href() attr:class="button">{t::pending::reseller()}</A>
        </div>
        <p class="lede">{t::pending::customers_of()}" " <ResellerName id=reseller.clone()/></p>
        <ListPage source=Pending(reseller) columns=PENDING caption=t::pending::notifications().to_string() show_caption=true noun=t::noun::customers()
            empty=t::pending::no_customer()/>
    }
}
