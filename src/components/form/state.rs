//! A form's state: values, problems from the model's checks and from the API, what was touched,
//! and the draft kept while it differs from the start.

use super::draft::{Draft, DraftIn, DRAFT_PREFIX};
use super::paths::field_id;
use super::{rows, Values};
use crate::api::error::Failure;
use leptos::context::Provider;
use leptos::prelude::*;
use partner_model::rules::{rule_for_detail, FieldError};
use std::collections::{BTreeMap, BTreeSet};

/// When a draft was saved, as the draft notice says it: the month in words ("2 December 2026
/// at 14:05"), in the language shown now and the browser's time zone. `saved` is the instant
/// (ISO 8601) the draft keeps; a draft kept before the instant was (already words) shows as it is.
pub(super) fn saved_words(saved: &str) -> String {
    let date = js_sys::Date::new(&saved.into());
    if date.get_time().is_nan() {
        return saved.to_string();
    }
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"long".into());
    let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &"short".into());
    date.to_locale_string(&crate::i18n::locale(), &options).as_string().unwrap_or_default()
}

/// Puts `value` at `path` of `values`; an empty value for a field the start did not have
/// (`started`) takes the field out, so that typed then cleared is no change.
fn put(values: &mut Values, started: bool, path: &str, value: String) {
    if value.is_empty() && !started {
        values.remove(path);
    } else {
        values.insert(path.to_string(), value);
    }
}

/// The state of one form, shared with its fields through context ([`FormScope`]).
#[derive(Clone, Copy)]
pub struct FormState {
    pub values: RwSignal<Values>,
    initial: StoredValue<Values>,
    problems: Memo<Vec<FieldError>>,
    touched: RwSignal<BTreeSet<String>>,
    submitted: RwSignal<bool>,
    server: RwSignal<BTreeMap<String, String>>,
    draft_key: StoredValue<Option<String>>,
    pub(super) draft_in: DraftIn,
    scope: StoredValue<String>,
    /// Where the form is on the page (a CSS selector): focus goes to its fields only.
    region: StoredValue<&'static str>,
    /// When a draft was restored at start: the instant it was saved (ISO 8601).
    pub restored: RwSignal<Option<String>>,
}

/// `draft`'s input with `initial`'s facts ([`super::FACT`]): what the record says now.
fn with_facts(mut draft: Values, initial: &Values) -> Values {
    draft.retain(|k, _| !k.starts_with(super::FACT));
    draft.extend(initial.iter().filter(|(k, _)| k.starts_with(super::FACT)).map(|(k, v)| (k.clone(), v.clone())));
    draft
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
            .map(|d: Draft| Draft { values: with_facts(d.values, &initial), ..d })
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
            region: StoredValue::new("main"),
            restored,
        };
        Effect::new(move |_| {
            let values = form.values.get();
            form.save_draft(&values);
        });
        form
    }

    /// Gives the form's field ids a prefix, for pages with several forms with the same fields.
    pub fn scoped(self, scope: &str) -> FormState {
        self.scope.set_value(scope.to_string());
        self
    }

    /// Says where the form is (a CSS selector; `main` unless told): after a failed submit the
    /// focus goes to the first invalid field there, not to another form's.
    pub fn within(self, region: &'static str) -> FormState {
        self.region.set_value(region);
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
            let saved = js_sys::Date::new_0().to_iso_string().as_string().unwrap_or_default();
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

    /// Starts again from `values`: nothing touched, tried or refused yet (a form that stays on
    /// the page after it did its work, like the go-to box).
    pub fn reset(&self, values: Values) {
        self.initial.set_value(values.clone());
        self.values.set(values);
        self.touched.set(BTreeSet::new());
        self.submitted.set(false);
        self.server.set(BTreeMap::new());
    }

    /// Where the field at `path` starts (empty when unset).
    pub fn start_of(&self, path: &str) -> String {
        self.initial.with_value(|v| v.get(path).cloned().unwrap_or_default())
    }

    /// Moves where the field at `path` starts: a default that data read after the form started
    /// ruled out (a segment the reseller does not sell into). The draft, "unsaved changes" and
    /// Discard go by the new start; the value itself is left as it is.
    pub fn start_at(&self, path: &str, value: String) {
        self.initial.update_value(|v| {
            v.insert(path.to_string(), value);
        });
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

    /// Sets a fact of the record learned after the form started (a [`super::FACT`] value): the
    /// start takes it too, so it is not a change the reseller made.
    pub fn set_fact(&self, path: &str, value: String) {
        let mut initial = self.initial.get_value();
        initial.insert(path.to_string(), value.clone());
        self.initial.set_value(initial);
        self.values.update(|v| {
            v.insert(path.to_string(), value);
        });
    }

    /// Sets the value at `path`; the API's complaint about it, if any, goes. Emptying a field
    /// the start did not have leaves the form as it started: typed then cleared is no change
    /// (no draft, no question on leaving).
    pub fn set(&self, path: &str, value: String) {
        let started = self.initial.with_value(|initial| initial.contains_key(path));
        self.values.update(|v| put(v, started, path, value));
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
            ps.iter()
                .find(|p| p.path == path || (group && p.path.starts_with(path)))
                .map(|p| super::problem_words(&p.problem))
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
            focus_first_invalid(self.region.get_value());
        }
        ok
    }

    /// Shows `problem` at the field at `path` until its value changes: what a check against the
    /// API found (the customer belongs to another group).
    pub fn refuse(&self, path: &str, problem: String) {
        self.server.update(|s| {
            s.insert(path.to_string(), problem);
        });
        focus_first_invalid(self.region.get_value());
    }

    /// Shows the API's refusal at the fields its `additionalDetails` name. Returns the details
    /// that name no field of this form (the error panel shows those).
    pub fn apply_failure(&self, failure: &Failure) -> Vec<String> {
        let mut unplaced = Vec::new();
        let known = self.values.with_untracked(|v| v.keys().cloned().collect::<BTreeSet<_>>());
        let mut server = BTreeMap::new();
        for detail in failure.error.details() {
            let path = detail.trim();
            if let Some((path, words)) = self.line_refusal(failure, path) {
                server.insert(path, words);
            } else if known.contains(path) || path_prefix_known(&known, path) {
                let label = rule_for_detail(path).map(|r| crate::i18n::model(r.label));
                let label = label.unwrap_or_else(crate::i18n::t::invalid::this_value);
                server.insert(
                    path.to_string(),
                    crate::i18n::t::invalid::Refused { code: failure.error.code().unwrap_or("-"), label }.text(),
                );
            } else {
                unplaced.push(detail.clone());
            }
        }
        let any = !server.is_empty();
        self.server.set(server);
        if any {
            focus_first_invalid(self.region.get_value());
        }
        unplaced
    }
}

/// Codes whose `Line Item: N` details concern the line's flexible discount code, and that field.
const LINE_FIELDS: &[(&str, &str)] = &[
    ("2141", "flexDiscountCodes[0]"),
    ("2144", "flexDiscountCodes[0]"),
    ("2145", "flexDiscountCodes[0]"),
    ("2146", "flexDiscountCodes[0]"),
    ("2147", "flexDiscountCodes[0]"),
];

impl FormState {
    /// A `Line Item: N, Reason: …` detail of a code that concerns one field of a line: that
    /// field of the row whose line number is N, with the code's meaning and what to do.
    fn line_refusal(&self, failure: &Failure, detail: &str) -> Option<(String, String)> {
        let code = failure.error.code()?;
        let field = LINE_FIELDS.iter().find(|(c, _)| *c == code)?.1;
        let number = detail.strip_prefix("Line Item:")?.split(',').next()?.trim();
        let path = self.values.with_untracked(|v| {
            (0..rows::count(v, "lineItems"))
                .find(|i| v.get(&format!("lineItems[{i}].extLineItemNumber")).is_some_and(|n| n.trim() == number))
                .map(|i| format!("lineItems[{i}].{field}"))
        })?;
        let meaning = crate::api::error::documented(code)?;
        let stop = if meaning.message.ends_with('.') { "" } else { "." };
        Some((path, format!("{}{stop} {}", meaning.message, meaning.what_to_do)))
    }
}

fn path_prefix_known(known: &BTreeSet<String>, path: &str) -> bool {
    known.iter().any(|k| k.starts_with(path) && k[path.len()..].starts_with(['[', '.']))
}

/// Moves focus to the first field marked invalid in `region` (a CSS selector), after the page
/// shows the marks.
pub fn focus_first_invalid(region: &'static str) {
    request_animation_frame(move || {
        if let Ok(Some(el)) = document().query_selector(&format!("{region} form [aria-invalid=\"true\"]")) {
            if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
                let _ = el.focus();
            }
        }
    });
}

/// Gives `form` to the fields and hooks in `children` ([`use_form`]), and to nothing outside
/// them. Every form's markup sits in one: Leptos 0.8 components share their parent's reactive
/// owner, so a context given where a form is made reaches its siblings too, and a field drawn
/// later (when data comes, in a `move ||`) would find whichever form of the page was made last.
#[component]
pub fn FormScope(form: FormState, children: Children) -> impl IntoView {
    view! { <Provider value=form>{children()}</Provider> }
}

/// The form of the [`FormScope`] around the caller.
/// A field outside a form's scope (a programming error) is logged and gets a form of its own
/// rather than stopping the app.
pub fn use_form() -> FormState {
    use_context::<FormState>().unwrap_or_else(|| {
        leptos::logging::error!("a form field was mounted outside a form");
        FormState::new(Values::new(), |_| Vec::new(), None)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_keeps_its_input_and_takes_the_records_facts_now() {
        let pair = |k: &str, v: &str| (k.to_string(), v.to_string());
        let draft = Values::from([pair("quantity", "7"), pair("fact.held", "10"), pair("fact.gone", "x")]);
        let initial = Values::from([pair("quantity", ""), pair("fact.held", "12"), pair("fact.new", "y")]);
        let restored = with_facts(draft, &initial);
        assert_eq!(restored, Values::from([pair("quantity", "7"), pair("fact.held", "12"), pair("fact.new", "y")]));
    }

    #[test]
    fn an_optional_field_typed_then_cleared_leaves_the_form_as_it_started() {
        let initial = Values::from([("quantity".to_string(), "1".to_string())]);
        let mut v = initial.clone();
        let code = "lineItems[0].flexDiscountCodes[0]";
        put(&mut v, false, code, "SAVE10".into());
        assert_ne!(v, initial);
        put(&mut v, false, code, String::new());
        assert_eq!(v, initial, "cleared: no change");
        put(&mut v, true, "quantity", String::new());
        assert_eq!(v.get("quantity").map(String::as_str), Some(""), "a field of the start emptied is a change");
    }
}
