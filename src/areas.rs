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
        for_resellers: false,
    },
    Area {
        to: To::Customers { reseller: "" },
        label: "Customers",
        summary: "Customer accounts: commercial, education, government, LGA and 3-Year Commit.",
        for_resellers: true,
    },
    Area {
        to: To::Orders { customer: "" },
        label: "Orders",
        summary: "Every order of a reseller's customers; order history, new orders with preview, returns, renewals and upgrades.",
        for_resellers: true,
    },
    Area {
        to: To::Subscriptions { customer: "" },
        label: "Subscriptions",
        summary: "Every subscription of a reseller's customers, with renewal dates and auto-renewal.",
        for_resellers: true,
    },
    Area {
        to: To::Transfers { reseller: "" },
        label: "Reseller change",
        summary: "Move a customer to a reseller with the customer's approval code.",
        for_resellers: true,
    },
    Area {
        to: To::Memberships { reseller: "" },
        label: "VIP → VIPMP",
        summary: "Move a VIP membership to VIP Marketplace.",
        for_resellers: true,
    },
    Area {
        to: To::LinkedMemberships,
        label: "Linked memberships",
        summary: "Large Government Agency linked membership groups.",
        for_resellers: true,
    },
    Area {
        to: To::PriceList,
        label: "Price list",
        summary: "Adobe's prices by region, market segment, level and month, with 3-Year Commit and LGA price lists.",
        for_resellers: true,
    },
    Area {
        to: To::DistributorSubscriptions,
        label: "VMware subscriptions",
        summary: "Your distributor subscriptions in VMware Cloud Partner Navigator.",
        for_resellers: false,
    },
];

impl Area {
    /// The area's path below the app base.
    pub fn path(&self) -> String {
        self.to.path()
    }
}
