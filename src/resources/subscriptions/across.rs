//! The subscriptions of every customer of a reseller, the soonest renewal first (those whose
//! renewal date has passed after the rest): read across its
//! customers (each customer's list, [`crate::components::across::AT_ONCE`] at a time, with
//! progress), kept for the page's life and refreshable, then filtered in the page by status,
//! product and how soon they renew, sorted, paged and exported (all in the URL).

use super::renewal_text;
use crate::api::calls::subscriptions;
use crate::api::error::Failure;
use crate::components::across::{across_head, all_customers, each_active, not_read, use_reading, Named};
use crate::components::detail::now;
use crate::components::error_panel::ErrorPanel;
use crate::components::filters::Choice;
use crate::components::filters::{FilterChecks, FilterSelect, FilterText};
use crate::components::list::RowsList;
use crate::components::query::use_query_state;
use crate::components::table::{Cell, Column, SortKeys};
use crate::i18n::t;
use crate::resources::{fetch_items, runtime};
use crate::runtime::Runtime;
use leptos::prelude::*;
use partner_model::catalog::status::ResourceKind;
use partner_model::time::{parse, DAY};
use partner_model::types::Subscription;

/// Upcoming renewals first (then those past) unless the reseller sorts by another column.
const SORT: SortKeys = SortKeys { by: "sort-by", order: "order-by", default_by: "renewal", default_desc: false };
const STATUSES: &[Choice] =
    &[("1000", t::model::status::active), ("1004", t::model::status::inactive), ("1002", t::model::status::pending)];
const WITHIN: &[Choice] =
    &[("", t::option::any_time), ("30", t::option::days_30), ("60", t::option::days_60), ("90", t::option::days_90)];

/// What was read for one reseller.
#[derive(Clone, Debug, Default, PartialEq)]
struct Read {
    subscriptions: Vec<(Named, Subscription)>,
    failed: Vec<(Named, String)>,
}

static COLUMNS: &[Column<(Named, Subscription)>] = &[
    Column::text(t::column::customer, |(c, _): &(Named, Subscription)| c.cell()).sorted("customer"),
    Column::text(t::column::product, |(_, s): &(Named, Subscription)| Cell::Product(s.offer_id.clone()))
        .sorted("product"),
    Column::text(t::column::subscription, |(c, s): &(Named, Subscription)| {
        super::subscription_cell(&c.id, &s.subscription_id)
    }),
    Column::text(t::column::licenses, |(_, s): &(Named, Subscription)| {
        Cell::Text(s.current_quantity.map(|q| q.to_string()).unwrap_or_default())
    })
    .numeric()
    .sorted("quantity"),
    Column::text(t::column::renews, |(_, s): &(Named, Subscription)| Cell::Day(s.renewal_date.clone()))
        .sorted("renewal"),
    Column::text(t::column::auto_renewal, |(_, s): &(Named, Subscription)| Cell::Words(renewal_text(s)))
        .sorted("auto-renewal"),
    Column::text(t::column::status, |(_, s): &(Named, Subscription)| {
        Cell::Status(ResourceKind::Subscription, s.status.as_str().to_string())
    })
    .sorted("status"),
];

async fn read(rt: Runtime, reseller: String, progress: RwSignal<(usize, usize)>) -> Result<Read, Failure> {
    let customers = all_customers(&rt, &reseller).await?;
    let results = each_active(&rt, &customers, progress, |rt, who| async move {
        fetch_items(subscriptions::list(&rt, &who.id)).await
    })
    .await;
    let mut out = Read::default();
    for (who, result) in results {
        match result {
            Ok(list) => out.subscriptions.extend(list.into_iter().map(|s| (who.clone(), s))),
            Err(f) => out.failed.push((who, f.error.what_happened())),
        }
    }
    // Upcoming renewals first, the soonest on top; those already past (lapsed) after them.
    let today = crate::components::detail::today();
    let key =
        |s: &Subscription| (s.renewal_date.get(..10).unwrap_or_default() < today.as_str(), s.renewal_date.clone());
    partner_model::sort::stable_by(&mut out.subscriptions, |a, b| {
        key(&a.1).cmp(&key(&b.1)).then_with(|| a.0.name.cmp(&b.0.name))
    });
    partner_model::sort::stable_by(&mut out.failed, |a, b| a.0.name.cmp(&b.0.name));
    Ok(out)
}

/// Whether `s` passes the filters: one of `statuses` (any when empty), `product` in its name
/// or offer id, renewing within `within` days of `at` (any when `None`).
fn shown(s: &Subscription, name: &str, statuses: &[String], product: &str, within: Option<u64>, at: u64) -> bool {
    let product = crate::format::lower(product);
    (statuses.is_empty() || statuses.iter().any(|st| st == s.status.as_str()))
        && (product.is_empty() || crate::format::lower(&format!("{name} {}", s.offer_id)).contains(&product))
        && within
            .is_none_or(|days| parse(&s.renewal_date).is_some_and(|on| on >= at && on - at <= days.saturating_mul(DAY)))
}

/// `/subscriptions?reseller=…`.
#[component]
pub fn ResellerSubscriptions(reseller: String) -> impl IntoView {
    let rt = runtime();
    let query = use_query_state();
    let reading = use_reading("subscriptions", reseller.clone(), read);
    let catalog = crate::catalog::catalog();
    catalog.ensure(&rt);
    let rows = Memo::new(move |_| {
        let (statuses, product) = (query.get_all("status"), query.get("product"));
        let within = query.get("within").parse().ok();
        let at = now();
        reading.data.with(|d| {
            d.as_ref()
                .map(|d| {
                    d.subscriptions
                        .iter()
                        .filter(|(_, s)| {
                            let name = catalog.name(&s.offer_id).unwrap_or_default();
                            shown(s, &name, &statuses, product.trim(), within, at)
                        })
                        .cloned()
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let status = move || {
        reading
            .status(|d| t::across::SubscriptionsMatch { all: d.subscriptions.len(), shown: rows.with(Vec::len) }.text())
    };
    view! {
        {across_head(|n| t::title::subscriptions_of(n), t::title::subscriptions_of_reseller, &reseller, reading)}
        <p class="lede">{t::across::subscriptions_lede()}</p>
        <div class="filters" role="search" aria-label=t::filter::filters()>
            <FilterChecks key="status" label=t::filter::status() options=STATUSES/>
            <FilterText key="product" label=t::filter::product() hint=t::filter::product_hint()/>
            <FilterSelect key="within" label=t::filter::renews_within() options=WITHIN/>
        </div>
        <p role="status" class="position">{status}</p>
        {move || reading.failure.get().map(|f| view! { <ErrorPanel failure=f/> })}
        {move || reading.data.with(|d| d.as_ref().map(|d| not_read(d.failed.clone())))}
        {move || reading.data.with(|d| d.is_some()).then(|| view! {
            <RowsList rows=rows.into() columns=COLUMNS caption=t::across::subscriptions().to_string() noun=t::noun::subscriptions()
                empty=t::across::no_subscription() sort=SORT export=format!("subscriptions-{reseller}.csv")/>
        })}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use partner_model::time::date;
    use partner_model::types::Status;

    #[test]
    fn filters_match_status_product_and_how_soon_it_renews() {
        let at = 1_000 * DAY;
        let s = Subscription {
            offer_id: "65304479CA01A12".into(),
            status: Status::Active,
            renewal_date: date(at + 45 * DAY),
            ..Default::default()
        };
        let v = |x: &[&str]| x.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(shown(&s, "Acrobat Pro for teams", &[], "", None, at));
        assert!(shown(&s, "Acrobat Pro for teams", &v(&["1000"]), "acrobat", Some(60), at));
        assert!(shown(&s, "", &[], "65304479", None, at), "by offer id when the name is not known");
        assert!(!shown(&s, "Acrobat Pro for teams", &[], "", Some(30), at), "renews in 45 days");
        assert!(!shown(&s, "Acrobat Pro for teams", &v(&["1004"]), "", None, at));
        assert!(!shown(&s, "Acrobat Pro for teams", &[], "photoshop", None, at));
    }
}
