//! The reseller list: status, company name (with `*`), created dates, sorting by name or
//! date, pages of up to 50, CSV export of the whole filtered list.

use crate::api::calls::resellers;
use crate::components::csv::{CsvExport, ExportPage};
use crate::components::filters::{FilterDate, FilterSelect, FilterText};
use crate::components::loading::Load;
use crate::components::pager::{Paged, Pager};
use crate::components::query::use_query_state;
use crate::components::table::{Cell, Column, DataTable, SortKeys};
use crate::resources::{fetch, runtime};
use crate::runtime::href;
use leptos::prelude::*;
use leptos_router::components::A;
use partner_model::catalog::status::ResourceKind;
use partner_model::types::ResellerSummary;

/// The account list filters both lists share (resellers, customers).
pub const ACCOUNT_STATUSES: &[(&str, &str)] =
    &[("", "Active (default)"), ("1002", "Pending"), ("1004", "Inactive"), ("1026", "Invalid id")];
/// Page sizes of account lists (the API allows up to 50).
pub const ACCOUNT_PAGE_SIZES: &[(&str, &str)] = &[("", "Default"), ("10", "10"), ("25", "25"), ("50", "50")];
/// Sorting of account lists.
pub const ACCOUNT_SORT: SortKeys =
    SortKeys { by: "sort-by", order: "order-by", default_by: "creationDate", default_desc: true };
/// The filter keys of account lists, as the API names them.
pub const ACCOUNT_FILTERS: &[&str] =
    &["status", "company-name", "from-created-date", "to-created-date", "sort-by", "order-by", "limit", "offset"];

static COLUMNS: &[Column<ResellerSummary>] = &[
    Column::new("Company", |r: &ResellerSummary| Cell::Link {
        href: href(&format!("/resellers/{}", r.reseller_id)),
        text: r.company_profile.company_name.clone(),
        code: false,
    })
    .sorted("companyName"),
    Column::new("Reseller id", |r| Cell::Code(r.reseller_id.clone())),
    Column::new("Status", |r| Cell::Status(ResourceKind::Reseller, r.status.as_str().to_string())),
    Column::new("Created", |r: &ResellerSummary| Cell::Day(r.creation_date.clone())).sorted("creationDate"),
    Column::new("External reference", |r| Cell::Text(r.external_reference_id.clone())),
];

/// The filters of the current URL, as API parameters.
pub fn account_filters(
    query: &crate::components::query::QueryState,
    default_limit: u32,
) -> Vec<(&'static str, String)> {
    ACCOUNT_FILTERS
        .iter()
        .map(|k| {
            let v = query.get(k);
            let v = if *k == "limit" && v.is_empty() { default_limit.clamp(1, 50).to_string() } else { v };
            (*k, v)
        })
        .collect()
}

/// The filters of the current URL for the export's page at `offset` (50 rows, the API's most).
pub fn export_filters(query: &crate::components::query::QueryState, offset: u64) -> Vec<(&'static str, String)> {
    let mut filters: Vec<(&str, String)> =
        account_filters(query, 50).into_iter().filter(|(k, _)| *k != "offset" && *k != "limit").collect();
    filters.push(("limit", "50".into()));
    filters.push(("offset", offset.to_string()));
    filters
}

/// An export page from a page of accounts.
pub async fn export_page<T: serde::de::DeserializeOwned + Default>(
    endpoint: crate::api::calls::Endpoint<partner_model::types::AccountPage<T>>,
) -> Result<ExportPage<T>, crate::api::error::Failure> {
    let p = fetch(endpoint).await?;
    Ok(ExportPage::by_offset(p.accounts, p.total_count, p.offset))
}

/// The account list's filter bar.
#[component]
pub fn AccountFilters() -> impl IntoView {
    view! {
        <div class="filters" role="search" aria-label="Filters">
            <FilterSelect key="status" label="Status" options=ACCOUNT_STATUSES/>
            <FilterText key="company-name" label="Company name" hint="Use * for any text: Acme*"/>
            <FilterDate key="from-created-date" label="Created from"/>
            <FilterDate key="to-created-date" label="Created to"/>
            <FilterSelect key="limit" label="Rows per page" options=ACCOUNT_PAGE_SIZES/>
        </div>
    }
}

/// `/resellers`.
#[component]
pub fn ResellerList() -> impl IntoView {
    let rt = runtime();
    let query = use_query_state();
    let page_size = rt.config.page_size;
    let rt2 = rt.clone();
    let page = LocalResource::new(move || {
        let filters = account_filters(&query, page_size);
        fetch(resellers::list(&rt2, &filters))
    });
    let export = move |offset: u64| export_page(resellers::list(&rt, &export_filters(&query, offset)));
    view! {
        <section class="page">
            <div class="page-head">
                <h1>"Resellers"</h1>
                <A href=href("/resellers/new") attr:class="button primary">"Create a reseller"</A>
            </div>
            <AccountFilters/>
            <Load resource=page what="resellers" render=move |p| {
                let info = p.info(p.limit);
                view! {
                    <DataTable caption="Resellers".to_string() columns=COLUMNS rows=p.accounts sort=ACCOUNT_SORT empty="No reseller matches these filters."/>
                    <Pager info noun="resellers"/>
                }.into_any()
            }/>
            <CsvExport columns=COLUMNS fetch=export file_name="resellers.csv".to_string()/>
        </section>
    }
}
