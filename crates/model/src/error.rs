//! The error body every Commerce Partner API error carries (`code`, `message`,
//! `additionalDetails`), read tolerantly and written exactly.

use serde::{Deserialize, Serialize};

/// An API error response body.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiErrorBody {
    /// The error code, a string of digits on the wire (`"4115"`).
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub message: String,
    /// Field names, line numbers or reason codes, when the API gives them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub additional_details: Vec<String>,
}

impl ApiErrorBody {
    /// A body with no additional details.
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        ApiErrorBody { code: code.into(), message: message.into(), additional_details: Vec::new() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_example_round_trips() {
        let json = r#"{"code":"1117","message":"Some Fields are Invalid",
            "additionalDetails":["companyProfile.companyName","companyProfile.contacts[0].firstName"]}"#;
        let body: ApiErrorBody = serde_json::from_str(json).expect("documented example decodes");
        assert_eq!(body.code, "1117");
        assert_eq!(body.additional_details.len(), 2);
        let again: ApiErrorBody =
            serde_json::from_str(&serde_json::to_string(&body).expect("encodes")).expect("decodes");
        assert_eq!(again, body);
    }

    #[test]
    fn missing_and_unknown_fields_are_tolerated() {
        let body: ApiErrorBody = serde_json::from_str(r#"{"code":"4115","extra":1}"#).expect("decodes");
        assert_eq!(body, ApiErrorBody::new("4115", ""));
        assert_eq!(serde_json::to_string(&body).expect("encodes"), r#"{"code":"4115","message":""}"#);
    }
}
