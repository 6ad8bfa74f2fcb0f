//! A reseller's customers: the same filters, sorting and paging as the reseller list, and the
//! choice of reseller when the URL names none (recent resellers, or an id).

use crate::api::calls::customers;
use crate::components::csv::CsvExport;
use crate::components::loading::Load;
use crate::components::pager::{Paged, Pager};
use crate::components::query::use_query_state;
use crate::components::table::{Cell, Column, DataTable};
use crate::recent::recent;
use crate::resources::resellers::list::{account_filters, export_filters, export_page, AccountFilters, ACCOUNT_SORT};
use crate::resources::{fetch, runtime};
use crate::runtime::href;
use leptos::prelude::*;
use leptos_router::components::A;
use partner_model::catalog::status::ResourceKind;
use partner_model::ids::{validate_id, IdKind};
use partner_model::types::CustomerSummary;

static COLUMNS: &[Column<CustomerSummary>] = &[
    Column::new("Company", |c: &CustomerSummary| Cell::Link {
        href: href(&format!("/customers/{}", c.customer_id)),
        text: c.company_profile.company_name.clone(),
        code: false,
    })
    .sorted("companyName"),
    Column::new("Customer id", |c| Cell::Code(c.customer_id.clone())),
    Column::new("Status", |c| Cell::Status(ResourceKind::Customer, c.status.as_str().to_string())),
    Column::new("Created", |c: &CustomerSummary| Cell::Day(c.creation_date.clone())).sorted("creationDate"),
    Column::new("External reference", |c| Cell::Text(c.external_reference_id.clone())),
];

/// `/customers?reseller=…`.
#[component]
pub fn CustomerList() -> impl IntoView {
    view! {
        <PerReseller title="Customers" path="/customers" action="Show customers"
            lede="Customers belong to a reseller. Choose the reseller whose customers you want to see."
            page=|id| view! { <ResellerCustomers reseller=id/> }.into_any()/>
    }
}

/// A page about the reseller the URL's `?reseller=` names; without one, the choice of reseller
/// (with `title`, `lede`, `path` and `action`, as [`ChooseReseller`] shows them).
#[component]
pub fn PerReseller(
    title: &'static str,
    lede: &'static str,
    path: &'static str,
    action: &'static str,
    /// The page for a chosen reseller id.
    page: fn(String) -> AnyView,
) -> impl IntoView {
    let query = use_query_state();
    let reseller = Memo::new(move |_| query.get("reseller"));
    view! {
        <section class="page">
            {move || {
                let id = reseller.get();
                // A user of one reseller has nothing to choose.
                match crate::session::own_resellers().as_deref() {
                    Some([only]) if id.is_empty() => page(only.clone()),
                    _ if id.is_empty() => view! { <ChooseReseller title lede path action/> }.into_any(),
                    _ => page(id),
                }
            }}
        </section>
    }
}

/// Which reseller a page is about: a recently opened one, or an id typed and checked; the
/// choice goes into the URL as `?reseller=`.
#[component]
pub fn ChooseReseller(
    /// The page's title.
    title: &'static str,
    /// What the choice is for.
    lede: &'static str,
    /// The page's path, which gets `?reseller=`.
    path: &'static str,
    /// The button's label.
    action: &'static str,
) -> impl IntoView {
    let query = use_query_state();
    let typed = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    // A reseller user chooses among their own resellers; staff among the recently opened.
    let own = crate::session::own_resellers();
    let resellers: Vec<_> = match &own {
        Some(ids) => ids
            .iter()
            .map(|id| crate::recent::Recent { kind: "reseller".into(), id: id.clone(), name: format!("Reseller {id}") })
            .collect(),
        None => recent().into_iter().filter(|r| r.kind == "reseller").collect(),
    };
    let heading = if own.is_some() { "Your resellers" } else { "Recently opened resellers" };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let raw = typed.get_untracked();
        match validate_id(IdKind::Reseller, raw.trim()) {
            Ok(id) => {
                problem.set(None);
                query.set(&[("reseller", id.to_string())], false);
            }
            Err(e) => problem.set(Some(format!("Reseller id: {e}"))),
        }
    };
    view! {
        <h1>{title}</h1>
        <p class="lede">{lede}</p>
        {(!resellers.is_empty()).then(|| view! {
            <h2>{heading}</h2>
            <ul class="recent">
                {resellers.into_iter().map(|r| view! {
                    <li><A href=href(&format!("{path}?reseller={}", r.id))>{r.name}</A> " " <code>{r.id}</code></li>
                }).collect_view()}
            </ul>
        })}
        <form class="inline" on:submit=submit novalidate>
            <div class="field">
                <label for="choose-reseller">"Reseller id"</label>
                <input id="choose-reseller" type="text" prop:value=move || typed.get() on:input=move |ev| typed.set(event_target_value(&ev))
                    aria-invalid=move || problem.get().is_some().to_string() aria-describedby="choose-reseller-error"/>
                <p class="field-error" id="choose-reseller-error" aria-live="polite">{move || problem.get()}</p>
            </div>
            <button type="submit">{action}</button>
        </form>
        {own.is_none().then(|| view! { <p><A href=href("/resellers")>"Or find the reseller in the reseller list"</A></p> })}
    }
}

/// The customer list of one reseller.
#[component]
fn ResellerCustomers(reseller: String) -> impl IntoView {
    let rt = runtime();
    let query = use_query_state();
    let page_size = rt.config.page_size;
    let (rt2, r2) = (rt.clone(), reseller.clone());
    let page = LocalResource::new(move || {
        let filters = account_filters(&query, page_size);
        fetch(customers::list(&rt2, &r2, &filters))
    });
    let r3 = reseller.clone();
    let export = move |offset: u64| export_page(customers::list(&rt, &r3, &export_filters(&query, offset)));
    view! {
        <div class="page-head">
            <h1>"Customers of reseller " <code>{reseller.clone()}</code></h1>
            <div class="actions">
                <A href=href(&format!("/resellers/{reseller}")) attr:class="button">"Reseller"</A>
                <A href=href(&format!("/customers/new?reseller={reseller}")) attr:class="button primary">"Create a customer"</A>
            </div>
        </div>
        <AccountFilters/>
        <Load resource=page what="customers" render=move |p| {
            let info = p.info(p.limit);
            view! {
                <DataTable caption="Customers".to_string() columns=COLUMNS rows=p.accounts sort=ACCOUNT_SORT empty="No customer matches these filters."/>
                <Pager info noun="customers"/>
            }.into_any()
        }/>
        <CsvExport columns=COLUMNS fetch=export file_name=format!("customers-{reseller}.csv")/>
    }
}
