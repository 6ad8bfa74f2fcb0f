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

/// Pages read at once, after the first, when the list pages by offset.
pub const PAGES_AT_ONCE: usize = 4;

/// Every row of a list, in its order: pages of `limit` rows from `call(offset)` until
/// [`Page::after`] says there is no more. The first page says how many rows there are, so when
/// the list pages by offset the pages after it are read [`PAGES_AT_ONCE`] at a time: a list of
/// three pages takes two round trips, not three. Where the API says where the next page starts
/// (Partner Navigator's `next`), one after another. A page that does not start where the one
/// before it ended (an API that answered fewer rows than it said) is read again from where that
/// one ended, so no row is skipped or repeated.
pub async fn read_all<A, Fut>(limit: u64, call: impl Fn(u64) -> Fut) -> Result<Vec<A::Row>, crate::api::error::Failure>
where
    A: IntoPage,
    A::Row: 'static,
    Fut: std::future::Future<Output = Result<A, crate::api::error::Failure>>,
{
    // The paging itself is one function for every list: each page's rows go through it put away.
    let read = |offset| -> Reading<'_> {
        let answer = call(offset);
        Box::pin(async move {
            let page = answer.await?.into_page(limit);
            let after = page.after();
            Ok(Read {
                after,
                total: page.total,
                count: page.rows.len(),
                by_offset: page.next.is_none(),
                rows: Box::new(page.rows),
            })
        })
    };
    let mut rows = Vec::new();
    for page in read_pages(&read).await? {
        let page = page.downcast::<Vec<A::Row>>().map_err(|_| crate::api::error::Failure::not_typed())?;
        rows.extend(*page);
    }
    Ok(rows)
}

/// Where the pages after a list's first start, read at once: from `from` (where the first ended)
/// in steps of `size` (the first page's rows) up to `total`, at most [`PAGES_AT_ONCE`] of them.
/// index.html's early reads of a price list follow the same rule (tests/boot.rs).
pub fn next_offsets(from: u64, total: u64, size: usize) -> Vec<u64> {
    (from..total).step_by(size.max(1)).take(PAGES_AT_ONCE).collect()
}

/// A page read by [`read_all`], its rows put away.
struct Read {
    rows: Box<dyn std::any::Any>,
    count: usize,
    total: u64,
    /// [`Page::after`].
    after: Option<u64>,
    /// Whether the next page starts right after this one (no `next` from the API).
    by_offset: bool,
}

type Reading<'a> = crate::api::together::Boxed<'a, Result<Read, crate::api::error::Failure>>;

/// [`read_all`]'s paging: every page's rows, in order.
async fn read_pages<'a>(
    read: &'a dyn Fn(u64) -> Reading<'a>,
) -> Result<Vec<Box<dyn std::any::Any>>, crate::api::error::Failure> {
    let mut pages = Vec::new();
    let mut wave = vec![0];
    // The API's page size: the first page's rows (an API may answer fewer than asked).
    let mut size = None;
    loop {
        let answers = crate::api::together::together(wave.iter().map(|offset| read(*offset)).collect()).await;
        let mut expected = wave.first().copied();
        let mut more = None;
        for (answer, offset) in answers.into_iter().zip(&wave) {
            if expected != Some(*offset) {
                break;
            }
            let page = answer?;
            let size = *size.get_or_insert(page.count.max(1));
            expected = page.after;
            more = expected.map(|from| (from, page.total, size, page.by_offset));
            pages.push(page.rows);
            if expected.is_none() {
                break;
            }
        }
        let Some((from, total, size, by_offset)) = more else { break };
        wave = if by_offset { next_offsets(from, total, size) } else { vec![from] };
    }
    Ok(pages)
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
    partner_model::types::DeploymentPage => partner_model::types::Deployment, items, total_count;
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

#[cfg(test)]
mod tests {
    use super::{read_all, IntoPage, Page};
    use crate::api::error::Failure;
    use std::cell::RefCell;

    /// A page of a list of numbers, as a fake API answers it.
    struct Numbers(Page<u64>);

    impl IntoPage for Numbers {
        type Row = u64;
        fn into_page(self, _limit: u64) -> Page<u64> {
            self.0
        }
    }

    /// Reads every row of `list(offset)` (`None`: the read failed) with pages of 100, and the offsets asked, wave by wave
    /// (a wave: the reads started before any of them was awaited).
    fn read(list: impl Fn(u64) -> Option<Page<u64>>) -> (Result<Vec<u64>, Failure>, Vec<Vec<u64>>) {
        let waves = RefCell::new(Vec::<Vec<u64>>::new());
        let started = RefCell::new(Vec::new());
        let rows = futures::executor::block_on(read_all(100, |offset| {
            started.borrow_mut().push(offset);
            let answer = list(offset).map(Numbers).ok_or_else(Failure::not_typed);
            let (waves, started) = (&waves, &started);
            async move {
                // The first to be awaited closes the wave of reads started together.
                let wave = std::mem::take(&mut *started.borrow_mut());
                if !wave.is_empty() {
                    waves.borrow_mut().push(wave);
                }
                answer
            }
        }));
        (rows, waves.into_inner())
    }

    /// `total` numbers, by offset and limit 100.
    fn by_offset(total: u64) -> impl Fn(u64) -> Option<Page<u64>> {
        move |offset| {
            Some(Page { rows: (offset..total.min(offset + 100)).collect(), total, offset, limit: 100, next: None })
        }
    }

    #[test]
    fn pages_after_the_first_are_read_four_at_a_time_in_order() {
        let (rows, waves) = read(by_offset(250));
        assert_eq!(rows, Ok((0..250).collect()));
        assert_eq!(waves, vec![vec![0], vec![100, 200]]);

        let (rows, waves) = read(by_offset(1000));
        assert_eq!(rows, Ok((0..1000).collect()));
        assert_eq!(waves, vec![vec![0], vec![100, 200, 300, 400], vec![500, 600, 700, 800], vec![900]]);

        let (rows, waves) = read(by_offset(100));
        assert_eq!(rows, Ok((0..100).collect()));
        assert_eq!(waves, vec![vec![0]]);

        let (rows, waves) = read(by_offset(0));
        assert_eq!(rows, Ok(Vec::new()));
        assert_eq!(waves, vec![vec![0]]);
    }

    #[test]
    fn an_api_that_pages_by_fewer_rows_than_asked_is_followed_by_its_page_size() {
        let list = |offset: u64| {
            Some(Page { rows: (offset..130.min(offset + 50)).collect(), total: 130, offset, limit: 100, next: None })
        };
        let (rows, waves) = read(list);
        assert_eq!(rows, Ok((0..130).collect()));
        assert_eq!(waves, vec![vec![0], vec![50, 100]]);
    }

    #[test]
    fn a_page_that_came_back_short_is_followed_from_where_it_ended() {
        // The page at 100 holds 50 rows: the page read beside it at 200 is dropped, and the list
        // is read on from 150.
        let list = |offset: u64| {
            let end = if offset == 100 { 150 } else { 300.min(offset + 100) };
            Some(Page { rows: (offset..end).collect(), total: 300, offset, limit: 100, next: None })
        };
        let (rows, waves) = read(list);
        assert_eq!(rows, Ok((0..300).collect()), "every row once, in order");
        assert_eq!(waves, vec![vec![0], vec![100, 200], vec![150, 250]]);
    }

    #[test]
    fn pages_that_say_where_the_next_starts_are_read_one_after_another() {
        let list = |offset: u64| {
            let next = (offset + 100 < 300).then_some(offset + 100);
            Some(Page { rows: (offset..offset + 100).collect(), total: 300, offset, limit: 100, next })
        };
        let (rows, waves) = read(list);
        assert_eq!(rows, Ok((0..300).collect()));
        assert_eq!(waves, vec![vec![0], vec![100], vec![200]]);
    }

    #[test]
    fn a_page_that_fails_fails_the_read() {
        let list = |offset: u64| if offset == 200 { None } else { by_offset(450)(offset) };
        let (rows, _) = read(list);
        assert_eq!(rows, Err(Failure::not_typed()));
    }
}
