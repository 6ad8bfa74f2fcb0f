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
    /// The recommendations' tracker the answer carried ([`super::tracker`]).
    pub tracker: Option<String>,
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

/// Reads a 2xx body as `T` (its records JSON objects: [`super::objects`]); `call` names the call
/// for the message.
pub fn decode<T: serde::de::DeserializeOwned>(call: &str, body: &str) -> Result<T, ApiError> {
    let body = if body.trim().is_empty() { "null" } else { body };
    super::objects::from_str(body).map_err(|e| ApiError::Decode { call: call.to_string(), detail: e.to_string() })
}

/// A list answer whose items are read a batch at a time ([`super::client::Client::read_items`]):
/// reading 5,000 subscriptions at once was one long task (about 64 ms here, a quarter of a
/// second on a phone). The answer is kept as it came; [`Unread::new`] finds where its `items`
/// array starts (skipping, unread, any member before it), and each [`Unread::read`] decodes the
/// next items with serde_json's documented `StreamDeserializer`, whose `byte_offset` says where
/// each item ended. So every item is scanned once, as reading the whole answer would. A list's
/// other members (its count, its links) are not used where lists are read this way, and what
/// follows the array is not read.
#[derive(Debug)]
pub struct Unread<T> {
    body: String,
    /// Where the next item (or the array's `]`) starts.
    at: usize,
    /// Whether every item has been read.
    done: bool,
    /// Items read so far (for the message of one that cannot be read).
    count: usize,
    item: std::marker::PhantomData<fn() -> T>,
}

/// The first byte at or after `at` that is not JSON whitespace (the end when there is none).
fn skip_space(b: &[u8], mut at: usize) -> usize {
    while b.get(at).is_some_and(|c| matches!(c, b' ' | b'\n' | b'\t' | b'\r')) {
        at += 1;
    }
    at
}

/// The value of type `V` starting at `at` and where it ends.
fn value_at<V: serde::de::DeserializeOwned>(body: &str, at: usize) -> Result<(V, usize), String> {
    let rest = body.get(at..).ok_or("the answer ends early")?;
    let mut stream = serde_json::Deserializer::from_str(rest).into_iter::<super::objects::Object<V>>();
    match stream.next() {
        Some(Ok(super::objects::Object(value))) => Ok((value, at + stream.byte_offset())),
        Some(Err(e)) => Err(e.to_string()),
        None => Err("the answer ends early".into()),
    }
}

/// Where the top-level object's `items` array starts (just after its `[`); `None` when it has
/// no `items` (no items, as a list's decoder defaults them).
fn items_start(body: &str) -> Result<Option<usize>, String> {
    let b = body.as_bytes();
    let mut at = skip_space(b, 0);
    if b.get(at) != Some(&b'{') {
        return Err("the answer is not a JSON object".into());
    }
    at += 1;
    loop {
        at = skip_space(b, at);
        if b.get(at) == Some(&b'}') {
            return Ok(None);
        }
        let (key, end) = value_at::<String>(body, at)?;
        at = skip_space(b, end);
        if b.get(at) != Some(&b':') {
            return Err(format!("expected `:` after \"{key}\""));
        }
        at = skip_space(b, at + 1);
        if key == "items" {
            return match b.get(at) {
                Some(b'[') => Ok(Some(at + 1)),
                _ => Err("`items` is not a list".into()),
            };
        }
        let (serde::de::IgnoredAny, end) = value_at(body, at)?;
        at = skip_space(b, end);
        match b.get(at) {
            Some(b',') => at += 1,
            Some(b'}') => return Ok(None),
            _ => return Err("expected `,` or `}` in the answer".into()),
        }
    }
}

impl<T: serde::de::DeserializeOwned> Unread<T> {
    /// The answer `body` of `call`, its items not read yet; an error when it is no list.
    pub fn new(call: &str, body: String) -> Result<Self, ApiError> {
        let at = items_start(&body).map_err(|detail| ApiError::Decode { call: call.to_string(), detail })?;
        Ok(Unread { body, at: at.unwrap_or(0), done: at.is_none(), count: 0, item: std::marker::PhantomData })
    }

    /// Whether every item has been read.
    pub fn is_read(&self) -> bool {
        self.done
    }

    /// Reads up to `count` more items onto `into`; `call` names the call for the message, which
    /// says which item could not be read.
    pub fn read(&mut self, call: &str, count: usize, into: &mut Vec<T>) -> Result<(), ApiError> {
        let failed = |n: usize, detail: String| ApiError::Decode {
            call: call.to_string(),
            detail: format!("item {n}: {detail}"),
        };
        let b = self.body.as_bytes();
        for _ in 0..count {
            if self.done {
                break;
            }
            let at = skip_space(b, self.at);
            if self.count == 0 && b.get(at) == Some(&b']') {
                self.done = true;
                break;
            }
            let (item, end) = value_at::<T>(&self.body, at).map_err(|e| failed(self.count + 1, e))?;
            into.push(item);
            self.count += 1;
            let next = skip_space(b, end);
            match b.get(next) {
                Some(b',') => self.at = next + 1,
                Some(b']') => self.done = true,
                _ => return Err(failed(self.count + 1, "expected `,` or `]` after the item before".into())),
            }
        }
        Ok(())
    }
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
