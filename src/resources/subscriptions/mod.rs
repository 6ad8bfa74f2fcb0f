//! Subscriptions: a customer's list (filtered as the reseller types, thousands of rows shown a
//! page at a time) and a subscription's page with the auto-renewal editor and its High Growth
//! offer.

mod across;
mod detail;
pub(crate) mod growth;
mod list;

use crate::i18n::t;
use leptos::prelude::*;
use leptos_router::any_nested_route::{AnyNestedRoute, IntoAnyNestedRoute};
use leptos_router::components::Route;
use leptos_router::path;

/// `/subscriptions?customer=…`, `/customers/:customer/subscriptions/:id` and its `/upgrade`.
#[component(transparent)]
pub fn SubscriptionRoutes() -> AnyNestedRoute {
    view! {
        <Route path=path!("/subscriptions") view={crate::split_page!(customers, subscription_list, list::SubscriptionList)}/>
        <Route path=path!("/customers/:customer/subscriptions/:id") view={crate::split_page!(customers, subscription_page, detail::SubscriptionPage)}/>
        <Route path=path!("/customers/:customer/subscriptions/:id/upgrade") view={crate::split_page!(customers, upgrade_page, crate::resources::orders::switch::UpgradePage)}/>
    }
    .into_inner()
    .into_any_nested_route()
}

/// The auto-renewal state in words.
pub fn renewal_text(s: &partner_model::types::Subscription) -> String {
    use partner_model::types::RenewalChoice;
    match s.renewal_choice() {
        RenewalChoice::Off => t::subscription::off().into(),
        RenewalChoice::AllLicenses => t::subscription::on_all().into(),
        RenewalChoice::Quantity(q) => t::subscription::on_for(q),
    }
}

/// A subscription of `customer` as a table cell: a link to its page, or nothing when the API
/// has not given it an id yet.
pub fn subscription_cell(customer: &str, id: &str) -> crate::components::table::Cell {
    use crate::components::table::Cell;
    if id.is_empty() || customer.is_empty() {
        return Cell::Code(id.to_string());
    }
    Cell::Link { href: crate::routes::To::Subscription { customer, id }.href(), text: id.to_string(), code: false }
}
