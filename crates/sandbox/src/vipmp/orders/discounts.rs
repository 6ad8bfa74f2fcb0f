//! Flexible discounts: `GET /v3/flex-discounts`, `GET /v3/customers/{id}/flex-discounts`, and
//! the codes of order lines (`lineItems[].flexDiscountCodes`) on PREVIEW and NEW, and on a
//! manual renewal's PREVIEW_RENEWAL (with lines) and RENEWAL ("Apply flexible discounts when
//! placing manual renewal orders").
//!
//! Choices where the docs are silent:
//! - The twin's discounts ([`SPECS`]) are dated from today, so there is always one running,
//!   one reusable, one expired and one that starts next month. Their fixed values come per
//!   currency; `discountValues` lists the one of the country asked for (EUR for the euro
//!   countries, GBP for GB, JPY for JP, AUD for AU, USD otherwise).
//! - `market-segment` and `country` are required; missing, or a segment other than COM, EDU or
//!   GOV, a country that is not 2–3 capital letters, an unknown category, `flex-discount-id`
//!   with another optional filter, or a `limit`/`offset` that is not a number is 400 with code
//!   1117 naming the parameter (the docs give the status, not the code). `limit` defaults to
//!   20 and is kept to at most 50.
//! - Without date filters the list holds ACTIVE discounts (running or future, as the docs
//!   say); `include-eligible-reusable-discounts=true` adds REUSABLE ones. `start-date` keeps
//!   discounts whose period ends on or after it, `end-date` those starting on or before it;
//!   EXPIRED ones appear only when a date filter reaches back into their period.
//!   `flex-discount-id` answers a page of that one discount (empty when unknown).
//! - A customer's list: "reusable flexible discounts used by the customer and that are in the
//!   ACTIVE or REUSABLE state": those with a lock end date that it used in an order, until that
//!   date. The open discounts it qualifies for are `GET /v3/flex-discounts`' (the console reads
//!   both).
//! - On an order line (a manual renewal's too, checked after its renewal rules): more than one
//!   code is 2147; a code the twin does not know is 2146 (`Reason: NOT_FOUND`); a code on an
//!   add-on's line is 2145 ("non-base products": the add-ons of `offers`), and an auto-renewal
//!   preview marks it FAILURE there; a known code
//!   the customer cannot use here — another segment or country, another product, not started,
//!   ended (a reusable one not used before), or an INTRO discount for a product the customer
//!   holds or held (but for a reusable one it used before: its renewals and seat additions
//!   keep it) — is 2141 (`Reason: Invalid Flexible Discount`). A manual renewal's preview is
//!   refused for it as a new order's is: the docs show only its SUCCESS, and list 2141 for
//!   Preview Order. Codes are matched exactly. The line answers `flexDiscounts` with `result:
//!   SUCCESS`; the price a discount gives is `discountedPartnerPrice`.

use super::offers;
use super::{customer, line_detail, subscriptions_of};
use crate::twin::world::{Millis, World};
use crate::twin::{time, ApiError, Twin};
use axum::extract::{Path, Query, State};
use axum::Json;
use partner_model::types::{
    Customer, DiscountValue, FlexDiscount, FlexDiscountPage, FlexDiscountResult, LineItem, LineItemRequest, OrderType,
    Outcome, Qualification, Status, FLEX_DISCOUNTS_DEFAULT_LIMIT, FLEX_DISCOUNTS_MAX_LIMIT, FLEX_DISCOUNT_CATEGORIES,
};
use serde_json::Number;

const DAY: i64 = 86_400_000;

/// One of the twin's discounts, dated relative to today.
struct Spec {
    id: &'static str,
    category: &'static str,
    code: &'static str,
    name: &'static str,
    /// Days from today.
    starts: i64,
    ends: i64,
    /// Days from today the reuse ends (a reusable discount).
    lock_ends: Option<i64>,
    segments: &'static [&'static str],
    /// Product numbers (first 8 characters of the offer ids); empty: every product.
    products: &'static [&'static str],
    kind: &'static str,
    /// A percentage, or a value per currency (USD, EUR, GBP, JPY, AUD).
    percent: f64,
    amounts: [f64; 5],
}

const CURRENCIES: [&str; 5] = ["USD", "EUR", "GBP", "JPY", "AUD"];

#[rustfmt::skip]
const SPECS: &[Spec] = &[
    Spec { id: "55555555-0001-4a10-9b21-000000000001", category: "STANDARD", code: "BLACK_FRIDAY_10_PERCENT_OFF",
        name: "Black Friday: 10% off every product", starts: -10, ends: 45, lock_ends: None, segments: &["COM", "GOV"],
        products: &[], kind: "PERCENTAGE_DISCOUNT", percent: 10.0, amounts: [0.0; 5] },
    Spec { id: "55555555-0002-4a10-9b21-000000000002", category: "STANDARD", code: "ACROBAT_20_OFF",
        name: "Acrobat: 20 off each license", starts: -60, ends: 60, lock_ends: Some(730), segments: &["COM"],
        products: &["65304921", "65304479"], kind: "FIXED_DISCOUNT", percent: 0.0,
        amounts: [20.0, 18.0, 16.0, 3_000.0, 30.0] },
    Spec { id: "55555555-0003-4a10-9b21-000000000003", category: "INTRO", code: "INTRO-PHSP",
        name: "Intro Discount - Photoshop", starts: -30, ends: 300, lock_ends: Some(800), segments: &["COM", "EDU"],
        products: &["11083117"], kind: "FIXED_PRICE", percent: 0.0,
        amounts: [159.99, 149.99, 129.99, 24_000.0, 239.99] },
    Spec { id: "55555555-0004-4a10-9b21-000000000004", category: "STANDARD", code: "EDU_BACK_TO_SCHOOL_15",
        name: "Back to school: 15% off", starts: -20, ends: 70, lock_ends: None, segments: &["EDU"], products: &[],
        kind: "PERCENTAGE_DISCOUNT", percent: 15.0, amounts: [0.0; 5] },
    Spec { id: "55555555-0005-4a10-9b21-000000000005", category: "STANDARD", code: "SPRING_ALL_APPS_15",
        name: "Spring: 15% off Creative Cloud All Apps", starts: -120, ends: -30, lock_ends: Some(700),
        segments: &["COM"], products: &["65322651"], kind: "PERCENTAGE_DISCOUNT", percent: 15.0, amounts: [0.0; 5] },
    Spec { id: "55555555-0006-4a10-9b21-000000000006", category: "STANDARD", code: "SUMMER_SALE_20",
        name: "Summer sale: 20% off", starts: -400, ends: -300, lock_ends: None, segments: &["COM"], products: &[],
        kind: "PERCENTAGE_DISCOUNT", percent: 20.0, amounts: [0.0; 5] },
    Spec { id: "55555555-0007-4a10-9b21-000000000007", category: "STANDARD", code: "NEW_YEAR_20",
        name: "New year: 20% off every product", starts: 31, ends: 90, lock_ends: None, segments: &["COM", "GOV"],
        products: &[], kind: "PERCENTAGE_DISCOUNT", percent: 20.0, amounts: [0.0; 5] },
];

/// The currency a country's customers pay in.
pub(super) fn currency_of(country: &str) -> &'static str {
    match country {
        "AT" | "BE" | "DE" | "ES" | "FI" | "FR" | "IE" | "IT" | "NL" | "PT" => "EUR",
        "GB" => "GBP",
        "JP" => "JPY",
        "AU" => "AUD",
        _ => "USD",
    }
}

fn at(now: Millis, days: i64) -> Millis {
    (now as i64).saturating_add(days.saturating_mul(DAY)).max(0) as Millis
}

impl Spec {
    fn status(&self, now: Millis) -> &'static str {
        match self.lock_ends {
            _ if at(now, self.ends) >= now => "ACTIVE",
            Some(lock) if at(now, lock) >= now => "REUSABLE",
            _ => "EXPIRED",
        }
    }

    /// The discount as the API shows it, with the value of `country`'s currency.
    fn shown(&self, now: Millis, country: &str) -> FlexDiscount {
        let currency = currency_of(country);
        let values = if self.kind == "PERCENTAGE_DISCOUNT" {
            vec![DiscountValue { value: Number::from_f64(self.percent), ..Default::default() }]
        } else {
            let k = CURRENCIES.iter().position(|c| *c == currency).unwrap_or(0);
            vec![DiscountValue {
                country: country.into(),
                currency: currency.into(),
                value: self.amounts.get(k).copied().and_then(Number::from_f64),
            }]
        };
        FlexDiscount {
            id: self.id.into(),
            category: self.category.into(),
            code: self.code.into(),
            name: self.name.into(),
            description: self.name.into(),
            start_date: time::datetime(at(now, self.starts)),
            end_date: time::datetime(at(now, self.ends)),
            status: self.status(now).into(),
            discount_lock_end_date: self.lock_ends.map(|d| time::datetime(at(now, d))).unwrap_or_default(),
            qualification: Qualification {
                base_offer_ids: self.products.iter().map(|p| format!("{p}CA01A12")).collect(),
            },
            outcomes: vec![Outcome { kind: self.kind.into(), discount_values: values }],
        }
    }

    fn for_product(&self, offer_id: &str) -> bool {
        self.products.is_empty() || self.products.iter().any(|p| offer_id.starts_with(p))
    }

    /// The unit price after this discount, for a unit price of `unit` in `currency`.
    fn price(&self, unit: f64, currency: &str) -> f64 {
        let amount = || {
            let k = CURRENCIES.iter().position(|c| *c == currency).unwrap_or(0);
            self.amounts.get(k).copied().unwrap_or(0.0)
        };
        match self.kind {
            "PERCENTAGE_DISCOUNT" => unit * (1.0 - self.percent / 100.0),
            "FIXED_DISCOUNT" => unit - amount(),
            _ => amount().min(unit),
        }
    }
}

fn bad(param: &str) -> ApiError {
    ApiError::with_details("1117", vec![param.to_string()])
}

/// Reads `limit` and `offset`.
fn paging(query: &[(String, String)]) -> Result<(usize, usize), ApiError> {
    let (mut limit, mut offset) = (FLEX_DISCOUNTS_DEFAULT_LIMIT as usize, 0);
    for (k, v) in query {
        match k.as_str() {
            "limit" => limit = v.parse::<usize>().ok().filter(|l| *l >= 1).ok_or_else(|| bad(k))?,
            "offset" => offset = v.parse().map_err(|_| bad(k))?,
            _ => {}
        }
    }
    Ok((limit.min(FLEX_DISCOUNTS_MAX_LIMIT as usize), offset))
}

fn page(all: Vec<FlexDiscount>, limit: usize, offset: usize) -> FlexDiscountPage {
    let total = all.len();
    let items: Vec<FlexDiscount> = all.into_iter().skip(offset).take(limit).collect();
    FlexDiscountPage {
        limit: limit as u64,
        offset: offset as u64,
        count: items.len() as u64,
        total_count: total as u64,
        flex_discounts: items,
        ..Default::default()
    }
}

/// `GET /v3/flex-discounts`.
pub async fn list(
    State(twin): State<Twin>,
    query: Result<Query<Vec<(String, String)>>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<FlexDiscountPage>, ApiError> {
    let Query(query) = query.map_err(|_| bad("query"))?;
    let get = |k: &str| query.iter().find(|(key, _)| key == k).map(|(_, v)| v.trim().to_string());
    let segment = get("market-segment").filter(|s| ["COM", "EDU", "GOV"].contains(&s.as_str()));
    let segment = segment.ok_or_else(|| bad("market-segment"))?;
    let country = get("country").filter(|c| (2..=3).contains(&c.len()) && c.bytes().all(|b| b.is_ascii_uppercase()));
    let country = country.ok_or_else(|| bad("country"))?;
    let categories: Vec<String> =
        get("categories").map_or_else(Vec::new, |c| c.split(',').map(str::to_string).collect());
    if let Some(c) = categories.iter().find(|c| !FLEX_DISCOUNT_CATEGORIES.contains(&c.as_str())) {
        return Err(bad(&format!("categories: {c}")));
    }
    const OPTIONAL: &[&str] = &[
        "categories",
        "offer-ids",
        "flex-discount-code",
        "include-eligible-reusable-discounts",
        "start-date",
        "end-date",
    ];
    let by_id = get("flex-discount-id");
    if by_id.is_some() && OPTIONAL.iter().any(|k| get(k).is_some()) {
        return Err(bad("flex-discount-id"));
    }
    let date = |k: &str| -> Result<Option<Millis>, ApiError> {
        match get(k) {
            None => Ok(None),
            Some(d) => {
                time::parse(&d).or_else(|| time::parse(&format!("{d}T00:00:00Z"))).map(Some).ok_or_else(|| bad(k))
            }
        }
    };
    let (from, to) = (date("start-date")?, date("end-date")?);
    let offers: Vec<String> =
        get("offer-ids").map_or_else(Vec::new, |o| o.split(',').map(|s| s.trim().to_string()).collect());
    let code = get("flex-discount-code");
    let reusable = get("include-eligible-reusable-discounts").as_deref() == Some("true");
    let (limit, offset) = paging(&query)?;
    let now = twin.read(|_, now| now);
    let all: Vec<FlexDiscount> = SPECS
        .iter()
        .filter(|s| s.segments.contains(&segment.as_str()))
        .filter(|s| by_id.as_deref().is_none_or(|id| s.id == id))
        .filter(|s| categories.is_empty() || categories.iter().any(|c| c == s.category))
        .filter(|s| offers.is_empty() || offers.iter().any(|o| s.for_product(o)))
        .filter(|s| code.as_deref().is_none_or(|c| s.code == c))
        .filter(|s| from.is_none_or(|f| at(now, s.ends) >= f) && to.is_none_or(|t| at(now, s.starts) <= t))
        .filter(|s| match s.status(now) {
            "ACTIVE" => true,
            "REUSABLE" => reusable || from.is_some() || to.is_some(),
            _ => from.is_some() || to.is_some(),
        })
        .map(|s| s.shown(now, &country))
        .collect();
    Ok(Json(page(all, limit, offset)))
}

/// The codes the customer used on lines of its orders.
fn used_codes<'a>(world: &'a World, customer_id: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    world
        .orders
        .values()
        .filter(move |o| o.customer_id == customer_id)
        .flat_map(|o| o.line_items.iter().flat_map(|l| l.flex_discounts.iter().map(|d| d.code.as_str())))
}

fn country_of(c: &Customer) -> &str {
    c.company_profile.address.country.as_str()
}

/// `GET /v3/customers/{id}/flex-discounts`: only `limit` and `offset`.
pub async fn of_customer(
    State(twin): State<Twin>,
    Path(customer_id): Path<String>,
    query: Result<Query<Vec<(String, String)>>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<FlexDiscountPage>, ApiError> {
    let Query(query) = query.map_err(|_| bad("query"))?;
    let (limit, offset) = paging(&query)?;
    let all = twin.read(|w, now| {
        let c = customer(w, &customer_id)?;
        let segment = offers::customer_segment(c);
        let used: Vec<&str> = used_codes(w, &customer_id).collect();
        Ok::<_, ApiError>(
            SPECS
                .iter()
                // "Reusable flexible discounts used by the customer and that are in the ACTIVE or
                // REUSABLE state": those with a lock end date, that the customer has used.
                .filter(|s| s.segments.contains(&segment) && s.lock_ends.is_some() && used.contains(&s.code))
                .filter(|s| matches!(s.status(now), "ACTIVE" | "REUSABLE"))
                .map(|s| s.shown(now, country_of(c)))
                .collect::<Vec<_>>(),
        )
    })?;
    Ok(Json(page(all, limit, offset)))
}

/// Checks the codes of `lines` for `customer` at `now` and marks the answered `priced` lines
/// with them. Returns, per line, the unit price after its discount (`None`: no discount).
pub fn apply(
    world: &World,
    customer: &Customer,
    now: Millis,
    lines: &[LineItemRequest],
    priced: &mut [LineItem],
) -> Result<Vec<Option<&'static str>>, ApiError> {
    let several: Vec<String> =
        lines.iter().filter(|l| l.flex_discount_codes.len() > 1).map(|l| line_detail(l, None)).collect();
    if !several.is_empty() {
        return Err(ApiError::with_details("2147", several));
    }
    let unknown: Vec<String> = lines
        .iter()
        .filter(|l| l.flex_discount_codes.iter().any(|c| !SPECS.iter().any(|s| s.code == c)))
        .map(|l| line_detail(l, Some("NOT_FOUND")))
        .collect();
    if !unknown.is_empty() {
        return Err(ApiError::with_details("2146", unknown));
    }
    // "Flexible discount codes cannot be applied to non-base products" (2145): an add-on's line
    // takes none, though a discount for every product would otherwise match it.
    let add_ons: Vec<String> = lines
        .iter()
        .filter(|l| !l.flex_discount_codes.is_empty() && offers::is_add_on(&l.offer_id))
        .map(|l| line_detail(l, None))
        .collect();
    if !add_ons.is_empty() {
        return Err(ApiError::with_details("2145", add_ons));
    }
    let eligible = Eligibility::of(world, customer, now);
    let mut refused = Vec::new();
    let mut codes = Vec::new();
    for (line, answered) in lines.iter().zip(priced.iter_mut()) {
        let Some(spec) = line.flex_discount_codes.first().and_then(|c| SPECS.iter().find(|s| s.code == c)) else {
            codes.push(None);
            continue;
        };
        if !eligible.allows(spec, &answered.offer_id) {
            refused.push(line_detail(line, Some("Invalid Flexible Discount")));
            continue;
        }
        answered.flex_discounts =
            vec![FlexDiscountResult { id: spec.id.into(), code: spec.code.into(), result: "SUCCESS".into() }];
        codes.push(Some(spec.code));
    }
    if !refused.is_empty() {
        return Err(ApiError::with_details("2141", refused));
    }
    Ok(codes)
}

/// What decides whether a customer may use a discount now: its segment, the codes it used
/// before (a reusable discount), the products it holds (an intro discount is for a product it
/// does not have).
struct Eligibility<'a> {
    world: &'a World,
    customer_id: &'a str,
    segment: &'a str,
    used: Vec<&'a str>,
    now: Millis,
}

impl<'a> Eligibility<'a> {
    fn of(world: &'a World, customer: &'a Customer, now: Millis) -> Eligibility<'a> {
        Eligibility {
            world,
            customer_id: &customer.customer_id,
            segment: offers::customer_segment(customer),
            used: used_codes(world, &customer.customer_id).collect(),
            now,
        }
    }

    /// Whether the customer may have `spec` on a line of `offer_id`.
    fn allows(&self, spec: &Spec, offer_id: &str) -> bool {
        let usable = match spec.status(self.now) {
            "ACTIVE" => at(self.now, spec.starts) <= self.now,
            "REUSABLE" => self.used.contains(&spec.code),
            _ => false,
        };
        // An introductory offer is for "products that are new to their subscription": not one
        // the customer holds or held (one only scheduled for its renewal has had no licenses
        // yet), unless it used this reusable discount before, which carries on "for renewals
        // and seat additions until a configured discount lock end date".
        let product = offers::product_of(offer_id).unwrap_or_default();
        let held = || {
            subscriptions_of(self.world, self.customer_id)
                .any(|s| s.offer_id.starts_with(product) && s.status != Status::Scheduled)
        };
        let reused = spec.lock_ends.is_some() && self.used.contains(&spec.code);
        usable
            && spec.segments.contains(&self.segment)
            && spec.for_product(offer_id)
            && !offers::is_add_on(offer_id)
            && !(spec.category == "INTRO" && !reused && held())
    }
}

/// The reusable discount an order that made or grew `subscription_id` used, while it may be
/// reused: "when a reusable flexible discount has already been used by a customer in an order
/// contributing to a subscription, the discount is automatically applied when the subscription
/// auto-renews". The latest such order's, lines returned left out.
fn reused(world: &World, customer_id: &str, subscription_id: &str, now: Millis) -> Option<&'static str> {
    let contributing = world.orders.values().filter(|o| {
        o.customer_id == customer_id && o.status == Status::Active && o.order_type != Some(OrderType::Return)
    });
    let codes = contributing
        .flat_map(|o| o.line_items.iter())
        .filter(|l| l.subscription_id == subscription_id && l.status == Status::Active && !l.flex_discounts.is_empty());
    let spec = |code: &str| SPECS.iter().find(|s| s.code == code && s.lock_ends.is_some());
    let mut usable = codes.flat_map(|l| l.flex_discounts.iter()).filter_map(|d| spec(&d.code));
    usable.rfind(|s| matches!(s.status(now), "ACTIVE" | "REUSABLE")).map(|s| s.code)
}

/// Marks each line of an auto-renewal's preview with the flexible discount its subscription
/// carries into the renewal — the one set on it (Update Subscription's "takes priority"), else a
/// reusable one an order of it used ([`reused`]) — SUCCESS when the customer may have it on
/// that line's offer now and FAILURE otherwise (an unknown code too): "PreviewRenewal for
/// AutoRenewal will show FAILURE for that flexible discount on the affected line item", and is
/// not refused for it. Returns, per line, the code that prices it (a SUCCESS), as [`apply`]
/// does.
pub fn judge_renewal(
    world: &World,
    customer: &Customer,
    now: Millis,
    lines: &mut [LineItem],
) -> Vec<Option<&'static str>> {
    let eligible = Eligibility::of(world, customer, now);
    lines
        .iter_mut()
        .map(|line| {
            let sub = world.subscriptions.get(&line.subscription_id);
            let set = sub.and_then(|s| s.auto_renewal.flex_discount_codes.first()).map(String::as_str);
            let code = set.or_else(|| reused(world, &customer.customer_id, &line.subscription_id, now))?;
            let spec = SPECS.iter().find(|s| s.code == code);
            let ok = spec.filter(|spec| eligible.allows(spec, &line.offer_id));
            line.flex_discounts = vec![FlexDiscountResult {
                id: spec.map(|s| s.id).unwrap_or_default().into(),
                code: code.to_string(),
                result: if ok.is_some() { "SUCCESS" } else { "FAILURE" }.into(),
            }];
            ok.map(|spec| spec.code)
        })
        .collect()
}

/// The unit price of a line after the discount `code` (as [`apply`] returned it).
pub fn discounted(code: Option<&str>, unit: f64, currency: &str) -> f64 {
    match code.and_then(|c| SPECS.iter().find(|s| s.code == c)) {
        Some(spec) => spec.price(unit, currency),
        None => unit,
    }
}
