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
