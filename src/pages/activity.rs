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
use crate::i18n::t;
use crate::routes::To;
use crate::runtime::Runtime;
use leptos::prelude::*;
use partner_model::audit::{AuditEntry, AuditPage, Outcome};

/// The filters, as the URL and the gateway name them.
const FILTERS: &[&str] = &["user", "reseller", "customer", "from", "to"];

/// What a change was, in the reseller's words.
pub fn action_label(method: &str, template: &str) -> &'static str {
    match (method, template) {
        ("POST", "/v3/customers/{customer}/orders") => t::activity::order_or_return(),
        ("PATCH", "/v3/customers/{customer}/orders/{order}") => t::activity::order_changed(),
        ("POST", "/v3/customers") => t::activity::customer_created(),
        ("PATCH", "/v3/customers/{customer}") => t::activity::customer_updated(),
        ("POST", "/v3/resellers") => t::activity::reseller_created(),
        ("PATCH", "/v3/resellers/{reseller}") => t::activity::reseller_updated(),
        ("PATCH", "/v3/customers/{customer}/subscriptions/{subscription}") => t::activity::subscription_updated(),
        ("POST", "/v3/customers/{customer}/linked_membership/enroll/{group}") => t::activity::linked_joined(),
        ("POST", "/v3/transfers") => t::activity::reseller_change(),
        ("POST", "/v3/memberships/{membership}/transfers") => t::activity::membership_in(),
        _ => t::activity::other(),
    }
}

/// How a change ended, in words.
pub fn outcome_label(e: &AuditEntry) -> String {
    match (e.outcome, e.status) {
        (Outcome::Answered, Some(status)) if status < 300 => t::activity::done(status),
        (Outcome::Answered, Some(status)) if e.api_code.is_empty() => t::activity::refused(status),
        (Outcome::Answered, Some(status)) => t::activity::RefusedCode { code: &e.api_code, status }.text(),
        (Outcome::Failed, _) if !e.api_code.is_empty() => {
            format!("{} ({})", crate::i18n::model(Outcome::Failed.label()), e.api_code)
        }
        (outcome, _) => crate::i18n::model(outcome.label()).to_string(),
    }
}

static COLUMNS: &[Column<AuditEntry>] = &[
    Column::text(t::column::when, |e| {
        let view = view! { <time datetime=e.at.clone()>{crate::components::detail::moment_text(&e.at)}</time> };
        Cell::View(view.into_any(), e.at.clone())
    }),
    Column::text(t::column::who, |e| {
        let role = if e.role == "distributor" { t::activity::staff() } else { t::activity::reseller_user() };
        let view = view! { <span class="who" translate="no">{e.name.clone()}</span><small class="muted">{format!(" {} · {role}", e.email)}</small> };
        Cell::View(view.into_any(), format!("{} <{}>", e.name, e.email))
    }),
    Column::text(t::column::action, |e| Cell::Words(action_label(&e.method, &e.template).to_string())),
    Column::text(t::column::reseller, |e| Cell::Code(e.reseller_id.clone())),
    Column::text(t::column::customer, |e| match e.customer_id.as_str() {
        "" => Cell::Text(String::new()),
        id => Cell::Link { href: To::Customer(id).href(), text: id.to_string(), code: true },
    }),
    Column::text(t::column::outcome, |e| Cell::Words(outcome_label(e))),
    Column::text(t::column::result, |e| Cell::Code(e.result_id.clone())),
    Column::text(t::column::correlation_id, |e| Cell::Code(e.correlation_id.clone())),
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
    let lede = if staff { t::activity::lede_staff() } else { t::activity::lede_reseller() };
    view! {
        <section class="page">
            <h1>{t::activity::title()}</h1>
            <section aria-labelledby="audit-heading">
                <h2 id="audit-heading">{t::activity::audit()}</h2>
                <p class="lede">{lede}</p>
                <div class="filters" role="search" aria-label=t::activity::filters()>
                    {staff.then(|| view! { <FilterText key="user" label=t::activity::user() hint=t::activity::user_hint()/> })}
                    {staff.then(|| view! { <FilterText key="reseller" label=t::activity::reseller_id()/> })}
                    <FilterText key="customer" label=t::activity::customer_id()/>
                    <FilterDate key="from" label=t::activity::from()/>
                    <FilterDate key="to" label=t::activity::to()/>
                </div>
                <ListPage source=AuditTrail columns=COLUMNS caption=t::activity::caption().to_string()
                    noun=t::noun::changes() empty=t::activity::none() export="audit-trail.csv".to_string()/>
            </section>
            <BrowserLog/>
        </section>
    }
}

static BROWSER: &[Column<Entry>] = &[
    Column::text(t::column::when, |e: &Entry| {
        let shown: String = e.at.replace('T', " ").trim_end_matches('Z').chars().take(19).collect();
        let view = view! { <time datetime=e.at.clone()>{shown}</time> };
        Cell::View(view.into_any(), e.at.clone())
    }),
    Column::text(t::column::action, |e| Cell::Words(e.action.clone())),
    Column::text(t::column::on, |e| Cell::Code(e.target.clone())),
    Column::text(t::column::outcome, |e| Cell::Words(e.outcome.clone())),
    Column::text(t::column::correlation_id, |e| Cell::Code(e.correlation_id.clone())),
];

/// The changes made from this browser, kept locally: readable without the gateway.
#[component]
fn BrowserLog() -> impl IntoView {
    let log = activity();
    let empty = log.entries.is_empty();
    view! {
        <section aria-labelledby="browser-heading">
            <h2 id="browser-heading">{t::activity::browser()}</h2>
            <p class="lede">{t::activity::browser_lede()}</p>
            {if empty {
                view! { <p class="empty">{t::activity::nothing()}</p> }.into_any()
            } else {
                view! {
                    <DataTable caption=t::activity::browser_caption().to_string() columns=BROWSER rows=log.entries
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
        assert_eq!(outcome_label(&e), t::model::audit::sent());
        assert_eq!(action_label("POST", "/v3/customers/{customer}/orders"), t::activity::order_or_return());
    }
}
