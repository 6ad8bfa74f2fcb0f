//! A customer's order history: every documented filter (order type, status and offer id —
//! each repeatable and OR'ed — reseller id, reference order id, start and end date), pages of up
//! to 100 by `totalCount`, all state in the URL, CSV export of the filtered history.

use crate::api::calls::orders;
use crate::components::csv::{CsvExport, ExportPage};
use crate::components::filters::{FilterChecks, FilterDate, FilterSelect, FilterText};
use crate::components::loading::Load;
use crate::components::pager::{Paged, Pager};
use crate::components::query::{use_query_state, QueryState};
use crate::components::table::{Cell, Column, DataTable};
use crate::pages::area_home::AreaHome;
use crate::resources::{fetch, runtime};
use crate::runtime::href;
use leptos::prelude::*;
use leptos_router::components::A;
use partner_model::catalog::status::ResourceKind;
use partner_model::types::Order;

/// The documented filter values of Get Order History (any other is 1132).
const TYPES: &[(&str, &str)] = &[("NEW", "New"), ("TRANSFER", "Transfer"), ("RENEWAL", "Renewal")];
const STATUSES: &[(&str, &str)] =
    &[("1000", "Complete"), ("1002", "Open"), ("1004", "Failed"), ("1026", "Failed: invalid customer")];
const PAGE_SIZES: &[(&str, &str)] = &[("", "Default"), ("25", "25"), ("50", "50"), ("100", "100")];
const REPEATED: &[&str] = &["order-type", "status", "offer-id"];
const SINGLE: &[&str] = &["reseller-id", "reference-order-id", "start-date", "end-date"];

fn kind(o: &Order) -> String {
    o.order_type.as_ref().map(|t| t.as_str().to_string()).unwrap_or_default()
}

static COLUMNS: &[Column<Order>] = &[
    Column::new("Order", |o| Cell::Link {
        href: href(&format!("/customers/{}/orders/{}", o.customer_id, o.order_id)),
        text: o.order_id.clone(),
        code: false,
    }),
    Column::new("Type", |o| Cell::Text(kind(o))),
    Column::new("Status", |o| Cell::Status(ResourceKind::Order, o.status.as_str().to_string())),
    Column::new("Created", |o| Cell::Day(o.creation_date.clone())),
    Column::new("External reference", |o| Cell::Text(o.external_reference_id.clone())),
    Column::new("Reference order", |o| Cell::Text(o.reference_order_id.clone())),
    Column::new("Lines", |o: &Order| Cell::Text(o.line_items.len().to_string())).numeric(),
    Column::new("Total quantity", |o: &Order| Cell::Text(o.total_quantity().to_string())).numeric(),
];

/// The history filters of the URL as API parameters (repeated keys kept).
fn history_filters(query: &QueryState, limit: u32, offset: Option<u64>) -> Vec<(&'static str, String)> {
    let mut filters = Vec::new();
    for key in REPEATED {
        filters.extend(query.get_all(key).into_iter().map(|v| (*key, v)));
    }
    filters.extend(SINGLE.iter().map(|k| (*k, query.get(k))));
    let asked = query.get("limit");
    filters.push(("limit", if asked.is_empty() { limit.clamp(1, 100).to_string() } else { asked }));
    filters.push(("offset", offset.map(|o| o.to_string()).unwrap_or_else(|| query.get("offset"))));
    filters
}

/// `/orders?customer=…`: the customer's history, or what the area holds without a customer.
#[component]
pub fn OrderHistory() -> impl IntoView {
    let query = use_query_state();
    let customer = Memo::new(move |_| query.get("customer"));
    move || {
        let id = customer.get();
        if id.is_empty() {
            view! { <AreaHome path="/orders"/> }.into_any()
        } else {
            view! { <History customer=id/> }.into_any()
        }
    }
}

#[component]
fn History(customer: String) -> impl IntoView {
    let rt = runtime();
    let query = use_query_state();
    let page_size = rt.config.page_size;
    let (rt2, c2) = (rt.clone(), customer.clone());
    let page = LocalResource::new(move || fetch(orders::history(&rt2, &c2, &history_filters(&query, page_size, None))));
    let c3 = customer.clone();
    let export = move |offset: u64| {
        let mut filters = history_filters(&query, 100, Some(offset));
        filters.retain(|(k, _)| *k != "limit");
        filters.push(("limit", "100".into()));
        let endpoint = orders::history(&rt, &c3, &filters);
        async move {
            let p = fetch(endpoint).await?;
            Ok(ExportPage::by_offset(p.items, p.total_count, p.offset))
        }
    };
    view! {
        <section class="page">
            <div class="page-head">
                <h1>"Orders of customer " <code>{customer.clone()}</code></h1>
                <div class="actions">
                    <A href=href(&format!("/customers/{customer}")) attr:class="button">"Customer"</A>
                    <A href=href(&format!("/customers/{customer}/orders/new")) attr:class="button primary">"Place an order"</A>
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
            <Load resource=page what="orders" render=move |p| {
                let info = p.info(p.limit);
                view! {
                    <DataTable caption="Orders".to_string() columns=COLUMNS rows=p.items empty="No order matches these filters."/>
                    <Pager info noun="orders"/>
                }.into_any()
            }/>
            <CsvExport columns=COLUMNS fetch=export file_name=format!("orders-{customer}.csv")/>
        </section>
    }
}
