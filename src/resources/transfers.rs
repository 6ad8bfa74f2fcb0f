//! Moving customers in. A reseller change: the customer's approval code, the requesting admin's
//! email and the receiving reseller; PREVIEW shows the customer, when the code expires and each
//! subscription that moves; COMMIT, only after an explicit confirmation and under one intent,
//! makes the change ("201 Reseller transfer completed"), whose page shows it with the
//! subscriptions under their ids, linked; one the API answers still pending (1002) the page
//! follows until it completes. VIP → VIPMP (`memberships`) follows its transfer with the same
//! [`TransferView`], where the subscriptions are new.

use crate::api::calls::transfers;
use crate::components::confirm::ConfirmDialog;
use crate::components::detail::{now, Facts};
use crate::components::error_panel::ErrorPanel;
use crate::components::form::{
    check_paths, trimmed as g, use_form, BusyButton, DraftNotice, FormScope, FormState, TextField, UnsavedGuard, Values,
};
use crate::components::loading::Load;
use crate::components::names::{customer_name, reseller_name, CustomerLink, ResellerLink, ResellerName};
use crate::components::query::use_query_state;
use crate::components::sandbox_help::DemoApprovalCodes;
use crate::components::status::StatusExplained;
use crate::components::submit::{use_commit, use_preview, use_preview_submission, SubmissionError};
use crate::components::table::{Cell, Column, DataTable};
use crate::components::toast::toast;
use crate::i18n::t;
use crate::resources::subscriptions::subscription_cell;
use crate::resources::{fetch, load_by_id, runtime};
use crate::routes::route;
use crate::routes::To;
use leptos::prelude::*;
use leptos_router::any_nested_route::AnyNestedRoute;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use leptos_router::path;
use partner_model::catalog::status::ResourceKind;
use partner_model::rules::FieldError;
use partner_model::time;
use partner_model::types::{
    Benefit, BenefitType, Discount, ResellerChangeAction, ResellerChangeRequest, ResellerChangeTransfer, Status,
    TransferItem,
};

/// `/transfers` (a reseller change), `/transfers/:id` (one, followed until complete).
pub fn transfer_routes() -> Vec<AnyNestedRoute> {
    vec![
        route(path!("/transfers"), crate::split_page!(partners, reseller_change, ResellerChange)),
        route(path!("/transfers/:id"), crate::split_page!(partners, reseller_change_page, ResellerChangePage)),
    ]
}

fn check(v: &Values) -> Vec<FieldError> {
    check_paths(v, &["approvalCode", "requestedBy", "resellerId"])
}

fn request(v: &Values, action: ResellerChangeAction) -> ResellerChangeRequest {
    ResellerChangeRequest::new(action, &g(v, "approvalCode"), &g(v, "resellerId"), &g(v, "requestedBy"))
}

/// `/transfers` (`?reseller=` prefills the receiving reseller).
#[component]
pub fn ResellerChange() -> impl IntoView {
    let rt = runtime();
    let query = use_query_state();
    let receiving = query.get_untracked("reseller");
    let mut start = Values::new();
    start.insert("resellerId".into(), receiving.clone());
    // The approval code and email are kept as a draft (one per receiving reseller the page was
    // opened for), so a reload loses nothing; committing settles the form and the draft goes.
    // The code is a secret: its draft stays in this tab.
    let form = FormState::with_secret(start, check, format!("reseller-change-{receiving}"));
    let preview = use_preview::<ResellerChangeTransfer>(form);
    let submission = use_preview_submission(
        form,
        move |v| {
            let endpoint = transfers::reseller_change(&rt, &request(&v, ResellerChangeAction::Preview));
            async move { fetch(endpoint).await.map(|t| (v, t)) }
        },
        move |answer| preview.set(Some(answer)),
    );
    view! {
        <FormScope form=form>
            <section class="page">
                <div class="page-head"><h1>{t::transfer::heading()}</h1></div>
                <p class="lede">
                    {t::transfer::lede()}
                </p>
                <DemoApprovalCodes use_code=Callback::new(move |code: String| form.set("approvalCode", code))/>
                <DraftNotice/>
                <UnsavedGuard/>
                <form novalidate on:submit=move |ev| submission.submit(ev)>
                    <fieldset class="group">
                        <legend>{t::transfer::the_change()}</legend>
                        <TextField path="approvalCode" hint=t::transfer::code_hint()/>
                        <TextField path="requestedBy" kind="email" autocomplete="email" hint=t::transfer::requested_by_hint()/>
                        <TextField path="resellerId" label=t::transfer::receiving_id() hint=t::transfer::receiving_hint()/>
                    </fieldset>
                    <SubmissionError submission/>
                    <div class="actions"><BusyButton label=t::transfer::preview() busy=submission.busy/></div>
                </form>
                {move || preview.get().map(|(values, transfer)| view! { <ChangePreview values transfer/> })}
            </section>
        </FormScope>
    }
}

/// What the preview found, and the commit behind a confirmation.
#[component]
fn ChangePreview(values: Values, transfer: ResellerChangeTransfer) -> impl IntoView {
    let rt = runtime();
    let names_rt = rt.clone();
    let navigate = use_navigate();
    let commit_request = StoredValue::new(request(&values, ResellerChangeAction::Commit));
    let commit = use_commit(
        use_form(),
        move || {
            let endpoint = transfers::reseller_change(&rt, &commit_request.get_value());
            async move { fetch(endpoint).await }
        },
        move |t: ResellerChangeTransfer| {
            toast(if t.status == Status::Active {
                t::transfer::done(&t.transfer_id)
            } else {
                t::transfer::started(&t.transfer_id)
            });
            navigate(&To::Transfer(&t.transfer_id).path(), Default::default());
        },
    );
    let (pending, failure) = (commit.pending, commit.failure);
    let asking = RwSignal::new(false);
    let expiry = transfer.approval.as_ref().map(|a| a.expiry.clone()).unwrap_or_default();
    let left = time::parse(&expiry).map(|at| crate::format::left_words(time::left(at, now()))).unwrap_or_default();
    let customer = transfer.customer_id.clone();
    let reseller = transfer.reseller_id.clone();
    let count = transfer.line_items.len();
    let title = Signal::derive({
        let (c, r) = (customer.clone(), reseller.clone());
        let (c_name, r_name) = (customer_name(&names_rt, &c), reseller_name(&names_rt, &r));
        move || {
            t::transfer::ConfirmTitle {
                customer: or_id(c_name.get(), |id| t::transfer::customer_id(id), &c),
                reseller: or_id(r_name.get(), |id| t::transfer::reseller_id(id), &r),
            }
            .text()
        }
    });
    let body = Signal::derive(move || t::transfer::confirm_body(count));
    let confirm = Callback::new(move |_| commit.send());
    // The reseller the customer leaves, when this user may read the customer (staff may; the
    // receiving reseller's own user may not, until the customer is theirs).
    // Read apart from the page's Suspense, which would otherwise draw the preview again (and
    // take the focus off its button) when the answer comes.
    let leaves = RwSignal::new(None::<String>);
    let endpoint = crate::api::calls::customers::get(&names_rt, &customer);
    crate::api::calls::spawn_for_view(async move {
        if let Some(from) = fetch(endpoint).await.ok().map(|c| c.reseller_id).filter(|r| !r.is_empty()) {
            leaves.try_set(Some(from));
        }
    });
    view! {
        <section class="facts-section preview" aria-labelledby="preview-title">
            <h2 id="preview-title">{t::transfer::preview_title()}</h2>
            <dl class="facts">
                <dt>{t::transfer::customer()}</dt>
                <dd><CustomerLink id=customer.clone()/></dd>
                {move || leaves.get().map(|from| view! {
                    <dt>{t::transfer::leaves()}</dt>
                    <dd><ResellerName id=from/></dd>
                })}
                <dt>{t::transfer::moves_to()}</dt>
                <dd><ResellerLink id=reseller.clone()/></dd>
                <dt>{t::transfer::code_expires()}</dt>
                <dd>{t::transfer::Expires { at: crate::components::detail::moment_text(&expiry), left }.text()}</dd>
            </dl>
            <ItemsTable items=transfer.line_items.clone() caption=t::transfer::moving() new_ids=false/>
            <BringsAlong benefits=transfer.benefits.clone() discounts=transfer.discounts.clone()/>
            {move || failure.get().map(|f| view! { <ErrorPanel failure=f/> })}
            <BusyButton label=t::transfer::commit() working=t::transfer::committing() busy=pending
                on_click=Callback::new(move |_| asking.set(true))/>
            <ConfirmDialog open=asking title body confirm_label=t::transfer::confirm() on_confirm=confirm/>
        </section>
    }
}

/// "{name}", or `unnamed(id)` ("customer 1005") while the name is not read.
fn or_id(name: String, unnamed: fn(&str) -> String, id: &str) -> String {
    if name.is_empty() {
        unnamed(id)
    } else {
        name
    }
}

/// The subscriptions of a transfer: offer, quantity, renewal date and subscription id — the
/// current one in a preview, the new one once a VIP → VIPMP transfer is complete.
#[component]
pub fn ItemsTable(
    /// The transfer's lines.
    items: Vec<TransferItem>,
    /// What the table lists.
    caption: &'static str,
    /// Whether the ids are new ones (blank until the transfer completes).
    new_ids: bool,
    /// The customer the subscriptions belong to, for links to them (none in a preview).
    #[prop(optional)]
    customer: String,
) -> impl IntoView {
    if items.is_empty() {
        return view! { <p class="empty">{t::transfer::no_moves()}</p> }.into_any();
    }
    let rows: Vec<ItemRow> = items
        .into_iter()
        .enumerate()
        .map(|(i, item)| ItemRow {
            line: item.line_item_number.unwrap_or(i as u64 + 1),
            customer: customer.clone(),
            item,
        })
        .collect();
    let columns = if new_ids { NEW_ITEMS } else { ITEMS };
    view! { <DataTable caption=caption.to_string() show_caption=true columns rows empty=""/> }.into_any()
}

/// What a transfer's preview says the customer keeps: its 3-Year Commit (shown "if customer is
/// a 3yc customer"), with a request still open, its being a Large Government Agency (which only
/// a partner enabled for them may take over), and its discount levels (with a High Volume
/// Discount code, from VIP). Both a VIP → VIPMP transfer's and a reseller change's previews
/// carry them.
#[component]
pub fn BringsAlong(benefits: Vec<Benefit>, discounts: Vec<Discount>) -> impl IntoView {
    let lga = benefits.iter().any(|b| b.kind == BenefitType::LargeGovernmentAgency).then(|| {
        view! {
            <section class="facts-section">
                <h2>{t::hub::lga()}</h2>
                <p>{t::transfer::stays_lga()}</p>
            </section>
        }
    });
    let terms = benefits
        .into_iter()
        .flat_map(|b| [(t::hub::three_year_commit(), b.commitment), (t::hub::tyc_request(), b.commitment_request)]);
    let terms = terms.filter_map(|(title, c)| c.map(|c| (title, c))).map(|(title, c)| {
        view! {
            <section class="facts-section">
                <h2>{title}</h2>
                <crate::resources::customers::hub::CommitmentFacts commitment=c dates=true minimums=true/>
            </section>
        }
    });
    view! {
        {lga}
        {terms.collect_view()}
        {(!discounts.is_empty()).then(|| view! { <crate::resources::customers::hub::Discounts discounts/> })}
    }
}

/// A line of a transfer; `customer` is set when its subscription is linked (the customer's).
struct ItemRow {
    line: u64,
    customer: String,
    item: TransferItem,
}

fn item_id(r: &ItemRow) -> Cell {
    if r.item.subscription_id.is_empty() {
        let view = view! { <span class="muted">{t::transfer::given_later()}</span> };
        return Cell::View(view.into_any(), String::new());
    }
    subscription_cell(&r.customer, &r.item.subscription_id)
}

macro_rules! item_columns {
    ($id:expr) => {
        &[
            Column::text(t::column::line, |r: &ItemRow| Cell::Text(r.line.to_string())).numeric(),
            Column::text(t::column::offer, |r| Cell::Product(r.item.offer_id.clone())),
            Column::text(t::column::quantity, |r: &ItemRow| Cell::Text(r.item.quantity.to_string())).numeric(),
            Column::text(t::column::renewal_date, |r| Cell::Day(r.item.renewal_date.clone())),
            Column::text($id, item_id),
        ]
    };
}

static ITEMS: &[Column<ItemRow>] = item_columns!(t::column::subscription_id);
static NEW_ITEMS: &[Column<ItemRow>] = item_columns!(t::column::new_subscription_id);

/// A transfer's page: its status in words, a progress note while it is pending, its facts, and
/// once complete the customer and its subscriptions (new ones from VIP, the same ones after a
/// reseller change).
#[component]
pub fn TransferView(
    /// The page's title.
    title: String,
    /// The transfer's status.
    status: Status,
    /// Facts about the transfer.
    facts: Vec<(&'static str, String)>,
    /// The customer (known once the transfer completes, for VIP → VIPMP).
    customer: String,
    /// What the customer is to this transfer (t::transfer::customer(), "New customer").
    customer_term: &'static str,
    /// The reseller the customer goes to, and what it is called here.
    reseller: (&'static str, String),
    /// The subscriptions it moves.
    items: Vec<TransferItem>,
    /// Whether the subscriptions keep their ids (a reseller change) rather than get new ones.
    #[prop(optional)]
    same_ids: bool,
) -> impl IntoView {
    let pending = status == Status::Pending;
    let complete = status == Status::Active;
    let note = if pending {
        view! { <p class="notice following" role="status"><span class="spinner" aria-hidden="true"></span>{t::transfer::processing()}</p> }.into_any()
    } else if complete {
        view! { <p class="notice ok" role="status">{t::transfer::complete()}</p> }.into_any()
    } else {
        view! { <p class="notice" role="status">{t::transfer::settled()}</p> }.into_any()
    };
    let mut accounts = Vec::new();
    if !customer.is_empty() {
        accounts.push((customer_term, view! { <CustomerLink id=customer.clone()/> }.into_any()));
    }
    if !reseller.1.is_empty() {
        accounts.push((reseller.0, view! { <ResellerLink id=reseller.1/> }.into_any()));
    }
    // The subscriptions are linked once they are the receiving reseller's to open.
    let linked = if complete { customer.clone() } else { String::new() };
    let links = (complete && !customer.is_empty()).then(|| {
        view! {
            <div class="actions record-links">
                <A href=To::Customer(&customer).href() attr:class="button">{t::transfer::open_customer()}</A>
                <A href=To::Subscriptions { customer: &customer }.href() attr:class="button">{t::transfer::its_subscriptions()}</A>
            </div>
        }
    });
    view! {
        <div class="page-head"><h1>{title}</h1></div>
        <p class="lede"><StatusExplained kind=ResourceKind::Transfer code=status.as_str().to_string()/></p>
        {note}
        {links}
        <Facts title=t::transfer::facts() rows=facts also=accounts/>
        <section class="facts-section">
            <h2>{t::transfer::subscriptions()}</h2>
            <ItemsTable items caption=t::transfer::of_transfer() new_ids=!same_ids customer=linked/>
        </section>
    }
}

/// `/transfers/:id`: a reseller change, followed until it completes.
#[component]
pub fn ResellerChangePage() -> impl IntoView {
    let transfer = load_by_id(transfers::get);
    view! {
        <section class="page">
            <Load resource=transfer what=t::load::reseller_change() settling=|t: &ResellerChangeTransfer| t.status == Status::Pending render=move |t: ResellerChangeTransfer| {
                let facts = vec![
                    (t::transfer::transfer_id(), t.transfer_id.clone()),
                    (t::transfer::created(), crate::components::detail::moment_text(&t.creation_date)),
                ];
                view! {
                    <TransferView title=t::transfer::title(&t.transfer_id) status=t.status facts customer=t.customer_id customer_term=t::transfer::customer()
                        reseller=(t::transfer::receiving(), t.reseller_id) items=t.line_items same_ids=true/>
                }
                .into_any()
            }/>
        </section>
    }
}
