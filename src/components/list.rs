//! The list controller, in the spirit of react-admin's `useListController` and `<Datagrid>`: a
//! resource says how to read a page of its list ([`ListSource`]) and which columns it shows;
//! [`ListPage`] does the rest — the page size and position from the URL, loading, the error
//! panel with "Try again", the table with its sortable headers, the pager, and the CSV export
//! of the whole filtered list, page after page.

use super::csv::CsvExport;
use super::loading::{Load, Loaded};
use super::pager::{IntoPage, Page, Pager};
use super::query::{use_query_state, QueryState};
use super::table::{Column, DataTable, SortKeys};
use crate::api::calls::Endpoint;
use crate::resources::{fetch, runtime};
use crate::runtime::Runtime;
use leptos::prelude::*;
use serde::de::DeserializeOwned;

/// Where a list's rows come from: the call for a page with the URL's filters.
pub trait ListSource: Clone + Send + Sync + 'static {
    /// The API's answer for a page.
    type Answer: IntoPage<Row = Self::Row> + DeserializeOwned;
    /// What the list lists.
    type Row: Clone + Send + Sync + 'static;
    /// The most rows the API gives in a page the reseller reads (`?limit=` is kept to it).
    const MAX_LIMIT: u32;
    /// Rows per page of the CSV export (the API's most).
    const EXPORT_LIMIT: u32 = Self::MAX_LIMIT;

    /// Rows per page when the URL says nothing: the configured page size, unless the list has
    /// its own.
    fn default_limit(&self, configured: u32) -> u32 {
        configured
    }

    /// The call for `limit` rows from `offset`, filtered and sorted as `query` says.
    fn call(&self, rt: &Runtime, query: &QueryState, limit: u32, offset: u64) -> Endpoint<Self::Answer>;
}

/// The page size of the URL's `?limit=` when the API takes it, else the configured one.
pub fn page_limit(query: &QueryState, configured: u32, max: u32) -> u32 {
    query.get("limit").parse::<u32>().ok().filter(|l| (1..=max).contains(l)).unwrap_or(configured.clamp(1, max))
}

/// The URL's filters `keys`, as API parameters (empty values are left out by the call).
pub fn filters_of(query: &QueryState, keys: &[&'static str]) -> Vec<(&'static str, String)> {
    keys.iter().map(|k| (*k, query.get(k))).collect()
}

/// `filters` with the page asked for, as `limit` and `offset` parameters.
pub fn paged(mut filters: Vec<(&'static str, String)>, limit: u32, offset: u64) -> Vec<(&'static str, String)> {
    filters.push(("limit", limit.to_string()));
    filters.push(("offset", offset.to_string()));
    filters
}

/// A list: its table, pager and CSV export, all state in the URL.
#[component]
pub fn ListPage<S: ListSource>(
    /// Where the rows come from.
    source: S,
    /// The columns, from which the table and the CSV derive.
    columns: &'static [Column<S::Row>],
    /// What the table lists, read by screen readers ("Resellers").
    caption: String,
    /// What the rows are, for the busy note and the pager ("resellers").
    noun: &'static str,
    /// What to say when nothing matches.
    empty: &'static str,
    /// Sorting, for lists the API sorts.
    #[prop(optional)]
    sort: Option<SortKeys>,
    /// The CSV file's name; no export without it.
    #[prop(optional)]
    export: Option<String>,
    /// Shows the caption above the table.
    #[prop(optional)]
    show_caption: bool,
) -> impl IntoView {
    let rt = runtime();
    let query = use_query_state();
    let (rt2, source2) = (rt.clone(), source.clone());
    let page = Loaded::new(move || {
        let limit = page_limit(&query, source2.default_limit(rt2.config.page_size), S::MAX_LIMIT);
        let offset = query.get("offset").parse::<u64>().unwrap_or(0);
        // The call is described here, where the resource tracks the URL; only the wait is async.
        let endpoint = source2.call(&rt2, &query, limit, offset);
        async move { Ok(fetch(endpoint).await?.into_page(u64::from(limit))) }
    });
    let fetch_export = move |offset: u64| {
        let endpoint = source.call(&rt, &query, S::EXPORT_LIMIT, offset);
        async move { Ok(fetch(endpoint).await?.into_page(u64::from(S::EXPORT_LIMIT))) }
    };
    let render = move |p: Page<S::Row>| {
        let info = p.info();
        view! {
            <DataTable caption=caption.clone() columns rows=p.rows sort empty show_caption/>
            {(info.total > 0).then(|| view! { <Pager info noun/> })}
        }
        .into_any()
    };
    view! {
        <Load resource=page what=noun render/>
        {export.map(|file_name| view! { <CsvExport columns fetch=fetch_export file_name/> })}
    }
}

/// What a cell sorts by when a list already read is sorted: its number when it is one, and its
/// text in lower case (an API date's text is ISO, so it sorts by time). Made once per row, not
/// per comparison.
struct SortKey {
    number: Option<f64>,
    text: String,
}

impl SortKey {
    fn of(cell: &str) -> SortKey {
        SortKey { number: cell.trim().parse::<f64>().ok(), text: crate::format::lower(cell) }
    }
}

/// How two cells compare: as numbers when both are, else as text without regard to case.
fn cell_order(a: &SortKey, b: &SortKey) -> std::cmp::Ordering {
    match (a.number, b.number) {
        (Some(x), Some(y)) => x.total_cmp(&y),
        _ => a.text.cmp(&b.text),
    }
}

/// `rows` sorted by the URL's sort column among `columns` (the order they came in when the URL
/// names none, or a column that does not sort).
pub fn sorted_rows<T: Clone>(rows: &[T], columns: &'static [Column<T>], query: &QueryState, keys: SortKeys) -> Vec<T> {
    let by = query.get(keys.by);
    let mut out = rows.to_vec();
    let Some(column) = columns.iter().find(|c| !by.is_empty() && c.sort == Some(by.as_str())) else {
        return out;
    };
    let desc = query.get(keys.order).eq_ignore_ascii_case("desc");
    let mut keyed: Vec<(SortKey, T)> = out.drain(..).map(|r| (SortKey::of(&(column.cell)(&r).text()), r)).collect();
    partner_model::sort::stable_by(&mut keyed, |(a, _), (b, _)| if desc { cell_order(b, a) } else { cell_order(a, b) });
    keyed.into_iter().map(|(_, r)| r).collect()
}

/// A list whose rows are already read (the lists across customers): the same table with its
/// sortable headers, pager and CSV export as [`ListPage`], sorted and paged in the page, with
/// every state in the URL.
#[component]
pub fn RowsList<T: Clone + PartialEq + Send + Sync + 'static>(
    /// The rows that pass the page's filters, in their default order.
    rows: Signal<Vec<T>>,
    /// The columns; those with a sort key sort.
    columns: &'static [Column<T>],
    /// What the table lists ("Orders").
    caption: String,
    /// What the rows are ("orders").
    noun: &'static str,
    /// What to say when nothing matches.
    empty: &'static str,
    /// The URL's sort keys; `default_by` names the column of the default order.
    sort: SortKeys,
    /// The CSV file's name.
    export: String,
    /// Rows a page when the URL says nothing (the configured page size otherwise).
    #[prop(optional)]
    default_limit: Option<u32>,
) -> impl IntoView {
    let query = use_query_state();
    let configured =
        default_limit.unwrap_or_else(|| crate::runtime::use_runtime().map_or(25, |rt| rt.config.page_size));
    let ordered = Memo::new(move |_| rows.with(|r| sorted_rows(r, columns, &query, sort)));
    let page = move || {
        let limit = page_limit(&query, configured, 500);
        let offset = query.get("offset").parse::<u64>().unwrap_or(0);
        ordered.with(|all| {
            let start = usize::try_from(offset).unwrap_or(usize::MAX).min(all.len());
            let end = start.saturating_add(limit as usize).min(all.len());
            Page {
                rows: all[start..end].to_vec(),
                total: all.len() as u64,
                offset,
                limit: u64::from(limit),
                next: None,
            }
        })
    };
    let fetch_export = move |_: u64| {
        let all = ordered.get_untracked();
        let total = all.len() as u64;
        async move { Ok(Page { rows: all, total, offset: 0, limit: total.max(1), next: None }) }
    };
    view! {
        {move || {
            let p = page();
            let info = p.info();
            view! {
                <DataTable caption=caption.clone() columns rows=p.rows sort=Some(sort) empty show_caption=false/>
                {(info.total > 0).then(|| view! { <Pager info noun/> })}
            }
        }}
        <CsvExport columns fetch=fetch_export file_name=export/>
    }
}

#[cfg(test)]
mod tests {
    use super::{cell_order, SortKey};
    use std::cmp::Ordering;

    fn order(a: &str, b: &str) -> Ordering {
        cell_order(&SortKey::of(a), &SortKey::of(b))
    }

    #[test]
    fn cells_compare_as_numbers_when_both_are() {
        assert_eq!(order("9", "10"), Ordering::Less);
        assert_eq!(order("apple", "Banana"), Ordering::Less);
        assert_eq!(order("ÉCOLE B", "école a"), Ordering::Greater, "a capital beyond ASCII is lowered too");
        assert_eq!(order("2026-01-05", "2025-12-31"), Ordering::Greater);
        assert_eq!(order("10", "9 licenses"), Ordering::Less, "as text when only one is a number");
    }
}
