//! VIP → VIPMP. A membership id opens its preview, whose two switches live in the URL and are
//! off by default; an ineligible customer (5117) gets each REASON_CODE in words, with what to do
//! and whether a switch would bypass it. The transfer goes to a chosen reseller after a
//! confirmation, under one intent, and its page follows it to the new customer.

use super::transfers::{BringsAlong, ItemsTable, TransferView};
use crate::api::calls::memberships;
use crate::api::error::Failure;
use crate::components::confirm::ConfirmDialog;
use crate::components::error_panel::ErrorPanel;
use crate::components::form::{
    check_paths, trimmed as g, BusyButton, DraftNotice, FormScope, FormState, TextField, Values,
};
use crate::components::loading::{Load, Loaded};
use crate::components::names::reseller_name;
use crate::components::query::{use_query_state, QueryState};
use crate::components::sandbox_help::DemoMemberships;
use crate::components::submit::{use_submission, SubmissionError};
use crate::components::toast::toast;
use crate::i18n::t;
use crate::resources::{fetch, load_record, runtime};
use crate::routes::route;
use crate::routes::{params, MembershipTransferParams, RecordParams, To};
use leptos::prelude::*;
use leptos_router::any_nested_route::AnyNestedRoute;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use leptos_router::path;
use partner_model::catalog::errors::{
    reason_in_detail, ReasonCode, EXPIRE_OPEN_PAS, IGNORE_ORDER_RETURN, TRANSFER_REASONS,
};
use partner_model::types::{MembershipOffersPreview, MembershipTransfer, Status};

/// `/memberships`, `/memberships/:id` (preview and transfer), `/memberships/:id/transfers/:transfer`.
pub fn membership_routes() -> Vec<AnyNestedRoute> {
    vec![
        route(path!("/memberships"), crate::split_page!(partners, membership_start, MembershipStart)),
        route(path!("/memberships/:id"), crate::split_page!(partners, membership_preview, MembershipPreview)),
        route(
            path!("/memberships/:id/transfers/:transfer"),
            crate::split_page!(partners, membership_transfer_page, MembershipTransferPage),
        ),
    ]
}

/// A transfer switch: its query key, its label, and what turning it on does.
struct Switch {
    key: &'static str,
    label: fn() -> &'static str,
    consequence: fn() -> &'static str,
}

static SWITCHES: [Switch; 2] = [
    Switch { key: IGNORE_ORDER_RETURN, label: t::vip::ignore_returns, consequence: t::vip::ignore_returns_what },
    Switch { key: EXPIRE_OPEN_PAS, label: t::vip::expire_pas, consequence: t::vip::expire_pas_what },
];

fn switch_label(key: &str) -> &'static str {
    SWITCHES.iter().find(|s| s.key == key).map(|s| (s.label)()).unwrap_or(t::vip::a_switch())
}

fn switch_on(query: &QueryState, key: &str) -> bool {
    query.get(key) == "true"
}

/// `/memberships`: the membership id to look at (`?reseller=` is kept for the transfer).
#[component]
pub fn MembershipStart() -> impl IntoView {
    let query = use_query_state();
    let reseller = query.get_untracked("reseller");
    let reseller_for_demo = reseller.clone();
    let form = FormState::new(Values::new(), |v| check_paths(v, &["membershipId"]), None);
    let navigate = use_navigate();
    let open = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if form.attempt() {
            let id = form.get_untracked("membershipId");
            navigate(&To::Membership { id: id.trim(), reseller: &reseller }.path(), Default::default());
        }
    };
    view! {
        <FormScope form=form>
            <section class="page">
                <div class="page-head"><h1>{t::vip::title()}</h1></div>
                <p class="lede">{t::vip::lede()}</p>
                <form novalidate on:submit=open>
                    <TextField path="membershipId" hint=t::vip::id_hint()/>
                    <div class="actions"><button type="submit" class="primary">{t::vip::preview()}</button></div>
                </form>
                <DemoMemberships reseller=reseller_for_demo/>
            </section>
        </FormScope>
    }
}

/// What the preview says about a membership: it can move (with these offers), or not yet.
#[derive(Clone)]
enum Eligibility {
    Eligible(MembershipOffersPreview),
    /// 5117, with its REASON_CODEs.
    Ineligible(Failure),
}

/// `/memberships/:id?ignore-order-return=true&expire-open-pas=true&reseller=…`.
#[component]
pub fn MembershipPreview() -> impl IntoView {
    let rt = runtime();
    let params = params::<RecordParams>();
    let query = use_query_state();
    let id = Memo::new(move |_| params.read().id.clone());
    let switches = Memo::new(move |_| (switch_on(&query, IGNORE_ORDER_RETURN), switch_on(&query, EXPIRE_OPEN_PAS)));
    let preview = Loaded::new(move || {
        let (ignore, expire) = switches.get();
        let endpoint = memberships::offers(&rt, &id.get(), ignore, expire);
        async move {
            match fetch(endpoint).await {
                Ok(p) => Ok(Eligibility::Eligible(p)),
                Err(f) if f.error.code() == Some("5117") => Ok(Eligibility::Ineligible(f)),
                Err(f) => Err(f),
            }
        }
    });
    view! {
        <section class="page">
            <div class="page-head">
                <h1>{move || t::vip::membership(id.get())}</h1>
                <A href=move || To::Memberships { reseller: &query.get("reseller") }.href() attr:class="button">{t::vip::another()}</A>
            </div>
            <fieldset class="group switches">
                <legend>{t::vip::switches()}</legend>
                {SWITCHES.iter().map(|s| {
                    let input_id = format!("switch-{}", s.key);
                    view! {
                        <div class="field check">
                            <input type="checkbox" id=input_id.clone() prop:checked=move || switch_on(&query, s.key)
                                aria-describedby=format!("{input_id}-hint")
                                on:change=move |ev| query.set(&[(s.key, if event_target_checked(&ev) { "true".into() } else { String::new() })], true)/>
                            <label for=input_id.clone()>{(s.label)()}</label>
                            <small class="hint" id=format!("{input_id}-hint")>{(s.consequence)()}</small>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <Load resource=preview what=t::load::what_the_membership_would_bring() render=move |e: Eligibility| match e {
                Eligibility::Eligible(p) => view! {
                    <p class="notice ok" role="status">{t::vip::can_transfer()}</p>
                    <ItemsTable items=p.items caption=t::vip::would_move() new_ids=false/>
                    <BringsAlong benefits=p.benefits discounts=p.discounts/>
                    <TransferForm membership=id.get_untracked()/>
                }.into_any(),
                Eligibility::Ineligible(f) => view! { <Reasons failure=f/> }.into_any(),
            }/>
        </section>
    }
}

/// Each REASON_CODE of a 5117 answer in words, with what to do and the switch that bypasses it.
#[component]
fn Reasons(failure: Failure) -> impl IntoView {
    let query = use_query_state();
    let details = failure.error.details().to_vec();
    let known: Vec<&'static ReasonCode> =
        details.iter().filter_map(|d| reason_in_detail(d, TRANSFER_REASONS)).collect();
    let unknown: Vec<String> =
        details.iter().filter(|d| reason_in_detail(d, TRANSFER_REASONS).is_none()).cloned().collect();
    let bypassable = !known.is_empty() && known.iter().all(|r| r.bypass.is_some());
    let summary = match (known.len() + unknown.len(), bypassable) {
        (n, true) => t::vip::not_yet_bypassable(n),
        (n, false) => t::vip::not_yet(n),
    };
    let bypasses: Vec<&'static str> = known.iter().filter_map(|r| r.bypass).collect();
    let set_all = move |_| {
        let changes: Vec<(&str, String)> = bypasses.iter().map(|k| (*k, "true".to_string())).collect();
        query.set(&changes, true);
    };
    view! {
        <section class="facts-section reasons" aria-labelledby="reasons-title">
            <h2 id="reasons-title">{t::vip::not_eligible()}</h2>
            <p>{summary}</p>
            <ul class="reason-list" aria-label=t::vip::reasons()>
                {known.iter().map(|r| {
                    let bypass = r.bypass.map(|k| t::vip::bypassed_by(switch_label(k)));
                    view! {
                        <li>
                            <strong>{crate::i18n::model(r.meaning)}</strong>" "
                            <code>{r.code}</code>
                            <p>{crate::i18n::model(r.what_to_do)}</p>
                            <p class="bypass">{bypass.unwrap_or_else(|| t::vip::no_bypass().into())}</p>
                        </li>
                    }
                }).collect_view()}
                {unknown.into_iter().map(|d| view! { <li><strong>{t::vip::reason_given()}</strong>" " <span lang="en">{d}</span></li> }).collect_view()}
            </ul>
            {bypassable.then(|| view! { <button type="button" on:click=set_all>{t::vip::turn_on()}</button> })}
            <details class="support">
                <summary>{t::vip::answer()}</summary>
                <ErrorPanel failure/>
            </details>
        </section>
    }
}

/// The transfer: the reseller, a confirmation, then the transfer's page.
#[component]
fn TransferForm(membership: String) -> impl IntoView {
    let rt = runtime();
    let query = use_query_state();
    let reseller = query.get_untracked("reseller");
    let mut start = Values::new();
    start.insert("resellerId".into(), reseller.clone());
    // A reseller id typed over the one the page was opened for survives a reload.
    let form = FormState::new(
        start,
        |v| check_paths(v, &["resellerId"]),
        Some(format!("membership-{membership}-transfer-{reseller}")),
    );
    let asking = RwSignal::new(false);
    let navigate = use_navigate();
    let (m2, m3) = (membership.clone(), membership.clone());
    let submission = use_submission(
        form,
        move |v| {
            let endpoint = memberships::transfer(
                &rt,
                &m2,
                &g(&v, "resellerId"),
                switch_on(&query, IGNORE_ORDER_RETURN),
                switch_on(&query, EXPIRE_OPEN_PAS),
            );
            async move { fetch(endpoint).await }
        },
        move |t: MembershipTransfer| {
            toast(t::vip::started(&t.transfer_id));
            let of = if t.membership_id.is_empty() { m3.clone() } else { t.membership_id.clone() };
            navigate(&To::MembershipTransfer { membership: &of, id: &t.transfer_id }.path(), Default::default());
        },
    );
    let ask = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if submission.ready() {
            asking.set(true);
        }
    };
    let title = Signal::derive(move || t::vip::confirm_title(&membership));
    // The receiving reseller by name once its id is typed in full (read once, then kept).
    let receiving = Memo::new(move |_| form.get("resellerId").trim().to_string());
    let receiving_name = Memo::new(move |_| {
        let id = receiving.get();
        (id.len() == 10 && id.bytes().all(|b| b.is_ascii_digit()))
            .then(|| reseller_name(&runtime(), &id).get())
            .filter(|n| !n.is_empty())
    });
    let body = Signal::derive(move || {
        let on: Vec<&str> = SWITCHES.iter().filter(|s| switch_on(&query, s.key)).map(|s| (s.label)()).collect();
        let switches =
            if on.is_empty() { t::vip::no_switch_on().to_string() } else { t::vip::switches_on(on.join(", ")) };
        let id = receiving.get();
        let reseller = receiving_name.get().map_or_else(|| t::transfer::reseller_id(&id), |n| format!("{n} ({id})"));
        format!("{} {switches}", t::vip::becomes(reseller))
    });
    view! {
        <FormScope form=form>
            <form class="transfer" novalidate on:submit=ask>
                <DraftNotice/>
                <fieldset class="group">
                    <legend>{t::vip::transfer()}</legend>
                    <TextField path="resellerId" label=t::vip::reseller_id() hint=t::vip::reseller_hint()/>
                </fieldset>
                <SubmissionError submission/>
                <div class="actions"><BusyButton label=t::vip::send() busy=submission.busy/></div>
                <ConfirmDialog open=asking title body confirm_label=t::vip::transfer() on_confirm=Callback::new(move |_| submission.send())/>
            </form>
        </FormScope>
    }
}

/// `/memberships/:id/transfers/:transfer`: followed until the new customer exists.
#[component]
pub fn MembershipTransferPage() -> impl IntoView {
    let (_, transfer) =
        load_record(|rt, p: &MembershipTransferParams| memberships::get_transfer(rt, &p.id, &p.transfer));
    view! {
        <section class="page">
            <Load resource=transfer what=t::load::transfer() settling=|t: &MembershipTransfer| t.status == Status::Pending render=move |t: MembershipTransfer| {
                let facts = vec![
                    (t::vip::transfer_id(), t.transfer_id.clone()),
                    (t::vip::vip_membership(), t.membership_id.clone()),
                    (t::vip::created(), crate::components::detail::moment_text(&t.creation_date)),
                ];
                view! {
                    <TransferView title=t::vip::transfer_title(&t.transfer_id) status=t.status facts customer=t.customer_id customer_term=t::vip::new_customer()
                        reseller=(t::vip::reseller(), t.reseller_id) items=t.line_items/>
                }
                .into_any()
            }/>
        </section>
    }
}
