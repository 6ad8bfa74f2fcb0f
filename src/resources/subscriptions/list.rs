//! A customer's subscriptions. The API returns them all at once; the list filters them as the
//! reseller types (offer or subscription id) and shows 200 rows at a time, so thousands stay
//! fast.

use super::renewal_text;
use crate::api::calls::subscriptions;
use crate::components::loading::Load;
use crate::components::names::{customer_name, title_of};
use crate::components::query::use_query_state;
use crate::components::table::{Cell, Column, DataTable};
use crate::resources::customers::list::PerReseller;
use crate::resources::{fetch, runtime};
use crate::routes::To;
use leptos::prelude::*;
use leptos_router::components::A;
use partner_model::catalog::status::ResourceKind;
use partner_model::types::Subscription;

const STEP: usize = 200;

fn quantity(q: Option<u64>) -> String {
    q.map(|q| q.to_string()).unwrap_or_default()
}

static COLUMNS: &[Column<(String, Subscription)>] = &[
    Column::new("Subscription", |(customer, s)| Cell::Link {
        href: To::Subscription { customer, id: &s.subscription_id }.href(),
        text: s.subscription_id.clone(),
        code: false,
    }),
    Column::new("Product", |(_, s)| Cell::Product(s.offer_id.clone())),
    Column::new("Current", |(_, s): &(String, Subscription)| Cell::Text(quantity(s.current_quantity))).numeric(),
    Column::new("Used", |(_, s): &(String, Subscription)| Cell::Text(quantity(s.used_quantity))).numeric(),
    Column::new("Renewed", |(_, s): &(String, Subscription)| Cell::Text(quantity(s.renewed_quantity))).numeric(),
    Column::new("Renews", |(_, s)| Cell::Day(s.renewal_date.clone())),
    Column::new("Auto-renewal", |(_, s)| Cell::Text(renewal_text(s))),
    Column::new("Status", |(_, s)| Cell::Status(ResourceKind::Subscription, s.status.as_str().to_string())),
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
                <PerReseller title="Subscriptions" to=|reseller| To::ResellerSubscriptions { reseller } action="Show subscriptions"
                    lede="The subscriptions of every customer of a reseller, the soonest renewal first. Choose the reseller; a customer's own list is on its page."
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
    let list = LocalResource::new(move || fetch(subscriptions::list(&rt, &c2)));
    let filter = RwSignal::new(String::new());
    let shown = RwSignal::new(STEP);
    let c3 = customer.clone();
    view! {
        <section class="page">
            <div class="page-head">
                {title_of("Subscriptions", "customer", customer_name(&crate::resources::runtime(), &customer), customer.clone())}
                <A href=To::Customer(&customer).href() attr:class="button">"Customer"</A>
            </div>
            <div class="filters" role="search" aria-label="Filter subscriptions">
                <div class="filter">
                    <label for="filter-subscriptions">"Offer or subscription id"</label>
                    <input id="filter-subscriptions" type="search" prop:value=move || filter.get()
                        on:input=move |ev| { filter.set(event_target_value(&ev)); shown.set(STEP); }/>
                </div>
            </div>
            <Load resource=list what="subscriptions" render=move |l| {
                let customer = c3.clone();
                let all = StoredValue::new(l.items);
                view! {
                    {move || {
                        let needle = filter.get();
                        let needle = needle.trim();
                        let matches = |s: &&Subscription| contains_ignoring_case(&s.offer_id, needle) || contains_ignoring_case(&s.subscription_id, needle);
                        // Counted, then only the rows shown are copied out.
                        let (total, limit, rows) = all.with_value(|items| {
                            let total = items.iter().filter(matches).count();
                            let limit = shown.get().min(total);
                            let rows: Vec<(String, Subscription)> = items.iter().filter(matches).take(limit).map(|s| (customer.clone(), s.clone())).collect();
                            (total, limit, rows)
                        });
                        view! {
                            <p class="position" role="status">{format!("{limit} of {total} subscriptions shown")}</p>
                            <DataTable caption="Subscriptions".to_string() columns=COLUMNS rows empty="No subscription matches."/>
                            {(limit < total).then(|| view! {
                                <button type="button" on:click=move |_| shown.update(|n| *n += STEP)>{format!("Show {} more", STEP.min(total - limit))}</button>
                            })}
                        }
                    }}
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
