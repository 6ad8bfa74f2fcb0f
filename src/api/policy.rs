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
    pub const READ: RetryPolicy = RetryPolicy { attempts: 4, base: Duration::from_millis(300), cap: Duration::from_secs(5), timeout: Duration::from_secs(10) };
    /// Mutations: three attempts, 20-second time limit (orders can take a while).
    pub const MUTATION: RetryPolicy = RetryPolicy { attempts: 3, base: Duration::from_millis(500), cap: Duration::from_secs(5), timeout: Duration::from_secs(20) };

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
            // correlation id then makes it one action however often it arrives.
            Kind::Mutation => matches!(error, ApiError::Network(_) | ApiError::Timeout(_) | ApiError::Gateway { .. }),
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
}

/// The unresolved intents of this browser tab (kept in session storage, so a reload keeps them).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct IntentBook {
    pub open: Vec<Intent>,
}

impl IntentBook {
    /// The intent for sending `fingerprint` as `key`: the open one when it sends the same thing,
    /// a new one (with `new_id`) when there is none or the request changed.
    pub fn intent(&mut self, key: &str, fingerprint: u64, new_id: impl FnOnce() -> String) -> Intent {
        if let Some(open) = self.open.iter().find(|i| i.key == key && i.fingerprint == fingerprint) {
            return open.clone();
        }
        self.open.retain(|i| i.key != key);
        let intent = Intent { key: key.to_string(), fingerprint, correlation_id: new_id() };
        self.open.push(intent.clone());
        if self.open.len() > 50 {
            self.open.remove(0);
        }
        intent
    }

    /// After an answer from the API (success or error), the intent is done: the next send is
    /// a new intent.
    pub fn settle(&mut self, correlation_id: &str) {
        self.open.retain(|i| i.correlation_id != correlation_id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(status: u16, content_type: &str, body: &str) -> HttpAnswer {
        HttpAnswer { status, content_type: content_type.into(), retry_after: None, body: body.into() }
    }

    #[test]
    fn answers_are_sorted_by_who_gave_them() {
        assert_eq!(classify(&answer(201, "application/json", "{}")), Ok("{}"));
        assert!(matches!(classify(&answer(400, "application/json", r#"{"code":"1117","message":"x","additionalDetails":["a"]}"#)), Err(ApiError::Api { status: 400, .. })));
        assert_eq!(classify(&answer(502, "text/html", "<html>Bad gateway</html>")), Err(ApiError::Gateway { status: 502 }));
        assert_eq!(classify(&answer(500, "text/html", "<html>oops</html>")), Err(ApiError::Gateway { status: 500 }));
        assert_eq!(classify(&answer(503, "application/json", r#"{"error":"x"}"#)), Err(ApiError::Gateway { status: 503 }));
        assert_eq!(classify(&answer(418, "application/json", r#"{"message":"no code"}"#)), Err(ApiError::Unexpected { status: 418 }));
        assert!(matches!(classify(&answer(500, "application/json", r#"{"code":"1124","message":"x"}"#)), Err(ApiError::Api { status: 500, .. })));
    }

    #[test]
    fn decoding_names_the_call() {
        let e = decode::<partner_model::types::Order>("Get order", "{ not json").expect_err("broken");
        assert!(matches!(&e, ApiError::Decode { call, .. } if call == "Get order"));
        assert!(decode::<partner_model::types::Order>("Get order", r#"{"orderId":"1","lineItems":[]}"#).is_ok());
    }

    #[test]
    fn reads_retry_every_transient_failure_mutations_only_silence() {
        let p = RetryPolicy::READ;
        let api500 = ApiError::Api { status: 500, body: ApiErrorBody::new("1124", "") };
        for e in [ApiError::Network("x".into()), ApiError::Timeout(p.timeout), ApiError::Gateway { status: 503 }, api500.clone()] {
            assert!(p.retry(Kind::Read, 1, &e), "{e:?}");
        }
        assert!(!p.retry(Kind::Read, p.attempts, &ApiError::Network("x".into())), "a small cap");
        let m = RetryPolicy::MUTATION;
        assert!(m.retry(Kind::Mutation, 1, &ApiError::Timeout(m.timeout)));
        assert!(m.retry(Kind::Mutation, 2, &ApiError::Gateway { status: 502 }));
        assert!(!m.retry(Kind::Mutation, 1, &api500), "the API answered: a new intent is needed");
        assert!(!m.retry(Kind::Mutation, 1, &ApiError::Api { status: 429, body: ApiErrorBody::new("4118", "") }));
    }

    #[test]
    fn backoff_grows_is_capped_jittered_and_honours_retry_after() {
        let p = RetryPolicy::READ;
        let waits: Vec<Duration> = (1..=6).map(|n| p.backoff(n, 1.0, None)).collect();
        assert_eq!(waits[0], Duration::from_millis(300));
        assert_eq!(waits[1], Duration::from_millis(600));
        assert!(waits.windows(2).all(|w| w[0] <= w[1]));
        assert_eq!(*waits.last().expect("waits"), p.cap);
        assert_eq!(p.backoff(1, 0.0, None), Duration::from_millis(150), "jitter never reaches zero");
        assert_eq!(p.backoff(1, f64::NAN, None), Duration::from_millis(225));
        assert_eq!(p.backoff(3, 0.3, Some(Duration::from_secs(7))), Duration::from_secs(7));
        assert_eq!(p.backoff(3, 0.3, Some(Duration::from_secs(3600))), Duration::from_secs(60));
        assert_eq!(retry_after(Some(" 5 ")), Some(Duration::from_secs(5)));
        assert_eq!(retry_after(Some("Wed, 21 Oct 2015 07:28:00 GMT")), None);
    }

    #[test]
    fn an_intent_keeps_its_id_until_answered_or_changed() {
        let mut book = IntentBook::default();
        let mut n = 0;
        let mut id = || {
            n += 1;
            format!("c{n}")
        };
        let a = book.intent("POST /orders", 1, &mut id);
        assert_eq!(book.intent("POST /orders", 1, &mut id).correlation_id, a.correlation_id, "a double click or a retry is the same intent");
        let changed = book.intent("POST /orders", 2, &mut id);
        assert_ne!(changed.correlation_id, a.correlation_id, "a changed form is a new intent");
        assert_eq!(book.open.len(), 1, "the changed intent replaces the old one");
        book.settle(&changed.correlation_id);
        assert_ne!(book.intent("POST /orders", 2, &mut id).correlation_id, changed.correlation_id, "after an answer, a new intent");
        let json = serde_json::to_string(&book).expect("encode");
        assert_eq!(serde_json::from_str::<IntentBook>(&json).expect("decode"), book, "it survives a reload through storage");
        assert_ne!(fingerprint(&["POST", "/a", "{}"]), fingerprint(&["POST", "/a{", "}"]));
    }
}
