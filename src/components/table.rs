//! The data table every list uses: columns described once per resource (header, API sort key,
//! and what a cell holds, from which both the cell and its CSV text derive), sortable headers
//! whose state lives in the URL, and the empty state.

use super::detail::day;
use super::query::use_query_state;
use super::status::StatusBadge;
use crate::i18n::t;
use leptos::either::{Either, EitherOf7};
use leptos::prelude::*;
use partner_model::catalog::status::ResourceKind;

/// What a cell holds: the table draws it, the CSV export writes its text.
pub enum Cell {
    /// Data as the API gave it (a name, a reference, a quantity): never translated, so marked
    /// `translate="no"` for the browser's translator and the pseudo-language's test.
    Text(String),
    /// Words of the console, from the catalog.
    Words(String),
    /// An id or code, in a monospace face.
    Code(String),
    /// A link to a page of the console (`href` already under the app's base); `code` sets the
    /// text in a monospace face. Plain `<a>`: the router follows it all the same, without the
    /// memo and effect of `<A>` per row.
    Link { href: String, text: String, code: bool },
    /// A link whose words ("See the licenses") need the row to make sense: `about` names the
    /// row ("Acme Robotics"), and its accessible name and CSV text are both (`action_name`).
    Action { href: String, text: &'static str, about: String },
    /// A status code as a badge; the CSV has its label.
    Status(ResourceKind, String),
    /// A date or time of the API: the day shows, the whole time on hover; the CSV has it whole.
    Day(String),
    /// An offer: the product's name from the price list, with the offer id beside it.
    Product(String),
    /// A reseller's or customer's name with its id beside it (a view of its own, drawn by
    /// `components::names`); the CSV has the id.
    Account(AnyView, String),
    /// Anything else: its view and its CSV text.
    View(AnyView, String),
}

/// The accessible name of a control whose words ("Use it", "See the licenses") need its row to
/// make sense: its words first, then what the row is about ("Use it: 35124219"). A voice command
/// of the words it shows finds it (WCAG 2.5.3, label in name), and a list of links read out of
/// the table still tells them apart.
pub fn action_name(words: &str, about: &str) -> String {
    t::table::ActionName { action: words, about }.text()
}

impl Cell {
    /// The cell as CSV text.
    pub fn text(&self) -> String {
        match self {
            Cell::Text(t) | Cell::Words(t) | Cell::Code(t) | Cell::Day(t) | Cell::Account(_, t) | Cell::View(_, t) => {
                t.clone()
            }
            Cell::Link { text, .. } => text.clone(),
            Cell::Action { text, about, .. } => action_name(text, about),
            Cell::Status(kind, code) => super::status::words(*kind, code),
            Cell::Product(id) => crate::catalog::catalog().label_untracked(id),
        }
    }

    /// An id or code in a monospace face (which never breaks inside): on a phone the cell takes
    /// its card's whole width.
    fn holds_id(&self) -> bool {
        matches!(self, Cell::Code(_) | Cell::Product(_) | Cell::Account(..) | Cell::Link { code: true, .. })
    }

    /// Whether the cell holds the API's data rather than words of the console.
    fn is_data(&self) -> bool {
        matches!(self, Cell::Text(_) | Cell::Code(_) | Cell::Product(_) | Cell::Link { .. })
    }

    fn view(self) -> impl IntoView {
        match self {
            Cell::Text(t) | Cell::Words(t) => EitherOf7::A(t),
            Cell::Code(t) => EitherOf7::B(view! { <code>{t}</code> }),
            Cell::Link { href, text, code: true } => {
                EitherOf7::C(view! { <a href=href><code>{text}</code></a> }.into_any())
            }
            Cell::Link { href, text, code: false } => EitherOf7::C(view! { <a href=href>{text}</a> }.into_any()),
            Cell::Action { href, text, about } => {
                EitherOf7::C(view! { <a href=href aria-label=action_name(text, &about)>{text}</a> }.into_any())
            }
            Cell::Status(kind, code) => EitherOf7::D(view! { <StatusBadge kind code/> }),
            Cell::Day(at) => {
                let title = super::detail::moment_text(&at);
                EitherOf7::E(view! { <time class="nowrap" datetime=at.clone() title=title>{day(&at)}</time> })
            }
            Cell::Account(view, _) | Cell::View(view, _) => EitherOf7::F(view),
            Cell::Product(offer) => EitherOf7::G(view! { <crate::catalog::ProductName offer/> }),
        }
    }
}

/// One column of a list.
pub struct Column<T: 'static> {
    /// The header.
    pub header: Header,
    /// The API's sort key, when the list can be sorted by this column.
    pub sort: Option<&'static str>,
    /// What the cell of a row holds.
    pub cell: fn(&T) -> Cell,
    /// Right-aligned numbers.
    pub numeric: bool,
    /// The cell names its row (`<th scope="row">`), as the first column of a small table.
    pub names_row: bool,
    /// Sentences: the column keeps a readable width when the table is wide.
    pub prose: bool,
}

/// A column's header: a text of the catalog (in the language shown), or one that is the same
/// in every language.
#[derive(Clone, Copy)]
pub enum Header {
    Fixed(&'static str),
    Text(fn() -> &'static str),
}

impl<T> Column<T> {
    /// A column that cannot be sorted, headed by `label` in every language.
    pub const fn new(label: &'static str, cell: fn(&T) -> Cell) -> Column<T> {
        Column::headed(Header::Fixed(label), cell)
    }

    /// A column that cannot be sorted, headed by a text of the catalog (`t::column::customer`).
    pub const fn text(label: fn() -> &'static str, cell: fn(&T) -> Cell) -> Column<T> {
        Column::headed(Header::Text(label), cell)
    }

    const fn headed(header: Header, cell: fn(&T) -> Cell) -> Column<T> {
        Column { header, sort: None, cell, numeric: false, names_row: false, prose: false }
    }

    /// The header in the language shown.
    pub fn label(&self) -> &'static str {
        self.look().label()
    }

    /// The column as the table draws it, without its rows' type.
    fn look(&self) -> ColumnLook {
        ColumnLook {
            header: self.header,
            sort: self.sort,
            numeric: self.numeric,
            names_row: self.names_row,
            prose: self.prose,
        }
    }

    /// Sorted by the API's `key`.
    pub const fn sorted(self, key: &'static str) -> Column<T> {
        Column { sort: Some(key), ..self }
    }

    /// Right-aligned numbers.
    pub const fn numeric(self) -> Column<T> {
        Column { numeric: true, ..self }
    }

    /// Its cell is the row's header.
    pub const fn names_row(self) -> Column<T> {
        Column { names_row: true, ..self }
    }

    /// Its cells are sentences, kept readable in a wide table.
    pub const fn prose(self) -> Column<T> {
        Column { prose: true, ..self }
    }
}

/// A column as the table draws it: a [`Column`] without its cell function, so the table around
/// the cells is one function for every list.
#[derive(Clone, Copy)]
struct ColumnLook {
    header: Header,
    sort: Option<&'static str>,
    numeric: bool,
    names_row: bool,
    prose: bool,
}

impl ColumnLook {
    fn label(&self) -> &'static str {
        match self.header {
            Header::Fixed(label) => label,
            Header::Text(text) => text(),
        }
    }

    fn class(&self) -> Option<&'static str> {
        self.numeric.then_some("num").or(self.prose.then_some("prose"))
    }

    /// A body cell's class: the column's, and `wide` when it holds an id, which takes a phone's
    /// card's whole width (a class set here: a `:has(code)` selector made a phone's style and
    /// layout of a 200-row list take several times as long).
    fn cell_class(&self, cell: &Cell) -> Option<&'static str> {
        match (self.class(), cell.holds_id()) {
            (class, false) => class,
            (None, true) => Some("wide"),
            (Some("num"), true) => Some("num wide"),
            (Some(_), true) => Some("prose wide"),
        }
    }
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

/// Rows a table draws at once; the rest follow in groups of as many, one task each.
pub const GROUP: usize = 20;

/// `text` as a CSS string (for `content`): quoted, its quotes, backslashes and line breaks
/// escaped.
fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push_str("\\a "),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A table's body rows, `groups` groups of them drawn by `group`: the first at once, each next
/// one in a task of its own, the second once the browser has painted the first. A list of 200
/// rows had been drawn in one task of about 300 ms on a phone's slower processor, and its
/// first rows painted only once the last was drawn; now no task draws more than 20 rows, the
/// page answers input between them, and what shows first paints sooner. Groups not drawn yet
/// are not drawn once the table is gone (its signal disposed).
pub fn drawn_in_groups(groups: usize, group: std::sync::Arc<dyn Fn(usize) -> AnyView + Send + Sync>) -> impl IntoView {
    let drawn = RwSignal::new(1_usize);
    if groups > 1 {
        leptos::task::spawn_local(async move {
            crate::api::transport::after_paint().await;
            while let Some(true) = drawn.try_update(|n| {
                *n += 1;
                *n < groups
            }) {
                crate::api::transport::sleep(std::time::Duration::ZERO).await;
            }
        });
    }
    let first = group(0);
    let rest = (1..groups)
        .map(|i| {
            let group = group.clone();
            let due = Memo::new(move |_| drawn.get() > i);
            move || due.get().then(|| group(i))
        })
        .collect_view();
    view! { {first}{rest} }
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
    #[prop(optional_no_strip)]
    sort: Option<SortKeys>,
    /// What to say when there are no rows.
    empty: &'static str,
    /// A class for a row that needs to stand out (`urgent`, `changed`), or `""`.
    #[prop(optional)]
    row_class: Option<fn(&T) -> &'static str>,
    /// Shows the caption above the table (otherwise only screen readers read it).
    #[prop(optional)]
    show_caption: bool,
) -> impl IntoView
where
    T: Send + Sync + 'static,
{
    if rows.is_empty() {
        return view! { <p class="empty" role="status">{empty}</p> }.into_any();
    }
    // Only reading a row depends on `T`: the table around its cells is one function for every
    // list rather than a copy per row type.
    let looks = columns.iter().map(Column::look).collect();
    let count = rows.len();
    let row: Row = std::sync::Arc::new(move |i| match rows.get(i) {
        Some(r) => (columns.iter().map(|c| (c.cell)(r)).collect(), row_class.map_or("", |f| f(r))),
        None => (Vec::new(), ""),
    });
    table(caption, looks, count, row, sort, show_caption)
}

/// A row of a table by its position: its cells, in the columns' order, and its class (or `""`).
type Row = std::sync::Arc<dyn Fn(usize) -> (Vec<Cell>, &'static str) + Send + Sync>;

/// [`DataTable`] of `count` rows, read with `row`, in columns `looks`.
fn table(
    caption: String,
    looks: std::sync::Arc<[ColumnLook]>,
    count: usize,
    row: Row,
    sort: Option<SortKeys>,
    show_caption: bool,
) -> AnyView {
    let query = use_query_state();
    let header = looks
        .iter()
        .map(|col| {
            let class = col.class();
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
                        <th scope="col" role="columnheader" class=class aria-sort=aria>
                            <button type="button" class="sort" on:click=toggle>{col.label()}<span aria-hidden="true">{arrow}</span></button>
                        </th>
                    }
                    .into_any()
                }
                _ => view! { <th scope="col" role="columnheader" class=class>{col.label()}</th> }.into_any(),
            }
        })
        .collect_view();
    let labels: Vec<&'static str> = looks.iter().map(ColumnLook::label).collect();
    let groups = count.div_ceil(GROUP);
    // On a phone, only the cards of a table longer than a group are laid out when scrolled to
    // (CSS): below that, guessing a card's height saves nothing and moves what is under the
    // table once the card is drawn — a button scrolled to could slip away from the pointer.
    let long = groups > 1;
    let group = move |i: usize| {
        let start = i.saturating_mul(GROUP);
        (start..start.saturating_add(GROUP).min(count))
            .map(|r| {
                let (cells, class) = row(r);
                let cells = cells
                    .into_iter()
                    .zip(looks.iter())
                    .map(|(cell, col)| {
                        let class = col.cell_class(&cell);
                        let translate = cell.is_data().then_some("no");
                        let cell = cell.view();
                        // Roles said outright: on a phone the table is drawn as cards (CSS), and
                        // some browsers drop a table's meaning once its display changes. The
                        // column's label goes with each cell, for the card to show.
                        if col.names_row {
                            Either::Left(
                                view! { <th scope="row" role="rowheader" class=class translate=translate>{cell}</th> },
                            )
                        } else {
                            Either::Right(view! { <td role="cell" class=class translate=translate>{cell}</td> })
                        }
                    })
                    .collect_view();
                let class = (!class.is_empty()).then_some(class);
                view! { <tr role="row" class=class>{cells}</tr> }
            })
            .collect_view()
            .into_any()
    };
    let body = drawn_in_groups(groups, std::sync::Arc::new(group));
    let caption_class = (!show_caption).then_some("visually-hidden");
    // A table wider than its box scrolls sideways: that box must take the keyboard's focus (and
    // say what it holds), or the columns past the edge cannot be reached without a mouse.
    let wrap = NodeRef::<leptos::html::Div>::new();
    let name = caption.clone();
    Effect::new(move |_| {
        let Some(el) = wrap.get() else { return };
        // The columns' labels, for a phone's cards (CSS): said once for the table rather than
        // on every cell, which for a page of 200 rows was 1,400 attributes to write.
        let style = web_sys::HtmlElement::style(&el);
        for (i, label) in labels.iter().enumerate() {
            let _ = style.set_property(&format!("--label-{}", i + 1), &css_string(label));
        }
        focusable_while_wider(el.into(), name.clone());
    });
    view! {
        <div class="table-wrap" node_ref=wrap>
            <table class="data" class:long=long role="table">
                <caption class=caption_class>{caption}</caption>
                <thead role="rowgroup"><tr role="row">{header}</tr></thead>
                <tbody role="rowgroup">{body}</tbody>
            </table>
        </div>
    }
    .into_any()
}

/// Makes `wrap` (a table's box) a named region that takes the keyboard's focus while the table
/// in it is wider than it, and a plain box again once it fits. Asked from a `ResizeObserver`,
/// whose callback comes after the browser has laid the page out: asking in a frame callback
/// made the browser lay the page out once more, as each table's rows were drawn (the costliest
/// call of the hub's load in `bench-profile`), and never asked again when a phone was turned.
fn focusable_while_wider(wrap: web_sys::Element, name: String) {
    use wasm_bindgen::{closure::Closure, JsCast, JsValue};
    let el = wrap.clone();
    let focusable = std::cell::Cell::new(wrap.has_attribute("tabindex"));
    let check = Closure::<dyn FnMut(JsValue)>::new(move |_: JsValue| {
        let wider = el.scroll_width() > el.client_width();
        if wider == focusable.get() {
            return;
        }
        // A box that has the focus keeps it (and what it says) until the focus moves on (asked
        // again then): taking its tabindex away would drop the focus to the page's start.
        let has_focus = el.owner_document().and_then(|d| d.active_element()).is_some_and(|a| a == el);
        if !wider && has_focus {
            return;
        }
        focusable.set(wider);
        if wider {
            let _ = el.set_attribute("tabindex", "0");
            let _ = el.set_attribute("role", "region");
            let _ = el.set_attribute("aria-label", &name);
        } else {
            for attribute in ["tabindex", "role", "aria-label"] {
                let _ = el.remove_attribute(attribute);
            }
        }
    });
    let Ok(observer) = web_sys::ResizeObserver::new(check.as_ref().unchecked_ref()) else { return };
    // The box changes size with the window, the table with its rows and columns.
    observer.observe(&wrap);
    if let Some(table) = wrap.first_element_child() {
        observer.observe(&table);
    }
    let _ = wrap.add_event_listener_with_callback("focusout", check.as_ref().unchecked_ref());
    let kept = send_wrapper::SendWrapper::new((observer, check, wrap));
    on_cleanup(move || {
        let (observer, check, wrap) = &*kept;
        observer.disconnect();
        let _ = wrap.remove_event_listener_with_callback("focusout", check.as_ref().unchecked_ref());
    });
}

#[cfg(test)]
mod tests {
    use super::css_string;

    #[test]
    fn a_label_is_a_css_string_whatever_it_holds() {
        assert_eq!(css_string("Renews"), r#""Renews""#);
        assert_eq!(css_string(r#"Say "hi" \ bye"#), r#""Say \"hi\" \\ bye""#);
        assert_eq!(css_string("two\nlines"), r#""two\a lines""#);
        assert_eq!(css_string("Date d’échéance"), "\"Date d’échéance\"");
    }
}
