//! Field paths: DOM ids, the registry's generic paths, labels and required marks.

use super::{trimmed, Values};
use partner_model::rules::{rule, Context, FieldError};

/// The DOM id of the field at `path`.
pub fn field_id(path: &str) -> String {
    let mut id = String::from("f-");
    for c in path.chars() {
        id.push(if c.is_ascii_alphanumeric() { c } else { '-' });
    }
    id
}

/// `path` with its indexes dropped (`contacts[0].email` → `contacts[].email`), as the
/// registry names fields.
pub fn generic_path(path: &str) -> String {
    let mut out = String::new();
    let mut in_index = false;
    for c in path.chars() {
        match c {
            '[' => {
                out.push('[');
                in_index = true;
            }
            ']' => {
                out.push(']');
                in_index = false;
            }
            _ if in_index => {}
            _ => out.push(c),
        }
    }
    out
}

/// The label of `path` from the rule registry, or `fallback`.
pub fn label_of(path: &str, fallback: &'static str) -> &'static str {
    rule(&generic_path(path)).map(|r| r.label).unwrap_or(fallback)
}

pub(super) fn is_required(path: &str) -> bool {
    rule(&generic_path(path)).is_some_and(|r| r.checks.contains(&partner_model::rules::Check::Required))
}

/// The problem of `value` at `path` by the registry's rule `rule_path`; `None` when it passes or
/// no rule has that path.
pub fn check_as(rule_path: &str, path: impl Into<String>, value: &str) -> Option<FieldError> {
    rule(rule_path)?.validate(value, &Context::default()).err().map(|problem| FieldError::new(path, problem))
}

/// The problem of the value at `path` (`lineItems[0].quantity`, trimmed) by the registry's rule
/// for its field (`lineItems[].quantity`).
pub fn check_path(v: &Values, path: &str) -> Option<FieldError> {
    check_as(&generic_path(path), path, &trimmed(v, path))
}

/// The problems of the fields at `paths`, by their registry rules.
pub fn check_paths(v: &Values, paths: &[&str]) -> Vec<FieldError> {
    paths.iter().filter_map(|path| check_path(v, path)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_name_registry_rules() {
        assert_eq!(generic_path("companyProfile.contacts[12].email"), "companyProfile.contacts[].email");
        assert_eq!(label_of("companyProfile.contacts[0].firstName", "x"), "First name");
        assert!(is_required("companyProfile.address.city"));
        assert!(!is_required("companyProfile.address.addressLine2"));
        assert_eq!(field_id("companyProfile.contacts[0].email"), "f-companyProfile-contacts-0--email");
    }
}
