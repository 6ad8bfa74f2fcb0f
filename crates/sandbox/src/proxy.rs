//! The credential-adding proxy layer: requests under the API base paths get the configured
//! `X-Api-Key` and `Authorization: Bearer` before they reach the API, so the browser never holds
//! a secret. Whatever credentials a browser sent are replaced, never passed on.

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use std::sync::Arc;

/// The credentials the proxy adds.
#[derive(Clone)]
pub struct Credentials {
    pub api_key: String,
    pub access_token: String,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Credentials { api_key: <redacted>, access_token: <redacted> }")
    }
}

/// Middleware: replaces the request's credentials with the proxy's.
pub async fn add_credentials(State(creds): State<Arc<Credentials>>, mut request: Request, next: Next) -> Response {
    let headers = request.headers_mut();
    headers.remove("x-api-key");
    headers.remove(header::AUTHORIZATION);
    if let Ok(key) = HeaderValue::from_str(&creds.api_key) {
        headers.insert("x-api-key", key);
    }
    if let Ok(bearer) = HeaderValue::from_str(&format!("Bearer {}", creds.access_token)) {
        headers.insert(header::AUTHORIZATION, bearer);
    }
    next.run(request).await
}
