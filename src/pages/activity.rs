//! The activity page: the gateway's audit trail — every change made through the console, by
//! whom, for which reseller and customer, and how it ended (distributor staff: everyone's, with
//! filters; a reseller user: their reseller's) — with CSV export; and below it the changes made
//! from this browser, kept locally, which stay readable when the gateway cannot be reached.

use crate::api::calls::audit;
use crate::api::transport::activity;
use crate::components::csv::{CsvExport, ExportPage};
use crate::components::filters::{FilterDate, FilterText};
use crate::components::loading::Load;
use crate::components::pager::{PageInfo, Pager};
use crate::components::query::{use_query_state, QueryState};
use crate::components::table::{Column, DataTable};
use crate::resources::{fetch, runtime};
use crate::runtime::href;
use leptos::prelude::*;
use leptos_router::components::A;
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
    Column {
        label: "When",
        sort: None,
        cell: |e| view! { <time datetime=e.at.clone()>{partner_model::time::readable_text(&e.at)}</time> }.into_any(),
        csv: |e| e.at.clone(),
        numeric: false,
    },
    Column {
        label: "Who",
        sort: None,
        cell: |e| {
            let role = if e.role == "distributor" { "Distributor staff" } else { "Reseller user" };
            view! { <span class="who">{e.name.clone()}</span><small class="muted">{format!(" {} · {role}", e.email)}</small> }.into_any()
        },
        csv: |e| format!("{} <{}>", e.name, e.email),
        numeric: false,
    },
    Column {
        label: "Action",
        sort: None,
        cell: |e| action_label(&e.method, &e.template).into_any(),
        csv: |e| action_label(&e.method, &e.template).to_string(),
        numeric: false,
    },
    Column {
        label: "Reseller",
        sort: None,
        cell: |e| view! { <code>{e.reseller_id.clone()}</code> }.into_any(),
        csv: |e| e.reseller_id.clone(),
        numeric: false,
    },
    Column {
        label: "Customer",
        sort: None,
        cell: |e| {
            if e.customer_id.is_empty() {
                return "".into_any();
            }
            let (link, id) = (href(&format!("/customers/{}", e.customer_id)), e.customer_id.clone());
            view! { <A href=link><code>{id}</code></A> }.into_any()
        },
        csv: |e| e.customer_id.clone(),
        numeric: false,
    },
    Column { label: "Outcome", sort: None, cell: |e| outcome_label(e).into_any(), csv: outcome_label, numeric: false },
    Column {
        label: "Result",
        sort: None,
        cell: |e| view! { <code>{e.result_id.clone()}</code> }.into_any(),
        csv: |e| e.result_id.clone(),
        numeric: false,
    },
    Column {
        label: "Correlation id",
        sort: None,
        cell: |e| view! { <code>{e.correlation_id.clone()}</code> }.into_any(),
        csv: |e| e.correlation_id.clone(),
        numeric: false,
    },
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
                    let info = PageInfo { total: p.total, offset: p.offset, limit: p.limit.max(1), count: p.items.len() as u64, next: None };
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
