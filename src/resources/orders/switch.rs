//! Mid-term upgrades: from a subscription's page, the products its upgrade paths allow
//! (`GET /v3/offer-switch-paths` for that subscription), how many licenses move (all of them on
//! a full-only path), a priced preview (PREVIEW_SWITCH) of what is added and what is credited,
//! then the SWITCH order, which its page follows. From a complete SWITCH order's page, undoing
//! it within 14 days: a priced PREVIEW_REVERT_SWITCH, then the REVERT_SWITCH. Both ways the
//! reseller chooses whether the users move with the licenses (`reassign-users=true`): without,
//! users of licenses that leave lose access.

use crate::api::calls::{orders, subscriptions};
use crate::api::error::Failure;
use crate::api::together::both;
use crate::components::detail::now;
use crate::components::error_panel::ErrorPanel;
use crate::components::form::{
    trimmed as g, BusyButton, CheckField, DraftNotice, FormScope, FormState, SelectField, TextField, Values,
};
use crate::components::loading::{Load, Loaded};
use crate::components::submit::{use_commit, use_preview, use_preview_submission, SubmissionError};
use crate::components::table::{Cell, Column, DataTable};
use crate::components::toast::toast;
use crate::format::money_of;
use crate::i18n::t;
use crate::resources::subscriptions::subscription_cell;
use crate::resources::{fetch, runtime};
use crate::routes::{params, CustomerRecordParams, To};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use partner_model::rules::switches::{revert_order, revertible, switch_order, switch_quantities, with_codes};
use partner_model::rules::validators::Invalid;
use partner_model::rules::FieldError;
use partner_model::types::{
    LinePricing, Order, OrderRequest, Status, Subscription, SwitchPathPage, SwitchTarget, SwitchType,
};
use serde_json::Number;

const TARGET: &str = "ui.target";
const QUANTITY: &str = "ui.quantity";
const REASSIGN: &str = "ui.reassignUsers";
/// The licenses held, and the targets whose path moves all of them (comma-separated).
const HELD: &str = "fact.held";
const FULL: &str = "fact.fullOnly";

fn check(v: &Values) -> Vec<FieldError> {
    let target = g(v, TARGET);
    if target.is_empty() {
        return vec![FieldError::new(TARGET, Invalid::Explained(t::upgrade::choose().into()))];
    }
    let held: u64 = g(v, HELD).parse().unwrap_or(0);
    let kind =
        if g(v, FULL).split(',').any(|t| t == target) { SwitchType::FullOnly } else { SwitchType::PartialAllowed };
    let (min, max) = switch_quantities(&kind, held);
    match g(v, QUANTITY).parse::<u64>() {
        Ok(q) if (min..=max).contains(&q) => Vec::new(),
        _ if min == max => {
            vec![FieldError::new(QUANTITY, Invalid::Explained(t::upgrade::every_license(max)))]
        }
        _ => vec![FieldError::new(
            QUANTITY,
            Invalid::OutOfRange { min: i64::try_from(min).unwrap_or(0), max: i64::try_from(max).unwrap_or(i64::MAX) },
        )],
    }
}

/// What the upgrade page reads: the subscription, its upgrade targets in order, and the upgrades
/// of it still being processed.
type Upgrade = (Subscription, Vec<SwitchTarget>, Vec<Order>);

/// `/customers/:customer/subscriptions/:id/upgrade`.
#[component]
pub fn UpgradePage() -> impl IntoView {
    let rt = runtime();
    let ids = params::<CustomerRecordParams>();
    let data = Loaded::new(move || {
        let p = ids.get();
        let (sub, paths) = (subscriptions::get(&rt, &p.customer, &p.id), orders::switch_paths(&rt, &p.customer, &p.id));
        let open = orders::open(&rt, &p.customer, "SWITCH");
        let id = p.id.clone();
        async move {
            // Three reads side by side: none needs another's answer.
            let ((sub, paths), open) = both(both(fetch(sub), fetch(paths)), fetch(open)).await;
            let (sub, SwitchPathPage { product_upgrades, .. }, open) = (sub?, paths?, open?.items);
            let mut targets: Vec<SwitchTarget> = product_upgrades.into_iter().flat_map(|u| u.target_list).collect();
            partner_model::sort::stable_by_key(&mut targets, |t| t.sequence);
            let open =
                open.into_iter().filter(|o| o.cancelling_items.iter().any(|c| c.subscription_id == id)).collect();
            Ok::<Upgrade, Failure>((sub, targets, open))
        }
    });
    let catalog = crate::catalog::catalog();
    catalog.ensure(&runtime());
    view! {
        <section class="page">
            <div class="page-head">
                <h1>{t::upgrade::title()}</h1>
                <div class="actions">
                    <A href=move || { let p = ids.get(); To::Subscription { customer: &p.customer, id: &p.id }.href() } attr:class="button">{t::upgrade::back()}</A>
                </div>
            </div>
            <p class="lede">{t::upgrade::lede()}</p>
            <Load resource=data what=t::load::upgrade_paths() render=move |(sub, targets, open): Upgrade| {
                let customer = ids.get_untracked().customer;
                // "Only one switch order can be processed for a subscription at a time."
                if !open.is_empty() {
                    return view! {
                        <p class="notice" role="note">{t::upgrade::in_progress()}</p>
                        <DataTable caption=t::upgrade::in_progress_caption().to_string() show_caption=true columns=super::history::COLUMNS rows=open empty=""/>
                    }.into_any();
                }
                view! { <UpgradeForm sub targets customer/> }.into_any()
            }/>
        </section>
    }
}

#[component]
fn UpgradeForm(sub: Subscription, targets: Vec<SwitchTarget>, customer: String) -> impl IntoView {
    let names = crate::catalog::catalog();
    let name_of = move |offer: &str| names.name_untracked(offer).unwrap_or_else(|| offer.to_string());
    let held = sub.current_quantity.unwrap_or(0);
    let now_name = name_of(&sub.offer_id);
    if sub.status != Status::Active || held == 0 {
        return view! { <p class="notice" role="note">{t::upgrade::inactive()}</p> }.into_any();
    }
    if targets.is_empty() {
        return view! {
            <p class="notice" role="note">{t::upgrade::no_path(now_name)}</p>
        }
        .into_any();
    }
    let full: Vec<String> = targets
        .iter()
        .filter(|t| t.switch_type == SwitchType::FullOnly)
        .map(|t| t.target_base_offer_id.clone())
        .collect();
    let first = targets.first().map(|t| t.target_base_offer_id.clone()).unwrap_or_default();
    let mut start = Values::new();
    start.insert(TARGET.into(), first);
    start.insert(QUANTITY.into(), held.to_string());
    start.insert(HELD.into(), held.to_string());
    start.insert(FULL.into(), full.join(","));
    start.insert(REASSIGN.into(), String::new());
    let form = FormState::new(start, check, Some(format!("upgrade-{}", sub.subscription_id)));
    let options: Vec<(String, String)> = targets
        .iter()
        .map(|t| {
            let name = name_of(&t.target_base_offer_id);
            let label = if t.switch_type == SwitchType::FullOnly {
                t::upgrade::all_move(name)
            } else {
                t::upgrade::some_or_all(name)
            };
            (t.target_base_offer_id.clone(), label)
        })
        .collect();
    let target = form.watch(TARGET);
    let hint = Signal::derive(move || {
        if full.contains(&target.get()) {
            t::upgrade::FullHint { held, product: &now_name }.text()
        } else {
            t::upgrade::PartialHint { held, product: &now_name }.text()
        }
    });
    let rt = runtime();
    let preview = use_preview::<Order>(form);
    let (c2, id, currency) = (customer.clone(), sub.subscription_id.clone(), sub.currency_code.clone());
    let submission = use_preview_submission(
        form,
        move |v| {
            let quantity = g(&v, QUANTITY).parse().unwrap_or(0);
            let request = OrderRequest::PreviewSwitch(switch_order(&g(&v, TARGET), &id, quantity, &currency));
            let endpoint = orders::switch(&rt, &c2, &request, g(&v, REASSIGN) == "true");
            async move { fetch(endpoint).await.map(|o| (v, o)) }
        },
        move |answer: (Values, Order)| preview.set(Some(answer)),
    );
    view! {
        <FormScope form=form>
            <form novalidate on:submit=move |ev| submission.submit(ev)>
                <DraftNotice/>
                <p>{t::upgrade::Now { held, product: name_of(&sub.offer_id) }.text()} " " <code>{sub.subscription_id.clone()}</code></p>
                <SelectField path=TARGET label=t::upgrade::to() options=options/>
                <TextField path=QUANTITY label=t::upgrade::licenses() kind="number" hint/>
                <CheckField path=REASSIGN label=t::upgrade::reassign()
                    hint=t::upgrade::reassign_hint()/>
                <SubmissionError submission/>
                <div class="actions"><BusyButton label=t::upgrade::preview() busy=submission.busy/></div>
            </form>
            {move || preview.get().map(|(values, order)| view! { <PlaceSwitch values order customer=customer.clone()/> })}
        </FormScope>
    }
    .into_any()
}

/// The previewed upgrade and the button that places it.
#[component]
fn PlaceSwitch(values: Values, order: Order, customer: String) -> impl IntoView {
    let rt = runtime();
    let line = order.line_items.first().map(|l| (l.offer_id.clone(), l.quantity)).unwrap_or_default();
    let from = order.cancelling_items.first().map(|c| c.subscription_id.clone()).unwrap_or_default();
    let mut switch = switch_order(&line.0, &from, line.1, &order.currency_code);
    // The preview's High Volume Discount codes go with it, as an order's do.
    with_codes(
        &mut switch,
        order.line_items.first().map_or("", |l| l.discount_code.as_str()),
        order.cancelling_items.first().map_or("", |c| c.discount_code.as_str()),
    );
    let request = OrderRequest::Switch(switch);
    let reassign = g(&values, REASSIGN) == "true";
    let navigate = use_navigate();
    let c2 = customer.clone();
    let commit = use_commit(
        crate::components::form::use_form(),
        move || fetch(orders::switch(&rt, &c2, &request, reassign)),
        move |o: Order| {
            toast(t::upgrade::placed(&o.order_id));
            navigate(&To::Order { customer: &customer, id: &o.order_id }.path(), Default::default());
        },
    );
    let (pending, failure) = (commit.pending, commit.failure);
    view! {
        <section class="facts-section preview" aria-labelledby="preview-title">
            <h2 id="preview-title">{t::upgrade::preview_title()}</h2>
            <SwitchLines order=order.clone() customer=String::new() caption=t::upgrade::what_changes()/>
            <p>{t::upgrade::sends_exactly()}</p>
            {move || failure.get().map(|f| view! { <ErrorPanel failure=f/> })}
            <BusyButton label=t::upgrade::place() working=t::upgrade::placing() busy=pending on_click=Callback::new(move |_| commit.send())/>
        </section>
    }
}

/// One row of a switch: what it adds or what it replaces.
struct Move {
    customer: String,
    change: &'static str,
    offer: String,
    subscription: String,
    quantity: u64,
    days: Option<u64>,
    pricing: Option<LinePricing>,
    currency: String,
}

impl Move {
    fn money(&self, of: impl Fn(&LinePricing) -> Option<&Number>) -> Cell {
        Cell::Text(money_of(self.pricing.as_ref().and_then(of), &self.currency))
    }
}

static MOVES: &[Column<Move>] = &[
    Column::text(t::column::change, |m: &Move| Cell::Words(m.change.to_string())),
    Column::text(t::column::product, |m| Cell::Product(m.offer.clone())),
    Column::text(t::column::subscription, |m| subscription_cell(&m.customer, &m.subscription)),
    Column::text(t::column::licenses, |m: &Move| Cell::Text(m.quantity.to_string())).numeric(),
];

/// [`MOVES`] with the prices of a preview.
static PRICED_MOVES: &[Column<Move>] = &[
    Column::text(t::column::change, |m: &Move| Cell::Words(m.change.to_string())),
    Column::text(t::column::product, |m| Cell::Product(m.offer.clone())),
    Column::text(t::column::subscription, |m| subscription_cell(&m.customer, &m.subscription)),
    Column::text(t::column::licenses, |m: &Move| Cell::Text(m.quantity.to_string())).numeric(),
    Column::text(t::column::unit_price_a_year, |m: &Move| m.money(|p| p.partner_price.as_ref())).numeric(),
    Column::text(t::column::days, |m: &Move| Cell::Text(m.days.map(|d| d.to_string()).unwrap_or_default())).numeric(),
    Column::text(t::column::amount, |m: &Move| m.money(|p| p.line_item_partner_price.as_ref())).numeric(),
];

/// A switch's (or revert's) lines: the product added and the licenses it replaces, with their
/// prices when the API gave them; `customer` links the subscriptions (none in a preview);
/// `caption` names the table. A preview's total is an estimate; a `placed` order's page says
/// what Adobe invoiced itself.
#[component]
pub fn SwitchLines(
    order: Order,
    customer: String,
    caption: &'static str,
    #[prop(optional)] placed: bool,
) -> impl IntoView {
    let priced = order.line_items.iter().any(|l| l.pricing.is_some());
    let days = order.line_items.first().and_then(|l| l.prorated_days);
    let mut rows: Vec<Move> = order
        .line_items
        .iter()
        .map(|l| Move {
            customer: customer.clone(),
            change: t::upgrade::adds(),
            offer: l.offer_id.clone(),
            subscription: l.subscription_id.clone(),
            quantity: l.quantity,
            days: l.prorated_days,
            pricing: l.pricing.clone(),
            currency: order.currency_code.clone(),
        })
        .collect();
    rows.extend(order.cancelling_items.iter().map(|c| Move {
        customer: customer.clone(),
        change: t::upgrade::replaces(),
        offer: c.offer_id.clone(),
        subscription: c.subscription_id.clone(),
        quantity: c.quantity,
        days: c.pricing.as_ref().and(days),
        pricing: c.pricing.clone(),
        currency: order.currency_code.clone(),
    }));
    let total = super::total_of(&order).filter(|_| !placed);
    view! {
        <DataTable caption=caption.to_string() show_caption=true columns=if priced { PRICED_MOVES } else { MOVES } rows empty=""/>
        {total.map(|t| view! {
            <p class="order-total">{t::upgrade::total()}" " <strong>{t}</strong> " — " {t::upgrade::total_note()}</p>
        })}
    }
}

/// On a SWITCH order's page: undoing it within 14 days, after a priced preview.
#[component]
pub fn UndoSwitch(order: Order, customer: String) -> impl IntoView {
    let until = match revertible(&order, now()) {
        Ok(until) => until,
        Err(why) => {
            return view! { <p class="notice" role="note">{t::upgrade::not_revertible(not_revertible_words(&why))}</p> }
                .into_any()
        }
    };
    let (Some(preview_request), Some(request)) = (revert_order(&order, true), revert_order(&order, false)) else {
        return view! { <p class="notice" role="note">{t::upgrade::lacks()}</p> }.into_any();
    };
    let rt = runtime();
    let mut start = Values::new();
    start.insert(REASSIGN.into(), String::new());
    let form = FormState::new(start, |_| Vec::new(), None).within("#undo-switch");
    let preview = use_preview::<Order>(form);
    let c2 = customer.clone();
    let submission = use_preview_submission(
        form,
        move |v| {
            let endpoint = orders::switch(&rt, &c2, &preview_request, g(&v, REASSIGN) == "true");
            async move { fetch(endpoint).await.map(|o| (v, o)) }
        },
        move |answer: (Values, Order)| preview.set(Some(answer)),
    );
    let navigate = use_navigate();
    let (c3, rt, customer2) = (customer.clone(), runtime(), customer.clone());
    let commit = use_commit(
        form,
        move || {
            // With the users moved back, or not, as the preview was asked.
            let users = preview.with_untracked(|p| p.as_ref().is_some_and(|(v, _)| g(v, REASSIGN) == "true"));
            fetch(orders::switch(&rt, &c3, &request, users))
        },
        move |o: Order| {
            toast(t::upgrade::undone(&o.order_id));
            navigate(&To::Order { customer: &customer, id: &o.order_id }.path(), Default::default());
        },
    );
    let (pending, failure) = (commit.pending, commit.failure);
    let probe = OrderRequest::RevertSwitch(partner_model::types::SwitchOrder {
        reference_order_id: order.order_id.clone(),
        ..Default::default()
    });
    view! {
        <FormScope form=form>
            <div id="undo-switch">
                <super::unanswered::Unanswered form customer=customer2 probe what=t::unanswered::undo()/>
                <p>{t::upgrade::undo_until(crate::components::detail::moment(until))}</p>
                <form novalidate on:submit=move |ev| submission.submit(ev)>
                    <CheckField path=REASSIGN label=t::upgrade::reassign_back() hint=t::upgrade::reassign_back_hint()/>
                    <SubmissionError submission/>
                    <BusyButton label=t::upgrade::preview_undo() busy=submission.busy/>
                </form>
                {move || preview.get().map(|(_, o)| view! {
                    <SwitchLines order=o customer=String::new() caption=t::upgrade::what_undo_changes()/>
                    {move || failure.get().map(|f| view! { <ErrorPanel failure=f/> })}
                    <BusyButton label=t::upgrade::undo() working=t::upgrade::undoing() busy=pending on_click=Callback::new(move |_| commit.send())/>
                })}
            </div>
        </FormScope>
    }
    .into_any()
}

/// Why an upgrade cannot be undone, in words.
fn not_revertible_words(why: &partner_model::rules::switches::NotRevertible) -> String {
    use partner_model::rules::switches::NotRevertible;
    match why {
        NotRevertible::NotSwitch => t::upgrade::not_switch().into(),
        NotRevertible::Open => t::upgrade::still_open().into(),
        NotRevertible::NotComplete => t::upgrade::not_complete().into(),
        NotRevertible::NoDate => t::upgrade::no_date().into(),
        NotRevertible::Closed(until) => t::upgrade::closed(crate::components::detail::moment(*until)),
    }
}
