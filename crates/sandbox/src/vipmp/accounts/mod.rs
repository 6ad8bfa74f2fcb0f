//! Accounts: resellers, customers (COM, EDU, GOV, Large Government Agency, 3-Year Commit,
//! Extended Term), their lists, LGA linked membership groups and global customers'
//! deployments; the changes that complete them later (pending → active, 3YC request →
//! accepted, an LGA conversion in force at the anniversary) and their seeded demo data.
//!
//! ## Choices where the docs are silent
//! - Requests are checked in this order: body shape (1121/1122/1117), LGA and 3YC exclusions
//!   (1147, 1163, 1167, 1168), field rules of `partner_model::rules::account_requests`
//!   (`additionalDetails` = wire paths: 2126 when only `externalReferenceId` is too long on a
//!   create, 1118 when only address fields are wrong, else 1117), then the records (1115/1116,
//!   1125, 1126, 2135, 1164, an LGA conversion outside the last 30 days of the term or in a
//!   linked membership: 1117 naming the benefit…).
//! - `marketSubSegments` on a create for a customer that is not LGA: 1117 naming it (1119 "not
//!   editable" is documented for updates only).
//! - Extended Term: a `cotermDate` in the create request makes the customer Extended Term. It
//!   must be later than a year from today and at most 3 years away (4 for EDU); for LGA at most
//!   23 months (1117 "Invalid coterm date for Large Government Agency"); otherwise 1117 naming
//!   `cotermDate`.
//! - Duplicates: the same company name (case-insensitive) and primary admin email under the
//!   same reseller is refused with 1127; under another reseller the customer is created and
//!   becomes inactive with status 1014 when its validation completes.
//! - Updates: the request replaces the stored data, so `companyProfile` is required (1122
//!   naming it), also for a 3YC request or a linked membership, as every example of the docs
//!   sends it. `companyName`, `address.country` and `address.region` must match (1119 naming
//!   them). An absent `externalReferenceId` or `marketSegment` keeps the stored value. EDU
//!   sub-segments are read-only (1119 when changed). A segment change with active
//!   subscriptions is 1119 `companyProfile.marketSegment`. Removing any reseller market segment
//!   is 1134 `INVALID_CUSTOMER_MARKET_SEGMENT`. Names of contacts whose email exists are kept
//!   (the answer echoes the request, as the docs describe).
//! - 3YC: LGA customers and linked membership owners/members get 1147. A `commitmentRequest`
//!   while a recommitment request is open, or a `recommitmentRequest` without a COMMITTED
//!   commitment, outside the last 30 days before its end date (seed: "less than 30 days before
//!   the commitment end date"; no code is documented for it) or while a commitment request is
//!   open, is 1117 naming the request's path. Seeded REQUESTED requests stay REQUESTED
//!   (nothing is scheduled for seeded data); API requests are accepted after the commitment
//!   delay, with the current 3YC page's dates (its June 2025 rule replaces the seed's "2 years
//!   after the current cotermDate"): within 30 days before the anniversary (`cotermDate`), until
//!   one day before that date's third anniversary; any other time, until one day before the
//!   start's third anniversary; with no `cotermDate` yet, 3 years from acceptance, and
//!   `cotermDate` becomes a year from then. A quantity increase keeps the current commitment's
//!   dates (no document says it resets them). A recommitment starts when the commitment ends.
//! - Discounts of a new customer: LICENSE 01 and CONSUMABLES T1; LGA: LICENSE 06.
//! - Lists: `status` 1004 matches every inactive code (1004, 1010, 1012, 1014); `company-name`
//!   matches case-insensitively, `*` standing for any text (without `*` the whole name must
//!   match); `from-created-date`/`to-created-date` (dates or UTC times, `to` inclusive of its
//!   day) work on both lists, though only the customer list's page documents them; bad
//!   parameters are 1132 naming the parameter, an offset past the total 1133. Ties sort by id.
//! - Linked memberships: a group created with a customer (create or update) has the customer
//!   as OWNER and takes its country, segment and LICENSE discount; it is LGA when the customer
//!   is. Enrolling into an unknown group is 404 1143; a customer already in another group gets
//!   1117 naming `linkedMembership`, with the group it is in (no code is documented for it;
//!   1153 means the group is under another distributor, which the twin's one distributor never
//!   meets); enrolling twice into the same group succeeds again. Members take the group's level.
//!   The group search returns LGA groups only; a name matches as a case-insensitive part.
//! - Seeded pending customers stay pending (so the demo always shows one).

mod customers;
mod demo;
pub mod deployments;
mod linked;
mod lists;
mod resellers;
mod update;

pub use linked::lga_partner;
pub use update::{end_commitment, schedule_3yc, upgrade_to_lga};

use crate::twin::gen::Gen;
use crate::twin::world::{Change, Millis, World};
use crate::twin::{time, ApiError, Twin};
use axum::routing::{get, post};
use axum::Router;
use partner_model::rules::FieldError;
use partner_model::types::{Contact, Link, Links, Status};

/// The routes of this group, relative to the API base.
pub fn routes() -> Router<Twin> {
    Router::new()
        .route("/v3/resellers", post(resellers::create).get(lists::resellers))
        .route("/v3/resellers/{id}", get(resellers::get).patch(resellers::update))
        .route("/v3/resellers/{id}/customers", get(lists::customers))
        .route("/v3/customers", post(customers::create))
        .route("/v3/customers/{id}", get(customers::get).patch(update::update))
        .route("/v3/linked_membership_groups", get(linked::search))
        .route("/v3/customers/{id}/linked_membership/enroll/{group}", post(linked::enroll))
        .route("/v3/customers/{id}/deployments", post(deployments::create).get(deployments::list))
        .route("/v3/customers/{id}/deployments/{deployment}", get(deployments::get).patch(deployments::update))
}

/// Applies a change of this group that has come due; returns it back when it is not this group's.
pub fn apply(world: &mut World, change: Change, now: Millis) -> Option<Change> {
    match change {
        Change::ActivateReseller(id) => {
            if let Some(r) = world.resellers.get_mut(&id).filter(|r| r.status == Status::Pending) {
                r.status = Status::Active;
            }
            None
        }
        Change::ActivateCustomer(id) => {
            customers::activate(world, &id);
            None
        }
        Change::AcceptCommitmentRequest(id) => {
            update::accept_commitment(world, &id, now);
            None
        }
        Change::UpgradeToLga(id) => {
            update::upgrade_to_lga(world, &id, now);
            None
        }
        Change::EndCommitment(id) => {
            update::end_commitment(world, &id, now);
            None
        }
        Change::CheckCompliance(id) => {
            update::check_compliance(world, &id, now);
            None
        }
        other => Some(other),
    }
}

/// Adds this group's seeded demo data.
pub fn seed(world: &mut World, gen: &mut Gen, now: Millis, large: bool) {
    demo::seed(world, gen, now, large);
}

/// Whether the request creates the account or updates it (the codes differ).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Asking {
    Create,
    Update,
}

/// The documented code for `errors`, naming each wire path once in the order found: 2126 when
/// only the external reference is too long (create only), 1118 when only the address is
/// invalid, else 1117 ("If address and other fields are invalid, then 1117 will be used").
fn invalid(errors: &[FieldError], asking: Asking) -> ApiError {
    let mut paths: Vec<String> = Vec::new();
    for e in errors {
        if !paths.contains(&e.path) {
            paths.push(e.path.clone());
        }
    }
    let only = |f: &dyn Fn(&str) -> bool| !paths.is_empty() && paths.iter().all(|p| f(p));
    let code = if asking == Asking::Create && only(&|p| p == "externalReferenceId") {
        "2126"
    } else if only(&|p| p.starts_with("companyProfile.address.")) {
        "1118"
    } else {
        "1117"
    };
    ApiError::with_details(code, paths)
}

/// The `self` link of a resource.
fn self_link(uri: String) -> Links {
    Links { this: Some(Link { uri, method: "GET".into(), headers: Vec::new() }), ..Links::default() }
}

/// Whether an account's status is one of the inactive codes.
fn is_inactive(status: &Status) -> bool {
    matches!(status, Status::Inactive | Status::InvalidAddress | Status::Blocked | Status::DuplicateCustomer)
}

/// 1125: accounts cannot be updated while pending or blocked.
fn updatable(status: &Status) -> Result<(), ApiError> {
    if matches!(status, Status::Pending | Status::Blocked) {
        Err(ApiError::code("1125"))
    } else {
        Ok(())
    }
}

/// The contacts to store: the new list, but an existing email keeps its stored names.
fn keep_names(old: &[Contact], new: &[Contact]) -> Vec<Contact> {
    new.iter()
        .map(|c| match old.iter().find(|o| o.email.eq_ignore_ascii_case(&c.email)) {
            Some(o) => Contact { first_name: o.first_name.clone(), last_name: o.last_name.clone(), ..c.clone() },
            None => c.clone(),
        })
        .collect()
}

/// Today as `YYYY-MM-DD`.
fn today(now: Millis) -> String {
    time::date(now)
}
