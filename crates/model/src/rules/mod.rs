//! The documented field rules as data: one registry row per field of
//! `validation-rules.md`, each a list of small checks, plus the rules that span fields.
//! The browser checks a form with it before sending; the sandbox checks requests with it.

pub mod account_requests;
pub mod charset;
pub mod cross;
pub mod email;
pub mod order_requests;
pub mod registry;
pub mod renewals;
pub mod returns;
pub mod switches;
pub mod validators;

pub use registry::{rule, rule_for_detail, Check, Context, FieldRule, FIELD_RULES};
pub use validators::{Because, Invalid};

/// One problem of a whole request: the wire path of the field, with real indexes as the API's
/// `additionalDetails` name it (`companyProfile.contacts[0].email`, `lineItems[2].quantity`),
/// and why it is invalid.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub path: String,
    pub problem: Invalid,
}

impl FieldError {
    /// A problem at `path`.
    pub fn new(path: impl Into<String>, problem: Invalid) -> FieldError {
        FieldError { path: path.into(), problem }
    }
}
