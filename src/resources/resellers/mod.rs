//! Resellers: the list with its filters, a reseller's page, and the create and update forms.

pub mod detail;
mod form;
pub mod list;

use crate::routes::route;
use leptos_router::any_nested_route::AnyNestedRoute;
use leptos_router::path;

/// `/resellers`, `/resellers/new`, `/resellers/:id`, `/resellers/:id/edit`.
pub fn reseller_routes() -> Vec<AnyNestedRoute> {
    vec![
        route(path!("/resellers"), crate::split_page!(partners, reseller_list, list::ResellerList)),
        route(path!("/resellers/new"), crate::split_page!(partners, create_reseller, form::CreateReseller)),
        route(path!("/resellers/:id"), crate::split_page!(partners, reseller_page, detail::ResellerPage)),
        route(path!("/resellers/:id/edit"), crate::split_page!(partners, update_reseller, form::UpdateReseller)),
    ]
}
