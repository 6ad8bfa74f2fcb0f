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
    let mut world = World::default();
    world.distributor_id = DISTRIBUTOR_ID.into();
    let mut gen = Gen::new(seed);
    accounts::seed(&mut world, &mut gen, now, large);
    orders::seed(&mut world, &mut gen, now, large);
    transfers::seed(&mut world, &mut gen, now, large);
    crate::cpn::seed(&mut world, &mut gen, now, large);
    world
}

/// Puts `text` (markup and script) into the names of the first reseller and of its first
/// customer, and of the first distributor subscription's customer.
pub fn hostile(world: &mut World, text: &str) {
    let Some(reseller) = world.resellers.values_mut().next() else { return };
    reseller.company_profile.company_name = format!("Hostile {text}");
    let reseller_id = reseller.reseller_id.clone();
    if let Some(customer) = world.customers.values_mut().find(|c| c.reseller_id == reseller_id) {
        customer.company_profile.company_name = format!("Hostile customer {text}");
    }
    if let Some(s) = world.distributor_subscriptions.first_mut() {
        s.customer_ref.name = format!("Hostile {text}");
    }
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
