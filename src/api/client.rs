//! The client: every call to the proxy, with the Commerce Partner API's headers, a fresh
//! `X-Request-Id` per attempt, the intent's `X-Correlation-Id`, time limits and retries. It runs
//! over a small [`Transport`] so the same code is driven by the browser and by native tests.

use super::activity::{target_of, Entry};
use super::error::{ApiError, Failure};
use super::policy::{classify, decode, fingerprint, retry_after, HttpAnswer, IntentBook, Kind, RetryPolicy};
use serde::de::DeserializeOwned;
use std::time::Duration;

/// One HTTP attempt to send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpRequest {
    pub method: &'static str,
    pub url: String,
    pub headers: Vec<(&'static str, String)>,
    pub body: Option<String>,
    pub timeout: Duration,
}

/// What the client needs from its environment.
#[allow(async_fn_in_trait)]
pub trait Transport {
    /// Sends one attempt; `Err` only when no answer came (offline, network, timeout).
    async fn send(&self, request: &HttpRequest) -> Result<HttpAnswer, ApiError>;
    /// Waits before a retry.
    async fn sleep(&self, duration: Duration);
    /// A fresh UUID v4.
    fn uuid(&self) -> String;
    /// A random number in 0..1, for backoff jitter.
    fn jitter(&self) -> f64;
    /// The tab's open intents (session storage in the browser).
    fn load_intents(&self) -> IntentBook;
    /// Keeps the tab's open intents.
    fn save_intents(&self, book: &IntentBook);
    /// Now, as an ISO time.
    fn now(&self) -> String;
    /// Adds an entry to the activity log.
    fn record(&self, entry: Entry);
}

/// A call, described: what it is for the reseller, and what goes on the wire.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Call {
    /// The reseller's name for it ("Place order"), for messages and the activity log.
    pub name: String,
    pub kind: Kind,
    pub method: &'static str,
    pub url: String,
    pub body: Option<String>,
    /// Time limit of one attempt; the policy's default for the kind when absent.
    pub timeout: Option<Duration>,
}

/// The client over a transport.
pub struct Client<T> {
    pub transport: T,
}

/// A successful answer with the intent it settled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Done<R> {
    pub value: R,
    pub correlation_id: String,
}

impl<T: Transport> Client<T> {
    /// Runs `call` and reads its answer as `R`. Mutations run under an intent: the same
    /// request sent again before any answer came back keeps its correlation id, so the API
    /// acts once; any answer settles the intent.
    pub async fn run<R: DeserializeOwned>(&self, call: &Call) -> Result<Done<R>, Failure> {
        let correlation_id = match call.kind {
            Kind::Read => self.transport.uuid(),
            Kind::Mutation => {
                let mut book = self.transport.load_intents();
                let print = fingerprint(&[call.method, &call.url, call.body.as_deref().unwrap_or("")]);
                let intent = book.intent(&format!("{} {}", call.method, call.url), print, || self.transport.uuid());
                self.transport.save_intents(&book);
                intent.correlation_id
            }
        };
        let result = self.attempts(call, &correlation_id).await;
        let answered = match &result {
            Ok(_) => true,
            Err(failure) => failure.error.api_answered(),
        };
        if call.kind == Kind::Mutation {
            if answered {
                let mut book = self.transport.load_intents();
                book.settle(&correlation_id);
                self.transport.save_intents(&book);
            }
            let (ok, outcome) = match &result {
                Ok(_) => (true, "Done".to_string()),
                Err(f) if answered => (false, f.error.what_happened()),
                Err(f) => (false, format!("No answer: {} Trying again is safe.", f.error.what_happened())),
            };
            self.transport.record(Entry {
                at: self.transport.now(),
                action: call.name.clone(),
                target: target_of(&call.url),
                correlation_id: correlation_id.clone(),
                outcome,
                ok,
            });
        }
        result.map(|value| Done { value, correlation_id })
    }

    async fn attempts<R: DeserializeOwned>(&self, call: &Call, correlation_id: &str) -> Result<R, Failure> {
        let policy = match call.kind {
            Kind::Read => RetryPolicy::READ,
            Kind::Mutation => RetryPolicy::MUTATION,
        };
        let mut attempt = 0;
        loop {
            attempt += 1;
            let request_id = self.transport.uuid();
            let request = HttpRequest {
                method: call.method,
                url: call.url.clone(),
                headers: vec![
                    ("Accept", "application/json".into()),
                    ("Content-Type", "application/json".into()),
                    ("X-Request-Id", request_id.clone()),
                    ("X-Correlation-Id", correlation_id.to_string()),
                ],
                body: call.body.clone(),
                timeout: call.timeout.unwrap_or(policy.timeout),
            };
            let (outcome, wait) = match self.transport.send(&request).await {
                Ok(answer) => {
                    let wait = retry_after(answer.retry_after.as_deref());
                    (classify(&answer).and_then(|body| decode::<R>(&call.name, body)), wait)
                }
                Err(error) => (Err(error), None),
            };
            match outcome {
                Ok(value) => return Ok(value),
                Err(error) if policy.retry(call.kind, attempt, &error) => {
                    self.transport.sleep(policy.backoff(attempt, self.transport.jitter(), wait)).await;
                }
                Err(error) => {
                    return Err(Failure { error, action: call.name.clone(), request_id, correlation_id: correlation_id.to_string() })
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::{Cell, RefCell};
    use std::collections::VecDeque;

    /// A transport that answers from a script and records what it was sent.
    #[derive(Default)]
    struct Scripted {
        answers: RefCell<VecDeque<Result<HttpAnswer, ApiError>>>,
        sent: RefCell<Vec<HttpRequest>>,
        slept: RefCell<Vec<Duration>>,
        ids: Cell<u32>,
        book: RefCell<IntentBook>,
        log: RefCell<crate::api::activity::Log>,
    }

    impl Scripted {
        fn new(answers: Vec<Result<HttpAnswer, ApiError>>) -> Client<Scripted> {
            Client { transport: Scripted { answers: RefCell::new(answers.into()), ..Scripted::default() } }
        }
        fn header(&self, i: usize, name: &str) -> String {
            self.sent.borrow()[i].headers.iter().find(|(n, _)| *n == name).map(|(_, v)| v.clone()).unwrap_or_default()
        }
    }

    impl Transport for Scripted {
        async fn send(&self, request: &HttpRequest) -> Result<HttpAnswer, ApiError> {
            self.sent.borrow_mut().push(request.clone());
            self.answers.borrow_mut().pop_front().unwrap_or(Err(ApiError::Network("script ran out".into())))
        }
        async fn sleep(&self, duration: Duration) {
            self.slept.borrow_mut().push(duration);
        }
        fn uuid(&self) -> String {
            self.ids.set(self.ids.get() + 1);
            format!("id-{}", self.ids.get())
        }
        fn jitter(&self) -> f64 {
            1.0
        }
        fn load_intents(&self) -> IntentBook {
            self.book.borrow().clone()
        }
        fn save_intents(&self, book: &IntentBook) {
            *self.book.borrow_mut() = book.clone();
        }
        fn now(&self) -> String {
            "2026-11-23T12:00:00Z".into()
        }
        fn record(&self, entry: Entry) {
            self.log.borrow_mut().record(entry);
        }
    }

    fn ok(body: &str) -> Result<HttpAnswer, ApiError> {
        Ok(HttpAnswer { status: 200, content_type: "application/json".into(), retry_after: None, body: body.into() })
    }

    fn status(code: u16, content_type: &str, body: &str, retry_after: Option<&str>) -> Result<HttpAnswer, ApiError> {
        Ok(HttpAnswer { status: code, content_type: content_type.into(), retry_after: retry_after.map(str::to_string), body: body.into() })
    }

    fn read() -> Call {
        Call { name: "Get customer".into(), kind: Kind::Read, method: "GET", url: "/api/vipmp/v3/customers/1".into(), body: None, timeout: Some(Duration::from_secs(7)) }
    }

    fn order(body: &str) -> Call {
        Call { name: "Place order".into(), kind: Kind::Mutation, method: "POST", url: "/api/vipmp/v3/customers/1/orders".into(), body: Some(body.into()), timeout: None }
    }

    fn block<F: std::future::Future>(f: F) -> F::Output {
        futures::executor::block_on(f)
    }

    #[test]
    fn every_attempt_carries_the_api_headers_and_a_fresh_request_id() {
        let client = Scripted::new(vec![Err(ApiError::Timeout(Duration::from_secs(10))), ok("{}")]);
        let done: Done<serde_json::Value> = block(client.run(&read())).expect("second attempt answers");
        let t = &client.transport;
        assert_eq!(t.sent.borrow().len(), 2);
        for i in 0..2 {
            assert_eq!(t.header(i, "Accept"), "application/json");
            assert_eq!(t.header(i, "Content-Type"), "application/json");
            assert!(t.sent.borrow()[i].headers.iter().all(|(n, _)| !n.eq_ignore_ascii_case("authorization") && !n.eq_ignore_ascii_case("x-api-key")), "never a secret");
        }
        assert_ne!(t.header(0, "X-Request-Id"), t.header(1, "X-Request-Id"), "a fresh request id per attempt");
        assert_eq!(t.header(0, "X-Correlation-Id"), done.correlation_id);
        assert_eq!(t.sent.borrow()[0].timeout, Duration::from_secs(7), "the call's own time limit");
    }

    #[test]
    fn reads_retry_transient_failures_with_backoff_up_to_a_cap() {
        let client = Scripted::new(vec![
            Err(ApiError::Network("reset".into())),
            status(502, "text/html", "<html>bad gateway</html>", None),
            status(503, "application/json", r#"{"code":"1124","message":"busy"}"#, Some("2")),
            ok(r#"{"customerId":"1"}"#),
        ]);
        let done: Done<partner_model::types::Customer> = block(client.run(&read())).expect("fourth attempt");
        assert_eq!(done.value.customer_id, "1");
        assert_eq!(*client.transport.slept.borrow(), vec![Duration::from_millis(300), Duration::from_millis(600), Duration::from_secs(2)]);
        let client = Scripted::new(vec![Err(ApiError::Network("down".into())); 9]);
        let failure = block(client.run::<serde_json::Value>(&read())).expect_err("gives up");
        assert_eq!(client.transport.sent.borrow().len(), RetryPolicy::READ.attempts as usize, "a small cap");
        assert_eq!(failure.action, "Get customer");
        assert!(failure.error.retryable(), "the panel can still offer to try again");
    }

    #[test]
    fn a_cancelled_read_stops_at_once() {
        let client = Scripted::new(vec![Err(ApiError::Cancelled), ok("{}")]);
        let failure = block(client.run::<serde_json::Value>(&read())).expect_err("cancelled");
        assert_eq!(failure.error, ApiError::Cancelled);
        assert_eq!(client.transport.sent.borrow().len(), 1, "nobody waits: no retry");
        assert!(client.transport.slept.borrow().is_empty());
    }

    #[test]
    fn reads_do_not_retry_what_cannot_change() {
        let client = Scripted::new(vec![status(404, "application/json", r#"{"code":"1116","message":"Invalid Customer"}"#, None)]);
        let failure = block(client.run::<serde_json::Value>(&read())).expect_err("404");
        assert_eq!(failure.error.code(), Some("1116"));
        assert_eq!(client.transport.sent.borrow().len(), 1);
        let client = Scripted::new(vec![ok(r#"{"customerId": 12, "companyProfile": "x"}"#)]);
        let failure = block(client.run::<partner_model::types::Customer>(&read())).expect_err("bad shape");
        assert!(matches!(failure.error, ApiError::Decode { ref call, .. } if call == "Get customer"));
    }

    #[test]
    fn a_mutation_with_no_answer_is_resent_as_the_same_intent() {
        let client = Scripted::new(vec![Err(ApiError::Network("dropped".into())), Err(ApiError::Network("dropped".into())), ok(r#"{"orderId":"5"}"#)]);
        let done: Done<serde_json::Value> = block(client.run(&order("{\"a\":1}"))).expect("third attempt");
        let t = &client.transport;
        assert_eq!(t.sent.borrow()[0].timeout, RetryPolicy::MUTATION.timeout, "the kind's default");
        let ids: Vec<String> = (0..3).map(|i| t.header(i, "X-Correlation-Id")).collect();
        assert!(ids.iter().all(|c| *c == done.correlation_id), "one intent: {ids:?}");
        assert!(t.book.borrow().open.is_empty(), "the answer settled it");
        let log = t.log.borrow();
        assert_eq!(log.entries.len(), 1, "one action, one entry, however many sends");
        assert_eq!((log.entries[0].action.as_str(), log.entries[0].target.as_str(), log.entries[0].ok), ("Place order", "/v3/customers/1/orders", true));
        assert_eq!(log.entries[0].correlation_id, done.correlation_id);
    }

    #[test]
    fn reads_are_not_logged_and_failures_say_how_they_ended() {
        let client = Scripted::new(vec![ok("{}")]);
        let _ = block(client.run::<serde_json::Value>(&read()));
        assert!(client.transport.log.borrow().entries.is_empty());
        let client = Scripted::new(vec![Err(ApiError::Timeout(Duration::from_secs(20))); 3]);
        let _ = block(client.run::<serde_json::Value>(&order("{}")));
        let log = client.transport.log.borrow();
        assert!(!log.entries[0].ok);
        assert!(log.entries[0].outcome.starts_with("No answer"), "{}", log.entries[0].outcome);
    }

    #[test]
    fn a_mutation_the_api_answered_is_not_resent_and_the_next_submit_is_a_new_intent() {
        let client = Scripted::new(vec![
            status(500, "application/json", r#"{"code":"1124","message":"Internal Server Error"}"#, None),
            ok("{}"),
        ]);
        let failure = block(client.run::<serde_json::Value>(&order("{}"))).expect_err("the API answered 500");
        assert_eq!(client.transport.sent.borrow().len(), 1, "not resent automatically");
        let again: Done<serde_json::Value> = block(client.run(&order("{}"))).expect("user tries again");
        assert_ne!(again.correlation_id, failure.correlation_id, "a new intent after any answer");
    }

    #[test]
    fn an_unanswered_intent_survives_and_is_reused_until_the_form_changes() {
        let client = Scripted::new(vec![Err(ApiError::Timeout(Duration::from_secs(20))); 3]);
        let first = block(client.run::<serde_json::Value>(&order("{\"q\":1}"))).expect_err("no answer");
        assert_eq!(client.transport.book.borrow().open.len(), 1, "still open (kept in session storage)");
        client.transport.answers.borrow_mut().push_back(ok("{}"));
        let retried: Done<serde_json::Value> = block(client.run(&order("{\"q\":1}"))).expect("retry button");
        assert_eq!(retried.correlation_id, first.correlation_id, "the retry button is the same intent");
        client.transport.answers.borrow_mut().extend([Err(ApiError::Timeout(Duration::from_secs(20))), Err(ApiError::Timeout(Duration::from_secs(20))), Err(ApiError::Timeout(Duration::from_secs(20)))]);
        let a = block(client.run::<serde_json::Value>(&order("{\"q\":2}"))).expect_err("no answer");
        client.transport.answers.borrow_mut().push_back(ok("{}"));
        let b: Done<serde_json::Value> = block(client.run(&order("{\"q\":3}"))).expect("changed form");
        assert_ne!(a.correlation_id, b.correlation_id, "a changed form is a new intent");
    }

    #[test]
    fn gateway_pages_are_retried_for_mutations_but_api_429_is_not() {
        let client = Scripted::new(vec![status(504, "text/html", "<html>timeout</html>", None), ok("{}")]);
        assert!(block(client.run::<serde_json::Value>(&order("{}"))).is_ok());
        let client = Scripted::new(vec![status(429, "application/json", r#"{"code":"4118","message":"Too many requests"}"#, Some("1"))]);
        assert!(block(client.run::<serde_json::Value>(&order("{}"))).is_err());
        assert_eq!(client.transport.sent.borrow().len(), 1);
    }
}
