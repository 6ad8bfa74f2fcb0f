//! VMware Cloud Partner Navigator: the configured distributor organization's subscriptions. A
//! filter builder over the documented keys (customer name, billing subscription id; EQUALS or
//! LIKE), a switch for inactive subscriptions, the documented sort (end date, either way),
//! page size and pages by the API's `current` / `next` / `totalResultsCount` — all in the URL —
//! and a CSV export of the filtered list. Service icons come from URLs chosen upstream: they are
//! loaded only from the configured icon origins, otherwise a neutral placeholder stands in.

use crate::api::calls::{distributor_subscriptions, Endpoint};
use crate::components::filters::Choice;
use crate::components::filters::FilterSelect;
use crate::components::form::{check_paths, trimmed as g, FormScope, FormState, Values};
use crate::components::list::{ListPage, ListSource};
use crate::components::query::{use_query_state, QueryState};
use crate::components::table::{Cell, Column, SortKeys};
use crate::i18n::t;
use crate::routes::route;
use crate::runtime::{use_runtime, Runtime};
use leptos::prelude::*;
use leptos_router::any_nested_route::AnyNestedRoute;
use leptos_router::path;
use partner_model::types::{
    DistributorSubscription, DistributorSubscriptionPage, DistributorSubscriptionSearch, FilterOperator, SearchFilter,
    ServiceRef, SortOrder, Sorter,
};

/// `/distributor-subscriptions`.
pub fn distributor_subscription_routes() -> Vec<AnyNestedRoute> {
    vec![route(
        path!("/distributor-subscriptions"),
        crate::split_page!(partners, distributor_subscriptions, DistributorSubscriptions),
    )]
}

/// The keys a filter can compare, with their labels: the ones the call's document names
/// (`BILLING_ENGINE_SUBSCRIPTION_ID`, `CUSTOMER_NAME`; `INCLUDE_INACTIVE_SUBSCRIPTIONS` is the
/// switch below). The API answers 400 to any other, so no other is offered.
pub const FILTER_KEYS: &[Choice] = &[
    ("CUSTOMER_NAME", t::option::customer_name),
    ("BILLING_ENGINE_SUBSCRIPTION_ID", t::option::billing_subscription_id),
];
const INCLUDE_INACTIVE: &str = "INCLUDE_INACTIVE_SUBSCRIPTIONS";
/// The one documented sorter key: the end date, ascending by default.
const SORT: SortKeys =
    SortKeys { by: "sort", order: "order", default_by: "SUBSCRIPTION_END_DATE", default_desc: false };
const ORDER_OPTIONS: &[Choice] = &[("", t::option::ending_first_default), ("desc", t::option::ending_last)];
const PAGE_SIZES: &[Choice] =
    &[("", t::option::default), ("10", || "10"), ("25", || "25"), ("50", || "50"), ("100", || "100")];
/// Rows per page of the export (the API takes up to 1000).
const EXPORT_PAGE: u32 = 500;

fn key_label(key: &str) -> &str {
    FILTER_KEYS.iter().find(|(k, _)| *k == key).map(|(_, l)| l()).unwrap_or(key)
}

/// A filter as kept in the URL: `KEY:EQUALS:value` (the value may hold colons).
pub fn parse_filter(raw: &str) -> Option<SearchFilter> {
    let mut parts = raw.splitn(3, ':');
    let (key, operator, value) = (parts.next()?, parts.next()?, parts.next()?);
    let operator = match operator {
        "EQUALS" => FilterOperator::Equals,
        "LIKE" => FilterOperator::Like,
        _ => return None,
    };
    (FILTER_KEYS.iter().any(|(k, _)| *k == key) && !value.trim().is_empty()).then(|| SearchFilter {
        key: key.to_string(),
        operator,
        value: value.trim().to_string(),
    })
}

fn filter_text(f: &SearchFilter) -> String {
    format!("{}:{}:{}", f.key, f.operator.as_str(), f.value)
}

/// The search body of the current URL.
pub fn search_of(query: &QueryState) -> DistributorSubscriptionSearch {
    let mut filters: Vec<SearchFilter> = query.get_all("filter").iter().filter_map(|f| parse_filter(f)).collect();
    if query.get("inactive") == "true" {
        filters.push(SearchFilter {
            key: INCLUDE_INACTIVE.into(),
            operator: FilterOperator::Equals,
            value: "true".into(),
        });
    }
    // Only the documented sorter key is sent, whatever an edited URL says.
    let desc = query.get("order").eq_ignore_ascii_case("desc");
    let sorter = desc.then(|| Sorter { key: SORT.default_by.to_string(), operator: SortOrder::Desc });
    DistributorSubscriptionSearch { filters, sorter }
}

/// A service's icon when its URL is from a configured origin and loads; a neutral placeholder
/// with the service's initial otherwise.
#[component]
fn ServiceIcon(service: ServiceRef) -> impl IntoView {
    let allowed = use_runtime().and_then(|rt| rt.config.icon_url(&service.service_icon).map(str::to_string));
    let failed = RwSignal::new(false);
    let initial: String = service
        .name
        .chars()
        .find(|c| c.is_alphanumeric())
        .map(|c| crate::format::upper(c.encode_utf8(&mut [0; 4])))
        .unwrap_or_else(|| "?".into());
    move || {
        match allowed.clone().filter(|_| !failed.get()) {
        Some(src) => view! { <img class="service-icon" src=src alt="" width="16" height="16" referrerpolicy="no-referrer" on:error=move |_| failed.set(true)/> }.into_any(),
        None => view! { <span class="service-icon placeholder" aria-hidden="true">{initial.clone()}</span> }.into_any(),
    }
    }
}

fn services(s: &DistributorSubscription) -> Cell {
    let view = view! {
        <ul class="services">
            {s.service_refs.iter().map(|r| view! { <li translate="no"><ServiceIcon service=r.clone()/>{r.name.clone()}</li> }).collect_view()}
        </ul>
    };
    Cell::View(view.into_any(), s.service_refs.iter().map(|r| r.name.as_str()).collect::<Vec<_>>().join("; "))
}

static COLUMNS: &[Column<DistributorSubscription>] = &[
    Column::text(t::column::subscription, |s| {
        let view = view! { <code>{s.billing_engine_subscription_id.clone()}</code><br/><small class="muted">{t::vmware::id(&s.id)}</small> };
        Cell::View(view.into_any(), format!("{} / {}", s.billing_engine_subscription_id, s.id))
    }),
    Column::text(t::column::customer, |s| Cell::Text(s.customer_ref.name.clone())),
    // The sort column next to what it sorts, in view at a laptop's width.
    Column::text(t::column::end, |s: &DistributorSubscription| Cell::Day(s.subscription_end_date.clone()))
        .sorted("SUBSCRIPTION_END_DATE"),
    Column::text(t::column::status, |s| {
        let view = view! { <span class=format!("badge {}", status_tone(&s.status)) title=s.status.clone()>{code_words(&s.status)}</span> };
        Cell::View(view.into_any(), code_words(&s.status))
    }),
    Column::text(t::column::reseller, |s| {
        let view = view! { <span translate="no">{s.reseller_ref.name.clone()}</span><br/><small class="muted">{s.reseller_ref.partner_id.clone()}</small> };
        Cell::View(view.into_any(), s.reseller_ref.name.clone())
    }),
    Column::text(t::column::services, services),
    Column::text(t::column::r#type, |s| Cell::Words(code_words(&s.subscription_type))),
    Column::text(t::column::renewal, |s| Cell::Words(code_words(&s.renewal_preference))),
    Column::text(t::column::start, |s| Cell::Day(s.subscription_start_date.clone())),
];

/// A code of Partner Navigator in words (`PENDING_EXPIRY` → "Pending expiry"); the code itself
/// stays on hover where it is shown as a badge. A code the console does not know shows as sent.
fn code_words(code: &str) -> String {
    let words = match code {
        "ONDEMAND" => t::vmware::on_demand(),
        "NOT_SELECTED" => t::vmware::not_chosen(),
        "AUTO" => t::vmware::automatic(),
        "MANUAL" => t::vmware::manual(),
        "CANCEL" => t::vmware::cancel(),
        "COMMIT" => t::vmware::commit(),
        "SUBMITTED" => t::vmware::submitted(),
        "CREATED" => t::vmware::created(),
        "ACTIVE" => t::vmware::active(),
        "SUSPENDED" => t::vmware::suspended(),
        "CANCELLED" => t::vmware::cancelled(),
        "TERMINATED" => t::vmware::terminated(),
        "ERROR" => t::vmware::error(),
        "PENDING_EXPIRY" => t::vmware::pending_expiry(),
        "EXPIRED" => t::vmware::expired(),
        other => other,
    };
    words.to_string()
}

fn status_tone(status: &str) -> &'static str {
    match status {
        "ACTIVE" => "good",
        "SUBMITTED" | "CREATED" | "PENDING_EXPIRY" => "pending",
        "ERROR" | "SUSPENDED" => "bad",
        _ => "neutral",
    }
}

const KEY: &str = "filters[0].key";
const OPERATOR: &str = "filters[0].operator";
const VALUE: &str = "filters[0].value";

/// The filter builder: key, comparison and value, checked by the registry's rules for a search
/// filter; each filter added shows with a way to remove it.
#[component]
fn FilterBuilder() -> impl IntoView {
    let query = use_query_state();
    let start =
        Values::from([(KEY.to_string(), FILTER_KEYS[0].0.to_string()), (OPERATOR.to_string(), "LIKE".to_string())]);
    let form = FormState::new(start, |v| check_paths(v, &[KEY, OPERATOR, VALUE]), None);
    let (key, operator, value) = (form.watch(KEY), form.watch(OPERATOR), form.watch(VALUE));
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !form.attempt() {
            return;
        }
        let raw = form.values.with_untracked(|v| format!("{}:{}:{}", g(v, KEY), g(v, OPERATOR), g(v, VALUE)));
        if let Some(f) = parse_filter(&raw) {
            let mut all = query.get_all("filter");
            let text = filter_text(&f);
            if !all.contains(&text) {
                all.push(text);
            }
            query.set_all("filter", &all);
            form.reset(form.values.get_untracked().into_iter().filter(|(k, _)| k != VALUE).collect());
        }
    };
    let problem = move || form.error(VALUE, false);
    let remove = move |text: String| {
        let mut all = query.get_all("filter");
        all.retain(|f| *f != text);
        query.set_all("filter", &all);
    };
    view! {
        <FormScope form=form>
            <form class="filters builder" role="search" aria-label=t::vmware::filters() novalidate on:submit=add>
                <div class="filter">
                    <label for="filter-key">{t::vmware::filter_on()}</label>
                    <select id="filter-key" on:change=move |ev| form.set(KEY, event_target_value(&ev))>
                        {FILTER_KEYS.iter().map(|(k, l)| view! { <option value=*k selected=move || key.get() == *k>{l()}</option> }).collect_view()}
                    </select>
                </div>
                <div class="filter">
                    <label for="filter-operator">{t::vmware::comparison()}</label>
                    <select id="filter-operator" on:change=move |ev| form.set(OPERATOR, event_target_value(&ev))>
                        <option value="LIKE" selected=move || operator.get() == "LIKE">{t::vmware::contains_op()}</option>
                        <option value="EQUALS" selected=move || operator.get() == "EQUALS">{t::vmware::equals_op()}</option>
                    </select>
                </div>
                <div class="filter">
                    <label for="filter-value">{t::vmware::value()}</label>
                    <input id="filter-value" type="text" maxlength="200" prop:value=move || value.get()
                        aria-invalid=move || problem().is_some().to_string() aria-describedby="filter-value-error"
                        on:input=move |ev| form.set(VALUE, event_target_value(&ev))/>
                    <p class="field-error" id="filter-value-error" aria-live="polite">{problem}</p>
                </div>
                <button type="submit">{t::vmware::add()}</button>
            </form>
            <ul class="chips" aria-label=t::vmware::in_force()>
                {move || query.get_all("filter").into_iter().filter_map(|raw| parse_filter(&raw).map(|f| (raw, f))).map(|(raw, f)| {
                    let words = if f.operator == FilterOperator::Like {
                        t::vmware::Contains { key: key_label(&f.key), value: &f.value }.text()
                    } else {
                        t::vmware::Equals { key: key_label(&f.key), value: &f.value }.text()
                    };
                    let label = t::vmware::remove(&words);
                    view! { <li>{words}<button type="button" class="link" aria-label=label on:click=move |_| remove(raw.clone())>"×"</button></li> }
                }).collect_view()}
            </ul>
        </FormScope>
    }
}

/// The distributor organization's subscriptions, searched as the URL says.
#[derive(Clone)]
struct Subscriptions;

impl ListSource for Subscriptions {
    type Answer = DistributorSubscriptionPage;
    type Row = DistributorSubscription;
    const MAX_LIMIT: u32 = 100;
    const EXPORT_LIMIT: u32 = EXPORT_PAGE;

    fn call(&self, rt: &Runtime, query: &QueryState, limit: u32, offset: u64) -> Endpoint<DistributorSubscriptionPage> {
        distributor_subscriptions::search(rt, &search_of(query), limit, offset)
    }
}

/// `/distributor-subscriptions`.
#[component]
pub fn DistributorSubscriptions() -> impl IntoView {
    let query = use_query_state();
    let inactive = move || query.get("inactive") == "true";
    view! {
        <section class="page">
            <div class="page-head"><h1>{t::vmware::title()}</h1></div>
            <p class="lede">{t::vmware::lede()}</p>
            <FilterBuilder/>
            <div class="filters" role="group" aria-label=t::vmware::sorting()>
                <div class="filter check">
                    <input type="checkbox" id="filter-inactive" prop:checked=inactive
                        on:change=move |ev| query.set(&[("inactive", if event_target_checked(&ev) { "true".into() } else { String::new() })], false)/>
                    <label for="filter-inactive">{t::vmware::inactive()}</label>
                </div>
                <FilterSelect key="order" label=t::vmware::order() options=ORDER_OPTIONS/>
                <FilterSelect key="limit" label=t::vmware::rows() options=PAGE_SIZES/>
            </div>
            <ListPage source=Subscriptions columns=COLUMNS caption=t::vmware::caption().to_string() noun=t::noun::subscriptions()
                sort=SORT empty=t::vmware::none() export="distributor-subscriptions.csv".to_string()/>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_as_words() {
        assert_eq!(code_words("PENDING_EXPIRY"), "Pending expiry");
        assert_eq!(code_words("ONDEMAND"), t::vmware::on_demand());
        assert_eq!(code_words("ACTIVE"), "Active");
        assert_eq!(code_words(""), "");
    }

    #[test]
    fn filters_round_trip_through_the_url() {
        let f =
            SearchFilter { key: "CUSTOMER_NAME".into(), operator: FilterOperator::Like, value: "Acme: West".into() };
        assert_eq!(parse_filter("CUSTOMER_NAME:LIKE:Acme: West"), Some(f.clone()));
        assert_eq!(filter_text(&f), "CUSTOMER_NAME:LIKE:Acme: West");
        for bad in [
            "CUSTOMER_NAME:LIKE:",
            "CUSTOMER_NAME:LIKE:  ",
            "NOPE:EQUALS:x",
            "CUSTOMER_NAME:ABOUT:x",
            "CUSTOMER_NAME",
            INCLUDE_INACTIVE,
        ] {
            assert_eq!(parse_filter(bad), None, "{bad}");
        }
    }
}
