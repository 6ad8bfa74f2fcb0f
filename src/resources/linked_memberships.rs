//! Large Government Agency linked membership groups: search by country (US or CA) and name,
//! the groups with their members, benefit types and discounts, and enrolling a customer — its
//! country checked against the group's before the call, and a confirmation first.

use crate::api::calls::{customers, linked_memberships};
use crate::components::confirm::ConfirmDialog;
use crate::components::error_panel::ErrorPanel;
use crate::components::filters::Choice;
use crate::components::filters::{FilterSelect, FilterText};
use crate::components::form::{check_paths, trimmed as g, BusyButton, FormScope, FormState, TextField, Values};
use crate::components::loading::{Load, Loaded};
use crate::components::query::use_query_state;
use crate::components::submit::{use_commit, use_preview_submission, SubmissionError};
use crate::components::table::{Cell, Column, DataTable};
use crate::components::toast::toast;
use crate::i18n::t;
use crate::resources::{fetch, runtime};
use crate::routes::route;
use crate::routes::To;
use leptos::prelude::*;
use leptos_router::any_nested_route::AnyNestedRoute;
use leptos_router::components::A;
use leptos_router::path;
use partner_model::types::{Customer, EnrollResult, LinkedMembershipGroup};

/// `/linked-memberships`.
pub fn linked_membership_routes() -> Vec<AnyNestedRoute> {
    vec![route(path!("/linked-memberships"), crate::split_page!(customers, linked_memberships, LinkedMemberships))]
}

const COUNTRIES: &[Choice] =
    &[("", t::option::choose_a_country), ("US", t::option::united_states_us), ("CA", t::option::canada_ca)];

/// A benefit type in words.
fn benefit_name(code: &str) -> String {
    match code {
        "LARGE_GOVERNMENT_AGENCY" => t::hub::lga().into(),
        "THREE_YEAR_COMMIT" => t::hub::three_year_commit().into(),
        other => other.to_string(),
    }
}

fn discounts(g: &LinkedMembershipGroup) -> String {
    g.discounts
        .iter()
        .map(|d| t::linked::Level { kind: crate::i18n::model(d.offer_type.words()), level: &d.level }.text())
        .collect::<Vec<_>>()
        .join(", ")
}

/// `/linked-memberships?country=US&name=…&customer=…`.
#[component]
pub fn LinkedMemberships() -> impl IntoView {
    let rt = runtime();
    let query = use_query_state();
    let chosen = RwSignal::new(None::<LinkedMembershipGroup>);
    let rt2 = rt.clone();
    let groups = Loaded::new(move || {
        let (country, name) = (query.get("country"), query.get("name"));
        let endpoint = (!country.is_empty()).then(|| linked_memberships::search(&rt2, &country, &name));
        async move {
            match endpoint {
                Some(e) => fetch(e).await.map(Some),
                None => Ok(None),
            }
        }
    });
    view! {
        <section class="page">
            <h1>{t::linked::title()}</h1>
            <p class="lede">{t::linked::lede()}</p>
            <div class="filters" role="search" aria-label=t::linked::search()>
                <FilterSelect key="country" label=t::linked::country() options=COUNTRIES/>
                <FilterText key="name" label=t::linked::group_name() hint=t::linked::group_name_hint()/>
            </div>
            <Load resource=groups what=t::load::linked_membership_groups() render={move |found: Option<Vec<LinkedMembershipGroup>>| {
                match found {
                    None => view! { <p class="empty" role="status">{t::linked::choose_country()}</p> }.into_any(),
                    Some(list) if list.is_empty() => view! { <p class="empty" role="status">{t::linked::no_group()}</p> }.into_any(),
                    Some(list) => view! { <GroupTable list chosen/> }.into_any(),
                }
            }}/>
            {move || chosen.get().map(|group| view! { <Enroll group chosen/> })}
        </section>
    }
}

/// A group found, with the choice it can be enrolled into.
type GroupRow = (LinkedMembershipGroup, RwSignal<Option<LinkedMembershipGroup>>);

static GROUPS: &[Column<GroupRow>] = &[
    Column::text(t::column::name, |(g, _): &GroupRow| Cell::Text(g.name.clone())),
    Column::text(t::column::id, |(g, _)| Cell::Code(g.id.clone())),
    Column::text(t::column::r#type, |(g, _)| {
        Cell::Text(g.kind.as_ref().map(|k| k.as_str().to_string()).unwrap_or_default())
    }),
    Column::text(t::column::segment, |(g, _)| {
        Cell::Text(g.market_segment.as_ref().map(|k| k.as_str().to_string()).unwrap_or_default())
    }),
    Column::text(t::column::country, |(g, _)| Cell::Text(g.country.clone())),
    Column::text(t::column::members, |(g, _): &GroupRow| {
        Cell::Text(g.members_count.map(|m| m.to_string()).unwrap_or_default())
    })
    .numeric(),
    Column::text(t::column::benefits, |(g, _)| {
        Cell::Words(g.benefit_types.iter().map(|b| benefit_name(b)).collect::<Vec<_>>().join(", "))
    }),
    Column::text(t::column::discounts, |(g, _)| Cell::Words(discounts(g))),
    Column::text(t::column::created, |(g, _)| Cell::Day(g.creation_date.clone())),
    Column::text(t::column::actions, |(g, chosen): &GroupRow| {
        let (row, chosen) = (g.clone(), *chosen);
        let view = view! {
            <button type="button" on:click=move |_| chosen.set(Some(row.clone()))>
                {t::linked::enroll_a_customer()}<span class="visually-hidden">" " {t::linked::in_group(&g.name)}</span>
            </button>
        };
        Cell::View(view.into_any(), String::new())
    }),
];

#[component]
fn GroupTable(list: Vec<LinkedMembershipGroup>, chosen: RwSignal<Option<LinkedMembershipGroup>>) -> impl IntoView {
    let rows: Vec<GroupRow> = list.into_iter().map(|g| (g, chosen)).collect();
    view! { <DataTable caption=t::linked::groups().to_string() columns=GROUPS rows empty=t::linked::no_group()/> }
}

const CUSTOMER: &str = "customerId";

/// Whether `c` may join `group`; otherwise why not. A customer is in one group at most, of its
/// own country.
fn may_join(c: &Customer, group: &LinkedMembershipGroup) -> Result<(), String> {
    let name = &c.company_profile.company_name;
    if let Some(l) = c.linked_membership.as_ref().filter(|l| l.id != group.id) {
        return Err(t::linked::Already { group: &l.name, id: &l.id, name }.text());
    }
    let country = &c.company_profile.address.country;
    if *country != group.country {
        return Err(t::linked::OtherCountry { country, group: &group.country, name }.text());
    }
    // 1165 "Large Government Agency is not enabled for customer"; a converted customer can join
    // "after the AD".
    let lga_group = group.benefit_types.iter().any(|b| b == "LARGE_GOVERNMENT_AGENCY");
    if lga_group && !c.lga_in_force() {
        return Err(t::linked::not_lga(name));
    }
    Ok(())
}

/// The enrollment of a customer into `group`: the customer is read and checked first, then the
/// reseller confirms.
#[component]
fn Enroll(group: LinkedMembershipGroup, chosen: RwSignal<Option<LinkedMembershipGroup>>) -> impl IntoView {
    let rt = runtime();
    let query = use_query_state();
    let start = Values::from([(CUSTOMER.to_string(), query.get_untracked("customer"))]);
    let form = FormState::new(start, |v| check_paths(v, &[CUSTOMER]), None);
    let customer = RwSignal::new(None::<Customer>);
    let ask = RwSignal::new(false);
    let done = RwSignal::new(None::<String>);
    let group = StoredValue::new(group);
    let rt2 = rt.clone();
    let check = use_preview_submission(
        form,
        move |v: Values| {
            let endpoint = customers::get(&rt2, &g(&v, CUSTOMER));
            async move { fetch(endpoint).await }
        },
        move |c: Customer| match group.with_value(|g| may_join(&c, g)) {
            Err(problem) => form.refuse(CUSTOMER, problem),
            Ok(()) => {
                customer.set(Some(c));
                ask.set(true);
            }
        },
    );
    let enroll = use_commit(
        form,
        move || {
            let id = customer.get_untracked().map(|c| c.customer_id).unwrap_or_default();
            let endpoint = customers::enroll(&rt, &id, &group.with_value(|g| g.id.clone()));
            async move { fetch::<EnrollResult>(endpoint).await }
        },
        move |r: EnrollResult| {
            let name = customer.get_untracked().map(|c| c.company_profile.company_name).unwrap_or_default();
            let message =
                if r.message.is_empty() { t::linked::enrolled(&name) } else { format!("{name}: {}", r.message) };
            toast(message.clone());
            done.set(Some(message));
        },
    );
    let title = Signal::derive(move || {
        let name = customer
            .get()
            .map(|c| format!("{} ({})", c.company_profile.company_name, c.customer_id))
            .unwrap_or_default();
        t::linked::ConfirmTitle { group: group.with_value(|g| g.name.clone()), name: &name }.text()
    });
    let body = Signal::derive(move || t::linked::confirm_body().to_string());
    let (checking, pending) = (check.busy, enroll.pending);
    let busy = Signal::derive(move || checking.get() || pending.get());
    view! {
        <FormScope form=form>
            <section class="facts-section enroll" aria-labelledby="enroll-title">
                <h2 id="enroll-title">{t::linked::enroll_in(group.with_value(|g| g.name.clone()))}</h2>
                <form class="inline" novalidate on:submit=move |ev| check.submit(ev)>
                    <TextField path=CUSTOMER/>
                    <BusyButton label=t::linked::enroll() working=t::linked::working() busy/>
                    <button type="button" on:click=move |_| chosen.set(None)>{t::linked::close()}</button>
                </form>
                <SubmissionError submission=check/>
                {move || enroll.failure.get().map(|failure| view! { <ErrorPanel failure/> })}
                {move || done.get().map(|m| {
                    let link = customer.get().map(|c| To::Customer(&c.customer_id).href()).unwrap_or_default();
                    view! { <p class="notice ok" role="status">{m} " " <A href=link>{t::linked::open_customer()}</A></p> }
                })}
                <ConfirmDialog open=ask title body confirm_label=t::linked::enroll() on_confirm=Callback::new(move |_| enroll.send())/>
            </section>
        </FormScope>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use partner_model::types::{Benefit, BenefitType};

    #[test]
    fn only_a_large_government_agency_in_force_joins_an_lga_group() {
        let group = LinkedMembershipGroup {
            id: "G1".into(),
            country: "US".into(),
            benefit_types: vec!["LARGE_GOVERNMENT_AGENCY".into()],
            ..LinkedMembershipGroup::default()
        };
        let customer = |lga: Option<&str>| {
            let mut c = Customer::default();
            c.company_profile.company_name = "Harris County Clerk".into();
            c.company_profile.address.country = "US".into();
            c.benefits =
                lga.map(|status| Benefit::new(BenefitType::LargeGovernmentAgency, Some(status))).into_iter().collect();
            c
        };
        assert!(may_join(&customer(Some("ACTIVE")), &group).is_ok());
        for refused in [None, Some("PENDING_UPGRADE")] {
            let why = may_join(&customer(refused), &group).err().unwrap_or_default();
            assert!(why.contains("Harris County Clerk"), "{refused:?}: {why}");
        }
    }
}
