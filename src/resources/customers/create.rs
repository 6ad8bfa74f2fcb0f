//! Creating a customer: standard (COM, EDU or GOV, limited to the reseller's segments when
//! known), Large Government Agency (GOV, FEDERAL or STATE, US or CA), with a 3-Year Commit
//! request, or Extended Term (an anniversary date).

use super::profile::{profile_of, segment_options, AddressAndContacts, CompanyFields, SEGMENT, SUB_SEGMENTS};
use crate::api::calls::{customers, resellers};
use crate::components::address::contact_values;
use crate::components::form::{
    check_as, trimmed as g, BusyButton, CheckField, DraftNotice, FormState, RadioField, SelectField, TextField,
    UnsavedGuard, Values,
};
use crate::components::query::use_query_state;
use crate::components::submit::{use_submission, SubmissionError};
use crate::components::toast::toast;
use crate::resources::{fetch, runtime};
use crate::routes::To;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use partner_model::rules::account_requests::{check_coterm_date, check_customer_create, THREE_YEAR_COMMIT_MINIMUMS};
use partner_model::rules::validators::Invalid;
use partner_model::rules::FieldError;
use partner_model::types::*;

pub const KIND: &str = "ui.kind";
const TYC: &str = "ui.threeYearCommit";
const EXTENDED: &str = "ui.extendedTerm";
/// The countries a Large Government Agency customer may be in.
pub const LGA_COUNTRIES: &[&str] = &["US", "CA"];

pub fn tyc_key(offer_type: &str) -> String {
    format!("ui.3yc.{offer_type}")
}

/// Today as `YYYY-MM-DD` (UTC).
pub fn today() -> String {
    String::from(js_sys::Date::new_0().to_iso_string()).get(..10).unwrap_or("").to_string()
}

/// The minimum quantities a 3YC form asks for, with the form keys they came from.
pub fn minimums(v: &Values) -> Vec<(String, MinimumQuantity)> {
    THREE_YEAR_COMMIT_MINIMUMS
        .iter()
        .filter_map(|(t, _)| {
            let raw = g(v, &tyc_key(t));
            let quantity = raw.parse::<u64>().ok()?;
            Some((tyc_key(t), MinimumQuantity { offer_type: OfferType::from_wire(t), quantity }))
        })
        .collect()
}

/// Checks the 3YC quantity fields as typed, and moves the model's problems of
/// `{at}.minimumQuantities[i]` onto those fields.
pub fn check_minimums(v: &Values, at: &str, errors: &mut Vec<FieldError>) {
    for (t, _) in THREE_YEAR_COMMIT_MINIMUMS {
        let raw = g(v, &tyc_key(t));
        if raw.is_empty() {
            continue;
        }
        errors.extend(check_as("benefits[].commitmentRequest.minimumQuantities[].quantity", tyc_key(t), &raw));
    }
    let used = minimums(v);
    for e in errors.iter_mut() {
        if let Some(rest) = e.path.strip_prefix(&format!("{at}.minimumQuantities")) {
            let index = rest.strip_prefix('[').and_then(|r| r.split(']').next()).and_then(|i| i.parse::<usize>().ok());
            e.path = match index.and_then(|i| used.get(i)) {
                Some((key, _)) => key.clone(),
                None => tyc_key("LICENSE"),
            };
        }
    }
}

fn request(v: &Values) -> CustomerCreateRequest {
    let lga = g(v, KIND) == "lga";
    let mut profile = profile_of(v);
    let mut benefits = Vec::new();
    if lga {
        profile.market_segment = Some(MarketSegment::Government);
        benefits.push(BenefitRequest {
            kind: BenefitType::LargeGovernmentAgency,
            commitment_request: None,
            recommitment_request: None,
        });
    } else {
        profile.market_sub_segments.clear();
        if g(v, TYC) == "true" {
            let minimum_quantities = minimums(v).into_iter().map(|(_, m)| m).collect();
            benefits.push(BenefitRequest {
                kind: BenefitType::ThreeYearCommit,
                commitment_request: Some(MinimumQuantitiesRequest { minimum_quantities }),
                recommitment_request: None,
            });
        }
    }
    CustomerCreateRequest {
        reseller_id: g(v, "resellerId"),
        external_reference_id: g(v, "externalReferenceId"),
        company_profile: profile,
        coterm_date: if g(v, EXTENDED) == "true" { g(v, "cotermDate") } else { String::new() },
        benefits,
        linked_membership: None,
    }
}

fn check(v: &Values) -> Vec<FieldError> {
    let req = request(v);
    let mut errors = check_customer_create(&req);
    let lga = g(v, KIND) == "lga";
    if lga {
        let country = g(v, "companyProfile.address.country");
        if !country.is_empty() && !LGA_COUNTRIES.contains(&country.as_str()) {
            errors.push(FieldError::new(
                "companyProfile.address.country",
                Invalid::Explained(
                    "A Large Government Agency customer is in the United States (US) or Canada (CA).".into(),
                ),
            ));
        }
    } else if g(v, TYC) == "true" {
        check_minimums(v, "benefits[0].commitmentRequest", &mut errors);
    }
    if g(v, EXTENDED) == "true" {
        if req.coterm_date.is_empty() {
            errors.push(FieldError::new("cotermDate", Invalid::Missing));
        } else if let Err(problem) = check_coterm_date(&req.coterm_date, &today(), &g(v, SEGMENT), lga) {
            errors.push(FieldError::new("cotermDate", problem));
        }
    }
    errors
}

/// `/customers/new?reseller=…`.
#[component]
pub fn CreateCustomer() -> impl IntoView {
    let rt = runtime();
    let query = use_query_state();
    let reseller_id = query.get_untracked("reseller");
    let mut start = Values::new();
    start.insert("resellerId".into(), reseller_id.clone());
    start.insert(KIND.into(), "standard".into());
    start.insert(SEGMENT.into(), "COM".into());
    start.insert("companyProfile.preferredLanguage".into(), "en-US".into());
    contact_values(&mut start, &[]);
    let form = FormState::new(start, check, Some(format!("customer-new-{reseller_id}")));
    // The reseller's segments, when it can be read, limit the customer's.
    let rt2 = rt.clone();
    let rid = reseller_id.clone();
    let allowed = LocalResource::new(move || {
        let endpoint = (!rid.is_empty()).then(|| resellers::get(&rt2, &rid));
        async move {
            match endpoint {
                Some(e) => fetch(e)
                    .await
                    .map(|r| r.company_profile.market_segments.iter().map(|s| s.as_str().to_string()).collect())
                    .unwrap_or_default(),
                None => Vec::<String>::new(),
            }
        }
    });
    let segments = Signal::derive(move || segment_options(&allowed.get().unwrap_or_default()));
    let kind = form.watch(KIND);
    let lga = Memo::new(move |_| kind.get() == "lga");
    let tyc = form.watch(TYC);
    let extended = form.watch(EXTENDED);
    let navigate = use_navigate();
    let submission = use_submission(
        form,
        move |v| fetch(customers::create(&rt, &request(&v))),
        move |c: Customer| {
            toast(format!(
                "Customer {} created. Adobe validates it next: its page shows when that is done.",
                c.company_profile.company_name
            ));
            navigate(&To::Customer(&c.customer_id).path(), Default::default());
        },
    );
    let back = To::Customers { reseller: &reseller_id }.href();
    view! {
        <section class="page">
            <h1>"Create a customer"</h1>
            <p class="notice" role="note">"A new customer starts as pending while Adobe validates it, then becomes active; its page follows it."</p>
            <DraftNotice/>
            <UnsavedGuard/>
            <form novalidate on:submit=move |ev| submission.submit(ev)>
                <TextField path="resellerId" readonly=!reseller_id.is_empty() hint="The reseller this customer buys from."/>
                <RadioField path=KIND legend="Kind of customer" options=vec![
                    ("standard", "Standard", " Commercial, education or government."),
                    ("lga", "Large Government Agency", " A US or Canadian federal or state agency (GOV), with the LGA benefit."),
                ]/>
                <fieldset class="group">
                    <legend>"Company"</legend>
                    <CompanyFields existing=false/>
                    {move || if lga.get() {
                        view! {
                            <SelectField path=SUB_SEGMENTS label="Agency level" options=Signal::derive(|| vec![
                                (String::new(), "Choose federal or state".to_string()),
                                ("FEDERAL".to_string(), "Federal".to_string()),
                                ("STATE".to_string(), "State".to_string()),
                            ]) hint="The market segment of a Large Government Agency is GOV."/>
                        }.into_any()
                    } else {
                        view! { <SelectField path=SEGMENT options=segments hint="Only the segments the reseller sells into are listed."/> }.into_any()
                    }}
                </fieldset>
                <AddressAndContacts existing=false only=Signal::derive(move || lga.get().then_some(LGA_COUNTRIES)) locked_emails=vec![]/>
                <fieldset class="group">
                    <legend>"Programs"</legend>
                    {move || (!lga.get()).then(|| view! {
                        <CheckField path=TYC label="Request 3-Year Commit" hint="The customer commits to minimum quantities for three years and gets a better discount level."/>
                        {move || (tyc.get() == "true").then(|| view! {
                            <TextField path=tyc_key("LICENSE") label="Minimum licenses" kind="number" hint="At least 10."/>
                            <TextField path=tyc_key("CONSUMABLES") label="Minimum consumables" kind="number" hint="At least 1,000; leave empty for none."/>
                        })}
                    })}
                    <CheckField path=EXTENDED label="Extended Term" hint="Set an anniversary date more than a year away (up to 3 years; 4 for EDU; 23 months for LGA)."/>
                    {move || (extended.get() == "true").then(|| view! { <TextField path="cotermDate" kind="date"/> })}
                </fieldset>
                <SubmissionError submission/>
                <div class="actions">
                    <BusyButton label="Create customer" busy=submission.busy/>
                    <A href=back>"Cancel"</A>
                </div>
            </form>
        </section>
    }
}
