//! The route table: one transparent route group per area. Each group lists the deep links its
//! area answers. Built areas keep their group in `resources`; the rest show placeholder pages.

use crate::pages::placeholder::{AreaHome, RecordPage};
pub use crate::resources::acquisitions::AcquisitionRoutes;
pub use crate::resources::customers::CustomerRoutes;
pub use crate::resources::linked_memberships::LinkedMembershipRoutes;
pub use crate::resources::orders::OrderRoutes;
pub use crate::resources::resellers::ResellerRoutes;
pub use crate::resources::subscriptions::SubscriptionRoutes;
use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route};
use leptos_router::{path, MatchNestedRoutes};

/// `/transfers`, `/transfers/:id` (reseller changes).
#[component(transparent)]
pub fn TransferRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("/transfers") view=leptos_router::components::Outlet>
            <Route path=path!("") view=|| view! { <AreaHome path="/transfers"/> }/>
            <Route path=path!(":id") view=|| view! { <RecordPage path="/transfers" noun="Transfer"/> }/>
        </ParentRoute>
    }
    .into_inner()
}

/// `/memberships`, `/memberships/:id` (VIP → VIPMP).
#[component(transparent)]
pub fn MembershipRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("/memberships") view=leptos_router::components::Outlet>
            <Route path=path!("") view=|| view! { <AreaHome path="/memberships"/> }/>
            <Route path=path!(":id") view=|| view! { <RecordPage path="/memberships" noun="VIP membership"/> }/>
        </ParentRoute>
    }
    .into_inner()
}

/// `/distributor-subscriptions`.
#[component(transparent)]
pub fn DistributorSubscriptionRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <Route
            path=path!("/distributor-subscriptions")
            view=|| view! { <AreaHome path="/distributor-subscriptions"/> }
        />
    }
    .into_inner()
}
