//! What the console offers and sends where the API documents decide: a recommitment only in
//! the last 30 days of a commitment, the whole profile with every customer update, and the
//! documented reasons of a refused order line shown in words.

#![cfg(target_arch = "wasm32")]

use partner_console::api::error::{ApiError, Failure};
use partner_console::resources::customers::benefits::{allowed_requests, CommitRequest};
use partner_console::resources::orders::place::refused_lines;
use partner_model::error::ApiErrorBody;
use partner_model::time::{parse, DAY};
use partner_model::types::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn committed_until(end: &str) -> Customer {
    let commitment = Commitment {
        start_date: "2024-01-01".into(),
        end_date: end.into(),
        status: Some(CommitmentStatus::Committed),
        minimum_quantities: Vec::new(),
    };
    let benefit = Benefit {
        kind: BenefitType::ThreeYearCommit,
        status: None,
        commitment: Some(commitment),
        commitment_request: None,
        recommitment_request: None,
    };
    Customer { benefits: vec![benefit], ..Customer::default() }
}

#[wasm_bindgen_test]
fn recommitment_is_offered_only_in_the_last_thirty_days() {
    let now = parse("2026-12-01").expect("date") + DAY / 2;
    let (allowed, note) = allowed_requests(&committed_until("2026-12-20"), now).expect("allowed");
    assert_eq!(allowed, [CommitRequest::Increase, CommitRequest::Recommit]);
    assert_eq!(note, None);
    let (allowed, note) = allowed_requests(&committed_until("2027-06-30"), now).expect("allowed");
    assert_eq!(allowed, [CommitRequest::Increase], "too early to recommit");
    assert_eq!(
        note.as_deref(),
        Some(
            "Recommitting for three more years opens on May 31, 2027, 30 days before the commitment ends on Jun 30, 2027."
        )
    );
}

#[wasm_bindgen_test]
fn refused_lines_say_the_documented_reasons_in_words() {
    let failure = Failure {
        error: ApiError::Api {
            status: 400,
            body: ApiErrorBody {
                code: "2129".into(),
                message: "Customer is not eligible to purchase Offer ID".into(),
                additional_details: vec![
                    "Line Item: 1, Reason: Not an LGA Customer".into(),
                    "Line Item: 2, Reason: INELIGIBLE_MARKET_SEGMENT".into(),
                    "something else".into(),
                    "Line Item: 3, Reason: Offer level 04 is not the customer's discount level 02".into(),
                ],
            },
        },
        action: "Place order".into(),
        request_id: "r".into(),
        correlation_id: "c".into(),
    };
    let lines = refused_lines(&failure);
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert_eq!(lines[0].0, "Line 1");
    assert!(lines[0].1.contains("Large Government Agency"), "{lines:?}");
    assert_eq!(lines[1].0, "Line 2");
    assert_eq!(
        lines[2],
        ("Line 3".into(), "Offer level 04 is not the customer's discount level 02".into(), String::new())
    );
}

/// The documented `preferredLanguage` locales read as languages: the browser names the real
/// ones, Adobe's own regions are not mistaken for countries of the same code.
#[wasm_bindgen_test]
fn languages_are_listed_by_name_with_their_code() {
    use partner_console::format::language_name;
    assert_eq!(language_name("bg-BG"), "Bulgarian (Bulgaria) · bg-BG");
    assert_eq!(language_name("es-LA"), "Spanish (Latin America) · es-LA", "not Laos");
    assert_eq!(language_name("es-NA"), "Spanish · es-NA", "not Namibia");
    assert_eq!(language_name("en-XM"), "English (international) · en-XM");
    assert!(language_name("zh-HANS").contains("Chinese"), "{}", language_name("zh-HANS"));
    assert_eq!(language_name(""), "");
    for locale in partner_model::geo::locales() {
        assert!(language_name(locale).ends_with(locale), "{locale} keeps its code");
    }
}

/// Names beyond ASCII change case in the browser as the console's language writes them: sorted
/// and searched without regard to case, and capitalized with their accents.
#[wasm_bindgen_test]
fn names_beyond_ascii_change_case_in_the_browser() {
    use partner_console::format::{lower, sentence_case, upper};
    assert_eq!(lower("ÉCOLE Müller GmbH"), "école müller gmbh");
    assert_eq!(upper("straße"), "STRASSE");
    assert_eq!(sentence_case("übersicht der lizenzen"), "Übersicht der lizenzen");
    assert_eq!(sentence_case("licenses"), "Licenses");
    assert_eq!(sentence_case(""), "");
    assert_eq!(lower("Ωmega 2"), "ωmega 2");
}
