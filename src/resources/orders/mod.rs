//! Orders: placing an order after a preview, and an order's page that follows it until it
//! settles. (The order history, returns and renewal previews come with the rest of the orders
//! issue; `/orders` still says what is coming.)

mod detail;
mod place;

use crate::pages::placeholder::AreaHome;
use leptos::prelude::*;
use leptos_router::components::Route;
use leptos_router::{path, MatchNestedRoutes};

/// `/orders`, `/customers/:customer/orders/new`, `/customers/:customer/orders/:id`.
#[component(transparent)]
pub fn OrderRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <Route path=path!("/orders") view=|| view! { <AreaHome path="/orders"/> }/>
        <Route path=path!("/customers/:customer/orders/new") view=place::PlaceOrder/>
        <Route path=path!("/customers/:customer/orders/:id") view=detail::OrderPage/>
    }
    .into_inner()
}
