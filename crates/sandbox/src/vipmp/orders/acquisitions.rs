//! `GET /v3/customers/{id}/open-acquisitions` (licenses the customer added that no order has
//! paid for yet) and `GET /v3/notifications` (which customers of a reseller have them).

use super::history::pairs;
use super::{customer, get_link};
use crate::twin::time;
use crate::twin::world::{Millis, World};
use crate::twin::{ApiError, Twin};
use axum::extract::{Path, RawQuery, State};
use axum::Json;
use partner_model::types::{Links, NotificationItem, Notifications, OpenAcquisitions};

/// The only notification type the API has.
pub const LICENSES_PENDING_PARTNER_ORDER: &str = "LICENSES_PENDING_PARTNER_ORDER";
const WEEK: Millis = 7 * 86_400_000;

/// The customer's unexpired open acquisitions.
fn current(world: &World, customer_id: &str, now: Millis) -> Option<OpenAcquisitions> {
    let mut open = world.open_acquisitions.get(customer_id)?.clone();
    open.unpaid_licenses.retain(|u| time::parse(&u.expiry_date).is_none_or(|e| e > now) && u.quantity > 0);
    open.license_count = open.unpaid_licenses.iter().map(|u| u.quantity).sum();
    Some(open)
}

/// Licenses pending a partner order for one customer.
pub async fn open_acquisitions(
    State(twin): State<Twin>,
    Path(customer_id): Path<String>,
) -> Result<Json<OpenAcquisitions>, ApiError> {
    twin.read(|w, now| {
        let c = customer(w, &customer_id)?;
        Ok(Json(current(w, &customer_id, now).unwrap_or_else(|| OpenAcquisitions {
            customer_id: customer_id.clone(),
            reseller_id: c.reseller_id.clone(),
            ..OpenAcquisitions::default()
        })))
    })
}

/// `LICENSES_PENDING_PARTNER_ORDER` notifications of a reseller.
pub async fn notifications(
    State(twin): State<Twin>,
    RawQuery(query): RawQuery,
) -> Result<Json<Notifications>, ApiError> {
    let params = pairs(query.as_deref());
    let get = |name: &str| params.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    if get("notification-type").as_deref() != Some(LICENSES_PENDING_PARTNER_ORDER) {
        return Err(ApiError::invalid_fields(vec!["notification-type".into()]));
    }
    let reseller_id = get("reseller-id")
        .filter(|r| !r.is_empty())
        .ok_or_else(|| ApiError::invalid_fields(vec!["reseller-id".into()]))?;
    let number = |name: &str, default: u64| match get(name) {
        None => Ok(default),
        Some(v) => v.parse::<u64>().map_err(|_| ApiError::invalid_fields(vec![name.to_string()])),
    };
    let limit = number("limit", 10)?.clamp(1, 100);
    let offset = number("offset", 0)?;
    twin.read(|w, now| {
        if !w.resellers.contains_key(&reseller_id) && !w.customers.values().any(|c| c.reseller_id == reseller_id) {
            return Err(ApiError::code("1115"));
        }
        let all: Vec<NotificationItem> = w
            .customers
            .values()
            .filter(|c| c.reseller_id == reseller_id)
            .filter(|c| {
                current(w, &c.customer_id, now).is_some_and(|o| {
                    o.unpaid_licenses.iter().any(|u| time::parse(&u.creation_date).is_some_and(|t| now.saturating_sub(t) <= WEEK))
                })
            })
            .map(|c| NotificationItem {
                customer_id: c.customer_id.clone(),
                reseller_id: reseller_id.clone(),
                notification_type: LICENSES_PENDING_PARTNER_ORDER.into(),
                links: Links { this: Some(get_link(format!("/v3/customers/{}/open-acquisitions", c.customer_id))), ..Links::default() },
            })
            .collect();
        let total = all.len() as u64;
        let items: Vec<NotificationItem> = all.into_iter().skip(offset as usize).take(limit as usize).collect();
        let count = items.len() as u64;
        let link = |o: u64| {
            get_link(format!(
                "/v3/notifications?notification-type={LICENSES_PENDING_PARTNER_ORDER}&reseller-id={reseller_id}&limit={limit}&offset={o}"
            ))
        };
        let links = crate::vipmp::page_links(offset, limit, count, total, link);
        Ok(Json(Notifications { limit, offset, total_count: total, count, items, links }))
    })
}
