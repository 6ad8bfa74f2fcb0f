//! Resellers: the list with its filters, a reseller's page, and the create and update forms.

pub mod detail;
mod form;
pub mod list;

use leptos::prelude::*;
use leptos_router::any_nested_route::{AnyNestedRoute, IntoAnyNestedRoute};
use leptos_router::components::{ParentRoute, Route};
use leptos_router::path;

/// `/resellers`, `/resellers/new`, `/resellers/:id`, `/resellers/:id/edit`.
#[component(transparent)]
pub fn ResellerRoutes() -> AnyNestedRoute {
    view! {
        <ParentRoute path=path!("/resellers") view=leptos_router::components::Outlet>
            <Route path=path!("") view={crate::split_page!(resellers, reseller_list, list::ResellerList)}/>
            <Route path=path!("new") view={crate::split_page!(resellers, create_reseller, form::CreateReseller)}/>
            <Route path=path!(":id") view={crate::split_page!(resellers, reseller_page, detail::ResellerPage)}/>
            <Route path=path!(":id/edit") view={crate::split_page!(resellers, update_reseller, form::UpdateReseller)}/>
        </ParentRoute>
    }
    .into_inner()
    .into_any_nested_route()
}
