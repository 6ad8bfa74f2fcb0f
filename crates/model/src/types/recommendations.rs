//! Recommendations (`POST /v3/recommendations`, and `fetch-recommendations=true` on the order
//! and renewal previews): products to suggest for a customer — higher plans (upsells),
//! complements (cross-sells) and add-ons — each with the offers in the cart that led to it, and
//! the leads Adobe's agents left (overlay recommendations).

use super::common::{is_default, lenient_u64};
use serde::{Deserialize, Serialize};

/// The contexts a recommendation is asked for in.
pub const RECOMMENDATION_CONTEXTS: &[&str] = &["GENERIC", "ORDER_PREVIEW", "RENEWAL_ORDER_PREVIEW"];

/// The header that says which recommendations an answer gave, and which a purchase followed
/// ("Provide tracking data to Adobe to get improved recommendations").
pub const RECOMMENDATION_TRACKER: &str = "x-recommendation-tracker-id";

/// `POST /v3/recommendations`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RecommendationRequest {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub recommendation_context: String,
    pub customer_id: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub offers: Vec<CartOffer>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub country: String,
    /// `EN` or `MULT`.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub language: String,
}

/// An offer in the cart, or in a lead.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CartOffer {
    pub offer_id: String,
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "lenient_u64")]
    pub quantity: Option<u64>,
}

/// The `recommendations` block of a preview or a list, and the product recommendations of
/// Fetch Recommendations ([`FetchedRecommendations`]). The documents send leads only with
/// Fetch Recommendations, so the previews' decoders (placing an order, renewing) have none.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Recommendations {
    /// `None` (left out) when the recommendations could not be fetched
    /// ([`Self::error_details`]), as the documents' example of that answer shows.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub product_recommendations: Option<ProductRecommendations>,
    /// Why no recommendations came with an answer that succeeded ("If the core API succeeds
    /// but recommendations fail, a 2xx status code is returned, and the error is included in
    /// the `recommendations` section"): 5136 for the country, 5137 for the language.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_details: Option<crate::error::ApiErrorBody>,
}

/// The answer of Fetch Recommendations (`POST /v3/recommendations`): the product
/// recommendations, and the leads Adobe's agents left ("present only when leads exist for the
/// customer").
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct FetchedRecommendations {
    #[serde(flatten)]
    pub recommendations: Recommendations,
    #[serde(skip_serializing_if = "is_default")]
    pub overlay_recommendations: OverlayRecommendations,
}

/// Recommended products by kind.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ProductRecommendations {
    /// A higher plan of a product in the cart.
    pub upsells: Vec<Recommendation>,
    /// A product that goes with one in the cart.
    pub cross_sells: Vec<Recommendation>,
    /// An add-on of a product in the cart (not sold alone).
    pub add_ons: Vec<Recommendation>,
}

/// One recommended product.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Recommendation {
    pub rank: u32,
    pub product: RecommendedProduct,
    pub source: RecommendationSource,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RecommendedProduct {
    pub base_offer_id: String,
}

/// What led to a recommendation.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RecommendationSource {
    /// `OFFER`.
    pub source_type: String,
    pub offer_ids: Vec<String>,
}

/// Leads from Adobe's agents.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct OverlayRecommendations {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub new: Vec<Lead>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub renew: Vec<Lead>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Lead {
    pub created_at: String,
    pub expires_at: String,
    /// `OPEN` or `EXPIRED`.
    pub status: String,
    pub items: Vec<CartOffer>,
}

impl Lead {
    /// Whether the lead is still open at `now` (ms): `OPEN`, and not past its `expiresAt` (the
    /// API expires a lead "automatically", which may come later than the time it names), read
    /// as the API writes times, in UTC; one that cannot be read leaves the lead to its status.
    pub fn is_open_at(&self, now: u64) -> bool {
        self.status == "OPEN" && crate::time::parse(&self.expires_at).is_none_or(|end| now < end)
    }
}

/// Fetch Recommendations read only for its leads (the customer hub's): no decoder for the
/// product recommendations, which the hub does not show.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct LeadsAnswer {
    pub overlay_recommendations: OverlayRecommendations,
}

impl ProductRecommendations {
    /// Every recommendation with its kind in words, best ranked first within each kind.
    pub fn all(&self) -> Vec<(&'static str, &Recommendation)> {
        let mut out = Vec::new();
        for (kind, list) in [("Upgrade", &self.upsells), ("Goes with", &self.cross_sells), ("Add-on", &self.add_ons)] {
            let mut list: Vec<&Recommendation> = list.iter().collect();
            crate::sort::stable_by_key(&mut list, |r| r.rank);
            out.extend(list.into_iter().map(|r| (kind, r)));
        }
        out
    }
}
