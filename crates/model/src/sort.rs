//! A stable sort whose code is in the module once, whatever is sorted.
//!
//! `slice::sort_by` is generic: each element type and comparison gets its own copy of the
//! standard library's sort (about 3 KB of wasm each, and the console sorted some twenty kinds of
//! rows). [`stable_by`] sorts positions with one comparison behind `dyn`, then moves the items
//! into that order along the permutation's cycles: only that small move is per type.

use std::cmp::Ordering;

/// Sorts `items` by `order`, keeping equal items in their order (as `slice::sort_by` does).
pub fn stable_by<T>(items: &mut [T], order: impl Fn(&T, &T) -> Ordering) {
    let positions = {
        let items = &*items;
        sorted_positions(items.len(), &|a, b| order(&items[a], &items[b]))
    };
    follow(items, positions);
}

/// Sorts `items` by the key `key` gives each, keeping equal items in their order.
pub fn stable_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    stable_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` by the key `key` gives each, worked out once per item (as
/// `slice::sort_by_cached_key` does), keeping equal items in their order.
pub fn stable_by_cached_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    let keys: Vec<K> = items.iter().map(key).collect();
    let positions = sorted_positions(keys.len(), &|a, b| keys[a].cmp(&keys[b]));
    follow(items, positions);
}

/// The positions `0..len` in the order `order` gives them (stable).
fn sorted_positions(len: usize, order: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut positions: Vec<usize> = (0..len).collect();
    positions.sort_by(|&a, &b| order(a, b));
    positions
}

/// Puts at each place `i` the item that was at `from[i]`, one cycle of the permutation at a
/// time (each item moves once; a finished place is marked with `usize::MAX`).
fn follow<T>(items: &mut [T], mut from: Vec<usize>) {
    for start in 0..from.len() {
        let mut at = start;
        while from[at] != usize::MAX {
            let next = from[at];
            from[at] = usize::MAX;
            if next == start {
                break;
            }
            items.swap(at, next);
            at = next;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_as_the_standard_librarys_stable_sort_does() {
        // A small generator, so the test is the same on every run.
        let mut state = 0x2545_f491_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for len in [0, 1, 2, 3, 7, 20, 100, 1000] {
            // Pairs of a key with few values (so many ties) and the original place.
            let items: Vec<(u64, usize)> = (0..len).map(|i| (next() % 5, i)).collect();
            let mut ours = items.clone();
            stable_by(&mut ours, |a, b| a.0.cmp(&b.0));
            let mut std = items.clone();
            std.sort_by_key(|a| a.0);
            assert_eq!(ours, std, "length {len}");
            let mut by_key = items.clone();
            stable_by_key(&mut by_key, |a| std::cmp::Reverse(a.0));
            let mut std = items;
            std.sort_by_key(|a| std::cmp::Reverse(a.0));
            assert_eq!(by_key, std, "length {len}, by key");
            let mut cached = by_key.clone();
            stable_by_cached_key(&mut cached, |a| a.1 % 3);
            by_key.sort_by_cached_key(|a| a.1 % 3);
            assert_eq!(cached, by_key, "length {len}, by cached key");
        }
    }

    #[test]
    fn moves_owned_items_without_copying_them() {
        let mut names: Vec<String> = ["pear", "apple", "fig", "apple", "kiwi"].iter().map(|s| s.to_string()).collect();
        stable_by(&mut names, |a, b| a.len().cmp(&b.len()));
        assert_eq!(names, ["fig", "pear", "kiwi", "apple", "apple"]);
    }
}
