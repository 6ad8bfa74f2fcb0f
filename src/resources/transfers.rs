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
    trimmed as g, use_form, DraftNotice, FormState, SubmitButton, TextField, UnsavedGuard, Values,
};
use crate::components::loading::Load;
use crate::components::query::use_query_state;
use crate::components::status::StatusExplained;
use crate::components::submit::{use_commit, use_preview, use_preview_submission, SubmissionError};
use crate::components::toast::toast;
use crate::resources::{fetch, load_by_id, runtime};
use crate::runtime::href;
use leptos::prelude::*;
use leptos_router::any_nested_route::{AnyNestedRoute, IntoAnyNestedRoute};
use leptos_router::components::{ParentRoute, Route, A};
use leptos_router::hooks::use_navigate;
use leptos_router::path;
use partner_model::catalog::status::ResourceKind;
use partner_model::rules::{rule, Context, FieldError};
use partner_model::time;
use partner_model::types::{ResellerChangeAction, ResellerChangeRequest, ResellerChangeTransfer, Status, TransferItem};

/// `/transfers` (a reseller change), `/transfers/:id` (one, followed until complete).
#[component(transparent)]
pub fn TransferRoutes() -> AnyNestedRoute {
    view! {
        <ParentRoute path=path!("/transfers") view=leptos_router::components::Outlet>
            <Route path=path!("") view={crate::split_page!(moves, reseller_change, ResellerChange)}/>
            <Route path=path!(":id") view={crate::split_page!(moves, reseller_change_page, ResellerChangePage)}/>
        </ParentRoute>
    }
    .into_inner()
    .into_any_nested_route()
}

/// The problems of the fields at `paths`, by their registry rules.
pub fn check_paths(v: &Values, paths: &[&str]) -> Vec<FieldError> {
    paths
        .iter()
        .filter_map(|path| match rule(path)?.validate(&g(v, path), &Context::default()) {
            Err(problem) => Some(FieldError::new(*path, problem)),
            Ok(_) => None,
        })
        .collect()
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
                <div class="actions"><SubmitButton label="Preview the change" busy=submission.busy/></div>
            </form>
            {move || preview.get().map(|(values, transfer)| view! { <ChangePreview values transfer/> })}
        </section>
    }
}

/// What the preview found, and the commit behind a confirmation.
#[component]
fn ChangePreview(values: Values, transfer: ResellerChangeTransfer) -> impl IntoView {
    let rt = runtime();
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
            navigate(&format!("/transfers/{}", t.transfer_id), Default::default());
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
        move || format!("Move customer {c} to reseller {r}?")
    });
    let body = Signal::derive(move || {
        format!("{count} subscription(s) move with the customer and get new ids. The approval code is used up; the customer's current reseller loses them.")
    });
    let confirm = Callback::new(move |_| commit.send());
    view! {
        <section class="facts-section preview" aria-labelledby="preview-title">
            <h2 id="preview-title">"Preview"</h2>
            <dl class="facts">
                <dt>"Customer"</dt>
                <dd><CustomerName id=customer.clone()/></dd>
                <dt>"Moves to reseller"</dt>
                <dd><code>{reseller.clone()}</code></dd>
                <dt>"Approval code expires"</dt>
                <dd>{format!("{} ({left} left)", time::readable_text(&expiry))}</dd>
            </dl>
            <ItemsTable items=transfer.line_items.clone() caption="Subscriptions that move" new_ids=false/>
            {move || failure.get().map(|f| view! { <ErrorPanel failure=f/> })}
            <button type="button" class="primary" on:click=move |_| asking.set(true)
                disabled=move || pending.get() aria-busy=move || pending.get().to_string()>
                {move || if pending.get() { "Committing…" } else { "Commit the reseller change" }}
            </button>
            <ConfirmDialog open=asking title body confirm_label="Move the customer" on_confirm=confirm/>
        </section>
    }
}

/// A customer's company name and id, linked to its page; the id alone until (or unless) the
/// name can be read.
#[component]
fn CustomerName(id: String) -> impl IntoView {
    let rt = runtime();
    let name = {
        let id = id.clone();
        LocalResource::new(move || {
            let endpoint = crate::api::calls::customers::get(&rt, &id);
            async move { fetch(endpoint).await.map(|c| c.company_profile.company_name).unwrap_or_default() }
        })
    };
    let link = href(&format!("/customers/{id}"));
    view! {
        <A href=link>
            {move || name.get().filter(|n| !n.is_empty()).map(|n| format!("{n} ")) }
            <code>{id.clone()}</code>
        </A>
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
    let id_header = if new_ids { "New subscription id" } else { "Subscription id" };
    let rows = items
        .into_iter()
        .enumerate()
        .map(|(i, item)| {
            let line = item.line_item_number.unwrap_or(i as u64 + 1).to_string();
            let id = match (item.subscription_id.is_empty(), new_ids && !customer.is_empty()) {
                (true, _) => view! { <span class="muted">"Given when the transfer completes"</span> }.into_any(),
                (false, true) => {
                    let link = href(&format!("/customers/{customer}/subscriptions/{}", item.subscription_id));
                    view! { <A href=link>{item.subscription_id.clone()}</A> }.into_any()
                }
                (false, false) => view! { <code>{item.subscription_id.clone()}</code> }.into_any(),
            };
            view! {
                <tr>
                    <td class="num">{line}</td>
                    <td><code>{item.offer_id}</code></td>
                    <td class="num">{item.quantity.to_string()}</td>
                    <td>{time::readable_text(&item.renewal_date)}</td>
                    <td>{id}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="data">
                <caption>{caption}</caption>
                <thead><tr>
                    <th scope="col" class="num">"Line"</th><th scope="col">"Offer"</th><th scope="col" class="num">"Quantity"</th>
                    <th scope="col">"Renewal date"</th><th scope="col">{id_header}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

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
    let links = (complete && !customer.is_empty()).then(|| {
        view! {
            <div class="actions record-links">
                <A href=href(&format!("/customers/{customer}")) attr:class="button">"Open the customer"</A>
                <A href=href(&format!("/subscriptions?customer={customer}")) attr:class="button">"Its subscriptions"</A>
            </div>
        }
    });
    view! {
        <div class="page-head"><h1>{title}</h1></div>
        <p class="lede"><StatusExplained kind=ResourceKind::Transfer code=status.as_str().to_string()/></p>
        {note}
        {links}
        <Facts title="Transfer" rows=facts/>
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
                    ("Customer", t.customer_id.clone()),
                    ("Receiving reseller", t.reseller_id.clone()),
                    ("Created", time::readable_text(&t.creation_date)),
                ];
                view! {
                    <TransferView title=format!("Reseller change {}", t.transfer_id) status=t.status facts customer=t.customer_id items=t.line_items/>
                }
                .into_any()
            }/>
        </section>
    }
}
