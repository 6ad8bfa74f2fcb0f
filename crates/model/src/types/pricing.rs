//! Fetch Price List (`POST /v3/pricelist?offset&limit`): the request's region, market segment,
//! price list type, currency and month, its filters (AND-ed; empty ones ignored) and the extra
//! offer attributes asked for; the answer's page of offers, each attribute present only when it
//! applies to the offer.

use super::common::is_default;
use serde::{Deserialize, Serialize};

/// The regions a price list is published for.
pub const PRICE_LIST_REGIONS: &[&str] = &["AP", "JP", "WE", "LA", "MX", "EE", "PA", "NA"];
/// The price list types.
pub const PRICE_LIST_TYPES: &[&str] = &["STANDARD", "3YC", "STD-LGA"];
/// The currencies price lists come in.
pub const PRICE_LIST_CURRENCIES: &[&str] = &["AUD", "EUR", "GBP", "JPY", "USD"];
/// The offer attributes `includeOfferAttributes` may name (any other is refused).
pub const OFFER_ATTRIBUTES: &[&str] = &[
    "productFamily",
    "productType",
    "productTypeDetail",
    "operatingSystem",
    "language",
    "version",
    "users",
    "metric",
    "bridge",
    "partNumber",
    "acdIndicator",
    "acdEffectiveDate",
    "levelDetails",
    "firstOrderDate",
    "lastOrderDate",
    "partnerPrice",
    "estimatedStreetPrice",
    "discountCode",
    "estimatedShipDate",
    "publicAnnounceDate",
    "rmaRequestDeadline",
    "acdDescription",
    "pool",
    "duration",
    "additionalDetail",
];

/// The region whose price list a partner in `currency` most likely reads (EUR and GBP: Western
/// Europe, JPY: Japan, AUD: Asia Pacific, otherwise North America): the console's default when
/// no region is chosen.
pub fn home_region(currency: &str) -> &'static str {
    match currency {
        "EUR" | "GBP" => "WE",
        "JPY" => "JP",
        "AUD" => "AP",
        _ => "NA",
    }
}

/// The filters of a price list request.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PriceListFilters {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub offer_id: String,
    /// Exact and case-sensitive.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub product_family: String,
    /// Offers first sold after this date.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub first_order_date: String,
    /// Offers sold until this date or later.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub last_order_date: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub discount_code: String,
}

/// `POST /v3/pricelist`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PriceListRequest {
    pub region: String,
    pub market_segment: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub price_list_type: String,
    pub currency: String,
    /// `YYYYMM`.
    pub price_list_month: String,
    #[serde(skip_serializing_if = "is_default")]
    pub filters: PriceListFilters,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub include_offer_attributes: Vec<String>,
}

/// One price point of an offer: an offer id may appear once per level or order-date window.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PriceListOffer {
    pub offer_id: String,
    pub product_family: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub product_type: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub product_type_detail: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub additional_detail: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub operating_system: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub language: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub version: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub users: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub metric: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub bridge: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub part_number: String,
    /// Whether the offer is new, changed or deleted (`A`, `C`, `D`).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub acd_indicator: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub acd_effective_date: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub acd_description: String,
    /// The level's range of quantities ("Level 1 1 - 9").
    #[serde(skip_serializing_if = "String::is_empty")]
    pub level_details: String,
    pub first_order_date: String,
    pub last_order_date: String,
    /// A decimal number as text ("1206.84"), in the price list's currency.
    pub partner_price: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub estimated_street_price: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub discount_code: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub estimated_ship_date: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub public_announce_date: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub rma_request_deadline: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub pool: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub duration: String,
}

/// A page of a price list.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PriceListPage {
    pub price_list_month: String,
    pub market_segment: String,
    pub region: String,
    pub currency: String,
    pub price_list_type: String,
    pub total_count: u64,
    pub count: u64,
    pub limit: u64,
    pub offset: u64,
    pub offers: Vec<PriceListOffer>,
}

/// A page of a price list read only for its offers' names (the console's product names for
/// offer ids): every other field of an offer is skipped unread. Its decoder is a small part of
/// [`PriceListPage`]'s, whose offers have two dozen fields; the pages that name offers (the
/// customer hub first) load only this one.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PriceListNames {
    pub total_count: u64,
    pub limit: u64,
    pub offset: u64,
    pub offers: Vec<OfferName>,
}

/// An offer's id and its product's name.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct OfferName {
    pub offer_id: String,
    pub product_family: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The documents' sample page, with a field the documents do not name.
    const SAMPLE: &str = r#"{"priceListMonth":"202601","marketSegment":"GOV","region":"NA","currency":"USD","priceListType":"3YC",
               "totalCount":2,"count":2,"limit":100,"offset":0,"offers":[{"offerId":"30001475CC01A12",
               "productFamily":"Creative Cloud For Enterprise All Apps","levelDetails":"Level 1 1 - 9",
               "firstOrderDate":"2022-05-03T00:00:00.000+00:00","lastOrderDate":"2023-11-01T00:00:00.000+00:00",
               "partnerPrice":"1206.84","pool":"Application","duration":"12 Months","newField":1}]}"#;

    #[test]
    fn the_documents_sample_reads_and_a_request_writes_only_what_is_set() {
        let page: PriceListPage = serde_json::from_str(SAMPLE).expect("the sample");
        assert_eq!(page.offers[0].partner_price, "1206.84");
        assert_eq!(page.offers[0].level_details, "Level 1 1 - 9");
        let request = PriceListRequest {
            region: "NA".into(),
            market_segment: "COM".into(),
            currency: "USD".into(),
            price_list_month: "202612".into(),
            ..Default::default()
        };
        assert_eq!(
            serde_json::to_value(&request).expect("json"),
            serde_json::json!({"region":"NA","marketSegment":"COM","currency":"USD","priceListMonth":"202612"})
        );
    }

    #[test]
    fn a_page_read_for_names_keeps_the_ids_names_and_paging_and_skips_the_rest() {
        let page: PriceListNames = serde_json::from_str(SAMPLE).expect("the sample");
        assert_eq!(
            page,
            PriceListNames {
                total_count: 2,
                limit: 100,
                offset: 0,
                offers: vec![OfferName {
                    offer_id: "30001475CC01A12".into(),
                    product_family: "Creative Cloud For Enterprise All Apps".into(),
                }],
            }
        );
    }
}
