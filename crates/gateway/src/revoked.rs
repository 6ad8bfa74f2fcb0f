//! Sessions signed out before their time.
//!
//! A session cookie carries all the gateway needs (see [`crate::session`]), so removing it from
//! the browser at sign-out would leave any copy of it (a shared computer's disk, a proxy's or a
//! browser extension's log) valid until it ends by itself, up to the session's lifetime later.
//! So each session has an id, and signing out records it in the gateway's database (the audit
//! trail's, which every instance shares) until a while after the session would have ended
//! ([`CLOCK_SKEW`]).
//!
//! Every instance keeps those ids in memory, and a task of its own reads them again every
//! [`EVERY`]: a signed-out session is refused at once by the instance that signed it out, and
//! by every other within about [`EVERY`] (the README says 2 s). Requests never wait for those
//! reads. They wait only for an instance's first read: until it has one, it refuses sessions
//! (`503 GW-SESSION-CHECK`), trying the database at most once every [`EVERY`] meanwhile.
//!
//! Signing out never waits for the database: the task writes the sign-out within [`EVERY`].
//! When the database does not answer (within five seconds a call), an instance keeps refusing
//! the sessions it knows of, logs it once (`signed_out_sessions_unread`, and
//! `signed_out_sessions_read` once it answers again), and keeps the sign-outs it could not
//! write, trying again each round (`sign_out_not_shared`, once each).

use crate::audit::Audit;
use crate::error::GatewayError;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, Weak};
use std::time::{Duration, Instant};

/// How often each instance reads the signed-out sessions.
pub const EVERY: Duration = Duration::from_secs(1);
/// How long after a session would have ended its sign-out is kept: instances whose clocks run
/// behind still take its cookie that long.
pub const CLOCK_SKEW: u64 = 300;

/// How long one call to the database may take before it counts as failed: a connection that
/// hangs must not stall the task, nor a request waiting for the first read.
const DATABASE_WAIT: Duration = Duration::from_secs(5);

/// The signed-out sessions this instance knows of.
pub struct Revoked {
    inner: Arc<Inner>,
    /// Set once the first read succeeded.
    first: tokio::sync::OnceCell<()>,
    /// Whether the task that writes and reads started.
    task: std::sync::atomic::AtomicBool,
}

struct Inner {
    store: Audit,
    known: Mutex<Known>,
}

#[derive(Default)]
struct Known {
    /// Session id → when it would have ended (Unix seconds).
    ids: HashMap<String, u64>,
    /// Sign-outs not written to the store yet.
    unsaved: Vec<(String, u64)>,
    /// Sign-outs whose first write failed (logged once each).
    retried: std::collections::HashSet<String>,
    /// When a read last failed, while none has succeeded since.
    failed_at: Option<Instant>,
}

impl Revoked {
    pub fn new(store: Audit) -> Revoked {
        Revoked {
            inner: Arc::new(Inner { store, known: Mutex::default() }),
            first: tokio::sync::OnceCell::new(),
            task: std::sync::atomic::AtomicBool::new(false),
        }
    }

    /// Whether session `id` has been signed out.
    pub async fn contains(&self, id: &str) -> Result<bool, GatewayError> {
        self.first.get_or_try_init(|| self.first_read()).await?;
        Ok(self.inner.known().ids.contains_key(id))
    }

    /// Records that session `id`, which would end at `expires_at`, is signed out: at once in
    /// this instance, and, by the task within [`EVERY`], in the store for the others. Signing
    /// out never waits for the database.
    pub fn add(&self, id: &str, expires_at: u64) {
        let mut known = self.inner.known();
        known.ids.insert(id.to_string(), expires_at);
        known.unsaved.push((id.to_string(), expires_at));
        drop(known);
        self.start_task();
    }

    fn start_task(&self) {
        if !self.task.swap(true, std::sync::atomic::Ordering::SeqCst) {
            tokio::spawn(read_again(Arc::downgrade(&self.inner)));
        }
    }

    /// The first read, which requests wait for; then the task that reads every [`EVERY`]. A
    /// read that failed less than [`EVERY`] ago is not tried again: requests that queued
    /// behind it are refused at once, not each after a timeout of its own.
    async fn first_read(&self) -> Result<(), GatewayError> {
        let unchecked = || GatewayError::refusal(partner_model::gateway::SESSION_CHECK);
        if self.inner.known().failed_at.is_some_and(|at| at.elapsed() < EVERY) {
            return Err(unchecked());
        }
        if !self.inner.read().await {
            return Err(unchecked());
        }
        self.start_task();
        Ok(())
    }
}

/// Reads the signed-out sessions every [`EVERY`], writing first the sign-outs not written yet,
/// for as long as the instance lives.
async fn read_again(inner: Weak<Inner>) {
    for round in 1u64.. {
        tokio::time::sleep(EVERY).await;
        let Some(inner) = inner.upgrade() else { return };
        // About once a minute, the sign-outs of sessions long ended go.
        if round % 60 == 0 {
            let _ = tokio::time::timeout(DATABASE_WAIT, inner.store.forget_ended_sessions()).await;
        }
        let unsaved = std::mem::take(&mut inner.known().unsaved);
        for (id, expires_at) in unsaved {
            let written = tokio::time::timeout(DATABASE_WAIT, inner.store.revoke_session(&id, expires_at)).await;
            let error = match written {
                Ok(Ok(())) => {
                    inner.known().retried.remove(&id);
                    continue;
                }
                Ok(Err(e)) => e.to_string(),
                Err(_) => format!("no answer in {} s", DATABASE_WAIT.as_secs()),
            };
            // Logged once per sign-out: it is written as soon as the database answers.
            let first_failure = inner.known().retried.insert(id.clone());
            if first_failure {
                crate::log::event("sign_out_not_shared", &[("store", inner.store.kind), ("error", &error)]);
            }
            inner.known().unsaved.push((id, expires_at));
        }
        inner.read().await;
    }
}

impl Inner {
    /// Reads the signed-out sessions from the store into what this instance knows; whether it
    /// could. A failure is logged when reads start failing, and the recovery when they stop.
    async fn read(&self) -> bool {
        let read = match tokio::time::timeout(DATABASE_WAIT, self.store.revoked_sessions()).await {
            Ok(read) => read.map_err(|e| e.to_string()),
            Err(_) => Err(format!("no answer in {} s", DATABASE_WAIT.as_secs())),
        };
        let mut known = self.known();
        let now = crate::identity::now();
        match read {
            Ok(ids) => {
                known.ids.retain(|_, ends| ends.saturating_add(CLOCK_SKEW) > now);
                known.ids.extend(ids);
                if known.failed_at.take().is_some() {
                    crate::log::event("signed_out_sessions_read", &[("store", self.store.kind)]);
                }
                true
            }
            Err(error) => {
                if known.failed_at.replace(Instant::now()).is_none() {
                    crate::log::event("signed_out_sessions_unread", &[("store", self.store.kind), ("error", &error)]);
                }
                false
            }
        }
    }

    // Nothing panics while holding the lock, so a poisoned one still holds whole data.
    fn known(&self) -> std::sync::MutexGuard<'_, Known> {
        self.known.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
