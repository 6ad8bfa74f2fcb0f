//! Subscriptions: a customer's list (filtered as the reseller types, thousands of rows shown a
//! page at a time) and a subscription's page with the auto-renewal editor and its High Growth
//! offer.

mod across;
mod detail;
pub(crate) mod growth;
mod list;

use crate::i18n::t;
use crate::routes::route;
use leptos_router::any_nested_route::AnyNestedRoute;
use leptos_router::path;

/// `/subscriptions?customer=…`, `/customers/:customer/subscriptions/:id` and its `/upgrade`.
pub fn subscription_routes() -> Vec<AnyNestedRoute> {
    vec![
        route(path!("/subscriptions"), crate::split_page!(customers, subscription_list, list::SubscriptionList)),
        route(
            path!("/customers/:customer/subscriptions/:id"),
            crate::split_page!(customers, subscription_page, detail::SubscriptionPage),
        ),
        route(
            path!("/customers/:customer/subscriptions/:id/upgrade"),
            crate::split_page!(customers, upgrade_page, crate::resources::orders::switch::UpgradePage),
        ),
    ]
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
