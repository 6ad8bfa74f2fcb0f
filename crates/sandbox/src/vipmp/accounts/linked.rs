//! Large Government Agency rules and linked memberships: the LGA / 3YC exclusions of create and
//! update, creating a group with its owner, searching LGA groups and enrolling LGA customers.

use crate::twin::world::{Millis, World};
use crate::twin::{time, ApiError, Twin};
use axum::extract::{Path, Query, State};
use axum::Json;
use partner_model::rules::rule;
use partner_model::types::LGA_COUNTRIES;
use partner_model::types::{
    Customer, CustomerProfile, EnrollResult, LinkedMemberRole, LinkedMembership, LinkedMembershipGroup,
    LinkedMembershipRequest, MarketSubSegment, OfferType,
};
use std::collections::HashMap;

const LGA: &str = "LARGE_GOVERNMENT_AGENCY";

/// What a request asks for, for [`exclusions`].
pub(super) struct Asked<'a> {
    /// The customer is (or is becoming) a Large Government Agency.
    pub lga: bool,
    /// The request asks for 3-Year Commit.
    pub three_year_commit: bool,
    /// The customer has or asks for a linked membership.
    pub linked: bool,
    /// The company profile as it will be.
    pub profile: &'a CustomerProfile,
}

/// The documented LGA and 3YC exclusions: 1147, 1163, 1168, 1167.
pub(super) fn exclusions(a: &Asked) -> Result<(), ApiError> {
    if a.lga && a.three_year_commit {
        return Err(ApiError::with_details(
            "1147",
            vec!["3YC Customer not allowed for Large Government Agency".into()],
        ));
    }
    if a.linked && a.three_year_commit {
        return Err(ApiError::with_details("1147", vec!["3YC Customer not allowed for Linked Membership".into()]));
    }
    let subs = &a.profile.market_sub_segments;
    let lga_subs = subs.iter().filter(|s| matches!(s, MarketSubSegment::Federal | MarketSubSegment::State)).count();
    if !a.lga {
        return if lga_subs > 0 { Err(ApiError::code("1168")) } else { Ok(()) };
    }
    if a.profile.market_segment.as_ref().map_or("COM", |s| s.as_str()) != "GOV" {
        return Err(ApiError::code("1163"));
    }
    if lga_subs != 1 || subs.len() != 1 {
        return Err(ApiError::code("1168"));
    }
    if !LGA_COUNTRIES.contains(&a.profile.address.country.as_str()) {
        return Err(ApiError::code("1167"));
    }
    Ok(())
}

/// 1164: only partners in the US or Canada sell to Large Government Agencies.
pub fn lga_partner(w: &World, reseller_id: &str) -> Result<(), ApiError> {
    let country = w.resellers.get(reseller_id).map(|r| r.company_profile.address.country.as_str()).unwrap_or("");
    if LGA_COUNTRIES.contains(&country) {
        Ok(())
    } else {
        Err(ApiError::code("1164"))
    }
}

/// A new group with `customer` as its owner.
pub(super) fn create_group(w: &mut World, customer: &mut Customer, req: &LinkedMembershipRequest, now: Millis) {
    let id = w.next_id();
    let created = time::datetime(now);
    let p = &customer.company_profile;
    let group = LinkedMembershipGroup {
        id: id.clone(),
        name: req.name.clone(),
        kind: Some(req.kind.clone()),
        creation_date: created.clone(),
        market_segment: p.market_segment.clone(),
        country: p.address.country.clone(),
        members_count: Some(1),
        benefit_types: if customer.lga_in_force() { vec![LGA.into()] } else { Vec::new() },
        discounts: customer.discounts.iter().filter(|d| d.offer_type == OfferType::License).cloned().collect(),
    };
    customer.linked_membership = Some(LinkedMembership::of(&group, LinkedMemberRole::Owner, created));
    w.linked_groups.push(group);
}

/// `GET /v3/linked_membership_groups?country=&name=`.
pub async fn search(
    State(twin): State<Twin>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Json<Vec<LinkedMembershipGroup>>, ApiError> {
    let country = q.get("country").map(|c| c.trim()).unwrap_or("");
    if country.is_empty() {
        return Err(ApiError::with_details("1118", vec!["Country cannot be null or empty".into()]));
    }
    if !LGA_COUNTRIES.contains(&country) {
        return Err(ApiError::with_details("1118", vec!["Invalid Country".into()]));
    }
    let name = q.get("name").map(String::as_str).unwrap_or("");
    let name_ok = rule("linked-membership-search.name").is_none_or(|r| r.validate(name, &Default::default()).is_ok());
    if !name_ok {
        return Err(ApiError::invalid_fields(vec!["name".into()]));
    }
    let needle = name.to_lowercase();
    let found: Vec<LinkedMembershipGroup> = twin.read(|w, _| {
        w.linked_groups
            .iter()
            .filter(|g| {
                g.benefit_types.iter().any(|b| b == LGA)
                    && g.country == country
                    && g.name.to_lowercase().contains(&needle)
            })
            .cloned()
            .collect()
    });
    if found.is_empty() {
        return Err(ApiError::code("1143"));
    }
    Ok(Json(found))
}

/// `POST /v3/customers/{id}/linked_membership/enroll/{group}`.
pub async fn enroll(
    State(twin): State<Twin>,
    Path((id, group_id)): Path<(String, String)>,
) -> Result<Json<EnrollResult>, ApiError> {
    twin.change(|w, now| {
        let customer = w.customers.get(&id).ok_or_else(|| ApiError::code("1116"))?;
        let Some(group) = w.linked_groups.iter().find(|g| g.id == group_id) else {
            return Err(ApiError::code("1143"));
        };
        if !customer.lga_in_force() {
            return Err(ApiError::code("1165"));
        }
        if !group.benefit_types.iter().any(|b| b == LGA) {
            return Err(ApiError::code("1166"));
        }
        if customer.company_profile.address.country != group.country {
            return Err(ApiError::with_details(
                "1118",
                vec!["Account country does not match with the linked account group country".into()],
            ));
        }
        let answer = EnrollResult { message: "Customer Successfully enrolled in the Linked Membership".into() };
        match &customer.linked_membership {
            Some(lm) if lm.id == group.id => return Ok(Json(answer)),
            Some(lm) => {
                let detail = format!("linkedMembership: the customer already belongs to linked membership {}", lm.id);
                return Err(ApiError::invalid_fields(vec![detail]));
            }
            None => {}
        }
        let membership = LinkedMembership::of(group, LinkedMemberRole::Member, time::datetime(now));
        let level = group.discounts.iter().find(|d| d.offer_type == OfferType::License).cloned();
        if let Some(group) = w.linked_groups.iter_mut().find(|g| g.id == group_id) {
            group.members_count = Some(group.members_count.unwrap_or(0) + 1);
        }
        if let Some(customer) = w.customers.get_mut(&id) {
            customer.linked_membership = Some(membership);
            if let Some(level) = level {
                customer.discounts.retain(|d| d.offer_type != OfferType::License);
                customer.discounts.insert(0, level);
            }
        }
        Ok(Json(answer))
    })
}
