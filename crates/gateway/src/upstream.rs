//! The two upstream APIs and their credentials. Each API base of `config.json` is forwarded to
//! one [`Upstream`]: a real API over HTTPS, or the twin in the same process. The gateway adds
//! what the upstream wants and drops whatever credentials the browser sent:
//! - Adobe's Commerce Partner API: `X-Api-Key` (the integration's client id) and a bearer from
//!   Adobe IMS (OAuth server-to-server, client-credentials grant);
//! - VMware Cloud Partner Navigator: `csp-auth-token`, an access token that VMware Cloud
//!   Services gives in exchange for the distributor's API token.
//!
//! Tokens are cached and refreshed when within 10% (at least a minute) of their end. Secrets
//! come from the configuration and never appear in logs, errors or answers.

use crate::error::GatewayError;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderName, HeaderValue, Uri};
use axum::response::Response;
use axum::Router;
use http_body_util::BodyExt;
use hyper_util::client::legacy::{connect::HttpConnector, Client};
use hyper_util::rt::TokioExecutor;
use partner_model::gateway::{UPSTREAM_CREDENTIALS, UPSTREAM_UNREACHABLE};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tower::ServiceExt;

/// How to get an access token.
#[derive(Clone)]
pub enum Grant {
    /// Adobe IMS, OAuth server-to-server (`POST {url}/ims/token/v3`, client credentials).
    Ims { url: String, client_id: String, client_secret: String, scopes: String },
    /// VMware Cloud Services (`POST {url}/csp/gateway/am/api/auth/api-tokens/authorize`,
    /// `refresh_token=<api token>`).
    Csp { url: String, api_token: String },
}

impl std::fmt::Debug for Grant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Grant::Ims { url, client_id, scopes, .. } => f
                .debug_struct("Ims")
                .field("url", url)
                .field("client_id", client_id)
                .field("client_secret", &"<redacted>")
                .field("scopes", scopes)
                .finish(),
            Grant::Csp { url, .. } => f.debug_struct("Csp").field("url", url).field("api_token", &"<redacted>").finish(),
        }
    }
}

impl Grant {
    fn service(&self) -> &'static str {
        match self {
            Grant::Ims { .. } => "Adobe IMS",
            Grant::Csp { .. } => "VMware Cloud Services",
        }
    }
}

/// An HTTP(S) client with the machine's root certificates.
pub type HttpsClient = Client<hyper_rustls::HttpsConnector<HttpConnector>, Body>;

/// A client for upstreams, token services and identity providers.
pub fn https_client() -> Result<HttpsClient, String> {
    let connector = hyper_rustls::HttpsConnectorBuilder::new()
        .with_native_roots()
        .map_err(|e| format!("no TLS root certificates: {e}"))?
        .https_or_http()
        .enable_http1()
        .build();
    Ok(Client::builder(TokioExecutor::new()).build(connector))
}

/// Why a call to a service gave no whole answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoAnswer {
    Unreachable,
    CutOff,
}

impl std::fmt::Display for NoAnswer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            NoAnswer::Unreachable => "could not be reached",
            NoAnswer::CutOff => "gave an answer that was cut off",
        })
    }
}

/// Sends `request` to a service (a token service, an identity provider) and reads its whole
/// answer.
pub async fn exchange(client: &HttpsClient, request: Request) -> Result<(axum::http::StatusCode, axum::body::Bytes), NoAnswer> {
    let response = client.request(request).await.map_err(|_| NoAnswer::Unreachable)?;
    let status = response.status();
    let bytes = response.into_body().collect().await.map_err(|_| NoAnswer::CutOff)?.to_bytes();
    Ok((status, bytes))
}

/// A cached access token.
struct Token {
    value: String,
    refresh_at: Instant,
}

/// Hands out a valid access token, asking the token service only when the cached one is near
/// its end.
pub struct Tokens {
    grant: Grant,
    client: HttpsClient,
    cached: tokio::sync::Mutex<Option<Token>>,
}

impl Tokens {
    pub fn new(grant: Grant, client: HttpsClient) -> Tokens {
        Tokens { grant, client, cached: tokio::sync::Mutex::new(None) }
    }

    /// A valid token: the cached one, or a fresh one when it is near its end.
    pub async fn token(&self) -> Result<String, String> {
        let mut cached = self.cached.lock().await;
        if let Some(t) = cached.as_ref().filter(|t| Instant::now() < t.refresh_at) {
            return Ok(t.value.clone());
        }
        let fresh = self.fetch().await?;
        let value = fresh.value.clone();
        *cached = Some(fresh);
        Ok(value)
    }

    async fn fetch(&self) -> Result<Token, String> {
        let service = self.grant.service();
        let (url, form) = match &self.grant {
            Grant::Ims { url, client_id, client_secret, scopes } => (
                format!("{}/ims/token/v3", url.trim_end_matches('/')),
                form_encode(&[("grant_type", "client_credentials"), ("client_id", client_id), ("client_secret", client_secret), ("scope", scopes)]),
            ),
            Grant::Csp { url, api_token } => (
                format!("{}/csp/gateway/am/api/auth/api-tokens/authorize", url.trim_end_matches('/')),
                form_encode(&[("refresh_token", api_token)]),
            ),
        };
        let request = Request::post(url)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "application/json")
            .body(Body::from(form))
            .map_err(|_| format!("the {service} URL is not valid"))?;
        let (status, bytes) = exchange(&self.client, request).await.map_err(|e| format!("{service} {e}"))?;
        if !status.is_success() {
            return Err(format!("{service} refused the credentials (HTTP {})", status.as_u16()));
        }
        let body: serde_json::Value = serde_json::from_slice(&bytes).map_err(|_| format!("{service}'s answer is not JSON"))?;
        let value = body["access_token"].as_str().filter(|t| !t.is_empty()).ok_or(format!("{service}'s answer has no access_token"))?.to_string();
        // A day at most: an absurd lifetime must not overflow the clock, nor keep a token forever.
        let lifetime = Duration::from_secs(body["expires_in"].as_u64().unwrap_or(3600).clamp(1, 86_400));
        let margin = (lifetime / 10).max(Duration::from_secs(60)).min(lifetime / 2);
        eprintln!("gateway: new {service} access token, valid for {} s", lifetime.as_secs());
        Ok(Token { value, refresh_at: Instant::now() + lifetime - margin })
    }
}

pub use partner_model::url::encode_component;

/// `application/x-www-form-urlencoded` of `pairs`.
pub fn form_encode(pairs: &[(&str, &str)]) -> String {
    pairs.iter().map(|(k, v)| format!("{}={}", encode_component(k), encode_component(v))).collect::<Vec<_>>().join("&")
}

/// What the gateway adds to a forwarded call.
#[derive(Clone)]
pub enum Credentials {
    /// `X-Api-Key` plus `Authorization: Bearer` from IMS (the Commerce Partner API).
    AdobeIo { api_key: String, tokens: Arc<Tokens> },
    /// `csp-auth-token` from VMware Cloud Services (Cloud Partner Navigator).
    Csp { tokens: Arc<Tokens> },
    /// Fixed values (the twin's).
    Fixed { headers: Vec<(HeaderName, String)> },
}

impl Credentials {
    async fn headers(&self) -> Result<Vec<(HeaderName, String)>, String> {
        Ok(match self {
            Credentials::AdobeIo { api_key, tokens } => {
                let token = tokens.token().await?;
                vec![(HeaderName::from_static("x-api-key"), api_key.clone()), (header::AUTHORIZATION, format!("Bearer {token}"))]
            }
            Credentials::Csp { tokens } => vec![(HeaderName::from_static("csp-auth-token"), tokens.token().await?)],
            Credentials::Fixed { headers } => headers.clone(),
        })
    }
}

/// Where calls go.
#[derive(Clone)]
enum Target {
    Http { base: String, client: HttpsClient },
    InProcess(Router),
}

/// One upstream API with its credentials.
#[derive(Clone)]
pub struct Upstream {
    target: Target,
    credentials: Credentials,
}

const HOP_BY_HOP: [&str; 8] = ["connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade"];
/// What a browser may have sent that must never reach an upstream.
const BROWSER_ONLY: [&str; 6] = ["host", "x-api-key", "authorization", "cookie", "csp-auth-token", "origin"];

impl Upstream {
    /// An API at `base` (`https://partners.adobe.io`), over HTTP(S).
    pub fn http(base: &str, credentials: Credentials, client: HttpsClient) -> Upstream {
        Upstream { target: Target::Http { base: base.trim_end_matches('/').to_string(), client }, credentials }
    }

    /// An API answered by `router` in this process (the twin).
    pub fn in_process(router: Router, credentials: Credentials) -> Upstream {
        Upstream { target: Target::InProcess(router), credentials }
    }

    /// Sends `request` (its path relative to the API base) with the upstream's credentials in
    /// place of the browser's.
    pub async fn send(&self, request: Request) -> Result<Response, GatewayError> {
        let credentials = self.credentials.headers().await.map_err(|reason| GatewayError::refusal(UPSTREAM_CREDENTIALS).with_detail(reason))?;
        let (mut parts, body) = request.into_parts();
        for name in HOP_BY_HOP.iter().chain(&BROWSER_ONLY) {
            parts.headers.remove(*name);
        }
        for (name, value) in credentials {
            let value = HeaderValue::from_str(&value).map_err(|_| GatewayError::refusal(UPSTREAM_CREDENTIALS).with_detail("a credential is not a valid header value"))?;
            parts.headers.insert(name, value);
        }
        let response = match &self.target {
            Target::Http { base, client } => {
                let target = format!("{base}{}", parts.uri.path_and_query().map(|p| p.as_str()).unwrap_or("/"));
                parts.uri = target.parse::<Uri>().map_err(|_| GatewayError::refusal(UPSTREAM_UNREACHABLE).with_detail("bad upstream URL"))?;
                let response = client
                    .request(Request::from_parts(parts, body))
                    .await
                    .map_err(|_| GatewayError::refusal(UPSTREAM_UNREACHABLE))?;
                response.map(Body::new)
            }
            Target::InProcess(router) => {
                let Ok(response) = router.clone().oneshot(Request::from_parts(parts, body)).await;
                response
            }
        };
        let (mut parts, body) = response.into_parts();
        for name in HOP_BY_HOP {
            parts.headers.remove(name);
        }
        Ok(Response::from_parts(parts, body))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_stay_out_of_debug_output() {
        let ims = Grant::Ims { url: "https://ims.example".into(), client_id: "id".into(), client_secret: "s3cr3t".into(), scopes: "a".into() };
        let csp = Grant::Csp { url: "https://csp.example".into(), api_token: "t0ken".into() };
        assert!(!format!("{ims:?}").contains("s3cr3t"));
        assert!(!format!("{csp:?}").contains("t0ken"));
    }

    #[test]
    fn form_values_are_encoded() {
        assert_eq!(form_encode(&[("a b", "c&d=e,é")]), "a%20b=c%26d%3De%2C%C3%A9");
    }
}
