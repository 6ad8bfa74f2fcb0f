//! Deployments (`deployment-management-*`): a global customer's addresses outside its own
//! country, which orders for other countries' offers and currencies name.

use super::account::Address;
use super::common::{is_default, Links, Status};
use serde::{Deserialize, Serialize};

/// A deployment's company profile: only its address.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DeploymentProfile {
    pub address: Address,
}

/// A deployment resource.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Deployment {
    pub deployment_id: String,
    pub company_profile: DeploymentProfile,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub creation_date: String,
    /// 1000 active, 1004 inactive.
    #[serde(skip_serializing_if = "is_default")]
    pub status: Status,
    #[serde(skip_serializing_if = "is_default")]
    pub links: Links,
}

/// `GET /v3/customers/{id}/deployments`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DeploymentPage {
    pub total_count: u64,
    pub count: u64,
    pub offset: u64,
    pub limit: u64,
    pub items: Vec<Deployment>,
    #[serde(skip_serializing_if = "is_default")]
    pub links: Links,
}

/// `POST /v3/customers/{id}/deployments` (the profile) and `PATCH …/deployments/{id}` (the
/// profile, the status or both).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DeploymentRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company_profile: Option<DeploymentProfile>,
}
