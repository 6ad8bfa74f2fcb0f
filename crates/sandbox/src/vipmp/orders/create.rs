//! `POST /v3/customers/{id}/orders`: NEW and PREVIEW (best offer ids for the customer's level),
//! PREVIEW_RENEWAL (what auto-renewal would order); RETURN is in [`super::returns`], the
//! switches and their reverts in [`super::switches`].
//!
//! A NEW order may name any discount level of a product up to the customer's: it is placed at
//! the level PREVIEW would return; a better level is 2129 (see [`too_good`]).
//!
//! Every order type answers 201: the current Create Order page lists only "201 Order created"
//! (the 2024 seed's "202 Order accepted" is older, and the newer page wins), and names no other
//! status for the previews.

use super::offers::{self, OfferId};
use super::{customer, held, line_detail, self_links, subscriptions_of};
use super::{discounts, high_growth, hvd, pricing, recommendations, renewals, switches};
use crate::twin::error::parse;
use crate::twin::time;
use crate::twin::world::{Change, Millis, World};
use crate::twin::{ApiError, Twin};
use axum::body::Bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use partner_model::rules::order_requests::{check_order, switch_problem, BOTH_CURRENCIES, MIXED_CURRENCIES};
use partner_model::rules::validators::Invalid;
use partner_model::rules::FieldError;
use partner_model::types::{Customer, LineItem, LineItemRequest, Order, OrderRequest, OrderType, Status, Subscription};
use std::collections::BTreeMap;

/// Creates (or previews) an order.
pub async fn create(
    State(twin): State<Twin>,
    Path(customer_id): Path<String>,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let Query(query) = query.map_err(|_| ApiError::bad_parameter("query"))?;
    let param = |name: &str| query.iter().find(|(k, _)| k == name).map_or("", |(_, v)| v.as_str());
    let asks = |flag: &str| query.iter().any(|(k, v)| k == flag && v == "true");
    let (fetch_price, fetch_recommendations) = (asks("fetch-price"), asks("fetch-recommendations"));
    // Where the recommendations are asked for; a refusal is the block's, not the preview's.
    let locale = recommendations::check_locale(param("recommendation-country"), param("recommendation-language"));
    let recommend_here = |order: &mut Order, customer: &Customer| {
        let cart: Vec<String> = order.line_items.iter().map(|l| l.offer_id.clone()).collect();
        order.recommendations = Some(recommendations::asked_for(customer, &cart, &locale));
    };
    twin.read(|w, _| customer(w, &customer_id).map(|_| ()))?;
    let request: OrderRequest = parse(&body)?;
    if let Some((code, _)) = request.switch().and_then(switch_problem) {
        return Err(ApiError::code(code));
    }
    check(&request)?;
    let kind = request.order_type();
    match request {
        OrderRequest::PreviewSwitch(o) | OrderRequest::PreviewRevertSwitch(o) => {
            let order = twin.read(|w, now| {
                let c = customer(w, &customer_id)?;
                let mut order = switches::switch_order(w, c, now, kind, &o, asks("reassign-users"))?;
                if fetch_price {
                    switches::price(&mut order, c, now);
                }
                Ok::<_, ApiError>(order)
            })?;
            Ok((StatusCode::CREATED, Json(order)).into_response())
        }
        OrderRequest::Switch(o) | OrderRequest::RevertSwitch(o) => {
            let order = twin.change(|w, now| {
                let c = customer(w, &customer_id)?.clone();
                let moving_users = asks("reassign-users");
                let mut order = switches::switch_order(w, &c, now, kind, &o, moving_users)?;
                switches::price(&mut order, &c, now);
                let due = twin.pending_until(now);
                let completes = if moving_users { Change::CompleteOrderMovingUsers } else { Change::CompleteOrder };
                Ok::<_, ApiError>(record(w, now, due, order, completes))
            })?;
            Ok((StatusCode::CREATED, Json(order)).into_response())
        }
        OrderRequest::New { external_reference_id, currency_code, line_items } => {
            let order = twin.change(|w, now| {
                let order = place_new(
                    w,
                    now,
                    twin.pending_until(now),
                    &customer_id,
                    external_reference_id,
                    currency_code,
                    &line_items,
                )?;
                recommendations::count_tracked(w, &customer_id, &headers);
                super::leads::consume(w, &order, false, now);
                Ok::<_, ApiError>(order)
            })?;
            Ok((StatusCode::CREATED, Json(order)).into_response())
        }
        OrderRequest::Preview { external_reference_id, currency_code, line_items } => {
            let (order, now) = twin.read(|w, now| {
                let c = customer(w, &customer_id)?;
                let currency = currency(&currency_code, &line_items);
                let mut lines = price_lines(w, c, &line_items, &currency, false)?;
                let codes = discounts::apply(w, c, now, &line_items, &mut lines)?;
                hvd::mark(&mut lines, &line_items, hvd::code(c));
                let mut order = preview(c, now, OrderType::Preview, external_reference_id, currency, lines);
                if fetch_price {
                    price_with(&mut order, pricing::prorated_days(c, now), &codes);
                }
                if fetch_recommendations {
                    recommend_here(&mut order, c);
                }
                Ok::<_, ApiError>((order, now))
            })?;
            Ok(recommendations::answer((StatusCode::CREATED, Json(order)), fetch_recommendations, &customer_id, now))
        }
        OrderRequest::Return { external_reference_id, reference_order_id, currency_code, line_items } => {
            let order = twin.change(|w, now| {
                let due = twin.pending_until(now);
                super::returns::place_return(
                    w,
                    now,
                    due,
                    &customer_id,
                    external_reference_id,
                    reference_order_id,
                    currency_code,
                    &line_items,
                )
            })?;
            Ok((StatusCode::CREATED, Json(order)).into_response())
        }
        OrderRequest::RenewalPreview { external_reference_id, currency_code, line_items } => {
            let (order, now) = twin.read(|w, now| {
                let c = customer(w, &customer_id)?;
                let currency = renewal_currency(w, &currency_code, &line_items);
                let mut lines = renewals::price_renewal(w, c, now, &line_items, &currency)?;
                let codes = discounts::apply(w, c, now, &line_items, &mut lines)?;
                hvd::mark(&mut lines, &line_items, hvd::renewal_code(c, renewals::renewal_date(w, c, now)).as_deref());
                let mut order = preview(c, now, OrderType::PreviewRenewal, external_reference_id, currency, lines);
                if fetch_price {
                    price_with(&mut order, pricing::TERM_DAYS, &codes);
                }
                if fetch_recommendations {
                    recommend_here(&mut order, c);
                }
                Ok::<_, ApiError>((order, now))
            })?;
            Ok(recommendations::answer((StatusCode::CREATED, Json(order)), fetch_recommendations, &customer_id, now))
        }
        OrderRequest::Renewal { external_reference_id, currency_code, line_items } => {
            let order = twin.change(|w, now| {
                let c = customer(w, &customer_id)?.clone();
                // "Subsequent renewal orders are allowed only after the previous order is fully
                // processed."
                if renewals::open_renewals(w, &customer_id).next().is_some() {
                    return Err(ApiError::code("4122"));
                }
                let currency = renewal_currency(w, &currency_code, &line_items);
                let mut lines = renewals::price_renewal(w, &c, now, &line_items, &currency)?;
                let renewal_code = hvd::renewal_code(&c, renewals::renewal_date(w, &c, now));
                hvd::check(&line_items, renewal_code.as_deref())?;
                let codes = discounts::apply(w, &c, now, &line_items, &mut lines)?;
                hvd::mark(&mut lines, &line_items, renewal_code.as_deref());
                let mut order = unplaced(&customer_id, OrderType::Renewal, external_reference_id, currency, lines);
                price_with(&mut order, pricing::TERM_DAYS, &codes);
                let order = record(w, now, twin.pending_until(now), order, Change::CompleteOrder);
                super::leads::consume(w, &order, true, now);
                Ok::<_, ApiError>(order)
            })?;
            Ok((StatusCode::CREATED, Json(order)).into_response())
        }
        OrderRequest::PreviewRenewal => {
            let (mut order, c, codes, now) = twin.read(|w, now| {
                let c = customer(w, &customer_id)?;
                let mut order = preview_renewal(w, now, &customer_id, |_| true)?;
                let codes = super::discounts::judge_renewal(w, c, now, &mut order.line_items);
                Ok::<_, ApiError>((order, c.clone(), codes, now))
            })?;
            if fetch_price {
                price_with(&mut order, pricing::TERM_DAYS, &codes);
            }
            if fetch_recommendations {
                recommend_here(&mut order, &c);
            }
            Ok(recommendations::answer((StatusCode::CREATED, Json(order)), fetch_recommendations, &customer_id, now))
        }
    }
}

/// The whole-request rules, each kind of problem with its documented code: 2126 a long
/// external reference, 2119 too many lines, 2121 duplicate line numbers, 2123 a line number out
/// of range, 2120 a quantity out of range. Problems of several kinds, or of no documented kind
/// (no line at all, a missing offer id), are 1117 with every path, as 1118 is for addresses.
fn check(request: &OrderRequest) -> Result<(), ApiError> {
    let errors = check_order(request);
    let code_of = |e: &FieldError| -> &'static str {
        if e.path == "externalReferenceId" {
            "2126"
        } else if e.path == "currencyCode" && matches!(&e.problem, Invalid::Explained(t) if t == BOTH_CURRENCIES) {
            "2140"
        } else if matches!(&e.problem, Invalid::Explained(t) if t == MIXED_CURRENCIES) {
            "2137"
        } else if e.path.ends_with("currencyCode") && e.problem == Invalid::Missing {
            "1122"
        } else if e.path == "lineItems" && request.line_count() > 0 {
            "2119"
        } else if e.path.ends_with(".extLineItemNumber") {
            if matches!(e.problem, Invalid::OutOfRange { .. }) {
                "2123"
            } else {
                "2121"
            }
        } else if e.path.ends_with(".quantity") {
            "2120"
        } else {
            "1117"
        }
    };
    let Some(first) = errors.first() else { return Ok(()) };
    let code = code_of(first);
    let code = if errors.iter().all(|e| code_of(e) == code) { code } else { "1117" };
    Err(ApiError::with_details(code, errors.into_iter().map(|e| e.path).collect()))
}

/// The order's currency: the order-level `currencyCode`, else the lines' (the checks made sure
/// there is one, at one level).
pub(super) fn currency(code: &str, lines: &[LineItemRequest]) -> String {
    if code.is_empty() {
        lines.first().map(|l| l.currency_code.clone()).unwrap_or_default()
    } else {
        code.to_string()
    }
}

/// The lines of a NEW or PREVIEW order at the best offer ids the customer is eligible for.
/// `exact`: a NEW order must already name those ids.
pub(super) fn price_lines(
    world: &World,
    customer: &Customer,
    lines: &[LineItemRequest],
    currency: &str,
    exact: bool,
) -> Result<Vec<LineItem>, ApiError> {
    let parsed: Vec<Option<(OfferId, &'static offers::Offer)>> =
        lines.iter().map(|l| OfferId::parse(&l.offer_id).and_then(|id| id.offer().map(|o| (id, o)))).collect();
    let too_many: Vec<String> = lines
        .iter()
        .zip(&parsed)
        .enumerate()
        .filter(|(_, (l, p))| matches!(p, Some((_, o)) if offers::over_team_limit(o, l.quantity)))
        .map(|(i, _)| format!("lineItems[{i}].quantity"))
        .collect();
    if !too_many.is_empty() {
        return Err(ApiError::with_details("2120", too_many));
    }
    let unknown: Vec<String> = parsed
        .iter()
        .enumerate()
        .filter(|(_, p)| p.as_ref().is_none_or(|(id, _)| high_growth::misplaced(id) || !offers::is_level(&id.level)))
        .map(|(i, _)| format!("lineItems[{i}].offerId"))
        .collect();
    if !unknown.is_empty() {
        return Err(ApiError::with_details("2122", unknown));
    }
    let segment = offers::customer_segment(customer);
    let reseller_segments: Vec<&str> = world
        .resellers
        .get(&customer.reseller_id)
        .map(|r| r.company_profile.market_segments.iter().map(|s| s.as_str()).collect())
        .unwrap_or_default();
    let mut ineligible = Vec::new();
    let mut totals: BTreeMap<&str, u64> = BTreeMap::new();
    for (line, (id, offer)) in lines.iter().zip(parsed.iter().flatten()) {
        let sold = id.segment_code() == Some(segment) && offer.segments.contains(&segment);
        if !sold || !(reseller_segments.is_empty() || reseller_segments.contains(&segment)) {
            ineligible.push(line_detail(line, Some("INELIGIBLE_MARKET_SEGMENT")));
        }
        *totals.entry(offer.offer_type).or_default() += line.quantity;
    }
    if !ineligible.is_empty() {
        return Err(ApiError::with_details("2129", ineligible));
    }
    // An add-on goes with one of its base products, held this term or in this order.
    let ordered: Vec<&str> = parsed.iter().flatten().map(|(id, _)| id.product.as_str()).collect();
    let lonely: Vec<String> = lines
        .iter()
        .zip(parsed.iter().flatten())
        .filter(|(_, (id, _))| {
            offers::lacks_base(&id.product, |b| {
                ordered.contains(&b) || super::holds_licenses(world, &customer.customer_id, b)
            })
        })
        .map(|(line, _)| line_detail(line, Some("INELIGIBLE_ADD_ON")))
        .collect();
    if !lonely.is_empty() {
        return Err(ApiError::with_details("2129", lonely));
    }
    deployments(world, customer, lines)?;
    // "Customers who wish to become LGA in the last 30 days will not be permitted to place
    // orders for Team offers or consumables" (1169, "This offer is not allowed for Large
    // Government Agency").
    if customer.lga_pending() {
        let not_lga: Vec<String> = lines
            .iter()
            .zip(parsed.iter().flatten())
            .filter(|(_, (_, o))| offers::not_for_lga(o))
            .map(|(line, _)| line_detail(line, None))
            .collect();
        if !not_lga.is_empty() {
            return Err(ApiError::with_details("1169", not_lga));
        }
    }
    let levels: BTreeMap<&str, String> = totals
        .iter()
        .map(|(t, q)| {
            (*t, offers::eligible_level(customer, t, held(world, &customer.customer_id, t).saturating_add(*q), true))
        })
        .collect();
    let mut wrong_level = Vec::new();
    let mut below_moq = Vec::new();
    let mut priced = Vec::new();
    for (i, (line, (id, offer))) in lines.iter().zip(parsed.iter().flatten()).enumerate() {
        let level = levels.get(offer.offer_type).cloned().unwrap_or_default();
        // A High Growth offer is bought at its own level, by a customer it is for.
        let growth = high_growth::is_high_growth_id(id);
        let best = if growth { line.offer_id.trim().to_string() } else { id.at_level(&level) };
        let refusal = match growth {
            true => high_growth::may_buy(world, customer, id, line.quantity).err(),
            false => None,
        };
        match refusal {
            Some(true) => below_moq.push(format!("lineItems[{i}].quantity")),
            Some(false) => wrong_level.push(line_detail(line, Some("Not eligible for High Growth offer"))),
            None if growth => {}
            None => {
                if let Some(reason) = exact.then(|| too_good(&id.level, &level, customer.lga_in_force())).flatten() {
                    wrong_level.push(line_detail(line, Some(&reason)));
                }
            }
        }
        priced.push(LineItem {
            ext_line_item_number: line.ext_line_item_number,
            offer_id: best,
            quantity: line.quantity,
            currency_code: currency.to_string(),
            deployment_id: line.deployment_id.trim().to_string(),
            ..LineItem::default()
        });
    }
    if !wrong_level.is_empty() {
        return Err(ApiError::with_details("2129", wrong_level));
    }
    if !below_moq.is_empty() {
        return Err(ApiError::with_details("2120", below_moq));
    }
    Ok(priced)
}

/// The lines' deployments: only a global customer names one (1140), and only one of its own
/// active deployments (2138 naming each line that does not).
fn deployments(world: &World, customer: &Customer, lines: &[LineItemRequest]) -> Result<(), ApiError> {
    let naming: Vec<&LineItemRequest> = lines.iter().filter(|l| !l.deployment_id.trim().is_empty()).collect();
    if naming.is_empty() {
        return Ok(());
    }
    if customer.global_sales_enabled != Some(true) {
        return Err(ApiError::code("1140"));
    }
    let active = |id: &str| {
        world
            .deployments
            .get(id)
            .is_some_and(|d| d.customer_id == customer.customer_id && d.deployment.status == Status::Active)
    };
    let invalid: Vec<String> =
        naming.into_iter().filter(|l| !active(l.deployment_id.trim())).map(|l| line_detail(l, None)).collect();
    if invalid.is_empty() {
        Ok(())
    } else {
        Err(ApiError::with_details("2138", invalid))
    }
}

/// Why a NEW order may not name discount level `asked` when the customer is eligible for
/// `eligible`: only a better level is refused ("Input Offer ID can be any level representing the
/// same product"; a lower one is placed at the customer's level, as PREVIEW shows). An LGA level
/// (06–09) for a customer that is not LGA has the documented reason "Not an LGA Customer". No
/// reason is documented for another level above the customer's (the REASON_CODE list's
/// `CUSTOMER_NOT_ELIGIBLE_FOR_PURCHASE` means buying an offer twice in a term), so the twin's
/// own words say which level is the customer's.
fn too_good(asked: &str, eligible: &str, lga: bool) -> Option<String> {
    if asked == eligible {
        return None;
    }
    if ["06", "07", "08", "09"].contains(&asked) && !lga {
        return Some("Not an LGA Customer".into());
    }
    let lga_level = |l: &str| ["06", "07", "08", "09"].contains(&l);
    match (offers::tier_of_level(asked), offers::tier_of_level(eligible)) {
        (Some((a, _)), Some((e, _))) if a <= e => None,
        // A volume level for a customer with a level of its own (LGA, high volume) is lower.
        (Some(_), None) => None,
        // LGA levels rise from 06 to 09.
        (None, None) if lga_level(asked) && lga_level(eligible) && asked < eligible => None,
        _ => Some(format!("Offer level {asked} is not the customer's discount level {eligible}")),
    }
}

/// A preview answer: no order id, status or links.
fn preview(
    customer: &Customer,
    now: Millis,
    kind: OrderType,
    external: String,
    currency: String,
    lines: Vec<LineItem>,
) -> Order {
    Order {
        external_reference_id: external,
        customer_id: customer.customer_id.clone(),
        order_type: Some(kind),
        currency_code: currency,
        line_items: lines,
        creation_date: time::datetime(now),
        ..Order::default()
    }
}

/// Places a NEW order: open (1002) now, complete when `due`.
fn place_new(
    world: &mut World,
    now: Millis,
    due: Millis,
    customer_id: &str,
    external: String,
    currency_code: String,
    lines: &[LineItemRequest],
) -> Result<Order, ApiError> {
    let c = customer(world, customer_id)?;
    let currency = currency(&currency_code, lines);
    let requested = lines;
    let mut lines = price_lines(world, c, lines, &currency, true)?;
    hvd::check(requested, hvd::code(c))?;
    let codes = discounts::apply(world, c, now, requested, &mut lines)?;
    hvd::mark(&mut lines, requested, hvd::code(c));
    let days = pricing::prorated_days(c, now);
    let mut order = unplaced(customer_id, OrderType::New, external, currency, lines);
    price_with(&mut order, days, &codes);
    Ok(record(world, now, due, order, Change::CompleteOrder))
}

/// Prices a preview, or a placed order as its preview would be: `days` invoiced, each line's
/// flexible discount (`codes`, by line) taken off.
fn price_with(order: &mut Order, days: u64, codes: &[Option<&'static str>]) {
    let currency = order.currency_code.clone();
    pricing::price(order, days, |i, unit| discounts::discounted(codes.get(i).copied().flatten(), unit, &currency));
}

/// The currency of a manual renewal: as asked, else the renewed subscriptions'.
fn renewal_currency(world: &World, code: &str, lines: &[LineItemRequest]) -> String {
    let asked = currency(code, lines);
    if !asked.is_empty() {
        return asked;
    }
    lines
        .iter()
        .find_map(|l| world.subscriptions.get(&l.subscription_id).map(|s| s.currency_code.clone()))
        .filter(|c| !c.is_empty())
        .unwrap_or_else(|| "USD".into())
}

/// Records `order` as placed: open (1002) now, with an id, complete (`completes`) when `due`.
/// It is kept with its prices; the answer has none.
fn record(world: &mut World, now: Millis, due: Millis, mut order: Order, completes: fn(String) -> Change) -> Order {
    let order_id = world.next_id();
    order.order_id = order_id.clone();
    order.status = Status::Pending;
    order.creation_date = time::datetime(now);
    order.source = "API".into();
    order.links = self_links(format!("/v3/customers/{}/orders/{order_id}", order.customer_id));
    order.line_items.iter_mut().for_each(|l| l.status = Status::Pending);
    world.orders.insert(order_id.clone(), order.clone());
    world.schedule(due, completes(order_id));
    world.count_created("order");
    pricing::unpriced(&mut order);
    order
}

/// An order of `kind` with `lines`, before [`record`] gives it an id.
fn unplaced(customer_id: &str, kind: OrderType, external: String, currency: String, lines: Vec<LineItem>) -> Order {
    Order {
        external_reference_id: external,
        customer_id: customer_id.to_string(),
        order_type: Some(kind),
        currency_code: currency,
        line_items: lines,
        ..Order::default()
    }
}

/// What the renewal order would hold: every active (or scheduled) subscription with auto-renewal
/// on (of those `due`), at its renewal quantity, at the level the renewal gives. When nothing
/// would renew: 2164 ("All subscriptions are already renewed") when auto-renewal is on for some
/// licenses that early renewals have all renewed already, else 2136 (auto-renewal on for none).
fn preview_renewal(
    world: &World,
    now: Millis,
    customer_id: &str,
    due: impl Fn(&Subscription) -> bool,
) -> Result<Order, ApiError> {
    let c = customer(world, customer_id)?;
    // A High Growth offer renews "until the 3YC term ends": with a 3YC in force after the
    // renewal date (the active licenses' renewing), not in its final term.
    let renews_on = subscriptions_of(world, customer_id)
        .filter(|s| s.status == Status::Active && due(s) && renewals::is_license(s))
        .filter_map(|s| time::parse(&s.renewal_date))
        .min();
    let committed = offers::committed_minimum(c, "LICENSE", u64::MAX).is_some()
        && !renews_on.is_some_and(|d| partner_model::rules::renewals::final_commit_term(c, d));
    let mut wanted = false;
    // What early renewals renewed counts toward the level the renewal gives (auto-renewal on or
    // off), though it is not renewed again.
    let mut early: BTreeMap<&str, u64> = BTreeMap::new();
    for s in subscriptions_of(world, customer_id).filter(|s| matches!(s.status, Status::Active) && due(s)) {
        if let Some(o) = offers::offer_of(&s.offer_id) {
            let sum = early.entry(o.offer_type).or_default();
            *sum = sum.saturating_add(s.renewed_quantity.unwrap_or(0));
        }
    }
    let renewing: Vec<(String, String, u64, String)> = subscriptions_of(world, customer_id)
        // A product added to the renewal (scheduled) renews with the others.
        .filter(|s| matches!(s.status, Status::Active | Status::Scheduled) && s.auto_renewal.enabled && due(s))
        .map(|s| {
            let q = s.auto_renewal.renewal_quantity.or(s.current_quantity).unwrap_or(0);
            wanted |= q > 0;
            // One opted into a High Growth offer renews as that offer, at least its minimum.
            let (offer, q) =
                high_growth::renewal(s, q).filter(|_| q > 0 && committed).unwrap_or((s.offer_id.clone(), q));
            // What an early renewal already renewed is not renewed again.
            let q = q.saturating_sub(s.renewed_quantity.unwrap_or(0));
            (s.subscription_id.clone(), offer, q, s.currency_code.clone())
        })
        .filter(|(_, _, q, _)| *q > 0)
        .collect();
    if renewing.is_empty() {
        return Err(ApiError::code(if wanted { "2164" } else { "2136" }));
    }
    let mut totals = early;
    for (_, offer, q, _) in &renewing {
        if let Some(o) = offers::offer_of(offer) {
            let sum = totals.entry(o.offer_type).or_default();
            *sum = sum.saturating_add(*q);
        }
    }
    let mut lines = renewing
        .iter()
        .enumerate()
        .map(|(i, (sub, offer, q, cur))| {
            let id = OfferId::parse(offer);
            let best = match (&id, id.as_ref().and_then(OfferId::offer)) {
                _ if high_growth::is_high_growth(offer) => offer.clone(),
                (Some(id), Some(o)) => {
                    let total = totals.get(o.offer_type).copied().unwrap_or(*q);
                    id.at_level(&offers::eligible_level(c, o.offer_type, total, false))
                }
                _ => offer.clone(),
            };
            LineItem {
                ext_line_item_number: u32::try_from(i + 1).unwrap_or(u32::MAX),
                offer_id: best,
                quantity: *q,
                subscription_id: sub.clone(),
                currency_code: cur.clone(),
                ..LineItem::default()
            }
        })
        .collect::<Vec<LineItem>>();
    // The renewal is in the subscriptions' currency.
    let currency = lines.first().map(|l| l.currency_code.clone()).unwrap_or_default();
    hvd::mark(&mut lines, &[], hvd::renewal_code(c, renewals::renewal_date(world, c, now)).as_deref());
    let mut order = preview(c, now, OrderType::PreviewRenewal, String::new(), currency, lines);
    order.eligible_offers = high_growth::eligible(world, c);
    Ok(order)
}

/// The RENEWAL orders auto-renewal places for `customer_id` on its renewal date `at`, for the
/// subscriptions `due` then: the renewal preview's lines (their renewal discounts judged as the
/// preview does; only those that apply are kept on the order), one order per currency of at most
/// 499 lines, priced for a year, complete (1000), with ids. None when nothing renews ("If all
/// quantities were already renewed, auto-renewal … does not add new line items"). They are not
/// counted as orders created through the API.
pub(super) fn auto_renewal_orders(
    world: &mut World,
    at: Millis,
    customer_id: &str,
    due: impl Fn(&Subscription) -> bool,
) -> Vec<Order> {
    let Ok(c) = customer(world, customer_id) else { return Vec::new() };
    let Ok(preview) = preview_renewal(world, at, customer_id, due) else { return Vec::new() };
    let mut lines = preview.line_items;
    let codes = discounts::judge_renewal(world, c, at, &mut lines);
    let mut by_currency: BTreeMap<String, Vec<(LineItem, Option<&'static str>)>> = BTreeMap::new();
    for (mut line, code) in lines.into_iter().zip(codes) {
        line.flex_discounts.retain(|d| d.result == "SUCCESS");
        by_currency.entry(line.currency_code.clone()).or_default().push((line, code));
    }
    let mut orders = Vec::new();
    for (currency, lines) in by_currency {
        for chunk in lines.chunks(partner_model::rules::cross::MAX_LINES) {
            let (mut lines, codes): (Vec<LineItem>, Vec<Option<&'static str>>) = chunk.iter().cloned().unzip();
            for (i, line) in lines.iter_mut().enumerate() {
                line.ext_line_item_number = u32::try_from(i + 1).unwrap_or(u32::MAX);
                line.status = Status::Active;
            }
            let mut order = unplaced(customer_id, OrderType::Renewal, String::new(), currency.clone(), lines);
            order.creation_date = time::datetime(at);
            price_with(&mut order, pricing::TERM_DAYS, &codes);
            let order_id = world.next_id();
            order.order_id = order_id.clone();
            order.status = Status::Active;
            order.links = self_links(format!("/v3/customers/{customer_id}/orders/{order_id}"));
            world.orders.insert(order_id, order.clone());
            orders.push(order);
        }
    }
    orders
}

#[cfg(test)]
mod tests {
    use super::too_good;

    #[test]
    fn only_a_better_level_is_refused() {
        assert_eq!(too_good("02", "02", false), None);
        assert_eq!(too_good("01", "03", false), None, "a lower volume level");
        assert_eq!(
            too_good("04", "02", false).as_deref(),
            Some("Offer level 04 is not the customer's discount level 02")
        );
        assert_eq!(too_good("12", "02", false), None, "3YC tier 2 is no better than tier 2");
        assert_eq!(too_good("07", "02", false).as_deref(), Some("Not an LGA Customer"));
        assert_eq!(too_good("01", "07", true), None, "a volume level for an LGA customer");
        assert_eq!(too_good("06", "07", true), None, "a lower LGA level");
        assert_eq!(
            too_good("09", "07", true).as_deref(),
            Some("Offer level 09 is not the customer's discount level 07")
        );
    }
}
