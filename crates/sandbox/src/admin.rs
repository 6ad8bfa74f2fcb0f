//! The sandbox's own endpoints, under `{base}__sandbox/` (never part of either API): the
//! faults in force, counts of what the API created, so tests can check that nothing was done
//! twice, the customers' approval codes a reseller change needs (a real customer reads
//! theirs in the Admin Console and passes it on; the sandbox has no customer to ask), and every
//! reseller's and customer's name by id, so a test can tell an id shown without its name. The
//! console's sandbox help lists the approval codes and the VIP memberships to try.

use crate::faults::{Fault, Faults};
use crate::twin::Twin;
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};

/// `GET|PUT|DELETE faults`, `GET stats`, `GET approval-codes`, `GET memberships`, `GET names`.
pub fn router(twin: Twin, faults: Faults) -> Router {
    let fault_routes = Router::new().route("/faults", get(list).put(replace).delete(clear)).with_state(faults);
    Router::new()
        .route("/stats", get(stats))
        .route("/approval-codes", get(approval_codes))
        .route("/names", get(names))
        .route("/memberships", get(memberships))
        .with_state(twin)
        .merge(fault_routes)
}

async fn list(State(faults): State<Faults>) -> Json<Vec<Fault>> {
    Json(faults.get())
}

async fn replace(
    State(faults): State<Faults>,
    Json(rules): Json<Vec<Fault>>,
) -> Result<Json<Vec<Fault>>, (axum::http::StatusCode, String)> {
    if rules
        .iter()
        .any(|r| matches!(r.kind, crate::faults::FaultKind::Crash | crate::faults::FaultKind::CrashAfterSave))
    {
        return Err((axum::http::StatusCode::BAD_REQUEST, "crash is set only on the twin's command line".into()));
    }
    faults.set(rules);
    Ok(Json(faults.get()))
}

async fn clear(State(faults): State<Faults>) -> Json<Vec<Fault>> {
    faults.set(Vec::new());
    Json(Vec::new())
}

async fn stats(State(twin): State<Twin>) -> Json<Value> {
    Json(twin.read(|w, _| {
        json!({
            "resellers": w.resellers.len(),
            "customers": w.customers.len(),
            "orders": w.orders.len(),
            "subscriptions": w.subscriptions.len(),
            "resellerChanges": w.reseller_changes.len(),
            "membershipTransfers": w.membership_transfers.len(),
            "distributorSubscriptions": w.distributor_subscriptions.len(),
            "pending": w.pending.len(),
            "created": w.created,
            "busiestCustomer": busiest_customer(w),
        })
    }))
}

/// Every approval code with its customer, the customer's reseller, when it expires, and
/// whether it has already been used by a committed reseller change.
async fn approval_codes(State(twin): State<Twin>) -> Json<Value> {
    Json(twin.read(|w, now| {
        let codes: Vec<Value> = w
            .approval_codes
            .iter()
            .map(|(code, approval)| {
                let customer = w.customers.get(&approval.customer_id);
                let used = w.reseller_changes.values().any(|t| t.approval.as_ref().is_some_and(|a| &a.code == code));
                json!({
                    "code": code,
                    "customerId": approval.customer_id,
                    "companyName": customer.map(|c| c.company_profile.company_name.clone()).unwrap_or_default(),
                    "resellerId": customer.map(|c| c.reseller_id.clone()).unwrap_or_default(),
                    "expires": crate::twin::time::datetime(approval.expires),
                    "expired": approval.expires <= now,
                    "used": used,
                })
            })
            .collect();
        Value::Array(codes)
    }))
}

/// Every VIP membership the sandbox knows, with what previewing it shows: its REASON_CODEs, the
/// error it answers with instead, whether it has moved already.
async fn memberships(State(twin): State<Twin>) -> Json<Value> {
    Json(twin.read(|w, _| {
        let all: Vec<Value> = w
            .memberships
            .values()
            .map(|m| {
                json!({
                    "membershipId": m.membership_id,
                    "companyName": m.company_name,
                    "reasons": m.reasons,
                    "error": m.error,
                    "transferred": m.transferred,
                })
            })
            .collect();
        Value::Array(all)
    }))
}

/// `{ "id": "company name" }` for every reseller and customer.
async fn names(State(twin): State<Twin>) -> Json<Value> {
    Json(twin.read(|w, _| {
        let resellers = w.resellers.iter().map(|(id, r)| (id.clone(), json!(r.company_profile.company_name)));
        let customers = w.customers.iter().map(|(id, c)| (id.clone(), json!(c.company_profile.company_name)));
        Value::Object(resellers.chain(customers).collect())
    }))
}

/// The customer with the most orders (the `--large` one when present), for benchmarks.
fn busiest_customer(w: &crate::twin::World) -> Option<String> {
    let mut counts: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for order in w.orders.values() {
        *counts.entry(order.customer_id.as_str()).or_default() += 1;
    }
    counts.into_iter().max_by_key(|(_, n)| *n).map(|(id, _)| id.to_string())
}
