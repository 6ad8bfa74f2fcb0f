//! Updating a customer's profile: what cannot change (company name, country, region, EDU
//! sub-segments) is shown read-only and sent as it is; a segment change is warned about; global
//! sales (which deployments need) are turned on or off.

use super::profile::{profile_of, profile_values, segment_options, AddressAndContacts, CompanyFields, SEGMENT};
use crate::api::calls::customers;
use crate::components::address::{reference_emptied, REFERENCE_HELD};
use crate::components::form::{
    trimmed as g, CheckField, DraftNotice, FormScope, FormState, SelectField, UnsavedGuard, Values,
};
use crate::components::submit::{use_submission, SaveActions};
use crate::components::toast::toast;
use crate::i18n::t;
use crate::resources::{fetch, runtime, RecordById};
use crate::routes::To;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use partner_model::rules::account_requests::check_customer_update;
use partner_model::rules::FieldError;
use partner_model::types::{Customer, CustomerUpdateRequest, Status};

/// Why the API will refuse any change to `customer`'s account now, before a form is filled in:
/// "Pending customers … may not update their accounts … until the account becomes active or
/// inactive"; a blocked one neither (1125).
#[component]
pub fn UpdateRefused(status: Status) -> impl IntoView {
    let why = match status {
        Status::Pending => Some(t::customer_edit::still_pending()),
        Status::Blocked => Some(t::customer_edit::blocked()),
        _ => None,
    };
    why.map(|why| view! { <p class="notice warn" role="note">{why}</p> })
}

/// Where the form keeps whether global sales are on, and whether they were when the form (or
/// its draft) started: a draft restored after they were changed elsewhere changes nothing the
/// reseller did not.
const GLOBAL: &str = "globalSalesEnabled";
const GLOBAL_START: &str = "ui.globalStart";

fn request(v: &Values) -> CustomerUpdateRequest {
    // Sent only when changed: the API checks a change of them against the partner's own global
    // sales (1139) and the customer's segment (1142).
    let global = g(v, GLOBAL) == "true";
    CustomerUpdateRequest {
        external_reference_id: g(v, "externalReferenceId"),
        global_sales_enabled: (global != (g(v, GLOBAL_START) == "true")).then_some(global),
        company_profile: Some(profile_of(v)),
        ..Default::default()
    }
}

fn check(v: &Values) -> Vec<FieldError> {
    let mut errors = check_customer_update(&request(v), g(v, "fact.lga") == "true");
    errors.extend(reference_emptied(v));
    errors
}

/// `/customers/:id/edit`.
#[component]
pub fn UpdateCustomer() -> impl IntoView {
    view! { <RecordById get=customers::get what=t::load::customer() render=|c: Customer| view! { <UpdateCustomerForm customer=c/> }.into_any()/> }
}

#[component]
fn UpdateCustomerForm(customer: Customer) -> impl IntoView {
    let rt = runtime();
    let id = customer.customer_id.clone();
    let mut start = Values::new();
    start.insert("externalReferenceId".into(), customer.external_reference_id.clone());
    start.insert(REFERENCE_HELD.into(), customer.external_reference_id.clone());
    start.insert("fact.lga".into(), if customer.is_lga() { "true".into() } else { String::new() });
    let global = if customer.global_sales_enabled == Some(true) { "true".to_string() } else { String::new() };
    start.insert(GLOBAL.into(), global.clone());
    start.insert(GLOBAL_START.into(), global);
    profile_values(&mut start, &customer.company_profile);
    let original_segment = g(&start, SEGMENT);
    // The draft's name changed when contacts' rows took their "held" mark: a draft from before
    // has none, and would have let existing names be edited.
    let form = FormState::new(start, check, Some(format!("customer-{id}-edit")));
    let navigate = use_navigate();
    let id2 = id.clone();
    let submission = use_submission(
        form,
        move |v| fetch(customers::update(&rt, &id2, &request(&v))),
        move |c: Customer| {
            toast(t::customer_edit::updated(&c.company_profile.company_name));
            navigate(&To::Customer(&c.customer_id).path(), Default::default());
        },
    );
    let lga = customer.is_lga();
    let segment = form.watch(SEGMENT);
    let segment_changed = Memo::new(move |_| segment.get() != original_segment);
    view! {
        <FormScope form=form>
            <h1>{t::customer_edit::title(&customer.company_profile.company_name)}</h1>
            <UpdateRefused status=customer.status.clone()/>
            <p class="notice" role="note">{t::customer_edit::replaces()}</p>
            <DraftNotice/>
            <UnsavedGuard/>
            <form novalidate on:submit=move |ev| submission.submit(ev)>
                <fieldset class="group">
                    <legend>{t::customer_edit::company()}</legend>
                    <CompanyFields existing=true/>
                    <SelectField path=SEGMENT options=Signal::derive(|| segment_options(&[])) disabled=lga
                        hint=if lga { t::customer_edit::lga_gov() } else { t::customer_edit::segment_hint() }/>
                    {move || segment_changed.get().then(|| view! {
                        <p class="notice warn" role="alert">{t::customer_edit::segment_warn()}</p>
                    })}
                    <CheckField path=GLOBAL label=t::customer_form::global_sales() hint=t::customer_form::global_sales_hint()/>
                </fieldset>
                <AddressAndContacts existing=true only=Signal::derive(|| None)/>
                <SaveActions submission label=t::customer_edit::save() back=To::Customer(&id).href()/>
            </form>
        </FormScope>
    }
}
