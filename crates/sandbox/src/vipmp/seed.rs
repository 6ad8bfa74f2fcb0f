//! Seeded demo data: deterministic from a seed, so every run (and every test) starts from the
//! same world. Each endpoint group adds its own records.

use super::{accounts, orders, transfers};
use crate::twin::gen::Gen;
use crate::twin::world::{Millis, World};

/// The distributor every seeded reseller belongs to (the shipped config.json names it).
pub const DISTRIBUTOR_ID: &str = "DIST-1000";

/// The demo world for `seed`, as of `now`; `large` adds a customer with 10,000 orders and
/// 5,000 subscriptions for benchmarks.
pub fn world(seed: u64, now: Millis, large: bool) -> World {
    let mut world = World { distributor_id: DISTRIBUTOR_ID.into(), ..World::default() };
    let mut gen = Gen::new(seed);
    accounts::seed(&mut world, &mut gen, now, large);
    orders::seed(&mut world, &mut gen, now, large);
    transfers::seed(&mut world, &mut gen, now, large);
    crate::cpn::seed(&mut world, &mut gen, now, large);
    world
}

/// Applies a change that has come due, asking each group in turn.
pub fn apply(world: &mut World, change: crate::twin::Change, now: Millis) {
    let rest = accounts::apply(world, change, now)
        .and_then(|c| orders::apply(world, c, now))
        .and_then(|c| transfers::apply(world, c, now))
        .and_then(|c| crate::cpn::apply(world, c, now));
    if let Some(unknown) = rest {
        eprintln!("sandbox: no group applies {unknown:?}");
    }
}
