//! The activity page: the gateway's audit trail — every change made through the console, by
//! whom, for which reseller and customer, and how it ended (distributor staff: everyone's, with
//! filters; a reseller user: their reseller's) — with CSV export; and below it the changes made
//! from this browser, kept locally, which stay readable when the gateway cannot be reached.

use crate::api::calls::audit;
use crate::api::transport::activity;
use crate::components::csv::{CsvExport, ExportPage};
use crate::components::filters::{FilterDate, FilterText};
use crate::components::loading::Load;
use crate::components::pager::{Paged, Pager};
use crate::components::query::{use_query_state, QueryState};
use crate::components::table::{Cell, Column, DataTable};
use crate::resources::{fetch, runtime};
use crate::runtime::href;
use leptos::prelude::*;
use partner_model::audit::{AuditEntry, Outcome};

/// The filters, as the URL and the gateway name them.
const FILTERS: &[&str] = &["user", "reseller", "customer", "from", "to", "offset"];
const PAGE: u64 = 50;

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
        let view = view! { <time datetime=e.at.clone()>{partner_model::time::readable_text(&e.at)}</time> };
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
        id => Cell::Link { href: href(&format!("/customers/{id}")), text: id.to_string(), code: true },
    }),
    Column::new("Outcome", |e| Cell::Text(outcome_label(e))),
    Column::new("Result", |e| Cell::Code(e.result_id.clone())),
    Column::new("Correlation id", |e| Cell::Code(e.correlation_id.clone())),
];

fn filters(query: &QueryState, offset: Option<u64>) -> Vec<(&'static str, String)> {
    let mut out: Vec<(&'static str, String)> = FILTERS.iter().map(|k| (*k, query.get(k))).collect();
    if let Some(offset) = offset {
        out.retain(|(k, _)| *k != "offset");
        out.push(("offset", offset.to_string()));
    }
    out.push(("limit", PAGE.to_string()));
    out
}

/// The activity page.
#[component]
pub fn ActivityPage() -> impl IntoView {
    let rt = runtime();
    let query = use_query_state();
    let staff = crate::session::is_distributor();
    let rt2 = rt.clone();
    let page = LocalResource::new(move || fetch(audit::list(&rt2, &filters(&query, None))));
    let export = move |offset: u64| {
        let endpoint = audit::list(&rt, &filters(&query, Some(offset)));
        async move {
            let p = fetch(endpoint).await?;
            Ok(ExportPage::by_offset(p.items, p.total, p.offset))
        }
    };
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
                <Load resource=page what="the audit trail" render=move |p| {
                    let info = p.info(p.limit);
                    view! {
                        <DataTable caption="Changes made through the console, newest first".to_string() columns=COLUMNS rows=p.items empty="No change matches these filters."/>
                        <Pager info noun="changes"/>
                    }.into_any()
                }/>
                <CsvExport columns=COLUMNS fetch=export file_name="audit-trail.csv".to_string()/>
            </section>
            <BrowserLog/>
        </section>
    }
}

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
                    <table class="data">
                        <caption class="visually-hidden">"Changes made from this browser, newest first"</caption>
                        <thead>
                            <tr>
                                <th scope="col">"When"</th>
                                <th scope="col">"Action"</th>
                                <th scope="col">"On"</th>
                                <th scope="col">"Outcome"</th>
                                <th scope="col">"Correlation id"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {log.entries.into_iter().map(|e| view! {
                                <tr class:failed=!e.ok>
                                    <td><time datetime=e.at.clone()>{e.at.replace('T', " ").trim_end_matches('Z').chars().take(19).collect::<String>()}</time></td>
                                    <td>{e.action}</td>
                                    <td><code>{e.target}</code></td>
                                    <td>{e.outcome}</td>
                                    <td><code>{e.correlation_id}</code></td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
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
