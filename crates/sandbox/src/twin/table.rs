//! `Table`: a map of the world's records that remembers which keys a change touched, so that
//! saving a change writes those records only ([`super::store`]'s journal). It reads as the
//! `BTreeMap` it wraps; every way to change it marks what it may have changed.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::btree_map::{self, BTreeMap};
use std::collections::BTreeSet;

/// Records by id, with the ids changed since the last save.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table<T> {
    map: BTreeMap<String, T>,
    touched: BTreeSet<String>,
    /// Set by changes that may touch any record (`values_mut`, `retain`…).
    all: bool,
}

impl<T> Default for Table<T> {
    fn default() -> Self {
        Table { map: BTreeMap::new(), touched: BTreeSet::new(), all: false }
    }
}

impl<T> std::ops::Deref for Table<T> {
    type Target = BTreeMap<String, T>;

    fn deref(&self) -> &BTreeMap<String, T> {
        &self.map
    }
}

impl<'a, T> IntoIterator for &'a Table<T> {
    type Item = (&'a String, &'a T);
    type IntoIter = btree_map::Iter<'a, String, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.map.iter()
    }
}

impl<T> FromIterator<(String, T)> for Table<T> {
    fn from_iter<I: IntoIterator<Item = (String, T)>>(iter: I) -> Self {
        Table { map: iter.into_iter().collect(), touched: BTreeSet::new(), all: true }
    }
}

impl<T: Serialize> Serialize for Table<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.map.serialize(s)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Table<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Table { map: BTreeMap::deserialize(d)?, touched: BTreeSet::new(), all: false })
    }
}

impl<T> Table<T> {
    /// The record `key`, to change.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut T> {
        if self.map.contains_key(key) {
            self.touched.insert(key.to_string());
        }
        self.map.get_mut(key)
    }

    /// Adds or replaces a record.
    pub fn insert(&mut self, key: String, value: T) -> Option<T> {
        self.touched.insert(key.clone());
        self.map.insert(key, value)
    }

    /// Removes a record.
    pub fn remove(&mut self, key: &str) -> Option<T> {
        self.touched.insert(key.to_string());
        self.map.remove(key)
    }

    /// The entry of `key`, to add or change.
    pub fn entry(&mut self, key: String) -> btree_map::Entry<'_, String, T> {
        self.touched.insert(key.clone());
        self.map.entry(key)
    }

    /// Every record, to change (they all count as changed).
    pub fn values_mut(&mut self) -> btree_map::ValuesMut<'_, String, T> {
        self.all = true;
        self.map.values_mut()
    }

    /// Every record with its key, to change (they all count as changed).
    pub fn iter_mut(&mut self) -> btree_map::IterMut<'_, String, T> {
        self.all = true;
        self.map.iter_mut()
    }

    /// Keeps the records `keep` says to (they all count as changed).
    pub fn retain(&mut self, keep: impl FnMut(&String, &mut T) -> bool) {
        self.all = true;
        self.map.retain(keep);
    }

    /// The keys touched since the last call: `None` when any record may have changed (the
    /// whole table is to be written).
    pub fn take_touched(&mut self) -> Option<BTreeSet<String>> {
        let touched = std::mem::take(&mut self.touched);
        if std::mem::take(&mut self.all) {
            None
        } else {
            Some(touched)
        }
    }

    /// Forgets what was touched (after the whole table was written).
    pub fn settle(&mut self) {
        self.touched.clear();
        self.all = false;
    }

    /// Applies a change read back from the journal, without marking it.
    pub fn restore(&mut self, key: String, value: Option<T>) {
        match value {
            Some(v) => {
                self.map.insert(key, v);
            }
            None => {
                self.map.remove(&key);
            }
        }
    }

    /// Replaces every record, without marking them (a journal line with the whole table).
    pub fn restore_all(&mut self, map: BTreeMap<String, T>) {
        self.map = map;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_are_the_touched_records() {
        let mut t: Table<u32> = Table::default();
        t.insert("a".into(), 1);
        t.insert("b".into(), 2);
        let keys = |k: &[&str]| Some(k.iter().map(|s| s.to_string()).collect::<BTreeSet<String>>());
        assert_eq!(t.take_touched(), keys(&["a", "b"]));
        assert_eq!(t.take_touched(), keys(&[]), "taken once");
        if let Some(v) = t.get_mut("a") {
            *v = 5;
        }
        assert!(t.get_mut("missing").is_none());
        t.remove("b");
        assert_eq!(t.take_touched(), keys(&["a", "b"]));
        assert_eq!((t.get("a"), t.get("b")), (Some(&5), None));
        t.values_mut().for_each(|v| *v += 1);
        assert_eq!(t.take_touched(), None, "any record may have changed");
        assert_eq!(t.get("a"), Some(&6), "reads go to the map");
    }

    #[test]
    fn it_serializes_as_the_map() {
        let mut t: Table<u32> = Table::default();
        t.insert("a".into(), 1);
        let text = serde_json::to_string(&t).expect("json");
        assert_eq!(text, r#"{"a":1}"#);
        let back: Table<u32> = serde_json::from_str(&text).expect("back");
        assert_eq!(back.get("a"), Some(&1));
    }
}
