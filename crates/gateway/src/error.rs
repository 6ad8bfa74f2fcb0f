//! The gateway's one error type, answered in one place as the Adobe-style JSON body the console
//! reads for every error (`code`, `message`, `additionalDetails`).

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use partner_model::error::ApiErrorBody;
use partner_model::gateway::Refusal;

/// Something the gateway answers itself, instead of the upstream.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GatewayError {
    pub status: StatusCode,
    pub body: ApiErrorBody,
}

impl GatewayError {
    /// The refusal `r` with its documented message.
    pub fn refusal(r: Refusal) -> GatewayError {
        GatewayError {
            status: StatusCode::from_u16(r.http_status).unwrap_or(StatusCode::FORBIDDEN),
            body: ApiErrorBody::new(r.code, r.message),
        }
    }

    /// Adds a detail for the user or support (never a secret).
    pub fn with_detail(mut self, detail: impl Into<String>) -> GatewayError {
        self.body.additional_details.push(detail.into());
        self
    }

    /// The code (`GW-…`).
    pub fn code(&self) -> &str {
        &self.body.code
    }
}

impl IntoResponse for GatewayError {
    fn into_response(self) -> Response {
        let code = self.body.code.clone();
        let mut response = (self.status, Json(self.body)).into_response();
        response.extensions_mut().insert(crate::metrics::Refused(code));
        response.headers_mut().insert("cache-control", axum::http::HeaderValue::from_static("no-store"));
        response
    }
}
