//! The client: every call to the proxy, with the Commerce Partner API's headers, a fresh
//! `X-Request-Id` per attempt, the intent's `X-Correlation-Id`, time limits and retries. It runs
//! over a small [`Transport`] so the same code is driven by the browser and by native tests.

use super::activity::{target_of, Entry};
use super::error::{ApiError, Failure};
use super::policy::{classify, decode, fingerprint, retry_after, HttpAnswer, IntentBook, Kind, RetryPolicy, Unread};
use crate::i18n::t;
use serde::de::DeserializeOwned;
use std::any::Any;
use std::time::Duration;

/// One HTTP attempt to send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpRequest {
    pub method: &'static str,
    pub url: String,
    pub headers: Vec<(&'static str, String)>,
    pub body: Option<String>,
    pub timeout: Duration,
    /// A read ([`Kind::Read`]): only a read may be answered by what index.html read early.
    pub read: bool,
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

/// A successful answer, read as its call's type and held as any type ([`Client::run_read`]).
pub type Value = Box<dyn Any>;

/// Reads a successful answer's body (the call's name, for messages, and the body) as the type
/// its call expects: [`read_as`] of that type.
pub type Reader = fn(&str, &str) -> Result<Value, ApiError>;

/// The [`Reader`] of answers of type `R`.
pub fn read_as<R: DeserializeOwned + 'static>(call: &str, body: &str) -> Result<Value, ApiError> {
    decode::<R>(call, body).map(|value| Box::new(value) as Value)
}

impl Done<Value> {
    /// The answer as the type its [`Reader`] made. Always that type: the generic callers pass
    /// the reader of the type they read back, so a mismatch is a programming error, answered
    /// as [`Failure::not_typed`] rather than a panic.
    // `Failure` is the console's one error type; it is over clippy's size line on 64-bit hosts
    // (the native tests) only.
    #[allow(clippy::result_large_err)]
    pub fn typed<R: 'static>(self) -> Result<Done<R>, Failure> {
        let Done { value, correlation_id } = self;
        match value.downcast::<R>() {
            Ok(value) => Ok(Done { value: *value, correlation_id }),
            Err(_) => Err(Failure { correlation_id, ..Failure::not_typed() }),
        }
    }
}

/// An answer this long (in bytes) takes a while to read: the 5,000-subscription list's 1.9 MB
/// took about 40 ms on a laptop, four times that on a phone, and drawing its first rows as long
/// again. The client hands it over a task later, so the two are not one long task.
pub const LONG_ANSWER: usize = 100_000;

/// Items of a long list read in one task ([`Client::read_items`]): about 6 ms of subscriptions
/// on a laptop, under Lighthouse's 50 ms line at four times that.
pub const ITEMS_A_TASK: usize = 500;

/// What a mutation's intent is kept under: its method and URL.
fn intent_key(call: &Call) -> String {
    format!("{} {}", call.method, call.url)
}

impl<T: Transport> Client<T> {
    /// A change of `call`'s method and URL sent earlier from this tab whose answer never came
    /// back (the page was reloaded, or the connection dropped), when `is_it` recognises its
    /// body: `call` with that body. Running it sends that change again as it was, under its own
    /// correlation id, so the API answers what it did with it (or makes it now), never twice.
    pub fn unanswered(&self, call: &Call, is_it: impl Fn(&str) -> bool) -> Option<Call> {
        let key = intent_key(call);
        let book = self.transport.load_intents();
        let intent = book.open.into_iter().find(|i| i.key == key && i.body.as_deref().is_some_and(&is_it))?;
        Some(Call { body: intent.body, ..call.clone() })
    }

    /// Runs `call` and reads its answer as `R`. Mutations run under an intent: the same
    /// request sent again before any answer came back keeps its correlation id, so the API
    /// acts once; any answer that could be read settles the intent.
    pub async fn run<R: DeserializeOwned + 'static>(&self, call: &Call) -> Result<Done<R>, Failure> {
        self.run_read(call, read_as::<R>).await.and_then(Done::typed)
    }

    /// Runs `call`, a list's read, keeping its answer's items unread ([`Unread`]).
    pub async fn run_unread<I: DeserializeOwned + 'static>(&self, call: &Call) -> Result<Done<Unread<I>>, Failure> {
        self.run_read(call, |name, body| Ok(Box::new(Unread::<I>::new(name, body.to_owned())?) as Value))
            .await
            .and_then(Done::typed)
    }

    /// Runs `call`, reading a successful answer's body with `read`.
    ///
    /// The attempts, the intent and the log, and the future that runs them, are one function
    /// for every answer type: only `read` knows the type, and the value comes back as
    /// [`Value`], which the generic callers ([`Self::run`], `calls::send`) turn back into it
    /// ([`Done::typed`]).
    pub async fn run_read(&self, call: &Call, read: Reader) -> Result<Done<Value>, Failure> {
        let mut value = None;
        let mut accept = |body: &str| {
            value = Some(read(&call.name, body)?);
            Ok(())
        };
        let correlation_id = self.run_with(call, &mut accept).await?;
        match value {
            Some(value) => Ok(Done { value, correlation_id }),
            None => Err(Failure {
                error: ApiError::Decode { call: call.name.clone(), detail: "no answer was read".into() },
                action: call.name.clone(),
                request_id: String::new(),
                correlation_id,
            }),
        }
    }

    /// Reads `unread`'s items [`ITEMS_A_TASK`] at a time, waiting a task between batches, so no
    /// task of a long list's reading is long. The wait is a `scheduler.yield()` continuation
    /// where the browser has it, which comes before other tasks: in a Lighthouse trace of the
    /// 5,000 subscriptions no frame was painted between the batches (2026-12-05).
    pub async fn read_items<I: DeserializeOwned>(&self, call: &str, mut unread: Unread<I>) -> Result<Vec<I>, ApiError> {
        let mut items = Vec::new();
        unread.read(call, ITEMS_A_TASK, &mut items)?;
        while !unread.is_read() {
            self.transport.sleep(Duration::ZERO).await;
            unread.read(call, ITEMS_A_TASK, &mut items)?;
        }
        Ok(items)
    }

    /// Runs a list's `call` and reads its items a batch a task ([`Self::read_items`]).
    pub async fn run_items<I: DeserializeOwned + 'static>(&self, call: &Call) -> Result<Vec<I>, Failure> {
        let done = self.run_unread::<I>(call).await?;
        self.read_items(&call.name, done.value).await.map_err(|error| Failure {
            error,
            action: call.name.clone(),
            request_id: String::new(),
            correlation_id: done.correlation_id,
        })
    }

    /// Runs `call`, handing a successful answer's body to `accept`, which reads it (or says it
    /// cannot); the correlation id of the intent it ran under.
    async fn run_with(
        &self,
        call: &Call,
        accept: &mut dyn FnMut(&str) -> Result<(), ApiError>,
    ) -> Result<String, Failure> {
        let correlation_id = match call.kind {
            Kind::Read => self.transport.uuid(),
            Kind::Mutation => {
                let key = intent_key(call);
                let print = fingerprint(&[call.method, &call.url, call.body.as_deref().unwrap_or("")]);
                // A different change of the same key whose outcome is unknown goes first, as it
                // was: when it went through, its answer is this call's answer.
                if let Some(earlier) = self.transport.load_intents().earlier(&key, print) {
                    let sent = Call { body: earlier.body.clone(), ..call.clone() };
                    match self.settle_run(&sent, earlier.correlation_id.clone(), accept, true).await {
                        Ok(id) => return Ok(id),
                        Err(failure) if failure.error.api_answered() => {}
                        Err(failure) => return Err(failure),
                    }
                }
                let mut book = self.transport.load_intents();
                let intent = book.intent(&key, print, call.body.as_deref(), || self.transport.uuid());
                self.transport.save_intents(&book);
                intent.correlation_id
            }
        };
        self.settle_run(call, correlation_id, accept, false).await
    }

    /// Sends `call` under `correlation_id`, settles its intent once the API answered, and logs
    /// it (saying so when it is a change `sent_earlier` whose answer had not come back).
    async fn settle_run(
        &self,
        call: &Call,
        mut correlation_id: String,
        accept: &mut dyn FnMut(&str) -> Result<(), ApiError>,
        sent_earlier: bool,
    ) -> Result<String, Failure> {
        let result = self.attempts(call, &mut correlation_id, accept).await;
        if result.as_ref().is_err_and(|f| f.error.code().is_some()) {
            // A refusal is put into words below and by the page: with its documented meaning.
            super::error::load_documented().await;
        }
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
                Ok(_) => (true, t::activity::outcome_done().to_string()),
                Err(f) if answered => (false, f.error.what_happened()),
                Err(f @ Failure { error: ApiError::Decode { .. }, .. }) => {
                    (false, t::activity::unreadable(f.error.what_happened()))
                }
                Err(f) => (false, t::activity::no_answer(f.error.what_happened())),
            };
            let outcome = if sent_earlier { t::activity::sent_earlier(outcome) } else { outcome };
            self.transport.record(Entry {
                at: self.transport.now(),
                action: call.name.clone(),
                target: target_of(&call.url),
                correlation_id: correlation_id.clone(),
                outcome,
                ok,
            });
        }
        result.map(|()| correlation_id)
    }

    /// Sends `call` until it succeeds or the policy gives up. A mutation keeps its correlation
    /// id on every attempt (it is only retried when the API's answer never arrived); a read
    /// gets a fresh one after any answer of the API, as the headers' docs ask ("upon receiving
    /// some response, the value should be reset"): the API would otherwise replay that answer.
    async fn attempts(
        &self,
        call: &Call,
        correlation_id: &mut String,
        accept: &mut dyn FnMut(&str) -> Result<(), ApiError>,
    ) -> Result<(), Failure> {
        let policy = match call.kind {
            Kind::Read => RetryPolicy::READ,
            Kind::Mutation => RetryPolicy::MUTATION,
        };
        let mut attempt = 0;
        loop {
            attempt += 1;
            let request_id = self.transport.uuid();
            let mut headers = vec![
                ("Accept", "application/json".into()),
                ("Content-Type", "application/json".into()),
                ("X-Request-Id", request_id.clone()),
                ("X-Correlation-Id", correlation_id.to_string()),
            ];
            if let Some(tracker) = super::tracker::to_send(call.method, &call.url) {
                headers.push((super::tracker::HEADER, tracker));
            }
            let request = HttpRequest {
                method: call.method,
                url: call.url.clone(),
                headers,
                body: call.body.clone(),
                timeout: call.timeout.unwrap_or(policy.timeout),
                read: call.kind == Kind::Read,
            };
            let (outcome, wait, long) = match self.transport.send(&request).await {
                Ok(answer) => {
                    if let Some(tracker) = &answer.tracker {
                        super::tracker::keep(&call.url, tracker);
                    }
                    let wait = retry_after(answer.retry_after.as_deref());
                    (classify(&answer).and_then(&mut *accept), wait, answer.body.len() > LONG_ANSWER)
                }
                Err(error) => (Err(error), None, false),
            };
            match outcome {
                Ok(()) => {
                    // Reading a long answer took a while: the page draws it in a task of its
                    // own, so the browser paints and answers input between the two.
                    if long {
                        self.transport.sleep(Duration::ZERO).await;
                    }
                    return Ok(());
                }
                Err(error) if policy.retry(call.kind, attempt, &error) => {
                    if call.kind == Kind::Read && error.api_answered() {
                        *correlation_id = self.transport.uuid();
                    }
                    self.transport.sleep(policy.backoff(attempt, self.transport.jitter(), wait)).await;
                }
                Err(error) => {
                    return Err(Failure {
                        error,
                        action: call.name.clone(),
                        request_id,
                        correlation_id: correlation_id.to_string(),
                    })
                }
            }
        }
    }
}
