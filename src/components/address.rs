//! The parts every account form shares: the company's address (country picker of supported
//! countries, region picker where the country has subdivisions, postal code checked against the
//! country's format) and the contacts (add and remove, at least one) — and their conversion
//! between form values and the wire types; and the update's rule for the external reference.

use super::form::{rows, trimmed, use_form, SelectField, TextField, Values};
use crate::i18n::t;
use leptos::prelude::*;
use partner_model::geo;
use partner_model::types::{Address, Contact};

/// Where an update form keeps the external reference its record had (`externalReferenceId`).
pub const REFERENCE_HELD: &str = "fact.referenceHeld";

/// A customer's or reseller's update leaves an empty external reference out, and the API then
/// keeps the one it has: the documents give no way to remove one. An update form that had one
/// says so when it is emptied, rather than "saved" with the old one still there.
pub fn reference_emptied(v: &Values) -> Option<partner_model::rules::FieldError> {
    use partner_model::rules::{validators::Invalid, FieldError};
    let emptied = trimmed(v, "externalReferenceId").is_empty() && !trimmed(v, REFERENCE_HELD).is_empty();
    emptied.then(|| {
        FieldError::new("externalReferenceId", Invalid::Explained(crate::i18n::t::common::reference_kept().into()))
    })
}

const ADDRESS: &str = "companyProfile.address";
/// Where contacts are kept in a form.
pub const CONTACTS: &str = "companyProfile.contacts";

/// Puts `address` into form values.
pub fn address_values(v: &mut Values, a: &Address) {
    for (k, val) in [
        ("country", &a.country),
        ("region", &a.region),
        ("city", &a.city),
        ("addressLine1", &a.address_line1),
        ("addressLine2", &a.address_line2),
        ("postalCode", &a.postal_code),
        ("phoneNumber", &a.phone_number),
    ] {
        v.insert(format!("{ADDRESS}.{k}"), val.clone());
    }
}

/// The address in form values, trimmed.
pub fn address_of(v: &Values) -> Address {
    let g = |k: &str| trimmed(v, &format!("{ADDRESS}.{k}"));
    Address {
        country: g("country"),
        region: g("region"),
        city: g("city"),
        address_line1: g("addressLine1"),
        address_line2: g("addressLine2"),
        postal_code: g("postalCode"),
        phone_number: g("phoneNumber"),
    }
}

/// Marks a contact row as one the account already has (`"true"`): its names are the API's to
/// keep ("Contact name cannot be updated through API"), its email and phone the reseller's to
/// change. The mark moves with its row when an earlier row is removed.
const HELD: &str = "held";

/// Puts `contacts`, the account's, into form values (one empty row when there are none).
pub fn contact_values(v: &mut Values, contacts: &[Contact]) {
    let empty = [Contact::default()];
    let list = if contacts.is_empty() { &empty[..] } else { contacts };
    for (i, c) in list.iter().enumerate() {
        if !c.email.is_empty() {
            v.insert(format!("{CONTACTS}[{i}].{HELD}"), "true".into());
        }
        for (k, val) in [
            ("firstName", &c.first_name),
            ("lastName", &c.last_name),
            ("email", &c.email),
            ("phoneNumber", &c.phone_number),
        ] {
            v.insert(format!("{CONTACTS}[{i}].{k}"), val.clone());
        }
    }
    rows::set_count(v, CONTACTS, list.len());
}

/// The contacts in form values, trimmed.
pub fn contacts_of(v: &Values) -> Vec<Contact> {
    (0..rows::count(v, CONTACTS))
        .map(|i| {
            let g = |k: &str| trimmed(v, &format!("{CONTACTS}[{i}].{k}"));
            Contact {
                first_name: g("firstName"),
                last_name: g("lastName"),
                email: g("email"),
                phone_number: g("phoneNumber"),
            }
        })
        .collect()
}

/// The address fields.
#[component]
pub fn AddressFields(
    /// Country and region cannot change (updates: the API refuses a change).
    #[prop(optional)]
    fixed_country: bool,
    /// Countries to offer instead of every supported one (LGA: US and CA), with `restrict`.
    #[prop(optional)]
    only: &'static [&'static str],
    /// Whether to offer only the countries of `only`.
    #[prop(optional)]
    restrict: bool,
    /// A country not to offer: a deployment's customer's own (a deployment is abroad).
    #[prop(optional, into)]
    except: String,
    /// A deployment's address: with `fixed_country`, only the country is fixed ("the country
    /// cannot be changed"); its region changes with the rest.
    #[prop(optional)]
    deployment: bool,
) -> impl IntoView {
    let form = use_form();
    let country_path = format!("{ADDRESS}.country");
    let country = form.watch(&country_path);
    let countries =
        Signal::derive(move || {
            let mut list: Vec<(String, String)> = vec![(String::new(), t::address::choose_country().into())];
            let offered = |code: &str| (!restrict || only.contains(&code)) && code != except;
            list.extend(geo::supported_countries().filter(|c| offered(c.code)).map(|c| {
                (c.code.to_string(), format!("{} ({})", crate::format::country_name(c.code, c.name), c.code))
            }));
            // By name, as they read: typing "United States" picks the United States.
            partner_model::sort::stable_by_cached_key(&mut list[1..], |(_, label)| crate::format::lower(label));
            list
        });
    let regions = Signal::derive(move || {
        let mut list: Vec<(String, String)> = vec![(String::new(), t::address::choose_region().into())];
        list.extend(
            geo::regions(&country.get()).iter().map(|r| (r.code.to_string(), format!("{} ({})", r.name, r.code))),
        );
        partner_model::sort::stable_by_cached_key(&mut list[1..], |(_, label)| crate::format::lower(label));
        list
    });
    let region = form.watch(&format!("{ADDRESS}.region"));
    let postal_hint = Signal::derive(move || {
        let (country, region) = (country.get(), region.get());
        // Adobe's table sends Curaçao and the Caribbean Netherlands to NL with their own region:
        // they have no postal code.
        if geo::postal_code_optional(&country, region.trim()) {
            let places: Vec<String> = geo::entered_as(&country, region.trim())
                .map(|u| {
                    geo::country(u.code)
                        .map_or_else(|| u.name.to_string(), |c| crate::format::country_name(c.code, c.name))
                })
                .collect();
            return Some(t::address::no_postal_codes(places.join(", ")));
        }
        geo::postal_format(&country).and_then(|f| f.examples.first().map(t::address::for_example))
    });
    let country_hint = match (fixed_country, deployment) {
        (false, _) => t::address::countries_hint(),
        (true, false) => t::address::country_fixed(),
        (true, true) => t::address::deployment_country_fixed(),
    };
    let fixed_region = fixed_country && !deployment;
    view! {
        <fieldset class="group">
            <legend>{t::address::address()}</legend>
            <SelectField path=country_path options=countries disabled=fixed_country names=true hint=country_hint/>
            {move || {
                let has_regions = !geo::regions(&country.get()).is_empty();
                if has_regions {
                    view! { <SelectField path=format!("{ADDRESS}.region") options=regions disabled=fixed_region names=true/> }.into_any()
                } else {
                    view! { <TextField path=format!("{ADDRESS}.region") readonly=fixed_region autocomplete="address-level1"/> }.into_any()
                }
            }}
            <TextField path=format!("{ADDRESS}.addressLine1") autocomplete="address-line1"/>
            <TextField path=format!("{ADDRESS}.addressLine2") autocomplete="address-line2"/>
            <TextField path=format!("{ADDRESS}.city") autocomplete="address-level2"/>
            <TextField path=format!("{ADDRESS}.postalCode") autocomplete="postal-code" hint=postal_hint/>
            <TextField path=format!("{ADDRESS}.phoneNumber") label=t::address::company_phone() kind="tel" autocomplete="tel"/>
        </fieldset>
    }
}

/// The contacts, with add and remove. The names of contacts the account already has are shown
/// read-only ([`contact_values`]); their email and phone can change ("Email ID and phone number
/// of a contact can be updated through the Update Customer API").
#[component]
pub fn ContactFields() -> impl IntoView {
    let form = use_form();
    let count = Memo::new(move |_| form.values.with(|v| rows::count(v, CONTACTS)));
    // Each row with whether it is held: a row whose mark changes (a draft discarded) is drawn
    // anew, so its names' read-only state follows.
    let each = Memo::new(move |_| {
        form.values.with(|v| {
            let n = rows::count(v, CONTACTS);
            let held = |i: usize| v.get(&format!("{CONTACTS}[{i}].{HELD}")).is_some_and(|h| h == "true");
            (0..n).map(|i| (i, n, held(i))).collect::<Vec<_>>()
        })
    });
    let contacts_error = Signal::derive(move || form.error(CONTACTS, false));
    view! {
        <fieldset class="group">
            <legend>{t::address::contacts()}</legend>
            <p class="field-error" id="contacts-error" aria-live="polite">{move || contacts_error.get()}</p>
            <For each=move || each.get() key=|k| *k
                children=move |(i, _, is_locked)| {
                    let kept = is_locked.then(|| t::address::name_kept().to_string());
                    view! {
                        <div class="row contact">
                            <h2 class="row-title">{t::address::contact(i + 1)}</h2>
                            <TextField path=format!("{CONTACTS}[{i}].firstName") readonly=is_locked autocomplete="given-name" hint=kept.clone()/>
                            <TextField path=format!("{CONTACTS}[{i}].lastName") readonly=is_locked autocomplete="family-name" hint=kept/>
                            <TextField path=format!("{CONTACTS}[{i}].email") kind="email" autocomplete="email"/>
                            <TextField path=format!("{CONTACTS}[{i}].phoneNumber") kind="tel" autocomplete="tel"/>
                            {move || (count.get() > 1).then(|| view! {
                                <button type="button" class="link" on:click=move |_| rows::remove(&form, CONTACTS, i)>
                                    {t::address::remove_contact(i + 1)}
                                </button>
                            })}
                        </div>
                    }
                }/>
            <button type="button" on:click=move |_| rows::add(&form, CONTACTS)>{t::address::add_contact()}</button>
        </fieldset>
    }
}

/// The preferred-language choices: the API's supported locales.
pub fn language_options() -> Vec<(String, String)> {
    let mut list = vec![(String::new(), t::address::choose_language().to_string())];
    list.extend(geo::locales().iter().map(|l| (l.to_string(), crate::format::language_name(l))));
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_external_reference_held_cannot_be_emptied() {
        let values = |now: &str, held: &str| {
            Values::from([
                ("externalReferenceId".to_string(), now.to_string()),
                (REFERENCE_HELD.to_string(), held.to_string()),
            ])
        };
        assert!(reference_emptied(&values(" ", "CU-10007")).is_some_and(|e| e.path == "externalReferenceId"));
        assert!(reference_emptied(&values("CU-2", "CU-10007")).is_none(), "changed");
        assert!(reference_emptied(&values("", "")).is_none(), "there was none");
    }
}
