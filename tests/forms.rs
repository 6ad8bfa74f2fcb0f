//! The form machinery in the browser: problems show after leaving a field, the API's refusal
//! lands on the field it names, repeated rows move up when one is removed, drafts come back.

#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use leptos::prelude::*;
use partner_console::api::error::{ApiError, Failure};
use partner_console::components::form::{field_id, rows, FormScope, FormState, TextField, Values};
use partner_model::error::ApiErrorBody;
use partner_model::rules::validators::Invalid;
use partner_model::rules::FieldError;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn check(v: &Values) -> Vec<FieldError> {
    let name = v.get("companyProfile.companyName").cloned().unwrap_or_default();
    partner_model::rules::rule("companyProfile.companyName")
        .and_then(|r| r.validate(&name, &Default::default()).err())
        .map(|p: Invalid| vec![FieldError::new("companyProfile.companyName", p)])
        .unwrap_or_default()
}

/// The API's 1117 for `action`, naming `details`.
fn refusal(action: &str, details: Vec<String>) -> Failure {
    let body = ApiErrorBody { code: "1117".into(), message: "Invalid fields".into(), additional_details: details };
    Failure {
        error: ApiError::Api { status: 400, body },
        action: action.into(),
        request_id: "r".into(),
        correlation_id: "c".into(),
    }
}

fn blur(el: &web_sys::Element) {
    let event = web_sys::Event::new("blur").expect("event");
    el.dispatch_event(&event).expect("dispatch");
}

#[wasm_bindgen_test]
async fn a_problem_shows_once_the_field_is_left_and_the_api_refusal_lands_on_its_field() {
    let root = mount_point();
    let form = StoredValue::new(None::<FormState>);
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        let f = FormState::new(Values::new(), check, None);
        form.set_value(Some(f));
        view! { <FormScope form=f><form><TextField path="companyProfile.companyName"/></form></FormScope> }
    });
    let input = wait_for("field", || query(&root, "#f-companyProfile-companyName")).await;
    let label = query(&root, "label[for='f-companyProfile-companyName']").expect("label");
    assert_eq!(text(&label), "Company name *");
    type_into(&input, "Ab");
    sleep(20).await;
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("false"), "not while typing");
    blur(&input);
    wait_for("error", || query(&root, "#f-companyProfile-companyName-error").filter(|e| !text(e).is_empty())).await;
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(input.get_attribute("aria-describedby").as_deref(), Some("f-companyProfile-companyName-error"));
    type_into(&input, "Abcd Ltd");
    wait_for("fixed", || (input.get_attribute("aria-invalid").as_deref() == Some("false")).then_some(())).await;

    // The API refuses the value: the refusal shows at the field until it changes.
    let f = form.get_value().expect("form");
    let failure = refusal("Create customer", vec!["companyProfile.companyName".into(), "somethingElse".into()]);
    let unplaced = f.apply_failure(&failure);
    assert_eq!(unplaced, vec!["somethingElse".to_string()]);
    let error = wait_for("api error", || {
        query(&root, "#f-companyProfile-companyName-error").filter(|e| text(e).contains("1117"))
    })
    .await;
    assert!(text(&error).starts_with("Company name: the API refused this value"), "{}", text(&error));
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(f.get_untracked("companyProfile.companyName"), "Abcd Ltd", "input kept");
    type_into(&input, "Abcd Limited");
    wait_for("cleared", || (input.get_attribute("aria-invalid").as_deref() == Some("false")).then_some(())).await;
}

#[wasm_bindgen_test]
fn removing_a_row_moves_the_later_rows_up() {
    // Effects need the browser executor, which mounting starts.
    let _mounted = leptos::mount::mount_to(mount_point(), || ());
    let owner = Owner::new();
    owner.with(|| {
        let mut start = Values::new();
        for (i, name) in ["a", "b", "c"].iter().enumerate() {
            start.insert(format!("contacts[{i}].firstName"), name.to_string());
        }
        rows::set_count(&mut start, "contacts", 3);
        let form = FormState::new(start, |_| Vec::new(), None);
        rows::remove(&form, "contacts", 1);
        let v = form.values.get_untracked();
        assert_eq!(rows::count(&v, "contacts"), 2);
        assert_eq!(v.get("contacts[0].firstName").map(String::as_str), Some("a"));
        assert_eq!(v.get("contacts[1].firstName").map(String::as_str), Some("c"));
        assert!(!v.contains_key("contacts[2].firstName"));
        rows::add(&form, "contacts");
        assert_eq!(rows::count(&form.values.get_untracked(), "contacts"), 3);
    });
}

/// The account's contacts keep their names read-only, row by row ("Contact name cannot be
/// updated through API"), also once an earlier row is removed; an added row's are editable,
/// and every email is.
#[wasm_bindgen_test]
async fn contacts_the_account_has_keep_their_names_read_only_as_rows_move() {
    use partner_console::components::address::{contact_values, ContactFields, CONTACTS};
    use partner_model::types::Contact;
    let root = mount_point();
    let form = StoredValue::new(None::<FormState>);
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        let mut start = Values::new();
        let held = |first: &str| Contact {
            first_name: first.into(),
            last_name: "Lee".into(),
            email: format!("{}@example.com", first.to_lowercase()),
            ..Contact::default()
        };
        contact_values(&mut start, &[held("Ann"), held("Bo")]);
        rows::set_count(&mut start, CONTACTS, 3);
        let f = FormState::new(start, |_| Vec::new(), None);
        form.set_value(Some(f));
        view! { <FormScope form=f><form><ContactFields/></form></FormScope> }
    });
    let read_only = |i: usize, field: &str| {
        query(&root, &format!("#{}", field_id(&format!("{CONTACTS}[{i}].{field}"))))
            .map(|e| e.has_attribute("readonly"))
    };
    wait_for("three rows", || read_only(2, "firstName")).await;
    assert_eq!((read_only(0, "firstName"), read_only(1, "lastName")), (Some(true), Some(true)), "held");
    assert_eq!((read_only(2, "firstName"), read_only(0, "email")), (Some(false), Some(false)), "new row; emails");
    rows::remove(&form.get_value().expect("form"), CONTACTS, 0);
    wait_for("two rows", || read_only(2, "firstName").is_none().then_some(())).await;
    assert_eq!((read_only(0, "firstName"), read_only(1, "firstName")), (Some(true), Some(false)), "the mark moved up");
}

#[wasm_bindgen_test]
async fn a_draft_comes_back_after_a_reload_until_it_is_discarded() {
    let storage = web_sys::window().expect("window").local_storage().expect("storage").expect("local storage");
    let _ = storage.remove_item("partner-console.draft.test-draft");
    // Effects need the browser executor, which mounting starts.
    let _mounted = leptos::mount::mount_to(mount_point(), || ());
    let owner = Owner::new();
    owner.with(|| {
        let form = FormState::new(Values::new(), |_| Vec::new(), Some("test-draft".into()));
        form.set("externalReferenceId", "R-1".into());
    });
    sleep(20).await;
    assert!(storage.get_item("partner-console.draft.test-draft").expect("read").is_some(), "saved as a draft");
    let owner2 = Owner::new();
    owner2.with(|| {
        let again = FormState::new(Values::new(), |_| Vec::new(), Some("test-draft".into()));
        assert_eq!(again.get_untracked("externalReferenceId"), "R-1", "restored");
        // The instant it was kept, worded when shown (in the language shown then).
        let saved = again.restored.get_untracked().expect("restored");
        assert!(!js_sys::Date::new(&saved.as_str().into()).get_time().is_nan(), "{saved}");
        again.discard();
        assert_eq!(again.get_untracked("externalReferenceId"), "");
    });
    sleep(20).await;
    assert!(storage.get_item("partner-console.draft.test-draft").expect("read").is_none(), "discarded");
}

#[wasm_bindgen_test]
async fn a_draft_holding_a_secret_stays_in_this_tab() {
    let window = web_sys::window().expect("window");
    let local = window.local_storage().expect("storage").expect("local storage");
    let session = window.session_storage().expect("storage").expect("session storage");
    let key = "partner-console.draft.test-secret";
    let _ = session.remove_item(key);
    let _mounted = leptos::mount::mount_to(mount_point(), || ());
    let owner = Owner::new();
    owner.with(|| {
        let form = FormState::with_secret(Values::new(), |_| Vec::new(), "test-secret".into());
        form.set("approvalCode", "C0DE1234".into());
    });
    sleep(20).await;
    assert!(session.get_item(key).expect("read").is_some_and(|d| d.contains("C0DE1234")), "kept in this tab");
    assert!(local.get_item(key).expect("read").is_none(), "never on the device");
    let owner2 = Owner::new();
    owner2.with(|| {
        let again = FormState::with_secret(Values::new(), |_| Vec::new(), "test-secret".into());
        assert_eq!(again.get_untracked("approvalCode"), "C0DE1234", "restored after a reload");
        again.discard();
    });
    sleep(20).await;
    assert!(session.get_item(key).expect("read").is_none(), "discarded");
}

#[wasm_bindgen_test]
async fn a_checkbox_and_radio_buttons_announce_the_api_refusal_like_every_field() {
    use partner_console::components::form::{CheckField, RadioField};
    let root = mount_point();
    let form = StoredValue::new(None::<FormState>);
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        let mut start = Values::new();
        start.insert("globalSalesEnabled".into(), String::new());
        start.insert("ui.kind".into(), "a".into());
        let f = FormState::new(start, |_| Vec::new(), None);
        form.set_value(Some(f));
        view! {
            <FormScope form=f>
                <form>
                    <CheckField path="globalSalesEnabled" label="Global sales" hint="Sell in every country."/>
                    <RadioField path="ui.kind" legend="Kind" options=vec![("a", "A", "The first"), ("b", "B", "The second")]/>
                </form>
            </FormScope>
        }
    });
    let check = wait_for("checkbox", || query(&root, "#f-globalSalesEnabled")).await;
    assert_eq!(check.get_attribute("aria-describedby").as_deref(), Some("f-globalSalesEnabled-hint"), "the hint only");
    let failure = refusal("Update customer", vec!["globalSalesEnabled".into(), "ui.kind".into()]);
    let unplaced = form.get_value().expect("form").apply_failure(&failure);
    assert!(unplaced.is_empty(), "both placed: {unplaced:?}");
    let error =
        wait_for("checkbox error", || query(&root, "#f-globalSalesEnabled-error").filter(|e| !text(e).is_empty()))
            .await;
    assert!(text(&error).contains("1117"), "{}", text(&error));
    assert_eq!(check.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(
        check.get_attribute("aria-describedby").as_deref(),
        Some("f-globalSalesEnabled-hint f-globalSalesEnabled-error")
    );
    let radio_error =
        wait_for("radio error", || query(&root, "#f-ui-kind-error").filter(|e| !text(e).is_empty())).await;
    assert!(text(&radio_error).contains("1117"));
    let group = query(&root, "fieldset").expect("fieldset");
    assert_eq!(group.get_attribute("aria-describedby").as_deref(), Some("f-ui-kind-error"));
    let radio = query(&root, "#f-ui-kind-a").expect("radio");
    assert_eq!(radio.get_attribute("aria-invalid").as_deref(), Some("true"));
}

/// Two forms made in one component, each with its markup in its own scope: a field drawn later
/// (when its data comes) belongs to the form around it, not to the form made last.
#[wasm_bindgen_test]
async fn a_field_drawn_later_belongs_to_the_form_around_it() {
    let root = mount_point();
    let forms = StoredValue::new(None::<(FormState, FormState)>);
    let shown = RwSignal::new(false);
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        let first = FormState::new(Values::new(), check, None);
        let second = FormState::new(Values::new(), check, None).scoped("second");
        forms.set_value(Some((first, second)));
        view! {
            <FormScope form=first>
                <form>{move || shown.get().then(|| view! { <TextField path="companyProfile.companyName"/> })}</form>
            </FormScope>
            <FormScope form=second>
                <form><TextField path="companyProfile.companyName"/></form>
            </FormScope>
        }
    });
    wait_for("the second form's field", || {
        query(&root, &format!("#{}", field_id("second.companyProfile.companyName")))
    })
    .await;
    shown.set(true);
    let later =
        wait_for("the later field", || query(&root, &format!("#{}", field_id("companyProfile.companyName")))).await;
    type_into(&later, "Later Ltd");
    let (first, second) = forms.get_value().expect("forms");
    wait_for("the first form's value", || {
        (first.get_untracked("companyProfile.companyName") == "Later Ltd").then_some(())
    })
    .await;
    assert_eq!(second.get_untracked("companyProfile.companyName"), "", "the second form is untouched");
}
