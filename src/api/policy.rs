//! The fetch layer's policy, in plain Rust so it is tested natively: which failures are retried
//! and how long to wait, how an HTTP answer becomes a result or an [`ApiError`], and when a
//! user's intent keeps its correlation id.

use super::error::ApiError;
use partner_model::error::ApiErrorBody;
use std::time::Duration;

/// What a call does: reads are retried freely; mutations only when no answer came back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Read,
    Mutation,
}

/// Retry limits and backoff.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included.
    pub attempts: u32,
    /// The first wait before jitter.
    pub base: Duration,
    /// No wait is longer.
    pub cap: Duration,
    /// Time limit of one attempt.
    pub timeout: Duration,
}

impl RetryPolicy {
    /// Reads: four attempts, 10-second time limit.
    pub const READ: RetryPolicy = RetryPolicy {
        attempts: 4,
        base: Duration::from_millis(300),
        cap: Duration::from_secs(5),
        timeout: Duration::from_secs(10),
    };
    /// Mutations: three attempts, 20-second time limit (orders can take a while).
    pub const MUTATION: RetryPolicy = RetryPolicy {
        attempts: 3,
        base: Duration::from_millis(500),
        cap: Duration::from_secs(5),
        timeout: Duration::from_secs(20),
    };

    /// The wait before attempt `attempt + 1` (`attempt` ≥ 1): exponential with full jitter
    /// (`jitter` in 0..1), or what `Retry-After` asked for, never more than a minute.
    pub fn backoff(&self, attempt: u32, jitter: f64, retry_after: Option<Duration>) -> Duration {
        if let Some(asked) = retry_after {
            return asked.min(Duration::from_secs(60));
        }
        let exp = self.base.saturating_mul(1u32 << attempt.saturating_sub(1).min(16)).min(self.cap);
        let jitter = if jitter.is_finite() { jitter.clamp(0.0, 1.0) } else { 0.5 };
        // Half fixed, half random: never zero, never in lockstep with other tabs.
        exp / 2 + exp.mul_f64(jitter / 2.0)
    }

    /// Whether `error` after `attempt` attempts of a `kind` call is tried again.
    pub fn retry(&self, kind: Kind, attempt: u32, error: &ApiError) -> bool {
        if attempt >= self.attempts {
            return false;
        }
        match kind {
            Kind::Read => error.retryable(),
            // A mutation is sent again only when the API cannot have answered: the same
            // correlation id then makes it one action however often it arrives. The gateway
            // says so itself when it never sent the change or lost the upstream's answer.
            Kind::Mutation => match error {
                ApiError::Network(_) | ApiError::Timeout(_) | ApiError::Gateway { .. } => true,
                ApiError::Api { body, .. } => {
                    partner_model::gateway::refusal(&body.code).is_some_and(|r| r.transient())
                }
                _ => false,
            },
        }
    }
}

/// `Retry-After` as seconds (the HTTP-date form is not used by the proxy).
pub fn retry_after(value: Option<&str>) -> Option<Duration> {
    value?.trim().parse::<u64>().ok().map(Duration::from_secs)
}

/// An HTTP answer, as the transport hands it over.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpAnswer {
    pub status: u16,
    pub content_type: String,
    pub retry_after: Option<String>,
    pub body: String,
}

/// Sorts an answer: `Ok(body)` for 2xx, otherwise the error it means.
pub fn classify(answer: &HttpAnswer) -> Result<&str, ApiError> {
    let status = answer.status;
    if (200..300).contains(&status) {
        return Ok(&answer.body);
    }
    let looks_json = answer.content_type.contains("json") || answer.body.trim_start().starts_with('{');
    match serde_json::from_str::<ApiErrorBody>(&answer.body) {
        Ok(body) if looks_json && !body.code.is_empty() => Err(ApiError::Api { status, body }),
        _ if matches!(status, 502..=504) || !looks_json => Err(ApiError::Gateway { status }),
        _ => Err(ApiError::Unexpected { status }),
    }
}

/// Reads a 2xx body as `T`; `call` names the call for the message.
pub fn decode<T: serde::de::DeserializeOwned>(call: &str, body: &str) -> Result<T, ApiError> {
    let body = if body.trim().is_empty() { "null" } else { body };
    serde_json::from_str(body).map_err(|e| ApiError::Decode { call: call.to_string(), detail: e.to_string() })
}

/// A 64-bit FNV-1a hash: the fingerprint of what an intent sends.
pub fn fingerprint(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes().chain([0xff]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// A user's intent: one action, one correlation id, reused while no answer has come back and
/// the request is unchanged.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Intent {
    /// What the user is doing, and to what ("POST /v3/customers/1005/orders").
    pub key: String,
    /// The request it sends (method, path, body), hashed.
    pub fingerprint: u64,
    pub correlation_id: String,
    /// The body it sends, so that a different request under the same key can first learn what
    /// became of this one (see [`IntentBook::earlier`]).
    #[serde(default)]
    pub body: Option<String>,
}

/// The unresolved intents of this browser tab (kept in session storage, so a reload keeps them).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct IntentBook {
    pub open: Vec<Intent>,
}

impl IntentBook {
    /// The intent for sending `fingerprint` as `key`: the open one when it sends the same thing,
    /// a new one (with `new_id`) when there is none or the request changed.
    pub fn intent(
        &mut self,
        key: &str,
        fingerprint: u64,
        body: Option<&str>,
        new_id: impl FnOnce() -> String,
    ) -> Intent {
        if let Some(open) = self.open.iter().find(|i| i.key == key && i.fingerprint == fingerprint) {
            return open.clone();
        }
        self.open.retain(|i| i.key != key);
        let intent =
            Intent { key: key.to_string(), fingerprint, correlation_id: new_id(), body: body.map(str::to_string) };
        self.open.push(intent.clone());
        if self.open.len() > 50 {
            self.open.remove(0);
        }
        intent
    }

    /// After an answer from the API (success or error), the intent is done: the next send is
    /// a new intent.
    /// An open intent of `key` that sends something else than `fingerprint`: a change sent
    /// earlier (before a reload, or before the form was edited after a time-out) whose outcome
    /// is unknown. It is resolved — sent again as it was, under its own correlation id — before
    /// a different request of the same key goes out, so the two never both happen unawares.
    pub fn earlier(&self, key: &str, fingerprint: u64) -> Option<Intent> {
        self.open.iter().find(|i| i.key == key && i.fingerprint != fingerprint && i.body.is_some()).cloned()
    }

    pub fn settle(&mut self, correlation_id: &str) {
        self.open.retain(|i| i.correlation_id != correlation_id);
    }
}
