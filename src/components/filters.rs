//! Filter controls bound to one URL query key each: what the reseller sets is the URL, so a
//! filtered list is a link and survives a reload.

use super::query::use_query_state;
use leptos::prelude::*;

/// A text filter, applied when the reseller presses Enter or leaves the field.
#[component]
pub fn FilterText(
    /// The query key (and the API parameter).
    key: &'static str,
    /// The label.
    label: &'static str,
    /// A hint under the label.
    #[prop(optional)]
    hint: &'static str,
) -> impl IntoView {
    let query = use_query_state();
    let id = format!("filter-{key}");
    let hint_id = format!("{id}-hint");
    view! {
        <div class="filter">
            <label for=id.clone()>{label}</label>
            <input id=id type="search" prop:value=move || query.get(key)
                aria-describedby=(!hint.is_empty()).then(|| hint_id.clone())
                on:change=move |ev| query.set(&[(key, event_target_value(&ev).trim().to_string())], false)/>
            {(!hint.is_empty()).then(|| view! { <small id=format!("filter-{key}-hint")>{hint}</small> })}
        </div>
    }
}

/// A filter's value and its label (from the catalog).
pub type Choice = (&'static str, fn() -> &'static str);

/// A choice among fixed values; the first option is "any".
#[component]
pub fn FilterSelect(
    /// The query key.
    key: &'static str,
    /// The label.
    label: &'static str,
    /// `(value, label)` pairs; an empty value means no filter.
    options: &'static [Choice],
) -> impl IntoView {
    let query = use_query_state();
    let id = format!("filter-{key}");
    view! {
        <div class="filter">
            <label for=id.clone()>{label}</label>
            <select id=id on:change=move |ev| query.set(&[(key, event_target_value(&ev))], false)>
                {options
                    .iter()
                    .map(|(value, text)| view! { <option value=*value selected=move || query.get(key) == *value>{text()}</option> })
                    .collect_view()}
            </select>
        </div>
    }
}

/// A date filter (`YYYY-MM-DD`).
#[component]
pub fn FilterDate(
    /// The query key.
    key: &'static str,
    /// The label.
    label: &'static str,
) -> impl IntoView {
    let query = use_query_state();
    let id = format!("filter-{key}");
    view! {
        <div class="filter">
            <label for=id.clone()>{label}</label>
            <input id=id type="date" prop:value=move || query.get(key)
                on:change=move |ev| query.set(&[(key, event_target_value(&ev))], false)/>
        </div>
    }
}

/// Several values of one repeated query key (`order-type=NEW&order-type=RETURN`), OR'ed by the
/// API: one checkbox each.
#[component]
pub fn FilterChecks(
    /// The repeated query key.
    key: &'static str,
    /// The group's legend.
    label: &'static str,
    /// `(value, label)` choices.
    options: &'static [Choice],
) -> impl IntoView {
    let query = use_query_state();
    view! {
        <fieldset class="filter checks">
            <legend>{label}</legend>
            {options
                .iter()
                .map(|(value, text)| {
                    let id = format!("filter-{key}-{value}");
                    let input_id = id.clone();
                    let toggle = move |_| {
                        let mut chosen = query.get_all(key);
                        if chosen.iter().any(|v| v == value) {
                            chosen.retain(|v| v != value);
                        } else {
                            chosen.push(value.to_string());
                        }
                        query.set_all(key, &chosen);
                    };
                    view! {
                        <label class="check" for=id.clone()>
                            <input type="checkbox" id=input_id prop:checked=move || query.get_all(key).iter().any(|v| v == value) on:change=toggle/>
                            {text()}
                        </label>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}
