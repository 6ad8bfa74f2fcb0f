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
use futures_util::future::{BoxFuture, FutureExt, Shared};
use http_body_util::BodyExt;
use hyper_util::client::legacy::{connect::HttpConnector, Client};
use hyper_util::rt::TokioExecutor;
use partner_model::gateway::{
    UPSTREAM_CREDENTIALS, UPSTREAM_CREDENTIALS_TIMEOUT, UPSTREAM_CUT_OFF, UPSTREAM_TIMEOUT, UPSTREAM_UNREACHABLE,
};
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
            Grant::Csp { url, .. } => {
                f.debug_struct("Csp").field("url", url).field("api_token", &"<redacted>").finish()
            }
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
    TimedOut,
}

impl std::fmt::Display for NoAnswer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            NoAnswer::Unreachable => "could not be reached",
            NoAnswer::CutOff => "gave an answer that was cut off",
            NoAnswer::TimedOut => "did not answer in time",
        })
    }
}

/// How long a token service or an identity provider has to answer one request.
pub const EXCHANGE_TIMEOUT: Duration = Duration::from_secs(10);

/// Sends `request` to a service (a token service, an identity provider) and reads its whole
/// answer, within [`EXCHANGE_TIMEOUT`].
pub async fn exchange(
    client: &HttpsClient,
    request: Request,
) -> Result<(axum::http::StatusCode, axum::body::Bytes), NoAnswer> {
    let call = async {
        let response = client.request(request).await.map_err(|_| NoAnswer::Unreachable)?;
        let status = response.status();
        let bytes = response.into_body().collect().await.map_err(|_| NoAnswer::CutOff)?.to_bytes();
        Ok((status, bytes))
    };
    tokio::time::timeout(EXCHANGE_TIMEOUT, call).await.unwrap_or(Err(NoAnswer::TimedOut))
}

/// A cached access token.
#[derive(Clone)]
struct Token {
    value: String,
    /// From here on a new one is asked for, while this one is still handed out.
    refresh_at: Instant,
    /// From here on this one is never handed out.
    expires_at: Instant,
}

/// Why no token could be had.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TokenError {
    /// The token service did not answer within the token timeout.
    TimedOut(String),
    /// It answered, but not with a token; or it could not be reached.
    Failed(String),
}

impl TokenError {
    /// The gateway's answer for it: 504 or 502, JSON.
    pub fn refusal(&self) -> GatewayError {
        match self {
            TokenError::TimedOut(why) => GatewayError::refusal(UPSTREAM_CREDENTIALS_TIMEOUT).with_detail(why.clone()),
            TokenError::Failed(why) => GatewayError::refusal(UPSTREAM_CREDENTIALS).with_detail(why.clone()),
        }
    }
}

type Fetch = Shared<BoxFuture<'static, Result<Token, TokenError>>>;

#[derive(Default)]
struct TokenState {
    token: Option<Token>,
    /// The one request to the token service under way, which every caller that needs it awaits.
    pending: Option<Fetch>,
    /// The last failure, answered without asking again until the instant it holds.
    failed: Option<(Instant, TokenError)>,
}

/// How long a failure is answered without asking the token service again.
const RETRY_AFTER_FAILURE: Duration = Duration::from_secs(5);

/// Hands out a valid access token. The token service is asked by one request at a time
/// (single-flight) bounded by the token timeout: when the cached token is near its end it is
/// still handed out while a new one is fetched in the background; when there is none, every
/// caller awaits the same request. A failure is answered for 5 s without asking again, so a
/// hung token service costs one bounded wait, not one per call.
pub struct Tokens {
    grant: Grant,
    client: HttpsClient,
    timeout: Duration,
    state: Arc<std::sync::Mutex<TokenState>>,
    /// Requests made to the token service, and how many of them failed (for `/metrics`).
    pub counts: Arc<TokenCounts>,
}

/// Token requests made and failed.
#[derive(Default, Debug)]
pub struct TokenCounts {
    pub refreshes: std::sync::atomic::AtomicU64,
    pub failures: std::sync::atomic::AtomicU64,
}

impl Tokens {
    pub fn new(grant: Grant, client: HttpsClient, timeout: Duration) -> Tokens {
        Tokens { grant, client, timeout, state: Arc::default(), counts: Arc::default() }
    }

    /// Which service this is ("Adobe IMS").
    pub fn service(&self) -> &'static str {
        self.grant.service()
    }

    fn state(&self) -> std::sync::MutexGuard<'_, TokenState> {
        lock(&self.state)
    }

    /// A valid token: the cached one, or the one the request under way brings.
    pub async fn token(&self) -> Result<String, TokenError> {
        let fetch = {
            let mut state = self.state();
            let now = Instant::now();
            let current = state.token.clone().filter(|t| now < t.expires_at);
            match current {
                Some(t) if now < t.refresh_at => return Ok(t.value),
                Some(t) => {
                    // Near its end: refresh in the background, hand out this one meanwhile.
                    if state.pending.is_none() && state.failed.as_ref().is_none_or(|(until, _)| now >= *until) {
                        let fetch = self.start(&mut state);
                        let state = self.state.clone();
                        tokio::spawn(async move { finish(&state, &fetch, fetch.clone().await) });
                    }
                    return Ok(t.value);
                }
                None => {}
            }
            if let Some((until, error)) = &state.failed {
                if now < *until {
                    return Err(error.clone());
                }
            }
            match &state.pending {
                Some(pending) => pending.clone(),
                None => self.start(&mut state),
            }
        };
        let result = fetch.clone().await;
        finish(&self.state, &fetch, result.clone());
        result.map(|t| t.value)
    }

    fn start(&self, state: &mut TokenState) -> Fetch {
        let (grant, client, timeout, counts) =
            (self.grant.clone(), self.client.clone(), self.timeout, self.counts.clone());
        let fetch = async move {
            counts.refreshes.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let result = match tokio::time::timeout(timeout, fetch_token(&grant, &client)).await {
                Ok(result) => result.map_err(TokenError::Failed),
                Err(_) => Err(TokenError::TimedOut(format!(
                    "{} did not answer within {} s",
                    grant.service(),
                    timeout.as_secs_f32()
                ))),
            };
            if let Err(e) = &result {
                counts.failures.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                crate::log::event("token_failed", &[("service", grant.service()), ("reason", &format!("{e:?}"))]);
            }
            result
        }
        .boxed()
        .shared();
        state.pending = Some(fetch.clone());
        fetch
    }
}

fn lock(state: &std::sync::Mutex<TokenState>) -> std::sync::MutexGuard<'_, TokenState> {
    state.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Records what a request to the token service brought, once, whoever awaited it first.
fn finish(state: &std::sync::Mutex<TokenState>, fetch: &Fetch, result: Result<Token, TokenError>) {
    let mut state = lock(state);
    if !state.pending.as_ref().is_some_and(|p| p.ptr_eq(fetch)) {
        return;
    }
    state.pending = None;
    match result {
        Ok(token) => {
            state.token = Some(token);
            state.failed = None;
        }
        Err(e) => state.failed = Some((Instant::now() + RETRY_AFTER_FAILURE, e)),
    }
}

/// One request to the token service.
async fn fetch_token(grant: &Grant, client: &HttpsClient) -> Result<Token, String> {
    let service = grant.service();
    let (url, form) = match grant {
        Grant::Ims { url, client_id, client_secret, scopes } => (
            format!("{}/ims/token/v3", url.trim_end_matches('/')),
            form_encode(&[
                ("grant_type", "client_credentials"),
                ("client_id", client_id),
                ("client_secret", client_secret),
                ("scope", scopes),
            ]),
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
    let (status, bytes) = exchange(client, request).await.map_err(|e| format!("{service} {e}"))?;
    if !status.is_success() {
        return Err(format!("{service} refused the credentials (HTTP {})", status.as_u16()));
    }
    let body: serde_json::Value =
        serde_json::from_slice(&bytes).map_err(|_| format!("{service}'s answer is not JSON"))?;
    let value = body["access_token"]
        .as_str()
        .filter(|t| !t.is_empty())
        .ok_or(format!("{service}'s answer has no access_token"))?
        .to_string();
    // A day at most: an absurd lifetime must not overflow the clock, nor keep a token forever.
    let lifetime = Duration::from_secs(body["expires_in"].as_u64().unwrap_or(3600).clamp(1, 86_400));
    let margin = (lifetime / 10).max(Duration::from_secs(60)).min(lifetime / 2);
    crate::log::event("token_issued", &[("service", service), ("valid_seconds", &lifetime.as_secs().to_string())]);
    let now = Instant::now();
    Ok(Token { value, refresh_at: now + lifetime - margin, expires_at: now + lifetime })
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

/// Which credentials a call carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Auth {
    /// The API key and the access token.
    Full,
    /// The API key alone: Adobe's `GET /ping`, which works whatever the token service does.
    KeyOnly,
}

impl Credentials {
    async fn headers(&self, auth: Auth) -> Result<Vec<(HeaderName, String)>, TokenError> {
        if auth == Auth::KeyOnly {
            return Ok(match self {
                Credentials::AdobeIo { api_key, .. } => vec![(HeaderName::from_static("x-api-key"), api_key.clone())],
                Credentials::Csp { .. } => Vec::new(),
                Credentials::Fixed { headers } => {
                    headers.iter().filter(|(name, _)| *name != header::AUTHORIZATION).cloned().collect()
                }
            });
        }
        Ok(match self {
            Credentials::AdobeIo { api_key, tokens } => {
                let token = tokens.token().await?;
                vec![
                    (HeaderName::from_static("x-api-key"), api_key.clone()),
                    (header::AUTHORIZATION, format!("Bearer {token}")),
                ]
            }
            Credentials::Csp { tokens } => vec![(HeaderName::from_static("csp-auth-token"), tokens.token().await?)],
            Credentials::Fixed { headers } => headers.clone(),
        })
    }
}

/// Where calls go.
#[derive(Clone)]
enum Target {
    // Boxed: with HTTP/2 compiled into hyper's client (the workspace's bench tools ask for it),
    // the client is hundreds of bytes, and this enum one value per upstream.
    Http { base: String, client: Box<HttpsClient> },
    InProcess(Router),
}

/// One upstream API with its credentials.
#[derive(Clone)]
pub struct Upstream {
    target: Target,
    credentials: Credentials,
    /// Time for one call to be answered, its body included.
    timeout: Duration,
}

/// Headers that describe one connection, not the message: never passed on.
pub const HOP_BY_HOP: [&str; 8] = [
    "connection",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
];
/// What a browser may have sent that must never reach an upstream. `accept-encoding` among
/// them: the gateway reads answers (a transfer's reseller, the audit's outcome), so it asks
/// for them as plain bytes (`identity`: a request without the header accepts any encoding);
/// its own compression layer compresses them for the browser.
const BROWSER_ONLY: [&str; 7] =
    ["host", "x-api-key", "authorization", "cookie", "csp-auth-token", "origin", "accept-encoding"];

impl Upstream {
    /// An API at `base` (`https://partners.adobe.io`), over HTTP(S).
    pub fn http(base: &str, credentials: Credentials, client: HttpsClient, timeout: Duration) -> Upstream {
        Upstream {
            target: Target::Http { base: base.trim_end_matches('/').to_string(), client: Box::new(client) },
            credentials,
            timeout,
        }
    }

    /// An API answered by `router` in this process (the twin).
    pub fn in_process(router: Router, credentials: Credentials, timeout: Duration) -> Upstream {
        Upstream { target: Target::InProcess(router), credentials, timeout }
    }

    /// Whether the upstream answers at all (any HTTP status) within 3 s: for `/readyz`.
    pub async fn reachable(&self) -> bool {
        match &self.target {
            Target::InProcess(_) => true,
            Target::Http { base, client } => {
                let Ok(request) = Request::get(format!("{base}/")).body(Body::empty()) else { return false };
                matches!(tokio::time::timeout(Duration::from_secs(3), client.request(request)).await, Ok(Ok(_)))
            }
        }
    }

    /// The token service behind this upstream's credentials, if any.
    pub fn tokens(&self) -> Option<&Arc<Tokens>> {
        match &self.credentials {
            Credentials::AdobeIo { tokens, .. } | Credentials::Csp { tokens } => Some(tokens),
            Credentials::Fixed { .. } => None,
        }
    }

    /// Sends `request` (its path relative to the API base) with the upstream's credentials in
    /// place of the browser's.
    pub async fn send(&self, request: Request) -> Result<Response, GatewayError> {
        self.send_with(request, Auth::Full).await
    }

    /// [`Upstream::send`] with the credentials `auth` names.
    pub async fn send_with(&self, request: Request, auth: Auth) -> Result<Response, GatewayError> {
        let credentials = self.credentials.headers(auth).await.map_err(|e| e.refusal())?;
        let (mut parts, body) = request.into_parts();
        for name in HOP_BY_HOP.iter().chain(&BROWSER_ONLY) {
            parts.headers.remove(*name);
        }
        parts.headers.insert(header::ACCEPT_ENCODING, HeaderValue::from_static("identity"));
        for (name, value) in credentials {
            let value = HeaderValue::from_str(&value).map_err(|_| {
                GatewayError::refusal(UPSTREAM_CREDENTIALS).with_detail("a credential is not a valid header value")
            })?;
            parts.headers.insert(name, value);
        }
        let call = async {
            let response = match &self.target {
                Target::Http { base, client } => {
                    let target = format!("{base}{}", parts.uri.path_and_query().map(|p| p.as_str()).unwrap_or("/"));
                    parts.uri = target
                        .parse::<Uri>()
                        .map_err(|_| GatewayError::refusal(UPSTREAM_UNREACHABLE).with_detail("bad upstream URL"))?;
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
            // The whole answer is read here, so the timeout covers it and a duplicate can share it.
            let (mut parts, body) = response.into_parts();
            let bytes = body.collect().await.map_err(|_| GatewayError::refusal(UPSTREAM_CUT_OFF))?.to_bytes();
            for name in HOP_BY_HOP {
                parts.headers.remove(name);
            }
            parts.headers.remove(header::CONTENT_LENGTH);
            Ok(Response::from_parts(parts, Body::from(bytes)))
        };
        match tokio::time::timeout(self.timeout, call).await {
            Ok(answer) => answer,
            Err(_) => Err(GatewayError::refusal(UPSTREAM_TIMEOUT)
                .with_detail(format!("no answer within {} s", self.timeout.as_secs_f32()))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_stay_out_of_debug_output() {
        let ims = Grant::Ims {
            url: "https://ims.example".into(),
            client_id: "id".into(),
            client_secret: "s3cr3t".into(),
            scopes: "a".into(),
        };
        let csp = Grant::Csp { url: "https://csp.example".into(), api_token: "t0ken".into() };
        assert!(!format!("{ims:?}").contains("s3cr3t"));
        assert!(!format!("{csp:?}").contains("t0ken"));
    }

    #[test]
    fn form_values_are_encoded() {
        assert_eq!(form_encode(&[("a b", "c&d=e,é")]), "a%20b=c%26d%3De%2C%C3%A9");
    }
}
