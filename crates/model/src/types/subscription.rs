//! Subscriptions and their auto-renewal settings.

use super::common::{is_default, lenient_u64, Links, Status};
use serde::{Deserialize, Serialize};

/// A subscription's auto-renewal settings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AutoRenewal {
    pub enabled: bool,
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "lenient_u64")]
    pub renewal_quantity: Option<u64>,
    /// The High Growth offer the renewal gets ("only if the customer receives a High Growth
    /// Offer on the next Anniversary Date").
    #[serde(skip_serializing_if = "String::is_empty")]
    pub renewal_code: String,
    /// Flexible discounts the renewal is to use, set on the subscription (by Update
    /// Subscription, which the console does not send; it shows them).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub flex_discount_codes: Vec<String>,
}

/// The three auto-renewal states a reseller chooses from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RenewalChoice {
    Off,
    AllLicenses,
    Quantity(u64),
}

impl AutoRenewal {
    /// Which of the three states this is.
    pub fn choice(&self) -> RenewalChoice {
        match (self.enabled, self.renewal_quantity) {
            (false, _) => RenewalChoice::Off,
            (true, Some(q)) => RenewalChoice::Quantity(q),
            (true, None) => RenewalChoice::AllLicenses,
        }
    }
}

/// A subscription.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Subscription {
    pub subscription_id: String,
    pub offer_id: String,
    #[serde(deserialize_with = "lenient_u64", skip_serializing_if = "Option::is_none")]
    pub current_quantity: Option<u64>,
    #[serde(deserialize_with = "lenient_u64", skip_serializing_if = "Option::is_none")]
    pub used_quantity: Option<u64>,
    pub auto_renewal: AutoRenewal,
    /// Licenses already renewed by hand before the anniversary (an early renewal).
    #[serde(deserialize_with = "lenient_u64", skip_serializing_if = "Option::is_none")]
    pub renewed_quantity: Option<u64>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub renewal_date: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub creation_date: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub deployment_id: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub currency_code: String,
    #[serde(skip_serializing_if = "is_default")]
    pub status: Status,
    /// What may be done with the subscription now ("Currently, only `MANUAL_RENEWAL`"); other
    /// words are kept and ignored.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub allowed_actions: Vec<String>,
    #[serde(skip_serializing_if = "is_default")]
    pub links: Links,
}

/// The `allowedActions` word saying a subscription "can be selected for manual renewal".
pub const MANUAL_RENEWAL: &str = "MANUAL_RENEWAL";

impl Subscription {
    /// Whether the API says the subscription may be renewed by hand now (`allowedActions`).
    pub fn renews_by_hand(&self) -> bool {
        self.allowed_actions.iter().any(|a| a == MANUAL_RENEWAL)
    }
}

/// `GET /v3/customers/{id}/subscriptions`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SubscriptionList {
    pub total_count: u64,
    pub items: Vec<Subscription>,
    #[serde(skip_serializing_if = "is_default")]
    pub links: Links,
}

/// A subscription read only for what the customer hub draws from its customer's list (the
/// licenses per offer, the renewals ahead, the 3-Year Commit's progress): the hub carries no
/// decoder for the rest of the record, as the catalog's names read only a price list's names.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SubscriptionSummary {
    pub offer_id: String,
    #[serde(deserialize_with = "lenient_u64")]
    pub current_quantity: Option<u64>,
    #[serde(deserialize_with = "lenient_u64")]
    pub used_quantity: Option<u64>,
    pub auto_renewal: AutoRenewalSummary,
    pub renewal_date: String,
    pub status: Status,
}

/// Whether a [`SubscriptionSummary`] renews on its own.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AutoRenewalSummary {
    pub enabled: bool,
}

/// [`SubscriptionList`] read as [`SubscriptionSummary`]s.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SubscriptionSummaryList {
    pub items: Vec<SubscriptionSummary>,
}

/// `PATCH /v3/customers/{id}/subscriptions/{id}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SubscriptionUpdateRequest {
    pub auto_renewal: AutoRenewalRequest,
}

/// `POST /v3/customers/{id}/subscriptions` ("Create subscription"): a product the customer does
/// not have yet, added to its next renewal. The subscription is scheduled (1009) with no
/// licenses until the renewal order on the anniversary makes it active.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SubscriptionCreateRequest {
    pub offer_id: String,
    pub auto_renewal: AutoRenewalCreate,
    /// For a global customer: the currency, and with it the deployment, of a subscription
    /// outside its home country.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub currency_code: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub deployment_id: String,
}

/// A new subscription's auto-renewal: "the `Enabled` flag can only be set to `true`" and "the
/// `renewalQuantity` field is mandatory" (an option here, so that its absence is named rather
/// than a decoding failure). `enabled` left out is on: the High Growth page's example sends
/// only the quantity and the code.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AutoRenewalCreate {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renewal_quantity: Option<u64>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub renewal_code: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flex_discount_codes: Vec<String>,
}

/// The auto-renewal settings a request sets.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AutoRenewalRequest {
    /// On or off. "If Auto Renew is OFF, it must be turned ON to apply PromoCode. If it is
    /// already ON, this field is OPTIONAL": none sent beside a discount code keeps the
    /// subscription's state (the twin refuses none without a code). The console always sends it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renewal_quantity: Option<u64>,
    /// The flexible discount the renewal is to have, in place of the subscription's ("not
    /// validated while updating a subscription": Preview Renewal verifies it). Auto-renewal must
    /// be on. None sent keeps the subscription's; removing it is a call of its own
    /// (`?reset-flex-discount-codes=true`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flex_discount_codes: Vec<String>,
    /// The High Growth offer to renew with (`MOQ_100`, one a renewal preview's `eligibleOffers`
    /// names). None sent keeps the subscription's; removing it is `?reset-renewal-code=true`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub renewal_code: String,
}

impl From<RenewalChoice> for AutoRenewalRequest {
    fn from(choice: RenewalChoice) -> Self {
        match choice {
            RenewalChoice::Off => AutoRenewalRequest { enabled: Some(false), ..Default::default() },
            RenewalChoice::AllLicenses => AutoRenewalRequest { enabled: Some(true), ..Default::default() },
            RenewalChoice::Quantity(q) => {
                AutoRenewalRequest { enabled: Some(true), renewal_quantity: Some(q), ..Default::default() }
            }
        }
    }
}

impl Subscription {
    /// The auto-renewal state as the reseller chose it. The API answers "on for all licenses"
    /// with `renewalQuantity` equal to `currentQuantity` (the docs), so a quantity equal to the
    /// licenses reads as all licenses: both renew the same licenses today, and a set quantity
    /// equal to them cannot be told apart in the answer.
    pub fn renewal_choice(&self) -> RenewalChoice {
        match self.auto_renewal.choice() {
            RenewalChoice::Quantity(q) if Some(q) == self.current_quantity => RenewalChoice::AllLicenses,
            other => other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn on_for_all_reads_back_as_all_licenses() {
        let with = |enabled, renewal_quantity| Subscription {
            current_quantity: Some(32),
            auto_renewal: AutoRenewal { enabled, renewal_quantity, ..Default::default() },
            ..Default::default()
        };
        assert_eq!(with(true, Some(32)).renewal_choice(), RenewalChoice::AllLicenses, "the API's answer to 'all'");
        assert_eq!(with(true, None).renewal_choice(), RenewalChoice::AllLicenses);
        assert_eq!(with(true, Some(7)).renewal_choice(), RenewalChoice::Quantity(7));
        assert_eq!(with(false, Some(32)).renewal_choice(), RenewalChoice::Off);
    }
}
