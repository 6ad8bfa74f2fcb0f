//! A reseller's page: profile, market segments, address, contacts, status with its meaning,
//! and the way to its customers.

use crate::api::calls::resellers;
use crate::components::detail::{day, Facts};
use crate::components::status::StatusExplained;
use crate::components::table::{Cell, Column, DataTable};
use crate::recent::remember;
use crate::resources::RecordById;
use crate::routes::To;
use leptos::prelude::*;
use leptos_router::components::A;
use partner_model::catalog::status::ResourceKind;
use partner_model::types::{Contact, Reseller};

static CONTACTS: &[Column<Contact>] = &[
    Column::new("Name", |c: &Contact| Cell::Text(format!("{} {}", c.first_name, c.last_name))),
    Column::new("Email", |c| Cell::Text(c.email.clone())),
    Column::new("Phone", |c| Cell::Text(c.phone_number.clone())),
];

/// The contacts of an account, as a table.
#[component]
pub fn ContactTable(
    /// The account's contacts.
    contacts: Vec<Contact>,
) -> impl IntoView {
    view! {
        <section class="facts-section">
            <h2>"Contacts"</h2>
            <DataTable caption="Contacts".to_string() columns=CONTACTS rows=contacts empty="No contact."/>
        </section>
    }
}

/// The address of an account, as facts.
pub fn address_rows(a: &partner_model::types::Address) -> Vec<(&'static str, String)> {
    let country = partner_model::geo::country(&a.country)
        .map(|c| format!("{} ({})", c.name, c.code))
        .unwrap_or_else(|| a.country.clone());
    vec![
        (
            "Address",
            [a.address_line1.as_str(), a.address_line2.as_str()]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ("City", a.city.clone()),
        ("Region", a.region.clone()),
        ("Postal code", a.postal_code.clone()),
        ("Country", country),
        ("Phone", a.phone_number.clone()),
    ]
}

/// `/resellers/:id`.
#[component]
pub fn ResellerPage() -> impl IntoView {
    view! {
        <RecordById get=resellers::get what="the reseller" render=|r: Reseller| {
            remember("reseller", &r.reseller_id, &r.company_profile.company_name);
            let segments = r.company_profile.market_segments.iter().map(|s| {
                partner_model::catalog::segments::market_segment(s.as_str()).map(|m| m.name.to_string()).unwrap_or_else(|| s.as_str().to_string())
            }).collect::<Vec<_>>().join(", ");
            let rid = r.reseller_id.clone();
            view! {
                <div class="page-head">
                    <h1>{r.company_profile.company_name.clone()}</h1>
                    <div class="actions">
                        <A href=To::Customers { reseller: &rid }.href() attr:class="button">"Customers"</A>
                        <A href=To::Notifications { reseller: &rid }.href() attr:class="button">"Licenses pending an order"</A>
                        <A href=To::NewCustomer { reseller: &rid }.href() attr:class="button">"Create a customer"</A>
                        <A href=To::Transfers { reseller: &rid }.href() attr:class="button">"Move a customer in"</A>
                        <A href=To::Memberships { reseller: &rid }.href() attr:class="button">"Bring a VIP customer over"</A>
                        <A href=To::EditReseller(&rid).href() attr:class="button">"Edit reseller"</A>
                    </div>
                </div>
                <p class="lede">"Reseller " <code>{r.reseller_id.clone()}</code> " · " <StatusExplained kind=ResourceKind::Reseller code=r.status.as_str().to_string()/></p>
                <div class="columns">
                    <Facts title="Profile" rows=vec![
                        ("Reseller id", r.reseller_id.clone()),
                        ("External reference", r.external_reference_id.clone()),
                        ("Distributor", r.distributor_id.clone()),
                        ("Created", day(&r.creation_date)),
                        ("Preferred language", r.company_profile.preferred_language.clone()),
                        ("Market segments", segments),
                    ]/>
                    <Facts title="Address" rows=address_rows(&r.company_profile.address)/>
                </div>
                <ContactTable contacts=r.company_profile.contacts.clone()/>
            }.into_any()
        }/>
    }
}
