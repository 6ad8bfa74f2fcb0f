//! HTTP tests of customers: each kind created, the reseller and segment checks, LGA rules,
//! 3-Year Commit requests, updates, linked memberships and persistence.

use super::*;

#[tokio::test]
async fn customers_of_each_kind_are_created_pending_then_active() {
    let app = sandbox(DELAY);
    let id = reseller_id(&app, "Northwind").await;
    let mut com = customer_body(&id, "Plain Commerce Corp", "COM");
    com["companyProfile"].as_object_mut().expect("profile").remove("marketSegment");
    let a = call(&app, "POST", "/v3/customers", Some(com)).await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.text);
    assert_eq!(a.json["companyProfile"]["marketSegment"], "COM", "COM by default");
    assert_eq!(
        a.json["discounts"],
        json!([{"offerType": "LICENSE", "level": "01"}, {"offerType": "CONSUMABLES", "level": "T1"}])
    );
    let com_id = a.json["customerId"].as_str().expect("id").to_string();
    let edu = create_customer(&app, customer_body(&id, "Learning Tree Academy", "EDU")).await;
    let gov = create_customer(&app, customer_body(&id, "County Records Office", "GOV")).await;
    let lga = call(&app, "POST", "/v3/customers", Some(lga_body(&id, "Federal Mapping Agency", "FEDERAL"))).await;
    assert_eq!(lga.status, StatusCode::CREATED, "{}", lga.text);
    assert_eq!(lga.json["benefits"], json!([{"type": "LARGE_GOVERNMENT_AGENCY", "status": "ACTIVE"}]));
    assert_eq!(lga.json["companyProfile"]["marketSubSegments"], json!(["FEDERAL"]));
    let state = create_customer(&app, lga_body(&id, "State Tax Board", "STATE")).await;

    let coterm = |days: i64| {
        let ms = partner_sandbox::twin::time::now() as i64 + days * 86_400_000;
        partner_sandbox::twin::time::date(ms as u64)
    };
    let mut extended = customer_body(&id, "Extended Horizons", "COM");
    extended["cotermDate"] = json!(coterm(600));
    let a = call(&app, "POST", "/v3/customers", Some(extended.clone())).await;
    assert_eq!(
        (a.status, a.json["cotermDate"].as_str()),
        (StatusCode::CREATED, Some(coterm(600).as_str())),
        "{}",
        a.text
    );
    extended["cotermDate"] = json!(coterm(200));
    assert_eq!(
        details(&call(&app, "POST", "/v3/customers", Some(extended.clone())).await),
        ["cotermDate"],
        "within a year is not Extended Term"
    );
    extended["cotermDate"] = json!(coterm(1200));
    assert_eq!(
        details(&call(&app, "POST", "/v3/customers", Some(extended.clone())).await),
        ["cotermDate"],
        "beyond 3 years for COM"
    );
    let mut edu_ext = customer_body(&id, "Extended Campus", "EDU");
    edu_ext["cotermDate"] = json!(coterm(1200));
    create_customer(&app, edu_ext).await;
    let mut lga_ext = lga_body(&id, "Long Term Agency", "STATE");
    lga_ext["cotermDate"] = json!(coterm(730));
    let a = call(&app, "POST", "/v3/customers", Some(lga_ext)).await;
    assert_code(&a, StatusCode::BAD_REQUEST, "1117");
    assert_eq!(details(&a), ["Invalid coterm date for Large Government Agency"]);

    settle().await;
    for customer in [com_id, edu, gov, state] {
        let c = call(&app, "GET", &format!("/v3/customers/{customer}"), None).await;
        assert_eq!(c.json["status"], "1000", "{}", c.text);
    }
}

#[tokio::test]
async fn customer_create_checks_the_reseller_and_segment() {
    let app = sandbox(DELAY);
    let sakura = reseller_id(&app, "Sakura").await;
    let a = call(&app, "POST", "/v3/customers", Some(customer_body(&sakura, "Campus Japan", "EDU"))).await;
    assert_code(&a, StatusCode::BAD_REQUEST, "2135");
    let mut bad = customer_body(&sakura, "Ok Name Inc", "COM");
    bad["companyProfile"]["address"]["postalCode"] = json!("ABC");
    bad["companyProfile"]["contacts"][0]["firstName"] = json!("");
    assert_eq!(
        details(&call(&app, "POST", "/v3/customers", Some(bad)).await),
        ["companyProfile.address.postalCode", "companyProfile.contacts[0].firstName"]
    );
    let mut sub = customer_body(&sakura, "Sub Segment School", "COM");
    sub["companyProfile"]["marketSubSegments"] = json!(["K_12"]);
    let a = call(&app, "POST", "/v3/customers", Some(sub)).await;
    assert_code(&a, StatusCode::BAD_REQUEST, "1117");
    assert_eq!(details(&a), ["companyProfile.marketSubSegments"], "1119 (not editable) is for updates only");
    let mut address = customer_body(&sakura, "Address Only Ltd", "COM");
    address["companyProfile"]["address"]["postalCode"] = json!("ABC");
    let a = call(&app, "POST", "/v3/customers", Some(address)).await;
    assert_code(&a, StatusCode::BAD_REQUEST, "1118");
    assert_eq!(details(&a), ["companyProfile.address.postalCode"]);
    // Curaçao is entered as NL with region CW, as Adobe's table says: it has no postal code.
    let mut curacao = customer_body(&sakura, "Willemstad Trading", "COM");
    curacao["companyProfile"]["address"] = json!({"country": "NL", "region": "CW", "city": "Willemstad", "addressLine1": "Handelskade 1", "postalCode": "", "phoneNumber": ""});
    let a = call(&app, "POST", "/v3/customers", Some(curacao.clone())).await;
    assert_eq!(a.status, StatusCode::CREATED, "NL with region CW and no postcode: {}", a.text);
    curacao["companyProfile"]["companyName"] = json!("Kralendijk Trading");
    curacao["companyProfile"]["address"]["region"] = json!("");
    assert_eq!(
        details(&call(&app, "POST", "/v3/customers", Some(curacao)).await),
        ["companyProfile.address.postalCode"],
        "the rest of NL has postcodes"
    );
    let mut long = customer_body(&sakura, "Long Reference Ltd", "COM");
    long["externalReferenceId"] = json!("x".repeat(36));
    let a = call(&app, "POST", "/v3/customers", Some(long)).await;
    assert_code(&a, StatusCode::BAD_REQUEST, "2126");
    assert_eq!(details(&a), ["externalReferenceId"]);

    // Same company and primary admin: 1127 under the same reseller, 1014 under another.
    let northwind = reseller_id(&app, "Northwind").await;
    create_customer(&app, customer_body(&northwind, "Twice Made Ltd", "COM")).await;
    assert_code(
        &call(&app, "POST", "/v3/customers", Some(customer_body(&northwind, "twice made ltd", "COM"))).await,
        StatusCode::BAD_REQUEST,
        "1127",
    );
    settle().await;
    let maple = reseller_id(&app, "Maple").await;
    let other = create_customer(&app, customer_body(&maple, "Twice Made Ltd", "COM")).await;
    settle().await;
    assert_eq!(call(&app, "GET", &format!("/v3/customers/{other}"), None).await.json["status"], "1014");
}

#[tokio::test]
async fn lga_rules_are_enforced_with_their_codes() {
    let app = sandbox(DELAY);
    let id = reseller_id(&app, "Northwind").await;
    let mut com = lga_body(&id, "Agency Of Commerce", "FEDERAL");
    com["companyProfile"]["marketSegment"] = json!("COM");
    assert_code(&call(&app, "POST", "/v3/customers", Some(com)).await, StatusCode::BAD_REQUEST, "1163");
    let mut none = lga_body(&id, "Agency Without Level", "FEDERAL");
    none["companyProfile"]["marketSubSegments"] = json!([]);
    assert_code(&call(&app, "POST", "/v3/customers", Some(none)).await, StatusCode::BAD_REQUEST, "1168");
    let mut both = lga_body(&id, "Agency Of Everything", "FEDERAL");
    both["companyProfile"]["marketSubSegments"] = json!(["FEDERAL", "STATE"]);
    assert_code(&call(&app, "POST", "/v3/customers", Some(both)).await, StatusCode::BAD_REQUEST, "1168");
    let mut not_lga = customer_body(&id, "Federal Without Benefit", "GOV");
    not_lga["companyProfile"]["marketSubSegments"] = json!(["FEDERAL"]);
    assert_code(&call(&app, "POST", "/v3/customers", Some(not_lga)).await, StatusCode::BAD_REQUEST, "1168");
    let mut abroad = lga_body(&id, "Bundesamt für Karten", "FEDERAL");
    abroad["companyProfile"]["address"] =
        json!({"country": "DE", "city": "Berlin", "addressLine1": "Unter den Linden 5", "postalCode": "10117"});
    assert_code(&call(&app, "POST", "/v3/customers", Some(abroad)).await, StatusCode::BAD_REQUEST, "1167");
    let mut with_3yc = lga_body(&id, "Committed Agency", "FEDERAL");
    with_3yc["benefits"] = json!([{"type": "LARGE_GOVERNMENT_AGENCY"}, {"type": "THREE_YEAR_COMMIT", "commitmentRequest": {"minimumQuantities": [{"offerType": "LICENSE", "quantity": 10}]}}]);
    let a = call(&app, "POST", "/v3/customers", Some(with_3yc)).await;
    assert_code(&a, StatusCode::BAD_REQUEST, "1147");
    assert_eq!(details(&a), ["3YC Customer not allowed for Large Government Agency"]);

    let created =
        call(&app, "POST", "/v3/resellers", Some(reseller_body("Berliner Behördenhandel", "DE", &["GOV", "COM"])))
            .await;
    let german = created.json["resellerId"].as_str().expect("id").to_string();
    assert_code(
        &call(&app, "POST", "/v3/customers", Some(lga_body(&german, "US Agency Via Germany", "STATE"))).await,
        StatusCode::BAD_REQUEST,
        "1164",
    );
}

#[tokio::test]
async fn three_year_commit_requests_are_accepted_after_the_delay() {
    let app = sandbox(DELAY);
    let id = reseller_id(&app, "Northwind").await;
    let mut body = customer_body(&id, "Committed Widgets", "COM");
    body["benefits"] = json!([{"type": "THREE_YEAR_COMMIT", "commitmentRequest": {"minimumQuantities": [{"offerType": "LICENSE", "quantity": 10}, {"offerType": "CONSUMABLES", "quantity": 1000}]}}]);
    let a = call(&app, "POST", "/v3/customers", Some(body.clone())).await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.text);
    assert_eq!(a.json["benefits"][0]["type"], "THREE_YEAR_COMMIT");
    assert_eq!(a.json["benefits"][0]["commitmentRequest"]["status"], "REQUESTED");
    let customer = a.json["customerId"].as_str().expect("id").to_string();
    body["benefits"][0]["commitmentRequest"]["minimumQuantities"][0]["quantity"] = json!(9);
    body["companyProfile"]["companyName"] = json!("Too Small Commit");
    assert_eq!(
        details(&call(&app, "POST", "/v3/customers", Some(body)).await),
        ["benefits[0].commitmentRequest.minimumQuantities[0].quantity"]
    );
    settle().await;
    let c = call(&app, "GET", &format!("/v3/customers/{customer}"), None).await.json;
    let request = &c["benefits"][0]["commitmentRequest"];
    assert_eq!(request["status"], "ACCEPTED", "{c}");
    assert!(
        request["startDate"].as_str().is_some_and(|d| d.len() == 10)
            && request["endDate"].as_str() > request["startDate"].as_str()
    );
    assert!(c["cotermDate"].as_str().is_some_and(|d| !d.is_empty()), "set on acceptance");

    let (start, end) =
        (request["startDate"].as_str().unwrap_or_default(), request["endDate"].as_str().unwrap_or_default());
    assert_eq!(
        (&start[4..], start[..4].parse::<u32>().ok().map(|y| y + 3)),
        (&end[4..], end[..4].parse().ok()),
        "no cotermDate yet: 3 years from acceptance"
    );

    // Updating an existing customer: the whole profile comes with the request.
    let fairmont = customer_id(&app, &id, "Fairmont*", "1000").await;
    let ask = |kind: &str| json!({"benefits": [{"type": "THREE_YEAR_COMMIT", kind: {"minimumQuantities": [{"offerType": "LICENSE", "quantity": 25}]}}]});
    let a = call(&app, "PATCH", &format!("/v3/customers/{fairmont}"), Some(ask("commitmentRequest"))).await;
    assert_code(&a, StatusCode::BAD_REQUEST, "1122");
    assert_eq!(details(&a), ["companyProfile"], "an update replaces the data: no profile, no update");
    // Recommitment only from COMMITTED, in the last 30 days before the commitment ends.
    let a = call(
        &app,
        "PATCH",
        &format!("/v3/customers/{fairmont}"),
        Some(with_profile(&app, &fairmont, ask("recommitmentRequest")).await),
    )
    .await;
    assert_code(&a, StatusCode::BAD_REQUEST, "1117");
    assert_eq!(details(&a), ["benefits[0].recommitmentRequest"]);
    let a = call(
        &app,
        "PATCH",
        &format!("/v3/customers/{fairmont}"),
        Some(with_profile(&app, &fairmont, ask("commitmentRequest")).await),
    )
    .await;
    assert_eq!(a.json["benefits"][0]["commitmentRequest"]["status"], "REQUESTED", "{}", a.text);
    let elbe = customer_id(&app, &reseller_id(&app, "M%C3%BCller").await, "Elbe*", "1000").await;
    let early = call(
        &app,
        "PATCH",
        &format!("/v3/customers/{elbe}"),
        Some(with_profile(&app, &elbe, ask("recommitmentRequest")).await),
    )
    .await;
    assert_code(&early, StatusCode::BAD_REQUEST, "1117");
    assert_eq!(
        details(&early),
        ["benefits[0].recommitmentRequest"],
        "a commitment ending in two years cannot be recommitted yet"
    );
    let quantum = customer_id(&app, &id, "Quantum*", "1000").await;
    let a = call(
        &app,
        "PATCH",
        &format!("/v3/customers/{quantum}"),
        Some(with_profile(&app, &quantum, ask("recommitmentRequest")).await),
    )
    .await;
    assert_eq!(a.json["benefits"][0]["recommitmentRequest"]["status"], "REQUESTED", "{}", a.text);
    assert_eq!(a.json["benefits"][0]["commitment"]["status"], "COMMITTED");
    settle().await;
    let q = call(&app, "GET", &format!("/v3/customers/{quantum}"), None).await.json;
    assert_eq!(q["benefits"][0]["recommitmentRequest"]["status"], "ACCEPTED");
    assert_eq!(
        q["benefits"][0]["recommitmentRequest"]["startDate"], q["benefits"][0]["commitment"]["endDate"],
        "it starts when the commitment ends"
    );
    let lga = customer_id(&app, &id, "National Parks*", "1000").await;
    assert_code(
        &call(
            &app,
            "PATCH",
            &format!("/v3/customers/{lga}"),
            Some(with_profile(&app, &lga, ask("commitmentRequest")).await),
        )
        .await,
        StatusCode::BAD_REQUEST,
        "1147",
    );
}

#[tokio::test]
async fn a_quantity_increase_keeps_the_commitment_dates() {
    let app = sandbox(DELAY);
    let muller = reseller_id(&app, "M%C3%BCller").await;
    let elbe = customer_id(&app, &muller, "Elbe*", "1000").await;
    let before =
        call(&app, "GET", &format!("/v3/customers/{elbe}"), None).await.json["benefits"][0]["commitment"].clone();
    let held = before["minimumQuantities"].as_array().cloned().unwrap_or_default();
    let licenses = held
        .iter()
        .find(|m| m["offerType"] == "LICENSE")
        .and_then(|m| m["quantity"].as_u64())
        .expect("committed licenses");
    assert!(licenses < 150, "{before}");
    // Lower than committed, or without a committed offer type, is no increase.
    let lower = json!({"benefits": [{"type": "THREE_YEAR_COMMIT", "commitmentRequest": {"minimumQuantities": [{"offerType": "LICENSE", "quantity": licenses - 1}]}}]});
    let only_consumables = json!({"benefits": [{"type": "THREE_YEAR_COMMIT", "commitmentRequest": {"minimumQuantities": [{"offerType": "CONSUMABLES", "quantity": 5000}]}}]});
    for wrong in [lower, only_consumables] {
        let a =
            call(&app, "PATCH", &format!("/v3/customers/{elbe}"), Some(with_profile(&app, &elbe, wrong).await)).await;
        assert_code(&a, StatusCode::BAD_REQUEST, "1117");
        assert_eq!(details(&a), ["benefits[0].commitmentRequest.minimumQuantities"]);
    }
    let more = json!({"benefits": [{"type": "THREE_YEAR_COMMIT", "commitmentRequest": {"minimumQuantities": [{"offerType": "LICENSE", "quantity": 150}]}}]});
    let a = call(&app, "PATCH", &format!("/v3/customers/{elbe}"), Some(with_profile(&app, &elbe, more).await)).await;
    assert_eq!(a.json["benefits"][0]["commitmentRequest"]["status"], "REQUESTED", "{}", a.text);
    settle().await;
    let c = call(&app, "GET", &format!("/v3/customers/{elbe}"), None).await.json;
    let request = &c["benefits"][0]["commitmentRequest"];
    assert_eq!(request["status"], "ACCEPTED", "{c}");
    assert_eq!(
        (&request["startDate"], &request["endDate"]),
        (&before["startDate"], &before["endDate"]),
        "an increase does not restart the commitment"
    );
}

#[tokio::test]
async fn customer_updates() {
    let app = sandbox(DELAY);
    let id = reseller_id(&app, "Northwind").await;
    let new = create_customer(&app, customer_body(&id, "Freshly Made Inc", "COM")).await;
    let profile = call(&app, "GET", &format!("/v3/customers/{new}"), None).await.json["companyProfile"].clone();
    assert_code(
        &call(&app, "PATCH", &format!("/v3/customers/{new}"), Some(json!({"companyProfile": profile.clone()}))).await,
        StatusCode::BAD_REQUEST,
        "1125",
    );
    settle().await;
    let mut changed = profile.clone();
    changed["marketSegment"] = json!("EDU");
    changed["contacts"] = json!([{"firstName": "Daisy", "lastName": "Duck", "email": "donald@duck.com", "phoneNumber": "555"}, {"firstName": "Huey", "lastName": "Duck", "email": "huey@duck.com"}]);
    let a = call(
        &app,
        "PATCH",
        &format!("/v3/customers/{new}"),
        Some(json!({"externalReferenceId": "EXT-9", "globalSalesEnabled": true, "companyProfile": changed})),
    )
    .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.text);
    let c = call(&app, "GET", &format!("/v3/customers/{new}"), None).await.json;
    assert_eq!((c["externalReferenceId"].as_str(), c["globalSalesEnabled"].as_bool()), (Some("EXT-9"), Some(true)));
    assert_eq!(c["companyProfile"]["marketSegment"], "EDU");
    assert_eq!(c["companyProfile"]["contacts"][0]["firstName"], "Donald", "an existing email keeps its name");
    assert_eq!(c["companyProfile"]["contacts"][0]["phoneNumber"], "555");
    assert_eq!(c["companyProfile"]["contacts"][1]["firstName"], "Huey");

    let mut fixed = c["companyProfile"].clone();
    fixed["companyName"] = json!("Renamed Inc");
    fixed["address"]["region"] = json!("WA");
    let a = call(&app, "PATCH", &format!("/v3/customers/{new}"), Some(json!({"companyProfile": fixed}))).await;
    assert_code(&a, StatusCode::BAD_REQUEST, "1119");
    assert_eq!(details(&a), ["companyProfile.companyName", "companyProfile.address.region"]);
    let mut gov = c["companyProfile"].clone();
    gov["marketSegment"] = json!("GOV");
    gov["contacts"] = json!([]);
    assert_eq!(
        details(&call(&app, "PATCH", &format!("/v3/customers/{new}"), Some(json!({"companyProfile": gov}))).await),
        ["companyProfile.contacts"]
    );
    let jp = reseller_id(&app, "Sakura").await;
    let kumo = create_customer(&app, customer_body(&jp, "Kumo Travel", "COM")).await;
    settle().await;
    let mut kp = call(&app, "GET", &format!("/v3/customers/{kumo}"), None).await.json["companyProfile"].clone();
    kp["marketSegment"] = json!("EDU");
    assert_code(
        &call(&app, "PATCH", &format!("/v3/customers/{kumo}"), Some(json!({"companyProfile": kp}))).await,
        StatusCode::BAD_REQUEST,
        "2135",
    );
}

#[tokio::test]
async fn linked_membership_groups_search_enroll_and_create() {
    let app = sandbox(DELAY);
    let us = call(&app, "GET", "/v3/linked_membership_groups?country=US", None).await;
    assert_eq!(us.status, StatusCode::OK, "{}", us.text);
    let groups = us.json.as_array().expect("array");
    assert_eq!(groups.len(), 2, "LGA groups only: {}", us.text);
    assert!(groups.iter().all(|g| g["country"] == "US" && g["benefitTypes"] == json!(["LARGE_GOVERNMENT_AGENCY"])));
    let named = call(&app, "GET", "/v3/linked_membership_groups?country=US&name=texas", None).await;
    assert_eq!(named.json[0]["name"], "Texas State Agencies Consortium");
    assert_eq!(named.json[0]["type"], "CONSORTIUM");
    let federal = groups.iter().find(|g| g["type"] == "STANDARD").expect("standard group");
    let (group, members) =
        (federal["id"].as_str().expect("id").to_string(), federal["membersCount"].as_u64().expect("count"));
    assert_eq!(
        details(&call(&app, "GET", "/v3/linked_membership_groups", None).await),
        ["Country cannot be null or empty"]
    );
    assert_eq!(details(&call(&app, "GET", "/v3/linked_membership_groups?country=DE", None).await), ["Invalid Country"]);
    assert_code(
        &call(&app, "GET", "/v3/linked_membership_groups?country=CA&name=nothing", None).await,
        StatusCode::NOT_FOUND,
        "1143",
    );
    assert_code(
        &call(&app, "GET", &format!("/v3/linked_membership_groups?country=US&name={}", "x".repeat(81)), None).await,
        StatusCode::BAD_REQUEST,
        "1117",
    );

    let northwind = reseller_id(&app, "Northwind").await;
    let parks = customer_id(&app, &northwind, "National Parks*", "1000").await;
    let path = format!("/v3/customers/{parks}/linked_membership/enroll/{group}");
    let a = call(&app, "POST", &path, None).await;
    assert_eq!(
        (a.status, a.json.clone()),
        (StatusCode::OK, json!({"message": "Customer Successfully enrolled in the Linked Membership"}))
    );
    let c = call(&app, "GET", &format!("/v3/customers/{parks}"), None).await.json;
    assert_eq!(
        (c["linkedMembership"]["id"].as_str(), c["linkedMembership"]["linkedMembershipType"].as_str()),
        (Some(group.as_str()), Some("MEMBER"))
    );
    assert_eq!(c["discounts"][0], federal["discounts"][0], "members take the group's level");
    assert_eq!(
        (&c["linkedMembership"]["country"], &c["linkedMembership"]["benefitTypes"]),
        (&json!("US"), &json!(["LARGE_GOVERNMENT_AGENCY"])),
        "an LGA membership names its country and benefits"
    );
    let texas = named.json[0]["id"].as_str().expect("texas").to_string();
    let a = call(&app, "POST", &format!("/v3/customers/{parks}/linked_membership/enroll/{texas}"), None).await;
    assert_code(&a, StatusCode::BAD_REQUEST, "1117");
    assert!(
        details(&a)[0].starts_with("linkedMembership") && details(&a)[0].contains(&group),
        "already in another group: {:?}",
        details(&a)
    );
    let again = call(&app, "GET", "/v3/linked_membership_groups?country=US&name=federal", None).await;
    assert_eq!(again.json[0]["membersCount"].as_u64(), Some(members + 1));

    let maple = reseller_id(&app, "Maple").await;
    let quebec = customer_id(&app, &maple, "Quebec*", "1000").await;
    let a = call(&app, "POST", &format!("/v3/customers/{quebec}/linked_membership/enroll/{group}"), None).await;
    assert_code(&a, StatusCode::BAD_REQUEST, "1118");
    assert_eq!(details(&a), ["Account country does not match with the linked account group country"]);
    let plain = customer_id(&app, &northwind, "Fairmont*", "1000").await;
    assert_code(
        &call(&app, "POST", &format!("/v3/customers/{plain}/linked_membership/enroll/{group}"), None).await,
        StatusCode::BAD_REQUEST,
        "1165",
    );
    let blue = customer_id(&app, &northwind, "Blue Harbor Logistics", "1000").await;
    let blue_group = call(&app, "GET", &format!("/v3/customers/{blue}"), None).await.json["linkedMembership"]["id"]
        .as_str()
        .expect("group")
        .to_string();
    let fresh = create_customer(&app, lga_body(&northwind, "Fresh Federal Agency", "FEDERAL")).await;
    assert_code(
        &call(&app, "POST", &format!("/v3/customers/{fresh}/linked_membership/enroll/{blue_group}"), None).await,
        StatusCode::BAD_REQUEST,
        "1166",
    );
    assert_code(
        &call(&app, "POST", &format!("/v3/customers/{fresh}/linked_membership/enroll/424242"), None).await,
        StatusCode::NOT_FOUND,
        "1143",
    );

    // Create a group for an LGA customer through update: it becomes the owner, the group is LGA.
    settle().await;
    let body =
        with_profile(&app, &fresh, json!({"linkedMembership": {"type": "STANDARD", "name": "Fresh Federal Group"}}))
            .await;
    let a = call(&app, "PATCH", &format!("/v3/customers/{fresh}"), Some(body.clone())).await;
    assert_eq!(a.json["linkedMembership"]["linkedMembershipType"], "OWNER", "{}", a.text);
    let found = call(&app, "GET", "/v3/linked_membership_groups?country=US&name=fresh", None).await;
    assert_eq!(
        (found.json[0]["membersCount"].as_u64(), found.json[0]["marketSegment"].as_str()),
        (Some(1), Some("GOV"))
    );
    assert_code(
        &call(&app, "PATCH", &format!("/v3/customers/{fresh}"), Some(body)).await,
        StatusCode::BAD_REQUEST,
        "1117",
    );
}

/// "3YC_LINKED_MEMBERSHIP: Customer is part of linked membership and has active 3YC": a customer
/// in a 3-Year Commit (committed, or asked for) creates no linked membership; one whose 3YC is
/// over (expired, non-compliant, declined) does.
#[tokio::test]
async fn a_3yc_that_is_over_does_not_keep_a_customer_out_of_a_linked_membership() {
    let app = sandbox(DELAY);
    let northwind = reseller_id(&app, "Northwind").await;
    let link = |name: &str| json!({"linkedMembership": {"type": "STANDARD", "name": format!("{name} Group")}});
    for (name, status, code) in [
        ("Helios*", "RECOMMIT", Some("1147")),
        ("Acme*", "REQUESTED", Some("1147")),
        ("Vertex*", "ACCEPTED", Some("1147")),
        ("Orchid*", "EXPIRED", None),
        ("Pioneer*", "NONCOMPLIANT", None),
        ("Starlight*", "DECLINED", None),
    ] {
        let id = customer_id(&app, &northwind, name, "1000").await;
        let body = with_profile(&app, &id, link(name.trim_end_matches('*'))).await;
        let a = call(&app, "PATCH", &format!("/v3/customers/{id}"), Some(body)).await;
        match code {
            Some(code) => {
                assert_code(&a, StatusCode::BAD_REQUEST, code);
                assert_eq!(details(&a), ["3YC Customer not allowed for Linked Membership"], "{status}");
            }
            None => assert_eq!(a.json["linkedMembership"]["linkedMembershipType"], "OWNER", "{status}: {}", a.text),
        }
    }
}

#[tokio::test]
async fn failures_persist_nothing_and_successes_survive_a_restart() {
    let state = std::env::temp_dir().join(format!("accounts-state-{}.json", common::unique()));
    let mut s = settings(DELAY);
    s.twin.state_file = Some(state.clone());
    let app = partner_sandbox::app(&s).expect("sandbox");
    let id = reseller_id(&app, "Northwind").await;
    let count = |a: Answer| a.json["totalCount"].as_u64();
    let before = count(call(&app, "GET", &format!("/v3/resellers/{id}/customers?status=1002"), None).await);
    let mut bad = lga_body(&id, "Broken Agency", "FEDERAL");
    bad["companyProfile"]["marketSegment"] = json!("EDU");
    assert_code(&call(&app, "POST", "/v3/customers", Some(bad)).await, StatusCode::BAD_REQUEST, "1163");
    let mut invalid = customer_body(&id, "Broken Email Co", "COM");
    invalid["companyProfile"]["contacts"][0]["email"] = json!("@");
    assert_code(&call(&app, "POST", "/v3/customers", Some(invalid)).await, StatusCode::BAD_REQUEST, "1117");
    assert_eq!(count(call(&app, "GET", &format!("/v3/resellers/{id}/customers?status=1002"), None).await), before);
    let kept = create_customer(&app, customer_body(&id, "Durable Goods Inc", "COM")).await;

    let reopened = partner_sandbox::app(&s).expect("reopened");
    let c = call(&reopened, "GET", &format!("/v3/customers/{kept}"), None).await;
    assert_eq!(
        (c.status, c.json["companyProfile"]["companyName"].as_str()),
        (StatusCode::OK, Some("Durable Goods Inc"))
    );
    settle().await;
    assert_eq!(
        call(&reopened, "GET", &format!("/v3/customers/{kept}"), None).await.json["status"],
        "1000",
        "the pending change survived too"
    );
    let _ = std::fs::remove_file(state);
}

#[tokio::test]
async fn a_gov_customer_converts_to_lga_in_the_last_thirty_days_and_becomes_one_at_its_anniversary() {
    let now = partner_sandbox::twin::time::now();
    let world = partner_sandbox::vipmp::seed::world(partner_sandbox::Settings::default().seed, now, false);
    // Seeded GOV customers in the US or Canada, neither LGA nor in a linked membership nor 3YC,
    // and days to their anniversary.
    let candidates: Vec<(String, i64)> = world
        .customers
        .values()
        .filter(|c| {
            c.status.as_str() == "1000"
                && c.company_profile.market_segment.as_ref().is_some_and(|s| s.as_str() == "GOV")
        })
        .filter(|c| ["US", "CA"].contains(&c.company_profile.address.country.as_str()))
        .filter(|c| !c.is_lga() && c.linked_membership.is_none() && c.three_year_commit().is_none())
        .filter_map(|c| {
            let ad = partner_sandbox::twin::time::parse(&c.coterm_date)? as i64;
            Some((c.customer_id.clone(), (ad - now as i64) / 86_400_000))
        })
        .collect();
    let app = sandbox(DELAY);
    let convert = |id: String| {
        let app = app.clone();
        async move {
            let mut body = with_profile(&app, &id, json!({"benefits": [{"type": "LARGE_GOVERNMENT_AGENCY"}]})).await;
            body["companyProfile"]["marketSubSegments"] = json!(["STATE"]);
            call(&app, "PATCH", &format!("/v3/customers/{id}"), Some(body)).await
        }
    };
    let (far, _) = candidates.iter().find(|(_, days)| *days > 31).cloned().expect("a GOV customer renewing later");
    let early = convert(far).await;
    assert_code(&early, StatusCode::BAD_REQUEST, "1117");
    assert_eq!(details(&early), ["benefits[0]"], "not in the last 30 days of the term");
    let (soon, _) = candidates
        .iter()
        .find(|(_, days)| (0..30).contains(days))
        .cloned()
        .expect("a GOV customer renewing within 30 days");
    // Its Team and consumables subscriptions auto-renew: each is named (1169) until it is
    // turned off, the conversion page's first step.
    let held = convert(soon.clone()).await;
    assert_code(&held, StatusCode::BAD_REQUEST, "1169");
    let named = details(&held);
    assert!(!named.is_empty(), "{}", held.text);
    for sub in &named {
        let off = json!({"autoRenewal": {"enabled": false}});
        let answer = call(&app, "PATCH", &format!("/v3/customers/{soon}/subscriptions/{sub}"), Some(off)).await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    }
    // Then what renews at the anniversary must be over 100 licenses (1170): the enterprise
    // licenses an order adds count.
    let few = convert(soon.clone()).await;
    assert_code(&few, StatusCode::BAD_REQUEST, "1170");
    let canadian = world.customers.get(&soon).is_some_and(|c| c.company_profile.address.country == "CA");
    let currency = if canadian { "CAD" } else { "USD" };
    let order = json!({"orderType": "NEW", "currencyCode": currency, "lineItems": [
        {"extLineItemNumber": 1, "offerId": "65322648GA01A12", "quantity": 101}
    ]});
    let placed = call(&app, "POST", &format!("/v3/customers/{soon}/orders"), Some(order)).await;
    assert_eq!(placed.status, StatusCode::CREATED, "{}", placed.text);
    settle().await;
    let converted = convert(soon.clone()).await;
    assert_eq!(converted.status, StatusCode::OK, "{}", converted.text);
    assert_eq!(converted.json["benefits"], json!([{"type": "LARGE_GOVERNMENT_AGENCY", "status": "PENDING_UPGRADE"}]));
    assert_ne!(converted.json["discounts"][0]["level"], "06", "the LGA level comes with the anniversary");
    // Until then it orders no Team offer nor consumables (1169), and enterprise licenses still.
    let order = |offer: &str| {
        json!({"orderType": "PREVIEW", "currencyCode": currency, "lineItems": [
            {"extLineItemNumber": 1, "offerId": "65322648GA01A12", "quantity": 1},
            {"extLineItemNumber": 2, "offerId": offer, "quantity": 1}
        ]})
    };
    let orders = format!("/v3/customers/{soon}/orders");
    let team = call(&app, "POST", &orders, Some(order("11083117GA01A12"))).await;
    assert_code(&team, StatusCode::BAD_REQUEST, "1169");
    assert_eq!(details(&team), ["Line Item: 2"]);
    let enterprise = call(&app, "POST", &orders, Some(order("65322587GA01A12"))).await;
    assert_eq!(enterprise.status, StatusCode::CREATED, "{}", enterprise.text);
    // Nor adds one to its renewal.
    let team = json!({"offerId": "11083117GA01A12", "autoRenewal": {"enabled": true, "renewalQuantity": 5}});
    let added = call(&app, "POST", &format!("/v3/customers/{soon}/subscriptions"), Some(team)).await;
    assert_code(&added, StatusCode::BAD_REQUEST, "1169");
    // It joins an LGA group "after the AD", not before.
    let country = converted.json["companyProfile"]["address"]["country"].as_str().unwrap_or("US").to_string();
    let groups = call(&app, "GET", &format!("/v3/linked_membership_groups?country={country}"), None).await;
    let group = groups.json[0]["id"].as_str().expect("an LGA group of its country").to_string();
    let enroll = call(&app, "POST", &format!("/v3/customers/{soon}/linked_membership/enroll/{group}"), None).await;
    assert_code(&enroll, StatusCode::BAD_REQUEST, "1165");
    // A customer that has applied for 3-Year Commit cannot convert, whatever the request says.
    let acme = world.customers.values().find(|c| c.company_profile.company_name == "Acme Robotics").expect("seeded");
    let mut body =
        with_profile(&app, &acme.customer_id, json!({"benefits": [{"type": "LARGE_GOVERNMENT_AGENCY"}]})).await;
    body["companyProfile"]["marketSegment"] = json!("GOV");
    body["companyProfile"]["marketSubSegments"] = json!(["STATE"]);
    let refused = call(&app, "PATCH", &format!("/v3/customers/{}", acme.customer_id), Some(body)).await;
    assert_code(&refused, StatusCode::BAD_REQUEST, "1147");
}
