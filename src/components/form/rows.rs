//! Repeated groups of fields (contacts, lines): how many there are is kept at `{prefix}.#`.

use super::{FormState, Values};
use leptos::prelude::*;

fn count_key(prefix: &str) -> String {
    format!("{prefix}.#")
}

/// The number of rows of `prefix` in `values`.
pub fn count(values: &Values, prefix: &str) -> usize {
    values.get(&count_key(prefix)).and_then(|c| c.parse().ok()).unwrap_or(0)
}

/// Sets the number of rows.
pub fn set_count(values: &mut Values, prefix: &str, n: usize) {
    values.insert(count_key(prefix), n.to_string());
}

/// Adds a row.
pub fn add(form: &FormState, prefix: &str) {
    form.values.update(|v| {
        let n = count(v, prefix);
        set_count(v, prefix, n + 1);
    });
}

/// Removes row `i`, moving the later rows up.
pub fn remove(form: &FormState, prefix: &str, i: usize) {
    form.values.update(|v| {
        let n = count(v, prefix);
        if i >= n {
            return;
        }
        let row = |j: usize| format!("{prefix}[{j}].");
        for j in i..n {
            let (from, to) = (row(j + 1), row(j));
            let keys: Vec<String> = v.keys().filter(|k| k.starts_with(&to)).cloned().collect();
            for k in keys {
                v.remove(&k);
            }
            let moved: Vec<(String, String)> = v
                .iter()
                .filter(|(k, _)| k.starts_with(&from))
                .map(|(k, val)| (format!("{to}{}", &k[from.len()..]), val.clone()))
                .collect();
            for (k, val) in moved {
                v.insert(k, val);
            }
        }
        let last = row(n - 1);
        let keys: Vec<String> = v.keys().filter(|k| k.starts_with(&last)).cloned().collect();
        for k in keys {
            v.remove(&k);
        }
        set_count(v, prefix, n - 1);
    });
}
