//! Field paths: DOM ids, the registry's generic paths, labels and required marks.

use super::{trimmed, Values};
use crate::i18n::t;
use partner_model::rules::{rule, FieldError};

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
    rule(&generic_path(path)).map(|r| crate::i18n::model(r.label)).unwrap_or(fallback)
}

/// A field path the API named (`lineItems[0].offerId`, `reseller-id`) in words ("Line 1: Offer
/// id", "Reseller id"): the registry's label, after the position of each list it sits in. Text
/// that is not a path is returned as it came.
pub fn in_words(path: &str) -> String {
    let is_path = !path.is_empty()
        && path.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '[' | ']' | '-'))
        && path.starts_with(|c: char| c.is_ascii_alphabetic());
    if !is_path {
        return path.to_string();
    }
    let mut places = Vec::new();
    for segment in path.split('.') {
        if let Some((list, rest)) = segment.split_once('[') {
            let n = rest.trim_end_matches(']').parse::<u64>().map_or(0, |n| n.saturating_add(1));
            places.push(item_of(list, n));
        }
    }
    let last = path.rsplit('.').next().unwrap_or(path);
    let last = last.split_once('[').map_or(last, |(list, _)| list);
    let label =
        rule(&generic_path(path)).map(|r| crate::i18n::model(r.label).to_string()).unwrap_or_else(|| words(last));
    if places.is_empty() {
        label
    } else if path.ends_with(']') {
        places.join(", ")
    } else {
        t::path::FieldOf { label, places: places.join(", ") }.text()
    }
}

/// Item `n` of a list the API names ("Line 2").
fn item_of(list: &str, n: u64) -> String {
    match list {
        "lineItems" => t::path::line(n),
        "contacts" => t::path::contact(n),
        "cancellingItems" => t::path::replaced_line(n),
        "flexDiscountCodes" => t::path::discount_code(n),
        "marketSubSegments" => t::path::sub_segment(n),
        other => format!("{} {n}", words(other.trim_end_matches('s'))),
    }
}

/// `offerId` or `offer-id` as "Offer id".
fn words(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c == '-' || c == '_' {
            out.push(' ');
        } else if c.is_ascii_uppercase() && i > 0 {
            out.push(' ');
            out.push(c.to_ascii_lowercase());
        } else if i == 0 {
            out.push(c.to_ascii_uppercase());
        } else {
            out.push(c);
        }
    }
    out
}

pub(super) fn is_required(path: &str) -> bool {
    rule(&generic_path(path)).is_some_and(|r| r.checks.contains(&partner_model::rules::Check::Required))
}

/// The problem of `value` at `path` by the registry's rule `rule_path`; `None` when it passes or
/// no rule has that path. The checks of places are not run here ([`FieldRule::validate_alone`]
/// says why).
///
/// [`FieldRule::validate_alone`]: partner_model::rules::FieldRule::validate_alone
pub fn check_as(rule_path: &str, path: impl Into<String>, value: &str) -> Option<FieldError> {
    rule(rule_path)?.validate_alone(value).err().map(|problem| FieldError::new(path, problem))
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

    #[test]
    fn paths_the_api_names_read_as_words() {
        assert_eq!(in_words("lineItems[0].offerId"), format!("Line 1: {}", label_of("lineItems[].offerId", "?")));
        assert_eq!(
            in_words("companyProfile.contacts[1].email"),
            format!("Contact 2: {}", label_of("companyProfile.contacts[].email", "?"))
        );
        assert_eq!(in_words("reseller-id"), "Reseller id");
        assert_eq!(in_words("externalReferenceId"), label_of("externalReferenceId", "External reference id"));
        assert_eq!(in_words("lineItems[2].flexDiscountCodes[0]"), "Line 3, Discount code 1");
        assert_eq!(in_words("the request body must be a JSON object"), "the request body must be a JSON object");
    }
}
