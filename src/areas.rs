//! The registry of the console's areas: one row per route group, used by the navigation, the
//! home page and the tests that walk every area.

use crate::routes::To;

/// One area of the console.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Area {
    /// The area's page.
    pub to: To<'static>,
    /// The navigation label and page title.
    pub label: &'static str,
    /// What a reseller does here.
    pub summary: &'static str,
    /// Where to start when the area's page needs a record first (a customer's orders).
    pub start: &'static str,
    /// Whether reseller users have it (the reseller list and the VMware subscriptions are for
    /// distributor staff; the gateway refuses them to anyone else).
    pub for_resellers: bool,
}

/// Every area, in navigation order.
pub const AREAS: [Area; 9] = [
    Area {
        to: To::Resellers,
        label: "Resellers",
        summary: "Reseller accounts under your distributor.",
        start: "Search the list, open a reseller, or create one.",
        for_resellers: false,
    },
    Area {
        to: To::Customers { reseller: "" },
        label: "Customers",
        summary: "Customer accounts: commercial, education, government, LGA and 3-Year Commit.",
        start: "Choose a reseller to list its customers, or open a customer by its id in the Go to box above.",
        for_resellers: true,
    },
    Area {
        to: To::Orders { customer: "" },
        label: "Orders",
        summary: "Order history, new orders with preview, returns and renewal previews.",
        start: "Orders belong to a customer: open the customer (Customers, or its id in the Go to box above) and choose Order history or Place an order.",
        for_resellers: true,
    },
    Area {
        to: To::Subscriptions { customer: "" },
        label: "Subscriptions",
        summary: "Subscriptions and their auto-renewal settings.",
        start: "Subscriptions belong to a customer: open the customer (Customers, or its id in the Go to box above) and choose Subscriptions.",
        for_resellers: true,
    },
    Area {
        to: To::Transfers { reseller: "" },
        label: "Reseller change",
        summary: "Move a customer to a reseller with the customer's approval code.",
        start: "Enter the customer's approval code, the requesting admin's email and the receiving reseller, then preview.",
        for_resellers: true,
    },
    Area {
        to: To::Memberships { reseller: "" },
        label: "VIP → VIPMP",
        summary: "Move a VIP membership to VIP Marketplace.",
        start: "Enter the customer's VIP membership id to preview the transfer.",
        for_resellers: true,
    },
    Area {
        to: To::LinkedMemberships,
        label: "Linked memberships",
        summary: "Large Government Agency linked membership groups.",
        start: "Search the groups by country and name.",
        for_resellers: true,
    },
    Area {
        to: To::PriceList,
        label: "Price list",
        summary: "Adobe's prices by region, market segment, level and month, with 3-Year Commit and LGA price lists.",
        start: "Choose the region, segment and currency; filter by product family or offer id.",
        for_resellers: true,
    },
    Area {
        to: To::DistributorSubscriptions,
        label: "VMware subscriptions",
        summary: "Your distributor subscriptions in VMware Cloud Partner Navigator.",
        start: "Filter, sort and page the list; export it as CSV.",
        for_resellers: false,
    },
];

impl Area {
    /// The area's path below the app base.
    pub fn path(&self) -> String {
        self.to.path()
    }
}
