//! A reseller's page: profile, market segments, address, contacts, status with its meaning,
//! and the way to its customers.

use crate::api::calls::resellers;
use crate::components::detail::{day, Facts};
use crate::components::status::StatusExplained;
use crate::components::table::{Cell, Column, DataTable};
use crate::i18n::t;
use crate::recent::remember;
use crate::resources::RecordById;
use crate::routes::To;
use leptos::prelude::*;
use leptos_router::components::A;
use partner_model::catalog::status::ResourceKind;
use partner_model::types::{Contact, Reseller};

static CONTACTS: &[Column<Contact>] = &[
    Column::text(t::column::name, |c: &Contact| Cell::Text(format!("{} {}", c.first_name, c.last_name))),
    Column::text(t::column::email, |c| Cell::Text(c.email.clone())),
    Column::text(t::column::phone, |c| Cell::Text(c.phone_number.clone())),
];

/// The contacts of an account, as a table.
#[component]
pub fn ContactTable(
    /// The account's contacts.
    contacts: Vec<Contact>,
) -> impl IntoView {
    view! {
        <section class="facts-section">
            <h2>{t::reseller::contacts()}</h2>
            <DataTable caption=t::reseller::contacts().to_string() columns=CONTACTS rows=contacts empty=t::reseller::no_contact()/>
        </section>
    }
}

/// The address of an account, as facts.
pub fn address_rows(a: &partner_model::types::Address) -> Vec<(&'static str, String)> {
    let country = crate::format::country_label(&a.country);
    vec![
        (
            t::reseller::address(),
            [a.address_line1.as_str(), a.address_line2.as_str()]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(", "),
        ),
        (t::reseller::city(), a.city.clone()),
        (t::reseller::region(), a.region.clone()),
        (t::reseller::postal_code(), a.postal_code.clone()),
        (t::reseller::country(), country),
        (t::reseller::phone(), a.phone_number.clone()),
    ]
}

/// `/resellers/:id`.
#[component]
pub fn ResellerPage() -> impl IntoView {
    view! {
        <RecordById get=resellers::get what=t::load::reseller() render=|r: Reseller| {
            remember("reseller", &r.reseller_id, &r.company_profile.company_name);
            let segments = r.company_profile.market_segments.iter().map(|s| {
                partner_model::catalog::segments::market_segment(s.as_str()).map(|m| crate::i18n::model(m.name).to_string()).unwrap_or_else(|| s.as_str().to_string())
            }).collect::<Vec<_>>().join(", ");
            let rid = r.reseller_id.clone();
            view! {
                <div class="page-head">
                    <h1 translate="no">{r.company_profile.company_name.clone()}</h1>
                    <div class="actions">
                        <A href=To::Customers { reseller: &rid }.href() attr:class="button">{t::reseller::customers()}</A>
                        <A href=To::Notifications { reseller: &rid }.href() attr:class="button">{t::reseller::pending()}</A>
                        <A href=To::NewCustomer { reseller: &rid }.href() attr:class="button">{t::reseller::create_customer()}</A>
                        <A href=To::Transfers { reseller: &rid }.href() attr:class="button">{t::reseller::move_in()}</A>
                        <A href=To::Memberships { reseller: &rid }.href() attr:class="button">{t::reseller::bring_vip()}</A>
                        <A href=To::EditReseller(&rid).href() attr:class="button">{t::reseller::edit()}</A>
                    </div>
                </div>
                <p class="lede">{t::reseller::reseller()}" " <code>{r.reseller_id.clone()}</code> " · " <StatusExplained kind=ResourceKind::Reseller code=r.status.as_str().to_string()/></p>
                <div class="columns">
                    <Facts title=t::reseller::profile() rows=vec![
                        (t::reseller::reseller_id(), r.reseller_id.clone()),
                        (t::reseller::external_reference(), r.external_reference_id.clone()),
                        (t::reseller::distributor(), r.distributor_id.clone()),
                        (t::reseller::created_on(), day(&r.creation_date)),
                        (t::reseller::preferred_language(), r.company_profile.preferred_language.clone()),
                        (t::reseller::market_segments(), segments),
                    ]/>
                    <Facts title=t::reseller::address() rows=address_rows(&r.company_profile.address)/>
                </div>
                <ContactTable contacts=r.company_profile.contacts.clone()/>
            }.into_any()
        }/>
    }
}
