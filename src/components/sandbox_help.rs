//! The sandbox explains itself: on the pages that need a code the customer would hand over (a
//! reseller change's approval code, a VIP membership id), a folded "Sandbox: what to try"
//! panel lists the sandbox's own, read from its admin endpoint (`{base}__sandbox/…`) when the
//! panel is opened. Shown only when the environment is the sandbox; a sandbox that does not
//! list them (no admin endpoint) says where else to look.

use crate::components::names::ResellerName;
use crate::components::table::{Cell, Column, DataTable};
use crate::i18n::t;
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
            <summary>{t::sandbox::what_to_try()}</summary>
            <p>{lede}</p>
            {move || match read_once.get() {
                None if asked.get() => view! { <p class="loading" role="status">{t::sandbox::reading()}</p> }.into_any(),
                None => ().into_any(),
                Some(None) => view! {
                    <p role="status">{t::sandbox::not_listed()}</p>
                }.into_any(),
                Some(Some(list)) => render.with_value(|r| r(list)).into_any(),
            }}
        </details>
    })
}

fn code_state(c: &DemoCode) -> String {
    if c.used {
        t::sandbox::used().into()
    } else if c.expired {
        t::sandbox::expired().into()
    } else {
        t::sandbox::valid_until(crate::components::detail::moment_text(&c.expires))
    }
}

static CODES: &[Column<(DemoCode, Callback<String>)>] = &[
    Column::text(t::column::approval_code, |(c, _)| Cell::Code(c.code.clone())),
    Column::text(t::column::customer, |(c, _)| Cell::Text(format!("{} {}", c.company_name, c.customer_id))),
    Column::text(t::column::its_reseller_now, |(c, _)| {
        Cell::Account(view! { <ResellerName id=c.reseller_id.clone()/> }.into_any(), c.reseller_id.clone())
    }),
    Column::text(t::column::state, |(c, _)| Cell::Words(code_state(c))),
    Column::text(t::column::r#use, |(c, use_it)| {
        let (code, use_it) = (c.code.clone(), *use_it);
        let label = super::table::action_name(t::sandbox::use_it(), &code);
        Cell::View(
            view! { <button type="button" class="link" aria-label=label on:click=move |_| use_it.run(code.clone())>{t::sandbox::use_it()}</button> }
                .into_any(),
            String::new(),
        )
    }),
];

/// The sandbox's approval codes, each with a button that puts it in the form (`use_code`).
#[component]
pub fn DemoApprovalCodes(use_code: Callback<String>) -> impl IntoView {
    panel("approval-codes", t::sandbox::codes_lede(), move |codes: Vec<DemoCode>| {
        let rows: Vec<(DemoCode, Callback<String>)> = codes.into_iter().map(|c| (c, use_code)).collect();
        view! { <DataTable caption=t::sandbox::codes().to_string() show_caption=true columns=CODES rows empty=t::sandbox::no_codes()/> }
    })
}

fn membership_shows(m: &DemoMembership) -> String {
    if m.transferred || m.error.as_deref() == Some("5118") {
        return t::sandbox::moved().into();
    }
    match m.error.as_deref() {
        Some("5120") => return t::sandbox::no_admin().into(),
        Some("5121") => return t::sandbox::under_way().into(),
        Some(code) => return t::sandbox::refused(code),
        None => {}
    }
    if m.reasons.is_empty() {
        return t::sandbox::can_transfer().into();
    }
    let bypassed =
        m.reasons.iter().filter(|r| reason_in_detail(r, TRANSFER_REASONS).is_some_and(|k| k.bypass.is_some())).count();
    let n = m.reasons.len();
    match (n, bypassed) {
        (n, b) if b == n => t::sandbox::all_bypassed(n),
        (n, 0) => t::sandbox::none_bypassed(n),
        (n, b) => t::sandbox::SomeBypassed { bypassed: b, count: n }.text(),
    }
}

static MEMBERSHIPS: &[Column<(DemoMembership, String)>] = &[
    Column::text(t::column::vip_membership, |(m, reseller)| Cell::Link {
        href: To::Membership { id: &m.membership_id, reseller }.href(),
        text: m.membership_id.clone(),
        code: true,
    }),
    Column::text(t::column::company, |(m, _)| Cell::Text(m.company_name.clone())),
    Column::text(t::column::what_its_preview_shows, |(m, _)| Cell::Words(membership_shows(m))),
];

/// The sandbox's VIP memberships, each linked to its preview (for `reseller`, when chosen).
#[component]
pub fn DemoMemberships(reseller: String) -> impl IntoView {
    panel("memberships", t::sandbox::memberships_lede(), move |all: Vec<DemoMembership>| {
        let rows: Vec<(DemoMembership, String)> = all.into_iter().map(|m| (m, reseller.clone())).collect();
        view! { <DataTable caption=t::sandbox::memberships().to_string() show_caption=true columns=MEMBERSHIPS rows empty=t::sandbox::no_memberships()/> }
    })
}
