//! The form machinery every create and update form uses. A form's values are kept by wire path
//! (`companyProfile.contacts[0].email`), so the model crate's request checks, the API's
//! `additionalDetails` and the fields all name a field the same way.
//!
//! - Problems come from the model's checks of the request the values build; a field shows its
//!   problem once the reseller has left it or tried to submit, with `aria-invalid` and
//!   `aria-describedby` set.
//! - Fields the API names in an error show the API's refusal until they are changed.
//! - Values are kept as a draft in local storage while they differ from the start, so a reload
//!   loses nothing; the draft goes when the form is sent or discarded. A form holding a secret
//!   (a customer's approval code) keeps its draft in this tab's session storage instead, so the
//!   secret outlives a reload but not the tab.

use crate::api::error::Failure;
use leptos::prelude::*;
use partner_model::rules::{rule, rule_for_detail, FieldError};
use std::collections::{BTreeMap, BTreeSet};

/// A form's values by wire path.
pub type Values = BTreeMap<String, String>;

/// The value at `k`, trimmed: what a request is built from.
pub fn trimmed(v: &Values, k: &str) -> String {
    v.get(k).map(|s| s.trim().to_string()).unwrap_or_default()
}

/// The state of one form, shared with its fields through context.
#[derive(Clone, Copy)]
pub struct FormState {
    pub values: RwSignal<Values>,
    initial: StoredValue<Values>,
    problems: Memo<Vec<FieldError>>,
    touched: RwSignal<BTreeSet<String>>,
    submitted: RwSignal<bool>,
    server: RwSignal<BTreeMap<String, String>>,
    draft_key: StoredValue<Option<String>>,
    draft_in: DraftIn,
    scope: StoredValue<String>,
    /// When a draft was restored at start: the time it was saved.
    pub restored: RwSignal<Option<String>>,
}

const DRAFT_PREFIX: &str = "partner-console.draft.";

#[derive(serde::Serialize, serde::Deserialize)]
struct Draft {
    saved: String,
    values: Values,
}

/// Where a form's draft is kept.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum DraftIn {
    /// Local storage: the draft outlives the tab.
    Device,
    /// Session storage: the draft outlives a reload, not the tab (for secrets).
    Tab,
}

impl DraftIn {
    fn storage(self) -> Option<web_sys::Storage> {
        match self {
            DraftIn::Device => crate::api::transport::local(),
            DraftIn::Tab => crate::api::transport::session(),
        }
    }

    /// Where the draft is, as the reseller is told.
    pub fn place(self) -> &'static str {
        match self {
            DraftIn::Device => "on this device",
            DraftIn::Tab => "in this tab until it is closed",
        }
    }
}

impl FormState {
    /// A form starting from `initial`, checked by `check`; `draft_key` names its draft (the
    /// same form for the same record shares it), `None` for forms without drafts.
    pub fn new(initial: Values, check: fn(&Values) -> Vec<FieldError>, draft_key: Option<String>) -> FormState {
        FormState::with_draft_in(initial, check, draft_key, DraftIn::Device)
    }

    /// A form whose draft holds a secret: kept in this tab only.
    pub fn with_secret(initial: Values, check: fn(&Values) -> Vec<FieldError>, draft_key: String) -> FormState {
        FormState::with_draft_in(initial, check, Some(draft_key), DraftIn::Tab)
    }

    fn with_draft_in(
        initial: Values,
        check: fn(&Values) -> Vec<FieldError>,
        draft_key: Option<String>,
        draft_in: DraftIn,
    ) -> FormState {
        let draft: Option<Draft> = draft_key
            .as_ref()
            .and_then(|k| draft_in.storage()?.get_item(&format!("{DRAFT_PREFIX}{k}")).ok().flatten())
            .and_then(|text| serde_json::from_str(&text).ok())
            .filter(|d: &Draft| d.values != initial);
        let restored = RwSignal::new(draft.as_ref().map(|d| d.saved.clone()));
        let values = RwSignal::new(draft.map(|d| d.values).unwrap_or_else(|| initial.clone()));
        let form = FormState {
            values,
            initial: StoredValue::new(initial),
            problems: Memo::new(move |_| values.with(check)),
            touched: RwSignal::new(BTreeSet::new()),
            submitted: RwSignal::new(false),
            server: RwSignal::new(BTreeMap::new()),
            draft_key: StoredValue::new(draft_key),
            draft_in,
            scope: StoredValue::new(String::new()),
            restored,
        };
        Effect::new(move |_| {
            let values = form.values.get();
            form.save_draft(&values);
        });
        provide_context(form);
        form
    }

    /// Gives the form's field ids a prefix, for pages with several forms with the same fields.
    pub fn scoped(self, scope: &str) -> FormState {
        self.scope.set_value(scope.to_string());
        self
    }

    /// The DOM id of this form's field at `path`.
    pub fn id_for(&self, path: &str) -> String {
        let scope = self.scope.get_value();
        if scope.is_empty() {
            field_id(path)
        } else {
            field_id(&format!("{scope}.{path}"))
        }
    }

    fn save_draft(&self, values: &Values) {
        let Some(key) = self.draft_key.get_value() else { return };
        let Some(store) = self.draft_in.storage() else { return };
        let key = format!("{DRAFT_PREFIX}{key}");
        if *values == self.initial.get_value() {
            let _ = store.remove_item(&key);
        } else {
            let saved = js_sys::Date::new_0()
                .to_locale_string("en-GB", &wasm_bindgen::JsValue::UNDEFINED)
                .as_string()
                .unwrap_or_default();
            let draft = Draft { saved, values: values.clone() };
            if let Ok(text) = serde_json::to_string(&draft) {
                let _ = store.set_item(&key, &text);
            }
        }
    }

    /// Forgets the draft (after the form was sent, or when the reseller discards it).
    pub fn clear_draft(&self) {
        if let (Some(key), Some(store)) = (self.draft_key.get_value(), self.draft_in.storage()) {
            let _ = store.remove_item(&format!("{DRAFT_PREFIX}{key}"));
        }
        self.restored.set(None);
    }

    /// Goes back to the starting values and forgets the draft.
    pub fn discard(&self) {
        self.values.set(self.initial.get_value());
        self.touched.set(BTreeSet::new());
        self.submitted.set(false);
        self.server.set(BTreeMap::new());
        self.clear_draft();
    }

    /// Makes the current values the form's start (after a successful save).
    pub fn settle(&self) {
        self.initial.set_value(self.values.get_untracked());
        self.clear_draft();
    }

    /// Whether the values differ from the start.
    pub fn is_dirty(&self) -> bool {
        self.values.with(|v| *v != self.initial.get_value())
    }

    /// The value at `path` (empty when unset).
    pub fn get(&self, path: &str) -> String {
        self.values.with(|v| v.get(path).cloned().unwrap_or_default())
    }

    /// The value at `path` as a memo: views that depend on one field (show this part when that
    /// box is ticked) change only when that field does, not on every keystroke elsewhere.
    pub fn watch(&self, path: &str) -> Memo<String> {
        let form = *self;
        let path = path.to_string();
        Memo::new(move |_| form.get(&path))
    }

    /// The value at `path`, without tracking.
    pub fn get_untracked(&self, path: &str) -> String {
        self.values.with_untracked(|v| v.get(path).cloned().unwrap_or_default())
    }

    /// Sets the value at `path`; the API's complaint about it, if any, goes.
    pub fn set(&self, path: &str, value: String) {
        self.values.update(|v| {
            v.insert(path.to_string(), value);
        });
        if self.server.with_untracked(|s| s.contains_key(path)) {
            self.server.update(|s| {
                s.remove(path);
            });
        }
    }

    /// Marks `path` as visited: its problem shows from now on.
    pub fn touch(&self, path: &str) {
        if !self.touched.with_untracked(|t| t.contains(path)) {
            self.touched.update(|t| {
                t.insert(path.to_string());
            });
        }
    }

    /// What is wrong with the field at `path`, once it should show: the API's refusal first,
    /// then the first problem the checks found (for a group, its elements' problems too).
    pub fn error(&self, path: &str, group: bool) -> Option<String> {
        if let Some(e) = self.server.with(|s| s.get(path).cloned()) {
            return Some(e);
        }
        let visible = self.submitted.get() || self.touched.with(|t| t.contains(path));
        if !visible {
            return None;
        }
        self.problems.with(|ps| {
            ps.iter().find(|p| p.path == path || (group && p.path.starts_with(path))).map(|p| p.problem.to_string())
        })
    }

    /// Every problem the checks find now.
    pub fn problems(&self) -> Vec<FieldError> {
        self.problems.get_untracked()
    }

    /// The reseller pressed submit: every problem shows. Returns whether there are none.
    pub fn attempt(&self) -> bool {
        self.submitted.set(true);
        let ok = self.problems.with_untracked(Vec::is_empty);
        if !ok {
            focus_first_invalid();
        }
        ok
    }

    /// Shows the API's refusal at the fields its `additionalDetails` name. Returns the details
    /// that name no field of this form (the error panel shows those).
    pub fn apply_failure(&self, failure: &Failure) -> Vec<String> {
        let mut unplaced = Vec::new();
        let known = self.values.with_untracked(|v| v.keys().cloned().collect::<BTreeSet<_>>());
        let mut server = BTreeMap::new();
        for detail in failure.error.details() {
            let path = detail.trim();
            if known.contains(path) || path_prefix_known(&known, path) {
                let label = rule_for_detail(path).map(|r| r.label).unwrap_or("This value");
                server.insert(
                    path.to_string(),
                    format!("{label}: the API refused this value ({}).", failure.error.code().unwrap_or("no code")),
                );
            } else {
                unplaced.push(detail.clone());
            }
        }
        let any = !server.is_empty();
        self.server.set(server);
        if any {
            focus_first_invalid();
        }
        unplaced
    }
}

fn path_prefix_known(known: &BTreeSet<String>, path: &str) -> bool {
    known.iter().any(|k| k.starts_with(path) && k[path.len()..].starts_with(['[', '.']))
}

/// Moves focus to the first field marked invalid, after the page shows the marks.
pub fn focus_first_invalid() {
    request_animation_frame(|| {
        if let Ok(Some(el)) = document().query_selector("form [aria-invalid=\"true\"]") {
            if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
                let _ = el.focus();
            }
        }
    });
}

/// The form of the current component tree.
/// A field outside a form (a programming error) is logged and gets a form of its own rather
/// than stopping the app.
pub fn use_form() -> FormState {
    use_context::<FormState>().unwrap_or_else(|| {
        leptos::logging::error!("a form field was mounted outside a form");
        FormState::new(Values::new(), |_| Vec::new(), None)
    })
}

/// The DOM id of the field at `path`.
pub fn field_id(path: &str) -> String {
    let mut id = String::from("f-");
    for c in path.chars() {
        id.push(if c.is_ascii_alphanumeric() { c } else { '-' });
    }
    id
}

/// `path` with its indexes dropped (`contacts[0].email` → `contacts[].email`), as the
/// registry names fields.
pub fn generic_path(path: &str) -> String {
    let mut out = String::new();
    let mut in_index = false;
    for c in path.chars() {
        match c {
            '[' => {
                out.push('[');
                in_index = true;
            }
            ']' => {
                out.push(']');
                in_index = false;
            }
            _ if in_index => {}
            _ => out.push(c),
        }
    }
    out
}

/// The label of `path` from the rule registry, or `fallback`.
pub fn label_of(path: &str, fallback: &'static str) -> &'static str {
    rule(&generic_path(path)).map(|r| r.label).unwrap_or(fallback)
}

fn is_required(path: &str) -> bool {
    rule(&generic_path(path)).is_some_and(|r| r.checks.contains(&partner_model::rules::Check::Required))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_name_registry_rules() {
        assert_eq!(generic_path("companyProfile.contacts[12].email"), "companyProfile.contacts[].email");
        assert_eq!(label_of("companyProfile.contacts[0].firstName", "x"), "First name");
        assert!(is_required("companyProfile.address.city"));
        assert!(!is_required("companyProfile.address.addressLine2"));
        assert_eq!(field_id("companyProfile.contacts[0].email"), "f-companyProfile-contacts-0--email");
    }
}

/// What every single-control field shares: its id, label, whether it is required, its
/// problem, and its hint.
struct FieldParts {
    form: FormState,
    id: String,
    label: &'static str,
    required: bool,
    error: Signal<Option<String>>,
    hint: MaybeProp<String>,
}

impl FieldParts {
    fn new(path: &str, label: &'static str, hint: MaybeProp<String>) -> FieldParts {
        let form = use_form();
        let p = path.to_string();
        FieldParts {
            form,
            id: form.id_for(path),
            label: if label.is_empty() { label_of(path, "Value") } else { label },
            required: is_required(path),
            error: Signal::derive(move || form.error(&p, false)),
            hint,
        }
    }

    /// `aria-describedby` of the control: its hint and its problem, when shown.
    fn described_by(&self) -> impl Fn() -> Option<String> + Send + Sync + 'static {
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
    fn frame<V: IntoView + 'static>(&self, control: V) -> impl IntoView + use<V> {
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
) -> impl IntoView {
    let parts = FieldParts::new(&path, label, hint);
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
                    view! { <option value=value selected=move || current.get() == v>{text}</option> }
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
                    <input type="checkbox" id=box_id2 prop:checked=checked on:change=toggle/>
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

/// Repeated groups of fields (contacts, lines): how many there are is kept at `{prefix}.#`.
pub mod rows {
    use super::{FormState, Values};
    use leptos::prelude::*;

    fn count_key(prefix: &str) -> String {
        format!("{prefix}.#")
    }

    /// The number of rows of `prefix` in `values`.
    pub fn count(values: &Values, prefix: &str) -> usize {
        values.get(&count_key(prefix)).and_then(|c| c.parse().ok()).unwrap_or(0)
    }

    /// Sets the number of rows.
    pub fn set_count(values: &mut Values, prefix: &str, n: usize) {
        values.insert(count_key(prefix), n.to_string());
    }

    /// Adds a row.
    pub fn add(form: &FormState, prefix: &str) {
        form.values.update(|v| {
            let n = count(v, prefix);
            set_count(v, prefix, n + 1);
        });
    }

    /// Removes row `i`, moving the later rows up.
    pub fn remove(form: &FormState, prefix: &str, i: usize) {
        form.values.update(|v| {
            let n = count(v, prefix);
            if i >= n {
                return;
            }
            let row = |j: usize| format!("{prefix}[{j}].");
            for j in i..n {
                let (from, to) = (row(j + 1), row(j));
                let keys: Vec<String> = v.keys().filter(|k| k.starts_with(&to)).cloned().collect();
                for k in keys {
                    v.remove(&k);
                }
                let moved: Vec<(String, String)> = v
                    .iter()
                    .filter(|(k, _)| k.starts_with(&from))
                    .map(|(k, val)| (format!("{to}{}", &k[from.len()..]), val.clone()))
                    .collect();
                for (k, val) in moved {
                    v.insert(k, val);
                }
            }
            let last = row(n - 1);
            let keys: Vec<String> = v.keys().filter(|k| k.starts_with(&last)).cloned().collect();
            for k in keys {
                v.remove(&k);
            }
            set_count(v, prefix, n - 1);
        });
    }
}

/// The submit button: disabled and saying so while the form is being sent.
#[component]
pub fn SubmitButton(
    /// The label ("Create reseller").
    label: &'static str,
    /// Whether the form is being sent.
    #[prop(into)]
    busy: Signal<bool>,
) -> impl IntoView {
    view! {
        <button type="submit" class="primary" disabled=move || busy.get() aria-busy=move || busy.get().to_string()>
            {move || if busy.get() { "Sending…" } else { label }}
        </button>
    }
}

/// "Restored your draft" with a way to discard it.
#[component]
pub fn DraftNotice() -> impl IntoView {
    let form = use_form();
    view! {
        {move || form.restored.get().map(|saved| view! {
            <div class="notice draft" role="status">
                <p>{format!("Your unsaved changes from {saved} were restored.")}</p>
                <button type="button" on:click=move |_| form.discard()>"Discard them"</button>
            </div>
        })}
    }
}

/// While the form has unsaved changes: the browser asks before a reload or closing the tab,
/// and the console asks before following a link away.
#[component]
pub fn UnsavedGuard() -> impl IntoView {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let form = use_form();
    let unload = window_event_listener(leptos::ev::beforeunload, move |ev| {
        if form.is_dirty() {
            ev.prevent_default();
            ev.set_return_value("unsaved");
        }
    });
    let click = Closure::<dyn Fn(web_sys::MouseEvent)>::new(move |ev: web_sys::MouseEvent| {
        if !form.is_dirty()
            || ev.default_prevented()
            || ev.button() != 0
            || ev.meta_key()
            || ev.ctrl_key()
            || ev.shift_key()
        {
            return;
        }
        let Some(target) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
        let Ok(Some(link)) = target.closest("a[href]") else { return };
        if link.closest("form").ok().flatten().is_some() {
            return;
        }
        let question =
            format!("You have unsaved changes. They are kept as a draft {}. Leave this page?", form.draft_in.place());
        let leave = window().confirm_with_message(&question).unwrap_or(true);
        if !leave {
            ev.prevent_default();
        }
    });
    let listener = send_wrapper::SendWrapper::new(click);
    let _ = window().add_event_listener_with_callback_and_bool("click", listener.as_ref().unchecked_ref(), true);
    on_cleanup(move || {
        let _ = window().remove_event_listener_with_callback_and_bool("click", listener.as_ref().unchecked_ref(), true);
        drop(listener);
        unload.remove();
    });
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
                    <label for=rid>{text}<small class="hint">{explain}</small></label>
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
