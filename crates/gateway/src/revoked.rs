//! Sessions signed out before their time.
//!
//! A session cookie carries all the gateway needs (see [`crate::session`]), so removing it from
//! the browser at sign-out would leave any copy of it (a shared computer's disk, a proxy's or a
//! browser extension's log) valid until it ends by itself, up to the session's lifetime later.
//! So each session has an id, and signing out records it in the gateway's database (the audit
//! trail's, which every instance shares), until the session would have ended.
//!
//! Every instance keeps those ids in memory and reads them again when what it knows is older
//! than [`FRESH`], before it answers the request that finds them old. So a signed-out session
//! is refused at once by the instance that signed it out, and by every other within [`FRESH`].
//! An instance that has never read them refuses sessions (`503 GW-SESSION-CHECK`) until it can;
//! once it has, a failed read keeps what it knew, and is logged.

use crate::audit::Audit;
use crate::error::GatewayError;
use std::collections::HashMap;
use std::sync::RwLock;
use std::time::{Duration, Instant};

/// How old what an instance knows of signed-out sessions may be.
pub const FRESH: Duration = Duration::from_secs(2);

/// The signed-out sessions this instance knows of.
pub struct Revoked {
    store: Audit,
    known: RwLock<Known>,
    /// Held by the one request that reads the store, so the others wait for its read rather than
    /// each making its own.
    reading: tokio::sync::Mutex<()>,
}

#[derive(Default)]
struct Known {
    /// Session id → when it would have ended (Unix seconds).
    ids: HashMap<String, u64>,
    /// When the store was last read (or its read last failed, once it had been read).
    read_at: Option<Instant>,
}

impl Revoked {
    pub fn new(store: Audit) -> Revoked {
        Revoked { store, known: RwLock::default(), reading: tokio::sync::Mutex::new(()) }
    }

    /// Whether session `id` has been signed out.
    pub async fn contains(&self, id: &str) -> Result<bool, GatewayError> {
        if !self.fresh() {
            self.read().await?;
        }
        Ok(self.known().ids.contains_key(id))
    }

    /// Records that session `id`, which would end at `expires_at`, is signed out: at once in
    /// this instance, and in the store for the others.
    pub async fn add(&self, id: &str, expires_at: u64) {
        self.known_mut().ids.insert(id.to_string(), expires_at);
        if let Err(e) = self.store.revoke_session(id, expires_at).await {
            // This instance refuses the session; the others do not know, so it is logged.
            crate::log::event("sign_out_not_shared", &[("store", self.store.kind), ("error", &e.to_string())]);
        }
    }

    fn fresh(&self) -> bool {
        self.known().read_at.is_some_and(|at| at.elapsed() < FRESH)
    }

    async fn read(&self) -> Result<(), GatewayError> {
        let _reading = self.reading.lock().await;
        if self.fresh() {
            return Ok(());
        }
        let read = self.store.revoked_sessions().await;
        let now = crate::identity::now();
        let mut known = self.known_mut();
        match read {
            Ok(ids) => {
                known.ids.retain(|_, ends| *ends > now);
                known.ids.extend(ids);
            }
            Err(e) => {
                crate::log::event(
                    "signed_out_sessions_unread",
                    &[("store", self.store.kind), ("error", &e.to_string())],
                );
                if known.read_at.is_none() {
                    return Err(GatewayError::refusal(partner_model::gateway::SESSION_CHECK));
                }
            }
        }
        known.read_at = Some(Instant::now());
        Ok(())
    }

    // Nothing panics while holding the lock, so a poisoned one still holds whole data.
    fn known(&self) -> std::sync::RwLockReadGuard<'_, Known> {
        self.known.read().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn known_mut(&self) -> std::sync::RwLockWriteGuard<'_, Known> {
        self.known.write().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
