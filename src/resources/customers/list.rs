//! A reseller's customers: the same filters, sorting and paging as the reseller list, and the
//! choice of reseller when the URL names none (recent resellers, or an id).

use crate::api::calls::{customers, Endpoint};
use crate::components::form::{check_paths, FormScope, FormState, TextField, Values};
use crate::components::list::{ListPage, ListSource};
use crate::components::names::{reseller_name, title_of};
use crate::components::query::{use_query_state, QueryState};
use crate::components::table::{Cell, Column};
use crate::i18n::t;
use crate::recent::recent;
use crate::resources::resellers::list::{account_filters, AccountFilters, ACCOUNT_SORT, CUSTOMER_FILTERS};
use crate::routes::To;
use crate::runtime::Runtime;
use leptos::prelude::*;
use leptos_router::components::A;
use partner_model::catalog::status::ResourceKind;
use partner_model::types::{CustomerListPage, CustomerSummary};

static COLUMNS: &[Column<CustomerSummary>] = &[
    Column::text(t::column::company, |c: &CustomerSummary| Cell::Link {
        href: To::Customer(&c.customer_id).href(),
        text: c.company_profile.company_name.clone(),
        code: false,
    })
    .sorted("companyName"),
    Column::text(t::column::customer_id, |c| Cell::Code(c.customer_id.clone())),
    Column::text(t::column::status, |c| Cell::Status(ResourceKind::Customer, c.status.as_str().to_string())),
    Column::text(t::column::created, |c: &CustomerSummary| Cell::Day(c.creation_date.clone())).sorted("creationDate"),
    Column::text(t::column::external_reference, |c| Cell::Text(c.external_reference_id.clone())),
];

/// `/customers?reseller=…`.
#[component]
pub fn CustomerList() -> impl IntoView {
    view! {
        <PerReseller title=t::customers::title() to=|reseller| To::Customers { reseller } action=t::customers::show()
            lede=t::customers::lede()
            page=|id| view! { <ResellerCustomers reseller=id/> }.into_any()/>
    }
}

/// A page about the reseller the URL's `?reseller=` names; without one, the choice of reseller
/// (with `title`, `lede`, `to` and `action`, as [`ChooseReseller`] shows them).
#[component]
pub fn PerReseller(
    title: &'static str,
    lede: &'static str,
    to: fn(&str) -> To<'_>,
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
                    _ if id.is_empty() => view! { <ChooseReseller title lede to action/> }.into_any(),
                    _ => page(id),
                }
            }}
        </section>
    }
}

const RESELLER: &str = "resellerId";

/// Which reseller a page is about: a recently opened one, or an id typed and checked; the
/// choice goes into the URL as `?reseller=`.
#[component]
pub fn ChooseReseller(
    /// The page's title.
    title: &'static str,
    /// What the choice is for.
    lede: &'static str,
    /// The page for a reseller.
    to: fn(&str) -> To<'_>,
    /// The button's label.
    action: &'static str,
) -> impl IntoView {
    let query = use_query_state();
    let form = FormState::new(Values::new(), |v| check_paths(v, &[RESELLER]), None);
    // A reseller user chooses among their own resellers; staff among the recently opened.
    let own = crate::session::own_resellers();
    let resellers: Vec<_> = match &own {
        Some(ids) => ids
            .iter()
            .map(|id| crate::recent::Recent { kind: "reseller".into(), id: id.clone(), name: t::home::reseller_id(id) })
            .collect(),
        None => recent().into_iter().filter(|r| r.kind == "reseller").collect(),
    };
    let heading = if own.is_some() { t::customers::yours() } else { t::customers::recent() };
    // A name searched from the go-to box goes along to the chosen reseller's list.
    let name = query.get("company-name");
    let keep = (!name.is_empty()).then(|| format!("&company-name={}", crate::api::calls::encode(&name)));
    let href = move |id: &str| format!("{}{}", to(id).href(), keep.clone().unwrap_or_default());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if form.attempt() {
            query.set(&[("reseller", form.get_untracked(RESELLER).trim().to_string())], false);
        }
    };
    view! {
        <FormScope form=form>
            <h1>{title}</h1>
            <p class="lede">{lede}</p>
            {(!name.is_empty()).then(|| view! { <p>{t::customers::looking_for(&name)}</p> })}
            {(!resellers.is_empty()).then(|| view! {
                <h2>{heading}</h2>
                <ul class="recent" translate="no">
                    {resellers.into_iter().map(|r| view! {
                        <li><A href=href(&r.id)>{r.name}</A> " " <code>{r.id}</code></li>
                    }).collect_view()}
                </ul>
            })}
            <form class="inline" on:submit=submit novalidate>
                <TextField path=RESELLER/>
                <button type="submit">{action}</button>
            </form>
            {own.is_none().then(|| view! { <p><A href=To::Resellers.href()>{t::customers::or_find()}</A></p> })}
        </FormScope>
    }
}

/// The customers of a reseller.
#[derive(Clone)]
struct Customers(String);

impl ListSource for Customers {
    type Answer = CustomerListPage;
    type Row = CustomerSummary;
    const MAX_LIMIT: u32 = 50;

    fn call(&self, rt: &Runtime, query: &QueryState, limit: u32, offset: u64) -> Endpoint<CustomerListPage> {
        customers::list(rt, &self.0, &account_filters(CUSTOMER_FILTERS, query, limit, offset))
    }
}

/// The customer list of one reseller.
#[component]
fn ResellerCustomers(reseller: String) -> impl IntoView {
    view! {
        <div class="page-head">
            {title_of(|n| t::title::customers_of(n), t::title::customers_of_reseller, reseller_name(&crate::resources::runtime(), &reseller), reseller.clone())}
            <div class="actions">
                <A href=To::Reseller(&reseller).href() attr:class="button">{t::customers::reseller()}</A>
                <A href=To::NewCustomer { reseller: &reseller }.href() attr:class="button primary">{t::customers::create()}</A>
            </div>
        </div>
        <AccountFilters dates=true/>
        <ListPage source=Customers(reseller.clone()) columns=COLUMNS caption=t::customers::title().to_string() noun=t::noun::customers()
            sort=ACCOUNT_SORT empty=t::customers::none() export=format!("customers-{reseller}.csv")/>
    }
}
