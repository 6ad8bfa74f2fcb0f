//! The error panel: what happened, what to do, a retry button when retrying can help, and
//! (folded) the ids support needs — request id, correlation id, error code. API text is shown
//! as text, never as HTML.

use crate::api::error::Failure;
use crate::i18n::t;
use leptos::prelude::*;

/// Shows a failed call.
#[component]
pub fn ErrorPanel(
    /// What failed, with its ids.
    failure: Failure,
    /// Reads the data again (t::error::try_again()); for reads only, shown when reading again may help.
    #[prop(optional)]
    on_retry: Option<Callback<()>>,
    /// What to do about it in the page's own words, naming what the API's details name, in
    /// place of the catalog's advice and the details (a code the page knows better in its
    /// context: converting a customer to LGA, where 1169 names subscriptions, not an offer).
    #[prop(optional_no_strip)]
    what_to_do: Option<AnyView>,
) -> impl IntoView {
    let sign_in = failure.error.sign_in_needed();
    let retry = on_retry.filter(|_| failure.error.worth_reading_again() || sign_in);
    // Signed in again inside the page (an embedding portal's new token): say so, or read again.
    let signed_in_again = RwSignal::new(None::<bool>);
    let app_base = crate::runtime::use_runtime().map(|rt| rt.app_base).unwrap_or_else(|| "/".into());
    let again = move |_| {
        let app_base = app_base.clone();
        leptos::task::spawn_local(async move {
            let renewed = crate::session::sign_in_again(&app_base).await;
            signed_in_again.set(Some(renewed));
            if let (true, Some(cb)) = (renewed, on_retry) {
                cb.run(());
            }
        });
    };
    let code = failure.error.code().map(str::to_string);
    let api_message = failure.error.api_message().map(str::to_string);
    // The fields the API named, in words rather than as its paths.
    let details: Vec<String> = failure.error.details().iter().map(|d| crate::components::form::in_words(d)).collect();
    // A garbled answer came back: the action may well have been done.
    let heading = match failure.error {
        crate::api::error::ApiError::Decode { .. } => t::error::unreadable(&failure.action),
        _ => t::error::not_through(&failure.action),
    };
    // A panel that appears below the fold (after a commit at the foot of a long preview) is
    // brought into the window; one already in view stays where it is.
    // Found by a unique id rather than a NodeRef: measured 7 KB less on the first load (brotli).
    static PANELS: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let id = format!("error-panel-{}", PANELS.fetch_add(1, std::sync::atomic::Ordering::Relaxed));
    let find = id.clone();
    Effect::new(move |_| {
        if let Some(el) = document().get_element_by_id(&find) {
            let options = web_sys::ScrollIntoViewOptions::new();
            options.set_block(web_sys::ScrollLogicalPosition::Nearest);
            el.scroll_into_view_with_scroll_into_view_options(&options);
        }
    });
    view! {
        <div class="error-panel" role="alert" id=id>
            <h2>{heading}</h2>
            <p class="what">{failure.error.what_happened()}</p>
            {match what_to_do {
                Some(todo) => todo,
                None => view! {
                    <p class="todo">{failure.error.what_to_do()}</p>
                    {(!details.is_empty()).then(|| view! {
                        <ul class="error-details" translate="no">{details.into_iter().map(|d| view! { <li>{d}</li> }).collect_view()}</ul>
                    })}
                }.into_any(),
            }}
            {sign_in.then(|| view! {
                <button type="button" class="primary" on:click=again>{t::error::sign_in_again()}</button>
                <p class="signed-in-again" aria-live="polite">{move || match signed_in_again.get() {
                    Some(true) => t::error::signed_in_again(),
                    Some(false) if crate::portal::parent().is_some() => t::error::portal_no_sign_in(),
                    Some(false) => "",
                    None => "",
                }}</p>
            })}
            {retry.filter(|_| !sign_in).map(|cb| view! { <button type="button" on:click=move |_| cb.run(())>{t::error::try_again()}</button> })}
            <details class="support">
                <summary>{t::error::details()}</summary>
                <dl class="facts">
                    <dt>{t::error::request_id()}</dt>
                    <dd><code>{failure.request_id}</code></dd>
                    <dt>{t::error::correlation_id()}</dt>
                    <dd><code>{failure.correlation_id}</code></dd>
                    {code.map(|c| view! { <dt>{t::error::code()}</dt><dd><code>{c}</code></dd> })}
                    {api_message.map(|m| view! { <dt>{t::error::api_message()}</dt><dd lang="en">{m}</dd> })}
                </dl>
            </details>
        </div>
    }
}
