//! Fetch Price List over HTTP: levels and prices per list type, filters, attributes, paging and
//! the documented errors.

mod common;

use axum::http::StatusCode;
use common::{call, sandbox, Answer};
use serde_json::{json, Value};
use std::time::Duration;

fn this_month() -> String {
    partner_sandbox::twin::time::date(partner_sandbox::twin::time::now())[..7].replace('-', "")
}

async fn fetch(query: &str, body: Value) -> Answer {
    call(&sandbox(Duration::from_secs(5)), "POST", &format!("/api/vipmp/v3/pricelist{query}"), Some(body)).await
}

fn request(extra: Value) -> Value {
    let mut body = json!({"region": "NA", "marketSegment": "COM", "currency": "USD", "priceListMonth": this_month()});
    if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
        b.extend(e.clone());
    }
    body
}

fn offers(a: &Answer) -> Vec<Value> {
    a.json["offers"].as_array().cloned().unwrap_or_default()
}

fn price(o: &Value) -> f64 {
    o["partnerPrice"].as_str().and_then(|p| p.parse().ok()).unwrap_or(f64::NAN)
}

#[tokio::test]
async fn a_standard_list_pages_every_volume_level_and_prices_fall_with_the_level() {
    let first = fetch("", request(json!({"includeOfferAttributes": ["levelDetails", "productType"]}))).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.text);
    assert_eq!(first.json["limit"], 20, "the documented default");
    assert_eq!(first.json["priceListType"], "STANDARD");
    let total = first.json["totalCount"].as_u64().unwrap_or(0);
    assert!(total > 20, "{total}");
    let all =
        fetch(&format!("?offset=0&limit={total}"), request(json!({"includeOfferAttributes": ["levelDetails"]}))).await;
    let all = offers(&all);
    assert_eq!(all.len() as u64, total.min(100));
    let levels: Vec<&Value> =
        all.iter().filter(|o| o["productFamily"] == "Creative Cloud All Apps for teams").collect();
    let ids: Vec<&str> = levels.iter().filter_map(|o| o["offerId"].as_str()).collect();
    assert_eq!(ids, ["65322651CA01A12", "65322651CA02A12", "65322651CA03A12", "65322651CA04A12"]);
    assert!(levels.windows(2).all(|w| price(w[0]) > price(w[1])), "cheaper at each level");
    assert_eq!(levels[0]["levelDetails"], "Level 1 1 - 9");
    // Attributes not asked for are not sent.
    assert!(levels[0].get("pool").is_none() && levels[0].get("productType").is_none());
    let page2 = fetch("?offset=20&limit=20", request(json!({}))).await;
    assert_eq!(page2.json["offset"], 20);
    assert_eq!(offers(&page2).first().map(|o| o["offerId"].clone()), all.get(20).map(|o| o["offerId"].clone()));
    let past = fetch(&format!("?offset={total}"), request(json!({}))).await;
    assert_eq!((past.status, past.json["code"].as_str()), (StatusCode::NOT_FOUND, Some("1162")));
}

#[tokio::test]
async fn three_year_commit_lists_its_levels_with_last_years_price_and_filters_and() {
    let body = request(
        json!({"priceListType": "3YC", "marketSegment": "GOV", "filters": {"productFamily": "Acrobat Pro for teams"}}),
    );
    let a = fetch("?limit=100", body).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.text);
    let list = offers(&a);
    let ids: Vec<&str> = list.iter().filter_map(|o| o["offerId"].as_str()).collect();
    assert_eq!(ids.len(), 6, "three levels, two price windows each: {ids:?}");
    assert!(ids.iter().all(|id| id.starts_with("65304479GA1")), "{ids:?}");
    assert!(price(&list[0]) < price(&list[1]), "last year's price was lower");
    let current = fetch("", request(json!({"priceListType": "3YC", "marketSegment": "GOV", "filters": {"productFamily": "Acrobat Pro for teams", "lastOrderDate": format!("{}-01-02", &this_month()[..4]), "offerId": "65304479GA12A12"}}))).await;
    assert_eq!(offers(&current).len(), 1, "{}", current.text);
    let euro =
        fetch("", request(json!({"region": "WE", "currency": "EUR", "filters": {"offerId": "65322651CA01A12"}}))).await;
    let dollar = fetch("", request(json!({"filters": {"offerId": "65322651CA01A12"}}))).await;
    let (eur, usd) = (price(&offers(&euro)[0]), price(&offers(&dollar)[0]));
    assert!((eur / usd - 0.92).abs() < 0.01, "{eur} EUR for {usd} USD");
    let yen =
        fetch("", request(json!({"region": "JP", "currency": "JPY", "filters": {"offerId": "65322651CA01A12"}}))).await;
    assert!(!offers(&yen)[0]["partnerPrice"].as_str().unwrap_or(".").contains('.'), "yen have no decimals");
}

#[tokio::test]
async fn documented_errors() {
    for (extra, status, code, detail) in [
        (json!({"region": "XX"}), 400, "5122", Some("region")),
        (json!({"priceListMonth": "2026-01"}), 400, "5122", Some("priceListMonth")),
        (json!({"includeOfferAttributes": ["colour"]}), 400, "5122", Some("includeOfferAttributes: colour")),
        (json!({"priceListType": "CHEAP"}), 400, "5122", Some("priceListType")),
        (json!({"marketSegment": "XYZ"}), 400, "5122", Some("marketSegment")),
        (json!({"filters": {"lastOrderDate": "soon"}}), 400, "5122", Some("filters.lastOrderDate")),
        (json!({"marketSegment": "COM", "priceListType": "STD-LGA"}), 400, "1160", None),
        (json!({"region": "JP", "currency": "USD"}), 400, "1161", None),
        (json!({"priceListMonth": "202312"}), 404, "1162", None),
        (json!({"priceListMonth": "209901"}), 404, "1162", None),
    ] {
        let a = fetch("", request(extra.clone())).await;
        assert_eq!((a.status.as_u16(), a.json["code"].as_str()), (status, Some(code)), "{extra}: {}", a.text);
        if let Some(detail) = detail {
            assert_eq!(a.json["additionalDetails"], json!([detail]), "{extra}");
        }
    }
    let missing = fetch("", json!({"region": "NA", "marketSegment": "COM", "currency": "USD"})).await;
    assert_eq!(missing.json["additionalDetails"], json!(["priceListMonth"]));
}
