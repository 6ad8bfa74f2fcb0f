//! The API's idempotency rules (`references-idempotency`): every call needs an
//! `X-Correlation-Id` (4119); a call whose correlation id the API has answered before gets that
//! same answer again, whatever else it carries; a request id seen before with another
//! correlation id is refused (4120).
//!
//! A change (any method but GET) runs alone ([`crate::twin::Twin::mutation`]): the same change
//! sent twice at once makes it once, the second waiting for the first's answer and getting it;
//! and the change is saved together with its answer, so a retry after a crash replays it.

use crate::twin::world::{StoredReply, World};
use crate::twin::{ApiError, Twin};
use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
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
    let method = request.method().clone();
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
    let act = async {
        let response = next.run(request).await;
        let (parts, body) = response.into_parts();
        let bytes = to_bytes(body, MAX_BODY).await.ok()?;
        crate::faults::crash_if_asked();
        let content_type = parts.headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("application/json").to_string();
        Some(StoredReply { status: parts.status.as_u16(), content_type, body: bytes.to_vec() })
    };
    let commit = |w: &mut World, reply: &Option<StoredReply>| {
        let Some(stored) = reply else { return };
        if let Some(id) = request_id.clone() {
            w.request_ids.insert(id, correlation.clone());
        }
        w.replies.insert(key.clone(), stored.clone());
        w.reply_order.push_back(key.clone());
        while w.reply_order.len() > REMEMBERED {
            if let Some(old) = w.reply_order.pop_front() {
                w.replies.remove(&old);
            }
        }
    };
    let outcome = if method == Method::GET {
        let reply = act.await;
        twin.write(|w, _| commit(w, &reply)).map(|()| reply)
    } else {
        // A duplicate that waited for the first finds its answer once it runs alone.
        twin.mutation(|w| Some(Some(w.replies.get(&key).cloned()?)), act, commit).await
    };
    match outcome {
        Ok(Some(reply)) => replay(reply),
        Ok(None) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        // Not persisted, so not acknowledged: the caller retries with the same correlation id.
        Err(_) => ApiError::code("1124").into_response(),
    }
}

fn replay(reply: StoredReply) -> Response {
    let mut response = Response::new(Body::from(reply.body));
    *response.status_mut() = StatusCode::from_u16(reply.status).unwrap_or(StatusCode::OK);
    if let Ok(v) = HeaderValue::from_str(&reply.content_type) {
        response.headers_mut().insert(header::CONTENT_TYPE, v);
    }
    response
}
