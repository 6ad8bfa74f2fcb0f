//! Customer accounts: create (COM, EDU, GOV, LGA, 3-Year Commit, Extended Term, with a linked
//! membership), read, and the completion of a pending customer.

use super::linked::{self, Asked};
use super::{invalid, is_inactive, self_link, today, Asking};
use crate::twin::world::{Change, Millis, World};
use crate::twin::{time, ApiError, Strict, Twin};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use partner_model::rules::account_requests::{check_coterm_date, check_customer_create};
use partner_model::types::{
    Benefit, BenefitType, Commitment, CommitmentStatus, Customer, CustomerCreateRequest, Discount, MarketSegment,
    OfferType, Status,
};

/// The discounts of a new customer.
pub(super) fn new_discounts(lga: bool) -> Vec<Discount> {
    if lga {
        vec![Discount::new(OfferType::License, "06")]
    } else {
        vec![Discount::new(OfferType::License, "01"), Discount::new(OfferType::Consumables, "T1")]
    }
}

/// A REQUESTED (re)commitment request.
pub(super) fn requested(minimum_quantities: &[partner_model::types::MinimumQuantity]) -> Commitment {
    Commitment {
        status: Some(CommitmentStatus::Requested),
        minimum_quantities: minimum_quantities.to_vec(),
        ..Commitment::default()
    }
}

/// The primary admin's email, for duplicate checks.
fn primary_admin(c: &Customer) -> &str {
    c.company_profile.contacts.first().map_or("", |c| c.email.as_str())
}

/// Whether `a` and `b` are the same company with the same primary admin.
fn same_account(a: &Customer, b: &Customer) -> bool {
    a.company_profile.company_name.to_lowercase() == b.company_profile.company_name.to_lowercase()
        && primary_admin(a).eq_ignore_ascii_case(primary_admin(b))
}

/// `POST /v3/customers`.
pub async fn create(
    State(twin): State<Twin>,
    Strict(req): Strict<CustomerCreateRequest>,
) -> Result<(StatusCode, Json<Customer>), ApiError> {
    let lga = req.benefits.iter().any(|b| b.kind == BenefitType::LargeGovernmentAgency);
    let three_year = req.benefits.iter().find(|b| b.kind == BenefitType::ThreeYearCommit);
    linked::exclusions(&Asked {
        lga,
        three_year_commit: three_year.is_some(),
        linked: req.linked_membership.is_some(),
        profile: &req.company_profile,
    })?;
    let errors = check_customer_create(&req);
    if !errors.is_empty() {
        return Err(invalid(&errors, Asking::Create));
    }
    // Recommitment needs a commitment: a new customer has none.
    if let Some(i) =
        req.benefits.iter().position(|b| b.kind == BenefitType::ThreeYearCommit && b.commitment_request.is_none())
    {
        return Err(ApiError::invalid_fields(vec![format!("benefits[{i}].recommitmentRequest")]));
    }
    let pending_delay = twin.pending_until(0);
    let commitment_delay = twin.settings().commitment_delay.as_millis() as Millis;
    let customer = twin.change(|w, now| {
        let reseller = w.resellers.get(&req.reseller_id).ok_or_else(|| ApiError::code("1115"))?;
        if is_inactive(&reseller.status) {
            return Err(ApiError::code("1126"));
        }
        let segment = req.company_profile.market_segment.clone().unwrap_or(MarketSegment::Commercial);
        let segments = &reseller.company_profile.market_segments;
        let enabled =
            if segments.is_empty() { segment == MarketSegment::Commercial } else { segments.contains(&segment) };
        if !enabled {
            return Err(ApiError::with_details("2135", vec!["companyProfile.marketSegment".into()]));
        }
        if lga {
            linked::lga_partner(w, &req.reseller_id)?;
        } else if !req.company_profile.market_sub_segments.is_empty() {
            return Err(ApiError::invalid_fields(vec!["companyProfile.marketSubSegments".into()]));
        }
        if let Err(problem) = check_coterm_date(&req.coterm_date, &today(now), segment.as_str(), lga) {
            let detail = if lga { problem.to_string() } else { "cotermDate".to_string() };
            return Err(ApiError::invalid_fields(vec![detail]));
        }
        let mut customer = Customer {
            external_reference_id: req.external_reference_id.clone(),
            customer_id: String::new(),
            reseller_id: req.reseller_id.clone(),
            global_sales_enabled: Some(false),
            company_profile: req.company_profile.clone(),
            discounts: new_discounts(lga),
            coterm_date: req.coterm_date.clone(),
            creation_date: time::datetime(now),
            status: Status::Pending,
            ..Customer::default()
        };
        customer.company_profile.market_segment = Some(segment);
        if w.customers
            .values()
            .any(|c| c.reseller_id == customer.reseller_id && !is_inactive(&c.status) && same_account(c, &customer))
        {
            return Err(ApiError::code("1127"));
        }
        let id = w.next_id();
        customer.customer_id = id.clone();
        customer.links = self_link(format!("/v3/customers/{id}"));
        if lga {
            customer.benefits.push(Benefit::new(BenefitType::LargeGovernmentAgency, Some("ACTIVE")));
        }
        if let Some(request) = three_year.and_then(|b| b.commitment_request.as_ref()) {
            customer.benefits.push(Benefit {
                kind: BenefitType::ThreeYearCommit,
                status: None,
                commitment: None,
                commitment_request: Some(requested(&request.minimum_quantities)),
                recommitment_request: None,
            });
            w.schedule(now + commitment_delay, Change::AcceptCommitmentRequest(id.clone()));
        }
        if let Some(lm) = &req.linked_membership {
            linked::create_group(w, &mut customer, lm, now);
        }
        w.customers.insert(id.clone(), customer.clone());
        w.schedule(now + pending_delay, Change::ActivateCustomer(id));
        w.count_created("customer");
        Ok(customer)
    })?;
    Ok((StatusCode::CREATED, Json(customer)))
}

/// `GET /v3/customers/{id}`.
pub async fn get(State(twin): State<Twin>, Path(id): Path<String>) -> Result<Json<Customer>, ApiError> {
    twin.read(|w, _| w.customers.get(&id).cloned()).map(Json).ok_or_else(|| ApiError::code("1116"))
}

/// Completes a pending customer: active, or inactive (1014) when another reseller already has
/// an active account of the same company with the same primary admin.
pub(super) fn activate(w: &mut World, id: &str) {
    let Some(customer) = w.customers.get(id).filter(|c| c.status == Status::Pending) else { return };
    let duplicate = w
        .customers
        .values()
        .any(|c| c.customer_id != customer.customer_id && c.status == Status::Active && same_account(c, customer));
    if let Some(c) = w.customers.get_mut(id) {
        c.status = if duplicate { Status::DuplicateCustomer } else { Status::Active };
    }
}
