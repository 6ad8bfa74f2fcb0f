//! The API's idempotency rules (`references-idempotency`): every call needs an
//! `X-Correlation-Id` (4119); a call whose correlation id the API has answered before gets that
//! same answer again, whatever else it carries; a request id seen before with another
//! correlation id is refused (4120).
//!
//! A change (any method but GET) runs alone ([`crate::twin::Twin::mutation`]): the same change
//! sent twice at once makes it once, the second waiting for the first's answer and getting it;
//! and the change is saved together with its answer, so a retry after a crash replays it.
//!
//! Where the documents are silent, the twin's choices:
//! - Ids are at most [`MAX_ID`] characters (the console sends 36-character UUIDs): a longer
//!   correlation id is 4119 ("Invalid or Missing"); a longer request id is a 400 of the twin's
//!   own (code `400`), as no documented code fits.
//! - Answers are kept for replay by count and by bytes ([`ReplyStore`]) rather than for the
//!   documented 10 days: the oldest go first, and a request id is forgotten with its answer.
//! - The answers to reads are kept in memory only, so a read never writes the state file; after
//!   a restart a read with an old correlation id is answered afresh. The answers to changes are
//!   saved with the change.
//! - Faults of kind `stored` act here, inside this layer: the API's own error answer is kept for
//!   its correlation id and replayed, as the real API does with a 5xx it has answered.

use super::orders::recommendations::TRACKER;
use crate::twin::replies::{ReplyStore, StoredReply};
use crate::twin::world::World;
use crate::twin::{ApiError, Twin};
use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The longest correlation or request id the twin takes.
pub const MAX_ID: usize = 255;
/// The largest answer it buffers for replay.
const MAX_BODY: usize = 16 * 1024 * 1024;

fn header_str<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request.headers().get(name).and_then(|v| v.to_str().ok()).map(str::trim).filter(|v| !v.is_empty())
}

/// Middleware for the `/v3` routes.
pub async fn correlate(State(twin): State<Twin>, request: Request, next: Next) -> Response {
    let correlation = match header_str(&request, "x-correlation-id") {
        Some(c) if c.len() <= MAX_ID => c.to_string(),
        _ => return ApiError::code("4119").into_response(),
    };
    let request_id = header_str(&request, "x-request-id").map(str::to_string);
    if request_id.as_ref().is_some_and(|r| r.len() > MAX_ID) {
        let message = format!("X-Request-Id is invalid: longer than {MAX_ID} characters");
        return ApiError::plain(StatusCode::BAD_REQUEST, "400", &message).into_response();
    }
    let method = request.method().clone();
    // A search sent as a POST (the price list) changes nothing: it is a read, kept in memory.
    let search = ["/v3/pricelist", "/v3/recommendations"].iter().any(|p| request.uri().path().ends_with(p));
    let read = method == Method::GET || (method == Method::POST && search);
    let key = format!("{method} {} {correlation}", request.uri().path_and_query().map(|p| p.as_str()).unwrap_or("/"));
    if let Some(reply) = twin.read(|w, _| answers_of(w, read).get(&key).cloned()) {
        return replay(reply);
    }
    if let Some(id) = &request_id {
        let seen_with =
            twin.read(|w, _| w.answers.correlation_of(id).or(w.read_answers.correlation_of(id)).map(str::to_string));
        if seen_with.is_some_and(|c| c != correlation) {
            return ApiError::code("4120").into_response();
        }
    }
    let act = async {
        let response = next.run(request).await;
        let (parts, body) = response.into_parts();
        let bytes = to_bytes(body, MAX_BODY).await.ok()?;
        crate::faults::crash_if_asked();
        let content_type = parts
            .headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("application/json")
            .to_string();
        let tracker = parts.headers.get(TRACKER).and_then(|v| v.to_str().ok()).map(str::to_string);
        Some(StoredReply {
            status: parts.status.as_u16(),
            content_type,
            tracker,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        })
    };
    let outcome = if read {
        let reply = act.await;
        if let Some(stored) = &reply {
            twin.remember(|w| w.read_answers.insert(key.clone(), stored.clone(), request_id.clone(), &correlation));
        }
        Ok(reply)
    } else {
        // A duplicate that waited for the first finds its answer once it runs alone.
        let keep = |w: &mut World, reply: &Option<StoredReply>| {
            if let Some(stored) = reply {
                w.answers.insert_saved(key.clone(), stored.clone(), request_id.clone(), &correlation);
            }
        };
        twin.mutation(|w| Some(Some(w.answers.get(&key).cloned()?)), act, keep).await
    };
    match outcome {
        Ok(Some(reply)) => replay(reply),
        // The answer could not be read whole: the API's own 500, as JSON like every error.
        Ok(None) => ApiError::code("1124").into_response(),
        // Not persisted, so not acknowledged: the caller retries with the same correlation id.
        Err(_) => ApiError::code("1124").into_response(),
    }
}

/// Where the answers to reads or to changes are kept.
fn answers_of(world: &World, read: bool) -> &ReplyStore {
    if read {
        &world.read_answers
    } else {
        &world.answers
    }
}

fn replay(reply: StoredReply) -> Response {
    let mut response = Response::new(Body::from(reply.body));
    *response.status_mut() = StatusCode::from_u16(reply.status).unwrap_or(StatusCode::OK);
    if let Ok(v) = HeaderValue::from_str(&reply.content_type) {
        response.headers_mut().insert(header::CONTENT_TYPE, v);
    }
    if let Some(v) = reply.tracker.and_then(|t| HeaderValue::from_str(&t).ok()) {
        response.headers_mut().insert(TRACKER, v);
    }
    response
}
