//! Orders: a customer's order history, placing an order after a preview, and an order's page
//! that follows it until it settles. (Returns and renewal previews come with the rest of the
//! orders issue.)

mod detail;
mod history;
mod place;

use leptos::prelude::*;
use leptos_router::components::Route;
use leptos_router::{path, MatchNestedRoutes};

/// `/orders?customer=…`, `/customers/:customer/orders/new`, `/customers/:customer/orders/:id`.
#[component(transparent)]
pub fn OrderRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <Route path=path!("/orders") view=history::OrderHistory/>
        <Route path=path!("/customers/:customer/orders/new") view=place::PlaceOrder/>
        <Route path=path!("/customers/:customer/orders/:id") view=detail::OrderPage/>
    }
    .into_inner()
}
