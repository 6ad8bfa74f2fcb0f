//! A customer's subscriptions. The API returns them all at once; the list filters them as the
//! reseller types (product, offer or subscription id) and by status, sorts by any column, pages
//! (200 rows a page unless the URL says otherwise, so thousands stay fast) and exports CSV.
//! Rows are shared (`Arc`), so filtering and sorting copy pointers, not subscriptions.

use super::renewal_text;
use crate::api::calls::subscriptions;
use crate::components::filters::Choice;
use crate::components::filters::FilterChecks;
use crate::components::list::RowsList;
use crate::components::loading::{Load, Loaded};
use crate::components::names::{customer_name, title_of};
use crate::components::query::use_query_state;
use crate::components::table::{Cell, Column, SortKeys};
use crate::i18n::t;
use crate::resources::customers::list::PerReseller;
use crate::resources::{fetch_items, runtime};
use crate::routes::To;
use leptos::prelude::*;
use leptos_router::components::A;
use partner_model::catalog::status::ResourceKind;
use partner_model::types::Subscription;
use std::sync::Arc;

/// A subscription with its customer (for links).
type Row = Arc<(String, Subscription)>;

/// Rows a page when the URL says nothing.
const PAGE: u32 = 200;
const SORT: SortKeys = SortKeys { by: "sort-by", order: "order-by", default_by: "", default_desc: false };
const STATUSES: &[Choice] =
    &[("1000", t::model::status::active), ("1004", t::model::status::inactive), ("1002", t::model::status::pending)];

fn quantity(q: Option<u64>) -> String {
    q.map(|q| q.to_string()).unwrap_or_default()
}

/// The subscription by its product's name (once the catalog has it), its id beside.
fn product_link(r: &Row) -> Cell {
    let (customer, s) = (&r.0, &r.1);
    let href = To::Subscription { customer, id: &s.subscription_id }.href();
    let offer = s.offer_id.clone();
    let catalog = crate::catalog::catalog();
    let view = view! {
        <a href=href translate="no">{move || catalog.name(&offer).unwrap_or_else(|| offer.clone())}</a>
        " " <code class="id">{s.subscription_id.clone()}</code>
    };
    Cell::View(view.into_any(), format!("{} {}", catalog.label_untracked(&s.offer_id), s.subscription_id))
}

static COLUMNS: &[Column<Row>] = &[
    Column::text(t::column::subscription, product_link).sorted("product"),
    Column::text(t::column::current, |r: &Row| Cell::Text(quantity(r.1.current_quantity))).numeric().sorted("current"),
    Column::text(t::column::used, |r: &Row| Cell::Text(quantity(r.1.used_quantity))).numeric().sorted("used"),
    Column::text(t::column::renewed, |r: &Row| Cell::Text(quantity(r.1.renewed_quantity))).numeric().sorted("renewed"),
    Column::text(t::column::renews, |r: &Row| Cell::Day(r.1.renewal_date.clone())).sorted("renewal"),
    Column::text(t::column::auto_renewal, |r: &Row| Cell::Words(renewal_text(&r.1))).sorted("auto-renewal"),
    Column::text(t::column::status, |r: &Row| {
        Cell::Status(ResourceKind::Subscription, r.1.status.as_str().to_string())
    })
    .sorted("status"),
];

/// Whether `haystack` holds `needle`, ASCII letters in either case (ids are ASCII), without
/// copying either.
fn contains_ignoring_case(haystack: &str, needle: &str) -> bool {
    needle.is_empty() || haystack.as_bytes().windows(needle.len()).any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// `/subscriptions?customer=…`; `/subscriptions?reseller=…` (or, for a user of one reseller,
/// `/subscriptions`): the subscriptions of all its customers.
#[component]
pub fn SubscriptionList() -> impl IntoView {
    let query = use_query_state();
    let customer = Memo::new(move |_| query.get("customer"));
    move || {
        let id = customer.get();
        if id.is_empty() {
            view! {
                <PerReseller title=t::subscriptions::title() to=|reseller| To::ResellerSubscriptions { reseller } action=t::subscriptions::show()
                    lede=t::subscriptions::lede()
                    page=|id| view! { <super::across::ResellerSubscriptions reseller=id/> }.into_any()/>
            }
            .into_any()
        } else {
            view! { <Subscriptions customer=id/> }.into_any()
        }
    }
}

#[component]
fn Subscriptions(customer: String) -> impl IntoView {
    let rt = runtime();
    let c2 = customer.clone();
    // The rows are made once, as the answer is kept: each look at it (`Loaded` hands out a
    // copy) then copies a pointer, not thousands of subscriptions.
    let list = Loaded::new(move || {
        let items = fetch_items(subscriptions::list(&rt, &c2));
        let customer = c2.clone();
        async move {
            let items = items.await?;
            let rows: Arc<Vec<Row>> = Arc::new(items.into_iter().map(|s| Arc::new((customer.clone(), s))).collect());
            Ok(rows)
        }
    });
    let query = use_query_state();
    let filter = RwSignal::new(String::new());
    let c3 = customer.clone();
    // The products' names, for the links and the search.
    let catalog = crate::catalog::catalog();
    catalog.ensure(&runtime());
    view! {
        <section class="page">
            <div class="page-head">
                {title_of(|n| t::title::subscriptions_of(n), t::title::subscriptions_of_customer, customer_name(&crate::resources::runtime(), &customer), customer.clone())}
                <A href=To::Customer(&customer).href() attr:class="button">{t::subscriptions::customer()}</A>
            </div>
            <div class="filters" role="search" aria-label=t::subscriptions::filter()>
                <div class="filter">
                    <label for="filter-subscriptions">{t::subscriptions::filter_label()}</label>
                    <input id="filter-subscriptions" type="search" prop:value=move || filter.get()
                        on:input=move |ev| {
                            filter.set(event_target_value(&ev));
                            if !query.get_untracked("offset").is_empty() {
                                query.set(&[("offset", String::new())], true);
                            }
                        }/>
                </div>
                <FilterChecks key="status" label=t::filter::status() options=STATUSES/>
            </div>
            <Load resource=list what=t::load::subscriptions() render=move |all| {
                let rows = Signal::derive(move || {
                    let needle = filter.get();
                    let needle = needle.trim();
                    let statuses = query.get_all("status");
                    // The names read once for the whole pass; each row compares without copying.
                    catalog.with_names(|names| {
                        all.iter()
                            .filter(|r| statuses.is_empty() || statuses.iter().any(|st| st == r.1.status.as_str()))
                            .filter(|r| {
                                needle.is_empty()
                                    || contains_ignoring_case(&r.1.offer_id, needle)
                                    || contains_ignoring_case(&r.1.subscription_id, needle)
                                    || names.get(crate::catalog::product_of(&r.1.offer_id)).is_some_and(|n| contains_ignoring_case(n, needle))
                            })
                            .cloned()
                            .collect::<Vec<_>>()
                    })
                });
                view! {
                    <RowsList rows columns=COLUMNS caption=t::subscriptions::caption().to_string() noun=t::noun::subscriptions()
                        empty=t::subscriptions::none() sort=SORT default_limit=PAGE export=format!("subscriptions-{}.csv", c3)/>
                }.into_any()
            }/>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::contains_ignoring_case;

    #[test]
    fn ids_match_in_either_case() {
        assert!(contains_ignoring_case("65322651CA01A12", "ca01"));
        assert!(contains_ignoring_case("6e159ae8300518f883e46fc14331f7NA", "F7na"));
        assert!(contains_ignoring_case("anything", ""));
        assert!(!contains_ignoring_case("65322651CA01A12", "ca02"));
        assert!(!contains_ignoring_case("ab", "abc"));
    }
}
