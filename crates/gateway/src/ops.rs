//! What operations asks of the gateway, at the root of its host whatever the console's base
//! path, and without the `Host` check (a load balancer's probe uses an internal address):
//! - `GET /healthz`: the process answers (liveness);
//! - `GET /readyz`: the audit database, the identity provider and the upstreams answer
//!   (readiness): 200, or 503 naming what does not;
//! - `GET /metrics`: Prometheus text ([`crate::metrics`]), behind a bearer when
//!   `METRICS_TOKEN` is set.

use crate::metrics::{Labels, Metrics, Refused};
use crate::Gateway;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::json;
use std::sync::Arc;

/// The state of the operations endpoints.
#[derive(Clone)]
pub struct Ops {
    pub audit: crate::audit::Audit,
    pub(crate) gateway: Arc<Gateway>,
    pub metrics: Arc<Metrics>,
    pub metrics_token: Option<String>,
}

pub fn routes(ops: Ops) -> Router {
    Router::new()
        .route("/healthz", get(|| async { Json(json!({ "status": "alive" })) }))
        .route("/readyz", get(ready))
        .route("/metrics", get(metrics))
        .with_state(ops)
}

async fn ready(State(ops): State<Ops>) -> Response {
    let g = &ops.gateway;
    let (audit, identity, vipmp, cpn) =
        tokio::join!(ops.audit.ready(), g.sessions.provider.reachable(), g.vipmp.reachable(), async {
            match &g.cpn {
                Some(cpn) => Some(cpn.reachable().await),
                None => None,
            }
        });
    let word = |ok: bool| if ok { "ok" } else { "unreachable" };
    let mut checks = json!({ "audit": word(audit), "identityProvider": word(identity), "vipmp": word(vipmp) });
    if let Some(cpn) = cpn {
        checks["cpn"] = json!(word(cpn));
    }
    let ready = audit && identity && vipmp && cpn.unwrap_or(true);
    let status = if ready { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
    (status, [(header::CACHE_CONTROL, "no-store")], Json(json!({ "ready": ready, "checks": checks }))).into_response()
}

async fn metrics(State(ops): State<Ops>, headers: HeaderMap) -> Response {
    if let Some(token) = &ops.metrics_token {
        let given = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .unwrap_or_default();
        let same: bool = subtle::ConstantTimeEq::ct_eq(given.as_bytes(), token.as_bytes()).into();
        if !same {
            return crate::error::GatewayError::refusal(partner_model::gateway::SIGN_IN_REQUIRED)
                .with_detail("/metrics wants the METRICS_TOKEN bearer")
                .into_response();
        }
    }
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4"), (header::CACHE_CONTROL, "no-store")], ops.metrics.render())
        .into_response()
}

/// Counts every answer: by the route and role the forwarder labelled it with, else by what the
/// path is (the gateway's own endpoints by path, the console's files as `site`).
pub async fn count(State(metrics): State<Arc<Metrics>>, request: Request, next: Next) -> Response {
    let own = own_route(request.uri().path());
    let response = next.run(request).await;
    let (route, role) = match response.extensions().get::<Labels>() {
        Some(Labels { route, role }) => (*route, *role),
        None => (own, "-"),
    };
    let refused = response.extensions().get::<Refused>().map(|r| r.0.as_str());
    metrics.request(route, role, response.status().as_u16(), refused);
    response
}

fn own_route(path: &str) -> &'static str {
    for known in ["/healthz", "/readyz", "/metrics"] {
        if path == known {
            return known;
        }
    }
    for own in ["/auth/login", "/auth/callback", "/auth/logout", "/auth/me", "/api/audit"] {
        if path.ends_with(own) {
            return own;
        }
    }
    if path.contains("/api/") {
        "unmatched"
    } else {
        "site"
    }
}
