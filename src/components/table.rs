//! The data table every list uses: columns described once per resource (header, API sort key,
//! cell, CSV text), sortable headers whose state lives in the URL, and the empty state.

use super::query::use_query_state;
use leptos::prelude::*;

/// One column of a list.
pub struct Column<T: 'static> {
    /// The header.
    pub label: &'static str,
    /// The API's sort key, when the list can be sorted by this column.
    pub sort: Option<&'static str>,
    /// The cell.
    pub cell: fn(&T) -> AnyView,
    /// The cell as CSV text.
    pub csv: fn(&T) -> String,
    /// Right-aligned numbers.
    pub numeric: bool,
}

/// How a list names its sort parameters in the URL and to the API.
#[derive(Clone, Copy)]
pub struct SortKeys {
    /// The key of the sort column (`sort-by`).
    pub by: &'static str,
    /// The key of the direction (`order-by`), whose values are `asc` and `desc`.
    pub order: &'static str,
    /// The sort column when the URL says nothing.
    pub default_by: &'static str,
    /// Whether the default direction is descending.
    pub default_desc: bool,
}

/// A table of `rows` with `columns`.
#[component]
pub fn DataTable<T>(
    /// What the table lists, read by screen readers.
    caption: String,
    /// The columns.
    columns: &'static [Column<T>],
    /// The rows of the current page.
    rows: Vec<T>,
    /// Sorting, for lists the API sorts.
    #[prop(optional)]
    sort: Option<SortKeys>,
    /// What to say when there are no rows.
    empty: &'static str,
) -> impl IntoView
where
    T: Send + Sync + 'static,
{
    if rows.is_empty() {
        return view! { <p class="empty" role="status">{empty}</p> }.into_any();
    }
    let query = use_query_state();
    let header = columns
        .iter()
        .map(|col| {
            let class = col.numeric.then_some("num");
            match (col.sort, sort) {
                (Some(key), Some(keys)) => {
                    let active = move || {
                        let by = query.get(keys.by);
                        if by.is_empty() { key == keys.default_by } else { by == key }
                    };
                    let desc = move || {
                        let order = query.get(keys.order);
                        if order.is_empty() { keys.default_desc } else { order.eq_ignore_ascii_case("desc") }
                    };
                    let aria = move || match (active(), desc()) {
                        (false, _) => "none",
                        (true, true) => "descending",
                        (true, false) => "ascending",
                    };
                    let arrow = move || match (active(), desc()) {
                        (false, _) => "",
                        (true, true) => " ↓",
                        (true, false) => " ↑",
                    };
                    let toggle = move |_| {
                        let next_desc = if active() { !desc() } else { false };
                        query.set(&[(keys.by, key.to_string()), (keys.order, if next_desc { "desc" } else { "asc" }.to_string())], false);
                    };
                    view! {
                        <th scope="col" class=class aria-sort=aria>
                            <button type="button" class="sort" on:click=toggle>{col.label}<span aria-hidden="true">{arrow}</span></button>
                        </th>
                    }
                    .into_any()
                }
                _ => view! { <th scope="col" class=class>{col.label}</th> }.into_any(),
            }
        })
        .collect_view();
    let body = rows
        .iter()
        .map(|row| {
            let cells = columns
                .iter()
                .map(|col| view! { <td class=col.numeric.then_some("num")>{(col.cell)(row)}</td> })
                .collect_view();
            view! { <tr>{cells}</tr> }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="data">
                <caption class="visually-hidden">{caption}</caption>
                <thead><tr>{header}</tr></thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
    .into_any()
}
