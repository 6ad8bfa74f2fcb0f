//! The orders of every customer of a reseller, newest first: read across its customers (each
//! customer's history with no start date, which the API reads as its current term's start:
//! the page says so, and a customer's own history filters by any dates;
//! [`crate::components::across::AT_ONCE`] customers at a time, with progress), kept for the page's life and refreshable, then filtered in the page by type,
//! status and the customer's name (all in the URL). An order opens without knowing its
//! customer; a customer whose history could not be read is named.

use super::history::{STATUSES, TYPES};
use crate::api::calls::orders;
use crate::api::error::Failure;
use crate::components::across::{across_head, all_customers, each_active, not_read, use_reading, Named};
use crate::components::error_panel::ErrorPanel;
use crate::components::filters::{FilterChecks, FilterText};
use crate::components::list::RowsList;
use crate::components::pager::read_all;
use crate::components::query::use_query_state;
use crate::components::table::{Cell, Column, SortKeys};
use crate::i18n::t;
use crate::resources::fetch;
use crate::routes::To;
use leptos::prelude::*;
use partner_model::catalog::status::ResourceKind;
use partner_model::types::Order;

/// What was read for one reseller: every order with its customer, and the customers whose
/// history failed.
#[derive(Clone, Debug, Default, PartialEq)]
struct Read {
    orders: Vec<(Named, Order)>,
    failed: Vec<(Named, String)>,
}

static COLUMNS: &[Column<(Named, Order)>] = &[
    Column::text(t::column::order, |(c, o): &(Named, Order)| Cell::Link {
        href: To::Order { customer: &c.id, id: &o.order_id }.href(),
        text: o.order_id.clone(),
        code: false,
    })
    .sorted("order"),
    Column::text(t::column::customer, |(c, _): &(Named, Order)| c.cell()).sorted("customer"),
    Column::text(t::column::r#type, |(_, o): &(Named, Order)| Cell::Words(super::type_words(o))).sorted("type"),
    Column::text(t::column::status, |(_, o): &(Named, Order)| {
        Cell::Status(ResourceKind::Order, o.status.as_str().to_string())
    })
    .sorted("status"),
    Column::text(t::column::created, |(_, o): &(Named, Order)| Cell::Day(o.creation_date.clone())).sorted("created"),
    Column::text(t::column::total_quantity, |(_, o): &(Named, Order)| Cell::Text(o.total_quantity().to_string()))
        .numeric()
        .sorted("quantity"),
    Column::text(t::column::amount, |(_, o): &(Named, Order)| super::history::amount(o)).numeric(),
];

async fn read(
    rt: crate::runtime::Runtime,
    reseller: String,
    progress: RwSignal<(usize, usize)>,
) -> Result<Read, Failure> {
    let customers = all_customers(&rt, &reseller).await?;
    let results = each_active(&rt, &customers, progress, |rt, who| async move {
        read_all(100, |offset| {
            let page = [("limit", "100".to_string()), ("offset", offset.to_string()), ("fetch-price", "true".into())];
            fetch(orders::history(&rt, &who.id, &page))
        })
        .await
    })
    .await;
    let mut out = Read::default();
    for (who, result) in results {
        match result {
            Ok(list) => out.orders.extend(list.into_iter().map(|o| (who.clone(), o))),
            Err(f) => out.failed.push((who, f.error.what_happened())),
        }
    }
    partner_model::sort::stable_by(&mut out.orders, |a, b| {
        b.1.creation_date.cmp(&a.1.creation_date).then_with(|| b.1.order_id.cmp(&a.1.order_id))
    });
    partner_model::sort::stable_by(&mut out.failed, |a, b| a.0.name.cmp(&b.0.name));
    Ok(out)
}

/// Whether `order` of `customer` passes the URL's filters.
fn shown(customer: &Named, order: &Order, types: &[String], statuses: &[String], name: &str) -> bool {
    let kind = order.order_type.as_ref().map(|t| t.as_str()).unwrap_or_default();
    (types.is_empty() || types.iter().any(|t| t == kind))
        && (statuses.is_empty() || statuses.iter().any(|s| s == order.status.as_str()))
        && (name.is_empty() || crate::format::lower(&customer.name).contains(&crate::format::lower(name)))
}

/// Newest first unless the reseller sorts by another column.
const SORT: SortKeys = SortKeys { by: "sort-by", order: "order-by", default_by: "created", default_desc: true };

/// `/orders?reseller=…`.
#[component]
pub fn ResellerOrders(reseller: String) -> impl IntoView {
    let query = use_query_state();
    let reading = use_reading("orders", reseller.clone(), read);
    let data = reading.data;
    let rows = Memo::new(move |_| {
        let (types, statuses, name) = (query.get_all("order-type"), query.get_all("status"), query.get("company-name"));
        data.with(|d| {
            d.as_ref()
                .map(|d| {
                    d.orders
                        .iter()
                        .filter(|(c, o)| shown(c, o, &types, &statuses, name.trim()))
                        .cloned()
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let status =
        move || reading.status(|d| t::across::OrdersShown { all: d.orders.len(), shown: rows.with(Vec::len) }.text());
    view! {
        {across_head(|n| t::title::orders_of(n), t::title::orders_of_reseller, &reseller, reading)}
        <p class="lede">{t::across::orders_lede()}</p>
        <div class="filters" role="search" aria-label=t::filter::filters()>
            <FilterChecks key="order-type" label=t::filter::order_type() options=TYPES/>
            <FilterChecks key="status" label=t::filter::status() options=STATUSES/>
            <FilterText key="company-name" label=t::filter::customer_name() hint=t::filter::name_hint()/>
        </div>
        <p role="status" class="position">{status}</p>
        {move || reading.failure.get().map(|f| view! { <ErrorPanel failure=f/> })}
        {move || reading.data.with(|d| d.as_ref().map(|d| not_read(d.failed.clone())))}
        {move || data.with(|d| d.is_some()).then(|| view! {
            <RowsList rows=rows.into() columns=COLUMNS caption=t::orders::title().to_string() noun=t::noun::orders()
                empty=t::orders::none() sort=SORT export=format!("orders-{reseller}.csv")/>
        })}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use partner_model::types::{OrderType, Status};

    #[test]
    fn filters_match_type_status_and_part_of_the_customers_name() {
        let who = Named { id: "1".into(), name: "Fairmont Hotels Group".into() };
        let order = Order { order_type: Some(OrderType::Switch), status: Status::Active, ..Default::default() };
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert!(shown(&who, &order, &[], &[], ""));
        assert!(shown(&who, &order, &s(&["NEW", "SWITCH"]), &s(&["1000"]), "hotels"));
        assert!(!shown(&who, &order, &s(&["NEW"]), &[], ""));
        assert!(!shown(&who, &order, &[], &s(&["1002"]), ""));
        assert!(!shown(&who, &order, &[], &[], "cedar"));
    }
}
