//! The registry: every field rule of `validation-rules.md`, keyed by the field's wire path
//! (`companyProfile.contacts[].email`), the form the API's `additionalDetails` names once its
//! indexes are dropped.

use super::charset::{COMPANY_NAME, PERSON_NAME};
use super::validators::{self as v, Because, Invalid};
use crate::geo;
use crate::types::LGA_COUNTRIES;

/// One check of a field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Check {
    Required,
    /// Between min and max code points.
    Length(usize, usize),
    MaxLength(usize),
    CompanyNameChars,
    PersonNameChars,
    NoMarkup,
    Email,
    CotermDate,
    AccountId,
    OneOf(&'static [&'static str]),
    IntRange(i64, i64),
    Currency,
    DateOrDateTime,
    /// A supported `preferredLanguage` locale.
    Locale,
    /// A supported ISO 3166-1 alpha-2 country.
    Country,
    /// An ISO 3166-2 subdivision of the context's country, where it has them.
    Region,
    /// The context's country's postal format.
    PostalCode,
}

/// What some checks need from the rest of the form.
#[derive(Clone, Copy, Debug, Default)]
pub struct Context<'a> {
    /// The address's country, for regions and postal codes.
    pub country: Option<&'a str>,
    /// The address's region, for postal codes (NL with region CW has none).
    pub region: Option<&'a str>,
}

/// One field's rules.
#[derive(Clone, Copy, Debug)]
pub struct FieldRule {
    /// Wire path with `[]` for array elements.
    pub field: &'static str,
    /// The field's name on a form.
    pub label: &'static str,
    pub checks: &'static [Check],
    /// The documented regular expression the checks implement exactly (JavaScript syntax,
    /// for the `u` flag), when the docs give one.
    pub pattern: Option<&'static str>,
}

impl FieldRule {
    /// Runs the checks in order; the first failure wins.
    pub fn validate(&self, value: &str, ctx: &Context) -> Result<(), Invalid> {
        let optional = value.is_empty()
            && self.checks.contains(&PostalCode)
            && ctx.country.is_some_and(|c| geo::postal_code_optional(c, ctx.region.unwrap_or("")));
        if optional {
            return Ok(());
        }
        self.checks.iter().try_for_each(|c| c.run(value, ctx))
    }

    /// [`FieldRule::validate`] without a form around the field: every check but those of places
    /// (`Locale`, `Country`, `Region`, `PostalCode`), which need the address's country and the
    /// tables of countries, regions, postal formats and locales. For the fields of forms without
    /// an address (orders, returns, memberships, moves): the tables then load only with the forms
    /// that check an address, whose whole-request checks (`account_requests`) run these with the
    /// address as their context.
    pub fn validate_alone(&self, value: &str) -> Result<(), Invalid> {
        self.checks.iter().try_for_each(|c| c.run_alone(value))
    }
}

const SEGMENTS: &[&str] = &["COM", "EDU", "GOV"];
const ORDER_TYPES: &[&str] = &["NEW", "PREVIEW", "RETURN", "PREVIEW_RENEWAL"];
const LINKED_TYPES: &[&str] = &["STANDARD", "CONSORTIUM"];
const OFFER_TYPES: &[&str] = &["LICENSE", "CONSUMABLES"];
const CPN_FILTER_KEYS: &[&str] = &["CUSTOMER_NAME", "BILLING_ENGINE_SUBSCRIPTION_ID"];
const CPN_OPERATORS: &[&str] = &["EQUALS", "LIKE"];

/// The documented patterns, in JavaScript syntax.
pub const COMPANY_NAME_PATTERN: &str = "^[\\p{L}\\p{N}_ \\u3000,.＆&・'()（）\"/-]{4,80}$";
pub const PERSON_NAME_PATTERN: &str = "^[\\p{L}\\p{N}\\-_ \\u3000,.＆&'\"]{1,35}$";
pub const ACCOUNT_ID_PATTERN: &str = "^[\\p{L}\\d\\-]{4,40}$";
pub const COTERM_DATE_PATTERN: &str = "^(\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01]))?$";
pub const NO_MARKUP_PATTERN: &str = "^[^<>\"]*$";
pub const EMAIL_PATTERN: &str = "^(?:[a-zA-Z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[a-zA-Z0-9!#$%&'*+/=?^_`{|}~-]+)*|\"(?:[\\x01-\\x08\\x0b\\x0c\\x0e-\\x1f\\x21\\x23-\\x5b\\x5d-\\x7f]|\\\\[\\x01-\\x09\\x0b\\x0c\\x0e-\\x7f])*\")@(?:(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?\\.)+[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?|\\[(?:(?:25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)\\.){3}(?:25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?|[a-zA-Z0-9-]*[a-zA-Z0-9]:(?:[\\x01-\\x08\\x0b\\x0c\\x0e-\\x1f\\x21-\\x5a\\x53-\\x7f]|\\\\[\\x01-\\x09\\x0b\\x0c\\x0e-\\x7f])+)\\])$";

use Check::*;

const fn row(
    field: &'static str,
    label: &'static str,
    checks: &'static [Check],
    pattern: Option<&'static str>,
) -> FieldRule {
    FieldRule { field, label, checks, pattern }
}

/// Every documented field rule.
pub static FIELD_RULES: &[FieldRule] = &[
    // Accounts (reseller and customer).
    row(
        "companyProfile.companyName",
        "Company name",
        &[Required, Length(4, 80), CompanyNameChars],
        Some(COMPANY_NAME_PATTERN),
    ),
    row("companyProfile.preferredLanguage", "Preferred language", &[Required, MaxLength(40), Locale], None),
    row("companyProfile.marketSegment", "Market segment", &[OneOf(SEGMENTS)], None),
    row("companyProfile.marketSegments[]", "Market segment", &[Required, OneOf(SEGMENTS)], None),
    row(
        "companyProfile.contacts[].firstName",
        "First name",
        &[Required, Length(1, 35), PersonNameChars],
        Some(PERSON_NAME_PATTERN),
    ),
    row(
        "companyProfile.contacts[].lastName",
        "Last name",
        &[Required, Length(1, 35), PersonNameChars],
        Some(PERSON_NAME_PATTERN),
    ),
    row("companyProfile.contacts[].email", "Email", &[Required, MaxLength(240), Email], Some(EMAIL_PATTERN)),
    row("companyProfile.contacts[].phoneNumber", "Phone", &[MaxLength(40), NoMarkup], None),
    row("companyProfile.address.country", "Country", &[Required, Country], None),
    row("companyProfile.address.region", "Region", &[MaxLength(255), NoMarkup, Region], None),
    row("companyProfile.address.city", "City", &[Required, MaxLength(40), NoMarkup], None),
    row("companyProfile.address.addressLine1", "Address line 1", &[Required, MaxLength(60), NoMarkup], None),
    row("companyProfile.address.addressLine2", "Address line 2", &[MaxLength(60), NoMarkup], None),
    row("companyProfile.address.postalCode", "Postal code", &[Required, MaxLength(40), NoMarkup, PostalCode], None),
    row("companyProfile.address.phoneNumber", "Phone", &[MaxLength(40), NoMarkup], None),
    row("externalReferenceId", "External reference id", &[MaxLength(35)], None),
    row("resellerId", "Reseller id", &[Required, AccountId], Some(ACCOUNT_ID_PATTERN)),
    row("customerId", "Customer id", &[Required, AccountId], Some(ACCOUNT_ID_PATTERN)),
    row("distributorId", "Distributor id", &[Required, AccountId], Some(ACCOUNT_ID_PATTERN)),
    row("orderId", "Order id", &[Required, AccountId], Some(ACCOUNT_ID_PATTERN)),
    row("subscriptionId", "Subscription id", &[Required, MaxLength(40)], None),
    // VMware Cloud Partner Navigator's subscription search: the documented keys and operators;
    // the documents give the value no limit, the console keeps it to 200 characters.
    row("filters[].key", "Filter on", &[Required, OneOf(CPN_FILTER_KEYS)], None),
    row("filters[].operator", "Comparison", &[Required, OneOf(CPN_OPERATORS)], None),
    row("filters[].value", "Value", &[Required, MaxLength(200)], None),
    row("cotermDate", "Anniversary (coterm) date", &[CotermDate], Some(COTERM_DATE_PATTERN)),
    row(
        "benefits[].commitmentRequest.minimumQuantities[].offerType",
        "Offer type",
        &[Required, OneOf(OFFER_TYPES)],
        None,
    ),
    row(
        "benefits[].commitmentRequest.minimumQuantities[].quantity",
        "Minimum quantity",
        &[Required, IntRange(1, 599_000)],
        None,
    ),
    row(
        "benefits[].recommitmentRequest.minimumQuantities[].offerType",
        "Offer type",
        &[Required, OneOf(OFFER_TYPES)],
        None,
    ),
    row(
        "benefits[].recommitmentRequest.minimumQuantities[].quantity",
        "Minimum quantity",
        &[Required, IntRange(1, 599_000)],
        None,
    ),
    // Orders.
    row("orderType", "Order type", &[Required, OneOf(ORDER_TYPES)], None),
    row("referenceOrderId", "Original order id", &[MaxLength(40)], None),
    row("currencyCode", "Currency", &[Required, Currency], None),
    row("lineItems[].extLineItemNumber", "Line number", &[Required, IntRange(0, 999_999)], None),
    row("lineItems[].offerId", "Offer id", &[Required, MaxLength(40), NoMarkup], None),
    row("lineItems[].quantity", "Quantity", &[Required, IntRange(1, 599_000)], None),
    row("lineItems[].flexDiscountCodes[]", "Flexible discount code", &[MaxLength(40), NoMarkup], None),
    // Subscriptions.
    row("autoRenewal.renewalQuantity", "Renewal quantity", &[IntRange(1, 599_000)], None),
    row("autoRenewal.flexDiscountCodes[]", "Flexible discount code", &[MaxLength(40), NoMarkup], None),
    // Queries and other calls.
    row("order-history.limit", "Page size", &[IntRange(1, 100)], None),
    row("order-history.offset", "Offset", &[IntRange(0, i64::MAX)], None),
    row("order-history.start-date", "From", &[DateOrDateTime], None),
    row("order-history.end-date", "To", &[DateOrDateTime], None),
    row("linked-membership-search.country", "Country", &[Required, OneOf(LGA_COUNTRIES)], None),
    row("linked-membership-search.name", "Group name", &[MaxLength(80)], None),
    row("linkedMembership.name", "Linked membership name", &[Required, MaxLength(80), NoMarkup], None),
    row("linkedMembership.type", "Linked membership type", &[Required, OneOf(LINKED_TYPES)], None),
    row("approvalCode", "Approval code", &[Required, MaxLength(40)], None),
    row("requestedBy", "Requested by (email)", &[Required, MaxLength(240), Email], Some(EMAIL_PATTERN)),
    row("membershipId", "VIP membership id", &[Required, MaxLength(40)], None),
];

/// The rule of a wire path (`companyProfile.contacts[].email`).
pub fn rule(field: &str) -> Option<&'static FieldRule> {
    FIELD_RULES.iter().find(|r| r.field == field)
}

/// The rule a field named in an API error's `additionalDetails` falls under:
/// `companyProfile.contacts[0].firstName` → `companyProfile.contacts[].firstName`.
pub fn rule_for_detail(detail: &str) -> Option<&'static FieldRule> {
    let mut path = String::with_capacity(detail.len());
    let mut in_index = false;
    for c in detail.trim().chars() {
        match c {
            '[' => {
                in_index = true;
                path.push('[');
            }
            ']' => {
                in_index = false;
                path.push(']');
            }
            _ if in_index => {}
            _ => path.push(c),
        }
    }
    rule(&path).or_else(|| rule(&format!("companyProfile.{path}")))
}

impl Check {
    /// Runs this check on `value`.
    pub fn run(self, value: &str, ctx: &Context) -> Result<(), Invalid> {
        match self {
            Locale if value.is_empty() || geo::is_locale(value) => Ok(()),
            Locale => Err(Invalid::Format { expected: "a supported locale, like en-US" }),
            Country => country(value),
            Region => region(value, ctx),
            PostalCode => match ctx.country {
                Some(c) if !value.is_empty() => geo::check_address_postal_code(c, ctx.region.unwrap_or(""), value)
                    .map_err(|e| match e {
                        geo::PostalError::Mismatch { country, example, .. } => Invalid::Because(Because::PostalCode {
                            country,
                            name: geo::country(country).map_or("", |c| c.name),
                            example,
                        }),
                        geo::PostalError::UnknownCountry => Invalid::Explained(e.to_string()),
                    }),
                _ => Ok(()),
            },
            Required | Length(..) | MaxLength(_) | CompanyNameChars | PersonNameChars | NoMarkup | Email
            | CotermDate | AccountId | OneOf(_) | IntRange(..) | Currency | DateOrDateTime => self.run_alone(value),
        }
    }

    /// Runs a check that needs neither context nor places; a check of places (they read the
    /// tables of countries, regions, postal formats and locales) returns `Ok` here.
    fn run_alone(self, value: &str) -> Result<(), Invalid> {
        match self {
            Required => v::required(value),
            Length(min, max) => v::length(value, min, max),
            MaxLength(max) => v::max_length(value, max),
            CompanyNameChars => v::chars(value, &COMPANY_NAME),
            PersonNameChars => v::chars(value, &PERSON_NAME),
            NoMarkup => v::no_markup(value),
            Email => v::email(value),
            CotermDate => v::coterm_date(value),
            AccountId => v::account_id(value),
            OneOf(allowed) => v::one_of(value, allowed),
            IntRange(min, max) => v::int_range(value, min, max),
            Currency => v::currency(value),
            DateOrDateTime => v::date_or_datetime(value),
            Locale | Country | Region | PostalCode => Ok(()),
        }
    }
}

fn country(value: &str) -> Result<(), Invalid> {
    if value.is_empty() {
        return Ok(());
    }
    if let Some(u) = geo::unsupported(value) {
        return Err(Invalid::Because(Because::Unsupported {
            country: value.to_string(),
            name: u.name,
            remediation: u.remediation,
        }));
    }
    match geo::country(value) {
        Some(_) => Ok(()),
        None => Err(Invalid::Format { expected: "a two-letter ISO 3166-1 country code, like US" }),
    }
}

fn region(value: &str, ctx: &Context) -> Result<(), Invalid> {
    let Some(country) = ctx.country else { return Ok(()) };
    let regions = geo::regions(country);
    if value.is_empty() || regions.is_empty() || regions.iter().any(|r| r.code == value) {
        Ok(())
    } else {
        let example = regions.first().map_or("", |r| r.code);
        let name = geo::country(country).map_or("", |c| c.name);
        Err(Invalid::Because(Because::Region { country: country.to_string(), name, example }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_unique_and_every_row_is_complete() {
        let mut seen = std::collections::BTreeSet::new();
        for r in FIELD_RULES {
            assert!(seen.insert(r.field), "{} twice", r.field);
            assert!(!r.label.is_empty() && !r.checks.is_empty(), "{}", r.field);
            if r.pattern.is_some() {
                assert!(
                    r.checks.contains(&Required) || r.field == "cotermDate",
                    "{} has a pattern and must say if it is required",
                    r.field
                );
            }
        }
    }

    #[test]
    fn every_row_of_the_rule_table_has_a_rule() {
        // The fields of validation-rules.md, as its tables name them.
        for doc_field in [
            "companyProfile.companyName",
            "contacts[].firstName",
            "contacts[].lastName",
            "contacts[].email",
            "contacts[].phoneNumber",
            "companyProfile.preferredLanguage",
            "address.country",
            "address.region",
            "address.city",
            "address.addressLine1",
            "address.addressLine2",
            "address.postalCode",
            "address.phoneNumber",
            "externalReferenceId",
            "resellerId",
            "customerId",
            "orderId",
            "subscriptionId",
            "cotermDate",
            "companyProfile.marketSegments[]",
            "companyProfile.marketSegment",
            "orderType",
            "referenceOrderId",
            "lineItems[].extLineItemNumber",
            "lineItems[].quantity",
            "lineItems[].offerId",
            "currencyCode",
            "autoRenewal.renewalQuantity",
        ] {
            assert!(rule_for_detail(doc_field).is_some(), "no rule for {doc_field}");
        }
    }

    #[test]
    fn api_error_details_find_their_rule() {
        assert_eq!(rule_for_detail("companyProfile.contacts[0].firstName").map(|r| r.label), Some("First name"));
        assert_eq!(rule_for_detail("lineItems[12].quantity").map(|r| r.label), Some("Quantity"));
        assert_eq!(rule_for_detail("address.postalCode").map(|r| r.label), Some("Postal code"));
        assert!(rule_for_detail("nonsense").is_none());
    }

    #[test]
    fn rows_check_what_the_docs_say() {
        let ctx = Context::default();
        let check = |field: &str, value: &str| rule(field).map(|r| r.validate(value, &ctx));
        assert_eq!(check("companyProfile.companyName", "Fairmont"), Some(Ok(())));
        assert!(matches!(check("companyProfile.companyName", "Fai"), Some(Err(Invalid::TooShort { .. }))));
        assert!(matches!(
            check("companyProfile.companyName", "A+B Corp"),
            Some(Err(Invalid::NotAllowed { found: '+', .. }))
        ));
        assert!(matches!(
            check("companyProfile.address.city", "<b>Paris"),
            Some(Err(Invalid::NotAllowed { found: '<', .. }))
        ));
        assert_eq!(check("externalReferenceId", ""), Some(Ok(())));
        assert!(check("externalReferenceId", &"x".repeat(36)).is_some_and(|r| r.is_err()));
        assert!(check("lineItems[].quantity", "0").is_some_and(|r| r.is_err()));
        assert_eq!(check("lineItems[].quantity", "599000"), Some(Ok(())));
        assert!(check("companyProfile.contacts[].email", &format!("{}@example.com", "a".repeat(229)))
            .is_some_and(|r| r.is_err()));
    }

    /// Alone, a field is checked as with its form, except for the checks of places.
    #[test]
    fn alone_a_field_is_checked_but_for_places() {
        let samples = [
            "",
            "x",
            "Fairmont",
            "<b>",
            "<b>bold</b>",
            "A+B Corp",
            "0",
            "599000",
            "US",
            "ZZ",
            "en-US",
            "xx-XX",
            &"a".repeat(90),
        ];
        let of_places = |c: &Check| matches!(c, Locale | Country | Region | PostalCode);
        for r in FIELD_RULES.iter().filter(|r| !r.checks.iter().any(of_places)) {
            for value in samples {
                assert_eq!(r.validate_alone(value), r.validate(value, &Context::default()), "{} {value:?}", r.field);
            }
        }
        let country = rule("companyProfile.address.country").expect("country rule");
        assert!(country.validate("ZZ", &Context::default()).is_err());
        assert_eq!(country.validate_alone("ZZ"), Ok(()), "a country is checked with its address");
        assert!(country.validate_alone("").is_err(), "but it is still required");
        let language = rule("companyProfile.preferredLanguage").expect("language rule");
        assert!(language.validate("xx-XX", &Context::default()).is_err());
        assert_eq!(language.validate_alone("xx-XX"), Ok(()));
        assert!(language.validate_alone(&"a".repeat(41)).is_err(), "its length is not a place's check");
    }
}
