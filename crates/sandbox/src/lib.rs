//! The sandbox: one server that serves the built console, answers as the console's upstream
//! APIs do (the local twin), and adds credentials to API calls as the production proxy does —
//! so the console runs, demos and is tested on a machine with no partner credentials.

pub mod admin;
pub mod cpn;
pub mod faults;
pub mod proxy;
pub mod static_files;
pub mod twin;
pub mod upstream;
pub mod vipmp;

use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Router;
use std::io;
use std::path::PathBuf;
use std::sync::Arc;
use tower_http::compression::CompressionLayer;

pub use proxy::Credentials;
pub use static_files::StaticSite;

/// What one sandbox serves, and where.
#[derive(Clone, Debug)]
pub struct Settings {
    /// The built console (Trunk's `dist/`).
    pub dist: PathBuf,
    /// The sub-path the console and its APIs are served under: starts and ends with `/`.
    pub base_path: String,
    /// What the proxy layer adds to API calls.
    pub credentials: Credentials,
    /// Timing and persistence of the API twin.
    pub twin: twin::store::TwinSettings,
    /// The seed of the demo data.
    pub seed: u64,
    /// Adds a customer with 10,000 orders and 5,000 subscriptions (for benchmarks).
    pub large: bool,
    /// Names the first reseller and customer with HTML and script ([`faults::HOSTILE_TEXT`]),
    /// to prove the console shows API strings as text.
    pub hostile: bool,
    /// Faults in force from the start.
    pub faults: Vec<faults::Fault>,
    /// Proxy mode: forward the VIPMP base to this real API base URL, authenticated with IMS.
    pub upstream: Option<(String, upstream::ImsSettings)>,
}

impl Settings {
    /// Settings with the sandbox's own credentials, serving `dist` at `base_path`.
    pub fn new(dist: impl Into<PathBuf>, base_path: &str) -> Result<Settings, String> {
        Ok(Settings {
            dist: dist.into(),
            base_path: normalize_base_path(base_path)?,
            credentials: Credentials {
                api_key: vipmp::SANDBOX_API_KEY.to_string(),
                access_token: vipmp::SANDBOX_ACCESS_TOKEN.to_string(),
            },
            twin: twin::store::TwinSettings::default(),
            seed: 2026,
            large: false,
            hostile: false,
            faults: Vec::new(),
            upstream: None,
        })
    }
}

/// `partner/console` → `/partner/console/`; refuses anything but plain path segments.
pub fn normalize_base_path(raw: &str) -> Result<String, String> {
    let trimmed = raw.trim().trim_matches('/');
    let ok = trimmed
        .split('/')
        .all(|seg| trimmed.is_empty() || (!seg.is_empty() && seg != "." && seg != ".."))
        && trimmed.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'));
    if !ok {
        return Err(format!("base path {raw:?} must be plain path segments like /partner/console/"));
    }
    Ok(if trimmed.is_empty() { "/".to_string() } else { format!("/{trimmed}/") })
}

/// The whole sandbox as one router.
pub fn app(settings: &Settings) -> io::Result<Router> {
    let site = StaticSite::load(&settings.dist, &settings.base_path)?;
    if let Some(text) = site.text("config.json") {
        if let Err(e) = partner_model::config::parse(&text) {
            eprintln!("warning: the console's config.json is invalid, the console will say so: {e}");
        }
    }
    let mut world = vipmp::seed::world(settings.seed, twin::time::now(), settings.large);
    if settings.hostile {
        vipmp::seed::hostile(&mut world, faults::HOSTILE_TEXT);
    }
    let twin = twin::Twin::open(world, settings.twin.clone(), vipmp::seed::apply)?;
    let faults = faults::Faults::default();
    faults.set(settings.faults.clone());
    let credentials = Arc::new(settings.credentials.clone());
    let vipmp_api = match &settings.upstream {
        // The upstream adds its own credentials; the sandbox's are never sent anywhere.
        Some((base, ims)) => {
            let up = upstream::Upstream::new(base, ims.clone()).map_err(io::Error::other)?;
            Router::new().fallback(upstream::forward).with_state(up)
        }
        None => vipmp::router(twin.clone()).layer(middleware::from_fn_with_state(credentials.clone(), proxy::add_credentials)),
    };
    let api = Router::new()
        .nest("/api/vipmp", vipmp_api.layer(middleware::from_fn_with_state(faults.clone(), faults::inject)))
        .nest(
            "/api/cpn",
            cpn::router(twin.clone())
                .layer(middleware::from_fn_with_state(credentials, proxy::add_credentials))
                .layer(middleware::from_fn_with_state(faults.clone(), faults::inject)),
        )
        .nest("/__sandbox", admin::router(twin, faults.clone()))
        .layer(CompressionLayer::new());
    // The site takes faults too (paths relative to the app's base), so a test can fail the
    // download of one area's code.
    let site = Router::new()
        .fallback(move |request: Request| {
            let site = site.clone();
            async move { serve_site(&site, request) }
        })
        .layer(middleware::from_fn_with_state(faults.clone(), faults::inject));
    let inner = api.fallback_service(site);
    if settings.base_path == "/" {
        return Ok(inner);
    }
    let prefix = settings.base_path.trim_end_matches('/').to_string();
    let home = settings.base_path.clone();
    let outside = move |request: Request| {
        let home = home.clone();
        async move {
            // Only the site root and the base without its slash lead into the console.
            if request.uri().path() == "/" || request.uri().path() == home.trim_end_matches('/') {
                Redirect::permanent(&home).into_response()
            } else {
                (StatusCode::NOT_FOUND, "Not found: the console is served under another path\n").into_response()
            }
        }
    };
    Ok(Router::new().nest_service(&format!("{prefix}/"), inner).fallback(outside))
}

fn serve_site(site: &StaticSite, request: Request) -> Response {
    if request.uri().path().starts_with("/api/") {
        let body = partner_model::error::ApiErrorBody::new("404", "Resource not found");
        return (StatusCode::NOT_FOUND, axum::Json(body)).into_response();
    }
    site.respond(request.method(), request.uri(), request.headers())
}

/// Serves `app` on `listener` until `shutdown` completes.
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: Router,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> io::Result<()> {
    axum::serve(listener, app).with_graceful_shutdown(shutdown).await
}
