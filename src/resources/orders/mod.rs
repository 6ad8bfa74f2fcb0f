//! Orders: a customer's order history, placing an order after a preview, an order's page that
//! follows it until it settles, returning lines of an order, and the renewal preview.

mod detail;
mod history;
mod place;
mod renewal;
mod returns;

use leptos::prelude::*;
use leptos_router::components::Route;
use leptos_router::{path, MatchNestedRoutes};

/// `/orders?customer=…`, `/customers/:customer/orders/new`, `/customers/:customer/orders/:id`,
/// `/customers/:customer/orders/:id/return`, `/customers/:customer/renewal`.
#[component(transparent)]
pub fn OrderRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <Route path=path!("/orders") view=history::OrderHistory/>
        <Route path=path!("/customers/:customer/orders/new") view=place::PlaceOrder/>
        <Route path=path!("/customers/:customer/orders/:id") view=detail::OrderPage/>
        <Route path=path!("/customers/:customer/orders/:id/return") view=returns::ReturnOrder/>
        <Route path=path!("/customers/:customer/renewal") view=renewal::RenewalPreview/>
    }
    .into_inner()
}
