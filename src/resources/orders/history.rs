//! A customer's order history: every documented filter (order type, status and offer id —
//! each repeatable and OR'ed — reseller id, reference order id, start and end date), pages of up
//! to 100 by `totalCount`, all state in the URL, CSV export of the filtered history.

use crate::api::calls::{orders, Endpoint};
use crate::components::filters::Choice;
use crate::components::filters::{FilterChecks, FilterDate, FilterSelect, FilterText};
use crate::components::list::{filters_of, paged, ListPage, ListSource};
use crate::components::names::{customer_name, title_of};
use crate::components::query::{use_query_state, QueryState};
use crate::components::table::{Cell, Column};
use crate::i18n::t;
use crate::resources::customers::list::PerReseller;
use crate::routes::To;
use crate::runtime::Runtime;
use leptos::prelude::*;
use leptos_router::components::A;
use partner_model::catalog::status::ResourceKind;
use partner_model::types::{Order, OrderHistoryPage};

/// The documented filter values of Get Order History (any other is 1132): the order-management
/// page's three types and the mid-term page's SWITCH.
pub(super) const TYPES: &[Choice] = super::TYPE_WORDS.split_at(4).0;
pub(super) const STATUSES: &[Choice] = &[
    ("1000", t::model::status::complete),
    ("1002", t::model::status::open),
    ("1004", t::model::status::failed),
    ("1026", t::model::status::failed_invalid_customer),
];
const PAGE_SIZES: &[Choice] = &[("", t::option::default), ("25", || "25"), ("50", || "50"), ("100", || "100")];
const REPEATED: &[&str] = &["order-type", "status", "offer-id"];
const SINGLE: &[&str] = &["reseller-id", "reference-order-id", "start-date", "end-date"];

pub(super) static COLUMNS: &[Column<Order>] = &[
    Column::text(t::column::order, |o| Cell::Link {
        href: To::Order { customer: &o.customer_id, id: &o.order_id }.href(),
        text: o.order_id.clone(),
        code: false,
    }),
    Column::text(t::column::r#type, |o| Cell::Words(super::type_words(o))),
    Column::text(t::column::status, |o| Cell::Status(ResourceKind::Order, o.status.as_str().to_string())),
    Column::text(t::column::created, |o| Cell::Day(o.creation_date.clone())),
    Column::text(t::column::external_reference, |o| Cell::Text(o.external_reference_id.clone())),
    Column::text(t::column::reference_order, |o| Cell::Text(o.reference_order_id.clone())),
    Column::text(t::column::lines, |o: &Order| Cell::Text(o.line_items.len().to_string())).numeric(),
    Column::text(t::column::total_quantity, |o: &Order| Cell::Text(o.total_quantity().to_string())).numeric(),
    Column::text(t::column::amount, amount).numeric(),
];

/// What Adobe invoiced (or credited) for a complete order; "—" when it gave no prices.
pub(super) fn amount(o: &Order) -> Cell {
    Cell::Text(super::total_of(o).unwrap_or_else(|| "—".into()))
}

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
        filters.extend(filters_of(query, SINGLE).into_iter().map(|(key, v)| match key {
            "end-date" => (key, through_day(v)),
            _ => (key, v),
        }));
        filters.push(("fetch-price", "true".into()));
        orders::history(rt, &self.0, &paged(filters, limit, offset))
    }
}

/// The `end-date` sent for the "To" date the reseller chose: the API reads a date alone as
/// its midnight (UTC), which would leave that day's orders out, so a date is sent as its last
/// second. A value with a time already is sent as it is.
fn through_day(date: String) -> String {
    if date.len() == 10 && partner_model::time::parse(&date).is_some() {
        format!("{date}T23:59:59Z")
    } else {
        date
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
                <PerReseller title=t::orders::title() to=|reseller| To::ResellerOrders { reseller } action=t::orders::show()
                    lede=t::orders::lede()
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
                {title_of(|n| t::title::orders_of(n), t::title::orders_of_customer, customer_name(&crate::resources::runtime(), &customer), customer.clone())}
                <div class="actions">
                    <A href=To::Customer(&customer).href() attr:class="button">{t::orders::customer()}</A>
                    <A href=To::NewOrder { customer: &customer, lines: &[] }.href() attr:class="button primary">{t::orders::place()}</A>
                </div>
            </div>
            <div class="filters" role="search" aria-label=t::filter::filters()>
                <FilterChecks key="order-type" label=t::filter::order_type() options=TYPES/>
                <FilterChecks key="status" label=t::filter::status() options=STATUSES/>
                <FilterText key="offer-id" label=t::filter::offer_id()/>
                <FilterText key="reference-order-id" label=t::filter::reference_order_id()/>
                <FilterText key="reseller-id" label=t::filter::reseller_id()/>
                <FilterDate key="start-date" label=t::filter::from()/>
                <FilterDate key="end-date" label=t::filter::to()/>
                <FilterSelect key="limit" label=t::filter::rows_per_page() options=PAGE_SIZES/>
            </div>
            <ListPage source=History(customer.clone()) columns=COLUMNS caption=t::orders::title().to_string() noun=t::noun::orders()
                empty=t::orders::none() export=format!("orders-{customer}.csv")/>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::through_day;

    #[test]
    fn the_to_date_takes_in_its_whole_day() {
        assert_eq!(through_day("2026-03-10".into()), "2026-03-10T23:59:59Z");
        assert_eq!(through_day("2026-03-10T08:00:00Z".into()), "2026-03-10T08:00:00Z");
        assert_eq!(through_day("tomorrow".into()), "tomorrow", "the API says what is wrong with it");
    }
}
