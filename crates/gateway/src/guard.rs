//! What every request meets before anything else, and every answer gets on its way out.
//!
//! In:
//! - `Host` must be one the gateway serves ([`Guard::hosts`]: the public origin's, plus any
//!   configured): a DNS-rebinding page that makes a browser send `Host: attacker.example` to
//!   the gateway's address is answered `421`.
//! - An `Origin`, when a browser sends one, must be the public origin: a page of another site
//!   can neither call the APIs nor sign in or out (the portal's page embeds the console, whose
//!   own calls come from the console's origin).
//! - The path must be plain: no `.` or `..` segment, no encoded slash, backslash, dot or NUL,
//!   and no percent sign that does not start a valid escape (`400`). A proxy before the gateway
//!   and the gateway itself therefore always read the same path.
//! - The query's parameter names must be plain (letters, digits, `-`, `_`, `.`): the tenancy
//!   rules read parameters by name as sent, and an upstream that decodes names
//!   (`reseller%2Did`) or splits them otherwise would read a parameter the gateway never
//!   checked (`400`). Values are not limited: one written another way fails the rules' checks.
//! - The address is at most 8 KiB (`414`) and the headers at most 16 KiB together (`431`).
//!
//! Out: `X-Content-Type-Options`, `Referrer-Policy`, a `default-src 'none'` policy on JSON answers
//! (the console's page has its own; its scripts and styles need none), and `Strict-Transport-Security` when the
//! gateway is reached over HTTPS (directly or behind a TLS proxy; configurable).

use crate::error::GatewayError;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use partner_model::gateway::{BAD_PATH, CROSS_SITE, HEADERS_TOO_LARGE, URI_TOO_LONG, WRONG_HOST};
use std::sync::Arc;

/// The longest address taken.
pub const MAX_URI_BYTES: usize = 8 * 1024;
/// The most header bytes (names and values) taken.
pub const MAX_HEADER_BYTES: usize = 16 * 1024;

/// What the guard checks against.
#[derive(Clone, Debug)]
pub struct Guard {
    /// `Host` values served (`console.example.com`, `127.0.0.1:8080`), lowercase.
    pub hosts: Vec<String>,
    /// The one origin browsers use (`https://console.example.com`).
    pub origin: String,
    /// `Strict-Transport-Security` sent, when set.
    pub hsts: Option<HeaderValue>,
}

impl Guard {
    /// Serves `public_origin`'s host plus `extra_hosts`; `hsts_seconds` of 0 sends no HSTS.
    pub fn new(public_origin: &str, extra_hosts: &[String], hsts_seconds: u64) -> Guard {
        let own = public_origin.split_once("://").map(|(_, rest)| rest).unwrap_or(public_origin);
        let mut hosts = vec![own.trim_end_matches('/').to_ascii_lowercase()];
        hosts.extend(extra_hosts.iter().map(|h| h.trim().to_ascii_lowercase()).filter(|h| !h.is_empty()));
        let hsts = (hsts_seconds > 0)
            .then(|| HeaderValue::from_str(&format!("max-age={hsts_seconds}; includeSubDomains")).ok())
            .flatten();
        Guard { hosts, origin: public_origin.trim_end_matches('/').to_string(), hsts }
    }

    fn check(&self, request: &Request) -> Result<(), GatewayError> {
        let uri = request.uri();
        let uri_bytes = uri.path_and_query().map(|p| p.as_str().len()).unwrap_or(0);
        if uri_bytes > MAX_URI_BYTES {
            return Err(GatewayError::refusal(URI_TOO_LONG));
        }
        let header_bytes: usize = request.headers().iter().map(|(k, v)| k.as_str().len() + v.len() + 4).sum();
        if header_bytes > MAX_HEADER_BYTES {
            return Err(GatewayError::refusal(HEADERS_TOO_LARGE));
        }
        let host = request.headers().get(header::HOST).and_then(|h| h.to_str().ok()).map(str::to_ascii_lowercase);
        if !host.as_ref().is_some_and(|h| self.hosts.iter().any(|ok| ok == h)) {
            return Err(GatewayError::refusal(WRONG_HOST).with_detail(format!("this gateway serves {}", self.origin)));
        }
        if let Some(origin) = request.headers().get(header::ORIGIN) {
            if origin.as_bytes() != self.origin.as_bytes() {
                return Err(GatewayError::refusal(CROSS_SITE));
            }
        }
        if !plain_path(uri.path()) || !plain_query_names(uri.query().unwrap_or_default()) {
            return Err(GatewayError::refusal(BAD_PATH));
        }
        Ok(())
    }
}

/// Whether every parameter name of `query` is letters, digits, `-`, `_` or `.`: read the same
/// whether or not a server decodes it.
pub fn plain_query_names(query: &str) -> bool {
    query.split('&').all(|pair| {
        let name = pair.split_once('=').map_or(pair, |(name, _)| name);
        name.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
    })
}

/// No dot segments, and no escape that decodes to a separator, a dot, a control character or
/// invalid UTF-8.
pub fn plain_path(path: &str) -> bool {
    if path.contains('\\') || path.split('/').any(|seg| seg == "." || seg == "..") {
        return false;
    }
    let bytes = path.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok());
            match hex {
                Some(b) if b >= 0x20 && b != 0x7f && !matches!(b, b'/' | b'\\' | b'.') => decoded.push(b),
                _ => return false,
            }
            i += 3;
        } else {
            decoded.push(bytes[i]);
            i += 1;
        }
    }
    std::str::from_utf8(&decoded).is_ok()
}

/// The middleware: checks the request, then marks the answer.
pub async fn guard(State(guard): State<Arc<Guard>>, request: Request, next: Next) -> Response {
    let mut response = match guard.check(&request) {
        Ok(()) => next.run(request).await,
        Err(refused) => refused.into_response(),
    };
    let h = response.headers_mut();
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    if !h.contains_key(header::REFERRER_POLICY) {
        h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    }
    let data = h.get(header::CONTENT_TYPE).is_none_or(|t| t.as_bytes().starts_with(b"application/json"));
    if data && !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'none'; frame-ancestors 'none'"),
        );
    }
    if let Some(hsts) = &guard.hsts {
        h.insert(header::STRICT_TRANSPORT_SECURITY, hsts.clone());
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_paths_pass_and_tricks_do_not() {
        for ok in ["/", "/api/vipmp/v3/customers/1000", "/a%20b", "/caf%C3%A9", "/x.wasm", "/a/b..c"] {
            assert!(plain_path(ok), "{ok}");
        }
        for bad in [
            "/api/vipmp/../x",
            "/./x",
            "/a%2fb",
            "/a%2Fb",
            "/a%5cb",
            "/a\\b",
            "/%2e%2e/x",
            "/%ff",
            "/%00",
            "/%zz",
            "/%4",
            "/a%0a",
        ] {
            assert!(!plain_path(bad), "{bad}");
        }
    }

    #[test]
    fn query_names_are_plain_and_values_anything() {
        for ok in ["", "limit=5&offset=0", "reseller-id=1000&x_y.z=%2F%3A+a", "flag", "a=1&&b=2", "return=/a?b=c"] {
            assert!(plain_query_names(ok), "{ok}");
        }
        for bad in ["reseller%2Did=1", "reseller-id=1&customer%2did=2", "a+b=1", "a[0]=1", "a;b=1", "r%65seller-id=1"] {
            assert!(!plain_query_names(bad), "{bad}");
        }
    }

    #[test]
    fn hosts_come_from_the_public_origin() {
        let g = Guard::new("https://Console.Example.com", &["console.internal:8080".into()], 0);
        assert_eq!(g.hosts, vec!["console.example.com".to_string(), "console.internal:8080".into()]);
        assert!(g.hsts.is_none());
        let g = Guard::new("https://console.example.com", &[], 31_536_000);
        assert_eq!(g.hsts.expect("set").to_str().expect("ascii"), "max-age=31536000; includeSubDomains");
    }
}
