//! Tenant isolation: the registry of every call the gateway forwards, each with who may make
//! it, and the checks that enforce it before the call leaves.
//!
//! Only what [`ENDPOINTS`] lists is forwarded (method and path template); anything else is a
//! 404 of the gateway's own. A path is matched only after it is proved plain: no `.` or `..`
//! segments, no doubled slashes, no encoded slash, backslash, dot or NUL, and every id segment
//! made of letters, digits, `-` and `_`. Then the endpoint's [`Rule`]:
//! - a reseller named in the path, the query (`reseller-id`) or the body (`resellerId`) must be
//!   one of the user's;
//! - a customer named in the path (or in the upgrade paths' `customer-id` query) must belong to one of the user's resellers: the customer is
//!   read from the upstream (`GET /v3/customers/{id}`, with the gateway's credentials) and its
//!   reseller kept for [`Owners`]'s time to live; any answered reseller change empties that
//!   cache, so a customer who moved is read again;
//! - a transfer read by id is checked on the upstream's answer (`resellerId`), since its path
//!   names no reseller;
//! - the VMware API and the reseller list and creation are for distributor staff only;
//! - pings, the LGA group search and a VIP membership's offer preview need only a signed-in
//!   user (they hold no reseller's data: a membership is previewed before it is anyone's).
//!
//! Distributor staff pass every rule. A refusal is a 403 whose body says why in the console's
//! words ([`partner_model::gateway`]).

use crate::error::GatewayError;
use crate::identity::plain_id;
use crate::upstream::Upstream;
use axum::body::{to_bytes, Body};
use axum::extract::Request;
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use partner_model::gateway::{
    Me, BAD_BODY, CUSTOMER_OF_OTHER_RESELLER, DISTRIBUTOR_ONLY, METHOD_NOT_ALLOWED, NOT_FORWARDED, OTHER_RESELLER,
    OWNER_UNKNOWN, TOO_LARGE,
};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Which upstream API a call is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Api {
    /// The Adobe Commerce Partner API, at `{base}api/vipmp`.
    Vipmp,
    /// VMware Cloud Partner Navigator, at `{base}api/cpn`.
    Cpn,
}

/// Who may make a call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// Any signed-in user.
    SignedIn,
    /// Distributor staff only.
    DistributorOnly,
    /// The reseller named by this path parameter must be the user's.
    Reseller(&'static str),
    /// The customer named by this path parameter must belong to one of the user's resellers.
    Customer(&'static str),
    /// The reseller named by this query parameter must be the user's.
    QueryReseller(&'static str),
    /// Every customer named by this query parameter must belong to one of the user's resellers;
    /// without one, the call reads no one's data (the upgrade paths of an offer).
    QueryCustomer(&'static str),
    /// The reseller named by the JSON body's `resellerId` must be the user's.
    BodyReseller,
    /// The customer named by the JSON body's `customerId` must belong to one of the user's
    /// resellers (a search about one customer, sent as a POST).
    BodyCustomer,
    /// The upstream's answer names the reseller (`resellerId`), which must be the user's.
    AnswerReseller,
}

/// One forwarded call.
#[derive(Clone, Copy, Debug)]
pub struct Endpoint {
    pub api: Api,
    pub method: &'static str,
    /// Path below the API base, with `{name}` for an id segment.
    pub template: &'static str,
    pub rule: Rule,
    /// Whether its answers tell of a reseller change (which moves customers between resellers).
    pub moves_customers: bool,
    /// A read sent as a POST (a search): not a change, so not audited.
    pub reads: bool,
    /// Sent with the API key alone (Adobe's `GET /ping` needs no token): it answers even when
    /// the token service does not.
    pub key_only: bool,
    /// How its body asks for a preview, where it can.
    pub preview: Preview,
}

/// How a call's body asks for a preview, which changes nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Preview {
    /// It has no preview: every call is a change.
    Never,
    /// `orderType: PREVIEW…` (an order or a return, `PREVIEW_RENEWAL`, …).
    OrderType,
    /// `action: PREVIEW` (a reseller change).
    Action,
}

const fn e(api: Api, method: &'static str, template: &'static str, rule: Rule) -> Endpoint {
    Endpoint {
        api,
        method,
        template,
        rule,
        moves_customers: false,
        reads: false,
        key_only: false,
        preview: Preview::Never,
    }
}

/// Whether a request is a change: not a GET, not a search, not a preview where the endpoint
/// has one (an order asked for with `orderType: PREVIEW…`, a reseller change with `action:
/// PREVIEW`). A body's `action` or `orderType` elsewhere means nothing to the gateway: such a
/// call is audited and kept from running twice as any change is.
pub fn is_change(endpoint: &Endpoint, method: &Method, body: &[u8]) -> bool {
    if method == Method::GET || endpoint.reads {
        return false;
    }
    let json: serde_json::Value = serde_json::from_slice(body).unwrap_or_default();
    let preview = match endpoint.preview {
        Preview::Never => false,
        Preview::OrderType => json["orderType"].as_str().is_some_and(|t| t.starts_with("PREVIEW")),
        Preview::Action => json["action"].as_str() == Some("PREVIEW"),
    };
    !preview
}

use Api::{Cpn, Vipmp};
use Rule::*;

/// Every call the gateway forwards.
#[rustfmt::skip]
pub static ENDPOINTS: &[Endpoint] = &[
    Endpoint { key_only: true, ..e(Vipmp, "GET", "/ping", SignedIn) },
    e(Vipmp, "GET", "/partnerservice/ping", SignedIn),
    e(Vipmp, "GET", "/v3/resellers", DistributorOnly),
    e(Vipmp, "POST", "/v3/resellers", DistributorOnly),
    e(Vipmp, "GET", "/v3/resellers/{reseller}", Reseller("reseller")),
    e(Vipmp, "PATCH", "/v3/resellers/{reseller}", Reseller("reseller")),
    e(Vipmp, "GET", "/v3/resellers/{reseller}/customers", Reseller("reseller")),
    e(Vipmp, "POST", "/v3/customers", BodyReseller),
    e(Vipmp, "GET", "/v3/customers/{customer}", Customer("customer")),
    e(Vipmp, "PATCH", "/v3/customers/{customer}", Customer("customer")),
    e(Vipmp, "GET", "/v3/customers/{customer}/open-acquisitions", Customer("customer")),
    e(Vipmp, "POST", "/v3/customers/{customer}/linked_membership/enroll/{group}", Customer("customer")),
    e(Vipmp, "GET", "/v3/customers/{customer}/deployments", Customer("customer")),
    e(Vipmp, "POST", "/v3/customers/{customer}/deployments", Customer("customer")),
    e(Vipmp, "GET", "/v3/customers/{customer}/deployments/{deployment}", Customer("customer")),
    e(Vipmp, "PATCH", "/v3/customers/{customer}/deployments/{deployment}", Customer("customer")),
    e(Vipmp, "GET", "/v3/customers/{customer}/orders", Customer("customer")),
    Endpoint { preview: Preview::OrderType, ..e(Vipmp, "POST", "/v3/customers/{customer}/orders", Customer("customer")) },
    e(Vipmp, "GET", "/v3/customers/{customer}/orders/{order}", Customer("customer")),
    e(Vipmp, "PATCH", "/v3/customers/{customer}/orders/{order}", Customer("customer")),
    e(Vipmp, "GET", "/v3/customers/{customer}/subscriptions", Customer("customer")),
    e(Vipmp, "POST", "/v3/customers/{customer}/subscriptions", Customer("customer")),
    e(Vipmp, "GET", "/v3/customers/{customer}/subscriptions/{subscription}", Customer("customer")),
    e(Vipmp, "PATCH", "/v3/customers/{customer}/subscriptions/{subscription}", Customer("customer")),
    e(Vipmp, "GET", "/v3/customers/{customer}/flex-discounts", Customer("customer")),
    e(Vipmp, "GET", "/v3/flex-discounts", SignedIn),
    e(Vipmp, "GET", "/v3/linked_membership_groups", SignedIn),
    e(Vipmp, "GET", "/v3/notifications", QueryReseller("reseller-id")),
    Endpoint { moves_customers: true, preview: Preview::Action, ..e(Vipmp, "POST", "/v3/transfers", BodyReseller) },
    Endpoint { moves_customers: true, ..e(Vipmp, "GET", "/v3/transfers/{transfer}", AnswerReseller) },
    e(Vipmp, "GET", "/v3/memberships/{membership}/offers", SignedIn),
    e(Vipmp, "POST", "/v3/memberships/{membership}/transfers", BodyReseller),
    e(Vipmp, "GET", "/v3/memberships/{membership}/transfers/{transfer}", AnswerReseller),
    Endpoint { reads: true, ..e(Vipmp, "POST", "/v3/pricelist", SignedIn) },
    Endpoint { reads: true, ..e(Vipmp, "POST", "/v3/recommendations", BodyCustomer) },
    e(Vipmp, "GET", "/v3/offer-switch-paths", QueryCustomer("customer-id")),
    e(Vipmp, "GET", "/v3/customers/{customer}/subscriptions/{subscription}/offer-switch-paths", Customer("customer")),
    Endpoint { reads: true, ..e(Cpn, "POST", "/cphub/api/seller/v1/distributors/{org}/subscriptions/search", DistributorOnly) },
];

/// A request matched to its endpoint, with the ids its path names.
#[derive(Debug)]
pub struct Matched {
    pub endpoint: &'static Endpoint,
    pub params: Vec<(&'static str, String)>,
}

impl Matched {
    fn param(&self, name: &str) -> &str {
        self.params.iter().find(|(n, _)| *n == name).map(|(_, v)| v.as_str()).unwrap_or_default()
    }
}

/// The segments of a raw (still percent-encoded) path, or `None` when it is not plain.
pub fn plain_segments(raw: &str) -> Option<Vec<&str>> {
    let lower = raw.to_ascii_lowercase();
    let forbidden = ["%2f", "%5c", "%2e", "%00", "\\", "//"];
    if !raw.starts_with('/') || forbidden.iter().any(|f| lower.contains(f)) {
        return None;
    }
    let segments: Vec<&str> = raw[1..].split('/').collect();
    if segments.iter().any(|s| s.is_empty() || *s == "." || *s == "..") {
        return None;
    }
    Some(segments)
}

/// The endpoint `method path` calls, with its ids; 404 for an address the gateway does not
/// forward, 405 (naming the methods it takes) for a method it does not forward there.
pub fn match_endpoint(api: Api, method: &Method, path: &str) -> Result<Matched, GatewayError> {
    let not_forwarded = || GatewayError::refusal(NOT_FORWARDED);
    let segments = plain_segments(path).ok_or_else(not_forwarded)?;
    let mut allowed: Vec<&str> = Vec::new();
    static TEMPLATES: std::sync::OnceLock<Vec<Vec<&'static str>>> = std::sync::OnceLock::new();
    let templates = TEMPLATES.get_or_init(|| ENDPOINTS.iter().map(|e| e.template[1..].split('/').collect()).collect());
    'endpoints: for (endpoint, template) in ENDPOINTS.iter().zip(templates).filter(|(e, _)| e.api == api) {
        if template.len() != segments.len() {
            continue;
        }
        let mut params = Vec::new();
        for (t, s) in template.iter().zip(&segments) {
            match t.strip_prefix('{').and_then(|t| t.strip_suffix('}')) {
                Some(name) if plain_id(s) => params.push((name, s.to_string())),
                Some(_) => continue 'endpoints,
                None if t == s => {}
                None => continue 'endpoints,
            }
        }
        if endpoint.method == method.as_str() {
            return Ok(Matched { endpoint, params });
        }
        if !allowed.contains(&endpoint.method) {
            allowed.push(endpoint.method);
        }
    }
    if allowed.is_empty() {
        Err(not_forwarded())
    } else {
        Err(GatewayError::refusal(METHOD_NOT_ALLOWED).with_detail(format!("this address takes {}", allowed.join(", "))))
    }
}

/// Who owns which customer, as last read from the upstream.
pub struct Owners {
    ttl: Duration,
    known: Mutex<HashMap<String, (String, Instant)>>,
}

const OWNERS_KEPT: usize = 100_000;

impl Owners {
    pub fn new(ttl: Duration) -> Owners {
        Owners { ttl, known: Mutex::new(HashMap::new()) }
    }

    fn get(&self, customer: &str) -> Option<String> {
        let known = self.known.lock().unwrap_or_else(|e| e.into_inner());
        known.get(customer).filter(|(_, at)| at.elapsed() < self.ttl).map(|(r, _)| r.clone())
    }

    fn put(&self, customer: &str, reseller: &str) {
        let mut known = self.known.lock().unwrap_or_else(|e| e.into_inner());
        if known.len() >= OWNERS_KEPT {
            let ttl = self.ttl;
            known.retain(|_, (_, at)| at.elapsed() < ttl);
            if known.len() >= OWNERS_KEPT {
                known.clear();
            }
        }
        known.insert(customer.to_string(), (reseller.to_string(), Instant::now()));
    }

    /// Forgets every owner (after a reseller change).
    pub fn forget_all(&self) {
        self.known.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }
}

/// A fresh id for the gateway's own calls.
pub fn fresh_id() -> String {
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&crate::random_bytes(16));
    partner_model::ids::uuid_v4(bytes)
}

/// The reseller of `customer`: cached, or read from the upstream. An answer other than 200 is
/// given back as it came (a 404 stays the API's 404).
async fn owner(owners: &Owners, upstream: &Upstream, customer: &str) -> Result<String, Response> {
    if let Some(reseller) = owners.get(customer) {
        return Ok(reseller);
    }
    let request = Request::get(format!("/v3/customers/{customer}"))
        .header("accept", "application/json")
        .header("x-request-id", fresh_id())
        .header("x-correlation-id", fresh_id())
        .body(Body::empty())
        .map_err(|_| GatewayError::refusal(OWNER_UNKNOWN).into_response())?;
    let response = upstream.send(request).await.map_err(IntoResponse::into_response)?;
    if response.status() != StatusCode::OK {
        return Err(if response.status() == StatusCode::NOT_FOUND {
            response
        } else {
            GatewayError::refusal(OWNER_UNKNOWN).into_response()
        });
    }
    let bytes = to_bytes(response.into_body(), 4 * 1024 * 1024)
        .await
        .map_err(|_| GatewayError::refusal(OWNER_UNKNOWN).into_response())?;
    let reseller = serde_json::from_slice::<serde_json::Value>(&bytes)
        .ok()
        .and_then(|v| v["resellerId"].as_str().map(str::to_string))
        .ok_or_else(|| GatewayError::refusal(OWNER_UNKNOWN).into_response())?;
    owners.put(customer, &reseller);
    Ok(reseller)
}

/// The largest request body the gateway forwards: the API's largest requests (an order of
/// many lines) are a few kilobytes.
pub const BODY_LIMIT: usize = 1024 * 1024;

/// The reseller and customer a call is about, as far as its rule tells (for the audit trail).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Concerns {
    pub reseller: Option<String>,
    pub customer: Option<String>,
}

/// Checks `request` against its endpoint's rule for `me`; gives the request back with what it
/// concerns, or the answer that refuses it. The request's body is already read whole
/// (the gateway's `read_body`), so reading it here costs nothing. For distributor staff nothing is
/// refused, and a change to a customer still learns the customer's reseller, for the audit.
// The refusal is the answer itself, sent at once: boxing it would buy nothing.
#[allow(clippy::result_large_err)]
pub async fn authorize(
    me: &Me,
    matched: &Matched,
    request: Request,
    owners: &Owners,
    upstream: &Upstream,
) -> Result<(Request, Concerns), Response> {
    let role = &me.role;
    let staff = role.is_distributor();
    let change = request.method() != Method::GET;
    let refuse = |r| Err(GatewayError::refusal(r).into_response());
    let mut concerns = Concerns::default();
    match matched.endpoint.rule {
        SignedIn | AnswerReseller => {}
        DistributorOnly if staff => {}
        DistributorOnly => return refuse(DISTRIBUTOR_ONLY),
        Reseller(name) => {
            let id = matched.param(name);
            if !role.may_act_for(id) {
                return refuse(OTHER_RESELLER);
            }
            concerns.reseller = Some(id.to_string());
        }
        Customer(name) => {
            let customer = matched.param(name);
            concerns.customer = Some(customer.to_string());
            if !staff || change {
                match owner(owners, upstream, customer).await {
                    Ok(reseller) if role.may_act_for(&reseller) => concerns.reseller = Some(reseller),
                    Ok(_) => return refuse(CUSTOMER_OF_OTHER_RESELLER),
                    // Staff may act anyway: the upstream answers for a customer it does not know.
                    Err(_) if staff => {}
                    Err(answer) => return Err(answer),
                }
            }
        }
        QueryReseller(name) => {
            let named = query_values(&request, name);
            if !staff && (named.is_empty() || !named.iter().all(|id| role.may_act_for(id))) {
                return refuse(OTHER_RESELLER);
            }
            concerns.reseller = named.first().cloned();
        }
        QueryCustomer(name) => {
            let named = query_values(&request, name);
            if !staff {
                for customer in &named {
                    if !plain_id(customer) {
                        return refuse(CUSTOMER_OF_OTHER_RESELLER);
                    }
                    match owner(owners, upstream, customer).await {
                        Ok(reseller) if role.may_act_for(&reseller) => concerns.reseller = Some(reseller),
                        Ok(_) => return refuse(CUSTOMER_OF_OTHER_RESELLER),
                        Err(answer) => return Err(answer),
                    }
                }
            }
            concerns.customer = named.first().cloned();
        }
        BodyCustomer => {
            let (request, named) = body_field(request, "customerId").await?;
            let Some(customer) = named else {
                return if staff { Ok((request, concerns)) } else { refuse(BAD_BODY) };
            };
            if !staff {
                match owner(owners, upstream, &customer).await {
                    Ok(reseller) if role.may_act_for(&reseller) => concerns.reseller = Some(reseller),
                    Ok(_) => return refuse(CUSTOMER_OF_OTHER_RESELLER),
                    Err(answer) => return Err(answer),
                }
            }
            concerns.customer = Some(customer);
            return Ok((request, concerns));
        }
        BodyReseller => {
            let (request, named) = body_field(request, "resellerId").await?;
            return match named {
                Some(id) if role.may_act_for(&id) => Ok((request, Concerns { reseller: Some(id), customer: None })),
                Some(_) => refuse(OTHER_RESELLER),
                None if staff => Ok((request, concerns)),
                None => refuse(BAD_BODY),
            };
        }
    }
    Ok((request, concerns))
}

/// Every value of the query parameter `name`, as sent, whatever the case of its name (an
/// upstream may read `Reseller-Id` as `reseller-id`; the guard has made names plain).
fn query_values(request: &Request, name: &str) -> Vec<String> {
    let query = request.uri().query().unwrap_or_default();
    query
        .split('&')
        .filter_map(|p| p.split_once('='))
        .filter(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.to_string())
        .collect()
}

/// The JSON body's string `field`, with the request given back whole (its body is already
/// read, so this costs nothing).
#[allow(clippy::result_large_err)]
async fn body_field(request: Request, field: &str) -> Result<(Request, Option<String>), Response> {
    let (parts, body) = request.into_parts();
    let bytes = to_bytes(body, BODY_LIMIT).await.map_err(|_| GatewayError::refusal(TOO_LARGE).into_response())?;
    let named =
        serde_json::from_slice::<serde_json::Value>(&bytes).ok().and_then(|v| v[field].as_str().map(str::to_string));
    Ok((Request::from_parts(parts, Body::from(bytes)), named))
}

/// Checks an upstream answer the rule says names its reseller; gives it back, or the refusal.
pub async fn check_answer(me: &Me, matched: &Matched, response: Response) -> Response {
    if matched.endpoint.rule != AnswerReseller || me.role.is_distributor() || !response.status().is_success() {
        return response;
    }
    let (parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, 16 * 1024 * 1024).await else {
        return dropped();
    };
    let named = serde_json::from_slice::<serde_json::Value>(&bytes)
        .ok()
        .and_then(|v| v["resellerId"].as_str().map(str::to_string));
    match named {
        Some(id) if me.role.may_act_for(&id) => Response::from_parts(parts, Body::from(bytes)),
        _ => GatewayError::refusal(OTHER_RESELLER).into_response(),
    }
}

/// An answer whose body fails at once, as the upstream's did: the connection is closed.
fn dropped() -> Response {
    let stream = futures_util::stream::once(async {
        Err::<axum::body::Bytes, std::io::Error>(std::io::Error::other("the upstream's answer broke off"))
    });
    Response::new(Body::from_stream(stream))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_are_unique_plain_and_name_their_rules_params() {
        for (i, e) in ENDPOINTS.iter().enumerate() {
            assert!(
                ENDPOINTS[..i].iter().all(|o| (o.api, o.method, o.template) != (e.api, e.method, e.template)),
                "{} {} twice",
                e.method,
                e.template
            );
            assert!(plain_segments(e.template).is_some(), "{}", e.template);
            if let Reseller(p) | Customer(p) = e.rule {
                assert!(e.template.contains(&format!("{{{p}}}")), "{} names no {p}", e.template);
            }
        }
    }

    #[test]
    fn a_preview_is_no_change_only_where_the_endpoint_has_one() {
        let post = Method::POST;
        let at =
            |template: &str| ENDPOINTS.iter().find(|e| e.method == "POST" && e.template == template).expect("listed");
        let orders = at("/v3/customers/{customer}/orders");
        let transfers = at("/v3/transfers");
        assert!(!is_change(orders, &post, br#"{"orderType":"PREVIEW"}"#));
        assert!(!is_change(orders, &post, br#"{"orderType":"PREVIEW_RENEWAL"}"#));
        assert!(is_change(orders, &post, br#"{"orderType":"NEW"}"#));
        assert!(is_change(orders, &post, br#"{"orderType":"NEW","action":"PREVIEW"}"#), "not how an order previews");
        assert!(!is_change(transfers, &post, br#"{"resellerId":"1","action":"PREVIEW"}"#));
        assert!(is_change(transfers, &post, br#"{"resellerId":"1","action":"COMMIT"}"#));
        assert!(is_change(transfers, &post, br#"{"resellerId":"1","orderType":"PREVIEW"}"#));
        for other in ["/v3/customers", "/v3/resellers", "/v3/memberships/{membership}/transfers"] {
            let body = br#"{"orderType":"PREVIEW","action":"PREVIEW"}"#;
            assert!(is_change(at(other), &post, body), "{other} has no preview");
        }
        assert!(!is_change(at("/v3/pricelist"), &post, b"{}"), "a search");
    }

    #[test]
    fn only_plain_paths_match() {
        let get = Method::GET;
        let m = match_endpoint(Vipmp, &get, "/v3/customers/1005-0001/orders/42").expect("matches");
        assert_eq!(m.endpoint.template, "/v3/customers/{customer}/orders/{order}");
        assert_eq!(m.param("customer"), "1005-0001");
        for bad in [
            "/v3/customers/../resellers",
            "/v3/customers/1/../../x",
            "/v3//customers/1",
            "/v3/customers/1%2F..%2Fx",
            "/v3/customers/%2e%2e",
            "/v3/customers/1\\x",
            "/v3/customers/a%00",
            "/v3/customers/a.b",
            "/v3/customers/1/",
            "/v3/customers/1/refunds",
            "/x",
            "",
            "/v3/customers/./1",
        ] {
            assert!(match_endpoint(Vipmp, &get, bad).is_err(), "{bad}");
        }
        assert!(match_endpoint(Vipmp, &Method::DELETE, "/v3/customers/1").is_err(), "an unlisted method");
        assert!(match_endpoint(Cpn, &get, "/v3/customers/1").is_err(), "another API's path");
    }
}
