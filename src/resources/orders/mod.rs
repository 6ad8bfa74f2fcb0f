//! Orders: a customer's order history, placing an order after a preview, an order's page that
//! follows it until it settles, returning lines of an order, and the renewal preview.

mod across;
mod detail;
mod discounts;
mod history;
pub mod picker;
pub mod place;
mod renew;
mod renewal;
mod returns;
pub mod switch;
mod unanswered;

use leptos::prelude::*;
use leptos_router::any_nested_route::{AnyNestedRoute, IntoAnyNestedRoute};
use leptos_router::components::Route;
use leptos_router::path;

/// `/orders?customer=…`, `/customers/:customer/orders/new`, `/customers/:customer/orders/:id`,
/// `/customers/:customer/orders/:id/return`, `/customers/:customer/renewal`.
#[component(transparent)]
pub fn OrderRoutes() -> AnyNestedRoute {
    view! {
        <Route path=path!("/orders") view={crate::split_page!(customers, order_history, history::OrderHistory)}/>
        <Route path=path!("/customers/:customer/orders/new") view={crate::split_page!(customers, place_order, place::PlaceOrder)}/>
        <Route path=path!("/customers/:customer/orders/:id") view={crate::split_page!(customers, order_page, detail::OrderPage)}/>
        <Route path=path!("/customers/:customer/orders/:id/return") view={crate::split_page!(customers, return_order, returns::ReturnOrder)}/>
        <Route path=path!("/customers/:customer/renewal") view={crate::split_page!(customers, renewal_preview, renewal::RenewalPreview)}/>
    }
    .into_inner()
    .into_any_nested_route()
}
