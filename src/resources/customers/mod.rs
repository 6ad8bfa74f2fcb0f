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

use crate::routes::route;
use leptos_router::any_nested_route::AnyNestedRoute;
use leptos_router::path;

/// `/customers` (with `?reseller=`), `/customers/new`, `/customers/:id`, `/customers/:id/edit`,
/// `/customers/:id/benefits`, and a global customer's deployments.
///
/// Creating, editing, the benefits and the deployments are split with the reseller's forms
/// (`partners`), not with the other customer pages: they share its address form and tables of
/// places (src/split.rs says why).
pub fn customer_routes() -> Vec<AnyNestedRoute> {
    vec![
        route(path!("/customers"), crate::split_page!(customers, customer_list, list::CustomerList)),
        route(path!("/customers/new"), crate::split_page!(partners, create_customer, create::CreateCustomer)),
        route(path!("/customers/:id"), crate::split_page!(hub, customer_hub, hub::CustomerHub)),
        route(path!("/customers/:id/edit"), crate::split_page!(partners, update_customer, update::UpdateCustomer)),
        route(
            path!("/customers/:id/benefits"),
            crate::split_page!(partners, customer_benefits, benefits::CustomerBenefits),
        ),
        route(
            path!("/customers/:customer/deployments"),
            crate::split_page!(partners, deployment_list, deployments::DeploymentList),
        ),
        route(
            path!("/customers/:customer/deployments/new"),
            crate::split_page!(partners, new_deployment, deployments::NewDeployment),
        ),
        route(
            path!("/customers/:customer/deployments/:id"),
            crate::split_page!(partners, deployment_page, deployments::DeploymentPage),
        ),
    ]
}
