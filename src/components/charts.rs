//! Two small charts drawn as SVG by the app (no charting framework): paired bars (current
//! against used) and a timeline of dated events. Each is a `<figure>` whose picture has a text
//! alternative, with the figures also in a table for screen readers and keyboard users.

use super::table::{Cell, Column, DataTable};
use crate::i18n::t;
use leptos::prelude::*;

static PAIR_COLUMNS: &[Column<Pair>] = &[
    Column::text(t::column::product, |p: &Pair| Cell::Text(p.label.clone())).names_row(),
    Column::text(t::column::current, |p: &Pair| Cell::Text(p.current.to_string())).numeric(),
    Column::text(t::column::used, |p: &Pair| Cell::Text(p.used.to_string())).numeric(),
];

static EVENT_COLUMNS: &[Column<Event>] = &[
    Column::text(t::column::date, |e: &Event| Cell::Text(e.date.clone())).names_row(),
    Column::text(t::column::renewing, |e: &Event| Cell::Words(e.text.clone())),
];

/// One pair of bars.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pair {
    pub label: String,
    pub current: u64,
    pub used: u64,
}

// Whole pixels of the picture's own coordinates: integers are written without bringing float
// formatting's code into the hub (11 KB of wasm for sub-pixel positions nobody sees).
const WIDTH: u64 = 640;
const LABEL: u64 = 190;
const ROW: u64 = 34;

/// A label that fits left of the bars: 24 characters at most, the rest as "…".
fn short(label: &str) -> String {
    if label.chars().count() <= 24 {
        label.to_string()
    } else {
        format!("{}…", label.chars().take(23).collect::<String>().trim_end())
    }
}

/// `value`'s share of `max` as a length of `span`, rounded to the nearest pixel.
fn scale(value: u64, max: u64, span: u64) -> u64 {
    if max == 0 {
        0
    } else {
        (value.min(max) as f64 / max as f64 * span as f64).round() as u64
    }
}

/// Current and used quantities per label, as paired horizontal bars.
#[component]
pub fn PairedBars(
    /// The figure's caption.
    caption: &'static str,
    /// The bars, drawn in this order.
    pairs: Vec<Pair>,
) -> impl IntoView {
    let max = pairs.iter().map(|p| p.current.max(p.used)).max().unwrap_or(0);
    let height = ROW * pairs.len() as u64 + 28;
    let span = WIDTH - LABEL - 60;
    let summary = pairs
        .iter()
        .map(|p| t::chart::Pair { current: p.current, label: &p.label, used: p.used }.text())
        .collect::<Vec<_>>()
        .join("; ");
    let bars = pairs
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let y = 24 + ROW * i as u64;
            let (wc, wu) = (scale(p.current, max, span), scale(p.used, max, span));
            view! {
                <g>
                    <text x=LABEL - 8 y=y + 15 text-anchor="end" class="chart-label" translate="no">{short(&p.label)}<title>{p.label.clone()}</title></text>
                    <rect x=LABEL y=y width=wc.max(1) height="12" class="bar-current"><title>{t::chart::CurrentOf { current: p.current, label: &p.label }.text()}</title></rect>
                    <rect x=LABEL y=y + 14 width=wu.max(1) height="12" class="bar-used"><title>{t::chart::UsedOf { label: &p.label, used: p.used }.text()}</title></rect>
                    <text x=LABEL + wc.max(wu) + 6 y=y + 17 class="chart-value">{format!("{} / {}", p.used, p.current)}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <figure class="chart">
            <figcaption>{caption}</figcaption>
            <svg viewBox=format!("0 0 {WIDTH} {height}") role="img" aria-label=format!("{caption}. {summary}") preserveAspectRatio="xMinYMin meet">
                <g class="legend">
                    <rect x=LABEL y="4" width="10" height="10" class="bar-current"></rect>
                    <text x=LABEL + 14 y="13" class="chart-label">{t::chart::current()}</text>
                    <rect x=LABEL + 80 y="4" width="10" height="10" class="bar-used"></rect>
                    <text x=LABEL + 94 y="13" class="chart-label">{t::chart::used()}</text>
                </g>
                {bars}
            </svg>
            <details>
                <summary>{t::chart::as_table()}</summary>
                <DataTable caption=caption.to_string() columns=PAIR_COLUMNS rows=pairs empty=""/>
            </details>
        </figure>
    }
}

/// One dated event on a timeline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    /// Milliseconds since the epoch.
    pub at: u64,
    /// `YYYY-MM-DD`.
    pub date: String,
    pub text: String,
}

/// The first day of each month after `from` up to `to`, with its `YYYY-MM` label.
fn month_starts(from: u64, to: u64) -> Vec<(u64, String)> {
    let start = partner_model::time::date(from);
    let (mut y, mut m) = (
        start.get(..4).and_then(|v| v.parse::<u32>().ok()).unwrap_or(1970),
        start.get(5..7).and_then(|v| v.parse::<u32>().ok()).unwrap_or(1),
    );
    let mut out = Vec::new();
    while out.len() < 36 {
        (y, m) = if m >= 12 { (y + 1, 1) } else { (y, m + 1) };
        let label = format!("{y:04}-{m:02}");
        match partner_model::time::parse(&format!("{label}-01")) {
            Some(at) if at <= to => out.push((at, label)),
            _ => break,
        }
    }
    out
}

/// Events between `from` and `to` (milliseconds) on a horizontal line with a tick on the
/// first day of each month.
#[component]
pub fn Timeline(
    /// The figure's caption.
    caption: &'static str,
    /// Where the line starts and ends.
    from: u64,
    to: u64,
    /// The events, any order; those outside the span are left out.
    events: Vec<Event>,
    /// Said when no event falls in the span.
    empty: &'static str,
) -> impl IntoView {
    let mut events: Vec<Event> = events.into_iter().filter(|e| e.at >= from && e.at <= to).collect();
    partner_model::sort::stable_by_key(&mut events, |e| e.at);
    if events.is_empty() || to <= from {
        return view! { <figure class="chart"><figcaption>{caption}</figcaption><p class="empty">{empty}</p></figure> }
            .into_any();
    }
    let x = move |at: u64| 20 + scale(at - from, to - from, WIDTH - 40);
    let ticks = month_starts(from, to)
        .into_iter()
        .enumerate()
        .map(|(i, (at, label))| {
            let tx = x(at);
            let anchor = if tx < 50 { "start" } else if tx > WIDTH - 50 { "end" } else { "middle" };
            view! {
                <line x1=tx x2=tx y1="56" y2="62" class="tick"></line>
                {(i % 2 == 0).then(|| view! { <text x=tx y="76" text-anchor=anchor class="chart-label">{label}</text> })}
            }
        })
        .collect_view();
    let summary = events.iter().map(|e| format!("{}: {}", e.date, e.text)).collect::<Vec<_>>().join("; ");
    let dots = events
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let cx = x(e.at);
            let y = if i % 2 == 0 { 40 } else { 22 };
            view! {
                <g>
                    <line x1=cx x2=cx y1=y + 4 y2="59" class="stem"></line>
                    <circle cx=cx cy="59" r="5" class="dot"><title>{format!("{}: {}", e.date, e.text)}</title></circle>
                    <text x=cx y=y text-anchor="middle" class="chart-value">{e.date.get(5..).unwrap_or("").to_string()}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <figure class="chart">
            <figcaption>{caption}</figcaption>
            <svg viewBox=format!("0 0 {WIDTH} 84") role="img" aria-label=format!("{caption}. {summary}") preserveAspectRatio="xMinYMin meet">
                <line x1="20" x2=WIDTH - 20 y1="59" y2="59" class="axis"></line>
                {ticks}
                {dots}
            </svg>
            <details>
                <summary>{t::chart::as_table()}</summary>
                <DataTable caption=caption.to_string() columns=EVENT_COLUMNS rows=events empty=""/>
            </details>
        </figure>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_whole_pixels() {
        assert_eq!(scale(0, 0, 390), 0, "nothing to scale");
        assert_eq!(scale(50, 100, 390), 195);
        assert_eq!(scale(1, 3, 100), 33);
        assert_eq!(scale(2, 3, 100), 67, "rounded to the nearest");
        assert_eq!(scale(u64::MAX, u64::MAX, 600), 600, "no overflow");
        assert_eq!(scale(7, 5, 100), 100, "never past the span");
    }

    #[test]
    fn month_ticks_fall_on_the_first_of_each_month() {
        let from = partner_model::time::parse("2026-11-30T06:00:00Z").unwrap_or_default();
        let to = from + 365 * partner_model::time::DAY;
        let ticks = month_starts(from, to);
        let labels: Vec<&str> = ticks.iter().map(|(_, l)| l.as_str()).collect();
        assert_eq!(labels.first().copied(), Some("2026-12"));
        assert_eq!(labels.last().copied(), Some("2027-11"));
        assert_eq!(labels.len(), 12);
        assert_eq!(partner_model::time::date(ticks[1].0), "2027-01-01");
    }
}
