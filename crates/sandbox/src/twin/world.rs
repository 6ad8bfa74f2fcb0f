//! Everything the twin knows, as one serialisable value, and the changes that happen after a
//! delay (accounts and orders pending → active, 3YC requests accepted, transfers completed).
//! Changes are applied lazily: every request first settles what has come due, so the twin
//! needs no background task and a test controls time with the delay.

use partner_model::types::*;
use super::replies::ReplyStore;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Milliseconds since the Unix epoch.
pub type Millis = u64;

/// A change that comes due at a time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Change {
    ActivateReseller(String),
    ActivateCustomer(String),
    CompleteOrder(String),
    AcceptCommitmentRequest(String),
    CompleteResellerChange(String),
    CompleteMembershipTransfer(String),
}

/// A customer's approval code for a reseller change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApprovalCode {
    pub customer_id: String,
    pub expires: Millis,
}

/// A VIP membership that can move to VIP Marketplace.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VipMembership {
    pub membership_id: String,
    pub company_name: String,
    pub country: String,
    pub segment: String,
    pub offers: Vec<TransferItem>,
    /// 5117 REASON_CODEs that make it ineligible.
    pub reasons: Vec<String>,
    /// An error code the membership answers with instead (5115, 5118, 5120, 5121).
    pub error: Option<String>,
    pub transferred: bool,
}

/// Every record of the twin.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct World {
    /// The last number handed out for an id.
    pub seq: u64,
    pub distributor_id: String,
    pub resellers: BTreeMap<String, Reseller>,
    pub customers: BTreeMap<String, Customer>,
    pub orders: BTreeMap<String, Order>,
    pub subscriptions: BTreeMap<String, Subscription>,
    /// Subscription id → customer id (the resource itself does not name its customer).
    pub subscription_owner: BTreeMap<String, String>,
    pub approval_codes: BTreeMap<String, ApprovalCode>,
    pub reseller_changes: BTreeMap<String, ResellerChangeTransfer>,
    pub memberships: BTreeMap<String, VipMembership>,
    pub membership_transfers: BTreeMap<String, MembershipTransfer>,
    pub linked_groups: Vec<LinkedMembershipGroup>,
    pub open_acquisitions: BTreeMap<String, OpenAcquisitions>,
    pub distributor_subscriptions: Vec<DistributorSubscription>,
    /// Changes not yet due, with their due time (scheduled only through [`World::schedule`]).
    pub pending: Vec<(Millis, Change)>,
    /// The earliest due time of `pending`, once known: every read settles the world, and a
    /// scan of every pending change on each would grow with them.
    #[serde(skip)]
    earliest: Option<Millis>,
    /// The answers to changes, kept for replay by correlation id: saved with the change they
    /// answer.
    pub answers: ReplyStore,
    /// The answers to reads, kept for replay in memory only: a read never writes the state file.
    #[serde(skip)]
    pub read_answers: ReplyStore,
    /// Entities created through the API, by kind (what tests count for duplicates).
    pub created: BTreeMap<String, u64>,
}

impl World {
    /// A fresh ten-digit id, as the docs' examples show them.
    pub fn next_id(&mut self) -> String {
        self.seq += 1;
        format!("{}", 1_000_000_000 + self.seq)
    }

    /// Schedules `change` at `due`.
    pub fn schedule(&mut self, due: Millis, change: Change) {
        self.pending.push((due, change));
        self.earliest = self.earliest.map(|e| e.min(due));
    }

    /// Counts an entity created through the API.
    pub fn count_created(&mut self, kind: &str) {
        *self.created.entry(kind.to_string()).or_default() += 1;
    }

    /// Takes every change due at `now`, oldest first.
    pub fn take_due(&mut self, now: Millis) -> Vec<Change> {
        let earliest = *self.earliest.get_or_insert_with(|| self.pending.iter().map(|(due, _)| *due).min().unwrap_or(Millis::MAX));
        if earliest > now {
            return Vec::new();
        }
        self.earliest = None;
        let mut due: Vec<(Millis, Change)> = Vec::new();
        self.pending.retain(|(t, c)| {
            if *t <= now {
                due.push((*t, c.clone()));
                false
            } else {
                true
            }
        });
        due.sort_by_key(|(t, _)| *t);
        due.into_iter().map(|(_, c)| c).collect()
    }
}
