//! The registry of the console's areas: one row per route group, used by the navigation, the
//! home page and the tests that walk every area.

/// One area of the console.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Area {
    /// The area's path below the app base.
    pub path: &'static str,
    /// The navigation label and page title.
    pub label: &'static str,
    /// What a reseller does here.
    pub summary: &'static str,
    /// What the area will show, until it is built.
    pub coming: &'static str,
}

/// Every area, in navigation order.
pub const AREAS: [Area; 8] = [
    Area {
        path: "/resellers",
        label: "Resellers",
        summary: "Reseller accounts under your distributor.",
        coming: "A searchable list of resellers (status, company name, created date), each reseller's profile, contacts and market segments, and forms to create and update resellers.",
    },
    Area {
        path: "/customers",
        label: "Customers",
        summary: "Customer accounts: commercial, education, government, LGA and 3-Year Commit.",
        coming: "Each reseller's customers, the customer hub (profile, discounts, 3-Year Commit, linked membership, orders and subscriptions), and forms to create and update customers.",
    },
    Area {
        path: "/orders",
        label: "Orders",
        summary: "Order history, new orders with preview, returns and renewal previews.",
        coming: "Order history with every filter, order detail that follows open orders to completion, placing orders after a preview, and returns within the 14-day window.",
    },
    Area {
        path: "/subscriptions",
        label: "Subscriptions",
        summary: "Subscriptions and their auto-renewal settings.",
        coming: "Each customer's subscriptions with quantities and renewal dates, and the auto-renewal editor (off, on for all licenses, on for a set quantity).",
    },
    Area {
        path: "/transfers",
        label: "Reseller changes",
        summary: "Move a customer to a reseller with the customer's approval code.",
        coming: "Preview a reseller change from the customer's approval code, commit it after confirmation, and follow the transfer until its subscriptions move.",
    },
    Area {
        path: "/memberships",
        label: "VIP → VIPMP",
        summary: "Move a VIP membership to VIP Marketplace.",
        coming: "Preview the offers of a VIP membership, see why it may not be eligible, transfer it and follow the transfer to the new customer.",
    },
    Area {
        path: "/linked-memberships",
        label: "Linked memberships",
        summary: "Large Government Agency linked membership groups.",
        coming: "Search linked membership groups by country and name, see their members and discounts, and enroll customers.",
    },
    Area {
        path: "/distributor-subscriptions",
        label: "VMware subscriptions",
        summary: "Your distributor subscriptions in VMware Cloud Partner Navigator.",
        coming: "The distributor's VMware subscriptions with filters, sorting, paging and CSV export.",
    },
];

/// The area that owns `path` (a path below the app base), if any.
pub fn area_of(path: &str) -> Option<&'static Area> {
    AREAS.iter().find(|a| path == a.path || path.starts_with(&format!("{}/", a.path)))
}
