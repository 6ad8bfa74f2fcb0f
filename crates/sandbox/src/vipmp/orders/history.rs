//! `GET /v3/customers/{id}/orders` (history with filters and pages), `GET` and `PATCH` of one
//! order.

use super::complete::add_years;
use super::offers::OfferId;
use super::{customer, get_link};
use crate::twin::error::parse;
use crate::twin::time;
use crate::twin::world::Millis;
use crate::twin::{ApiError, Twin};
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use axum::Json;
use partner_model::types::{Customer, Order, OrderHistoryPage, OrderType, OrderUpdateRequest};

/// Page size when none is asked for, and the largest.
const DEFAULT_LIMIT: u64 = 25;
const MAX_LIMIT: u64 = 100;

/// One order of the customer; its prices with `fetch-price=true` (see [`super::pricing`]).
pub async fn get_one(
    State(twin): State<Twin>,
    Path((customer_id, order_id)): Path<(String, String)>,
    RawQuery(query): RawQuery,
) -> Result<Json<Order>, ApiError> {
    let priced = fetch_price(query.as_deref());
    twin.read(|w, _| {
        customer(w, &customer_id)?;
        w.orders
            .get(&order_id)
            .filter(|o| o.customer_id == customer_id)
            .map(|o| Json(super::pricing::shown(o.clone(), priced)))
            .ok_or_else(|| ApiError::code("2115"))
    })
}

/// Whether the query asks for prices (`fetch-price=true`).
fn fetch_price(query: Option<&str>) -> bool {
    pairs(query).iter().any(|(k, v)| k == "fetch-price" && v == "true")
}

/// Changes an order's `externalReferenceId` (nothing else can change).
pub async fn update(
    State(twin): State<Twin>,
    Path((customer_id, order_id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Json<Order>, ApiError> {
    twin.read(|w, _| customer(w, &customer_id).map(|_| ()))?;
    if !twin.read(|w, _| w.orders.get(&order_id).is_some_and(|o| o.customer_id == customer_id)) {
        return Err(ApiError::code("2115"));
    }
    let request: OrderUpdateRequest = parse(&body)?;
    if request.external_reference_id.chars().count() > 35 {
        return Err(ApiError::with_details("2126", vec!["externalReferenceId".into()]));
    }
    twin.change(|w, _| {
        let order = w
            .orders
            .get_mut(&order_id)
            .filter(|o| o.customer_id == customer_id)
            .ok_or_else(|| ApiError::code("2115"))?;
        order.external_reference_id = request.external_reference_id;
        Ok(Json(super::pricing::shown(order.clone(), false)))
    })
}

/// The filters of a history request.
#[derive(Default)]
struct Filters {
    types: Vec<String>,
    statuses: Vec<String>,
    offers: Vec<String>,
    resellers: Vec<String>,
    references: Vec<String>,
    start: Option<Millis>,
    end: Option<Millis>,
    limit: u64,
    offset: u64,
    /// The filters as received, for the links.
    echo: Vec<(String, String)>,
}

fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match u8::from_str_radix(s.get(i + 1..i + 3).unwrap_or("zz"), 16) {
                Ok(b) => {
                    out.push(b);
                    i += 2;
                }
                Err(_) => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `name=value` pairs of a query string, decoded.
pub(super) fn pairs(query: Option<&str>) -> Vec<(String, String)> {
    query
        .unwrap_or("")
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect()
}

/// The documented values of `order-type` ("NEW, TRANSFER, or RENEWAL") and of `status`
/// ("1000, 1002, 1004, or 1026"); any other is 1132.
pub const ORDER_TYPES: &[&str] = &["NEW", "TRANSFER", "RENEWAL", "SWITCH", "REVERT_SWITCH"];
pub const STATUSES: &[&str] = &["1000", "1002", "1004", "1026"];

fn parse_filters(query: Option<&str>, customer: &Customer) -> Result<Filters, ApiError> {
    let mut f = Filters { limit: DEFAULT_LIMIT, ..Filters::default() };
    for (key, value) in pairs(query) {
        let date = || time::parse(&value).filter(|_| value.len() == 10 || (value.len() == 20 && value.ends_with('Z')));
        match key.as_str() {
            "order-type" if ORDER_TYPES.contains(&value.as_str()) => f.types.push(value.clone()),
            "status" if STATUSES.contains(&value.as_str()) => f.statuses.push(value.clone()),
            "offer-id" if !value.is_empty() => f.offers.push(value.clone()),
            "reseller-id" if !value.is_empty() => f.resellers.push(value.clone()),
            "reference-order-id" if !value.is_empty() => f.references.push(value.clone()),
            "start-date" => f.start = Some(date().ok_or_else(|| ApiError::bad_parameter("start-date"))?),
            "end-date" => f.end = Some(date().ok_or_else(|| ApiError::bad_parameter("end-date"))?),
            "limit" => {
                let n: u64 = value.parse().map_err(|_| ApiError::bad_parameter("limit"))?;
                if n == 0 {
                    return Err(ApiError::bad_parameter("limit"));
                }
                f.limit = n.min(MAX_LIMIT);
                continue;
            }
            "offset" => {
                f.offset = value.parse().map_err(|_| ApiError::bad_parameter("offset"))?;
                continue;
            }
            "order-type" | "status" | "offer-id" | "reseller-id" | "reference-order-id" => {
                return Err(ApiError::bad_parameter(&key))
            }
            // Not a filter, but the pages the links lead to are priced too.
            "fetch-price" => {}
            _ => continue,
        }
        f.echo.push((key, value));
    }
    if f.start.is_none() && !customer.coterm_date.is_empty() {
        f.start = time::parse(&add_years(&customer.coterm_date, -1));
    }
    Ok(f)
}

/// Whether `line_offer` is `wanted` at any discount level.
fn same_offer(line_offer: &str, wanted: &str) -> bool {
    line_offer == wanted
        || matches!((OfferId::parse(line_offer), OfferId::parse(wanted)), (Some(a), Some(b)) if a.at_level("") == b.at_level(""))
}

fn matches(order: &Order, created: Millis, f: &Filters, customer: &Customer, now: Millis) -> bool {
    let kind = order.order_type.as_ref().map_or("", OrderType::as_str);
    (f.types.is_empty() || f.types.iter().any(|t| t == kind))
        && (f.statuses.is_empty() || f.statuses.iter().any(|s| s == order.status.as_str()))
        && (f.offers.is_empty() || order.line_items.iter().any(|l| f.offers.iter().any(|o| same_offer(&l.offer_id, o))))
        && (f.resellers.is_empty() || f.resellers.contains(&customer.reseller_id))
        && (f.references.is_empty() || f.references.contains(&order.reference_order_id))
        && f.start.is_none_or(|s| created >= s)
        && created <= f.end.unwrap_or(now)
}

fn page_link(customer_id: &str, f: &Filters, offset: u64) -> partner_model::types::Link {
    let mut query = format!("offset={offset}&limit={}", f.limit);
    for (k, v) in &f.echo {
        query.push_str(&format!(
            "&{k}={}",
            v.replace('%', "%25").replace('&', "%26").replace('+', "%2B").replace(' ', "%20")
        ));
    }
    get_link(format!("/v3/customers/{customer_id}/orders?{query}"))
}

/// The customer's orders, newest first, filtered and paged.
pub async fn list(
    State(twin): State<Twin>,
    Path(customer_id): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    twin.read(|w, now| {
        let c = customer(w, &customer_id)?;
        let f = parse_filters(query.as_deref(), c)?;
        // Newest first: sort on the parsed creation time (numbers, not date strings).
        let mut found: Vec<(Millis, &Order)> = w
            .orders
            .values()
            .filter(|o| o.customer_id == customer_id)
            .map(|o| (time::parse(&o.creation_date).unwrap_or(0), o))
            .filter(|(created, o)| matches(o, *created, &f, c, now))
            .collect();
        let total = found.len() as u64;
        if f.offset > total {
            return Err(ApiError::code("1133"));
        }
        found.sort_unstable_by(|(ta, a), (tb, b)| tb.cmp(ta).then_with(|| b.order_id.cmp(&a.order_id)));
        let items: Vec<Order> =
            found.into_iter().skip(f.offset as usize).take(f.limit as usize).map(|(_, o)| o.clone()).collect();
        let priced = fetch_price(query.as_deref());
        let items: Vec<Order> = items.into_iter().map(|o| super::pricing::shown(o, priced)).collect();
        let count = items.len() as u64;
        let links = crate::vipmp::page_links(f.offset, f.limit, count, total, |o| page_link(&customer_id, &f, o));
        let list = OrderHistoryPage { total_count: total, count, offset: f.offset, limit: f.limit, items, links };
        let recommendations = super::recommendations::for_list(w, c, query.as_deref());
        let asked = recommendations.is_some();
        let page = super::recommendations::WithRecommendations { list, recommendations };
        Ok(super::recommendations::answer(Json(page), asked, &customer_id, now))
    })
}
