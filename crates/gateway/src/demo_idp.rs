//! A small OpenID Connect provider with demo users, so the console can be tried and tested
//! without a real identity provider: `scripts/run` mounts it at `{base}__demo-idp`, and the
//! end-to-end tests run it on a port of its own. It is never part of a deployment with real
//! upstreams (the gateway refuses to start it without the twin).
//!
//! It does what the gateway needs of a provider, by the book: discovery, a JWKS with one
//! Ed25519 key made at start, the authorization-code flow with PKCE S256 (a page that lists the
//! demo users, labelled as a demo, instead of a password), a token endpoint that checks the
//! client's secret (`client_secret_basic`), the code's one use, its redirect URI and the PKCE
//! verifier, and answers an ID token with the nonce; and an end-session endpoint. Tests also
//! mint access tokens with [`DemoIdp::mint`], as a portal's provider would give its pages.

use axum::extract::{Form, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Json, Router};
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use ring::signature::KeyPair;
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// One demo user.
#[derive(Clone, Debug)]
pub struct DemoUser {
    pub subject: String,
    pub name: String,
    pub email: String,
    /// Distributor staff (the `partner-distributor` role), else a reseller user.
    pub distributor: bool,
    pub reseller_ids: Vec<String>,
    /// What the sign-in page says of them.
    pub description: String,
}

impl DemoUser {
    /// The claims the provider gives for this user.
    pub fn claims(&self) -> Value {
        let mut claims = json!({ "sub": self.subject, "name": self.name, "email": self.email });
        if self.distributor {
            claims["roles"] = json!(["partner-distributor"]);
        } else {
            claims["reseller_ids"] = json!(self.reseller_ids);
        }
        claims
    }
}

/// The demo users for a twin whose resellers are `resellers` (id, company name): distributor
/// staff, and one user for each of the first two resellers.
pub fn demo_users(resellers: &[(String, String)]) -> Vec<DemoUser> {
    let mut users = vec![DemoUser {
        subject: "demo-distributor".into(),
        name: "Dana Distributor".into(),
        email: "dana@distributor.example".into(),
        distributor: true,
        reseller_ids: Vec::new(),
        description: "Distributor staff: every reseller, the VMware subscriptions".into(),
    }];
    for ((id, company), (subject, name, email)) in resellers.iter().zip([
        ("demo-reseller-a", "Rhea Reseller", "rhea@reseller-a.example"),
        ("demo-reseller-b", "Sam Seller", "sam@reseller-b.example"),
    ]) {
        users.push(DemoUser {
            subject: subject.into(),
            name: name.into(),
            email: email.into(),
            distributor: false,
            reseller_ids: vec![id.clone()],
            description: format!("Reseller user of {company} ({id})"),
        });
    }
    users
}

/// A code handed out, waiting to be traded.
struct Grant {
    user: DemoUser,
    client_id: String,
    redirect_uri: String,
    nonce: Option<String>,
    challenge: String,
    issued: Instant,
}

struct Inner {
    issuer: String,
    /// The console's origin (`http://127.0.0.1:8080`): redirects go nowhere else.
    console_origin: String,
    client_id: String,
    client_secret: String,
    users: Vec<DemoUser>,
    key: EncodingKey,
    kid: String,
    public_x: String,
    codes: Mutex<HashMap<String, Grant>>,
}

/// The demo provider.
#[derive(Clone)]
pub struct DemoIdp(Arc<Inner>);

const CODE_LIFETIME: Duration = Duration::from_secs(60);
const TOKEN_LIFETIME: Duration = Duration::from_secs(3600);

impl DemoIdp {
    /// A provider at `issuer` (its URL, without a trailing slash) for one client, the console
    /// at `console_origin`.
    pub fn new(
        issuer: &str,
        console_origin: &str,
        client_id: &str,
        client_secret: &str,
        users: Vec<DemoUser>,
    ) -> Result<DemoIdp, String> {
        let rng = ring::rand::SystemRandom::new();
        let pkcs8 = ring::signature::Ed25519KeyPair::generate_pkcs8(&rng)
            .map_err(|_| "no randomness for the demo key".to_string())?;
        let pair = ring::signature::Ed25519KeyPair::from_pkcs8(pkcs8.as_ref())
            .map_err(|_| "the demo key cannot be read".to_string())?;
        Ok(DemoIdp(Arc::new(Inner {
            issuer: issuer.trim_end_matches('/').to_string(),
            console_origin: console_origin.trim_end_matches('/').to_string(),
            client_id: client_id.into(),
            client_secret: client_secret.into(),
            users,
            key: EncodingKey::from_ed_der(pkcs8.as_ref()),
            kid: crate::random_token(8),
            public_x: URL_SAFE_NO_PAD.encode(pair.public_key().as_ref()),
            codes: Mutex::new(HashMap::new()),
        })))
    }

    /// The issuer URL.
    pub fn issuer(&self) -> &str {
        &self.0.issuer
    }

    /// The demo users.
    pub fn users(&self) -> &[DemoUser] {
        &self.0.users
    }

    /// A token for `user` (by subject) with this audience, valid for `lifetime` from now — as a
    /// portal's provider gives its pages. `None` for an unknown user.
    pub fn mint(&self, subject: &str, audience: &str, lifetime: Duration) -> Option<String> {
        let user = self.0.users.iter().find(|u| u.subject == subject)?;
        self.sign(user.claims(), audience, lifetime, None)
    }

    /// Signs `claims` with the provider's key, adding issuer, audience and times where
    /// `claims` has none (a test may set them wrong on purpose).
    pub fn sign(&self, mut claims: Value, audience: &str, lifetime: Duration, nonce: Option<&str>) -> Option<String> {
        let now = crate::identity::now();
        let defaults = [
            ("iss", json!(self.0.issuer)),
            ("aud", json!(audience)),
            ("iat", json!(now)),
            ("nbf", json!(now)),
            ("exp", json!(now + lifetime.as_secs())),
        ];
        for (name, value) in defaults {
            if claims.get(name).is_none() {
                claims[name] = value;
            }
        }
        if let Some(n) = nonce {
            claims["nonce"] = json!(n);
        }
        let mut header = Header::new(Algorithm::EdDSA);
        header.kid = Some(self.0.kid.clone());
        jsonwebtoken::encode(&header, &claims, &self.0.key).ok()
    }

    /// Its endpoints, relative to the issuer URL.
    pub fn router(&self) -> Router {
        Router::new()
            .route("/.well-known/openid-configuration", get(discovery))
            .route("/jwks", get(jwks))
            .route("/authorize", get(authorize_page).post(authorize))
            .route("/token", axum::routing::post(token))
            .route("/end-session", get(end_session))
            .with_state(self.clone())
    }
}

async fn discovery(State(idp): State<DemoIdp>) -> Json<Value> {
    let i = &idp.0.issuer;
    Json(json!({
        "issuer": i,
        "authorization_endpoint": format!("{i}/authorize"),
        "token_endpoint": format!("{i}/token"),
        "jwks_uri": format!("{i}/jwks"),
        "end_session_endpoint": format!("{i}/end-session"),
        "response_types_supported": ["code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["EdDSA"],
        "code_challenge_methods_supported": ["S256"],
        "token_endpoint_auth_methods_supported": ["client_secret_basic"],
    }))
}

async fn jwks(State(idp): State<DemoIdp>) -> Json<Value> {
    Json(
        json!({ "keys": [{ "kty": "OKP", "crv": "Ed25519", "x": idp.0.public_x, "kid": idp.0.kid, "alg": "EdDSA", "use": "sig" }] }),
    )
}

#[derive(Deserialize)]
struct AuthorizeQuery {
    response_type: Option<String>,
    client_id: Option<String>,
    redirect_uri: Option<String>,
    state: Option<String>,
    nonce: Option<String>,
    code_challenge: Option<String>,
    code_challenge_method: Option<String>,
}

fn esc(t: &str) -> String {
    t.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn page(status: StatusCode, body: String) -> Response {
    let html = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">\
         <title>Demo sign-in</title></head><body><main>{body}</main></body></html>"
    );
    let mut response = (status, Html(html)).into_response();
    response.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        header::HeaderValue::from_static("default-src 'none'; form-action *; frame-ancestors 'none'"),
    );
    response.headers_mut().insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-store"));
    response
}

/// The request's problems, or `None` when it can be answered.
fn check(idp: &DemoIdp, q: &AuthorizeQuery) -> Option<&'static str> {
    if q.response_type.as_deref() != Some("code") {
        return Some("response_type must be code");
    }
    if q.client_id.as_deref() != Some(idp.0.client_id.as_str()) {
        return Some("unknown client_id");
    }
    let console = format!("{}/", idp.0.console_origin);
    if q.redirect_uri.as_deref().is_none_or(|r| !r.starts_with(&console) || !r.ends_with("/auth/callback")) {
        return Some("redirect_uri is not the gateway's callback");
    }
    if q.code_challenge_method.as_deref() != Some("S256") || q.code_challenge.as_deref().is_none_or(str::is_empty) {
        return Some("PKCE with S256 is required");
    }
    None
}

/// The sign-in page: a button per demo user.
async fn authorize_page(State(idp): State<DemoIdp>, Query(q): Query<AuthorizeQuery>) -> Response {
    if let Some(problem) = check(&idp, &q) {
        return page(StatusCode::BAD_REQUEST, format!("<h1>Demo sign-in refused</h1><p>{}</p>", esc(problem)));
    }
    let hidden = |name: &str, value: &Option<String>| {
        format!("<input type=\"hidden\" name=\"{name}\" value=\"{}\">", esc(value.as_deref().unwrap_or_default()))
    };
    let fields = [
        hidden("response_type", &q.response_type),
        hidden("client_id", &q.client_id),
        hidden("redirect_uri", &q.redirect_uri),
        hidden("state", &q.state),
        hidden("nonce", &q.nonce),
        hidden("code_challenge", &q.code_challenge),
        hidden("code_challenge_method", &q.code_challenge_method),
    ]
    .concat();
    let users: String = idp
        .0
        .users
        .iter()
        .map(|u| {
            format!(
                "<li><form method=\"post\">{fields}<input type=\"hidden\" name=\"user\" value=\"{}\"><button type=\"submit\">Sign in as {}</button> <span>{}</span></form></li>",
                esc(&u.subject),
                esc(&u.name),
                esc(&u.description)
            )
        })
        .collect();
    page(
        StatusCode::OK,
        format!(
            "<h1>Demo sign-in</h1><p><strong>This is the demo identity provider of the partner console's sandbox.</strong> \
             A deployment signs in with the distributor's own provider. Choose who to be:</p><ul>{users}</ul>"
        ),
    )
}

#[derive(Deserialize)]
struct AuthorizeForm {
    user: String,
    #[serde(flatten)]
    query: HashMap<String, String>,
}

/// A user chosen: a code, back to the client.
async fn authorize(State(idp): State<DemoIdp>, Form(form): Form<AuthorizeForm>) -> Response {
    let get = |k: &str| form.query.get(k).cloned();
    let q = AuthorizeQuery {
        response_type: get("response_type"),
        client_id: get("client_id"),
        redirect_uri: get("redirect_uri"),
        state: get("state"),
        nonce: get("nonce").filter(|n| !n.is_empty()),
        code_challenge: get("code_challenge"),
        code_challenge_method: get("code_challenge_method"),
    };
    if let Some(problem) = check(&idp, &q) {
        return page(StatusCode::BAD_REQUEST, format!("<h1>Demo sign-in refused</h1><p>{}</p>", esc(problem)));
    }
    let Some(user) = idp.0.users.iter().find(|u| u.subject == form.user).cloned() else {
        return page(StatusCode::BAD_REQUEST, "<h1>Demo sign-in refused</h1><p>No such demo user.</p>".into());
    };
    let code = crate::random_token(24);
    let redirect_uri = q.redirect_uri.unwrap_or_default();
    {
        let mut codes = idp.0.codes.lock().unwrap_or_else(|e| e.into_inner());
        codes.retain(|_, g| g.issued.elapsed() < CODE_LIFETIME);
        codes.insert(
            code.clone(),
            Grant {
                user,
                client_id: q.client_id.unwrap_or_default(),
                redirect_uri: redirect_uri.clone(),
                nonce: q.nonce,
                challenge: q.code_challenge.unwrap_or_default(),
                issued: Instant::now(),
            },
        );
    }
    let state = q.state.unwrap_or_default();
    let back = format!("{redirect_uri}?{}", crate::upstream::form_encode(&[("code", &code), ("state", &state)]));
    Redirect::to(&back).into_response()
}

fn token_error(status: StatusCode, error: &str) -> Response {
    (status, Json(json!({ "error": error }))).into_response()
}

/// The code traded for tokens.
async fn token(State(idp): State<DemoIdp>, headers: HeaderMap, Form(form): Form<HashMap<String, String>>) -> Response {
    let client_ok = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Basic "))
        .and_then(|b| STANDARD.decode(b).ok())
        .and_then(|b| String::from_utf8(b).ok())
        .is_some_and(|pair| pair == format!("{}:{}", idp.0.client_id, idp.0.client_secret));
    if !client_ok {
        return token_error(StatusCode::UNAUTHORIZED, "invalid_client");
    }
    if form.get("grant_type").map(String::as_str) != Some("authorization_code") {
        return token_error(StatusCode::BAD_REQUEST, "unsupported_grant_type");
    }
    let code = form.get("code").cloned().unwrap_or_default();
    let Some(grant) = idp.0.codes.lock().unwrap_or_else(|e| e.into_inner()).remove(&code) else {
        return token_error(StatusCode::BAD_REQUEST, "invalid_grant");
    };
    let verifier = form.get("code_verifier").cloned().unwrap_or_default();
    let challenge = URL_SAFE_NO_PAD.encode(ring::digest::digest(&ring::digest::SHA256, verifier.as_bytes()));
    let valid = grant.issued.elapsed() < CODE_LIFETIME
        && grant.client_id == idp.0.client_id
        && form.get("redirect_uri") == Some(&grant.redirect_uri)
        && challenge == grant.challenge;
    if !valid {
        return token_error(StatusCode::BAD_REQUEST, "invalid_grant");
    }
    let audience = idp.0.client_id.clone();
    let (Some(id_token), Some(access_token)) = (
        idp.sign(grant.user.claims(), &audience, TOKEN_LIFETIME, grant.nonce.as_deref()),
        idp.sign(grant.user.claims(), &audience, TOKEN_LIFETIME, None),
    ) else {
        return token_error(StatusCode::INTERNAL_SERVER_ERROR, "server_error");
    };
    (
        [(header::CACHE_CONTROL, "no-store")],
        Json(json!({ "access_token": access_token, "id_token": id_token, "token_type": "Bearer", "expires_in": TOKEN_LIFETIME.as_secs() })),
    )
        .into_response()
}

#[derive(Deserialize)]
struct EndSession {
    post_logout_redirect_uri: Option<String>,
}

/// Signed out here too (nothing is kept), then back to the console.
async fn end_session(State(idp): State<DemoIdp>, Query(q): Query<EndSession>) -> Response {
    let console = format!("{}/", idp.0.console_origin);
    match q.post_logout_redirect_uri.filter(|u| u.starts_with(&console)) {
        Some(back) => Redirect::to(&back).into_response(),
        None => page(StatusCode::OK, "<h1>Signed out</h1>".into()),
    }
}
