//! A gateway and its identity provider on 127.0.0.1, for tests and benchmarks: the gateway on
//! one port, the demo provider on another (a separate origin, as a real provider is), both
//! stopped when dropped. Tests sign in as the demo users through the real flow, or take a token
//! as a portal's page would.

use crate::demo_idp::{demo_users, DemoIdp};
use crate::identity::IdentitySettings;
use crate::{app, normalize_base_path, random_bytes, Identity, Settings, Upstreams};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use hyper_util::client::legacy::{connect::HttpConnector, Client};
use hyper_util::rt::TokioExecutor;
use std::path::Path;
use std::time::Duration;

/// Distributor staff among the demo users.
pub const DISTRIBUTOR: &str = "demo-distributor";
/// The user of the twin's first reseller (Northwind Software Partners).
pub const RESELLER_A: &str = "demo-reseller-a";
/// The user of the twin's second reseller (Maple Leaf Licensing Inc.).
pub const RESELLER_B: &str = "demo-reseller-b";

/// The client id the gateway has at the test provider.
pub const CLIENT_ID: &str = "partner-console-test";

/// A running gateway and its provider.
pub struct Running {
    /// The console's URL, ending with `/` (`http://127.0.0.1:PORT/partner/console/`).
    pub url: String,
    /// The gateway's origin (`http://127.0.0.1:PORT`).
    pub origin: String,
    pub idp: DemoIdp,
    /// The twin's resellers (id, company name), when the twin is the upstream.
    pub resellers: Vec<(String, String)>,
    stops: Vec<tokio::sync::oneshot::Sender<()>>,
}

async fn spawn(
    router: axum::Router,
    listener: tokio::net::TcpListener,
    limits: crate::Limits,
) -> tokio::sync::oneshot::Sender<()> {
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(async move {
        let _ = crate::serve(listener, router, limits, async {
            let _ = stopped.await;
        })
        .await;
    });
    stop
}

/// Settings for a test gateway at `origin` whose provider is at `issuer`.
pub fn settings(
    dist: &Path,
    base_path: &str,
    origin: &str,
    issuer: &str,
    secret: &str,
    upstreams: Upstreams,
) -> Settings {
    Settings {
        dist: dist.to_path_buf(),
        base_path: normalize_base_path(base_path).unwrap_or_else(|_| "/".into()),
        public_origin: origin.to_string(),
        upstreams,
        identity: Identity::Provider(IdentitySettings::for_client(issuer, CLIENT_ID, secret)),
        session_key: random_bytes(64),
        session_lifetime: Duration::from_secs(3600),
        secure_cookies: true,
        owner_ttl: Duration::from_secs(60),
        limits: crate::Limits::default(),
        extra_hosts: Vec::new(),
        hsts_seconds: 0,
        audit_url: std::env::var("PARTNER_TEST_AUDIT_URL").unwrap_or_else(|_| "sqlite::memory:".into()),
        metrics_token: None,
    }
}

impl Running {
    /// Serves `dist` under `base_path` with `upstreams`, and the demo provider beside it;
    /// `adjust` may change the settings first.
    pub async fn start(
        dist: &Path,
        base_path: &str,
        upstreams: Upstreams,
        adjust: impl FnOnce(&mut Settings),
    ) -> std::io::Result<Running> {
        crate::log::to_test_output();
        let gateway = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let provider = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let origin = format!("http://{}", gateway.local_addr()?);
        let issuer = format!("http://{}", provider.local_addr()?);
        let secret = crate::random_token(24);
        let mut settings = settings(dist, base_path, &origin, &issuer, &secret, upstreams);
        adjust(&mut settings);
        let built = app(&settings)?;
        let idp = DemoIdp::new(&issuer, &origin, CLIENT_ID, &secret, demo_users(&built.twin_resellers))
            .map_err(std::io::Error::other)?;
        let stops = vec![
            spawn(built.router, gateway, settings.limits.clone()).await,
            spawn(idp.router(), provider, crate::Limits::default()).await,
        ];
        Ok(Running {
            url: format!("{origin}{}", settings.base_path),
            origin,
            idp,
            resellers: built.twin_resellers,
            stops,
        })
    }

    /// A bearer token for `subject`, as a portal's provider gives its pages.
    pub fn bearer(&self, subject: &str) -> String {
        self.idp.mint(subject, CLIENT_ID, Duration::from_secs(3600)).unwrap_or_default()
    }

    /// `GET {base}api/vipmp{path}` as `subject` (a bearer), the answer's JSON; an error for
    /// anything but 200.
    pub async fn api_get(&self, subject: &str, path: &str) -> Result<serde_json::Value, String> {
        let request = Request::get(format!("{}api/vipmp{path}", self.url))
            .header(header::AUTHORIZATION, format!("Bearer {}", self.bearer(subject)))
            .header("x-request-id", crate::tenancy::fresh_id())
            .header("x-correlation-id", crate::tenancy::fresh_id())
            .body(Body::empty())
            .map_err(|e| e.to_string())?;
        let response = client().request(request).await.map_err(|e| e.to_string())?;
        let status = response.status();
        let bytes = response.into_body().collect().await.map_err(|e| e.to_string())?.to_bytes();
        if status != StatusCode::OK {
            return Err(format!("GET {path} answered {status}: {}", String::from_utf8_lossy(&bytes)));
        }
        serde_json::from_slice(&bytes).map_err(|e| e.to_string())
    }

    /// `POST {base}api/vipmp{path}` with `body` as `subject` (a bearer, from the console's
    /// origin): the status and the answer's JSON (`Null` when it is not JSON).
    pub async fn api_post(
        &self,
        subject: &str,
        path: &str,
        body: &serde_json::Value,
    ) -> Result<(u16, serde_json::Value), String> {
        let request = Request::post(format!("{}api/vipmp{path}", self.url))
            .header(header::AUTHORIZATION, format!("Bearer {}", self.bearer(subject)))
            .header(header::ORIGIN, self.origin.as_str())
            .header(header::CONTENT_TYPE, "application/json")
            .header("x-request-id", crate::tenancy::fresh_id())
            .header("x-correlation-id", crate::tenancy::fresh_id())
            .body(Body::from(body.to_string()))
            .map_err(|e| e.to_string())?;
        let response = client().request(request).await.map_err(|e| e.to_string())?;
        let status = response.status().as_u16();
        let bytes = response.into_body().collect().await.map_err(|e| e.to_string())?.to_bytes();
        Ok((status, serde_json::from_slice(&bytes).unwrap_or_default()))
    }

    /// A customer of the twin's reseller `index` and an offer it may order now (the offer of
    /// one of its subscriptions at the level a preview gives): what a test orders.
    pub async fn order_target(&self, index: usize) -> Result<(String, String), String> {
        let reseller = &self.resellers.get(index).ok_or("no such reseller")?.0;
        let customers = self.api_get(DISTRIBUTOR, &format!("/v3/resellers/{reseller}/customers?limit=20")).await?;
        for account in customers["accounts"].as_array().cloned().unwrap_or_default() {
            let customer = account["customerId"].as_str().unwrap_or_default().to_string();
            let subs = self.api_get(DISTRIBUTOR, &format!("/v3/customers/{customer}/subscriptions")).await?;
            let Some(offer) = subs["items"].as_array().and_then(|i| i.iter().find_map(|s| s["offerId"].as_str()))
            else {
                continue;
            };
            let preview = serde_json::json!({ "orderType": "PREVIEW", "currencyCode": "USD", "lineItems": [{ "extLineItemNumber": 1, "offerId": offer, "quantity": 1 }] });
            let (_, best) = self.api_post(DISTRIBUTOR, &format!("/v3/customers/{customer}/orders"), &preview).await?;
            if let Some(offer) = best["lineItems"][0]["offerId"].as_str() {
                return Ok((customer, offer.to_string()));
            }
        }
        Err(format!("no customer of reseller {reseller} to order for"))
    }

    /// Signs `subject` in through the gateway's real flow over HTTP, and returns the session
    /// cookie (`__Host-partner_session=…`) to send.
    pub async fn session_cookie(&self, subject: &str) -> Result<String, String> {
        session_cookie_at(&self.url, subject).await
    }
}

/// Signs `subject` in at the console `url` (a gateway whose provider is the demo one) through
/// the real flow over HTTP, and returns the session cookie (`__Host-partner_session=…`) to send.
pub async fn session_cookie_at(url: &str, subject: &str) -> Result<String, String> {
    let client = client();
    let send = |request: Request<Body>| {
        let client = client.clone();
        async move { client.request(request).await.map_err(|e| e.to_string()) }
    };
    let location = |r: &hyper::Response<hyper::body::Incoming>| {
        r.headers().get(header::LOCATION).and_then(|v| v.to_str().ok()).unwrap_or_default().to_string()
    };
    let cookie_of = |r: &hyper::Response<hyper::body::Incoming>, name: &str| {
        r.headers()
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with(&format!("{name}=")) || v.starts_with(&format!("__Host-{name}=")))
            .and_then(|v| v.split(';').next())
            .map(str::to_string)
    };
    let login = send(Request::get(format!("{url}auth/login")).body(Body::empty()).map_err(|e| e.to_string())?).await?;
    let sign_in = cookie_of(&login, "partner_sign_in").ok_or("no sign-in cookie")?;
    let authorize = location(&login);
    let (endpoint, query) = authorize.split_once('?').ok_or("no authorization request")?;
    let form = format!("{query}&user={subject}");
    let chosen = send(
        Request::post(endpoint)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(form))
            .map_err(|e| e.to_string())?,
    )
    .await?;
    let callback = location(&chosen);
    let back =
        send(Request::get(&callback).header(header::COOKIE, sign_in).body(Body::empty()).map_err(|e| e.to_string())?)
            .await?;
    if back.status() != StatusCode::SEE_OTHER {
        let status = back.status();
        let body = back
            .into_body()
            .collect()
            .await
            .map(|b| String::from_utf8_lossy(&b.to_bytes()).into_owned())
            .unwrap_or_default();
        return Err(format!("callback answered {status}: {body}"));
    }
    cookie_of(&back, "partner_session").ok_or_else(|| "no session cookie".into())
}

/// A plain-HTTP client for 127.0.0.1.
fn client() -> Client<HttpConnector, Body> {
    Client::builder(TokioExecutor::new()).build(HttpConnector::new())
}

impl Drop for Running {
    fn drop(&mut self) {
        for stop in self.stops.drain(..) {
            let _ = stop.send(());
        }
    }
}
