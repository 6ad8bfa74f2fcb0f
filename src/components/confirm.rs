//! The confirmation dialog: a modal `<dialog>` that says what will happen, with the action and
//! "Cancel"; Escape cancels and focus returns to where it was.

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
    // its confirming button, which takes the focus as it opens (a browser may deliver Enter's
    // keydown and its activation as separate tasks): that activation must not confirm.
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
    let confirm = move |ev: leptos::ev::MouseEvent| {
        // A click the browser made from a key (trusted, `detail` 0) counts only once a key went
        // down in the dialog; a pointer's click, or one a script makes, counts at once.
        if ev.is_trusted() && ev.detail() == 0 && !armed.get_untracked() {
            return;
        }
        open.set(false);
        on_confirm.run(());
    };
    view! {
        <dialog node_ref=dialog class="confirm" aria-labelledby="confirm-title" on:close=move |_| open.set(false)
            on:keydown=move |_| armed.set(true)>
            <h2 id="confirm-title">{move || title.get()}</h2>
            <p>{move || body.get()}</p>
            <div class="actions">
                <button type="button" class="primary" on:click=confirm>{confirm_label}</button>
                <button type="button" on:click=move |_| open.set(false)>"Cancel"</button>
            </div>
        </dialog>
    }
}
