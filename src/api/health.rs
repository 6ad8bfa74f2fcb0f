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
    /// Up, said by the page's own reads: one was answered well ([`first_look`]).
    Answered,
    /// The API answered, but refused the proxy's credentials.
    AuthProblem(String),
    /// The API could not be reached, or something other than the API answered.
    Down(String),
}

impl Health {
    /// Short label for the badge.
    pub fn label(&self) -> &'static str {
        match self {
            Health::Up | Health::Answered => crate::i18n::t::health::up(),
            Health::AuthProblem(_) => crate::i18n::t::health::auth(),
            Health::Down(_) => crate::i18n::t::health::down(),
        }
    }

    /// A stable key for styling and tests.
    pub fn key(&self) -> &'static str {
        match self {
            Health::Up | Health::Answered => "up",
            Health::AuthProblem(_) => "auth",
            Health::Down(_) => "down",
        }
    }

    /// The reason, in words.
    pub fn reason(&self) -> String {
        match self {
            Health::Up => crate::i18n::t::health::pong().into(),
            Health::Answered => crate::i18n::t::health::reads_answered().into(),
            Health::AuthProblem(r) | Health::Down(r) => r.clone(),
        }
    }

    /// Whether the API answers, keys and token accepted.
    pub fn is_up(&self) -> bool {
        matches!(self, Health::Up | Health::Answered)
    }
}

const TIMEOUT: Duration = Duration::from_secs(10);
/// How long the first look waits for the page's own reads before the pings.
const FIRST_LOOK: Duration = Duration::from_secs(3);

/// What `answers` (each URL and whether the API answered it well, oldest first) say of the API
/// under `root`: `Some(true)` when one of them was answered well (a 2xx with JSON: the API is
/// reachable and took the proxy's key and token, all that both pings show), else `Some(false)`
/// when one was answered otherwise or failed, `None` when there is none yet.
pub fn verdict(answers: &[(String, bool)], root: &str) -> Option<bool> {
    let mut under = answers.iter().filter(|(url, _)| {
        url.strip_prefix(root).is_some_and(|rest| rest.starts_with('/') || rest.starts_with('?') || rest.is_empty())
    });
    let first = under.next()?;
    Some(first.1 || under.any(|(_, good)| *good))
}

/// The first check, from the page's own reads, waiting up to three seconds for one: `Answered`
/// when one was answered well; `None` (ping to find out) when none came, or the first that
/// came did not say so.
pub async fn first_look(runtime: &Runtime) -> Option<Health> {
    let root = runtime.vipmp_url("");
    let until = js_sys::Date::now() + FIRST_LOOK.as_millis() as f64;
    loop {
        match verdict(&super::transport::answers(), &root) {
            Some(true) => return Some(Health::Answered),
            Some(false) => return None,
            None if js_sys::Date::now() >= until => return None,
            None => super::transport::next_answer(until).await,
        }
    }
}

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
        // A ping asks the API now.
        read: false,
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

    #[test]
    fn the_pages_reads_speak_for_the_api_under_its_root_only() {
        let seen = |list: &[(&str, bool)]| list.iter().map(|(u, g)| (u.to_string(), *g)).collect::<Vec<_>>();
        let root = "/api/vipmp";
        // One answered well is enough, wherever it came; none yet, nothing to say.
        assert_eq!(verdict(&seen(&[("/api/vipmp/v3/customers/1", true)]), root), Some(true));
        assert_eq!(
            verdict(&seen(&[("/api/vipmp/v3/customers/1", false), ("/api/vipmp/v3/resellers/2", true)]), root),
            Some(true)
        );
        assert_eq!(verdict(&seen(&[]), root), None);
        // Only refusals or failures: the pings find out why.
        assert_eq!(verdict(&seen(&[("/api/vipmp/v3/customers/1", false)]), root), Some(false));
        // Another API, or a base that only starts like this one, says nothing of it.
        let others =
            seen(&[("/api/cpn/v1/subscriptions", true), ("/api/vipmp2/v3/customers/1", true), ("/api/audit", true)]);
        assert_eq!(verdict(&others, root), None);
        assert_eq!(verdict(&seen(&[("/api/vipmpx", false)]), root), None);
        // An API elsewhere: its absolute URLs.
        let there = "https://proxy.example.com/vipmp";
        assert_eq!(verdict(&seen(&[("https://proxy.example.com/vipmp/v3/customers/1", true)]), there), Some(true));
        assert_eq!(verdict(&seen(&[("/api/vipmp/v3/customers/1", true)]), there), None);
    }

    #[test]
    fn an_up_said_by_the_reads_is_up_with_its_own_reason() {
        assert!(Health::Answered.is_up() && Health::Up.is_up());
        assert_eq!(Health::Answered.key(), "up");
        assert_eq!(Health::Answered.label(), Health::Up.label());
        assert_ne!(Health::Answered.reason(), Health::Up.reason());
        assert!(!Health::Down("x".into()).is_up() && !Health::AuthProblem("x".into()).is_up());
    }
}
