//! Sending a form: one action per form, never two at once; on success the form settles (its
//! draft goes) and the page moves on; on failure the input stays, the fields the API named show
//! its refusal and the error panel says the rest.

use super::error_panel::ErrorPanel;
use super::form::{FormState, Values};
use super::loading::typed;
use crate::api::error::Failure;
use leptos::prelude::*;
use std::any::Any;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

/// A form's sending state.
#[derive(Clone, Copy)]
pub struct Submission {
    /// Whether the request is on its way.
    pub busy: Signal<bool>,
    /// The last failure, until the next attempt.
    pub failure: RwSignal<Option<Failure>>,
    dispatch: Callback<Values>,
    form: FormState,
}

impl Submission {
    /// Handles the form's `submit` event: checks every field, then sends once.
    pub fn submit(&self, ev: leptos::ev::SubmitEvent) {
        ev.prevent_default();
        if self.ready() {
            self.send();
        }
    }

    /// Checks every field (showing their problems) and says whether the form can be sent now;
    /// for a form that asks for a confirmation before [`Submission::send`].
    pub fn ready(&self) -> bool {
        if self.busy.get_untracked() {
            return false;
        }
        self.failure.set(None);
        self.form.attempt()
    }

    /// Sends the form's values, unless a send is on its way.
    pub fn send(&self) {
        if !self.busy.get_untracked() {
            self.dispatch.run(self.form.values.get_untracked());
        }
    }
}

/// Sends the form's values with `send`; `done` gets the answer, and the form settles (its
/// draft goes: what it held is saved).
#[track_caller]
pub fn use_submission<Res, Fut>(
    form: FormState,
    send: impl Fn(Values) -> Fut + 'static,
    done: impl Fn(Res) + 'static,
) -> Submission
where
    Res: Clone + 'static,
    Fut: Future<Output = Result<Res, Failure>> + 'static,
{
    submission(form, send, done, true)
}

/// Where a preview's answer is kept, with the values it was made from: any change to the form
/// drops it, so what is confirmed next is always what was previewed.
pub fn use_preview<T: Send + Sync + 'static>(form: FormState) -> RwSignal<Option<(Values, T)>> {
    let preview = RwSignal::new(None::<(Values, T)>);
    Effect::new(move |_| {
        let values = form.values.get();
        if preview.with_untracked(|p| p.as_ref().is_some_and(|(v, _)| *v != values)) {
            preview.set(None);
        }
    });
    preview
}

/// Like [`use_submission`] for a step that saves nothing (an order preview): the draft stays.
#[track_caller]
pub fn use_preview_submission<Res, Fut>(
    form: FormState,
    send: impl Fn(Values) -> Fut + 'static,
    done: impl Fn(Res) + 'static,
) -> Submission
where
    Res: Clone + 'static,
    Fut: Future<Output = Result<Res, Failure>> + 'static,
{
    submission(form, send, done, false)
}

#[track_caller]
fn submission<Res, Fut>(
    form: FormState,
    send: impl Fn(Values) -> Fut + 'static,
    done: impl Fn(Res) + 'static,
    settles: bool,
) -> Submission
where
    Res: Clone + 'static,
    Fut: Future<Output = Result<Res, Failure>> + 'static,
{
    let failure = RwSignal::new(None::<Failure>);
    let (busy, dispatch) = send_once(
        send,
        move |answer| {
            if settles {
                form.settle();
            }
            done(answer);
        },
        move |f| {
            form.apply_failure(&f);
            failure.set(Some(f));
        },
    );
    Submission { busy, failure, dispatch, form }
}

/// An answer of any form's type.
type Answer = Rc<dyn Any>;

/// One send of any form.
type Sending = Pin<Box<dyn Future<Output = Result<Answer, Failure>>>>;

/// The machinery under [`Submission`] and [`Commit`]: an action that `send`s, with `ok` or
/// `failed` run on its answer; whether it is on its way, and how to start it.
///
/// The answer's type is known here only: the action under it holds any answer
/// (`Rc<dyn Any>`), so the reactive machinery of an action is one copy in the build rather
/// than one per form.
#[track_caller]
fn send_once<Res, Fut>(
    send: impl Fn(Values) -> Fut + 'static,
    ok: impl Fn(Res) + 'static,
    failed: impl Fn(Failure) + 'static,
) -> (Signal<bool>, Callback<Values>)
where
    Res: Clone + 'static,
    Fut: Future<Output = Result<Res, Failure>> + 'static,
{
    let send = move |values: &Values| -> Sending {
        let answer = send(values.clone());
        Box::pin(async move { answer.await.map(|a| Rc::new(a) as Answer) })
    };
    let answered = move |answer: Result<Answer, Failure>| match answer {
        // Always a `Res`: only `send` above makes this action's answers.
        Ok(answer) => match typed::<Res>(&*answer) {
            Ok(answer) => ok(answer),
            Err(f) => failed(f),
        },
        Err(f) => failed(f),
    };
    erased_send_once(Box::new(send), Box::new(answered))
}

/// [`send_once`] with the answer's type put away.
#[track_caller]
fn erased_send_once(
    send: Box<dyn Fn(&Values) -> Sending>,
    answered: Box<dyn Fn(Result<Answer, Failure>)>,
) -> (Signal<bool>, Callback<Values>) {
    let action = Action::new_local(send);
    Effect::new(move |_| {
        if let Some(answer) = action.value().get() {
            answered(answer);
        }
    });
    let pending = action.pending();
    (
        Signal::derive(move || pending.get()),
        Callback::new(move |input: Values| {
            action.dispatch_local(input);
        }),
    )
}

/// The failure of a submission, as the error panel.
#[component]
pub fn SubmissionError(
    /// The form's sending state.
    submission: Submission,
) -> impl IntoView {
    move || submission.failure.get().map(|failure| view! { <ErrorPanel failure/> })
}

/// The end of a form that saves: its failure, the button that sends it, and the way back
/// without saving (`back`, an href).
#[component]
pub fn SaveActions(
    /// The form's sending state.
    submission: Submission,
    /// The button's label ("Save changes").
    label: &'static str,
    /// Where "Cancel" goes.
    back: String,
) -> impl IntoView {
    view! {
        <SubmissionError submission/>
        <div class="actions">
            <super::form::BusyButton label busy=submission.busy/>
            <leptos_router::components::A href=back>{crate::i18n::t::common::cancel()}</leptos_router::components::A>
        </div>
    }
}

/// The step after a preview: it sends exactly what was previewed, never two at once. On
/// success the form settles (its draft goes) and `done` gets the answer; on failure the preview
/// stays, with the error.
#[derive(Clone, Copy)]
pub struct Commit {
    /// Whether the request is on its way.
    pub pending: Signal<bool>,
    /// The last failure, until the next attempt.
    pub failure: RwSignal<Option<Failure>>,
    dispatch: Callback<Values>,
}

impl Commit {
    /// Sends, unless a send is on its way.
    pub fn send(&self) {
        if !self.pending.get_untracked() {
            self.failure.set(None);
            self.dispatch.run(Values::new());
        }
    }
}

/// A [`Commit`] of `form`'s preview that sends with `send`.
#[track_caller]
pub fn use_commit<Res, Fut>(form: FormState, send: impl Fn() -> Fut + 'static, done: impl Fn(Res) + 'static) -> Commit
where
    Res: Clone + 'static,
    Fut: Future<Output = Result<Res, Failure>> + 'static,
{
    let failure = RwSignal::new(None::<Failure>);
    let (pending, dispatch) = send_once(
        move |_: Values| send(),
        move |answer| {
            form.settle();
            done(answer);
        },
        move |f| failure.set(Some(f)),
    );
    Commit { pending, failure, dispatch }
}
