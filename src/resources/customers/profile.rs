//! A customer's profile in a form: values to and from the wire, and the fields create and
//! update share.

use crate::components::address::{
    address_of, address_values, contact_values, contacts_of, language_options, AddressFields, ContactFields,
};
use crate::components::form::{trimmed as g, SelectField, TextField, Values};
use crate::i18n::t;
use leptos::prelude::*;
use partner_model::types::{CustomerProfile, MarketSegment, MarketSubSegment};

/// Where the market segment is kept.
pub const SEGMENT: &str = "companyProfile.marketSegment";
/// Where the sub-segments are kept (comma-separated).
pub const SUB_SEGMENTS: &str = "companyProfile.marketSubSegments";

/// The profile the values describe.
pub fn profile_of(v: &Values) -> CustomerProfile {
    let segment = g(v, SEGMENT);
    CustomerProfile {
        company_name: g(v, "companyProfile.companyName"),
        preferred_language: g(v, "companyProfile.preferredLanguage"),
        market_segment: (!segment.is_empty()).then(|| MarketSegment::from_wire(&segment)),
        market_sub_segments: g(v, SUB_SEGMENTS)
            .split(',')
            .filter(|s| !s.is_empty())
            .map(MarketSubSegment::from_wire)
            .collect(),
        address: address_of(v),
        contacts: contacts_of(v),
    }
}

/// Puts a profile into values.
pub fn profile_values(v: &mut Values, p: &CustomerProfile) {
    v.insert("companyProfile.companyName".into(), p.company_name.clone());
    v.insert("companyProfile.preferredLanguage".into(), p.preferred_language.clone());
    v.insert(SEGMENT.into(), p.market_segment.as_ref().map(|s| s.as_str().to_string()).unwrap_or_default());
    v.insert(SUB_SEGMENTS.into(), p.market_sub_segments.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(","));
    address_values(v, &p.address);
    contact_values(v, &p.contacts);
}

/// The segment choices, limited to `allowed` when the reseller's segments are known.
pub fn segment_options(allowed: &[String]) -> Vec<(String, String)> {
    partner_model::catalog::segments::MARKET_SEGMENTS
        .iter()
        .filter(|m| allowed.is_empty() || allowed.iter().any(|a| a == m.code))
        .map(|m| (m.code.to_string(), format!("{} ({})", crate::i18n::model(m.name), m.code)))
        .collect()
}

/// Company fields: name, external reference, language.
#[component]
pub fn CompanyFields(
    /// Updating an existing customer: the name cannot change.
    existing: bool,
) -> impl IntoView {
    view! {
        <TextField path="companyProfile.companyName" autocomplete="organization" readonly=existing
            hint=if existing { t::customer_form::name_fixed() } else { t::customer_form::name_hint() }/>
        <TextField path="externalReferenceId" hint=t::customer_form::reference_hint()/>
        <SelectField path="companyProfile.preferredLanguage" options=Signal::derive(language_options) names=true/>
    }
}

/// Address and contacts.
#[component]
pub fn AddressAndContacts(
    /// Country and region cannot change.
    existing: bool,
    /// Countries to offer (LGA: US and CA), reactive.
    #[prop(into)]
    only: Signal<Option<&'static [&'static str]>>,
) -> impl IntoView {
    view! {
        {move || view! { <AddressFields fixed_country=existing only=only.get().unwrap_or(&[]) restrict=only.get().is_some()/> }}
        {existing.then(|| view! {
            <p class="notice" role="note">{t::customer_form::contacts_kept()}</p>
        })}
        <ContactFields/>
    }
}
