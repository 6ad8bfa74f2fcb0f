//! The form machinery every create and update form uses. A form's values are kept by wire path
//! (`companyProfile.contacts[0].email`), so the model crate's request checks, the API's
//! `additionalDetails` and the fields all name a field the same way.
//!
//! - Problems come from the model's checks of the request the values build; a field shows its
//!   problem once the reseller has left it or tried to submit, with `aria-invalid` and
//!   `aria-describedby` set.
//! - Fields the API names in an error show the API's refusal until they are changed.
//! - Values are kept as a draft in local storage while they differ from the start, so a reload
//!   loses nothing; the draft goes when the form is sent or discarded. Values under `fact.`
//!   ([`FACT`]) are what the record says, for the checks (the segments or products it has):
//!   a restored draft never brings back old ones. A form holding a secret
//!   (a customer's approval code) keeps its draft in this tab's session storage instead, so the
//!   secret outlives a reload but not the tab.

mod draft;
mod fields;
mod paths;
pub mod rows;
mod state;

pub use draft::{DraftIn, DraftNotice, UnsavedGuard};
pub(crate) use fields::FieldParts;
pub use fields::{BusyButton, CheckField, CheckboxGroup, RadioField, SelectField, TextField};
pub use paths::{check_as, check_path, check_paths, field_id, generic_path, in_words, label_of};
pub use state::{focus_first_invalid, use_form, FormScope, FormState};

use std::collections::BTreeMap;

/// A form's values by wire path.
pub type Values = BTreeMap<String, String>;

/// The value at `k`, trimmed: what a request is built from.
pub fn trimmed(v: &Values, k: &str) -> String {
    v.get(k).map(|s| s.trim().to_string()).unwrap_or_default()
}

/// The prefix of a form's values that are facts of the record, not input: a draft keeps none
/// of them, so a form restored after the record changed checks against what it says now.
pub const FACT: &str = "fact.";

/// What is wrong with a value, in the language shown.
pub fn problem_words(problem: &partner_model::rules::Invalid) -> String {
    use crate::i18n::{model, t};
    use partner_model::rules::Invalid;
    match problem {
        Invalid::Missing => t::invalid::missing().to_string(),
        Invalid::TooShort { min, len } => t::invalid::TooShort { len: *len, min: *min }.text(),
        Invalid::TooLong { max, len } => t::invalid::TooLong { len: *len, max: *max }.text(),
        Invalid::NotAllowed { found, allowed } => {
            t::invalid::NotAllowed { allowed: model(allowed), found: character(*found) }.text()
        }
        Invalid::Format { expected } => t::invalid::format(model(expected)),
        Invalid::NotOneOf { allowed } => t::invalid::one_of(allowed.join(", ")),
        Invalid::OutOfRange { min, max } => t::invalid::Range { max: *max as f64, min: *min as f64 }.text(),
        Invalid::Explained(text) => crate::i18n::model(text).to_string(),
        Invalid::Because(because) => because_words(because),
    }
}

/// A rule that depends on data, in the language shown: countries named by the browser in
/// that language, the model's words (offer types, the doc's remediations) from the catalog.
fn because_words(because: &partner_model::rules::Because) -> String {
    use crate::format::country_name;
    use crate::i18n::{model, t::because};
    use partner_model::rules::validators::NOT_ACCEPTED;
    use partner_model::rules::Because;
    match because {
        Because::TooManyLines { lines } => because::too_many_lines(*lines),
        Because::ListedTwice { what } => because::listed_twice(model(what)),
        Because::CommitMinimum { min, what } => because::CommitMinimum { min: *min, what: model(what) }.text(),
        Because::AnniversaryBetween { after, until } => because::AnniversaryBetween { after, until }.text(),
        Because::Unsupported { country: code, name, remediation } => {
            because::Unsupported { name: country_name(code, name), what: model(remediation.unwrap_or(NOT_ACCEPTED)) }
                .text()
        }
        Because::Region { country: code, name, example } => {
            because::Region { country: country_name(code, name), example }.text()
        }
        Because::LineNumberTwice { number } => because::line_number_twice(number),
        Because::PostalCode { country: code, name, example } => {
            because::PostalCode { country: country_name(code, name), example }.text()
        }
    }
}

/// A character as a reseller can recognise it, even when it is invisible (the model says which
/// kind it is).
fn character(c: char) -> String {
    use crate::i18n::t::invalid;
    use partner_model::rules::validators::{shown_as, Shown};
    let code = |point: u32| format!("U+{point:04X}");
    match shown_as(c) {
        Shown::Space => invalid::space().to_string(),
        Shown::Tab => invalid::tab().to_string(),
        Shown::LineBreak => invalid::line_break().to_string(),
        Shown::Accent(point) => invalid::accent(code(point)),
        Shown::SpecialSpace(point) => invalid::special_space(code(point)),
        Shown::Invisible(point) => invalid::invisible(code(point)),
        Shown::Plain(c) => invalid::quoted(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use partner_model::rules::{Because, Invalid};

    #[test]
    fn in_english_a_rule_about_data_reads_as_the_model_writes_it() {
        let cases = [
            Because::TooManyLines { lines: 512 },
            Because::CommitMinimum { min: 10, what: "licenses".into() },
            Because::AnniversaryBetween { after: "2027-12-02".into(), until: "2029-12-02".into() },
            Because::Unsupported {
                country: "AX".into(),
                name: "Åland Islands",
                remediation: Some("Use country FI with region 01"),
            },
            Because::Unsupported { country: "EH".into(), name: "Western Sahara", remediation: None },
            Because::Region { country: "US".into(), name: "United States", example: "AL" },
            Because::LineNumberTwice { number: 3 },
            Because::ListedTwice { what: "licenses".into() },
            Because::PostalCode { country: "DE", name: "Germany", example: "10115" },
        ];
        for because in cases {
            let problem = Invalid::Because(because);
            assert_eq!(problem_words(&problem), problem.to_string());
        }
    }
}
