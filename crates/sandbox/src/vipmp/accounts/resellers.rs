//! Reseller accounts: create (pending, then active after the delay), read and update.

use super::{invalid, keep_names, self_link, updatable, Asking};
use crate::twin::world::Change;
use crate::twin::{time, ApiError, Strict, Twin};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use partner_model::rules::account_requests::{check_reseller_create, check_reseller_update};
use partner_model::types::{MarketSegment, Reseller, ResellerCreateRequest, ResellerUpdateRequest, Status};

/// `POST /v3/resellers`.
pub async fn create(
    State(twin): State<Twin>,
    Strict(req): Strict<ResellerCreateRequest>,
) -> Result<(StatusCode, Json<Reseller>), ApiError> {
    let errors = check_reseller_create(&req);
    if !errors.is_empty() {
        return Err(invalid(&errors, Asking::Create));
    }
    let pending_until = |now| twin.pending_until(now);
    let reseller = twin.change(|w, now| {
        if req.distributor_id != w.distributor_id {
            return Err(ApiError::code("1114"));
        }
        let id = w.next_id();
        let mut profile = req.company_profile.clone();
        if profile.market_segments.is_empty() {
            profile.market_segments = vec![MarketSegment::Commercial];
        }
        let reseller = Reseller {
            external_reference_id: req.external_reference_id.clone(),
            distributor_id: w.distributor_id.clone(),
            reseller_id: id.clone(),
            company_profile: profile,
            creation_date: time::datetime(now),
            status: Status::Pending,
            links: self_link(format!("/v3/resellers/{id}")),
        };
        w.resellers.insert(id.clone(), reseller.clone());
        w.schedule(pending_until(now), Change::ActivateReseller(id));
        w.count_created("reseller");
        Ok(reseller)
    })?;
    Ok((StatusCode::CREATED, Json(reseller)))
}

/// `GET /v3/resellers/{id}`.
pub async fn get(State(twin): State<Twin>, Path(id): Path<String>) -> Result<Json<Reseller>, ApiError> {
    twin.read(|w, _| w.resellers.get(&id).cloned()).map(Json).ok_or_else(|| ApiError::code("1115"))
}

/// `PATCH /v3/resellers/{id}`: replaces the editable data.
pub async fn update(
    State(twin): State<Twin>,
    Path(id): Path<String>,
    Strict(req): Strict<ResellerUpdateRequest>,
) -> Result<Json<Reseller>, ApiError> {
    twin.change(|w, _| {
        let stored = w.resellers.get(&id).ok_or_else(|| ApiError::code("1115"))?;
        updatable(&stored.status)?;
        let errors = check_reseller_update(&req);
        if !errors.is_empty() {
            return Err(invalid(&errors, Asking::Update));
        }
        let (old, new) = (&stored.company_profile, &req.company_profile);
        let mut fixed = Vec::new();
        if old.company_name != new.company_name {
            fixed.push("companyProfile.companyName".to_string());
        }
        if old.address.country != new.address.country {
            fixed.push("companyProfile.address.country".to_string());
        }
        if old.address.region != new.address.region {
            fixed.push("companyProfile.address.region".to_string());
        }
        if !fixed.is_empty() {
            return Err(ApiError::with_details("1119", fixed));
        }
        let mut segments = new.market_segments.clone();
        if segments.is_empty() {
            segments = vec![MarketSegment::Commercial];
        }
        if old.market_segments.iter().any(|s| !segments.contains(s)) {
            return Err(ApiError::with_details("1134", vec!["INVALID_CUSTOMER_MARKET_SEGMENT".into()]));
        }
        let mut updated = stored.clone();
        if !req.external_reference_id.is_empty() {
            updated.external_reference_id = req.external_reference_id.clone();
        }
        updated.company_profile = new.clone();
        updated.company_profile.market_segments = segments;
        let mut answer = updated.clone();
        updated.company_profile.contacts = keep_names(&old.contacts, &new.contacts);
        answer.company_profile.contacts = new.contacts.clone();
        w.resellers.insert(id.clone(), updated);
        Ok(Json(answer))
    })
}
