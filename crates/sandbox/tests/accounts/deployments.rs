//! HTTP tests of a global customer's deployments: create, list, get and update, with the
//! documented refusals (1140, 1141) and the twin's choices where the docs are silent.

use super::*;

fn abroad(city: &str) -> Value {
    json!({"companyProfile": {"address": {
        "country": "CA", "region": "ON", "city": city, "addressLine1": "1 Main St", "postalCode": "K1A 0B1"
    }}})
}

#[tokio::test]
async fn a_global_customer_creates_lists_reads_and_updates_its_deployments() {
    let app = sandbox(DELAY);
    let reseller = reseller_id(&app, "Northwind").await;
    let customer = create_customer(&app, customer_body(&reseller, "Global Widgets", "COM")).await;
    settle().await;
    let deployments = format!("/v3/customers/{customer}/deployments");

    let a = call(&app, "POST", &deployments, Some(abroad("Ottawa"))).await;
    assert_code(&a, StatusCode::BAD_REQUEST, "1140");
    let global = with_profile(&app, &customer, json!({"globalSalesEnabled": true})).await;
    let a = call(&app, "PATCH", &format!("/v3/customers/{customer}"), Some(global)).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.text);

    let mut home = abroad("San Jose");
    home["companyProfile"]["address"] = json!({"country": "US", "region": "CA", "city": "San Jose", "addressLine1": "200 Fairmont Ave", "postalCode": "95110"});
    assert_code(&call(&app, "POST", &deployments, Some(home)).await, StatusCode::BAD_REQUEST, "1141");
    let mut bad_code = abroad("Ottawa");
    bad_code["companyProfile"]["address"]["postalCode"] = json!("95110");
    let a = call(&app, "POST", &deployments, Some(bad_code)).await;
    assert_code(&a, StatusCode::BAD_REQUEST, "1118");
    assert_eq!(details(&a), ["companyProfile.address.postalCode"]);
    let mut with_status = abroad("Ottawa");
    with_status["status"] = json!("1000");
    assert_eq!(details(&call(&app, "POST", &deployments, Some(with_status)).await), ["status"]);
    assert_code(&call(&app, "POST", &deployments, Some(json!({}))).await, StatusCode::BAD_REQUEST, "1122");
    let a = call(&app, "POST", "/v3/customers/9999999999/deployments", Some(abroad("Ottawa"))).await;
    assert_code(&a, StatusCode::NOT_FOUND, "1116");

    let a = call(&app, "POST", &deployments, Some(abroad("Ottawa"))).await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.text);
    assert_eq!(
        (a.json["status"].as_str(), &a.json["companyProfile"], a.json["creationDate"].is_string()),
        (Some("1000"), &abroad("Ottawa")["companyProfile"], true)
    );
    let id = a.json["deploymentId"].as_str().expect("id").to_string();
    assert_eq!(a.json["links"]["self"]["uri"], json!(format!("{deployments}/{id}")));
    let second = call(&app, "POST", &deployments, Some(abroad("Toronto"))).await;
    assert_eq!(second.status, StatusCode::CREATED, "{}", second.text);

    let list = call(&app, "GET", &deployments, None).await;
    assert_eq!((list.json["totalCount"].as_u64(), list.json["limit"].as_u64()), (Some(2), Some(25)), "{}", list.text);
    let page = call(&app, "GET", &format!("{deployments}?limit=1&offset=1"), None).await;
    assert_eq!((page.json["count"].as_u64(), page.json["links"]["prev"].is_object()), (Some(1), true), "{}", page.text);
    for bad in ["status=1002", "limit=0", "limit=101", "offset=x"] {
        let a = call(&app, "GET", &format!("{deployments}?{bad}"), None).await;
        assert_code(&a, StatusCode::BAD_REQUEST, "1132");
    }
    assert_code(&call(&app, "GET", &format!("{deployments}?offset=3"), None).await, StatusCode::BAD_REQUEST, "1133");

    let one = format!("{deployments}/{id}");
    assert_eq!(call(&app, "GET", &one, None).await.json["deploymentId"], json!(id));
    assert_code(&call(&app, "GET", &format!("{deployments}/1"), None).await, StatusCode::NOT_FOUND, "2138");
    let other = create_customer(&app, customer_body(&reseller, "Local Widgets", "COM")).await;
    let elsewhere = format!("/v3/customers/{other}/deployments/{id}");
    assert_code(&call(&app, "GET", &elsewhere, None).await, StatusCode::NOT_FOUND, "2138");

    let mut moved = abroad("Ottawa");
    moved["companyProfile"]["address"] =
        json!({"country": "GB", "city": "London", "addressLine1": "1 Strand", "postalCode": "WC2N 5DU"});
    let a = call(&app, "PATCH", &one, Some(moved)).await;
    assert_code(&a, StatusCode::BAD_REQUEST, "1119");
    assert_eq!(details(&a), ["companyProfile.address.country"]);
    let a = call(&app, "PATCH", &one, Some(abroad("Kingston"))).await;
    assert_eq!(
        (a.status, a.json["companyProfile"]["address"]["city"].as_str()),
        (StatusCode::OK, Some("Kingston")),
        "{}",
        a.text
    );
    assert_eq!(details(&call(&app, "PATCH", &one, Some(json!({"status": "1002"}))).await), ["status"]);
    assert_code(&call(&app, "PATCH", &one, Some(json!({}))).await, StatusCode::BAD_REQUEST, "1122");
    let a = call(&app, "PATCH", &one, Some(json!({"status": "1004"}))).await;
    assert_eq!((a.status, a.json["status"].as_str()), (StatusCode::OK, Some("1004")), "{}", a.text);
    let inactive = call(&app, "GET", &format!("{deployments}?status=1004"), None).await;
    assert_eq!(inactive.json["items"][0]["deploymentId"], json!(id), "{}", inactive.text);
    assert_eq!(inactive.json["totalCount"].as_u64(), Some(1));
}
