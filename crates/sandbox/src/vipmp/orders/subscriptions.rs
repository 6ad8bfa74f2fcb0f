//! `GET /v3/customers/{id}/subscriptions`, `GET` and `PATCH` (auto-renewal) of one, and `POST`
//! ("Create subscription": a product added to the next renewal).
//!
//! The PATCH's checks and choices are in the endpoint group's docs (`super`).
//!
//! Create, where the docs name no code: the checks run in this order, and each refusal is 1117
//! with its reason in words, as the docs' own 1117 for an LGA coterm date is:
//! - the body (1117/1121/1122 from the strict decoder); `autoRenewal.enabled` `false` (left
//!   out it is on: the High Growth page's example sends none) or no
//!   `autoRenewal.renewalQuantity` (1117 naming the field); more than one
//!   `autoRenewal.flexDiscountCodes` (2147; 2145 on an add-on; kept trimmed, and otherwise
//!   unvalidated as the docs say); a
//!   quantity out of range (3116);
//! - an offer id the catalog does not know (2122 `offerId`), consumables ("do not allow creating
//!   subscriptions for consumable items": 1117 `offerId`), another market segment (2129); a
//!   global customer's request without `currencyCode` (1117 `currencyCode`), or in another
//!   currency than its home subscriptions' (its country's, with none) without a `deploymentId`
//!   ("for subscriptions outside the customer's home country, both `currencyCode` and
//!   `deploymentID` must be included": 1117 `deploymentId`, after the checks below); a `deploymentId`
//!   that is not one of the customer's active deployments (2138, Create Order's code: Create
//!   Subscription lists none for it); an add-on without a base product held or added to the
//!   renewal (2129 `Reason: INELIGIBLE_ADD_ON`, as for an order);
//! - a customer with no active subscription ("not allowed to create a subscription"); one
//!   converting to LGA adding a Team offer (1169 `offerId`, as for its orders); outside 30 to 3
//!   days before its anniversary (`partner_model::rules::renewals::may_add`), or with a
//!   subscription of that product already, active or scheduled (the product must be one "they
//!   are not currently subscribed to"): 1117 with the reason, but for 1169;
//! - a `renewalCode`, as a High Growth offer's (5123, 5125, 5128, 5129, 5126, 5124: see
//!   `high_growth`).
//!
//! The subscription is scheduled (1009) with no licenses, auto-renewing at its renewal quantity
//! on the customer's anniversary, in the currency asked for or the customer's subscriptions'.
//! The answer is 200, as the page's status table says. The auto-renewal preview counts it.

use super::offers::{self, Edition};
use super::renewals::ManualRenewal;
use super::{customer, high_growth, subscriptions_of};
use crate::twin::error::parse;
use crate::twin::time;
use crate::twin::world::World;
use crate::twin::{ApiError, Twin};
use axum::body::Bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, RawQuery, State};
use axum::Json;
use partner_model::rules::order_requests::{check_auto_renewal, ENTERPRISE_MAX_QUANTITY, TEAM_MAX_QUANTITY};
use partner_model::rules::renewals::may_add;
use partner_model::types::{
    AutoRenewal, AutoRenewalRequest, Status, Subscription, SubscriptionCreateRequest, SubscriptionList,
    SubscriptionUpdateRequest, MANUAL_RENEWAL,
};

use super::self_links;

/// A subscription as the API shows it: "on for all" answers `renewalQuantity` = the licenses;
/// `allowedActions` says whether it may be renewed by hand now (`manual`, its customer's).
fn shown(manual: &ManualRenewal, sub: &Subscription) -> Subscription {
    let mut sub = sub.clone();
    if sub.auto_renewal.enabled && sub.auto_renewal.renewal_quantity.is_none() {
        sub.auto_renewal.renewal_quantity = sub.current_quantity;
    }
    sub.allowed_actions = if manual.allows(&sub) { vec![MANUAL_RENEWAL.to_string()] } else { Vec::new() };
    sub
}

fn owned<'a>(world: &'a World, customer_id: &str, subscription_id: &str) -> Result<&'a Subscription, ApiError> {
    world
        .subscriptions
        .get(subscription_id)
        .filter(|_| world.subscription_owner.get(subscription_id).is_some_and(|o| o == customer_id))
        .ok_or_else(|| ApiError::code("3115"))
}

/// Every subscription of the customer.
pub async fn list(
    State(twin): State<Twin>,
    Path(customer_id): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<axum::response::Response, ApiError> {
    twin.read(|w, now| {
        let c = customer(w, &customer_id)?;
        let manual = ManualRenewal::at(w, c, now);
        let mut items: Vec<Subscription> = subscriptions_of(w, &customer_id).map(|s| shown(&manual, s)).collect();
        items.sort_by(|a, b| {
            a.creation_date.cmp(&b.creation_date).then_with(|| a.subscription_id.cmp(&b.subscription_id))
        });
        let list = SubscriptionList {
            total_count: items.len() as u64,
            items,
            links: self_links(format!("/v3/customers/{customer_id}/subscriptions")),
        };
        let recommendations = super::recommendations::for_list(w, c, query.as_deref());
        let asked = recommendations.is_some();
        let list = super::recommendations::WithRecommendations { list, recommendations };
        Ok(super::recommendations::answer(Json(list), asked, &customer_id, now))
    })
}

/// One subscription of the customer (3115 when either id is unknown).
pub async fn get_one(
    State(twin): State<Twin>,
    Path((customer_id, subscription_id)): Path<(String, String)>,
) -> Result<Json<Subscription>, ApiError> {
    twin.read(|w, now| {
        let sub = owned(w, &customer_id, &subscription_id)?;
        Ok(Json(shown(&ManualRenewal::at(w, customer(w, &customer_id)?, now), sub)))
    })
}

/// Sets auto-renewal (off, on for all licenses, or on for a quantity), the renewal's flexible
/// discount and its High Growth offer; `?reset-flex-discount-codes=true` and
/// `?reset-renewal-code=true`, with or without a body, remove them (see the endpoint group's
/// docs and `high_growth`).
pub async fn update(
    State(twin): State<Twin>,
    Path((customer_id, subscription_id)): Path<(String, String)>,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
    body: Bytes,
) -> Result<Json<Subscription>, ApiError> {
    twin.read(|w, _| owned(w, &customer_id, &subscription_id).map(|_| ()))?;
    let Query(query) = query.map_err(|_| ApiError::bad_parameter("query"))?;
    let flag = |name: &str| match query.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()) {
        None | Some("false") => Ok(false),
        Some("true") => Ok(true),
        Some(_) => Err(ApiError::bad_parameter(name)),
    };
    let (reset, reset_code) = (flag(RESET)?, flag(RESET_CODE)?);
    // "Request body: Empty or applicable body for update subscription. Sample empty request
    // body: {}".
    let empty = body.trim_ascii().is_empty()
        || serde_json::from_slice::<serde_json::Map<String, serde_json::Value>>(&body).is_ok_and(|m| m.is_empty());
    let request: Option<SubscriptionUpdateRequest> =
        if (reset || reset_code) && empty { None } else { Some(parse(&body)?) };
    let renewal_code = request.as_ref().map(|r| r.auto_renewal.renewal_code.trim().to_string()).unwrap_or_default();
    let codes = renewal_codes(request.iter().flat_map(|r| &r.auto_renewal.flex_discount_codes))?;
    // The state is optional only beside a discount code (see the endpoint group's docs).
    if request.as_ref().is_some_and(|r| r.auto_renewal.enabled.is_none()) && codes.is_empty() {
        return Err(ApiError::with_details("1122", vec!["autoRenewal.enabled".into()]));
    }
    twin.change(|w, now| {
        let sub = owned(w, &customer_id, &subscription_id)?;
        if sub.status != Status::Active {
            return Err(ApiError::code("3119"));
        }
        non_base(&sub.offer_id, &codes)?;
        if !sub.renewal_date.is_empty() && sub.renewal_date <= time::date(now) {
            return Err(ApiError::code("3120"));
        }
        // "If it is already ON, this field is OPTIONAL": none sent keeps the state.
        let on = request.as_ref().and_then(|r| r.auto_renewal.enabled).unwrap_or(sub.auto_renewal.enabled);
        // "Could not turn off Auto Renewal for MOQ offer" while one is set (and kept).
        if !on && !sub.auto_renewal.renewal_code.is_empty() && !reset_code {
            return Err(ApiError::with_details("5134", vec!["autoRenewal.enabled".into()]));
        }
        // A state or quantity sent is the whole setting (a state without a quantity renews every
        // license, "Enabled without explicit renewal quantity"; a quantity sent with the state
        // left off is ignored); neither sent (only a code) keeps the quantity set.
        let sets = request
            .as_ref()
            .is_some_and(|r| r.auto_renewal.enabled.is_some() || r.auto_renewal.renewal_quantity.is_some());
        let quantity = match &request {
            Some(r) if sets => r.auto_renewal.renewal_quantity.filter(|_| on),
            _ => sub.auto_renewal.renewal_quantity,
        };
        if let Some(request) = &request {
            // "If Auto Renew is OFF, it must be turned ON to apply PromoCode", and a High Growth
            // offer's code is as a discount code.
            if !on && (!codes.is_empty() || !renewal_code.is_empty()) {
                return Err(ApiError::with_details("1117", vec!["autoRenewal.enabled".into()]));
            }
            let asked = AutoRenewalRequest { enabled: Some(on), ..request.auto_renewal.clone() };
            if !check_auto_renewal(&asked, max_quantity(&sub.offer_id)).is_empty() {
                return Err(ApiError::with_details("3116", vec!["autoRenewal.renewalQuantity".into()]));
            }
            // Checked against what will renew (see `high_growth`).
            if !renewal_code.is_empty() {
                let c = customer(w, &customer_id)?;
                let renewing = quantity.or(sub.current_quantity).unwrap_or(0);
                high_growth::check_opt_in(w, c, &sub.offer_id, &renewal_code, renewing)?;
            }
        }
        let sub = w.subscriptions.get_mut(&subscription_id).ok_or_else(|| ApiError::code("3115"))?;
        if request.is_some() {
            sub.auto_renewal.enabled = on;
            if sets {
                sub.auto_renewal.renewal_quantity = quantity;
            }
            if !codes.is_empty() {
                sub.auto_renewal.flex_discount_codes = codes.clone();
            }
        }
        if reset {
            sub.auto_renewal.flex_discount_codes.clear();
        }
        // A code sent with `reset-renewal-code=true` replaces the one kept.
        if reset_code {
            sub.auto_renewal.renewal_code.clear();
        }
        if !renewal_code.is_empty() {
            sub.auto_renewal.renewal_code = renewal_code.clone();
        }
        let sub = sub.clone();
        Ok(Json(shown(&ManualRenewal::at(w, customer(w, &customer_id)?, now), &sub)))
    })
}

/// The flexible discount codes an auto-renewal asks for, trimmed, blank ones left out; more
/// than one is 2147 ("Only one Flexible Discount Code is allowed", listed for Create and Update
/// Subscription); on an add-on it is 2145 ([`non_base`]). Not validated otherwise: "Flexible
/// discount codes are not validated while creating a subscription", nor while updating one;
/// Preview Renewal verifies them.
fn renewal_codes<'a>(asked: impl IntoIterator<Item = &'a String>) -> Result<Vec<String>, ApiError> {
    let codes: Vec<String> = asked.into_iter().map(|c| c.trim().to_string()).filter(|c| !c.is_empty()).collect();
    if codes.len() > 1 {
        return Err(ApiError::with_details("2147", vec!["autoRenewal.flexDiscountCodes".into()]));
    }
    Ok(codes)
}

/// "Flexible discount codes cannot be applied to non-base products" (2145, listed for Create and
/// Update Subscription): an add-on's renewal takes no code.
fn non_base(offer_id: &str, codes: &[String]) -> Result<(), ApiError> {
    if !codes.is_empty() && offers::is_add_on(offer_id) {
        return Err(ApiError::with_details("2145", vec!["autoRenewal.flexDiscountCodes".into()]));
    }
    Ok(())
}

/// The query parameter that removes a subscription's flexible discount.
const RESET: &str = "reset-flex-discount-codes";

/// The query parameter that removes a subscription's High Growth offer.
const RESET_CODE: &str = "reset-renewal-code";

/// The largest renewal quantity of `offer_id`'s edition.
fn max_quantity(offer_id: &str) -> u64 {
    match offers::offer_of(offer_id).map(|o| o.edition) {
        Some(Edition::Team) => TEAM_MAX_QUANTITY,
        _ => ENTERPRISE_MAX_QUANTITY,
    }
}

/// Adds a product the customer does not have to its next renewal (see the module's docs).
pub async fn create(
    State(twin): State<Twin>,
    Path(customer_id): Path<String>,
    headers: axum::http::HeaderMap,
    body: Bytes,
) -> Result<Json<Subscription>, ApiError> {
    twin.read(|w, _| customer(w, &customer_id).map(|_| ()))?;
    let request: SubscriptionCreateRequest = parse(&body)?;
    let renewal = &request.auto_renewal;
    if renewal.enabled == Some(false) {
        return Err(ApiError::with_details("1117", vec!["autoRenewal.enabled".into()]));
    }
    let Some(quantity) = renewal.renewal_quantity else {
        return Err(ApiError::with_details("1117", vec!["autoRenewal.renewalQuantity".into()]));
    };
    let codes = renewal_codes(&renewal.flex_discount_codes)?;
    non_base(&request.offer_id, &codes)?;
    let asked = AutoRenewalRequest { enabled: Some(true), renewal_quantity: Some(quantity), ..Default::default() };
    if quantity == 0 || !check_auto_renewal(&asked, max_quantity(&request.offer_id)).is_empty() {
        return Err(ApiError::with_details("3116", vec!["autoRenewal.renewalQuantity".into()]));
    }
    let Some((id, offer)) = offers::OfferId::parse(&request.offer_id).and_then(|id| id.offer().map(|o| (id, o))) else {
        return Err(ApiError::with_details("2122", vec!["offerId".into()]));
    };
    if offer.offer_type != "LICENSE" {
        return Err(ApiError::with_details("1117", vec!["offerId".into()]));
    }
    twin.change(|w, now| {
        let c = customer(w, &customer_id)?;
        let segment = offers::customer_segment(c);
        if id.segment_code() != Some(segment) || !offer.segments.contains(&segment) {
            return Err(ApiError::with_details("2129", vec!["Reason: INELIGIBLE_MARKET_SEGMENT".into()]));
        }
        // An add-on renews with a base the customer holds or has added to the renewal.
        if offers::lacks_base(&id.product, |b| super::holds_product(w, &customer_id, b)) {
            return Err(ApiError::with_details("2129", vec!["Reason: INELIGIBLE_ADD_ON".into()]));
        }
        // "Global customers … need to include the currencyCode in their request."
        let asked_currency = request.currency_code.trim();
        if c.global_sales_enabled == Some(true) && asked_currency.is_empty() {
            return Err(ApiError::with_details("1117", vec!["currencyCode".into()]));
        }
        let deployment = request.deployment_id.trim();
        if !deployment.is_empty()
            && !w
                .deployments
                .get(deployment)
                .is_some_and(|d| d.customer_id == customer_id && d.deployment.status == Status::Active)
        {
            return Err(ApiError::with_details("2138", vec!["deploymentId".into()]));
        }
        let refuse = |why: &str| Err(ApiError::with_details("1117", vec![why.into()]));
        let active: Vec<&Subscription> =
            subscriptions_of(w, &customer_id).filter(|s| s.status == Status::Active).collect();
        // "For subscriptions outside the customer's home country, both currencyCode and
        // deploymentID must be included": a currency other than the home subscriptions' (the
        // country's, with none) names the deployment it is for.
        let home = active
            .iter()
            .find(|s| s.deployment_id.is_empty())
            .map(|s| s.currency_code.clone())
            .unwrap_or_else(|| super::discounts::currency_of(&c.company_profile.address.country).to_string());
        if deployment.is_empty() && !asked_currency.is_empty() && asked_currency != home {
            return Err(ApiError::with_details("1117", vec!["deploymentId".into()]));
        }
        if active.is_empty() {
            return refuse("Customer has no active subscription");
        }
        if c.lga_pending() && offers::not_for_lga(offer) {
            return Err(ApiError::with_details("1169", vec!["offerId".into()]));
        }
        if !time::parse(&c.coterm_date).is_some_and(|ad| may_add(ad, now)) {
            return refuse("Subscriptions are created from 30 to 3 days before the anniversary date");
        }
        if super::holds_product(w, &customer_id, &id.product) {
            return refuse("Customer already has a subscription for the offer");
        }
        let renewal_code = request.auto_renewal.renewal_code.trim();
        if !renewal_code.is_empty() {
            high_growth::check_opt_in(w, c, &request.offer_id, renewal_code, quantity)?;
        }
        let currency = if asked_currency.is_empty() {
            active.first().map(|s| s.currency_code.clone()).unwrap_or_default()
        } else {
            asked_currency.to_string()
        };
        let renewal_date = c.coterm_date.clone();
        let subscription_id = super::new_subscription_id(w);
        let sub = Subscription {
            subscription_id: subscription_id.clone(),
            offer_id: id.base(),
            current_quantity: Some(0),
            used_quantity: Some(0),
            auto_renewal: AutoRenewal {
                enabled: true,
                renewal_quantity: Some(quantity),
                renewal_code: request.auto_renewal.renewal_code.trim().to_string(),
                flex_discount_codes: codes,
            },
            renewal_date,
            creation_date: time::datetime(now),
            currency_code: currency,
            deployment_id: deployment.to_string(),
            status: Status::Scheduled,
            links: self_links(format!("/v3/customers/{customer_id}/subscriptions/{subscription_id}")),
            ..Subscription::default()
        };
        w.subscriptions.insert(subscription_id.clone(), sub.clone());
        w.subscription_owner.insert(subscription_id, customer_id.clone());
        w.count_created("subscription");
        super::recommendations::count_tracked(w, &customer_id, &headers);
        Ok(Json(sub))
    })
}
