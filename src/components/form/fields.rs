//! The fields: each bound to a wire path, labelled from the registry, announcing its problem
//! the same accessible way (`aria-invalid`, `aria-describedby` to its error).

use super::paths::{is_required, label_of};
use super::state::{use_form, FormState};
use crate::i18n::t;
use leptos::prelude::*;

/// What every single-control field shares: its id, label, whether it is required, its
/// problem, and its hint.
pub(crate) struct FieldParts {
    pub form: FormState,
    pub id: String,
    label: &'static str,
    required: bool,
    pub error: Signal<Option<String>>,
    hint: MaybeProp<String>,
}

impl FieldParts {
    pub fn new(path: &str, label: &'static str, hint: MaybeProp<String>) -> FieldParts {
        let form = use_form();
        let p = path.to_string();
        FieldParts {
            form,
            id: form.id_for(path),
            label: if label.is_empty() { label_of(path, t::field::value()) } else { label },
            required: is_required(path),
            error: Signal::derive(move || form.error(&p, false)),
            hint,
        }
    }

    /// Required also where the registry's rule for the path is not (a field this request
    /// needs that another request of the same path does not).
    pub fn required_here(mut self, required: bool) -> FieldParts {
        self.required |= required;
        self
    }

    /// `aria-describedby` of the control: its hint and its problem, when shown.
    pub fn described_by(&self) -> impl Fn() -> Option<String> + Send + Sync + 'static {
        let (id, hint, error) = (self.id.clone(), self.hint, self.error);
        move || {
            let mut ids = Vec::new();
            if hint.get().is_some_and(|h| !h.is_empty()) {
                ids.push(format!("{id}-hint"));
            }
            if error.get().is_some() {
                ids.push(format!("{id}-error"));
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    }

    /// The label, the control, the hint and the problem, in that order.
    pub fn frame<V: IntoView + 'static>(&self, control: V) -> impl IntoView + use<V> {
        let (id, label, required, error, hint) = (self.id.clone(), self.label, self.required, self.error, self.hint);
        let hint_id = format!("{id}-hint");
        view! {
            <div class="field">
                <label for=id.clone()>{label}{required.then(|| view! { <span class="req" aria-hidden="true">" *"</span> })}</label>
                {control}
                {move || hint.get().filter(|h| !h.is_empty()).map(|h| view! { <small class="hint" id=hint_id.clone()>{h}</small> })}
                <p class="field-error" id=format!("{id}-error") aria-live="polite">{move || error.get()}</p>
            </div>
        }
    }
}

/// A text input bound to `path`.
#[component]
pub fn TextField(
    /// The field's wire path with real indexes.
    #[prop(into)]
    path: String,
    /// The label; the registry's when empty.
    #[prop(optional)]
    label: &'static str,
    /// A hint under the field (it may change with other fields: a postal code's example).
    #[prop(optional, into)]
    hint: MaybeProp<String>,
    /// The input type (`text`, `email`, `date`, `number`, `tel`).
    #[prop(default = "text")]
    kind: &'static str,
    /// The browser's autofill hint.
    #[prop(optional)]
    autocomplete: &'static str,
    /// Shown but not editable (sent unchanged).
    #[prop(optional)]
    readonly: bool,
    /// Required in this form though the registry's rule for the path is not.
    #[prop(optional)]
    required: bool,
) -> impl IntoView {
    let parts = FieldParts::new(&path, label, hint).required_here(required);
    let (form, error) = (parts.form, parts.error);
    let value = form.watch(&path);
    let (p2, p3) = (path.clone(), path);
    let control = view! {
        <input id=parts.id.clone() type=kind required=parts.required readonly=readonly
            autocomplete=(!autocomplete.is_empty()).then_some(autocomplete)
            aria-invalid=move || error.get().is_some().to_string()
            aria-describedby=parts.described_by()
            prop:value=move || value.get()
            on:input=move |ev| form.set(&p2, event_target_value(&ev))
            on:blur=move |_| form.touch(&p3)/>
    };
    parts.frame(control)
}

/// A select bound to `path`.
#[component]
pub fn SelectField(
    /// The field's wire path.
    #[prop(into)]
    path: String,
    /// The label; the registry's when empty.
    #[prop(optional)]
    label: &'static str,
    /// `(value, text)` options; an empty value means "choose".
    #[prop(into)]
    options: Signal<Vec<(String, String)>>,
    /// A hint under the field.
    #[prop(optional, into)]
    hint: MaybeProp<String>,
    /// Shown but not changeable.
    #[prop(optional)]
    disabled: bool,
    /// The options are names from the API or the browser (countries, languages): marked
    /// `translate="no"`, as the API's data is.
    #[prop(optional)]
    names: bool,
) -> impl IntoView {
    let parts = FieldParts::new(&path, label, hint);
    let (form, error) = (parts.form, parts.error);
    let current = form.watch(&path);
    let (p2, p3) = (path.clone(), path);
    let control = view! {
        <select id=parts.id.clone() required=parts.required disabled=disabled
            aria-invalid=move || error.get().is_some().to_string()
            aria-describedby=parts.described_by()
            on:change=move |ev| { form.set(&p2, event_target_value(&ev)); form.touch(&p3); }>
            {move || {
                options.get().into_iter().map(|(value, text)| {
                    let v = value.clone();
                    let translate = (names && !value.is_empty()).then_some("no");
                    view! { <option value=value translate=translate selected=move || current.get() == v>{text}</option> }
                }).collect_view()
            }}
        </select>
    };
    parts.frame(control)
}

/// Checkboxes for a set of values kept comma-separated at `path`; problems of its elements
/// (`path[0]`) show on the group.
#[component]
pub fn CheckboxGroup(
    /// Where the comma-separated values are kept.
    #[prop(into)]
    path: String,
    /// The group's legend.
    legend: &'static str,
    /// `(value, text)` choices.
    options: Vec<(String, String)>,
    /// The wire path problems are reported under (`companyProfile.marketSegments`).
    #[prop(into)]
    problems_at: String,
) -> impl IntoView {
    let form = use_form();
    let id = form.id_for(&path);
    let error = Signal::derive(move || form.error(&problems_at, true));
    let boxes = options
        .into_iter()
        .map(|(value, text)| {
            let (p1, p2) = (path.clone(), path.clone());
            let box_id = format!("{id}-{value}");
            let box_id2 = box_id.clone();
            let (v1, v2) = (value.clone(), value.clone());
            let error_id = format!("{id}-error");
            let checked = move || form.get(&p1).split(',').any(|v| v == v1);
            let toggle = move |_| {
                let mut set: Vec<String> =
                    form.get_untracked(&p2).split(',').filter(|v| !v.is_empty()).map(str::to_string).collect();
                if set.contains(&v2) {
                    set.retain(|v| *v != v2);
                } else {
                    set.push(v2.clone());
                }
                form.set(&p2, set.join(","));
            };
            view! {
                <label class="check" for=box_id.clone()>
                    <input type="checkbox" id=box_id2 prop:checked=checked on:change=toggle
                        aria-invalid=move || error.get().map(|_| "true")
                        aria-describedby=move || error.get().map(|_| error_id.clone())/>
                    {text}
                </label>
            }
        })
        .collect_view();
    let id2 = id.clone();
    view! {
        <fieldset class="field group" aria-describedby=move || error.get().map(|_| format!("{id2}-error"))>
            <legend>{legend}</legend>
            {boxes}
            <p class="field-error" id=format!("{id}-error") aria-live="polite">{move || error.get()}</p>
        </fieldset>
    }
}

/// The one button that sends something: disabled and saying what it does while busy, so a
/// double click sends once. It submits its form, or runs `on_click` when given one.
#[component]
pub fn BusyButton(
    /// The label ("Create reseller").
    label: &'static str,
    /// Whether the request is on its way.
    #[prop(into)]
    busy: Signal<bool>,
    /// The label while busy ("Sending…" when not given).
    #[prop(optional)]
    working: Option<&'static str>,
    /// What a click does, for a button outside a form's submit.
    #[prop(optional)]
    on_click: Option<Callback<()>>,
    /// Held back (disabled, its label unchanged) while something the form sends is still being
    /// read; a disabled submit button also keeps Enter from sending the form.
    #[prop(optional, into)]
    held: Signal<bool>,
    /// A second action beside the page's main one (drawn plainly, not as the primary button).
    #[prop(optional)]
    secondary: bool,
) -> impl IntoView {
    let kind = if on_click.is_some() { "button" } else { "submit" };
    let class = (!secondary).then_some("primary");
    let working = working.unwrap_or_else(t::common::sending);
    view! {
        <button type=kind class=class disabled=move || busy.get() || held.get() aria-busy=move || busy.get().to_string()
            on:click=move |_| if let Some(f) = on_click { f.run(()) }>
            {move || if busy.get() { working } else { label }}
        </button>
    }
}

/// A single checkbox bound to `path` (`"true"` or empty).
#[component]
pub fn CheckField(
    /// Where the choice is kept.
    #[prop(into)]
    path: String,
    /// The label.
    label: &'static str,
    /// A hint under the box.
    #[prop(optional)]
    hint: &'static str,
) -> impl IntoView {
    let form = use_form();
    let id = form.id_for(&path);
    let (p1, p2, p3) = (path.clone(), path.clone(), path.clone());
    let error = Signal::derive(move || form.error(&p3, false));
    let (hint_id, error_id) = (format!("{id}-hint"), format!("{id}-error"));
    let error_id2 = error_id.clone();
    // The hint and, once there is one, the problem: read out with the box, as for every field.
    let described = move || {
        let ids: Vec<&str> = [(!hint.is_empty()).then_some(hint_id.as_str()), error.get().map(|_| error_id2.as_str())]
            .into_iter()
            .flatten()
            .collect();
        (!ids.is_empty()).then(|| ids.join(" "))
    };
    view! {
        <div class="field check">
            <input type="checkbox" id=id.clone() prop:checked=move || form.get(&p1) == "true"
                aria-invalid=move || error.get().is_some().to_string() aria-describedby=described
                on:change=move |ev| form.set(&p2, if event_target_checked(&ev) { "true".into() } else { String::new() })/>
            <label for=id.clone()>{label}</label>
            {(!hint.is_empty()).then(|| view! { <small class="hint" id=format!("{id}-hint")>{hint}</small> })}
            <p class="field-error" id=error_id aria-live="polite">{move || error.get()}</p>
        </div>
    }
}

/// Radio buttons bound to `path`.
#[component]
pub fn RadioField(
    /// Where the choice is kept.
    #[prop(into)]
    path: String,
    /// The group's legend.
    legend: &'static str,
    /// `(value, label, explanation)` choices.
    options: Vec<(&'static str, &'static str, &'static str)>,
) -> impl IntoView {
    let form = use_form();
    let id = form.id_for(&path);
    let name = id.clone();
    let error = {
        let p = path.clone();
        Signal::derive(move || form.error(&p, false))
    };
    let radios = options
        .into_iter()
        .map(|(value, text, explain)| {
            let (p1, p2) = (path.clone(), path.clone());
            let rid = format!("{id}-{value}");
            view! {
                <div class="radio">
                    <input type="radio" id=rid.clone() name=name.clone() value=value prop:checked=move || form.get(&p1) == value
                        aria-invalid=move || error.get().is_some().to_string()
                        on:change=move |_| form.set(&p2, value.to_string())/>
                    <label for=rid>{text}" "<small class="hint">{explain}</small></label>
                </div>
            }
        })
        .collect_view();
    let id2 = id.clone();
    view! {
        <fieldset class="field group" aria-describedby=move || error.get().map(|_| format!("{id2}-error"))>
            <legend>{legend}</legend>
            {radios}
            <p class="field-error" id=format!("{id}-error") aria-live="polite">{move || error.get()}</p>
        </fieldset>
    }
}
