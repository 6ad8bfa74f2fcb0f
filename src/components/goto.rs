//! The "go to" box: open a customer, reseller, order, VIP membership or transfer by its id,
//! checked against the documented id format before the console navigates; a customer or a
//! reseller also by (part of) its name, which opens the list filtered to the names containing it.

use crate::components::form::{focus_first_invalid, problem_words};
use crate::i18n::t;
use crate::routes::To;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use partner_model::ids::{validate_id, IdKind};
use partner_model::rules::Invalid;

/// The field with the first problem, and the problem: an order's customer id before the id
/// (the fields share one error line). The id by the model's id rule (the registry's rule for
/// `customerId`, `orderId`, … : required, letters, digits and hyphens, 4 to 40). The rule is
/// called directly rather than through the registry's lookup, and the box keeps its own three
/// signals rather than the forms' state: the header is on every page, and the registry's other
/// checks (countries, regions, postal codes) and the forms' drafts would come with it into the
/// first load.
fn check(kind: IdKind, id: &str, customer: &str) -> Option<(Field, Invalid)> {
    if is_name(kind, id) {
        return None;
    }
    if kind == IdKind::Order {
        if let Err(problem) = validate_id(IdKind::Customer, customer) {
            return Some((Field::Customer, problem));
        }
    }
    validate_id(kind, id).err().map(|problem| (Field::Id, problem))
}

/// The box's two text fields.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    Customer,
    Id,
}

/// Whether `text`, typed for a record of `kind`, is a name rather than an id: customers and
/// resellers are found by name too, and their ids hold digits and no spaces.
pub fn is_name(kind: IdKind, text: &str) -> bool {
    matches!(kind, IdKind::Customer | IdKind::Reseller)
        && !text.is_empty()
        && (text.contains(char::is_whitespace) || !text.chars().any(|c| c.is_ascii_digit()))
}

/// The list where a customer or reseller named (in part) `name` is: a user of one reseller
/// searches its customers; others choose the reseller first, and the name goes along.
pub fn named(kind: IdKind, name: &str, own: Option<&str>) -> String {
    let filter = format!("company-name={}", crate::api::calls::encode(name));
    match (kind, own) {
        (IdKind::Reseller, _) => format!("{}?{filter}", To::Resellers.path()),
        (_, Some(reseller)) => format!("{}&{filter}", To::Customers { reseller }.path()),
        (_, None) => format!("{}?{filter}", To::Customers { reseller: "" }.path()),
    }
}

/// Where the record of `kind` with `id` lives (`customer` is needed for orders).
pub fn record<'a>(kind: IdKind, id: &'a str, customer: &'a str) -> To<'a> {
    match kind {
        IdKind::Customer => To::Customer(id),
        IdKind::Reseller => To::Reseller(id),
        IdKind::Order => To::Order { customer, id },
        IdKind::Membership => To::Membership { id, reseller: "" },
        IdKind::Transfer => To::Transfer(id),
    }
}

/// The header's "go to" form. Its problem shows once it was sent, and follows the typing from
/// then on; choosing another kind starts afresh.
#[component]
pub fn GoToBox() -> impl IntoView {
    let kind = RwSignal::new(IdKind::Customer);
    let (id, customer) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let sent = RwSignal::new(false);
    let problem = Memo::new(move |_| id.with(|i| customer.with(|c| check(kind.get(), i.trim(), c.trim()))));
    let navigate = use_navigate();

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        sent.set(true);
        if problem.with_untracked(Option::is_some) {
            // The field marked invalid once the problem shows (one at a time).
            focus_first_invalid("header");
            return;
        }
        let kind = kind.get_untracked();
        let (typed, customer) = (id.get_untracked().trim().to_string(), customer.get_untracked().trim().to_string());
        if is_name(kind, &typed) {
            let own = crate::session::own_resellers().and_then(|r| (r.len() == 1).then(|| r[0].clone()));
            navigate(&named(kind, &typed, own.as_deref()), NavigateOptions::default());
        } else {
            navigate(&record(kind, &typed, &customer).path(), NavigateOptions::default());
        }
        // Ready for the next record: the kind and an order's customer stay.
        id.set(String::new());
        sent.set(false);
    };
    let error = move || {
        let (field, problem) = problem.get().filter(|_| sent.get())?;
        let name = match field {
            Field::Customer => t::goto::customer_id(),
            Field::Id => id_label(kind.get()),
        };
        Some((field, t::goto::Problem { field: name, problem: problem_words(&problem) }.text()))
    };
    let invalid = move |field: Field| move || error().is_some_and(|(f, _)| f == field).to_string();
    let described = move |field: Field| move || error().is_some_and(|(f, _)| f == field).then_some("goto-error");

    view! {
        <form class="goto" role="search" aria-label=t::goto::search() on:submit=on_submit novalidate>
            <label for="goto-kind">{t::goto::go_to()}</label>
            <select
                id="goto-kind"
                on:change=move |ev| {
                    if let Some(k) = IdKind::from_key(&event_target_value(&ev)) {
                        kind.set(k);
                        sent.set(false);
                    }
                }
            >
                {IdKind::ALL
                    .into_iter()
                    .map(|k| view! { <option value=k.key() selected=move || kind.get() == k>{kind_word(k)}</option> })
                    .collect_view()}
            </select>
            <Show when=move || kind.get() == IdKind::Order>
                <label for="goto-customer">{t::goto::customer_id()}</label>
                <input
                    id="goto-customer"
                    type="text"
                    autocomplete="off"
                    spellcheck="false"
                    prop:value=move || customer.get()
                    on:input=move |ev| customer.set(event_target_value(&ev))
                    aria-invalid=invalid(Field::Customer)
                    aria-describedby=described(Field::Customer)
                />
            </Show>
            <label for="goto-id">{move || id_label(kind.get())}</label>
            <input
                id="goto-id"
                type="text"
                placeholder=move || id_label(kind.get())
                autocomplete="off"
                spellcheck="false"
                prop:value=move || id.get()
                on:input=move |ev| id.set(event_target_value(&ev))
                aria-invalid=invalid(Field::Id)
                aria-describedby=described(Field::Id)
            />
            <button type="submit">{t::goto::open()}</button>
            <p id="goto-error" class="field-error" role="alert">
                {move || error().map(|(_, message)| message)}
            </p>
        </form>
    }
}

/// The kind of record, in the language shown.
fn kind_word(kind: IdKind) -> &'static str {
    match kind {
        IdKind::Customer => t::goto::customer(),
        IdKind::Reseller => t::goto::reseller(),
        IdKind::Order => t::goto::order(),
        IdKind::Membership => t::goto::membership(),
        IdKind::Transfer => t::goto::transfer(),
    }
}

/// What the id field asks for: a customer's or reseller's id or name, another record's id.
fn id_label(kind: IdKind) -> &'static str {
    match kind {
        IdKind::Customer => t::goto::customer_id_or_name(),
        IdKind::Reseller => t::goto::reseller_id_or_name(),
        IdKind::Order => t::goto::order_id(),
        IdKind::Membership => t::goto::membership_id(),
        IdKind::Transfer => t::goto::transfer_id(),
    }
}
