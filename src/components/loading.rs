//! Async data on a page: a busy note while it loads, the error panel (with "Try again") when
//! it fails, the view when it arrives. Every page that reads the API shows its data this way.

use super::error_panel::ErrorPanel;
use crate::api::error::Failure;
use crate::i18n::t;
use leptos::prelude::*;
use std::time::Duration;

/// What a page's resource holds: the value, or why it is not there.
pub type Loaded<T> = LocalResource<Result<T, Failure>>;

/// Shows `resource`: busy while it loads (keeping the previous view on a refetch), the error
/// panel on failure, `render` when it arrives. With `settling`, a record that is still settling
/// (a pending account, an open order or transfer) is read again after longer and longer delays
/// until it settles.
#[component]
pub fn Load<T, F>(
    /// The resource to show.
    resource: Loaded<T>,
    /// What is loading, for the busy note ("customers").
    what: &'static str,
    /// Draws the value.
    render: F,
    /// Whether the value is still settling, so the page follows it.
    #[prop(optional)]
    settling: Option<fn(&T) -> bool>,
    /// A failure is one line ("The … are not available: …"), for a second view of data whose
    /// own view already shows the error panel.
    #[prop(optional)]
    quiet: bool,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    F: Fn(T) -> AnyView + Clone + Send + Sync + 'static,
{
    let follow = Follow::new();
    view! {
        <Transition fallback=move || view! { <p class="loading" role="status">{t::load::loading(what)}</p> }>
            {move || {
                let render = render.clone();
                Suspend::new(async move {
                    match resource.await {
                        Ok(value) => {
                            follow.again_if(settling.is_some_and(|s| s(&value)), resource);
                            render(value)
                        }
                        Err(failure) if quiet => {
                            let text = t::load::Unavailable { what, why: failure.error.what_happened() }.text();
                            view! { <p class="notice warn">{text}</p> }.into_any()
                        }
                        Err(failure) => {
                            let retry = Callback::new(move |_| resource.refetch());
                            view! { <ErrorPanel failure on_retry=retry/> }.into_any()
                        }
                    }
                })
            }}
        </Transition>
    }
}

/// How long to wait before the `n`th look at a record that is still settling: 2, 3, 5, 8, 13,
/// 20, then every 30 seconds.
pub fn follow_delay(n: u32) -> Duration {
    Duration::from_secs([2u64, 3, 5, 8, 13, 20, 30].get(n as usize).copied().unwrap_or(30))
}

/// Follows a record that is still settling: each render that finds it unsettled reads it again
/// after the next, longer delay.
#[derive(Clone, Copy)]
struct Follow(RwSignal<u32>);

impl Follow {
    fn new() -> Follow {
        Follow(RwSignal::new(0))
    }

    /// Reads `resource` again later when `settling`.
    fn again_if<T: 'static>(&self, settling: bool, resource: Loaded<T>) {
        if settling {
            let looks = self.0;
            let n = looks.get_untracked();
            set_timeout(
                move || {
                    looks.set(n + 1);
                    resource.refetch();
                },
                follow_delay(n),
            );
        }
    }
}
