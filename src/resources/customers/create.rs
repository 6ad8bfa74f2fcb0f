//! Creating a customer: standard (COM, EDU or GOV, limited to the reseller's segments when
//! known), Large Government Agency (GOV, FEDERAL or STATE, US or CA), with a 3-Year Commit
//! request, or Extended Term (an anniversary date).

use super::profile::{profile_of, segment_options, AddressAndContacts, CompanyFields, SEGMENT, SUB_SEGMENTS};
use crate::api::calls::{customers, resellers};
use crate::components::address::contact_values;
use crate::components::detail::today;
use crate::components::form::{
    check_as, trimmed as g, CheckField, DraftNotice, FormScope, FormState, RadioField, SelectField, TextField,
    UnsavedGuard, Values,
};
use crate::components::query::use_query_state;
use crate::components::submit::{use_submission, SaveActions};
use crate::components::toast::toast;
use crate::i18n::t;
use crate::resources::{fetch, runtime};
use crate::routes::To;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use partner_model::rules::account_requests::{check_coterm_date, check_customer_create, THREE_YEAR_COMMIT_MINIMUMS};
use partner_model::rules::validators::Invalid;
use partner_model::rules::FieldError;
use partner_model::types::LGA_COUNTRIES;
use partner_model::types::*;

pub const KIND: &str = "ui.kind";
const TYC: &str = "ui.threeYearCommit";
const EXTENDED: &str = "ui.extendedTerm";

pub fn tyc_key(offer_type: &str) -> String {
    format!("ui.3yc.{offer_type}")
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
                Invalid::Explained(t::customer_new::lga_country().into()),
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
    // A select shows its first option when its value is none of them: the form then holds
    // what it shows, not the COM it started with for a reseller that sells only EDU or GOV,
    // and starts there too (a restored draft's EDU stays; Discard goes back to EDU).
    let segment = form.watch(SEGMENT);
    Effect::new(move |_| {
        let (options, current) = (segments.get(), segment.get());
        let allowed = |code: &str| options.iter().any(|(c, _)| c == code);
        let Some((first, _)) = options.first() else { return };
        if !allowed(&form.start_of(SEGMENT)) {
            form.start_at(SEGMENT, first.clone());
        }
        if !allowed(&current) {
            form.set(SEGMENT, first.clone());
        }
    });
    let kind = form.watch(KIND);
    let lga = Memo::new(move |_| kind.get() == "lga");
    let tyc = form.watch(TYC);
    let extended = form.watch(EXTENDED);
    let navigate = use_navigate();
    let submission = use_submission(
        form,
        move |v| fetch(customers::create(&rt, &request(&v))),
        move |c: Customer| {
            toast(t::customer_new::created(&c.company_profile.company_name));
            navigate(&To::Customer(&c.customer_id).path(), Default::default());
        },
    );
    let back = To::Customers { reseller: &reseller_id }.href();
    view! {
        <FormScope form=form>
            <section class="page">
                <h1>{t::customer_new::title()}</h1>
                <p class="notice" role="note">{t::customer_new::pending_note()}</p>
                <DraftNotice/>
                <UnsavedGuard/>
                <form novalidate on:submit=move |ev| submission.submit(ev)>
                    <TextField path="resellerId" readonly=!reseller_id.is_empty() hint=t::customer_new::reseller_hint()/>
                    <RadioField path=KIND legend=t::customer_new::kind() options=vec![
                        ("standard", t::customer_new::standard(), t::customer_new::standard_what()),
                        ("lga", t::customer_new::lga(), t::customer_new::lga_what()),
                    ]/>
                    <fieldset class="group">
                        <legend>{t::customer_new::company()}</legend>
                        <CompanyFields existing=false/>
                        {move || if lga.get() {
                            view! {
                                <SelectField path=SUB_SEGMENTS label=t::customer_new::agency_level() options=Signal::derive(|| vec![
                                    (String::new(), t::customer_new::choose_level().to_string()),
                                    ("FEDERAL".to_string(), t::customer_new::federal().to_string()),
                                    ("STATE".to_string(), t::customer_new::state().to_string()),
                                ]) hint=t::customer_new::lga_segment()/>
                            }.into_any()
                        } else {
                            view! { <SelectField path=SEGMENT options=segments hint=t::customer_new::segments_hint()/> }.into_any()
                        }}
                    </fieldset>
                    <AddressAndContacts existing=false only=Signal::derive(move || lga.get().then_some(LGA_COUNTRIES))/>
                    <fieldset class="group">
                        <legend>{t::customer_new::programs()}</legend>
                        {move || (!lga.get()).then(|| view! {
                            <CheckField path=TYC label=t::customer_new::request_3yc() hint=t::customer_new::request_3yc_hint()/>
                            {move || (tyc.get() == "true").then(|| view! {
                                <TextField path=tyc_key("LICENSE") label=t::customer_new::min_licenses() kind="number" hint=t::customer_new::min_licenses_hint()/>
                                <TextField path=tyc_key("CONSUMABLES") label=t::customer_new::min_consumables() kind="number" hint=t::customer_new::min_consumables_hint()/>
                            })}
                        })}
                        <CheckField path=EXTENDED label=t::customer_new::extended() hint=t::customer_new::extended_hint()/>
                        {move || (extended.get() == "true").then(|| view! { <TextField path="cotermDate" kind="date"/> })}
                    </fieldset>
                    <SaveActions submission label=t::customer_new::create() back=back/>
                </form>
            </section>
        </FormScope>
    }
}
