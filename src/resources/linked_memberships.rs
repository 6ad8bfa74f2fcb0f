//! Large Government Agency linked membership groups: search by country (US or CA) and name,
//! the groups with their members, benefit types and discounts, and enrolling a customer — its
//! country checked against the group's before the call, and a confirmation first.

use crate::api::calls::{customers, linked_memberships};
use crate::api::error::Failure;
use crate::components::confirm::ConfirmDialog;
use crate::components::detail::day;
use crate::components::error_panel::ErrorPanel;
use crate::components::filters::{FilterSelect, FilterText};
use crate::components::loading::Load;
use crate::components::query::use_query_state;
use crate::components::toast::toast;
use crate::resources::{fetch, runtime};
use crate::runtime::href;
use leptos::prelude::*;
use leptos_router::any_nested_route::{AnyNestedRoute, IntoAnyNestedRoute};
use leptos_router::components::{Route, A};
use leptos_router::path;
use partner_model::ids::{validate_id, IdKind};
use partner_model::types::{Customer, EnrollResult, LinkedMembershipGroup};

/// `/linked-memberships`.
#[component(transparent)]
pub fn LinkedMembershipRoutes() -> AnyNestedRoute {
    view! {
        <Route path=path!("/linked-memberships") view={crate::split_page!(customers, linked_memberships, LinkedMemberships)}/>
    }
    .into_inner()
    .into_any_nested_route()
}

const COUNTRIES: &[(&str, &str)] = &[("", "Choose a country"), ("US", "United States (US)"), ("CA", "Canada (CA)")];

/// A benefit type in words.
fn benefit_name(code: &str) -> String {
    match code {
        "LARGE_GOVERNMENT_AGENCY" => "Large Government Agency".into(),
        "THREE_YEAR_COMMIT" => "3-Year Commit".into(),
        other => other.to_string(),
    }
}

fn discounts(g: &LinkedMembershipGroup) -> String {
    g.discounts.iter().map(|d| format!("{} {}", d.offer_type.as_str(), d.level)).collect::<Vec<_>>().join(", ")
}

/// `/linked-memberships?country=US&name=…&customer=…`.
#[component]
pub fn LinkedMemberships() -> impl IntoView {
    let rt = runtime();
    let query = use_query_state();
    let chosen = RwSignal::new(None::<LinkedMembershipGroup>);
    let rt2 = rt.clone();
    let groups = LocalResource::new(move || {
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
            <h1>"Linked memberships"</h1>
            <p class="lede">"Large Government Agency groups share one discount level across agencies. Search a country's groups, then enroll a customer from the same country."</p>
            <div class="filters" role="search" aria-label="Search groups">
                <FilterSelect key="country" label="Country" options=COUNTRIES/>
                <FilterText key="name" label="Group name" hint="Part of the name; leave empty for every group."/>
            </div>
            <Load resource=groups what="linked membership groups" render={move |found: Option<Vec<LinkedMembershipGroup>>| {
                match found {
                    None => view! { <p class="empty" role="status">"Choose a country to search its groups: the API requires one."</p> }.into_any(),
                    Some(list) if list.is_empty() => view! { <p class="empty" role="status">"No group matches."</p> }.into_any(),
                    Some(list) => view! { <GroupTable list chosen/> }.into_any(),
                }
            }}/>
            {move || chosen.get().map(|group| view! { <Enroll group chosen/> })}
        </section>
    }
}

#[component]
fn GroupTable(list: Vec<LinkedMembershipGroup>, chosen: RwSignal<Option<LinkedMembershipGroup>>) -> impl IntoView {
    view! {
        <div class="table-wrap">
            <table class="data">
                <caption class="visually-hidden">"Linked membership groups"</caption>
                <thead><tr>
                    <th scope="col">"Name"</th><th scope="col">"Id"</th><th scope="col">"Type"</th><th scope="col">"Segment"</th>
                    <th scope="col">"Country"</th><th scope="col" class="num">"Members"</th><th scope="col">"Benefits"</th>
                    <th scope="col">"Discounts"</th><th scope="col">"Created"</th><th scope="col"><span class="visually-hidden">"Actions"</span></th>
                </tr></thead>
                <tbody>
                    {list.into_iter().map(|g| {
                        let row = g.clone();
                        view! {
                            <tr>
                                <td>{g.name.clone()}</td>
                                <td><code>{g.id.clone()}</code></td>
                                <td>{g.kind.as_ref().map(|k| k.as_str().to_string()).unwrap_or_default()}</td>
                                <td>{g.market_segment.as_ref().map(|k| k.as_str().to_string()).unwrap_or_default()}</td>
                                <td>{g.country.clone()}</td>
                                <td class="num">{g.members_count.map(|m| m.to_string()).unwrap_or_default()}</td>
                                <td>{g.benefit_types.iter().map(|b| benefit_name(b)).collect::<Vec<_>>().join(", ")}</td>
                                <td>{discounts(&g)}</td>
                                <td>{day(&g.creation_date)}</td>
                                <td><button type="button" on:click=move |_| chosen.set(Some(row.clone()))>"Enroll a customer"<span class="visually-hidden">{format!(" in {}", g.name)}</span></button></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// The enrollment of a customer into `group`.
#[component]
fn Enroll(group: LinkedMembershipGroup, chosen: RwSignal<Option<LinkedMembershipGroup>>) -> impl IntoView {
    let rt = runtime();
    let query = use_query_state();
    let initial = query.get_untracked("customer");
    let input = NodeRef::<leptos::html::Input>::new();
    let problem = RwSignal::new(None::<String>);
    let checking = RwSignal::new(false);
    let customer = RwSignal::new(None::<Customer>);
    let failure = RwSignal::new(None::<Failure>);
    let ask = RwSignal::new(false);
    let group = StoredValue::new(group);
    let rt2 = rt.clone();
    let check = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if checking.get_untracked() {
            return;
        }
        failure.set(None);
        let raw = input.get().map(|i| i.value()).unwrap_or_default();
        let id = match validate_id(IdKind::Customer, raw.trim()) {
            Ok(id) => id.to_string(),
            Err(e) => {
                problem.set(Some(format!("Customer id: {e}")));
                return;
            }
        };
        problem.set(None);
        checking.set(true);
        let endpoint = customers::get(&rt2, &id);
        leptos::task::spawn_local(async move {
            let result = fetch(endpoint).await;
            checking.set(false);
            match result {
                Ok(c) => {
                    let (country, group_id) = group.with_value(|g| (g.country.clone(), g.id.clone()));
                    let other = c.linked_membership.as_ref().filter(|l| l.id != group_id);
                    if let Some(l) = other {
                        problem.set(Some(format!(
                            "{} already belongs to the group {} ({}): a customer can be in one linked membership group only.",
                            c.company_profile.company_name, l.name, l.id
                        )));
                    } else if c.company_profile.address.country != country {
                        problem.set(Some(format!(
                            "{} is in {}, the group is in {country}: a customer can only join a group of its own country.",
                            c.company_profile.company_name, c.company_profile.address.country
                        )));
                    } else {
                        customer.set(Some(c));
                        ask.set(true);
                    }
                }
                Err(f) => failure.set(Some(f)),
            }
        });
    };
    let enroll = Action::new_local(move |c: &Customer| {
        let endpoint = customers::enroll(&rt, &c.customer_id, &group.with_value(|g| g.id.clone()));
        async move { fetch::<EnrollResult>(endpoint).await }
    });
    let done = RwSignal::new(None::<String>);
    Effect::new(move |_| match enroll.value().get() {
        Some(Ok(r)) => {
            let name = customer.get_untracked().map(|c| c.company_profile.company_name).unwrap_or_default();
            let message =
                if r.message.is_empty() { format!("{name} was enrolled.") } else { format!("{name}: {}", r.message) };
            toast(message.clone());
            done.set(Some(message));
        }
        Some(Err(f)) => failure.set(Some(f)),
        None => {}
    });
    let title = Signal::derive(move || {
        let name = customer
            .get()
            .map(|c| format!("{} ({})", c.company_profile.company_name, c.customer_id))
            .unwrap_or_default();
        format!("Enroll {name} into {}?", group.with_value(|g| g.name.clone()))
    });
    let body = Signal::derive(move || {
        "The customer joins the group and takes its discount level. Customers in a linked membership cannot use 3-Year Commit.".to_string()
    });
    let busy = move || checking.get() || enroll.pending().get();
    view! {
        <section class="facts-section enroll" aria-labelledby="enroll-title">
            <h2 id="enroll-title">{format!("Enroll a customer in {}", group.with_value(|g| g.name.clone()))}</h2>
            <form class="inline" novalidate on:submit=check>
                <div class="field">
                    <label for="enroll-customer">"Customer id"</label>
                    <input id="enroll-customer" type="text" node_ref=input value=initial
                        aria-invalid=move || problem.get().is_some().to_string() aria-describedby="enroll-customer-error"/>
                    <p class="field-error" id="enroll-customer-error" aria-live="polite">{move || problem.get()}</p>
                </div>
                <button type="submit" class="primary" disabled=busy aria-busy=move || busy().to_string()>
                    {move || if busy() { "Working…" } else { "Enroll" }}
                </button>
                <button type="button" on:click=move |_| chosen.set(None)>"Close"</button>
            </form>
            {move || failure.get().map(|failure| view! { <ErrorPanel failure/> })}
            {move || done.get().map(|m| {
                let link = customer.get().map(|c| href(&format!("/customers/{}", c.customer_id))).unwrap_or_default();
                view! { <p class="notice ok" role="status">{m} " " <A href=link>"Open the customer"</A></p> }
            })}
            <ConfirmDialog open=ask title body confirm_label="Enroll"
                on_confirm=Callback::new(move |_| { if let Some(c) = customer.get_untracked() { enroll.dispatch_local(c); } })/>
        </section>
    }
}
