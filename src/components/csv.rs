//! CSV export of a whole filtered list, page after page, with progress; the file is built in
//! the browser and downloaded. Cells that a spreadsheet would run as a formula are defused.

use super::pager::Page;
use super::table::Column;
use crate::api::error::Failure;
use crate::i18n::t;
use leptos::prelude::*;
use std::future::Future;
use wasm_bindgen::JsCast;

/// A CSV field: quoted when it must be, and prefixed with `'` when a spreadsheet would read it
/// as a formula (`=`, `+`, `-`, `@`, tab, carriage return at the start).
pub fn csv_field(s: &str) -> String {
    let defused = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{s}") } else { s.to_string() };
    if defused.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", defused.replace('"', "\"\""))
    } else {
        defused
    }
}

/// A CSV line of fields.
pub fn csv_line<'a>(fields: impl IntoIterator<Item = &'a str>) -> String {
    let mut line = fields.into_iter().map(csv_field).collect::<Vec<_>>().join(",");
    line.push_str("\r\n");
    line
}

/// "Export CSV": fetches every page with `fetch(cursor)` (starting at 0) and downloads
/// `file_name` with `columns`.
#[component]
pub fn CsvExport<T, F, Fut>(
    /// The columns to write.
    columns: &'static [Column<T>],
    /// Fetches the page at a cursor.
    fetch: F,
    /// The downloaded file's name.
    file_name: String,
) -> impl IntoView
where
    T: 'static,
    F: Fn(u64) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<Page<T>, Failure>> + 'static,
{
    // Only fetching a page and writing its rows depend on `T`: the export's progress and
    // download are one function for every list.
    let lines: Lines = std::sync::Arc::new(move |at| {
        let page = fetch(at);
        Box::pin(async move {
            let page = page.await?;
            let mut lines = String::new();
            for row in &page.rows {
                let cells: Vec<String> = columns.iter().map(|c| (c.cell)(row).text()).collect();
                lines.push_str(&csv_line(cells.iter().map(String::as_str)));
            }
            Ok(Written { lines, count: page.rows.len() as u64, total: page.total, after: page.after() })
        })
    });
    export(csv_line(columns.iter().map(|c| c.label())), lines, file_name)
}

/// A page of a list written as CSV lines, with where the list stands.
struct Written {
    /// The page's rows, a CSV line each.
    lines: String,
    /// Rows on this page.
    count: u64,
    /// Rows of the whole filtered list.
    total: u64,
    /// Where the next page starts, if there is one.
    after: Option<u64>,
}

/// Fetches the page at a cursor and writes its rows.
type Lines =
    std::sync::Arc<dyn Fn(u64) -> std::pin::Pin<Box<dyn Future<Output = Result<Written, Failure>>>> + Send + Sync>;

/// [`CsvExport`] of the file that starts with `header`, its rows written by `lines`.
fn export(header: String, lines: Lines, file_name: String) -> impl IntoView {
    let progress = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let run = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let (lines, file_name, mut out) = (lines.clone(), file_name.clone(), header.clone());
        leptos::task::spawn_local(async move {
            let mut cursor = Some(0);
            let mut done = 0u64;
            while let Some(at) = cursor {
                match lines(at).await {
                    Ok(page) => {
                        done += page.count;
                        out.push_str(&page.lines);
                        progress.set(Some(t::csv::Progress { done, total: page.total }.text()));
                        cursor = page.after;
                    }
                    Err(failure) => {
                        progress.set(Some(
                            t::csv::Stopped {
                                done,
                                todo: failure.error.what_to_do(),
                                what: failure.error.what_happened(),
                            }
                            .text(),
                        ));
                        busy.set(false);
                        return;
                    }
                }
            }
            download(&file_name, &out);
            progress.set(Some(t::csv::Done { done, file: &file_name }.text()));
            busy.set(false);
        });
    };
    view! {
        <div class="export">
            <button type="button" on:click=run disabled=move || busy.get() aria-busy=move || busy.get().to_string()>{t::csv::export()}</button>
            <span class="progress" role="status">{move || progress.get()}</span>
        </div>
    }
}

fn download(file_name: &str, text: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/csv;charset=utf-8");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    if let Ok(a) = document().create_element("a") {
        if let Ok(a) = a.dyn_into::<web_sys::HtmlAnchorElement>() {
            a.set_href(&url);
            a.set_download(file_name);
            a.click();
        }
    }
    // Revoked later: the download starts after the click returns.
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(10),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_and_formulas_defused() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("-5"), "'-5");
        assert_eq!(csv_line(["a", "b"]), "a,b\r\n");
    }
}
