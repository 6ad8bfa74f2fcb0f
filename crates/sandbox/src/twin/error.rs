//! API errors as the twin sends them (status + the documented body, message from the catalog),
//! and `Strict<T>`: a JSON body parsed strictly, failing with 1121 / 1122 / 1117 as the API does.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use partner_model::catalog::errors::error_code;
use partner_model::error::ApiErrorBody;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// An API error: HTTP status plus the documented body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiError(pub StatusCode, pub ApiErrorBody);

impl ApiError {
    /// The documented error `code`, with its documented status and message.
    pub fn code(code: &str) -> ApiError {
        ApiError::with_details(code, Vec::new())
    }

    /// The documented error `code` with `additionalDetails`.
    pub fn with_details(code: &str, details: Vec<String>) -> ApiError {
        let (status, message) = match error_code(code) {
            Some(e) => (StatusCode::from_u16(e.http_status).unwrap_or(StatusCode::BAD_REQUEST), e.message),
            None => (StatusCode::BAD_REQUEST, "Bad request"),
        };
        ApiError(status, ApiErrorBody { code: code.into(), message: message.into(), additional_details: details })
    }

    /// 1132: a list's query parameter `param` is not one it takes.
    pub fn bad_parameter(param: &str) -> ApiError {
        ApiError::with_details("1132", vec![param.to_string()])
    }

    /// 1117: some fields are invalid; `fields` are wire paths (`companyProfile.contacts[0].email`).
    pub fn invalid_fields(fields: Vec<String>) -> ApiError {
        ApiError::with_details("1117", fields)
    }

    /// An error the catalog does not hold (the twin's own 404 for unknown paths).
    pub fn plain(status: StatusCode, code: &str, message: &str) -> ApiError {
        ApiError(status, ApiErrorBody::new(code, message))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.0, Json(self.1)).into_response()
    }
}

/// A request body decoded strictly into `T`: unknown fields are 1121, missing ones 1122,
/// malformed JSON or wrong types 1117.
pub struct Strict<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Serialize> FromRequest<S> for Strict<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = Bytes::from_request(req, state).await.map_err(|_| ApiError::code("1117"))?;
        parse(&bytes).map(Strict)
    }
}

/// Parses a body as [`Strict`] does. A request body is a JSON object, and so is every object
/// in it: serde would read a struct from an array of its fields in order (`["…", {…}]`), which
/// the API does not, so a value that came as an array where the request has an object is 1117
/// naming its path.
pub fn parse<T: DeserializeOwned + Serialize>(bytes: &[u8]) -> Result<T, ApiError> {
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| ApiError::with_details("1117", vec![e.to_string()]))?;
    if !value.is_object() {
        return Err(ApiError::with_details("1117", vec!["the request body must be a JSON object".into()]));
    }
    let parsed = decode::<T>(bytes)?;
    let written = serde_json::to_value(&parsed).unwrap_or(serde_json::Value::Null);
    match array_for_object(&value, &written, String::new()) {
        Some(path) => Err(ApiError::with_details("1117", vec![path])),
        None => Ok(parsed),
    }
}

/// The first path where `sent` holds an array and the request, as understood, an object.
fn array_for_object(sent: &serde_json::Value, understood: &serde_json::Value, path: String) -> Option<String> {
    use serde_json::Value::{Array, Object};
    let join = |key: &str| if path.is_empty() { key.to_string() } else { format!("{path}.{key}") };
    match (sent, understood) {
        (Array(_), Object(_)) => Some(path),
        (Object(s), Object(u)) => s.iter().find_map(|(k, v)| u.get(k).and_then(|w| array_for_object(v, w, join(k)))),
        (Array(s), Array(u)) => {
            s.iter().zip(u).enumerate().find_map(|(i, (v, w))| array_for_object(v, w, format!("{path}[{i}]")))
        }
        _ => None,
    }
}

fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    serde_json::from_slice(bytes).map_err(|e| {
        let text = e.to_string();
        let field = text.split('`').nth(1).map(str::to_string).into_iter().collect::<Vec<_>>();
        if text.starts_with("unknown field") {
            ApiError::with_details("1121", field)
        } else if text.starts_with("missing field") {
            ApiError::with_details("1122", field)
        } else {
            ApiError::with_details("1117", vec![text])
        }
    })
}
