//! PLACEHOLDER: filled in by its owner.

use crate::twin::world::{Change, Millis, World};
use crate::twin::gen::Gen;
use crate::twin::Twin;
use axum::Router;

/// The routes of this group, relative to the API base.
pub fn routes() -> Router<Twin> {
    Router::new()
}

/// Applies a change of this group that has come due; returns it back when it is not this group's.
pub fn apply(_world: &mut World, change: Change, _now: Millis) -> Option<Change> {
    Some(change)
}

/// Adds this group's seeded demo data.
pub fn seed(_world: &mut World, _gen: &mut Gen, _now: Millis, _large: bool) {}
