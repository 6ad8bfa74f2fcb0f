//! The console's routes, in one place: every page a link, a redirect or the go-to box can lead
//! to is a [`To`], whose [`To::path`] encodes each segment and query value once; the patterns
//! the router matches are [`PATTERNS`] (a test holds them to the route groups' `path!`s and
//! every destination to a pattern); each route's parameters are a `#[derive(Params)]` struct.
//!
//! The route groups themselves stay with their areas in `resources` (`customer_routes`, …):
//! each is a list of routes erased one by one ([`route`]), which the shell joins into one list,
//! and each page is a split point (`split_page!`): in the release build an area's code is
//! downloaded the first time one of its pages opens.

pub use crate::resources::acquisitions::acquisition_routes;
pub use crate::resources::customers::customer_routes;
pub use crate::resources::distributor::distributor_subscription_routes;
pub use crate::resources::linked_memberships::linked_membership_routes;
pub use crate::resources::memberships::membership_routes;
pub use crate::resources::orders::order_routes;
pub use crate::resources::resellers::reseller_routes;
pub use crate::resources::subscriptions::subscription_routes;
pub use crate::resources::transfers::transfer_routes;

use leptos::prelude::*;
use leptos_router::any_nested_route::{AnyNestedRoute, IntoAnyNestedRoute};
use leptos_router::hooks::use_params;
use leptos_router::params::Params;
use leptos_router::{NestedRoute, PossibleRouteMatch};
use partner_model::url::encode_component as encode;

/// The route of `path` to the page `view` draws (a split point, `split_page!`, but for the home
/// page, which is in the first load), erased. Its path's segments are erased too (the router
/// matches an `Arc<dyn PossibleRouteMatch>` as it does the segments themselves), so every route
/// is one type and the router's code for a route is one copy, not one per shape of path.
pub fn route<S>(path: S, view: fn() -> AnyView) -> AnyNestedRoute
where
    S: PossibleRouteMatch + Send + Sync + 'static,
{
    let path: std::sync::Arc<dyn PossibleRouteMatch + Send + Sync> = std::sync::Arc::new(path);
    NestedRoute::new(path, view).into_any_nested_route()
}

/// Every page of the console, with what it is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum To<'a> {
    Home,
    Activity,
    Resellers,
    NewReseller,
    Reseller(&'a str),
    EditReseller(&'a str),
    /// A reseller's customers (empty: choose the reseller).
    Customers {
        reseller: &'a str,
    },
    NewCustomer {
        reseller: &'a str,
    },
    Customer(&'a str),
    EditCustomer(&'a str),
    /// A customer's 3-Year Commit and linked membership.
    Benefits(&'a str),
    /// A global customer's deployments.
    Deployments(&'a str),
    NewDeployment(&'a str),
    Deployment {
        customer: &'a str,
        id: &'a str,
    },
    /// A customer's order history (empty: what the area holds).
    Orders {
        customer: &'a str,
    },
    /// The orders of every customer of a reseller.
    ResellerOrders {
        reseller: &'a str,
    },
    /// Place an order, with lines to start from (offer id, quantity).
    NewOrder {
        customer: &'a str,
        lines: &'a [(&'a str, u64)],
    },
    Order {
        customer: &'a str,
        id: &'a str,
    },
    ReturnOrder {
        customer: &'a str,
        id: &'a str,
    },
    /// The renewal page, its manual renewal's rows starting from these lines (offer id, and
    /// quantity if given: a lead to renew's) when there are any.
    Renewal {
        customer: &'a str,
        lines: &'a [(&'a str, Option<u64>)],
    },
    /// Adding a product to the customer's next renewal.
    AddToRenewal(&'a str),
    OpenAcquisitions(&'a str),
    /// A reseller's customers with licenses pending an order.
    Notifications {
        reseller: &'a str,
    },
    /// The subscriptions of every customer of a reseller.
    ResellerSubscriptions {
        reseller: &'a str,
    },
    /// A customer's subscriptions (empty: what the area holds).
    Subscriptions {
        customer: &'a str,
    },
    Subscription {
        customer: &'a str,
        id: &'a str,
    },
    /// A mid-term upgrade of a subscription.
    Upgrade {
        customer: &'a str,
        id: &'a str,
    },
    /// Reseller change, into `reseller` when set.
    Transfers {
        reseller: &'a str,
    },
    Transfer(&'a str),
    /// VIP → VIPMP, for `reseller` when set.
    Memberships {
        reseller: &'a str,
    },
    Membership {
        id: &'a str,
        reseller: &'a str,
    },
    MembershipTransfer {
        membership: &'a str,
        id: &'a str,
    },
    LinkedMemberships,
    DistributorSubscriptions,
    PriceList,
}

/// The route patterns, as the route groups write them (`:name` is a parameter).
pub const PATTERNS: &[&str] = &[
    "/",
    "/activity",
    "/resellers",
    "/resellers/new",
    "/resellers/:id",
    "/resellers/:id/edit",
    "/customers",
    "/customers/new",
    "/customers/:id",
    "/customers/:id/edit",
    "/customers/:id/benefits",
    "/customers/:customer/deployments",
    "/customers/:customer/deployments/new",
    "/customers/:customer/deployments/:id",
    "/orders",
    "/customers/:customer/orders/new",
    "/customers/:customer/orders/:id",
    "/customers/:customer/orders/:id/return",
    "/customers/:customer/renewal",
    "/customers/:customer/renewal/add",
    "/customers/:customer/open-acquisitions",
    "/notifications",
    "/subscriptions",
    "/customers/:customer/subscriptions/:id",
    "/customers/:customer/subscriptions/:id/upgrade",
    "/transfers",
    "/transfers/:id",
    "/memberships",
    "/memberships/:id",
    "/memberships/:id/transfers/:transfer",
    "/linked-memberships",
    "/distributor-subscriptions",
    "/price-list",
];

/// `path?key=value`, the value encoded; nothing added for an empty value.
fn with(path: String, key: &str, value: &str) -> String {
    if value.is_empty() {
        path
    } else {
        format!("{path}?{key}={}", encode(value))
    }
}

/// `path?line=OFFER:QUANTITY&…` (`line=OFFER` without a quantity), each offer id encoded;
/// nothing added for no lines.
fn with_lines<'a>(path: String, lines: impl Iterator<Item = (&'a str, Option<u64>)>) -> String {
    let query: Vec<String> = lines
        .map(|(offer, q)| match q {
            Some(q) => format!("line={}:{q}", encode(offer)),
            None => format!("line={}", encode(offer)),
        })
        .collect();
    if query.is_empty() {
        path
    } else {
        format!("{path}?{}", query.join("&"))
    }
}

/// A line of a page's address as [`To::NewOrder`] and [`To::Renewal`] write it (`line=OFFER:QUANTITY`, or
/// `line=OFFER` without a quantity): the offer id, and the quantity as written, for the page to
/// check (a link is outside data).
#[derive(Clone, Debug, PartialEq)]
pub struct QueryLine {
    pub offer: String,
    pub quantity: Option<String>,
}

/// The lines of a page's `line` query values, in order, each trimmed; a line without an offer id
/// is left out.
pub fn query_lines(values: &[String]) -> Vec<QueryLine> {
    values
        .iter()
        .map(|line| match line.split_once(':') {
            Some((offer, quantity)) => QueryLine { offer: offer.trim().into(), quantity: Some(quantity.trim().into()) },
            None => QueryLine { offer: line.trim().into(), quantity: None },
        })
        .filter(|l| !l.offer.is_empty())
        .collect()
}

impl To<'_> {
    /// The path below the app's base, each segment and query value encoded once.
    pub fn path(&self) -> String {
        let e = encode;
        match *self {
            To::Home => "/".into(),
            To::Activity => "/activity".into(),
            To::Resellers => "/resellers".into(),
            To::NewReseller => "/resellers/new".into(),
            To::Reseller(id) => format!("/resellers/{}", e(id)),
            To::EditReseller(id) => format!("/resellers/{}/edit", e(id)),
            To::Customers { reseller } => with("/customers".into(), "reseller", reseller),
            To::NewCustomer { reseller } => with("/customers/new".into(), "reseller", reseller),
            To::Customer(id) => format!("/customers/{}", e(id)),
            To::EditCustomer(id) => format!("/customers/{}/edit", e(id)),
            To::Benefits(id) => format!("/customers/{}/benefits", e(id)),
            To::Deployments(customer) => format!("/customers/{}/deployments", e(customer)),
            To::NewDeployment(customer) => format!("/customers/{}/deployments/new", e(customer)),
            To::Deployment { customer, id } => format!("/customers/{}/deployments/{}", e(customer), e(id)),
            To::Orders { customer } => with("/orders".into(), "customer", customer),
            To::ResellerOrders { reseller } => with("/orders".into(), "reseller", reseller),
            To::ResellerSubscriptions { reseller } => with("/subscriptions".into(), "reseller", reseller),
            To::NewOrder { customer, lines } => {
                with_lines(format!("/customers/{}/orders/new", e(customer)), lines.iter().map(|(o, q)| (*o, Some(*q))))
            }
            To::Order { customer, id } => format!("/customers/{}/orders/{}", e(customer), e(id)),
            To::ReturnOrder { customer, id } => format!("/customers/{}/orders/{}/return", e(customer), e(id)),
            To::Renewal { customer, lines } => {
                with_lines(format!("/customers/{}/renewal", e(customer)), lines.iter().copied())
            }
            To::AddToRenewal(customer) => format!("/customers/{}/renewal/add", e(customer)),
            To::OpenAcquisitions(customer) => format!("/customers/{}/open-acquisitions", e(customer)),
            To::Notifications { reseller } => with("/notifications".into(), "reseller", reseller),
            To::Subscriptions { customer } => with("/subscriptions".into(), "customer", customer),
            To::Subscription { customer, id } => format!("/customers/{}/subscriptions/{}", e(customer), e(id)),
            To::Upgrade { customer, id } => format!("/customers/{}/subscriptions/{}/upgrade", e(customer), e(id)),
            To::Transfers { reseller } => with("/transfers".into(), "reseller", reseller),
            To::Transfer(id) => format!("/transfers/{}", e(id)),
            To::Memberships { reseller } => with("/memberships".into(), "reseller", reseller),
            To::Membership { id, reseller } => with(format!("/memberships/{}", e(id)), "reseller", reseller),
            To::MembershipTransfer { membership, id } => {
                format!("/memberships/{}/transfers/{}", e(membership), e(id))
            }
            To::LinkedMemberships => "/linked-memberships".into(),
            To::DistributorSubscriptions => "/distributor-subscriptions".into(),
            To::PriceList => "/price-list".into(),
        }
    }

    /// The link's `href`: the path below the app's base.
    pub fn href(&self) -> String {
        crate::runtime::href(&self.path())
    }

    /// Goes there (the router adds the app's base).
    pub fn go(&self) {
        leptos_router::hooks::use_navigate()(&self.path(), Default::default());
    }
}

/// The parameters of a record's route (`/customers/:id`, `/resellers/:id/edit`, …).
#[derive(Params, Clone, Debug, Default, PartialEq)]
pub struct RecordParams {
    pub id: String,
}

/// The parameters of a route about a customer (`/customers/:customer/renewal`, …).
#[derive(Params, Clone, Debug, Default, PartialEq)]
pub struct CustomerParams {
    pub customer: String,
}

/// The parameters of a customer's record (`/customers/:customer/orders/:id`, …).
#[derive(Params, Clone, Debug, Default, PartialEq)]
pub struct CustomerRecordParams {
    pub customer: String,
    pub id: String,
}

/// The parameters of a membership's transfer (`/memberships/:id/transfers/:transfer`).
#[derive(Params, Clone, Debug, Default, PartialEq)]
pub struct MembershipTransferParams {
    pub id: String,
    pub transfer: String,
}

/// The current route's parameters; empty ones where the route has none (the router matched
/// the route, so only a programming error leaves one out).
pub fn params<P: Params + Default + Clone + PartialEq + Send + Sync + 'static>() -> Memo<P> {
    let params = use_params::<P>();
    Memo::new(move |_| params.get().unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_keep_their_quantities_as_written() {
        let lines = |values: &[&str]| query_lines(&values.iter().map(|v| v.to_string()).collect::<Vec<_>>());
        let asked = lines(&["65304479CA03A12:15", "65322651CA01A12", " 65322651CA01A12 : -2 ", ":4", ""]);
        let q =
            |offer: &str, quantity: Option<&str>| QueryLine { offer: offer.into(), quantity: quantity.map(Into::into) };
        assert_eq!(
            asked,
            vec![q("65304479CA03A12", Some("15")), q("65322651CA01A12", None), q("65322651CA01A12", Some("-2"))]
        );
    }

    /// One of every destination, with ids that need encoding.
    fn every() -> Vec<To<'static>> {
        let (c, r, id) = ("P1005-0001", "1000000001", "a b/c");
        vec![
            To::Home,
            To::Activity,
            To::Resellers,
            To::NewReseller,
            To::Reseller(r),
            To::EditReseller(r),
            To::Customers { reseller: r },
            To::Customers { reseller: "" },
            To::NewCustomer { reseller: r },
            To::Customer(c),
            To::EditCustomer(c),
            To::Benefits(c),
            To::Deployments(c),
            To::NewDeployment(c),
            To::Deployment { customer: c, id },
            To::Orders { customer: c },
            To::ResellerOrders { reseller: r },
            To::ResellerSubscriptions { reseller: r },
            To::NewOrder { customer: c, lines: &[("65322651CA01A12", 2), ("x&y", 1)] },
            To::Order { customer: c, id },
            To::ReturnOrder { customer: c, id },
            To::Renewal { customer: c, lines: &[] },
            To::Renewal { customer: c, lines: &[("65304479CA01A12", Some(15)), ("65322651CA01A12", None)] },
            To::AddToRenewal(c),
            To::OpenAcquisitions(c),
            To::Notifications { reseller: r },
            To::Subscriptions { customer: c },
            To::Subscription { customer: c, id },
            To::Upgrade { customer: c, id },
            To::Transfers { reseller: r },
            To::Transfer(id),
            To::Memberships { reseller: "" },
            To::Membership { id, reseller: r },
            To::MembershipTransfer { membership: id, id },
            To::LinkedMemberships,
            To::DistributorSubscriptions,
            To::PriceList,
        ]
    }

    fn matches(pattern: &str, path: &str) -> bool {
        let (p, q): (Vec<&str>, Vec<&str>) = (pattern.split('/').collect(), path.split('/').collect());
        p.len() == q.len() && p.iter().zip(&q).all(|(p, q)| p.starts_with(':') && !q.is_empty() || p == q)
    }

    #[test]
    fn every_destination_matches_one_registered_route() {
        for to in every() {
            let path = to.path();
            let bare = path.split('?').next().unwrap_or_default();
            // "new" is a page of its own, not a record: the first matching pattern is the route.
            let found: Vec<&str> = PATTERNS.iter().copied().filter(|p| matches(p, bare)).collect();
            assert!(!found.is_empty(), "{to:?} → {path} matches no route");
            assert!(!bare.contains(' ') && bare.matches('/').count() == found[0].matches('/').count(), "{path}");
        }
        assert_eq!(To::Order { customer: "P1005-0001", id: "a b/c" }.path(), "/customers/P1005-0001/orders/a%20b%2Fc");
        assert_eq!(To::Customers { reseller: "" }.path(), "/customers");
        assert_eq!(To::Membership { id: "1", reseller: "x y" }.path(), "/memberships/1?reseller=x%20y");
        assert_eq!(
            To::NewOrder { customer: "1", lines: &[("65322651CA01A12", 2), ("x&y", 1)] }.path(),
            "/customers/1/orders/new?line=65322651CA01A12:2&line=x%26y:1"
        );
        assert_eq!(To::Renewal { customer: "1", lines: &[] }.path(), "/customers/1/renewal");
        assert_eq!(
            To::Renewal { customer: "1", lines: &[("a b", Some(15)), ("c", None)] }.path(),
            "/customers/1/renewal?line=a%20b:15&line=c"
        );
    }

    /// The patterns are the route groups' `path!`s, no more and no fewer.
    #[test]
    fn the_patterns_are_the_routes_the_router_has() {
        fn walk(dir: &std::path::Path, found: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    walk(&path, found);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).unwrap_or_default();
                    for piece in text.split("path!(\"").skip(1) {
                        found.push(piece.split('"').next().unwrap_or_default().to_string());
                    }
                }
            }
        }
        let mut found = Vec::new();
        walk(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut found);
        // This file's own mentions are in comments and tests.
        found.retain(|p| p.starts_with('/'));
        found.sort();
        let mut patterns: Vec<String> = PATTERNS.iter().map(|p| p.to_string()).collect();
        patterns.sort();
        assert_eq!(found, patterns);
    }
}
