//! The confirmation dialog: a modal `<dialog>` that says what will happen, with t::common::cancel() and the
//! action; Escape cancels and focus returns to where it was. t::common::cancel() comes first and has the
//! focus as the dialog opens, so an Enter pressed twice cancels rather than commits: the action
//! is one Tab away.

use crate::i18n::t;
use leptos::html;
use leptos::prelude::*;

/// Asks before an action that cannot be undone. Open it by setting `open` to true.
#[component]
pub fn ConfirmDialog(
    /// Whether the dialog is shown.
    open: RwSignal<bool>,
    /// The question ("Enroll customer … into group …?").
    title: Signal<String>,
    /// What will happen, in a sentence or two.
    body: Signal<String>,
    /// The confirming button's label.
    confirm_label: &'static str,
    /// Runs when the reseller confirms.
    on_confirm: Callback<()>,
) -> impl IntoView {
    let dialog = NodeRef::<html::Dialog>::new();
    // Whether a key went down inside the open dialog. The key press that opened it can end on
    // the button that takes the focus as it opens (a browser may deliver Enter's keydown and its
    // activation as separate tasks): that activation must neither confirm nor cancel.
    let armed = RwSignal::new(false);
    Effect::new(move |_| {
        let Some(d) = dialog.get() else { return };
        if open.get() {
            if !d.open() {
                armed.set(false);
                let _ = d.show_modal();
            }
        } else if d.open() {
            d.close();
        }
    });
    // A click the browser made from a key (trusted, `detail` 0) counts only once a key went down
    // in the dialog; a pointer's click, or one a script makes, counts at once.
    let counts = move |ev: &leptos::ev::MouseEvent| !(ev.is_trusted() && ev.detail() == 0 && !armed.get_untracked());
    let confirm = move |ev: leptos::ev::MouseEvent| {
        if counts(&ev) {
            open.set(false);
            on_confirm.run(());
        }
    };
    let cancel = move |ev: leptos::ev::MouseEvent| {
        if counts(&ev) {
            open.set(false);
        }
    };
    // Escape cancels at once (`cancel` comes before the dialog closes). The `close` event comes
    // a task later, when the dialog may have opened again: it only says closed when it is.
    view! {
        <dialog node_ref=dialog class="confirm" aria-labelledby="confirm-title" on:cancel=move |_: leptos::ev::Event| open.set(false)
            on:close=move |_| if dialog.get_untracked().is_some_and(|d| !d.open()) { open.set(false) }
            on:keydown=move |_| armed.set(true)>
            <h2 id="confirm-title">{move || title.get()}</h2>
            <p>{move || body.get()}</p>
            <div class="actions">
                <button type="button" autofocus on:click=cancel>{t::common::cancel()}</button>
                <button type="button" class="primary" on:click=confirm>{confirm_label}</button>
            </div>
        </dialog>
    }
}
