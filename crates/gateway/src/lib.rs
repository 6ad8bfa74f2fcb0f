//! The gateway: the one server a distributor deploys. It serves the built console, signs users
//! in with the distributor's OpenID Connect provider (or takes a portal's token), and forwards
//! the console's two API bases to their upstreams — only the calls of its allowlist, only for
//! the signed-in user's tenant, with the upstreams' credentials in place of the browser's.
//!
//! Read top to bottom, a call to `{base}api/vipmp/v3/customers/{id}/orders` meets:
//! 1. [`tenancy::match_endpoint`]: a plain path of the allowlist, or 404;
//! 2. [`session::Sessions::caller`]: a verified bearer token or a live session cookie, or 401;
//!    a change under a session must come from the console's own origin, or 403;
//! 3. [`tenancy::authorize`]: the rule of the endpoint for the user's role and resellers, or 403;
//! 4. [`upstream::Upstream::send`]: the upstream's credentials added, the call forwarded;
//! 5. [`tenancy::check_answer`]: an answer that names its reseller checked, or 403.
//!
//! The embedded default runs the twin ([`partner_sandbox`]) as the upstream in the same
//! process, with the demo identity provider: only then do fault injection and `__sandbox/`
//! exist.

pub mod audit;
pub mod demo_idp;
pub mod error;
pub mod guard;
pub mod identity;
pub mod inflight;
pub mod log;
pub mod metrics;
pub mod ops;
pub mod revoked;
pub mod server;
pub mod session;
pub mod static_files;
pub mod tenancy;
pub mod testing;
pub mod upstream;

use axum::extract::{Request, State};
use axum::http::{header, HeaderName};
use axum::middleware;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use axum_extra::extract::cookie::Key;
use identity::{IdentitySettings, Provider};
use partner_model::gateway::NOT_FORWARDED;
use session::Sessions;
use std::io;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tenancy::{Api, Owners};
use tower_http::compression::CompressionLayer;
use upstream::{Credentials, Grant, Tokens, Upstream};

pub use server::{serve, Limits};
pub use static_files::StaticSite;

/// A real upstream API.
#[derive(Clone, Debug)]
pub struct RemoteApi {
    /// Its base URL (`https://partners.adobe.io`).
    pub base: String,
    /// How the gateway gets its access token.
    pub grant: Grant,
}

/// Where the console's API calls go.
#[derive(Clone, Debug)]
pub enum Upstreams {
    /// The twin, in this process (the embedded default; demos and tests).
    Twin(partner_sandbox::Settings),
    /// The real APIs: Adobe's (IMS credentials) and, when the distributor uses it, VMware's.
    Remote { vipmp: RemoteApi, cpn: Option<RemoteApi> },
}

/// Who signs users in.
#[derive(Clone, Debug)]
pub enum Identity {
    /// The distributor's OpenID Connect provider.
    Provider(IdentitySettings),
    /// The demo provider at `{base}__demo-idp`, with demo users (twin only).
    Demo,
}

/// Everything the gateway needs, checked before it starts.
#[derive(Clone)]
pub struct Settings {
    /// The built console (Trunk's `dist/`).
    pub dist: PathBuf,
    /// The sub-path the console and its APIs are served under: starts and ends with `/`.
    pub base_path: String,
    /// Where browsers reach the gateway (`https://console.example.com`), no trailing slash.
    pub public_origin: String,
    pub upstreams: Upstreams,
    pub identity: Identity,
    /// Encrypts and signs the session cookies: the same for every instance.
    pub session_key: Vec<u8>,
    /// How long a session lasts after signing in.
    pub session_lifetime: Duration,
    /// `Secure` on cookies.
    pub secure_cookies: bool,
    /// How long a customer's reseller is trusted once read.
    pub owner_ttl: Duration,
    /// Timeouts and sizes.
    pub limits: Limits,
    /// `Host` values served besides the public origin's (an internal name a proxy uses).
    pub extra_hosts: Vec<String>,
    /// `Strict-Transport-Security: max-age` in seconds; 0 sends none.
    pub hsts_seconds: u64,
    /// Where the audit trail is kept: `sqlite://FILE`, `sqlite::memory:` or `postgres://…`.
    pub audit_url: String,
    /// The bearer `/metrics` wants, when set.
    pub metrics_token: Option<String>,
}

impl Settings {
    /// The embedded default: the twin upstream and the demo provider, serving `dist` at
    /// `base_path` for browsers at `public_origin`, with a fresh session key.
    pub fn embedded(dist: impl Into<PathBuf>, base_path: &str, public_origin: &str) -> Result<Settings, String> {
        Ok(Settings {
            dist: dist.into(),
            base_path: normalize_base_path(base_path)?,
            public_origin: public_origin.trim_end_matches('/').to_string(),
            upstreams: Upstreams::Twin(partner_sandbox::Settings::default()),
            identity: Identity::Demo,
            session_key: random_bytes(64),
            session_lifetime: Duration::from_secs(8 * 3600),
            secure_cookies: true,
            owner_ttl: Duration::from_secs(60),
            limits: Limits::default(),
            extra_hosts: Vec::new(),
            hsts_seconds: hsts_default(public_origin),
            audit_url: "sqlite::memory:".into(),
            metrics_token: None,
        })
    }
}

/// A year of HSTS when browsers reach the gateway over HTTPS; none over plain HTTP.
pub fn hsts_default(public_origin: &str) -> u64 {
    if public_origin.starts_with("https://") {
        365 * 24 * 3600
    } else {
        0
    }
}

/// `n` random bytes from the operating system.
pub fn random_bytes(n: usize) -> Vec<u8> {
    let mut bytes = vec![0u8; n];
    if ring::rand::SecureRandom::fill(&ring::rand::SystemRandom::new(), &mut bytes).is_err() {
        // Without randomness every session id, sign-in state and key would be guessable: the
        // gateway stops rather than serve with them.
        eprintln!("partner-gateway: the operating system gave no random bytes; stopping");
        std::process::abort();
    }
    bytes
}

/// `n` random bytes, base64url without padding: nonces, codes, key ids.
pub fn random_token(n: usize) -> String {
    base64::Engine::encode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, random_bytes(n))
}

/// `partner/console` → `/partner/console/`; refuses anything but plain path segments.
pub fn normalize_base_path(raw: &str) -> Result<String, String> {
    let trimmed = raw.trim().trim_matches('/');
    let ok = trimmed.split('/').all(|seg| trimmed.is_empty() || (!seg.is_empty() && seg != "." && seg != ".."))
        && trimmed.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'));
    if !ok {
        return Err(format!("base path {raw:?} must be plain path segments like /partner/console/"));
    }
    Ok(if trimmed.is_empty() { "/".to_string() } else { format!("/{trimmed}/") })
}

/// The gateway as built: its router, and what a demo prints.
pub struct Built {
    pub router: Router,
    /// The twin's resellers (id, company name), in the twin's order: empty with real upstreams.
    pub twin_resellers: Vec<(String, String)>,
    /// The demo provider, when [`Identity::Demo`].
    pub demo: Option<demo_idp::DemoIdp>,
}

struct Gateway {
    sessions: Arc<Sessions>,
    vipmp: Upstream,
    cpn: Option<Upstream>,
    owners: Owners,
    limits: Limits,
    audit: audit::Audit,
    inflight: inflight::InFlight,
    metrics: Arc<metrics::Metrics>,
}

/// The client id the embedded demo provider knows the gateway by.
pub const DEMO_CLIENT_ID: &str = "partner-console-demo";

/// Builds the whole gateway.
pub fn app(settings: &Settings) -> io::Result<Built> {
    // (Logs `config_invalid` when config.json does not parse.)
    let site = StaticSite::load(&settings.dist, &settings.base_path)?;
    let client = upstream::https_client().map_err(io::Error::other)?;
    let mut twin = None;
    let timeout = settings.limits.upstream_timeout;
    let (vipmp, cpn) = match &settings.upstreams {
        Upstreams::Twin(twin_settings) => {
            let apis = partner_sandbox::apis(twin_settings)?;
            let adobe = Credentials::Fixed {
                headers: vec![
                    (HeaderName::from_static("x-api-key"), partner_sandbox::vipmp::SANDBOX_API_KEY.into()),
                    (header::AUTHORIZATION, format!("Bearer {}", partner_sandbox::vipmp::SANDBOX_ACCESS_TOKEN)),
                ],
            };
            let csp = Credentials::Fixed {
                headers: vec![(
                    HeaderName::from_static(partner_sandbox::vipmp::CSP_AUTH_TOKEN),
                    partner_sandbox::vipmp::SANDBOX_ACCESS_TOKEN.into(),
                )],
            };
            let pair = (
                Upstream::in_process(apis.vipmp.clone(), adobe, timeout),
                Some(Upstream::in_process(apis.cpn.clone(), csp, timeout)),
            );
            twin = Some(apis);
            pair
        }
        Upstreams::Remote { vipmp, cpn } => {
            let remote = |api: &RemoteApi| {
                let tokens = Arc::new(Tokens::new(api.grant.clone(), client.clone(), settings.limits.token_timeout));
                let credentials = match &api.grant {
                    Grant::Ims { client_id, .. } => Credentials::AdobeIo { api_key: client_id.clone(), tokens },
                    Grant::Csp { .. } => Credentials::Csp { tokens },
                };
                Upstream::http(&api.base, credentials, client.clone(), timeout)
            };
            (remote(vipmp), cpn.as_ref().map(remote))
        }
    };
    let twin_resellers = twin.as_ref().map(|apis| apis.resellers.clone()).unwrap_or_default();
    let (identity, demo) = match &settings.identity {
        Identity::Provider(identity) => (identity.clone(), None),
        Identity::Demo => {
            if twin.is_none() {
                return Err(io::Error::other("the demo identity provider runs only with the twin as the upstream"));
            }
            let issuer = format!("{}{}__demo-idp", settings.public_origin, settings.base_path);
            let secret = random_token(24);
            let users = demo_idp::demo_users(&twin_resellers);
            let idp = demo_idp::DemoIdp::new(&issuer, &settings.public_origin, DEMO_CLIENT_ID, &secret, users)
                .map_err(io::Error::other)?;
            (IdentitySettings::for_client(&issuer, DEMO_CLIENT_ID, &secret), Some(idp))
        }
    };
    let audit =
        audit::Audit::lazy(&settings.audit_url).map_err(|e| io::Error::other(format!("AUDIT_DATABASE_URL {e}")))?;
    let sessions = Arc::new(Sessions {
        provider: Provider::new(identity, client.clone()),
        key: Key::derive_from(&settings.session_key),
        public_origin: settings.public_origin.clone(),
        base_path: settings.base_path.clone(),
        lifetime: settings.session_lifetime,
        secure: settings.secure_cookies,
        client,
        revoked: revoked::Revoked::new(audit.clone()),
    });
    let metrics = Arc::new(metrics::Metrics::default());
    for upstream in std::iter::once(&vipmp).chain(cpn.as_ref()) {
        if let Some(tokens) = upstream.tokens() {
            metrics.watch_tokens(tokens.service(), tokens.counts.clone());
        }
    }
    let gateway = Arc::new(Gateway {
        sessions: sessions.clone(),
        vipmp,
        cpn,
        owners: Owners::new(settings.owner_ttl),
        limits: settings.limits.clone(),
        audit: audit.clone(),
        inflight: inflight::InFlight::default(),
        metrics: metrics.clone(),
    });
    let reader = audit::Reader { audit: audit.clone(), sessions: sessions.clone() };

    let auth = Router::new()
        .route("/auth/login", get(session::login))
        .route("/auth/callback", get(session::callback))
        .route("/auth/logout", post(session::logout))
        .route("/auth/me", get(session::me))
        .with_state(sessions);
    let api = |which: Api| Router::new().fallback(forward).with_state((gateway.clone(), which));
    let mut inner = Router::new()
        .nest("/api/vipmp", api(Api::Vipmp))
        .nest("/api/cpn", api(Api::Cpn))
        .route("/api/audit", get(audit::read).with_state(reader))
        .layer(answers_compressed())
        .merge(auth);
    let mut site_router = Router::new().fallback(move |request: Request| {
        let site = site.clone();
        async move { serve_site(&site, request) }
    });
    if let Some(apis) = &twin {
        inner = inner.nest("/__sandbox", apis.admin.clone().layer(answers_compressed()));
        // The site takes faults too (paths relative to the app's base), so a test can fail the
        // download of one area's code.
        site_router =
            site_router.layer(middleware::from_fn_with_state(apis.faults.clone(), partner_sandbox::faults::inject));
    }
    if let Some(idp) = &demo {
        inner = inner.nest("/__demo-idp", idp.router());
    }
    let inner = inner.fallback_service(site_router);
    let router = if settings.base_path == "/" {
        inner
    } else {
        let prefix = settings.base_path.trim_end_matches('/').to_string();
        let home = settings.base_path.clone();
        let outside = move |request: Request| {
            let home = home.clone();
            async move {
                // Only the site root and the base without its slash lead into the console.
                if request.uri().path() == "/" || request.uri().path() == home.trim_end_matches('/') {
                    Redirect::permanent(&home).into_response()
                } else {
                    error::GatewayError::refusal(NOT_FORWARDED)
                        .with_detail("the console is served under another path")
                        .into_response()
                }
            }
        };
        Router::new().nest_service(&format!("{prefix}/"), inner).fallback(outside)
    };
    let guard = Arc::new(guard::Guard::new(&settings.public_origin, &settings.extra_hosts, settings.hsts_seconds));
    let router = router.layer(middleware::from_fn_with_state(guard, guard::guard));
    let router = ops::routes(ops::Ops {
        audit,
        gateway: gateway.clone(),
        metrics: metrics.clone(),
        metrics_token: settings.metrics_token.clone(),
    })
    .fallback_service(router)
    .layer(middleware::from_fn_with_state(metrics, ops::count));
    Ok(Built { router, twin_resellers, demo })
}

/// Compresses the API's answers for the browser: brotli at quality 5 (gzip at level 5 for a
/// browser without brotli). tower-http's default brotli quality, 4, is the last of brotli's
/// quick settings; 5 adds its context modelling, and on the twin's answers it is 9–18% smaller
/// in the same time or less (2026-12-06, this machine, the best of 3 or of 200: a 5,000-item
/// subscription list, 1.9 MB, 145.7 → 127.1 KiB in 26–37 → 33–39 ms; 200 KB of it 16.5 → 13.5
/// KB in 2.3 → 1.9 ms; 20 KB 2.1 → 1.9 KB in 0.25 → 0.23 ms). 6 and above cost more time for
/// less than 1% more.
fn answers_compressed() -> CompressionLayer {
    CompressionLayer::new().quality(tower_http::CompressionLevel::Precise(5))
}

fn serve_site(site: &StaticSite, request: Request) -> Response {
    let path = request.uri().path();
    if ["/api/", "/auth/", "/__sandbox", "/__demo-idp"].iter().any(|p| path.starts_with(p)) {
        return error::GatewayError::refusal(NOT_FORWARDED).into_response();
    }
    site.respond(request.method(), request.uri(), request.headers())
}

/// One API call: matched, its caller known, authorized, forwarded, its answer checked; the
/// answer labelled for the metrics.
async fn forward(State((g, api)): State<(Arc<Gateway>, Api)>, request: Request) -> Response {
    let mut role = "anonymous";
    let mut route = "unmatched";
    let mut response = forward_labelled(&g, api, request, &mut route, &mut role).await;
    response.extensions_mut().insert(metrics::Labels { route, role });
    response
}

async fn forward_labelled(
    g: &Arc<Gateway>,
    api: Api,
    request: Request,
    route: &mut &'static str,
    role: &mut &'static str,
) -> Response {
    let method = request.method().clone();
    let matched = match tenancy::match_endpoint(api, &method, request.uri().path()) {
        Ok(m) => m,
        Err(e) => return e.into_response(),
    };
    *route = matched.endpoint.template;
    let me = match g.sessions.caller(&method, request.headers()).await {
        Ok(me) => me,
        Err(e) => return e.into_response(),
    };
    *role = if me.role.is_distributor() { "distributor" } else { "reseller" };
    // Too large is refused before a byte of it is read, or as soon as a body without a length
    // runs past the limit.
    let declared =
        request.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > tenancy::BODY_LIMIT as u64) {
        return error::GatewayError::refusal(partner_model::gateway::TOO_LARGE).into_response();
    }
    let (request, body) = match read_body(request, g.limits.body_timeout).await {
        Ok(read) => read,
        Err(e) => return e.into_response(),
    };
    let change = tenancy::is_change(matched.endpoint, &method, &body);
    let upstream = match api {
        Api::Vipmp => g.vipmp.clone(),
        Api::Cpn => match &g.cpn {
            Some(cpn) => cpn.clone(),
            None => {
                return error::GatewayError::refusal(NOT_FORWARDED)
                    .with_detail("no VMware upstream is configured")
                    .into_response()
            }
        },
    };
    let (request, concerns) = match tenancy::authorize(&me, &matched, request, &g.owners, &upstream).await {
        Ok(r) => r,
        Err(refused) => return refused,
    };
    let (correlation, request_id) =
        (header_text(request.headers(), "x-correlation-id"), header_text(request.headers(), "x-request-id"));
    let path = request.uri().path_and_query().map(|p| p.as_str().to_string()).unwrap_or_default();
    let tenant = match &me.role {
        partner_model::gateway::Role::Distributor => "distributor".to_string(),
        partner_model::gateway::Role::Reseller { reseller_ids } => reseller_ids.join(","),
    };
    log::event(
        "forward",
        &[
            ("method", method.as_str()),
            ("route", matched.endpoint.template),
            ("subject", &me.subject),
            ("tenant", &tenant),
            ("correlation_id", &correlation),
            ("request_id", &request_id),
        ],
    );
    let auth = if matched.endpoint.key_only { upstream::Auth::KeyOnly } else { upstream::Auth::Full };
    if !change {
        let response = call_upstream(g, api, &upstream, request, auth).await;
        if matched.endpoint.moves_customers {
            g.owners.forget_all();
        }
        return tenancy::check_answer(&me, &matched, response).await;
    }
    // A change: recorded before it is sent, sent once even when sent twice at once.
    let audit_id = match g
        .audit
        .begin(&audit::NewEntry {
            me: &me,
            concerns: &concerns,
            method: method.as_str(),
            template: matched.endpoint.template,
            path: &path,
            correlation_id: &correlation,
            request_id: &request_id,
        })
        .await
    {
        Ok(id) => id,
        Err(e) => return e.into_response(),
    };
    let call = {
        let (g, moves) = (g.clone(), matched.endpoint.moves_customers);
        async move {
            let response = call_upstream(&g, api, &upstream, request, auth).await;
            if moves {
                g.owners.forget_all();
            }
            let answer = inflight::Answer::read(response).await;
            let (outcome, code, result) = outcome_of(&answer);
            g.audit.complete(&audit_id, outcome, answer.status.as_u16(), &code, &result, &concerns).await;
            answer
        }
    };
    let answer = if correlation.is_empty() {
        call.await
    } else {
        let key = format!("{tenant} {method} {path} {correlation}");
        let (answer, joined) = g.inflight.run(key, call).await;
        if joined {
            g.metrics.absorbed.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            log::event(
                "duplicate_absorbed",
                &[("route", matched.endpoint.template), ("subject", &me.subject), ("correlation_id", &correlation)],
            );
        }
        answer
    };
    tenancy::check_answer(&me, &matched, answer.response()).await
}

fn header_text(headers: &axum::http::HeaderMap, name: &str) -> String {
    headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_string()
}

/// Sends `request` to `upstream`, timing it; a gateway error as its answer.
async fn call_upstream(g: &Gateway, api: Api, upstream: &Upstream, request: Request, auth: upstream::Auth) -> Response {
    let started = std::time::Instant::now();
    let response = match upstream.send_with(request, auth).await {
        Ok(r) => r,
        Err(e) => e.into_response(),
    };
    g.metrics.upstream(if api == Api::Vipmp { "vipmp" } else { "cpn" }, started.elapsed());
    response
}

/// What an answer says for the audit trail: answered or not, the API's code, the id it names.
fn outcome_of(answer: &inflight::Answer) -> (partner_model::audit::Outcome, String, String) {
    let json: serde_json::Value = serde_json::from_slice(&answer.body).unwrap_or_default();
    let code = json["code"].as_str().unwrap_or_default().to_string();
    let ours = answer.refused.as_deref().is_some_and(|c| c.starts_with("GW-UPSTREAM"));
    let outcome = if ours { partner_model::audit::Outcome::Failed } else { partner_model::audit::Outcome::Answered };
    let result = ["orderId", "transferId", "subscriptionId", "customerId", "resellerId"]
        .iter()
        .find_map(|k| json[*k].as_str())
        .filter(|_| answer.status.is_success())
        .unwrap_or_default()
        .to_string();
    (outcome, code, result)
}

/// The request with its whole body read (and the body, to look at): at most
/// [`tenancy::BODY_LIMIT`] bytes, within `timeout` of its headers.
async fn read_body(request: Request, timeout: Duration) -> Result<(Request, axum::body::Bytes), error::GatewayError> {
    use http_body_util::BodyExt;
    let (parts, body) = request.into_parts();
    let limited = http_body_util::Limited::new(body, tenancy::BODY_LIMIT);
    match tokio::time::timeout(timeout, limited.collect()).await {
        Ok(Ok(collected)) => {
            let bytes = collected.to_bytes();
            Ok((Request::from_parts(parts, axum::body::Body::from(bytes.clone())), bytes))
        }
        Ok(Err(e)) if e.is::<http_body_util::LengthLimitError>() => {
            Err(error::GatewayError::refusal(partner_model::gateway::TOO_LARGE))
        }
        Ok(Err(_)) => {
            Err(error::GatewayError::refusal(partner_model::gateway::BAD_BODY).with_detail("the body was cut off"))
        }
        Err(_) => Err(error::GatewayError::refusal(partner_model::gateway::SLOW_REQUEST)
            .with_detail(format!("the body did not arrive within {} s", timeout.as_secs()))),
    }
}
