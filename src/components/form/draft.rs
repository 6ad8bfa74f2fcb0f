//! Drafts: a form's values kept while they differ from the start, the notice that one was
//! restored, and the guard against leaving unsaved changes.

use super::state::use_form;
use super::Values;
use crate::i18n::t;
use leptos::prelude::*;

pub(super) const DRAFT_PREFIX: &str = "partner-console.draft.";

#[derive(serde::Serialize, serde::Deserialize)]
pub(super) struct Draft {
    pub(super) saved: String,
    pub(super) values: Values,
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
    pub(super) fn storage(self) -> Option<web_sys::Storage> {
        match self {
            DraftIn::Device => crate::api::transport::local(),
            DraftIn::Tab => crate::api::transport::session(),
        }
    }

    /// Where the draft is, as the reseller is told.
    pub fn place(self) -> &'static str {
        match self {
            DraftIn::Device => t::draft::on_device(),
            DraftIn::Tab => t::draft::in_tab(),
        }
    }
}

/// "Restored your draft" with a way to discard it.
#[component]
pub fn DraftNotice() -> impl IntoView {
    let form = use_form();
    view! {
        {move || form.restored.get().map(|saved| view! {
            <div class="notice draft" role="status">
                <p>{t::draft::restored(super::state::saved_words(&saved))}</p>
                <button type="button" on:click=move |_| form.discard()>{t::draft::discard()}</button>
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
        let question = t::draft::leave(form.draft_in.place());
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
