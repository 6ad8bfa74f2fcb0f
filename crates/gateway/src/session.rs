//! Signing in and out, and telling who is calling.
//!
//! Standalone, the gateway is the console's confidential OpenID Connect client (a
//! backend-for-frontend): `GET {base}auth/login` sends the browser to the provider with an
//! authorization-code request (PKCE S256, state and nonce kept in a short-lived encrypted cookie),
//! `GET {base}auth/callback` trades the code for an ID token with the client secret, checks it,
//! and sets the session: an encrypted cookie (AES-GCM, the `cookie` crate's private jar) holding
//! the session's id, who the user is and when the session ends, `HttpOnly`, `Secure`,
//! `SameSite=Strict`. Nothing about a live session is stored on the server, so any number of
//! gateway instances sharing the session key serve the same sessions; only signing out is
//! (see [`crate::revoked`]), so a copy of the cookie dies with it. The browser never sees a
//! token.
//!
//! Embedded in a portal, the console sends the portal's access token as a bearer; it is checked
//! against the provider's keys on every call (see [`crate::identity`]).
//!
//! Cross-site request forgery: the session cookie is `SameSite=Strict`, and a call that changes
//! something under a session must come from the console's own origin (`Origin`, or
//! `Sec-Fetch-Site` when there is no `Origin`).

use crate::error::GatewayError;
use crate::identity::{now, Provider};
use crate::revoked::Revoked;
use crate::upstream::{encode_component, exchange, form_encode, HttpsClient};
use axum::body::Body;
use axum::extract::{Query, Request, State};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::Json;
use axum_extra::extract::cookie::{Cookie, Key, PrivateCookieJar, SameSite};
use base64::Engine;
use partner_model::gateway::{Me, SignedInVia, CROSS_SITE, SIGN_IN_REQUIRED};
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use std::time::Duration;

/// The cookies' names when they are `Secure` (always, but for `--insecure-cookies`): the
/// `__Host-` prefix has the browser take them only from this origin, with `Path=/` and no
/// `Domain`. Without it, a page of any sibling host (`blog.example.com`) could set its own
/// signed-in session for `example.com`, which the browser sends beside the user's, and the
/// user would work in that account. Two consoles under different base paths of one origin
/// would therefore take each other's cookies: deploy each on an origin of its own.
const SESSION_COOKIE: &str = "__Host-partner_session";
const SIGN_IN_COOKIE: &str = "__Host-partner_sign_in";
/// How long a sign-in at the provider may take.
const SIGN_IN_WINDOW: Duration = Duration::from_secs(600);

/// Everything signing in needs.
pub struct Sessions {
    pub provider: Provider,
    pub key: Key,
    /// `https://console.example.com`: where the browser sees the console.
    pub public_origin: String,
    /// The console's base path (`/` or `/partner/console/`).
    pub base_path: String,
    pub lifetime: Duration,
    /// `Secure` on the cookies (off only for plain-HTTP test setups other than localhost).
    pub secure: bool,
    pub client: HttpsClient,
    /// The sessions signed out before their time.
    pub revoked: Revoked,
}

/// What the session cookie holds.
#[derive(Serialize, Deserialize)]
struct Session {
    /// Random, for signing this session out ([`Revoked`]).
    id: String,
    me: Me,
}

/// What the sign-in cookie keeps between `login` and `callback`.
#[derive(Serialize, Deserialize)]
struct SignIn {
    state: String,
    verifier: String,
    nonce: String,
    return_to: String,
}

impl Sessions {
    fn redirect_uri(&self) -> String {
        format!("{}{}auth/callback", self.public_origin, self.base_path)
    }

    /// A cookie's name: `prefixed`, or, on a plain-HTTP rig, the same without its prefix (which
    /// the browser refuses on a cookie that is not `Secure`).
    fn cookie_name(&self, prefixed: &'static str) -> &'static str {
        if self.secure {
            prefixed
        } else {
            prefixed.strip_prefix("__Host-").unwrap_or(prefixed)
        }
    }

    fn session_cookie(&self) -> &'static str {
        self.cookie_name(SESSION_COOKIE)
    }

    fn sign_in_cookie(&self) -> &'static str {
        self.cookie_name(SIGN_IN_COOKIE)
    }

    /// The cookies' path: `/`, as the prefix requires; below the base path on a plain-HTTP rig.
    fn cookie_path(&self, below_base: &str) -> String {
        if self.secure {
            "/".to_string()
        } else {
            format!("{}{below_base}", self.base_path)
        }
    }

    fn cookie(
        &self,
        name: &'static str,
        value: String,
        path: String,
        max_age: Duration,
        same_site: SameSite,
    ) -> Cookie<'static> {
        Cookie::build((name, value))
            .path(path)
            .http_only(true)
            .secure(self.secure)
            .same_site(same_site)
            .max_age(cookie_duration(max_age))
            .build()
    }

    fn removal(&self, name: &'static str, path: String) -> Cookie<'static> {
        // `Secure` too: the browser drops a prefixed cookie's removal without it.
        Cookie::build((name, "")).path(path).secure(self.secure).build()
    }

    /// The signed-in user of a request: a valid bearer token, else a live session cookie.
    pub async fn caller(&self, method: &Method, headers: &HeaderMap) -> Result<Me, GatewayError> {
        if let Some(token) = bearer(headers) {
            let claims = self.provider.verify(token, &self.provider.settings.audience).await?;
            let expires_at = claims.get("exp").and_then(|e| e.as_u64()).unwrap_or(0);
            return self.provider.user(&claims, SignedInVia::Bearer, expires_at);
        }
        let session = self.session(headers).ok_or_else(|| GatewayError::refusal(SIGN_IN_REQUIRED))?;
        if self.revoked.contains(&session.id).await? {
            return Err(GatewayError::refusal(SIGN_IN_REQUIRED));
        }
        if !matches!(*method, Method::GET | Method::HEAD) && !self.same_origin(headers) {
            return Err(GatewayError::refusal(CROSS_SITE));
        }
        Ok(session.me)
    }

    /// The request's session, unless it has ended by itself (not checked: whether it was
    /// signed out).
    fn session(&self, headers: &HeaderMap) -> Option<Session> {
        let jar = PrivateCookieJar::from_headers(headers, self.key.clone());
        let session: Session = serde_json::from_str(jar.get(self.session_cookie())?.value()).ok()?;
        (session.me.expires_at > now()).then_some(session)
    }

    /// Whether a request that changes something came from the console's own pages.
    fn same_origin(&self, headers: &HeaderMap) -> bool {
        match headers.get(header::ORIGIN) {
            Some(origin) => origin.as_bytes() == self.public_origin.as_bytes(),
            None => headers.get("sec-fetch-site").is_none_or(|site| site.as_bytes() == b"same-origin"),
        }
    }

    /// A path below the console's base to come back to, or the base.
    fn return_path(&self, wanted: Option<&str>) -> String {
        match wanted {
            // Printable ASCII only: it becomes a Location header.
            Some(p)
                if p.starts_with(&self.base_path)
                    && !p.contains("//")
                    && !p.contains('\\')
                    && !p.contains("/../")
                    && p.len() < 2048
                    && p.bytes().all(|b| b.is_ascii_graphic()) =>
            {
                p.to_string()
            }
            _ => self.base_path.clone(),
        }
    }
}

fn cookie_duration(d: Duration) -> cookie::time::Duration {
    cookie::time::Duration::seconds(d.as_secs().min(i64::MAX as u64) as i64)
}

/// The bearer token of `Authorization`, if any.
fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then_some(token.trim()).filter(|t| !t.is_empty())
}

#[derive(Deserialize)]
pub struct LoginQuery {
    #[serde(rename = "return")]
    return_to: Option<String>,
}

/// `GET {base}auth/login?return=PATH`: off to the provider.
pub async fn login(State(s): State<Arc<Sessions>>, Query(q): Query<LoginQuery>) -> Response {
    let metadata = match s.provider.metadata().await {
        Ok(m) => m,
        Err(e) => {
            return problem_page(
                &s,
                StatusCode::BAD_GATEWAY,
                "The sign-in service could not be reached",
                &e.body.additional_details.join(" "),
            )
        }
    };
    let (Ok(auth), Ok(redirect)) =
        (oauth2::AuthUrl::new(metadata.authorization_endpoint.clone()), oauth2::RedirectUrl::new(s.redirect_uri()))
    else {
        return problem_page(&s, StatusCode::BAD_GATEWAY, "The sign-in service's address is not valid", "");
    };
    let client = oauth2::basic::BasicClient::new(oauth2::ClientId::new(s.provider.settings.client_id.clone()))
        .set_auth_uri(auth)
        .set_redirect_uri(redirect);
    let (challenge, verifier) = oauth2::PkceCodeChallenge::new_random_sha256();
    let nonce = oauth2::CsrfToken::new_random();
    let mut request = client
        .authorize_url(oauth2::CsrfToken::new_random)
        .add_scope(oauth2::Scope::new("openid".into()))
        .set_pkce_challenge(challenge)
        .add_extra_param("nonce", nonce.secret().clone());
    for scope in s.provider.settings.scopes.iter().filter(|sc| sc.as_str() != "openid") {
        request = request.add_scope(oauth2::Scope::new(scope.clone()));
    }
    let (url, state) = request.url();
    let sign_in = SignIn {
        state: state.secret().clone(),
        verifier: verifier.secret().clone(),
        nonce: nonce.secret().clone(),
        return_to: s.return_path(q.return_to.as_deref()),
    };
    let value = serde_json::to_string(&sign_in).unwrap_or_default();
    // Lax: the provider's redirect back is a cross-site navigation that must carry it.
    let jar = PrivateCookieJar::new(s.key.clone()).add(s.cookie(
        s.sign_in_cookie(),
        value,
        s.cookie_path("auth/"),
        SIGN_IN_WINDOW,
        SameSite::Lax,
    ));
    (jar, Redirect::to(url.as_str())).into_response()
}

#[derive(Deserialize)]
pub struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
    error_description: Option<String>,
}

/// `GET {base}auth/callback`: the code traded for an ID token, checked, and the session set.
pub async fn callback(State(s): State<Arc<Sessions>>, headers: HeaderMap, Query(q): Query<CallbackQuery>) -> Response {
    let jar = PrivateCookieJar::from_headers(&headers, s.key.clone());
    let started: Option<SignIn> = jar.get(s.sign_in_cookie()).and_then(|c| serde_json::from_str(c.value()).ok());
    if let Some(error) = q.error {
        const TITLE: &str = "The sign-in service did not sign you in";
        // The provider's words only on its answer to this browser's sign-in: anyone can link
        // to this address, and would otherwise have words of their own shown under the
        // console's name ("Your account is locked: call …"), and end a sign-in under way.
        if !answers(started.as_ref(), q.state.as_deref()) {
            return problem_page(&s, StatusCode::FORBIDDEN, TITLE, "").into_response();
        }
        let jar = jar.remove(s.removal(s.sign_in_cookie(), s.cookie_path("auth/")));
        let detail = q.error_description.unwrap_or(error);
        return (jar, problem_page(&s, StatusCode::FORBIDDEN, TITLE, &detail)).into_response();
    }
    // The sign-in cookie is spent only by the answer to it: a forged or incomplete one (any
    // link can send the browser here) leaves the sign-in under way to finish.
    let Some(started) = started else {
        return (
            jar,
            problem_page(&s, StatusCode::BAD_REQUEST, "This sign-in has expired or was started in another browser", ""),
        )
            .into_response();
    };
    let (Some(code), Some(state)) = (q.code, q.state) else {
        return (jar, problem_page(&s, StatusCode::BAD_REQUEST, "The sign-in service's answer is incomplete", ""))
            .into_response();
    };
    if !answers(Some(&started), Some(&state)) {
        return (
            jar,
            problem_page(&s, StatusCode::BAD_REQUEST, "This sign-in answer does not belong to this browser", ""),
        )
            .into_response();
    }
    let jar = jar.remove(s.removal(s.sign_in_cookie(), s.cookie_path("auth/")));
    let me = match trade_code(&s, &code, &started).await {
        Ok(me) => me,
        Err(e) => {
            let detail = format!("{} {}", e.body.message, e.body.additional_details.join(" "));
            return (jar, problem_page(&s, e.status, "You could not be signed in", &detail)).into_response();
        }
    };
    let session = Session { id: crate::random_token(24), me };
    let value = serde_json::to_string(&session).unwrap_or_default();
    let jar = jar.add(s.cookie(s.session_cookie(), value, s.cookie_path(""), s.lifetime, SameSite::Strict));
    let me = &session.me;
    crate::log::event("signed_in", &[("subject", &me.subject), ("role", me.role.label())]);
    (jar, Redirect::to(&started.return_to)).into_response()
}

/// The token endpoint's answer, the parts the gateway uses.
#[derive(Deserialize)]
struct TokenAnswer {
    id_token: Option<String>,
}

async fn trade_code(s: &Sessions, code: &str, started: &SignIn) -> Result<Me, GatewayError> {
    use partner_model::gateway::{IDENTITY_PROVIDER, TOKEN_REJECTED};
    let metadata = s.provider.metadata().await?;
    let settings = &s.provider.settings;
    let redirect = s.redirect_uri();
    let form = form_encode(&[
        ("grant_type", "authorization_code"),
        ("code", code),
        ("redirect_uri", &redirect),
        ("code_verifier", &started.verifier),
    ]);
    // client_secret_basic: the id and secret form-encoded, then base64 (RFC 6749 §2.3.1).
    let basic = base64::engine::general_purpose::STANDARD.encode(format!(
        "{}:{}",
        encode_component(&settings.client_id),
        encode_component(&settings.client_secret)
    ));
    let request = Request::post(&metadata.token_endpoint)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "application/json")
        .header(header::AUTHORIZATION, format!("Basic {basic}"))
        .body(Body::from(form))
        .map_err(|_| GatewayError::refusal(IDENTITY_PROVIDER).with_detail("the token endpoint is not a valid URL"))?;
    let (status, bytes) = exchange(&s.client, request)
        .await
        .map_err(|e| GatewayError::refusal(IDENTITY_PROVIDER).with_detail(format!("the token endpoint {e}")))?;
    if !status.is_success() {
        return Err(GatewayError::refusal(IDENTITY_PROVIDER)
            .with_detail(format!("the token endpoint refused the code (HTTP {})", status.as_u16())));
    }
    let answer: TokenAnswer = serde_json::from_slice(&bytes)
        .map_err(|_| GatewayError::refusal(IDENTITY_PROVIDER).with_detail("the token endpoint's answer is not JSON"))?;
    let id_token = answer
        .id_token
        .ok_or_else(|| GatewayError::refusal(TOKEN_REJECTED).with_detail("the answer has no ID token"))?;
    let claims = s.provider.verify(&id_token, &settings.client_id).await?;
    let nonce_ok = claims
        .get("nonce")
        .and_then(|n| n.as_str())
        .is_some_and(|n| constant_time_eq(n.as_bytes(), started.nonce.as_bytes()));
    if !nonce_ok {
        return Err(GatewayError::refusal(TOKEN_REJECTED).with_detail("the ID token is not for this sign-in (nonce)"));
    }
    let expires_at = now() + s.lifetime.as_secs();
    s.provider.user(&claims, SignedInVia::Session, expires_at)
}

/// Whether a callback's `state` is that of the sign-in this browser `started`.
fn answers(started: Option<&SignIn>, state: Option<&str>) -> bool {
    started.zip(state).is_some_and(|(started, state)| constant_time_eq(state.as_bytes(), started.state.as_bytes()))
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    subtle::ConstantTimeEq::ct_eq(a, b).into()
}

/// What `POST {base}auth/logout` answers: where the browser goes next.
#[derive(Serialize)]
struct SignedOut {
    redirect: String,
}

/// `POST {base}auth/logout`: the session signed out ([`Revoked`]) and its cookie removed; the
/// provider's end-session page (RP-initiated logout) is where the browser goes next, when the
/// provider has one.
pub async fn logout(State(s): State<Arc<Sessions>>, headers: HeaderMap) -> Response {
    if !s.same_origin(&headers) {
        return GatewayError::refusal(CROSS_SITE).into_response();
    }
    if let Some(session) = s.session(&headers) {
        s.revoked.add(&session.id, session.me.expires_at);
        crate::log::event("signed_out", &[("subject", &session.me.subject)]);
    }
    // Only a cookie the request carried gets a removal in the answer.
    let jar = PrivateCookieJar::from_headers(&headers, s.key.clone())
        .remove(s.removal(s.session_cookie(), s.cookie_path("")));
    let back = format!("{}{}", s.public_origin, s.base_path);
    let redirect = match s.provider.metadata().await.ok().and_then(|m| m.end_session_endpoint) {
        Some(end) => format!(
            "{end}{}{}",
            if end.contains('?') { '&' } else { '?' },
            form_encode(&[("client_id", &s.provider.settings.client_id), ("post_logout_redirect_uri", &back)])
        ),
        None => back,
    };
    (jar, [(header::CACHE_CONTROL, "no-store")], Json(SignedOut { redirect })).into_response()
}

/// `GET {base}auth/me`: who is signed in, or 401.
pub async fn me(State(s): State<Arc<Sessions>>, request: Request) -> Response {
    match s.caller(&Method::GET, request.headers()).await {
        Ok(me) => ([(header::CACHE_CONTROL, "no-store")], Json(me)).into_response(),
        Err(e) => e.into_response(),
    }
}

/// A page that says why signing in failed, with a way to try again.
fn problem_page(s: &Sessions, status: StatusCode, what: &str, detail: &str) -> Response {
    let esc = |t: &str| t.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;");
    let html = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sign-in problem — Partner console</title></head>\
         <body><main><h1>{}</h1><p>{}</p><p><a href=\"{}auth/login\">Sign in again</a></p></main></body></html>",
        esc(what),
        esc(detail),
        esc(&s.base_path)
    );
    let mut response = (status, Html(html)).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-store"));
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        header::HeaderValue::from_static("default-src 'none'; frame-ancestors 'none'"),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bearer_tokens_are_read_from_authorization() {
        let mut h = HeaderMap::new();
        assert_eq!(bearer(&h), None);
        h.insert(header::AUTHORIZATION, "Bearer abc.def.ghi".parse().expect("value"));
        assert_eq!(bearer(&h), Some("abc.def.ghi"));
        h.insert(header::AUTHORIZATION, "Basic xyz".parse().expect("value"));
        assert_eq!(bearer(&h), None);
        h.insert(header::AUTHORIZATION, "bearer ".parse().expect("value"));
        assert_eq!(bearer(&h), None);
    }
}
