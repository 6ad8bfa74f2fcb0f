//! Toasts: short confirmations of what just happened ("Customer created"), announced politely
//! to screen readers and gone after a few seconds. They never stand in the way: the pointer
//! passes through them to what is underneath, and no more than [`AT_MOST`] show at once.

use leptos::prelude::*;
use std::time::Duration;

/// The most toasts shown at once.
pub const AT_MOST: usize = 3;

/// The console's toasts.
#[derive(Clone, Copy)]
pub struct Toasts(RwSignal<Vec<(u32, String)>>);

/// Provides the toasts; the shell calls it once.
pub fn provide_toasts() {
    provide_context(Toasts(RwSignal::new(Vec::new())));
}

/// The toasts, when provided.
pub fn use_toasts() -> Option<Toasts> {
    use_context::<Toasts>()
}

impl Toasts {
    /// Shows `message` for five seconds; the oldest goes when [`AT_MOST`] already show.
    pub fn show(&self, message: impl Into<String>) {
        let list = self.0;
        let id = list.with_untracked(|l| l.iter().map(|(i, _)| *i).max().unwrap_or(0) + 1);
        list.update(|l| {
            l.push((id, message.into()));
            let extra = l.len().saturating_sub(AT_MOST);
            l.drain(..extra);
        });
        set_timeout(move || list.update(|l| l.retain(|(i, _)| *i != id)), Duration::from_secs(5));
    }
}

/// Shows `message` as a toast, when toasts are provided.
pub fn toast(message: impl Into<String>) {
    if let Some(t) = use_toasts() {
        t.show(message);
    }
}

/// Where toasts appear.
#[component]
pub fn ToastRegion() -> impl IntoView {
    let toasts = use_toasts();
    view! {
        <div class="toasts" role="status" aria-live="polite">
            {move || toasts.map(|t| t.0.get().into_iter().map(|(_, m)| view! { <p class="toast">{m}</p> }).collect_view())}
        </div>
    }
}
