//! Whole-request checks of account requests (create/update reseller and customer): every field
//! rule of the registry at its real wire path (`companyProfile.contacts[0].email`), plus the
//! rules that span fields (contacts, segments, LGA, 3-Year Commit, linked membership) and the
//! Extended Term window of `cotermDate`. The sandbox answers 1117 with these paths; the browser
//! shows each problem next to its field.
//!
//! Choices where the docs are silent:
//! - 3-Year Commit minimums are the program's smallest levels: 10 licenses (level 12 / EDU 02)
//!   and 1,000 consumables (tier TB); each offer type at most once per request.
//! - A `THREE_YEAR_COMMIT` benefit must carry a commitment or recommitment request; a
//!   `LARGE_GOVERNMENT_AGENCY` benefit carries none.
//! - 3-Year Commit is refused together with LGA or a linked membership (the LGA and linked
//!   membership pages say they exclude each other).

use super::cross;
use super::registry::{rule, Context};
use super::validators::{Because, Invalid};
use super::FieldError;
use crate::types::{
    Address, BenefitRequest, BenefitType, Contact, CustomerCreateRequest, CustomerProfile, CustomerUpdateRequest,
    DeploymentRequest, LinkedMembershipRequest, MinimumQuantitiesRequest, MinimumQuantity, OfferType,
    ResellerCreateRequest, ResellerProfile, ResellerUpdateRequest,
};

/// The smallest 3-Year Commit quantity per offer type.
pub const THREE_YEAR_COMMIT_MINIMUMS: &[(&str, u64)] = &[("LICENSE", 10), ("CONSUMABLES", 1_000)];

/// A minimum a 3-Year Commit quantity increase may not ask for: of a committed offer type, lower
/// than committed, or left out while another type is added ("the committed offerType and the
/// new offerType must be included"; otherwise a request "does not need to include quantities
/// for all offerTypes").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IncreaseProblem {
    pub offer_type: OfferType,
    /// The committed minimum, the least the increase may ask.
    pub committed: u64,
}

/// The problems of `asked` as the quantity increase of a commitment of `committed` minimums.
pub fn increase_problems(committed: &[MinimumQuantity], asked: &[MinimumQuantity]) -> Vec<IncreaseProblem> {
    let adds = asked.iter().any(|a| !committed.iter().any(|c| c.offer_type == a.offer_type));
    committed
        .iter()
        .filter(|c| match asked.iter().find(|a| a.offer_type == c.offer_type) {
            Some(a) => a.quantity < c.quantity,
            None => adds,
        })
        .map(|c| IncreaseProblem { offer_type: c.offer_type.clone(), committed: c.quantity })
        .collect()
}

struct Errors(Vec<FieldError>);

impl Errors {
    fn push(&mut self, path: impl Into<String>, problem: Invalid) {
        self.0.push(FieldError { path: path.into(), problem });
    }

    /// Checks `value` against the registry row `field` and reports at `path`.
    fn field(&mut self, field: &str, path: &str, value: &str, ctx: &Context) {
        if let Some(r) = rule(field) {
            if let Err(problem) = r.validate(value, ctx) {
                self.push(path, problem);
            }
        }
    }
}

fn address(e: &mut Errors, a: &Address) {
    let ctx = Context {
        country: Some(a.country.as_str()).filter(|c| !c.is_empty()),
        region: Some(a.region.trim()).filter(|r| !r.is_empty()),
    };
    let p = "companyProfile.address";
    e.field(&format!("{p}.country"), &format!("{p}.country"), &a.country, &ctx);
    e.field(&format!("{p}.region"), &format!("{p}.region"), &a.region, &ctx);
    e.field(&format!("{p}.city"), &format!("{p}.city"), &a.city, &ctx);
    e.field(&format!("{p}.addressLine1"), &format!("{p}.addressLine1"), &a.address_line1, &ctx);
    e.field(&format!("{p}.addressLine2"), &format!("{p}.addressLine2"), &a.address_line2, &ctx);
    e.field(&format!("{p}.postalCode"), &format!("{p}.postalCode"), &a.postal_code, &ctx);
    e.field(&format!("{p}.phoneNumber"), &format!("{p}.phoneNumber"), &a.phone_number, &ctx);
}

fn contacts(e: &mut Errors, contacts: &[Contact]) {
    if let Err(problem) = cross::contacts(contacts.len()) {
        e.push("companyProfile.contacts", problem);
    }
    let ctx = Context::default();
    for (i, c) in contacts.iter().enumerate() {
        for (name, value) in [
            ("firstName", &c.first_name),
            ("lastName", &c.last_name),
            ("email", &c.email),
            ("phoneNumber", &c.phone_number),
        ] {
            e.field(
                &format!("companyProfile.contacts[].{name}"),
                &format!("companyProfile.contacts[{i}].{name}"),
                value,
                &ctx,
            );
        }
    }
}

fn common_profile(e: &mut Errors, company_name: &str, language: &str) {
    let ctx = Context::default();
    e.field("companyProfile.companyName", "companyProfile.companyName", company_name, &ctx);
    e.field("companyProfile.preferredLanguage", "companyProfile.preferredLanguage", language, &ctx);
}

fn reseller_profile(e: &mut Errors, p: &ResellerProfile) {
    common_profile(e, &p.company_name, &p.preferred_language);
    let segments: Vec<&str> = p.market_segments.iter().map(|s| s.as_str()).collect();
    for (i, s) in segments.iter().enumerate() {
        e.field(
            "companyProfile.marketSegments[]",
            &format!("companyProfile.marketSegments[{i}]"),
            s,
            &Context::default(),
        );
    }
    // No segments means the default [COM].
    if !segments.is_empty() {
        if let Err(problem) = cross::reseller_segments(&segments) {
            e.push("companyProfile.marketSegments", problem);
        }
    }
    address(e, &p.address);
    contacts(e, &p.contacts);
}

fn customer_profile(e: &mut Errors, p: &CustomerProfile, is_lga: bool) {
    common_profile(e, &p.company_name, &p.preferred_language);
    let segment = p.market_segment.as_ref().map_or("COM", |s| s.as_str());
    e.field("companyProfile.marketSegment", "companyProfile.marketSegment", segment, &Context::default());
    let subs: Vec<&str> = p.market_sub_segments.iter().map(|s| s.as_str()).collect();
    if let Err(problem) = cross::lga(is_lga, segment, &subs) {
        let path = if is_lga && segment != "GOV" {
            "companyProfile.marketSegment"
        } else {
            "companyProfile.marketSubSegments"
        };
        e.push(path, problem);
    }
    address(e, &p.address);
    contacts(e, &p.contacts);
}

fn minimum_quantities(e: &mut Errors, path: &str, field: &str, request: &MinimumQuantitiesRequest) {
    if request.minimum_quantities.is_empty() {
        e.push(
            format!("{path}.minimumQuantities"),
            Invalid::Explained("Give a minimum quantity for licenses, consumables or both.".into()),
        );
    }
    let mut seen: Vec<&str> = Vec::new();
    for (i, q) in request.minimum_quantities.iter().enumerate() {
        let offer_type = q.offer_type.as_str();
        let at = format!("{path}.minimumQuantities[{i}]");
        e.field(
            &format!("{field}.minimumQuantities[].offerType"),
            &format!("{at}.offerType"),
            offer_type,
            &Context::default(),
        );
        if seen.contains(&offer_type) {
            e.push(
                format!("{at}.offerType"),
                Invalid::Because(Because::ListedTwice { what: q.offer_type.words().to_string() }),
            );
        }
        seen.push(offer_type);
        let quantity = q.quantity.to_string();
        let before = e.0.len();
        e.field(
            &format!("{field}.minimumQuantities[].quantity"),
            &format!("{at}.quantity"),
            &quantity,
            &Context::default(),
        );
        let minimum = THREE_YEAR_COMMIT_MINIMUMS.iter().find(|(t, _)| *t == offer_type).map(|(_, m)| *m);
        if let Some(min) = minimum.filter(|m| e.0.len() == before && q.quantity < *m) {
            e.push(
                format!("{at}.quantity"),
                Invalid::Because(Because::CommitMinimum { min, what: q.offer_type.words().to_string() }),
            );
        }
    }
}

fn benefits(e: &mut Errors, benefits: &[BenefitRequest], linked: Option<&LinkedMembershipRequest>) {
    let is_lga = benefits.iter().any(|b| b.kind == BenefitType::LargeGovernmentAgency);
    let mut seen: Vec<&BenefitType> = Vec::new();
    for (i, b) in benefits.iter().enumerate() {
        let at = format!("benefits[{i}]");
        if seen.contains(&&b.kind) {
            e.push(format!("{at}.type"), Invalid::Explained("Each benefit may be listed once.".into()));
        }
        seen.push(&b.kind);
        match b.kind {
            BenefitType::ThreeYearCommit => {
                if is_lga {
                    e.push(
                        format!("{at}.type"),
                        Invalid::Explained(
                            "3-Year Commit is not available to Large Government Agency customers.".into(),
                        ),
                    );
                } else if linked.is_some() {
                    e.push(
                        format!("{at}.type"),
                        Invalid::Explained("3-Year Commit and linked membership exclude each other.".into()),
                    );
                }
                if let Err(problem) =
                    cross::one_commitment_request(b.commitment_request.is_some(), b.recommitment_request.is_some())
                {
                    e.push(format!("{at}.recommitmentRequest"), problem);
                }
                if let Some(r) = &b.commitment_request {
                    minimum_quantities(e, &format!("{at}.commitmentRequest"), "benefits[].commitmentRequest", r);
                } else if let Some(r) = &b.recommitment_request {
                    minimum_quantities(e, &format!("{at}.recommitmentRequest"), "benefits[].recommitmentRequest", r);
                } else {
                    e.push(format!("{at}.commitmentRequest"), Invalid::Missing);
                }
            }
            BenefitType::LargeGovernmentAgency => {
                if b.commitment_request.is_some() || b.recommitment_request.is_some() {
                    e.push(
                        format!("{at}.commitmentRequest"),
                        Invalid::Explained("A Large Government Agency benefit carries no commitment.".into()),
                    );
                }
            }
            BenefitType::Other(_) => e.push(
                format!("{at}.type"),
                Invalid::NotOneOf { allowed: &["THREE_YEAR_COMMIT", "LARGE_GOVERNMENT_AGENCY"] },
            ),
        }
    }
}

fn linked_membership(e: &mut Errors, linked: Option<&LinkedMembershipRequest>) {
    if let Some(l) = linked {
        let ctx = Context::default();
        e.field("linkedMembership.name", "linkedMembership.name", &l.name, &ctx);
        e.field("linkedMembership.type", "linkedMembership.type", l.kind.as_str(), &ctx);
    }
}

/// `POST /v3/resellers`.
pub fn check_reseller_create(req: &ResellerCreateRequest) -> Vec<FieldError> {
    let mut e = Errors(Vec::new());
    let ctx = Context::default();
    e.field("distributorId", "distributorId", &req.distributor_id, &ctx);
    e.field("externalReferenceId", "externalReferenceId", &req.external_reference_id, &ctx);
    reseller_profile(&mut e, &req.company_profile);
    e.0
}

/// `PATCH /v3/resellers/{id}`.
pub fn check_reseller_update(req: &ResellerUpdateRequest) -> Vec<FieldError> {
    let mut e = Errors(Vec::new());
    e.field("externalReferenceId", "externalReferenceId", &req.external_reference_id, &Context::default());
    reseller_profile(&mut e, &req.company_profile);
    e.0
}

/// `POST /v3/customers` (the Extended Term window of `cotermDate` needs today's date: see
/// [`check_coterm_date`]).
pub fn check_customer_create(req: &CustomerCreateRequest) -> Vec<FieldError> {
    let mut e = Errors(Vec::new());
    let ctx = Context::default();
    e.field("resellerId", "resellerId", &req.reseller_id, &ctx);
    e.field("externalReferenceId", "externalReferenceId", &req.external_reference_id, &ctx);
    e.field("cotermDate", "cotermDate", &req.coterm_date, &ctx);
    let is_lga = req.benefits.iter().any(|b| b.kind == BenefitType::LargeGovernmentAgency);
    customer_profile(&mut e, &req.company_profile, is_lga);
    benefits(&mut e, &req.benefits, req.linked_membership.as_ref());
    linked_membership(&mut e, req.linked_membership.as_ref());
    e.0
}

/// `PATCH /v3/customers/{id}`; `is_lga` is whether the customer is (or this request makes it)
/// a Large Government Agency.
pub fn check_customer_update(req: &CustomerUpdateRequest, is_lga: bool) -> Vec<FieldError> {
    let mut e = Errors(Vec::new());
    e.field("externalReferenceId", "externalReferenceId", &req.external_reference_id, &Context::default());
    let is_lga = is_lga || req.benefits.iter().any(|b| b.kind == BenefitType::LargeGovernmentAgency);
    if let Some(p) = &req.company_profile {
        customer_profile(&mut e, p, is_lga);
    }
    benefits(&mut e, &req.benefits, req.linked_membership.as_ref());
    linked_membership(&mut e, req.linked_membership.as_ref());
    e.0
}

/// Why a deployment's address may not be in the customer's own country (1141).
pub const DEPLOYMENT_ABROAD: &str = "A deployment is for a country other than the customer's own.";

/// The statuses a deployment is set to: active and inactive ("deactivate or reactivate").
pub const DEPLOYMENT_STATUSES: &[&str] = &["1000", "1004"];

/// Whether `address` is in the customer's own country (`customer_country`), which a
/// deployment's may not be (1141).
pub fn deployment_at_home(address: &Address, customer_country: &str) -> bool {
    !address.country.is_empty() && address.country.eq_ignore_ascii_case(customer_country)
}

/// `POST` and `PATCH /v3/customers/{id}/deployments[/{id}]` of a customer of `customer_country`:
/// the address's field rules, a country other than the customer's, and a status of active or
/// inactive.
pub fn check_deployment(req: &DeploymentRequest, customer_country: &str) -> Vec<FieldError> {
    let mut e = Errors(Vec::new());
    if let Some(p) = &req.company_profile {
        if deployment_at_home(&p.address, customer_country) {
            e.push("companyProfile.address.country", Invalid::Explained(DEPLOYMENT_ABROAD.into()));
        } else {
            address(&mut e, &p.address);
        }
    }
    if let Some(status) = &req.status {
        if !DEPLOYMENT_STATUSES.contains(&status.as_str()) {
            e.push("status", Invalid::NotOneOf { allowed: DEPLOYMENT_STATUSES });
        }
    }
    e.0
}

/// `date` (`YYYY-MM-DD`) plus `months`, the day clamped to the month's length.
pub fn add_months(date: &str, months: u32) -> Option<String> {
    let y: i64 = date.get(0..4)?.parse().ok()?;
    let m: i64 = date.get(5..7)?.parse().ok()?;
    let d: u32 = date.get(8..10)?.parse().ok()?;
    let total = y * 12 + (m - 1) + i64::from(months);
    let (y, m) = (total / 12, (total % 12 + 1) as u32);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    Some(format!("{y:04}-{m:02}-{:02}", d.min(days)))
}

/// The Extended Term window of a `cotermDate` sent on create: later than a year from `today`
/// and at most 3 years away (4 for EDU; 23 months for a Large Government Agency).
pub fn check_coterm_date(coterm: &str, today: &str, segment: &str, is_lga: bool) -> Result<(), Invalid> {
    if coterm.is_empty() {
        return Ok(());
    }
    super::validators::coterm_date(coterm)?;
    let max_months = if is_lga {
        23
    } else if segment == "EDU" {
        48
    } else {
        36
    };
    let (Some(min), Some(max)) = (add_months(today, 12), add_months(today, max_months)) else {
        return Err(Invalid::Format { expected: "a date as YYYY-MM-DD" });
    };
    if coterm > min.as_str() && coterm <= max.as_str() {
        Ok(())
    } else if is_lga {
        Err(Invalid::Explained("Invalid coterm date for Large Government Agency".into()))
    } else {
        Err(Invalid::Because(Because::AnniversaryBetween { after: min, until: max }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::{LinkedMembershipType, MarketSegment, MarketSubSegment, MinimumQuantity, OfferType};

    fn profile() -> CustomerProfile {
        CustomerProfile {
            company_name: "Fairmont".into(),
            preferred_language: "en-US".into(),
            market_segment: Some(MarketSegment::Education),
            market_sub_segments: vec![],
            address: Address {
                country: "US".into(),
                region: "CA".into(),
                city: "San Jose".into(),
                address_line1: "200 Fairmont Ave".into(),
                postal_code: "95110-1234".into(),
                ..Address::default()
            },
            contacts: vec![Contact {
                first_name: "Donald".into(),
                last_name: "Duck".into(),
                email: "donald@duck.com".into(),
                phone_number: String::new(),
            }],
        }
    }

    fn customer() -> CustomerCreateRequest {
        CustomerCreateRequest {
            reseller_id: "5556667778".into(),
            company_profile: profile(),
            ..CustomerCreateRequest::default()
        }
    }

    fn paths(errors: &[FieldError]) -> Vec<&str> {
        errors.iter().map(|e| e.path.as_str()).collect()
    }

    fn three_year(license: u64) -> BenefitRequest {
        BenefitRequest {
            kind: BenefitType::ThreeYearCommit,
            commitment_request: Some(MinimumQuantitiesRequest {
                minimum_quantities: vec![MinimumQuantity { offer_type: OfferType::License, quantity: license }],
            }),
            recommitment_request: None,
        }
    }

    #[test]
    fn the_documented_example_passes() {
        assert_eq!(check_customer_create(&customer()), vec![]);
        let p = profile();
        let reseller = ResellerCreateRequest {
            distributor_id: "345434543".into(),
            external_reference_id: "888".into(),
            company_profile: ResellerProfile {
                company_name: p.company_name,
                preferred_language: p.preferred_language,
                market_segments: vec![MarketSegment::Commercial, MarketSegment::Education],
                address: p.address,
                contacts: p.contacts,
            },
        };
        assert_eq!(check_reseller_create(&reseller), vec![]);
    }

    #[test]
    fn paths_carry_real_indexes() {
        let mut req = customer();
        req.company_profile.company_name = "Fai".into();
        req.company_profile.contacts.push(Contact {
            first_name: "A".into(),
            last_name: "B".into(),
            email: "not-an-email".into(),
            phone_number: String::new(),
        });
        req.company_profile.address.postal_code = "ABCDE".into();
        assert_eq!(
            paths(&check_customer_create(&req)),
            ["companyProfile.companyName", "companyProfile.address.postalCode", "companyProfile.contacts[1].email"]
        );
        req.company_profile.contacts.clear();
        assert!(paths(&check_customer_create(&req)).contains(&"companyProfile.contacts"));
    }

    #[test]
    fn regions_and_postal_codes_follow_the_country() {
        let mut req = customer();
        req.company_profile.address.country = "CA".into();
        req.company_profile.address.region = "ON".into();
        req.company_profile.address.postal_code = "K1A 0B1".into();
        assert_eq!(check_customer_create(&req), vec![]);
        req.company_profile.address.region = "CA".into();
        assert_eq!(paths(&check_customer_create(&req)), ["companyProfile.address.region"]);
    }

    #[test]
    fn lga_and_three_year_commit() {
        let mut req = customer();
        req.company_profile.market_segment = Some(MarketSegment::Government);
        req.company_profile.market_sub_segments = vec![MarketSubSegment::Federal];
        req.benefits = vec![BenefitRequest {
            kind: BenefitType::LargeGovernmentAgency,
            commitment_request: None,
            recommitment_request: None,
        }];
        assert_eq!(check_customer_create(&req), vec![]);
        req.company_profile.market_sub_segments.push(MarketSubSegment::State);
        assert_eq!(paths(&check_customer_create(&req)), ["companyProfile.marketSubSegments"]);
        req.company_profile.market_sub_segments.pop();
        req.benefits.push(three_year(10));
        assert_eq!(paths(&check_customer_create(&req)), ["benefits[1].type"]);

        let mut req = customer();
        req.benefits = vec![three_year(9)];
        assert_eq!(
            paths(&check_customer_create(&req)),
            ["benefits[0].commitmentRequest.minimumQuantities[0].quantity"]
        );
        req.benefits = vec![three_year(10)];
        assert_eq!(check_customer_create(&req), vec![]);
        req.benefits[0].recommitment_request = req.benefits[0].commitment_request.clone();
        assert_eq!(paths(&check_customer_create(&req)), ["benefits[0].recommitmentRequest"]);
        req.benefits = vec![three_year(10)];
        req.linked_membership =
            Some(LinkedMembershipRequest { name: "Group".into(), kind: LinkedMembershipType::Standard });
        assert_eq!(paths(&check_customer_create(&req)), ["benefits[0].type"]);
    }

    #[test]
    fn updates_check_what_they_carry() {
        let update = CustomerUpdateRequest { company_profile: Some(profile()), ..CustomerUpdateRequest::default() };
        assert_eq!(check_customer_update(&update, false), vec![]);
        let mut lga = update.clone();
        if let Some(p) = lga.company_profile.as_mut() {
            p.market_segment = Some(MarketSegment::Government);
            p.market_sub_segments = vec![MarketSubSegment::State];
        }
        assert_eq!(check_customer_update(&lga, true), vec![]);
        assert_eq!(paths(&check_customer_update(&lga, false)), ["companyProfile.marketSubSegments"]);
        let bad = ResellerUpdateRequest {
            external_reference_id: "x".repeat(36),
            company_profile: ResellerProfile::default(),
        };
        let found = paths(&check_reseller_update(&bad)).join(" ");
        assert!(found.starts_with("externalReferenceId companyProfile.companyName"), "{found}");
    }

    #[test]
    fn extended_term_window() {
        assert_eq!(add_months("2024-01-31", 1).as_deref(), Some("2024-02-29"));
        assert_eq!(add_months("2024-11-15", 14).as_deref(), Some("2026-01-15"));
        assert!(check_coterm_date("", "2025-03-01", "COM", false).is_ok());
        assert!(check_coterm_date("2026-03-01", "2025-03-01", "COM", false).is_err());
        assert!(check_coterm_date("2026-03-02", "2025-03-01", "COM", false).is_ok());
        assert!(check_coterm_date("2028-03-01", "2025-03-01", "COM", false).is_ok());
        assert!(check_coterm_date("2028-03-02", "2025-03-01", "COM", false).is_err());
        assert!(check_coterm_date("2029-03-01", "2025-03-01", "EDU", false).is_ok());
        assert!(check_coterm_date("2027-03-01", "2025-03-01", "GOV", true).is_err());
        assert!(check_coterm_date("2027-01-15", "2025-03-01", "GOV", true).is_ok());
        assert!(check_coterm_date("2027-13-01", "2025-03-01", "COM", false).is_err());
    }

    #[test]
    fn a_deployment_is_abroad_with_a_valid_address_and_a_status_of_active_or_inactive() {
        use crate::types::{DeploymentProfile, DeploymentRequest, Status};
        let abroad = Address {
            country: "CA".into(),
            region: "ON".into(),
            city: "Ottawa".into(),
            address_line1: "1 Main St".into(),
            postal_code: "K1A 0B1".into(),
            ..Address::default()
        };
        let asking = |address: &Address, status: Option<Status>| DeploymentRequest {
            status,
            company_profile: Some(DeploymentProfile { address: address.clone() }),
        };
        assert!(check_deployment(&asking(&abroad, None), "US").is_empty());
        assert!(check_deployment(&asking(&abroad, Some(Status::Inactive)), "US").is_empty());
        assert_eq!(paths(&check_deployment(&asking(&abroad, None), "ca")), ["companyProfile.address.country"]);
        let mut bad = abroad.clone();
        bad.postal_code = "95110".into();
        assert_eq!(paths(&check_deployment(&asking(&bad, None), "US")), ["companyProfile.address.postalCode"]);
        assert_eq!(paths(&check_deployment(&asking(&abroad, Some(Status::Pending)), "US")), ["status"]);
        let status_only = DeploymentRequest { status: Some(Status::Active), company_profile: None };
        assert!(check_deployment(&status_only, "US").is_empty());
    }
}

#[cfg(test)]
mod increase_tests {
    use super::*;

    fn m(offer_type: OfferType, quantity: u64) -> MinimumQuantity {
        MinimumQuantity { offer_type, quantity }
    }

    #[test]
    fn an_increase_keeps_each_named_minimum_and_the_committed_types_when_adding_one() {
        let committed = [m(OfferType::License, 50)];
        let problem = |asked: &[MinimumQuantity]| increase_problems(&committed, asked);
        assert!(problem(&[m(OfferType::License, 80)]).is_empty());
        assert!(problem(&[m(OfferType::License, 50)]).is_empty());
        assert_eq!(problem(&[m(OfferType::License, 49)]).len(), 1, "lower");
        assert!(problem(&[]).is_empty(), "a request need not name every type");
        let adding = [m(OfferType::Consumables, 1_000)];
        assert_eq!(
            problem(&adding),
            vec![IncreaseProblem { offer_type: OfferType::License, committed: 50 }],
            "adding a type keeps the committed one"
        );
        assert!(problem(&[m(OfferType::License, 50), m(OfferType::Consumables, 1_000)]).is_empty());
    }
}
