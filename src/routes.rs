//! The route table: one transparent route group per area, each kept with its area in
//! `resources` and listing the deep links the area answers. Each group is type-erased
//! (`AnyNestedRoute`), and each page is a split point (`split_page!`): in the release build an
//! area's code is downloaded the first time one of its pages opens.

pub use crate::resources::acquisitions::AcquisitionRoutes;
pub use crate::resources::customers::CustomerRoutes;
pub use crate::resources::distributor::DistributorSubscriptionRoutes;
pub use crate::resources::linked_memberships::LinkedMembershipRoutes;
pub use crate::resources::memberships::MembershipRoutes;
pub use crate::resources::orders::OrderRoutes;
pub use crate::resources::resellers::ResellerRoutes;
pub use crate::resources::subscriptions::SubscriptionRoutes;
pub use crate::resources::transfers::TransferRoutes;
