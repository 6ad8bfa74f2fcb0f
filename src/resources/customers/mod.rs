//! Customers: each reseller's list, the customer hub, and the forms that create a customer
//! (standard, Large Government Agency, 3-Year Commit, Extended Term) and update it (profile,
//! 3-Year Commit requests, linked membership).

mod benefits;
pub mod create;
pub mod hub;
pub mod list;
mod profile;
mod update;

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route};
use leptos_router::{path, MatchNestedRoutes};

/// `/customers` (with `?reseller=`), `/customers/new`, `/customers/:id`, `/customers/:id/edit`,
/// `/customers/:id/benefits`.
#[component(transparent)]
pub fn CustomerRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("/customers") view=leptos_router::components::Outlet>
            <Route path=path!("") view=list::CustomerList/>
            <Route path=path!("new") view=create::CreateCustomer/>
            <Route path=path!(":id") view=hub::CustomerHub/>
            <Route path=path!(":id/edit") view=update::UpdateCustomer/>
            <Route path=path!(":id/benefits") view=benefits::CustomerBenefits/>
        </ParentRoute>
    }
    .into_inner()
}
