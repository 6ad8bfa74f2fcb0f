//! The live health check behind the header badge: `GET /ping` (the API is reachable and the
//! API key is accepted) and `GET /partnerservice/ping` (the access token is valid too).

use super::transport::{self, Failure, Reply};
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
            Health::Up => "API up",
            Health::AuthProblem(_) => "API auth problem",
            Health::Down(_) => "API down",
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
            Health::Up => "Both health checks answered pong.".into(),
            Health::AuthProblem(r) | Health::Down(r) => r.clone(),
        }
    }
}

const TIMEOUT: Duration = Duration::from_secs(10);

/// Runs both pings and sorts the outcome.
pub async fn check(runtime: &Runtime) -> Health {
    let ping = transport::get(&runtime.vipmp_url("/ping"), &transport::random_uuid(), TIMEOUT).await;
    if ping.is_err() {
        return classify(&ping, &ping);
    }
    let auth = transport::get(&runtime.vipmp_url("/partnerservice/ping"), &transport::random_uuid(), TIMEOUT).await;
    classify(&ping, &auth)
}

/// Sorts the two pings' outcomes into a [`Health`].
pub fn classify(ping: &Result<Reply, Failure>, authenticated: &Result<Reply, Failure>) -> Health {
    for (name, outcome) in [("Ping", ping), ("Authenticated ping", authenticated)] {
        match outcome {
            Ok(reply) if reply.body.trim() == "pong" => {}
            Ok(reply) => {
                return Health::Down(format!(
                    "{name} answered HTTP {} but not with pong: is the API base in config.json right?",
                    reply.status
                ))
            }
            Err(Failure::Api { status: 401 | 403, body }) => return Health::AuthProblem(auth_reason(&body.code, &body.message)),
            Err(failure) => return Health::Down(format!("{name}: {}", failure.describe())),
        }
    }
    Health::Up
}

fn auth_reason(code: &str, message: &str) -> String {
    match code {
        "4115" => "The proxy's API key was refused (4115: API key is invalid or missing).".into(),
        "4116" => "The proxy's access token is invalid or expired (4116).".into(),
        "4117" => "The proxy sent no access token (4117).".into(),
        _ => format!("The API refused the proxy's credentials ({code}: {message})."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use partner_model::error::ApiErrorBody;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn pong() -> Result<Reply, Failure> {
        Ok(Reply { status: 200, body: "pong".into() })
    }

    fn api(status: u16, code: &str) -> Result<Reply, Failure> {
        Err(Failure::Api { status, body: ApiErrorBody::new(code, "m") })
    }

    #[wasm_bindgen_test]
    fn both_pongs_are_up() {
        assert_eq!(classify(&pong(), &pong()), Health::Up);
    }

    #[wasm_bindgen_test]
    fn refused_credentials_are_an_auth_problem_with_the_code() {
        for (outcome, code) in [(api(403, "4115"), "4115"), (api(401, "4116"), "4116"), (api(403, "4117"), "4117")] {
            let h = classify(&pong(), &outcome);
            assert_eq!(h.key(), "auth");
            assert!(h.reason().contains(code), "{}", h.reason());
        }
        assert_eq!(classify(&api(403, "4115"), &pong()).key(), "auth");
    }

    #[wasm_bindgen_test]
    fn no_answer_a_gateway_or_a_wrong_answer_is_down() {
        let cases = [
            Err(Failure::Network("refused".into())),
            Err(Failure::Timeout(Duration::from_secs(10))),
            Err(Failure::Gateway { status: 502 }),
            api(500, "1124"),
            Ok(Reply { status: 200, body: "<!DOCTYPE html>".into() }),
        ];
        for outcome in cases {
            let h = classify(&outcome, &pong());
            assert_eq!(h.key(), "down", "{outcome:?}");
            assert!(h.reason().starts_with("Ping"), "{}", h.reason());
        }
        let h = classify(&pong(), &Err(Failure::Timeout(Duration::from_secs(10))));
        assert!(h.reason().contains("within 10 seconds"), "{}", h.reason());
    }

    #[wasm_bindgen_test]
    fn error_bodies_are_sorted_by_what_answered() {
        use super::transport::classify_error;
        assert!(matches!(classify_error(400, r#"{"code":"1117","message":"x"}"#), Failure::Api { status: 400, .. }));
        assert_eq!(classify_error(502, "<html>Bad gateway</html>"), Failure::Gateway { status: 502 });
        assert_eq!(classify_error(500, "<html>oops</html>"), Failure::Gateway { status: 500 });
        assert_eq!(classify_error(503, "unavailable"), Failure::Gateway { status: 503 });
        assert_eq!(classify_error(418, "teapot"), Failure::Unexpected { status: 418 });
        assert_eq!(classify_error(400, r#"{"message":"no code"}"#), Failure::Unexpected { status: 400 });
    }
}
