//! VMware Cloud Partner Navigator: the distributor subscription search.

use serde::{Deserialize, Serialize};

open_enum! {
    /// How a filter compares.
    FilterOperator { Equals = "EQUALS", Like = "LIKE" }
}

open_enum! {
    /// Sort direction.
    SortOrder { Asc = "ASC", Desc = "DESC" }
}

/// One filter of the search body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SearchFilter {
    pub key: String,
    pub operator: FilterOperator,
    pub value: String,
}

/// The sort of the search body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Sorter {
    pub key: String,
    pub operator: SortOrder,
}

/// `POST /cphub/api/seller/v1/distributors/{orgId}/subscriptions/search` body.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DistributorSubscriptionSearch {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub filters: Vec<SearchFilter>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sorter: Option<Sorter>,
}

/// A reference to a customer organization.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CustomerRef {
    pub name: String,
    pub org_id: String,
    pub org_name: String,
}

/// A reference to a reseller.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ResellerRef {
    pub name: String,
    pub org_id: String,
    pub partner_id: String,
}

/// A service of a subscription; `service_icon` is an upstream-chosen URL (untrusted).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ServiceRef {
    pub id: String,
    pub name: String,
    pub service_icon: String,
}

/// One distributor subscription. Every field is optional on the wire.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DistributorSubscription {
    pub id: String,
    pub billing_engine_subscription_id: String,
    pub currency: String,
    pub customer_org_id: String,
    pub customer_ref: CustomerRef,
    pub reseller_ref: ResellerRef,
    pub service_refs: Vec<ServiceRef>,
    pub order_source_type: String,
    pub renewal_preference: String,
    pub status: String,
    pub subscription_start_date: String,
    pub subscription_end_date: String,
    pub subscription_group_id: String,
    pub subscription_type: String,
}

/// A page of the search.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DistributorSubscriptionPage {
    pub current: u64,
    pub next: u64,
    pub results: Vec<DistributorSubscription>,
    pub total_results_count: u64,
}
