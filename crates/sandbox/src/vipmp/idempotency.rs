//! The API's idempotency rules (`references-idempotency`): every call needs an
//! `X-Correlation-Id` (4119); a call whose correlation id the API has answered before gets that
//! same answer again, whatever else it carries; a request id seen before with another
//! correlation id is refused (4120).

use crate::twin::world::StoredReply;
use crate::twin::{ApiError, Twin};
use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// How many answers the twin remembers for replay.
const REMEMBERED: usize = 5_000;
/// The largest answer it buffers for replay.
const MAX_BODY: usize = 16 * 1024 * 1024;

fn header_str<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request.headers().get(name).and_then(|v| v.to_str().ok()).map(str::trim).filter(|v| !v.is_empty())
}

/// Middleware for the `/v3` routes.
pub async fn correlate(State(twin): State<Twin>, request: Request, next: Next) -> Response {
    let Some(correlation) = header_str(&request, "x-correlation-id").map(str::to_string) else {
        return ApiError::code("4119").into_response();
    };
    let key = format!(
        "{} {} {correlation}",
        request.method(),
        request.uri().path_and_query().map(|p| p.as_str()).unwrap_or("/")
    );
    if let Some(reply) = twin.read(|w, _| w.replies.get(&key).cloned()) {
        return replay(reply);
    }
    let request_id = header_str(&request, "x-request-id").map(str::to_string);
    if let Some(id) = &request_id {
        let seen_with = twin.read(|w, _| w.request_ids.get(id).cloned());
        if seen_with.is_some_and(|c| c != correlation) {
            return ApiError::code("4120").into_response();
        }
    }
    let response = next.run(request).await;
    let (parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_BODY).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let content_type = parts.headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("application/json").to_string();
    let stored = StoredReply { status: parts.status.as_u16(), content_type, body: bytes.to_vec() };
    let remembered = twin.write(|w, _| {
        if let Some(id) = request_id {
            w.request_ids.insert(id, correlation);
        }
        w.replies.insert(key.clone(), stored.clone());
        w.reply_order.push_back(key);
        while w.reply_order.len() > REMEMBERED {
            if let Some(old) = w.reply_order.pop_front() {
                w.replies.remove(&old);
            }
        }
    });
    if remembered.is_err() {
        // Not persisted, so not acknowledged: the caller retries with the same correlation id.
        return ApiError::code("1124").into_response();
    }
    Response::from_parts(parts, Body::from(bytes))
}

fn replay(reply: StoredReply) -> Response {
    let mut response = Response::new(Body::from(reply.body));
    *response.status_mut() = StatusCode::from_u16(reply.status).unwrap_or(StatusCode::OK);
    if let Ok(v) = HeaderValue::from_str(&reply.content_type) {
        response.headers_mut().insert(header::CONTENT_TYPE, v);
    }
    response
}
