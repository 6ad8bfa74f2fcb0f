//! List pages and small collections: resellers and customers, open acquisitions,
//! notifications, linked membership groups.

use super::account::{CustomerProfile, Discount, LinkedMembershipType, MarketSegment, ResellerProfile};
use super::common::{is_default, lenient_u64, Links, Status};
use serde::{Deserialize, Serialize};

/// A reseller as `GET /v3/resellers` lists it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ResellerSummary {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub external_reference_id: String,
    pub reseller_id: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub distributor_id: String,
    #[serde(skip_serializing_if = "is_default")]
    pub status: Status,
    pub company_profile: ResellerProfile,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub creation_date: String,
    #[serde(skip_serializing_if = "is_default")]
    pub links: Links,
}

/// A page of accounts (`GET /v3/resellers`, `GET /v3/resellers/{id}/customers`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, bound(deserialize = "T: Deserialize<'de> + Default"))]
pub struct AccountPage<T> {
    pub total_count: u64,
    pub count: u64,
    pub offset: u64,
    pub limit: u64,
    pub accounts: Vec<T>,
}

/// `GET /v3/resellers`.
pub type ResellerListPage = AccountPage<ResellerSummary>;

/// A customer as `GET /v3/resellers/{id}/customers` lists it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CustomerSummary {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub external_reference_id: String,
    pub customer_id: String,
    pub reseller_id: String,
    #[serde(skip_serializing_if = "is_default")]
    pub status: Status,
    pub company_profile: CustomerProfile,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub creation_date: String,
    #[serde(skip_serializing_if = "is_default")]
    pub links: Links,
}

/// `GET /v3/resellers/{id}/customers`.
pub type CustomerListPage = AccountPage<CustomerSummary>;

/// Licenses a customer took that the partner still has to order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct UnpaidLicense {
    pub reference_id: String,
    pub creation_date: String,
    pub expiry_date: String,
    pub quantity: u64,
    pub product_name: String,
    pub base_offer_id: String,
}

/// `GET /v3/customers/{id}/open-acquisitions`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct OpenAcquisitions {
    pub customer_id: String,
    pub reseller_id: String,
    pub license_count: u64,
    pub unpaid_licenses: Vec<UnpaidLicense>,
}

/// One notification.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct NotificationItem {
    pub customer_id: String,
    pub reseller_id: String,
    pub notification_type: String,
    #[serde(skip_serializing_if = "is_default")]
    pub links: Links,
}

/// `GET /v3/notifications`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Notifications {
    pub limit: u64,
    pub offset: u64,
    pub total_count: u64,
    pub count: u64,
    pub items: Vec<NotificationItem>,
    #[serde(skip_serializing_if = "is_default")]
    pub links: Links,
}

/// A linked membership group, as the LGA search returns it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct LinkedMembershipGroup {
    pub id: String,
    pub name: String,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<LinkedMembershipType>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub creation_date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub market_segment: Option<MarketSegment>,
    pub country: String,
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "lenient_u64")]
    pub members_count: Option<u64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub benefit_types: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub discounts: Vec<Discount>,
}

/// `GET /v3/linked_membership_groups`: a plain array of groups.
pub type LinkedMembershipGroupSearch = Vec<LinkedMembershipGroup>;

/// The answer to enrolling a customer into a linked membership group.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EnrollResult {
    pub message: String,
}
