//! The live health check behind the header badge: `GET /ping` (the API is reachable and the
//! API key is accepted) and `GET /partnerservice/ping` (the access token is valid too).

use super::client::{HttpRequest, Transport};
use super::error::ApiError;
use super::policy::classify;
use super::transport::{random_uuid, Browser};
use crate::i18n::t;
use crate::runtime::Runtime;
use std::time::Duration;

/// What the badge shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Health {
    Up,
    /// The API answered, but refused the proxy's credentials.
    AuthProblem(String),
    /// The API could not be reached, or something other than the API answered.
    Down(String),
}

impl Health {
    /// Short label for the badge.
    pub fn label(&self) -> &'static str {
        match self {
            Health::Up => crate::i18n::t::health::up(),
            Health::AuthProblem(_) => crate::i18n::t::health::auth(),
            Health::Down(_) => crate::i18n::t::health::down(),
        }
    }

    /// A stable key for styling and tests.
    pub fn key(&self) -> &'static str {
        match self {
            Health::Up => "up",
            Health::AuthProblem(_) => "auth",
            Health::Down(_) => "down",
        }
    }

    /// The reason, in words.
    pub fn reason(&self) -> String {
        match self {
            Health::Up => crate::i18n::t::health::pong().into(),
            Health::AuthProblem(r) | Health::Down(r) => r.clone(),
        }
    }
}

const TIMEOUT: Duration = Duration::from_secs(10);

/// One ping, one attempt: the badge reports what is, it does not retry.
async fn ping(runtime: &Runtime, path: &str) -> Result<String, ApiError> {
    let request = HttpRequest {
        method: "GET",
        url: runtime.vipmp_url(path),
        headers: vec![
            ("Accept", "application/json".into()),
            ("X-Request-Id", random_uuid()),
            ("X-Correlation-Id", random_uuid()),
        ],
        body: None,
        timeout: TIMEOUT,
    };
    let answer = Browser::default().send(&request).await?;
    classify(&answer).map(str::to_string)
}

/// Runs both pings and sorts the outcome.
pub async fn check(runtime: &Runtime) -> Health {
    let first = ping(runtime, "/ping").await;
    if first.is_err() {
        return assess(&first, &first);
    }
    let second = ping(runtime, "/partnerservice/ping").await;
    assess(&first, &second)
}

/// Sorts the two pings' outcomes into a [`Health`].
pub fn assess(ping: &Result<String, ApiError>, authenticated: &Result<String, ApiError>) -> Health {
    for (name, outcome) in [(t::health::ping(), ping), (t::health::authenticated_ping(), authenticated)] {
        match outcome {
            Ok(body) if body.trim() == "pong" => {}
            Ok(_) => return Health::Down(t::health::not_pong(name)),
            Err(ApiError::Api { status: 401 | 403, body }) => {
                return Health::AuthProblem(auth_reason(&body.code, &body.message))
            }
            Err(e) => return Health::Down(t::health::Failed { name, what: e.what_happened() }.text()),
        }
    }
    Health::Up
}

fn auth_reason(code: &str, message: &str) -> String {
    match code {
        "4115" => t::health::key_refused().into(),
        "4116" => t::health::token_invalid().into(),
        "4117" => t::health::no_token().into(),
        _ => t::health::Credentials { code, message }.text(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use partner_model::error::ApiErrorBody;

    fn pong() -> Result<String, ApiError> {
        Ok("pong".into())
    }

    fn api(status: u16, code: &str) -> Result<String, ApiError> {
        Err(ApiError::Api { status, body: ApiErrorBody::new(code, "m") })
    }

    #[test]
    fn both_pongs_are_up() {
        assert_eq!(assess(&pong(), &pong()), Health::Up);
    }

    #[test]
    fn refused_credentials_are_an_auth_problem_with_the_code() {
        for (outcome, code) in [(api(403, "4115"), "4115"), (api(401, "4116"), "4116"), (api(403, "4117"), "4117")] {
            let h = assess(&pong(), &outcome);
            assert_eq!(h.key(), "auth");
            assert!(h.reason().contains(code), "{}", h.reason());
        }
        assert_eq!(assess(&api(403, "4115"), &pong()).key(), "auth");
    }

    #[test]
    fn no_answer_a_gateway_or_a_wrong_answer_is_down() {
        let cases = [
            Err(ApiError::Network("refused".into())),
            Err(ApiError::Timeout(Duration::from_secs(10))),
            Err(ApiError::Gateway { status: 502 }),
            api(500, "1124"),
            Ok("<!DOCTYPE html>".into()),
        ];
        for outcome in cases {
            let h = assess(&outcome, &pong());
            assert_eq!(h.key(), "down", "{outcome:?}");
            assert!(h.reason().starts_with("Ping"), "{}", h.reason());
        }
        let h = assess(&pong(), &Err(ApiError::Timeout(Duration::from_secs(10))));
        assert!(h.reason().contains("within 10 seconds"), "{}", h.reason());
    }
}
