//! Customers: each reseller's list, the customer hub, and the forms that create a customer
//! (standard, Large Government Agency, 3-Year Commit, Extended Term) and update it (profile,
//! 3-Year Commit requests, linked membership, global sales), and a global customer's
//! deployments.

pub mod benefits;
pub mod create;
pub mod deployments;
pub mod hub;
pub mod list;
mod profile;
mod update;

pub use update::UpdateRefused;

use leptos::prelude::*;
use leptos_router::any_nested_route::{AnyNestedRoute, IntoAnyNestedRoute};
use leptos_router::components::Route;
use leptos_router::path;

/// `/customers` (with `?reseller=`), `/customers/new`, `/customers/:id`, `/customers/:id/edit`,
/// `/customers/:id/benefits`, and a global customer's deployments.
///
/// Creating, editing, the benefits and the deployments are split with the reseller's forms
/// (`partners`), not with the other customer pages: they share its address form and tables of
/// places (src/split.rs says why).
#[component(transparent)]
pub fn CustomerRoutes() -> AnyNestedRoute {
    view! {
        <Route path=path!("/customers") view={crate::split_page!(customers, customer_list, list::CustomerList)}/>
        <Route path=path!("/customers/new") view={crate::split_page!(partners, create_customer, create::CreateCustomer)}/>
        <Route path=path!("/customers/:id") view={crate::split_page!(hub, customer_hub, hub::CustomerHub)}/>
        <Route path=path!("/customers/:id/edit") view={crate::split_page!(partners, update_customer, update::UpdateCustomer)}/>
        <Route path=path!("/customers/:id/benefits") view={crate::split_page!(partners, customer_benefits, benefits::CustomerBenefits)}/>
        <Route path=path!("/customers/:customer/deployments") view={crate::split_page!(partners, deployment_list, deployments::DeploymentList)}/>
        <Route path=path!("/customers/:customer/deployments/new") view={crate::split_page!(partners, new_deployment, deployments::NewDeployment)}/>
        <Route path=path!("/customers/:customer/deployments/:id") view={crate::split_page!(partners, deployment_page, deployments::DeploymentPage)}/>
    }
    .into_inner()
    .into_any_nested_route()
}
