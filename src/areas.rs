//! The registry of the console's areas: one row per route group, used by the navigation, the
//! home page and the tests that walk every area.

use crate::i18n::t;
use crate::routes::To;

/// One area of the console.
#[derive(Clone, Copy, Debug)]
pub struct Area {
    /// The area's page.
    pub to: To<'static>,
    /// The navigation label and page title (a text of the catalog).
    pub label: fn() -> &'static str,
    /// What a reseller does here.
    pub summary: fn() -> &'static str,
    /// Whether reseller users have it (the reseller list and the VMware subscriptions are for
    /// distributor staff; the gateway refuses them to anyone else).
    pub for_resellers: bool,
}

/// Every area, in navigation order.
pub const AREAS: [Area; 9] = [
    Area { to: To::Resellers, label: t::areas::resellers, summary: t::areas::resellers_what, for_resellers: false },
    Area {
        to: To::Customers { reseller: "" },
        label: t::areas::customers,
        summary: t::areas::customers_what,
        for_resellers: true,
    },
    Area {
        to: To::Orders { customer: "" },
        label: t::areas::orders,
        summary: t::areas::orders_what,
        for_resellers: true,
    },
    Area {
        to: To::Subscriptions { customer: "" },
        label: t::areas::subscriptions,
        summary: t::areas::subscriptions_what,
        for_resellers: true,
    },
    Area {
        to: To::Transfers { reseller: "" },
        label: t::areas::transfers,
        summary: t::areas::transfers_what,
        for_resellers: true,
    },
    Area {
        to: To::Memberships { reseller: "" },
        label: t::areas::memberships,
        summary: t::areas::memberships_what,
        for_resellers: true,
    },
    Area { to: To::LinkedMemberships, label: t::areas::linked, summary: t::areas::linked_what, for_resellers: true },
    Area { to: To::PriceList, label: t::areas::price_list, summary: t::areas::price_list_what, for_resellers: true },
    Area {
        to: To::DistributorSubscriptions,
        label: t::areas::vmware,
        summary: t::areas::vmware_what,
        for_resellers: false,
    },
];

impl Area {
    /// The area's path below the app base.
    pub fn path(&self) -> String {
        self.to.path()
    }
}
