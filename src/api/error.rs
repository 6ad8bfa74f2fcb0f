//! The console's one error type for everything that goes wrong talking to the proxy, and the
//! one place that turns it into words: what happened, what to do, and what to give support.

use crate::i18n::t;
use partner_model::catalog::errors::ErrorCode;
use partner_model::error::ApiErrorBody;
use partner_model::gateway::refusal;
use std::time::Duration;

/// The documented meaning of the API's error `code` (`partner_model::catalog::errors`), in
/// English: what it means and what to do.
///
/// In the split release build the catalog (221 texts, 15.5 KB) is a chunk of its own, `errors`,
/// fetched with the API's first refusal: the client awaits [`load_documented`] before it reports
/// one. Until then, and when the chunk cannot be fetched, there is no meaning to show, so the
/// API's own message stands, with the general advice. Every other build links it in.
pub fn documented(code: &str) -> Option<&'static ErrorCode> {
    #[cfg(feature = "split")]
    return DOCUMENTED.with(|d| d.get().and_then(|table| partner_model::catalog::errors::error_code_in(table, code)));
    #[cfg(not(feature = "split"))]
    return partner_model::catalog::errors::error_code(code);
}

#[cfg(feature = "split")]
thread_local! {
    static DOCUMENTED: std::cell::OnceCell<&'static [ErrorCode]> = const { std::cell::OnceCell::new() };
}

/// The catalog, from its chunk. It only hands the table over (the lookup is the first load's),
/// so the chunk is the catalog's texts and nothing that other chunks would share.
#[cfg(feature = "split")]
#[wasm_split_helpers::wasm_split(errors, fallible)]
fn error_catalog() -> Result<&'static [ErrorCode], wasm_split_helpers::SplitLoaderError> {
    Ok(partner_model::catalog::errors::ERROR_CODES)
}

/// Makes [`documented`] answer: fetches the catalog's chunk once (a failed fetch is tried
/// again with the next refusal). Immediate in builds without the split.
pub async fn load_documented() {
    #[cfg(feature = "split")]
    if DOCUMENTED.with(|d| d.get().is_none()) {
        if let Ok(table) = error_catalog().await {
            DOCUMENTED.with(|d| {
                let _ = d.set(table);
            });
        }
    }
}

/// Why a call did not give the console what it asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiError {
    /// The browser is offline.
    Offline,
    /// No answer: refused, reset or dropped connection.
    Network(String),
    /// No answer in time; the request was aborted.
    Timeout(Duration),
    /// Something other than the API answered: a proxy's or gateway's page, 502/503/504.
    Gateway { status: u16 },
    /// The API answered with its documented error body.
    Api { status: u16, body: ApiErrorBody },
    /// An error status with a body that is neither the API's nor a gateway's.
    Unexpected { status: u16 },
    /// The API's answer could not be read as the console expects.
    Decode { call: String, detail: String },
    /// The console's configuration does not allow the call.
    Config(String),
    /// The page stopped waiting for the answer (the reseller navigated away).
    Cancelled,
}

/// An error together with the ids support needs to find the call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    pub error: ApiError,
    /// What the reseller was doing ("Place order").
    pub action: String,
    /// `X-Request-Id` of the last attempt.
    pub request_id: String,
    /// `X-Correlation-Id` (the intent).
    pub correlation_id: String,
}

impl Failure {
    /// The failure of a value read back as a type it was not stored as (`Done::typed` in the
    /// client, `components::loading::typed` for pages and forms): unreachable, since every store
    /// of an erased value and its read back are made together for one type; said rather than
    /// panicked all the same.
    pub fn not_typed() -> Failure {
        Failure {
            error: ApiError::Decode {
                call: String::new(),
                detail: "the page's data is not of the type it was read as".to_string(),
            },
            action: String::new(),
            request_id: String::new(),
            correlation_id: String::new(),
        }
    }
}

impl ApiError {
    /// Whether sending the same thing again may succeed.
    pub fn retryable(&self) -> bool {
        match self {
            ApiError::Offline | ApiError::Network(_) | ApiError::Timeout(_) | ApiError::Gateway { .. } => true,
            ApiError::Api { status, .. } => matches!(status, 429 | 500 | 502 | 503 | 504),
            ApiError::Unexpected { status } => *status >= 500,
            ApiError::Decode { .. } | ApiError::Config(_) | ApiError::Cancelled => false,
        }
    }

    /// Whether reading the same thing again may help: what [`ApiError::retryable`] says, and
    /// also an answer that could not be read or an unexpected status, which a proxy's hiccup
    /// can cause. Only for reads: a change the API answered must not be sent again blindly.
    pub fn worth_reading_again(&self) -> bool {
        self.retryable() || matches!(self, ApiError::Decode { .. } | ApiError::Unexpected { .. })
    }

    /// Whether the API's answer was read (so an intent is settled and must not be reused). An
    /// answer cut short or garbled on the way is not: the intent stays open, and sending again
    /// under it gets the API's first answer back instead of a second action.
    pub fn api_answered(&self) -> bool {
        match self {
            // The gateway refused it before it left: the API never saw it.
            ApiError::Api { body, .. } => refusal(&body.code).is_none(),
            ApiError::Unexpected { .. } => true,
            _ => false,
        }
    }

    /// Whether the gateway says nobody is signed in (the session ended).
    pub fn sign_in_needed(&self) -> bool {
        matches!(self, ApiError::Api { status: 401, body } if refusal(&body.code).is_some())
    }

    /// The documented error code, if the API sent one.
    pub fn code(&self) -> Option<&str> {
        match self {
            ApiError::Api { body, .. } => Some(body.code.as_str()),
            _ => None,
        }
    }

    /// What happened, in one sentence.
    pub fn what_happened(&self) -> String {
        use crate::i18n::model;
        match self {
            ApiError::Offline => t::error::offline().into(),
            ApiError::Network(_) => t::error::network().into(),
            ApiError::Timeout(limit) => t::error::timeout(limit.as_secs()),
            ApiError::Gateway { status } => t::error::gateway(status),
            ApiError::Api { body, .. } if refusal(&body.code).is_some() => {
                refusal(&body.code).map(|r| model(r.message).to_string()).unwrap_or_default()
            }
            ApiError::Api { body, .. } => {
                // The API writes its messages in English: in another language the catalog's
                // words for a documented code are shown (the API's own are in the details).
                let meaning = documented(&body.code).map(|e| model(e.message).to_string());
                let message = match meaning {
                    Some(words) if body.message.is_empty() || crate::i18n::language() != "en" => words,
                    _ if body.message.is_empty() => t::error::refused().into(),
                    _ => body.message.clone(),
                };
                t::error::Api { code: &body.code, message: message.trim_end_matches('.') }.text()
            }
            ApiError::Unexpected { status } => t::error::unexpected(status),
            ApiError::Decode { call, .. } => t::error::decode(call),
            ApiError::Config(problem) => t::error::config(problem),
            ApiError::Cancelled => t::error::cancelled().into(),
        }
    }

    /// What the reseller can do about it.
    pub fn what_to_do(&self) -> String {
        use crate::i18n::model;
        match self {
            ApiError::Offline => t::error::offline_todo().into(),
            ApiError::Network(_) | ApiError::Timeout(_) | ApiError::Gateway { .. } => t::error::network_todo().into(),
            ApiError::Api { body, .. } => match (refusal(&body.code), documented(&body.code)) {
                (Some(r), _) => model(r.what_to_do).into(),
                (None, Some(e)) => model(e.what_to_do).into(),
                (None, None) => t::error::api_todo().into(),
            },
            ApiError::Unexpected { .. } => t::error::unexpected_todo().into(),
            ApiError::Decode { .. } => t::error::decode_todo().into(),
            ApiError::Config(_) => t::error::config_todo().into(),
            ApiError::Cancelled => t::error::cancelled_todo().into(),
        }
    }

    /// The API's own message, when it sent one the console does not show (in another language
    /// than English, the catalog's words for the code are shown instead).
    pub fn api_message(&self) -> Option<&str> {
        match self {
            ApiError::Api { body, .. } if !body.message.is_empty() && refusal(&body.code).is_none() => {
                let shown = documented(&body.code).is_none() || crate::i18n::language() == "en";
                (!shown).then_some(body.message.as_str())
            }
            _ => None,
        }
    }

    /// The fields the API named as invalid (`additionalDetails` of 1117 and similar).
    pub fn details(&self) -> &[String] {
        match self {
            ApiError::Api { body, .. } => &body.additional_details,
            _ => &[],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api(status: u16, code: &str) -> ApiError {
        ApiError::Api { status, body: ApiErrorBody::new(code, "") }
    }

    #[test]
    fn retrying_helps_only_where_it_can() {
        for e in [
            ApiError::Offline,
            ApiError::Network("reset".into()),
            ApiError::Timeout(Duration::from_secs(5)),
            ApiError::Gateway { status: 502 },
            api(500, "1124"),
            api(429, "4118"),
        ] {
            assert!(e.retryable(), "{e:?}");
        }
        for e in [
            api(400, "1117"),
            api(404, "1116"),
            ApiError::Decode { call: "x".into(), detail: "y".into() },
            ApiError::Config("x".into()),
        ] {
            assert!(!e.retryable(), "{e:?}");
        }
        // Reading again also helps with a garbled or unexpected answer; never with a refusal.
        assert!(ApiError::Decode { call: "x".into(), detail: "y".into() }.worth_reading_again());
        assert!(ApiError::Unexpected { status: 418 }.worth_reading_again());
        for e in [api(400, "1117"), api(404, "1116"), ApiError::Config("x".into()), ApiError::Cancelled] {
            assert!(!e.worth_reading_again(), "{e:?}");
        }
    }

    #[test]
    fn api_errors_speak_from_the_catalog() {
        let e = api(403, "4115");
        assert!(e.what_happened().contains("(error 4115)"), "{}", e.what_happened());
        assert!(e.what_happened().starts_with("API key is invalid or missing"), "{}", e.what_happened());
        assert!(!e.what_to_do().is_empty());
        assert_eq!(e.code(), Some("4115"));
        assert!(e.api_answered());
        assert!(!ApiError::Timeout(Duration::from_secs(1)).api_answered());
        assert!(
            !ApiError::Decode { call: "x".into(), detail: "y".into() }.api_answered(),
            "a garbled answer keeps the intent"
        );
    }

    #[test]
    fn gateway_refusals_speak_the_gateways_words_and_keep_the_intent() {
        let other = ApiError::Api {
            status: 403,
            body: ApiErrorBody::new("GW-OTHER-CUSTOMER", "This customer belongs to another reseller."),
        };
        assert_eq!(other.what_happened(), "This customer belongs to another reseller.");
        assert!(other.what_to_do().contains("your own reseller's customers"));
        assert!(!other.api_answered(), "the API never saw it");
        let ended = ApiError::Api { status: 401, body: ApiErrorBody::new("GW-SIGN-IN", "") };
        assert!(ended.sign_in_needed() && !other.sign_in_needed());
        assert!(ended.what_to_do().starts_with("Sign in again"));
    }
}
