//! The reseller list: status, company name (with `*`), sorting by name or date, pages of up to
//! 50, CSV export of the whole filtered list. Created dates filter the customer list only: the
//! reseller list's page documents `status`, `company-name`, `sort-by`, `order-by` and paging,
//! and an undocumented filter the API ignores would show an unfiltered list as filtered.

use crate::api::calls::{resellers, Endpoint};
use crate::components::filters::Choice;
use crate::components::filters::{FilterDate, FilterSelect, FilterText};
use crate::components::list::{filters_of, paged, ListPage, ListSource};
use crate::components::query::QueryState;
use crate::components::table::{Cell, Column, SortKeys};
use crate::i18n::t;
use crate::routes::To;
use crate::runtime::Runtime;
use leptos::prelude::*;
use leptos_router::components::A;
use partner_model::catalog::status::ResourceKind;
use partner_model::types::{ResellerListPage, ResellerSummary};

/// The account list filters both lists share (resellers, customers).
pub const ACCOUNT_STATUSES: &[Choice] = &[
    ("", t::option::active_default),
    ("1002", t::model::status::pending),
    ("1004", t::model::status::inactive),
    ("1026", t::option::invalid_id),
];
/// Page sizes of account lists (the API allows up to 50).
pub const ACCOUNT_PAGE_SIZES: &[Choice] =
    &[("", t::option::default), ("10", || "10"), ("25", || "25"), ("50", || "50")];
/// Sorting of account lists.
pub const ACCOUNT_SORT: SortKeys =
    SortKeys { by: "sort-by", order: "order-by", default_by: "creationDate", default_desc: true };
/// The filter keys of the reseller list, as the API names them.
pub const RESELLER_FILTERS: &[&str] = &["status", "company-name", "sort-by", "order-by"];
/// The filter keys of the customer list: the reseller list's and the created dates.
pub const CUSTOMER_FILTERS: &[&str] =
    &["status", "company-name", "from-created-date", "to-created-date", "sort-by", "order-by"];

static COLUMNS: &[Column<ResellerSummary>] = &[
    Column::text(t::column::company, |r: &ResellerSummary| Cell::Link {
        href: To::Reseller(&r.reseller_id).href(),
        text: r.company_profile.company_name.clone(),
        code: false,
    })
    .sorted("companyName"),
    Column::text(t::column::reseller_id, |r| Cell::Code(r.reseller_id.clone())),
    Column::text(t::column::status, |r| Cell::Status(ResourceKind::Reseller, r.status.as_str().to_string())),
    Column::text(t::column::created, |r: &ResellerSummary| Cell::Day(r.creation_date.clone())).sorted("creationDate"),
    Column::text(t::column::external_reference, |r| Cell::Text(r.external_reference_id.clone())),
];

/// The URL's filters of an account list (`keys`: [`RESELLER_FILTERS`] or
/// [`CUSTOMER_FILTERS`]), with the page asked for, as API parameters.
pub fn account_filters(
    keys: &[&'static str],
    query: &QueryState,
    limit: u32,
    offset: u64,
) -> Vec<(&'static str, String)> {
    let filters = filters_of(query, keys).into_iter().map(|(k, v)| match k {
        "company-name" => (k, contains(&v)),
        _ => (k, v),
    });
    paged(filters.collect(), limit, offset)
}

/// A company name typed without `*` finds the names that contain it (the API's wildcard, on
/// both sides); with a `*`, the reseller said where the rest goes.
pub fn contains(name: &str) -> String {
    let name = name.trim();
    if name.is_empty() || name.contains('*') {
        name.to_string()
    } else {
        format!("*{name}*")
    }
}

/// The distributor's resellers.
#[derive(Clone)]
struct Resellers;

impl ListSource for Resellers {
    type Answer = ResellerListPage;
    type Row = ResellerSummary;
    const MAX_LIMIT: u32 = 50;

    fn call(&self, rt: &Runtime, query: &QueryState, limit: u32, offset: u64) -> Endpoint<ResellerListPage> {
        resellers::list(rt, &account_filters(RESELLER_FILTERS, query, limit, offset))
    }
}

/// The account list's filter bar; `dates` for the created dates (the customer list's).
#[component]
pub fn AccountFilters(#[prop(optional)] dates: bool) -> impl IntoView {
    let dates = dates.then(|| {
        view! {
            <FilterDate key="from-created-date" label=t::resellers::created_from()/>
            <FilterDate key="to-created-date" label=t::resellers::created_to()/>
        }
    });
    view! {
        <div class="filters" role="search" aria-label=t::resellers::filters()>
            <FilterSelect key="status" label=t::resellers::status() options=ACCOUNT_STATUSES/>
            <FilterText key="company-name" label=t::resellers::company_name() hint=t::resellers::name_hint()/>
            {dates}
            <FilterSelect key="limit" label=t::resellers::rows() options=ACCOUNT_PAGE_SIZES/>
        </div>
    }
}

/// `/resellers`.
#[component]
pub fn ResellerList() -> impl IntoView {
    view! {
        <section class="page">
            <div class="page-head">
                <h1>{t::resellers::title()}</h1>
                <A href=To::NewReseller.href() attr:class="button primary">{t::resellers::create()}</A>
            </div>
            <AccountFilters/>
            <ListPage source=Resellers columns=COLUMNS caption=t::resellers::title().to_string() noun=t::noun::resellers()
                sort=ACCOUNT_SORT empty=t::resellers::none() export="resellers.csv".to_string()/>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::contains;

    #[test]
    fn a_name_without_a_wildcard_is_searched_anywhere_in_the_name() {
        assert_eq!(contains("cedar"), "*cedar*");
        assert_eq!(contains(" Cedar Creek "), "*Cedar Creek*");
        assert_eq!(contains("Cedar*"), "Cedar*", "the reseller's own wildcard is kept");
        assert_eq!(contains(""), "");
    }
}
