//! Resellers: the list with its filters, a reseller's page, and the create and update forms.

pub mod detail;
mod form;
pub mod list;

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route};
use leptos_router::{path, MatchNestedRoutes};

/// `/resellers`, `/resellers/new`, `/resellers/:id`, `/resellers/:id/edit`.
#[component(transparent)]
pub fn ResellerRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("/resellers") view=leptos_router::components::Outlet>
            <Route path=path!("") view=list::ResellerList/>
            <Route path=path!("new") view=form::CreateReseller/>
            <Route path=path!(":id") view=detail::ResellerPage/>
            <Route path=path!(":id/edit") view=form::UpdateReseller/>
        </ParentRoute>
    }
    .into_inner()
}
