//! Recommendations: `POST /v3/recommendations`, and the `recommendations` block of PREVIEW and
//! PREVIEW_RENEWAL, and of `GET` of a customer's subscriptions and orders, with
//! `fetch-recommendations=true`.
//!
//! Choices where the docs are silent:
//! - What is recommended comes from a fixed table of the twin's catalog ([`RELATIONS`]): a
//!   single app's upsell is the All Apps plan, Acrobat Standard's is Acrobat Pro; cross-sells
//!   are products used together (InDesign and InCopy, Premiere Pro and After Effects); add-ons
//!   are consumables of a product (Sign transactions for Acrobat, generative credits for All
//!   Apps) and AI Assistant for Acrobat, the documents' example, which is sold only with an
//!   Acrobat (see `offers::lacks_base`).
//! - The cart is the preview's lines (a renewal preview's, or the request's `offers`); with
//!   none (`GENERIC`), and for the lists of subscriptions and orders, the customer's active
//!   subscriptions. A product already in the cart or
//!   not sold to the customer's market segment is never recommended; each product appears
//!   once, under the first kind it has; ranks start at 0 within each kind.
//! - `baseOfferId` is the product's base id for the customer's segment (level 01, or T1).
//! - `recommendationContext` other than the three documented values, or no `customerId`, is
//!   400 with code 1117 naming the field; an unknown customer is 1116. Fetch Recommendations
//!   also answers the customer's leads from Adobe's agents (overlay recommendations), when it
//!   has any ([`super::leads`]).
//! - Where recommendations are asked for ([`check_locale`]): a `language` other than `EN` or
//!   `MULT` is the documents' 5137 INVALID_LANGUAGE, and a `country` the API does not accept
//!   (not an ISO 3166-1 code, or one in Adobe's unsupported-countries table) is 5136
//!   INVALID_COUNTRY, each with the documents' sample message naming the code. The documents
//!   do not list the countries recommendations are offered for, so every supported country is.
//!   A preview's `recommendation-country` and `recommendation-language` are checked the same
//!   way, but as the documents say for "other APIs that fetch recommendations": the preview
//!   still answers 201, and its `recommendations` block holds only `errorDetails`.
//! - The tracker ("Provide tracking data to Adobe"): the documents say the header is "added to
//!   all responses"; the twin adds it to the answers that were asked for recommendations
//!   (`POST /v3/recommendations`, or `fetch-recommendations=true`), the data it "provides … to
//!   understand how recommendations are working", so a purchase that sends one back followed
//!   recommendations. It is 32 lowercase hex digits made from the customer and the time, and
//!   checkable by the twin alone ([`tracked`]). Create Order (NEW) and Create Subscription take
//!   the header back, as the documents ask partners to send it: one the twin gave for that
//!   customer is counted in the sandbox's statistics (`created.recommendation_tracked`); any
//!   other value, or none, changes nothing, since the documents give no error for it.

use super::offers::{self, OfferId};
use super::{customer, subscriptions_of};
use crate::twin::error::parse;
use crate::twin::world::{Millis, World};
use crate::twin::{ApiError, Twin};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::Json;
use partner_model::types::{
    Customer, FetchedRecommendations, ProductRecommendations, Recommendation, RecommendationRequest,
    RecommendationSource, Recommendations, RecommendedProduct, Status, RECOMMENDATION_CONTEXTS,
};

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Upsell,
    CrossSell,
    AddOn,
}
use Kind::{AddOn, CrossSell, Upsell};

/// `(product in the cart, kind, product recommended)`, best first for each product.
#[rustfmt::skip]
const RELATIONS: &[(&str, Kind, &str)] = &[
    ("11073058", Upsell, "65322651"), ("11073058", CrossSell, "65324918"),
    ("11083117", Upsell, "65322651"), ("11083117", CrossSell, "65322535"), ("11083117", CrossSell, "65324918"),
    ("11083117", AddOn, "65325477"),
    ("30006310", Upsell, "65322651"), ("30006310", CrossSell, "30006452"), ("30006310", CrossSell, "86322535"),
    ("30006452", Upsell, "65322651"), ("30006452", CrossSell, "30006310"),
    ("30006208", CrossSell, "30006310"),
    ("65304386", Upsell, "65304479"), ("65304386", CrossSell, "65325603"), ("65304386", AddOn, "65325791"),
    ("65304921", Upsell, "65304479"), ("65304921", CrossSell, "65325603"), ("65304921", AddOn, "65322447"),
    ("65304921", AddOn, "65325791"),
    ("65304479", Upsell, "65304522"), ("65304479", CrossSell, "65325603"), ("65304479", AddOn, "65322447"),
    ("65304479", AddOn, "65325791"), ("65304522", AddOn, "65325791"),
    ("65322535", Upsell, "65322651"), ("65322535", CrossSell, "11083117"),
    ("65322651", CrossSell, "65324918"), ("65322651", CrossSell, "80004602"), ("65322651", AddOn, "65325477"),
    ("65322648", CrossSell, "65325088"), ("65322648", AddOn, "65325477"),
    ("69804578", Upsell, "65322651"), ("69804578", CrossSell, "65323012"),
    ("80004567", CrossSell, "86322610"), ("86322610", Upsell, "80004567"), ("86322590", AddOn, "65325791"),
];

/// The recommendations for `customer` with `cart` (offer ids) in it.
pub fn recommend(customer: &Customer, cart: &[String]) -> Recommendations {
    let segment = offers::customer_segment(customer);
    let in_cart = |product: &str| cart.iter().any(|id| id.starts_with(product));
    let mut out = ProductRecommendations::default();
    let mut named: Vec<&str> = Vec::new();
    for &(from, kind, to) in RELATIONS {
        let sources: Vec<String> = cart.iter().filter(|id| id.starts_with(from)).cloned().collect();
        let sold =
            OfferId::parse(&format!("{to}CA01A12")).and_then(|o| o.offer()).filter(|o| o.segments.contains(&segment));
        let Some(offer) = sold else { continue };
        if sources.is_empty() || in_cart(to) || named.contains(&to) {
            continue;
        }
        named.push(to);
        let level = if offer.offer_type == "CONSUMABLES" { "T1" } else { "01" };
        let list = match kind {
            Upsell => &mut out.upsells,
            CrossSell => &mut out.cross_sells,
            AddOn => &mut out.add_ons,
        };
        list.push(Recommendation {
            rank: list.len() as u32,
            product: RecommendedProduct {
                base_offer_id: format!("{to}{}A{level}A12", offers::segment_letter(segment)),
            },
            source: RecommendationSource { source_type: "OFFER".into(), offer_ids: sources },
        });
    }
    Recommendations { product_recommendations: Some(out), ..Default::default() }
}

/// The customer's active subscriptions' offers: the cart of a GENERIC request.
fn held(world: &World, customer_id: &str) -> Vec<String> {
    subscriptions_of(world, customer_id).filter(|s| s.status == Status::Active).map(|s| s.offer_id.clone()).collect()
}

/// Whether recommendations can be fetched for `country` and `language` (either blank: the
/// customer's country, `MULT`): the documents' 5136 or 5137 when not.
pub fn check_locale(country: &str, language: &str) -> Result<(), ApiError> {
    let refuse = |code: &str, message: String| {
        let mut error = ApiError::code(code);
        error.1.message = message;
        Err(error)
    };
    if !["", "EN", "MULT"].contains(&language) {
        return refuse("5137", format!("Not allowed to fetch Recommendations for language {language}"));
    }
    if !country.is_empty() && !partner_model::geo::country(country).is_some_and(|c| c.is_supported()) {
        return refuse("5136", format!("Not allowed to fetch Recommendations for Country Code {country}"));
    }
    Ok(())
}

/// A preview's `recommendations` block when they could not be fetched: only why.
pub fn refused(error: ApiError) -> Recommendations {
    Recommendations { product_recommendations: None, error_details: Some(error.1) }
}

fn bad(field: &str) -> ApiError {
    ApiError::with_details("1117", vec![field.to_string()])
}

/// What `GET` of a customer's subscriptions or orders adds with `fetch-recommendations=true`
/// (in the raw `query`): the recommendations for what the customer holds (its active
/// subscriptions' offers, as a GENERIC request), or only why not (5136/5137) as on a preview;
/// `None` when not asked for.
pub fn for_list(world: &World, customer: &Customer, query: Option<&str>) -> Option<Recommendations> {
    let pairs = super::history::pairs(query);
    let param = |name: &str| pairs.iter().find(|(k, _)| k == name).map_or("", |(_, v)| v.as_str());
    if param("fetch-recommendations") != "true" {
        return None;
    }
    let locale = check_locale(param("recommendation-country"), param("recommendation-language"));
    Some(asked_for(customer, &held(world, &customer.customer_id), &locale))
}

/// The `recommendations` block of an answer asked for them with `cart`: what to recommend, or
/// only why not when `locale` was refused (5136/5137), as "other APIs that fetch
/// recommendations" answer.
pub fn asked_for(customer: &Customer, cart: &[String], locale: &Result<(), ApiError>) -> Recommendations {
    match locale {
        Ok(()) => recommend(customer, cart),
        Err(refusal) => refused(refusal.clone()),
    }
}

/// A list (of subscriptions, or a page of orders) with the `recommendations` block asked for.
/// The twin's own: the console does not ask for the block, so its list types have no field for
/// it (nor the code to drop one).
#[derive(serde::Serialize)]
pub struct WithRecommendations<T> {
    #[serde(flatten)]
    pub list: T,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recommendations: Option<Recommendations>,
}

/// `answer`, with the tracker of recommendations given to `customer_id` at `now` when it was
/// asked for them.
pub fn answer(answer: impl IntoResponse, asked: bool, customer_id: &str, now: Millis) -> Response {
    if asked {
        ([(TRACKER, tracker(customer_id, now))], answer).into_response()
    } else {
        answer.into_response()
    }
}

/// The header, from the model the console shares.
pub use partner_model::types::RECOMMENDATION_TRACKER as TRACKER;

/// The tracker's check half: `first` hashed with the customer it was given for.
fn tracker_check(first: u64, customer_id: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::hash::DefaultHasher::new();
    ("recommendations", first, customer_id.trim()).hash(&mut hasher);
    hasher.finish()
}

/// A tracker id for recommendations given to `customer_id` at `now`.
pub fn tracker(customer_id: &str, now: Millis) -> String {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::hash::DefaultHasher::new();
    (customer_id.trim(), now).hash(&mut hasher);
    let first = hasher.finish();
    format!("{first:016x}{:016x}", tracker_check(first, customer_id))
}

/// Whether `tracker` is one the twin gave with recommendations for `customer_id`: as
/// [`tracker`] writes it, to the letter.
pub fn tracked(customer_id: &str, tracker: &str) -> bool {
    let canonical = tracker.len() == 32 && tracker.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    let half = |range: std::ops::Range<usize>| tracker.get(range).and_then(|h| u64::from_str_radix(h, 16).ok());
    match (canonical, half(0..16), half(16..32)) {
        (true, Some(first), Some(check)) => tracker_check(first, customer_id) == check,
        _ => false,
    }
}

/// Counts a purchase for `customer_id` that came with a tracker the twin gave it.
pub fn count_tracked(world: &mut World, customer_id: &str, headers: &HeaderMap) {
    let sent = headers.get(TRACKER).and_then(|v| v.to_str().ok()).unwrap_or("");
    if tracked(customer_id, sent) {
        world.count_created("recommendation_tracked");
    }
}

/// `POST /v3/recommendations`.
pub async fn fetch(State(twin): State<Twin>, body: Bytes) -> Result<Response, ApiError> {
    let request: RecommendationRequest = parse(&body)?;
    if request.customer_id.trim().is_empty() {
        return Err(bad("customerId"));
    }
    let context = request.recommendation_context.as_str();
    if !context.is_empty() && !RECOMMENDATION_CONTEXTS.contains(&context) {
        return Err(bad("recommendationContext"));
    }
    check_locale(&request.country, &request.language)?;
    let (answer, now) = twin.read(|w, now| {
        let c = customer(w, &request.customer_id)?;
        let mut cart: Vec<String> = request.offers.iter().map(|o| o.offer_id.clone()).collect();
        if cart.is_empty() {
            cart = held(w, &request.customer_id);
        }
        let answer = FetchedRecommendations {
            recommendations: recommend(c, &cart),
            overlay_recommendations: super::leads::overlay(w, &c.customer_id, now),
        };
        Ok::<_, ApiError>((answer, now))
    })?;
    Ok(self::answer(Json(answer), true, &request.customer_id, now))
}
