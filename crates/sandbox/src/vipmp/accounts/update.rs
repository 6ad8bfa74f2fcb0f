//! Updating a customer: profile, market segment, contacts, external reference id, global sales,
//! 3-Year Commit (re)commitment requests, enabling LGA, creating a linked membership; and the
//! acceptance of a 3YC request after its delay. With a commitment in force, a commitment request
//! is a quantity increase: one that lowers a committed minimum, or adds an offer type without the
//! committed one, is 1117 naming `benefits[i].commitmentRequest.minimumQuantities` (the docs
//! give no code of its own). Converting a GOV customer to LGA ("Convert an existing government customer to LGA"):
//! only in the last 30 days before its anniversary, not in a linked membership (1117 naming
//! the benefit for either: no code is documented), never with 3YC applied for or held (1147),
//! nor while a Team or consumables subscription auto-renews (1169) or with 100 licenses or fewer
//! renewing (1170; the LGA error codes list both for this PATCH); the benefit is `PENDING_UPGRADE` until the anniversary, then ACTIVE with the LGA level if
//! the customer still meets those conditions, else it goes ([`upgrade_to_lga`]).

use super::customers::{new_discounts, requested};
use super::linked::{self, Asked};
use super::{invalid, keep_names, today, updatable, Asking};
use crate::twin::world::{Change, Millis, World};
use crate::twin::{time, ApiError, Strict, Twin};
use crate::vipmp::orders::offers;
use axum::extract::{Path, State};
use axum::Json;
use partner_model::rules::account_requests::{add_months, check_customer_update, increase_problems};
use partner_model::rules::cross::{lga_conversion_window, recommit_window};
use partner_model::time::DAY;
use partner_model::types::{
    Benefit, BenefitType, Commitment, CommitmentStatus, Customer, CustomerUpdateRequest, MarketSegment, Status,
};

fn open(status: Option<&CommitmentStatus>) -> bool {
    matches!(status, Some(CommitmentStatus::Requested | CommitmentStatus::Accepted))
}

fn has_active_subscriptions(w: &World, customer_id: &str) -> bool {
    w.subscriptions
        .iter()
        .any(|(id, s)| w.subscription_owner.get(id).is_some_and(|o| o == customer_id) && s.status == Status::Active)
}

/// What stops `customer_id` converting to LGA in what it holds ("Convert an existing government
/// customer to LGA"): "if the customer holds any Team offer or consumables, the `autoRenewal`
/// must be turned off" (1169, naming those subscriptions); and "`renewalQuantity` must be
/// \>100": the licenses renewing at the anniversary, each auto-renewing subscription's renewal
/// quantity (its current one when none is set), together (1170).
fn lga_holdings(w: &World, customer_id: &str) -> Result<(), ApiError> {
    let mut renewing = 0u64;
    let mut team_or_consumables = Vec::new();
    // Active ones, and those scheduled to start with the renewal (Create Subscription).
    let held = crate::vipmp::orders::subscriptions_of(w, customer_id)
        .filter(|s| matches!(s.status, Status::Active | Status::Scheduled));
    for s in held.filter(|s| s.auto_renewal.enabled) {
        if offers::offer_of(&s.offer_id).is_none_or(offers::not_for_lga) {
            team_or_consumables.push(s.subscription_id.clone());
        } else {
            renewing += s.auto_renewal.renewal_quantity.or(s.current_quantity).unwrap_or(0);
        }
    }
    if !team_or_consumables.is_empty() {
        return Err(ApiError::with_details("1169", team_or_consumables));
    }
    if renewing <= 100 {
        return Err(ApiError::code("1170"));
    }
    Ok(())
}

/// The LGA benefit's status from the conversion to the anniversary.
pub const LGA_PENDING_UPGRADE: &str = "PENDING_UPGRADE";

/// A customer converted to Large Government Agency reaches its anniversary: "the upgrade to LGA
/// will automatically occur at the time of the renewal order, provided the customer meets all
/// the conditions before the upgrade is processed" — the benefit is then in force, and the
/// renewal at LGA level ("Renewal will happen at LGA level 06-09"). Conditions the customer
/// stopped meeting since the conversion (a Team or consumables subscription auto-renewing
/// again, 100 licenses or fewer renewing, a linked membership or 3YC since) end it instead:
/// the benefit goes, and the customer stays what it was; the subscriptions whose renewal date
/// has come by `at` expire rather than auto-renew ("the subscription will expire, and the
/// customer will need to manually place the renewal order"), whichever of this and the day's
/// auto-renewal sweep (`orders::auto_renewal`, which settles this first) runs first. Those
/// renewed early for the next term already are left to renew.
pub fn upgrade_to_lga(w: &mut World, id: &str, at: Millis) {
    let lga = |b: &Benefit| b.kind == BenefitType::LargeGovernmentAgency;
    let Some(c) = w.customers.get(id) else { return };
    if !c.benefits.iter().any(|b| lga(b) && b.status.as_deref() == Some(LGA_PENDING_UPGRADE)) {
        return;
    }
    let meets = lga_holdings(w, id).is_ok() && c.linked_membership.is_none() && c.three_year_commit().is_none();
    let Some(c) = w.customers.get_mut(id) else { return };
    if !meets {
        // Back to the GOV customer it was: FEDERAL and STATE are for LGA customers only.
        c.benefits.retain(|b| !lga(b));
        c.company_profile.market_sub_segments.clear();
        let renewing: Vec<String> =
            w.subscription_owner.iter().filter(|(_, owner)| owner.as_str() == id).map(|(sub, _)| sub.clone()).collect();
        for sub in renewing {
            let due = |s: &&mut partner_model::types::Subscription| {
                matches!(s.status, Status::Active | Status::Scheduled)
                    && s.renewed_quantity.unwrap_or(0) == 0
                    && time::parse(&s.renewal_date).is_some_and(|d| d <= at)
            };
            if let Some(s) = w.subscriptions.get_mut(&sub).filter(due) {
                s.status = Status::Inactive;
            }
        }
        return;
    }
    if let Some(b) = c.benefits.iter_mut().find(|b| lga(b)) {
        b.status = Some("ACTIVE".into());
        c.discounts = new_discounts(true);
    }
}

/// `PATCH /v3/customers/{id}`.
pub async fn update(
    State(twin): State<Twin>,
    Path(id): Path<String>,
    Strict(req): Strict<CustomerUpdateRequest>,
) -> Result<Json<Customer>, ApiError> {
    let commitment_delay = twin.settings().commitment_delay.as_millis() as Millis;
    twin.change(|w, now| {
        let stored = w.customers.get(&id).ok_or_else(|| ApiError::code("1116"))?;
        updatable(&stored.status)?;
        let enabling_lga =
            !stored.is_lga() && req.benefits.iter().any(|b| b.kind == BenefitType::LargeGovernmentAgency);
        let lga = stored.is_lga() || enabling_lga;
        let three_year = req.benefits.iter().position(|b| b.kind == BenefitType::ThreeYearCommit);
        // The update replaces the stored data: the whole profile comes with every PATCH, as
        // every example of the docs (3YC, linked membership, LGA) sends it.
        let Some(profile) = req.company_profile.clone() else {
            return Err(ApiError::with_details("1122", vec!["companyProfile".into()]));
        };
        let mut merged = profile.clone();
        if merged.market_segment.is_none() {
            merged.market_segment = stored.company_profile.market_segment.clone();
        }
        if !enabling_lga && merged.market_sub_segments.is_empty() {
            merged.market_sub_segments = stored.company_profile.market_sub_segments.clone();
        }
        let linked = stored.linked_membership.is_some() || req.linked_membership.is_some();
        // A customer converted to LGA "should not have applied for or committed to" 3YC (any
        // 3YC it has or had), and the owners and members of a linked membership "are not
        // qualified for" it ("has active 3YC": one in force or asked for): what the account
        // holds counts as well as what the request asks.
        let three_year_commit = three_year.is_some()
            || (enabling_lga && stored.three_year_commit().is_some())
            || (req.linked_membership.is_some() && stored.in_three_year_commit());
        linked::exclusions(&Asked { lga, three_year_commit, linked, profile: &merged })?;
        if enabling_lga {
            linked::lga_partner(w, &stored.reseller_id)?;
            let at = req.benefits.iter().position(|b| b.kind == BenefitType::LargeGovernmentAgency).unwrap_or(0);
            // "Should not be part of any active Linked Memberships"; "in the last 30 days of the
            // customer's current term (AD-30)". The docs name no code for either: 1117 naming
            // the benefit, as for a recommitment outside its window.
            let in_window = lga_conversion_window(&stored.coterm_date, now).is_ok();
            if stored.linked_membership.is_some() || !in_window {
                return Err(ApiError::invalid_fields(vec![format!("benefits[{at}]")]));
            }
            lga_holdings(w, &id)?;
        }
        let errors = check_customer_update(&req, lga);
        if !errors.is_empty() {
            return Err(invalid(&errors, Asking::Update));
        }
        let old = &stored.company_profile;
        let mut fixed = Vec::new();
        if req.company_profile.is_some() {
            if old.company_name != profile.company_name {
                fixed.push("companyProfile.companyName");
            }
            if old.address.country != profile.address.country {
                fixed.push("companyProfile.address.country");
            }
            if old.address.region != profile.address.region {
                fixed.push("companyProfile.address.region");
            }
            if !lga && !profile.market_sub_segments.is_empty() && profile.market_sub_segments != old.market_sub_segments
            {
                fixed.push("companyProfile.marketSubSegments");
            }
        }
        let segment_changes = merged.market_segment != old.market_segment;
        if segment_changes && has_active_subscriptions(w, &id) {
            fixed.push("companyProfile.marketSegment");
        }
        if !fixed.is_empty() {
            return Err(ApiError::with_details("1119", fixed.into_iter().map(String::from).collect()));
        }
        if segment_changes {
            let segment = merged.market_segment.clone().unwrap_or(MarketSegment::Commercial);
            let enabled = w
                .resellers
                .get(&stored.reseller_id)
                .is_some_and(|r| r.company_profile.market_segments.contains(&segment));
            if !enabled {
                return Err(ApiError::with_details("2135", vec!["companyProfile.marketSegment".into()]));
            }
            merged.market_sub_segments.retain(|_| lga);
        }
        let current = stored.three_year_commit();
        if let Some((i, b)) = three_year.and_then(|i| req.benefits.get(i).map(|b| (i, b))) {
            let recommit_open =
                current.is_some_and(|c| open(c.recommitment_request.as_ref().and_then(|r| r.status.as_ref())));
            let commit_open =
                current.is_some_and(|c| open(c.commitment_request.as_ref().and_then(|r| r.status.as_ref())));
            let commitment =
                current.and_then(|c| c.commitment.as_ref()).filter(|c| c.status == Some(CommitmentStatus::Committed));
            // "Must have existing commitment and less than 30 days before the commitment end date."
            let in_window = commitment.is_some_and(|c| recommit_window(&c.end_date, now).is_ok());
            if b.commitment_request.is_some() && recommit_open {
                return Err(ApiError::invalid_fields(vec![format!("benefits[{i}].commitmentRequest")]));
            }
            if b.recommitment_request.is_some() && (!in_window || commit_open) {
                return Err(ApiError::invalid_fields(vec![format!("benefits[{i}].recommitmentRequest")]));
            }
            // With a commitment in force, a commitment request is its quantity increase: none
            // lower, and "the committed offerType and the new offerType must be included".
            if let (Some(r), Some(c)) = (&b.commitment_request, commitment) {
                if !increase_problems(&c.minimum_quantities, &r.minimum_quantities).is_empty() {
                    let at = format!("benefits[{i}].commitmentRequest.minimumQuantities");
                    return Err(ApiError::invalid_fields(vec![at]));
                }
            }
        }
        if req.linked_membership.is_some() && stored.linked_membership.is_some() {
            return Err(ApiError::invalid_fields(vec!["linkedMembership".into()]));
        }

        // Everything holds: apply.
        let mut customer = stored.clone();
        let answer_contacts = profile.contacts.clone();
        if req.company_profile.is_some() {
            merged.contacts = keep_names(&old.contacts, &profile.contacts);
            customer.company_profile = merged;
        }
        if !req.external_reference_id.is_empty() {
            customer.external_reference_id = req.external_reference_id.clone();
        }
        if let Some(enabled) = req.global_sales_enabled {
            customer.global_sales_enabled = Some(enabled);
        }
        if enabling_lga {
            // "PENDING_UPGRADE" until the anniversary, when the renewal happens at LGA level.
            customer.company_profile.market_sub_segments = profile.market_sub_segments.clone();
            customer.benefits.push(Benefit::new(BenefitType::LargeGovernmentAgency, Some(LGA_PENDING_UPGRADE)));
        }
        if let Some(b) = three_year.and_then(|i| req.benefits.get(i)) {
            if !customer.benefits.iter().any(|x| x.kind == BenefitType::ThreeYearCommit) {
                customer.benefits.push(Benefit::new(BenefitType::ThreeYearCommit, None));
            }
            if let Some(benefit) = customer.benefits.iter_mut().find(|x| x.kind == BenefitType::ThreeYearCommit) {
                if let Some(r) = &b.commitment_request {
                    benefit.commitment_request = Some(requested(&r.minimum_quantities));
                }
                if let Some(r) = &b.recommitment_request {
                    benefit.recommitment_request = Some(requested(&r.minimum_quantities));
                }
            }
            w.schedule(now + commitment_delay, Change::AcceptCommitmentRequest(id.clone()));
        }
        if let Some(lm) = &req.linked_membership {
            linked::create_group(w, &mut customer, lm, now);
        }
        let mut answer = customer.clone();
        if req.company_profile.is_some() {
            answer.company_profile.contacts = answer_contacts;
        }
        if enabling_lga {
            if let Some(ad) = time::parse(&customer.coterm_date) {
                w.schedule(ad, Change::UpgradeToLga(id.clone()));
            }
        }
        w.customers.insert(id.clone(), customer);
        Ok(Json(answer))
    })
}

/// One day before the third anniversary of `start` (`YYYY-MM-DD`).
fn three_years_from(start: &str) -> String {
    let third = add_months(start, 36).unwrap_or_else(|| start.to_string());
    time::parse(&third).map(|ms| time::date(ms.saturating_sub(86_400_000))).unwrap_or(third)
}

/// The dates of a commitment whose request is accepted on `day` (`YYYY-MM-DD`), after the
/// current 3YC page: a quantity increase keeps the current commitment's dates; a customer with
/// no `cotermDate` yet commits for 3 years from acceptance; one entering within 30 days before
/// its anniversary (its `cotermDate`) commits until one day before the third anniversary of
/// that date ("a full 3-year benefit"); any other time, until one day before the third
/// anniversary of the start.
fn commitment_dates(day: &str, coterm: &str, current: Option<&Commitment>) -> (String, String) {
    if let Some(c) = current.filter(|c| c.status == Some(CommitmentStatus::Committed) && !c.end_date.is_empty()) {
        return (c.start_date.clone(), c.end_date.clone());
    }
    if coterm.is_empty() {
        return (day.to_string(), add_months(day, 36).unwrap_or_else(|| day.to_string()));
    }
    let before_anniversary = match (time::parse(day), time::parse(coterm)) {
        (Some(d), Some(ad)) => d <= ad && d + 30 * DAY >= ad,
        _ => false,
    };
    let end = if before_anniversary { three_years_from(coterm) } else { three_years_from(day) };
    (day.to_string(), end)
}

/// The days an accepted 3YC request has to be met: "Customers now have up to 30 days from the
/// acceptance date to ensure their contract reflects the agreed minimum number of licenses."
const COMPLIANCE_DAYS: u64 = 30;

fn three_year_commit<'a>(w: &'a mut World, id: &str) -> Option<&'a mut Benefit> {
    w.customers.get_mut(id)?.benefits.iter_mut().find(|b| b.kind == BenefitType::ThreeYearCommit)
}

/// Schedules what time does to `id`'s 3-Year Commit: its commitment in force ends the day after
/// its end date (`end_commitment`); a first request accepted is checked 30 days after its
/// acceptance (`check_compliance`). Called when either starts (and for the seeded ones);
/// the changes check again when they come due, so one scheduled twice does nothing twice.
pub fn schedule_3yc(w: &mut World, id: &str) {
    let Some(b) = three_year_commit(w, id) else { return };
    let committed = b.commitment.as_ref().filter(|c| c.status == Some(CommitmentStatus::Committed));
    let ends = committed.and_then(|c| time::parse(&c.end_date)).map(|end| end + DAY);
    let accepted = b.commitment_request.as_ref().filter(|r| r.status == Some(CommitmentStatus::Accepted));
    let checked = accepted.filter(|_| committed.is_none()).and_then(|r| time::parse(&r.start_date));
    if let Some(at) = ends {
        w.schedule(at, Change::EndCommitment(id.to_string()));
    }
    if let Some(accepted) = checked {
        w.schedule(compliance_due(accepted), Change::CheckCompliance(id.to_string()));
    }
}

/// When a request accepted on the day starting at `accepted` is checked: the day after its 30
/// days ("up to 30 days from the acceptance date"), as a commitment ends the day after its end.
fn compliance_due(accepted: Millis) -> Millis {
    accepted + (COMPLIANCE_DAYS + 1) * DAY
}

/// The accepted recommitment of `b` as its commitment, in place of one that has ended (the
/// recommitment "cannot move to COMMITTED status until the current commitment ends"); whether
/// there was one.
fn take_recommitment(b: &mut Benefit) -> bool {
    match b.recommitment_request.take() {
        Some(r) if r.status == Some(CommitmentStatus::Accepted) => {
            b.commitment = Some(Commitment { status: Some(CommitmentStatus::Committed), ..r });
            true
        }
        open => {
            b.recommitment_request = open;
            false
        }
    }
}

/// A commitment past its end date ("When a 3YC contract expires after its designated end date,
/// the volume discount levels are reset to the following defaults: Licenses: Level 01,
/// Consumables: Tier T1"): EXPIRED, with those levels; or, when a recommitment was accepted
/// (which "cannot move to COMMITTED status until the current commitment ends"), the
/// recommitment becomes the commitment, with its own end scheduled. A quantity increase still
/// open ends with the commitment it would raise (EXPIRED too); a recommitment still REQUESTED
/// becomes the commitment when it is accepted (`accept_commitment`).
pub fn end_commitment(w: &mut World, id: &str, now: Millis) {
    let Some(b) = three_year_commit(w, id) else { return };
    let committed = b.commitment.as_ref().filter(|c| c.status == Some(CommitmentStatus::Committed));
    // None in force, or its dates moved on since this was scheduled: a later change ends it.
    if committed.and_then(|c| time::parse(&c.end_date)).is_none_or(|end| now < end + DAY) {
        return;
    }
    if take_recommitment(b) {
        schedule_3yc(w, id);
        return;
    }
    if let Some(c) = b.commitment.as_mut() {
        c.status = Some(CommitmentStatus::Expired);
    }
    if let Some(r) = b.commitment_request.as_mut().filter(|r| open(r.status.as_ref())) {
        r.status = Some(CommitmentStatus::Expired);
    }
    if let Some(c) = w.customers.get_mut(id) {
        c.discounts = new_discounts(false);
    }
}

/// A first 3YC request accepted 30 days ago: met by what the customer holds now, it becomes the
/// commitment (as an order would make it); otherwise "the 3YC agreement will become
/// non-compliant, and the contract will no longer qualify for 3YC discounts" (NONCOMPLIANT, which
/// previews no longer count). Not a request beside a commitment in force: a quantity increase,
/// or what is left of a first request an order met in part (whose met part is the commitment,
/// kept as it is; the documents do not say what becomes of a part).
pub fn check_compliance(w: &mut World, id: &str, now: Millis) {
    let due = |w: &mut World| {
        let b = three_year_commit(w, id)?;
        let committed = b.commitment.as_ref().is_some_and(|c| c.status == Some(CommitmentStatus::Committed));
        let accepted = b
            .commitment_request
            .as_ref()
            .filter(|r| !committed && r.status == Some(CommitmentStatus::Accepted))
            .and_then(|r| time::parse(&r.start_date))?;
        Some(now >= compliance_due(accepted))
    };
    let due = |w: &mut World| due(w) == Some(true);
    if !due(w) {
        return;
    }
    crate::vipmp::orders::settle_levels(w, id, now);
    if !due(w) {
        return;
    }
    if let Some(r) = three_year_commit(w, id).and_then(|b| b.commitment_request.as_mut()) {
        r.status = Some(CommitmentStatus::Noncompliant);
    }
}

/// A REQUESTED 3YC commitment or recommitment request of `id` becomes ACCEPTED.
pub(super) fn accept_commitment(w: &mut World, id: &str, now: Millis) {
    let Some(customer) = w.customers.get_mut(id) else { return };
    let day = today(now);
    let coterm_was_empty = customer.coterm_date.is_empty();
    let Some(benefit) = customer.benefits.iter_mut().find(|b| b.kind == BenefitType::ThreeYearCommit) else { return };
    let commitment_end = benefit.commitment.as_ref().map(|c| c.end_date.clone()).filter(|e| !e.is_empty());
    let (start, end) = commitment_dates(&day, &customer.coterm_date, benefit.commitment.as_ref());
    let mut accepted = false;
    if let Some(r) = benefit.commitment_request.as_mut().filter(|r| r.status == Some(CommitmentStatus::Requested)) {
        r.status = Some(CommitmentStatus::Accepted);
        r.start_date = start;
        r.end_date = end;
        accepted = true;
    }
    // A recommitment accepted after the commitment ended starts now, and is the commitment.
    let ended = benefit.commitment.as_ref().is_some_and(|c| c.status == Some(CommitmentStatus::Expired));
    let mut recommitted = false;
    if let Some(r) = benefit.recommitment_request.as_mut().filter(|r| r.status == Some(CommitmentStatus::Requested)) {
        let start = if ended { day.clone() } else { commitment_end.unwrap_or_else(|| day.clone()) };
        r.status = Some(CommitmentStatus::Accepted);
        r.end_date = three_years_from(&start);
        r.start_date = start;
        recommitted = ended && take_recommitment(benefit);
    }
    if accepted && coterm_was_empty {
        customer.coterm_date = add_months(&day, 12).unwrap_or_default();
    }
    if accepted || recommitted {
        schedule_3yc(w, id);
    }
    if recommitted {
        // Its levels, reset when the commitment ended, are the commitment's again.
        crate::vipmp::orders::settle_levels(w, id, now);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use partner_model::types::{Discount, MinimumQuantity, OfferType};

    /// A customer converting to LGA, with `subscriptions` (offer id, licenses) auto-renewing.
    fn converting(subscriptions: &[(&str, u64)]) -> World {
        let mut w = World::default();
        let mut c = Customer { customer_id: "C1".into(), ..Customer::default() };
        c.discounts = new_discounts(false);
        c.benefits.push(Benefit::new(BenefitType::LargeGovernmentAgency, Some(LGA_PENDING_UPGRADE)));
        c.company_profile.market_sub_segments = vec![partner_model::types::MarketSubSegment::State];
        w.customers.insert("C1".into(), c);
        for (i, (offer, licenses)) in subscriptions.iter().enumerate() {
            let id = format!("S{i}");
            let sub = partner_model::types::Subscription {
                subscription_id: id.clone(),
                offer_id: offer.to_string(),
                current_quantity: Some(*licenses),
                auto_renewal: partner_model::types::AutoRenewal { enabled: true, ..Default::default() },
                status: Status::Active,
                ..partner_model::types::Subscription::default()
            };
            w.subscriptions.insert(id.clone(), sub);
            w.subscription_owner.insert(id, "C1".into());
        }
        w
    }

    #[test]
    fn a_pending_lga_upgrade_is_in_force_at_the_anniversary() {
        let mut w = converting(&[("65322648GA01A12", 101)]);
        upgrade_to_lga(&mut w, "C1", 0);
        let c = w.customers.get("C1").cloned().unwrap_or_default();
        assert_eq!(c.benefits[0].status.as_deref(), Some("ACTIVE"));
        assert_eq!(c.discounts, new_discounts(true));
    }

    #[test]
    fn a_pending_lga_upgrade_lapses_when_the_conditions_are_no_longer_met() {
        for (held, why) in [
            (&[("65322648GA01A12", 100)][..], "100 licenses renewing, not more"),
            (&[("65322648GA01A12", 101), ("65322651GA01A12", 5)][..], "a Team subscription auto-renewing again"),
        ] {
            let mut w = converting(held);
            upgrade_to_lga(&mut w, "C1", 0);
            let c = w.customers.get("C1").cloned().unwrap_or_default();
            assert!(!c.is_lga() && c.company_profile.market_sub_segments.is_empty(), "{why}");
            assert_eq!(c.discounts, new_discounts(false), "{why}");
        }
    }

    /// A customer with a 3-Year Commit of `commitment` and `recommitment`, holding `licenses`.
    fn committing(
        commitment: Option<Commitment>,
        request: Option<Commitment>,
        recommitment: Option<Commitment>,
    ) -> World {
        let mut w = converting(&[("65322648CA01A12", 12)]);
        if let Some(c) = w.customers.get_mut("C1") {
            c.benefits = vec![Benefit {
                kind: BenefitType::ThreeYearCommit,
                status: None,
                commitment,
                commitment_request: request,
                recommitment_request: recommitment,
            }];
            c.discounts = vec![Discount::new(OfferType::License, "14")];
        }
        w
    }

    fn three_years(status: CommitmentStatus, start: &str, end: &str, licenses: u64) -> Option<Commitment> {
        Some(Commitment {
            status: Some(status),
            start_date: start.into(),
            end_date: end.into(),
            minimum_quantities: vec![MinimumQuantity { offer_type: OfferType::License, quantity: licenses }],
        })
    }

    /// The start of day `d` (`YYYY-MM-DD`).
    fn at(d: &str) -> Millis {
        time::parse(d).unwrap_or_default()
    }

    fn benefit(w: &World) -> Benefit {
        w.customers
            .get("C1")
            .and_then(|c| c.three_year_commit().cloned())
            .unwrap_or_else(|| Benefit::new(BenefitType::ThreeYearCommit, None))
    }

    #[test]
    fn a_commitment_expires_after_its_end_date_with_the_default_levels() {
        let mut w = committing(three_years(CommitmentStatus::Committed, "2024-03-01", "2027-02-28", 10), None, None);
        end_commitment(&mut w, "C1", at("2027-02-28") + DAY / 2);
        assert_eq!(benefit(&w).commitment.and_then(|c| c.status), Some(CommitmentStatus::Committed), "its last day");
        end_commitment(&mut w, "C1", at("2027-03-01"));
        assert_eq!(benefit(&w).commitment.and_then(|c| c.status), Some(CommitmentStatus::Expired));
        assert_eq!(w.customers.get("C1").map(|c| c.discounts.clone()), Some(new_discounts(false)), "Level 01, Tier T1");
    }

    #[test]
    fn an_accepted_recommitment_is_the_commitment_once_the_current_one_ends() {
        let current = three_years(CommitmentStatus::Committed, "2024-03-01", "2027-02-28", 10);
        let next = three_years(CommitmentStatus::Accepted, "2027-02-28", "2030-02-27", 20);
        let mut w = committing(current, None, next);
        end_commitment(&mut w, "C1", at("2027-03-01"));
        let b = benefit(&w);
        let c = b.commitment.unwrap_or_default();
        assert_eq!(
            (c.status, c.end_date.as_str(), c.minimum_quantities[0].quantity),
            (Some(CommitmentStatus::Committed), "2030-02-27", 20)
        );
        assert!(b.recommitment_request.is_none());
        assert!(
            w.pending
                .iter()
                .any(|(due, change)| *due == at("2030-02-28") && *change == Change::EndCommitment("C1".into())),
            "its own end"
        );
        // One still requested waits, and the commitment ends.
        let requested = Some(Commitment { status: Some(CommitmentStatus::Requested), ..Commitment::default() });
        let mut w =
            committing(three_years(CommitmentStatus::Committed, "2024-03-01", "2027-02-28", 10), None, requested);
        end_commitment(&mut w, "C1", at("2027-03-01"));
        let b = benefit(&w);
        assert_eq!(b.commitment.and_then(|c| c.status), Some(CommitmentStatus::Expired));
        assert_eq!(b.recommitment_request.and_then(|r| r.status), Some(CommitmentStatus::Requested));
    }

    #[test]
    fn an_accepted_request_not_met_in_thirty_days_is_noncompliant() {
        // 12 licenses held: 20 committed is not met.
        let mut w = committing(None, three_years(CommitmentStatus::Accepted, "2027-01-01", "2029-12-31", 20), None);
        check_compliance(&mut w, "C1", at("2027-01-31") + DAY - 1);
        assert_eq!(benefit(&w).commitment_request.and_then(|r| r.status), Some(CommitmentStatus::Accepted), "30 days");
        check_compliance(&mut w, "C1", at("2027-02-01"));
        assert_eq!(benefit(&w).commitment_request.and_then(|r| r.status), Some(CommitmentStatus::Noncompliant));
        // 10 committed is met by what is held: the commitment.
        let mut w = committing(None, three_years(CommitmentStatus::Accepted, "2027-01-01", "2029-12-31", 10), None);
        check_compliance(&mut w, "C1", at("2027-02-01"));
        let b = benefit(&w);
        assert_eq!(
            (b.commitment.and_then(|c| c.status), b.commitment_request),
            (Some(CommitmentStatus::Committed), None)
        );
        // An increase beside a commitment in force is not checked so.
        let current = three_years(CommitmentStatus::Committed, "2027-01-01", "2029-12-31", 10);
        let mut w = committing(current, three_years(CommitmentStatus::Accepted, "2027-01-01", "2029-12-31", 50), None);
        check_compliance(&mut w, "C1", at("2027-03-01"));
        assert_eq!(benefit(&w).commitment_request.and_then(|r| r.status), Some(CommitmentStatus::Accepted));
    }

    #[test]
    fn an_open_increase_ends_with_its_commitment_and_a_late_recommitment_starts_when_accepted() {
        let current = three_years(CommitmentStatus::Committed, "2024-03-01", "2027-02-28", 10);
        let increase = three_years(CommitmentStatus::Accepted, "2024-03-01", "2027-02-28", 50);
        let requested = three_years(CommitmentStatus::Requested, "", "", 20);
        let mut w = committing(current, increase, requested);
        end_commitment(&mut w, "C1", at("2027-03-01"));
        let b = benefit(&w);
        assert_eq!(
            b.commitment_request.and_then(|r| r.status),
            Some(CommitmentStatus::Expired),
            "no 3YC level from it"
        );
        accept_commitment(&mut w, "C1", at("2027-03-10"));
        let b = benefit(&w);
        let c = b.commitment.unwrap_or_default();
        assert_eq!(
            (c.status, c.start_date.as_str(), c.minimum_quantities[0].quantity),
            (Some(CommitmentStatus::Committed), "2027-03-10", 20)
        );
        assert!(b.recommitment_request.is_none());
    }

    #[test]
    fn commitment_dates_follow_the_current_3yc_page() {
        // Within 30 days before the anniversary: a full three years from it.
        assert_eq!(commitment_dates("2026-06-10", "2026-07-01", None), ("2026-06-10".into(), "2029-06-30".into()));
        // Any other time: one day before the third anniversary of the start.
        assert_eq!(commitment_dates("2026-03-10", "2026-07-01", None), ("2026-03-10".into(), "2029-03-09".into()));
        // No cotermDate yet: three years from acceptance.
        assert_eq!(commitment_dates("2026-03-10", "", None), ("2026-03-10".into(), "2029-03-10".into()));
        // A quantity increase keeps the commitment's dates.
        let current = Commitment {
            start_date: "2025-01-05".into(),
            end_date: "2028-01-04".into(),
            status: Some(CommitmentStatus::Committed),
            minimum_quantities: Vec::new(),
        };
        assert_eq!(
            commitment_dates("2026-03-10", "2026-07-01", Some(&current)),
            ("2025-01-05".into(), "2028-01-04".into())
        );
    }
}
