//! Accounts: resellers and customers, their company profile, address, contacts, discounts and
//! benefits (3-Year Commit, Large Government Agency), linked memberships; and the requests that
//! create and update them.

use super::common::{is_default, Links, Status};
use serde::{Deserialize, Serialize};

/// The countries of a Large Government Agency ("The `country` must be the US or Canada"), and
/// of the partners that serve them.
pub const LGA_COUNTRIES: &[&str] = &["US", "CA"];

open_enum! {
    /// A market segment.
    MarketSegment { Commercial = "COM", Education = "EDU", Government = "GOV" }
}

open_enum! {
    /// A customer's market sub-segment.
    MarketSubSegment {
        K12 = "K_12",
        HigherEducation = "HIGHER_ED",
        NonProfit = "NON_PROFIT",
        Federal = "FEDERAL",
        State = "STATE",
    }
}

open_enum! {
    /// The kind of an offer, for discounts and 3-Year Commit minimums.
    OfferType { License = "LICENSE", Consumables = "CONSUMABLES" }
}

impl OfferType {
    /// The kind in words, as a reseller says it ("licenses", "consumables"); another kind as
    /// the API wrote it.
    pub fn words(&self) -> &str {
        match self {
            OfferType::License => "licenses",
            OfferType::Consumables => "consumables",
            OfferType::Other(code) => code,
        }
    }
}

open_enum! {
    /// A benefit of a customer account.
    BenefitType { ThreeYearCommit = "THREE_YEAR_COMMIT", LargeGovernmentAgency = "LARGE_GOVERNMENT_AGENCY" }
}

open_enum! {
    /// Status of a 3-Year Commit commitment or request.
    CommitmentStatus {
        Requested = "REQUESTED",
        Accepted = "ACCEPTED",
        Declined = "DECLINED",
        Committed = "COMMITTED",
        Active = "ACTIVE",
        Noncompliant = "NONCOMPLIANT",
        Expired = "EXPIRED",
    }
}

open_enum! {
    /// Type of a linked membership.
    LinkedMembershipType { Standard = "STANDARD", Consortium = "CONSORTIUM" }
}

open_enum! {
    /// A customer's role in its linked membership.
    LinkedMemberRole { Member = "MEMBER", Owner = "OWNER" }
}

/// A postal address.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Address {
    pub country: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub region: String,
    pub city: String,
    pub address_line1: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub address_line2: String,
    pub postal_code: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub phone_number: String,
}

/// A point of contact (an admin of the account).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Contact {
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub phone_number: String,
}

/// A reseller's company profile.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ResellerProfile {
    pub company_name: String,
    pub preferred_language: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub market_segments: Vec<MarketSegment>,
    pub address: Address,
    pub contacts: Vec<Contact>,
}

/// A customer's company profile.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CustomerProfile {
    pub company_name: String,
    pub preferred_language: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub market_segment: Option<MarketSegment>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub market_sub_segments: Vec<MarketSubSegment>,
    pub address: Address,
    pub contacts: Vec<Contact>,
}

/// A reseller account.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Reseller {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub external_reference_id: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub distributor_id: String,
    pub reseller_id: String,
    pub company_profile: ResellerProfile,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub creation_date: String,
    #[serde(skip_serializing_if = "is_default")]
    pub status: Status,
    #[serde(skip_serializing_if = "is_default")]
    pub links: Links,
}

/// A discount level per offer type.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Discount {
    pub offer_type: OfferType,
    #[serde(default)]
    pub level: String,
    /// A migrated High Volume Discount customer's code (`HVD_L18_PRE`: level 18, pre-price-
    /// action pricing), on the migration preview and on the customer.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub discount_code: String,
}

impl Discount {
    /// A level for an offer type, without a code.
    pub fn new(offer_type: OfferType, level: impl Into<String>) -> Discount {
        Discount { offer_type, level: level.into(), discount_code: String::new() }
    }
}

/// A 3-Year Commit minimum quantity.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MinimumQuantity {
    pub offer_type: OfferType,
    #[serde(default)]
    pub quantity: u64,
}

/// A 3-Year Commit commitment, or a pending (re)commitment request.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Commitment {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub start_date: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub end_date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<CommitmentStatus>,
    pub minimum_quantities: Vec<MinimumQuantity>,
}

/// A benefit of a customer account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Benefit {
    #[serde(rename = "type")]
    pub kind: BenefitType,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commitment: Option<Commitment>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commitment_request: Option<Commitment>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recommitment_request: Option<Commitment>,
}

impl Benefit {
    /// A benefit of `kind` with `status` and no commitment.
    pub fn new(kind: BenefitType, status: Option<&str>) -> Benefit {
        Benefit {
            kind,
            status: status.map(str::to_string),
            commitment: None,
            commitment_request: None,
            recommitment_request: None,
        }
    }
}

/// A customer's linked membership.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct LinkedMembership {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub id: String,
    pub name: String,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<LinkedMembershipType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub linked_membership_type: Option<LinkedMemberRole>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub creation_date: String,
    /// The group's country: sent for Large Government Agency groups.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub country: String,
    /// `LARGE_GOVERNMENT_AGENCY` for an LGA group.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub benefit_types: Vec<String>,
}

impl LinkedMembership {
    /// A customer's membership of `group` in `role` since `creation_date`, with the group's
    /// country and benefit types when it is an LGA group (as the API shows them).
    pub fn of(group: &super::LinkedMembershipGroup, role: LinkedMemberRole, creation_date: String) -> LinkedMembership {
        let lga = !group.benefit_types.is_empty();
        LinkedMembership {
            id: group.id.clone(),
            name: group.name.clone(),
            kind: group.kind.clone(),
            linked_membership_type: Some(role),
            creation_date,
            country: if lga { group.country.clone() } else { String::new() },
            benefit_types: group.benefit_types.clone(),
        }
    }
}

/// A customer account.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Customer {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub external_reference_id: String,
    pub customer_id: String,
    pub reseller_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub global_sales_enabled: Option<bool>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub linked_membership: Option<LinkedMembership>,
    pub company_profile: CustomerProfile,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub discounts: Vec<Discount>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub benefits: Vec<Benefit>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub coterm_date: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub creation_date: String,
    #[serde(skip_serializing_if = "is_default")]
    pub status: Status,
    #[serde(skip_serializing_if = "is_default")]
    pub links: Links,
}

impl Customer {
    /// The customer's 3-Year Commit benefit, if any.
    pub fn three_year_commit(&self) -> Option<&Benefit> {
        self.benefits.iter().find(|b| b.kind == BenefitType::ThreeYearCommit)
    }

    /// Whether the customer is in a 3-Year Commit: one committed (COMMITTED or ACTIVE) or a
    /// request still open (REQUESTED or ACCEPTED). What a linked membership excludes
    /// ("3YC_LINKED_MEMBERSHIP: Customer is part of linked membership and has active 3YC"); one
    /// expired, declined or non-compliant is over.
    pub fn in_three_year_commit(&self) -> bool {
        use CommitmentStatus::{Accepted, Active, Committed, Requested};
        self.three_year_commit().is_some_and(|b| {
            let open = |c: &Option<Commitment>| {
                c.as_ref().is_some_and(|c| matches!(c.status, Some(Requested | Accepted | Committed | Active)))
            };
            open(&b.commitment) || open(&b.commitment_request) || open(&b.recommitment_request)
        })
    }

    /// Whether the customer is a Large Government Agency.
    pub fn is_lga(&self) -> bool {
        self.benefits.iter().any(|b| b.kind == BenefitType::LargeGovernmentAgency)
    }

    /// Whether the customer is a government customer (GOV) in the United States or Canada: one
    /// that is, or may become, a Large Government Agency.
    pub fn us_or_canadian_government(&self) -> bool {
        self.company_profile.market_segment == Some(MarketSegment::Government)
            && LGA_COUNTRIES.contains(&self.company_profile.address.country.as_str())
    }

    /// Whether the customer is a Large Government Agency now: not one converted that becomes one
    /// at its anniversary (it orders, and joins LGA groups, as what it was until then).
    pub fn lga_in_force(&self) -> bool {
        self.is_lga() && !self.lga_pending()
    }

    /// Whether the customer was converted to a Large Government Agency and becomes one at its
    /// anniversary (the benefit's `PENDING_UPGRADE`); [`Customer::is_lga`] already holds.
    pub fn lga_pending(&self) -> bool {
        self.benefits
            .iter()
            .any(|b| b.kind == BenefitType::LargeGovernmentAgency && b.status.as_deref() == Some("PENDING_UPGRADE"))
    }
}

/// `POST /v3/resellers`: a reseller without read-only fields.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ResellerCreateRequest {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub external_reference_id: String,
    pub distributor_id: String,
    pub company_profile: ResellerProfile,
}

/// `PATCH /v3/resellers/{id}`: the editable fields (the update replaces them).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ResellerUpdateRequest {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub external_reference_id: String,
    pub company_profile: ResellerProfile,
}

/// A benefit as a create or update request carries it: its type and a (re)commitment request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BenefitRequest {
    #[serde(rename = "type")]
    pub kind: BenefitType,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commitment_request: Option<MinimumQuantitiesRequest>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recommitment_request: Option<MinimumQuantitiesRequest>,
}

/// The minimum quantities a 3-Year Commit (re)commitment request asks for.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MinimumQuantitiesRequest {
    pub minimum_quantities: Vec<MinimumQuantity>,
}

/// A linked membership to create with a customer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LinkedMembershipRequest {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: LinkedMembershipType,
}

/// `POST /v3/customers`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CustomerCreateRequest {
    pub reseller_id: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub external_reference_id: String,
    pub company_profile: CustomerProfile,
    /// Extended Term customers only.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub coterm_date: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub benefits: Vec<BenefitRequest>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub linked_membership: Option<LinkedMembershipRequest>,
}

/// `PATCH /v3/customers/{id}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CustomerUpdateRequest {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub external_reference_id: String,
    /// Enables or disables global sales for the customer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub global_sales_enabled: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company_profile: Option<CustomerProfile>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub benefits: Vec<BenefitRequest>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub linked_membership: Option<LinkedMembershipRequest>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_converted_customer_is_an_lga_pending_its_anniversary() {
        let with = |status: &str| Customer {
            benefits: vec![Benefit::new(BenefitType::LargeGovernmentAgency, Some(status))],
            ..Customer::default()
        };
        assert!(with("PENDING_UPGRADE").is_lga() && with("PENDING_UPGRADE").lga_pending());
        assert!(with("ACTIVE").is_lga() && !with("ACTIVE").lga_pending() && with("ACTIVE").lga_in_force());
        assert!(!with("PENDING_UPGRADE").lga_in_force());
        assert!(!Customer::default().is_lga() && !Customer::default().lga_pending());
    }
}
