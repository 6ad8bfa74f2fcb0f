//! Moving customers in. A reseller change: the customer's approval code, the requesting admin's
//! email and the receiving reseller; PREVIEW shows the customer, when the code expires and each
//! subscription that moves; COMMIT, only after an explicit confirmation and under one intent,
//! starts the change, whose page follows it until it completes and shows the new subscription
//! ids. VIP → VIPMP (`memberships`) follows its transfer with the same [`TransferView`].

use crate::api::calls::transfers;
use crate::components::confirm::ConfirmDialog;
use crate::components::detail::{now, Facts};
use crate::components::error_panel::ErrorPanel;
use crate::components::form::{
    check_paths, trimmed as g, use_form, BusyButton, DraftNotice, FormState, TextField, UnsavedGuard, Values,
};
use crate::components::loading::Load;
use crate::components::names::{customer_name, reseller_name, CustomerLink, ResellerLink, ResellerName};
use crate::components::query::use_query_state;
use crate::components::sandbox_help::DemoApprovalCodes;
use crate::components::status::StatusExplained;
use crate::components::submit::{use_commit, use_preview, use_preview_submission, SubmissionError};
use crate::components::table::{Cell, Column, DataTable};
use crate::components::toast::toast;
use crate::resources::subscriptions::subscription_cell;
use crate::resources::{fetch, load_by_id, runtime};
use crate::routes::To;
use leptos::prelude::*;
use leptos_router::any_nested_route::{AnyNestedRoute, IntoAnyNestedRoute};
use leptos_router::components::{Route, A};
use leptos_router::hooks::use_navigate;
use leptos_router::path;
use partner_model::catalog::status::ResourceKind;
use partner_model::rules::FieldError;
use partner_model::time;
use partner_model::types::{ResellerChangeAction, ResellerChangeRequest, ResellerChangeTransfer, Status, TransferItem};

/// `/transfers` (a reseller change), `/transfers/:id` (one, followed until complete).
#[component(transparent)]
pub fn TransferRoutes() -> AnyNestedRoute {
    view! {
        <Route path=path!("/transfers") view={crate::split_page!(moves, reseller_change, ResellerChange)}/>
        <Route path=path!("/transfers/:id") view={crate::split_page!(moves, reseller_change_page, ResellerChangePage)}/>
    }
    .into_inner()
    .into_any_nested_route()
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
        <section class="page">
            <div class="page-head"><h1>"Reseller change"</h1></div>
            <p class="lede">
                "A customer moves to one of your resellers with an approval code their administrator creates in the Adobe Admin Console; it is valid for 72 hours. "
                "Preview shows the customer and every subscription that moves; nothing changes until you commit."
            </p>
            <DemoApprovalCodes use_code=Callback::new(move |code: String| form.set("approvalCode", code))/>
            <DraftNotice/>
            <UnsavedGuard/>
            <form novalidate on:submit=move |ev| submission.submit(ev)>
                <fieldset class="group">
                    <legend>"The change"</legend>
                    <TextField path="approvalCode" hint="From the customer's administrator."/>
                    <TextField path="requestedBy" kind="email" autocomplete="email" hint="The email of the customer's administrator who asked for the change."/>
                    <TextField path="resellerId" label="Receiving reseller id" hint="The reseller the customer moves to (not its current one)."/>
                </fieldset>
                <SubmissionError submission/>
                <div class="actions"><BusyButton label="Preview the change" busy=submission.busy/></div>
            </form>
            {move || preview.get().map(|(values, transfer)| view! { <ChangePreview values transfer/> })}
        </section>
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
            toast(format!("Reseller change {} started.", t.transfer_id));
            navigate(&To::Transfer(&t.transfer_id).path(), Default::default());
        },
    );
    let (pending, failure) = (commit.pending, commit.failure);
    let asking = RwSignal::new(false);
    let expiry = transfer.approval.as_ref().map(|a| a.expiry.clone()).unwrap_or_default();
    let left = time::parse(&expiry).map(|at| time::time_left(at, now())).unwrap_or_default();
    let customer = transfer.customer_id.clone();
    let reseller = transfer.reseller_id.clone();
    let count = transfer.line_items.len();
    let title = Signal::derive({
        let (c, r) = (customer.clone(), reseller.clone());
        let (c_name, r_name) = (customer_name(&names_rt, &c), reseller_name(&names_rt, &r));
        move || format!("Move {} to {}?", or_id(c_name.get(), "customer", &c), or_id(r_name.get(), "reseller", &r))
    });
    let body = Signal::derive(move || {
        format!("{count} subscription(s) move with the customer and get new ids. The approval code is used up; the customer's current reseller loses them.")
    });
    let confirm = Callback::new(move |_| commit.send());
    // The reseller the customer leaves, when this user may read the customer (staff may; the
    // receiving reseller's own user may not, until the customer is theirs).
    // Read apart from the page's Suspense, which would otherwise draw the preview again (and
    // take the focus off its button) when the answer comes.
    let leaves = RwSignal::new(None::<String>);
    let endpoint = crate::api::calls::customers::get(&names_rt, &customer);
    leptos::task::spawn_local(async move {
        if let Some(from) = fetch(endpoint).await.ok().map(|c| c.reseller_id).filter(|r| !r.is_empty()) {
            leaves.try_set(Some(from));
        }
    });
    view! {
        <section class="facts-section preview" aria-labelledby="preview-title">
            <h2 id="preview-title">"Preview"</h2>
            <dl class="facts">
                <dt>"Customer"</dt>
                <dd><CustomerLink id=customer.clone()/></dd>
                {move || leaves.get().map(|from| view! {
                    <dt>"Leaves reseller"</dt>
                    <dd><ResellerName id=from/></dd>
                })}
                <dt>"Moves to reseller"</dt>
                <dd><ResellerLink id=reseller.clone()/></dd>
                <dt>"Approval code expires"</dt>
                <dd>{format!("{} ({left} left)", crate::components::detail::moment_text(&expiry))}</dd>
            </dl>
            <ItemsTable items=transfer.line_items.clone() caption="Subscriptions that move" new_ids=false/>
            {move || failure.get().map(|f| view! { <ErrorPanel failure=f/> })}
            <BusyButton label="Commit the reseller change" working="Committing…" busy=pending
                on_click=Callback::new(move |_| asking.set(true))/>
            <ConfirmDialog open=asking title body confirm_label="Move the customer" on_confirm=confirm/>
        </section>
    }
}

/// "{name}", or "{noun} {id}" while the name is not read.
fn or_id(name: String, noun: &str, id: &str) -> String {
    if name.is_empty() {
        format!("{noun} {id}")
    } else {
        name
    }
}

/// The subscriptions of a transfer: offer, quantity, renewal date and subscription id — the
/// current one in a preview, the new one once the transfer is complete.
#[component]
pub fn ItemsTable(
    /// The transfer's lines.
    items: Vec<TransferItem>,
    /// What the table lists.
    caption: &'static str,
    /// Whether the ids are the new ones (blank until the transfer completes).
    new_ids: bool,
    /// The customer the subscriptions belong to, for links to them.
    #[prop(optional)]
    customer: String,
) -> impl IntoView {
    if items.is_empty() {
        return view! { <p class="empty">"No subscription moves."</p> }.into_any();
    }
    let rows: Vec<ItemRow> = items
        .into_iter()
        .enumerate()
        .map(|(i, item)| ItemRow {
            line: item.line_item_number.unwrap_or(i as u64 + 1),
            customer: if new_ids { customer.clone() } else { String::new() },
            item,
        })
        .collect();
    let columns = if new_ids { NEW_ITEMS } else { ITEMS };
    view! { <DataTable caption=caption.to_string() show_caption=true columns rows empty=""/> }.into_any()
}

/// A line of a transfer; `customer` is set when its subscription ids are the customer's new ones.
struct ItemRow {
    line: u64,
    customer: String,
    item: TransferItem,
}

fn item_id(r: &ItemRow) -> Cell {
    if r.item.subscription_id.is_empty() {
        let view = view! { <span class="muted">"Given when the transfer completes"</span> };
        return Cell::View(view.into_any(), String::new());
    }
    subscription_cell(&r.customer, &r.item.subscription_id)
}

macro_rules! item_columns {
    ($id:literal) => {
        &[
            Column::new("Line", |r: &ItemRow| Cell::Text(r.line.to_string())).numeric(),
            Column::new("Offer", |r| Cell::Product(r.item.offer_id.clone())),
            Column::new("Quantity", |r: &ItemRow| Cell::Text(r.item.quantity.to_string())).numeric(),
            Column::new("Renewal date", |r| Cell::Day(r.item.renewal_date.clone())),
            Column::new($id, item_id),
        ]
    };
}

static ITEMS: &[Column<ItemRow>] = item_columns!("Subscription id");
static NEW_ITEMS: &[Column<ItemRow>] = item_columns!("New subscription id");

/// A transfer's page: its status in words, a progress note while it is pending, its facts, and
/// once complete the customer and its new subscriptions.
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
    /// What the customer is to this transfer ("Customer", "New customer").
    customer_term: &'static str,
    /// The reseller the customer goes to, and what it is called here.
    reseller: (&'static str, String),
    /// The subscriptions it moves.
    items: Vec<TransferItem>,
) -> impl IntoView {
    let pending = status == Status::Pending;
    let complete = status == Status::Active;
    let note = if pending {
        view! { <p class="notice following" role="status"><span class="spinner" aria-hidden="true"></span>"The transfer is being processed. This page follows it until it completes."</p> }.into_any()
    } else if complete {
        view! { <p class="notice ok" role="status">"Complete: the customer and its subscriptions are now yours."</p> }
            .into_any()
    } else {
        view! { <p class="notice" role="status">"This transfer no longer changes on its own."</p> }.into_any()
    };
    let mut accounts = Vec::new();
    if !customer.is_empty() {
        accounts.push((customer_term, view! { <CustomerLink id=customer.clone()/> }.into_any()));
    }
    if !reseller.1.is_empty() {
        accounts.push((reseller.0, view! { <ResellerLink id=reseller.1/> }.into_any()));
    }
    let links = (complete && !customer.is_empty()).then(|| {
        view! {
            <div class="actions record-links">
                <A href=To::Customer(&customer).href() attr:class="button">"Open the customer"</A>
                <A href=To::Subscriptions { customer: &customer }.href() attr:class="button">"Its subscriptions"</A>
            </div>
        }
    });
    view! {
        <div class="page-head"><h1>{title}</h1></div>
        <p class="lede"><StatusExplained kind=ResourceKind::Transfer code=status.as_str().to_string()/></p>
        {note}
        {links}
        <Facts title="Transfer" rows=facts also=accounts/>
        <section class="facts-section">
            <h2>"Subscriptions"</h2>
            <ItemsTable items caption="Subscriptions of the transfer" new_ids=true customer/>
        </section>
    }
}

/// `/transfers/:id`: a reseller change, followed until it completes.
#[component]
pub fn ResellerChangePage() -> impl IntoView {
    let transfer = load_by_id(transfers::get);
    view! {
        <section class="page">
            <Load resource=transfer what="the reseller change" settling=|t: &ResellerChangeTransfer| t.status == Status::Pending render=move |t: ResellerChangeTransfer| {
                let facts = vec![
                    ("Transfer id", t.transfer_id.clone()),
                    ("Created", crate::components::detail::moment_text(&t.creation_date)),
                ];
                view! {
                    <TransferView title=format!("Reseller change {}", t.transfer_id) status=t.status facts customer=t.customer_id customer_term="Customer"
                        reseller=("Receiving reseller", t.reseller_id) items=t.line_items/>
                }
                .into_any()
            }/>
        </section>
    }
}
