//! The customer hub: profile, status, segment, discounts with what each level means, the
//! anniversary (coterm) date, 3-Year Commit with progress against its minimums, pending
//! (re)commitment requests, the LGA benefit and linked membership, and the way to the
//! customer's orders, subscriptions and open acquisitions. A pending customer is followed until
//! it settles.
//!
//! The leads Adobe's agents left for the customer (overlay recommendations, read with Fetch
//! Recommendations) come first below the profile: each open lead's products and quantities,
//! when it was created and until when it is open, and the way to act on it — a lead to buy opens
//! "Place an order" with its lines, a lead to renew the renewal page with its manual renewal's
//! rows started from the lead's lines (`orders::from_lead`). Expired leads are not
//! shown (nothing can be done with them); the API closes a lead when an order of its products
//! is placed.

use crate::api::calls::{customers, recommendations, subscriptions};
use crate::components::charts::{Event, Pair, PairedBars, Timeline};
use crate::components::detail::{day, now, Facts};
use crate::components::loading::{when_near_screen, InTurn, Load, Loaded};
use crate::components::names::ResellerLink;
use crate::components::status::{tone_class, StatusExplained};
use crate::components::table::{Cell, Column, DataTable};
use crate::components::term::Explain;
use crate::i18n::t;
use crate::recent::remember;
use crate::resources::resellers::detail::{address_rows, ContactTable};
use crate::resources::{fetch, fetch_items, runtime};
use crate::routes::{params, RecordParams, To};
use crate::runtime::Runtime;
use leptos::prelude::*;
use leptos_router::components::A;
use partner_model::catalog::segments::{discount_level, market_segment, offer_level, sub_segment};
use partner_model::catalog::status::{commitment_status, ResourceKind};
use partner_model::types::*;

/// Whether an offer id is a consumables offer: its discount level is a consumables tier
/// (`T1`…`TG`).
pub fn is_consumables(offer_id: &str) -> bool {
    offer_level(offer_id).is_some_and(|l| l.starts_with('T'))
}

/// Current quantities of active subscriptions per offer type.
pub fn current_quantities(list: &[SubscriptionSummary]) -> (u64, u64) {
    list.iter().filter(|s| s.status == Status::Active).fold((0, 0), |(l, c), s| {
        let q = s.current_quantity.unwrap_or(0);
        if is_consumables(&s.offer_id) {
            (l, c + q)
        } else {
            (l + q, c)
        }
    })
}

/// Current and used licenses per offer of the active subscriptions (consumables left out: their
/// quantities are transactions, not seats), largest first.
pub fn license_pairs(list: &[SubscriptionSummary]) -> Vec<Pair> {
    let mut pairs: Vec<Pair> = Vec::new();
    for s in list.iter().filter(|s| s.status == Status::Active && !is_consumables(&s.offer_id)) {
        let (current, used) = (s.current_quantity.unwrap_or(0), s.used_quantity.unwrap_or(0));
        match pairs.iter_mut().find(|p| p.label == s.offer_id) {
            Some(p) => {
                p.current = p.current.saturating_add(current);
                p.used = p.used.saturating_add(used);
            }
            None => pairs.push(Pair { label: s.offer_id.clone(), current, used }),
        }
    }
    partner_model::sort::stable_by(&mut pairs, |a, b| b.current.cmp(&a.current).then_with(|| a.label.cmp(&b.label)));
    pairs
}

/// The active subscriptions' renewal dates, one event per date.
pub fn renewal_events(list: &[SubscriptionSummary]) -> Vec<Event> {
    let mut by_date: std::collections::BTreeMap<String, (u64, u64, u64)> = Default::default();
    for s in list.iter().filter(|s| s.status == Status::Active) {
        let Some(date) = s.renewal_date.get(..10) else { continue };
        let e = by_date.entry(date.to_string()).or_default();
        e.0 += 1;
        e.1 = e.1.saturating_add(s.current_quantity.unwrap_or(0));
        e.2 += u64::from(s.auto_renewal.enabled);
    }
    by_date
        .into_iter()
        .filter_map(|(date, (n, q, on))| {
            let at = partner_model::time::parse(&date)?;
            Some(Event { at, text: t::hub::Renewing { count: n, on, units: q }.text(), date })
        })
        .collect()
}

/// The customer's subscriptions (read a batch a task: a customer may have thousands).
type Subs = Vec<SubscriptionSummary>;

/// `/customers/:id`.
#[component]
pub fn CustomerHub() -> impl IntoView {
    let rt = runtime();
    let params = params::<RecordParams>();
    let id = Memo::new(move |_| params.read().id.clone());
    let rt2 = rt.clone();
    let customer = Loaded::new(move || fetch(customers::get(&rt2, &id.get())));
    let leads = LeadsRead::new(rt.clone());
    let subs = Loaded::new(move || fetch_items(subscriptions::summaries(&rt, &id.get())));
    view! {
        <section class="page">
            <Load resource=customer what=t::load::customer() settling=customer_settling render=move |c: Customer| {
                remember("customer", &c.customer_id, &c.company_profile.company_name);
                let settling = customer_settling(&c);
                view! { <Hub customer=c subs leads settling/> }.into_any()
            }/>
        </section>
    }
}

/// A pending customer, or a 3-Year Commit request still waiting for Adobe.
fn customer_settling(c: &Customer) -> bool {
    c.status == Status::Pending
        || c.three_year_commit().is_some_and(|b| {
            [&b.commitment_request, &b.recommitment_request]
                .iter()
                .any(|r| r.as_ref().is_some_and(|r| r.status == Some(CommitmentStatus::Requested)))
        })
}

#[component]
fn Hub(customer: Customer, subs: Loaded<Subs>, leads: LeadsRead, settling: bool) -> impl IntoView {
    let c = customer;
    let cid = c.customer_id.clone();
    let segment = c
        .company_profile
        .market_segment
        .as_ref()
        .map(|s| {
            market_segment(s.as_str())
                .map(|m| format!("{} ({})", crate::i18n::model(m.name), m.code))
                .unwrap_or_else(|| s.as_str().to_string())
        })
        .unwrap_or_default();
    let subs_text = c
        .company_profile
        .market_sub_segments
        .iter()
        .map(|s| {
            sub_segment(s.as_str())
                .map(|m| crate::i18n::model(m.name).to_string())
                .unwrap_or_else(|| s.as_str().to_string())
        })
        .collect::<Vec<_>>()
        .join(", ");
    let tyc = c.three_year_commit().cloned();
    let lga = c.is_lga();
    let lga_pending = c.lga_pending();
    let benefits_label = if c.us_or_canadian_government() { t::hub::benefits_gov() } else { t::hub::benefits() };
    view! {
        <div class="page-head">
            <h1 translate="no">{c.company_profile.company_name.clone()}</h1>
            <div class="actions">
                <A href=To::NewOrder { customer: &cid, lines: &[] }.href() attr:class="button primary">{t::hub::place_order()}</A>
                <A href=To::EditCustomer(&cid).href() attr:class="button">{t::hub::edit()}</A>
                <A href=To::Benefits(&cid).href() attr:class="button">{benefits_label}</A>
            </div>
        </div>
        <p class="lede">
            {t::hub::customer()}" " <code>{cid.clone()}</code> " · " <StatusExplained kind=ResourceKind::Customer code=c.status.as_str().to_string()/>
            {settling.then(|| view! { <span class="following" role="status">" · "{t::hub::following()}</span> })}
        </p>
        <nav class="record-links" aria-label=t::hub::records()>
            <A href=To::Orders { customer: &cid }.href()>{t::hub::orders()}</A>
            <A href=To::Subscriptions { customer: &cid }.href()>{t::hub::subscriptions()}</A>
            <A href=To::OpenAcquisitions(&cid).href()>{t::hub::pending_licenses()}</A>
            <A href=To::Renewal { customer: &cid, lines: &[] }.href()>{t::hub::renewal_preview()}</A>
            {(c.global_sales_enabled == Some(true)).then(|| view! { <A href=To::Deployments(&cid).href()>{t::hub::deployments()}</A> })}
        </nav>
        <div class="columns">
            <Facts title=t::hub::profile() rows=vec![
                (t::hub::customer_id(), c.customer_id.clone()),
                (t::hub::external_reference(), c.external_reference_id.clone()),
                (t::hub::created(), day(&c.creation_date)),
                (t::hub::market_segment(), segment),
                (t::hub::sub_segments(), subs_text),
                (t::hub::preferred_language(), crate::format::language_name(&c.company_profile.preferred_language)),
                (t::hub::global_sales(), c.global_sales_enabled.map(|g| if g { t::hub::enabled() } else { t::hub::not_enabled() }.to_string()).unwrap_or_default()),
            ] also=account_facts(&c)/>
            <Facts title=t::hub::address() rows=address_rows(&c.company_profile.address)/>
        </div>
        // Below the first screen, each section in a task of its own.
        <InTurn><Leads customer=cid.clone() leads/></InTurn>
        <InTurn><Pictures subs/></InTurn>
        <InTurn><Discounts discounts=c.discounts.clone()/></InTurn>
        {tyc.map(|b| view! { <InTurn><ThreeYearCommit benefit=b subs/></InTurn> })}
        {(lga || c.linked_membership.is_some()).then(|| view! { <InTurn><Membership lga pending=lga_pending linked=c.linked_membership.clone()/></InTurn> })}
        <InTurn><ContactTable contacts=c.company_profile.contacts.clone()/></InTurn>
    }
}

/// A product of an open lead from Adobe, with the way to act on the lead in its first row.
#[derive(Debug, PartialEq)]
struct LeadItem {
    renewal: bool,
    offer: String,
    quantity: Option<u64>,
    created: String,
    expires: String,
    /// "Place this order" with the lead's lines, or the renewal page; `None` after the lead's
    /// first row.
    act: Option<String>,
}

static LEAD_ITEMS: &[Column<LeadItem>] = &[
    Column::text(t::column::lead, |l: &LeadItem| {
        Cell::Words(if l.renewal { t::hub::to_renew() } else { t::hub::to_buy() }.to_string())
    }),
    Column::text(t::column::product, |l| Cell::Product(l.offer.clone())),
    Column::text(t::column::quantity, |l: &LeadItem| Cell::Text(l.quantity.map(|q| q.to_string()).unwrap_or_default()))
        .numeric(),
    Column::text(t::column::created, |l| Cell::Day(l.created.clone())),
    Column::text(t::column::expires, |l| Cell::Day(l.expires.clone())),
    Column::text(t::column::action, |l| match &l.act {
        Some(href) => {
            let text = if l.renewal { t::subscription::renew_by_hand() } else { t::hub::lead_place() };
            Cell::Action { href: href.clone(), text, about: t::hub::lead_created(day(&l.created)) }
        }
        None => Cell::Text(String::new()),
    }),
];

/// The customer's open leads from Adobe, a row per product, each lead with the way to act on
/// it. A read that fails says so in a line: the hub's other sections stand. The table names
/// the products, so a customer with open leads has the price lists' names read as they are
/// drawn, not when the chart below comes near the screen.
#[component]
fn Leads(customer: String, leads: LeadsRead) -> impl IntoView {
    view! {
        <section class="facts-section leads">
            <h2>{t::hub::leads()}</h2>
            <p class="hint">{t::hub::leads_hint()}</p>
            <Load resource=leads.read(&customer) what=t::load::leads() quiet=true render=move |answer: LeadsAnswer| {
                let rows = lead_items(&customer, answer.overlay_recommendations, now());
                view! { <DataTable caption=t::hub::leads().to_string() columns=LEAD_ITEMS rows empty=t::hub::no_leads()/> }
                    .into_any()
            }/>
        </section>
    }
}

/// The customer's leads from Adobe, read once the hub first draws their section (a task after
/// the first screen), and kept by the page: a hub drawn again (a settling customer read again)
/// shows what was read rather than reading it again. Kept with the customer it was read for:
/// the page of another customer (the same route, another id) reads that one's.
#[derive(Clone, Copy)]
struct LeadsRead(StoredValue<LeadsState>);

struct LeadsState {
    /// The page's owner, which the read belongs to.
    owner: Owner,
    rt: Runtime,
    read: Option<(String, Loaded<LeadsAnswer>)>,
}

impl LeadsRead {
    fn new(rt: Runtime) -> LeadsRead {
        LeadsRead(StoredValue::new(LeadsState { owner: Owner::current().unwrap_or_default(), rt, read: None }))
    }

    /// The read of `customer`'s leads, started on the first call for it.
    fn read(&self, customer: &str) -> Loaded<LeadsAnswer> {
        let kept = self.0.with_value(|s| s.read.as_ref().filter(|(of, _)| of == customer).map(|(_, read)| *read));
        if let Some(read) = kept {
            return read;
        }
        let (owner, rt, id) = self.0.with_value(|s| (s.owner.clone(), s.rt.clone(), customer.to_string()));
        let read = owner.with(|| Loaded::new(move || fetch(recommendations::leads(&rt, &id))));
        self.0.update_value(|s| s.read = Some((customer.to_string(), read)));
        read
    }
}

/// The leads open at `now` (ms) as rows, a row per product: the leads to buy, then those to
/// renew, each with its action in its first row, which starts its page from the lead's lines.
/// A product to buy without a quantity (or of none) starts its order line at one, as an empty
/// line does; one to renew without a quantity goes without one, and the renewal page starts its
/// rows at everything they have left (`orders::from_lead`).
fn lead_items(customer: &str, overlay: OverlayRecommendations, now: u64) -> Vec<LeadItem> {
    let leads = overlay.new.into_iter().map(|l| (false, l)).chain(overlay.renew.into_iter().map(|l| (true, l)));
    let mut rows = Vec::new();
    for (renewal, lead) in leads.filter(|(_, l)| l.is_open_at(now)) {
        let lines: Vec<(&str, Option<u64>)> =
            lead.items.iter().map(|i| (i.offer_id.as_str(), i.quantity.filter(|q| *q > 0))).collect();
        let mut act = Some(if renewal {
            To::Renewal { customer, lines: &lines }.href()
        } else {
            let lines: Vec<(&str, u64)> = lines.iter().map(|(o, q)| (*o, q.unwrap_or(1))).collect();
            To::NewOrder { customer, lines: &lines }.href()
        });
        for item in &lead.items {
            rows.push(LeadItem {
                renewal,
                offer: item.offer_id.clone(),
                quantity: item.quantity,
                created: lead.created_at.clone(),
                expires: lead.expires_at.clone(),
                act: act.take(),
            });
        }
    }
    rows
}

/// Licenses per product and the renewals of the next twelve months, drawn from the
/// subscriptions.
#[component]
fn Pictures(subs: Loaded<Subs>) -> impl IntoView {
    view! {
        <section class="facts-section pictures">
            <h2>{t::hub::licenses_renewals()}</h2>
            <Load resource=subs what=t::load::subscriptions() render=move |list: Subs| {
                let pairs = license_pairs(&list);
                let from = now() / partner_model::time::DAY * partner_model::time::DAY;
                let events = renewal_events(&list);
                view! {
                    {if pairs.is_empty() {
                        view! { <p class="empty">{t::hub::no_licenses()}</p> }.into_any()
                    } else {
                        let catalog = crate::catalog::catalog();
                        // The names once the chart comes near the screen (on a phone it is
                        // below the first screen): the offer ids show until then.
                        let chart = NodeRef::<leptos::html::Div>::new();
                        let rt = runtime();
                        chart.on_load(move |el| when_near_screen(&el, move || catalog.ensure(&rt)));
                        // Each offer by its product's name once the price lists have arrived.
                        let named = move || {
                            let pairs: Vec<Pair> = pairs.iter().map(|p| Pair {
                                label: catalog.name(&p.label).unwrap_or_else(|| p.label.clone()),
                                ..p.clone()
                            }).collect();
                            view! { <PairedBars caption=t::hub::licenses_chart() pairs/> }
                        };
                        // In an element of its own: a reactive view at the top of a Suspend's
                        // content re-renders inside the Suspend's mount ("already borrowed").
                        view! { <div class="named-chart" node_ref=chart>{named}</div> }.into_any()
                    }}
                    <Timeline caption=t::hub::renewals_chart() from to=from + 365 * partner_model::time::DAY events
                        empty=t::hub::no_renewals()/>
                }.into_any()
            }/>
        </section>
    }
}

static DISCOUNTS: &[Column<Discount>] = &[
    Column::text(t::column::offer_type, |d: &Discount| {
        Cell::Words(crate::format::sentence_case(crate::i18n::model(d.offer_type.words())))
    }),
    // A High Volume Discount customer's code beside its level.
    Column::text(t::column::level, |d| {
        Cell::Text(if d.discount_code.is_empty() {
            d.level.clone()
        } else {
            format!("{} · {}", d.level, d.discount_code)
        })
    }),
    Column::text(t::column::what_it_means, |d| {
        Cell::Words(
            discount_level(&d.level)
                .map(|l| crate::i18n::model(l.meaning))
                .unwrap_or(t::hub::unknown_level())
                .to_string(),
        )
    }),
];

#[component]
pub(crate) fn Discounts(discounts: Vec<Discount>) -> impl IntoView {
    view! {
        <section class="facts-section">
            <h2>{t::hub::discount_levels()} <Explain key="level"/></h2>
            {if discounts.is_empty() {
                view! { <p class="empty">{t::hub::no_level()}</p> }.into_any()
            } else {
                view! { <DataTable caption=t::hub::discount_levels().to_string() columns=DISCOUNTS rows=discounts empty=""/> }.into_any()
            }}
        </section>
    }
}

pub(crate) fn commitment_badge(status: Option<&CommitmentStatus>) -> AnyView {
    let code = status.map(|s| s.as_str().to_string()).unwrap_or_default();
    match commitment_status(&code) {
        Some(label) => {
            let (words, meaning) = (crate::i18n::model(label.label), crate::i18n::model(label.meaning));
            view! { <span class=tone_class(label.tone) title=meaning>{words}</span> " " <span class="meaning">{meaning}</span> }.into_any()
        }
        None => {
            let words = if code.is_empty() {
                crate::i18n::model(partner_model::catalog::status::NO_STATUS.label).to_string()
            } else {
                code
            };
            view! { <span class="badge neutral">{words}</span> }.into_any()
        }
    }
}

/// One minimum quantity against what the customer has now.
#[component]
fn Progress(label: String, current: u64, minimum: u64) -> impl IntoView {
    let pct = current.saturating_mul(100).checked_div(minimum).map_or(100, |p| p.min(100));
    let text = t::hub::Of { current, minimum }.text();
    view! {
        <div class="progress-row">
            <span class="progress-label">{label.clone()}</span>
            <progress max="100" value=pct.to_string() aria-label=format!("{label}: {text}")>{text.clone()}</progress>
            <span class="progress-text">{text}{(current >= minimum).then(|| format!(" ✓ {}", t::hub::met()))}</span>
        </div>
    }
}

#[component]
fn ThreeYearCommit(benefit: Benefit, subs: Loaded<Subs>) -> impl IntoView {
    let commitment = benefit.commitment.clone();
    let requests = [
        (t::hub::tyc_request(), benefit.commitment_request.clone()),
        (t::hub::recommitment_request(), benefit.recommitment_request.clone()),
    ];
    view! {
        <section class="facts-section">
            <h2>{t::hub::three_year_commit()} <Explain key="3yc"/></h2>
            {commitment.map(|c| {
                let minimums = c.minimum_quantities.clone();
                view! {
                    <CommitmentFacts commitment=c dates=true/>
                    <h3>{t::hub::minimums()}</h3>
                    <Load resource=subs what=t::load::current_quantities() quiet=true render=move |list: Subs| {
                        let (licenses, consumables) = current_quantities(&list);
                        minimums.iter().map(|m| {
                            let current = if m.offer_type == OfferType::Consumables { consumables } else { licenses };
                            view! { <Progress label=crate::format::sentence_case(crate::i18n::model(m.offer_type.words())) current minimum=m.quantity/> }
                        }).collect_view().into_any()
                    }/>
                }
            })}
            {requests.into_iter().filter_map(|(title, r)| r.map(|r| view! {
                <h3>{title}</h3>
                <CommitmentFacts commitment=r minimums=true/>
            })).collect_view()}
        </section>
    }
}

/// A 3-Year Commit commitment or request as facts: its status, and its dates or its minimums
/// (the hub, the benefits page, the VIP → VIPMP preview).
#[component]
pub(crate) fn CommitmentFacts(
    commitment: Commitment,
    #[prop(optional)] dates: bool,
    #[prop(optional)] minimums: bool,
) -> impl IntoView {
    let c = commitment;
    view! {
        <dl class="facts">
            <dt>{t::hub::status()}</dt><dd>{commitment_badge(c.status.as_ref())}</dd>
            {dates.then(|| view! {
                <dt>{t::hub::start()}</dt><dd translate="no">{day(&c.start_date)}</dd>
                <dt>{t::hub::end()}</dt><dd translate="no">{day(&c.end_date)}</dd>
            })}
            {minimums.then(|| c.minimum_quantities.into_iter().map(|m| view! {
                <dt>{t::hub::minimum(crate::i18n::model(m.offer_type.words()))}</dt><dd>{m.quantity.to_string()}</dd>
            }).collect_view())}
        </dl>
    }
}

/// A benefit type in plain words (the wire's name when it is a new one).
fn benefit_words(wire: &str) -> String {
    match BenefitType::from_wire(wire) {
        BenefitType::LargeGovernmentAgency => t::hub::lga().into(),
        BenefitType::ThreeYearCommit => t::hub::three_year_commit().into(),
        _ => wire.to_string(),
    }
}

#[component]
fn Membership(
    lga: bool,
    /// Converted, and an LGA from its anniversary.
    pending: bool,
    linked: Option<LinkedMembership>,
) -> impl IntoView {
    view! {
        <section class="facts-section">
            <h2>{t::hub::lga_linked()}</h2>
            {lga.then(|| view! { <p>{if pending { t::hub::lga_pending() } else { t::hub::has_lga() }}</p> })}
            {match linked {
                Some(l) => view! {
                    <dl class="facts">
                        <dt>{t::hub::linked_membership()}</dt><dd>{l.name}</dd>
                        <dt>{t::hub::id()}</dt><dd><code>{l.id}</code></dd>
                        <dt>{t::hub::r#type()}</dt><dd>{l.kind.map(|k| k.as_str().to_string()).unwrap_or_default()}</dd>
                        <dt>{t::hub::role()}</dt><dd>{l.linked_membership_type.map(|k| k.as_str().to_string()).unwrap_or_default()}</dd>
                        <dt>{t::hub::since()}</dt><dd translate="no">{day(&l.creation_date)}</dd>
                        {(!l.country.is_empty()).then(|| {
                            let country = crate::format::country_label(&l.country);
                            view! { <dt>{t::hub::group_country()}</dt><dd>{country}</dd> }
                        })}
                        {(!l.benefit_types.is_empty()).then(|| view! {
                            <dt>{t::hub::group_benefits()}</dt><dd>{l.benefit_types.iter().map(|b| benefit_words(b)).collect::<Vec<_>>().join(", ")}</dd>
                        })}
                    </dl>
                }.into_any(),
                None => view! { <p>{t::hub::not_linked()}" " <A href=To::LinkedMemberships.href()>{t::hub::find_group()}</A></p> }.into_any(),
            }}
        </section>
    }
}

/// The profile's facts drawn by views: the anniversary date with what it is, and the reseller
/// by name.
fn account_facts(c: &Customer) -> Vec<(&'static str, AnyView)> {
    let mut facts = Vec::new();
    if !c.coterm_date.is_empty() {
        facts.push((t::hub::anniversary(), view! { {day(&c.coterm_date)} <Explain key="anniversary"/> }.into_any()));
    }
    facts.push((t::hub::reseller(), view! { <ResellerLink id=c.reseller_id.clone()/> }.into_any()));
    facts
}

#[cfg(test)]
mod tests {
    use super::{lead_items, LeadItem};
    use partner_model::types::{CartOffer, Lead, OverlayRecommendations};

    const DAY: u64 = 86_400_000;

    fn lead(status: &str, expires: &str, items: &[(&str, Option<u64>)]) -> Lead {
        Lead {
            created_at: "2026-12-04T08:00:00Z".into(),
            expires_at: expires.into(),
            status: status.into(),
            items: items.iter().map(|(o, q)| CartOffer { offer_id: o.to_string(), quantity: *q }).collect(),
        }
    }

    #[test]
    fn each_open_leads_products_are_rows_with_the_leads_action_in_its_first() {
        let now = partner_model::time::parse("2026-12-07T00:00:00Z").unwrap_or_default();
        let overlay = OverlayRecommendations {
            new: vec![
                lead("EXPIRED", "2026-12-01T00:00:00Z", &[("30006208CA01A12", Some(3))]),
                // Still OPEN in the answer, but past its end.
                lead("OPEN", "2026-12-06T00:00:00Z", &[("30006208CA01A12", Some(3))]),
                lead("OPEN", "2027-01-03T00:00:00Z", &[("65304479CA01A12", Some(25)), ("65322651CA01A12", None)]),
            ],
            renew: vec![lead("OPEN", "", &[("69804578CA01A12", Some(22)), ("65304479CA01A12", None)])],
        };
        let rows = lead_items("1005", overlay, now);
        let made = |renewal, offer: &str, quantity, expires: &str, act: Option<&str>| LeadItem {
            renewal,
            offer: offer.into(),
            quantity,
            created: "2026-12-04T08:00:00Z".into(),
            expires: expires.into(),
            act: act.map(str::to_string),
        };
        assert_eq!(
            rows,
            vec![
                made(
                    false,
                    "65304479CA01A12",
                    Some(25),
                    "2027-01-03T00:00:00Z",
                    // A product without a quantity starts its line at one.
                    Some("/customers/1005/orders/new?line=65304479CA01A12:25&line=65322651CA01A12:1")
                ),
                made(false, "65322651CA01A12", None, "2027-01-03T00:00:00Z", None),
                // An end the API did not give leaves the lead to its status. A product to renew
                // without a quantity goes without one: everything its licenses have left.
                made(
                    true,
                    "69804578CA01A12",
                    Some(22),
                    "",
                    Some("/customers/1005/renewal?line=69804578CA01A12:22&line=65304479CA01A12")
                ),
                made(true, "65304479CA01A12", None, "", None),
            ]
        );
        // A lead is closed from its end on.
        let ends_now = OverlayRecommendations {
            new: vec![lead("OPEN", "2026-12-08T00:00:00Z", &[("30006208CA01A12", Some(0))])],
            renew: Vec::new(),
        };
        let open = lead_items("1005", ends_now.clone(), now + DAY - 1);
        assert_eq!(
            open.first().and_then(|r| r.act.as_deref()),
            Some("/customers/1005/orders/new?line=30006208CA01A12:1")
        );
        assert_eq!(lead_items("1005", ends_now, now + DAY), Vec::new());
    }
}
