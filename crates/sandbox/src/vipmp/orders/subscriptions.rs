//! `GET /v3/customers/{id}/subscriptions`, `GET` and `PATCH` (auto-renewal) of one.

use super::offers::{self, Edition};
use super::{customer, subscriptions_of};
use crate::twin::error::parse;
use crate::twin::time;
use crate::twin::world::World;
use crate::twin::{ApiError, Twin};
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::Json;
use partner_model::rules::order_requests::{check_auto_renewal, ENTERPRISE_MAX_QUANTITY, TEAM_MAX_QUANTITY};
use partner_model::types::{Status, Subscription, SubscriptionList, SubscriptionUpdateRequest};

use super::self_links;

/// A subscription as the API shows it: "on for all" answers `renewalQuantity` = the licenses.
fn shown(sub: &Subscription) -> Subscription {
    let mut sub = sub.clone();
    if sub.auto_renewal.enabled && sub.auto_renewal.renewal_quantity.is_none() {
        sub.auto_renewal.renewal_quantity = sub.current_quantity;
    }
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
) -> Result<Json<SubscriptionList>, ApiError> {
    twin.read(|w, _| {
        customer(w, &customer_id)?;
        let mut items: Vec<Subscription> = subscriptions_of(w, &customer_id).map(shown).collect();
        items.sort_by(|a, b| {
            a.creation_date.cmp(&b.creation_date).then_with(|| a.subscription_id.cmp(&b.subscription_id))
        });
        Ok(Json(SubscriptionList {
            total_count: items.len() as u64,
            items,
            links: self_links(format!("/v3/customers/{customer_id}/subscriptions")),
        }))
    })
}

/// One subscription of the customer (3115 when either id is unknown).
pub async fn get_one(
    State(twin): State<Twin>,
    Path((customer_id, subscription_id)): Path<(String, String)>,
) -> Result<Json<Subscription>, ApiError> {
    twin.read(|w, _| owned(w, &customer_id, &subscription_id).map(|s| Json(shown(s))))
}

/// Sets auto-renewal: off, on for all licenses, or on for a quantity.
pub async fn update(
    State(twin): State<Twin>,
    Path((customer_id, subscription_id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Json<Subscription>, ApiError> {
    twin.read(|w, _| owned(w, &customer_id, &subscription_id).map(|_| ()))?;
    let request: SubscriptionUpdateRequest = parse(&body)?;
    twin.change(|w, now| {
        let sub = owned(w, &customer_id, &subscription_id)?;
        if sub.status != Status::Active {
            return Err(ApiError::code("3119"));
        }
        if !sub.renewal_date.is_empty() && sub.renewal_date <= time::date(now) {
            return Err(ApiError::code("3120"));
        }
        let max = match offers::offer_of(&sub.offer_id).map(|o| o.edition) {
            Some(Edition::Team) => TEAM_MAX_QUANTITY,
            _ => ENTERPRISE_MAX_QUANTITY,
        };
        if !check_auto_renewal(&request.auto_renewal, max).is_empty() {
            return Err(ApiError::with_details("3116", vec!["autoRenewal.renewalQuantity".into()]));
        }
        let sub = w.subscriptions.get_mut(&subscription_id).ok_or_else(|| ApiError::code("3115"))?;
        sub.auto_renewal.enabled = request.auto_renewal.enabled;
        sub.auto_renewal.renewal_quantity =
            request.auto_renewal.renewal_quantity.filter(|_| request.auto_renewal.enabled);
        Ok(Json(shown(sub)))
    })
}
