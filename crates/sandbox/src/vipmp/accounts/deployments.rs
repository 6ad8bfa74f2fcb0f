//! A global customer's deployments (`deployment-management-*`): create, list, get, update.
//!
//! Choices where the docs are silent:
//! - A customer that is not enabled for global sales gets 1140 on a create ("Customer is not
//!   enabled for global sales", listed for Create Deployment); the twin's one partner is enabled
//!   for global sales, so 1139 never comes.
//! - An unknown customer is 1116 (404, "Invalid customer ID"); an unknown deployment of a known
//!   customer is 2138 "Invalid Deployment" (404, "Invalid customer ID or deployment ID"), the
//!   only deployment code the docs list.
//! - A create needs `companyProfile` (1122 naming it) and no `status` (1117 naming it: a new
//!   deployment is active). An address in the customer's own country is 1141, checked before
//!   the address's field rules (1118 when only they fail, as for accounts).
//! - An update "cannot change the country": 1119 naming `companyProfile.address.country`, as a
//!   customer update does. Deactivating a deployment that active subscriptions name ("cannot be
//!   deactivated if there are any active subscriptions for that deployment") is 1117 naming
//!   `status`, with those subscriptions' ids after it (no code is documented; `additionalDetails`
//!   "may include … other information"). An update with neither a profile nor a status is 1122
//!   naming both.
//! - An update answers 200 with the deployment, as the other updates do: the update page's
//!   status table says "201 Deployment created", copied from the create page.
//! - The list's `status` takes 1000 or 1004 (1132 naming it otherwise), `limit` 1–100 (default
//!   25), `offset` at most the total (1133 past it); newest first, ties by id.

use super::{invalid, self_link, Asking};
use crate::twin::world::World;
use crate::twin::{time, ApiError, Strict, Twin};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;
use partner_model::rules::account_requests::{check_deployment, deployment_at_home};
use partner_model::types::{Deployment, DeploymentPage, DeploymentRequest, Link, Status};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A deployment with the customer it belongs to (the resource does not name it).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Held {
    pub customer_id: String,
    pub deployment: Deployment,
}

/// The customer's country, or 1116.
fn home_country(w: &World, customer_id: &str) -> Result<String, ApiError> {
    w.customers
        .get(customer_id)
        .map(|c| c.company_profile.address.country.clone())
        .ok_or_else(|| ApiError::code("1116"))
}

/// The customer's deployment `id`, or 1116 / 2138.
fn held<'w>(w: &'w World, customer_id: &str, id: &str) -> Result<&'w Held, ApiError> {
    home_country(w, customer_id)?;
    w.deployments.get(id).filter(|d| d.customer_id == customer_id).ok_or_else(|| ApiError::code("2138"))
}

/// `POST /v3/customers/{id}/deployments`.
pub async fn create(
    State(twin): State<Twin>,
    Path(customer_id): Path<String>,
    Strict(req): Strict<DeploymentRequest>,
) -> Result<(StatusCode, Json<Deployment>), ApiError> {
    let Some(profile) = req.company_profile.clone() else {
        return Err(ApiError::with_details("1122", vec!["companyProfile".into()]));
    };
    if req.status.is_some() {
        return Err(ApiError::invalid_fields(vec!["status".into()]));
    }
    let deployment = twin.change(|w, now| {
        let customer = w.customers.get(&customer_id).ok_or_else(|| ApiError::code("1116"))?;
        if customer.global_sales_enabled != Some(true) {
            return Err(ApiError::code("1140"));
        }
        if deployment_at_home(&profile.address, &customer.company_profile.address.country) {
            return Err(ApiError::code("1141"));
        }
        let errors = check_deployment(&req, &customer.company_profile.address.country);
        if !errors.is_empty() {
            return Err(invalid(&errors, Asking::Update));
        }
        let id = w.next_id();
        let deployment = Deployment {
            deployment_id: id.clone(),
            company_profile: profile,
            creation_date: time::datetime(now),
            status: Status::Active,
            links: self_link(format!("/v3/customers/{customer_id}/deployments/{id}")),
        };
        w.deployments.insert(id, Held { customer_id: customer_id.clone(), deployment: deployment.clone() });
        w.count_created("deployment");
        Ok(deployment)
    })?;
    Ok((StatusCode::CREATED, Json(deployment)))
}

/// `GET /v3/customers/{id}/deployments/{deployment}`.
pub async fn get(
    State(twin): State<Twin>,
    Path((customer_id, id)): Path<(String, String)>,
) -> Result<Json<Deployment>, ApiError> {
    twin.read(|w, _| held(w, &customer_id, &id).map(|d| Json(d.deployment.clone())))
}

/// `PATCH /v3/customers/{id}/deployments/{deployment}`.
pub async fn update(
    State(twin): State<Twin>,
    Path((customer_id, id)): Path<(String, String)>,
    Strict(req): Strict<DeploymentRequest>,
) -> Result<Json<Deployment>, ApiError> {
    if req.company_profile.is_none() && req.status.is_none() {
        return Err(ApiError::with_details("1122", vec!["companyProfile".into(), "status".into()]));
    }
    twin.change(|w, _| {
        let country = home_country(w, &customer_id)?;
        let stored = held(w, &customer_id, &id)?.deployment.clone();
        if let Some(p) = &req.company_profile {
            if !p.address.country.eq_ignore_ascii_case(&stored.company_profile.address.country) {
                return Err(ApiError::with_details("1119", vec!["companyProfile.address.country".into()]));
            }
        }
        let errors = check_deployment(&req, &country);
        if !errors.is_empty() {
            return Err(invalid(&errors, Asking::Update));
        }
        if req.status == Some(Status::Inactive) && stored.status != Status::Inactive {
            let naming: Vec<String> = crate::vipmp::orders::subscriptions_of(w, &customer_id)
                .filter(|s| s.status == Status::Active && s.deployment_id == id)
                .map(|s| s.subscription_id.clone())
                .collect();
            if !naming.is_empty() {
                return Err(ApiError::invalid_fields([vec!["status".to_string()], naming].concat()));
            }
        }
        let Some(entry) = w.deployments.get_mut(&id) else { return Err(ApiError::code("2138")) };
        if let Some(p) = &req.company_profile {
            entry.deployment.company_profile = p.clone();
        }
        if let Some(status) = &req.status {
            entry.deployment.status = status.clone();
        }
        Ok(Json(entry.deployment.clone()))
    })
}

/// `GET /v3/customers/{id}/deployments`.
pub async fn list(
    State(twin): State<Twin>,
    Path(customer_id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Json<DeploymentPage>, ApiError> {
    let get = |k: &str| q.get(k).map(|v| v.trim()).filter(|v| !v.is_empty());
    let status = get("status");
    if status.is_some_and(|s| !["1000", "1004"].contains(&s)) {
        return Err(ApiError::bad_parameter("status"));
    }
    let number = |k: &str, default: u64| {
        get(k).map_or(Ok(default), |v| v.parse::<u64>().map_err(|_| ApiError::bad_parameter(k)))
    };
    let limit = number("limit", 25)?;
    if !(1..=100).contains(&limit) {
        return Err(ApiError::bad_parameter("limit"));
    }
    let offset = number("offset", 0)?;
    twin.read(|w, _| {
        home_country(w, &customer_id)?;
        let mut all: Vec<&Deployment> = w
            .deployments
            .values()
            .filter(|d| d.customer_id == customer_id)
            .map(|d| &d.deployment)
            .filter(|d| status.is_none_or(|s| d.status.as_str() == s))
            .collect();
        let total = all.len() as u64;
        if offset > total {
            return Err(ApiError::code("1133"));
        }
        all.sort_by(|a, b| b.creation_date.cmp(&a.creation_date).then_with(|| a.deployment_id.cmp(&b.deployment_id)));
        let items: Vec<Deployment> = all.into_iter().skip(offset as usize).take(limit as usize).cloned().collect();
        let count = items.len() as u64;
        let page = |at: u64| Link {
            uri: format!("/v3/customers/{customer_id}/deployments?offset={at}&limit={limit}"),
            method: "GET".into(),
            headers: Vec::new(),
        };
        let links = crate::vipmp::page_links(offset, limit, count, total, page);
        Ok(Json(DeploymentPage { total_count: total, count, offset, limit, items, links }))
    })
}
