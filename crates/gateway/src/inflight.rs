//! No change is sent twice through the gateway at once. A change (any method but GET) with an
//! `X-Correlation-Id` runs as the one call under its key — the caller's tenant, method, path
//! and correlation id — and a second one with the same key while the first is on its way waits
//! for the first's answer and gets the same answer, without a second upstream call.
//!
//! The call runs in its own task, so it completes (and its audit entry with it) even when the
//! browser that sent it goes away. Sequential replays are the upstream's business: Adobe keeps
//! answers by correlation id, and so does the twin.

use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use futures_util::future::{BoxFuture, FutureExt, Shared};
use http_body_util::BodyExt;
use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};

/// A whole answer, to be given to every caller that waited for it.
#[derive(Clone, Debug)]
pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Bytes,
    /// Set on the answer of the call that was made (the others share it).
    pub refused: Option<String>,
}

impl Answer {
    /// Reads `response` whole (the forwarder's answers are already in memory).
    pub async fn read(response: Response) -> Answer {
        let (parts, body) = response.into_parts();
        let body = body.collect().await.map(|b| b.to_bytes()).unwrap_or_default();
        let code = parts.extensions.get::<crate::metrics::Refused>().map(|r| r.0.clone());
        Answer { status: parts.status, headers: parts.headers, body, refused: code }
    }

    pub fn response(&self) -> Response {
        let mut response = Response::new(Body::from(self.body.clone()));
        *response.status_mut() = self.status;
        *response.headers_mut() = self.headers.clone();
        if let Some(code) = &self.refused {
            response.extensions_mut().insert(crate::metrics::Refused(code.clone()));
        }
        response
    }
}

type Pending = Shared<BoxFuture<'static, Answer>>;

/// The changes on their way.
#[derive(Default, Clone)]
pub struct InFlight {
    calls: Arc<Mutex<HashMap<String, Pending>>>,
}

impl InFlight {
    /// The answer of the call under `key`: the one in flight, or `call`'s. `true` when this
    /// caller joined one in flight.
    pub async fn run(&self, key: String, call: impl Future<Output = Answer> + Send + 'static) -> (Answer, bool) {
        let (pending, joined) = {
            let mut calls = self.calls.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            match calls.get(&key) {
                Some(pending) => (pending.clone(), true),
                None => {
                    let map = self.calls.clone();
                    let k = key.clone();
                    let task = tokio::spawn(async move {
                        let answer = call.await;
                        map.lock().unwrap_or_else(std::sync::PoisonError::into_inner).remove(&k);
                        answer
                    });
                    let pending = async move {
                        match task.await {
                            Ok(answer) => answer,
                            Err(_) => {
                                Answer::read(axum::response::IntoResponse::into_response(
                                    crate::error::GatewayError::refusal(partner_model::gateway::UPSTREAM_UNREACHABLE),
                                ))
                                .await
                            }
                        }
                    }
                    .boxed()
                    .shared();
                    calls.insert(key, pending.clone());
                    (pending, false)
                }
            }
        };
        (pending.await, joined)
    }

    /// Calls in flight now.
    pub fn len(&self) -> usize {
        self.calls.lock().unwrap_or_else(std::sync::PoisonError::into_inner).len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU32, Ordering};
    use std::time::Duration;

    #[tokio::test]
    async fn callers_with_one_key_share_one_call_and_later_ones_call_again() {
        let inflight = InFlight::default();
        let made = Arc::new(AtomicU32::new(0));
        let call = |n: Arc<AtomicU32>| async move {
            n.fetch_add(1, Ordering::SeqCst);
            tokio::time::sleep(Duration::from_millis(50)).await;
            Answer {
                status: StatusCode::CREATED,
                headers: HeaderMap::new(),
                body: Bytes::from_static(b"{}"),
                refused: None,
            }
        };
        let runs = (0..10).map(|_| inflight.run("t POST /x c1".into(), call(made.clone())));
        let answers = futures_util::future::join_all(runs).await;
        assert_eq!(made.load(Ordering::SeqCst), 1);
        assert_eq!(answers.iter().filter(|(_, joined)| *joined).count(), 9);
        assert!(answers.iter().all(|(a, _)| a.status == StatusCode::CREATED));
        assert!(inflight.is_empty(), "forgotten once answered");
        inflight.run("t POST /x c1".into(), call(made.clone())).await;
        inflight.run("t POST /x c2".into(), call(made.clone())).await;
        assert_eq!(made.load(Ordering::SeqCst), 3, "a later call, or another key, is made");
    }
}
