//! A customer's 3-Year Commit requests (a first request, a quantity increase, a recommitment in
//! the last 30 days before the commitment ends — each offered only when the docs allow it, and
//! why not otherwise) and creating a linked membership. Each request is a PATCH that carries
//! the customer's whole profile as read, since an update replaces the stored data.

use super::create::{check_minimums, minimums, tyc_key};
use crate::api::calls::customers;
use crate::components::form::{trimmed as g, BusyButton, FormScope, FormState, SelectField, TextField, Values};
use crate::components::submit::{use_submission, SubmissionError};
use crate::components::toast::toast;
use crate::i18n::t;
use crate::resources::{fetch, runtime, RecordById};
use crate::routes::To;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use partner_model::rules::account_requests::check_customer_update;
use partner_model::rules::account_requests::{increase_problems, THREE_YEAR_COMMIT_MINIMUMS};
use partner_model::rules::cross::recommit_window;
use partner_model::rules::FieldError;
use partner_model::types::*;

/// Which 3-Year Commit request the customer can make now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CommitRequest {
    /// A first commitment.
    First,
    /// More than the current commitment's minimums.
    Increase,
    /// A new commitment after the current one.
    Recommit,
}

fn open(status: Option<&CommitmentStatus>) -> bool {
    matches!(status, Some(CommitmentStatus::Requested) | Some(CommitmentStatus::Accepted))
}

/// The requests allowed for `c` at `now`, or why none is; with a note when a recommitment is
/// not open yet.
pub fn allowed_requests(
    c: &Customer,
    now: partner_model::time::Millis,
) -> Result<(Vec<CommitRequest>, Option<String>), &'static str> {
    if c.is_lga() {
        return Err(t::benefits::not_lga());
    }
    if c.linked_membership.is_some() {
        return Err(t::benefits::not_linked());
    }
    let benefit = c.three_year_commit();
    let commitment = benefit.and_then(|b| b.commitment.as_ref());
    let recommit_open = benefit.is_some_and(|b| open(b.recommitment_request.as_ref().and_then(|r| r.status.as_ref())));
    let commit_open = benefit.is_some_and(|b| open(b.commitment_request.as_ref().and_then(|r| r.status.as_ref())));
    if recommit_open {
        return Err(t::benefits::recommit_open());
    }
    // An increase raises a commitment in force; after one that expired (or was not kept) a
    // request is a new commitment.
    let committed = commitment.is_some_and(|c| c.status == Some(CommitmentStatus::Committed));
    let mut allowed = vec![if committed { CommitRequest::Increase } else { CommitRequest::First }];
    let mut note = None;
    if let Some(c) = commitment.filter(|c| c.status == Some(CommitmentStatus::Committed)) {
        match recommit_window(&c.end_date, now) {
            Ok(()) if !commit_open => allowed.push(CommitRequest::Recommit),
            Ok(()) => note = Some(t::benefits::recommit_after().to_string()),
            Err(Some(opens)) => {
                note = Some(
                    t::benefits::RecommitOpens {
                        ends: crate::components::detail::day(&c.end_date),
                        opens: crate::components::detail::day(&opens),
                    }
                    .text(),
                )
            }
            Err(None) => {}
        }
    }
    Ok((allowed, note))
}

/// `request` with the customer's data as read: an update replaces the stored data, so the
/// whole profile (and the external reference) goes with every PATCH, as the docs' examples do.
fn as_read(c: &Customer, mut request: CustomerUpdateRequest) -> CustomerUpdateRequest {
    request.company_profile = Some(c.company_profile.clone());
    request.external_reference_id = c.external_reference_id.clone();
    request
}

fn commit_request(v: &Values) -> CustomerUpdateRequest {
    let quantities = MinimumQuantitiesRequest { minimum_quantities: minimums(v).into_iter().map(|(_, m)| m).collect() };
    let recommit = g(v, "ui.mode") == "recommit";
    let benefit = BenefitRequest {
        kind: BenefitType::ThreeYearCommit,
        commitment_request: (!recommit).then(|| quantities.clone()),
        recommitment_request: recommit.then_some(quantities),
    };
    CustomerUpdateRequest { benefits: vec![benefit], ..Default::default() }
}

/// Where an increase keeps the committed minimum of an offer type.
fn committed_key(offer_type: &str) -> String {
    format!("fact.3ycCommitted.{offer_type}")
}

fn check_commit(v: &Values) -> Vec<FieldError> {
    let mut errors = check_customer_update(&commit_request(v), false);
    let at =
        if g(v, "ui.mode") == "recommit" { "benefits[0].recommitmentRequest" } else { "benefits[0].commitmentRequest" };
    check_minimums(v, at, &mut errors);
    // An increase lowers no committed minimum, and names the committed types when it adds one.
    let committed: Vec<MinimumQuantity> = THREE_YEAR_COMMIT_MINIMUMS
        .iter()
        .filter_map(|(offer_type, _)| {
            let quantity = g(v, &committed_key(offer_type)).parse::<u64>().ok()?;
            Some(MinimumQuantity { offer_type: OfferType::from_wire(offer_type), quantity })
        })
        .collect();
    let asked: Vec<MinimumQuantity> = minimums(v).into_iter().map(|(_, m)| m).collect();
    for problem in increase_problems(&committed, &asked) {
        let key = tyc_key(problem.offer_type.as_str());
        errors.retain(|e| e.path != key);
        let why = t::benefits::at_least_committed(problem.committed);
        errors.push(FieldError::new(key, partner_model::rules::Invalid::Explained(why)));
    }
    errors
}

fn linked_request(v: &Values) -> CustomerUpdateRequest {
    CustomerUpdateRequest {
        linked_membership: Some(LinkedMembershipRequest {
            name: g(v, "linkedMembership.name"),
            kind: LinkedMembershipType::from_wire(&g(v, "linkedMembership.type")),
        }),
        ..Default::default()
    }
}

fn check_linked(v: &Values) -> Vec<FieldError> {
    check_customer_update(&linked_request(v), false)
}

/// `/customers/:id/benefits`.
#[component]
pub fn CustomerBenefits() -> impl IntoView {
    view! { <RecordById get=customers::get what=t::load::customer() render=|c: Customer| view! { <Benefits customer=c/> }.into_any()/> }
}

#[component]
fn Benefits(customer: Customer) -> impl IntoView {
    let c = customer;
    let cid = c.customer_id.clone();
    view! {
        <h1>{t::benefits::title(&c.company_profile.company_name)}</h1>
        <p><A href=To::Customer(&cid).href()>{t::benefits::back()}</A></p>
        <super::UpdateRefused status=c.status.clone()/>
        <CommitForms customer=c.clone()/>
        <LinkedForm customer=c/>
    }
}

/// The commitment request the customer has not settled yet (REQUESTED or ACCEPTED), if any.
fn waiting_request(c: &Customer) -> Option<partner_model::types::Commitment> {
    c.three_year_commit().and_then(|b| b.commitment_request.clone()).filter(|r| open(r.status.as_ref()))
}

/// The open request (the customer has not accepted it, or Adobe has not yet made it the
/// commitment), shown before any form that would overwrite it.
#[component]
fn WaitingRequest(request: partner_model::types::Commitment) -> impl IntoView {
    view! {
        <section class="facts-section" aria-labelledby="waiting-title">
            <h2 id="waiting-title">{t::benefits::still_open()}</h2>
            <super::hub::CommitmentFacts commitment=request minimums=true/>
        </section>
    }
}

#[component]
fn CommitForms(customer: Customer) -> impl IntoView {
    let waiting = waiting_request(&customer);
    let replaces = waiting.is_some();
    let waiting = waiting.map(|request| view! { <WaitingRequest request/> });
    match allowed_requests(&customer, crate::components::detail::now()) {
        Err(why) => view! {
            <section class="facts-section"><h2>{t::benefits::three_year_commit()}</h2><p class="notice" role="note">{why}</p></section>
        }.into_any(),
        Ok((allowed, note)) => view! {
            {waiting}
            {allowed.into_iter().map(|kind| view! { <CommitForm customer=customer.clone() kind replaces/> }).collect_view()}
            {note.map(|note| view! {
                <section class="facts-section"><h2>{t::benefits::recommit()}</h2><p class="notice" role="note">{note}</p></section>
            })}
        }.into_any(),
    }
}

#[component]
fn CommitForm(
    customer: Customer,
    kind: CommitRequest,
    /// A commitment request waits for the customer, which a new one overwrites.
    replaces: bool,
) -> impl IntoView {
    let rt = runtime();
    let (title, explain, label, mode) = match kind {
        CommitRequest::First | CommitRequest::Increase if replaces => {
            (t::benefits::replace(), t::benefits::replace_what(), t::benefits::replace_send(), "commit")
        }
        CommitRequest::First => (t::benefits::first(), t::benefits::first_what(), t::benefits::first_send(), "commit"),
        CommitRequest::Increase => {
            (t::benefits::increase(), t::benefits::increase_what(), t::benefits::increase_send(), "commit")
        }
        CommitRequest::Recommit => {
            (t::benefits::recommit(), t::benefits::recommit_what(), t::benefits::recommit_send(), "recommit")
        }
    };
    let id = customer.customer_id.clone();
    let read = customer.clone();
    let mut start = Values::new();
    start.insert("ui.mode".into(), mode.into());
    if kind == CommitRequest::Increase {
        // The form starts from the commitment it raises.
        let commitment = customer.three_year_commit().and_then(|b| b.commitment.as_ref());
        for m in commitment.map(|c| c.minimum_quantities.as_slice()).unwrap_or_default() {
            start.insert(tyc_key(m.offer_type.as_str()), m.quantity.to_string());
            start.insert(committed_key(m.offer_type.as_str()), m.quantity.to_string());
        }
    }
    let scope = format!("{:?}", kind).to_ascii_lowercase();
    let form = FormState::new(start, check_commit, Some(format!("customer-{id}-{scope}"))).scoped(&scope);
    let navigate = use_navigate();
    let id2 = id.clone();
    let submission = use_submission(
        form,
        move |v| fetch(customers::update(&rt, &id2, &as_read(&read, commit_request(&v)))),
        move |c: Customer| {
            toast(t::benefits::sent());
            navigate(&To::Customer(&c.customer_id).path(), Default::default());
        },
    );
    let prefix = format!("{mode}-{:?}", kind).to_ascii_lowercase();
    view! {
        <FormScope form=form>
            <section class="facts-section" aria-labelledby=format!("{prefix}-title")>
                <h2 id=format!("{prefix}-title")>{title}</h2>
                <p>{explain}</p>
                <form novalidate on:submit=move |ev| submission.submit(ev)>
                    <TextField path=tyc_key("LICENSE") label=t::benefits::min_licenses() kind="number" hint=t::benefits::min_licenses_hint()/>
                    <TextField path=tyc_key("CONSUMABLES") label=t::benefits::min_consumables() kind="number" hint=t::benefits::min_consumables_hint()/>
                    <SubmissionError submission/>
                    <BusyButton label busy=submission.busy/>
                </form>
            </section>
        </FormScope>
    }
}

#[component]
fn LinkedForm(customer: Customer) -> impl IntoView {
    let rt = runtime();
    if let Some(l) = &customer.linked_membership {
        return view! {
            <section class="facts-section"><h2>{t::benefits::linked()}</h2><p>{t::benefits::already_linked(&l.name)}</p></section>
        }.into_any();
    }
    if customer.three_year_commit().is_some() {
        return view! {
            <section class="facts-section"><h2>{t::benefits::linked()}</h2><p class="notice" role="note">{t::benefits::exclusive()}</p></section>
        }.into_any();
    }
    let id = customer.customer_id.clone();
    let read = customer.clone();
    let mut start = Values::new();
    start.insert("linkedMembership.type".into(), "STANDARD".into());
    let form = FormState::new(start, check_linked, Some(format!("customer-{id}-linked")));
    let navigate = use_navigate();
    let submission = use_submission(
        form,
        move |v| fetch(customers::update(&rt, &id, &as_read(&read, linked_request(&v)))),
        move |c: Customer| {
            toast(t::benefits::linked_created());
            navigate(&To::Customer(&c.customer_id).path(), Default::default());
        },
    );
    view! {
        <FormScope form=form>
            <section class="facts-section" aria-labelledby="linked-title">
                <h2 id="linked-title">{t::benefits::create_linked()}</h2>
                <p>{t::benefits::create_linked_what()}</p>
                <form novalidate on:submit=move |ev| submission.submit(ev)>
                    <TextField path="linkedMembership.name" hint=t::benefits::name_hint()/>
                    <SelectField path="linkedMembership.type" options=Signal::derive(|| vec![
                        ("STANDARD".to_string(), t::benefits::standard().to_string()),
                        ("CONSORTIUM".to_string(), t::benefits::consortium().to_string()),
                    ])/>
                    <SubmissionError submission/>
                    <BusyButton label=t::benefits::create() busy=submission.busy/>
                </form>
            </section>
        </FormScope>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_increase_lowers_no_committed_minimum_and_keeps_the_committed_type_when_adding_one() {
        let mut v = Values::new();
        v.insert("ui.mode".into(), "commit".into());
        v.insert(committed_key("LICENSE"), "50".into());
        let problem = |v: &Values| check_commit(v).into_iter().find(|e| e.path == tyc_key("LICENSE"));
        for (typed, refused) in [("49", true), ("50", false), ("80", false)] {
            v.insert(tyc_key("LICENSE"), typed.into());
            assert_eq!(problem(&v).is_some(), refused, "{typed:?}: {:?}", problem(&v));
        }
        // Consumables may be added beside the licenses, not instead of them.
        v.insert(tyc_key("CONSUMABLES"), "1000".into());
        assert!(check_commit(&v).is_empty(), "{:?}", check_commit(&v));
        v.insert(tyc_key("LICENSE"), String::new());
        assert!(problem(&v).is_some(), "adding consumables keeps the committed licenses");
    }
}
