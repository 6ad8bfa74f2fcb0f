//! The documented field rules as data: one registry row per field of
//! `validation-rules.md`, each a list of small checks, plus the rules that span fields.
//! The browser checks a form with it before sending; the sandbox checks requests with it.

pub mod account_requests;
pub mod charset;
pub mod cross;
pub mod email;
pub mod order_requests;
pub mod registry;
pub mod validators;

pub use registry::{rule, rule_for_detail, Check, Context, FieldRule, FIELD_RULES};
pub use validators::Invalid;
