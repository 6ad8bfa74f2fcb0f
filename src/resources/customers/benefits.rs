//! A customer's 3-Year Commit requests (a first request, a quantity increase, a recommitment in
//! the last 30 days before the commitment ends — each offered only when the docs allow it, and
//! why not otherwise) and creating a linked membership. Each request is a PATCH that carries
//! the customer's whole profile as read, since an update replaces the stored data.

use super::create::{check_minimums, minimums, tyc_key};
use super::profile::SUB_SEGMENTS;
use crate::api::calls::customers;
use crate::components::detail::day;
use crate::components::error_panel::ErrorPanel;
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
use partner_model::rules::cross::{lga_conversion_window, recommit_window};
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
    let name = &c.company_profile.company_name;
    let title = if c.us_or_canadian_government() { t::benefits::title_gov(name) } else { t::benefits::title(name) };
    view! {
        <h1>{title}</h1>
        <p><A href=To::Customer(&cid).href()>{t::benefits::back()}</A></p>
        <super::UpdateRefused status=c.status.clone()/>
        <CommitForms customer=c.clone()/>
        <LinkedForm customer=c.clone()/>
        {c.us_or_canadian_government().then(|| view! { <LgaConversion customer=c/> })}
    }
}

/// Converting a government customer to a Large Government Agency ("Convert an existing
/// government customer to LGA"): what stops it, when the customer's data says; otherwise the
/// form, whose refusals for what the customer holds (1169, 1170) say what to change.
#[component]
fn LgaConversion(customer: Customer) -> impl IntoView {
    let note = |text: String| {
        view! {
            <section class="facts-section"><h2>{t::benefits::lga_convert()}</h2><p class="notice" role="note">{text}</p></section>
        }
        .into_any()
    };
    if customer.lga_pending() {
        return note(t::hub::lga_pending().into());
    }
    if customer.is_lga() {
        return ().into_any();
    }
    if customer.three_year_commit().is_some() {
        return note(t::benefits::lga_not_3yc().into());
    }
    if customer.linked_membership.is_some() {
        return note(t::benefits::lga_not_linked().into());
    }
    match lga_conversion_window(&customer.coterm_date, crate::components::detail::now()) {
        Err(Some(opens)) => {
            let (opens, anniversary) = (day(&opens), day(&customer.coterm_date));
            return note(t::benefits::LgaOpens { opens, anniversary }.text());
        }
        Err(None) => return note(t::benefits::lga_no_anniversary().into()),
        Ok(()) => {}
    }
    view! { <LgaForm customer/> }.into_any()
}

/// The agency level chosen, as the API names it (none while not chosen).
fn agency_level(v: &Values) -> Vec<MarketSubSegment> {
    Some(g(v, SUB_SEGMENTS)).filter(|s| !s.is_empty()).as_deref().map(MarketSubSegment::from_wire).into_iter().collect()
}

/// The conversion: the benefit, with the customer's profile as read (an update replaces the
/// stored data) made GOV at the agency level chosen.
fn lga_request(v: &Values, read: &Customer) -> CustomerUpdateRequest {
    let benefit = BenefitRequest {
        kind: BenefitType::LargeGovernmentAgency,
        commitment_request: None,
        recommitment_request: None,
    };
    let mut request = as_read(read, CustomerUpdateRequest { benefits: vec![benefit], ..Default::default() });
    if let Some(profile) = request.company_profile.as_mut() {
        profile.market_segment = Some(MarketSegment::Government);
        profile.market_sub_segments = agency_level(v);
    }
    request
}

/// The form's one question, by the model's rule for an LGA's sub-segment.
fn check_lga(v: &Values) -> Vec<FieldError> {
    let chosen = agency_level(v);
    let subs: Vec<&str> = chosen.iter().map(|s| s.as_str()).collect();
    partner_model::rules::cross::lga(true, "GOV", &subs)
        .err()
        .map(|p| FieldError::new(SUB_SEGMENTS, p))
        .into_iter()
        .collect()
}

#[component]
fn LgaForm(customer: Customer) -> impl IntoView {
    let rt = runtime();
    let id = customer.customer_id.clone();
    let read = customer.clone();
    let form = FormState::new(Values::new(), check_lga, Some(format!("customer-{id}-lga")));
    let navigate = use_navigate();
    let submission = use_submission(
        form,
        move |v| fetch(customers::update(&rt, &read.customer_id, &lga_request(&v, &read))),
        move |c: Customer| {
            toast(t::benefits::lga_sent());
            navigate(&To::Customer(&c.customer_id).path(), Default::default());
        },
    );
    let failure = submission.failure;
    // What the customer holds that stops it (1169 names the subscriptions, 1170 the count), in
    // this page's words: the catalog's advice for these codes is an order's.
    let todo = move |f: &crate::api::error::Failure| match f.error.code() {
        Some("1169") => {
            let links = f.error.details().to_vec().into_iter().map(|sub| {
                let href = To::Subscription { customer: &id, id: &sub }.href();
                view! { <li><A href=href><code class="id">{sub}</code></A></li> }
            });
            let links = links.collect_view();
            Some(
                view! { <p class="todo">{t::benefits::lga_auto_renewing()}</p><ul class="error-details">{links}</ul> }
                    .into_any(),
            )
        }
        Some("1170") => Some(view! { <p class="todo">{t::benefits::lga_too_few()}</p> }.into_any()),
        _ => None,
    };
    view! {
        <FormScope form=form>
            <section class="facts-section" aria-labelledby="lga-title">
                <h2 id="lga-title">{t::benefits::lga_convert()}</h2>
                <p>{t::benefits::lga_convert_what()}</p>
                <form novalidate on:submit=move |ev| submission.submit(ev)>
                    <SelectField path=SUB_SEGMENTS label=t::customer_new::agency_level() options=Signal::derive(|| vec![
                        (String::new(), t::customer_new::choose_level().to_string()),
                        ("FEDERAL".to_string(), t::customer_new::federal().to_string()),
                        ("STATE".to_string(), t::customer_new::state().to_string()),
                    ])/>
                    {move || failure.get().map(|f| {
                        let what_to_do = todo(&f);
                        view! { <ErrorPanel failure=f what_to_do/> }
                    })}
                    <BusyButton label=t::benefits::lga_send() busy=submission.busy/>
                </form>
            </section>
        </FormScope>
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
    if customer.in_three_year_commit() {
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
    fn a_conversion_asks_for_the_agency_level_and_sends_the_benefit_with_it() {
        let mut v = Values::new();
        assert_eq!(check_lga(&v).iter().map(|e| e.path.as_str()).collect::<Vec<_>>(), [SUB_SEGMENTS]);
        v.insert(SUB_SEGMENTS.into(), "STATE".into());
        assert!(check_lga(&v).is_empty(), "{:?}", check_lga(&v));
        let request = lga_request(&v, &Customer::default());
        assert_eq!(request.benefits[0].kind, BenefitType::LargeGovernmentAgency);
        let profile = request.company_profile.expect("a profile");
        assert_eq!(
            (profile.market_segment, profile.market_sub_segments),
            (Some(MarketSegment::Government), vec![MarketSubSegment::State])
        );
    }

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
