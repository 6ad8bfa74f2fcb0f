//! Moving customers in: reseller change (approval code → preview → commit → follow) and VIP →
//! VIPMP membership transfers (offers preview → transfer → follow).

use super::account::{Benefit, Discount};
use super::common::{is_default, lenient_u64, Links, Status};
use serde::{Deserialize, Serialize};

open_enum! {
    /// The step of a reseller change request.
    ResellerChangeAction { Preview = "PREVIEW", Commit = "COMMIT" }
}

/// `POST /v3/transfers` (reseller change, PREVIEW or COMMIT).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ResellerChangeRequest {
    /// Always `RESELLER_CHANGE`.
    #[serde(rename = "type")]
    pub kind: String,
    pub action: ResellerChangeAction,
    pub approval_code: String,
    pub reseller_id: String,
    pub requested_by: String,
}

impl ResellerChangeRequest {
    /// A request for `action` with the customer's approval code.
    pub fn new(action: ResellerChangeAction, approval_code: &str, reseller_id: &str, requested_by: &str) -> Self {
        ResellerChangeRequest {
            kind: "RESELLER_CHANGE".into(),
            action,
            approval_code: approval_code.into(),
            reseller_id: reseller_id.into(),
            requested_by: requested_by.into(),
        }
    }
}

/// The customer's approval code and when it expires.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Approval {
    pub code: String,
    pub expiry: String,
}

/// One subscription a transfer moves.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct TransferItem {
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "lenient_u64")]
    pub line_item_number: Option<u64>,
    pub offer_id: String,
    pub quantity: u64,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub subscription_id: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub renewal_date: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub deployment_id: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub currency_code: String,
    #[serde(skip_serializing_if = "is_default")]
    pub status: Status,
}

/// A reseller change, as preview, commit and get return it (`lineItems` or `items`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ResellerChangeTransfer {
    pub transfer_id: String,
    pub customer_id: String,
    pub reseller_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub approval: Option<Approval>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub creation_date: String,
    #[serde(skip_serializing_if = "is_default")]
    pub status: Status,
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "lenient_u64")]
    pub total_count: Option<u64>,
    #[serde(alias = "items")]
    pub line_items: Vec<TransferItem>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub benefits: Vec<Benefit>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub discounts: Vec<Discount>,
    #[serde(skip_serializing_if = "is_default")]
    pub links: Links,
}

/// `GET /v3/memberships/{id}/offers`: what a VIP membership would bring over.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct MembershipOffersPreview {
    pub total_count: u64,
    pub items: Vec<TransferItem>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub benefits: Vec<Benefit>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub discounts: Vec<Discount>,
}

/// `POST /v3/memberships/{id}/transfers`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MembershipTransferRequest {
    pub reseller_id: String,
}

/// A VIP → VIPMP membership transfer.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct MembershipTransfer {
    pub transfer_id: String,
    pub customer_id: String,
    pub membership_id: String,
    pub reseller_id: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub creation_date: String,
    #[serde(skip_serializing_if = "is_default")]
    pub status: Status,
    #[serde(alias = "items")]
    pub line_items: Vec<TransferItem>,
    #[serde(skip_serializing_if = "is_default")]
    pub links: Links,
}
