//! Resellers: the list with its filters, a reseller's page, and the create and update forms.

pub mod detail;
mod form;
pub mod list;

use leptos::prelude::*;
use leptos_router::any_nested_route::{AnyNestedRoute, IntoAnyNestedRoute};
use leptos_router::components::Route;
use leptos_router::path;

/// `/resellers`, `/resellers/new`, `/resellers/:id`, `/resellers/:id/edit`.
#[component(transparent)]
pub fn ResellerRoutes() -> AnyNestedRoute {
    view! {
        <Route path=path!("/resellers") view={crate::split_page!(partners, reseller_list, list::ResellerList)}/>
        <Route path=path!("/resellers/new") view={crate::split_page!(partners, create_reseller, form::CreateReseller)}/>
        <Route path=path!("/resellers/:id") view={crate::split_page!(partners, reseller_page, detail::ResellerPage)}/>
        <Route path=path!("/resellers/:id/edit") view={crate::split_page!(partners, update_reseller, form::UpdateReseller)}/>
    }
    .into_inner()
    .into_any_nested_route()
}
