//! PLACEHOLDER: filled in by its owner.

use crate::twin::world::{Change, Millis, World};
use crate::twin::gen::Gen;
use crate::twin::Twin;
use axum::Router;

/// The routes of this group, relative to the API base.
pub fn routes() -> Router<Twin> {
    Router::new()
}

/// The CPN twin, mounted under the CPN base path; checks the bearer token the proxy adds.
pub fn router(twin: Twin) -> Router {
    routes()
        .fallback(crate::vipmp::not_found)
        .layer(axum::middleware::from_fn(crate::vipmp::require_bearer))
        .with_state(twin)
}

/// Applies a change of this group that has come due; returns it back when it is not this group's.
pub fn apply(_world: &mut World, change: Change, _now: Millis) -> Option<Change> {
    Some(change)
}

/// Adds this group's seeded demo data.
pub fn seed(_world: &mut World, _gen: &mut Gen, _now: Millis, _large: bool) {}
