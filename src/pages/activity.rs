//! The activity page: the gateway's audit trail — every change made through the console, by
//! whom, for which reseller and customer, and how it ended (distributor staff: everyone's, with
//! filters; a reseller user: their reseller's) — with CSV export; and below it the changes made
//! from this browser, kept locally, which stay readable when the gateway cannot be reached.

use crate::api::activity::Entry;
use crate::api::calls::{audit, Endpoint};
use crate::api::transport::activity;
use crate::components::filters::{FilterDate, FilterText};
use crate::components::list::{filters_of, paged, ListPage, ListSource};
use crate::components::query::QueryState;
use crate::components::table::{Cell, Column, DataTable};
use crate::routes::To;
use crate::runtime::Runtime;
use leptos::prelude::*;
use partner_model::audit::{AuditEntry, AuditPage, Outcome};

/// The filters, as the URL and the gateway name them.
const FILTERS: &[&str] = &["user", "reseller", "customer", "from", "to"];

/// What a change was, in the reseller's words.
pub fn action_label(method: &str, template: &str) -> &'static str {
    match (method, template) {
        ("POST", "/v3/customers/{customer}/orders") => "Order or return",
        ("PATCH", "/v3/customers/{customer}/orders/{order}") => "Order changed (cancelled)",
        ("POST", "/v3/customers") => "Customer created",
        ("PATCH", "/v3/customers/{customer}") => "Customer updated",
        ("POST", "/v3/resellers") => "Reseller created",
        ("PATCH", "/v3/resellers/{reseller}") => "Reseller updated",
        ("PATCH", "/v3/customers/{customer}/subscriptions/{subscription}") => "Subscription updated (auto-renewal)",
        ("POST", "/v3/customers/{customer}/linked_membership/enroll/{group}") => "Linked membership joined",
        ("POST", "/v3/transfers") => "Reseller change",
        ("POST", "/v3/memberships/{membership}/transfers") => "Membership transferred in",
        _ => "Other change",
    }
}

/// How a change ended, in words.
pub fn outcome_label(e: &AuditEntry) -> String {
    match (e.outcome, e.status) {
        (Outcome::Answered, Some(status)) if status < 300 => format!("Done ({status})"),
        (Outcome::Answered, Some(status)) if e.api_code.is_empty() => format!("Refused ({status})"),
        (Outcome::Answered, Some(status)) => format!("Refused ({status}, code {})", e.api_code),
        (Outcome::Failed, _) if !e.api_code.is_empty() => format!("{} ({})", Outcome::Failed.label(), e.api_code),
        (outcome, _) => outcome.label().to_string(),
    }
}

static COLUMNS: &[Column<AuditEntry>] = &[
    Column::new("When", |e| {
        let view = view! { <time datetime=e.at.clone()>{crate::components::detail::moment_text(&e.at)}</time> };
        Cell::View(view.into_any(), e.at.clone())
    }),
    Column::new("Who", |e| {
        let role = if e.role == "distributor" { "Distributor staff" } else { "Reseller user" };
        let view = view! { <span class="who">{e.name.clone()}</span><small class="muted">{format!(" {} · {role}", e.email)}</small> };
        Cell::View(view.into_any(), format!("{} <{}>", e.name, e.email))
    }),
    Column::new("Action", |e| Cell::Text(action_label(&e.method, &e.template).to_string())),
    Column::new("Reseller", |e| Cell::Code(e.reseller_id.clone())),
    Column::new("Customer", |e| match e.customer_id.as_str() {
        "" => Cell::Text(String::new()),
        id => Cell::Link { href: To::Customer(id).href(), text: id.to_string(), code: true },
    }),
    Column::new("Outcome", |e| Cell::Text(outcome_label(e))),
    Column::new("Result", |e| Cell::Code(e.result_id.clone())),
    Column::new("Correlation id", |e| Cell::Code(e.correlation_id.clone())),
];

/// The gateway's audit trail, with the URL's filters.
#[derive(Clone)]
struct AuditTrail;

impl ListSource for AuditTrail {
    type Answer = AuditPage;
    type Row = AuditEntry;
    const MAX_LIMIT: u32 = 50;

    fn default_limit(&self, _configured: u32) -> u32 {
        50
    }

    fn call(&self, rt: &Runtime, query: &QueryState, limit: u32, offset: u64) -> Endpoint<AuditPage> {
        audit::list(rt, &paged(filters_of(query, FILTERS), limit, offset))
    }
}

/// The activity page.
#[component]
pub fn ActivityPage() -> impl IntoView {
    let staff = crate::session::is_distributor();
    let lede = if staff {
        "Every change made through the console, by anyone: who, when, for which reseller and customer, and how it ended."
    } else {
        "Every change made for your reseller through the console, by your team and by your distributor's staff."
    };
    view! {
        <section class="page">
            <h1>"Activity"</h1>
            <section aria-labelledby="audit-heading">
                <h2 id="audit-heading">"Audit trail"</h2>
                <p class="lede">{lede}</p>
                <div class="filters" role="search" aria-label="Filters">
                    {staff.then(|| view! { <FilterText key="user" label="User" hint="Name or e-mail"/> })}
                    {staff.then(|| view! { <FilterText key="reseller" label="Reseller id"/> })}
                    <FilterText key="customer" label="Customer id"/>
                    <FilterDate key="from" label="From"/>
                    <FilterDate key="to" label="To"/>
                </div>
                <ListPage source=AuditTrail columns=COLUMNS caption="Changes made through the console, newest first".to_string()
                    noun="changes" empty="No change matches these filters." export="audit-trail.csv".to_string()/>
            </section>
            <BrowserLog/>
        </section>
    }
}

static BROWSER: &[Column<Entry>] = &[
    Column::new("When", |e: &Entry| {
        let shown: String = e.at.replace('T', " ").trim_end_matches('Z').chars().take(19).collect();
        let view = view! { <time datetime=e.at.clone()>{shown}</time> };
        Cell::View(view.into_any(), e.at.clone())
    }),
    Column::new("Action", |e| Cell::Text(e.action.clone())),
    Column::new("On", |e| Cell::Code(e.target.clone())),
    Column::new("Outcome", |e| Cell::Text(e.outcome.clone())),
    Column::new("Correlation id", |e| Cell::Code(e.correlation_id.clone())),
];

/// The changes made from this browser, kept locally: readable without the gateway.
#[component]
fn BrowserLog() -> impl IntoView {
    let log = activity();
    let empty = log.entries.is_empty();
    view! {
        <section aria-labelledby="browser-heading">
            <h2 id="browser-heading">"From this browser"</h2>
            <p class="lede">"The changes you made from this browser, kept here even when the gateway cannot be reached. Give support the correlation id of an action to find it."</p>
            {if empty {
                view! { <p class="empty">"Nothing yet: changes you make appear here."</p> }.into_any()
            } else {
                view! {
                    <DataTable caption="Changes made from this browser, newest first".to_string() columns=BROWSER rows=log.entries
                        empty="" row_class=|e: &Entry| if e.ok { "" } else { "failed" }/>
                }.into_any()
            }}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes_read_as_words() {
        let mut e = AuditEntry { outcome: Outcome::Answered, status: Some(201), ..Default::default() };
        assert_eq!(outcome_label(&e), "Done (201)");
        e.status = Some(400);
        e.api_code = "2129".into();
        assert_eq!(outcome_label(&e), "Refused (400, code 2129)");
        e.outcome = Outcome::Sent;
        assert_eq!(outcome_label(&e), "Sent, no answer recorded");
        assert_eq!(action_label("POST", "/v3/customers/{customer}/orders"), "Order or return");
    }
}
