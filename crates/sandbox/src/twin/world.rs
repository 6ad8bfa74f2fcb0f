//! Everything the twin knows, as one serialisable value, and the changes that happen after a
//! delay (accounts and orders pending → active, 3YC requests accepted, checked for compliance
//! after 30 days, commitments ending, an LGA conversion taking effect (or lapsing) at the
//! anniversary, transfers completed, subscriptions auto-renewed on their renewal date). A state file saved before a kind of change existed has
//! none scheduled for what it already holds.
//! Changes are applied lazily: every request first settles what has come due, so the twin
//! needs no background task and a test controls time with the delay.

use super::replies::{Fresh, ReplyStore};
use super::table::Table;
use partner_model::types::*;
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
    /// A SWITCH or REVERT_SWITCH placed with `reassign-users=true` comes due: its licenses
    /// move with their users.
    CompleteOrderMovingUsers(String),
    AcceptCommitmentRequest(String),
    /// A customer converted to Large Government Agency reaches its anniversary.
    UpgradeToLga(String),
    /// A customer's 3-Year Commit commitment reaches the day after its end date.
    EndCommitment(String),
    /// A customer's accepted 3-Year Commit request is 30 days old: met, or non-compliant.
    CheckCompliance(String),
    /// A reseller change committed while changes still completed later (an older state file).
    CompleteResellerChange(String),
    CompleteMembershipTransfer(String),
    /// The day's auto-renewals: the subscriptions whose renewal date is after this time and has
    /// come.
    AutoRenewals(Millis),
}

/// A customer's approval code for a reseller change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApprovalCode {
    pub customer_id: String,
    pub expires: Millis,
}

/// A lead an Adobe agent left for a customer (overlay recommendations): products and
/// quantities the customer said it wants to buy (`renewal` false) or renew, open until
/// `expires` or until an order of its kind takes one of its products
/// (`vipmp::orders::leads`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeldLead {
    pub renewal: bool,
    pub created: Millis,
    pub expires: Millis,
    /// Offer ids and quantities.
    pub items: Vec<(String, u64)>,
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
    /// What the preview shows it brings along: a 3-Year Commit, a discount level (with a High
    /// Volume Discount code).
    #[serde(default)]
    pub benefits: Vec<partner_model::types::Benefit>,
    #[serde(default)]
    pub discounts: Vec<partner_model::types::Discount>,
    /// A Large Government Agency's agency level (FEDERAL or STATE), which VIP holds and the
    /// customer the transfer makes keeps.
    #[serde(default)]
    pub sub_segments: Vec<partner_model::types::MarketSubSegment>,
}

/// Calls the macro `$m` with the names of the world's tables (what the journal saves record by
/// record).
macro_rules! with_tables {
    ($m:ident) => {
        $m!(
            resellers,
            customers,
            orders,
            subscriptions,
            subscription_owner,
            approval_codes,
            reseller_changes,
            memberships,
            membership_transfers,
            open_acquisitions,
            deployments,
            leads
        )
    };
}

/// Every record of the twin.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct World {
    /// The last number handed out for an id.
    pub seq: u64,
    /// Which whole write of the state file this is: a journal line carries the generation it
    /// follows, so lines already in the file are not applied twice.
    pub generation: u64,
    pub distributor_id: String,
    pub resellers: Table<Reseller>,
    pub customers: Table<Customer>,
    pub orders: Table<Order>,
    pub subscriptions: Table<Subscription>,
    /// Subscription id → customer id (the resource itself does not name its customer).
    pub subscription_owner: Table<String>,
    pub approval_codes: Table<ApprovalCode>,
    pub reseller_changes: Table<ResellerChangeTransfer>,
    pub memberships: Table<VipMembership>,
    pub membership_transfers: Table<MembershipTransfer>,
    /// Saved whole with every change (a few groups).
    pub linked_groups: Vec<LinkedMembershipGroup>,
    pub open_acquisitions: Table<OpenAcquisitions>,
    /// A global customer's deployments, by id.
    pub deployments: Table<crate::vipmp::accounts::deployments::Held>,
    /// Each customer's leads from Adobe's agents, oldest first, by customer id.
    pub leads: Table<Vec<HeldLead>>,
    /// Seeded, never changed through the API (so never in the journal).
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

    /// What changed since the last call, as one line of the journal: the touched records of
    /// each table (or the whole table when any record may have changed), the small fields
    /// whole, and the answers kept for changes.
    pub fn journal_entry(&mut self) -> Result<serde_json::Value, serde_json::Error> {
        use serde_json::{json, Map, Value};
        fn changes<T: Serialize>(t: &mut Table<T>) -> Result<Value, serde_json::Error> {
            match t.take_touched() {
                None => Ok(json!({ "all": serde_json::to_value(&**t)? })),
                Some(keys) => {
                    let mut some = Map::new();
                    for k in keys {
                        let v = match t.get(&k) {
                            Some(v) => serde_json::to_value(v)?,
                            None => Value::Null,
                        };
                        some.insert(k, v);
                    }
                    Ok(json!({ "some": some }))
                }
            }
        }
        let mut tables = Map::new();
        macro_rules! each {
            ($($name:ident),*) => { $( tables.insert(stringify!($name).into(), changes(&mut self.$name)?); )* };
        }
        with_tables!(each);
        Ok(json!({
            "generation": self.generation,
            "tables": tables,
            "seq": self.seq,
            "distributorId": self.distributor_id,
            "linkedGroups": self.linked_groups,
            "pending": self.pending,
            "created": self.created,
            "answers": self.answers.take_fresh(),
        }))
    }

    /// Applies a line of the journal ([`World::journal_entry`]).
    pub fn apply_journal_entry(&mut self, entry: serde_json::Value) -> Result<(), serde_json::Error> {
        use serde::de::DeserializeOwned;
        use serde_json::Value;
        fn restore<T: DeserializeOwned>(t: &mut Table<T>, change: Option<&Value>) -> Result<(), serde_json::Error> {
            let Some(change) = change else { return Ok(()) };
            if let Some(all) = change.get("all") {
                t.restore_all(serde_json::from_value(all.clone())?);
            } else if let Some(Value::Object(some)) = change.get("some") {
                for (k, v) in some {
                    let value = if v.is_null() { None } else { Some(serde_json::from_value(v.clone())?) };
                    t.restore(k.clone(), value);
                }
            }
            Ok(())
        }
        let tables = entry.get("tables");
        macro_rules! each {
            ($($name:ident),*) => { $( restore(&mut self.$name, tables.and_then(|t| t.get(stringify!($name))))?; )* };
        }
        with_tables!(each);
        let field = |name: &str| entry.get(name).cloned().unwrap_or(Value::Null);
        self.seq = serde_json::from_value(field("seq"))?;
        self.distributor_id = serde_json::from_value(field("distributorId"))?;
        self.linked_groups = serde_json::from_value(field("linkedGroups"))?;
        self.pending = serde_json::from_value(field("pending"))?;
        self.earliest = None;
        self.created = serde_json::from_value(field("created"))?;
        let fresh: Vec<Fresh> = serde_json::from_value(field("answers"))?;
        self.answers.restore(fresh);
        Ok(())
    }

    /// Forgets what changed (the whole world was just written).
    pub fn settle_journal(&mut self) {
        macro_rules! each {
            ($($name:ident),*) => { $( self.$name.settle(); )* };
        }
        with_tables!(each);
        self.answers.take_fresh();
    }

    /// Takes every change due at `now`, oldest first.
    pub fn take_due(&mut self, now: Millis) -> Vec<Change> {
        let earliest =
            *self.earliest.get_or_insert_with(|| self.pending.iter().map(|(due, _)| *due).min().unwrap_or(Millis::MAX));
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
