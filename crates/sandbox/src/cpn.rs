//! The VMware Cloud Partner Navigator twin: the distributor subscription search
//! (`POST /cphub/api/seller/v1/distributors/{orgId}/subscriptions/search?limit=&offset=`) over
//! seeded subscriptions, with the documented defaults (inactive subscriptions hidden, sorted by
//! end date ascending).
//!
//! Choices where the docs are silent (they go into the README):
//! - `orgId` must be [`DISTRIBUTOR_ORG_ID`] (the one in `public/config.json`); any other is 404.
//!   Error bodies are Spring-style: `{"timestamp", "status", "error", "message", "path"}`.
//! - `limit` defaults to 10 and must be 1..=1000; `offset` defaults to 0 and must be ≥ 0; both
//!   integers, else 400. An offset past the end answers an empty page.
//! - The page: `current` = offset, `next` = offset + results on this page (so `next` equals
//!   `totalResultsCount` on the last page: there is no next page when `next >= total`).
//! - Filter keys: only the documented `BILLING_ENGINE_SUBSCRIPTION_ID`, `CUSTOMER_NAME` and
//!   `INCLUDE_INACTIVE_SUBSCRIPTIONS` (`EQUALS` `true`/`false`, default false; inactive means
//!   CANCELLED, TERMINATED or EXPIRED). `EQUALS` is an exact, case-sensitive match; `LIKE` a
//!   case-insensitive substring match. Filters combine with AND. Any other key or operator, or
//!   a body that is not JSON, is the documented 400 "Bad Request - The request is either
//!   incomplete or incorrect" (the message then names what is wrong); an empty body means no
//!   filters.
//! - Sorter: only the documented `SUBSCRIPTION_END_DATE` (the default), `ASC`/`DESC`; any other
//!   key or operator is that 400. Ties keep `id` ascending.
//! - Seed: 520 subscriptions (5,520 with `--large`), every status, order source type, renewal
//!   preference and subscription type; end dates within two years either side of now; service
//!   icons from `https://icons.vmware.example/`, from other origins, or missing.

use crate::twin::gen::Gen;
use crate::twin::time::datetime;
use crate::twin::world::{Change, Millis, World};
use crate::twin::Twin;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use partner_model::types::*;
use serde_json::json;
use std::cmp::Ordering;
use std::collections::HashMap;

/// The distributor organization the twin answers for (the shipped `config.json` names it).
pub const DISTRIBUTOR_ORG_ID: &str = "9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
/// The page size when `limit` is absent.
pub const DEFAULT_LIMIT: usize = 10;
/// The largest `limit` accepted.
pub const MAX_LIMIT: usize = 1000;
const INACTIVE: [&str; 3] = ["CANCELLED", "TERMINATED", "EXPIRED"];
/// The documented filter keys.
pub const FILTER_KEYS: [&str; 3] =
    ["BILLING_ENGINE_SUBSCRIPTION_ID", "CUSTOMER_NAME", "INCLUDE_INACTIVE_SUBSCRIPTIONS"];
/// The documented sorter key.
pub const SORT_KEYS: [&str; 1] = ["SUBSCRIPTION_END_DATE"];
/// The documented text of a 400.
const BAD_REQUEST: &str = "Bad Request - The request is either incomplete or incorrect";

/// The routes of this group, relative to the API base.
pub fn routes() -> Router<Twin> {
    Router::new().route("/cphub/api/seller/v1/distributors/{org_id}/subscriptions/search", post(search))
}

/// The CPN twin, mounted under the CPN base path; checks the `csp-auth-token` the gateway adds.
pub fn router(twin: Twin) -> Router {
    routes()
        .fallback(crate::vipmp::not_found)
        .layer(axum::middleware::from_fn(crate::vipmp::require_csp_token))
        .with_state(twin)
}

/// Applies a change of this group that has come due; returns it back when it is not this group's.
pub fn apply(_world: &mut World, change: Change, _now: Millis) -> Option<Change> {
    Some(change)
}

/// A CPN error: the status and a Spring-style body.
struct CpnError(StatusCode, String, String);

impl IntoResponse for CpnError {
    fn into_response(self) -> Response {
        let body = json!({
            "timestamp": datetime(crate::twin::time::now()),
            "status": self.0.as_u16(),
            "error": self.0.canonical_reason().unwrap_or("Error"),
            "message": self.1,
            "path": self.2,
        });
        (self.0, Json(body)).into_response()
    }
}

async fn search(
    State(twin): State<Twin>,
    Path(org_id): Path<String>,
    Query(query): Query<HashMap<String, String>>,
    body: Bytes,
) -> Result<Json<DistributorSubscriptionPage>, CpnError> {
    let path = format!("/cphub/api/seller/v1/distributors/{org_id}/subscriptions/search");
    let bad = |message: String| CpnError(StatusCode::BAD_REQUEST, format!("{BAD_REQUEST}: {message}"), path.clone());
    if org_id != DISTRIBUTOR_ORG_ID {
        return Err(CpnError(StatusCode::NOT_FOUND, format!("Distributor organization {org_id} not found"), path));
    }
    let limit = number(&query, "limit", DEFAULT_LIMIT).map_err(&bad)?;
    let offset = number(&query, "offset", 0).map_err(&bad)?;
    if limit == 0 || limit > MAX_LIMIT {
        return Err(bad(format!("limit must be between 1 and {MAX_LIMIT}")));
    }
    let search: DistributorSubscriptionSearch = if body.iter().all(u8::is_ascii_whitespace) {
        DistributorSubscriptionSearch::default()
    } else {
        serde_json::from_slice(&body).map_err(|e| bad(format!("Invalid request body: {e}")))?
    };
    let plan = Plan::new(&search).map_err(&bad)?;
    Ok(Json(twin.read(|w, _| plan.page(&w.distributor_subscriptions, limit, offset))))
}

fn number(query: &HashMap<String, String>, name: &str, default: usize) -> Result<usize, String> {
    match query.get(name) {
        None => Ok(default),
        Some(v) => v.trim().parse().map_err(|_| format!("{name} must be a non-negative integer, got {v:?}")),
    }
}

/// A checked search: filters, the inactive switch and the sort.
struct Plan {
    filters: Vec<SearchFilter>,
    include_inactive: bool,
    descending: bool,
}

impl Plan {
    fn new(search: &DistributorSubscriptionSearch) -> Result<Plan, String> {
        let mut plan = Plan { filters: Vec::new(), include_inactive: false, descending: false };
        for f in &search.filters {
            if !FILTER_KEYS.contains(&f.key.as_str()) {
                return Err(format!("Unknown filter key {:?}; known keys: {}", f.key, FILTER_KEYS.join(", ")));
            }
            if let FilterOperator::Other(op) = &f.operator {
                return Err(format!("Unknown filter operator {op:?}; use EQUALS or LIKE"));
            }
            if f.key == "INCLUDE_INACTIVE_SUBSCRIPTIONS" {
                plan.include_inactive = match (&f.operator, f.value.trim().to_ascii_lowercase().as_str()) {
                    (FilterOperator::Equals, "true") => true,
                    (FilterOperator::Equals, "false") => false,
                    _ => return Err("INCLUDE_INACTIVE_SUBSCRIPTIONS takes EQUALS true or false".into()),
                };
            } else {
                plan.filters.push(f.clone());
            }
        }
        if let Some(sorter) = &search.sorter {
            if !SORT_KEYS.contains(&sorter.key.as_str()) {
                return Err(format!("Unknown sorter key {:?}; known keys: {}", sorter.key, SORT_KEYS.join(", ")));
            }
            plan.descending = match &sorter.operator {
                SortOrder::Asc => false,
                SortOrder::Desc => true,
                SortOrder::Other(op) => return Err(format!("Unknown sorter operator {op:?}; use ASC or DESC")),
            };
        }
        Ok(plan)
    }

    fn keeps(&self, s: &DistributorSubscription) -> bool {
        (self.include_inactive || !INACTIVE.contains(&s.status.as_str())) && self.filters.iter().all(|f| matches(f, s))
    }

    fn page(&self, all: &[DistributorSubscription], limit: usize, offset: usize) -> DistributorSubscriptionPage {
        let mut found: Vec<&DistributorSubscription> = all.iter().filter(|s| self.keeps(s)).collect();
        found.sort_by(|a, b| {
            let by_key = a.subscription_end_date.cmp(&b.subscription_end_date);
            let by_key = if self.descending { by_key.reverse() } else { by_key };
            by_key.then_with(|| numeric_order(&a.id, &b.id))
        });
        let results: Vec<DistributorSubscription> =
            found.iter().skip(offset).take(limit).map(|s| (*s).clone()).collect();
        DistributorSubscriptionPage {
            current: offset as u64,
            next: (offset + results.len()) as u64,
            total_results_count: found.len() as u64,
            results,
        }
    }
}

fn numeric_order(a: &str, b: &str) -> Ordering {
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

/// The value a filter key compares with.
fn field_value<'a>(key: &str, s: &'a DistributorSubscription) -> &'a str {
    match key {
        "BILLING_ENGINE_SUBSCRIPTION_ID" => &s.billing_engine_subscription_id,
        _ => &s.customer_ref.name,
    }
}

fn matches(f: &SearchFilter, s: &DistributorSubscription) -> bool {
    let wanted = f.value.trim();
    let needle = wanted.to_lowercase();
    let v = field_value(&f.key, s);
    match f.operator {
        FilterOperator::Like => v.to_lowercase().contains(&needle),
        _ => v == wanted,
    }
}

/// Every documented status, order source type, renewal preference and subscription type.
pub const STATUSES: [&str; 9] =
    ["SUBMITTED", "CREATED", "ACTIVE", "SUSPENDED", "CANCELLED", "TERMINATED", "ERROR", "PENDING_EXPIRY", "EXPIRED"];
/// The documented order source types.
pub const ORDER_SOURCE_TYPES: [&str; 3] = ["MARKETPLACE_2T", "VMWARE", "PARTNER_2T"];
/// The documented renewal preferences.
pub const RENEWAL_PREFERENCES: [&str; 4] = ["MANUAL", "AUTO", "CANCEL", "NOT_SELECTED"];
/// The documented subscription types.
pub const SUBSCRIPTION_TYPES: [&str; 2] = ["COMMIT", "ONDEMAND"];

const CUSTOMERS: [&str; 24] = [
    "San Diego University",
    "Coke Inc",
    "Acme Logistics",
    "Blue Harbor Bank",
    "Cascade Health Partners",
    "Delta Freight Lines",
    "Evergreen Public Schools",
    "Fjord Energy AS",
    "Golden Gate Insurance",
    "Helios Solar GmbH",
    "Indigo Retail Group",
    "Jade Pacific Airways",
    "Keystone Manufacturing",
    "Lumen Telecom",
    "Maple Leaf Foods",
    "Nordic Data Centers",
    "Orion Space Systems",
    "Pioneer Credit Union",
    "Quantum Research Labs",
    "Riverside Hospital",
    "Sierra Mining Corp",
    "Tidewater Shipping",
    "Union Street Media",
    "Vertex Pharmaceuticals",
];
const RESELLERS: [(&str, &str); 8] = [
    ("Rackspace", "112341234"),
    ("CloudWorks Partners", "112341301"),
    ("DataCore Integrators", "112341377"),
    ("Nimbus IT Services", "112341402"),
    ("Skyline Solutions", "112341458"),
    ("Vantage Systems", "112341519"),
    ("Bridgepoint Technology", "112341586"),
    ("Atlas Managed Cloud", "112341643"),
];
const SERVICES: [(&str, &str); 10] = [
    ("Workspace ONE", "https://icons.vmware.example/services/workspace-one.svg"),
    ("VMware Cloud on AWS", "https://icons.vmware.example/services/vmc-aws.svg"),
    ("Tanzu Application Service", "https://icons.vmware.example/services/tanzu.svg"),
    ("vRealize Log Insight Cloud", "https://icons.vmware.example/services/log-insight.svg"),
    ("NSX Advanced Load Balancer", "https://cdn.partner-icons.example.net/nsx-alb.png"),
    ("Carbon Black Cloud", "http://icons.vmware.example/services/carbon-black.svg"),
    ("CloudHealth", "https://tracker.example.org/pixel.gif?svc=cloudhealth"),
    ("Aria Operations", "https://icons.vmware.example.evil.example/aria.svg"),
    ("Horizon Cloud", ""),
    ("VMware Cloud Disaster Recovery", ""),
];
const CURRENCIES: [&str; 5] = ["USD", "EUR", "GBP", "JPY", "AUD"];
const DAY: Millis = 86_400_000;

fn uuid(gen: &mut Gen) -> String {
    let (a, b) = (gen.next(), gen.next());
    format!(
        "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xfff,
        0x8000 | (b >> 48) & 0x3fff,
        b & 0xffff_ffff_ffff
    )
}

fn pick<'a>(gen: &mut Gen, items: &[&'a str]) -> &'a str {
    gen.pick(items).copied().unwrap_or_default()
}

/// Adds this group's seeded demo data.
pub fn seed(world: &mut World, gen: &mut Gen, now: Millis, large: bool) {
    let customer_orgs: Vec<String> = CUSTOMERS.iter().map(|_| uuid(gen)).collect();
    let reseller_orgs: Vec<String> = RESELLERS.iter().map(|_| uuid(gen)).collect();
    let service_ids: Vec<String> = SERVICES.iter().map(|_| uuid(gen)).collect();
    let groups: Vec<String> = (0..12).map(|_| uuid(gen)).collect();
    let count = if large { 5_520 } else { 520 };
    for i in 0..count {
        let c = gen.below(CUSTOMERS.len() as u64) as usize;
        let r = gen.below(RESELLERS.len() as u64) as usize;
        let subscription_type = SUBSCRIPTION_TYPES.get(i % 2).copied().unwrap_or("COMMIT");
        let end = (now + 730 * DAY).saturating_sub(gen.below(1_460 * DAY));
        let term = if subscription_type == "COMMIT" { 365 * gen.range(1, 3) } else { gen.range(30, 365) };
        let status = match STATUSES.get(i) {
            Some(s) => *s,
            None if end < now => pick(gen, &["EXPIRED", "EXPIRED", "TERMINATED", "CANCELLED", "ACTIVE"]),
            None if end < now + 60 * DAY => pick(gen, &["PENDING_EXPIRY", "ACTIVE", "ACTIVE", "SUSPENDED"]),
            None => pick(
                gen,
                &["ACTIVE", "ACTIVE", "ACTIVE", "ACTIVE", "CREATED", "SUBMITTED", "SUSPENDED", "ERROR", "CANCELLED"],
            ),
        };
        let mut picked: Vec<usize> = (0..gen.range(1, 3)).map(|_| gen.below(SERVICES.len() as u64) as usize).collect();
        picked.sort_unstable();
        picked.dedup();
        let services = picked
            .into_iter()
            .filter_map(|k| Some((SERVICES.get(k)?, service_ids.get(k)?)))
            .map(|((name, icon), id)| ServiceRef {
                id: id.clone(),
                name: (*name).to_string(),
                service_icon: (*icon).to_string(),
            })
            .collect();
        let (customer, customer_org) =
            (CUSTOMERS.get(c).copied().unwrap_or_default(), customer_orgs.get(c).cloned().unwrap_or_default());
        let (reseller, partner_id) = RESELLERS.get(r).copied().unwrap_or_default();
        world.distributor_subscriptions.push(DistributorSubscription {
            id: format!("{}", 34_563 + i),
            billing_engine_subscription_id: format!("M{}", 13_130_022 + i as u64 * 7 + gen.below(7)),
            currency: pick(gen, &CURRENCIES).to_string(),
            customer_org_id: customer_org.clone(),
            customer_ref: CustomerRef {
                name: customer.to_string(),
                org_id: customer_org,
                org_name: format!("{customer} (org)"),
            },
            reseller_ref: ResellerRef {
                name: reseller.to_string(),
                org_id: reseller_orgs.get(r).cloned().unwrap_or_default(),
                partner_id: partner_id.to_string(),
            },
            service_refs: services,
            order_source_type: ORDER_SOURCE_TYPES
                .get(i)
                .copied()
                .unwrap_or_else(|| pick(gen, &ORDER_SOURCE_TYPES))
                .to_string(),
            renewal_preference: RENEWAL_PREFERENCES
                .get(i)
                .copied()
                .unwrap_or_else(|| pick(gen, &RENEWAL_PREFERENCES))
                .to_string(),
            status: status.to_string(),
            subscription_start_date: datetime(end.saturating_sub(term * DAY)),
            subscription_end_date: datetime(end),
            subscription_group_id: if gen.chance(0.3) { String::new() } else { pick_owned(gen, &groups) },
            subscription_type: subscription_type.to_string(),
        });
    }
}

fn pick_owned(gen: &mut Gen, items: &[String]) -> String {
    gen.pick(items).cloned().unwrap_or_default()
}
