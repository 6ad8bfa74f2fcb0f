//! Creating and updating a reseller. The update replaces the profile, so what cannot change
//! (company name, country, region) is shown read-only and sent as it is.

use crate::api::calls::resellers;
use crate::components::address::{
    address_of, address_values, contact_values, contacts_of, language_options, reference_emptied, AddressFields,
    ContactFields, REFERENCE_HELD,
};
use crate::components::form::{
    trimmed as g, CheckboxGroup, DraftNotice, FormScope, FormState, SelectField, TextField, UnsavedGuard, Values,
};
use crate::components::submit::{use_submission, SaveActions};
use crate::components::toast::toast;
use crate::i18n::t;
use crate::resources::{fetch, runtime, RecordById};
use crate::routes::To;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use partner_model::rules::account_requests::{check_reseller_create, check_reseller_update};
use partner_model::rules::validators::Invalid;
use partner_model::rules::FieldError;
use partner_model::types::{
    MarketSegment, Reseller, ResellerCreateRequest, ResellerProfile, ResellerUpdateRequest, Status,
};

const SEGMENTS: &str = "companyProfile.marketSegments";

fn profile(v: &Values) -> ResellerProfile {
    ResellerProfile {
        company_name: g(v, "companyProfile.companyName"),
        preferred_language: g(v, "companyProfile.preferredLanguage"),
        market_segments: g(v, SEGMENTS).split(',').filter(|s| !s.is_empty()).map(MarketSegment::from_wire).collect(),
        address: address_of(v),
        contacts: contacts_of(v),
    }
}

/// The market segments the reseller has, which an update may add to but not remove.
const HELD: &str = "fact.segmentsHeld";

fn values_of(r: &Reseller) -> Values {
    let mut v = Values::new();
    v.insert("externalReferenceId".into(), r.external_reference_id.clone());
    v.insert(REFERENCE_HELD.into(), r.external_reference_id.clone());
    v.insert("companyProfile.companyName".into(), r.company_profile.company_name.clone());
    v.insert("companyProfile.preferredLanguage".into(), r.company_profile.preferred_language.clone());
    let segments = r.company_profile.market_segments.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(",");
    v.insert(SEGMENTS.into(), segments.clone());
    v.insert(HELD.into(), segments);
    address_values(&mut v, &r.company_profile.address);
    contact_values(&mut v, &r.company_profile.contacts);
    v
}

fn create_request(v: &Values) -> ResellerCreateRequest {
    ResellerCreateRequest {
        external_reference_id: g(v, "externalReferenceId"),
        distributor_id: g(v, "distributorId"),
        company_profile: profile(v),
    }
}

fn update_request(v: &Values) -> ResellerUpdateRequest {
    ResellerUpdateRequest { external_reference_id: g(v, "externalReferenceId"), company_profile: profile(v) }
}

fn segments_chosen(v: &Values, errors: &mut Vec<FieldError>) {
    if g(v, SEGMENTS).is_empty() {
        errors.push(FieldError::new(SEGMENTS, Invalid::Explained(t::reseller::choose_segment().into())));
    }
}

fn check_create(v: &Values) -> Vec<FieldError> {
    let mut errors = check_reseller_create(&create_request(v));
    segments_chosen(v, &mut errors);
    errors
}

fn check_update(v: &Values) -> Vec<FieldError> {
    let mut errors = check_reseller_update(&update_request(v));
    segments_chosen(v, &mut errors);
    // "You may add new market segments, but existing ones must not be removed."
    let chosen = g(v, SEGMENTS);
    let chosen: Vec<&str> = chosen.split(',').collect();
    if g(v, HELD).split(',').filter(|s| !s.is_empty()).any(|held| !chosen.contains(&held)) {
        errors.push(FieldError::new(SEGMENTS, Invalid::Explained(t::reseller::segments_kept().into())));
    }
    errors.extend(reference_emptied(v));
    errors
}

/// The fields both forms share.
#[component]
fn ProfileFields(
    /// Updating an existing reseller.
    existing: bool,
) -> impl IntoView {
    view! {
        <fieldset class="group">
            <legend>{t::reseller::company()}</legend>
            <TextField path="companyProfile.companyName" autocomplete="organization" readonly=existing
                hint=if existing { t::reseller::name_fixed() } else { t::reseller::name_hint() }/>
            <TextField path="externalReferenceId" hint=t::reseller::reference_hint()/>
            <SelectField path="companyProfile.preferredLanguage" options=Signal::derive(language_options) names=true/>
            <CheckboxGroup path=SEGMENTS problems_at=SEGMENTS legend=t::reseller::market_segments()
                options=[("COM", t::reseller::com()), ("EDU", t::reseller::edu()), ("GOV", t::reseller::gov())].map(|(v, l)| (v.to_string(), l.to_string())).to_vec()/>
        </fieldset>
        <AddressFields fixed_country=existing/>
        {existing.then(|| view! {
            <p class="notice" role="note">{t::reseller::contacts_kept()}</p>
        })}
        <ContactFields/>
    }
}

/// `/resellers/new`.
#[component]
pub fn CreateReseller() -> impl IntoView {
    let rt = runtime();
    let mut start = Values::new();
    start.insert("distributorId".into(), rt.config.distributor_id.clone());
    start.insert(SEGMENTS.into(), "COM".into());
    start.insert("companyProfile.preferredLanguage".into(), "en-US".into());
    contact_values(&mut start, &[]);
    let form = FormState::new(start, check_create, Some("reseller-new".into()));
    let navigate = use_navigate();
    let submission = use_submission(
        form,
        move |v| fetch(resellers::create(&rt, &create_request(&v))),
        move |r: Reseller| {
            toast(t::reseller::created(&r.company_profile.company_name));
            navigate(&To::Reseller(&r.reseller_id).path(), Default::default());
        },
    );
    view! {
        <FormScope form=form>
            <section class="page">
                <h1>{t::reseller::title_new()}</h1>
                <p class="notice" role="note">
                    {t::reseller::pending_note()}
                </p>
                <DraftNotice/>
                <UnsavedGuard/>
                <form novalidate on:submit=move |ev| submission.submit(ev)>
                    <TextField path="distributorId" readonly=true hint=t::reseller::distributor_hint()/>
                    <ProfileFields existing=false/>
                    <SaveActions submission label=t::reseller::create() back=To::Resellers.href()/>
                </form>
            </section>
        </FormScope>
    }
}

/// `/resellers/:id/edit`.
#[component]
pub fn UpdateReseller() -> impl IntoView {
    view! { <RecordById get=resellers::get what=t::load::reseller() render=|r: Reseller| view! { <UpdateResellerForm reseller=r/> }.into_any()/> }
}

#[component]
fn UpdateResellerForm(reseller: Reseller) -> impl IntoView {
    let rt = runtime();
    let id = reseller.reseller_id.clone();
    // The draft's name changed when contacts' rows took their "held" mark (see the customer's).
    let form = FormState::new(values_of(&reseller), check_update, Some(format!("reseller-{id}-edit")));
    let navigate = use_navigate();
    let id2 = id.clone();
    let submission = use_submission(
        form,
        move |v| fetch(resellers::update(&rt, &id2, &update_request(&v))),
        move |r: Reseller| {
            toast(t::reseller::updated(&r.company_profile.company_name));
            navigate(&To::Reseller(&r.reseller_id).path(), Default::default());
        },
    );
    let pending = reseller.status == Status::Pending;
    view! {
        <FormScope form=form>
            <h1>{t::customer_edit::title(&reseller.company_profile.company_name)}</h1>
            {pending.then(|| view! {
                <p class="notice warn" role="note">{t::reseller::still_pending()}</p>
            })}
            <p class="notice" role="note">{t::reseller::replaces()}</p>
            <DraftNotice/>
            <UnsavedGuard/>
            <form novalidate on:submit=move |ev| submission.submit(ev)>
                <ProfileFields existing=true/>
                <SaveActions submission label=t::reseller::save() back=To::Reseller(&id).href()/>
            </form>
        </FormScope>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use partner_model::types::MarketSegment;

    #[test]
    fn an_update_may_add_market_segments_but_not_remove_one() {
        let mut reseller = Reseller::default();
        reseller.company_profile.market_segments = vec![MarketSegment::Commercial, MarketSegment::Education];
        let start = values_of(&reseller);
        let kept = t::reseller::segments_kept();
        let at_segments = |v: &Values| {
            check_update(v)
                .into_iter()
                .filter(|e| e.path == SEGMENTS)
                .map(|e| e.problem.to_string())
                .collect::<Vec<_>>()
        };
        let mut added = start.clone();
        added.insert(SEGMENTS.into(), "COM,EDU,GOV".into());
        assert!(!at_segments(&added).iter().any(|p| p.contains(kept)), "{:?}", at_segments(&added));
        let mut removed = start;
        removed.insert(SEGMENTS.into(), "COM,GOV".into());
        assert!(at_segments(&removed).iter().any(|p| p.contains(kept)), "{:?}", at_segments(&removed));
    }
}
