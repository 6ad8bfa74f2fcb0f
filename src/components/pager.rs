//! Paging by offset and limit, with the offset in the URL: "1–25 of 120", previous, next, and
//! a page number to jump to.

use super::query::use_query_state;
use crate::i18n::t;
use leptos::prelude::*;

/// Where a page stands in its list: what the pager shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PageInfo {
    pub total: u64,
    pub offset: u64,
    pub limit: u64,
    /// Rows on this page.
    pub count: u64,
    /// Where the next page starts, when the API says so (Partner Navigator's `next`);
    /// otherwise right after this page.
    pub next: Option<u64>,
}

/// One page of any list, whatever shape the API answered it in: its rows and where it stands.
#[derive(Clone, Debug, PartialEq)]
pub struct Page<T> {
    pub rows: Vec<T>,
    /// Rows of the whole filtered list.
    pub total: u64,
    pub offset: u64,
    /// The page size asked for.
    pub limit: u64,
    /// Where the next page starts, when the API says so (Partner Navigator's `next`).
    pub next: Option<u64>,
}

impl<T> Page<T> {
    /// Where the page stands, for the pager.
    pub fn info(&self) -> PageInfo {
        PageInfo {
            total: self.total,
            offset: self.offset,
            limit: self.limit.max(1),
            count: self.rows.len() as u64,
            next: self.next,
        }
    }

    /// Where the page after this one starts; `None` after the last page (or an empty one, so a
    /// reader of every page always stops).
    pub fn after(&self) -> Option<u64> {
        let next = self.next.filter(|n| *n > self.offset).unwrap_or(self.offset + self.rows.len() as u64);
        (next < self.total && !self.rows.is_empty()).then_some(next)
    }
}

/// Every row of a list: pages of `limit` rows from `call(offset)`, one after another, until
/// [`Page::after`] says there is no more.
pub async fn read_all<A, Fut>(
    limit: u64,
    mut call: impl FnMut(u64) -> Fut,
) -> Result<Vec<A::Row>, crate::api::error::Failure>
where
    A: IntoPage,
    Fut: std::future::Future<Output = Result<A, crate::api::error::Failure>>,
{
    let mut rows = Vec::new();
    let mut at = Some(0);
    while let Some(offset) = at {
        let page = call(offset).await?.into_page(limit);
        at = page.after();
        rows.extend(page.rows);
    }
    Ok(rows)
}

/// A page as an API answers it, turned into a [`Page`].
pub trait IntoPage {
    /// What the page lists.
    type Row;
    /// The page; `limit` is the page size asked for (the answer says it too, except Partner
    /// Navigator's).
    fn into_page(self, limit: u64) -> Page<Self::Row>;
}

macro_rules! offset_page {
    ($($page:ty => $row:ty, $rows:ident, $total:ident;)*) => {$(
        impl IntoPage for $page {
            type Row = $row;
            fn into_page(self, _limit: u64) -> Page<$row> {
                Page { rows: self.$rows, total: self.$total, offset: self.offset, limit: self.limit, next: None }
            }
        }
    )*};
}

offset_page! {
    partner_model::types::OrderHistoryPage => partner_model::types::Order, items, total_count;
    partner_model::types::Notifications => partner_model::types::NotificationItem, items, total_count;
    partner_model::audit::AuditPage => partner_model::audit::AuditEntry, items, total;
    partner_model::types::PriceListPage => partner_model::types::PriceListOffer, offers, total_count;
    partner_model::types::PriceListNames => partner_model::types::OfferName, offers, total_count;
    partner_model::types::FlexDiscountPage => partner_model::types::FlexDiscount, flex_discounts, total_count;
}

impl<T> IntoPage for partner_model::types::AccountPage<T> {
    type Row = T;
    fn into_page(self, _limit: u64) -> Page<T> {
        Page { rows: self.accounts, total: self.total_count, offset: self.offset, limit: self.limit, next: None }
    }
}

impl IntoPage for partner_model::types::DistributorSubscriptionPage {
    type Row = partner_model::types::DistributorSubscription;
    fn into_page(self, limit: u64) -> Page<Self::Row> {
        Page { rows: self.results, total: self.total_results_count, offset: self.current, limit, next: Some(self.next) }
    }
}

impl PageInfo {
    /// Number of pages (at least one).
    pub fn pages(&self) -> u64 {
        self.total.div_ceil(self.limit.max(1)).max(1)
    }
    /// The current page, from 1.
    pub fn page(&self) -> u64 {
        self.offset / self.limit.max(1) + 1
    }
}

thread_local! {
    /// What the last jump to a page out of range said: the list's noun, the offset it went to.
    static PAGER_NOTE: std::cell::RefCell<Option<(&'static str, u64, String)>> = const { std::cell::RefCell::new(None) };
}

/// Previous / next and the position in the list.
#[component]
pub fn Pager(
    /// Where the list is.
    info: PageInfo,
    /// What the rows are ("resellers").
    noun: &'static str,
) -> impl IntoView {
    let query = use_query_state();
    let limit = info.limit.max(1);
    let go = move |offset: u64| {
        query.set(&[("offset", if offset == 0 { String::new() } else { offset.to_string() })], false)
    };
    let first = if info.count == 0 { 0 } else { info.offset + 1 };
    let last = info.offset + info.count;
    let has_prev = info.offset > 0;
    let next = info.next.filter(|n| *n > info.offset).unwrap_or(info.offset + limit);
    let has_next = last < info.total && next < info.total;
    let pages = info.pages();
    let page_input = RwSignal::new(info.page().to_string());
    // A page number out of range goes to the nearest page, and says so (kept for the pager
    // drawn at that page, which is a new one when the page changes).
    let said = RwSignal::new(
        PAGER_NOTE
            .with(|n| {
                n.borrow().as_ref().filter(|(of, at, _)| *of == noun && *at == info.offset).map(|(_, _, t)| t.clone())
            })
            .unwrap_or_default(),
    );
    let jump = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match page_input.get_untracked().trim().parse::<u64>() {
            Ok(p) if (1..=pages).contains(&p) => {
                PAGER_NOTE.with(|n| n.borrow_mut().take());
                said.set(String::new());
                go((p - 1) * limit);
            }
            Ok(p) => {
                let nearest = p.clamp(1, pages);
                let text = t::pager::OutOfRange { nearest, pages }.text();
                PAGER_NOTE.with(|n| *n.borrow_mut() = Some((noun, (nearest - 1) * limit, text.clone())));
                said.set(text);
                page_input.set(nearest.to_string());
                go((nearest - 1) * limit);
            }
            Err(_) => said.set(t::pager::enter(pages)),
        }
    };
    view! {
        <nav class="pager" aria-label=t::pager::label(noun)>
            <p class="position" role="status">{t::pager::Position { first, last, noun, total: info.total }.text()}</p>
            <button type="button" disabled=!has_prev on:click=move |_| go(info.offset.saturating_sub(limit))>{t::pager::previous()}</button>
            <form class="jump" novalidate on:submit=jump>
                <label for="page-number">{t::pager::page()}</label>
                <input id="page-number" type="number" min="1" max=pages.to_string() inputmode="numeric"
                    prop:value=move || page_input.get() on:input=move |ev| page_input.set(event_target_value(&ev))/>
                <span>" "{t::pager::of(pages)}" "</span>
                <button type="submit">{t::pager::go()}</button>
            </form>
            <button type="button" disabled=!has_next on:click=move |_| go(next)>{t::pager::next()}</button>
            <p class="pager-note" role="status">{move || said.get()}</p>
        </nav>
    }
}
