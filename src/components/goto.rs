//! The "go to" box: open a customer, reseller, order, VIP membership or transfer by its id,
//! checked against the documented id format before the console navigates; a customer or a
//! reseller also by (part of) its name, which opens the list filtered to the names containing it.

use crate::components::form::{trimmed, FormState, Values};
use crate::i18n::t;
use crate::routes::To;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use partner_model::ids::{validate_id, IdKind};
use partner_model::rules::FieldError;

const KIND: &str = "kind";
const ID: &str = "id";
const CUSTOMER: &str = "customerId";

fn kind_of(v: &Values) -> IdKind {
    v.get(KIND).and_then(|k| IdKind::from_key(k)).unwrap_or(IdKind::Customer)
}

/// The id by the model's id rule (the registry's rule for `customerId`, `orderId`, … : required,
/// letters, digits and hyphens, 4 to 40), and an order's customer id. The rule is called
/// directly rather than through the registry's lookup: the header is on every page, and the
/// registry's other checks (countries, regions, postal codes) would come with it.
fn check(v: &Values) -> Vec<FieldError> {
    let kind = kind_of(v);
    let mut errors = Vec::new();
    if is_name(kind, &trimmed(v, ID)) {
        return errors;
    }
    if kind == IdKind::Order {
        if let Err(problem) = validate_id(IdKind::Customer, &trimmed(v, CUSTOMER)) {
            errors.push(FieldError::new(CUSTOMER, problem));
        }
    }
    if let Err(problem) = validate_id(kind, &trimmed(v, ID)) {
        errors.push(FieldError::new(ID, problem));
    }
    errors
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

/// The header's "go to" form.
#[component]
pub fn GoToBox() -> impl IntoView {
    let start = Values::from([(KIND.to_string(), IdKind::Customer.key().to_string())]);
    let form = FormState::new(start, check, None).within("header");
    let kind = Memo::new(move |_| form.values.with(kind_of));
    let navigate = use_navigate();

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if !form.attempt() {
            return;
        }
        let (kind, id, customer) = (kind.get_untracked(), trimmed_of(form, ID), trimmed_of(form, CUSTOMER));
        if is_name(kind, &id) {
            let own = crate::session::own_resellers().and_then(|r| (r.len() == 1).then(|| r[0].clone()));
            navigate(&named(kind, &id, own.as_deref()), NavigateOptions::default());
        } else {
            navigate(&record(kind, &id, &customer).path(), NavigateOptions::default());
        }
        // Ready for the next record: the kind and an order's customer stay.
        form.reset(form.values.get_untracked().into_iter().filter(|(k, _)| k != ID).collect());
    };
    // One message at a time, the customer's first: the fields share one error line.
    let error = move || {
        let customer = (kind.get() == IdKind::Order).then(|| form.error(CUSTOMER, false)).flatten();
        match customer {
            Some(problem) => Some((CUSTOMER, t::goto::Problem { field: t::goto::customer_id(), problem }.text())),
            None => form
                .error(ID, false)
                .map(|problem| (ID, t::goto::Problem { field: id_label(kind.get()), problem }.text())),
        }
    };
    let invalid = move |field: &'static str| move || error().is_some_and(|(f, _)| f == field).to_string();
    let described = move |field: &'static str| move || error().is_some_and(|(f, _)| f == field).then_some("goto-error");
    let (customer, id) = (form.watch(CUSTOMER), form.watch(ID));

    view! {
        <form class="goto" role="search" aria-label=t::goto::search() on:submit=on_submit novalidate>
            <label for="goto-kind">{t::goto::go_to()}</label>
            <select
                id="goto-kind"
                on:change=move |ev| {
                    if let Some(k) = IdKind::from_key(&event_target_value(&ev)) {
                        let mut values = form.values.get_untracked();
                        values.insert(KIND.to_string(), k.key().to_string());
                        form.reset(values);
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
                    on:input=move |ev| form.set(CUSTOMER, event_target_value(&ev))
                    aria-invalid=invalid(CUSTOMER)
                    aria-describedby=described(CUSTOMER)
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
                on:input=move |ev| form.set(ID, event_target_value(&ev))
                aria-invalid=invalid(ID)
                aria-describedby=described(ID)
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

fn trimmed_of(form: FormState, path: &str) -> String {
    form.get_untracked(path).trim().to_string()
}
