//! The audit trail as the gateway answers it (`GET {base}api/audit`) and the console reads it:
//! one entry per change that passed the gateway, recorded before it was sent upstream and
//! completed with its outcome.

use serde::{Deserialize, Serialize};

/// What became of a recorded change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// Sent upstream; no answer recorded (yet, or the gateway stopped before it came).
    #[default]
    Sent,
    /// The upstream answered (any status).
    Answered,
    /// The gateway gave up on the upstream (unreachable, timed out).
    Failed,
}

impl Outcome {
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Sent => "Sent, no answer recorded",
            Outcome::Answered => "Answered",
            Outcome::Failed => "Not answered",
        }
    }
}

/// One change that passed the gateway.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct AuditEntry {
    pub id: String,
    /// When it was received (RFC 3339, UTC).
    pub at: String,
    /// Who: the provider's subject, and the name and e-mail it gave.
    pub subject: String,
    pub name: String,
    pub email: String,
    /// `distributor` or `reseller`.
    pub role: String,
    /// The user's resellers (empty for distributor staff).
    pub reseller_ids: Vec<String>,
    /// The reseller and the customer the change is about, when known.
    pub reseller_id: String,
    pub customer_id: String,
    pub method: String,
    /// The endpoint (`/v3/customers/{customer}/orders`) and the path called.
    pub template: String,
    pub path: String,
    pub correlation_id: String,
    pub request_id: String,
    pub outcome: Outcome,
    /// The upstream's HTTP status and error code, once answered.
    pub status: Option<u16>,
    pub api_code: String,
    /// The order, transfer, customer or reseller the answer names.
    pub result_id: String,
    pub completed_at: Option<String>,
}

/// A page of the audit trail, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct AuditPage {
    pub items: Vec<AuditEntry>,
    /// Entries that match the filters.
    pub total: u64,
    pub offset: u64,
    pub limit: u64,
}
