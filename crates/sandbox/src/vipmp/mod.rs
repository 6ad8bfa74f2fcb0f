//! The local twin of the Adobe Commerce Partner API, mounted under the VIPMP base path. It
//! checks credentials the way Adobe I/O does (4115, 4116, 4117), applies the idempotency rules
//! (4119, 4120, replay by correlation id) and answers every `/v3` call the console makes.

pub mod accounts;
pub mod idempotency;
pub mod orders;
pub mod pricelist;
pub mod seed;
pub mod transfers;

use crate::faults::Faults;
use crate::twin::Twin;
use axum::extract::Request;
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use partner_model::error::ApiErrorBody;

/// The API key the twin accepts (what the proxy adds by default).
pub const SANDBOX_API_KEY: &str = "sandbox-api-key";
/// The access token the twin accepts (what the proxy adds by default).
pub const SANDBOX_ACCESS_TOKEN: &str = "sandbox-access-token";
/// The header VMware Cloud Services APIs read their access token from.
pub const CSP_AUTH_TOKEN: &str = "csp-auth-token";

/// An API error as the twin sends it: HTTP status plus the documented body.
pub struct ApiError(pub StatusCode, pub ApiErrorBody);

impl ApiError {
    fn new(status: StatusCode, code: &str, message: &str) -> ApiError {
        ApiError(status, ApiErrorBody::new(code, message))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.0, Json(self.1)).into_response()
    }
}

/// The twin's routes, relative to the VIPMP base, with the `stored` faults of `faults` acting
/// inside the idempotency layer.
pub fn router(twin: Twin, faults: Faults) -> Router {
    let v3 = Router::new()
        .merge(accounts::routes())
        .merge(orders::routes())
        .merge(transfers::routes())
        .route("/v3/pricelist", axum::routing::post(pricelist::price_list))
        .layer(middleware::from_fn_with_state(faults, crate::faults::inject_stored))
        .layer(middleware::from_fn_with_state(twin.clone(), idempotency::correlate))
        .with_state(twin);
    let open = Router::new().route("/ping", get(pong));
    let authenticated = Router::new()
        .route("/partnerservice/ping", get(pong))
        .merge(v3)
        .route_layer(middleware::from_fn(require_token));
    open.merge(authenticated).fallback(not_found).layer(middleware::from_fn(require_api_key))
}

/// The `self`, `next` and `prev` links of a list's page: `count` items from `offset`, in pages
/// of `limit`, `total` in all; each link made by `link` from the offset it starts at.
pub(crate) fn page_links(
    offset: u64,
    limit: u64,
    count: u64,
    total: u64,
    link: impl Fn(u64) -> partner_model::types::Link,
) -> partner_model::types::Links {
    partner_model::types::Links {
        this: Some(link(offset)),
        next: (offset + count < total).then(|| link(offset + limit)),
        prev: (offset > 0).then(|| link(offset.saturating_sub(limit))),
    }
}

async fn pong() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], "pong")
}

/// The answer to a path the twin does not know.
pub async fn not_found() -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, "404", "Resource not found")
}

/// Adobe I/O refuses any call without the integration's API key (4115, 403).
async fn require_api_key(request: Request, next: Next) -> Response {
    match check_api_key(request.headers()) {
        Ok(()) => next.run(request).await,
        Err(e) => e.into_response(),
    }
}

/// VMware Cloud Services' access token in `csp-auth-token` (the CPN API has no API key).
pub async fn require_csp_token(request: Request, next: Next) -> Response {
    match request.headers().get(CSP_AUTH_TOKEN).map(|v| v.as_bytes()) {
        Some(token) if token == SANDBOX_ACCESS_TOKEN.as_bytes() => next.run(request).await,
        Some(_) => {
            ApiError::new(StatusCode::UNAUTHORIZED, "401", "The csp-auth-token is invalid or expired").into_response()
        }
        None => ApiError::new(StatusCode::UNAUTHORIZED, "401", "The csp-auth-token header is missing").into_response(),
    }
}

/// Every call but `/ping` needs a valid IMS access token (4117 missing, 4116 invalid).
async fn require_token(request: Request, next: Next) -> Response {
    match check_token(request.headers()) {
        Ok(()) => next.run(request).await,
        Err(e) => e.into_response(),
    }
}

fn check_api_key(headers: &HeaderMap) -> Result<(), ApiError> {
    match headers.get("x-api-key").map(|v| v.as_bytes()) {
        Some(key) if key == SANDBOX_API_KEY.as_bytes() => Ok(()),
        _ => Err(ApiError::new(StatusCode::FORBIDDEN, "4115", "API key is invalid or missing")),
    }
}

fn check_token(headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(value) = headers.get(header::AUTHORIZATION) else {
        return Err(ApiError::new(StatusCode::FORBIDDEN, "4117", "Authorization token is missing"));
    };
    let token = value.to_str().ok().and_then(|v| v.strip_prefix("Bearer "));
    match token {
        Some(t) if t == SANDBOX_ACCESS_TOKEN => Ok(()),
        _ => Err(ApiError::new(StatusCode::UNAUTHORIZED, "4116", "Authorization token is invalid")),
    }
}
