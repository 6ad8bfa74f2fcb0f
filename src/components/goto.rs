//! The "go to" box: open a customer, reseller, order, VIP membership or transfer by its id,
//! checked against the documented id format before the console navigates.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use partner_model::ids::{validate_id, IdKind};

/// Which field an error belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    Customer,
    Id,
}

/// Where the record of `kind` with `id` lives (`customer` is needed for orders).
pub fn record_path(kind: IdKind, id: &str, customer: &str) -> String {
    let enc = |s: &str| String::from(js_sys::encode_uri_component(s));
    match kind {
        IdKind::Customer => format!("/customers/{}", enc(id)),
        IdKind::Reseller => format!("/resellers/{}", enc(id)),
        IdKind::Order => format!("/customers/{}/orders/{}", enc(customer), enc(id)),
        IdKind::Membership => format!("/memberships/{}", enc(id)),
        IdKind::Transfer => format!("/transfers/{}", enc(id)),
    }
}

/// The header's "go to" form.
#[component]
pub fn GoToBox() -> impl IntoView {
    let kind = RwSignal::new(IdKind::Customer);
    let id = RwSignal::new(String::new());
    let customer = RwSignal::new(String::new());
    let error = RwSignal::new(None::<(Field, String)>);
    let navigate = use_navigate();

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let kind = kind.get_untracked();
        let customer_id = if kind == IdKind::Order {
            match validate_id(IdKind::Customer, &customer.get_untracked()) {
                Ok(c) => c.to_string(),
                Err(e) => return error.set(Some((Field::Customer, format!("Customer id: {e}")))),
            }
        } else {
            String::new()
        };
        match validate_id(kind, &id.get_untracked()) {
            Ok(valid) => {
                error.set(None);
                navigate(&record_path(kind, valid, &customer_id), NavigateOptions::default());
                id.set(String::new());
            }
            Err(e) => error.set(Some((Field::Id, format!("{} id: {e}", kind.label())))),
        }
    };
    let invalid = move |field: Field| move || error.with(|e| e.as_ref().is_some_and(|(f, _)| *f == field)).to_string();
    let described = move |field: Field| {
        move || error.with(|e| e.as_ref().is_some_and(|(f, _)| *f == field)).then_some("goto-error")
    };

    view! {
        <form class="goto" role="search" aria-label="Go to a record" on:submit=on_submit novalidate>
            <label for="goto-kind">"Go to"</label>
            <select
                id="goto-kind"
                on:change=move |ev| {
                    if let Some(k) = IdKind::from_key(&event_target_value(&ev)) {
                        kind.set(k);
                        error.set(None);
                    }
                }
            >
                {IdKind::ALL
                    .into_iter()
                    .map(|k| view! { <option value=k.key() selected=move || kind.get() == k>{k.label()}</option> })
                    .collect_view()}
            </select>
            <Show when=move || kind.get() == IdKind::Order>
                <label for="goto-customer">"Customer id"</label>
                <input
                    id="goto-customer"
                    type="text"
                    autocomplete="off"
                    spellcheck="false"
                    bind:value=customer
                    aria-invalid=invalid(Field::Customer)
                    aria-describedby=described(Field::Customer)
                />
            </Show>
            <label for="goto-id">{move || format!("{} id", kind.get().label())}</label>
            <input
                id="goto-id"
                type="text"
                autocomplete="off"
                spellcheck="false"
                bind:value=id
                aria-invalid=invalid(Field::Id)
                aria-describedby=described(Field::Id)
            />
            <button type="submit">"Open"</button>
            <p id="goto-error" class="field-error" role="alert">
                {move || error.get().map(|(_, message)| message)}
            </p>
        </form>
    }
}
