//! Flexible discounts (`GET /v3/flex-discounts`, `GET /v3/customers/{id}/flex-discounts`): a
//! code with a period, the base offers it qualifies (none: every product) and what it takes
//! off — a percentage, a fixed amount per currency, or a fixed price per currency.

use super::common::{is_default, Links};
use serde::{Deserialize, Serialize};
use serde_json::Number;

/// The most a page of flexible discounts holds, and its default.
pub const FLEX_DISCOUNTS_MAX_LIMIT: u32 = 50;
pub const FLEX_DISCOUNTS_DEFAULT_LIMIT: u32 = 20;
/// The categories (`categories=`).
pub const FLEX_DISCOUNT_CATEGORIES: &[&str] = &["STANDARD", "INTRO"];

/// One flexible discount.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct FlexDiscount {
    pub id: String,
    /// `STANDARD` or `INTRO` (first purchase of a product only).
    pub category: String,
    /// What a line's `flexDiscountCodes` names.
    pub code: String,
    pub name: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
    pub start_date: String,
    pub end_date: String,
    /// `ACTIVE` (running or future: compare `startDate`), `EXPIRED` or `REUSABLE`.
    pub status: String,
    /// Present for a reusable discount: usable again until then by customers who used it.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub discount_lock_end_date: String,
    #[serde(skip_serializing_if = "is_default")]
    pub qualification: Qualification,
    pub outcomes: Vec<Outcome>,
}

/// The base offer ids a discount applies to (empty: every product).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Qualification {
    pub base_offer_ids: Vec<String>,
}

/// What a discount does.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Outcome {
    /// `PERCENTAGE_DISCOUNT`, `FIXED_DISCOUNT` or `FIXED_PRICE`.
    #[serde(rename = "type")]
    pub kind: String,
    pub discount_values: Vec<DiscountValue>,
}

/// A discount's value: a percentage, or an amount in a country's currency.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DiscountValue {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub country: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub currency: String,
    pub value: Option<Number>,
}

impl FlexDiscount {
    /// Whether it applies to the product of `offer_id` (same first 8 characters as a base
    /// offer id; no base offer ids: every product).
    pub fn applies_to(&self, offer_id: &str) -> bool {
        let product = |id: &str| id.get(..8).map(str::to_string).unwrap_or_else(|| id.to_string());
        self.qualification.base_offer_ids.is_empty()
            || self.qualification.base_offer_ids.iter().any(|b| product(b) == product(offer_id))
    }

    /// What it does, in words ("10% off", "20.00 USD off", "a price of 15.99 USD"), in
    /// `currency` (a percentage has none).
    pub fn effect(&self, currency: &str) -> Option<(String, f64, Option<String>)> {
        let outcome = self.outcomes.first()?;
        let value = |v: &DiscountValue| v.value.as_ref().and_then(Number::as_f64);
        match outcome.kind.as_str() {
            "PERCENTAGE_DISCOUNT" => {
                outcome.discount_values.first().and_then(value).map(|v| (outcome.kind.clone(), v, None))
            }
            _ => outcome
                .discount_values
                .iter()
                .find(|d| d.currency == currency)
                .and_then(|d| value(d).map(|v| (outcome.kind.clone(), v, Some(d.currency.clone())))),
        }
    }
}

/// A page of flexible discounts.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct FlexDiscountPage {
    pub limit: u64,
    pub offset: u64,
    pub count: u64,
    pub total_count: u64,
    pub flex_discounts: Vec<FlexDiscount>,
    #[serde(skip_serializing_if = "is_default")]
    pub links: Links,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documents_sample_reads_and_says_what_it_applies_to() {
        let page: FlexDiscountPage = serde_json::from_str(
            r#"{"limit":20,"offset":0,"count":1,"totalCount":1,"flexDiscounts":[{"id":"55555555-313b","category":"INTRO",
               "code":"INTRO-PHSP","name":"Intro Discount - Photoshop","startDate":"2025-11-30T23:59:59Z",
               "endDate":"2026-12-31T23:59:59Z","status":"ACTIVE","qualification":{"baseOfferIds":["11083117CA01A12"]},
               "outcomes":[{"type":"FIXED_PRICE","discountValues":[{"country":"US","currency":"USD","value":15.99}]}]}]}"#,
        )
        .expect("the sample");
        let d = &page.flex_discounts[0];
        assert!(d.applies_to("11083117CA02A12") && !d.applies_to("65304921CA01A12"));
        assert_eq!(d.effect("USD"), Some(("FIXED_PRICE".into(), 15.99, Some("USD".into()))));
        assert_eq!(d.effect("EUR"), None);
    }
}
