//! The price list (`POST /v3/pricelist`): Adobe's prices for a region, market segment, price list
//! type, currency and month — this month, the configured currency and its region unless the URL
//! says otherwise — filtered by product family (exact, as the API matches it) or offer id, a
//! page at a time, exported as CSV.

use crate::api::calls::{price_lists, Endpoint};
use crate::components::filters::Choice;
use crate::components::filters::{FilterSelect, FilterText};
use crate::components::list::{ListPage, ListSource};
use crate::components::query::QueryState;
use crate::components::table::{Cell, Column};
use crate::components::term::Explain;
use crate::i18n::t;
use crate::runtime::Runtime;
use leptos::prelude::*;
use partner_model::types::{home_region, PriceListFilters, PriceListOffer, PriceListPage, PriceListRequest};

#[rustfmt::skip]
const REGIONS: &[Choice] = &[("", t::option::the_currencys_default), ("NA", t::option::north_america), ("LA", t::option::latin_america),
    ("MX", t::option::mexico), ("PA", t::option::pan_asia), ("WE", t::option::western_europe), ("EE", t::option::eastern_europe), ("JP", t::option::japan),
    ("AP", t::option::asia_pacific)];
const SEGMENTS: &[Choice] =
    &[("", t::option::commercial_default), ("EDU", t::option::education), ("GOV", t::option::government)];
const TYPES: &[Choice] = &[
    ("", t::option::standard_default),
    ("3YC", t::option::three_year_commit),
    ("STD-LGA", t::option::large_government_agency),
];
const CURRENCIES: &[Choice] = &[
    ("", t::option::configured_currency),
    ("USD", || "USD"),
    ("EUR", || "EUR"),
    ("GBP", || "GBP"),
    ("JPY", || "JPY"),
    ("AUD", || "AUD"),
];

static COLUMNS: &[Column<PriceListOffer>] = &[
    Column::text(t::column::product, |o| Cell::Text(o.product_family.clone())),
    Column::text(t::column::offer_id, |o| Cell::Code(o.offer_id.clone())),
    Column::text(t::column::level, |o| Cell::Text(o.level_details.clone())),
    Column::text(t::column::r#type, |o| Cell::Text(o.product_type.clone())),
    Column::text(t::column::partner_price, |o: &PriceListOffer| Cell::Text(o.partner_price.clone())).numeric(),
    Column::text(t::column::street_price, |o: &PriceListOffer| Cell::Text(o.estimated_street_price.clone())).numeric(),
    Column::text(t::column::orderable_from, |o| Cell::Day(o.first_order_date.clone())),
    Column::text(t::column::until, |o| Cell::Day(o.last_order_date.clone())),
];

/// The price list the URL asks for.
#[derive(Clone)]
struct PriceList;

impl ListSource for PriceList {
    type Answer = PriceListPage;
    type Row = PriceListOffer;
    const MAX_LIMIT: u32 = 100;

    fn call(&self, rt: &Runtime, q: &QueryState, limit: u32, offset: u64) -> Endpoint<PriceListPage> {
        let or =
            |key: &str, default: &str| Some(q.get(key)).filter(|v| !v.is_empty()).unwrap_or_else(|| default.into());
        let month = crate::catalog::this_month();
        let currency = or("currency", &rt.config.default_currency);
        let body = PriceListRequest {
            region: or("region", home_region(&currency)),
            market_segment: or("segment", "COM"),
            price_list_type: or("type", "STANDARD"),
            currency,
            price_list_month: or("month", &month),
            filters: PriceListFilters {
                product_family: q.get("family"),
                offer_id: q.get("offer"),
                ..Default::default()
            },
            include_offer_attributes: ["levelDetails", "productType", "estimatedStreetPrice"]
                .map(String::from)
                .to_vec(),
        };
        price_lists::fetch(rt, &body, limit, offset)
    }
}

/// `/price-list`.
#[component]
pub fn PriceListPage() -> impl IntoView {
    view! {
        <section class="page">
            <div class="page-head"><h1>{t::prices::title()}</h1></div>
            <p class="lede">{t::prices::lede()}" " {t::prices::level()} <Explain key="level"/> {t::prices::lede_end()}</p>
            <div class="filters" role="search" aria-label=t::prices::filters()>
                <FilterSelect key="region" label=t::prices::region() options=REGIONS/>
                <FilterSelect key="segment" label=t::prices::segment() options=SEGMENTS/>
                <FilterSelect key="type" label=t::prices::title() options=TYPES/>
                <FilterSelect key="currency" label=t::prices::currency() options=CURRENCIES/>
                <FilterText key="month" label=t::prices::month() hint=t::prices::month_hint()/>
                <FilterText key="family" label=t::prices::family() hint=t::prices::family_hint()/>
                <FilterText key="offer" label=t::prices::offer()/>
            </div>
            <ListPage source=PriceList columns=COLUMNS caption=t::prices::title().to_string() noun=t::noun::prices()
                empty=t::prices::none() export="price-list.csv".to_string()/>
        </section>
    }
}
