//! The sandbox explains itself: on the pages that need a code the customer would hand over (a
//! reseller change's approval code, a VIP membership id), a folded "Sandbox: what to try"
//! panel lists the sandbox's own, read from its admin endpoint (`{base}__sandbox/…`) when the
//! panel is opened. Shown only when the environment is the sandbox; a sandbox that does not
//! list them (no admin endpoint) says where else to look.

use crate::components::names::ResellerName;
use crate::components::table::{Cell, Column, DataTable};
use crate::routes::To;
use leptos::prelude::*;
use partner_model::catalog::errors::{reason_in_detail, TRANSFER_REASONS};
use serde::de::DeserializeOwned;
use serde::Deserialize;

/// An approval code of `GET __sandbox/approval-codes`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DemoCode {
    pub code: String,
    pub customer_id: String,
    pub company_name: String,
    pub reseller_id: String,
    pub expires: String,
    pub expired: bool,
    pub used: bool,
}

/// A VIP membership of `GET __sandbox/memberships`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DemoMembership {
    pub membership_id: String,
    pub company_name: String,
    pub reasons: Vec<String>,
    pub error: Option<String>,
    pub transferred: bool,
}

/// Whether the console talks to the sandbox.
fn in_sandbox() -> bool {
    crate::runtime::use_runtime().is_some_and(|rt| rt.config.environment.eq_ignore_ascii_case("sandbox"))
}

/// `GET {app_base}__sandbox/{path}` as `T`; `None` when the sandbox does not answer it.
async fn read<T: DeserializeOwned>(path: &str) -> Option<T> {
    let base = crate::runtime::use_runtime().map(|rt| rt.app_base).unwrap_or_else(|| "/".into());
    let answer = gloo_net::http::Request::get(&format!("{base}__sandbox/{path}")).send().await.ok()?;
    if !answer.ok() {
        return None;
    }
    answer.json().await.ok()
}

/// The panel's frame: folded; opened, it reads `path` once and draws it with `render`, after
/// `lede` (where a real one comes from).
fn panel<T, F, V>(path: &'static str, lede: &'static str, render: F) -> impl IntoView
where
    T: DeserializeOwned + Clone + Send + Sync + 'static,
    F: Fn(T) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    if !in_sandbox() {
        return None;
    }
    let render = StoredValue::new(render);
    let read_once = RwSignal::new(None::<Option<T>>);
    let asked = RwSignal::new(false);
    let toggled = move |ev: leptos::ev::Event| {
        let open = event_target::<web_sys::HtmlDetailsElement>(&ev).open();
        if open && !asked.get_untracked() {
            asked.set(true);
            leptos::task::spawn_local(async move { read_once.set(Some(read::<T>(path).await)) });
        }
    };
    Some(view! {
        <details class="sandbox-help" on:toggle=toggled>
            <summary>"Sandbox: what to try here"</summary>
            <p>{lede}</p>
            {move || match read_once.get() {
                None if asked.get() => view! { <p class="loading" role="status">"Reading the sandbox's list…"</p> }.into_any(),
                None => ().into_any(),
                Some(None) => view! {
                    <p role="status">"This sandbox does not list them here. Its README lists the demo data it starts with."</p>
                }.into_any(),
                Some(Some(list)) => render.with_value(|r| r(list)).into_any(),
            }}
        </details>
    })
}

fn code_state(c: &DemoCode) -> String {
    if c.used {
        "Used already: previewing it shows that (1131)".into()
    } else if c.expired {
        "Expired: previewing it shows that (1129)".into()
    } else {
        format!("Valid until {}", crate::components::detail::moment_text(&c.expires))
    }
}

static CODES: &[Column<(DemoCode, Callback<String>)>] = &[
    Column::new("Approval code", |(c, _)| Cell::Code(c.code.clone())),
    Column::new("Customer", |(c, _)| Cell::Text(format!("{} {}", c.company_name, c.customer_id))),
    Column::new("Its reseller now", |(c, _)| {
        Cell::View(view! { <ResellerName id=c.reseller_id.clone()/> }.into_any(), c.reseller_id.clone())
    }),
    Column::new("State", |(c, _)| Cell::Text(code_state(c))),
    Column::new("Use", |(c, use_it)| {
        let (code, use_it) = (c.code.clone(), *use_it);
        let label = format!("Use approval code {code}");
        Cell::View(
            view! { <button type="button" class="link" aria-label=label on:click=move |_| use_it.run(code.clone())>"Use it"</button> }
                .into_any(),
            String::new(),
        )
    }),
];

/// The sandbox's approval codes, each with a button that puts it in the form (`use_code`).
#[component]
pub fn DemoApprovalCodes(use_code: Callback<String>) -> impl IntoView {
    panel(
        "approval-codes",
        "A real approval code comes from the customer: its administrator creates it in the Adobe Admin Console and it lasts 72 hours. The sandbox has these; the receiving reseller must be another than the customer's own.",
        move |codes: Vec<DemoCode>| {
            let rows: Vec<(DemoCode, Callback<String>)> = codes.into_iter().map(|c| (c, use_code)).collect();
            view! { <DataTable caption="The sandbox's approval codes".to_string() show_caption=true columns=CODES rows empty="The sandbox has no approval code."/> }
        },
    )
}

fn membership_shows(m: &DemoMembership) -> String {
    if m.transferred || m.error.as_deref() == Some("5118") {
        return "Moved already: the preview says so (5118)".into();
    }
    match m.error.as_deref() {
        Some("5120") => return "No administrator on the membership (5120)".into(),
        Some("5121") => return "A transfer already under way (5121)".into(),
        Some(code) => return format!("Refused with {code}"),
        None => {}
    }
    if m.reasons.is_empty() {
        return "Can transfer now".into();
    }
    let bypassed =
        m.reasons.iter().filter(|r| reason_in_detail(r, TRANSFER_REASONS).is_some_and(|k| k.bypass.is_some())).count();
    let n = m.reasons.len();
    match (n, bypassed) {
        (1, 1) => "Cannot transfer yet, for a reason a switch bypasses".into(),
        (1, _) => "Cannot transfer yet, for a reason the customer must settle".into(),
        (n, b) if b == n => format!("Cannot transfer yet, for {n} reasons the switches bypass"),
        (n, 0) => format!("Cannot transfer yet, for {n} reasons the customer must settle"),
        (n, b) => format!("Cannot transfer yet, for {n} reasons; the switches bypass {b}"),
    }
}

static MEMBERSHIPS: &[Column<(DemoMembership, String)>] = &[
    Column::new("VIP membership", |(m, reseller)| Cell::Link {
        href: To::Membership { id: &m.membership_id, reseller }.href(),
        text: m.membership_id.clone(),
        code: true,
    }),
    Column::new("Company", |(m, _)| Cell::Text(m.company_name.clone())),
    Column::new("What its preview shows", |(m, _)| Cell::Text(membership_shows(m))),
];

/// The sandbox's VIP memberships, each linked to its preview (for `reseller`, when chosen).
#[component]
pub fn DemoMemberships(reseller: String) -> impl IntoView {
    panel(
        "memberships",
        "A real VIP membership id comes from the customer: it is shown in the customer's Adobe Admin Console. The sandbox has these, each showing one thing the preview can say.",
        move |all: Vec<DemoMembership>| {
            let rows: Vec<(DemoMembership, String)> = all.into_iter().map(|m| (m, reseller.clone())).collect();
            view! { <DataTable caption="The sandbox's VIP memberships".to_string() show_caption=true columns=MEMBERSHIPS rows empty="The sandbox has no VIP membership."/> }
        },
    )
}
