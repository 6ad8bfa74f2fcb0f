//! Recently opened resellers and customers, kept in this browser so the home page can offer
//! them one click away.

use serde::{Deserialize, Serialize};

const KEY: &str = "partner-console.recent";
const KEEP: usize = 8;

/// A record the reseller opened.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recent {
    /// `reseller` or `customer`.
    pub kind: String,
    pub id: String,
    pub name: String,
}

/// Puts `entry` first in `list`, once, keeping the newest per kind.
pub fn push(list: &mut Vec<Recent>, entry: Recent) {
    list.retain(|r| !(r.kind == entry.kind && r.id == entry.id));
    list.insert(0, entry);
    // A record stays while fewer than KEEP of its kind came before it: counted along the list (a
    // few records of two kinds), as a map of counts was a function of its own that the split
    // build shipped as a file of its own, which the customer hub waited for.
    let mut before: Vec<String> = Vec::new();
    list.retain(|r| {
        let n = before.iter().filter(|kind| **kind == r.kind).count();
        before.push(r.kind.clone());
        n < KEEP
    });
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// The recently opened records, newest first.
pub fn recent() -> Vec<Recent> {
    storage()
        .and_then(|s| s.get_item(KEY).ok().flatten())
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

/// Remembers that the reseller opened a record.
pub fn remember(kind: &str, id: &str, name: &str) {
    let mut list = recent();
    push(&mut list, Recent { kind: kind.into(), id: id.into(), name: name.into() });
    if let (Some(s), Ok(text)) = (storage(), serde_json::to_string(&list)) {
        let _ = s.set_item(KEY, &text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(kind: &str, id: &str) -> Recent {
        Recent { kind: kind.into(), id: id.into(), name: id.into() }
    }

    #[test]
    fn newest_first_once_and_bounded_per_kind() {
        let mut list = Vec::new();
        for i in 0..10 {
            push(&mut list, r("customer", &i.to_string()));
        }
        push(&mut list, r("reseller", "R"));
        push(&mut list, r("customer", "5"));
        assert_eq!(list.iter().filter(|x| x.kind == "customer").count(), KEEP);
        assert_eq!(list[0], r("customer", "5"));
        assert_eq!(list.iter().filter(|x| x.id == "5").count(), 1);
        assert!(list.contains(&r("reseller", "R")));
    }
}
