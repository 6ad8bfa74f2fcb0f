//! A customer's order history: every documented filter (order type, status and offer id —
//! each repeatable and OR'ed — reseller id, reference order id, start and end date), pages of up
//! to 100 by `totalCount`, all state in the URL, CSV export of the filtered history.

use crate::api::calls::{orders, Endpoint};
use crate::components::filters::{FilterChecks, FilterDate, FilterSelect, FilterText};
use crate::components::list::{filters_of, paged, ListPage, ListSource};
use crate::components::names::{customer_name, title_of};
use crate::components::query::{use_query_state, QueryState};
use crate::components::table::{Cell, Column};
use crate::resources::customers::list::PerReseller;
use crate::routes::To;
use crate::runtime::Runtime;
use leptos::prelude::*;
use leptos_router::components::A;
use partner_model::catalog::status::ResourceKind;
use partner_model::types::{Order, OrderHistoryPage};

/// The documented filter values of Get Order History (any other is 1132): the order-management
/// page's three types and the mid-term page's SWITCH.
pub(super) const TYPES: &[(&str, &str)] = super::TYPE_WORDS.split_at(4).0;
pub(super) const STATUSES: &[(&str, &str)] =
    &[("1000", "Complete"), ("1002", "Open"), ("1004", "Failed"), ("1026", "Failed: invalid customer")];
const PAGE_SIZES: &[(&str, &str)] = &[("", "Default"), ("25", "25"), ("50", "50"), ("100", "100")];
const REPEATED: &[&str] = &["order-type", "status", "offer-id"];
const SINGLE: &[&str] = &["reseller-id", "reference-order-id", "start-date", "end-date"];

pub(super) static COLUMNS: &[Column<Order>] = &[
    Column::new("Order", |o| Cell::Link {
        href: To::Order { customer: &o.customer_id, id: &o.order_id }.href(),
        text: o.order_id.clone(),
        code: false,
    }),
    Column::new("Type", |o| Cell::Text(super::type_words(o))),
    Column::new("Status", |o| Cell::Status(ResourceKind::Order, o.status.as_str().to_string())),
    Column::new("Created", |o| Cell::Day(o.creation_date.clone())),
    Column::new("External reference", |o| Cell::Text(o.external_reference_id.clone())),
    Column::new("Reference order", |o| Cell::Text(o.reference_order_id.clone())),
    Column::new("Lines", |o: &Order| Cell::Text(o.line_items.len().to_string())).numeric(),
    Column::new("Total quantity", |o: &Order| Cell::Text(o.total_quantity().to_string())).numeric(),
];

/// A customer's order history, with every filter of the URL (repeated keys kept).
#[derive(Clone)]
struct History(String);

impl ListSource for History {
    type Answer = OrderHistoryPage;
    type Row = Order;
    const MAX_LIMIT: u32 = 100;

    fn call(&self, rt: &Runtime, query: &QueryState, limit: u32, offset: u64) -> Endpoint<OrderHistoryPage> {
        let mut filters = Vec::new();
        for key in REPEATED {
            filters.extend(query.get_all(key).into_iter().map(|v| (*key, v)));
        }
        filters.extend(filters_of(query, SINGLE));
        orders::history(rt, &self.0, &paged(filters, limit, offset))
    }
}

/// `/orders?customer=…`: the customer's history; `/orders?reseller=…` (or, for a user of one
/// reseller, `/orders`): the orders of all its customers.
#[component]
pub fn OrderHistory() -> impl IntoView {
    let query = use_query_state();
    let customer = Memo::new(move |_| query.get("customer"));
    move || {
        let id = customer.get();
        if id.is_empty() {
            view! {
                <PerReseller title="Orders" to=|reseller| To::ResellerOrders { reseller } action="Show orders"
                    lede="The orders of every customer of a reseller, newest first. Choose the reseller; a customer's own history is on its page."
                    page=|id| view! { <super::across::ResellerOrders reseller=id/> }.into_any()/>
            }
            .into_any()
        } else {
            view! { <CustomerOrders customer=id/> }.into_any()
        }
    }
}

#[component]
fn CustomerOrders(customer: String) -> impl IntoView {
    view! {
        <section class="page">
            <div class="page-head">
                {title_of("Orders", "customer", customer_name(&crate::resources::runtime(), &customer), customer.clone())}
                <div class="actions">
                    <A href=To::Customer(&customer).href() attr:class="button">"Customer"</A>
                    <A href=To::NewOrder { customer: &customer, lines: &[] }.href() attr:class="button primary">"Place an order"</A>
                </div>
            </div>
            <div class="filters" role="search" aria-label="Filters">
                <FilterChecks key="order-type" label="Order type" options=TYPES/>
                <FilterChecks key="status" label="Status" options=STATUSES/>
                <FilterText key="offer-id" label="Offer id"/>
                <FilterText key="reference-order-id" label="Reference order id"/>
                <FilterText key="reseller-id" label="Reseller id"/>
                <FilterDate key="start-date" label="From"/>
                <FilterDate key="end-date" label="To"/>
                <FilterSelect key="limit" label="Rows per page" options=PAGE_SIZES/>
            </div>
            <ListPage source=History(customer.clone()) columns=COLUMNS caption="Orders".to_string() noun="orders"
                empty="No order matches these filters." export=format!("orders-{customer}.csv")/>
        </section>
    }
}
