//! The account lists: `GET /v3/resellers` and `GET /v3/resellers/{id}/customers`, with the
//! documented filters (status, company name with `*`; the created date range, which only the
//! customer list's page documents, the twin reads on both and the console sends for customers
//! only), sorting and pages.

use super::is_inactive;
use crate::twin::world::Millis;
use crate::twin::{time, ApiError, Twin};
use axum::extract::{Path, Query, State};
use axum::Json;
use partner_model::types::{AccountPage, Links, Status};
use serde_json::{json, Value};
use std::collections::HashMap;

/// A list request, parsed.
#[derive(Debug)]
struct ListQuery {
    status: String,
    name: Option<String>,
    from: Option<Millis>,
    to: Option<Millis>,
    by_name: bool,
    descending: bool,
    limit: u64,
    offset: u64,
}

fn parse(q: &HashMap<String, String>) -> Result<ListQuery, ApiError> {
    let get = |k: &str| q.get(k).map(|v| v.trim()).filter(|v| !v.is_empty());
    let status = get("status").unwrap_or("1000").to_string();
    if !["1000", "1002", "1004", "1026"].contains(&status.as_str()) {
        return Err(ApiError::bad_parameter("status"));
    }
    let number = |k: &str, default: u64| -> Result<u64, ApiError> {
        get(k).map_or(Ok(default), |v| v.parse::<u64>().map_err(|_| ApiError::bad_parameter(k)))
    };
    let limit = number("limit", 20)?;
    if !(1..=50).contains(&limit) {
        return Err(ApiError::bad_parameter("limit"));
    }
    let offset = number("offset", 0)?;
    let date = |k: &str, end_of_day: bool| -> Result<Option<Millis>, ApiError> {
        let Some(v) = get(k) else { return Ok(None) };
        let valid = partner_model::rules::validators::date_or_datetime(v).is_ok();
        let ms = time::parse(v).filter(|_| valid).ok_or_else(|| ApiError::bad_parameter(k))?;
        Ok(Some(if end_of_day && v.len() == 10 { ms + 86_399_999 } else { ms }))
    };
    let from = date("from-created-date", false)?;
    let to = date("to-created-date", true)?;
    let by_name = match get("sort-by").unwrap_or("creationDate") {
        "creationDate" => false,
        "companyName" => true,
        _ => return Err(ApiError::bad_parameter("sort-by")),
    };
    let descending = match get("order-by").map(str::to_ascii_lowercase).as_deref().unwrap_or("desc") {
        "desc" => true,
        "asc" => false,
        _ => return Err(ApiError::bad_parameter("order-by")),
    };
    Ok(ListQuery {
        status,
        name: get("company-name").map(str::to_lowercase),
        from,
        to,
        by_name,
        descending,
        limit,
        offset,
    })
}

/// Whether `text` matches `pattern`, where `*` stands for any run of characters.
fn wildcard(pattern: &str, text: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern == text;
    }
    let (first, last) = (parts.first().copied().unwrap_or(""), parts.last().copied().unwrap_or(""));
    if !text.starts_with(first) || text.len() < first.len() + last.len() || !text.ends_with(last) {
        return false;
    }
    let Some(mut rest) = text.get(first.len()..text.len() - last.len()) else { return false };
    for part in parts.iter().skip(1).take(parts.len().saturating_sub(2)) {
        match rest.find(part) {
            Some(i) => rest = rest.get(i + part.len()..).unwrap_or(""),
            None => return false,
        }
    }
    true
}

fn status_matches(filter: &str, status: &Status) -> bool {
    match filter {
        "1004" => is_inactive(status),
        other => status.as_str() == other,
    }
}

/// One account of a list: what the filters and sorting look at, and what is shown.
struct Entry {
    id: String,
    name: String,
    created: Millis,
    status: Status,
    shown: Value,
}

fn page(mut entries: Vec<Entry>, q: &ListQuery) -> Result<AccountPage<Value>, ApiError> {
    entries.retain(|e| {
        status_matches(&q.status, &e.status)
            && q.name.as_deref().is_none_or(|p| wildcard(p, &e.name.to_lowercase()))
            && q.from.is_none_or(|f| e.created >= f)
            && q.to.is_none_or(|t| e.created <= t)
    });
    entries.sort_by(|a, b| {
        let order =
            if q.by_name { a.name.to_lowercase().cmp(&b.name.to_lowercase()) } else { a.created.cmp(&b.created) };
        let order = order.then_with(|| a.id.cmp(&b.id));
        if q.descending {
            order.reverse()
        } else {
            order
        }
    });
    let total = entries.len() as u64;
    if q.offset > total {
        return Err(ApiError::with_details("1133", vec!["offset".into()]));
    }
    let accounts: Vec<Value> =
        entries.into_iter().skip(q.offset as usize).take(q.limit as usize).map(|e| e.shown).collect();
    Ok(AccountPage { total_count: total, count: accounts.len() as u64, offset: q.offset, limit: q.limit, accounts })
}

fn links(links: &Links) -> Value {
    serde_json::to_value(links).unwrap_or(Value::Null)
}

/// `GET /v3/resellers`.
pub async fn resellers(
    State(twin): State<Twin>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Json<AccountPage<Value>>, ApiError> {
    let q = parse(&q)?;
    let entries = twin.read(|w, _| {
        w.resellers
            .values()
            .map(|r| Entry {
                id: r.reseller_id.clone(),
                name: r.company_profile.company_name.clone(),
                created: time::parse(&r.creation_date).unwrap_or(0),
                status: r.status.clone(),
                shown: json!({
                    "externalReferenceId": r.external_reference_id,
                    "resellerId": r.reseller_id,
                    "distributorId": r.distributor_id,
                    "status": r.status,
                    "companyProfile": { "companyName": r.company_profile.company_name },
                    "creationDate": r.creation_date,
                    "links": links(&r.links),
                }),
            })
            .collect()
    });
    page(entries, &q).map(Json)
}

/// `GET /v3/resellers/{id}/customers`.
pub async fn customers(
    State(twin): State<Twin>,
    Path(id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Json<AccountPage<Value>>, ApiError> {
    let q = parse(&q)?;
    let entries = twin.read(|w, _| {
        w.resellers.get(&id)?;
        Some(
            w.customers
                .values()
                .filter(|c| c.reseller_id == id)
                .map(|c| Entry {
                    id: c.customer_id.clone(),
                    name: c.company_profile.company_name.clone(),
                    created: time::parse(&c.creation_date).unwrap_or(0),
                    status: c.status.clone(),
                    shown: json!({
                        "externalReferenceId": c.external_reference_id,
                        "customerId": c.customer_id,
                        "resellerId": c.reseller_id,
                        "status": c.status,
                        "companyProfile": { "companyName": c.company_profile.company_name },
                        "creationDate": c.creation_date,
                        "links": links(&c.links),
                    }),
                })
                .collect::<Vec<_>>(),
        )
    });
    let entries = entries.ok_or_else(|| ApiError::code("1115"))?;
    page(entries, &q).map(Json)
}

#[cfg(test)]
mod tests {
    use super::wildcard;

    #[test]
    fn wildcards() {
        assert!(wildcard("reseller*", "reseller name a"));
        assert!(wildcard("*name*", "reseller name a"));
        assert!(wildcard("*a", "reseller name a"));
        assert!(!wildcard("reseller", "reseller name a"));
        assert!(wildcard("r*s*r*", "reseller"));
        assert!(!wildcard("ab*ba", "aba"));
    }
}
