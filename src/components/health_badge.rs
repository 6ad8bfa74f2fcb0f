//! The header's live health badge: up, auth problem or down, with the reason, re-checked every
//! minute and on demand. The first check takes the page's own reads' word when one was answered
//! well (`health::first_look`): two requests fewer on a page load whose reads answer, which on
//! the test machine had answered before the frame with the page's main content was presented
//! and so ended Lighthouse's simulated LCP. A page that reads nothing of the API pings three
//! seconds after it is drawn; "Check again" and the minute's re-check always ping.

use crate::api::health::{self, Health};
use crate::runtime::use_runtime;
use leptos::prelude::*;
use std::time::Duration;

const RECHECK_EVERY: Duration = Duration::from_secs(60);

/// Shows whether the Commerce Partner API answers through the proxy.
///
/// The state is a signal the checks write, not a resource: a resource read in the header would
/// hold the whole console (the app's `Suspense`) on its loading note until the API answered.
#[component]
pub fn HealthBadge() -> impl IntoView {
    let runtime = use_runtime();
    let round = RwSignal::new(0u32);
    let status = RwSignal::new(None::<Health>);
    // The round whose answer is shown: "Check again" waits for the one that is out.
    let answered = RwSignal::new(None::<u32>);
    Effect::new(move |_| {
        let this = round.get();
        let runtime = runtime.clone();
        leptos::task::spawn_local(async move {
            let mut looked = None;
            if this == 0 {
                // The page's own data first: the badge says "checking" a frame longer.
                crate::api::transport::after_paint().await;
                if round.try_get_untracked().is_none() {
                    return; // the header is gone
                }
                // The page's own reads answer first: one answered well says what both pings
                // would, and the first check sends none. Only when none did (a page that reads
                // nothing, an error, no answer in time) do the pings find out what is wrong.
                if let Some(rt) = &runtime {
                    looked = health::first_look(rt).await;
                }
            }
            let health = match (looked, runtime) {
                (Some(seen), _) => seen,
                (None, Some(rt)) => health::check(&rt).await,
                (None, None) => Health::Down(crate::i18n::t::health::no_config().into()),
            };
            // Only the latest check speaks (the minute's can start while another is out), and
            // not at all once the header is gone.
            if round.try_get_untracked() == Some(this) {
                status.try_set(Some(health));
                answered.try_set(Some(this));
            }
        });
    });
    if let Ok(handle) = set_interval_with_handle(move || round.update(|n| *n += 1), RECHECK_EVERY) {
        on_cleanup(move || handle.clear());
    }
    let shown = move || status.get();
    view! {
        <div class="health" role="status" aria-live="polite">
            {move || match shown() {
                None => view! { <span class="badge checking" data-health="checking">{crate::i18n::t::health::checking()}</span> }.into_any(),
                // The badge in a slot at least as wide as "Checking…" was (its text as `data-room`, drawn
                // hidden by the stylesheet), so "Check again" does not move when the answer comes.
                Some(h) => view! {
                    <span class="health-slot" data-room=crate::i18n::t::health::checking()>
                        <span class=format!("badge {}", h.key()) data-health=h.key() title=h.reason()>{h.label()}</span>
                    </span>
                    // Only when the API is not up (up's reason is the badge's title): an empty
                    // span would still take the row's gap.
                    {(!h.is_up()).then(|| view! { <span class="health-reason">{h.reason()}</span> })}
                }
                .into_any(),
            }}
            <button
                type="button"
                class="link"
                on:click=move |_| round.update(|n| *n += 1)
                disabled=move || answered.get() != Some(round.get())
            >
                {crate::i18n::t::health::again()}
            </button>
        </div>
    }
}
