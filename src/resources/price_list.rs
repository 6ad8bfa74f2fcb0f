//! The price list (`POST /v3/pricelist`): Adobe's prices for a region, market segment, price list
//! type, currency and month — this month, the configured currency and its region unless the URL
//! says otherwise — filtered by product family (exact, as the API matches it) or offer id, a
//! page at a time, exported as CSV.

use crate::api::calls::{price_lists, Endpoint};
use crate::components::filters::{FilterSelect, FilterText};
use crate::components::list::{ListPage, ListSource};
use crate::components::query::QueryState;
use crate::components::table::{Cell, Column};
use crate::components::term::Explain;
use crate::runtime::Runtime;
use leptos::prelude::*;
use partner_model::types::{home_region, PriceListFilters, PriceListOffer, PriceListPage, PriceListRequest};

#[rustfmt::skip]
const REGIONS: &[(&str, &str)] = &[("", "The currency's (default)"), ("NA", "North America"), ("LA", "Latin America"),
    ("MX", "Mexico"), ("PA", "Pan-Asia"), ("WE", "Western Europe"), ("EE", "Eastern Europe"), ("JP", "Japan"),
    ("AP", "Asia Pacific")];
const SEGMENTS: &[(&str, &str)] = &[("", "Commercial (default)"), ("EDU", "Education"), ("GOV", "Government")];
const TYPES: &[(&str, &str)] =
    &[("", "Standard (default)"), ("3YC", "3-Year Commit"), ("STD-LGA", "Large Government Agency")];
const CURRENCIES: &[(&str, &str)] =
    &[("", "Configured currency"), ("USD", "USD"), ("EUR", "EUR"), ("GBP", "GBP"), ("JPY", "JPY"), ("AUD", "AUD")];

static COLUMNS: &[Column<PriceListOffer>] = &[
    Column::new("Product", |o| Cell::Text(o.product_family.clone())),
    Column::new("Offer id", |o| Cell::Code(o.offer_id.clone())),
    Column::new("Level", |o| Cell::Text(o.level_details.clone())),
    Column::new("Type", |o| Cell::Text(o.product_type.clone())),
    Column::new("Partner price", |o: &PriceListOffer| Cell::Text(o.partner_price.clone())).numeric(),
    Column::new("Street price", |o: &PriceListOffer| Cell::Text(o.estimated_street_price.clone())).numeric(),
    Column::new("Orderable from", |o| Cell::Day(o.first_order_date.clone())),
    Column::new("Until", |o| Cell::Day(o.last_order_date.clone())),
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
        let month = partner_model::time::date(crate::components::detail::now()).replace('-', "");
        let currency = or("currency", &rt.config.default_currency);
        let body = PriceListRequest {
            region: or("region", home_region(&currency)),
            market_segment: or("segment", "COM"),
            price_list_type: or("type", "STANDARD"),
            currency,
            price_list_month: or("month", month.get(..6).unwrap_or_default()),
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
            <div class="page-head"><h1>"Price list"</h1></div>
            <p class="lede">"Adobe's prices for a year, by product and " "discount level" <Explain key="level"/> ". What a customer pays also depends on the days left to its anniversary date."</p>
            <div class="filters" role="search" aria-label="Filters">
                <FilterSelect key="region" label="Region" options=REGIONS/>
                <FilterSelect key="segment" label="Market segment" options=SEGMENTS/>
                <FilterSelect key="type" label="Price list" options=TYPES/>
                <FilterSelect key="currency" label="Currency" options=CURRENCIES/>
                <FilterText key="month" label="Month" hint="YYYYMM; this month when empty"/>
                <FilterText key="family" label="Product family" hint="Exactly as listed: Acrobat Pro for teams"/>
                <FilterText key="offer" label="Offer id"/>
            </div>
            <ListPage source=PriceList columns=COLUMNS caption="Price list".to_string() noun="prices"
                empty="No price matches these filters." export="price-list.csv".to_string()/>
        </section>
    }
}
