//! Fetch Price List (`POST /v3/pricelist?offset&limit`): the twin's catalog ([`OFFERS`]) priced
//! for the region, market segment, price list type, currency and month asked for.
//!
//! Choices where the docs are silent:
//! - The partner's regions and currencies: NA, LA, MX, PA in USD; WE in EUR or GBP; EE in EUR;
//!   JP in JPY; AP in AUD or USD. Another pair is 1161. `STD-LGA` is for GOV only (1160).
//! - 5122 ("Invalid Request", naming what is wrong): a missing required field; a region,
//!   currency, market segment or `priceListType` the docs do not list; a month not `YYYYMM`;
//!   an unknown `includeOfferAttributes` entry; a filter date that is not a date; a `limit`
//!   below 1 or an `offset` or `limit` that is not a number.
//! - Months: from 202401 to the current month; others are 1162 (404). So is an `offset` past
//!   the end of the list (an empty list answers its first page). `limit` defaults to 20 (the
//!   docs) and is kept to at most 100.
//! - Offer ids are the catalog's ids at each level (see `orders::offers`), with region letter
//!   `A` (the docs' ids all carry it). STANDARD lists the volume levels (licenses 01–04,
//!   consumables T1–T7); 3YC the 3YC levels (licenses 12–14 for COM and GOV, 02–04 for EDU;
//!   consumables TB–TG) with, for each, last year's price too (the historical 3YC prices,
//!   ordered from 2024-01-01 to the end of last year); STD-LGA the LGA level 06. An offer is
//!   orderable from 2024-01-01 until the end of the year after the price list's.
//! - Prices follow the levels: a product's base price (from its product number, Team between
//!   about 100 and 900 USD a year, Enterprise about twice, a consumable unit 1.50 to 10.50 USD),
//!   4% less per volume level, 3YC 6%
//!   less again, EDU 40% and GOV 10% less, converted at fixed rates (EUR 0.92, GBP 0.79,
//!   JPY 150 with no decimals, AUD 1.52); the street price is 6.4% above the partner price.
//! - Offers are listed by product, then level, then first order date. The default attributes
//!   are always sent; the others only when asked for.

use super::orders::offers::{Offer, OfferId, OFFERS};
use crate::twin::error::parse;
use crate::twin::{time, ApiError};
use axum::body::Bytes;
use axum::extract::RawQuery;
use axum::http::StatusCode;
use axum::Json;
use partner_model::error::ApiErrorBody;
use partner_model::types::{
    PriceListOffer, PriceListPage, PriceListRequest, OFFER_ATTRIBUTES, PRICE_LIST_CURRENCIES, PRICE_LIST_REGIONS,
    PRICE_LIST_TYPES,
};

const DEFAULT_LIMIT: u64 = 20;
const MAX_LIMIT: u64 = 100;
const FIRST_MONTH: &str = "202401";

/// The currencies the twin's partner is contracted for, per region.
const CONTRACT: &[(&str, &[&str])] = &[
    ("NA", &["USD"]),
    ("LA", &["USD"]),
    ("MX", &["USD"]),
    ("PA", &["USD"]),
    ("WE", &["EUR", "GBP"]),
    ("EE", &["EUR"]),
    ("JP", &["JPY"]),
    ("AP", &["AUD", "USD"]),
];

fn invalid(detail: &str) -> ApiError {
    let mut body = ApiErrorBody::new("5122", "Invalid Request");
    body.additional_details = vec![detail.to_string()];
    ApiError(StatusCode::BAD_REQUEST, body)
}

/// `POST /v3/pricelist`.
pub async fn price_list(RawQuery(query): RawQuery, body: Bytes) -> Result<Json<PriceListPage>, ApiError> {
    let request: PriceListRequest = parse(&body)?;
    let (offset, limit) = paging(query.as_deref())?;
    check(&request, &time::date(time::now()))?;
    let all = offers(&request);
    let total = all.len() as u64;
    if offset > 0 && offset >= total {
        return Err(ApiError::code("1162"));
    }
    let page: Vec<PriceListOffer> = all.into_iter().skip(offset as usize).take(limit as usize).collect();
    Ok(Json(PriceListPage {
        price_list_month: request.price_list_month.clone(),
        market_segment: request.market_segment.clone(),
        region: request.region.clone(),
        currency: request.currency.clone(),
        price_list_type: if request.price_list_type.is_empty() { "STANDARD".into() } else { request.price_list_type },
        total_count: total,
        count: page.len() as u64,
        limit,
        offset,
        offers: page,
    }))
}

fn paging(query: Option<&str>) -> Result<(u64, u64), ApiError> {
    let (mut offset, mut limit) = (0, DEFAULT_LIMIT);
    for pair in query.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let number = || value.parse::<u64>().map_err(|_| invalid(key));
        match key {
            "offset" => offset = number()?,
            "limit" => limit = Some(number()?).filter(|l| *l >= 1).ok_or_else(|| invalid(key))?.min(MAX_LIMIT),
            _ => {}
        }
    }
    Ok((offset, limit))
}

/// The request's problem, in the order the module docs give; `today` is `YYYY-MM-DD`.
fn check(r: &PriceListRequest, today: &str) -> Result<(), ApiError> {
    for (field, value) in [
        ("region", &r.region),
        ("marketSegment", &r.market_segment),
        ("currency", &r.currency),
        ("priceListMonth", &r.price_list_month),
    ] {
        if value.is_empty() {
            return Err(invalid(field));
        }
    }
    if !PRICE_LIST_REGIONS.contains(&r.region.as_str()) {
        return Err(invalid("region"));
    }
    if !PRICE_LIST_CURRENCIES.contains(&r.currency.as_str()) {
        return Err(invalid("currency"));
    }
    if !["COM", "EDU", "GOV"].contains(&r.market_segment.as_str()) {
        return Err(invalid("marketSegment"));
    }
    let f = &r.filters;
    for (name, date) in [("filters.firstOrderDate", &f.first_order_date), ("filters.lastOrderDate", &f.last_order_date)]
    {
        if !date.is_empty() && time::parse(date).is_none() {
            return Err(invalid(name));
        }
    }
    if !r.price_list_type.is_empty() && !PRICE_LIST_TYPES.contains(&r.price_list_type.as_str()) {
        return Err(invalid("priceListType"));
    }
    if let Some(unknown) = r.include_offer_attributes.iter().find(|a| !OFFER_ATTRIBUTES.contains(&a.as_str())) {
        return Err(invalid(&format!("includeOfferAttributes: {unknown}")));
    }
    let month = &r.price_list_month;
    if month.len() != 6
        || !month.bytes().all(|b| b.is_ascii_digit())
        || !(1..=12).contains(&month[4..].parse().unwrap_or(0))
    {
        return Err(invalid("priceListMonth"));
    }
    if r.price_list_type == "STD-LGA" && r.market_segment != "GOV" {
        return Err(ApiError::code("1160"));
    }
    let contracted =
        CONTRACT.iter().any(|(region, currencies)| *region == r.region && currencies.contains(&r.currency.as_str()));
    if !contracted {
        return Err(ApiError::code("1161"));
    }
    let current = today.get(..7).unwrap_or_default().replace('-', "");
    if month.as_str() < FIRST_MONTH || *month > current {
        return Err(ApiError::code("1162"));
    }
    Ok(())
}

/// The levels of a price list type for an offer type and segment, with their quantities.
fn levels(kind: &str, license: bool, segment: &str) -> &'static [(&'static str, &'static str)] {
    match (kind, license, segment) {
        ("3YC", true, "EDU") => &[("02", "Level 2 10 - 49"), ("03", "Level 3 50 - 99"), ("04", "Level 4 100+")],
        ("3YC", true, _) => &[("12", "Level 12 10 - 49"), ("13", "Level 13 50 - 99"), ("14", "Level 14 100+")],
        ("3YC", false, _) => &[
            ("TB", "Tier B 1,000 - 2,499"),
            ("TC", "Tier C 2,500 - 4,999"),
            ("TD", "Tier D 5,000 - 14,999"),
            ("TE", "Tier E 15,000 - 49,999"),
            ("TF", "Tier F 50,000 - 99,999"),
            ("TG", "Tier G 100,000+"),
        ],
        ("STD-LGA", _, _) => &[("06", "Level 6 LGA")],
        (_, true, _) => {
            &[("01", "Level 1 1 - 9"), ("02", "Level 2 10 - 49"), ("03", "Level 3 50 - 99"), ("04", "Level 4 100+")]
        }
        (_, false, _) => &[
            ("T1", "Tier 1 1 - 999"),
            ("T2", "Tier 2 1,000 - 2,499"),
            ("T3", "Tier 3 2,500 - 4,999"),
            ("T4", "Tier 4 5,000 - 14,999"),
            ("T5", "Tier 5 15,000 - 49,999"),
            ("T6", "Tier 6 50,000 - 99,999"),
            ("T7", "Tier 7 100,000+"),
        ],
    }
}

/// A product's yearly base price in USD cents, from its product number: a single product 100
/// to 500 USD, a plan of many (All Apps, a Collection) 600 to 900, so that an upgrade path
/// leads to a dearer product; twice that for enterprise. A consumable unit (a transaction, a
/// credit) 1.50 to 10.50.
fn base_cents(o: &Offer) -> u64 {
    let n: u64 = o.product.bytes().map(|b| u64::from(b - b'0')).fold(0, |a, d| a * 7 + d);
    if o.offer_type == "CONSUMABLES" {
        return 150 + n % 900;
    }
    let suite = o.name.contains("All Apps") || o.name.contains("Collection");
    let team = if suite { 60_000 + n % 30_000 } else { 10_000 + n % 40_000 };
    if o.edition == super::orders::offers::Edition::Enterprise {
        team * 2
    } else {
        team
    }
}

/// The yearly price in USD cents of `o` at the `step`th level of price list `kind`.
fn level_cents(o: &Offer, kind: &str, step: usize, segment: &str) -> f64 {
    let mut cents = base_cents(o) as f64 * (1.0 - 0.04 * step as f64);
    cents *= match segment {
        "EDU" => 0.6,
        "GOV" => 0.9,
        _ => 1.0,
    };
    if kind == "3YC" {
        cents *= 0.94;
    }
    cents
}

/// The price list's yearly unit price of `offer_id` in `currency` (what an order's
/// `partnerPrice` is): the level its id names, looked up in the standard, then the 3YC, then
/// the LGA list; a level none of them lists (high volume) is priced at the first level.
pub fn unit_price(offer_id: &str, currency: &str) -> Option<f64> {
    let id = OfferId::parse(offer_id)?;
    let (o, segment) = (id.offer()?, id.segment_code()?);
    let license = o.offer_type == "LICENSE";
    let (kind, step) = PRICE_LIST_TYPES
        .iter()
        .find_map(|kind| {
            levels(kind, license, segment).iter().position(|(l, _)| *l == id.level).map(|step| (*kind, step))
        })
        .unwrap_or(("STANDARD", 0));
    Some(amount(level_cents(o, kind, step, segment), currency))
}

/// `cents` (USD) in `currency`, rounded as the currency is (JPY has no decimals).
pub fn amount(cents: f64, currency: &str) -> f64 {
    let rate = match currency {
        "EUR" => 0.92,
        "GBP" => 0.79,
        "JPY" => 150.0,
        "AUD" => 1.52,
        _ => 1.0,
    };
    round(cents * rate / 100.0, currency)
}

/// `value` rounded to the smallest unit of `currency`.
pub fn round(value: f64, currency: &str) -> f64 {
    if currency == "JPY" {
        value.round()
    } else {
        (value * 100.0).round() / 100.0
    }
}

/// `cents` (USD) in `currency`, as the price list writes a price.
fn money(cents: f64, currency: &str) -> String {
    let value = amount(cents, currency);
    if currency == "JPY" {
        format!("{value:.0}")
    } else {
        format!("{value:.2}")
    }
}

fn language(region: &str) -> &'static str {
    match region {
        "NA" => "Multi NorthAmerican Language",
        "WE" | "EE" => "Multi European Languages",
        "JP" => "Japanese",
        "AP" => "Multi Asian Languages",
        _ => "Multi Latin American Languages",
    }
}

/// Every offer of the price list the request asks for, filtered.
fn offers(r: &PriceListRequest) -> Vec<PriceListOffer> {
    let kind = if r.price_list_type.is_empty() { "STANDARD" } else { r.price_list_type.as_str() };
    let segment = r.market_segment.as_str();
    let letter = super::orders::offers::segment_letter(segment);
    let year: u32 = r.price_list_month.get(..4).and_then(|y| y.parse().ok()).unwrap_or(2026);
    let wanted = |a: &str| r.include_offer_attributes.iter().any(|x| x == a);
    let opt = |a: &str, v: String| if wanted(a) { v } else { String::new() };
    let mut out = Vec::new();
    for o in OFFERS.iter().filter(|o| o.segments.contains(&segment)) {
        let license = o.offer_type == "LICENSE";
        let team = o.edition == super::orders::offers::Edition::Team;
        for (step, (level, details)) in levels(kind, license, segment).iter().enumerate() {
            let cents = level_cents(o, kind, step, segment);
            // 3YC lists last year's price too: the price locked in by earlier commitments.
            let windows: Vec<(String, String, f64)> = if kind == "3YC" {
                vec![
                    ("2024-01-01".into(), format!("{}-12-31", year - 1), cents * 0.955),
                    (format!("{year}-01-01"), format!("{}-12-31", year + 1), cents),
                ]
            } else {
                vec![("2024-01-01".into(), format!("{}-12-31", year + 1), cents)]
            };
            for (first, last, cents) in windows {
                let offer = PriceListOffer {
                    offer_id: format!("{}{letter}A{level}A12", o.product),
                    product_family: o.name.to_string(),
                    product_type: opt(
                        "productType",
                        match (license, team) {
                            (true, true) => "Subscription New",
                            (true, false) => "Enterprise Hosted Subscription New",
                            (false, true) => "Team Consumption",
                            (false, false) => "Enterprise Consumption",
                        }
                        .into(),
                    ),
                    product_type_detail: opt(
                        "productTypeDetail",
                        if license { "Annual" } else { "12-month, no proration (fixed price)" }.into(),
                    ),
                    operating_system: opt("operatingSystem", "Multiple Platforms".into()),
                    language: opt("language", language(&r.region).into()),
                    version: opt("version", "ALL".into()),
                    users: opt("users", if license { "1 User" } else { "Per Transaction" }.into()),
                    level_details: opt("levelDetails", details.to_string()),
                    first_order_date: format!("{first}T00:00:00.000+00:00"),
                    last_order_date: format!("{last}T00:00:00.000+00:00"),
                    partner_price: money(cents, &r.currency),
                    estimated_street_price: opt("estimatedStreetPrice", money(cents * 1.064, &r.currency)),
                    pool: opt("pool", "Application".into()),
                    duration: opt("duration", "12 Months".into()),
                    additional_detail: opt(
                        "additionalDetail",
                        format!("{segment} | {}", if kind == "3YC" { "3-year commit price" } else { "Standard price" }),
                    ),
                    ..Default::default()
                };
                if matches(&offer, r) {
                    out.push(offer);
                }
            }
        }
    }
    out
}

/// Whether `o` passes the request's filters (AND; empty filters are ignored).
fn matches(o: &PriceListOffer, r: &PriceListRequest) -> bool {
    let f = &r.filters;
    let day = |s: &str| s.get(..10).unwrap_or(s).to_string();
    (f.offer_id.is_empty() || o.offer_id == f.offer_id)
        && (f.product_family.is_empty() || o.product_family == f.product_family)
        && (f.discount_code.is_empty() || o.discount_code == f.discount_code)
        && (f.first_order_date.is_empty() || day(&o.first_order_date) > day(&f.first_order_date))
        && (f.last_order_date.is_empty() || day(&o.last_order_date) >= day(&f.last_order_date))
}
