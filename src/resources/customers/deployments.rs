//! A global customer's deployments (`deployment-management-*`): the list, with its status
//! filter; creating one (an address in a country other than the customer's); and a
//! deployment's page, where its address (not its country) and its status change.
//!
//! Only a customer with global sales has deployments: the create page says so, with the way to
//! turn them on (editing the customer), rather than a form the API refuses with 1140.

use crate::api::calls::{customers, deployments};
use crate::components::address::{address_of, address_values, AddressFields};
use crate::components::filters::{Choice, FilterSelect};
use crate::components::form::{
    trimmed, BusyButton, DraftNotice, FormScope, FormState, SelectField, UnsavedGuard, Values,
};
use crate::components::loading::{Load, Loaded};
use crate::components::names::{customer_name, title_of};
use crate::components::pager::read_all;
use crate::components::query::use_query_state;
use crate::components::status::StatusExplained;
use crate::components::submit::{use_submission, SaveActions, SubmissionError};
use crate::components::table::{Cell, Column, DataTable};
use crate::components::toast::toast;
use crate::i18n::t;
use crate::resources::{fetch, load_record, runtime};
use crate::routes::{params, CustomerParams, CustomerRecordParams, To};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use partner_model::catalog::status::{status_label, ResourceKind};
use partner_model::rules::account_requests::{check_deployment, DEPLOYMENT_STATUSES};
use partner_model::rules::FieldError;
use partner_model::types::{
    Address, Customer, Deployment, DeploymentPage, DeploymentProfile, DeploymentRequest, Status,
};
use std::sync::Arc;

/// A deployment with its customer (for its link).
type Row = (String, Deployment);
/// Every row, kept once (each look at `Loaded` copies a pointer).
type Rows = Arc<Vec<Row>>;

const STATUSES: &[Choice] =
    &[("", t::option::any_status), ("1000", t::model::status::active), ("1004", t::model::status::inactive)];

/// `code`'s country in the reseller's language.
fn country(code: &str) -> String {
    partner_model::geo::country(code).map_or_else(|| code.to_string(), |c| crate::format::country_name(c.code, c.name))
}

/// The address on one line: street, city, region, postal code.
fn one_line(a: &Address) -> String {
    [&a.address_line1, &a.address_line2, &a.city, &a.region, &a.postal_code]
        .into_iter()
        .filter(|s| !s.trim().is_empty())
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ")
}

static COLUMNS: &[Column<Row>] = &[
    Column::text(t::column::deployment, |(customer, d): &Row| Cell::Link {
        href: To::Deployment { customer, id: &d.deployment_id }.href(),
        text: d.deployment_id.clone(),
        code: true,
    }),
    Column::text(t::column::country, |(_, d): &Row| Cell::Text(country(&d.company_profile.address.country))),
    Column::text(t::column::address, |(_, d): &Row| Cell::Text(one_line(&d.company_profile.address))),
    Column::text(t::column::status, |(_, d): &Row| {
        Cell::Status(ResourceKind::Deployment, d.status.as_str().to_string())
    }),
    Column::text(t::column::created, |(_, d): &Row| Cell::Day(d.creation_date.clone())),
];

/// `/customers/:customer/deployments`.
#[component]
pub fn DeploymentList() -> impl IntoView {
    let p = params::<CustomerParams>();
    move || view! { <Deployments customer=p.get().customer/> }
}

#[component]
fn Deployments(customer: String) -> impl IntoView {
    let rt = runtime();
    let query = use_query_state();
    let c2 = customer.clone();
    // Every deployment (a customer has a few), read again when the status filter changes.
    let list = Loaded::new(move || {
        let (rt, customer, status) = (rt.clone(), c2.clone(), query.get("status"));
        async move {
            let call = |offset: u64| {
                let filters = crate::components::list::paged(vec![("status", status.clone())], 100, offset);
                fetch(deployments::list(&rt, &customer, &filters))
            };
            let rows = read_all::<DeploymentPage, _>(100, call).await?;
            Ok(Rows::new(rows.into_iter().map(|d| (customer.clone(), d)).collect()))
        }
    });
    view! {
        <section class="page">
            <div class="page-head">
                {title_of(|n| t::title::deployments_of(n), t::title::deployments_of_customer, customer_name(&runtime(), &customer), customer.clone())}
                <div class="actions">
                    <A href=To::Customer(&customer).href() attr:class="button">{t::orders::customer()}</A>
                    <A href=To::NewDeployment(&customer).href() attr:class="button primary">{t::deployments::create()}</A>
                </div>
            </div>
            <p class="lede">{t::deployments::lede()}</p>
            <div class="filters" role="search" aria-label=t::filter::filters()>
                <FilterSelect key="status" label=t::filter::status() options=STATUSES/>
            </div>
            <Load resource=list what=t::load::deployments() render=|rows: Rows| view! {
                <DataTable caption=t::hub::deployments().to_string() columns=COLUMNS rows=(*rows).clone() empty=t::deployments::none()/>
            }.into_any()/>
        </section>
    }
}

/// Where a form keeps the customer's own country, which a new deployment's may not be.
const HOME: &str = "fact.home";

/// Where a deployment's page keeps the status and the address the form (or its draft) started
/// from (the address as JSON): a draft keeps them, so a change made elsewhere since is not
/// undone by a save of what the reseller did not touch.
const STATUS_START: &str = "ui.statusStart";
const ADDRESS_START: &str = "ui.addressStart";

/// A new deployment: its address.
fn new_request(v: &Values) -> DeploymentRequest {
    DeploymentRequest { status: None, company_profile: Some(DeploymentProfile { address: address_of(v) }) }
}

/// A deployment's change: what differs from what it has ("update `companyProfile` or
/// `status`"), so a status changed elsewhere since a draft was kept is not set back with an
/// address, nor an address with a status. With nothing changed, the status it has.
fn change_request(v: &Values) -> DeploymentRequest {
    let (status, address) = (trimmed(v, "status"), address_of(v));
    // The address it started from, trimmed as the form's is.
    let start = serde_json::from_str::<Address>(&trimmed(v, ADDRESS_START)).ok().map(|a| {
        let mut values = Values::new();
        address_values(&mut values, &a);
        address_of(&values)
    });
    let moved = start.as_ref() != Some(&address);
    let restatused = status != trimmed(v, STATUS_START);
    DeploymentRequest {
        status: (restatused || !moved).then(|| Status::from_wire(&status)),
        company_profile: moved.then_some(DeploymentProfile { address }),
    }
}

fn check_new(v: &Values) -> Vec<FieldError> {
    check_deployment(&new_request(v), &trimmed(v, HOME))
}

fn check_change(v: &Values) -> Vec<FieldError> {
    // The country is the deployment's own, which is not the customer's.
    check_deployment(&change_request(v), "")
}

/// `/customers/:customer/deployments/new`.
#[component]
pub fn NewDeployment() -> impl IntoView {
    let (_, customer) = load_record(|rt, p: &CustomerParams| customers::get(rt, &p.customer));
    view! {
        <section class="page">
            <Load resource=customer what=t::load::customer() render=|c: Customer| view! { <NewDeploymentForm customer=c/> }.into_any()/>
        </section>
    }
}

#[component]
fn NewDeploymentForm(customer: Customer) -> impl IntoView {
    let id = customer.customer_id.clone();
    let name = customer.company_profile.company_name.clone();
    let home = customer.company_profile.address.country.clone();
    if customer.global_sales_enabled != Some(true) {
        return view! {
            <h1>{t::deployments::new_title(&name)}</h1>
            <p class="notice warn" role="note">{t::deployments::not_global()}</p>
            <div class="actions">
                <A href=To::EditCustomer(&id).href() attr:class="button primary">{t::hub::edit()}</A>
                <A href=To::Deployments(&id).href()>{t::common::cancel()}</A>
            </div>
        }
        .into_any();
    }
    let rt = runtime();
    let mut start = Values::new();
    start.insert(HOME.into(), home.clone());
    let form = FormState::new(start, check_new, Some(format!("deployment-new-{id}")));
    let navigate = use_navigate();
    let (to, back) = (id.clone(), id.clone());
    let submission = use_submission(
        form,
        move |v| fetch(deployments::create(&rt, &to, &new_request(&v))),
        move |d: Deployment| {
            toast(t::deployments::created(&d.deployment_id));
            navigate(&To::Deployment { customer: &id, id: &d.deployment_id }.path(), Default::default());
        },
    );
    view! {
        <FormScope form=form>
            <h1>{t::deployments::new_title(&name)}</h1>
            <p class="lede">{t::deployments::new_lede(country(&home))}</p>
            <DraftNotice/>
            <UnsavedGuard/>
            <form novalidate on:submit=move |ev| submission.submit(ev)>
                <AddressFields except=home/>
                <SaveActions submission label=t::deployments::create() back=To::Deployments(&back).href()/>
            </form>
        </FormScope>
    }
    .into_any()
}

/// `/customers/:customer/deployments/:id`.
#[component]
pub fn DeploymentPage() -> impl IntoView {
    let (ids, deployment) = load_record(|rt, p: &CustomerRecordParams| deployments::get(rt, &p.customer, &p.id));
    view! {
        <section class="page">
            <Load resource=deployment what=t::load::deployment() render=move |d: Deployment| {
                view! { <DeploymentForm deployment=d customer=ids.get_untracked().customer/> }.into_any()
            }/>
        </section>
    }
}

#[component]
fn DeploymentForm(deployment: Deployment, customer: String) -> impl IntoView {
    let rt = runtime();
    let id = deployment.deployment_id.clone();
    let mut start = Values::new();
    address_values(&mut start, &deployment.company_profile.address);
    start.insert("status".into(), deployment.status.as_str().to_string());
    start.insert(STATUS_START.into(), deployment.status.as_str().to_string());
    let held = serde_json::to_string(&deployment.company_profile.address).unwrap_or_default();
    start.insert(ADDRESS_START.into(), held);
    let form = FormState::new(start, check_change, Some(format!("deployment-{customer}-{id}")));
    let navigate = use_navigate();
    let back = To::Deployments(&customer).href();
    let (c2, id2) = (customer.clone(), id.clone());
    let submission = use_submission(
        form,
        move |v| fetch(deployments::update(&rt, &c2, &id2, &change_request(&v))),
        move |d: Deployment| {
            toast(t::deployments::saved(&d.deployment_id));
            navigate(&To::Deployments(&customer).path(), Default::default());
        },
    );
    // The twin names the subscriptions that keep a deployment active after `status` (the docs
    // give no code): said in words at the field, rather than "refused".
    Effect::new(move |_| {
        let Some(failure) = submission.failure.get() else { return };
        let details = failure.error.details();
        let (first, named) = (details.first().map(|d| d.trim()), details.get(1..).unwrap_or_default());
        if failure.error.code() == Some("1117") && first == Some("status") && !named.is_empty() {
            form.refuse("status", t::deployments::in_use(named.join(", ")));
        }
    });
    let statuses: Vec<(String, String)> = DEPLOYMENT_STATUSES
        .iter()
        .map(|code| {
            (code.to_string(), crate::i18n::model(status_label(ResourceKind::Deployment, code).label).to_string())
        })
        .collect();
    view! {
        <FormScope form=form>
            <div class="page-head">
                <h1>{t::deployments::title(&id)}</h1>
                <div class="actions">
                    <A href=back attr:class="button">{t::deployments::all()}</A>
                </div>
            </div>
            <p class="lede">
                <StatusExplained kind=ResourceKind::Deployment code=deployment.status.as_str().to_string()/>
                " · " {t::deployments::created_on(crate::components::detail::day(&deployment.creation_date))}
            </p>
            <DraftNotice/>
            <UnsavedGuard/>
            <form novalidate on:submit=move |ev| submission.submit(ev)>
                <SelectField path="status" label=t::deployments::status() options=Signal::derive(move || statuses.clone())
                    hint=t::deployments::status_hint()/>
                <AddressFields fixed_country=true deployment=true/>
                <SubmissionError submission/>
                <div class="actions">
                    <BusyButton label=t::deployments::save() busy=submission.busy/>
                </div>
            </form>
        </FormScope>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn held(city: &str, status: &str) -> Values {
        let address = Address {
            country: "CA".into(),
            region: "ON".into(),
            city: "Ottawa".into(),
            address_line1: "1 Main St".into(),
            postal_code: "K1A 0B1".into(),
            ..Address::default()
        };
        let mut v = Values::new();
        address_values(&mut v, &address);
        v.insert(STATUS_START.into(), "1000".into());
        let mut stored = address.clone();
        stored.city = "Ottawa ".into();
        v.insert(ADDRESS_START.into(), serde_json::to_string(&stored).unwrap_or_default());
        v.insert("companyProfile.address.city".into(), city.into());
        v.insert("status".into(), status.into());
        v
    }

    #[test]
    fn a_change_sends_only_what_differs_from_the_deployment() {
        let moved = change_request(&held("Kingston", "1000"));
        assert_eq!(moved.status, None, "the status it has is not sent with a new address");
        assert_eq!(moved.company_profile.map(|p| p.address.city), Some("Kingston".to_string()));
        let deactivated = change_request(&held("Ottawa", "1004"));
        assert_eq!((deactivated.status, deactivated.company_profile), (Some(Status::Inactive), None));
        let both = change_request(&held(" Kingston ", "1004"));
        assert!(both.status.is_some() && both.company_profile.is_some());
        let nothing = change_request(&held("Ottawa", "1000"));
        assert_eq!((nothing.status, nothing.company_profile), (Some(Status::Active), None), "a space is no move");
    }
}
