//! Proxy mode (`--upstream URL`): the VIPMP base path is forwarded to a real Commerce Partner
//! API, with `X-Api-Key` (the integration's client id) and a bearer token obtained from Adobe
//! IMS by the OAuth server-to-server client-credentials grant, cached and refreshed before it
//! expires. Secrets come from the environment and never appear in logs, errors or responses.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderName, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use http_body_util::BodyExt;
use hyper_util::client::legacy::{connect::HttpConnector, Client};
use hyper_util::rt::TokioExecutor;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How to reach Adobe IMS.
#[derive(Clone)]
pub struct ImsSettings {
    /// IMS base URL (`https://ims-na1.adobelogin.com`).
    pub url: String,
    pub client_id: String,
    pub client_secret: String,
    /// Comma-separated scopes.
    pub scopes: String,
}

impl std::fmt::Debug for ImsSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ImsSettings")
            .field("url", &self.url)
            .field("client_id", &self.client_id)
            .field("client_secret", &"<redacted>")
            .field("scopes", &self.scopes)
            .finish()
    }
}

impl ImsSettings {
    /// From `IMS_CLIENT_ID`, `IMS_CLIENT_SECRET`, `IMS_SCOPES` and `IMS_URL`.
    pub fn from_env() -> Result<ImsSettings, String> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        Ok(ImsSettings {
            url: var("IMS_URL").unwrap_or_else(|| "https://ims-na1.adobelogin.com".into()),
            client_id: var("IMS_CLIENT_ID").ok_or("IMS_CLIENT_ID is not set")?,
            client_secret: var("IMS_CLIENT_SECRET").ok_or("IMS_CLIENT_SECRET is not set")?,
            scopes: var("IMS_SCOPES").unwrap_or_else(|| "openid,AdobeID,read_organizations".into()),
        })
    }
}

type HttpsClient = Client<hyper_rustls::HttpsConnector<HttpConnector>, Body>;

fn client() -> Result<HttpsClient, String> {
    let connector = hyper_rustls::HttpsConnectorBuilder::new()
        .with_native_roots()
        .map_err(|e| format!("no TLS root certificates: {e}"))?
        .https_or_http()
        .enable_http1()
        .build();
    Ok(Client::builder(TokioExecutor::new()).build(connector))
}

/// A cached IMS access token.
struct Token {
    value: String,
    refresh_at: Instant,
}

/// Hands out a valid access token, asking IMS only when the cached one is near its end.
pub struct Tokens {
    ims: ImsSettings,
    client: HttpsClient,
    cached: tokio::sync::Mutex<Option<Token>>,
}

impl Tokens {
    /// A token source for `ims`.
    pub fn new(ims: ImsSettings) -> Result<Tokens, String> {
        Ok(Tokens { ims, client: client()?, cached: tokio::sync::Mutex::new(None) })
    }

    /// A valid token: the cached one, or a fresh one when it is within 10% (at least a
    /// minute) of expiring.
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
        let form = format!(
            "grant_type=client_credentials&client_id={}&client_secret={}&scope={}",
            form_encode(&self.ims.client_id),
            form_encode(&self.ims.client_secret),
            form_encode(&self.ims.scopes)
        );
        let request = Request::post(format!("{}/ims/token/v3", self.ims.url.trim_end_matches('/')))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(form))
            .map_err(|_| "bad IMS URL".to_string())?;
        let response = self.client.request(request).await.map_err(|_| "Adobe IMS could not be reached".to_string())?;
        let status = response.status();
        let bytes = response.into_body().collect().await.map_err(|_| "Adobe IMS answer was cut off".to_string())?.to_bytes();
        if !status.is_success() {
            return Err(format!("Adobe IMS refused the client credentials (HTTP {status})"));
        }
        let body: serde_json::Value = serde_json::from_slice(&bytes).map_err(|_| "Adobe IMS answer is not JSON".to_string())?;
        let value = body["access_token"].as_str().filter(|t| !t.is_empty()).ok_or("Adobe IMS answer has no access_token")?.to_string();
        let lifetime = Duration::from_secs(body["expires_in"].as_u64().unwrap_or(3600));
        let margin = (lifetime / 10).max(Duration::from_secs(60)).min(lifetime / 2);
        eprintln!("sandbox: new IMS access token, valid for {} s", lifetime.as_secs());
        Ok(Token { value, refresh_at: Instant::now() + lifetime - margin })
    }
}

fn form_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The forwarding target.
#[derive(Clone)]
pub struct Upstream {
    base: String,
    api_key: String,
    tokens: Arc<Tokens>,
    client: HttpsClient,
}

impl Upstream {
    /// Forwards to `base` (`https://partners.adobe.io`), authenticating with `ims`.
    pub fn new(base: &str, ims: ImsSettings) -> Result<Upstream, String> {
        if !(base.starts_with("https://") || base.starts_with("http://")) {
            return Err(format!("--upstream must be an http(s) URL, got {base:?}"));
        }
        let api_key = ims.client_id.clone();
        Ok(Upstream { base: base.trim_end_matches('/').to_string(), api_key, tokens: Arc::new(Tokens::new(ims)?), client: client()? })
    }
}

const HOP_BY_HOP: [&str; 8] = ["connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade"];

fn gateway(reason: &str) -> Response {
    (StatusCode::BAD_GATEWAY, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], format!("The proxy could not reach the API: {reason}.\n")).into_response()
}

/// Forwards one request (path relative to the VIPMP base) to the upstream.
pub async fn forward(State(up): State<Upstream>, request: Request) -> Response {
    let token = match up.tokens.token().await {
        Ok(t) => t,
        Err(reason) => return gateway(&reason),
    };
    let (mut parts, body) = request.into_parts();
    let target = format!("{}{}", up.base, parts.uri.path_and_query().map(|p| p.as_str()).unwrap_or("/"));
    let Ok(uri) = target.parse::<Uri>() else { return gateway("bad upstream URL") };
    parts.uri = uri;
    let headers = &mut parts.headers;
    for name in HOP_BY_HOP.iter().chain(&["host", "x-api-key", "authorization", "cookie"]) {
        headers.remove(*name);
    }
    let (Ok(key), Ok(bearer)) = (HeaderValue::from_str(&up.api_key), HeaderValue::from_str(&format!("Bearer {token}"))) else {
        return gateway("credentials are not valid header values");
    };
    headers.insert(HeaderName::from_static("x-api-key"), key);
    headers.insert(header::AUTHORIZATION, bearer);
    let response = match up.client.request(Request::from_parts(parts, body)).await {
        Ok(r) => r,
        Err(_) => return gateway("no answer from the upstream API"),
    };
    let (mut parts, body) = response.into_parts();
    for name in HOP_BY_HOP {
        parts.headers.remove(name);
    }
    Response::from_parts(parts, Body::new(body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_stay_out_of_debug_output() {
        let ims = ImsSettings { url: "https://ims.example".into(), client_id: "id".into(), client_secret: "s3cr3t".into(), scopes: "a".into() };
        assert!(!format!("{ims:?}").contains("s3cr3t"));
    }

    #[test]
    fn form_values_are_encoded() {
        assert_eq!(form_encode("a b&c=d,é"), "a%20b%26c%3Dd%2C%C3%A9");
    }
}
